//! `csv`: one row per analysed document: `path,lang,tokens`, then `ID_hits,ID_per_1000` for
//! each theme in id order. Skipped inputs have no row (they are reported on stderr and in
//! the exit code).
//!
//! Extra columns ([`Columns`]): structured input adds `record_line,id` after `path`; each
//! `--group-by` spec but `lang` adds a column named as the spec holding the document's group,
//! and each `--field NAME` a column `NAME` holding the record field (strings as they are,
//! other JSON values as JSON text, empty when absent), after `tokens`.

use super::{Columns, Header, Sink};
use crate::analyse::{DocResult, Skipped};
use crate::score::Summary;
use std::io::{self, Write};

pub(super) struct Csv<W: Write> {
    out: csv::Writer<W>,
    row: Vec<String>,
    columns: Columns,
}

impl<W: Write> Csv<W> {
    pub(super) fn new(out: W, mut columns: Columns) -> Self {
        columns.group_by.retain(|g| !g.is_lang());
        Csv {
            out: csv::WriterBuilder::new().from_writer(out),
            row: Vec::new(),
            columns,
        }
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
        cols.extend(["lang".to_string(), "tokens".into()]);
        cols.extend(self.columns.group_by.iter().map(|g| g.name().to_string()));
        cols.extend(self.columns.fields.iter().cloned());
        for id in header.theme_ids() {
            cols.push(format!("{id}_hits"));
            cols.push(format!("{id}_per_1000"));
        }
        self.out.write_record(&cols).map_err(to_io)
    }

    fn document(&mut self, doc: &DocResult) -> io::Result<()> {
        self.row.clear();
        self.row.push(doc.path.clone());
        let record = doc.record.as_ref();
        if self.columns.structured {
            self.row
                .push(record.map_or_else(String::new, |r| r.line.to_string()));
            self.row.push(cell(record.and_then(|r| r.id.as_ref())));
        }
        self.row.push(doc.lang.to_string());
        self.row.push(doc.tokens.to_string());
        for g in &self.columns.group_by {
            self.row.push(g.key(doc));
        }
        for f in &self.columns.fields {
            self.row.push(cell(record.and_then(|r| r.field(f))));
        }
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
