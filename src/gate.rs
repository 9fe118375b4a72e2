//! The gate between matching and scoring: which matches count, and as what.
//!
//! The matcher finds every entry of a theme, whatever its [`Role`]. The gate then
//! * drops matches of context words (role [`Role::Context`]): they only make other entries
//!   count;
//! * keeps a match of an entry with a [`ContextRule`] only when a match of one of the rule's
//!   entries (of the same theme), on other words than the gated match, lies in the same sentence, or within `within` tokens either
//!   side, and remembers which match that was (evidence shows it); for a rule with
//!   `adjacent` (LIWC2007 conditionals) the context must be on the token right before or
//!   after, and a rule with `absent` keeps the match only when there is no such context;
//! * keeps topic matches: the score stage counts them in `topic_hits`, apart from `hits`.
//!
//! A lexicon without topic entries and context rules passes every match through untouched,
//! at the cost of one flag test per document.

use crate::lang::Lang;
use crate::lexicon::{Adjacent, Lexicon, Role};
use crate::matcher::Match;
use crate::tokenise::Tokens;

/// Which themes' sides have roles or rules to apply, per language.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    active: [bool; 2],
}

impl Gate {
    /// The gate for `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Gate {
        let mut active = [false; 2];
        for lang in Lang::ALL {
            active[lang.index()] = lexicon.themes.iter().any(|t| {
                t.side(lang)
                    .entries
                    .iter()
                    .any(|e| e.role == Role::Context || e.context.is_some())
            });
        }
        Gate { active }
    }

    /// Applies the lexicon's context rules to the matches of one text searched with
    /// `lang`'s entries (in text order). Afterwards `matches` holds the evidence and topic
    /// matches that count, and `contexts` is either empty (no rule applied) or as long as
    /// `matches`, holding for each gated match the context match that let it count.
    pub fn apply(
        &self,
        lexicon: &Lexicon,
        lang: Lang,
        tokens: &Tokens,
        matches: &mut Vec<Match>,
        contexts: &mut Vec<Option<Match>>,
    ) {
        contexts.clear();
        if !self.active[lang.index()] {
            return;
        }
        let toks = &tokens.tokens;
        // the token holding byte `at`, or the next one
        let token_at = |at: usize| toks.partition_point(|t| (t.end as usize) <= at);
        let last_token = |x: &Match| token_at(x.end.saturating_sub(1).max(x.start));
        // Per match, the token it starts in: rising, as the matches come in text order, so
        // the matches whose first token lies in a range are one run of `matches`, found by
        // binary search. (Looking through every match for each gated one made a document's
        // cost grow with the square of its length: 4 MB took a minute.) Made at the first
        // gated match; `by_last` (matches by their last token) at the first `adjacent =
        // "before"` rule.
        let mut first: Vec<usize> = Vec::new();
        let mut by_last: Vec<(usize, usize)> = Vec::new();
        let mut kept = Vec::with_capacity(matches.len());
        for (i, m) in matches.iter().enumerate() {
            let entry = &lexicon.themes[m.theme as usize].side(lang).entries[m.entry as usize];
            if entry.role == Role::Context {
                continue;
            }
            let Some(rule) = &entry.context else {
                kept.push((*m, None));
                continue;
            };
            if first.is_empty() {
                first.extend(matches.iter().map(|c| token_at(c.start)));
                debug_assert!(first.is_sorted(), "matches in text order");
            }
            let at = first[i];
            // another word: a context match on the gated match's own words does not count
            let context = |c: &&Match| {
                c.theme == m.theme
                    && (c.end <= m.start || m.end <= c.start)
                    && rule.entries.binary_search(&c.entry).is_ok()
            };
            // the first context match (in text order) whose first token is in lo..=hi
            let starting_in = |lo: usize, hi: usize| {
                let from = first.partition_point(|&t| t < lo);
                let to = first.partition_point(|&t| t <= hi).max(from);
                matches[from..to].iter().find(context)
            };
            let near = match (rule.adjacent, rule.within) {
                // LIWC2007 conditionals: the word right before or after
                (Some(Adjacent::Before), _) => {
                    if by_last.is_empty() {
                        by_last.extend(matches.iter().enumerate().map(|(j, c)| (last_token(c), j)));
                        by_last.sort_unstable();
                    }
                    at.checked_sub(1).and_then(|want| {
                        let from = by_last.partition_point(|&(l, _)| l < want);
                        by_last[from..]
                            .iter()
                            .take_while(|&&(l, _)| l == want)
                            .map(|&(_, j)| &matches[j])
                            .find(context)
                    })
                }
                (Some(Adjacent::After), _) => {
                    let next = last_token(m) + 1;
                    starting_in(next, next)
                }
                (None, None) => match toks.get(at) {
                    // the tokens of the match's sentence (sentence numbers rise)
                    Some(t) => {
                        let lo = toks.partition_point(|x| x.sentence < t.sentence);
                        let hi = toks.partition_point(|x| x.sentence <= t.sentence) - 1;
                        starting_in(lo, hi)
                    }
                    // after the last token: only others there share its (lack of) sentence
                    None => starting_in(toks.len(), toks.len()),
                },
                (None, Some(n)) => starting_in(at.saturating_sub(n as usize), at + n as usize),
            };
            match (near, rule.absent) {
                (Some(c), false) => kept.push((*m, Some(*c))),
                (None, true) => kept.push((*m, None)),
                _ => {}
            }
        }
        matches.clear();
        for (m, c) in kept {
            matches.push(m);
            contexts.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse_source;
    use crate::matcher::Matcher;

    fn run(toml: &str, lang: Lang, text: &str) -> Vec<(String, Option<String>)> {
        let lexicon = Lexicon::from_themes(parse_source("t.toml", toml).unwrap()).unwrap();
        let matcher = Matcher::new(lexicon, crate::morph::default_backend());
        let lexicon = matcher.lexicon();
        let text = crate::normalise::normalise_str(text);
        let tokens = crate::tokenise::tokenise(&text);
        let mut matches = Vec::new();
        matcher.searcher().find(lang, &text, &tokens, &mut matches);
        let mut contexts = Vec::new();
        Gate::new(lexicon).apply(lexicon, lang, &tokens, &mut matches, &mut contexts);
        matches
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let c = contexts.get(i).copied().flatten();
                (
                    text[m.start..m.end].to_string(),
                    c.map(|c| text[c.start..c.end].to_string()),
                )
            })
            .collect()
    }

    /// The gate as it was first written: every gated match looks through every match.
    /// Quadratic, but plainly the rule; the windowed gate must agree with it.
    fn apply_by_scanning(
        lexicon: &Lexicon,
        lang: Lang,
        tokens: &Tokens,
        matches: &[Match],
    ) -> Vec<(Match, Option<Match>)> {
        let token_of = |m: &Match| {
            let i = tokens
                .tokens
                .partition_point(|t| (t.end as usize) <= m.start);
            (i, tokens.tokens.get(i).map_or(u32::MAX, |t| t.sentence))
        };
        let last_token = |x: &Match| {
            let end = x.end.saturating_sub(1).max(x.start);
            token_of(&Match { start: end, ..*x }).0
        };
        let mut kept = Vec::new();
        for m in matches {
            let entry = &lexicon.themes[m.theme as usize].side(lang).entries[m.entry as usize];
            if entry.role == Role::Context {
                continue;
            }
            let Some(rule) = &entry.context else {
                kept.push((*m, None));
                continue;
            };
            let (at, sentence) = token_of(m);
            let near = matches.iter().find(|c| {
                c.theme == m.theme
                    && (c.end <= m.start || m.end <= c.start)
                    && rule.entries.binary_search(&c.entry).is_ok()
                    && {
                        let (ct, cs) = token_of(c);
                        match (rule.adjacent, rule.within) {
                            (Some(Adjacent::Before), _) => last_token(c) + 1 == at,
                            (Some(Adjacent::After), _) => ct == last_token(m) + 1,
                            (None, None) => cs == sentence,
                            (None, Some(n)) => ct.abs_diff(at) <= n as usize,
                        }
                    }
            });
            match (near, rule.absent) {
                (Some(c), false) => kept.push((*m, Some(*c))),
                (None, true) => kept.push((*m, None)),
                _ => {}
            }
        }
        kept
    }

    /// The built-in lexicons (context rules within sentences and token windows) on every
    /// corpus sample, and a LIWC-style lexicon with `adjacent` rules: the windowed gate keeps
    /// the same matches with the same contexts as the scan over all matches.
    #[test]
    fn the_windowed_gate_agrees_with_scanning_every_match() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
        let mut texts: Vec<String> = std::fs::read_dir(&samples)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
            .collect();
        texts.sort();
        assert!(texts.len() >= 10);
        // LIWC2007 conditionals: `adjacent` before and after, with and without `absent`
        let conditionals = "%\n1\tpronoun\n2\tverb\n3\tposemo\n4\tfiller\n%\n\
                            i\t1\nyou\t1\nwe\t1\nlike\t02 01)2/3\nkind\t<of>4/3\n";
        let liwc = Lexicon::from_themes(parse_source("c.dic", conditionals).unwrap()).unwrap();
        let adjacent = "I like it, you like kind of things we like. Like you, kind people \
                        like kind of like; we kind of like you like I like."
            .repeat(4);
        let cases = [(Lexicon::builtin().unwrap(), texts), (liwc, vec![adjacent])];
        let mut gated = 0;
        for (lexicon, texts) in cases {
            let matcher = Matcher::new(lexicon, crate::morph::default_backend());
            let lexicon = matcher.lexicon();
            let gate = Gate::new(lexicon);
            for text in &texts {
                let text = crate::normalise::normalise_str(text);
                let tokens = crate::tokenise::tokenise(&text);
                for lang in Lang::ALL {
                    let mut matches = Vec::new();
                    matcher.searcher().find(lang, &text, &tokens, &mut matches);
                    let expected = apply_by_scanning(lexicon, lang, &tokens, &matches);
                    gated += expected.iter().filter(|(_, c)| c.is_some()).count();
                    let mut contexts = Vec::new();
                    gate.apply(lexicon, lang, &tokens, &mut matches, &mut contexts);
                    let got: Vec<_> = matches
                        .iter()
                        .enumerate()
                        .map(|(i, m)| (*m, contexts.get(i).copied().flatten()))
                        .collect();
                    if gate.active[lang.index()] {
                        assert_eq!(got, expected, "{lang:?}: {text}");
                    }
                }
            }
        }
        assert!(gated >= 10, "only {gated} matches counted by a context");
    }

    const WAIT: &str = r#"
id = "complaints"
label = "C"
version = "1"
[nl]
entries = [
  { term = "in de wacht", context = ["bellen", "@topic"] },
  { term = "beledigen", context = ["klant"], within = 3 },
  "slechte service",
]
topic = ["klantenservice"]
"#;

    #[test]
    fn gated_entries_count_only_with_context_in_the_sentence() {
        let got = run(
            WAIT,
            Lang::Nl,
            "Ik hing een uur in de wacht bij de klantenservice.",
        );
        assert_eq!(
            got,
            [
                (
                    "in de wacht".to_string(),
                    Some("klantenservice".to_string())
                ),
                ("klantenservice".to_string(), None),
            ]
        );
        // the other sense, with no context word in the sentence: nothing counts
        let got = run(WAIT, Lang::Nl, "Ajax wist de beker in de wacht te slepen.");
        assert!(got.is_empty(), "{got:?}");
        // context in the next sentence does not count
        let got = run(WAIT, Lang::Nl, "Ik zat in de wacht. Daarna ging ik bellen.");
        assert!(got.is_empty(), "{got:?}");
        // a context word (role context) is itself never counted
        let got = run(
            WAIT,
            Lang::Nl,
            "Ik moest weer bellen, en toen hing ik in de wacht.",
        );
        assert_eq!(
            got,
            [("in de wacht".to_string(), Some("bellen".to_string()))]
        );
    }

    #[test]
    fn a_token_window_bounds_the_context() {
        let got = run(WAIT, Lang::Nl, "De klant ging me beledigen.");
        assert_eq!(got, [("beledigen".to_string(), Some("klant".to_string()))]);
        let got = run(
            WAIT,
            Lang::Nl,
            "De klant zei dat de schrijver in zijn boek mensen wilde beledigen.",
        );
        assert!(got.is_empty(), "{got:?}");
        // ungated entries pass as they are
        let got = run(WAIT, Lang::Nl, "Wat een slechte service.");
        assert_eq!(got, [("slechte service".to_string(), None)]);
    }
}
