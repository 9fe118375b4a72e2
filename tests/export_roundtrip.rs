//! Exporting to LIWC `.dic` and importing the result gives the same matches on the corpus
//! samples, for the entries the format can express (exact words and prefixes).

mod common;

use teema::analyse::{AnalyseOptions, Analyser};
use teema::lang::{Detector, Lang};
use teema::lexicon::{Entry, EntryKind, Lexicon, Role, Side, parse_source};
use teema::lexicon_tools::export::to_dic;
use teema::matcher::Matcher;

/// The shipped lexicons reduced to what `.dic` expresses, with both languages' entries on
/// both sides (a `.dic` file has no languages): evidence entries only (export leaves topic
/// entries out, and context words are no entries), without their context rules (export drops
/// them).
fn expressible() -> Lexicon {
    let mut lex = Lexicon::builtin().unwrap();
    for theme in &mut lex.themes {
        let entries: Vec<_> = theme
            .sides
            .iter()
            .flat_map(|s| s.entries.iter())
            .filter(|e| matches!(e.kind, EntryKind::Exact | EntryKind::Prefix))
            .filter(|e| e.role == Role::Evidence)
            .map(|e| Entry {
                context: None,
                ..e.clone()
            })
            .collect();
        let side = Side {
            entries,
            ..Side::default()
        };
        theme.sides = [side.clone(), side];
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

#[test]
fn dic_export_reimports_with_the_same_matches() {
    let original = expressible();
    let morph = teema::morph::default_backend();
    let export = to_dic(&original, morph.as_ref());
    let reimported =
        Lexicon::from_themes(parse_source("export.dic", &export.text).unwrap()).unwrap();
    let a = Matcher::new(original, teema::morph::default_backend());
    let b = Matcher::new(reimported, teema::morph::default_backend());
    let mut total = 0;
    for path in common::sample_files() {
        // Compressed samples repeat plain ones, and are decompressed by the reader only.
        if matches!(path.extension(), Some(e) if e == "gz" || e == "zst") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for lang in Lang::ALL {
            let (ha, hb) = (hits(&a, &bytes, lang), hits(&b, &bytes, lang));
            assert_eq!(ha, hb, "{} [{lang}]", path.display());
            total += ha.iter().map(|(_, h)| h).sum::<u64>();
        }
    }
    assert!(
        total > 10,
        "the comparison must cover real matches, found {total}"
    );
}
