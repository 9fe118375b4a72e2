//! `ndjson`: a `header` line, a `document` line per analysed input (with `--unit segment`,
//! a `segment` line per segment instead; with `--unit match`, a `match` line per match), a
//! `skipped` line per skipped input, a `summary` line.

use super::{Header, MatchRow, Positioned, SegmentRow, Sink, to_io};
use crate::analyse::{DocResult, Unit};
use crate::input::Skipped;
use crate::score::Summary;
use serde::Serialize;
use std::io::{self, Write};

pub(super) struct Ndjson<W: Write> {
    out: W,
}

impl<W: Write> Ndjson<W> {
    pub(super) fn new(out: W) -> Self {
        Ndjson { out }
    }
}

/// Writes `record` as one line of type `kind`.
fn line<T: Serialize>(out: &mut impl Write, kind: &str, record: &T) -> io::Result<()> {
    #[derive(Serialize)]
    struct Tagged<'a, T> {
        #[serde(rename = "type")]
        kind: &'a str,
        #[serde(flatten)]
        record: &'a T,
    }
    serde_json::to_writer(&mut *out, &Tagged { kind, record }).map_err(to_io)?;
    out.write_all(b"\n")
}

/// The `document` line of `doc`, or with `--unit segment` its `segment` lines.
pub(super) fn document(doc: &DocResult, unit: Unit, out: &mut Vec<u8>) -> io::Result<()> {
    match unit {
        Unit::Document => line(out, "document", doc),
        Unit::Segment => SegmentRow::of(doc).try_for_each(|row| line(out, "segment", &row)),
        Unit::Match => MatchRow::of(doc).try_for_each(|row| line(out, "match", &row)),
    }
}

/// The `document` line of a shard's report: the document with its position.
pub(super) fn part_document(doc: &super::PartDocument<'_>, out: &mut Vec<u8>) -> io::Result<()> {
    line(out, "document", doc)
}

impl<W: Write> Sink for Ndjson<W> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        line(&mut self.out, "header", header)
    }

    fn document(&mut self, encoded: &[u8]) -> io::Result<()> {
        self.out.write_all(encoded)
    }

    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        line(&mut self.out, "skipped", skipped)
    }

    fn skipped_at(&mut self, record: &Skipped, position: u64) -> io::Result<()> {
        line(&mut self.out, "skipped", &Positioned { position, record })
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        line(&mut self.out, "summary", summary)?;
        self.out.flush()
    }
}
