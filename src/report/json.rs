//! `json`: one JSON document, one document record per line inside `"documents"`.

use super::{Header, Positioned, Sink, to_io};
use crate::analyse::DocResult;
use crate::input::Skipped;
use crate::score::Summary;
use std::io::{self, Write};

pub(super) struct Json<W: Write> {
    out: W,
    first: bool,
    /// The skipped inputs, with their positions in a shard's run.
    skipped: Vec<(Skipped, Option<u64>)>,
}

impl<W: Write> Json<W> {
    pub(super) fn new(out: W) -> Self {
        Json {
            out,
            first: true,
            skipped: Vec::new(),
        }
    }
}

/// The object of `doc` in the `documents` array (the sink adds the separators).
pub(super) fn document(doc: &DocResult, out: &mut Vec<u8>) -> io::Result<()> {
    serde_json::to_writer(out, doc).map_err(to_io)
}

impl<W: Write> Sink for Json<W> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        // The header's fields, then the opening of the documents array.
        let head = serde_json::to_string(header).map_err(to_io)?;
        let head = head.strip_suffix('}').unwrap_or(&head);
        write!(self.out, "{head},\"documents\":[")
    }

    fn document(&mut self, encoded: &[u8]) -> io::Result<()> {
        if !std::mem::take(&mut self.first) {
            self.out.write_all(b",")?;
        }
        self.out.write_all(b"\n")?;
        self.out.write_all(encoded)
    }

    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        self.skipped.push((skipped.clone(), None));
        Ok(())
    }

    fn skipped_at(&mut self, skipped: &Skipped, position: u64) -> io::Result<()> {
        self.skipped.push((skipped.clone(), Some(position)));
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.out.write_all(b"\n],\"skipped\":[")?;
        for (i, (record, position)) in self.skipped.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            match *position {
                Some(position) => {
                    let record = Positioned { position, record };
                    serde_json::to_writer(&mut self.out, &record)
                }
                None => serde_json::to_writer(&mut self.out, record),
            }
            .map_err(to_io)?;
        }
        self.out.write_all(b"]")?;
        self.out.write_all(b",\"summary\":")?;
        serde_json::to_writer(&mut self.out, summary).map_err(to_io)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}
