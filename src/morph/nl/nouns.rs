//! Noun inflection: plurals and diminutives.
//!
//! Plurals: `-en` with the spelling rules of [`super::spelling::add_vowel_suffix`]
//! (`bal`/`ballen`, `maan`/`manen`, `brief`/`brieven`, `huis`/`huizen`), `-s` after
//! schwa syllables and for loanwords (`tafels`, `monteurs`, `computers`), `-'s` after
//! a/i/o/u/y (`auto's`), `-heid`/`-heden`, `-ie`/`-ies`/`-iën`, Latin `-us`/`-i` and
//! `-um`/`-a`, and a small hand-written list of irregular plurals (`kind`/`kinderen`,
//! `stad`/`steden`, `dag`/`dagen`…). Irregulars also apply at the end of compounds
//! (`schoolkind` → `schoolkinderen`).
//!
//! Diminutives: `-je`, `-tje`, `-pje`, `-etje`, `-kje` chosen from the shape of the
//! last syllable, with plural `-s`.

use super::spelling::{add_vowel_suffix, is_vowel, schwa_final, syllables, tail};

/// Irregular plurals (singular, plurals). Written from general knowledge of Dutch.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("kind", &["kinderen"]),
    ("ei", &["eieren"]),
    ("lied", &["liederen"]),
    ("blad", &["bladeren", "bladen"]),
    ("been", &["benen", "beenderen"]),
    ("kalf", &["kalveren"]),
    ("lam", &["lammeren"]),
    ("rund", &["runderen"]),
    ("volk", &["volkeren", "volken"]),
    ("goed", &["goederen"]),
    ("hoen", &["hoenderen"]),
    ("rad", &["raderen"]),
    ("gelid", &["gelederen"]),
    ("koe", &["koeien"]),
    ("vlo", &["vlooien"]),
    ("stad", &["steden"]),
    ("schip", &["schepen"]),
    ("lid", &["leden"]),
    ("smid", &["smeden"]),
    ("gebed", &["gebeden"]),
    ("gat", &["gaten"]),
    ("dag", &["dagen"]),
    ("weg", &["wegen"]),
    ("god", &["goden"]),
    ("oorlog", &["oorlogen"]),
    ("slot", &["sloten"]),
    ("dak", &["daken"]),
    ("pad", &["paden"]),
    ("bad", &["baden"]),
    ("dal", &["dalen"]),
    ("glas", &["glazen"]),
    ("graf", &["graven"]),
    ("staf", &["staven"]),
    ("hof", &["hoven"]),
    ("spel", &["spelen", "spellen"]),
    ("vat", &["vaten"]),
    ("hertog", &["hertogen"]),
    ("gebrek", &["gebreken"]),
    ("bevel", &["bevelen"]),
    ("verlof", &["verloven"]),
    ("lot", &["loten"]),
    ("schot", &["schoten"]),
    ("gebod", &["geboden"]),
    ("verbod", &["verboden"]),
    ("slag", &["slagen"]),
    ("zoon", &["zonen", "zoons"]),
    ("oog", &["ogen"]),
    ("hemel", &["hemelen", "hemels"]),
    ("vak", &["vakken"]),
    ("mens", &["mensen"]),
    ("man", &["mannen"]),
    ("vrouw", &["vrouwen"]),
    ("politicus", &["politici"]),
    ("museum", &["musea", "museums"]),
    ("stadium", &["stadia", "stadions"]),
    ("catalogus", &["catalogi", "catalogussen"]),
    ("atlas", &["atlassen"]),
    ("kanon", &["kanonnen"]),
    ("kerk", &["kerken"]),
    ("idee", &["ideeën"]),
    ("café", &["cafés"]),
    ("cent", &["centen"]),
    ("euro", &["euro's"]),
    ("aanbod", &[]),
];

/// True for nouns in the irregular-plural list.
pub fn is_irregular(w: &str) -> bool {
    IRREGULAR.iter().any(|(sg, _)| *sg == w)
}

/// Looks like a (mostly English) loanword, which takes `-s`.
pub fn looks_foreign(w: &str) -> bool {
    let b = w.as_bytes();
    for i in 0..b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if c == b'c' && next != b'h' {
            return true;
        }
        if matches!(c, b'y' | b'q' | b'x') {
            return true;
        }
    }
    ["ea", "oa", "ai", "ck", "sh", "th"]
        .iter()
        .any(|d| w.contains(d))
        || w.ends_with('w') && !w.ends_with("uw")
        || (w.ends_with('e')
            && w.len() > 3
            && !is_vowel(w[..w.len() - 1].chars().last().unwrap_or('a')))
        || [
            "ll", "ff", "ss", "tt", "pp", "mm", "nn", "rr", "ing", "er", "or", "ie",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

/// Plural forms of a noun.
pub fn plurals(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    // irregular, possibly at the end of a compound
    for (sg, pls) in IRREGULAR {
        if let Some(pre) = w.strip_suffix(sg)
            && (pre.is_empty() || pre.chars().count() >= 3)
        {
            for p in *pls {
                out.push(format!("{pre}{p}"));
            }
            if pre.is_empty() {
                return out;
            }
        }
    }
    if let Some(b) = w.strip_suffix("heid") {
        out.push(format!("{b}heden"));
        return out;
    }
    let last = w.chars().last().unwrap_or(' ');
    if w.ends_with("ie") {
        let b = &w[..w.len() - 1];
        out.push(format!("{w}s"));
        out.push(format!("{w}ën"));
        out.push(format!("{b}ën"));
        return out;
    }
    if syllables(w) >= 2 {
        if let Some(b) = w.strip_suffix("us") {
            out.push(format!("{b}i"));
            out.push(format!("{w}sen"));
        }
        if let Some(b) = w.strip_suffix("um") {
            out.push(format!("{b}a"));
            out.push(format!("{w}s"));
        }
    }
    if w.ends_with("je") {
        out.push(format!("{w}s"));
        return out;
    }
    let t = tail(w);
    if t.coda.is_empty() {
        match t.vowel.as_str() {
            "e" => {
                out.push(format!("{w}s"));
                out.push(format!("{w}n"));
            }
            "a" | "i" | "o" | "u" | "y" | "é" | "è" => {
                out.push(format!("{w}'s"));
                out.push(format!("{w}s"));
            }
            _ => {
                out.extend(add_vowel_suffix(w, "en"));
                out.push(format!("{w}s"));
            }
        }
        return out;
    }
    if schwa_final(w) {
        out.push(format!("{w}s"));
        if last == 'l' || last == 'r' {
            out.extend(add_vowel_suffix(w, "en"));
        }
        return out;
    }
    out.extend(add_vowel_suffix(w, "en"));
    let s_plural = syllables(w) >= 2
        || looks_foreign(w)
        || ["eur", "ier", "aar", "oir"].iter().any(|s| w.ends_with(s));
    if s_plural {
        out.push(format!("{w}s"));
    }
    out
}

/// Diminutive forms (singular) of a noun.
pub fn diminutives(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    if w.ends_with("je") || w.len() < 2 {
        return out;
    }
    let t = tail(w);
    let v = t.vowel.as_str();
    let coda = t.coda.as_str();
    let short = matches!(v, "a" | "e" | "i" | "o" | "u");
    let unstressed = syllables(w) >= 2 && schwa_final(w);
    if coda.is_empty() {
        match v {
            "a" | "o" | "u" => out.push(format!("{w}{v}tje")),
            "e" if syllables(w) >= 2 => {
                out.push(format!("{}tje", w));
                out.push(format!("{}etje", &w[..w.len() - 1]));
            }
            _ => {}
        }
        out.push(format!("{w}tje"));
        return out;
    }
    let last = coda.chars().last().unwrap();
    match coda {
        "m" if short && !unstressed => out.push(format!("{w}metje")),
        "m" | "lm" | "rm" => out.push(format!("{w}pje")),
        "ng" => {
            if syllables(w) >= 2 && v == "i" {
                out.push(format!("{}nkje", &w[..w.len() - 2]));
            }
            out.push(format!("{w}etje"));
        }
        "l" | "n" | "r" if short && !unstressed => {
            out.push(format!("{w}{last}etje"));
            if syllables(w) >= 2 {
                out.push(format!("{w}tje"));
            }
        }
        "l" | "n" | "r" | "w" | "rn" | "ln" => out.push(format!("{w}tje")),
        "b" | "p" | "g" | "k" if short && syllables(w) == 1 => {
            out.push(format!("{w}{last}etje"));
            out.push(format!("{w}je"));
        }
        _ => out.push(format!("{w}je")),
    }
    // lengthened diminutives: schip -> scheepje, glas -> glaasje, blad -> blaadje
    if short && coda.chars().count() == 1 && syllables(w) == 1 {
        let lv = if v == "i" {
            "ee".to_string()
        } else {
            format!("{v}{v}")
        };
        out.push(format!("{}{}{}je", t.head, lv, coda));
    }
    out
}

/// All forms of a noun: plurals, diminutives and diminutive plurals.
pub fn noun_forms(w: &str, out: &mut Vec<String>) {
    out.extend(plurals(w));
    for d in diminutives(w) {
        out.push(format!("{d}s"));
        out.push(d);
    }
}
