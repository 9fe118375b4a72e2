//! Phrase entries: consecutive words of one sentence, each matched like a lemma.

use super::Searcher;
use super::compile::{SideIndex, Target};
use super::resolve::candidate;
use crate::lang::Lang;
use crate::morph::Morphology;
use crate::tokenise::Tokens;

/// A compiled phrase entry.
pub(super) struct Phrase {
    /// Target ids of the phrase's words.
    pub(super) words: Vec<u32>,
    /// Target id of the phrase entry itself.
    pub(super) target: u32,
}

impl SideIndex {
    /// Adds phrase entry `entry` of `theme`, made of `words`.
    pub(super) fn add_phrase(
        &mut self,
        morph: &dyn Morphology,
        lang: Lang,
        words: &[String],
        target: u32,
    ) {
        let words = words
            .iter()
            .map(|w| self.phrase_word(morph, lang, w))
            .collect::<Vec<_>>();
        self.phrases_by_first
            .entry(words[0])
            .or_default()
            .push(self.phrases.len() as u32);
        self.phrases.push(Phrase { words, target });
    }

    /// The target id of a phrase word, indexed like a lemma: its surface forms and key.
    fn phrase_word(&mut self, morph: &dyn Morphology, lang: Lang, word: &str) -> u32 {
        if let Some(&id) = self.phrase_words.get(word) {
            return id;
        }
        let id = self.target(Target::PhraseWord);
        self.phrase_words.insert(word.to_string(), id);
        self.surface.add(word, id);
        for form in morph.forms(lang, word, None) {
            self.surface.add(&form, id);
        }
        if let Some(k) = morph.key(lang, word) {
            self.keys.add(&k, id);
        }
        id
    }
}

impl Searcher<'_> {
    /// Adds a candidate for each phrase whose words follow one another within a sentence.
    pub(super) fn find_phrases(&mut self, side: &SideIndex, tokens: &Tokens) {
        let toks = &tokens.tokens;
        let (ranges, ids) = (&self.token_ranges, &self.token_ids);
        let ids_of = |t: usize| {
            let (s, n) = ranges[t];
            &ids[s as usize..(s + n) as usize]
        };
        for i in 0..toks.len() {
            for &first in ids_of(i) {
                let Some(phrases) = side.phrases_by_first.get(&first) else {
                    continue;
                };
                for &p in phrases {
                    let phrase = &side.phrases[p as usize];
                    let last = i + phrase.words.len() - 1;
                    if last >= toks.len() || toks[last].sentence != toks[i].sentence {
                        continue;
                    }
                    let all = phrase.words[1..]
                        .iter()
                        .enumerate()
                        .all(|(j, w)| ids_of(i + 1 + j).contains(w));
                    if all {
                        let (start, end) = (toks[i].start as usize, toks[last].end as usize);
                        self.candidates
                            .extend(candidate(side, phrase.target, start, end));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{hits, matcher};
    use crate::lang::Lang;

    #[test]
    fn phrases_stay_within_a_sentence() {
        let m = matcher(
            r#"entries = ["ei vastannut"]"#,
            r#"entries = ["in de wacht"]"#,
        );
        assert_eq!(hits(&m, Lang::Fi, "Kukaan ei vastannut."), ["ei vastannut"]);
        assert!(hits(&m, Lang::Fi, "Kukaan ei.\nVastannut kyllä.").is_empty());
        assert_eq!(hits(&m, Lang::Nl, "Ik hing in de wacht."), ["in de wacht"]);
    }
}
