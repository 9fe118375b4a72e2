#![no_main]
//! `cargo +nightly fuzz run dictionary`: see teema::fuzz::dictionary for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::dictionary(data));
