//! Morphology: how a lemma entry finds the inflected forms of its word.
//!
//! All morphology sits behind the small [`Morphology`] trait, used only when a lexicon is
//! compiled and when a distinct word form is first seen (results are cached per thread), so
//! the per-token cost of matching does not depend on the backend. A backend can work in two
//! ways, and may combine them:
//! * **generation**: [`Morphology::forms`] lists the surface forms of a lemma, which are
//!   indexed at compile time (one hash lookup per token afterwards);
//! * **analysis keys**: [`Morphology::key`] maps a word to a key shared by all its forms
//!   (a stem, a base form); a token matches a lemma when their keys are equal.
//!
//! Backends:
//! * [`Paradigms`] (`paradigms`, the default): generated inflection paradigms for Finnish
//!   and Dutch, written for teema from general morphology rules;
//! * [`Snowball`] (`snowball`): Snowball stems as keys (rust-stemmers).

mod fi;
mod nl;
mod paradigm;
mod snowball;

pub use paradigm::Paradigms;
pub use snowball::Snowball;

use crate::lang::Lang;

/// A morphology backend.
pub trait Morphology: Send + Sync {
    /// The backend's name, for reports and `teema morph`.
    fn name(&self) -> &'static str;

    /// Surface forms that count as `lemma` (always including `lemma` itself). `class` is the
    /// entry's inflection-class hint, if any.
    fn forms(&self, lang: Lang, lemma: &str, class: Option<&str>) -> Vec<String>;

    /// An analysis key shared by `word` and its inflected forms, if this backend uses keys.
    fn key(&self, lang: Lang, word: &str) -> Option<String>;

    /// The forms of `lemma` that may stand after a modifier at the end of a compound (a
    /// subset of [`Morphology::forms`]; all of them unless the backend knows better).
    fn compound_forms(&self, lang: Lang, lemma: &str, class: Option<&str>) -> Vec<String> {
        self.forms(lang, lemma, class)
    }

    /// Whether `modifier` + `head` (a form of a compound-head entry found at the end of a
    /// token) is a plausible compound split. The matcher has already required
    /// [`crate::matcher::MIN_MODIFIER_CHARS`] characters or a hyphen; backends with
    /// knowledge of word shapes can reject more (`ver|delen` is no compound of `delen`).
    fn compound_split_ok(&self, _lang: Lang, _modifier: &str, _head: &str) -> bool {
        true
    }

    /// The inflection class the backend assumes for `lemma`, for explanations.
    fn class_of(&self, _lang: Lang, _lemma: &str) -> Option<&'static str> {
        None
    }
}

/// The names of the backends, the default first.
pub const BACKENDS: &[&str] = &["paradigms", "snowball"];

/// The backend called `name`, if there is one.
pub fn backend(name: &str) -> Option<Box<dyn Morphology>> {
    match name {
        "paradigms" => Some(Box::new(Paradigms)),
        "snowball" => Some(Box::new(Snowball::default())),
        _ => None,
    }
}

/// The morphology used when nothing else is asked for.
pub fn default_backend() -> Box<dyn Morphology> {
    Box::new(Paradigms)
}
