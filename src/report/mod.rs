//! Reports: one writer per format, all fed the same records in the same order.
//!
//! An [`Encoder`] renders one document into the bytes of its record (a JSON object, ndjson
//! lines or csv rows). It is shared by the worker threads, so documents are encoded in
//! parallel where they were analysed. A [`Sink`] receives the report's header, then every
//! encoded document and skipped input in input order (sorted by path within each folder),
//! then the summary, and writes them with the separators of its format. Sinks write as
//! records arrive, so memory does not grow with the corpus; `json` holds back only the
//! (few) skipped records, which its schema places after the documents.
//!
//! The schema is documented in the README.

mod csv;
pub mod explain;
mod html;
mod json;
mod ndjson;

use crate::analyse::{DocResult, Unit};
use crate::group::GroupSpec;
use crate::input::Skipped;
use crate::lexicon::Lexicon;
use crate::score::{Negation, Summary, scored_ids};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

/// The schema identifier written into every report.
pub const SCHEMA: &str = "teema.report/6";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// One JSON document.
    #[default]
    Json,
    /// One JSON object per line, each with a `type`.
    Ndjson,
    /// One row per document.
    Csv,
    /// One self-contained HTML page: summary chart, document table, texts with the matches.
    Html,
}

/// The tool that wrote a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tool {
    /// Always `teema`.
    #[serde(deserialize_with = "crate::intern::name")]
    pub name: crate::intern::Name,
    /// The crate version.
    #[serde(deserialize_with = "crate::intern::name")]
    pub version: crate::intern::Name,
}

/// A lexicon's identity in a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LexiconInfo {
    /// Theme id.
    pub id: String,
    /// Theme label.
    pub label: String,
    /// The lexicon's version.
    pub version: String,
    /// Evidence entries per language code.
    #[serde(deserialize_with = "crate::intern::keys")]
    pub entries: BTreeMap<crate::intern::Name, usize>,
    /// Topic entries per language code (counted in `topic_hits`, never scored).
    #[serde(deserialize_with = "crate::intern::keys")]
    pub topic_entries: BTreeMap<crate::intern::Name, usize>,
    /// SHA-256 of the lexicon file.
    pub sha256: String,
}

/// The options of a run that change its results, recorded in the report's header (and in
/// a csv report's sidecar).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOptions {
    /// `--lexicon` paths as given; empty for the built-in lexicons.
    pub lexicons: Vec<String>,
    /// `--lang`: `auto`, `fi` or `nl`.
    #[serde(deserialize_with = "crate::intern::name")]
    pub lang: crate::intern::Name,
    /// `--profile`.
    pub profile: String,
    /// `--profiles` paths as given.
    pub profiles: Vec<String>,
    /// `--keep-boilerplate`.
    pub keep_boilerplate: bool,
    /// `--unit`: `document`, `segment` or `match`.
    #[serde(deserialize_with = "crate::intern::name")]
    pub unit: crate::intern::Name,
    /// `--min-words`.
    pub min_words: u64,
    /// `--include-short`.
    pub include_short: bool,
    /// `--group-by` specs, in the order given.
    pub group_by: Vec<String>,
    /// `--input`: `text`, `jsonl`, `csv` or `html`.
    #[serde(deserialize_with = "crate::intern::name")]
    pub input: crate::intern::Name,
    /// `--text-field`.
    pub text_field: String,
    /// `--glob` patterns.
    pub glob: Vec<String>,
    /// `--hidden`.
    pub hidden: bool,
    /// `--follow`.
    pub follow: bool,
    /// `--max-decompressed`, in bytes.
    pub max_decompressed: u64,
    /// `--max-file-size`, in bytes; `null`: no limit.
    #[serde(default)]
    pub max_file_size: Option<u64>,
}

/// What a report says before its records.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// [`SCHEMA`].
    #[serde(deserialize_with = "crate::intern::name")]
    pub schema: crate::intern::Name,
    /// The tool.
    pub tool: Tool,
    /// The morphology backend used for lemmas and compound heads.
    #[serde(deserialize_with = "crate::intern::name")]
    pub morphology: crate::intern::Name,
    /// What negated matches do to the scores (`--negation`): `count`, `exclude` or
    /// `separate`.
    #[serde(deserialize_with = "crate::intern::name")]
    pub negation: crate::intern::Name,
    /// The themes, in id order.
    pub lexicons: Vec<LexiconInfo>,
    /// The run's options that change its results (set by a `teema analyse` run).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub options: Option<RunOptions>,
    /// A shard's report (`--shard I/N`): `I/N`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shard: Option<String>,
    /// A shard's report: what `teema merge` needs to check and combine the shards.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub part: Option<PartInfo>,
    /// Every theme id the scores hold, sorted: the themes' ids, and with `--negation
    /// separate` each one's `THEME_neg`.
    #[serde(skip)]
    pub scored: Vec<Arc<str>>,
}

/// What a shard's report records for `teema merge`, besides `shard`: the inputs and the
/// options that shape the documents' records and the summary. Parts to be merged must
/// agree on all of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartInfo {
    /// The PATHs walked, as given (`-`: standard input).
    pub inputs: Vec<String>,
    /// `--files-from`, as given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub files_from: Option<String>,
    /// `--lexicon` paths as given (the themes' fingerprints are in `lexicons`).
    pub lexicon_paths: Vec<String>,
    /// `--lang`: `auto`, `fi` or `nl`.
    pub lang: String,
    /// `--profile`.
    pub profile: String,
    /// `--profiles` paths as given.
    pub profiles: Vec<String>,
    /// `--keep-boilerplate`.
    pub keep_boilerplate: bool,
    /// `--unit`: `document`, `segment` or `match`.
    pub unit: String,
    /// `--evidence` (or implied by `--unit match`).
    pub evidence: bool,
    /// `--context`.
    pub context: usize,
    /// `--input`: `text`, `jsonl`, `csv` or `html`.
    pub input: String,
    /// `--text-field`.
    pub text_field: String,
    /// `--id-field`.
    pub id_field: String,
    /// `--group-by` specs, in the order given.
    pub group_by: Vec<String>,
    /// `--field` columns, in the order given.
    pub fields: Vec<String>,
    /// `--glob` patterns.
    pub glob: Vec<String>,
    /// `--hidden`.
    pub hidden: bool,
    /// `--follow`.
    pub follow: bool,
    /// `--max-decompressed`, in bytes.
    pub max_decompressed: u64,
    /// `--max-file-size`, in bytes; `null`: no limit.
    #[serde(default)]
    pub max_file_size: Option<u64>,
}

impl Header {
    /// The header for a run with `lexicon`.
    pub fn new(lexicon: &Lexicon, morphology: &'static str) -> Header {
        Header {
            schema: SCHEMA,
            tool: Tool {
                name: "teema",
                version: env!("CARGO_PKG_VERSION"),
            },
            morphology,
            negation: Negation::Count.name(),
            options: None,
            shard: None,
            part: None,
            scored: scored_ids(lexicon, Negation::Count),
            lexicons: lexicon
                .themes
                .iter()
                .map(|t| LexiconInfo {
                    id: t.id.to_string(),
                    label: t.label.clone(),
                    version: t.version.clone(),
                    entries: crate::lang::Lang::ALL
                        .iter()
                        .map(|l| (l.code(), t.side(*l).evidence().count()))
                        .collect(),
                    topic_entries: crate::lang::Lang::ALL
                        .iter()
                        .map(|l| (l.code(), t.side(*l).topic().count()))
                        .collect(),
                    sha256: t.sha256.clone(),
                })
                .collect(),
        }
    }

    /// The header of a run with `--negation negation` (the themes of `lexicon`).
    pub fn with_negation(mut self, lexicon: &Lexicon, negation: Negation) -> Header {
        self.negation = negation.name();
        self.scored = scored_ids(lexicon, negation);
        self
    }

    /// The header with the run's `options` recorded.
    pub fn with_options(mut self, options: RunOptions) -> Header {
        self.options = Some(options);
        self
    }

    /// Theme ids in order.
    pub fn theme_ids(&self) -> impl Iterator<Item = &str> {
        self.lexicons.iter().map(|l| l.id.as_str())
    }

    /// Every theme id a document's `themes` holds, in order: [`Header::theme_ids`], and with
    /// `--negation separate` each one's `THEME_neg`.
    pub fn scored_ids(&self) -> impl Iterator<Item = &str> {
        self.scored.iter().map(|id| &**id)
    }
}

/// Renders documents as records of one format. `Send + Sync`: one encoder serves all worker
/// threads.
#[derive(Debug, Clone)]
pub struct Encoder {
    kind: EncoderKind,
}

#[derive(Debug, Clone)]
enum EncoderKind {
    Json,
    Ndjson(Unit),
    Csv(csv::Rows),
    Html,
}

impl Encoder {
    /// An encoder for `format`, with rows per `unit` (ndjson, csv) and the extra `csv`
    /// columns of `columns`.
    pub fn new(format: Format, unit: Unit, columns: &Columns) -> Encoder {
        let kind = match format {
            Format::Json => EncoderKind::Json,
            Format::Ndjson => EncoderKind::Ndjson(unit),
            Format::Csv => EncoderKind::Csv(csv::Rows::new(columns.clone(), unit)),
            Format::Html => EncoderKind::Html,
        };
        Encoder { kind }
    }

    /// Appends the record(s) of `doc` to `out`, as [`Sink::document`] takes them.
    pub fn document(&self, doc: &DocResult, out: &mut Vec<u8>) -> io::Result<()> {
        match &self.kind {
            EncoderKind::Json => json::document(doc, out),
            EncoderKind::Ndjson(unit) => ndjson::document(doc, *unit, out),
            EncoderKind::Csv(rows) => rows.document(doc, out),
            EncoderKind::Html => html::document(doc, out),
        }
    }

    /// Like [`Encoder::document`], for a shard's report (`--shard`): json and ndjson
    /// records (one `document` record per document) with the document's `position` in
    /// the run over all inputs and its [`PartCounts`] first.
    pub fn part_document(
        &self,
        doc: &DocResult,
        position: u64,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        let doc = PartDocument {
            position,
            counts: PartCounts::of(doc),
            record: doc,
        };
        match &self.kind {
            EncoderKind::Json => serde_json::to_writer(out, &doc).map_err(to_io),
            _ => ndjson::part_document(&doc, out),
        }
    }
}

/// Receives a report's records in order and writes them.
pub trait Sink {
    /// Called once, first.
    fn begin(&mut self, header: &Header) -> io::Result<()>;
    /// Called for each analysed document, in input order, with the bytes the [`Encoder`] of
    /// the same format, unit and columns made of it.
    fn document(&mut self, encoded: &[u8]) -> io::Result<()>;
    /// Called for each skipped input, in input order.
    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()>;
    /// Called instead of [`Sink::skipped`] in a shard's run (`--shard`), with the input's
    /// position in the run over all inputs; json and ndjson record it.
    fn skipped_at(&mut self, skipped: &Skipped, position: u64) -> io::Result<()> {
        let _ = position;
        self.skipped(skipped)
    }
    /// Called once, last.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The extra columns of a `csv` report, fixed before any record is seen. `json` and
/// `ndjson` carry each document's whole `record` object instead.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Structured input: add `record_line` and `id` after `path`.
    pub structured: bool,
    /// One column per `--group-by` spec (but `lang`, a column already), after `tokens`.
    pub group_by: Vec<GroupSpec>,
    /// One column per `--field`, after the group columns.
    pub fields: Vec<String>,
}

/// A sink writing `format` to `out`, with rows per `unit` (ndjson, csv) and no extra `csv`
/// columns.
pub fn sink<'w>(format: Format, unit: Unit, out: Box<dyn Write + 'w>) -> Box<dyn Sink + 'w> {
    sink_with_columns(format, unit, out, &Columns::default())
}

/// A sink writing `format` to `out`, with rows per `unit` (ndjson, csv) and the extra `csv`
/// columns of `columns`.
pub fn sink_with_columns<'w>(
    format: Format,
    unit: Unit,
    out: Box<dyn Write + 'w>,
    columns: &Columns,
) -> Box<dyn Sink + 'w> {
    match format {
        Format::Json => Box::new(json::Json::new(out)),
        Format::Ndjson => Box::new(ndjson::Ndjson::new(out)),
        Format::Csv => Box::new(csv::Csv::new(out, columns.clone(), unit)),
        Format::Html => Box::new(html::Html::new(out)),
    }
}

/// A segment row of `--unit segment` output: the segment with its document's path.
#[derive(Serialize)]
pub(crate) struct SegmentRow<'a> {
    path: &'a str,
    profile: &'a str,
    /// Index of the segment in the document's `segments`.
    segment: usize,
    #[serde(flatten)]
    seg: &'a crate::analyse::SegmentResult,
    /// The document's record, for structured input.
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a crate::input::Record>,
}

impl<'a> SegmentRow<'a> {
    /// The rows of `doc`.
    pub(crate) fn of(doc: &'a DocResult) -> impl Iterator<Item = SegmentRow<'a>> {
        doc.segments.iter().enumerate().map(|(i, seg)| SegmentRow {
            path: &doc.path,
            profile: &doc.profile,
            segment: i,
            seg,
            record: doc.record.as_ref(),
        })
    }
}

/// A match row of `--unit match` output: one match's evidence with its document's path,
/// record and segment.
#[derive(Serialize)]
pub(crate) struct MatchRow<'a> {
    path: &'a str,
    /// The record's line, for structured input.
    #[serde(skip_serializing_if = "Option::is_none")]
    record_line: Option<u64>,
    /// The record's id, for structured input.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    /// The document's language.
    lang: &'a str,
    /// The kind of the segment the match is in (`segment` is its index).
    segment_kind: &'static str,
    #[serde(flatten)]
    evidence: &'a crate::analyse::Evidence,
}

impl<'a> MatchRow<'a> {
    /// The rows of `doc` (none without evidence).
    pub(crate) fn of(doc: &'a DocResult) -> impl Iterator<Item = MatchRow<'a>> {
        doc.matches.iter().flatten().map(|m| MatchRow {
            path: &doc.path,
            record_line: doc.record.as_ref().map(|r| r.line),
            id: doc.record.as_ref().and_then(|r| r.id.as_ref()),
            lang: doc.lang,
            segment_kind: doc
                .segments
                .get(m.segment as usize)
                .map_or("post", |s| s.kind.name()),
            evidence: m,
        })
    }
}

/// A report's sidecar (`--meta FILE`, or `FILE.meta.json` next to a csv report written
/// with `-o FILE`): one JSON object with the header's fields (`schema`, `tool`,
/// `morphology`, `negation`, `lexicons`, `options`), the report's `format`, the `skipped`
/// inputs and the `summary`, as the json report has them.
pub fn meta_json(
    header: &Header,
    format: Format,
    skipped: &[Skipped],
    summary: &Summary,
) -> io::Result<Vec<u8>> {
    let mut meta = serde_json::to_value(header).map_err(to_io)?;
    if let serde_json::Value::Object(map) = &mut meta {
        let format = match format {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Html => "html",
        };
        map.insert("format".into(), format.into());
        map.insert(
            "skipped".into(),
            serde_json::to_value(skipped).map_err(to_io)?,
        );
        map.insert(
            "summary".into(),
            serde_json::to_value(summary).map_err(to_io)?,
        );
    }
    let mut out = serde_json::to_vec(&meta).map_err(to_io)?;
    out.push(b'\n');
    Ok(out)
}

/// A sink that passes everything on to `inner` and keeps the skipped inputs (for
/// [`meta_json`]).
pub struct Recording<'s> {
    inner: &'s mut dyn Sink,
    /// The skipped inputs seen, in order.
    pub skipped: Vec<Skipped>,
}

impl<'s> Recording<'s> {
    /// Records what goes to `inner`.
    pub fn new(inner: &'s mut dyn Sink) -> Self {
        Recording {
            inner,
            skipped: Vec::new(),
        }
    }
}

impl Sink for Recording<'_> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.inner.begin(header)
    }

    fn document(&mut self, encoded: &[u8]) -> io::Result<()> {
        self.inner.document(encoded)
    }

    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        self.skipped.push(skipped.clone());
        self.inner.skipped(skipped)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.inner.finish(summary)
    }

    fn skipped_at(&mut self, skipped: &Skipped, position: u64) -> io::Result<()> {
        self.skipped.push(skipped.clone());
        self.inner.skipped_at(skipped, position)
    }
}

/// What a document's record leaves out but the summary counts: a shard's part carries it
/// (`counts`), so that `teema merge` counts the document as the run did. A `#[serde(skip)]`
/// field of [`DocResult`] or [`crate::analyse::SegmentResult`] that the summary reads
/// belongs here too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartCounts {
    /// [`DocResult::dic_words`].
    pub dic_words: u64,
    /// Each segment's `dic_words`, in order.
    pub segment_dic_words: Vec<u64>,
}

impl PartCounts {
    /// `doc`'s counts.
    pub fn of(doc: &DocResult) -> PartCounts {
        PartCounts {
            dic_words: doc.dic_words,
            segment_dic_words: doc.segments.iter().map(|s| s.dic_words).collect(),
        }
    }

    /// Puts the counts back into `doc`, read back from its record.
    pub fn restore(&self, doc: &mut DocResult) {
        doc.dic_words = self.dic_words;
        for (seg, &n) in doc.segments.iter_mut().zip(&self.segment_dic_words) {
            seg.dic_words = n;
        }
    }
}

/// A document record of a shard's report: `position` and `counts` before the document's
/// own fields.
#[derive(Serialize)]
pub(crate) struct PartDocument<'a> {
    pub(crate) position: u64,
    pub(crate) counts: PartCounts,
    #[serde(flatten)]
    pub(crate) record: &'a DocResult,
}

/// A record of a shard's report: `position` (the input's place in the run over all
/// inputs) before the record's own fields.
#[derive(Serialize)]
pub(crate) struct Positioned<'a, T> {
    pub(crate) position: u64,
    #[serde(flatten)]
    pub(crate) record: &'a T,
}

pub(crate) fn to_io(e: serde_json::Error) -> io::Error {
    io::Error::from(e)
}
