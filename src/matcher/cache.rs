//! The per-thread caches of a [`Searcher`]: the targets each distinct word form matches are
//! worked out once ([`Searcher::classify_form`]) and kept in a word-form cache, in front of
//! which a small direct-mapped front cache holds the common forms.

use super::{MIN_MODIFIER_CHARS, Searcher};
use crate::lang::Lang;

/// Cached word forms per thread and language before the cache is emptied (bounds memory).
const CACHE_LIMIT: usize = 1 << 18;

/// Slots of the front cache per thread and language (a power of two).
pub(super) const FRONT_SLOTS: usize = 4096;

/// Longest word form (in bytes) the front cache holds.
const FRONT_KEY: usize = 22;

/// One slot of the front cache: a recently seen word form, inline, and its targets.
///
/// The word-form cache holds hundreds of thousands of forms; a lookup there misses the CPU
/// caches twice (the bucket, then the key's own allocation). The front cache is a small
/// direct-mapped table (128 KiB per language) in which the common forms stay resident.
#[derive(Clone, Copy)]
pub(super) struct FrontSlot {
    /// Length of the form in `key`; 0 for an empty slot.
    len: u8,
    key: [u8; FRONT_KEY],
    range: (u32, u32),
}

pub(super) const EMPTY_SLOT: FrontSlot = FrontSlot {
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

impl Searcher<'_> {
    /// Empties the caches when the word-form cache of `lang` has grown past its limit.
    pub(super) fn bound_caches(&mut self, lang: Lang) {
        if self.cache[lang.index()].len() > CACHE_LIMIT {
            self.cache = Default::default();
            for front in &mut self.front {
                front.fill(EMPTY_SLOT);
            }
            self.arena.clear();
        }
    }

    /// The target ids a word form matches, as a range of `arena`: worked out once per
    /// distinct form and looked up in the front cache, then the word-form cache.
    pub(super) fn word_form(&mut self, lang: Lang, word: &str) -> (u32, u32) {
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
        let range = self.word_form_cached(lang, word);
        if let Some(i) = slot {
            self.front[lang.index()][i] = FrontSlot {
                len: word.len() as u8,
                key,
                range,
            };
        }
        range
    }

    /// [`Searcher::word_form`] behind the front cache: the word-form cache, filled by
    /// [`Searcher::classify_form`].
    fn word_form_cached(&mut self, lang: Lang, word: &str) -> (u32, u32) {
        let cache = &mut self.cache[lang.index()];
        if let Some(&range) = cache.get(word) {
            return range;
        }
        let range = self.classify_form(lang, word);
        self.cache[lang.index()].insert(word.into(), range);
        range
    }

    /// Works out the target ids `word` matches (uncached) and appends them to `arena`, sorted
    /// and without repeats: its surface form, its backend base forms, its key, its compound
    /// splits and its prefixes.
    fn classify_form(&mut self, lang: Lang, word: &str) -> (u32, u32) {
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
        let base_forms = morph.base_forms(lang, word);
        for base in &base_forms.lemmas {
            push(side.surface.get(base.as_str()), &mut self.arena);
            push(side.head_surface.get(base.as_str()), &mut self.arena);
        }
        for head in &base_forms.heads {
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
        (start as u32, n as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::matcher;
    use super::*;

    #[test]
    fn front_cache_gives_the_targets_of_the_word_asked_for() {
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
}
