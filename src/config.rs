//! The settings of a run, grouped by stage. Each group's `Default` is the only source of its
//! defaults: the command line lays the values it was given over [`Config::default()`].

use crate::analyse::{AnalyseOptions, Negation, Unit};
use crate::group::GroupSpec;
use crate::input::{InputFormat, InputOptions};
use crate::lang::Lang;
use crate::lexicon::LexiconOptions;
use crate::report::{Format, RunOptions};
use crate::segment::{Choice, SegmentOptions};
use std::path::PathBuf;

/// Everything `teema analyse` needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// What to read and how.
    pub input: InputOptions,
    /// Which lexicons, with which morphology.
    pub lexicon: LexiconOptions,
    /// Which site profiles split pages.
    pub segment: SegmentOptions,
    /// Use this language for every document instead of detecting it.
    pub lang: Option<Lang>,
    /// Count boilerplate segments in the documents' scores.
    pub keep_boilerplate: bool,
    /// What negated matches do to the scores.
    pub negation: Negation,
    /// Documents and segments with fewer words are marked `short` (`--min-words`).
    pub min_words: u64,
    /// Short documents enter the per-document statistics too (`--include-short`).
    pub include_short: bool,
    /// What the report holds and where it goes.
    pub report: ReportOptions,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// `--shard I/N`: analyse only this shard's inputs, for `teema merge`.
    pub shard: Option<crate::input::shard::Shard>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            input: InputOptions::default(),
            lexicon: LexiconOptions::default(),
            segment: SegmentOptions::default(),
            lang: None,
            keep_boilerplate: false,
            negation: Negation::default(),
            min_words: crate::analyse::DEFAULT_MIN_WORDS,
            include_short: false,
            report: ReportOptions::default(),
            threads: default_threads(),
            shard: None,
        }
    }
}

impl Config {
    /// The per-document options of this run, with the profile choice already checked.
    pub fn analyse_options(&self, profile: Choice) -> AnalyseOptions {
        AnalyseOptions {
            lang: self.lang,
            // the HTML report shows every match in the document's text
            evidence: self.report.evidence
                || self.report.unit == Unit::Match
                || self.report.format == Format::Html,
            profile,
            keep_boilerplate: self.keep_boilerplate,
            unit: self.report.unit,
            negation: self.negation,
            context: self.report.context,
            keep_text: self.report.format == Format::Html,
            min_words: self.min_words,
        }
    }

    /// The options of this run that change its results, as its report records them (the
    /// morphology and `--negation` have fields of their own in the header).
    pub fn recorded_options(&self) -> RunOptions {
        let strings = |paths: &[PathBuf]| -> Vec<String> {
            paths.iter().map(|p| p.display().to_string()).collect()
        };
        RunOptions {
            lexicons: strings(&self.lexicon.paths),
            lang: self.lang.map_or("auto", Lang::code),
            profile: self.segment.profile.clone(),
            profiles: strings(&self.segment.profiles),
            keep_boilerplate: self.keep_boilerplate,
            unit: match self.report.unit {
                Unit::Document => "document",
                Unit::Segment => "segment",
                Unit::Match => "match",
            },
            min_words: self.min_words,
            include_short: self.include_short,
            group_by: self
                .report
                .group_by
                .iter()
                .map(|g| g.name().to_string())
                .collect(),
            input: match self.input.read.format {
                InputFormat::Text => "text",
                InputFormat::Jsonl => "jsonl",
                InputFormat::Csv => "csv",
                InputFormat::Html => "html",
            },
            text_field: self.input.read.text_field.clone(),
            glob: self.input.walk.globs.clone(),
            hidden: self.input.walk.hidden,
            follow: self.input.walk.follow,
            max_decompressed: self.input.read.max_decompressed,
            max_file_size: self.input.read.max_file_size,
        }
    }
}

/// The settings of the report stage.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Report format.
    pub format: Format,
    /// Write the report here instead of standard output.
    pub output: Option<PathBuf>,
    /// Rows of the ndjson and csv reports.
    pub unit: Unit,
    /// Include every match with its byte offsets.
    pub evidence: bool,
    /// `--group-by` specs, in the order given.
    pub group_by: Vec<GroupSpec>,
    /// `--field` names: record fields written as CSV columns.
    pub fields: Vec<String>,
    /// Characters of context each side of a match in its evidence.
    pub context: usize,
    /// Write the run's provenance and summary here as JSON (`--meta`); with csv written to
    /// a file, it goes to `FILE.meta.json` unless given.
    pub meta: Option<PathBuf>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            format: Format::default(),
            output: None,
            unit: Unit::default(),
            evidence: false,
            group_by: Vec::new(),
            fields: Vec::new(),
            context: crate::analyse::DEFAULT_CONTEXT,
            meta: None,
        }
    }
}

/// The number of CPUs available to this process.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
