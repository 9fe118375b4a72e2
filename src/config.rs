//! The settings of an analysis run, with their defaults in one place.

use crate::analyse::Unit;
use crate::group::GroupSpec;
use crate::lang::Lang;
use crate::records::ReadOptions;
use crate::report::Format;
use std::path::PathBuf;

/// Everything `teema analyse` needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and folders to analyse; `-` is standard input.
    pub inputs: Vec<PathBuf>,
    /// Lexicon files or folders; empty means the built-in lexicons.
    pub lexicons: Vec<PathBuf>,
    /// Report format.
    pub format: Format,
    /// Write the report here instead of standard output.
    pub output: Option<PathBuf>,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Use this language for every document instead of detecting it.
    pub lang: Option<Lang>,
    /// Include every match with its byte offsets.
    pub evidence: bool,
    /// `--glob` patterns (`!` excludes).
    pub globs: Vec<String>,
    /// Walk hidden files and folders.
    pub hidden: bool,
    /// Follow symbolic links.
    pub follow: bool,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show a progress bar on standard error.
    pub progress: bool,
    /// The morphology backend (one of [`crate::morph::BACKENDS`]).
    pub morph: String,
    /// The site profile: `auto`, `none` or a profile id.
    pub profile: String,
    /// Extra site profile files or folders (added to the shipped ones, overriding by id).
    pub profiles: Vec<PathBuf>,
    /// Count boilerplate segments in the documents' scores.
    pub keep_boilerplate: bool,
    /// Rows of the ndjson and csv reports.
    pub unit: Unit,
    /// How inputs are read: text, JSON Lines or CSV; decompression limit.
    pub read: ReadOptions,
    /// `--group-by` specs, in the order given.
    pub group_by: Vec<GroupSpec>,
    /// `--field` names: record fields written as CSV columns.
    pub fields: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            lexicons: Vec::new(),
            format: Format::Json,
            output: None,
            threads: default_threads(),
            lang: None,
            evidence: false,
            globs: Vec::new(),
            hidden: false,
            follow: false,
            quiet: false,
            progress: false,
            morph: crate::morph::BACKENDS[0].to_string(),
            profile: "auto".into(),
            profiles: Vec::new(),
            keep_boilerplate: false,
            unit: Unit::Document,
            read: ReadOptions::default(),
            group_by: Vec::new(),
            fields: Vec::new(),
        }
    }
}

/// The number of CPUs available to this process.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
