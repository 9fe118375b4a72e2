//! `teema segments`: each document's profile and segments, with a preview of their text.

use super::{Error, print_skipped, write_out};
use crate::cli::{InputArgs, SegmentArgs};
use std::fmt::Write as _;
use teema::input::Inputs;
use teema::{AnalyseOptions, Analyser, Detector, Exit, LexiconOptions, RunError};

/// Reads the inputs as `teema analyse` does and lists each document's segments.
pub fn run(input: InputArgs, segment: SegmentArgs) -> Result<Exit, Error> {
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
    let skipped = inputs.read_all(|raw| {
        let bytes = raw.bytes;
        let doc = analyser.analyse_raw(raw)?;
        match write_out(listing(&doc, bytes).as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) => {
                failed = Some(e);
                Ok(false)
            }
        }
    });
    skipped.iter().for_each(print_skipped);
    match failed {
        Some(e) => Err(e),
        None if skipped.is_empty() => Ok(Exit::Success),
        None => Ok(Exit::Partial),
    }
}

/// One document's listing: `PATH: profile ID`, then a line per span of each segment with
/// its byte offsets in the original input and the start of its text.
fn listing(doc: &teema::DocResult, bytes: &[u8]) -> String {
    let encoding =
        encoding_rs::Encoding::for_label(doc.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    let mut out = String::new();
    let name = match &doc.record {
        Some(r) => format!("{}:{}", doc.path, r.line),
        None => doc.path.clone(),
    };
    let _ = writeln!(out, "{name}: profile {}", doc.profile);
    for s in &doc.segments {
        for (i, &[a, b]) in s.spans.iter().enumerate() {
            let text = encoding.decode_without_bom_handling(&bytes[a.min(b)..b.min(bytes.len())]);
            let preview: String = text.0.split_whitespace().collect::<Vec<_>>().join(" ");
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
