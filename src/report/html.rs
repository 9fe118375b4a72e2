//! `html`: one self-contained page (no network: CSS, script and the chart's SVG inline) with
//! the run's summary, a sortable and filterable table of the documents, and each document's
//! text with its matches highlighted, shown when its row is opened.
//!
//! The data sits in one `<script type="application/json" id="teema-data">` element, compact,
//! and the page's script builds the DOM from it: the table at load, a document's text only
//! when its row is opened, so a page of 10,000 documents stays quick. The data is
//!
//! ```text
//! {"format":"teema.html/1","header":HEADER,"documents":[DOC, …],"skipped":[…],"summary":SUMMARY}
//! ```
//!
//! with HEADER and SUMMARY as in the json report and each DOC an array
//! `[path, lang, profile, tokens, hits, per_1000, negated, text, segments, matches]`: `hits`,
//! `per_1000` and `negated` per theme in the header's order; `text` the decoded text;
//! `segments` a flat list of `kind, n, start, end` per span (kind 0 post, 1 comment, 2 quote,
//! 3 boilerplate); `matches` one `[theme, start, end, flags, entry]` per match (flags: 1
//! negated, 2 topic). Offsets here are UTF-16 code units into `text` (what the script's
//! strings index), not the byte offsets into the original file of the other formats.
//!
//! Every `<` of the data is written as `\u003c`, so no text can close the script element.

use super::{Header, Sink, to_io};
use crate::analyse::DocResult;
use crate::input::Skipped;
use crate::score::Summary;
use crate::segment::SegmentKind;
use serde::Serialize;
use std::io::{self, Write};

/// The version of the page's embedded data.
const FORMAT: &str = "teema.html/1";
const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

pub(super) struct Html<W: Write> {
    out: W,
    first: bool,
    skipped: Vec<Skipped>,
}

impl<W: Write> Html<W> {
    pub(super) fn new(out: W) -> Self {
        Html {
            out,
            first: true,
            skipped: Vec::new(),
        }
    }
}

/// One match in the page's data: theme index, start, end, flags, entry.
type Mark<'a> = (usize, usize, usize, u8, &'a str);

/// The page's record of `doc` (an array, see the module's doc), `<` escaped.
pub(super) fn document(doc: &DocResult, out: &mut Vec<u8>) -> io::Result<()> {
    let path = match &doc.record {
        Some(record) => format!("{}:{}", doc.path, record.line),
        None => doc.path.clone(),
    };
    let themes = || doc.themes.values();
    let hits: Vec<u64> = themes().map(|t| t.hits).collect();
    let rates: Vec<f64> = themes().map(|t| t.per_1000).collect();
    let negated: Vec<u64> = themes().map(|t| t.negated).collect();
    let (text, segments, marks) = match &doc.shown {
        Some(shown) => {
            let text = shown.text.as_str();
            let offsets = shown
                .segments
                .iter()
                .flatten()
                .chain(&shown.matches)
                .flatten()
                .copied();
            let units = Utf16::new(text, offsets);
            let mut segments = Vec::new();
            for (seg, spans) in doc.segments.iter().zip(&shown.segments) {
                for &[a, b] in spans {
                    segments.extend([kind(seg.kind), seg.n as usize, units.at(a), units.at(b)]);
                }
            }
            let mut marks: Vec<Mark<'_>> = Vec::new();
            for (m, &[a, b]) in doc.matches.iter().flatten().zip(&shown.matches) {
                let theme = doc.themes.keys().position(|t| *t == m.theme);
                let flags = u8::from(m.negated) | (u8::from(m.topic) << 1);
                let theme = theme.unwrap_or(usize::MAX);
                marks.push((theme, units.at(a), units.at(b), flags, &m.entry));
            }
            (text, segments, marks)
        }
        None => ("", Vec::new(), Vec::new()),
    };
    let record = (
        path,
        doc.lang,
        &*doc.profile,
        doc.tokens,
        hits,
        rates,
        negated,
        text,
        segments,
        marks,
    );
    let start = out.len();
    serde_json::to_writer(&mut *out, &record).map_err(to_io)?;
    escape_lt(out, start);
    Ok(())
}

fn kind(kind: SegmentKind) -> usize {
    match kind {
        SegmentKind::Post => 0,
        SegmentKind::Comment => 1,
        SegmentKind::Quote => 2,
        SegmentKind::Boilerplate => 3,
    }
}

/// Byte offsets of a text as UTF-16 code unit offsets, for the offsets asked for.
struct Utf16 {
    /// (byte offset, UTF-16 offset), sorted.
    pairs: Vec<(usize, usize)>,
}

impl Utf16 {
    fn new(text: &str, offsets: impl Iterator<Item = usize>) -> Utf16 {
        let mut bytes: Vec<usize> = offsets.collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut pairs = Vec::with_capacity(bytes.len());
        let mut wanted = bytes.into_iter().peekable();
        let mut units = 0;
        for (i, c) in text.char_indices() {
            while let Some(&b) = wanted.peek().filter(|&&b| b <= i) {
                pairs.push((b, units));
                wanted.next();
            }
            units += c.len_utf16();
        }
        pairs.extend(wanted.map(|b| (b, units)));
        Utf16 { pairs }
    }

    fn at(&self, byte: usize) -> usize {
        match self.pairs.binary_search_by_key(&byte, |p| p.0) {
            Ok(i) => self.pairs[i].1,
            Err(_) => 0,
        }
    }
}

/// Replaces every `<` in `out[start..]` (only ever inside JSON strings) by `\u003c`, so that
/// no `</script>` or `<!--` in a text can end the script element that holds the data.
fn escape_lt(out: &mut Vec<u8>, start: usize) {
    if !out[start..].contains(&b'<') {
        return;
    }
    let tail = out.split_off(start);
    for b in tail {
        if b == b'<' {
            out.extend_from_slice(b"\\u003c");
        } else {
            out.push(b);
        }
    }
}

/// `value` as JSON with `<` escaped.
fn json<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let mut out = serde_json::to_vec(value).map_err(to_io)?;
    escape_lt(&mut out, 0);
    Ok(out)
}

impl<W: Write> Sink for Html<W> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"generator\" content=\"teema {version}\">\
             <title>teema report</title>\n<style>\n{CSS}</style></head>\n<body>\
             <noscript>This report needs JavaScript to show its data.</noscript>\n\
             <script type=\"application/json\" id=\"teema-data\">\
             {{\"format\":\"{FORMAT}\",\"header\":",
            version = header.tool.version,
        )?;
        self.out.write_all(&json(header)?)?;
        self.out.write_all(b",\"documents\":[")
    }

    fn document(&mut self, encoded: &[u8]) -> io::Result<()> {
        if !std::mem::take(&mut self.first) {
            self.out.write_all(b",")?;
        }
        self.out.write_all(b"\n")?;
        self.out.write_all(encoded)
    }

    fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        self.skipped.push(skipped.clone());
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.out.write_all(b"\n],\"skipped\":")?;
        self.out.write_all(&json(&self.skipped)?)?;
        self.out.write_all(b",\"summary\":")?;
        self.out.write_all(&json(summary)?)?;
        write!(
            self.out,
            "}}</script>\n<script>\n{JS}</script>\n</body></html>\n"
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_code_units() {
        // "ä" is 2 bytes and 1 unit, "😀" 4 bytes and 2 units
        let text = "aä😀b";
        let units = Utf16::new(text, [0, 1, 3, 7, 8].into_iter());
        assert_eq!(
            [0, 1, 3, 7, 8].map(|b| units.at(b)),
            [0, 1, 2, 4, 5],
            "{text}"
        );
    }

    #[test]
    fn no_text_can_close_the_data_script() {
        let mut out = b"[\"a</script><!-- b\",1]".to_vec();
        escape_lt(&mut out, 1);
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains('<'), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back[0], "a</script><!-- b");
    }

    #[test]
    fn the_assets_cannot_end_their_elements() {
        assert!(!JS.to_ascii_lowercase().contains("</script"));
        assert!(!CSS.to_ascii_lowercase().contains("</style"));
        // no network: nothing is fetched from elsewhere (the SVG namespace is a name)
        for asset in [JS, CSS] {
            let asset = asset.replace("'http://www.w3.org/2000/svg'", "");
            for needle in [
                "http:",
                "https:",
                "url(",
                "@import",
                "fetch(",
                "XMLHttpRequest",
            ] {
                assert!(!asset.contains(needle), "{needle}");
            }
        }
    }
}
