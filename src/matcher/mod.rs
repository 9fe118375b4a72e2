//! The compiled lexicon and the search of one document.
//!
//! [`Matcher::new`] compiles a [`Lexicon`] once into hash indexes per language side; it is
//! immutable and `Send + Sync`, shared by all worker threads. Each thread searches through
//! its own [`Searcher`], which caches the analysis of every distinct word form it has seen,
//! so matching costs one hash lookup per token whatever the size of the lexicon:
//!
//! * lemma and exact entries: the token's surface form, then its morphology key;
//! * compound heads: every suffix of the token (after a modifier of at least
//!   [`MIN_MODIFIER_CHARS`] characters, or a hyphen) and of its key;
//!   a token flagged as a name ([`Token::NAME`]) is never split as a compound;
//! * prefixes: the token's prefixes of the lengths that occur in the lexicon;
//! * separable verbs (Dutch): a finite verb whose particle ends its clause matches the
//!   particle verb's entry instead of the plain verb's ([`Morphology::separable`]);
//! * analysing backends (voikko): the base forms and compound heads of
//!   [`Morphology::analyse`], asked once per distinct word form;
//! * phrases: consecutive tokens of one sentence, starting from tokens that match a phrase's
//!   first word;
//! * regexes: each pattern's possible first bytes (its prefix literals, e.g. `klo` for
//!   `\bklo\s*2[0-3]`) are found with one Aho-Corasick pass over the text, and the pattern
//!   runs anchored only where one occurs. Unicode `\b` keeps the regex engine off its fast
//!   DFA on Finnish text, so running every pattern over every document would dominate the
//!   run time; patterns without a usable literal prefix do run over the whole text.
//!
//! Within a theme, matches never overlap: at each position the longest match wins, then the
//! most specific kind (exact, phrase, lemma, compound head, prefix, regex). Matches of a
//! theme's `exclude` entries remove the theme's matches they overlap.

use crate::lang::Lang;
use crate::lexicon::{Entry, EntryKind, Lexicon};
use crate::morph::Morphology;
use crate::tokenise::{Token, TokenKind, Tokens};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};
use rustc_hash::FxHashMap;

/// A compound's modifier must have at least this many characters (unless a hyphen marks the
/// boundary). Two, because Finnish has short modifiers: `yö|vuoro`, `työ|paikka`, `maa|ilta`.
pub const MIN_MODIFIER_CHARS: usize = 2;

/// Cached analyses per thread and language before the cache is emptied (bounds memory).
const CACHE_LIMIT: usize = 1 << 18;

/// Slots of the front cache per thread and language (a power of two).
const FRONT_SLOTS: usize = 4096;

/// Longest word form (in bytes) the front cache holds.
const FRONT_KEY: usize = 22;

/// One slot of the front cache: a recently seen word form, inline, and its analysis.
///
/// The word-form cache holds hundreds of thousands of forms; a lookup there misses the CPU
/// caches twice (the bucket, then the key's own allocation). The front cache is a small
/// direct-mapped table (128 KiB per language) in which the common forms stay resident.
#[derive(Clone, Copy)]
struct FrontSlot {
    /// Length of the form in `key`; 0 for an empty slot.
    len: u8,
    key: [u8; FRONT_KEY],
    range: (u32, u32),
}

const EMPTY_SLOT: FrontSlot = FrontSlot {
    len: 0,
    key: [0; FRONT_KEY],
    range: (0, 0),
};

/// The front-cache slot of `word`, if the word is short enough to be held there.
#[inline]
fn front_slot(word: &str) -> Option<usize> {
    use std::hash::BuildHasher;
    if word.is_empty() || word.len() > FRONT_KEY {
        return None;
    }
    let h = rustc_hash::FxBuildHasher.hash_one(word.as_bytes());
    // The top bits of a multiplicative mix: the low bits of the hash alone are weak.
    let bits = FRONT_SLOTS.trailing_zeros();
    Some((h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize)
}

/// One match of a lexicon entry in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the theme in [`Lexicon::themes`].
    pub theme: u16,
    /// Index of the entry in the theme's side for the searched language.
    pub entry: u32,
    /// Byte offset of the start in the normalised text.
    pub start: usize,
    /// Byte offset of the end in the normalised text.
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A theme entry (or an exclude entry) matches the token.
    Entry {
        theme: u16,
        entry: u32,
        exclude: bool,
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

struct Phrase {
    /// Target ids of the phrase's words.
    words: Vec<u32>,
    theme: u16,
    entry: u32,
    exclude: bool,
}

mod index;
use index::FormIndex as Index;

/// The compiled entries of one language side of all themes.
#[derive(Default)]
struct SideIndex {
    targets: Vec<Target>,
    surface: Index,
    keys: Index,
    /// Forms of compound heads standing alone.
    head_surface: Index,
    /// Forms of compound heads that may end a compound.
    head_suffixes: Index,
    head_keys: Index,
    prefixes: Index,
    prefix_lens: Vec<usize>,
    phrases: Vec<Phrase>,
    phrases_by_first: FxHashMap<u32, Vec<u32>>,
    /// Phrase words already given a target id.
    phrase_words: FxHashMap<String, u32>,
    regexes: Vec<(Regex, u32)>,
    /// Prefix literals of the regexes, and the regex each literal belongs to.
    regex_literals: Option<AhoCorasick>,
    literals: Vec<Vec<u8>>,
    literal_owner: Vec<u32>,
    /// Per literal: its regex starts with `\b` and the literal with a word character, so
    /// the regex can match there only where no word character comes before.
    literal_at_word_start: Vec<bool>,
    /// Regexes without a usable literal prefix: run over the whole text.
    unanchored_regexes: Vec<u32>,
    /// Particles of separable verb entries ([`Target::Separated`]).
    particles: Vec<Box<str>>,
    /// Some targets depend on the clause ([`Target::Separated`], [`Target::Finite`]).
    clause_rules: bool,
}

fn rank(kind: &EntryKind) -> u8 {
    match kind {
        EntryKind::Exact => 0,
        EntryKind::Phrase(_) => 1,
        EntryKind::Lemma => 2,
        EntryKind::CompoundHead => 3,
        EntryKind::Prefix => 4,
        EntryKind::Regex(_) => 5,
    }
}

impl SideIndex {
    fn target(&mut self, t: Target) -> u32 {
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
            rank: rank(&e.kind),
        };
        let class = e.class.as_deref();
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
                if e.kind == EntryKind::Lemma && !exclude {
                    self.add_clause_rules(morph, lang, &e.term, id);
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
                let words = words
                    .iter()
                    .map(|w| self.phrase_word(morph, lang, w))
                    .collect::<Vec<_>>();
                self.phrases_by_first
                    .entry(words[0])
                    .or_default()
                    .push(self.phrases.len() as u32);
                self.phrases.push(Phrase {
                    words,
                    theme,
                    entry: idx,
                    exclude,
                });
            }
            EntryKind::Regex(compiled) => {
                let id = self.target(target);
                let index = self.regexes.len() as u32;
                match prefix_literals(&e.term) {
                    Some((lits, boundary)) => {
                        for lit in lits {
                            let word_start = boundary && starts_with_word_char(&lit);
                            self.literals.push(lit);
                            self.literal_owner.push(index);
                            self.literal_at_word_start.push(word_start);
                        }
                    }
                    None => self.unanchored_regexes.push(index),
                }
                // compiled once, when the lexicon was read; the clone shares it
                self.regexes.push((compiled.0.clone(), id));
            }
        }
    }

    /// Targets for a verb entry's forms standing apart from their particle in a main clause.
    fn add_clause_rules(&mut self, morph: &dyn Morphology, lang: Lang, lemma: &str, id: u32) {
        if let Some((particle, forms)) = morph.separable(lang, lemma) {
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
        let finite = morph.finite_forms(lang, lemma);
        if !finite.is_empty() {
            let t = self.target(Target::Finite { entry: id });
            for f in &finite {
                self.surface.add(f, t);
            }
            self.clause_rules = true;
        }
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

    fn finish(&mut self) {
        let literals = std::mem::take(&mut self.literals);
        if !literals.is_empty() {
            // A DFA: the fastest overlapping search, and the literals are few.
            let ac = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals)
                .expect("literal automaton builds");
            self.regex_literals = Some(ac);
        }
    }
}

/// The literals every match of `pattern` starts with, if there is a small finite set of
/// non-empty ones, and whether every match starts with a Unicode word boundary (`\b`).
fn prefix_literals(pattern: &str) -> Option<(Vec<Vec<u8>>, bool)> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > 256 || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    let lits = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    Some((lits, starts_with_word_boundary(&hir)))
}

/// True when every match of `hir` begins with a Unicode `\b` assertion.
fn starts_with_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(Look::WordUnicode) => true,
        HirKind::Concat(parts) => parts.first().is_some_and(starts_with_word_boundary),
        HirKind::Alternation(alts) => alts.iter().all(starts_with_word_boundary),
        HirKind::Capture(cap) => starts_with_word_boundary(&cap.sub),
        _ => false,
    }
}

/// True when `lit` begins with a (Unicode) word character.
fn starts_with_word_char(lit: &[u8]) -> bool {
    let first = lit
        .utf8_chunks()
        .next()
        .and_then(|c| c.valid().chars().next());
    first.is_some_and(regex_syntax::is_word_character)
}

/// True when the character before byte `pos` of `text` is a (Unicode) word character: then a
/// `\b` at `pos` followed by a word character cannot hold.
fn word_char_before(text: &str, pos: usize) -> bool {
    text.get(..pos)
        .and_then(|before| before.chars().next_back())
        .is_some_and(regex_syntax::is_word_character)
}

/// A lexicon compiled for searching. Build once, share between threads.
pub struct Matcher {
    lexicon: Lexicon,
    morph: Box<dyn Morphology>,
    sides: [SideIndex; 2],
}

impl Matcher {
    /// Compiles `lexicon` with the morphology backend `morph`.
    pub fn new(lexicon: Lexicon, morph: Box<dyn Morphology>) -> Matcher {
        // The two language sides are independent: compile them on two threads (generating
        // paradigms and compiling regexes is most of the start-up time).
        let build = |lang: Lang| {
            let mut index = SideIndex::default();
            for (t, theme) in lexicon.themes.iter().enumerate() {
                let side = theme.side(lang);
                for (i, e) in side.entries.iter().enumerate() {
                    index.add_entry(morph.as_ref(), lang, t as u16, i as u32, e, false);
                }
                for (i, e) in side.exclude.iter().enumerate() {
                    index.add_entry(morph.as_ref(), lang, t as u16, i as u32, e, true);
                }
            }
            index.finish();
            index
        };
        let [first, second] = Lang::ALL;
        let sides = std::thread::scope(|scope| {
            let other = scope.spawn(|| build(second));
            let first = build(first);
            (first, other.join().expect("lexicon compilation thread"))
        });
        let sides = match Lang::ALL.map(Lang::index) {
            [0, 1] => [sides.0, sides.1],
            _ => [sides.1, sides.0],
        };
        Matcher {
            lexicon,
            morph,
            sides,
        }
    }

    /// The lexicon this matcher was compiled from.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The morphology backend's name.
    pub fn morphology(&self) -> &'static str {
        self.morph.name()
    }

    /// A searcher for one thread.
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher {
            matcher: self,
            cache: Default::default(),
            front: [vec![EMPTY_SLOT; FRONT_SLOTS], vec![EMPTY_SLOT; FRONT_SLOTS]],
            arena: Vec::new(),
            token_ids: Vec::new(),
            token_ranges: Vec::new(),
            candidates: Vec::new(),
            excluded: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    theme: u16,
    entry: u32,
    exclude: bool,
    rank: u8,
    start: usize,
    end: usize,
}

/// How a word came to match an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The word is one of the entry's surface forms.
    Form(String),
    /// The word's morphology key equals the entry's.
    Key(String),
    /// The word is a compound: modifier, then a form (or key) of the head entry.
    Compound(String, String),
    /// The word starts with the entry's prefix.
    Prefix(String),
}

/// One entry a word matches, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Index of the theme.
    pub theme: u16,
    /// Index of the entry in the theme's side (in `exclude` if `exclude`).
    pub entry: u32,
    /// The entry is an exclusion.
    pub exclude: bool,
    /// Why it matches.
    pub via: Via,
}

/// A candidate match of target `id` at `start..end`, if the target is an entry.
fn candidate(side: &SideIndex, id: u32, start: usize, end: usize) -> Option<Candidate> {
    match side.targets[id as usize] {
        Target::Entry {
            theme,
            entry,
            exclude,
            rank,
        } => Some(Candidate {
            theme,
            entry,
            exclude,
            rank,
            start,
            end,
        }),
        _ => None,
    }
}

/// Changes that clauses make to the matches of a sentence's words: `(word, entry target,
/// add?)`. A verb form whose clause ends in its separable particle stands for the particle
/// verb's entry (added) and for no plain verb entry (removed). `ends(i)`: a clause ends
/// after word `i` (always after the sentence's last word).
fn clause_changes<'a>(
    side: &SideIndex,
    morph: &dyn Morphology,
    lang: Lang,
    n: usize,
    ids_of: impl Fn(usize) -> &'a [u32],
    word: impl Fn(usize) -> &'a str,
    ends: impl Fn(usize) -> bool,
) -> Vec<(usize, u32, bool)> {
    let ends = |j: usize| ends(j) || morph.opens_clause(lang, word(j + 1));
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
            if ends(j) || morph.after_particle(lang, word(j + 1)) {
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
                Target::Finite { entry } if places.iter().any(|w| morph.is_particle(lang, w)) => {
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

/// Whether target `id` reaches `word` only by splitting it as a compound of a head entry,
/// which a name (`Vandersteen`, `Duitsland`) is not: treebanks and readers take names whole.
fn name_split(side: &SideIndex, id: u32, word: &str) -> bool {
    let compound_head = rank(&EntryKind::CompoundHead);
    matches!(side.targets[id as usize], Target::Entry { rank, .. } if rank == compound_head)
        && !side
            .head_surface
            .get(word)
            .is_some_and(|ids| ids.contains(&id))
}

/// Searches documents for one thread, caching the analysis of each distinct word form.
pub struct Searcher<'m> {
    matcher: &'m Matcher,
    /// Per language: word form → range of target ids in `arena`.
    cache: [FxHashMap<Box<str>, (u32, u32)>; 2],
    /// Per language: the front cache of `cache` (see [`FrontSlot`]).
    front: [Vec<FrontSlot>; 2],
    arena: Vec<u32>,
    token_ids: Vec<u32>,
    token_ranges: Vec<(u32, u32)>,
    candidates: Vec<Candidate>,
    excluded: Vec<(usize, usize)>,
}

impl Searcher<'_> {
    /// The target ids a word form matches, computed once per distinct form.
    fn analyse(&mut self, lang: Lang, word: &str) -> (u32, u32) {
        let slot = front_slot(word);
        // The form zero-padded: slots compare as fixed-size arrays, without a `memcmp` call.
        let mut key = [0; FRONT_KEY];
        if let Some(i) = slot {
            key[..word.len()].copy_from_slice(word.as_bytes());
            let s = &self.front[lang.index()][i];
            if s.len as usize == word.len() && s.key == key {
                return s.range;
            }
        }
        let range = self.analyse_cached(lang, word);
        if let Some(i) = slot {
            self.front[lang.index()][i] = FrontSlot {
                len: word.len() as u8,
                key,
                range,
            };
        }
        range
    }

    /// [`Searcher::analyse`] behind the front cache.
    fn analyse_cached(&mut self, lang: Lang, word: &str) -> (u32, u32) {
        let cache = &mut self.cache[lang.index()];
        if let Some(&range) = cache.get(word) {
            return range;
        }
        let side = &self.matcher.sides[lang.index()];
        let morph = self.matcher.morph.as_ref();
        let start = self.arena.len();
        let push = |ids: Option<&[u32]>, arena: &mut Vec<u32>| {
            if let Some(ids) = ids {
                arena.extend_from_slice(ids);
            }
        };
        push(side.surface.get(word), &mut self.arena);
        // an analysing backend's base forms and compound heads (voikko)
        let analysis = morph.analyse(lang, word);
        for base in &analysis.base_forms {
            push(side.surface.get(base.as_str()), &mut self.arena);
            push(side.head_surface.get(base.as_str()), &mut self.arena);
        }
        for head in &analysis.heads {
            push(side.head_surface.get(head.as_str()), &mut self.arena);
        }
        let key = if side.keys.is_empty() && side.head_keys.is_empty() {
            None
        } else {
            morph.key(lang, word)
        };
        if let Some(k) = &key {
            push(side.keys.get(k.as_str()), &mut self.arena);
        }
        if !side.head_surface.is_empty() || !side.head_keys.is_empty() {
            push(side.head_surface.get(word), &mut self.arena);
            for (i, _) in word.char_indices().skip(MIN_MODIFIER_CHARS) {
                let (modifier, head) = word.split_at(i);
                let ids = side.head_suffixes.get(head);
                if let Some(ids) = ids.filter(|_| morph.compound_split_ok(lang, modifier, head)) {
                    self.arena.extend_from_slice(ids);
                }
            }
            if let Some(k) = &key {
                push(side.head_keys.get(k.as_str()), &mut self.arena);
                for (i, _) in k.char_indices().skip(MIN_MODIFIER_CHARS) {
                    push(side.head_keys.get(&k[i..]), &mut self.arena);
                }
            }
            // the part after the last hyphen of a hyphenated word
            let last_part = word
                .rsplit('-')
                .next()
                .filter(|l| l.len() < word.len() && !l.is_empty());
            if let Some(last) = last_part {
                push(side.head_suffixes.get(last), &mut self.arena);
                if let Some(k) = morph.key(lang, last) {
                    push(side.head_keys.get(k.as_str()), &mut self.arena);
                }
            }
        }
        for &len in &side.prefix_lens {
            if len > word.len() {
                break;
            }
            if word.is_char_boundary(len) {
                push(side.prefixes.get(&word[..len]), &mut self.arena);
            }
        }
        let found = &mut self.arena[start..];
        found.sort_unstable();
        let n = {
            let mut n = 0;
            for i in 0..found.len() {
                if i == 0 || found[i] != found[i - 1] {
                    found[n] = found[i];
                    n += 1;
                }
            }
            n
        };
        self.arena.truncate(start + n);
        let range = (start as u32, n as u32);
        self.cache[lang.index()].insert(word.into(), range);
        range
    }

    /// Why `word` (normalised) matches each entry it matches on its own: the same steps as
    /// the search, uncached and with reasons (for `teema morph`).
    pub fn explain(&self, lang: Lang, word: &str) -> Vec<Explanation> {
        let side = &self.matcher.sides[lang.index()];
        let morph = self.matcher.morph.as_ref();
        let mut out = Vec::new();
        let mut add = |ids: Option<&[u32]>, via: Via| {
            for &id in ids.into_iter().flatten() {
                if let Target::Entry {
                    theme,
                    entry,
                    exclude,
                    ..
                } = side.targets[id as usize]
                {
                    out.push(Explanation {
                        theme,
                        entry,
                        exclude,
                        via: via.clone(),
                    });
                }
            }
        };
        add(side.surface.get(word), Via::Form(word.to_string()));
        let analysis = morph.analyse(lang, word);
        for base in &analysis.base_forms {
            add(side.surface.get(base.as_str()), Via::Key(base.clone()));
            add(side.head_surface.get(base.as_str()), Via::Key(base.clone()));
        }
        for head in &analysis.heads {
            let modifier = word.strip_suffix(head.as_str()).unwrap_or("…").to_string();
            add(
                side.head_surface.get(head.as_str()),
                Via::Compound(modifier, head.clone()),
            );
        }
        let key = morph.key(lang, word);
        if let Some(k) = &key {
            add(side.keys.get(k.as_str()), Via::Key(k.clone()));
            add(side.head_keys.get(k.as_str()), Via::Key(k.clone()));
            for (i, _) in k.char_indices().skip(MIN_MODIFIER_CHARS) {
                let split = Via::Compound(k[..i].to_string(), k[i..].to_string());
                add(side.head_keys.get(&k[i..]), split);
            }
        }
        add(side.head_surface.get(word), Via::Form(word.to_string()));
        for (i, _) in word.char_indices().skip(MIN_MODIFIER_CHARS) {
            let (modifier, head) = word.split_at(i);
            if morph.compound_split_ok(lang, modifier, head) {
                let split = Via::Compound(modifier.to_string(), head.to_string());
                add(side.head_suffixes.get(head), split);
            }
        }
        if let Some((first, last)) = word.rsplit_once('-').filter(|(_, l)| !l.is_empty()) {
            let split = Via::Compound(format!("{first}-"), last.to_string());
            add(side.head_suffixes.get(last), split);
        }
        for &len in &side.prefix_lens {
            if len <= word.len() && word.is_char_boundary(len) {
                add(
                    side.prefixes.get(&word[..len]),
                    Via::Prefix(word[..len].to_string()),
                );
            }
        }
        out
    }

    /// The `(theme, entry)` pairs whose entries match `word` (normalised) on its own, by
    /// token-level entry kinds (lemma, exact, compound head, prefix; not phrases or regexes,
    /// not exclusions).
    pub fn lookup(&mut self, lang: Lang, word: &str) -> Vec<(u16, u32)> {
        self.lookup_token(lang, word, 0)
    }

    /// [`Searcher::lookup`] for a token with [`Token`] flags (a [`Token::NAME`] is no
    /// compound of a head entry).
    pub fn lookup_token(&mut self, lang: Lang, word: &str, flags: u8) -> Vec<(u16, u32)> {
        let (s, n) = self.analyse(lang, word);
        let side = &self.matcher.sides[lang.index()];
        let name = flags & Token::NAME != 0;
        self.arena[s as usize..(s + n) as usize]
            .iter()
            .filter(|&&id| !name || !name_split(side, id, word))
            .filter_map(|&id| match side.targets[id as usize] {
                Target::Entry {
                    theme,
                    entry,
                    exclude: false,
                    ..
                } => Some((theme, entry)),
                _ => None,
            })
            .collect()
    }

    /// [`Searcher::lookup_token`] for the words of one sentence (with their [`Token`]
    /// flags), with the clause rules of separable verbs; `clause_end[i]`: a clause ends
    /// after word `i`.
    pub fn lookup_sentence(
        &mut self,
        lang: Lang,
        words: &[(&str, u8)],
        clause_end: &[bool],
    ) -> Vec<Vec<(u16, u32)>> {
        let mut out: Vec<Vec<(u16, u32)>> = words
            .iter()
            .map(|&(w, flags)| self.lookup_token(lang, w, flags))
            .collect();
        let side = &self.matcher.sides[lang.index()];
        if !side.clause_rules {
            return out;
        }
        let ranges: Vec<(u32, u32)> = words.iter().map(|&(w, _)| self.analyse(lang, w)).collect();
        let side = &self.matcher.sides[lang.index()];
        let arena = &self.arena;
        let changes = clause_changes(
            side,
            self.matcher.morph.as_ref(),
            lang,
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
        out
    }

    /// Finds the matches of `lang`'s entries in normalised `text` with its `tokens`, in order
    /// of position, replacing the contents of `out`.
    pub fn find(&mut self, lang: Lang, text: &str, tokens: &Tokens, out: &mut Vec<Match>) {
        out.clear();
        self.candidates.clear();
        self.token_ids.clear();
        self.token_ranges.clear();
        if self.cache[lang.index()].len() > CACHE_LIMIT {
            self.cache = Default::default();
            for front in &mut self.front {
                front.fill(EMPTY_SLOT);
            }
            self.arena.clear();
        }
        let side = &self.matcher.sides[lang.index()];
        for tok in &tokens.tokens {
            if tok.kind != TokenKind::Word {
                self.token_ranges.push((self.token_ids.len() as u32, 0));
                continue;
            }
            let word = tok.text(text);
            let (s, n) = self.analyse(lang, word);
            let ids = &self.arena[s as usize..(s + n) as usize];
            self.token_ranges
                .push((self.token_ids.len() as u32, ids.len() as u32));
            self.token_ids.extend_from_slice(ids);
            let (start, end) = (tok.start as usize, tok.end as usize);
            let name = tok.flags & Token::NAME != 0;
            let found = ids
                .iter()
                .filter(|&&id| !name || !name_split(side, id, word))
                .filter_map(|&id| candidate(side, id, start, end));
            self.candidates.extend(found);
        }
        if side.clause_rules {
            self.apply_clause_rules(lang, side, text, tokens);
        }
        if !side.phrases.is_empty() {
            self.find_phrases(side, tokens);
        }
        self.find_regexes(side, text);
        self.resolve(out);
    }

    /// Separable verbs: see [`clause_changes`].
    fn apply_clause_rules(&mut self, lang: Lang, side: &SideIndex, text: &str, tokens: &Tokens) {
        let toks = &tokens.tokens;
        let (ranges, ids) = (&self.token_ranges, &self.token_ids);
        let changes = clause_changes(
            side,
            self.matcher.morph.as_ref(),
            lang,
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

    fn push_regex_match(&mut self, side: &SideIndex, regex: u32, start: usize, end: usize) {
        let id = side.regexes[regex as usize].1;
        self.candidates.extend(candidate(side, id, start, end));
    }

    fn find_regexes(&mut self, side: &SideIndex, text: &str) {
        if let Some(ac) = &side.regex_literals {
            for lit in ac.find_overlapping_iter(text) {
                let pattern = lit.pattern().as_usize();
                if side.literal_at_word_start[pattern] && word_char_before(text, lit.start()) {
                    continue;
                }
                let regex = side.literal_owner[pattern];
                let input = Input::new(text)
                    .range(lit.start()..)
                    .anchored(Anchored::Yes);
                let found = side.regexes[regex as usize].0.search(&input);
                if let Some(m) = found.filter(|m| !m.is_empty()) {
                    self.push_regex_match(side, regex, m.start(), m.end());
                }
            }
        }
        for &regex in &side.unanchored_regexes {
            let re = &side.regexes[regex as usize].0;
            for m in re.find_iter(text) {
                if !m.is_empty() {
                    self.push_regex_match(side, regex, m.start(), m.end());
                }
            }
        }
    }

    fn find_phrases(&mut self, side: &SideIndex, tokens: &Tokens) {
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
                        self.candidates.push(Candidate {
                            theme: phrase.theme,
                            entry: phrase.entry,
                            exclude: phrase.exclude,
                            rank: 1,
                            start: toks[i].start as usize,
                            end: toks[last].end as usize,
                        });
                    }
                }
            }
        }
    }

    /// Applies exclusions and removes overlaps within each theme.
    fn resolve(&mut self, out: &mut Vec<Match>) {
        let c = &mut self.candidates;
        c.sort_unstable_by(|a, b| {
            (a.theme, a.start, b.end, a.rank, a.exclude, a.entry)
                .cmp(&(b.theme, b.start, a.end, b.rank, b.exclude, b.entry))
        });
        let mut i = 0;
        while i < c.len() {
            let theme = c[i].theme;
            let j = i + c[i..].iter().take_while(|x| x.theme == theme).count();
            self.excluded.clear();
            self.excluded.extend(
                c[i..j]
                    .iter()
                    .filter(|x| x.exclude)
                    .map(|x| (x.start, x.end)),
            );
            let mut last_end = 0;
            for cand in &c[i..j] {
                if cand.exclude || cand.start < last_end {
                    continue;
                }
                let hit_excluded = self
                    .excluded
                    .iter()
                    .any(|&(s, e)| s < cand.end && cand.start < e);
                if hit_excluded {
                    continue;
                }
                last_end = cand.end;
                out.push(Match {
                    theme: cand.theme,
                    entry: cand.entry,
                    start: cand.start,
                    end: cand.end,
                });
            }
            i = j;
        }
        out.sort_unstable_by_key(|m| (m.start, m.theme, m.end, m.entry));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse_source;
    use crate::normalise::normalise;
    use crate::tokenise::tokenise;

    fn matcher(fi: &str, nl: &str) -> Matcher {
        let text = format!("id = \"t\"\nlabel = \"T\"\nversion = \"1\"\n[fi]\n{fi}\n[nl]\n{nl}\n");
        let themes = parse_source("t.toml", &text).unwrap();
        let lex = Lexicon::from_themes(themes).unwrap();
        Matcher::new(lex, crate::morph::default_backend())
    }

    fn hits(m: &Matcher, lang: Lang, text: &str) -> Vec<String> {
        let n = normalise(text);
        let tokens = tokenise(&n.text);
        let mut out = Vec::new();
        m.searcher().find(lang, &n.text, &tokens, &mut out);
        out.iter()
            .map(|x| n.text[x.start..x.end].to_string())
            .collect()
    }

    #[test]
    fn lemma_prefix_exact_and_compound_head() {
        let m = matcher(
            r#"entries = ["asiakaspalvelu", "ylityö*", "=klo", "*vuoro"]"#,
            r#"entries = ["klant"]"#,
        );
        assert_eq!(
            hits(
                &m,
                Lang::Fi,
                "Asiakaspalvelussa ylityöt klo 21 yövuorossa, Klo."
            ),
            ["asiakaspalvelussa", "ylityöt", "klo", "yövuorossa", "klo"]
        );
        assert_eq!(hits(&m, Lang::Nl, "De klanten belden."), ["klanten"]);
        // Finnish entries do not fire on the Dutch side.
        assert!(hits(&m, Lang::Nl, "asiakaspalvelu").is_empty());
    }

    #[test]
    fn names_are_no_compounds_of_head_entries() {
        let m = matcher(
            r#"entries = ["*puisto"]"#,
            r#"entries = ["*land", "*steen"]"#,
        );
        let original = "Ik woon in Duitsland bij Vandersteen. Platteland en grafsteen, BOUWLAND.";
        let n = normalise(original);
        let mut tokens = tokenise(&n.text);
        crate::tokenise::mark_names(&mut tokens, original, &n.map);
        let mut out = Vec::new();
        m.searcher().find(Lang::Nl, &n.text, &tokens, &mut out);
        let found: Vec<&str> = out.iter().map(|x| &n.text[x.start..x.end]).collect();
        assert_eq!(found, ["platteland", "grafsteen", "bouwland"]);
        // a name that is the head itself still matches; lookup takes the flags too
        let mut s = m.searcher();
        assert_eq!(s.lookup_token(Lang::Fi, "puisto", Token::NAME).len(), 1);
        assert!(
            s.lookup_token(Lang::Fi, "kaivopuisto", Token::NAME)
                .is_empty()
        );
        assert_eq!(s.lookup_token(Lang::Fi, "kaivopuisto", 0).len(), 1);
    }

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
    fn phrases_stay_within_a_sentence() {
        let m = matcher(
            r#"entries = ["ei vastannut"]"#,
            r#"entries = ["in de wacht"]"#,
        );
        assert_eq!(hits(&m, Lang::Fi, "Kukaan ei vastannut."), ["ei vastannut"]);
        assert!(hits(&m, Lang::Fi, "Kukaan ei.\nVastannut kyllä.").is_empty());
        assert_eq!(hits(&m, Lang::Nl, "Ik hing in de wacht."), ["in de wacht"]);
    }

    #[test]
    fn regex_and_exclude() {
        let m = matcher(
            "entries = ['/klo\\s*(19|2[0-3])/', \"*ilta\"]\nexclude = [\"iltapäivä\"]",
            "entries = []",
        );
        // `*ilta` is the word itself in any inflection, too
        assert_eq!(
            hits(&m, Lang::Fi, "Palaveri klo 21 illalla"),
            ["klo 21", "illalla"]
        );
        assert_eq!(hits(&m, Lang::Fi, "maanantai-ilta"), ["maanantai-ilta"]);
        assert!(hits(&m, Lang::Fi, "iltapäivä").is_empty());
    }

    #[test]
    fn word_boundary_regexes_match_only_at_word_starts() {
        let m = matcher(
            "entries = ['/\\b(en|ei)\\s+ole/', '/ole\\s+ollut/']",
            "entries = []",
        );
        // `en` inside `tienen` is skipped before the regex runs; after `-` or `(` it starts
        // a word; a pattern without `\b` matches inside words.
        assert_eq!(
            hits(
                &m,
                Lang::Fi,
                "tienen ole, (en ole) x-ei ole; kooleollut, hole ollut"
            ),
            ["en ole", "ei ole", "ole ollut"]
        );
        let side = &m.sides[Lang::Fi.index()];
        assert_eq!(side.literal_at_word_start.iter().filter(|&&w| w).count(), 2);
        assert!(side.literal_at_word_start.iter().any(|&w| !w));
    }

    #[test]
    fn word_boundary_prefix_is_found_through_groups_and_alternations() {
        let starts = |p: &str| starts_with_word_boundary(&regex_syntax::parse(p).unwrap());
        assert!(starts(r"\bklo\s*2"));
        assert!(starts(r"(\bklo|\bkello)\s*2"));
        assert!(starts(r"\b(?:a|b)c|\bd"));
        assert!(!starts(r"\bklo|kello"));
        assert!(!starts(r"klo\b"));
        assert!(!starts(r"(?-u:\b)klo"));
        assert!(starts_with_word_char("ä".as_bytes()) && !starts_with_word_char(b"-x"));
        assert!(word_char_before("xä", 1) && !word_char_before(" ä", 1));
        assert!(!word_char_before("ä", 0));
    }

    #[test]
    fn front_cache_gives_the_analysis_of_the_word_asked_for() {
        let m = matcher(
            r#"entries = ["asiakaspalvelu", "=klo", "*vuoro", "ylityö*"]"#,
            "entries = []",
        );
        let words = [
            "asiakaspalvelussa",
            "klo",
            "yövuorossa",
            "ylityöt",
            "kissa",
            "asiakaspalveluhenkilökunnan",
            "hyvin-pitkä-yhdysvuorossa",
        ];
        let fresh: Vec<_> = words
            .iter()
            .map(|w| m.searcher().lookup(Lang::Fi, w))
            .collect();
        assert_eq!(fresh[1], [(0, 1)]);
        assert!(fresh[4].is_empty());
        // One searcher, many forms: slots are reused by colliding forms and refilled.
        let mut s = m.searcher();
        for round in 0..3 {
            for (w, want) in words.iter().zip(&fresh) {
                assert_eq!(&s.lookup(Lang::Fi, w), want, "{w} in round {round}");
            }
            for i in 0..(2 * FRONT_SLOTS) {
                s.lookup(Lang::Fi, &format!("sana{i}"));
            }
        }
        let short = words.iter().filter(|w| front_slot(w).is_some()).count();
        assert!(short >= 4 && front_slot(words[5]).is_none());
    }

    #[test]
    fn overlapping_entries_count_once_per_theme() {
        let m = matcher(r#"entries = ["ylityö", "ylityö*", "*työ"]"#, "entries = []");
        assert_eq!(hits(&m, Lang::Fi, "ylityö"), ["ylityö"]);
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }
}
