#![no_main]
//! `cargo +nightly fuzz run decode`: see teema::fuzz::decode for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::decode(data));
