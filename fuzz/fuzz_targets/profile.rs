#![no_main]
//! `cargo +nightly fuzz run profile`: see teema::fuzz::profile for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::profile(data));
