//! Adjective inflection.
//!
//! * attributive `-e` with the common spelling rules (`groot` → `grote`, `wit` →
//!   `witte`, `lief` → `lieve`, `boos` → `boze`); adjectives in `-en` and a few
//!   colour loanwords stay uninflected;
//! * comparative `-er` (`-der` after `r`: `duurder`), inflected `-ere`;
//! * superlative `-st`, inflected `-ste`;
//! * partitive `-s` (`iets moois`);
//! * a short hand-written table of suppletive comparison (`goed`/`beter`/`best`).

use super::spelling::{add_vowel_suffix, syllables};

/// Suppletive / irregular comparison.
const IRREGULAR: &[(&str, &[&str])] = &[
    (
        "goed",
        &["goede", "beter", "betere", "best", "beste", "goeds"],
    ),
    (
        "veel",
        &[
            "vele", "velen", "meer", "meest", "meeste", "meesten", "veels",
        ],
    ),
    (
        "weinig",
        &["weinige", "minder", "mindere", "minst", "minste"],
    ),
    ("graag", &["liever", "liefst", "graagst"]),
    ("ver", &["verre", "verder", "verdere", "verst", "verste"]),
    (
        "laat",
        &["late", "later", "latere", "laatst", "laatste", "laatsten"],
    ),
    ("dichtbij", &["dichterbij", "dichtstbij"]),
];

/// True for adjectives with suppletive comparison.
pub fn is_irregular(w: &str) -> bool {
    IRREGULAR.iter().any(|(a, _)| *a == w)
}

/// Adjective forms that collide with frequent words of another lemma and are
/// therefore never generated (the partitive of `ander`, `lang`, `recht`, …).
const BLOCKED: &[&str] = &[
    "anders", "langs", "rechts", "links", "eens", "als", "vers", "mits",
];

/// All inflected forms of an adjective.
pub fn adj_forms(w: &str, out: &mut Vec<String>) {
    for (a, fs) in IRREGULAR {
        if *a == w {
            out.extend(fs.iter().map(|s| s.to_string()));
            return;
        }
    }
    let uninflected = (w.ends_with("en") && !w.ends_with("een") && !w.ends_with("oen"))
        || w.ends_with('a')
        || w.ends_with("oranje")
        || w.ends_with("roze");
    let push = |s: String, out: &mut Vec<String>| {
        if !BLOCKED.contains(&s.as_str()) {
            out.push(s);
        }
    };
    if !uninflected {
        for f in add_vowel_suffix(w, "e") {
            // nominalised plural of longer adjectives: franstaligen, werklozen
            if syllables(w) >= 2 {
                push(format!("{f}n"), out);
            }
            push(f, out);
        }
    }
    // comparative
    if w.ends_with('r') {
        push(format!("{w}der"), out);
        push(format!("{w}dere"), out);
    } else if !w.ends_with("isch") {
        for f in add_vowel_suffix(w, "er") {
            push(f.clone(), out);
            push(format!("{f}e"), out);
        }
    }
    // superlative
    if !w.ends_with("isch") {
        let sup = if w.ends_with('s') {
            format!("{w}t")
        } else {
            format!("{w}st")
        };
        push(format!("{sup}e"), out);
        push(sup, out);
    }
    // partitive genitive: iets moois, niets nieuws
    if !w.ends_with('s') && !w.ends_with('e') {
        push(format!("{w}s"), out);
    }
}
