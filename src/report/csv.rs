//! `csv`: one row per analysed document, `path,lang,profile,tokens,comments`, or with
//! `--unit segment` one row per segment, `path,segment,kind,n,parent,start,end,lang,tokens`
//! (`start`/`end`: the first span's start and the last span's end); then
//! `ID_hits,ID_per_1000` for each theme in id order. Skipped inputs have no row (they are
//! reported on stderr and in the exit code).

use super::{Header, Sink};
use crate::analyse::{DocResult, Skipped, Unit};
use crate::score::Summary;
use crate::score::ThemeScore;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

pub(super) struct Csv<W: Write> {
    out: csv::Writer<W>,
    row: Vec<String>,
    unit: Unit,
}

impl<W: Write> Csv<W> {
    pub(super) fn new(out: W, unit: Unit) -> Self {
        Csv {
            out: csv::WriterBuilder::new().from_writer(out),
            row: Vec::new(),
            unit,
        }
    }

    fn push_themes(&mut self, themes: &BTreeMap<Arc<str>, ThemeScore>) {
        for score in themes.values() {
            self.row.push(score.hits.to_string());
            self.row.push(score.per_1000.to_string());
        }
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
        let first: &[&str] = match self.unit {
            Unit::Document => &["path", "lang", "profile", "tokens", "comments"],
            Unit::Segment => &[
                "path", "segment", "kind", "n", "parent", "start", "end", "lang", "tokens",
            ],
        };
        let mut cols: Vec<String> = first.iter().map(|c| c.to_string()).collect();
        for id in header.theme_ids() {
            cols.push(format!("{id}_hits"));
            cols.push(format!("{id}_per_1000"));
        }
        self.out.write_record(&cols).map_err(to_io)
    }

    fn document(&mut self, doc: &DocResult) -> io::Result<()> {
        if self.unit == Unit::Segment {
            for (i, seg) in doc.segments.iter().enumerate() {
                self.row.clear();
                self.row.push(doc.path.clone());
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
                if let Some(themes) = &seg.themes {
                    self.push_themes(themes);
                }
                self.out.write_record(&self.row).map_err(to_io)?;
            }
            return Ok(());
        }
        self.row.clear();
        self.row.push(doc.path.clone());
        self.row.push(doc.lang.to_string());
        self.row.push(doc.profile.to_string());
        self.row.push(doc.tokens.to_string());
        let comments = doc.parts.get("comment").map_or(0, |p| p.segments);
        self.row.push(comments.to_string());
        self.push_themes(&doc.themes);
        self.out.write_record(&self.row).map_err(to_io)
    }

    fn skipped(&mut self, _skipped: &Skipped) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
