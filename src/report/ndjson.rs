//! `ndjson`: a `header` line, a `document` or `skipped` line per input, a `summary` line.

use super::{Header, Sink, to_io};
use crate::analyse::{DocResult, Skipped};
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
        self.line("document", doc)
    }

    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        self.line("skipped", skipped)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.line("summary", summary)?;
        self.out.flush()
    }
}
