//! The chain of stages for one document: decode → normalise → segment → tokenise → detect
//! language (per document, then per segment) → match → score, with evidence and segments
//! traced back to byte offsets in the original file.
//!
//! Scores: a document's `themes` and `tokens` count its author text, the post and the
//! comments (plus the boilerplate with `--keep-boilerplate`); quotes are never counted there.
//! `parts` gives the scores of each kind of segment, and `segments` each segment's.

use crate::gate::Gate;
use crate::input::{DecodeError, Decoded, Skipped, decode, decode_with};
use crate::lang::{Detected, Detector, Lang};
use crate::lexicon::Role;
use crate::matcher::{Match, Matcher, Searcher, TokenLemmas};
use crate::negation::{Cue, Scopes};
use crate::normalise::{Normalised, normalise_into};
pub use crate::score::Negation;
use crate::score::{Part, Tally, ThemeScore, per_sentence, share_percent};
use crate::segment::{Choice, SegmentKind, Segmentation, Segmenter};
use crate::tokenise::{TokenKind, Tokens, mark_names, tokenise_into};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The result for one analysed document: a `document` record of the report (read back
/// from a shard's report by `teema merge`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocResult {
    /// The input path as given or found by the walk (`<stdin>` for standard input).
    pub path: String,
    /// `fi`, `nl` or `other`: the language of the author text.
    #[serde(deserialize_with = "crate::intern::name")]
    pub lang: crate::intern::Name,
    /// The language detector's confidence (1.0 when set with `--lang`).
    pub lang_confidence: f64,
    /// The encoding the bytes were decoded from.
    #[serde(deserialize_with = "crate::intern::name")]
    pub encoding: crate::intern::Name,
    /// How well the bytes fit `encoding` when it was guessed (a file that is not valid UTF-8:
    /// the share of its UTF-8 evidence agreeing with the choice); omitted when certain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding_confidence: Option<f64>,
    /// True when the decoding is doubtful (`encoding_confidence` below 0.9: the bytes mix
    /// UTF-8 and a single-byte encoding); omitted when not.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub encoding_doubtful: bool,
    /// Invalid UTF-8 sequences replaced by U+FFFD in a mostly-UTF-8 file; omitted when none.
    #[serde(skip_serializing_if = "is_zero", default)]
    pub replacements: u64,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// The site profile that segmented the document (`none` with `--profile none`).
    pub profile: Arc<str>,
    /// Tokens of the author text (post and comments).
    pub tokens: u64,
    /// Sentences of the author text with at least one token.
    pub sentences: u64,
    /// Words of the author text, LIWC's `WC`: the same count as `tokens`.
    pub wc: u64,
    /// Words per sentence (`wc / sentences`), LIWC's `WPS`.
    pub wps: f64,
    /// Percentage of the words inside at least one match that counts in a theme's hits,
    /// LIWC's `Dic` (a phrase's words all count).
    pub dic: f64,
    /// Fewer words than `--min-words`: kept out of the per-document statistics of the
    /// summary and its groups (unless `--include-short`).
    pub short: bool,
    /// Words inside at least one match (`dic`'s numerator).
    #[serde(skip)]
    pub dic_words: u64,
    /// Scores of the author text, per theme id (every theme of the lexicon).
    pub themes: BTreeMap<Arc<str>, ThemeScore>,
    /// Scores per kind of segment present (`post`, `comment`, `quote`, `boilerplate`).
    #[serde(deserialize_with = "crate::intern::keys")]
    pub parts: BTreeMap<crate::intern::Name, Part>,
    /// The segments: the post first, then the others in order of position.
    pub segments: Vec<SegmentResult>,
    /// Every match, with `--evidence`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<Evidence>>,
    /// For a record of a structured input (`--input jsonl|csv`): its line, id and other
    /// fields. Evidence offsets are then offsets in the text field's value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<crate::input::Record>,
    /// The decoded text with the segments and matches placed in it, with
    /// [`AnalyseOptions::keep_text`] (for the HTML report); never in the JSON records.
    #[serde(skip)]
    pub shown: Option<Box<Shown>>,
}

/// A document's decoded text (what [`Evidence::text`] is cut from) and where its segments
/// and matches lie in it, as byte offsets into `text` (the report's other offsets point into
/// the original file, which may be in another encoding or be HTML).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    /// The decoded text (for a saved HTML page: the text the HTML reader extracted).
    pub text: String,
    /// Per segment (as in [`DocResult::segments`]), its spans `[start, end)` in `text`.
    pub segments: Vec<Vec<[usize; 2]>>,
    /// Per match (as in [`DocResult::matches`]), its span `[start, end)` in `text`.
    pub matches: Vec<[usize; 2]>,
}

/// One segment of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentResult {
    /// `post`, `comment`, `quote` or `boilerplate`.
    pub kind: SegmentKind,
    /// Number among the segments of its kind, from 1.
    pub n: u32,
    /// For a quote: the index (in `segments`) of the post or comment it is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<u32>,
    /// Byte ranges `[start, end)` of the original file, in order.
    pub spans: Vec<[usize; 2]>,
    /// The writer, where the page names one (the markup of a saved HTML page, or an author
    /// line of a text dump).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The date: as the markup of a saved HTML page gives it, or from a text dump's lines
    /// normalised to ISO 8601 (`2024-05-13`, `2024-05-13T22:10`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The segment's own language (`fi`, `nl`, `other`).
    #[serde(deserialize_with = "crate::intern::name")]
    pub lang: crate::intern::Name,
    /// Its tokens.
    pub tokens: u64,
    /// With `--unit segment`: its sentences (a sentence shared with another segment counts
    /// in each).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<u64>,
    /// With `--unit segment`: its words, `wc` (the same count as `tokens`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wc: Option<u64>,
    /// With `--unit segment`: words per sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wps: Option<f64>,
    /// With `--unit segment`: percentage of its words inside a theme match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dic: Option<f64>,
    /// With `--unit segment`: fewer words than `--min-words`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<bool>,
    /// Words inside at least one match.
    #[serde(skip)]
    pub dic_words: u64,
    /// Its scores, with `--unit segment`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub themes: Option<BTreeMap<Arc<str>, ThemeScore>>,
}

/// One match, traced to the original file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Theme id.
    pub theme: Arc<str>,
    /// The entry as written in the lexicon.
    pub entry: Arc<str>,
    /// How the entry matches: `lemma`, `compound_head`, `prefix`, `exact`, `phrase` or
    /// `regex`.
    #[serde(deserialize_with = "crate::intern::name")]
    pub kind: crate::intern::Name,
    /// Byte offset of the match's start in the original file.
    pub start: usize,
    /// Byte offset of the match's end in the original file.
    pub end: usize,
    /// Line of the match's start (1-based) in the decoded original file; for a saved HTML
    /// page, in the page's source. Lines end at `\n`.
    pub line: u32,
    /// Column of the match's start on its line (1-based, in characters).
    pub column: u32,
    /// Up to `--context` characters of the decoded text before the match, whitespace
    /// collapsed to single spaces.
    pub left: String,
    /// The original text there (decoded).
    pub text: String,
    /// Up to `--context` characters of the decoded text after the match, whitespace
    /// collapsed to single spaces.
    pub right: String,
    /// Index (in `segments`) of the segment the match is in.
    pub segment: u32,
    /// The sentence the match starts in: the tokeniser's sentence number (from 0) in the
    /// document's text.
    pub sentence: u32,
    /// The entry is a topic entry: the match counts in `topic_hits`, not in `hits`.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub topic: bool,
    /// The match lies in the scope of a negation cue (`ei`, `ilman`, `niet`, `geen`, …).
    pub negated: bool,
    /// The negation cue's byte offsets `[start, end)` in the original file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<[usize; 2]>,
    /// For an entry that counts only with context: the context match that let it count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<ContextEvidence>,
    /// For a document of a VRT or CoNLL-U file: the line of the (decompressed) source file
    /// that the match's first token is on (`start` and `line` are in the rebuilt text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<u64>,
    /// For a document of a VRT or CoNLL-U file: the corpus's id of the match's sentence
    /// (`# sent_id`; the `id` of a VRT `<sentence>`), where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_id: Option<String>,
}

/// A match that counts, as the analyser keeps it.
#[derive(Debug, Clone, Copy)]
struct Found {
    m: Match,
    /// The language whose entries found it.
    lang: Lang,
    /// Its segment.
    segment: u32,
    /// For a gated entry, the context match that let it count.
    context: Option<Match>,
    /// The negation cue whose scope it lies in.
    cue: Option<Cue>,
}

/// The context match that let a gated entry's match count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextEvidence {
    /// The context entry as written in the lexicon.
    pub entry: Arc<str>,
    /// Byte offset of its start in the original file.
    pub start: usize,
    /// Byte offset of its end in the original file.
    pub end: usize,
    /// The original text there (decoded).
    pub text: String,
}

/// Whether segments of `kind` count as a document's author text: posts and comments, and
/// boilerplate when it is kept; never quotes.
fn scored(kind: SegmentKind, keep_boilerplate: bool) -> bool {
    match kind {
        SegmentKind::Post | SegmentKind::Comment => true,
        SegmentKind::Quote => false,
        SegmentKind::Boilerplate => keep_boilerplate,
    }
}

/// A document's intermediate results, from [`Analyser::inspect`].
pub struct Inspection<'a> {
    /// The language searched (`None`: other).
    pub lang: Option<Lang>,
    /// The normalised text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a Tokens,
    /// The matches, in order of position.
    pub matches: &'a [Match],
    /// Per token: whether it is author text that the document's scores count (post and
    /// comments; boilerplate too with `keep_boilerplate`), not site chrome or a quote.
    pub counted: &'a [bool],
}

/// Rows of the ndjson and csv reports, and how much of each segment a report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Unit {
    /// One row per document; segments listed without their scores.
    #[default]
    Document,
    /// One row per segment, each with its scores.
    Segment,
    /// One row per match, with its evidence (implies `--evidence`; json: each document
    /// with its `matches`)
    Match,
}

/// Options for analysing documents.
#[derive(Debug, Clone, Copy)]
pub struct AnalyseOptions {
    /// Use this language for every document instead of detecting it.
    pub lang: Option<Lang>,
    /// Keep every match as evidence.
    pub evidence: bool,
    /// Which site profile segments each document.
    pub profile: Choice,
    /// Count boilerplate segments in the document's scores.
    pub keep_boilerplate: bool,
    /// Give every segment its scores.
    pub unit: Unit,
    /// What negated matches do to the scores.
    pub negation: Negation,
    /// Characters of context each side of a match in its evidence (`left`, `right`).
    pub context: usize,
    /// Keep each document's decoded text and the spans in it ([`DocResult::shown`]), for
    /// the HTML report.
    pub keep_text: bool,
    /// Documents and segments with fewer words are marked `short` (`--min-words`).
    pub min_words: u64,
}

/// The default `--context`: characters each side of a match in its evidence.
pub const DEFAULT_CONTEXT: usize = 40;

/// The default `--min-words`: below 25 words one hit moves a rate by more than 40 per 1,000,
/// several times a typical theme's rate, while a stricter 50 would set aside a third of
/// forum posts (31% of the benchmark corpus's posts have fewer than 50 words, 14% fewer than
/// 25).
pub const DEFAULT_MIN_WORDS: u64 = 25;

impl Default for AnalyseOptions {
    fn default() -> Self {
        AnalyseOptions {
            lang: None,
            evidence: false,
            profile: Choice::Auto,
            keep_boilerplate: false,
            unit: Unit::Document,
            negation: Negation::Count,
            context: DEFAULT_CONTEXT,
            keep_text: false,
            min_words: DEFAULT_MIN_WORDS,
        }
    }
}

/// A segment shorter than this many words takes the document's language: too few words to
/// tell.
const SEGMENT_LANG_MIN_WORDS: usize = 8;

/// Per-segment working data.
#[derive(Debug, Clone, Default)]
struct SegWork {
    lang: Option<Lang>,
    tokens: u64,
    words: u32,
    /// Tokens inside at least one match that counts in hits.
    dic: u64,
    tally: Tally,
}

/// Analyses documents for one thread, reusing its buffers.
pub struct Analyser<'m> {
    matcher: &'m Matcher,
    detector: &'m Detector,
    segmenter: &'m Segmenter,
    searcher: Searcher<'m>,
    options: AnalyseOptions,
    norm: Normalised,
    segmentation: Segmentation,
    owners: Vec<(u32, u32, u32)>,
    token_segment: Vec<u32>,
    by_segment: Vec<u32>,
    work: Vec<SegWork>,
    tokens: Tokens,
    matches: Vec<Match>,
    contexts: Vec<Option<Match>>,
    gate: Gate,
    cues: Vec<Option<Cue>>,
    scopes: Scopes,
    /// Per segment of a saved HTML page: its author and date.
    labels: Vec<(Option<String>, Option<String>)>,
    /// Each match that counts, in text order.
    found: Vec<Found>,
    counted: Vec<bool>,
    /// An empty tally for the run's `--negation`, cloned for each part.
    template: Tally,
    /// The charset the input stage says the current document is in (a WARC record's HTTP
    /// header), if any.
    charset: Option<&'static encoding_rs::Encoding>,
    /// The current document's annotation, when it comes from a VRT or CoNLL-U file.
    annotation: Option<Box<crate::input::Annotation>>,
    /// The corpus's lemmas of the current document's tokens (`--lemma-column`).
    lemmas: TokenLemmas,
    /// Match with `lemmas` (the current document has them).
    use_lemmas: bool,
}

impl<'m> Analyser<'m> {
    /// An analyser using `matcher` and `detector`, segmenting with the shipped profiles.
    pub fn new(matcher: &'m Matcher, detector: &'m Detector, options: AnalyseOptions) -> Self {
        Analyser::with_segmenter(matcher, detector, Segmenter::shared(), options)
    }

    /// An analyser segmenting with `segmenter`.
    pub fn with_segmenter(
        matcher: &'m Matcher,
        detector: &'m Detector,
        segmenter: &'m Segmenter,
        options: AnalyseOptions,
    ) -> Self {
        Analyser {
            matcher,
            detector,
            segmenter,
            searcher: matcher.searcher(),
            options,
            norm: Normalised::default(),
            segmentation: Segmentation::default(),
            owners: Vec::new(),
            token_segment: Vec::new(),
            by_segment: Vec::new(),
            work: Vec::new(),
            tokens: Tokens::default(),
            matches: Vec::new(),
            contexts: Vec::new(),
            gate: Gate::new(matcher.lexicon()),
            cues: Vec::new(),
            scopes: Scopes::default(),
            labels: Vec::new(),
            found: Vec::new(),
            counted: Vec::new(),
            template: Tally::with_negation(matcher.lexicon(), options.negation),
            charset: None,
            annotation: None,
            lemmas: TokenLemmas::default(),
            use_lemmas: false,
        }
    }

    /// Runs the stages up to matching on one document's bytes and returns a view of the
    /// intermediate results (for lexicon tools that need more than scores). The page is
    /// segmented as [`Analyser::analyse`] does it: the language comes from the author text,
    /// and [`Inspection::counted`] tells which tokens that is. Matching runs over the whole
    /// text in that one language.
    pub fn inspect(&mut self, bytes: &[u8]) -> Result<Inspection<'_>, DecodeError> {
        let decoded = decode(bytes)?;
        normalise_into(&decoded.text, &mut self.norm);
        self.segmenter.segment(
            &self.norm.text,
            self.options.profile,
            &mut self.segmentation,
        );
        tokenise_into(&self.norm.text, &mut self.tokens);
        mark_names(&mut self.tokens, &decoded.text, &self.norm.map);
        self.assign_tokens();
        let lang = self.detect_languages(&decoded.text).lang;
        let segments = &self.segmentation.segments;
        let keep = self.options.keep_boilerplate;
        let counted = self
            .token_segment
            .iter()
            .map(|&seg| scored(segments[seg as usize].kind, keep));
        self.counted.clear();
        self.counted.extend(counted);
        let text = &self.norm.text;
        match lang {
            Some(lang) => {
                self.searcher
                    .find(lang, text, &self.tokens, &mut self.matches);
                let lexicon = self.matcher.lexicon();
                let (matches, contexts) = (&mut self.matches, &mut self.contexts);
                self.gate
                    .apply(lexicon, lang, &self.tokens, matches, contexts);
            }
            None => {
                self.matches.clear();
                // text in no lexicon language: the themes without language sides
                let lexicon = self.matcher.lexicon();
                if lexicon.themes.iter().any(|t| t.any_language) {
                    let lang = Lang::Fi;
                    self.searcher
                        .find(lang, text, &self.tokens, &mut self.matches);
                    let (matches, contexts) = (&mut self.matches, &mut self.contexts);
                    self.gate
                        .apply(lexicon, lang, &self.tokens, matches, contexts);
                    self.matches
                        .retain(|m| lexicon.themes[m.theme as usize].any_language);
                }
            }
        }
        Ok(Inspection {
            lang,
            text,
            tokens: &self.tokens,
            matches: &self.matches,
            counted: &self.counted,
        })
    }

    /// Analyses one document's bytes.
    pub fn analyse(&mut self, path: String, bytes: &[u8]) -> Result<DocResult, Skipped> {
        let size = bytes.len() as u64;
        let decoded = decode_with(bytes, self.charset).map_err(|e| Skipped {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        normalise_into(&decoded.text, &mut self.norm);
        self.segmenter.segment(
            &self.norm.text,
            self.options.profile,
            &mut self.segmentation,
        );
        tokenise_into(&self.norm.text, &mut self.tokens);
        mark_names(&mut self.tokens, &decoded.text, &self.norm.map);
        self.assign_tokens();
        if self.annotation.is_some() {
            self.corpus_lemmas(&decoded);
        }
        let detected = self.detect_languages(&decoded.text);
        self.find_matches();
        self.use_lemmas = false;
        let mut doc = self.result(path, size, &decoded, detected, None);
        // the author and date that the segmenter read from the page's lines
        for (seg, label) in doc.segments.iter_mut().zip(&self.segmentation.labels) {
            seg.author = label.author.and_then(|(a, b)| {
                let (a, b) = (self.norm.map.map(a as usize), self.norm.map.map(b as usize));
                decoded.text.get(a..b).map(str::to_string)
            });
            seg.date.clone_from(&label.date);
        }
        Ok(doc)
    }

    /// Analyses one document as the input stage read it: a saved HTML page through the HTML
    /// reader, anything else through [`Analyser::analyse`]; a record keeps its fields.
    ///
    /// A document of a VRT or CoNLL-U file (with an [`crate::input::Annotation`]) is not
    /// segmented (the corpus's text is the post, profile `none`); with `--lemma-column` its
    /// tokens match lemma entries by the corpus's lemmas; its evidence names the source
    /// line and sentence id.
    pub fn analyse_raw(&mut self, raw: crate::input::Raw<'_>) -> Result<DocResult, Skipped> {
        self.charset = raw.charset;
        let profile = self.options.profile;
        if raw.annotation.is_some() {
            self.options.profile = Choice::Off;
        }
        self.annotation = raw.annotation;
        let doc = if raw.html {
            self.analyse_html(raw.path, raw.bytes)
        } else {
            self.analyse(raw.path, raw.bytes)
        };
        self.charset = None;
        self.options.profile = profile;
        let annotation = self.annotation.take();
        let mut doc = doc?;
        doc.record = raw.record;
        if let (Some(ann), Some(matches)) = (&annotation, &mut doc.matches) {
            for m in matches {
                m.source_line = ann.line_at(m.start);
                m.sent_id = ann.sentence_at(m.start).map(str::to_string);
            }
        }
        Ok(doc)
    }

    /// The corpus's lemmas of the current document's tokens, from its annotation: a word
    /// token takes the lemmas of the corpus token it starts and lies within (a corpus token
    /// the tokeniser splits gives its lemmas to its first part only).
    fn corpus_lemmas(&mut self, decoded: &Decoded<'_>) {
        let Some(ann) = self.annotation.as_deref().filter(|a| a.lemmas_read) else {
            return;
        };
        self.lemmas.clear();
        self.lemmas.heads = ann.compounds_marked;
        let corpus = &ann.tokens;
        let mut j = 0;
        for tok in &self.tokens.tokens {
            let mut range = (0, 0);
            if tok.kind == TokenKind::Word {
                let start = decoded.map.map(self.norm.map.map(tok.start as usize));
                let end = decoded.map.map(self.norm.map.map(tok.end as usize));
                while j < corpus.len() && (corpus[j].end as usize) <= start {
                    j += 1;
                }
                if let Some(c) = corpus.get(j)
                    && c.start as usize == start
                    && end <= c.end as usize
                {
                    let first = self.lemmas.keys.len() as u32;
                    for (lemma, head) in ann.keys(c) {
                        let lemma = crate::normalise::normalise_str(lemma);
                        let head = head.map(crate::normalise::normalise_str);
                        self.lemmas.keys.push((lemma, head));
                    }
                    range = (first, self.lemmas.keys.len() as u32);
                }
            }
            self.lemmas.of_token.push(range);
        }
        self.use_lemmas = true;
    }

    /// Analyses one saved HTML page: the HTML reader's text (tags, scripts, styles, forms and
    /// hidden elements dropped, entities decoded) and its segments (the post, each comment
    /// with its author and date where the markup gives them, quotes, boilerplate) take the
    /// place of decoding and the site profiles. Evidence offsets point into the original
    /// file; a match whose text contains a character reference or a tag spans it there.
    pub fn analyse_html(&mut self, path: String, bytes: &[u8]) -> Result<DocResult, Skipped> {
        use crate::input::html::{self, HtmlOptions};
        let size = bytes.len() as u64;
        let page = html::extract_with_charset(
            bytes,
            &HtmlOptions {
                keep_boilerplate: true,
            },
            self.charset,
        );
        let mut map = crate::offsets::OffsetMap::default();
        for run in page.offsets.runs() {
            let (a, b) = page.offsets.run_original(run);
            map.anchor(run.text.0, a);
            for (t, o) in page.offsets.run_anchors(run) {
                map.anchor(t, o);
            }
            map.anchor(run.text.1, b);
        }
        normalise_into(&page.text, &mut self.norm);
        self.html_segments(&page);
        let decoded = Decoded {
            text: std::borrow::Cow::Owned(page.text),
            encoding: page.encoding,
            map,
            replacements: page.replacements,
            confidence: page.encoding_confidence,
        };
        tokenise_into(&self.norm.text, &mut self.tokens);
        mark_names(&mut self.tokens, &decoded.text, &self.norm.map);
        self.assign_tokens();
        let detected = self.detect_languages(&decoded.text);
        self.find_matches();
        let source = Source {
            bytes,
            encoding: page.encoding,
        };
        let mut doc = self.result(path, size, &decoded, detected, Some(source));
        doc.profile = Arc::from("html");
        for (seg, (author, date)) in doc.segments.iter_mut().zip(&self.labels) {
            seg.author.clone_from(author);
            seg.date.clone_from(date);
        }
        self.labels.clear();
        Ok(doc)
    }

    /// The HTML reader's segments as a segmentation of the normalised text, the post first,
    /// with each segment's author and date in `self.labels`.
    fn html_segments(&mut self, page: &crate::input::html::Extracted) {
        use crate::input::html::SegmentKind as H;
        // the normalised offset of an offset of the page's text (the map is monotonic)
        let norm = &self.norm;
        let to_norm = |x: usize| {
            let (mut lo, mut hi) = (0usize, norm.text.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if norm.map.map(mid) < x {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo as u32
        };
        let mut order: Vec<&crate::input::html::Segment> = page.segments.iter().collect();
        // the post first (where there is one), then the rest by position
        order.sort_by_key(|s| (s.kind != H::Post, s.span.0));
        let seg = &mut self.segmentation;
        seg.segments.clear();
        seg.profile = None;
        self.labels.clear();
        let mut numbers = [0u32; 4];
        let mut unit_segment: Vec<(usize, u32)> = Vec::new();
        let mut quotes: Vec<(usize, usize)> = Vec::new();
        for s in &order {
            let kind = match s.kind {
                H::Post => SegmentKind::Post,
                H::Comment => SegmentKind::Comment,
                H::Quote => SegmentKind::Quote,
                H::Boilerplate => SegmentKind::Boilerplate,
            };
            let (a, b) = (to_norm(s.span.0), to_norm(s.span.1));
            if a >= b {
                continue;
            }
            numbers[kind.index()] += 1;
            if let Some(u) = s.unit {
                if kind == SegmentKind::Quote {
                    quotes.push((seg.segments.len(), u));
                } else {
                    unit_segment.push((u, seg.segments.len() as u32));
                }
            }
            seg.segments.push(crate::segment::Segment {
                kind,
                n: numbers[kind.index()],
                spans: smallvec::smallvec![(a, b)],
                parent: None,
            });
            self.labels.push((s.author.clone(), s.date.clone()));
        }
        // a quote's parent: the post or comment of its unit
        for (at, unit) in quotes {
            if let Some(&(_, parent)) = unit_segment.iter().find(|(x, _)| *x == unit) {
                seg.segments[at].parent = Some(parent);
            }
        }
    }

    /// Whether segments of `kind` count as the document's author text.
    fn scored(&self, kind: SegmentKind) -> bool {
        scored(kind, self.options.keep_boilerplate)
    }

    /// Finds each token's segment, and counts tokens and words per segment.
    fn assign_tokens(&mut self) {
        let segments = &self.segmentation.segments;
        self.segmentation.owners_into(&mut self.owners);
        self.work.clear();
        self.work.resize(segments.len(), SegWork::default());
        self.token_segment.clear();
        let mut k = 0;
        for t in &self.tokens.tokens {
            while k + 1 < self.owners.len() && self.owners[k].1 <= t.start {
                k += 1;
            }
            // Every token lies in a non-blank line, and every such line in a segment.
            let seg = self.owners.get(k).map_or(0, |o| o.2);
            self.token_segment.push(seg);
            let w = &mut self.work[seg as usize];
            w.tokens += 1;
            w.words += u32::from(t.kind == TokenKind::Word);
        }
    }

    /// The document's language, from its author text (all text when there is none), then
    /// each segment's: its own when its words settle it, else the document's.
    fn detect_languages(&mut self, original: &str) -> Detected {
        if let Some(lang) = self.options.lang {
            self.work.iter_mut().for_each(|w| w.lang = Some(lang));
            return Detected {
                lang: Some(lang),
                confidence: 1.0,
            };
        }
        let text = &self.norm.text;
        let segments = &self.segmentation.segments;
        let any_author_words =
            self.work.iter().zip(segments).any(|(w, s)| {
                w.words > 0 && self.scored(s.kind) && s.kind != SegmentKind::Boilerplate
            });
        let words = self
            .tokens
            .tokens
            .iter()
            .zip(&self.token_segment)
            .filter(|(t, seg)| {
                t.kind == TokenKind::Word
                    && (!any_author_words || {
                        let kind = segments[**seg as usize].kind;
                        matches!(kind, SegmentKind::Post | SegmentKind::Comment)
                    })
            })
            .map(|(t, _)| t.text(text));
        let detected = self.detector.detect_words(words, original);
        for w in &mut self.work {
            w.lang = detected.lang;
        }
        if segments.len() > 1 {
            // The word tokens grouped by segment (a counting sort), so that each segment's
            // vote reads only its own words.
            let by_segment = &mut self.by_segment;
            let mut starts: Vec<u32> = Vec::with_capacity(segments.len() + 1);
            starts.push(0);
            for w in &self.work {
                starts.push(starts.last().copied().unwrap_or(0) + w.words);
            }
            by_segment.clear();
            by_segment.resize(*starts.last().unwrap_or(&0) as usize, 0);
            let mut next = starts.clone();
            for (i, (t, seg)) in self
                .tokens
                .tokens
                .iter()
                .zip(&self.token_segment)
                .enumerate()
            {
                if t.kind == TokenKind::Word {
                    by_segment[next[*seg as usize] as usize] = i as u32;
                    next[*seg as usize] += 1;
                }
            }
            for (i, s) in segments.iter().enumerate() {
                if s.kind == SegmentKind::Boilerplate
                    || (self.work[i].words as usize) < SEGMENT_LANG_MIN_WORDS
                {
                    continue;
                }
                let tokens = &self.tokens.tokens;
                let words = by_segment[starts[i] as usize..starts[i + 1] as usize]
                    .iter()
                    .map(|&t| tokens[t as usize].text(text));
                if let Some(vote) = self.detector.vote(words) {
                    self.work[i].lang = vote.lang;
                }
            }
        }
        detected
    }

    /// Matches every segment with its language's entries (one pass per language present)
    /// and tallies the matches per segment.
    fn find_matches(&mut self) {
        self.found.clear();
        let lexicon = self.matcher.lexicon();
        // Text in no lexicon language (`other`) is searched with the Finnish side, keeping
        // only themes without language sides (LIWC, word lists), whose sides are the same.
        let other = self.work.iter().any(|w| w.lang.is_none())
            && lexicon.themes.iter().any(|t| t.any_language);
        let mut passes = 0;
        for lang in Lang::ALL {
            let for_other = other && lang == Lang::Fi;
            if !for_other && !self.work.iter().any(|w| w.lang == Some(lang)) {
                continue;
            }
            passes += 1;
            if self.use_lemmas {
                let (text, tokens) = (&self.norm.text, &self.tokens);
                self.searcher
                    .find_with_lemmas(lang, text, tokens, &self.lemmas, &mut self.matches);
            } else {
                self.searcher
                    .find(lang, &self.norm.text, &self.tokens, &mut self.matches);
            }
            let (matches, contexts) = (&mut self.matches, &mut self.contexts);
            self.gate
                .apply(lexicon, lang, &self.tokens, matches, contexts);
            self.find_negation(lang);
            let mut k = 0;
            for (i, m) in self.matches.iter().enumerate() {
                while k + 1 < self.owners.len() && self.owners[k].1 <= m.start as u32 {
                    k += 1;
                }
                let seg = self.owners.get(k).map_or(0, |o| o.2);
                let seg_lang = self.work[seg as usize].lang;
                if seg_lang == Some(lang)
                    || (for_other
                        && seg_lang.is_none()
                        && lexicon.themes[m.theme as usize].any_language)
                {
                    self.found.push(Found {
                        m: *m,
                        lang,
                        segment: seg,
                        context: self.contexts.get(i).copied().flatten(),
                        cue: self.cues[i],
                    });
                }
            }
        }
        if passes > 1 {
            self.found
                .sort_by_key(|f| (f.m.start, f.m.end, f.m.theme, f.m.entry));
        }
        for w in &mut self.work {
            w.tally.clone_from(&self.template);
        }
        let exclude = self.options.negation == Negation::Exclude;
        let (toks, token_segment) = (&self.tokens.tokens, &self.token_segment);
        // tokens before this one are counted in `dic` already (matches come by start)
        let mut covered = 0;
        for f in &self.found {
            let negated = f.cue.is_some();
            let hit = self.work[f.segment as usize]
                .tally
                .add(lexicon, f.lang, &f.m, negated, exclude);
            if hit {
                let (start, end) = (f.m.start, f.m.end);
                let a = toks.partition_point(|t| (t.end as usize) <= start);
                let b = toks.partition_point(|t| (t.start as usize) < end);
                for seg in &token_segment[a.max(covered)..b.max(covered)] {
                    self.work[*seg as usize].dic += 1;
                }
                covered = covered.max(b);
            }
        }
    }

    /// The negation cue of each match in `self.matches` (searched with `lang`'s entries)
    /// into `self.cues`. Scopes never cross a sentence, so only the sentences that hold a
    /// match are scanned: the cost follows the matches, not the text.
    fn find_negation(&mut self, lang: Lang) {
        let (toks, text) = (&self.tokens.tokens, &self.norm.text);
        self.cues.clear();
        let mut i = 0;
        while i < self.matches.len() {
            let at = toks.partition_point(|t| (t.end as usize) <= self.matches[i].start);
            let Some(sentence) = toks.get(at).map(|t| t.sentence) else {
                self.cues.push(None);
                i += 1;
                continue;
            };
            let mut a = at;
            while a > 0 && toks[a - 1].sentence == sentence {
                a -= 1;
            }
            let mut b = at;
            while b < toks.len() && toks[b].sentence == sentence {
                b += 1;
            }
            self.scopes.scan_into(lang, text, &toks[a..b]);
            let end = toks[b - 1].end as usize;
            while i < self.matches.len() && self.matches[i].start < end {
                let m = &self.matches[i];
                self.cues.push(self.scopes.negating(m.start, m.end));
                i += 1;
            }
        }
    }

    /// Every match that counts, traced to the original file: offsets, line and column
    /// (in `source` for a saved HTML page, else in the decoded text), sentence and context.
    fn evidence(&self, decoded: &Decoded<'_>, source: Option<Source<'_>>) -> Vec<Evidence> {
        let lexicon = self.matcher.lexicon();
        let text = &decoded.text;
        let toks = &self.tokens.tokens;
        // A folded character ("ĳ" → "ij") can put a regex boundary inside one original
        // character: widen to whole characters.
        let span = |start: usize, end: usize| {
            let ds = floor_boundary(text, self.norm.map.map(start));
            let de = ceil_boundary(text, self.norm.map.map(end)).max(ds);
            (ds, de)
        };
        let mut lines = LineCol::default();
        let encoding = source.map(|s| {
            encoding_rs::Encoding::for_label(s.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8)
        });
        let context = self.options.context;
        self.found
            .iter()
            .map(|f| {
                let m = &f.m;
                let theme = &lexicon.themes[m.theme as usize];
                let side = theme.side(f.lang);
                let (ds, de) = span(m.start, m.end);
                let entry = &side.entries[m.entry as usize];
                let start = decoded.map.map(ds);
                let (line, column) = match (source, encoding) {
                    (Some(src), Some(enc)) => lines.bytes_at(src.bytes, enc, start),
                    _ => lines.text_at(text, ds),
                };
                let at = toks.partition_point(|t| (t.end as usize) <= m.start);
                let sentence = toks.get(at).or(toks.last()).map_or(0, |t| t.sentence);
                Evidence {
                    theme: theme.id.clone(),
                    entry: entry.written.clone(),
                    kind: kind_name(&entry.kind),
                    start,
                    end: decoded.map.map(de),
                    line,
                    column,
                    left: left_context(&text[..ds], context),
                    text: text[ds..de].to_string(),
                    right: right_context(&text[de..], context),
                    segment: f.segment,
                    sentence,
                    topic: entry.role == Role::Topic,
                    negated: f.cue.is_some(),
                    cue: f.cue.map(|c| {
                        let (cs, ce) = span(c.start, c.end);
                        [decoded.map.map(cs), decoded.map.map(ce)]
                    }),
                    context: f.context.map(|c| {
                        let (cs, ce) = span(c.start, c.end);
                        ContextEvidence {
                            entry: side.entries[c.entry as usize].written.clone(),
                            start: decoded.map.map(cs),
                            end: decoded.map.map(ce),
                            text: text[cs..ce].to_string(),
                        }
                    }),
                    source_line: None,
                    sent_id: None,
                }
            })
            .collect()
    }

    fn result(
        &self,
        path: String,
        size: u64,
        decoded: &Decoded<'_>,
        detected: Detected,
        source: Option<Source<'_>>,
    ) -> DocResult {
        let lexicon = self.matcher.lexicon();
        let segments = &self.segmentation.segments;
        let to_original = |x: u32| {
            let i = floor_boundary(&decoded.text, self.norm.map.map(x as usize));
            decoded.map.map(i)
        };
        // parts and the document's author text
        let mut part_tally: [Option<(u64, u64, Tally)>; 4] = Default::default();
        let mut doc_tally = self.template.clone();
        let mut doc_tokens = 0;
        let mut doc_dic = 0;
        for (s, w) in segments.iter().zip(&self.work) {
            let (n, tokens, tally) =
                part_tally[s.kind.index()].get_or_insert_with(|| (0, 0, self.template.clone()));
            *n += 1;
            *tokens += w.tokens;
            tally.merge(&w.tally);
            if self.scored(s.kind) {
                doc_tally.merge(&w.tally);
                doc_tokens += w.tokens;
                doc_dic += w.dic;
            }
        }
        let parts = SegmentKind::ALL
            .iter()
            .zip(part_tally)
            .filter_map(|(kind, p)| {
                let (segments, tokens, tally) = p?;
                let part = Part {
                    segments,
                    tokens,
                    themes: tally.finish_brief(lexicon, tokens),
                };
                Some((kind.name(), part))
            })
            .collect();
        let mut sentences = 0;
        let mut last_sentence = None;
        for (t, seg) in self.tokens.tokens.iter().zip(&self.token_segment) {
            if self.scored(segments[*seg as usize].kind) && last_sentence != Some(t.sentence) {
                sentences += 1;
                last_sentence = Some(t.sentence);
            }
        }
        let per_segment = self.options.unit == Unit::Segment;
        // with --unit segment: each segment's sentences (and the last one counted)
        let mut seg_sentences: Vec<(u64, Option<u32>)> = Vec::new();
        if per_segment {
            seg_sentences.resize(segments.len(), (0, None));
            for (t, seg) in self.tokens.tokens.iter().zip(&self.token_segment) {
                let (n, last) = &mut seg_sentences[*seg as usize];
                if *last != Some(t.sentence) {
                    *n += 1;
                    *last = Some(t.sentence);
                }
            }
        }
        let min_words = self.options.min_words;
        let segment_results = segments
            .iter()
            .zip(&self.work)
            .enumerate()
            .map(|(i, (s, w))| SegmentResult {
                kind: s.kind,
                n: s.n,
                parent: s.parent,
                spans: s
                    .spans
                    .iter()
                    .map(|&(a, b)| [to_original(a), to_original(b)])
                    .collect(),
                author: None,
                date: None,
                lang: code(w.lang),
                tokens: w.tokens,
                sentences: per_segment.then(|| seg_sentences[i].0),
                wc: per_segment.then_some(w.tokens),
                wps: per_segment.then(|| per_sentence(w.tokens, seg_sentences[i].0)),
                dic: per_segment.then(|| share_percent(w.dic, w.tokens)),
                short: per_segment.then_some(w.tokens < min_words),
                dic_words: w.dic,
                themes: per_segment.then(|| w.tally.finish(lexicon, w.tokens)),
            })
            .collect();
        let matches = self
            .options
            .evidence
            .then(|| self.evidence(decoded, source));
        DocResult {
            path,
            lang: detected.code(),
            lang_confidence: detected.confidence,
            encoding: decoded.encoding,
            encoding_confidence: (decoded.confidence < 1.0)
                .then(|| (decoded.confidence * 1000.0).round() / 1000.0),
            encoding_doubtful: decoded.confidence < crate::input::decode::DOUBTFUL_BELOW,
            replacements: decoded.replacements,
            bytes: size,
            profile: self.segmenter.id_arc(self.segmentation.profile),
            tokens: doc_tokens,
            sentences,
            wc: doc_tokens,
            wps: per_sentence(doc_tokens, sentences),
            dic: share_percent(doc_dic, doc_tokens),
            short: doc_tokens < min_words,
            dic_words: doc_dic,
            themes: doc_tally.finish(lexicon, doc_tokens),
            parts,
            segments: segment_results,
            matches,
            record: None,
            shown: self.options.keep_text.then(|| self.shown(decoded)),
        }
    }

    /// The decoded text of the last document, with its segments and matches placed in it
    /// as [`Analyser::result`] places them in the original file.
    fn shown(&self, decoded: &Decoded<'_>) -> Box<Shown> {
        let text = &decoded.text;
        let floor = |x: usize| floor_boundary(text, self.norm.map.map(x));
        let segments = self.segmentation.segments.iter().map(|s| {
            let spans = s.spans.iter();
            spans
                .map(|&(a, b)| [floor(a as usize), floor(b as usize)])
                .collect()
        });
        let matches = self.found.iter().map(|f| {
            let start = floor(f.m.start);
            [
                start,
                ceil_boundary(text, self.norm.map.map(f.m.end)).max(start),
            ]
        });
        Box::new(Shown {
            text: text.to_string(),
            segments: segments.collect(),
            matches: matches.collect(),
        })
    }
}

/// The original bytes of a saved HTML page and their encoding, where evidence lines and
/// columns are counted.
#[derive(Clone, Copy)]
struct Source<'a> {
    bytes: &'a [u8],
    encoding: &'static str,
}

/// The name of an entry kind in evidence.
fn kind_name(kind: &crate::lexicon::EntryKind) -> &'static str {
    use crate::lexicon::EntryKind as K;
    match kind {
        K::Lemma => "lemma",
        K::CompoundHead => "compound_head",
        K::Prefix => "prefix",
        K::Exact => "exact",
        K::Phrase(_) => "phrase",
        K::Regex(_) => "regex",
    }
}

/// Counts lines and columns up to offsets met mostly in increasing order (evidence is in
/// text order), so a document is read about once.
#[derive(Debug, Clone, Copy)]
struct LineCol {
    /// The offset counted up to.
    at: usize,
    line: u32,
    column: u32,
}

impl Default for LineCol {
    fn default() -> Self {
        LineCol {
            at: 0,
            line: 1,
            column: 1,
        }
    }
}

impl LineCol {
    /// Line and column (1-based, characters) of byte offset `to` of `text`.
    fn text_at(&mut self, text: &str, to: usize) -> (u32, u32) {
        if to < self.at {
            *self = LineCol::default();
        }
        self.count(&text[self.at..to]);
        self.at = to;
        (self.line, self.column)
    }

    /// Line and column (1-based, characters) of byte offset `to` of `bytes` decoded with
    /// `encoding` (a byte order mark not counted).
    fn bytes_at(
        &mut self,
        bytes: &[u8],
        encoding: &'static encoding_rs::Encoding,
        to: usize,
    ) -> (u32, u32) {
        let to = to.min(bytes.len());
        if to < self.at {
            *self = LineCol::default();
        }
        let (chunk, _) = encoding.decode_without_bom_handling(&bytes[self.at..to]);
        let chunk = match self.at {
            0 => chunk.strip_prefix('\u{FEFF}').unwrap_or(&chunk),
            _ => &chunk,
        };
        self.count(chunk);
        self.at = to;
        (self.line, self.column)
    }

    fn count(&mut self, chunk: &str) {
        for c in chunk.chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
    }
}

/// Up to `n` characters at the end of `before`, whitespace runs collapsed to one space, a
/// space at the far end dropped.
fn left_context(before: &str, n: usize) -> String {
    let mut out: Vec<char> = Vec::with_capacity(n);
    for c in before.chars().rev() {
        if out.len() == n {
            break;
        }
        if c.is_whitespace() {
            if out.last() != Some(&' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    if out.len() == n && out.last() == Some(&' ') {
        out.pop();
    }
    out.iter()
        .rev()
        .collect::<String>()
        .trim_start()
        .to_string()
}

/// Up to `n` characters at the start of `after`, whitespace runs collapsed to one space, a
/// space at the far end dropped.
fn right_context(after: &str, n: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for c in after.chars() {
        if chars == n {
            break;
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
                chars += 1;
            }
        } else {
            out.push(c);
            chars += 1;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

fn code(lang: Option<Lang>) -> &'static str {
    lang.map_or("other", Lang::code)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// For `skip_serializing_if`.
fn is_zero(n: &u64) -> bool {
    *n == 0
}
