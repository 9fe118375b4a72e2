//! Why a word matches: the steps of [`Searcher::classify_form`], uncached and with reasons
//! (for `teema morph`).

use super::compile::Target;
use super::{MIN_MODIFIER_CHARS, Searcher};
use crate::lang::Lang;

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

impl Searcher<'_> {
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
        let base_forms = morph.base_forms(lang, word);
        for base in &base_forms.lemmas {
            add(side.surface.get(base.as_str()), Via::Key(base.clone()));
            add(side.head_surface.get(base.as_str()), Via::Key(base.clone()));
        }
        for head in &base_forms.heads {
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
}
