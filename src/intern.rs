//! Names read back from reports: the report structs hold some names as `&'static str`
//! (a language code, an encoding, a segment kind, an entry kind), which a report read back
//! (`teema merge`) must turn into `&'static str` again. Each distinct name is leaked once
//! and reused, so the memory is bounded by the number of distinct names, not of documents.

use serde::{Deserialize, Deserializer};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// A name held as `&'static str`. Fields of this type read back with [`name`]; the alias
/// keeps serde from taking them as borrowed from the input (which would tie the whole
/// struct to `'static` input).
pub type Name = &'static str;

static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// `name` as a `&'static str`, the same one for equal names.
pub fn intern(name: &str) -> &'static str {
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}

/// `#[serde(deserialize_with = "crate::intern::name")]` for a `&'static str` field.
pub fn name<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
    Ok(intern(&s))
}

/// `#[serde(deserialize_with = "crate::intern::keys")]` for a map keyed by `&'static str`.
pub fn keys<'de, D, V>(d: D) -> Result<BTreeMap<&'static str, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    let map = BTreeMap::<String, V>::deserialize(d)?;
    Ok(map.into_iter().map(|(k, v)| (intern(&k), v)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_are_one_static_str() {
        let a = intern(&String::from("windows-1252"));
        let b = intern(&String::from("windows-1252"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "windows-1252");
        assert_ne!(intern("fi"), intern("nl"));
    }
}
