//! Generated paradigms: every inflected form of each lexicon lemma is produced when the
//! lexicon is compiled, so matching stays one hash lookup per token. Finnish and Dutch have
//! their own generators (`fi`, `nl`), written from general morphology rules: inflection
//! classes guessed from a lemma's shape, gradation and stem alternations, clitics and
//! possessives (Finnish), plurals, diminutives and strong verbs (Dutch).

use super::Morphology;
use crate::lang::Lang;

/// The generated-paradigm backend.
#[derive(Debug, Default, Clone, Copy)]
pub struct Paradigms;

impl Morphology for Paradigms {
    fn name(&self) -> &'static str {
        "paradigms"
    }

    fn forms(&self, lang: Lang, lemma: &str, class: Option<&str>) -> Vec<String> {
        let mut forms = match lang {
            Lang::Fi => super::fi::forms(lemma, class),
            Lang::Nl => super::nl::forms(lemma, class),
        };
        if !forms.iter().any(|f| f == lemma) {
            forms.push(lemma.to_string());
        }
        forms
    }

    fn compound_forms(&self, lang: Lang, lemma: &str, class: Option<&str>) -> Vec<String> {
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

    fn separable(&self, lang: Lang, lemma: &str) -> Option<(String, Vec<String>)> {
        match lang {
            Lang::Fi => None,
            Lang::Nl => super::nl::separable(lemma),
        }
    }

    fn finite_forms(&self, lang: Lang, lemma: &str) -> Vec<String> {
        match lang {
            Lang::Fi => Vec::new(),
            Lang::Nl => super::nl::finite_forms(lemma),
        }
    }

    fn is_particle(&self, lang: Lang, word: &str) -> bool {
        lang == Lang::Nl && super::nl::is_particle(word)
    }

    fn opens_clause(&self, lang: Lang, word: &str) -> bool {
        lang == Lang::Nl && super::nl::opens_clause(word)
    }

    fn after_particle(&self, lang: Lang, word: &str) -> bool {
        lang == Lang::Nl && super::nl::after_particle(word)
    }

    fn compound_split_ok(&self, lang: Lang, modifier: &str, head: &str) -> bool {
        match lang {
            Lang::Fi => super::fi::split_ok(modifier, head),
            Lang::Nl => super::nl::split_ok(modifier, head),
        }
    }
}
