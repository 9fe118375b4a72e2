//! `csv`: one row per analysed document: `path,lang,tokens`, then `ID_hits,ID_per_1000` for
//! each theme in id order. Skipped inputs have no row (they are reported on stderr and in
//! the exit code).

use super::{Header, Sink};
use crate::analyse::{DocResult, Skipped};
use crate::score::Summary;
use std::io::{self, Write};

pub(super) struct Csv<W: Write> {
    out: csv::Writer<W>,
    row: Vec<String>,
}

impl<W: Write> Csv<W> {
    pub(super) fn new(out: W) -> Self {
        Csv {
            out: csv::WriterBuilder::new().from_writer(out),
            row: Vec::new(),
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
        let mut cols = vec!["path".to_string(), "lang".into(), "tokens".into()];
        for id in header.theme_ids() {
            cols.push(format!("{id}_hits"));
            cols.push(format!("{id}_per_1000"));
        }
        self.out.write_record(&cols).map_err(to_io)
    }

    fn document(&mut self, doc: &DocResult) -> io::Result<()> {
        self.row.clear();
        self.row.push(doc.path.clone());
        self.row.push(doc.lang.to_string());
        self.row.push(doc.tokens.to_string());
        for score in doc.themes.values() {
            self.row.push(score.hits.to_string());
            self.row.push(score.per_1000.to_string());
        }
        self.out.write_record(&self.row).map_err(to_io)
    }

    fn skipped(&mut self, _skipped: &Skipped) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
