//! The chain of stages for one document: decode → normalise → tokenise → detect language →
//! match → score, with evidence traced back to byte offsets in the original file.

use crate::decode::decode;
use crate::lang::{Detected, Detector, Lang};
use crate::matcher::{Match, Matcher, Searcher};
use crate::normalise::{Normalised, normalise_into};
use crate::score::{ThemeScore, score};
use crate::tokenise::{TokenKind, Tokens, mark_names, tokenise_into};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The result for one analysed document: a `document` record of the report.
#[derive(Debug, Clone, Serialize)]
pub struct DocResult {
    /// The input path as given or found by the walk (`<stdin>` for standard input).
    pub path: String,
    /// `fi`, `nl` or `other`.
    pub lang: &'static str,
    /// The language detector's confidence (1.0 when set with `--lang`).
    pub lang_confidence: f64,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// Number of tokens (words, numbers, times, URLs, e-mail addresses).
    pub tokens: u64,
    /// Number of sentences with at least one token.
    pub sentences: u64,
    /// Per theme id, every theme of the lexicon.
    pub themes: BTreeMap<Arc<str>, ThemeScore>,
    /// Every match, with `--evidence`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<Evidence>>,
}

/// One match, traced to the original file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Theme id.
    pub theme: Arc<str>,
    /// The entry as written in the lexicon.
    pub entry: Arc<str>,
    /// Byte offset of the match's start in the original file.
    pub start: usize,
    /// Byte offset of the match's end in the original file.
    pub end: usize,
    /// The original text there (decoded).
    pub text: String,
}

/// An input that was not analysed, and why: a `skipped` record of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The input path.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
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
}

/// Options for analysing documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnalyseOptions {
    /// Use this language for every document instead of detecting it.
    pub lang: Option<Lang>,
    /// Keep every match as evidence.
    pub evidence: bool,
}

/// Analyses documents for one thread, reusing its buffers.
pub struct Analyser<'m> {
    matcher: &'m Matcher,
    detector: &'m Detector,
    searcher: Searcher<'m>,
    options: AnalyseOptions,
    norm: Normalised,
    tokens: Tokens,
    matches: Vec<Match>,
}

impl<'m> Analyser<'m> {
    /// An analyser using `matcher` and `detector`.
    pub fn new(matcher: &'m Matcher, detector: &'m Detector, options: AnalyseOptions) -> Self {
        Analyser {
            matcher,
            detector,
            searcher: matcher.searcher(),
            options,
            norm: Normalised::default(),
            tokens: Tokens::default(),
            matches: Vec::new(),
        }
    }

    /// Runs the stages up to matching on one document's bytes and returns a view of the
    /// intermediate results (for lexicon tools that need more than scores).
    pub fn inspect(&mut self, bytes: &[u8]) -> Option<Inspection<'_>> {
        let decoded = decode(bytes).ok()?;
        normalise_into(&decoded.text, &mut self.norm);
        tokenise_into(&self.norm.text, &mut self.tokens);
        mark_names(&mut self.tokens, &decoded.text, &self.norm.map);
        let text = &self.norm.text;
        let lang = match self.options.lang {
            Some(lang) => Some(lang),
            None => {
                let words = self
                    .tokens
                    .tokens
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word);
                self.detector
                    .detect_words(words.map(|t| t.text(text)), &decoded.text)
                    .lang
            }
        };
        match lang {
            Some(lang) => self
                .searcher
                .find(lang, text, &self.tokens, &mut self.matches),
            None => self.matches.clear(),
        }
        Some(Inspection {
            lang,
            text,
            tokens: &self.tokens,
            matches: &self.matches,
        })
    }

    /// Analyses one document's bytes.
    pub fn analyse(&mut self, path: String, bytes: &[u8]) -> Result<DocResult, Skipped> {
        let size = bytes.len() as u64;
        let decoded = decode(bytes).map_err(|e| Skipped {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        normalise_into(&decoded.text, &mut self.norm);
        tokenise_into(&self.norm.text, &mut self.tokens);
        mark_names(&mut self.tokens, &decoded.text, &self.norm.map);
        let detected = match self.options.lang {
            Some(lang) => Detected {
                lang: Some(lang),
                confidence: 1.0,
            },
            None => {
                let text = &self.norm.text;
                let words = self
                    .tokens
                    .tokens
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .map(|t| t.text(text));
                self.detector.detect_words(words, &decoded.text)
            }
        };
        match detected.lang {
            Some(lang) => {
                self.searcher
                    .find(lang, &self.norm.text, &self.tokens, &mut self.matches)
            }
            None => self.matches.clear(),
        }
        let n_tokens = self.tokens.tokens.len() as u64;
        let lexicon = self.matcher.lexicon();
        let themes = score(lexicon, detected.lang, &self.matches, n_tokens);
        let matches = match (self.options.evidence, detected.lang) {
            (true, Some(lang)) => Some(
                self.matches
                    .iter()
                    .map(|m| {
                        let theme = &lexicon.themes[m.theme as usize];
                        // A folded character ("ĳ" → "ij") can put a regex boundary inside
                        // one original character: widen to whole characters.
                        let text = &decoded.text;
                        let ds = floor_boundary(text, self.norm.map.map(m.start));
                        let de = ceil_boundary(text, self.norm.map.map(m.end)).max(ds);
                        Evidence {
                            theme: theme.id.clone(),
                            entry: theme.side(lang).entries[m.entry as usize].written.clone(),
                            start: decoded.map.map(ds),
                            end: decoded.map.map(de),
                            text: decoded.text[ds..de].to_string(),
                        }
                    })
                    .collect(),
            ),
            (true, None) => Some(Vec::new()),
            (false, _) => None,
        };
        Ok(DocResult {
            path,
            lang: detected.code(),
            lang_confidence: detected.confidence,
            encoding: decoded.encoding,
            bytes: size,
            tokens: n_tokens,
            sentences: u64::from(self.tokens.sentences),
            themes,
            matches,
        })
    }
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
