//! The compiled lexicon and the search of one document.
//!
//! [`Matcher::new`] compiles a [`Lexicon`] once into hash indexes per language side; it is
//! immutable and `Send + Sync`, shared by all worker threads. Each thread searches through
//! its own [`Searcher`], which caches the targets of every distinct word form it has seen
//! (`cache`), so matching costs one hash lookup per token whatever the size of the lexicon:
//!
//! * lemma and exact entries: the token's surface form, then its morphology key;
//! * compound heads: every suffix of the token (after a modifier of at least
//!   [`MIN_MODIFIER_CHARS`] characters, or a hyphen) and of its key;
//!   a token flagged as a name ([`Token::NAME`]) is never split as a compound;
//! * prefixes: the token's prefixes of the lengths that occur in the lexicon;
//! * separable verbs (Dutch): a finite verb whose particle ends its clause matches the
//!   particle verb's entry instead of the plain verb's, by the backend's [`ClauseGrammar`]
//!   (`clause`);
//! * analysing backends (voikko): the base forms and compound heads of
//!   [`Morphology::base_forms`], asked once per distinct word form;
//! * phrases: consecutive tokens of one sentence, starting from tokens that match a phrase's
//!   first word (`phrase`);
//! * regexes (`regex`): each pattern's possible first bytes (its prefix literals, e.g. `klo` for
//!   `\bklo\s*2[0-3]`) are found with one Aho-Corasick pass over the text, and the pattern
//!   runs anchored only where one occurs. Unicode `\b` keeps the regex engine off its fast
//!   DFA on Finnish text, so running every pattern over every document would dominate the
//!   run time; patterns without a usable literal prefix do run over the whole text.
//!
//! Within a theme, matches never overlap: at each position the longest match wins, then the
//! most specific kind (exact, phrase, lemma, compound head, prefix, regex). Matches of a
//! theme's `exclude` entries remove the theme's matches they overlap (`resolve`).
//!
//! With a corpus's own lemmas (`--lemma-column`, [`Searcher::find_with_lemmas`]), a token
//! that has them matches lemma entries by its lemmas equal to their terms instead of by the
//! generated forms, and compound-head entries by a compound-marked lemma's head (or a lemma
//! that is the head itself) where the corpus marks compounds; exact, prefix, phrase and
//! regex entries match the text as always, and the clause rules of separable verbs are left
//! to the corpus's lemmas (Alpino's `aan_komen` on `kwam`).
//!
//! The lexicon is compiled into indexes in `compile`; [`Searcher::explain`] (`explain`)
//! repeats the steps of one word's lookup with reasons.

use crate::lang::Lang;
use crate::lexicon::Lexicon;
#[cfg(doc)]
use crate::morph::ClauseGrammar;
use crate::morph::Morphology;
use crate::tokenise::{Token, TokenKind, Tokens};
use rustc_hash::FxHashMap;

mod cache;
mod clause;
mod compile;
mod explain;
mod index;
mod phrase;
mod regex;
mod resolve;

use cache::{EMPTY_SLOT, FRONT_SLOTS, FrontSlot};
use compile::{SideIndex, Target, compile_side};
pub use explain::{Explanation, Via};
use resolve::{Candidate, candidate};

/// A compound's modifier must have at least this many characters (unless a hyphen marks the
/// boundary). Two, because Finnish has short modifiers: `yö|vuoro`, `työ|paikka`, `maa|ilta`.
pub const MIN_MODIFIER_CHARS: usize = 2;

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

/// A corpus's own lemmas for the tokens of one document (`--lemma-column`), for
/// [`Searcher::find_with_lemmas`].
#[derive(Debug, Clone, Default)]
pub struct TokenLemmas {
    /// Per token of the document, a range of `keys`; an empty range: the token has no lemma
    /// of its own and matches by its form, as without lemmas.
    pub of_token: Vec<(u32, u32)>,
    /// Normalised lemmas, each with its compound head where the corpus marks one.
    pub keys: Vec<(String, Option<String>)>,
    /// The corpus marks compounds: compound-head entries match the heads of `keys` (and
    /// lemmas that are the head itself) instead of generated forms.
    pub heads: bool,
}

impl TokenLemmas {
    /// Empties it for the next document.
    pub fn clear(&mut self) {
        self.of_token.clear();
        self.keys.clear();
        self.heads = false;
    }
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
        let build = |lang: Lang| compile_side(&lexicon, morph.as_ref(), lang);
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

/// Searches documents for one thread, caching the targets of each distinct word form.
pub struct Searcher<'m> {
    matcher: &'m Matcher,
    /// Per language: word form → range of target ids in `arena` (see [`Searcher::word_form`]).
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
    /// The `(theme, entry)` pairs whose entries match `word` (normalised) on its own, by
    /// token-level entry kinds (lemma, exact, compound head, prefix; not phrases or regexes,
    /// not exclusions).
    pub fn lookup(&mut self, lang: Lang, word: &str) -> Vec<(u16, u32)> {
        self.lookup_token(lang, word, 0)
    }

    /// [`Searcher::lookup`] for a token with [`Token`] flags (a [`Token::NAME`] is no
    /// compound of a head entry).
    pub fn lookup_token(&mut self, lang: Lang, word: &str, flags: u8) -> Vec<(u16, u32)> {
        let (s, n) = self.word_form(lang, word);
        let side = &self.matcher.sides[lang.index()];
        let name = flags & Token::NAME != 0;
        self.arena[s as usize..(s + n) as usize]
            .iter()
            .filter(|&&id| !name || !side.name_split(id, word))
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
        if self.matcher.sides[lang.index()].clause_rules {
            self.apply_clause_rules_to_words(lang, words, clause_end, &mut out);
        }
        out
    }

    /// Finds the matches of `lang`'s entries in normalised `text` with its `tokens`, in order
    /// of position, replacing the contents of `out`.
    pub fn find(&mut self, lang: Lang, text: &str, tokens: &Tokens, out: &mut Vec<Match>) {
        self.find_inner::<false>(lang, text, tokens, None, out);
    }

    /// [`Searcher::find`] with the corpus's own lemmas of the tokens (see the module
    /// documentation): a token with lemmas matches lemma entries (and, with
    /// [`TokenLemmas::heads`], compound-head entries) by them instead of by its form.
    pub fn find_with_lemmas(
        &mut self,
        lang: Lang,
        text: &str,
        tokens: &Tokens,
        lemmas: &TokenLemmas,
        out: &mut Vec<Match>,
    ) {
        self.find_inner::<true>(lang, text, tokens, Some(lemmas), out);
    }

    /// The one matching loop of [`Searcher::find`] and [`Searcher::find_with_lemmas`];
    /// `LEMMAS` (whether `lemmas` is given) compiles the lemma steps out of the plain search.
    #[inline]
    fn find_inner<const LEMMAS: bool>(
        &mut self,
        lang: Lang,
        text: &str,
        tokens: &Tokens,
        lemmas: Option<&TokenLemmas>,
        out: &mut Vec<Match>,
    ) {
        use crate::lexicon::EntryKind;
        out.clear();
        self.candidates.clear();
        self.token_ids.clear();
        self.token_ranges.clear();
        self.bound_caches(lang);
        let side = &self.matcher.sides[lang.index()];
        let lemma_rank = compile::rank(&EntryKind::Lemma);
        let head_rank = compile::rank(&EntryKind::CompoundHead);
        let lemmas = lemmas.filter(|_| LEMMAS);
        let heads = lemmas.is_some_and(|l| l.heads);
        let by_lemma = |id: u32| {
            matches!(side.targets[id as usize], Target::Entry { rank, .. }
                if rank == lemma_rank || (heads && rank == head_rank))
        };
        for (i, tok) in tokens.tokens.iter().enumerate() {
            if tok.kind != TokenKind::Word {
                self.token_ranges.push((self.token_ids.len() as u32, 0));
                continue;
            }
            let word = tok.text(text);
            let (s, n) = self.word_form(lang, word);
            let ids = &self.arena[s as usize..(s + n) as usize];
            self.token_ranges
                .push((self.token_ids.len() as u32, ids.len() as u32));
            self.token_ids.extend_from_slice(ids);
            let (start, end) = (tok.start as usize, tok.end as usize);
            // The token's own lemmas, if the corpus gives any.
            let (a, b) = lemmas
                .and_then(|l| l.of_token.get(i).copied())
                .unwrap_or((0, 0));
            let own = a < b;
            let name = tok.flags & Token::NAME != 0;
            let found = ids
                .iter()
                .filter(|&&id| !(own && by_lemma(id)))
                .filter(|&&id| !name || !side.name_split(id, word))
                .filter_map(|&id| candidate(side, id, start, end));
            self.candidates.extend(found);
            if let Some(lemmas) = lemmas.filter(|_| own) {
                for (lemma, head) in &lemmas.keys[a as usize..b as usize] {
                    let mut ids: Vec<u32> = Vec::new();
                    ids.extend(side.lemma_terms.get(lemma).unwrap_or(&[]));
                    if lemmas.heads {
                        ids.extend(side.head_terms.get(lemma).unwrap_or(&[]));
                        if let Some(h) = head {
                            ids.extend(side.head_terms.get(h).unwrap_or(&[]));
                        }
                    }
                    ids.sort_unstable();
                    ids.dedup();
                    let found = ids.iter().filter_map(|&id| candidate(side, id, start, end));
                    self.candidates.extend(found);
                }
            }
        }
        if lemmas.is_none()
            && side.clause_rules
            && let Some(grammar) = self.matcher.morph.clause_grammar(lang)
        {
            self.apply_clause_rules(grammar, side, text, tokens);
        }
        if !side.phrases.is_empty() {
            self.find_phrases(side, tokens);
        }
        self.find_regexes(side, text);
        resolve::resolve(&mut self.candidates, &mut self.excluded, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse_source;
    use crate::normalise::normalise;
    use crate::tokenise::tokenise;

    /// A matcher of one theme with Finnish entries `fi` and Dutch entries `nl` (TOML lines).
    pub(super) fn matcher(fi: &str, nl: &str) -> Matcher {
        let text = format!("id = \"t\"\nlabel = \"T\"\nversion = \"1\"\n[fi]\n{fi}\n[nl]\n{nl}\n");
        let themes = parse_source("t.toml", &text).unwrap();
        let lex = Lexicon::from_themes(themes).unwrap();
        Matcher::new(lex, crate::morph::default_backend())
    }

    /// The matched text of each match of `m` in `text`.
    pub(super) fn hits(m: &Matcher, lang: Lang, text: &str) -> Vec<String> {
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
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }
}
