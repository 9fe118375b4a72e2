#![no_main]
//! `cargo +nightly fuzz run warc`: see teema::fuzz::warc for what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| teema::fuzz::warc(data));
