//! Regex entries and their prefilter: each pattern's possible first bytes (its prefix
//! literals, e.g. `klo` for `\bklo\s*2[0-3]`) are found with one Aho-Corasick pass over the
//! text, and the pattern runs anchored only where one occurs. Patterns without a usable
//! literal prefix run over the whole text.

use super::Searcher;
use super::compile::SideIndex;
use super::resolve::candidate;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};

/// The regex entries of one language side, with the literal automaton that says where each
/// may match.
#[derive(Default)]
pub(super) struct Regexes {
    /// Each regex and its target id.
    regexes: Vec<(Regex, u32)>,
    /// Prefix literals of the regexes, and the regex each literal belongs to.
    automaton: Option<AhoCorasick>,
    literals: Vec<Vec<u8>>,
    literal_owner: Vec<u32>,
    /// Per literal: its regex starts with `\b` and the literal with a word character, so
    /// the regex can match there only where no word character comes before.
    pub(super) literal_at_word_start: Vec<bool>,
    /// Regexes without a usable literal prefix: run over the whole text.
    unanchored: Vec<u32>,
}

impl Regexes {
    /// Adds `compiled`, the regex of `pattern`, for target `id`.
    pub(super) fn add(&mut self, pattern: &str, compiled: Regex, id: u32) {
        let index = self.regexes.len() as u32;
        match prefix_literals(pattern) {
            Some((lits, boundary)) => {
                for lit in lits {
                    let word_start = boundary && starts_with_word_char(&lit);
                    self.literals.push(lit);
                    self.literal_owner.push(index);
                    self.literal_at_word_start.push(word_start);
                }
            }
            None => self.unanchored.push(index),
        }
        self.regexes.push((compiled, id));
    }

    /// Builds the literal automaton once all regexes are added.
    pub(super) fn finish(&mut self) {
        let literals = std::mem::take(&mut self.literals);
        if !literals.is_empty() {
            // A DFA: the fastest overlapping search, and the literals are few.
            let ac = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals)
                .expect("literal automaton builds");
            self.automaton = Some(ac);
        }
    }
}

impl Searcher<'_> {
    fn push_regex_match(&mut self, side: &SideIndex, regex: u32, start: usize, end: usize) {
        let id = side.regexes.regexes[regex as usize].1;
        self.candidates.extend(candidate(side, id, start, end));
    }

    /// Adds a candidate for each non-empty match of the side's regexes in `text`.
    pub(super) fn find_regexes(&mut self, side: &SideIndex, text: &str) {
        let re = &side.regexes;
        if let Some(ac) = &re.automaton {
            for lit in ac.find_overlapping_iter(text) {
                let pattern = lit.pattern().as_usize();
                if re.literal_at_word_start[pattern] && word_char_before(text, lit.start()) {
                    continue;
                }
                let regex = re.literal_owner[pattern];
                let input = Input::new(text)
                    .range(lit.start()..window_end(text, lit.start()))
                    .anchored(Anchored::Yes);
                let found = re.regexes[regex as usize].0.search(&input);
                if let Some(m) = found.filter(|m| !m.is_empty()) {
                    self.push_regex_match(side, regex, m.start(), m.end());
                }
            }
        }
        // Regexes without prefix literals: the leftmost match from `at`, looked for in a
        // window of 2 × MAX_REGEX_MATCH bytes and taken when it starts in the first half or
        // the window reaches the end of the text (so every match of at most
        // MAX_REGEX_MATCH bytes is the one `find_iter` finds);
        // else the window moves on by half. An unbounded search from every match on would
        // cost the rest of the text each time (`[a-z]+x|[a-z]` over a run of letters).
        for &regex in &re.unanchored {
            let r = &re.regexes[regex as usize].0;
            let mut at = 0;
            while at < text.len() {
                let half = window_end(text, at);
                let end = window_end(text, half);
                let input = Input::new(text).range(at..end);
                match r.search(&input) {
                    // a window that reaches the end cuts no match short
                    Some(m) if m.start() < half || end == text.len() => {
                        if m.is_empty() {
                            at = next_char(text, m.start());
                        } else {
                            self.push_regex_match(side, regex, m.start(), m.end());
                            at = m.end();
                        }
                    }
                    _ if end == text.len() => break,
                    _ => at = half,
                }
            }
        }
    }
}

/// The longest match, in bytes, a regex entry finds where its prefix literal occurs: the
/// anchored search there looks no further. Without the bound, a pattern that scans to the
/// end of the text before failing (`(a+)+$` over a long run of `a`) costs the rest of the
/// text at every occurrence of its literal: quadratic time.
pub const MAX_REGEX_MATCH: usize = 1024;

/// Where the anchored search from `start` ends: [`MAX_REGEX_MATCH`] bytes on, at a
/// character boundary, or the end of `text`. Look-around (`$`, `\b`) still sees the whole
/// text.
fn window_end(text: &str, start: usize) -> usize {
    let mut end = start.saturating_add(MAX_REGEX_MATCH);
    if end >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The byte offset of the character after the one at `at` (or the end of `text`).
fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// The literals every match of `pattern` starts with, if there is a small finite set of
/// non-empty ones, and whether every match starts with a Unicode word boundary (`\b`).
fn prefix_literals(pattern: &str) -> Option<(Vec<Vec<u8>>, bool)> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > 256 || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    let lits = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    Some((lits, starts_with_word_boundary(&hir)))
}

/// True when every match of `hir` begins with a Unicode `\b` assertion.
fn starts_with_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(Look::WordUnicode) => true,
        HirKind::Concat(parts) => parts.first().is_some_and(starts_with_word_boundary),
        HirKind::Alternation(alts) => alts.iter().all(starts_with_word_boundary),
        HirKind::Capture(cap) => starts_with_word_boundary(&cap.sub),
        _ => false,
    }
}

/// True when `lit` begins with a (Unicode) word character.
fn starts_with_word_char(lit: &[u8]) -> bool {
    let first = lit
        .utf8_chunks()
        .next()
        .and_then(|c| c.valid().chars().next());
    first.is_some_and(regex_syntax::is_word_character)
}

/// True when the character before byte `pos` of `text` is a (Unicode) word character: then a
/// `\b` at `pos` followed by a word character cannot hold.
fn word_char_before(text: &str, pos: usize) -> bool {
    text.get(..pos)
        .and_then(|before| before.chars().next_back())
        .is_some_and(regex_syntax::is_word_character)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{hits, matcher};
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn regex_and_exclude() {
        let m = matcher(
            "entries = ['/klo\\s*(19|2[0-3])/', \"*ilta\"]\nexclude = [\"iltapäivä\"]",
            "entries = []",
        );
        // `*ilta` is the word itself in any inflection, too
        assert_eq!(
            hits(&m, Lang::Fi, "Palaveri klo 21 illalla"),
            ["klo 21", "illalla"]
        );
        assert_eq!(hits(&m, Lang::Fi, "maanantai-ilta"), ["maanantai-ilta"]);
        assert!(hits(&m, Lang::Fi, "iltapäivä").is_empty());
    }

    #[test]
    fn word_boundary_regexes_match_only_at_word_starts() {
        let m = matcher(
            "entries = ['/\\b(en|ei)\\s+ole/', '/ole\\s+ollut/']",
            "entries = []",
        );
        // `en` inside `tienen` is skipped before the regex runs; after `-` or `(` it starts
        // a word; a pattern without `\b` matches inside words.
        assert_eq!(
            hits(
                &m,
                Lang::Fi,
                "tienen ole, (en ole) x-ei ole; kooleollut, hole ollut"
            ),
            ["en ole", "ei ole", "ole ollut"]
        );
        let starts = &m.sides[Lang::Fi.index()].regexes.literal_at_word_start;
        assert_eq!(starts.iter().filter(|&&w| w).count(), 2);
        assert!(starts.iter().any(|&w| !w));
    }

    #[test]
    fn the_anchored_search_window_ends_at_a_character_boundary() {
        let text = format!("x{}", "ä".repeat(MAX_REGEX_MATCH));
        // the ä's start at odd bytes: 1,024 bytes on from 0 is inside one, back to its start
        assert_eq!(window_end(&text, 0), MAX_REGEX_MATCH - 1);
        assert_eq!(window_end(&text, 1), MAX_REGEX_MATCH + 1);
        assert_eq!(window_end(&text, text.len() - 4), text.len());
        // a pattern that fails only at the end of a long run: bounded, and still found
        // where the run is short
        let m = matcher("entries = ['/(a+)+$/']", "entries = []");
        let long = format!("{}!", "a".repeat(100_000));
        assert!(hits(&m, Lang::Fi, &long).is_empty());
        assert_eq!(hits(&m, Lang::Fi, "x aaa").len(), 1);
        // without prefix literals: every match is found, across window boundaries too
        let m = matcher("entries = ['/\\w+x|[0-9]/']", "entries = []");
        assert!(m.sides[Lang::Fi.index()].regexes.automaton.is_none());
        assert_eq!(hits(&m, Lang::Fi, "7 abx 8"), ["7", "abx", "8"]);
        let text = format!("{}7 abx 8", "ää ".repeat(2 * MAX_REGEX_MATCH));
        assert_eq!(hits(&m, Lang::Fi, &text), ["7", "abx", "8"]);
        let long = "a".repeat(100_000);
        assert!(hits(&m, Lang::Fi, &long).is_empty());
        // a match after every letter, each found after a look to the end of the run: one
        // search over the rest of the text per match took quadratic time
        let m = matcher("entries = ['/\\w+x|a/']", "entries = []");
        let start = std::time::Instant::now();
        let _ = hits(&m, Lang::Fi, &"a".repeat(50_000));
        assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    }

    #[test]
    fn word_boundary_prefix_is_found_through_groups_and_alternations() {
        let starts = |p: &str| starts_with_word_boundary(&regex_syntax::parse(p).unwrap());
        assert!(starts(r"\bklo\s*2"));
        assert!(starts(r"(\bklo|\bkello)\s*2"));
        assert!(starts(r"\b(?:a|b)c|\bd"));
        assert!(!starts(r"\bklo|kello"));
        assert!(!starts(r"klo\b"));
        assert!(!starts(r"(?-u:\b)klo"));
        assert!(starts_with_word_char("ä".as_bytes()) && !starts_with_word_char(b"-x"));
        assert!(word_char_before("xä", 1) && !word_char_before(" ä", 1));
        assert!(!word_char_before("ä", 0));
    }
}
