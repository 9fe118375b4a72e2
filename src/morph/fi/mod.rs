//! Finnish inflected-form generator.
//!
//! `teema` matches text tokens against a lexicon of lemmas. Instead of
//! lemmatising every token at match time, the lexicon compiler calls
//! [`forms`] once per lemma and stores every generated surface form in a hash
//! set; matching is then one hash lookup per token (and a suffix scan for
//! compound heads, see [`is_compound_of`]).
//!
//! ```text
//! let f = morph_fi::forms("ilta", None);
//! assert!(f.iter().any(|x| x == "illalla"));
//! assert!(!f.iter().any(|x| x == "ilman")); // that is ilma (air) / ilman (without)
//! let head: std::collections::HashSet<String> = morph_fi::forms("vuoro", None).into_iter().collect();
//! assert!(morph_fi::is_compound_of("iltavuoroihin", &head));
//! ```
//!
//! ## Approach
//! 1. **Classify** the lemma from its shape ([`guess_class`]), like the Kotus
//!    inflection classes: ending, syllable count, vowel of the first
//!    syllable, vowel harmony, plus short hand-written lists of lexically
//!    determined words (`irregular.rs`: e-stem `ovi`/`kieli` types, nouns that
//!    look like verbs, a dozen irregular verbs, pronouns). Harmony is taken from
//!    the last harmonic vowel, so compounds harmonise by their last part; when
//!    the last two syllables are neutral after a back vowel (`kaksi|kielinen`
//!    vs `kaveri`) both harmonies are generated.
//! 2. **Stems**: each class is reduced to a few stems (weak/strong grade,
//!    singular/plural, partitive/illative) — [`nominal`] and [`verbal`].
//!    Consonant gradation in both directions lives in [`gradation`]
//!    (`kauppa/kaupan`, `hammas/hampaan`, `tavata/tapaan`).
//! 3. **Endings**: the regular case endings (all 15 cases, plural variants),
//!    person endings, moods, passive, infinitives with their cases,
//!    participles declined as adjectives, comparatives/superlatives,
//!    possessive suffixes and clitics ([`clitics`]), plus regular spoken forms
//!    (`illal`, `mennää`, `sanois`, `onks`, `sanonu`).
//!
//! Where the shape is ambiguous the generator takes the *union* of the
//! candidate paradigms when the extra forms are non-words (`kuvata` gets both
//! `kuvaan` and `kupaan`), and a single choice when the alternative would
//! collide with frequent forms of other words. A small stop list keeps
//! function words (`kovin`, `usein`, `ilman` …) from being generated for
//! unrelated lemmas.
//!
//! Compound heads are matched by suffix ([`is_compound_of`]) with a
//! phonotactic plausibility check of the boundary, which removes most
//! accidental matches such as `taka|isin` (∈ forms of `isä`).

pub mod clitics;
pub mod gradation;
pub mod irregular;
pub mod nominal;
pub mod verbal;

use super::InflectionClass;
use clitics::{Clitics, Out};
use gradation::{cat, cc, chop, ends_long, is_front, is_vowel, last, syllables, tautosyllabic};
use irregular::*;
use nominal::{DeclOpts, decline, degree_stems, degrees, paradigm_g};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use verbal::{conjugate, stems};

/// Small multiplicative hasher (FxHash-style) for the dedup set.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().unwrap())).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Classes (besides nominal `nNN` and verbal `vNN` ones) returned by [`guess_class`].
const PARTICLE: &str = "particle";
const ADV_STI: &str = "adv-sti";
const PRONOUN: &str = "pronoun";
const IRR_VERB: &str = "v-irregular";

/// Guess the inflection class of `lemma` from its shape (Kotus-style class
/// names: `n9` = kala-type noun, `v67` = tulla-type verb, `particle` = not
/// inflected, only clitics).
pub fn guess_class(lemma: &str) -> &'static str {
    let l = lemma.trim().to_lowercase();
    classify(&l)
}

fn ends_any(l: &str, xs: &[&str]) -> bool {
    xs.iter().any(|x| l.ends_with(x))
}

/// Suffix lookup in a (word, class) list; the remaining prefix (compound
/// modifier) must be empty or ≥ 3 characters (≥ 4 for entries marked `-`).
fn lookup_suffix(l: &str, list: &[(&str, &'static str)]) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for (w, c) in list {
        // a leading '-' marks a compound-only head that needs a longer modifier
        let (w, min_rest) = match w.strip_prefix('-') {
            Some(x) => (x, 4),
            None => (*w, 3),
        };
        if l.ends_with(w) {
            let rest = l.chars().count() - w.chars().count();
            if (rest == 0 || rest >= min_rest) && best.map(|(n, _)| w.len() > n).unwrap_or(true) {
                best = Some((w.len(), c));
            }
        }
    }
    best.map(|(_, c)| c)
}

fn classify(l: &str) -> &'static str {
    if pronoun(l).is_some() {
        return PRONOUN;
    }
    if irregular_verb(l).is_some() {
        return IRR_VERB;
    }

    if l.chars().any(|c| !c.is_alphabetic() && c != '-') || irregular::UNINFLECTED.contains(&l) {
        return PARTICLE;
    }
    let n = l.chars().count();
    let syl = syllables(l);
    if syl == 0 || (n <= 2 && !ends_long(l)) {
        return PARTICLE;
    }
    if l == "mies" || l.ends_with("mies") {
        return "n42";
    }
    if let Some(c) = lookup_suffix(l, CLASS_BY_SUFFIX) {
        return c;
    }
    let lc = last(l).unwrap();
    if syl == 1 {
        if lc == 's' && n >= 4 {
            return "n39"; // hius, ruis
        }
        if lc == 't' && ends_long(chop(l, 1)) {
            return "n18"; // häät (plural; the singular is added later)
        }
        if !is_vowel(lc) || !ends_long(l) {
            return PARTICLE;
        }
        return if ends_any(l, &["uo", "ie", "yö"]) {
            "n19"
        } else {
            "n18"
        };
    }
    if syl >= 3 && l.ends_with("sti") {
        return ADV_STI;
    }
    if let Some(c) = verb_class(l, syl) {
        return c;
    }
    nominal_class(l, syl)
}

fn verb_class(l: &str, syl: usize) -> Option<&'static str> {
    let cs: Vec<char> = l.chars().collect();
    let n = cs.len();
    let lc = cs[n - 1];
    if lc != 'a' && lc != 'ä' {
        return None;
    }
    let p1 = cs[n - 2];
    let p2 = if n >= 3 { cs[n - 3] } else { ' ' };
    let p3 = if n >= 4 { cs[n - 4] } else { ' ' };
    match p1 {
        'd' => {
            if !is_vowel(p2) {
                return None;
            }
            if is_vowel(p3) && tautosyllabic(p3, p2) {
                if p3 == p2 {
                    Some("v63")
                } else if matches!((p3, p2), ('u', 'o') | ('y', 'ö') | ('i', 'e')) {
                    Some("v64")
                } else {
                    Some("v62")
                }
            } else {
                None
            }
        }
        // tulla/mennä/purra; longer ones only ajatella/epäillä types (-ellA, -illA)
        'l' | 'n' | 'r'
            if p2 == p1 && is_vowel(p3) && (syl == 2 || (p1 == 'l' && matches!(p3, 'e' | 'i'))) =>
        {
            Some("v67")
        }
        't' if p2 == 's' && is_vowel(p3) => {
            if syl == 2 {
                // juosta, nousta, haista (diphthong) but kiista, lista (nouns)
                let diph = n >= 5
                    && is_vowel(cs[n - 5])
                    && cs[n - 5] != p3
                    && tautosyllabic(cs[n - 5], p3);
                if diph || lc == 'ä' {
                    Some("v66")
                } else {
                    None
                }
            } else if p3 == 'i' {
                Some("v66")
            } else {
                None
            }
        }
        't' if is_vowel(p2) && syl >= 3 => match p2 {
            'a' | 'ä' => Some("v73"),
            'e' => Some("v72"),
            'o' | 'ö' | 'u' | 'y' => Some("v74"),
            'i' => {
                if V75.iter().any(|x| l.ends_with(x)) {
                    Some("v75")
                } else {
                    Some("v69")
                }
            }
            _ => None,
        },
        _ if is_vowel(p1) => {
            if p1 == lc {
                // -aa / -ää
                return Some("v53");
            }
            match p1 {
                'o' | 'ö' | 'u' | 'y' => Some("v52"),
                'i' => {
                    // historia, energia, komedia are nouns; huolehtia, tutkia verbs
                    if syl >= 4 && matches!(p2, 'r' | 'g' | 'd' | 'm' | 's' | 'n' | 'f' | 'b' | 'l')
                    {
                        None
                    } else {
                        Some("v61")
                    }
                }
                'e' => {
                    if EA_VERBS.iter().any(|x| l.ends_with(x)) {
                        Some("v58")
                    } else {
                        None
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

const ORDINALS: &[&str] = &[
    "kolmas",
    "neljäs",
    "viides",
    "kuudes",
    "seitsemäs",
    "kahdeksas",
    "yhdeksäs",
    "kymmenes",
    "sadas",
    "tuhannes",
];

fn nominal_class(l: &str, syl: usize) -> &'static str {
    let cs: Vec<char> = l.chars().collect();
    let n = cs.len();
    let lc = cs[n - 1];
    let p1 = cs[n - 2];
    if l.ends_with("nen") && n >= 5 && is_vowel(cs[n - 4]) {
        return "n38";
    }
    if l.ends_with("mpi") {
        return "n16";
    }
    if ends_any(l, &["ton", "tön"]) {
        return "n34";
    }
    if lc == 's' {
        if ends_any(l, ORDINALS) {
            return "n45";
        }
        if l.ends_with("nnes") {
            return "n39"; // neljännes
        }
        if ends_any(l, &["uus", "yys", "eus", "eys", "rakkaus"]) {
            return "n40";
        }
        if l.ends_with("is") {
            return "n41i";
        }
        if ends_any(l, &["as", "äs", "es"]) {
            return "n41";
        }
        return "n39";
    }
    if ends_any(l, &["ut", "yt"]) {
        if ends_any(
            l,
            &["nut", "nyt", "llut", "llyt", "rrut", "rryt", "ssut", "ssyt"],
        ) {
            return "n47";
        }
        return "n43";
    }
    if ends_any(l, &["in", "än", "un", "yn"]) {
        return "n33";
    }
    if l.ends_with("en") {
        return "n32";
    }
    if lc == 'n' {
        return PARTICLE;
    }
    if l.ends_with("el") {
        return "n49";
    }
    if ends_any(l, &["ar", "är", "er"]) {
        return "n32";
    }
    if !is_vowel(lc) {
        return if syl + 1 >= 3 { "n6c" } else { "n5c" };
    }
    // vowel-final
    if ends_long(l) {
        if ends_any(l, &["uo", "ie", "yö"]) {
            return "n19";
        }
        return "n17";
    }
    let hiatus = is_vowel(p1);
    match lc {
        'e' => "n48",
        'i' => {
            if syl == 2 {
                if l.ends_with("psi") {
                    return "n29";
                }
                if l.ends_with("si") && n >= 3 && !l.ends_with("iisi") && is_vowel(cs[n - 3]) {
                    return "n27";
                }
                "n5"
            } else {
                "n6"
            }
        }
        'o' | 'u' | 'y' | 'ö' => {
            if hiatus {
                "n3"
            } else if syl == 2 {
                "n1"
            } else {
                "n2"
            }
        }
        _ => {
            // a / ä
            if hiatus {
                return if p1 == 'i' { "n12" } else { "n15" };
            }
            if syl == 2 {
                if lc == 'ä' {
                    return "n10";
                }
                let first = cs.iter().find(|c| is_vowel(**c)).copied().unwrap_or('a');
                if matches!(first, 'o' | 'u') {
                    "n10"
                } else {
                    "n9"
                }
            } else {
                "n12"
            }
        }
    }
}

/// Map a user hint (`"9"`, `"n9"`, `"v67"`, `"kala"`-style names not supported)
/// to an internal class name.
pub(crate) fn class_from_hint(h: &str) -> Option<&'static str> {
    const ALL: &[&str] = &[
        "n1", "n2", "n3", "n5", "n6", "n5c", "n6c", "n7", "n8", "n9", "n10", "n12", "n15", "n16",
        "n17", "n18", "n19", "n25", "n26", "n27", "n28", "n29", "n30", "n32", "n33", "n34", "n35",
        "n36", "n38", "n39", "n40", "n41", "n41i", "n42", "n43", "n44", "n45", "n47", "n48", "n49",
        "v52", "v53", "v58", "v61", "v62", "v63", "v64", "v66", "v67", "v69", "v72", "v73", "v74",
        "v75", PARTICLE, ADV_STI,
    ];
    let h = h.trim().to_lowercase();
    for c in ALL {
        if *c == h {
            return Some(c);
        }
    }
    if let Ok(num) = h.parse::<u32>() {
        let key = if num >= 52 {
            format!("v{num}")
        } else {
            format!("n{num}")
        };
        let key = match key.as_str() {
            "n4" => "n2".to_string(),
            "n11" | "n13" | "n14" => "n12".to_string(),
            "n20" | "n21" | "n22" => "n17".to_string(),
            "n23" | "n24" => "n26".to_string(),
            "n37" => "n33".to_string(),
            "v54" | "v55" | "v56" | "v57" => "v53".to_string(),
            "v59" | "v60" => "v58".to_string(),
            "v65" => "v63".to_string(),
            "v68" | "v70" | "v71" => "v67".to_string(),
            "v76" | "v77" | "v78" => "v74".to_string(),
            k => k.to_string(),
        };
        for c in ALL {
            if *c == key {
                return Some(c);
            }
        }
    }
    None
}

/// The Finnish class a hint names, if it names one.
fn finnish(hint: Option<&InflectionClass>) -> Option<&'static str> {
    match hint {
        Some(InflectionClass::Finnish(class)) => Some(*class),
        _ => None,
    }
}

/// Nominal classes that may be adjectives: comparatives/superlatives generated.
const DEGREE_CLASSES: &[&str] = &[
    "n1", "n2", "n9", "n10", "n12", "n15", "n26", "n27", "n38", "n41", "n41i", "n34", "n43", "n48",
    "n47",
];

/// Does the lemma gradate? No for a few listed loans (`auto`/`auton`).
fn gradates(l: &str) -> bool {
    !NO_GRADATION
        .iter()
        .any(|w| l == *w || (l.ends_with(w) && l.len() >= w.len() + 3))
}

fn nominal_forms(l: &str, class: &str, out: &mut Out) {
    let fr = out.front;
    let grad = gradates(l);
    let opts = DeclOpts {
        poss: true,
        clitics: Clitics::Nominal,
        colloquial: true,
    };
    if l.ends_with("vasen") {
        // 37 vasen/vasemman/vasenta
        let root = chop(l, 2); // vas
        let p = nominal::Par {
            nom: l.to_string(),
            sgw: vec![cat(root, "emmA", fr)],
            sgs: vec![cat(root, "empA", fr)],
            part: vec![cat(l, "tA", fr)],
            ill: vec![cat(root, "empAAn", fr)],
            plw: vec![cc(root, "emmi")],
            pls: vec![cc(root, "empi")],
            ppart: vec![cat(root, "empiA", fr)],
            pgen: vec![cc(root, "empien")],
            pill: vec![cc(root, "empiin")],
        };
        decline(&p, out, opts);
        return;
    }
    if class == "n42" {
        let root = chop(l, 2); // mi(es)
        let p = nominal::Par {
            nom: l.to_string(),
            sgw: vec![cc(root, "ehe")],
            sgs: vec![cc(root, "ehe")],
            part: vec![cc(root, "estä")],
            ill: vec![cc(root, "eheen")],
            plw: vec![cc(root, "ehi")],
            pls: vec![cc(root, "ehi")],
            ppart: vec![cc(root, "ehiä")],
            pgen: vec![cc(root, "esten"), cc(root, "ehien")],
            pill: vec![cc(root, "ehiin")],
        };
        decline(&p, out, opts);
        return;
    }
    if let Some(p) = paradigm_g(l, class, fr, grad) {
        decline(&p, out, opts);
    }
    if class == "n49" {
        // askel ~ askele
        if let Some(p) = paradigm_g(&cc(l, "e"), "n48", fr, grad) {
            decline(&p, out, opts);
        }
    }
    if class == "n32" && ends_any(l, &["er", "ar", "är"]) {
        // loans: laser → laserin
        if let Some(p) = paradigm_g(l, if syllables(l) >= 2 { "n6c" } else { "n5c" }, fr, grad) {
            decline(&p, out, opts);
        }
    }
    if class == "n15"
        && (l.ends_with("kea") || l.ends_with("keä") || l.ends_with("tea") || l.ends_with("teä"))
        && syllables(l) == 3
    {
        // unlisted -eA verbs (tukea) share the shape of adjectives (korkea)
        if let Some(s) = stems(l, "v58", fr) {
            conjugate(&s, out);
        }
    }
    if class == "n39" && syllables(l) >= 2 && chop(l, 2).ends_with(|c: char| is_vowel(c)) {
        // talous/talouden (40) vs vastaus/vastauksen (39)
        if let Some(p) = paradigm_g(l, "n40", fr, grad) {
            decline(&p, out, opts);
        }
    }
    if l == "hyvä" {
        degrees("pare", "parha", out);
    } else if DEGREE_CLASSES.contains(&class)
        && !matches!(l, "pitkä")
        && let Some((c, s)) = degree_stems(l, class, fr)
    {
        degrees(&c, &s, out);
    }
}

fn verb_forms(l: &str, class: &str, out: &mut Out) {
    let fr = out.front;
    if class == IRR_VERB {
        if let Some(s) = irregular_verb(l) {
            conjugate(&s, out);
        }
        return;
    }
    if class == "v61" && syllables(l) == 3 {
        // 3-syllable -iA words are verbs (oppia) or nouns (kunnia, astia)
        let grad = gradates(l);
        if let Some(p) = paradigm_g(l, "n12", fr, grad) {
            decline(
                &p,
                out,
                DeclOpts {
                    poss: true,
                    clitics: Clitics::Nominal,
                    colloquial: true,
                },
            );
        }
    }
    let classes: &[&str] = match class {
        "v72" => &["v72", "v74"],
        "v75" => &["v74"],
        c => {
            // keep a 'static slice for the common case
            match c {
                "v52" => &["v52"],
                "v53" => &["v53"],
                "v58" => &["v58"],
                "v61" => &["v61"],
                "v62" => &["v62"],
                "v63" => &["v63"],
                "v64" => &["v64"],
                "v66" => &["v66"],
                "v67" => &["v67"],
                "v69" => &["v69"],
                "v73" => &["v73"],
                "v74" => &["v74"],
                _ => &[],
            }
        }
    };
    for c in classes {
        if let Some(s) = stems(l, c, fr) {
            conjugate(&s, out);
        }
    }
}

/// Every surface form (lowercase) that should count as an occurrence of
/// `lemma`, including the lemma itself. `hint` is an optional class hint, parsed from
/// a Kotus class number (`"9"`, `"67"`) or an internal class name
/// (`"n9"`, `"v67"`, `"particle"`); `None` = guess from shape.
pub fn forms(lemma: &str, hint: Option<&InflectionClass>) -> Vec<String> {
    let l = lemma.trim().to_lowercase();
    if l.is_empty() {
        return Vec::new();
    }
    // abbreviations: "jne." is written "jne" too
    if l.len() > 2 && l.ends_with('.') && !l[..l.len() - 1].contains('.') {
        let mut v = forms(&l[..l.len() - 1], Some(&InflectionClass::Finnish(PARTICLE)));
        v.push(l.clone());
        return v;
    }
    // lemmas with digits/punctuation ("1800luku", "e-mail"): inflect the
    // alphabetic tail and glue the prefix back (with and without a hyphen)
    if hint.is_none() && l.chars().any(|c| !c.is_alphabetic()) {
        let tail_start = l
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map(|(i, _)| i);
        if let Some(ts) = tail_start {
            let (pre, tail) = l.split_at(ts);
            if tail.chars().count() >= 3 {
                let pre_plain = pre.trim_end_matches('-');
                let mut v = Vec::new();
                for f in forms(tail, None) {
                    v.push(format!("{pre_plain}-{f}"));
                    v.push(format!("{pre_plain}{f}"));
                }
                v.push(l.clone());
                v.sort_unstable();
                v.dedup();
                return v;
            }
        }
    }
    let class = finnish(hint).unwrap_or_else(|| classify(&l));
    let (front, both) = harmony(&l);
    let mut out = Out::new(front);
    generate(&l, class, &mut out);
    if both && class != PRONOUN && class != PARTICLE {
        out.set_front(!front);
        out.lite = true;
        generate(&l, class, &mut out);
    }
    finish(&l, out)
}

/// The forms of `lemma` that may end a compound after a modifier. Finnish compounds are
/// nominal: a verb is not the last part of one (`allekirjoittaa`, `harhaanjohtava`,
/// `korkeatasoinen` are no compounds of `kirjoittaa`, `johtaa`, `soida`), so a verb has
/// none; other words have all their forms.
pub fn compound_forms(lemma: &str, hint: Option<&InflectionClass>) -> Vec<String> {
    let l = lemma.trim().to_lowercase();
    let class = finnish(hint).unwrap_or_else(|| classify(&l));
    if class.starts_with('v') {
        return Vec::new();
    }
    forms(lemma, hint)
}

/// Vowel harmony of a lemma: (front?, also generate the other harmony?).
/// The last harmonic vowel decides, except that when the last two syllables
/// have only neutral vowels (`e`, `i`) after a back vowel the word may be a
/// compound with a front head (`kaksi|kielinen`, `tunnus|merkki`) or a back
/// word (`kaveri`), so both are generated.
fn harmony(l: &str) -> (bool, bool) {
    let front = is_front(l);
    if front {
        return (true, false);
    }
    let mut nuclei = 0;
    let mut in_v = false;
    for c in l.chars().rev() {
        if is_vowel(c) {
            if !matches!(c, 'e' | 'i') {
                return (false, false);
            }
            if !in_v {
                nuclei += 1;
                in_v = true;
            }
        } else {
            if in_v && nuclei >= 2 {
                return (false, true);
            }
            in_v = false;
        }
    }
    (false, false)
}

/// Generate all forms of `l` of class `class` into `out` (one harmony).
fn generate(l: &str, class: &'static str, out: &mut Out) {
    let l = l.to_string();
    match class {
        PRONOUN => {
            let cl = if l == "ei" {
                Clitics::None
            } else {
                Clitics::Nominal
            };
            for f in pronoun(&l).unwrap_or(&[]) {
                out.add(f.to_string(), cl);
            }
        }
        PARTICLE => out.add(l.clone(), Clitics::Full),
        ADV_STI => {
            // nopeasti → nopeammin/nopeimmin, tehokkaasti → tehokkaammin,
            // iloisesti → iloisemmin/iloisimmin, kovasti → kovemmin
            out.add(l.clone(), Clitics::Full);
            let base = chop(&l, 3);
            let stems = if ends_long(base) || base.ends_with('e') {
                Some((base.to_string(), chop(base, 1).to_string()))
            } else {
                degree_stems(base, classify(base), out.front)
            };
            if let Some((c, s)) = stems {
                out.add_s(&c, "mmin", Clitics::Light);
                out.add_s(&s, "immin", Clitics::Light);
                out.add_s(&c, "mpAA", Clitics::Light);
            }
        }
        c if c == IRR_VERB || c.starts_with('v') => verb_forms(&l, c, out),
        c => nominal_forms(&l, c, out),
    }
    // plurale tantum lemmas (markkinat, aivot, kasvot): decline the singular too
    if class.starts_with('n') && l.ends_with('t') && !matches!(class, "n47" | "n44") {
        let sg_nen = format!("{}nen", chop(&l, 3));
        let sg = if l.ends_with("set") {
            sg_nen.as_str()
        } else {
            chop(&l, 1)
        };
        if sg.chars().count() >= 3
            && (l.ends_with("set") || last(sg).map(is_vowel).unwrap_or(false))
        {
            let c = classify(sg);
            if c.starts_with('n') {
                nominal_forms(sg, c, out);
            }
        }
    }
    // possessives on the lemma itself (mukaan → mukaani, päälle → päälleni)
    if l.chars().count() >= 4 && last(&l).map(is_vowel).unwrap_or(false) {
        out.poss(&l, false);
    } else if l.ends_with('n') && class == PARTICLE && ends_long(chop(&l, 1)) {
        out.poss(chop(&l, 1), false);
    }
    if let Some(t) = TIME_NOUNS.iter().find(|t| l.ends_with(**t)) {
        // iltaisin, aamuisin, päivisin, öisin, talvisin, keväisin
        let pre = chop(&l, t.chars().count());
        let adv = match *t {
            "yö" => "öisin".to_string(),
            "kevät" => "keväisin".to_string(),
            "viikko" => "viikoittain".to_string(),
            "päivä" | "aamupäivä" | "iltapäivä" => format!("{}isin", chop(t, 1)),
            t if t.ends_with('i') => cc(t, "sin"),
            t => cc(t, "isin"),
        };
        out.add(format!("{pre}{adv}"), Clitics::Kin);
    }
    if l.ends_with("vuosi") {
        out.add(format!("{}vuonna", chop(&l, 5)), Clitics::Nominal);
    }
    for f in extra_forms(&l) {
        out.add(f.to_string(), Clitics::Nominal);
    }
}

/// Deduplicate and apply the stop list.
fn finish(l: &str, out: Out) -> Vec<String> {
    let l = l.to_string();
    let mut v = out.forms;
    hyphen_variants(&l, &mut v);
    // dedup keeping first occurrences (hashing is much cheaper than sorting
    // thousands of strings with long common prefixes)
    let keep: Vec<bool>;
    let stop_hit;
    {
        let mut set: HashSet<&str, BuildHasherDefault<FxHasher>> =
            HashSet::with_capacity_and_hasher(v.len() * 2, Default::default());
        keep = v.iter().map(|f| set.insert(f.as_str())).collect();
        stop_hit = STOP.iter().any(|(s, owner)| *owner != l && set.contains(s));
    }
    let mut it = keep.iter();
    v.retain(|_| *it.next().unwrap());
    if stop_hit {
        v.retain(|f| !STOP.iter().any(|(s, owner)| s == f && *owner != l));
    }
    v
}

/// Compounds whose parts meet with the same vowel are written with a hyphen
/// (`kuorma-auto`, `osa-alue`). A lemma given without it (`kuormaauto`) gets
/// hyphenated variants of all forms at such positions.
fn hyphen_variants(l: &str, v: &mut Vec<String>) {
    let cs: Vec<(usize, char)> = l.char_indices().collect();
    for k in 3..cs.len().saturating_sub(3) {
        let (a, b) = (cs[k - 1].1, cs[k].1);
        if a == b && is_vowel(a) && !is_vowel(cs[k - 2].1) && syllables(&l[..cs[k].0]) >= 2 {
            let cut = cs[k].0;
            let prefix = &l[..cut];
            let n = v.len();
            for i in 0..n {
                if v[i].starts_with(prefix) {
                    let f = format!("{}-{}", prefix, &v[i][cut..]);
                    v.push(f);
                }
            }
        }
    }
}

/// True if `token` is `head` in some inflection, or a compound ending in such a
/// form with a modifier of ≥ 3 letters (optionally joined by `-`).
///
/// Without a hyphen the boundary must be phonotactically plausible for a
/// Finnish compound, which removes most accidental suffix matches
/// (`takaisin` is not `taka` + `isin` ∈ forms(isä)):
/// * the modifier ends in a vowel, or in `n`/`s` after a vowel (genitive
///   modifiers `kiinan|kaali`, `-s` nominatives `perustamis|sopimus`), or a digit;
/// * vowel + vowel across the boundary must not be a long vowel (that would be
///   written with a hyphen) or a diphthong;
/// * `s` + `uu`/`yy` is rejected (`mahdollis|uus` is the -UUs suffix);
/// * the modifier does not end in a long vowel or diphthong unless it is a
///   monosyllabic noun like `työ`, `yö`, `maa` (`ensimmäi|seksi` is a stem);
/// * the head part has at least 5 letters (short tails like `-maan`, `-teen`,
///   `-vien` are far more often inflectional endings than compound heads).
///
/// Exceptions to the 3-letter rule: the modifier `yö` (night), so that
/// `yövuorossa` matches `vuoro`, and two-letter modifiers joined with a
/// hyphen (`tv-ohjelmassa`).
#[cfg(test)]
pub fn is_compound_of(token: &str, head_forms: &HashSet<String>) -> bool {
    let token = token.trim_matches(|c| c == '-' || c == '–');
    if head_forms.contains(token) {
        return true;
    }
    let mut letters = 0usize;
    let mut prev: [char; 2] = [' ', ' ']; // last two chars of the modifier
    for (i, c) in token.char_indices() {
        // `yö` is the one two-letter noun that is a common modifier (yövuoro)
        if i > 0
            && (letters >= 3 || &token[..i] == "yö" || (letters >= 2 && prev[1] == '-'))
            && head_forms.contains(&token[i..])
            && plausible_boundary(prev, &token[..i], &token[i..])
        {
            return true;
        }
        if c != '-' {
            letters += 1;
        }
        prev = [prev[1], c];
    }
    false
}

/// Tails that look like a compound head but are usually a derivational or
/// inflectional suffix of the whole word: -lAinen/-nAinen/-mAinen adjectives
/// (erilaista, olennainen, satumainen), -(l)isuus nouns (mahdollisuutta), -inen/-minen
/// translatives and plurals (ensimmäiseksi), -iö nouns (kiinti|öiden),
/// -isoida verbs, 3rd infinitive (olemassa), -stAvA participles (muodostavat)
/// and -kkO/-kkA plural stems (lusi|koita).
fn suffix_lookalike(a: char, tail: &str) -> bool {
    let starts = |xs: &[&str]| xs.iter().any(|x| tail.starts_with(x));
    if starts(&["lais", "läis", "nais", "näis"]) {
        return true;
    }
    // -mAinen adjectives (satu|maisen, erin|omainen): not the plural of maa (maissa)
    if starts(&["mainen", "mäinen", "maise", "mäise", "maisi", "mäisi"]) {
        return true;
    }
    match a {
        // -isuus, -inen/-minen forms, -iö nouns (kiintiöiden), -isoida verbs
        'i' => starts(&[
            "suu", "syy", "sek", "sen", "set", "ses", "sel", "ö", "soi", "söi",
        ]),
        's' => starts(&["tav", "täv"]), // except after -mis (suhtautumis|tapa), see caller
        // 3rd infinitive (olemassa); -kkO/-kkA plural stems (lusikoita, laatikoita)
        c if is_vowel(c) => starts(&[
            "massa", "mässä", "masta", "mästä", "matta", "mättä", "koi", "köi",
        ]),
        _ => false,
    }
}

/// The first parts of the month names (`tammikuu` … `joulukuu`).
const MONTHS: &[&str] = &[
    "tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras",
    "joulu",
];

/// Whether `modifier` + `tail` (a surface form of a head lemma) is a plausible compound
/// split, by the rules of [`is_compound_of`]. Used by the matcher, which looks heads up in one
/// index for all entries.
pub fn split_ok(modifier: &str, tail: &str) -> bool {
    if let Some(m) = modifier.strip_suffix('-') {
        return m.chars().any(|c| c.is_alphanumeric());
    }
    let letters = modifier.chars().filter(|&c| c != '-').count();
    if letters < 3 && modifier != "yö" {
        return false;
    }
    // month names are single words (joulukuuta is no compound of kuu)
    if MONTHS.contains(&modifier) && tail.starts_with("kuu") {
        return false;
    }
    let mut rev = modifier.chars().rev();
    let last = rev.next().unwrap_or(' ');
    let before = rev.next().unwrap_or(' ');
    plausible_boundary([before, last], modifier, tail)
}

/// Compound-boundary check for [`is_compound_of`]; `m` = last two chars of the modifier.
fn plausible_boundary(m: [char; 2], modifier: &str, tail: &str) -> bool {
    let a = m[1];
    if a == '-' {
        return true;
    }
    // a short head (mies, vero, laki, kyky) needs a modifier of two syllables or more
    // or one ending in a long vowel (puhe|mies, auto|vero, työ|kyky) and must start with a consonant: a short vowel-initial tail
    // is mostly a case ending (komissi|olle, arduin|olla); shorter tails end too many
    // simple words
    let tail_len = tail.chars().count();
    // (nor the 3rd infinitive's illative: osta|maan, teke|mään)
    let long_final = m.iter().all(|&c| is_vowel(c)); // työ|kyky, maa|laji
    let short_ok = (syllables(modifier) >= 2 || long_final)
        && !tail.starts_with(is_vowel)
        && !matches!(tail, "maan" | "mään");
    if tail_len < 4 || (tail_len == 4 && !short_ok) {
        return false;
    }
    if a.is_ascii_digit() {
        return true;
    }
    let b = tail.chars().next().unwrap_or(' ');
    if suffix_lookalike(a, tail) && !(modifier.ends_with("mis") && a == 's') {
        return false;
    }
    if is_vowel(a) {
        if is_vowel(m[0]) && tautosyllabic(m[0], a) {
            // ends in a long vowel or diphthong: only monosyllabic nouns do
            // (työ|paikka, maa|talous); ensimmäi|seksi, toi|seksi are stems
            let mono = syllables(modifier) == 1;
            let ok_final = m[0] == a || matches!((m[0], a), ('i', 'e') | ('u', 'o') | ('y', 'ö'));
            if !(mono && ok_final) {
                return false;
            }
        }
        return !(is_vowel(b) && tautosyllabic(a, b));
    }
    if is_vowel(m[0]) {
        // s + vowel: perus|yksikkö yes, mahdollis|uus (the -UUs suffix) no
        return a == 'n' || (a == 's' && !(tail.starts_with("uu") || tail.starts_with("yy")));
    }
    false
}

#[cfg(test)]
mod tests;
