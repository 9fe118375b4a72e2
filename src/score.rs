//! Scores: per-document theme counts, and the run's summary.
//!
//! A document's [`ThemeScore`] counts its matches (`hits`), sums their weights (`score`),
//! and gives the rate per 1,000 tokens (`per_1000 = 1000 × hits / tokens`). The [`Summary`]
//! holds only integer totals, so summaries of shards merge exactly and in any order
//! ([`Summary::merge`]); rates are derived from the totals when written.

use crate::lang::{Lang, round3};
use crate::lexicon::Lexicon;
use crate::matcher::Match;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One theme's result in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ThemeScore {
    /// Number of matches.
    pub hits: u64,
    /// Sum of the matched entries' weights.
    pub score: f64,
    /// Matches per 1,000 tokens.
    pub per_1000: f64,
    /// Matches per entry, keyed by the entry as written in the lexicon.
    pub terms: BTreeMap<Arc<str>, u64>,
}

/// Rate per 1,000, rounded to three decimals; 0 for no tokens.
pub fn per_1000(hits: u64, tokens: u64) -> f64 {
    if tokens == 0 {
        0.0
    } else {
        round3(hits as f64 * 1000.0 / tokens as f64)
    }
}

/// Scores the matches of one text searched with `lang`'s entries (or none, for a text in
/// another language). Every theme of the lexicon appears, with zeros where nothing matched.
pub fn score(
    lexicon: &Lexicon,
    lang: Option<Lang>,
    matches: &[Match],
    tokens: u64,
) -> BTreeMap<Arc<str>, ThemeScore> {
    let mut tally = Tally::new(lexicon);
    if let Some(lang) = lang {
        for m in matches {
            tally.add(lexicon, lang, m);
        }
    }
    tally.finish(lexicon, tokens)
}

/// Running theme counts of one text part (a segment, the comments, a document), indexed
/// like [`Lexicon::themes`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    themes: Vec<ThemeScore>,
}

impl Tally {
    /// No matches yet, for every theme of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Tally {
        Tally {
            themes: vec![ThemeScore::default(); lexicon.themes.len()],
        }
    }

    /// Counts match `m`, found with `lang`'s entries.
    pub fn add(&mut self, lexicon: &Lexicon, lang: Lang, m: &Match) {
        let entry = &lexicon.themes[m.theme as usize].side(lang).entries[m.entry as usize];
        let s = &mut self.themes[m.theme as usize];
        s.hits += 1;
        s.score += entry.weight;
        *s.terms.entry(entry.written.clone()).or_default() += 1;
    }

    /// Adds another tally's counts.
    pub fn merge(&mut self, other: &Tally) {
        for (s, o) in self.themes.iter_mut().zip(&other.themes) {
            s.hits += o.hits;
            s.score += o.score;
            for (term, n) in &o.terms {
                *s.terms.entry(term.clone()).or_default() += n;
            }
        }
    }

    /// The scores by theme id, with rates over `tokens`.
    pub fn finish(&self, lexicon: &Lexicon, tokens: u64) -> BTreeMap<Arc<str>, ThemeScore> {
        lexicon
            .themes
            .iter()
            .zip(&self.themes)
            .map(|(theme, s)| {
                let mut s = s.clone();
                s.per_1000 = per_1000(s.hits, tokens);
                // Weights are summed in match order; round so that the sum does not depend
                // on how a document was split into segments.
                s.score = round6(s.score);
                (theme.id.clone(), s)
            })
            .collect()
    }
}

impl Tally {
    /// The scores by theme id without the per-entry counts (for `parts`).
    pub fn finish_brief(&self, lexicon: &Lexicon, tokens: u64) -> BTreeMap<Arc<str>, Brief> {
        lexicon
            .themes
            .iter()
            .zip(&self.themes)
            .map(|(theme, s)| {
                let brief = Brief {
                    hits: s.hits,
                    score: round6(s.score),
                    per_1000: per_1000(s.hits, tokens),
                };
                (theme.id.clone(), brief)
            })
            .collect()
    }
}

/// A theme's result in a part of a document, without per-entry counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Brief {
    /// Number of matches.
    pub hits: u64,
    /// Sum of the matched entries' weights.
    pub score: f64,
    /// Matches per 1,000 tokens.
    pub per_1000: f64,
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// One kind of segment (post, comment, quote, boilerplate) of a document, or of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Part {
    /// How many segments of this kind.
    pub segments: u64,
    /// Tokens in them.
    pub tokens: u64,
    /// Their scores (per-entry counts are in the segments, with `--unit segment`).
    pub themes: BTreeMap<Arc<str>, Brief>,
}

/// A kind of segment's totals over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartTotals {
    /// Segments of this kind in all documents.
    pub segments: u64,
    /// Tokens in them.
    pub tokens: u64,
    /// Matches per theme id.
    pub hits: BTreeMap<Arc<str>, u64>,
}

impl PartTotals {
    fn merge(&mut self, other: &PartTotals) {
        self.segments += other.segments;
        self.tokens += other.tokens;
        for (id, h) in &other.hits {
            *self.hits.entry(id.clone()).or_default() += h;
        }
    }
}

/// A theme's totals over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeTotals {
    /// Matches in all documents.
    pub hits: u64,
    /// Documents with at least one match.
    pub documents_with_hits: u64,
}

/// Inputs the walk passed over by rule (not errors): counted, not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// Hidden files and folders (names starting with `.`), without `--hidden`.
    pub hidden: u64,
    /// Files left out by `--glob` patterns.
    pub glob: u64,
}

impl Ignored {
    /// Adds `other`'s counts.
    pub fn merge(&mut self, other: &Ignored) {
        self.hidden += other.hidden;
        self.glob += other.glob;
    }
}

/// Totals over a run. Merging is commutative and associative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents analysed.
    pub documents: u64,
    /// Inputs skipped (listed in the report with their reason).
    pub skipped: u64,
    /// Tokens in all documents.
    pub tokens: u64,
    /// Bytes read from analysed documents.
    pub bytes: u64,
    /// Inputs passed over by rule.
    pub ignored: Ignored,
    /// Per theme id.
    pub themes: BTreeMap<Arc<str>, ThemeTotals>,
    /// Per kind of segment (`post`, `comment`, `quote`, `boilerplate`).
    pub parts: BTreeMap<&'static str, PartTotals>,
}

impl Summary {
    /// An empty summary listing every theme of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Summary {
        Summary {
            themes: lexicon
                .themes
                .iter()
                .map(|t| (t.id.clone(), ThemeTotals::default()))
                .collect(),
            ..Summary::default()
        }
    }

    /// Counts one analysed document.
    pub fn add_document(
        &mut self,
        tokens: u64,
        bytes: u64,
        themes: &BTreeMap<Arc<str>, ThemeScore>,
    ) {
        self.documents += 1;
        self.tokens += tokens;
        self.bytes += bytes;
        for (id, s) in themes {
            let t = self.themes.entry(id.clone()).or_default();
            t.hits += s.hits;
            t.documents_with_hits += u64::from(s.hits > 0);
        }
    }

    /// Counts one document's parts (segments by kind).
    pub fn add_parts(&mut self, parts: &BTreeMap<&'static str, Part>) {
        for (kind, part) in parts {
            let t = self.parts.entry(kind).or_default();
            t.segments += part.segments;
            t.tokens += part.tokens;
            for (id, s) in &part.themes {
                *t.hits.entry(id.clone()).or_default() += s.hits;
            }
        }
    }

    /// Adds another summary (e.g. of another shard).
    pub fn merge(&mut self, other: &Summary) {
        self.documents += other.documents;
        self.skipped += other.skipped;
        self.tokens += other.tokens;
        self.bytes += other.bytes;
        self.ignored.merge(&other.ignored);
        for (id, o) in &other.themes {
            let t = self.themes.entry(id.clone()).or_default();
            t.hits += o.hits;
            t.documents_with_hits += o.documents_with_hits;
        }
        for (kind, o) in &other.parts {
            self.parts.entry(kind).or_default().merge(o);
        }
    }
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Theme {
            hits: u64,
            documents_with_hits: u64,
            per_1000: f64,
        }
        #[derive(Serialize)]
        struct PartTheme {
            hits: u64,
            per_1000: f64,
        }
        #[derive(Serialize)]
        struct PartOut<'a> {
            segments: u64,
            tokens: u64,
            themes: BTreeMap<&'a str, PartTheme>,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            documents: u64,
            skipped: u64,
            tokens: u64,
            bytes: u64,
            ignored: &'a Ignored,
            themes: BTreeMap<&'a str, Theme>,
            parts: BTreeMap<&'a str, PartOut<'a>>,
        }
        Out {
            documents: self.documents,
            skipped: self.skipped,
            tokens: self.tokens,
            bytes: self.bytes,
            ignored: &self.ignored,
            themes: self
                .themes
                .iter()
                .map(|(id, t)| {
                    let theme = Theme {
                        hits: t.hits,
                        documents_with_hits: t.documents_with_hits,
                        per_1000: per_1000(t.hits, self.tokens),
                    };
                    (&**id, theme)
                })
                .collect(),
            parts: self
                .parts
                .iter()
                .map(|(kind, p)| {
                    let themes = p
                        .hits
                        .iter()
                        .map(|(id, &hits)| {
                            let rate = per_1000(hits, p.tokens);
                            (
                                &**id,
                                PartTheme {
                                    hits,
                                    per_1000: rate,
                                },
                            )
                        })
                        .collect();
                    let out = PartOut {
                        segments: p.segments,
                        tokens: p.tokens,
                        themes,
                    };
                    (*kind, out)
                })
                .collect(),
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes(hits: &[(&str, u64)]) -> BTreeMap<Arc<str>, ThemeScore> {
        hits.iter()
            .map(|(id, h)| {
                let s = ThemeScore {
                    hits: *h,
                    ..ThemeScore::default()
                };
                (Arc::from(*id), s)
            })
            .collect()
    }

    #[test]
    fn merge_is_order_independent_and_equals_the_sum() {
        let docs = [
            (100, themes(&[("a", 2), ("b", 0)])),
            (50, themes(&[("a", 0), ("b", 3)])),
            (10, themes(&[("a", 1), ("b", 1)])),
        ];
        let mut whole = Summary::default();
        for (t, th) in &docs {
            whole.add_document(*t, 0, th);
        }
        let mut left = Summary::default();
        left.add_document(docs[2].0, 0, &docs[2].1);
        let mut right = Summary::default();
        right.add_document(docs[1].0, 0, &docs[1].1);
        right.add_document(docs[0].0, 0, &docs[0].1);
        let mut merged = right.clone();
        merged.merge(&left);
        assert_eq!(merged, whole);
        assert_eq!(whole.themes["a"].hits, 3);
        assert_eq!(whole.themes["a"].documents_with_hits, 2);
        let json = serde_json::to_value(&whole).unwrap();
        assert_eq!(json["themes"]["b"]["per_1000"], 25.0);
    }

    #[test]
    fn per_1000_handles_empty_documents() {
        assert_eq!(per_1000(3, 0), 0.0);
        assert_eq!(per_1000(1, 3), 333.333);
    }
}
