//! `teema segments`: each document's profile and segments, as a listing with a preview of
//! their text, or as JSON (`teema.segments/1`) with their whole text.

use super::{Error, print_skipped, write_out};
use crate::cli::{InputArgs, SegmentArgs, SegmentsFormat};
use serde::Serialize;
use std::fmt::Write as _;
use teema::input::Inputs;
use teema::input::html::{self, HtmlOptions};
use teema::{AnalyseOptions, Analyser, Detector, Exit, LexiconOptions, RunError};

/// The schema of `teema segments --format json`.
pub const SEGMENTS_SCHEMA: &str = "teema.segments/1";

/// Reads the inputs as `teema analyse` does and lists each document's segments.
pub fn run(input: InputArgs, segment: SegmentArgs, format: SegmentsFormat) -> Result<Exit, Error> {
    super::require_input(&input, "segments")?;
    let inputs = Inputs::new(&input.options()).map_err(RunError::from)?;
    let (segmenter, profile) = segment.options().open().map_err(RunError::from)?;
    let matcher = super::open_matcher(&LexiconOptions::default())?;
    let detector = Detector::default();
    let options = AnalyseOptions {
        profile,
        ..AnalyseOptions::default()
    };
    let mut analyser = Analyser::with_segmenter(&matcher, &detector, &segmenter, options);
    let mut failed = None;
    let json = format == SegmentsFormat::Json;
    if json {
        failed =
            write_out(format!("{{\"schema\":\"{SEGMENTS_SCHEMA}\",\"documents\":[").as_bytes())
                .err();
    }
    let mut first = true;
    let skipped = inputs.read_all(|raw| {
        if failed.is_some() {
            return Ok(false);
        }
        let bytes = raw.bytes;
        let doc = analyser.analyse_raw(raw)?;
        let texts = SegmentTexts::new(&doc, bytes);
        let out = if json {
            let mut s = if first {
                String::new()
            } else {
                ",\n".to_string()
            };
            s.push_str(&document_json(&doc, &texts));
            s
        } else {
            listing(&doc, &texts)
        };
        first = false;
        match write_out(out.as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) => {
                failed = Some(e);
                Ok(false)
            }
        }
    });
    if json && failed.is_none() {
        let skipped: Vec<SkippedJson> = skipped
            .iter()
            .map(|s| SkippedJson {
                path: &s.path,
                reason: &s.reason,
            })
            .collect();
        let tail = format!(
            "],\"skipped\":{}}}\n",
            serde_json::to_string(&skipped).unwrap_or_else(|_| "[]".into())
        );
        failed = write_out(tail.as_bytes()).err();
    }
    skipped.iter().for_each(print_skipped);
    match failed {
        Some(e) => Err(e),
        None if skipped.is_empty() => Ok(Exit::Success),
        None => Ok(Exit::Partial),
    }
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    path: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    path: &'a str,
    /// The line of a record of a structured input.
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<u64>,
    profile: &'a str,
    encoding: &'a str,
    lang: &'a str,
    segments: Vec<SegmentJson<'a>>,
}

#[derive(Serialize)]
struct SegmentJson<'a> {
    kind: &'static str,
    n: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    spans: &'a [[usize; 2]],
    text: String,
}

fn document_json(doc: &teema::DocResult, texts: &SegmentTexts) -> String {
    let segments = doc
        .segments
        .iter()
        .map(|s| SegmentJson {
            kind: s.kind.name(),
            n: s.n,
            parent: s.parent,
            author: s.author.as_deref(),
            date: s.date.as_deref(),
            spans: &s.spans,
            text: s
                .spans
                .iter()
                .map(|&[a, b]| texts.text(a, b))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect();
    let d = DocumentJson {
        path: &doc.path,
        record: doc.record.as_ref().map(|r| r.line),
        profile: &doc.profile,
        encoding: doc.encoding,
        lang: doc.lang,
        segments,
    };
    serde_json::to_string(&d).unwrap_or_default()
}

/// The readable text of a document's byte ranges: the decoded original for text input,
/// the HTML reader's text (no tags, references decoded) for a saved HTML page.
struct SegmentTexts<'a> {
    bytes: &'a [u8],
    encoding: &'static encoding_rs::Encoding,
    html: Option<html::Extracted>,
}

impl<'a> SegmentTexts<'a> {
    fn new(doc: &teema::DocResult, bytes: &'a [u8]) -> Self {
        let encoding =
            encoding_rs::Encoding::for_label(doc.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        let html = (&*doc.profile == "html").then(|| {
            html::extract(
                bytes,
                &HtmlOptions {
                    keep_boilerplate: true,
                },
            )
        });
        SegmentTexts {
            bytes,
            encoding,
            html,
        }
    }

    /// The text of original bytes `a..b`.
    fn text(&self, a: usize, b: usize) -> String {
        match &self.html {
            Some(page) => {
                // the text of the runs that came from bytes inside the range
                let mut range: Option<(usize, usize)> = None;
                for run in page.offsets.runs() {
                    let (oa, ob) = page.offsets.run_original(run);
                    if oa < b && ob > a {
                        let r = range.get_or_insert(run.text);
                        r.1 = r.1.max(run.text.1);
                    }
                }
                range.map_or_else(String::new, |(x, y)| page.text[x..y].trim().to_string())
            }
            None => {
                let slice = &self.bytes[a.min(b).min(self.bytes.len())..b.min(self.bytes.len())];
                self.encoding
                    .decode_without_bom_handling(slice)
                    .0
                    .into_owned()
            }
        }
    }
}

/// One document's listing: `PATH: profile ID`, then a line per span of each segment with
/// its byte offsets in the original input and the start of its text.
fn listing(doc: &teema::DocResult, texts: &SegmentTexts) -> String {
    let mut out = String::new();
    let name = match &doc.record {
        Some(r) => format!("{}:{}", doc.path, r.line),
        None => doc.path.clone(),
    };
    let _ = writeln!(out, "{name}: profile {}", doc.profile);
    for s in &doc.segments {
        for (i, &[a, b]) in s.spans.iter().enumerate() {
            let text = texts.text(a, b);
            let preview: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let preview = match preview.char_indices().nth(70) {
                Some((cut, _)) => format!("{}…", &preview[..cut]),
                None => preview,
            };
            let label = if i == 0 {
                format!("{} {}", s.kind.name(), s.n)
            } else {
                String::new()
            };
            let preview = match (&s.author, &s.date, i) {
                (None, None, _) | (_, _, 1..) => preview,
                (author, date, 0) => format!(
                    "[{}{}] {preview}",
                    author.as_deref().unwrap_or(""),
                    date.as_deref()
                        .map(|d| format!(", {d}"))
                        .unwrap_or_default()
                ),
            };
            let _ = writeln!(out, "  {label:<15} {a:>6}..{b:<6} {preview}");
        }
    }
    out
}
