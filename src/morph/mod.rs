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
//! * [`Snowball`] (`snowball`): Snowball stems as keys (rust-stemmers);
//! * [`Voikko`] (`voikko`): libvoikko's Finnish analyses (base forms and compound parts),
//!   loaded at run time when this backend is chosen; Dutch falls back to paradigms.
//!
//! An analysing backend implements [`Morphology::base_forms`], which the matcher calls once
//! per distinct word form (on its cache misses only).
//!
//! A language whose verbs split in a main clause (Dutch `vindt … plaats`) also has a
//! [`ClauseGrammar`], reached through [`Morphology::clause_grammar`]; the matcher uses it to
//! pair a finite verb with the particle at the end of its clause.
//!
//! [`Backend`] names the backends and loads one.

mod class;
mod fi;
mod nl;
mod paradigm;
mod snowball;
pub mod voikko;

pub use class::{DutchClass, InflectionClass};
pub use paradigm::{DutchClauses, Paradigms};
pub use snowball::Snowball;
pub use voikko::{Voikko, VoikkoError};

/// What an analysing backend says of one word form: its base forms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaseForms {
    /// The word's base forms (lemmas), normalised: a lemma entry equal to one matches.
    pub lemmas: Vec<String>,
    /// The base forms of the last part of the word's compound analyses: a compound-head
    /// entry equal to one matches.
    pub heads: Vec<String>,
}

use crate::lang::Lang;

/// A morphology backend.
pub trait Morphology: Send + Sync {
    /// The backend's name, for reports and `teema morph`.
    fn name(&self) -> &'static str;

    /// Surface forms that count as `lemma` (always including `lemma` itself). `class` is the
    /// entry's inflection-class hint, if any, parsed for `lang` ([`InflectionClass::parse`]).
    fn forms(&self, lang: Lang, lemma: &str, class: Option<&InflectionClass>) -> Vec<String>;

    /// An analysis key shared by `word` and its inflected forms, if this backend uses keys.
    fn key(&self, lang: Lang, word: &str) -> Option<String>;

    /// The forms of `lemma` that may stand after a modifier at the end of a compound (a
    /// subset of [`Morphology::forms`]; all of them unless the backend knows better).
    fn compound_forms(
        &self,
        lang: Lang,
        lemma: &str,
        class: Option<&InflectionClass>,
    ) -> Vec<String> {
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

    /// The clause grammar of `lang` (Dutch separable verbs), if the backend has one for it;
    /// `None` by default.
    fn clause_grammar(&self, _lang: Lang) -> Option<&dyn ClauseGrammar> {
        None
    }

    /// An analyser's base forms of `word` (normalised) and of its compound heads, for backends
    /// that analyse words rather than generate forms; empty by default. Called once per distinct
    /// word form and thread, when the matcher first meets it.
    fn base_forms(&self, _lang: Lang, _word: &str) -> BaseForms {
        BaseForms::default()
    }
}

/// The grammar of clauses whose verb stands apart from its particle: in a Dutch main clause
/// the finite verb comes early and a separable particle at the clause's end (`vindt … plaats`
/// is `plaatsvinden`; `kwam … aan` is `aankomen`, not `komen`). One language's grammar: a
/// backend gives it per language through [`Morphology::clause_grammar`].
pub trait ClauseGrammar: Send + Sync {
    /// For a separable verb (Dutch `plaatsvinden`): its particle and the finite forms of its
    /// base verb, which in a main clause stand apart from the particle at the clause's end
    /// (`vindt … plaats`). `None` for other lemmas.
    fn separable(&self, lemma: &str) -> Option<(String, Vec<String>)>;

    /// The finite forms of a verb lemma, which stop counting as that verb when a particle
    /// ([`ClauseGrammar::is_particle`]) ends their clause (`kwam … aan` is `aankomen`, not
    /// `komen`). Empty for other lemmas.
    fn finite_forms(&self, lemma: &str) -> Vec<String>;

    /// Whether `word` at the end of a clause is a separated verb particle.
    fn is_particle(&self, word: &str) -> bool;

    /// Whether `word` may follow a separated particle as the start of something after the
    /// clause's core (a new clause, a moved prepositional phrase): `van` in `hangt af van`.
    fn after_particle(&self, word: &str) -> bool;

    /// Whether `word` starts a new clause (a conjunction, a subordinator), which ends the
    /// search for the clause's separated particle.
    fn opens_clause(&self, word: &str) -> bool;
}

/// A morphology backend, by name: `paradigms` (the default), `snowball`, `voikko`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Backend {
    /// Generated inflection paradigms (Finnish and Dutch)
    #[default]
    Paradigms,
    /// Snowball stemming (faster to start, far less accurate for Finnish)
    Snowball,
    /// libvoikko's Finnish analyses, loaded at run time (needs `apt install libvoikko1
    /// voikko-fi`); Dutch uses paradigms
    Voikko,
}

impl Backend {
    /// All backends, the default first (in the order of [`BACKENDS`]).
    pub const ALL: [Backend; 3] = [Backend::Paradigms, Backend::Snowball, Backend::Voikko];

    /// The backend's name, as given to `--morph` and reported by [`Morphology::name`].
    pub fn name(self) -> &'static str {
        match self {
            Backend::Paradigms => "paradigms",
            Backend::Snowball => "snowball",
            Backend::Voikko => "voikko",
        }
    }

    /// The backend, loaded with what it needs (voikko opens libvoikko).
    pub fn load(self) -> Result<Box<dyn Morphology>, BackendError> {
        Ok(match self {
            Backend::Paradigms => Box::new(Paradigms),
            Backend::Snowball => Box::new(Snowball::default()),
            Backend::Voikko => Box::new(Voikko::new()?),
        })
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Backend {
    type Err = BackendError;

    /// The backend called `name`; the error lists the known names.
    fn from_str(name: &str) -> Result<Backend, BackendError> {
        Backend::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or_else(|| BackendError::Unknown(name.to_string()))
    }
}

/// The names of the backends, the default first.
pub const BACKENDS: &[&str] = &["paradigms", "snowball", "voikko"];

/// Why a backend could not be had.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// No backend has that name.
    #[error("unknown morphology {0:?} (known: {known})", known = BACKENDS.join(", "))]
    Unknown(String),
    /// The voikko backend's library or dictionary is missing.
    #[error(transparent)]
    Voikko(#[from] VoikkoError),
}

/// The backend called `name`, loading what it needs (voikko opens libvoikko).
pub fn load_backend(name: &str) -> Result<Box<dyn Morphology>, BackendError> {
    name.parse::<Backend>()?.load()
}

/// The backend called `name`, if there is one and it loads.
pub fn backend(name: &str) -> Option<Box<dyn Morphology>> {
    load_backend(name).ok()
}

/// The morphology used when nothing else is asked for.
pub fn default_backend() -> Box<dyn Morphology> {
    Box::new(Paradigms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_names_parse_back_and_match_the_loaded_backends() {
        assert_eq!(Backend::ALL.map(Backend::name), BACKENDS);
        assert_eq!(Backend::default(), Backend::ALL[0]);
        for b in Backend::ALL {
            assert_eq!(b.to_string().parse::<Backend>().unwrap(), b);
            if let Ok(m) = b.load() {
                assert_eq!(m.name(), b.name());
            }
        }
        assert_eq!(default_backend().name(), Backend::default().name());
    }

    #[test]
    fn an_unknown_backend_lists_the_known_ones() {
        let e = "hunspell".parse::<Backend>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown morphology \"hunspell\" (known: paradigms, snowball, voikko)"
        );
        assert!(matches!(
            load_backend("Paradigms"),
            Err(BackendError::Unknown(_))
        ));
        assert!(backend("snowball").is_some_and(|m| m.name() == "snowball"));
    }

    #[test]
    fn only_dutch_has_a_clause_grammar() {
        let m = default_backend();
        assert!(m.clause_grammar(Lang::Fi).is_none());
        let nl = m.clause_grammar(Lang::Nl).unwrap();
        assert!(nl.is_particle("aan") && !nl.is_particle("goed"));
        assert!(nl.separable("plaatsvinden").is_some());
        assert!(Snowball::default().clause_grammar(Lang::Nl).is_none());
    }
}
