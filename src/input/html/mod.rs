//! Saved HTML pages (blogs, forums) to readable text, with post / comment / quote /
//! boilerplate segments, authors and dates, and a map from the text back to the original bytes.
//!
//! ```
//! use teema::input::html::{extract, HtmlOptions, SegmentKind};
//!
//! let page = b"<html><body><nav><a href=/>Etusivu</a></nav>\
//!     <article><p>Taas ylity&ouml;it&auml; illalla, vaikka lupasin perheelle toisin.</p></article>\
//!     </body></html>";
//! let x = extract(page, &HtmlOptions::default());
//! let post = x.segments.iter().find(|s| s.kind == SegmentKind::Post).unwrap();
//! assert_eq!(&x.text[post.span.0..post.span.1],
//!            "Taas ylityöitä illalla, vaikka lupasin perheelle toisin.");
//! // Back to the original bytes: "illalla" is copied verbatim from the page.
//! let at = x.text.find("illalla").unwrap();
//! let (s, e) = x.offsets.original_range(at, at + "illalla".len());
//! assert_eq!(&page[s..e], b"illalla");
//! ```
//!
//! # Choice of parser
//!
//! Compared on crates.io (December 2026, `cargo info`), all pure Rust:
//!
//! | crate | what it is | licence | byte offsets of text | notes |
//! |---|---|---|---|---|
//! | `html5ever` 0.40 (+ `scraper` 0.29, ISC) | full WHATWG tokenizer and tree builder (Servo) | MIT/Apache-2.0 | no (line numbers only) | most accurate tree; DOM with `Rc`/tendrils, slowest of the list; heavy dependency tree |
//! | `lol_html` 3.0 | Cloudflare's streaming rewriter | BSD-3-Clause | yes (`SourceLocation`) | very fast and well kept, but a rewriter: selector handlers, no tree; entities are left encoded in text chunks |
//! | `html5gum` 0.9 | WHATWG tokenizer, passes html5lib tokenizer tests | MIT | yes (`Span<usize>` on every event) | fast, small, no dependencies, active; no tree builder (we add a light one) |
//! | `tl` 0.7 | zero-copy tag-soup parser | MIT | by pointer arithmetic | fastest, but not spec tokenizing, last release 2023 |
//! | `dom_smoothie` 0.19 | Readability.js port on `dom_query`/html5ever | MIT | no | benchmark F1 0.865 (the data set's README) |
//! | `readability` 0.3 | old Readability port | MIT | no | unmaintained; F1 0.873 as `readability_rs` |
//! | `rs-trafilatura` 0.2 | trafilatura port | MIT/Apache-2.0 | no | best published F1 0.970, but gives text only: no offsets into the page, no comment authors, and a DOM per page |
//! | `trafilatura` 0.6 (trafilatura-rs) | another trafilatura port | Apache-2.0 | no | young |
//!
//! teema needs evidence offsets that point into the original file, so a parser that reports
//! byte spans is the deciding requirement; the extractors built on html5ever lose them.
//! We use **`html5gum`** for tokenizing (spec tokenizer states, character references,
//! comments, raw-text elements, malformed markup), with its `CallbackEmitter` so no token is
//! allocated, and build a small arena tree with the tag-soup repairs that matter for text
//! (implied `</p>`, `</li>`, table cells, void elements, stray end tags ignored). Text runs
//! are re-decoded from their source span by [`entity`]-aware code that records where every
//! output byte came from. Named references come from the `entities` crate (MIT, the WHATWG
//! table). Charset: [`encoding_rs`].
//!
//! Main content is found by Readability-style scoring (paragraph length and commas credited to
//! ancestors, class/id weights, link density, sibling inclusion, conditional cleaning), in the
//! spirit of jusText/trafilatura for paragraph-level link density. Posts and comments are
//! found from general markup signals (class tokens like `comment`, `post`, `message`,
//! schema.org `itemtype`s), with authors and dates from `itemprop`, `rel=author`, `.fn`,
//! `.user`, `<time datetime>` and similar.
//!
//! # Measured
//!
//! On the 181-page article-extraction benchmark in `shared/data/extraction` (its own
//! `evaluate.py`; `cargo run --release --example extract_eval`, article = post segments and
//! the quotations inside the post): **F1 0.968, precision 0.958, recall 0.977** (trafilatura
//! 0.958, readability.js 0.947, rs-trafilatura 0.970 as published there). Speed, whole
//! [`extract`] (charset, parse, classify, offset map), release build, one thread, on a 2-core
//! machine shared with other builds: about 100 MB per CPU-second (10 passes over the 31.5 MB:
//! 3.1 s user time), 69-92 MB/s wall time at a load of about 2 and 35-40 MB/s at a load of 7.
//!
//! # Platforms
//!
//! Test pages in `tests/pages/html` (written for the tests, in the shape of each platform's
//! markup) cover Blogger, WordPress, a Suomi24-style thread (generated CSS-in-JS class names),
//! phpBB, Discourse, Weebly, a blog with Disqus-style comments and a Dutch vBulletin board in
//! windows-1252. Nothing keys on one
//! site: units come from class tokens (also the block part of BEM / `Block__Part-sc-xyz`
//! names) and schema.org types; a page is a thread when two or more post containers name a
//! writer and have a body that is not mostly links, and no single post dominates the main
//! content; post containers beside the main content (Disqus `li.post`) are comments;
//! otherwise the main content is the post and comment containers are comments.
//!
//! # Known limits
//!
//! * A thread whose opening post holds over 80 % of the posts' text is read as an article:
//!   the replies become boilerplate unless their markup says "comment".
//! * A reply that is mostly a quotation (a blockquote with 70 % of the reply's text) is read as
//!   reply text, not as a quote.
//! * No tree-construction repair beyond implied end tags: misnested formatting tags are closed
//!   at the nearest block, and `<table>` foster-parenting is not done (text stays where it is
//!   in the source, which is what offsets want anyway).
//! * Authors and dates are taken as the markup shows them; dates are not parsed.
//!
//! # Offsets
//!
//! [`Extracted::offsets`] maps text byte ranges to byte ranges of the original input. For a
//! range of text copied verbatim from the page, the original bytes at the mapped range hold
//! the same text (in the page's encoding: for a windows-1252 page, `ä` is one byte there).
//! **Exception:** when a range starts, ends or lies in a character reference (`&ouml;`) or in
//! collapsed whitespace (a newline and indentation became one space), or spans a tag
//! (`<b>`...`</b>`), the mapped range covers the whole reference, whitespace run or the tags
//! in between, so the original bytes differ from the text.

mod charset;
mod dom;
mod entity;
#[allow(clippy::needless_range_loop)] // parallel per-node arrays indexed by node id
mod extract;

use entity::Piece;

/// Options for [`extract`].
#[derive(Debug, Clone)]
pub struct HtmlOptions {
    /// Keep boilerplate (menus, headers, footers, link lists, comment headers) in
    /// [`Extracted::text`] as [`SegmentKind::Boilerplate`] segments. When `false`, the text holds
    /// only posts, comments and quotes.
    pub keep_boilerplate: bool,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            keep_boilerplate: true,
        }
    }
}

/// What a segment of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// The article or blog post, or the opening post of a forum thread.
    Post,
    /// A comment, or a reply in a forum thread.
    Comment,
    /// A quotation (`blockquote`) inside a post or comment.
    Quote,
    /// Navigation, headers, footers, link lists, metadata: not authored text.
    Boilerplate,
}

impl SegmentKind {
    /// `"post"`, `"comment"`, `"quote"` or `"boilerplate"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Post => "post",
            SegmentKind::Comment => "comment",
            SegmentKind::Quote => "quote",
            SegmentKind::Boilerplate => "boilerplate",
        }
    }
}

/// A contiguous part of [`Extracted::text`] of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// What the text is.
    pub kind: SegmentKind,
    /// The writer, when the markup names one.
    pub author: Option<String>,
    /// The date as the markup gives it (a `datetime` attribute, else the shown text).
    pub date: Option<String>,
    /// Byte range in [`Extracted::text`].
    pub span: (usize, usize),
    /// Index of the post or comment this segment belongs to (segments of one comment, such as
    /// its text and a quote inside it, share it); `None` for boilerplate and plain articles.
    pub unit: Option<usize>,
}

/// One run of the offset map: `text` bytes came from `original` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetRun {
    /// Byte range in [`Extracted::text`].
    pub text: (usize, usize),
    /// Byte range in the decoded (UTF-8) page; see [`OffsetMap::original_range`] for the
    /// original bytes.
    source: (usize, usize),
    /// The text bytes equal the source bytes (no reference or whitespace collapsing).
    pub exact: bool,
}

/// Maps byte ranges of [`Extracted::text`] back to byte ranges of the original input.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    runs: Vec<OffsetRun>,
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The runs, sorted by text offset. Bytes of the text between runs (inserted line
    /// breaks) have no source.
    pub fn runs(&self) -> &[OffsetRun] {
        &self.runs
    }

    /// The original byte offset of decoded-page offset `s`.
    fn orig(&self, s: usize) -> usize {
        charset::to_original(&self.anchors, s)
    }

    /// The original byte range of a run.
    pub fn run_original(&self, r: &OffsetRun) -> (usize, usize) {
        (self.orig(r.source.0), self.orig(r.source.1))
    }

    /// Inside an exact run, the points where the text and the original bytes stop advancing
    /// in step (a page decoded from a legacy charset, invalid UTF-8 replaced), as `(text
    /// offset, original offset)` pairs in order. Empty for other runs and for clean UTF-8.
    pub fn run_anchors(&self, r: &OffsetRun) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (s0, s1) = r.source;
        let from = self.anchors.partition_point(|&(u, _)| u <= s0);
        let to = self.anchors.partition_point(|&(u, _)| u < s1).max(from);
        let inside = if r.exact {
            &self.anchors[from..to]
        } else {
            &[]
        };
        let t0 = r.text.0;
        inside.iter().map(move |&(u, o)| (t0 + (u - s0), o))
    }

    /// Maps the text byte range `start..end` to a byte range of the original input. Inside
    /// verbatim runs the mapping is exact; a boundary inside a character reference or a
    /// collapsed whitespace run widens to the whole reference or run; a boundary on an
    /// inserted line break moves to the nearest run. Returns `(0, 0)` for an empty map.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.runs.is_empty() {
            return (0, 0);
        }
        let end = end.max(start);
        // first run whose text end > start
        let i = self
            .runs
            .partition_point(|r| r.text.1 <= start)
            .min(self.runs.len() - 1);
        let r = &self.runs[i];
        let s = if start >= r.text.0 && r.exact {
            r.source.0 + (start - r.text.0)
        } else {
            r.source.0
        };
        // last run whose text start < end
        let j = self.runs.partition_point(|r| r.text.0 < end).max(1) - 1;
        let r = &self.runs[j.max(i)];
        let e = if end <= r.text.1 && end >= r.text.0 && r.exact {
            r.source.0 + (end - r.text.0)
        } else {
            r.source.1
        };
        (self.orig(s), self.orig(e.max(s)))
    }
}

/// The result of [`extract`].
#[derive(Debug, Clone)]
pub struct Extracted {
    /// Readable text: paragraphs separated by a blank line, other block elements by a line
    /// break, whitespace collapsed (kept in `pre`), character references decoded.
    pub text: String,
    /// The encoding the page was decoded from (an `encoding_rs` name such as `"UTF-8"` or
    /// `"windows-1252"`).
    pub encoding: &'static str,
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub replacements: u64,
    /// How well the bytes fit the encoding: 1.0 unless guessed (see `input::decode`).
    pub encoding_confidence: f64,
    /// Segments in text order; together they cover every non-separator byte of `text`.
    pub segments: Vec<Segment>,
    /// Map from `text` back to the input bytes.
    pub offsets: OffsetMap,
}

impl Extracted {
    /// The text of a segment.
    pub fn segment_text(&self, s: &Segment) -> &str {
        &self.text[s.span.0..s.span.1]
    }

    /// The text of all segments of `kinds`, separated by blank lines.
    pub fn text_of(&self, kinds: &[SegmentKind]) -> String {
        let mut out = String::new();
        for s in self.segments.iter().filter(|s| kinds.contains(&s.kind)) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(self.segment_text(s));
        }
        out
    }
}

/// Extracts readable text and its segments from the bytes of a saved HTML page.
pub fn extract(bytes: &[u8], opts: &HtmlOptions) -> Extracted {
    extract_with_charset(bytes, opts, None)
}

/// As [`extract`], for a page whose transport declares its charset (a WARC record's HTTP
/// `Content-Type`): a byte-order mark still wins, the declared charset comes before the
/// page's `<meta>`.
pub fn extract_with_charset(
    bytes: &[u8],
    opts: &HtmlOptions,
    charset: Option<&'static encoding_rs::Encoding>,
) -> Extracted {
    let decoded = charset::decode_with(bytes, charset);
    let dom = dom::parse(&decoded.text);
    let bl = extract::blocks(&dom);
    let cl = extract::classify(&dom, &bl, opts);

    let mut text = String::with_capacity(bl.buf.len());
    let mut runs: Vec<OffsetRun> = Vec::with_capacity(bl.pieces.len());
    let mut segments: Vec<Segment> = Vec::new();
    let mut unit_index: Vec<Option<usize>> = vec![None; cl.units.len()];
    let mut n_units = 0usize;
    for (i, b) in bl.blocks.iter().enumerate() {
        let kind = cl.kind[i];
        if kind == SegmentKind::Boilerplate && !opts.keep_boilerplate {
            continue;
        }
        let u = cl.unit[i];
        let unit = if u == dom::NONE || kind == SegmentKind::Boilerplate {
            None
        } else {
            Some(*unit_index[u as usize].get_or_insert_with(|| {
                n_units += 1;
                n_units - 1
            }))
        };
        let same = segments
            .last()
            .is_some_and(|s: &Segment| s.kind == kind && s.unit == unit);
        if !text.is_empty() {
            text.push_str(if b.sep >= 2 || !same { "\n\n" } else { "\n" });
        }
        let base = text.len();
        text.push_str(&bl.buf[b.t0..b.t1]);
        for p in &bl.pieces[b.p0..b.p1] {
            let Piece {
                t,
                t_len,
                s,
                s_len,
                exact,
            } = *p;
            let t = t - b.t0 + base;
            runs.push(OffsetRun {
                text: (t, t + t_len),
                source: (s, s + s_len),
                exact,
            });
        }
        if same {
            if let Some(s) = segments.last_mut() {
                s.span.1 = text.len();
            }
        } else {
            let (author, date) = match unit {
                Some(_) => {
                    let un = &cl.units[u as usize];
                    (un.author.clone(), un.date.clone())
                }
                None if matches!(kind, SegmentKind::Post | SegmentKind::Quote) => {
                    cl.post_meta.clone()
                }
                None => (None, None),
            };
            segments.push(Segment {
                kind,
                author,
                date,
                span: (base, text.len()),
                unit,
            });
        }
    }
    Extracted {
        text,
        encoding: decoded.encoding.name(),
        replacements: decoded.replacements,
        encoding_confidence: decoded.confidence,
        segments,
        offsets: OffsetMap {
            runs,
            anchors: decoded.anchors,
        },
    }
}

#[cfg(test)]
mod tests;
