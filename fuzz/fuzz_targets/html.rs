#![no_main]
//! `cargo +nightly fuzz run html`: see teema::fuzz::html for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::html(data));
