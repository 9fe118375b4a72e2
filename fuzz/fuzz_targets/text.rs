#![no_main]
//! `cargo +nightly fuzz run text`: see teema::fuzz::text for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::text(data));
