//! Snowball stemming (rust-stemmers) as analysis keys.

use super::{InflectionClass, Morphology};
use crate::lang::Lang;
use rust_stemmers::{Algorithm, Stemmer};

/// Snowball stems as keys: a token matches a lemma when their stems are equal.
pub struct Snowball {
    stemmers: [Stemmer; 2],
}

impl Default for Snowball {
    fn default() -> Self {
        Snowball {
            stemmers: [
                Stemmer::create(Algorithm::Finnish),
                Stemmer::create(Algorithm::Dutch),
            ],
        }
    }
}

/// Stems shorter than this are too ambiguous to use as keys (`ilt` would join `ilta`,
/// `ilti`...); such words match by their surface form only.
const MIN_STEM_CHARS: usize = 3;

impl Morphology for Snowball {
    fn name(&self) -> &'static str {
        "snowball"
    }

    fn forms(&self, _lang: Lang, lemma: &str, _class: Option<&InflectionClass>) -> Vec<String> {
        vec![lemma.to_string()]
    }

    fn key(&self, lang: Lang, word: &str) -> Option<String> {
        let stem = self.stemmers[lang.index()].stem(word);
        (stem.chars().count() >= MIN_STEM_CHARS).then(|| stem.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_regular_inflections() {
        let s = Snowball::default();
        let key = |l, w| s.key(l, w);
        assert_eq!(
            key(Lang::Fi, "asiakaspalvelussa"),
            key(Lang::Fi, "asiakaspalvelu")
        );
        assert_eq!(key(Lang::Nl, "klanten"), key(Lang::Nl, "klant"));
        assert_ne!(key(Lang::Fi, "kiire"), key(Lang::Fi, "kirja"));
    }
}
