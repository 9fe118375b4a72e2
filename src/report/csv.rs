//! `csv`: one row per analysed document, or with `--unit segment` one row per segment.
//!
//! Columns, in order:
//! * `path`; with structured input (`--input jsonl|csv`) `record_line,id`;
//! * per document: `lang,profile,tokens,comments`; per segment:
//!   `segment,kind,n,parent,start,end,lang,tokens` (`start`/`end`: the first span's start
//!   and the last span's end, in bytes of the original);
//! * each `--group-by` spec but `lang`, a column named as the spec holding the document's
//!   group, and each `--field NAME` a column `NAME` holding the record field (strings as
//!   they are, other JSON values as JSON text, empty when absent) ([`Columns`]);
//! * `ID_hits,ID_per_1000` for each theme in id order.
//!
//! Skipped inputs have no row (they are reported on stderr and in the exit code).

use super::{Columns, Header, Sink};
use crate::analyse::{DocResult, SegmentResult, Skipped, Unit};
use crate::score::{Summary, ThemeScore};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

pub(super) struct Csv<W: Write> {
    out: csv::Writer<W>,
    row: Vec<String>,
    columns: Columns,
    unit: Unit,
}

impl<W: Write> Csv<W> {
    pub(super) fn new(out: W, mut columns: Columns, unit: Unit) -> Self {
        columns.group_by.retain(|g| !g.is_lang());
        Csv {
            out: csv::WriterBuilder::new().from_writer(out),
            row: Vec::new(),
            columns,
            unit,
        }
    }

    /// Starts a row: the path and the record's columns.
    fn start(&mut self, doc: &DocResult) {
        self.row.clear();
        self.row.push(doc.path.clone());
        if self.columns.structured {
            let record = doc.record.as_ref();
            self.row
                .push(record.map_or_else(String::new, |r| r.line.to_string()));
            self.row.push(cell(record.and_then(|r| r.id.as_ref())));
        }
    }

    /// The group and field columns.
    fn extra(&mut self, doc: &DocResult) {
        for g in &self.columns.group_by {
            self.row.push(g.key(doc));
        }
        let record = doc.record.as_ref();
        for f in &self.columns.fields {
            self.row.push(cell(record.and_then(|r| r.field(f))));
        }
    }

    fn themes(&mut self, themes: &BTreeMap<Arc<str>, ThemeScore>) {
        for score in themes.values() {
            self.row.push(score.hits.to_string());
            self.row.push(score.per_1000.to_string());
        }
    }

    fn segment(&mut self, doc: &DocResult, i: usize, seg: &SegmentResult) -> io::Result<()> {
        self.start(doc);
        self.row.push(i.to_string());
        self.row.push(seg.kind.name().to_string());
        self.row.push(seg.n.to_string());
        self.row
            .push(seg.parent.map(|p| p.to_string()).unwrap_or_default());
        let first = seg.spans.first().map_or(0, |s| s[0]);
        let last = seg.spans.last().map_or(first, |s| s[1]);
        self.row.push(first.to_string());
        self.row.push(last.to_string());
        self.row.push(seg.lang.to_string());
        self.row.push(seg.tokens.to_string());
        self.extra(doc);
        if let Some(themes) = &seg.themes {
            self.themes(themes);
        }
        self.out.write_record(&self.row).map_err(to_io)
    }
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
        let mut cols = vec!["path".to_string()];
        if self.columns.structured {
            cols.extend(["record_line".to_string(), "id".into()]);
        }
        let unit_cols: &[&str] = match self.unit {
            Unit::Document => &["lang", "profile", "tokens", "comments"],
            Unit::Segment => &[
                "segment", "kind", "n", "parent", "start", "end", "lang", "tokens",
            ],
        };
        cols.extend(unit_cols.iter().map(|c| c.to_string()));
        cols.extend(self.columns.group_by.iter().map(|g| g.name().to_string()));
        cols.extend(self.columns.fields.iter().cloned());
        for id in header.theme_ids() {
            cols.push(format!("{id}_hits"));
            cols.push(format!("{id}_per_1000"));
        }
        self.out.write_record(&cols).map_err(to_io)
    }

    fn document(&mut self, doc: &DocResult) -> io::Result<()> {
        if self.unit == Unit::Segment {
            for (i, seg) in doc.segments.iter().enumerate() {
                self.segment(doc, i, seg)?;
            }
            return Ok(());
        }
        self.start(doc);
        self.row.push(doc.lang.to_string());
        self.row.push(doc.profile.to_string());
        self.row.push(doc.tokens.to_string());
        let comments = doc.parts.get("comment").map_or(0, |p| p.segments);
        self.row.push(comments.to_string());
        self.extra(doc);
        self.themes(&doc.themes);
        self.out.write_record(&self.row).map_err(to_io)
    }

    fn skipped(&mut self, _skipped: &Skipped) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
