//! `teema explain`: one document's text with its matches marked, as terminal text or as
//! data.
//!
//! [`Explained::new`] puts an analysed document (with evidence) next to the text it was
//! read from (the decoded file; for a saved HTML page the page's text as the HTML reader
//! extracted it): its segments with their text, its matches, and a table per theme of
//! hits, negated hits and the entries that fired. [`Explained::render`] writes it for a
//! terminal: each theme's matches in a colour of its own, negated matches struck through
//! and marked `¬`, quotes and boilerplate (not counted in the scores) dimmed; without
//! colour, matches are written `[theme: text]` (`[¬theme: text]` when negated).

use crate::analyse::{DocResult, Evidence};
use crate::offsets::OffsetMap;
use crate::segment::SegmentKind;
use anstyle::{AnsiColor, Effects, Style};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// A document's text as explain shows it, with the map from its offsets to the original
/// file's.
pub struct Shown {
    /// The decoded text (for a saved HTML page, the page's extracted text).
    pub text: String,
    map: OffsetMap,
}

impl Shown {
    /// The text of `bytes` as the analyser read it: decoded, or for a saved HTML page
    /// (`html`) extracted. `None` when the bytes do not decode (the analyser skips them too).
    pub fn read(bytes: &[u8], html: bool) -> Option<Shown> {
        if html {
            use crate::input::html::{self, HtmlOptions};
            let page = html::extract(
                bytes,
                &HtmlOptions {
                    keep_boilerplate: true,
                },
            );
            // the same map as the analyser's (`Analyser::analyse_html`)
            let mut map = OffsetMap::default();
            for run in page.offsets.runs() {
                let (a, b) = page.offsets.run_original(run);
                map.anchor(run.text.0, a);
                if !run.exact {
                    map.anchor(run.text.1, b);
                }
            }
            return Some(Shown {
                text: page.text,
                map,
            });
        }
        let decoded = crate::input::decode(bytes).ok()?;
        Some(Shown {
            text: decoded.text.into_owned(),
            map: decoded.map,
        })
    }

    /// The offset of the text where original offset `original` is: the first character
    /// that maps to it or after it.
    fn to_text(&self, original: usize) -> usize {
        let text = &self.text;
        let (mut lo, mut hi) = (0usize, text.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.map.map(mid) < original {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        lo
    }

    /// Where a match's text starts in the text: near `original`.
    fn find(&self, original: usize, what: &str) -> usize {
        let at = self.to_text(original);
        let near = self.text[at..]
            .char_indices()
            .take(64)
            .find(|(i, _)| self.text[at + i..].starts_with(what));
        near.map_or(at, |(i, _)| at + i)
    }
}

/// One segment as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ShownSegment {
    /// `post`, `comment`, `quote` or `boilerplate`.
    pub kind: SegmentKind,
    /// Number among the segments of its kind, from 1.
    pub n: u32,
    /// Whether the document's scores count it (posts and comments; quotes and boilerplate
    /// are dimmed).
    pub counted: bool,
    /// Byte ranges `[start, end)` of the original file.
    pub spans: Vec<[usize; 2]>,
    /// Its text, span after span (separated by a line break).
    pub text: String,
}

/// One theme's line of the table.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeRow {
    /// Theme id.
    pub theme: Arc<str>,
    /// Hits in the document's scores.
    pub hits: u64,
    /// Matches in the scope of a negation.
    pub negated: u64,
    /// Matches of topic entries.
    pub topic_hits: u64,
    /// Every entry that fired (in any segment, counted or not), with its number of matches.
    pub entries: BTreeMap<Arc<str>, u64>,
}

/// One document explained.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    /// The input path.
    pub path: String,
    /// For a record of a structured input: its line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_line: Option<u64>,
    /// The document's language.
    pub lang: &'static str,
    /// The site profile that segmented it.
    pub profile: Arc<str>,
    /// Its segments in the document's order.
    pub segments: Vec<ShownSegment>,
    /// Every match, with its evidence.
    pub matches: Vec<Evidence>,
    /// The themes with matches, in id order.
    pub themes: Vec<ThemeRow>,
    /// Per match (same order as `matches`): its byte range in `shown`'s text.
    #[serde(skip)]
    spans: Vec<(usize, usize)>,
    /// Per segment: its byte ranges in `shown`'s text.
    #[serde(skip)]
    segment_spans: Vec<Vec<(usize, usize)>>,
    #[serde(skip)]
    text: String,
}

/// How [`Explained::render`] marks matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// ANSI colours and effects.
    Color,
    /// `[theme: text]` markers, no escape sequences.
    Plain,
}

/// Colours of the themes, in id order (repeating after the sixth).
const PALETTE: [AnsiColor; 6] = [
    AnsiColor::Cyan,
    AnsiColor::Magenta,
    AnsiColor::Yellow,
    AnsiColor::Green,
    AnsiColor::Blue,
    AnsiColor::Red,
];

impl Explained {
    /// `doc` (analysed with evidence) with the text it was read from.
    pub fn new(doc: &DocResult, shown: Shown) -> Explained {
        let matches = doc.matches.clone().unwrap_or_default();
        let spans = matches
            .iter()
            .map(|m| {
                let a = shown.find(m.start, &m.text);
                let b = (a + m.text.len()).min(shown.text.len());
                (a, b)
            })
            .collect();
        let mut segments = Vec::new();
        let mut segment_spans = Vec::new();
        for s in &doc.segments {
            let ranges: Vec<(usize, usize)> = s
                .spans
                .iter()
                .map(|&[a, b]| {
                    let a = shown.to_text(a);
                    (a, shown.to_text(b).max(a))
                })
                .collect();
            let text = ranges
                .iter()
                .map(|&(a, b)| &shown.text[a..b])
                .collect::<Vec<_>>()
                .join("\n");
            segments.push(ShownSegment {
                kind: s.kind,
                n: s.n,
                counted: counted(s.kind, doc),
                spans: s.spans.clone(),
                text,
            });
            segment_spans.push(ranges);
        }
        let mut entries: BTreeMap<Arc<str>, BTreeMap<Arc<str>, u64>> = BTreeMap::new();
        for m in &matches {
            *entries
                .entry(m.theme.clone())
                .or_default()
                .entry(m.entry.clone())
                .or_default() += 1;
        }
        let themes = doc
            .themes
            .iter()
            .filter(|(id, s)| s.hits + s.negated + s.topic_hits > 0 || entries.contains_key(&**id))
            .map(|(id, s)| ThemeRow {
                theme: id.clone(),
                hits: s.hits,
                negated: s.negated,
                topic_hits: s.topic_hits,
                entries: entries.get(id).cloned().unwrap_or_default(),
            })
            .collect();
        Explained {
            path: doc.path.clone(),
            record_line: doc.record.as_ref().map(|r| r.line),
            lang: doc.lang,
            profile: doc.profile.clone(),
            segments,
            matches,
            themes,
            spans,
            segment_spans,
            text: shown.text,
        }
    }

    /// The document for a terminal: a heading, each segment's text with its matches
    /// marked, then the table.
    pub fn render(&self, marks: Marks) -> String {
        let mut out = String::new();
        let color = marks == Marks::Color;
        let bold = Style::new().effects(Effects::BOLD);
        let dim = Style::new().effects(Effects::DIMMED);
        let name = match self.record_line {
            Some(line) => format!("{}:{line}", self.path),
            None => self.path.clone(),
        };
        let head = format!("{name}  (lang {}, profile {})", self.lang, self.profile);
        let _ = writeln!(out, "{}", paint(color, bold, &head));
        let ids: Vec<&Arc<str>> = {
            let mut ids: Vec<&Arc<str>> = self.matches.iter().map(|m| &m.theme).collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let theme_style = |id: &str| {
            let i = ids.iter().position(|x| &***x == id).unwrap_or(0);
            Style::new().fg_color(Some(PALETTE[i % PALETTE.len()].into()))
        };
        // the text in the document's order: a segment interrupted by another (a post around
        // a furniture line) is labelled again where it resumes
        let mut pieces: Vec<(usize, usize, usize)> = self
            .segment_spans
            .iter()
            .enumerate()
            .flat_map(|(i, ranges)| ranges.iter().map(move |&(a, b)| (a, b, i)))
            .collect();
        pieces.sort_unstable();
        let mut labelled = None;
        for (a, b, i) in pieces {
            let s = &self.segments[i];
            if labelled != Some(i) {
                labelled = Some(i);
                let label = match s.counted {
                    true => format!("── {} {}", s.kind.name(), s.n),
                    false => format!("── {} {} (not counted)", s.kind.name(), s.n),
                };
                let _ = writeln!(out, "{}", paint(color, dim, &label));
            }
            let base = if s.counted { Style::new() } else { dim };
            {
                let mut at = a;
                for (m, &(ma, mb)) in self.matches.iter().zip(&self.spans) {
                    if ma < at || ma >= b {
                        continue;
                    }
                    out.push_str(&paint(color, base, &self.text[at..ma]));
                    let text = &self.text[ma..mb.min(b)];
                    let neg = if m.negated { "¬" } else { "" };
                    if color {
                        let mut style = theme_style(&m.theme).effects(Effects::BOLD);
                        if m.negated {
                            style = style.effects(Effects::BOLD | Effects::STRIKETHROUGH);
                        }
                        if !s.counted {
                            style = style.effects(style.get_effects() | Effects::DIMMED);
                        }
                        out.push_str(&paint(true, style, &format!("{neg}{text}")));
                    } else {
                        let _ = write!(out, "[{neg}{}: {text}]", m.theme);
                    }
                    at = mb.min(b);
                }
                out.push_str(&paint(color, base, &self.text[at..b]));
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
        out.push('\n');
        let width = self
            .themes
            .iter()
            .map(|t| t.theme.chars().count())
            .chain([5])
            .max()
            .unwrap_or(5);
        let header = format!(
            "{:<width$}  {:>4}  {:>7}  {:>5}  entries",
            "theme", "hits", "negated", "topic"
        );
        let _ = writeln!(out, "{}", paint(color, bold, &header));
        if self.themes.is_empty() {
            let _ = writeln!(out, "(no matches)");
        }
        for t in &self.themes {
            let entries = t
                .entries
                .iter()
                .map(|(e, n)| format!("{e} ×{n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let id = format!("{:<width$}", t.theme);
            let id = match color {
                true => paint(true, theme_style(&t.theme), &id),
                false => id,
            };
            let _ = writeln!(
                out,
                "{id}  {:>4}  {:>7}  {:>5}  {entries}",
                t.hits, t.negated, t.topic_hits
            );
        }
        out
    }
}

/// Whether the document's scores count segments of `kind`: posts and comments, and
/// boilerplate when the document's boilerplate part holds its hits (`--keep-boilerplate`).
fn counted(kind: SegmentKind, doc: &DocResult) -> bool {
    match kind {
        SegmentKind::Post | SegmentKind::Comment => true,
        SegmentKind::Quote => false,
        SegmentKind::Boilerplate => {
            let parts_tokens: u64 = doc
                .parts
                .iter()
                .filter(|(k, _)| matches!(**k, "post" | "comment"))
                .map(|(_, p)| p.tokens)
                .sum();
            doc.tokens > parts_tokens
        }
    }
}

/// `text` in `style` (each line on its own, so a dimmed block stays dimmed line by line),
/// or as it is without colour.
fn paint(color: bool, style: Style, text: &str) -> String {
    if !color || text.is_empty() || style == Style::new() {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .map(|line| {
            let (body, nl) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            if body.is_empty() {
                nl.to_string()
            } else {
                format!("{style}{body}{style:#}{nl}")
            }
        })
        .collect()
}
