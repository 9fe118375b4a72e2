//! Tools for lexicon authors, built on the pipeline: lint warnings and example tests
//! ([`audit`]), words that co-occur with theme hits but are in no lexicon ([`coverage`]),
//! and export to other dictionary formats ([`export`]).

pub mod audit;
pub mod coverage;
pub mod export;
