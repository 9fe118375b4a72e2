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
        let token_of = |m: &Match| {
            let i = tokens
                .tokens
                .partition_point(|t| (t.end as usize) <= m.start);
            let sentence = tokens.tokens.get(i).map_or(u32::MAX, |t| t.sentence);
            (i, sentence)
        };
        let mut kept = Vec::with_capacity(matches.len());
        for m in matches.iter() {
            let entry = &lexicon.themes[m.theme as usize].side(lang).entries[m.entry as usize];
            if entry.role == Role::Context {
                continue;
            }
            let Some(rule) = &entry.context else {
                kept.push((*m, None));
                continue;
            };
            let (at, sentence) = token_of(m);
            // the token holding a match's last byte
            let last_token = |x: &Match| {
                token_of(&Match {
                    start: x.end.saturating_sub(1).max(x.start),
                    ..*x
                })
                .0
            };
            let near = matches.iter().find(|c| {
                // another word: a context match on the gated match's own words does not count
                c.theme == m.theme
                    && (c.end <= m.start || m.end <= c.start)
                    && rule.entries.binary_search(&c.entry).is_ok()
                    && {
                        let (ct, cs) = token_of(c);
                        match (rule.adjacent, rule.within) {
                            // LIWC2007 conditionals: the word right before or after
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
