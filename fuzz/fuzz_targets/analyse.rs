#![no_main]
//! `cargo +nightly fuzz run analyse`: see teema::fuzz::analyse for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::analyse(data));
