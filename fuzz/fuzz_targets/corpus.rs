#![no_main]
//! `cargo +nightly fuzz run corpus`: see teema::fuzz::corpus for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::corpus(data));
