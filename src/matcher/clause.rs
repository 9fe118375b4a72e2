//! Separable verbs (Dutch): a finite verb whose particle ends its clause matches the particle
//! verb's entry instead of the plain verb's (`vindt … plaats` is `plaatsvinden`, `kwam … aan`
//! is `aankomen`, not `komen`), by the backend's [`ClauseGrammar`].

use super::Searcher;
use super::compile::{SideIndex, Target};
use super::resolve::candidate;
use crate::lang::Lang;
use crate::morph::ClauseGrammar;
use crate::tokenise::{Token, Tokens};

impl SideIndex {
    /// Targets for a verb entry's forms standing apart from their particle in a main clause.
    pub(super) fn add_clause_rules(&mut self, grammar: &dyn ClauseGrammar, lemma: &str, id: u32) {
        if let Some((particle, forms)) = grammar.separable(lemma) {
            let particle = match self.particles.iter().position(|p| **p == *particle) {
                Some(i) => i as u32,
                None => {
                    self.particles.push(particle.into());
                    (self.particles.len() - 1) as u32
                }
            };
            let t = self.target(Target::Separated {
                particle,
                entry: id,
            });
            for f in &forms {
                self.surface.add(f, t);
            }
            self.clause_rules = true;
        }
        let finite = grammar.finite_forms(lemma);
        if !finite.is_empty() {
            let t = self.target(Target::Finite { entry: id });
            for f in &finite {
                self.surface.add(f, t);
            }
            self.clause_rules = true;
        }
    }
}

impl Searcher<'_> {
    /// Separable verbs in a document: see [`clause_changes`].
    pub(super) fn apply_clause_rules(
        &mut self,
        grammar: &dyn ClauseGrammar,
        side: &SideIndex,
        text: &str,
        tokens: &Tokens,
    ) {
        let toks = &tokens.tokens;
        let (ranges, ids) = (&self.token_ranges, &self.token_ids);
        let changes = clause_changes(
            side,
            grammar,
            toks.len(),
            |t| {
                let (s, n) = ranges[t];
                &ids[s as usize..(s + n) as usize]
            },
            |t| toks[t].text(text),
            |t| clause_ends(text, toks, t),
        );
        for (t, id, add) in changes {
            let (start, end) = (toks[t].start as usize, toks[t].end as usize);
            if add {
                self.candidates.extend(candidate(side, id, start, end));
            } else if let Some(c) = candidate(side, id, start, end) {
                self.candidates.retain(|x| {
                    (x.start, x.theme, x.entry, x.exclude) != (start, c.theme, c.entry, false)
                });
            }
        }
    }

    /// The clause rules of [`Searcher::lookup_sentence`]: adds and removes `(theme, entry)`
    /// pairs of `out` (one list per word).
    pub(super) fn apply_clause_rules_to_words(
        &mut self,
        lang: Lang,
        words: &[(&str, u8)],
        clause_end: &[bool],
        out: &mut [Vec<(u16, u32)>],
    ) {
        let Some(grammar) = self.matcher.morph.clause_grammar(lang) else {
            return;
        };
        let ranges: Vec<(u32, u32)> = words
            .iter()
            .map(|&(w, _)| self.word_form(lang, w))
            .collect();
        let side = &self.matcher.sides[lang.index()];
        let arena = &self.arena;
        let changes = clause_changes(
            side,
            grammar,
            words.len(),
            |i| &arena[ranges[i].0 as usize..(ranges[i].0 + ranges[i].1) as usize],
            |i| words[i].0,
            |i| i + 1 >= words.len() || clause_end[i],
        );
        for (i, id, add) in changes {
            if let Target::Entry {
                theme,
                entry,
                exclude: false,
                ..
            } = side.targets[id as usize]
            {
                if add {
                    if !out[i].contains(&(theme, entry)) {
                        out[i].push((theme, entry));
                    }
                } else {
                    out[i].retain(|&m| m != (theme, entry));
                }
            }
        }
    }
}

/// Changes that clauses make to the matches of a sentence's words: `(word, entry target,
/// add?)`. A verb form whose clause ends in its separable particle stands for the particle
/// verb's entry (added) and for no plain verb entry (removed). `ends(i)`: a clause ends
/// after word `i` (always after the sentence's last word).
fn clause_changes<'a>(
    side: &SideIndex,
    grammar: &dyn ClauseGrammar,
    n: usize,
    ids_of: impl Fn(usize) -> &'a [u32],
    word: impl Fn(usize) -> &'a str,
    ends: impl Fn(usize) -> bool,
) -> Vec<(usize, u32, bool)> {
    let ends = |j: usize| ends(j) || grammar.opens_clause(word(j + 1));
    let mut out = Vec::new();
    for i in 0..n {
        let ids = ids_of(i);
        let clausal = |&id: &u32| {
            matches!(
                side.targets[id as usize],
                Target::Separated { .. } | Target::Finite { .. }
            )
        };
        if !ids.iter().any(clausal) {
            continue;
        }
        // where a separated particle may stand: the clause's last word, or a word followed
        // by a moved prepositional phrase or a new clause (`hangt af van`, `gaf toe dat`)
        let mut places = Vec::new();
        let mut j = i;
        while !ends(j) {
            j += 1;
            if ends(j) || grammar.after_particle(word(j + 1)) {
                places.push(word(j));
            }
        }
        for &id in ids {
            match side.targets[id as usize] {
                Target::Separated { particle, entry }
                    if places
                        .iter()
                        .any(|&w| *w == *side.particles[particle as usize]) =>
                {
                    out.push((i, entry, true));
                }
                Target::Finite { entry } if places.iter().any(|w| grammar.is_particle(w)) => {
                    out.push((i, entry, false));
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether a clause ends after token `j`: the sentence ends, or punctuation follows.
fn clause_ends(text: &str, toks: &[Token], j: usize) -> bool {
    match toks.get(j + 1) {
        Some(next) if next.sentence == toks[j].sentence => text
            .get(toks[j].end as usize..next.start as usize)
            .is_none_or(|gap| gap.contains([',', '.', ';', ':', '!', '?', '(', ')', '"'])),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::matcher;
    use crate::lang::Lang;
    use crate::normalise::normalise;
    use crate::tokenise::tokenise;

    #[test]
    fn separated_particle_verbs_in_a_clause() {
        let m = matcher(
            "",
            r#"entries = ["aankomen", "komen", "afhangen", "geven"]"#,
        );
        let hits = |text: &str| {
            let m = &m;
            let n = normalise(text);
            let tokens = tokenise(&n.text);
            let mut out = Vec::new();
            m.searcher().find(Lang::Nl, &n.text, &tokens, &mut out);
            out.iter()
                .map(|x| {
                    let e = &m.lexicon().themes[0].side(Lang::Nl).entries[x.entry as usize].term;
                    format!("{}={e}", &n.text[x.start..x.end])
                })
                .collect::<Vec<_>>()
        };
        // the particle ends the clause: aankomen, not komen
        assert_eq!(hits("De trein kwam om tien uur aan."), ["kwam=aankomen"]);
        // or a moved prepositional phrase follows it
        assert_eq!(hits("Alles hangt af van het weer."), ["hangt=afhangen"]);
        // a preposition with its noun phrase is no particle
        assert_eq!(hits("Hij kwam aan het eind."), ["kwam=komen"]);
        // a conjunction starts another clause, with its own verb and particle: kwam is
        // komen, gaf … op is opgeven (no entry here), not geven
        assert_eq!(
            hits("Hij kwam moe thuis en zij gaf het werk op."),
            ["kwam=komen"]
        );
        // joined in a subordinate clause, and the clause ends at the comma
        assert_eq!(
            hits("Hij zei dat de trein aankwam, en zij kwam."),
            ["aankwam=aankomen", "kwam=komen"]
        );
        // an adjective at the clause end is no particle
        assert_eq!(hits("Het gaf goed."), ["gaf=geven"]);
    }

    #[test]
    fn sentence_lookup_applies_the_clause_rules() {
        let m = matcher("", r#"entries = ["aankomen", "komen"]"#);
        let mut s = m.searcher();
        let words = [("kwam", 0), ("om", 0), ("tien", 0), ("aan", 0)];
        let found = s.lookup_sentence(Lang::Nl, &words, &[false; 4]);
        assert_eq!(found, [vec![(0, 0)], vec![], vec![], vec![]]);
        // a clause end after `kwam`: `aan` is not its particle
        let found = s.lookup_sentence(Lang::Nl, &words, &[true, false, false, false]);
        assert_eq!(found[0], [(0, 1)]);
    }
}
