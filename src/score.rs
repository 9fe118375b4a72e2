//! Scores: per-document theme counts, and the run's summary.
//!
//! A document's [`ThemeScore`] counts its matches (`hits`), sums their weights (`score`),
//! and gives the rate per 1,000 tokens (`per_1000 = 1000 × hits / tokens`), the LIWC-style
//! percentage of words (`percent = 100 × hits / tokens`) and the weighted rate
//! (`score_per_1000 = 1000 × score / tokens`); teema's tokens are LIWC's words (`wc`). The
//! [`Summary`] holds only integer totals (scores in millionths, rate statistics as
//! [`RateAcc`] sums), so summaries of shards merge exactly and in any order
//! ([`Summary::merge`]); rates and statistics are derived from the totals when written.

use crate::input::Ignored;
use crate::lang::{Lang, round3};
use crate::lexicon::{Lexicon, Role};
use crate::matcher::Match;
use crate::stats::{RateAcc, RateStats};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One theme's result in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThemeScore {
    /// Number of matches of evidence entries.
    pub hits: u64,
    /// Number of matches of topic entries (roles, domains): reported, never scored.
    pub topic_hits: u64,
    /// Matches of evidence entries in the scope of a negation cue (in `hits` too unless
    /// `--negation exclude`).
    pub negated: u64,
    /// Sum of the matched entries' weights.
    pub score: f64,
    /// Matches per 1,000 tokens.
    pub per_1000: f64,
    /// Matches per 100 tokens (LIWC's percentage of words), four decimals.
    pub percent: f64,
    /// Weighted score per 1,000 tokens.
    pub score_per_1000: f64,
    /// Matches per entry, keyed by the entry as written in the lexicon.
    pub terms: BTreeMap<Arc<str>, u64>,
}

/// What negated matches of evidence entries do to the scores (`--negation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Negation {
    /// Count them in `hits` like any match (a negated mention is still a mention), and
    /// report them in `negated` too
    #[default]
    Count,
    /// Leave them out of `hits`, score and rates; report them in `negated`
    Exclude,
    /// Score them as a theme of their own, `THEME_neg` (hits, score, rates, entries), not
    /// in THEME's hits; THEME reports them in `negated` too
    Separate,
}

impl Negation {
    /// The name as `--negation` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Negation::Count => "count",
            Negation::Exclude => "exclude",
            Negation::Separate => "separate",
        }
    }
}

/// The id of the theme that holds `theme`'s negated matches with `--negation separate`.
pub fn negated_id(theme: &str) -> String {
    format!("{theme}_neg")
}

/// Every theme id a report scores: the lexicon's themes, and with `--negation separate`
/// each one's `THEME_neg`, in sorted order (the order of the report's maps).
pub fn scored_ids(lexicon: &Lexicon, negation: Negation) -> Vec<Arc<str>> {
    let mut ids: Vec<Arc<str>> = lexicon.themes.iter().map(|t| t.id.clone()).collect();
    if negation == Negation::Separate {
        let neg: Vec<Arc<str>> = ids.iter().map(|id| Arc::from(negated_id(id))).collect();
        ids.extend(neg);
    }
    ids.sort();
    ids
}

/// Rate per 1,000, rounded to three decimals; 0 for no tokens.
pub fn per_1000(hits: u64, tokens: u64) -> f64 {
    score_per_1000(hits as f64, tokens)
}

/// Matches per 100 tokens, rounded to four decimals; 0 for no tokens.
pub fn percent(hits: u64, tokens: u64) -> f64 {
    if tokens == 0 {
        0.0
    } else {
        (hits as f64 * 100.0 / tokens as f64 * 1e4).round() / 1e4
    }
}

/// Weighted score per 1,000 tokens, rounded to three decimals; 0 for no tokens.
pub fn score_per_1000(score: f64, tokens: u64) -> f64 {
    if tokens == 0 {
        0.0
    } else {
        round3(score * 1000.0 / tokens as f64)
    }
}

/// `part` as a percentage of `whole` (`dic`), rounded to two decimals; 0 when `whole` is 0.
pub fn share_percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 100.0 / whole as f64 * 100.0).round() / 100.0
    }
}

/// Words per sentence (`wps`), rounded to three decimals; 0 without sentences.
pub fn per_sentence(words: u64, sentences: u64) -> f64 {
    if sentences == 0 {
        0.0
    } else {
        round3(words as f64 / sentences as f64)
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
            tally.add(lexicon, lang, m, false, false);
        }
    }
    tally.finish(lexicon, tokens)
}

/// Running theme counts of one text part (a segment, the comments, a document), indexed
/// like [`Lexicon::themes`]; with `--negation separate` ([`Tally::with_negation`]) followed
/// by the `THEME_neg` themes in the same order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    themes: Vec<ThemeScore>,
    /// With `--negation separate`: the ids of the `THEME_neg` themes.
    negated_ids: Option<Arc<[Arc<str>]>>,
}

impl Tally {
    /// No matches yet, for every theme of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Tally {
        Tally {
            themes: vec![ThemeScore::default(); lexicon.themes.len()],
            negated_ids: None,
        }
    }

    /// No matches yet, for every theme of `lexicon`, and with [`Negation::Separate`] for
    /// every `THEME_neg` too. Build it once and clone it: the ids are shared.
    pub fn with_negation(lexicon: &Lexicon, negation: Negation) -> Tally {
        let mut tally = Tally::new(lexicon);
        if negation == Negation::Separate {
            let ids: Vec<Arc<str>> = lexicon
                .themes
                .iter()
                .map(|t| Arc::from(negated_id(&t.id)))
                .collect();
            tally
                .themes
                .resize(2 * lexicon.themes.len(), ThemeScore::default());
            tally.negated_ids = Some(ids.into());
        }
        tally
    }

    /// Counts match `m`, found with `lang`'s entries; `negated` when it lies in a negation
    /// scope, which `exclude` keeps out of `hits`. A tally made with
    /// [`Negation::Separate`] counts a negated match in its `THEME_neg` instead. Returns
    /// whether the match counts in a theme's `hits` (its words then count in `dic`).
    pub fn add(
        &mut self,
        lexicon: &Lexicon,
        lang: Lang,
        m: &Match,
        negated: bool,
        exclude: bool,
    ) -> bool {
        let entry = &lexicon.themes[m.theme as usize].side(lang).entries[m.entry as usize];
        let mut at = m.theme as usize;
        let s = &mut self.themes[at];
        match entry.role {
            Role::Evidence => {}
            Role::Topic => {
                s.topic_hits += 1;
                return false;
            }
            Role::Context => return false,
        }
        if negated {
            s.negated += 1;
            if exclude {
                return false;
            }
            if self.negated_ids.is_some() {
                at += lexicon.themes.len();
                self.themes[at].negated += 1;
            }
        }
        let s = &mut self.themes[at];
        s.hits += 1;
        s.score += entry.weight;
        *s.terms.entry(entry.written.clone()).or_default() += 1;
        true
    }

    /// Adds another tally's counts.
    pub fn merge(&mut self, other: &Tally) {
        for (s, o) in self.themes.iter_mut().zip(&other.themes) {
            s.hits += o.hits;
            s.topic_hits += o.topic_hits;
            s.negated += o.negated;
            s.score += o.score;
            for (term, n) in &o.terms {
                *s.terms.entry(term.clone()).or_default() += n;
            }
        }
    }

    /// The scores by theme id, with rates over `tokens`.
    pub fn finish(&self, lexicon: &Lexicon, tokens: u64) -> BTreeMap<Arc<str>, ThemeScore> {
        self.by_theme(lexicon, |s| ThemeScore {
            hits: s.hits,
            topic_hits: s.topic_hits,
            negated: s.negated,
            score: round6(s.score),
            per_1000: per_1000(s.hits, tokens),
            percent: percent(s.hits, tokens),
            score_per_1000: score_per_1000(round6(s.score), tokens),
            terms: s.terms.clone(),
        })
    }

    /// The scores by theme id without the per-entry counts (for `parts`).
    pub fn finish_brief(&self, lexicon: &Lexicon, tokens: u64) -> BTreeMap<Arc<str>, Brief> {
        self.by_theme(lexicon, |s| Brief {
            hits: s.hits,
            topic_hits: s.topic_hits,
            score: round6(s.score),
            per_1000: per_1000(s.hits, tokens),
        })
    }

    /// `make` of every theme's counts, keyed by theme id. Weights are summed in match order,
    /// so `make` rounds the score: the sum must not depend on how a document was split into
    /// segments.
    fn by_theme<T>(
        &self,
        lexicon: &Lexicon,
        make: impl Fn(&ThemeScore) -> T,
    ) -> BTreeMap<Arc<str>, T> {
        let negated = self.negated_ids.as_deref().unwrap_or_default();
        lexicon
            .themes
            .iter()
            .map(|theme| &theme.id)
            .chain(negated)
            .zip(&self.themes)
            .map(|(id, s)| (id.clone(), make(s)))
            .collect()
    }
}

/// A theme's result in a part of a document, without per-entry counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// Number of matches of evidence entries.
    pub hits: u64,
    /// Number of matches of topic entries.
    pub topic_hits: u64,
    /// Sum of the matched entries' weights.
    pub score: f64,
    /// Matches per 1,000 tokens.
    pub per_1000: f64,
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// One kind of segment (post, comment, quote, boilerplate) of a document, or of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// Matches of evidence entries in all documents.
    pub hits: u64,
    /// Matches of topic entries in all documents.
    pub topic_hits: u64,
    /// Matches of evidence entries under negation in all documents.
    pub negated: u64,
    /// Documents with at least one match.
    pub documents_with_hits: u64,
    /// Sum of the documents' scores, in millionths (a document's score has six decimals),
    /// so that the sum does not depend on the order of adding.
    pub score_micro: i128,
    /// The per-document rates of the documents that enter the statistics.
    pub rates: RateAcc,
}

impl ThemeTotals {
    fn add(&mut self, s: &ThemeScore, unit: &Counted) {
        self.hits += s.hits;
        self.topic_hits += s.topic_hits;
        self.negated += s.negated;
        self.documents_with_hits += u64::from(s.hits > 0);
        self.score_micro += (s.score * 1e6).round() as i128;
        if unit.in_stats {
            self.rates.add(unit.wc, s.hits);
        }
    }

    fn merge(&mut self, o: &ThemeTotals) {
        self.hits += o.hits;
        self.topic_hits += o.topic_hits;
        self.negated += o.negated;
        self.documents_with_hits += o.documents_with_hits;
        self.score_micro += o.score_micro;
        self.rates.merge(&o.rates);
    }

    /// The summed score.
    pub fn score(&self) -> f64 {
        round6(self.score_micro as f64 / 1e6)
    }
}

/// What one document (or, for groups of segments, one segment) adds to a summary besides
/// its theme scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counted {
    /// Its words (tokens).
    pub wc: u64,
    /// Its sentences.
    pub sentences: u64,
    /// Its words inside at least one theme match.
    pub dic_words: u64,
    /// Fewer words than `--min-words`.
    pub short: bool,
    /// Its rates enter the per-document statistics: not short, or `--include-short`.
    pub in_stats: bool,
}

/// The word totals of a run or a group: exact sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordTotals {
    /// Sentences.
    pub sentences: u64,
    /// Words inside at least one theme match.
    pub dic_words: u64,
    /// Documents (segments) with fewer words than `--min-words`.
    pub short: u64,
}

impl WordTotals {
    fn add(&mut self, unit: &Counted) {
        self.sentences += unit.sentences;
        self.dic_words += unit.dic_words;
        self.short += u64::from(unit.short);
    }

    fn merge(&mut self, o: &WordTotals) {
        self.sentences += o.sentences;
        self.dic_words += o.dic_words;
        self.short += o.short;
    }
}

/// One group's totals (`--group-by`): integers only, like the run's, so they merge exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupTotals {
    /// Documents in the group.
    pub documents: u64,
    /// Tokens in its documents.
    pub tokens: u64,
    /// Sentences, dictionary words, short documents.
    pub words: WordTotals,
    /// Per theme id.
    pub themes: BTreeMap<Arc<str>, ThemeTotals>,
}

impl GroupTotals {
    fn add(&mut self, unit: &Counted, themes: &BTreeMap<Arc<str>, ThemeScore>) {
        self.documents += 1;
        self.tokens += unit.wc;
        self.words.add(unit);
        for (id, s) in themes {
            self.themes.entry(id.clone()).or_default().add(s, unit);
        }
    }

    fn merge(&mut self, other: &GroupTotals) {
        self.documents += other.documents;
        self.tokens += other.tokens;
        self.words.merge(&other.words);
        merge_themes(&mut self.themes, &other.themes);
    }
}

fn merge_themes(
    into: &mut BTreeMap<Arc<str>, ThemeTotals>,
    from: &BTreeMap<Arc<str>, ThemeTotals>,
) {
    for (id, o) in from {
        into.entry(id.clone()).or_default().merge(o);
    }
}

/// Totals over a run. Merging is commutative and associative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Inputs found: every item the walk handed on (each one then analysed or skipped), and
    /// every entry it passed over by rule (`ignored`), so that `discovered = documents +
    /// skipped + ignored.total()` in a complete run. In a shard's run (`--shard`), all the
    /// inputs of the run over all shards, as `ignored` is.
    pub discovered: u64,
    /// Documents analysed.
    pub documents: u64,
    /// Inputs skipped (listed in the report with their reason).
    pub skipped: u64,
    /// Tokens in all documents.
    pub tokens: u64,
    /// Bytes read from analysed documents.
    pub bytes: u64,
    /// Sentences, dictionary words, short documents.
    pub words: WordTotals,
    /// Inputs passed over by rule.
    pub ignored: Ignored,
    /// Per theme id.
    pub themes: BTreeMap<Arc<str>, ThemeTotals>,
    /// Per kind of segment (`post`, `comment`, `quote`, `boilerplate`).
    pub parts: BTreeMap<&'static str, PartTotals>,
    /// Per `--group-by` spec, per group name.
    pub groups: BTreeMap<String, BTreeMap<String, GroupTotals>>,
}

impl Summary {
    /// An empty summary listing every theme of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Summary {
        Summary::with_negation(lexicon, Negation::Count)
    }

    /// An empty summary listing every theme of `lexicon`, and with
    /// [`Negation::Separate`] every `THEME_neg` too.
    pub fn with_negation(lexicon: &Lexicon, negation: Negation) -> Summary {
        Summary {
            themes: scored_ids(lexicon, negation)
                .into_iter()
                .map(|id| (id, ThemeTotals::default()))
                .collect(),
            ..Summary::default()
        }
    }

    /// Counts one analysed document of `bytes` bytes.
    pub fn add_document(
        &mut self,
        unit: &Counted,
        bytes: u64,
        themes: &BTreeMap<Arc<str>, ThemeScore>,
    ) {
        self.documents += 1;
        self.tokens += unit.wc;
        self.bytes += bytes;
        self.words.add(unit);
        for (id, s) in themes {
            self.themes.entry(id.clone()).or_default().add(s, unit);
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

    /// Lists `spec` among the groupings, so it is reported even if no document comes.
    pub fn add_grouping(&mut self, spec: &str) {
        self.groups.entry(spec.to_string()).or_default();
    }

    /// Counts one analysed document (or segment) in group `group` of `spec` (on top of
    /// [`Summary::add_document`], which counts it in the run's totals).
    pub fn add_to_group(
        &mut self,
        spec: &str,
        group: String,
        unit: &Counted,
        themes: &BTreeMap<Arc<str>, ThemeScore>,
    ) {
        let groups = match self.groups.get_mut(spec) {
            Some(g) => g,
            None => self.groups.entry(spec.to_string()).or_default(),
        };
        groups.entry(group).or_default().add(unit, themes);
    }

    /// Adds another summary (e.g. of another shard).
    pub fn merge(&mut self, other: &Summary) {
        self.discovered += other.discovered;
        self.documents += other.documents;
        self.skipped += other.skipped;
        self.tokens += other.tokens;
        self.bytes += other.bytes;
        self.words.merge(&other.words);
        self.ignored.merge(&other.ignored);
        merge_themes(&mut self.themes, &other.themes);
        for (spec, groups) in &other.groups {
            let mine = self.groups.entry(spec.clone()).or_default();
            for (name, g) in groups {
                mine.entry(name.clone()).or_default().merge(g);
            }
        }
        for (kind, o) in &other.parts {
            self.parts.entry(kind).or_default().merge(o);
        }
    }
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_summary(self, s)
    }
}

/// A theme's totals as written in the summary and its groups.
#[derive(Serialize)]
struct ThemeOut {
    hits: u64,
    topic_hits: u64,
    negated: u64,
    documents_with_hits: u64,
    per_1000: f64,
    percent: f64,
    score: f64,
    score_per_1000: f64,
    per_document: RateStats,
}

/// The word measures of a run or group as written: `wc`, `sentences`, `wps`, `dic_words`,
/// `dic`, `short`.
#[derive(Serialize)]
struct WordsOut {
    wc: u64,
    sentences: u64,
    wps: f64,
    dic_words: u64,
    dic: f64,
    short: u64,
}

impl WordsOut {
    fn new(wc: u64, w: &WordTotals) -> WordsOut {
        WordsOut {
            wc,
            sentences: w.sentences,
            wps: per_sentence(wc, w.sentences),
            dic_words: w.dic_words,
            dic: share_percent(w.dic_words, wc),
            short: w.short,
        }
    }
}

fn serialize_summary<'a, S: Serializer>(this: &'a Summary, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Group<'a> {
        documents: u64,
        tokens: u64,
        #[serde(flatten)]
        words: WordsOut,
        themes: BTreeMap<&'a str, ThemeOut>,
    }
    #[derive(Serialize)]
    struct IgnoredOut<'a> {
        total: u64,
        #[serde(flatten)]
        by_rule: &'a Ignored,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        discovered: u64,
        documents: u64,
        skipped: u64,
        tokens: u64,
        #[serde(flatten)]
        words: WordsOut,
        bytes: u64,
        ignored: IgnoredOut<'a>,
        themes: BTreeMap<&'a str, ThemeOut>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        groups: BTreeMap<&'a str, BTreeMap<&'a str, Group<'a>>>,
        parts: BTreeMap<&'a str, PartOut<'a>>,
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
    let themes = |themes: &'a BTreeMap<Arc<str>, ThemeTotals>, tokens: u64| {
        themes
            .iter()
            .map(|(id, t)| {
                let score = t.score();
                let theme = ThemeOut {
                    hits: t.hits,
                    topic_hits: t.topic_hits,
                    negated: t.negated,
                    documents_with_hits: t.documents_with_hits,
                    per_1000: per_1000(t.hits, tokens),
                    percent: percent(t.hits, tokens),
                    score,
                    score_per_1000: score_per_1000(score, tokens),
                    per_document: t.rates.finish(),
                };
                (&**id, theme)
            })
            .collect::<BTreeMap<_, _>>()
    };
    Out {
        discovered: this.discovered,
        documents: this.documents,
        skipped: this.skipped,
        tokens: this.tokens,
        words: WordsOut::new(this.tokens, &this.words),
        bytes: this.bytes,
        ignored: IgnoredOut {
            total: this.ignored.total(),
            by_rule: &this.ignored,
        },
        themes: themes(&this.themes, this.tokens),
        groups: this
            .groups
            .iter()
            .map(|(spec, groups)| {
                let groups = groups
                    .iter()
                    .map(|(name, g)| {
                        let group = Group {
                            documents: g.documents,
                            tokens: g.tokens,
                            words: WordsOut::new(g.tokens, &g.words),
                            themes: themes(&g.themes, g.tokens),
                        };
                        (name.as_str(), group)
                    })
                    .collect();
                (spec.as_str(), groups)
            })
            .collect(),
        parts: this
            .parts
            .iter()
            .map(|(kind, p)| {
                let themes = p
                    .hits
                    .iter()
                    .map(|(id, &hits)| {
                        let per_1000 = per_1000(hits, p.tokens);
                        (&**id, PartTheme { hits, per_1000 })
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
        let authors = ["anna", "bert", "anna"];
        let add = |s: &mut Summary, i: usize| {
            let (t, th) = &docs[i];
            let unit = Counted {
                wc: *t,
                in_stats: true,
                ..Counted::default()
            };
            s.add_document(&unit, 0, th);
            s.add_to_group("author", authors[i].to_string(), &unit, th);
        };
        let mut whole = Summary::default();
        whole.add_grouping("author");
        for i in 0..docs.len() {
            add(&mut whole, i);
        }
        let mut left = Summary::default();
        add(&mut left, 2);
        let mut right = Summary::default();
        add(&mut right, 1);
        add(&mut right, 0);
        let mut merged = right.clone();
        merged.merge(&left);
        assert_eq!(merged, whole);
        let mut merged = left.clone();
        merged.merge(&right);
        assert_eq!(merged, whole);
        assert_eq!(whole.themes["a"].hits, 3);
        assert_eq!(whole.themes["a"].documents_with_hits, 2);
        let anna = &whole.groups["author"]["anna"];
        assert_eq!((anna.documents, anna.tokens), (2, 110));
        assert_eq!(anna.themes["a"].hits, 3);
        assert_eq!(anna.themes["b"].documents_with_hits, 1);
        let json = serde_json::to_value(&whole).unwrap();
        assert_eq!(json["themes"]["b"]["per_1000"], 25.0);
        assert_eq!(
            json["groups"]["author"]["bert"]["themes"]["b"]["per_1000"],
            60.0
        );
        assert_eq!(json["groups"]["author"]["anna"]["documents"], 2);
        let plain = serde_json::to_value(Summary::default()).unwrap();
        assert!(plain.get("groups").is_none());
    }

    #[test]
    fn per_1000_handles_empty_documents() {
        assert_eq!(per_1000(3, 0), 0.0);
        assert_eq!(per_1000(1, 3), 333.333);
    }
}
