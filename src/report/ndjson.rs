//! `ndjson`: a `header` line, a `document` line per analysed input (with `--unit segment`,
//! a `segment` line per segment instead), a `skipped` line per skipped input, a `summary`
//! line.

use super::{Header, SegmentRow, Sink, to_io};
use crate::analyse::{DocResult, Skipped, Unit};
use crate::score::Summary;
use serde::Serialize;
use std::io::{self, Write};

pub(super) struct Ndjson<W: Write> {
    out: W,
    unit: Unit,
}

impl<W: Write> Ndjson<W> {
    pub(super) fn new(out: W, unit: Unit) -> Self {
        Ndjson { out, unit }
    }

    fn line<T: Serialize>(&mut self, kind: &str, record: &T) -> io::Result<()> {
        #[derive(Serialize)]
        struct Tagged<'a, T> {
            #[serde(rename = "type")]
            kind: &'a str,
            #[serde(flatten)]
            record: &'a T,
        }
        serde_json::to_writer(&mut self.out, &Tagged { kind, record }).map_err(to_io)?;
        self.out.write_all(b"\n")
    }
}

impl<W: Write> Sink for Ndjson<W> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.line("header", header)
    }

    fn document(&mut self, doc: &DocResult) -> io::Result<()> {
        match self.unit {
            Unit::Document => self.line("document", doc),
            Unit::Segment => SegmentRow::of(doc).try_for_each(|row| self.line("segment", &row)),
        }
    }

    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        self.line("skipped", skipped)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.line("summary", summary)?;
        self.out.flush()
    }
}
