//! Compiling a lexicon: the [`SideIndex`] of one language side of all themes, built from the
//! lexicon's entries and the forms and keys the morphology gives them.

use super::index::FormIndex as Index;
use super::phrase::Phrase;
use super::regex::Regexes;
use crate::lang::Lang;
use crate::lexicon::{Entry, EntryKind, Lexicon, Role};
use crate::morph::{InflectionClass, Morphology};
use rustc_hash::FxHashMap;

/// What a word form found in an index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A theme entry (or an exclude entry) matches the token.
    Entry {
        theme: u16,
        entry: u32,
        exclude: bool,
        /// A context word ([`Role::Context`]): it only lets other entries count, so it takes
        /// no part in the overlap resolution of the entries that count.
        context: bool,
        rank: u8,
    },
    /// The token can stand for a phrase word (the phrase itself is checked later).
    PhraseWord,
    /// With the particle `particle` (in [`SideIndex::particles`]) ending its clause, the token
    /// stands for target `entry`, a separable verb (`vindt … plaats`: `plaatsvinden`).
    Separated { particle: u32, entry: u32 },
    /// The token is a finite form of verb target `entry`, which it is not when a particle
    /// ends its clause (`kwam … aan` is `aankomen`, not `komen`).
    Finite { entry: u32 },
}

/// The compiled entries of one language side of all themes.
#[derive(Default)]
pub(super) struct SideIndex {
    pub(super) targets: Vec<Target>,
    pub(super) surface: Index,
    pub(super) keys: Index,
    /// Forms of compound heads standing alone.
    pub(super) head_surface: Index,
    /// Forms of compound heads that may end a compound.
    pub(super) head_suffixes: Index,
    pub(super) head_keys: Index,
    /// Lemma entries by their term, for a corpus's own lemmas (`--lemma-column`).
    pub(super) lemma_terms: Index,
    /// Compound-head entries by their term, for a corpus's compound-marked lemmas.
    pub(super) head_terms: Index,
    pub(super) prefixes: Index,
    pub(super) prefix_lens: Vec<usize>,
    pub(super) phrases: Vec<Phrase>,
    pub(super) phrases_by_first: FxHashMap<u32, Vec<u32>>,
    /// Phrase words already given a target id.
    pub(super) phrase_words: FxHashMap<String, u32>,
    /// The regex entries and their prefilter.
    pub(super) regexes: Regexes,
    /// Particles of separable verb entries ([`Target::Separated`]).
    pub(super) particles: Vec<Box<str>>,
    /// Some targets depend on the clause ([`Target::Separated`], [`Target::Finite`]).
    pub(super) clause_rules: bool,
}

/// The specificity of an entry kind: at one position, a lower rank wins among matches of the
/// same length.
pub(super) fn rank(kind: &EntryKind) -> u8 {
    match kind {
        EntryKind::Exact => 0,
        EntryKind::Phrase(_) => 1,
        EntryKind::Lemma => 2,
        EntryKind::CompoundHead => 3,
        EntryKind::Prefix => 4,
        EntryKind::Regex(_) => 5,
    }
}

/// Compiles the `lang` side of every theme of `lexicon`.
pub(super) fn compile_side(lexicon: &Lexicon, morph: &dyn Morphology, lang: Lang) -> SideIndex {
    let mut index = SideIndex::default();
    for (t, theme) in lexicon.themes.iter().enumerate() {
        let side = theme.side(lang);
        for (i, e) in side.entries.iter().enumerate() {
            index.add_entry(morph, lang, t as u16, i as u32, e, false);
        }
        for (i, e) in side.exclude.iter().enumerate() {
            index.add_entry(morph, lang, t as u16, i as u32, e, true);
        }
    }
    index.regexes.finish();
    index
}

impl SideIndex {
    /// A new target id for `t`.
    pub(super) fn target(&mut self, t: Target) -> u32 {
        self.targets.push(t);
        (self.targets.len() - 1) as u32
    }

    fn add_entry(
        &mut self,
        morph: &dyn Morphology,
        lang: Lang,
        theme: u16,
        idx: u32,
        e: &Entry,
        exclude: bool,
    ) {
        let target = Target::Entry {
            theme,
            entry: idx,
            exclude,
            context: e.role == Role::Context,
            rank: rank(&e.kind),
        };
        // the class hint, parsed once for both the forms and the compound forms
        let class = InflectionClass::of_hint(lang, e.class.as_deref());
        let class = class.as_ref();
        match &e.kind {
            EntryKind::Lemma | EntryKind::CompoundHead => {
                let id = self.target(target);
                let (surface, keys) = if e.kind == EntryKind::Lemma {
                    (&mut self.surface, &mut self.keys)
                } else {
                    (&mut self.head_surface, &mut self.head_keys)
                };
                for form in morph.forms(lang, &e.term, class).iter().chain(&e.forms) {
                    surface.add(form, id);
                }
                if let Some(k) = morph.key(lang, &e.term) {
                    keys.add(&k, id);
                }
                if e.kind == EntryKind::Lemma {
                    self.lemma_terms.add(&e.term, id);
                } else {
                    self.head_terms.add(&e.term, id);
                }
                if e.kind == EntryKind::Lemma
                    && !exclude
                    && let Some(grammar) = morph.clause_grammar(lang)
                {
                    self.add_clause_rules(grammar, &e.term, id);
                }
                if e.kind == EntryKind::CompoundHead {
                    let forms = morph.compound_forms(lang, &e.term, class);
                    for form in forms.iter().chain(&e.forms) {
                        self.head_suffixes.add(form, id);
                    }
                }
            }
            EntryKind::Exact => {
                let id = self.target(target);
                self.surface.add(&e.term, id);
                for form in &e.forms {
                    self.surface.add(form, id);
                }
            }
            EntryKind::Prefix => {
                let id = self.target(target);
                self.prefixes.add(&e.term, id);
                if !self.prefix_lens.contains(&e.term.len()) {
                    self.prefix_lens.push(e.term.len());
                    self.prefix_lens.sort_unstable();
                }
            }
            EntryKind::Phrase(words) => {
                let id = self.target(target);
                self.add_phrase(morph, lang, words, id);
            }
            EntryKind::Regex(compiled) => {
                let id = self.target(target);
                // compiled once, when the lexicon was read; the clone shares it
                self.regexes.add(&e.term, compiled.0.clone(), id);
            }
        }
    }

    /// Whether target `id` reaches `word` only by splitting it as a compound of a head entry,
    /// which a name (`Vandersteen`, `Duitsland`) is not: treebanks and readers take names
    /// whole.
    pub(super) fn name_split(&self, id: u32, word: &str) -> bool {
        let compound_head = rank(&EntryKind::CompoundHead);
        matches!(self.targets[id as usize], Target::Entry { rank, .. } if rank == compound_head)
            && !self
                .head_surface
                .get(word)
                .is_some_and(|ids| ids.contains(&id))
    }
}
