//! Generated paradigms: every inflected form of each lexicon lemma is produced when the
//! lexicon is compiled, so matching stays one hash lookup per token. Finnish and Dutch have
//! their own generators (`fi`, `nl`), written from general morphology rules: inflection
//! classes guessed from a lemma's shape, gradation and stem alternations, clitics and
//! possessives (Finnish), plurals, diminutives and strong verbs (Dutch).

use super::{ClauseGrammar, InflectionClass, Morphology};
use crate::lang::Lang;

/// The generated-paradigm backend.
#[derive(Debug, Default, Clone, Copy)]
pub struct Paradigms;

impl Morphology for Paradigms {
    fn name(&self) -> &'static str {
        "paradigms"
    }

    fn forms(&self, lang: Lang, lemma: &str, class: Option<&InflectionClass>) -> Vec<String> {
        let mut forms = match lang {
            Lang::Fi => super::fi::forms(lemma, class),
            Lang::Nl => super::nl::forms(lemma, class),
        };
        if !forms.iter().any(|f| f == lemma) {
            forms.push(lemma.to_string());
        }
        forms
    }

    fn compound_forms(
        &self,
        lang: Lang,
        lemma: &str,
        class: Option<&InflectionClass>,
    ) -> Vec<String> {
        match lang {
            Lang::Fi => super::fi::compound_forms(lemma, class),
            Lang::Nl => super::nl::compound_forms(lemma, class),
        }
    }

    fn key(&self, _lang: Lang, _word: &str) -> Option<String> {
        None
    }

    fn class_of(&self, lang: Lang, lemma: &str) -> Option<&'static str> {
        Some(match lang {
            Lang::Fi => super::fi::guess_class(lemma),
            Lang::Nl => super::nl::guess_class(lemma),
        })
    }

    fn clause_grammar(&self, lang: Lang) -> Option<&dyn ClauseGrammar> {
        match lang {
            Lang::Fi => None,
            Lang::Nl => Some(&DutchClauses),
        }
    }

    fn compound_split_ok(&self, lang: Lang, modifier: &str, head: &str) -> bool {
        match lang {
            Lang::Fi => super::fi::split_ok(modifier, head),
            Lang::Nl => super::nl::split_ok(modifier, head),
        }
    }
}

/// The clause grammar of Dutch separable verbs, from the Dutch paradigms.
#[derive(Debug, Default, Clone, Copy)]
pub struct DutchClauses;

impl ClauseGrammar for DutchClauses {
    fn separable(&self, lemma: &str) -> Option<(String, Vec<String>)> {
        super::nl::separable(lemma)
    }

    fn finite_forms(&self, lemma: &str) -> Vec<String> {
        super::nl::finite_forms(lemma)
    }

    fn is_particle(&self, word: &str) -> bool {
        super::nl::is_particle(word)
    }

    fn after_particle(&self, word: &str) -> bool {
        super::nl::after_particle(word)
    }

    fn opens_clause(&self, word: &str) -> bool {
        super::nl::opens_clause(word)
    }
}
