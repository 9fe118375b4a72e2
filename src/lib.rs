//! # teema
//!
//! Measures themes (introversion, after-hours obligations, service complaints, ...) in
//! Finnish and Dutch forum and blog text with editable lexicons, and reports per-document
//! scores as JSON, NDJSON or CSV.
//!
//! The modules follow the data flow of `teema analyse`:
//!
//! | stage | module | job |
//! |---|---|---|
//! | walk | [`walk`] | find the inputs in sorted order; skipped ones with a reason |
//! | read / decode | [`read`], [`compress`], [`records`], [`decode`] | bytes (`.gz`/`.zst` decompressed; JSON Lines / CSV records) → UTF-8 text (UTF-8, UTF-16, Latin-1 / Windows-1252) |
//! | normalise | [`normalise`] | lowercase, NFC, folded punctuation, with a map to original offsets |
//! | language | [`lang`] | Finnish, Dutch or other, per document |
//! | tokenise | [`tokenise`] | words, compounds, numbers, times, URLs; sentences |
//! | lexicon | [`lexicon`], [`morph`] | load and validate themes; inflected forms |
//! | match | [`matcher`] | compile the lexicon once; find matches per document |
//! | score | [`score`], [`group`] | per-document scores and a mergeable summary, per group with `--group-by` |
//! | report | [`report`] | json / ndjson / csv writers |
//!
//! [`analyse`] runs the per-document stages; [`pipeline`] wires walk, worker threads and
//! report together. [`lexicon_tools`] holds what lexicon authors use on top of the pipeline:
//! lints, example tests, coverage and export.
//!
//! ```
//! use teema::{analyse::{Analyser, AnalyseOptions}, lang::Detector, lexicon::Lexicon};
//! use teema::matcher::Matcher;
//!
//! let matcher = Matcher::new(Lexicon::builtin()?, teema::morph::default_backend());
//! let detector = Detector::default();
//! let mut analyser = Analyser::new(&matcher, &detector, AnalyseOptions::default());
//! let text = "Taas pitää jonottaa asiakaspalveluun puhelimessa, eikä kukaan vastaa.";
//! let doc = analyser.analyse("post.txt".into(), text.as_bytes()).unwrap();
//! assert_eq!(doc.lang, "fi");
//! assert!(doc.themes["service_complaints"].hits > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod analyse;
pub mod compress;
pub mod config;
pub mod decode;
pub mod exit;
pub mod group;
pub mod html;
pub mod lang;
pub mod lexicon;
pub mod lexicon_tools;
pub mod matcher;
pub mod morph;
pub mod normalise;
pub mod offsets;
pub mod pipeline;
pub mod read;
pub mod records;
pub mod report;
pub mod score;
pub mod segment;
pub mod tokenise;
pub mod walk;
