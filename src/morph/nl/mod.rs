//! Dutch inflected-form generator.
//!
//! Generates, for a Dutch lemma, every surface form that should count as an
//! occurrence of it, so that a lexicon matcher can compile all forms into a hash set
//! and match text with one lookup per token (no run-time lemmatisation).
//!
//! * [`forms`] — all forms of a lemma (nouns: plurals and diminutives; adjectives:
//!   `-e`, comparative, superlative, partitive; verbs: present, past, participles,
//!   present participle, with strong/irregular verbs from a hand-written table and
//!   prefixed/particle verbs derived recursively).
//! * [`guess_class`] — word-class guess from the shape of the lemma.
//! * [`is_compound_of`] — does a token end in a form of a head lemma (solid or
//!   hyphenated compound)?
//!
//! All rules are general Dutch morphology; the only word lists are the hand-written
//! strong-verb table ([`strong`]), a short list of irregular noun plurals
//! ([`nouns`]), suppletive adjectives ([`adjectives`]) and a list of uninflected
//! function words/adverbs (below). Unknown words are handled by over-generation:
//! where a rule is uncertain, all alternatives are produced, since a wrong spelling is
//! almost never a real word of another lemma.

pub mod adjectives;
pub mod nouns;
pub mod spelling;
pub mod strong;
pub mod verbs;

use super::{DutchClass, InflectionClass};
use std::collections::HashSet;

/// Uninflected words (adverbs, prepositions, conjunctions) that only match themselves.
const UNINFLECTED: &[&str] = &[
    "ook",
    "niet",
    "er",
    "nog",
    "al",
    "zo",
    "dan",
    "wel",
    "waar",
    "nu",
    "toch",
    "echter",
    "waarin",
    "zelf",
    "alleen",
    "terug",
    "zelfs",
    "net",
    "hoe",
    "hier",
    "zeer",
    "weer",
    "steeds",
    "opnieuw",
    "daar",
    "ongeveer",
    "eens",
    "nooit",
    "toen",
    "te",
    "pas",
    "gisteren",
    "samen",
    "waarmee",
    "vooral",
    "slechts",
    "maar",
    "daarom",
    "dus",
    "bijna",
    "altijd",
    "even",
    "reeds",
    "vaak",
    "vandaag",
    "straks",
    "meteen",
    "misschien",
    "inmiddels",
    "ooit",
    "nergens",
    "overal",
    "ergens",
    "daarna",
    "daarbij",
    "daarmee",
    "daarvan",
    "daarin",
    "daarop",
    "daardoor",
    "daarvoor",
    "daaruit",
    "daarover",
    "hierbij",
    "hiervan",
    "hierin",
    "hiermee",
    "hiervoor",
    "hierdoor",
    "hierover",
    "hierop",
    "waarbij",
    "waarvan",
    "waarop",
    "waardoor",
    "waarom",
    "waarvoor",
    "waaruit",
    "waarover",
    "wanneer",
    "binnen",
    "buiten",
    "boven",
    "beneden",
    "tegen",
    "tussen",
    "achter",
    "voor",
    "na",
    "naar",
    "van",
    "met",
    "zonder",
    "door",
    "over",
    "onder",
    "sinds",
    "tot",
    "om",
    "uit",
    "aan",
    "bij",
    "in",
    "op",
    "thans",
    "sowieso",
    "soms",
    "zojuist",
    "voortaan",
    "alsnog",
    "anders",
    "wellicht",
    "nauwelijks",
    "helemaal",
    "zelden",
    "vanavond",
    "vannacht",
    "vanmorgen",
    "vanochtend",
    "vanmiddag",
    "toe",
    "heen",
    "mee",
    "af",
    "weg",
    "thuis",
    "voorbij",
    "hierna",
    "minstens",
    "hoogstens",
    "tenminste",
    "tenslotte",
    "ten",
    "geen",
    "wat",
    "iets",
    "niets",
    "alles",
    "iemand",
    "niemand",
    "vervolgens",
    "bovendien",
    "daarentegen",
    "namelijk",
    "immers",
    "evenwel",
    "eveneens",
    "nogal",
    "vrijwel",
    "zowel",
    "zodra",
    "zoals",
    "omdat",
    "zodat",
    "hoewel",
    "terwijl",
    "nadat",
    "voordat",
    "totdat",
    "indien",
    "tenzij",
    "alsof",
    "ofwel",
    "noch",
    "want",
    "doch",
    "dat",
    "of",
    "en",
    "als",
    "mits",
    "jawel",
    "nee",
    "neen",
    "ja",
    "zoveel",
    "evenveel",
    "hoeveel",
    "zover",
    "voorheen",
    "destijds",
    "tevens",
    "ineens",
    "opeens",
    "plots",
    "dikwijls",
    "telkens",
    "nimmer",
    "allang",
    "allemaal",
    "overigens",
    "ofschoon",
    "eerder",
    "weleens",
    "heden",
    "sindsdien",
    "daarheen",
    "rondom",
    "langs",
    "via",
    "per",
    "ondanks",
    "volgens",
    "tijdens",
    "wegens",
    "jegens",
    "behalve",
    "omtrent",
    "vanaf",
    "vanuit",
    "tegenover",
    "naast",
    "binnenkort",
    "daarnaast",
    "intussen",
    "ondertussen",
    "ginds",
    "elders",
    "links",
    "rechts",
    "achteraf",
    "vooraf",
    "omhoog",
    "omlaag",
    "vooruit",
    "achteruit",
    "ervan",
    "erin",
    "erop",
    "ermee",
    "erbij",
    "ervoor",
    "erdoor",
    "eruit",
    "erover",
    "ertoe",
    "eraan",
    "erna",
    "ernaar",
    "trouwens",
    "eerst",
    "de",
    "het",
    "een",
    "die",
    "deze",
    "dit",
    "zij",
    "ze",
    "hij",
    "wij",
    "we",
    "jij",
    "je",
    "u",
    "hun",
    "hen",
    "haar",
    "mijn",
    "jouw",
    "ons",
    "onze",
    "uw",
    "zich",
    "wie",
    "welk",
    "welke",
    "elk",
    "elke",
    "ieder",
    "iedere",
    "beide",
    "ik",
    "me",
    "mij",
    "jou",
    "jullie",
    "hem",
    "men",
    "zulk",
    "zulke",
    "hoeveel",
    "hoezo",
    "zoal",
    "tamelijk",
    "nogmaals",
];

/// Adjective-forming suffixes.
const ADJ_SUFFIXES: &[&str] = &[
    "ig", "lijk", "isch", "baar", "loos", "zaam", "ief", "eel", "air", "ibel", "abel", "end",
    "achtig", "vol", "matig", "waardig", "vrij", "rijk", "arm", "ant", "ent", "iek", "ueel", "aal",
    "ijn", "eus", "ist", "air", "ieel", "ueel", "isch", "lijks", "ische",
];

/// Noun-forming suffixes.
const NOUN_SUFFIXES: &[&str] = &[
    "ing", "heid", "teit", "tie", "sie", "isme", "ist", "schap", "dom", "nis", "ment", "aar",
    "eur", "je", "ie", "age", "ade", "ling", "sel", "ij", "um", "us", "ier", "euse", "ster",
    "trice", "iteit", "ceur", "air", "ant", "ent", "oog", "tuur", "ief", "loog", "graaf", "aat",
];

/// Guess the word class of a lemma from its shape: `"verb"`, `"noun"`, `"adj"`,
/// `"adv"` (uninflected), or `"noun/adj"` when the shape does not decide.
pub fn guess_class(lemma: &str) -> &'static str {
    let w = lemma.to_lowercase();
    let w = w.as_str();
    if UNINFLECTED.contains(&w) || special(w).is_some() {
        return "adv";
    }
    if adjectives::is_irregular(w) {
        return "adj";
    }
    if nouns::is_irregular(w) {
        return "noun";
    }
    if strong::lookup(w).is_some() || verbs::ends_in_strong(w) {
        return "verb";
    }
    if (w.ends_with("en") || w.ends_with("ën"))
        && w.chars().count() >= 4
        && !w.ends_with("een")
        && !w.ends_with("oen")
    {
        return "verb";
    }
    // longest matching derivational suffix decides; ties are ambiguous
    let longest = |list: &[&str]| {
        list.iter()
            .filter(|s| w.ends_with(*s) && w[..w.len() - s.len()].chars().any(spelling::is_vowel))
            .map(|s| s.len())
            .max()
            .unwrap_or(0)
    };
    let (n, a) = (longest(NOUN_SUFFIXES), longest(ADJ_SUFFIXES));
    if n > a {
        "noun"
    } else if a > n {
        "adj"
    } else {
        "noun/adj"
    }
}

/// Closed-class words with a few fixed forms (articles/numerals as lemmas).
fn special(w: &str) -> Option<&'static [&'static str]> {
    const SPECIAL: &[(&str, &[&str])] = &[
        ("al", &["alle", "allen"]),
        ("te", &["ten", "ter"]),
        ("één", &["eerste", "eersten"]),
        ("twee", &["tweede", "tweeën", "tweeen"]),
        ("drie", &["derde", "drieën", "drieen"]),
        ("vier", &["vierde", "vieren"]),
        ("vijf", &["vijfde", "vijven"]),
        ("zes", &["zesde", "zessen"]),
        ("zeven", &["zevende"]),
        ("acht", &["achtste"]),
        ("negen", &["negende"]),
        ("tien", &["tiende", "tientallen"]),
        ("elf", &["elfde"]),
        ("twaalf", &["twaalfde"]),
        ("honderd", &["honderdste", "honderden"]),
        ("duizend", &["duizendste", "duizenden"]),
        ("miljoen", &["miljoenste", "miljoenen"]),
        ("miljard", &["miljardste", "miljarden"]),
    ];
    SPECIAL.iter().find(|(l, _)| *l == w).map(|(_, f)| *f)
}

/// Every surface form (lowercase) that should count as an occurrence of `lemma`,
/// including the lemma itself.
///
/// `hint`: optional class hint ([`DutchClass`]) — `"noun"`, `"verb"`, `"adj"`, `"adv"`
/// (no inflection), `"verb:sep"`/`"sep"` (separable verb; also produce the separated
/// finite forms of the base verb, `opzeggen` → `zegt`), or a strong-verb ablaut
/// pattern `"strong:ij-ee-ee"` (vowels of present, past and participle as written in
/// a closed syllable). `None` = guess with [`guess_class`].
pub fn forms(lemma: &str, hint: Option<&InflectionClass>) -> Vec<String> {
    let w = lemma.trim().to_lowercase();
    let mut out: Vec<String> = vec![w.clone()];
    if w.is_empty() {
        return out;
    }
    let guessed = hint.is_none();
    let guess;
    let class = match hint {
        None => {
            guess = DutchClass::parse(guess_class(&w));
            &guess
        }
        Some(InflectionClass::Dutch(class)) => class,
        Some(_) => &DutchClass::Other,
    };
    if let Some(sp) = special(&w) {
        out.extend(sp.iter().map(|s| s.to_string()));
        return out;
    }
    match class {
        DutchClass::Adverb => {}
        DutchClass::Noun => {
            nouns::noun_forms(&w, &mut out);
            out.extend(linking_variants(&w));
        }
        DutchClass::Adjective => adjectives::adj_forms(&w, &mut out),
        DutchClass::NounOrAdjective => {
            nouns::noun_forms(&w, &mut out);
            adjectives::adj_forms(&w, &mut out);
            out.extend(linking_variants(&w));
        }
        DutchClass::Verb | DutchClass::SeparableVerb => {
            verbs::verb_forms(&w, &mut out);
            if *class == DutchClass::SeparableVerb {
                out.extend(verbs::separated_forms(&w));
            }
            if guessed && strong::lookup(&w).is_none() {
                // -en lemmas may be nouns (keuken, wagen): plural -s and diminutive
                nouns::noun_forms(&w, &mut out);
            }
        }
        DutchClass::Strong(pattern) => match verbs::from_pattern(&w, pattern) {
            Some(p) => p.all_forms(&mut out),
            None => verbs::verb_forms(&w, &mut out),
        },
        DutchClass::Other => {
            nouns::noun_forms(&w, &mut out);
            adjectives::adj_forms(&w, &mut out);
            out.extend(linking_variants(&w));
        }
    }
    // never generate a frequent function word as a form of another lemma, nor a form that
    // is far more often another word (homographs, lexicalised participles)
    let withheld = withheld(&w);
    let mut seen = HashSet::new();
    out.retain(|f| {
        (f == &w || !UNINFLECTED.contains(&f.as_str()) && !withheld.contains(&f.as_str()))
            && seen.insert(f.clone())
    });
    out
}

/// A compound noun written without a linking element may be written with one: the plural
/// `-en` of its first part (`mat|taart` → `mattentaart`, `vrouw|wijding` →
/// `vrouwenwijding`), or `-n` after a schwa (`zede|delinquent` → `zedendelinquent`,
/// `panne|koek` → `pannenkoek`, the spelling since 1995). Without a dictionary the parts
/// are unknown, so every split is tried where the first part (≥ 3 letters) can end a word
/// in a consonant or a schwa and the second (≥ 4 letters) starts with a consonant; wrong
/// splits give non-words. Singular and the regular plural only.
fn linking_variants(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    if w.chars().count() < 8 || !w.chars().all(|c| c.is_alphabetic()) {
        return out;
    }
    let mut whole = vec![w.to_string()];
    whole.extend(nouns::plurals(w).into_iter().take(1));
    for (i, c) in w.char_indices() {
        let (left, right) = w.split_at(i);
        if left.chars().count() < 3
            || right.chars().count() < 4
            || spelling::is_vowel(c)
            || !right.chars().any(spelling::is_vowel)
            || !left.chars().any(spelling::is_vowel)
            || NOT_MODIFIERS.contains(&left)
            || verbs::PARTICLES.contains(&left)
            // (a geminate across the split is fine here: mat|taart)
            || !word_final_ok(left, "")
            // a short first part with an -en plural: not a schwa syllable (-el, -er, -en
            // take -s), and at most two syllables
            || spelling::syllables(left) > 2
            || spelling::schwa_final(left) && !left.ends_with('e')
            || !word_initial_ok(right)
        {
            continue;
        }
        let linked = if left.ends_with('e') && !left.ends_with("ee") && !left.ends_with("ie") {
            vec![format!("{left}n")]
        } else if left.ends_with(|c: char| spelling::is_vowel(c)) {
            continue;
        } else {
            spelling::add_vowel_suffix(left, "en")
        };
        for f in whole.iter().filter(|f| f.starts_with(left)) {
            for l in &linked {
                out.push(format!("{l}{}", &f[i..]));
            }
        }
    }
    out
}

/// Can `w` begin a Dutch word: a vowel, one consonant before a vowel, or a usual onset
/// cluster (`st`, `schr`, `bl`…)?
fn word_initial_ok(w: &str) -> bool {
    const ONSETS: &[&str] = &[
        "bl", "br", "ch", "dr", "dw", "fl", "fr", "gl", "gr", "kl", "kn", "kr", "kw", "pl", "pr",
        "sch", "schr", "sj", "sl", "sm", "sn", "sp", "spl", "spr", "st", "str", "sw", "tj", "tr",
        "tw", "vl", "vr", "wr", "zw",
    ];
    let onset: String = w.chars().take_while(|&c| !spelling::is_vowel(c)).collect();
    onset.chars().count() <= 1 || ONSETS.contains(&onset.as_str())
}

/// Forms that a lemma's paradigm has but that are not counted as that lemma, because in
/// running text they are far more often another word:
/// * homographs of a more frequent word: `begin` is mostly the noun, not `beginnen`'s
///   first person; `leden` is `lid`'s plural and `geleden` the adverb "ago", not forms of
///   `lijden`; `vraag` is mostly the noun "question", not `vragen`'s first person; `geld`
///   the noun "money", not `gelden`'s stem; `wilde(n)` is `willen`'s past more than the
///   adjective `wild`; `gebruiken` the verb more than the plural of `gebruik` "custom";
///   `middels` the preposition "by means of" more than a plural of `middel`; `spelen` the
///   verb more than `spel`'s plural; `aanval` and `raad` the nouns "attack", "council"
///   rather than the stems of `aanvallen`, `raden`; `geluid` the noun "sound", not the
///   participle of `luiden`; `ronde` the noun "round" more than `rond` inflected;
///   `oudere(n)` forms of `oud`, not of the noun `ouder` "parent";
/// * present participles that are lexicalised adjectives with a meaning of their own
///   (`voldoende` "sufficient", `verschillend` "various", `uitstekend` "excellent",
///   `spannend` "exciting", `dringend` "urgent").
fn withheld(lemma: &str) -> &'static [&'static str] {
    const WITHHELD: &[(&str, &[&str])] = &[
        ("beginnen", &["begin"]),
        ("lijden", &["leden", "geleden"]),
        ("vragen", &["vraag"]),
        ("middel", &["middels"]),
        ("gelden", &["geld"]),
        ("wild", &["wilde", "wilden"]),
        ("gebruik", &["gebruiken"]),
        ("spel", &["spelen"]),
        ("aanvallen", &["aanval"]),
        ("raden", &["raad"]),
        ("luiden", &["geluid"]),
        ("rond", &["ronde", "ronden"]),
        ("ouder", &["oudere", "ouderen"]),
        ("voldoen", &["voldoend", "voldoende", "voldoenden"]),
        (
            "verschillen",
            &["verschillend", "verschillende", "verschillenden"],
        ),
        ("uitsteken", &["uitstekend", "uitstekende"]),
        ("spannen", &["spannend", "spannende"]),
        ("dringen", &["dringend", "dringende"]),
    ];
    WITHHELD
        .iter()
        .find(|(l, _)| *l == lemma)
        .map_or(&[], |(_, f)| f)
}

/// Verbs whose finite forms do not give way to a separable verb at the end of a clause.
const COPULAS: &[&str] = &["zijn", "worden"];

/// For a separable verb lemma (`plaatsvinden`): its particle and the finite forms of its
/// base verb (`vindt`, `vond`…), which stand apart from the particle in a main clause.
pub fn separable(lemma: &str) -> Option<(String, Vec<String>)> {
    if guess_class(lemma) != "verb" {
        return None;
    }
    let (particle, base) = verbs::particle_split(lemma)?;
    Some((particle.to_string(), verbs::finite_forms(base)))
}

/// The finite forms of a verb lemma (empty for other words). Empty too for the copula and
/// passive auxiliary `zijn` and `worden`: a particle-like word ending their clause is a
/// predicate or an adverb (`het is op`, `werd … opgericht door`), not part of a separable
/// verb, and `zijn` is as often the possessive pronoun.
pub fn finite_forms(lemma: &str) -> Vec<String> {
    if guess_class(lemma) != "verb" || UNINFLECTED.contains(&lemma) || COPULAS.contains(&lemma) {
        return Vec::new();
    }
    verbs::finite_forms(lemma)
}

/// Whether `word` is an adverbial particle that, at the end of a clause, belongs to the
/// clause's verb (`komt … aan`, `geeft … op`), not an adjective or noun particle (`goed`,
/// `plaats`) that may just be the clause's last word.
pub fn is_particle(word: &str) -> bool {
    verbs::PREP_PARTICLES.contains(&word)
}

/// Whether `word` opens what follows a main clause's separated particle: a new clause
/// (`… gaf toe dat …`, `… en …`) or a prepositional phrase moved after it (`hangt af van`,
/// `droeg bij aan`). The word before it may then be the particle.
pub fn after_particle(word: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "van", "met", "aan", "op", "in", "bij", "voor", "tot", "naar", "uit", "over", "door",
        "tegen", "zonder", "tussen", "na", "sinds", "tijdens", "vanaf", "dan", "om", "als",
    ];
    opens_clause(word) || PREPOSITIONS.contains(&word)
}

/// Whether `word` starts a new clause (a conjunction or subordinator), so that a particle
/// after it belongs to another verb.
pub fn opens_clause(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "en", "maar", "of", "want", "dat", "omdat", "toen", "terwijl", "zodat", "nadat", "voordat",
        "doordat", "hoewel", "zoals", "wanneer",
    ];
    OPENERS.contains(&word)
}

/// Derivational prefixes that do not count as compound modifiers (`ver` + `delen`,
/// `inter` + `nationale`), and the contracted name particles of surnames (`Vandersteen`).
const NOT_MODIFIERS: &[&str] = &[
    "ver", "ont", "her", "mis", "be", "ge", "er", "on", "te", "oer", "inter", "vander", "vanden",
];

/// The forms of `lemma` that may stand after a modifier in a compound. A verb appears
/// inside a compound only as a nominal infinitive (`hardlopen`, `wachtlopen`), never as a
/// finite form (`wedstrijd` is no compound of `rijden`, `natuurlijk` none of `lijken`), so
/// for verbs only infinitive-like forms are kept; other words keep all their forms.
pub fn compound_forms(lemma: &str, hint: Option<&InflectionClass>) -> Vec<String> {
    let all = forms(lemma, hint);
    let set: HashSet<&str> = all.iter().map(String::as_str).collect();
    let is_verb_set = is_verb_set(&set);
    if !is_verb_set {
        return all;
    }
    let inf_like = |x: &str| set.contains(format!("{x}d").as_str());
    // a participle in `ge-` ends particle verbs (`aan|gelegd`, `uit|gevoerde`) and
    // adjectival compounds (`hand|geschreven`); its prefix keeps it from being mistaken
    // for the end of a noun
    let w = lemma.trim().to_lowercase();
    let participle = |h: &str| {
        h.starts_with("ge")
            && !w.starts_with("ge")
            && ["d", "t", "de", "te", "en", "ene"]
                .iter()
                .any(|e| h.ends_with(e))
    };
    // the present participle ends adjectival compounds (`pijn|stillend`) and particle
    // verbs (`voor|gaande`)
    let present_participle = |h: &str| {
        h.strip_suffix("de")
            .or_else(|| h.strip_suffix('d'))
            .and_then(|x| x.strip_suffix('n'))
            .is_some_and(|x| set.contains(format!("{x}nd").as_str()) && inf_like(&format!("{x}n")))
    };
    all.iter()
        .filter(|h| {
            inf_like(h)
                || present_participle(h)
                || h.strip_suffix('s').is_some_and(inf_like)
                || !set.contains(format!("{h}d").as_str()) && h.ends_with("je")
                || participle(h)
        })
        .cloned()
        .collect()
}

/// Whether a form set is a verb's: it holds an infinitive in `-n` and its present
/// participle in `-nd` (`lopen`/`lopend`, `gaan`/`gaand`, `doen`/`doend`).
fn is_verb_set(set: &HashSet<&str>) -> bool {
    set.iter().any(|f| {
        f.len() > 3
            && f.ends_with("nd")
            && f[..f.len() - 1].chars().count() >= 3
            && set.contains(&f[..f.len() - 1])
    })
}

/// Whether `modifier` + `head` (a surface form of a head lemma) is a plausible compound
/// split, by the same rules as [`is_compound_of`] minus the check that needs the head's
/// whole form set. Used by the matcher, which looks heads up in one index for all entries.
pub fn split_ok(modifier: &str, h: &str) -> bool {
    if let Some(m) = modifier.strip_suffix('-') {
        return m.chars().any(|c| c.is_alphanumeric());
    }
    let m = modifier;
    if lexicalised(m, h) || suffix_head(h) || never_head(h) {
        return false;
    }
    // a particle takes no linking -s (`oms|treden` is `om|streden`), and a modifier ending
    // in the prefix ge- after a consonant leaves a prefixed word, not the head verb
    // (`mandaat|gebieden`, not `mandaatge|bieden`)
    if m.strip_suffix('s')
        .is_some_and(|p| verbs::PARTICLES.contains(&p))
    {
        return false;
    }
    if m.len() > 3
        && m.ends_with("ge")
        && !m[..m.len() - 2].ends_with(|c: char| spelling::is_vowel(c))
        && looks_verbal(h)
    {
        return false;
    }
    // nor does a linking -s stand before an unstressed prefix (betalings|verkeer, not
    // betalingsver|keer)
    if ["sver", "sbe", "sge", "sont", "sher"]
        .iter()
        .any(|p| m.len() > p.len() && m.ends_with(p))
    {
        return false;
    }
    let letters = m.chars().filter(|c| c.is_alphabetic()).count();
    let hl = h.chars().count();
    if verbs::PARTICLES.contains(&m) {
        if hl >= 3 && looks_verbal(h) {
            return true;
        }
        if verbs::PREP_PARTICLES.contains(&m) {
            return false;
        }
    }
    letters >= 3
        && hl >= 4
        && m.chars().any(spelling::is_vowel)
        && !NOT_MODIFIERS.contains(&m)
        && !ends_in_short_vowel(m)
        && !(ends_in_vowel(m) && h.starts_with(|c: char| spelling::is_vowel(c)))
        && word_final_ok(m, h)
}

/// Lexicalised words that look like compounds but whose last part is not what they are:
/// an adverb or a preposition (`bijvoorbeeld`, `bijgevolg`, `allemaal`, `vandaar`), a
/// noun whose meaning is not a kind of its last part (`voorbeeld`, `denkbeeld`,
/// `hoofdstuk`, `ziekenhuis`, `wedstrijd`, `antwoord`, `oorzaak`, `leeftijd`,
/// `merendeel`), names of days and countries (`zondag`, `Duitsland`), and multiplicatives
/// (`driemaal`, `meermaals`: the suffix `-maal`, not the noun "meal"). `m` is the
/// modifier, `h` the rest of the word. The nouns and names are themselves heads of longer
/// compounds (`openings|wedstrijd`, `kinder|ziekenhuis`, `as|woensdag`), so their first
/// part may end a longer modifier.
fn lexicalised(m: &str, h: &str) -> bool {
    // (first parts, last parts, whether the word may itself end a compound)
    const WORDS: &[(&[&str], &[&str], bool)] = &[
        (&["voor", "denk"], &["beeld"], true),
        (&["bijvoor", "tegenvoor"], &["beeld"], false),
        (&["hoofd"], &["stad", "sted", "stuk"], true),
        (&["zieken"], &["huis", "huiz"], true),
        (&["wed"], &["strijd"], true),
        (&["leef"], &["tijd"], true),
        (&["tegelijker", "des"], &["tijd"], false),
        (&["van"], &["daar", "daag"], false),
        (&["week"], &["eind"], true),
        (&["bij"], &["gevolg"], false),
        (&["ant"], &["woord"], true),
        (&["oor"], &["zaak", "zake"], true),
        (
            &["meren", "bestand", "onder", "aan", "voor", "na"],
            &["deel", "delen"],
            false,
        ),
        (
            &[
                "duits", "enge", "neder", "grieken", "fin", "ier", "ijs", "rus", "zwitser", "noor",
                "schot", "thai", "oost",
            ],
            &["land"],
            false,
        ),
        (
            &["maan", "dins", "woens", "donder", "vrij", "zater", "zon"],
            &["dag"],
            true,
        ),
        (
            &[
                "alle", "hele", "nor", "abnor", "een", "twee", "drie", "vier", "vijf", "tien",
                "honderd", "duizend", "veel", "vele", "meer", "nog", "ander", "zoveel",
            ],
            &["maal", "male"],
            false,
        ),
    ];
    WORDS.iter().any(|(mods, heads, nested)| {
        heads.iter().any(|x| h.starts_with(x))
            && mods.iter().any(|x| m == *x || *nested && m.ends_with(x))
    })
}

/// Words that never end a compound: the pronoun-like `ander` (`tegenst|ander` is
/// `tegenstand|er`) and the superlatives of few and many (`aller|minst`).
fn never_head(h: &str) -> bool {
    h.starts_with("ander") || h.starts_with("minst") || h.starts_with("meest")
}

/// Last parts that are derivational suffixes rather than words: `-matig` (`regelmatig`,
/// `kunstmatig`), `-voudig` (`eenvoudig`, `meervoudig`), the feminine agent `-ster` (`woordvoerster`, plural `-sters`; a star is
/// `ster`, plural `sterren`, which still ends compounds) and the agent `-aar` (`leraar`,
/// `tekenaars`).
fn suffix_head(h: &str) -> bool {
    h.starts_with("matig")
        || h.starts_with("voudig")
        || matches!(h, "ster" | "sters" | "aar" | "aars" | "aren")
}

/// True if `token` is `head` in some inflection (a member of `head_forms`), or a
/// compound ending in such a form with a modifier of at least 3 letters
/// (`internetabonnement`, `klantenservicemedewerkers`), optionally hyphenated
/// (`e-mailadres`, `KPN-storing`). Pure derivational prefixes (`ver-`, `ont-`, …)
/// are not accepted as modifiers.
#[cfg(test)]
pub fn is_compound_of(token: &str, head_forms: &HashSet<String>) -> bool {
    let t = token.to_lowercase();
    if head_forms.contains(&t) {
        return true;
    }
    // A verb's form set contains infinitive + `d` (present participle). Inside a
    // compound with a non-particle modifier, a verb only appears as a nominal
    // infinitive (`hardlopen`), never as a finite form (`tract|aten`, `bete|kent`).
    let is_verb_set = is_verb_set(&head_forms.iter().map(String::as_str).collect());
    let nominal_ok = |h: &str| -> bool {
        if !is_verb_set {
            return true;
        }
        let inf_like = |x: &str| head_forms.contains(&format!("{x}d"));
        inf_like(h)
            || h.strip_suffix('s').is_some_and(inf_like)
            || !head_forms.contains(&format!("{h}d")) && h.ends_with("je")
    };
    for (i, _) in t.char_indices() {
        if i == 0 {
            continue;
        }
        let (m, h) = t.split_at(i);
        if !head_forms.contains(h) {
            continue;
        }
        // the matcher's rule, plus the check that needs the head's whole form set
        let particle_verb =
            verbs::PARTICLES.contains(&m) && h.chars().count() >= 3 && looks_verbal(h);
        if split_ok(m, h) && (particle_verb || m.ends_with('-') || nominal_ok(h)) {
            return true;
        }
    }
    false
}

/// Verb forms that follow a separable particle inside a word: participles,
/// infinitives and plural/past forms.
fn looks_verbal(h: &str) -> bool {
    h.starts_with("ge")
        || ["en", "an", "de", "te", "end", "ende"]
            .iter()
            .any(|s| h.ends_with(s))
            // a superlative, not a past tense (voor|naamste)
            && !h.ends_with("ste")
}

/// Can `m` end a Dutch word, given that `h` follows? Rejects endings Dutch spelling
/// never has (`-v`, `-z`, bare `-c`/`-h`/`-j`, a final long vowel written double as in
/// `waa|ronder`, obstruent + l/r as in `gebr|acht`), a bare
/// participle prefix (`geh|ouden`, `get|allen`), and a split through a spelling
/// geminate after a short vowel (`heb|ben`, `mid|delen`).
fn word_final_ok(m: &str, h: &str) -> bool {
    let cs: Vec<char> = m.chars().collect();
    let n = cs.len();
    let last = cs[n - 1];
    let prev = if n >= 2 { cs[n - 2] } else { ' ' };
    if matches!(last, 'v' | 'z' | 'q')
        || (last == 'c' && !m.ends_with("ic"))
        || m.ends_with("aa")
        || m.ends_with("oo")
        || m.ends_with("uu")
        || (last == 'h' && prev != 'c')
        || (last == 'j' && prev != 'i')
    {
        return false;
    }
    if matches!(last, 'l' | 'r') && "bdgkptfvszchwj".contains(prev) {
        return false;
    }
    if (m.starts_with("ge") || m.starts_with("be")) && !m[2..].chars().any(spelling::is_vowel) {
        return false;
    }
    let short_before =
        n >= 3 && matches!(prev, 'a' | 'e' | 'i' | 'o' | 'u') && !spelling::is_vowel(cs[n - 3]);
    if short_before && n <= 4 && !spelling::is_vowel(last) && h.starts_with(last) {
        return false;
    }
    // nor through the geminate before an unstressed -el of a longer word
    // (geneesmid|delen is genees|middelen)
    let mut hc = h.chars();
    if short_before
        && !spelling::is_vowel(last)
        && hc.next() == Some(last)
        && hc.next() == Some('e')
        && hc.next() == Some('l')
    {
        return false;
    }
    true
}

/// Vowel-final modifier before a vowel-initial head would need a hyphen
/// (`zee-egel`), so a solid `kle|uren` is not a compound.
fn ends_in_vowel(m: &str) -> bool {
    m.chars().last().is_some_and(spelling::is_vowel)
}

/// A word cannot end in a short single vowel (`gebro|ken`, `afgebro|ken`); schwa `e`
/// and vowel groups are fine.
fn ends_in_short_vowel(m: &str) -> bool {
    let cs: Vec<char> = m.chars().collect();
    let n = cs.len();
    n >= 2 && matches!(cs[n - 1], 'a' | 'i' | 'o' | 'u') && !spelling::is_vowel(cs[n - 2])
}

#[cfg(test)]
mod tests;
