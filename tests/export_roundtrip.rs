//! Exporting to LIWC `.dic` or quanteda YAML and importing the result gives the same matches
//! on the corpus samples, for the entries the format can express (exact words and prefixes;
//! in YAML also compound heads and phrases), with the languages kept apart.

mod common;

use teema::analyse::{AnalyseOptions, Analyser};
use teema::lang::{Detector, Lang};
use teema::lexicon::{Entry, EntryKind, Lexicon, Role, Side, parse_source};
use teema::lexicon_tools::export::{to_dic, to_yaml};
use teema::matcher::Matcher;

/// The shipped lexicons reduced to the entry kinds in `kinds`, each language on its own
/// side: evidence entries only (export leaves topic entries out, and context words are no
/// entries), without their context rules and exclusions (export drops them).
fn expressible(kinds: fn(&EntryKind) -> bool) -> Lexicon {
    let mut lex = Lexicon::builtin().unwrap();
    for theme in &mut lex.themes {
        for side in &mut theme.sides {
            let entries: Vec<_> = side
                .entries
                .iter()
                .filter(|e| kinds(&e.kind))
                .filter(|e| e.role == Role::Evidence)
                .map(|e| Entry {
                    context: None,
                    weight: 1.0,
                    ..e.clone()
                })
                .collect();
            *side = Side {
                entries,
                ..Side::default()
            };
        }
    }
    lex
}

fn hits(matcher: &Matcher, bytes: &[u8], lang: Lang) -> Vec<(String, u64)> {
    let detector = Detector::default();
    let options = AnalyseOptions {
        lang: Some(lang),
        ..AnalyseOptions::default()
    };
    let doc = Analyser::new(matcher, &detector, options)
        .analyse("x".into(), bytes)
        .unwrap();
    doc.themes
        .iter()
        .map(|(id, s)| (id.to_string(), s.hits))
        .collect()
}

fn compare(a: &Matcher, b: &Matcher, langs: &[Lang]) -> u64 {
    let mut total = 0;
    for path in common::sample_files() {
        // Compressed samples repeat plain ones, and are decompressed by the reader only.
        if matches!(path.extension(), Some(e) if e == "gz" || e == "zst") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for &lang in langs {
            let (ha, hb) = (hits(a, &bytes, lang), hits(b, &bytes, lang));
            assert_eq!(ha, hb, "{} [{lang}]", path.display());
            total += ha.iter().map(|(_, h)| h).sum::<u64>();
        }
    }
    total
}

#[test]
fn dic_export_reimports_with_the_same_matches() {
    // one language at a time (`--lang`): the categories keep the theme ids
    let original = expressible(|k| matches!(k, EntryKind::Exact | EntryKind::Prefix));
    let morph = teema::morph::default_backend();
    let a = Matcher::new(original.clone(), teema::morph::default_backend());
    let mut total = 0;
    for lang in Lang::ALL {
        let export = to_dic(&original, morph.as_ref(), Some(lang));
        let reimported =
            Lexicon::from_themes(parse_source("export.dic", &export.text).unwrap()).unwrap();
        let b = Matcher::new(reimported, teema::morph::default_backend());
        total += compare(&a, &b, &[lang]);
    }
    assert!(
        total > 10,
        "the comparison must cover real matches, found {total}"
    );
}

#[test]
fn dic_export_keeps_the_languages_apart() {
    // Without --lang each theme becomes THEME_fi and THEME_nl: on text read as Finnish, the
    // THEME_fi categories find what the Finnish side finds and THEME_nl nothing more than
    // the Dutch side would (a Dutch entry no longer adds to the Finnish theme).
    let original = expressible(|k| matches!(k, EntryKind::Exact | EntryKind::Prefix));
    let morph = teema::morph::default_backend();
    let export = to_dic(&original, morph.as_ref(), None);
    let reimported =
        Lexicon::from_themes(parse_source("export.dic", &export.text).unwrap()).unwrap();
    // a category per theme and language that has entries to export
    let sides: usize = original
        .themes
        .iter()
        .map(|t| t.sides.iter().filter(|s| !s.entries.is_empty()).count())
        .sum();
    assert_eq!(reimported.themes.len(), sides);
    let a = Matcher::new(original, teema::morph::default_backend());
    let b = Matcher::new(reimported, teema::morph::default_backend());
    let mut total = 0;
    for path in common::sample_files() {
        if matches!(path.extension(), Some(e) if e == "gz" || e == "zst") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for lang in Lang::ALL {
            let ha = hits(&a, &bytes, lang);
            let hb = hits(&b, &bytes, lang);
            for (id, h) in &ha {
                let name = format!("{id}_{lang}");
                let got = hb.iter().find(|(i, _)| *i == name).map_or(0, |(_, h)| *h);
                assert_eq!(got, *h, "{name}: {} [{lang}]", path.display());
                total += h;
            }
        }
    }
    assert!(total > 10, "found {total}");
}

#[test]
fn yaml_export_reimports_with_the_same_matches() {
    // both languages in one file: a key per theme with `fi` and `nl` lists
    let original = expressible(|k| {
        matches!(
            k,
            EntryKind::Exact | EntryKind::Prefix | EntryKind::CompoundHead | EntryKind::Phrase(_)
        )
    });
    let morph = teema::morph::default_backend();
    let export = to_yaml(&original, morph.as_ref(), None);
    let reimported =
        Lexicon::from_themes(parse_source("export.yaml", &export.text).unwrap()).unwrap();
    let a = Matcher::new(original, teema::morph::default_backend());
    let b = Matcher::new(reimported, teema::morph::default_backend());
    let total = compare(&a, &b, &Lang::ALL);
    assert!(
        total > 10,
        "the comparison must cover real matches, found {total}"
    );
}
