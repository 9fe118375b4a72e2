//! # teema
//!
//! Measures themes (introversion, after-hours obligations, service complaints, ...) in
//! Finnish and Dutch forum and blog text with editable lexicons, and reports per-document
//! scores as JSON, NDJSON or CSV.
//!
//! The modules follow the data flow of `teema analyse`; no module imports from a stage
//! above it:
//!
//! | stage | module | job |
//! |---|---|---|
//! | input | [`input`] | walk the inputs in sorted order, expand JSON Lines / CSV records, read (`.gz`/`.zst` decompressed), decode (UTF-8, UTF-16, Latin-1 / Windows-1252); skipped inputs with a reason |
//! | normalise | [`normalise`] | lowercase, NFC, folded punctuation, with a map to original offsets |
//! | segment | [`segment`] | split a page into post, comments, quotes and boilerplate by site profile |
//! | language | [`lang`] | Finnish, Dutch or other, per document and segment |
//! | tokenise | [`tokenise`] | words, compounds, numbers, times, URLs; sentences |
//! | lexicon | [`lexicon`], [`morph`] | load and validate themes; inflected forms |
//! | match | [`matcher`] | compile the lexicon once; find matches per document |
//! | score | [`analyse`], [`score`], [`stats`] | one document through the stages; per-document scores and measures (`wc`, `wps`, `dic`) and a mergeable summary, per group with `--group-by`, with per-document rate statistics and intervals |
//! | report | [`report`] | json / ndjson / csv writers |
//!
//! [`run`] wires walk, worker threads and report together for a [`Config`] (settings
//! grouped by stage, defaults in their `Default`). [`lexicon_tools`] holds what lexicon
//! authors use on top of the pipeline: lints, example tests, coverage and export.
//!
//! Analysing a folder, as `teema analyse` does:
//!
//! ```no_run
//! let mut config = teema::Config::default();
//! config.input.paths = vec!["corpus-samples".into()];
//! config.report.format = teema::Format::Ndjson;
//! let summary = teema::run(&config, &mut std::io::stdout(), &mut teema::Silent)?;
//! println!("{} documents", summary.documents);
//! # Ok::<(), teema::RunError>(())
//! ```
//!
//! One text, in memory:
//!
//! ```
//! use teema::{AnalyseOptions, Analyser, Detector, LexiconOptions, open_matcher};
//!
//! let matcher = open_matcher(&LexiconOptions::default())?;
//! let detector = Detector::default();
//! let mut analyser = Analyser::new(&matcher, &detector, AnalyseOptions::default());
//! let text = "Taas pitää jonottaa asiakaspalveluun puhelimessa, eikä kukaan vastaa.";
//! let doc = analyser.analyse("post.txt".into(), text.as_bytes()).unwrap();
//! assert_eq!(doc.lang, "fi");
//! assert!(doc.themes["service_complaints"].hits > 0);
//! # Ok::<(), teema::RunError>(())
//! ```

#![deny(missing_docs)]

pub mod analyse;
mod config;
pub mod diagnostic;
mod exit;
pub mod fuzz;
pub mod gate;
mod group;
pub mod input;
mod intern;
pub mod lang;
pub mod lexicon;
pub mod lexicon_tools;
pub mod matcher;
pub mod merge;
pub mod morph;
pub mod negation;
pub mod normalise;
mod offsets;
mod pipeline;
pub mod report;
pub mod score;
pub mod segment;
pub mod stats;
pub mod tokenise;

/// The README's Rust examples, compiled and run as documentation tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use analyse::{AnalyseOptions, Analyser, DocResult, Evidence, Negation, SegmentResult, Unit};
pub use config::{Config, ReportOptions, default_threads};
pub use exit::Exit;
pub use group::GroupSpec;
pub use input::{InputFormat, InputOptions, ReadOptions, Record, Skipped, WalkOptions};
pub use lang::{Detector, Lang};
pub use lexicon::{Lexicon, LexiconError, LexiconOptions};
pub use matcher::Matcher;
pub use morph::Backend;
pub use pipeline::{
    Observer, Reported, RunError, Silent, Stages, analyse_all, meta_path, open_matcher,
    remove_temporary_outputs, request_stop, run, signal_name, stop_requested,
};
pub use report::{Format, SCHEMA};
pub use score::{Summary, ThemeScore};
pub use segment::SegmentOptions;
