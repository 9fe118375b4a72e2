//! `--shard I/N`: a stable split of the inputs into N parts, so that N independent runs
//! (a Slurm array job, GNU parallel) cover every document exactly once.
//!
//! Every shard walks all the inputs in the usual order and numbers everything found (files,
//! archive members, WARC records, records of `--input jsonl|csv` files, and inputs that are
//! skipped) from 0: that number is the item's **position**, the place it has in a run over
//! all the inputs. A shard keeps the items whose **key** hashes to it and drops the others
//! before reading them; its report gives each kept item's position, so `teema merge` can put
//! the shards' documents back in the order of a single run.
//!
//! The key of an item is its path as reports show it, made relative to the root it was
//! found under (a PATH given on the command line; a file given itself is keyed by its file
//! name, a path from `--files-from` as listed): `fi/post-1.txt`, `site.tar.zst!dir/a.html`,
//! `crawl.warc.gz!12` (WARC records are numbered in the file already). Items that share a
//! path one after the other (the records of one JSON Lines or CSV file) add their position
//! in that file: `posts.jsonl` for the first record, `posts.jsonl#1` for the second,
//! `posts.jsonl#2`, and so on. The shard is `FNV-1a-64(key) mod N` (0-based; `--shard I/N`
//! with I from 1): the same on every machine and whatever else is in the folder, since it
//! depends on the key only.

use super::{Found, Input};
use std::path::{Path, PathBuf};

/// One shard of N: `--shard I/N` with 1 ≤ I ≤ N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// I, from 1.
    pub index: u32,
    /// N.
    pub count: u32,
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s:?} is not a shard: write I/N, e.g. 3/8 (1 ≤ I ≤ N)");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// 64-bit FNV-1a of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Shard {
    /// Whether an item with `key` belongs to this shard.
    pub fn holds_key(&self, key: &str) -> bool {
        fnv1a64(key.as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// Decides, item by item in walk order, which items a shard keeps.
#[derive(Debug, Clone)]
pub struct Splitter {
    shard: Shard,
    /// The roots as shown in paths.
    roots: Vec<(PathBuf, String)>,
    /// The relative path of the last item and how many items before it had it in a row.
    last: String,
    run: u64,
}

impl Splitter {
    /// A splitter for `shard` over inputs found under `roots`.
    pub fn new(shard: Shard, roots: &[PathBuf]) -> Splitter {
        let roots = roots
            .iter()
            .map(|r| (r.clone(), Input::File(r.clone()).display()))
            .collect();
        Splitter {
            shard,
            roots,
            last: String::new(),
            run: 0,
        }
    }

    /// The path of `found` as reports show it.
    fn shown(found: &Found) -> std::borrow::Cow<'_, str> {
        match found {
            Found::Input(input) => input.display().into(),
            Found::Skipped(s) => s.path.as_str().into(),
            Found::Record(r) => (*r.path).into(),
            Found::Contained(c) => c.path.as_str().into(),
        }
    }

    /// `shown` relative to the first root it lies under.
    fn relative(&self, shown: &str) -> String {
        if shown == "<stdin>" {
            return shown.to_string();
        }
        let path = Path::new(shown);
        for (root, root_shown) in &self.roots {
            if shown == root_shown {
                // a file given itself: its name
                return root
                    .file_name()
                    .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
            }
            if let Ok(rel) = path.strip_prefix(root)
                && !rel.as_os_str().is_empty()
            {
                return rel.to_string_lossy().into_owned();
            }
        }
        shown.to_string()
    }

    /// The key of the next item found, `found` (see the module doc).
    pub fn key(&mut self, found: &Found) -> String {
        let rel = self.relative(&Self::shown(found));
        if rel == self.last {
            self.run += 1;
            format!("{rel}#{}", self.run)
        } else {
            self.run = 0;
            self.last.clone_from(&rel);
            rel
        }
    }

    /// Whether this shard keeps the next item found, `found`.
    pub fn keeps(&mut self, found: &Found) -> bool {
        let key = self.key(found);
        self.shard.holds_key(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{RawBody, RawRecord, Skipped};
    use std::sync::Arc;

    #[test]
    fn parses_and_rejects_shards() {
        assert_eq!("3/8".parse::<Shard>(), Ok(Shard { index: 3, count: 8 }));
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/3/4", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // from the FNV reference test suite (Landon Curt Noll's fnv test vectors)
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    fn file(p: &str) -> Found {
        Found::Input(Input::File(PathBuf::from(p)))
    }

    fn record(p: &str, line: u64) -> Found {
        Found::Record(RawRecord {
            path: Arc::from(p),
            line,
            body: RawBody::Json(Vec::new()),
        })
    }

    #[test]
    fn keys_are_relative_to_the_root_and_number_records() {
        let shard = Shard { index: 1, count: 2 };
        let mut s = Splitter::new(shard, &[PathBuf::from("/data/corpus/"), "one.txt".into()]);
        assert_eq!(s.key(&file("/data/corpus/fi/a.txt")), "fi/a.txt");
        assert_eq!(s.key(&file("one.txt")), "one.txt");
        assert_eq!(s.key(&record("/data/corpus/p.jsonl", 1)), "p.jsonl");
        assert_eq!(s.key(&record("/data/corpus/p.jsonl", 2)), "p.jsonl#1");
        let skipped = Found::Skipped(Skipped {
            path: "/data/corpus/p.jsonl".into(),
            reason: "line 3: invalid JSON".into(),
        });
        assert_eq!(s.key(&skipped), "p.jsonl#2");
        assert_eq!(s.key(&file("/data/corpus/q.txt")), "q.txt");
        // the same folder under another name on another machine: the same keys
        let mut t = Splitter::new(shard, &[PathBuf::from("corpus")]);
        assert_eq!(t.key(&file("corpus/fi/a.txt")), "fi/a.txt");
    }

    #[test]
    fn every_key_is_in_exactly_one_shard() {
        for n in [1u32, 3, 7] {
            for k in 0..500 {
                let key = format!("dir/file-{k}.txt");
                let holders = (1..=n)
                    .filter(|&i| Shard { index: i, count: n }.holds_key(&key))
                    .count();
                assert_eq!(holders, 1, "{key} in {n} shards");
            }
        }
    }
}
