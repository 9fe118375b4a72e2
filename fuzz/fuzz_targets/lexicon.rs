#![no_main]
//! `cargo +nightly fuzz run lexicon`: see teema::fuzz::lexicon for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::lexicon(data));
