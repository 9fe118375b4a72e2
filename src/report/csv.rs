//! `csv`: one row per analysed document, or with `--unit segment` one row per segment, or
//! with `--unit match` one row per match.
//!
//! Columns, in order:
//! * `path`; with structured input (`--input jsonl|csv`) `record_line,id`;
//! * per document: `lang,profile,tokens,comments,sentences,wc,wps,dic,short`; per segment:
//!   `segment,kind,n,parent,start,end,lang,tokens,sentences,wc,wps,dic,short` (`start`/`end`:
//!   the first span's start and the last span's end, in bytes of the original);
//! * each `--group-by` spec but `lang`, a column named as the spec holding the document's
//!   group, and each `--field NAME` a column `NAME` holding the record field (strings as
//!   they are, other JSON values as JSON text, empty when absent) ([`Columns`]);
//! * `ID_hits,ID_per_1000,ID_topic_hits,ID_negated,ID_percent,ID_score,ID_score_per_1000`
//!   for each theme in id order (with `--negation separate`, each `THEME_neg` too, in sorted
//!   order);
//! * with `--unit match` instead of the unit and theme columns: `lang,segment,segment_kind`,
//!   the extra columns, then [`MATCH_COLUMNS`] (`cue_*`, `context_*` empty when absent).
//!
//! Skipped inputs have no row (they are reported on stderr and in the exit code).

use super::{Columns, Header, Sink};
use crate::analyse::{DocResult, Evidence, SegmentResult, Unit};
use crate::input::Skipped;
use crate::score::{Summary, ThemeScore};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

/// Renders documents as csv rows; shared by the worker threads ([`super::Encoder`]).
#[derive(Debug, Clone)]
pub(super) struct Rows {
    columns: Columns,
    unit: Unit,
}

/// One row being built.
struct Row<'a> {
    rows: &'a Rows,
    cells: Vec<String>,
}

impl Rows {
    pub(super) fn new(mut columns: Columns, unit: Unit) -> Self {
        columns.group_by.retain(|g| !g.is_lang());
        Rows { columns, unit }
    }

    /// The header row.
    fn header(&self, header: &Header) -> Vec<String> {
        let mut cols = vec!["path".to_string()];
        if self.columns.structured {
            cols.extend(["record_line".to_string(), "id".into()]);
        }
        let unit_cols: &[&str] = match self.unit {
            Unit::Document => &[
                "lang",
                "profile",
                "tokens",
                "comments",
                "sentences",
                "wc",
                "wps",
                "dic",
                "short",
            ],
            Unit::Segment => &[
                "segment",
                "kind",
                "n",
                "parent",
                "start",
                "end",
                "lang",
                "tokens",
                "sentences",
                "wc",
                "wps",
                "dic",
                "short",
            ],
            Unit::Match => &["lang", "segment", "segment_kind"],
        };
        cols.extend(unit_cols.iter().map(|c| c.to_string()));
        cols.extend(self.columns.group_by.iter().map(|g| g.name().to_string()));
        cols.extend(self.columns.fields.iter().cloned());
        if self.unit == Unit::Match {
            cols.extend(MATCH_COLUMNS.iter().map(|c| c.to_string()));
            return cols;
        }
        for id in header.scored_ids() {
            cols.push(format!("{id}_hits"));
            cols.push(format!("{id}_per_1000"));
            cols.push(format!("{id}_topic_hits"));
            cols.push(format!("{id}_negated"));
            cols.push(format!("{id}_percent"));
            cols.push(format!("{id}_score"));
            cols.push(format!("{id}_score_per_1000"));
        }
        cols
    }

    /// The row of `doc`, or with `--unit segment` the rows of its segments.
    pub(super) fn document(&self, doc: &DocResult, out: &mut Vec<u8>) -> io::Result<()> {
        let mut writer = csv::WriterBuilder::new()
            .buffer_capacity(1024)
            .from_writer(out);
        if self.unit == Unit::Match {
            for m in doc.matches.iter().flatten() {
                let row = self.evidence(doc, m);
                writer.write_record(&row.cells).map_err(to_io)?;
            }
        } else if self.unit == Unit::Segment {
            for (i, seg) in doc.segments.iter().enumerate() {
                let row = self.segment(doc, i, seg);
                writer.write_record(&row.cells).map_err(to_io)?;
            }
        } else {
            let mut row = self.start(doc);
            row.cells.push(doc.lang.to_string());
            row.cells.push(doc.profile.to_string());
            row.cells.push(doc.tokens.to_string());
            let comments = doc.parts.get("comment").map_or(0, |p| p.segments);
            row.cells.push(comments.to_string());
            row.cells.push(doc.sentences.to_string());
            row.cells.push(doc.wc.to_string());
            row.cells.push(doc.wps.to_string());
            row.cells.push(doc.dic.to_string());
            row.cells.push(doc.short.to_string());
            row.extra(doc, None);
            row.themes(&doc.themes);
            writer.write_record(&row.cells).map_err(to_io)?;
        }
        writer.flush()
    }

    /// Starts a row: the path and the record's columns.
    fn start(&self, doc: &DocResult) -> Row<'_> {
        let mut cells = vec![doc.path.clone()];
        if self.columns.structured {
            let record = doc.record.as_ref();
            cells.push(record.map_or_else(String::new, |r| r.line.to_string()));
            cells.push(cell(record.and_then(|r| r.id.as_ref())));
        }
        Row { rows: self, cells }
    }

    fn segment(&self, doc: &DocResult, i: usize, seg: &SegmentResult) -> Row<'_> {
        let mut row = self.start(doc);
        let first = seg.spans.first().map_or(0, |s| s[0]);
        let last = seg.spans.last().map_or(first, |s| s[1]);
        row.cells.extend([
            i.to_string(),
            seg.kind.name().to_string(),
            seg.n.to_string(),
            seg.parent.map(|p| p.to_string()).unwrap_or_default(),
            first.to_string(),
            last.to_string(),
            seg.lang.to_string(),
            seg.tokens.to_string(),
            opt(seg.sentences),
            opt(seg.wc),
            opt(seg.wps),
            opt(seg.dic),
            opt(seg.short),
        ]);
        row.extra(doc, Some(seg));
        if let Some(themes) = &seg.themes {
            row.themes(themes);
        }
        row
    }
}

impl Rows {
    /// The row of one match of `doc`.
    fn evidence(&self, doc: &DocResult, m: &Evidence) -> Row<'_> {
        let mut row = self.start(doc);
        let kind = doc.segments.get(m.segment as usize);
        row.cells.extend([
            doc.lang.to_string(),
            m.segment.to_string(),
            kind.map_or("", |s| s.kind.name()).to_string(),
        ]);
        row.extra(doc, kind);
        let opt = |x: Option<usize>| x.map(|x| x.to_string()).unwrap_or_default();
        let context = m.context.as_ref();
        row.cells.extend([
            m.theme.to_string(),
            m.entry.to_string(),
            m.kind.to_string(),
            m.start.to_string(),
            m.end.to_string(),
            m.line.to_string(),
            m.column.to_string(),
            m.sentence.to_string(),
            m.topic.to_string(),
            m.negated.to_string(),
            opt(m.cue.map(|c| c[0])),
            opt(m.cue.map(|c| c[1])),
            context.map(|c| c.entry.to_string()).unwrap_or_default(),
            opt(context.map(|c| c.start)),
            opt(context.map(|c| c.end)),
            m.left.clone(),
            m.text.clone(),
            m.right.clone(),
        ]);
        row
    }
}

/// The columns of a `--unit match` row after the document's and the extra columns.
const MATCH_COLUMNS: [&str; 18] = [
    "theme",
    "entry",
    "kind",
    "start",
    "end",
    "line",
    "column",
    "sentence",
    "topic",
    "negated",
    "cue_start",
    "cue_end",
    "context_entry",
    "context_start",
    "context_end",
    "left",
    "text",
    "right",
];

impl Row<'_> {
    /// The group and field columns.
    fn extra(&mut self, doc: &DocResult, seg: Option<&SegmentResult>) {
        for g in &self.rows.columns.group_by {
            self.cells.push(match seg {
                Some(seg) => g.segment_key(doc, seg),
                None => g.key(doc),
            });
        }
        let record = doc.record.as_ref();
        for f in &self.rows.columns.fields {
            self.cells.push(cell(record.and_then(|r| r.field(f))));
        }
    }

    fn themes(&mut self, themes: &BTreeMap<Arc<str>, ThemeScore>) {
        for score in themes.values() {
            self.cells.push(score.hits.to_string());
            self.cells.push(score.per_1000.to_string());
            self.cells.push(score.topic_hits.to_string());
            self.cells.push(score.negated.to_string());
            self.cells.push(score.percent.to_string());
            self.cells.push(score.score.to_string());
            self.cells.push(score.score_per_1000.to_string());
        }
    }
}

/// The `csv` sink: the header row, then the encoded rows as they come.
pub(super) struct Csv<W: Write> {
    out: W,
    rows: Rows,
}

impl<W: Write> Csv<W> {
    pub(super) fn new(out: W, columns: Columns, unit: Unit) -> Self {
        Csv {
            out,
            rows: Rows::new(columns, unit),
        }
    }
}

/// An optional value as a cell (empty when absent).
fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn cell(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<W: Write> Sink for Csv<W> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(&mut self.out);
        writer
            .write_record(self.rows.header(header))
            .map_err(to_io)?;
        writer.flush()
    }

    fn document(&mut self, encoded: &[u8]) -> io::Result<()> {
        self.out.write_all(encoded)
    }

    fn skipped(&mut self, _skipped: &Skipped) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
