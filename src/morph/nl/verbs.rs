//! Verb conjugation.
//!
//! A verb is analysed into a [`Paradigm`]: present forms, past forms and past
//! participles (kept as the *core* after the `ge-` prefix, plus a flag telling whether
//! `ge-` is used, so prefixes can be re-applied).
//!
//! * Weak verbs follow the stem rules (undoubling `bellen` → `bel`, open-syllable
//!   lengthening `maken` → `maak`, devoicing `leven` → `leef`) and 't kofschip for
//!   the past (`werkte`/`belde`) and participle (`gewerkt`/`gebeld`).
//! * Strong and irregular verbs come from the hand-written table in [`super::strong`].
//! * Inseparable prefixes (`be-`, `ge-`, `ver-`, `ont-`, `her-`, `er-`) block `ge-`
//!   in the participle (`verbinden` → `verbonden`); separable particles keep it
//!   between particle and base (`aangeven` → `aangegeven`, `opzeggen` → `opgezegd`).
//!   Prefixed verbs are analysed recursively (`doorverbinden` = door + ver + binden).
//!   Where an analysis is uncertain, alternatives are unioned: wrong guesses produce
//!   non-words, which cannot match real tokens.
//!
//! By default separable verbs produce only the *joined* forms used in subordinate
//! clauses (`dat hij het opzegt`); with the hint `sep` the separated finite forms of
//! the base verb (`zegt`, `zei`) are added as well.

use super::spelling::{ge, is_vowel, syllables, tail};
use super::strong;

/// Inseparable prefixes: the participle has no `ge-`.
pub const INSEP: &[&str] = &["ver", "ont", "her", "be", "ge", "er"];

/// Separable particles (longest are tried first by the analyser).
pub const PARTICLES: &[&str] = &[
    "aan",
    "achter",
    "achteruit",
    "af",
    "bij",
    "bijeen",
    "binnen",
    "buiten",
    "door",
    "heen",
    "in",
    "langs",
    "mee",
    "na",
    "neer",
    "om",
    "omhoog",
    "omlaag",
    "onder",
    "op",
    "over",
    "rond",
    "samen",
    "terug",
    "toe",
    "tegen",
    "tegemoet",
    "teweeg",
    "uit",
    "uiteen",
    "voor",
    "voorbij",
    "vooruit",
    "voort",
    "vast",
    "weg",
    "los",
    "open",
    "dicht",
    "klaar",
    "vrij",
    "kapot",
    "thuis",
    "plaats",
    "deel",
    "schoon",
    "kwijt",
    "stil",
    "vol",
    "bezig",
    "bloot",
    "gade",
    "gelijk",
    "teleur",
    "tentoon",
    "weer",
    "goed",
    "fout",
    "bekend",
    "vandaan",
    "tenietdoen",
    "tekort",
    "zwart",
    "recht",
    "lief",
    "hard",
    "mis",
    "kennis",
    "plat",
    "bekend",
    "vrij",
    "tewerk",
    "ten",
];

/// Adverbial/prepositional particles (as opposed to adjective or noun particles like
/// `klaar`, `plaats`). In a solid word they are read as verb particles only.
pub const PREP_PARTICLES: &[&str] = &[
    "aan",
    "achter",
    "achteruit",
    "af",
    "bij",
    "bijeen",
    "binnen",
    "buiten",
    "door",
    "heen",
    "in",
    "langs",
    "mee",
    "na",
    "neer",
    "om",
    "omhoog",
    "omlaag",
    "onder",
    "op",
    "over",
    "rond",
    "samen",
    "terug",
    "toe",
    "tegen",
    "tegemoet",
    "teweeg",
    "uit",
    "uiteen",
    "voor",
    "voorbij",
    "vooruit",
    "voort",
    "weg",
    "weer",
    "vandaan",
];

/// Particles that also occur as unstressed inseparable prefixes (`overleggen` →
/// `overlegd`, `ondernemen` → `ondernomen`); for these both participles are produced.
const AMBIG: &[&str] = &[
    "over", "onder", "door", "om", "voor", "achter", "weer", "mis", "vol",
];

/// A verb paradigm.
#[derive(Clone, Debug, Default)]
pub struct Paradigm {
    pub inf: String,
    /// present-tense forms (stem, stem+t, infinitive, irregular forms)
    pub pres: Vec<String>,
    /// past-tense forms, singular and plural
    pub past: Vec<String>,
    /// participles without the `ge-` prefix, each with a flag "takes ge-"
    pub pp: Vec<(String, bool)>,
    /// built by the weak rules (not from the strong table)
    pub weak: bool,
}

impl Paradigm {
    /// Participles in their surface form.
    pub fn participles(&self) -> Vec<String> {
        let mut v = Vec::new();
        for (core, g) in &self.pp {
            if *g {
                v.extend(ge(core));
            } else {
                v.push(core.clone());
            }
        }
        v
    }

    /// All surface forms.
    pub fn all_forms(&self, out: &mut Vec<String>) {
        out.push(self.inf.clone());
        out.extend(self.pres.iter().cloned());
        out.extend(self.past.iter().cloned());
        // present participle: lopend, lopende
        out.push(format!("{}d", self.inf));
        out.push(format!("{}de", self.inf));
        for p in self.participles() {
            // weak participles inflect like adjectives: gemaakt -> gemaakte
            if !p.ends_with("en") && (p.ends_with('t') || p.ends_with('d')) {
                out.push(format!("{p}e"));
            }
            out.push(p);
        }
    }

    fn prefixed(&self, p: &str, separable: bool) -> Paradigm {
        Paradigm {
            inf: format!("{p}{}", self.inf),
            weak: self.weak,
            pres: self.pres.iter().map(|f| format!("{p}{f}")).collect(),
            past: self.past.iter().map(|f| format!("{p}{f}")).collect(),
            pp: self
                .pp
                .iter()
                .map(|(c, g)| {
                    if separable {
                        if *g {
                            // particle + ge + core: aan-ge-geven (diaeresis handled below)
                            (format!("{p}{}", ge(c)[0]), false)
                        } else {
                            (format!("{p}{c}"), false)
                        }
                    } else {
                        (format!("{p}{c}"), false)
                    }
                })
                .collect(),
        }
    }
}

/// Stem candidates of a weak verb from its infinitive, with the "te" flag ('t kofschip).
fn weak_stems(inf: &str) -> (Vec<String>, bool) {
    let x = if let Some(x) = inf.strip_suffix("en") {
        x.to_string()
    } else if let Some(x) = inf.strip_suffix('n') {
        x.to_string()
    } else {
        inf.to_string()
    };
    let chars: Vec<char> = x.chars().collect();
    let last = chars.last().copied().unwrap_or(' ');
    let kof = matches!(last, 't' | 'k' | 'f' | 's' | 'h' | 'p' | 'x' | 'c');
    let mut stems = Vec::new();
    let n = chars.len();
    if n >= 2 && chars[n - 1] == chars[n - 2] && !is_vowel(last) {
        stems.push(chars[..n - 1].iter().collect::<String>());
    } else {
        let t = tail(&x);
        let single = matches!(t.vowel.as_str(), "a" | "e" | "o" | "u");
        if single
            && t.coda.chars().count() == 1
            && t.coda != "w"
            && !t.head.is_empty()
            && inf.ends_with("en")
        {
            let schwa_possible = t.vowel == "e"
                && syllables(&x) >= 2
                && matches!(t.coda.as_str(), "l" | "r" | "n" | "m");
            if schwa_possible {
                stems.push(x.clone());
            }
            stems.push(format!("{}{}{}{}", t.head, t.vowel, t.vowel, t.coda));
        } else if t.vowel.chars().count() == 2
            && t.vowel.ends_with('ë')
            && t.coda.chars().count() == 1
        {
            // creëren -> creëer
            stems.push(format!("{}{}e{}", t.head, t.vowel, t.coda));
        } else {
            stems.push(x.clone());
        }
    }
    let stems = stems
        .into_iter()
        .map(|s| {
            if let Some(b) = s.strip_suffix('v') {
                format!("{b}f")
            } else if let Some(b) = s.strip_suffix('z') {
                format!("{b}s")
            } else {
                s
            }
        })
        .collect();
    (stems, kof)
}

/// Regular (weak) paradigm of a verb that is not in the strong table.
///
/// Its bare stem (first person singular, imperative: `werk`, `plaats`, `vorm`) is left out
/// unless it ends in `-t`, where it is also the third person (`wacht`). Dutch forms weak
/// verbs from nouns by conversion (`plaats` → `plaatsen`, `werk` → `werken`, `vorm` →
/// `vormen`), so for most of them the bare stem is also a noun, whose reading is far more
/// frequent in running text than the first person; an entry that wants it lists it under
/// `forms`. Strong and irregular verbs (`ik loop`, `ik denk`, `ik heb`) keep it.
pub fn weak(inf: &str) -> Paradigm {
    let mut p = regular(inf);
    let (stems, _) = weak_stems(inf);
    p.pres.retain(|f| f.ends_with('t') || !stems.contains(f));
    p
}

/// Regular present, past and participles, bare stem included (also the present tense of
/// strong verbs whose table gives only the past).
fn regular(inf: &str) -> Paradigm {
    let (stems, kof) = weak_stems(inf);
    let mut p = Paradigm {
        inf: inf.to_string(),
        weak: true,
        ..Default::default()
    };
    let (d, de) = if kof { ("t", "te") } else { ("d", "de") };
    for s in stems {
        p.pres.push(s.clone());
        if !s.ends_with('t') {
            p.pres.push(format!("{s}t"));
        }
        p.past.push(format!("{s}{de}"));
        p.past.push(format!("{s}{de}n"));
        let core = if s.ends_with('t') || s.ends_with('d') {
            s.clone()
        } else {
            format!("{s}{d}")
        };
        p.pp.push((core, true));
    }
    p
}

/// Paradigm of a verb from the strong/irregular table.
fn from_table(inf: &str, e: &strong::Strong) -> Paradigm {
    let mut p = Paradigm {
        inf: inf.to_string(),
        ..Default::default()
    };
    match &e.pres {
        Some(v) => p.pres = v.iter().map(|s| s.to_string()).collect(),
        None => {
            let w = regular(inf);
            p.pres = w.pres;
        }
    }
    p.past = e.past.iter().map(|s| s.to_string()).collect();
    for pp in &e.pp {
        let has_ge = if inf.starts_with("ge") {
            pp.starts_with("gege")
        } else {
            pp.starts_with("ge")
        };
        if has_ge {
            p.pp.push((pp[2..].to_string(), true));
        } else {
            p.pp.push((pp.to_string(), false));
        }
    }
    p
}

/// Paradigm from an explicit ablaut pattern hint such as `ij-ee-ee` (schrijven) or
/// `oo-ie-oo` (lopen): vowel of the present, of the past and of the participle,
/// as written in a closed syllable.
pub fn from_pattern(inf: &str, pat: &str) -> Option<Paradigm> {
    let parts: Vec<&str> = pat.split('-').collect();
    if parts.len() != 3 {
        return None;
    }
    let open = |v: &str| -> String {
        match v {
            "aa" | "ee" | "oo" | "uu" => v[..1].to_string(),
            _ => v.to_string(),
        }
    };
    let x = inf.strip_suffix("en")?;
    let pv = open(parts[0]);
    let pos = x.rfind(pv.as_str())?;
    let (pre, post) = (&x[..pos], &x[pos + pv.len()..]);
    let undouble = |s: String| -> String {
        let c: Vec<char> = s.chars().collect();
        let n = c.len();
        let s = if n >= 2 && c[n - 1] == c[n - 2] && !is_vowel(c[n - 1]) {
            c[..n - 1].iter().collect()
        } else {
            s
        };
        if let Some(b) = s.strip_suffix('v') {
            format!("{b}f")
        } else if let Some(b) = s.strip_suffix('z') {
            format!("{b}s")
        } else {
            s
        }
    };
    let sg = undouble(format!("{pre}{}{post}", parts[1]));
    let pl = format!("{pre}{}{post}en", open(parts[1]));
    let ppc = format!("{pre}{}{post}en", open(parts[2]));
    let w = regular(inf);
    Some(Paradigm {
        inf: inf.to_string(),
        pres: w.pres,
        past: vec![sg, pl],
        pp: vec![(ppc, true)],
        weak: false,
    })
}

/// True if the lemma is a strong verb preceded by a prefix or particle
/// (`bestaan`, `voorgaan`, `bezighouden`).
pub fn ends_in_strong(w: &str) -> bool {
    w.char_indices().skip(2).any(|(i, _)| {
        let rest = &w[i..];
        strong::lookup(rest).is_some()
            && (rest.len() >= 5 || INSEP.contains(&&w[..i]) || PARTICLES.contains(&&w[..i]))
    })
}

/// Is `rest` plausibly a verb on its own (so that a prefix can be split off)?
fn verb_shaped(rest: &str) -> bool {
    if strong::lookup(rest).is_some() {
        return true;
    }
    let Some(body) = rest.strip_suffix("en") else {
        return false;
    };
    rest.chars().count() >= 4 && body.chars().any(is_vowel)
}

/// Analyses plus a flag telling whether they rest on the strong-verb table (then no
/// weak fallback is needed).
fn analyses_depth(inf: &str, depth: usize) -> (Vec<Paradigm>, bool) {
    if let Some(e) = strong::lookup(inf) {
        return (vec![from_table(inf, e)], true);
    }
    let mut out = Vec::new();
    let mut confident = false;
    if depth < 3 {
        for p in INSEP {
            if let Some(rest) = inf.strip_prefix(p)
                && verb_shaped(rest)
            {
                let (sub, conf) = analyses_depth(rest, depth + 1);
                confident |= conf;
                for a in sub {
                    out.push(a.prefixed(p, false));
                }
            }
        }
        for p in PARTICLES {
            if let Some(rest) = inf.strip_prefix(p)
                && verb_shaped(rest)
            {
                let (sub, conf) = analyses_depth(rest, depth + 1);
                confident |= conf;
                for a in &sub {
                    out.push(a.prefixed(p, true));
                    if AMBIG.contains(p) {
                        out.push(a.prefixed(p, false));
                    }
                }
            }
        }
        if out.is_empty() {
            // unknown modifier + strong verb: bezighouden, plaatsvinden
            let cs: Vec<(usize, char)> = inf.char_indices().collect();
            for &(i, _) in cs.iter().skip(3) {
                let rest = &inf[i..];
                if rest.len() >= 5 && strong::lookup(rest).is_some() {
                    for a in analyses_depth(rest, depth + 1).0 {
                        out.push(a.prefixed(&inf[..i], true));
                    }
                    confident = true;
                    break;
                }
            }
        }
    }
    if confident {
        // keep only analyses that rest on the table (drop weak junk like "verbindde")
        out.retain(|a| !a.weak);
    } else {
        out.push(weak(inf));
    }
    (out, confident)
}

/// Separated finite forms for a separable verb (`opzeggen` → `zeg`, `zegt`, `zei`…).
pub fn separated_forms(inf: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in PARTICLES {
        if let Some(rest) = inf.strip_prefix(p)
            && verb_shaped(rest)
        {
            for a in analyses_depth(rest, 1).0 {
                out.extend(a.pres.iter().cloned());
                out.extend(a.past.iter().cloned());
            }
        }
    }
    out
}

/// A separable verb's particle and base verb (`plaatsvinden` → `plaats`, `vinden`;
/// `aangeven` → `aan`, `geven`), the longest particle first.
pub fn particle_split(inf: &str) -> Option<(&'static str, &str)> {
    PARTICLES
        .iter()
        .filter_map(|p| Some((*p, inf.strip_prefix(p)?)))
        .filter(|(_, rest)| rest.chars().count() >= 3 && verb_shaped(rest))
        .max_by_key(|(p, _)| p.len())
}

/// The finite forms of a verb as it stands in a main clause, apart from a separable
/// particle: present (plural = infinitive) and past.
pub fn finite_forms(inf: &str) -> Vec<String> {
    let mut out = Vec::new();
    for a in analyses_depth(inf, 0).0 {
        out.push(a.inf.clone());
        out.extend(a.pres.iter().cloned());
        out.extend(a.past.iter().cloned());
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every form of a verb lemma.
pub fn verb_forms(inf: &str, out: &mut Vec<String>) {
    let (an, strong_based) = analyses_depth(inf, 0);
    for a in an {
        a.all_forms(out);
    }
    if !strong_based {
        out.extend(generic_participles(inf));
    }
}

/// Participles for an unrecognised separable modifier (`gebruikmaken` →
/// `gebruikgemaakt`): every split into a modifier of ≥ 3 letters and a weak verb of
/// ≥ 5 letters starting with a consonant. Wrong splits yield non-words.
fn generic_participles(inf: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in inf.char_indices().skip(3) {
        let rest = &inf[i..];
        if rest.len() < 5 || is_vowel(c) || !verb_shaped(rest) {
            continue;
        }
        let m = &inf[..i];
        if !m.chars().any(is_vowel) {
            continue;
        }
        for p in weak(rest).prefixed(m, true).participles() {
            if !p.ends_with("en") {
                out.push(format!("{p}e"));
            }
            out.push(p);
        }
    }
    out
}
