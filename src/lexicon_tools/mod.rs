//! Tools for lexicon authors, built on the pipeline: lint warnings and example tests
//! ([`audit`]), words that co-occur with theme hits but are in no lexicon ([`coverage`]),
//! export to other dictionary formats ([`export`]), and judged samples of matches
//! ([`validate`]).

pub mod audit;
pub mod coverage;
pub mod export;
pub mod validate;
