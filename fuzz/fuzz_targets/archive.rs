#![no_main]
//! `cargo +nightly fuzz run archive`: see teema::fuzz::archive for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::archive(data));
