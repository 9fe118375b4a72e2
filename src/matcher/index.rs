//! [`FormIndex`]: word form → target ids, the table every token lookup goes through.
//!
//! A lexicon entry generates tens to hundreds of forms (its paradigm, and for a compound
//! head the forms that may end a compound), so a 10,000-entry lexicon means millions of
//! keys. A `HashMap<Box<str>, Vec<u32>>` would pay one allocation per key, about 64 bytes
//! of overhead per key, and a free per key when it is dropped. Here the keys live back to
//! back in one byte arena and the table holds 16-byte slots: offset, length, the key's hash
//! and either the one target id (almost every key has one) or the index of a longer id list.

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Marks [`Slot::ids`] as an index into [`FormIndex::lists`] rather than a target id.
const LIST: u32 = 1 << 31;

#[derive(Clone, Copy)]
struct Slot {
    offset: u32,
    len: u32,
    /// A target id, or `LIST | i` for `lists[i]`.
    ids: u32,
    /// The key's hash, folded to 32 bits: growing the table rehashes without reading keys.
    hash: u32,
}

/// A hash index from word forms to target ids; ids are kept in insertion order without
/// repeats.
#[derive(Default)]
pub(crate) struct FormIndex {
    bytes: Vec<u8>,
    table: HashTable<Slot>,
    lists: Vec<Vec<u32>>,
}

/// The key's hash, folded to 32 bits and repeated in both halves of the table's 64-bit hash
/// (the table takes its bucket from the low bits and a tag from the top seven).
#[inline]
fn hash(key: &[u8]) -> (u64, u32) {
    let h = rustc_hash::FxBuildHasher.hash_one(key);
    let folded = (h >> 32) as u32 ^ h as u32;
    (u64::from(folded) << 32 | u64::from(folded), folded)
}

/// Whether a slot holds `key` (hash `folded`), whose bytes are in `bytes`.
#[inline]
fn same_key<'a>(bytes: &'a [u8], key: &'a [u8], folded: u32) -> impl Fn(&Slot) -> bool + 'a {
    move |s| {
        s.hash == folded
            && s.len as usize == key.len()
            && &bytes[s.offset as usize..(s.offset + s.len) as usize] == key
    }
}

#[inline]
fn unfold(folded: u32) -> u64 {
    u64::from(folded) << 32 | u64::from(folded)
}

impl FormIndex {
    /// True when no key was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The target ids of `key`, if it was added.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&[u32]> {
        let key = key.as_bytes();
        let (h, folded) = hash(key);
        let slot = self.table.find(h, same_key(&self.bytes, key, folded))?;
        Some(if slot.ids & LIST == 0 {
            std::slice::from_ref(&slot.ids)
        } else {
            &self.lists[(slot.ids & !LIST) as usize]
        })
    }

    /// Adds target `id` to `key` (nothing when the key already has it).
    pub(crate) fn add(&mut self, key: &str, id: u32) {
        assert!(id < LIST, "target ids stay below 2^31");
        let key = key.as_bytes();
        let (h, folded) = hash(key);
        let found = self.table.find_mut(h, same_key(&self.bytes, key, folded));
        match found {
            Some(slot) if slot.ids & LIST == 0 => {
                if slot.ids != id {
                    self.lists.push(vec![slot.ids, id]);
                    slot.ids = LIST | (self.lists.len() - 1) as u32;
                }
            }
            Some(slot) => {
                let list = &mut self.lists[(slot.ids & !LIST) as usize];
                if !list.contains(&id) {
                    list.push(id);
                }
            }
            None => {
                let offset = u32::try_from(self.bytes.len())
                    .ok()
                    .filter(|o| o.checked_add(key.len() as u32).is_some())
                    .expect("lexicon forms stay below 4 GiB");
                self.bytes.extend_from_slice(key);
                let slot = Slot {
                    offset,
                    len: key.len() as u32,
                    ids: id,
                    hash: folded,
                };
                self.table.insert_unique(h, slot, |s| unfold(s.hash));
            }
        }
    }

    /// Number of distinct keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_ids_in_order_without_repeats() {
        let mut index = FormIndex::default();
        assert!(index.is_empty());
        index.add("illalla", 3);
        index.add("ilta", 3);
        index.add("illalla", 3);
        index.add("illalla", 7);
        index.add("illalla", 3);
        index.add("illalla", 1);
        index.add("", 9);
        assert_eq!(index.len(), 3);
        assert_eq!(index.get("illalla"), Some(&[3, 7, 1][..]));
        assert_eq!(index.get("ilta"), Some(&[3][..]));
        assert_eq!(index.get(""), Some(&[9][..]));
        assert_eq!(index.get("illa"), None);
        assert_eq!(index.get("illallaan"), None);
    }

    #[test]
    fn many_keys_survive_growth() {
        let mut index = FormIndex::default();
        let key = |i: u32| format!("muoto{i}");
        for i in 0..50_000 {
            index.add(&key(i), i);
            if i % 7 == 0 {
                index.add(&key(i), i + 1);
            }
        }
        assert_eq!(index.len(), 50_000);
        for i in 0..50_000 {
            let want: &[u32] = if i % 7 == 0 { &[i, i + 1] } else { &[i] };
            assert_eq!(index.get(&key(i)), Some(want), "{}", key(i));
        }
        assert_eq!(index.get("muoto50000"), None);
    }
}
