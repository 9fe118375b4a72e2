//! `teema lexicon export`: a lexicon in other tools' dictionary formats, with a warning for
//! every entry the format cannot express as teema does.
//!
//! Languages stay apart: a theme with Finnish and Dutch sides becomes one category per side
//! (`after_hours_fi`, `after_hours_nl`), or, with `--lang fi|nl`, one category `after_hours`
//! from that side only; a theme without language sides (read from a `.dic`, `.dicx`, word
//! list or side-less YAML) stays one category. Every weight other than 1 is reported, since
//! neither format has weights.
//!
//! * **LIWC `.dic`**: one category per theme and language. Exact words and prefixes carry over; a lemma becomes every surface
//!   form the morphology backend lists for it; a phrase becomes its words as written (LIWC
//!   matches them exactly, teema as lemmas). Compound heads, regexes and exclusions cannot be
//!   expressed and are left out, each with a warning.
//! * **quanteda YAML** (`dictionary(file = ..., format = "YAML")`): one key per theme with
//!   `fi` and `nl` lists of glob patterns (quanteda reads them as the keys `theme.fi` and
//!   `theme.nl`), or one list for a theme without sides or with `--lang`. Exact words, prefixes (`word*`), compound heads
//!   (`*head`, a suffix glob: compounds in their base form only) and phrases carry over;
//!   lemmas become their listed forms; regexes and exclusions are left out.

use crate::lang::Lang;
use crate::lexicon::{Entry, EntryKind, Lexicon, Role, Side, Theme};
use crate::morph::Morphology;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// An exported dictionary and what could not be expressed.
#[derive(Debug, Clone, Default)]
pub struct Export {
    /// The dictionary text.
    pub text: String,
    /// One line per entry that was left out or changed meaning.
    pub warnings: Vec<String>,
}

fn warn(warnings: &mut Vec<String>, e: &Entry, what: &str) {
    warnings.push(format!("{}: {:?} {what}", e.position, e.written));
}

/// The entries a dictionary format can carry: evidence entries. Topic entries and context
/// words are left out, and a context rule is dropped (the entry then counts everywhere),
/// each with a warning.
fn exportable<'s>(side: &'s Side, warnings: &mut Vec<String>) -> Vec<&'s Entry> {
    let mut out = Vec::new();
    for e in &side.entries {
        match e.role {
            Role::Topic => warn(
                warnings,
                e,
                "left out: a topic entry (the format has no entries that are reported but not scored)",
            ),
            Role::Context => {}
            Role::Evidence => {
                if e.weight != 1.0 {
                    warn(
                        warnings,
                        e,
                        &format!(
                            "exported without its weight {}: the format has no weights, every match counts 1",
                            e.weight
                        ),
                    );
                }
                if e.context.is_some() {
                    warn(
                        warnings,
                        e,
                        "exported without its context rule: it will count everywhere, not only near its context words",
                    );
                }
                out.push(e);
            }
        }
    }
    out
}

/// The surface forms a lemma entry stands for, as far as the backend can list them.
fn lemma_forms(morph: &dyn Morphology, lang: Lang, e: &Entry) -> BTreeSet<String> {
    morph
        .forms(
            lang,
            &e.term,
            crate::morph::InflectionClass::of_hint(lang, e.class.as_deref()).as_ref(),
        )
        .into_iter()
        .chain(e.forms.iter().cloned())
        .collect()
}

/// The categories a theme becomes: `(name, language, side)`. A theme without language sides
/// is one category (its sides are the same); otherwise one per language with entries
/// (`id_fi`, `id_nl`), or only `lang`'s side, named `id`.
fn categories(theme: &Theme, lang: Option<Lang>) -> Vec<(String, Lang, &Side)> {
    if theme.any_language {
        return vec![(theme.id.to_string(), Lang::Fi, theme.side(Lang::Fi))];
    }
    match lang {
        Some(l) => vec![(theme.id.to_string(), l, theme.side(l))],
        None => Lang::ALL
            .into_iter()
            .filter(|&l| theme.side(l).evidence().next().is_some())
            .map(|l| (format!("{}_{}", theme.id, l.code()), l, theme.side(l)))
            .collect(),
    }
}

/// Exports `lexicon` as a LIWC `.dic` dictionary: each theme's languages as categories of
/// their own, or only `lang`'s side.
pub fn to_dic(lexicon: &Lexicon, morph: &dyn Morphology, lang: Option<Lang>) -> Export {
    let mut out = Export::default();
    let mut words: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    out.text.push_str("%\n");
    let mut category = 0;
    for theme in &lexicon.themes {
        for (name, lang, side) in categories(theme, lang) {
            category += 1;
            writeln!(out.text, "{category}\t{name}").expect("writing to a String");
            for e in exportable(side, &mut out.warnings) {
                let mut add = |w: String| {
                    words.entry(w).or_default().insert(category);
                };
                match &e.kind {
                    EntryKind::Exact => add(e.term.clone()),
                    EntryKind::Prefix => add(format!("{}*", e.term)),
                    EntryKind::Lemma => {
                        let forms = lemma_forms(morph, lang, e);
                        if forms.len() == 1 {
                            warn(
                                &mut out.warnings,
                                e,
                                "lemma exported as one exact word: its inflected forms will not match",
                            );
                        }
                        forms.into_iter().for_each(&mut add);
                    }
                    EntryKind::Phrase(ws) => {
                        warn(
                            &mut out.warnings,
                            e,
                            "phrase exported with its words as written: LIWC matches them exactly, not as lemmas",
                        );
                        add(ws.join(" "));
                    }
                    EntryKind::CompoundHead => warn(
                        &mut out.warnings,
                        e,
                        "compound head left out: LIWC has no suffix match",
                    ),
                    EntryKind::Regex(_) => {
                        warn(&mut out.warnings, e, "regex left out: LIWC has none")
                    }
                }
            }
            for e in &side.exclude {
                warn(&mut out.warnings, e, "exclusion left out: LIWC has none");
            }
        }
    }
    out.text.push_str("%\n");
    for (word, cats) in words {
        let cats: Vec<String> = cats.iter().map(ToString::to_string).collect();
        writeln!(out.text, "{word}\t{}", cats.join("\t")).expect("writing to a String");
    }
    out
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// Exports `lexicon` as a quanteda dictionary in YAML: a theme with language sides as a key
/// with `fi` and `nl` lists, or only `lang`'s side as one list; a theme without sides as one
/// list.
pub fn to_yaml(lexicon: &Lexicon, morph: &dyn Morphology, lang: Option<Lang>) -> Export {
    let mut out = Export::default();
    for theme in &lexicon.themes {
        writeln!(out.text, "{}:", theme.id).expect("writing to a String");
        let one_list = theme.any_language || lang.is_some();
        for (_, lang, side) in categories(theme, lang) {
            let mut patterns: BTreeSet<String> = BTreeSet::new();
            for e in exportable(side, &mut out.warnings) {
                match &e.kind {
                    EntryKind::Exact => {
                        patterns.insert(e.term.clone());
                    }
                    EntryKind::Prefix => {
                        patterns.insert(format!("{}*", e.term));
                    }
                    EntryKind::CompoundHead => {
                        warn(
                            &mut out.warnings,
                            e,
                            "compound head exported as a suffix glob: inflected compounds will not match",
                        );
                        patterns.insert(format!("*{}", e.term));
                    }
                    EntryKind::Lemma => {
                        let forms = lemma_forms(morph, lang, e);
                        if forms.len() == 1 {
                            warn(
                                &mut out.warnings,
                                e,
                                "lemma exported as one word: its inflected forms will not match",
                            );
                        }
                        patterns.extend(forms);
                    }
                    EntryKind::Phrase(ws) => {
                        patterns.insert(ws.join(" "));
                    }
                    EntryKind::Regex(_) => warn(
                        &mut out.warnings,
                        e,
                        "regex left out: quanteda dictionaries hold globs",
                    ),
                }
            }
            for e in &side.exclude {
                warn(
                    &mut out.warnings,
                    e,
                    "exclusion left out: quanteda dictionaries have none",
                );
            }
            if patterns.is_empty() {
                if one_list {
                    out.text.push_str("  []\n");
                }
                continue;
            }
            let indent = if one_list {
                "  "
            } else {
                writeln!(out.text, "  {}:", lang.code()).expect("writing to a String");
                "    "
            };
            for p in patterns {
                writeln!(out.text, "{indent}- {}", yaml_str(&p)).expect("writing to a String");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse_source;

    fn lexicon() -> Lexicon {
        let a = "id = \"a\"\nlabel = \"A\"\nversion = \"1\"\n[fi]\nentries = [\"=klo\", \"ylityö*\", \"*vuoro\", '/x+/', \"ei vastannut\", \"ilta\"]\nexclude = [\"iltapäivä\"]\n[nl]\nentries = [{ term = \"borrel*\", weight = 2.0 }]\n";
        let b = "id = \"b\"\nlabel = \"B\"\nversion = \"1\"\n[nl]\nentries = [\"=klo\"]\n";
        let mut themes = parse_source("a.toml", a).unwrap();
        themes.extend(parse_source("b.toml", b).unwrap());
        Lexicon::from_themes(themes).unwrap()
    }

    #[test]
    fn dic_keeps_what_liwc_can_express_and_warns_about_the_rest() {
        let e = to_dic(&lexicon(), &crate::morph::Snowball::default(), None);
        // languages apart: a category per theme and language with entries
        assert_eq!(
            e.text,
            "%\n1\ta_fi\n2\ta_nl\n3\tb_nl\n%\nborrel*\t2\nei vastannut\t1\nilta\t1\nklo\t1\t3\nylityö*\t1\n"
        );
        let w = e.warnings.join("\n");
        assert!(
            w.contains("a.toml:5:31: \"*vuoro\" compound head left out"),
            "{w}"
        );
        assert!(w.contains("\"/x+/\" regex left out"), "{w}");
        assert!(w.contains("\"iltapäivä\" exclusion left out"), "{w}");
        assert!(
            w.contains("a.toml:8:21: \"borrel*\" exported without its weight 2"),
            "{w}"
        );
        // the export loads back as a LIWC dictionary
        let back = parse_source("x.dic", &e.text).unwrap();
        assert_eq!(back.len(), 3);
        // one side only
        let nl = to_dic(
            &lexicon(),
            &crate::morph::Snowball::default(),
            Some(Lang::Nl),
        );
        assert_eq!(nl.text, "%\n1\ta\n2\tb\n%\nborrel*\t1\nklo\t2\n");
        // with generated paradigms, a lemma becomes all its forms
        let e = to_dic(&lexicon(), &crate::morph::Paradigms, None);
        assert!(e.text.contains("\nillalla\t1\n") && e.text.contains("\niltaisin\t1\n"));
        assert!(!e.warnings.iter().any(|w| w.contains("\"ilta\" lemma")));
    }

    #[test]
    fn yaml_has_one_key_per_theme_and_language() {
        let e = to_yaml(&lexicon(), crate::morph::default_backend().as_ref(), None);
        assert!(
            e.text.starts_with("a:\n  fi:\n    - \"*vuoro\"\n"),
            "{}",
            e.text
        );
        assert!(
            e.text
                .contains("  nl:\n    - \"borrel*\"\nb:\n  nl:\n    - \"klo\"\n"),
            "{}",
            e.text
        );
        assert!(e.warnings.iter().any(|w| w.contains("suffix glob")));
        let fi = to_yaml(
            &lexicon(),
            crate::morph::default_backend().as_ref(),
            Some(Lang::Fi),
        );
        assert!(fi.text.starts_with("a:\n  - \"*vuoro\"\n"), "{}", fi.text);
        assert!(fi.text.ends_with("b:\n  []\n"), "{}", fi.text);
        // and it reads back, with the same sides
        let back = parse_source("x.yaml", &e.text).unwrap();
        assert_eq!(back.len(), 2);
        assert!(!back[0].any_language);
        assert_eq!(back[1].side(Lang::Fi).entries.len(), 0);
        assert_eq!(back[1].side(Lang::Nl).entries[0].term, "klo");
    }

    #[test]
    fn a_language_less_theme_stays_one_category() {
        let lex = Lexicon::from_themes(
            parse_source("w.dicx", "DicTerm,stress\nkiire*,X\nhuono,2\n").unwrap(),
        )
        .unwrap();
        let e = to_dic(&lex, &crate::morph::Snowball::default(), None);
        assert_eq!(e.text, "%\n1\tstress\n%\nhuono\t1\nkiire*\t1\n");
        assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
        assert!(
            e.warnings[0].starts_with("w.dicx:3:1: \"huono\" exported without its weight 2"),
            "{:?}",
            e.warnings
        );
        let y = to_yaml(&lex, &crate::morph::Snowball::default(), None);
        assert_eq!(y.text, "stress:\n  - \"huono\"\n  - \"kiire*\"\n");
    }
}
