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
//! An analysing backend implements [`Morphology::analyse`], which the matcher calls once per
//! distinct word form (on its cache misses only).

mod fi;
mod nl;
mod paradigm;
mod snowball;
pub mod voikko;

pub use paradigm::Paradigms;
pub use snowball::Snowball;
pub use voikko::{Voikko, VoikkoError};

/// What an analysing backend says of one word form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// The word's base forms (lemmas), normalised: a lemma entry equal to one matches.
    pub base_forms: Vec<String>,
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

    /// For a separable verb (Dutch `plaatsvinden`): its particle and the finite forms of its
    /// base verb, which in a main clause stand apart from the particle at the clause's end
    /// (`vindt … plaats`). `None` for other lemmas and by default.
    fn separable(&self, _lang: Lang, _lemma: &str) -> Option<(String, Vec<String>)> {
        None
    }

    /// The finite forms of a verb lemma, which stop counting as that verb when a particle
    /// ([`Morphology::is_particle`]) ends their clause (`kwam … aan` is `aankomen`, not
    /// `komen`). Empty for other lemmas and by default.
    fn finite_forms(&self, _lang: Lang, _lemma: &str) -> Vec<String> {
        Vec::new()
    }

    /// Whether `word` at the end of a clause is a separated verb particle.
    fn is_particle(&self, _lang: Lang, _word: &str) -> bool {
        false
    }

    /// Whether `word` may follow a separated particle as the start of something after the
    /// clause's core (a new clause, a moved prepositional phrase): `van` in `hangt af van`.
    fn after_particle(&self, _lang: Lang, _word: &str) -> bool {
        false
    }

    /// Whether `word` starts a new clause (a conjunction, a subordinator), which ends the
    /// search for the clause's separated particle.
    fn opens_clause(&self, _lang: Lang, _word: &str) -> bool {
        false
    }

    /// An analyser's base forms and compound heads of `word` (normalised), for backends that
    /// analyse words rather than generate forms; empty by default. Called once per distinct
    /// word form and thread, when the matcher first meets it.
    fn analyse(&self, _lang: Lang, _word: &str) -> Analysis {
        Analysis::default()
    }
}

/// Why a backend could not be had.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// No backend has that name.
    #[error("unknown morphology {0:?} (known: paradigms, snowball, voikko)")]
    Unknown(String),
    /// The voikko backend's library or dictionary is missing.
    #[error(transparent)]
    Voikko(#[from] VoikkoError),
}

/// The morphology used when nothing else is asked for.
pub fn default_backend() -> Box<dyn Morphology> {
    Box::new(Paradigms)
}

/// The morphology backends, as `--morph` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Backend {
    /// Generated inflection paradigms (Finnish and Dutch)
    #[default]
    Paradigms,
    /// Snowball stemming
    Snowball,
    /// libvoikko's Finnish analyses, loaded at run time (needs `apt install libvoikko1
    /// voikko-fi`); Dutch uses paradigms
    Voikko,
}

impl Backend {
    /// Every backend, the default first.
    pub const ALL: [Backend; 3] = [Backend::Paradigms, Backend::Snowball, Backend::Voikko];

    /// The backend's name, as reports record it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Paradigms => "paradigms",
            Backend::Snowball => "snowball",
            Backend::Voikko => "voikko",
        }
    }

    /// Makes the backend, loading what it needs (voikko opens libvoikko).
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

    fn from_str(name: &str) -> Result<Backend, BackendError> {
        Backend::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or_else(|| BackendError::Unknown(name.to_string()))
    }
}
