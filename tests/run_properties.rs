//! Properties of whole runs over generated folders (documents made of the built-in
//! lexicons' own words and filler, so that hits occur): the summary's totals are the sums
//! over the documents and it accounts for every input; `--threads 1` and `--threads 2` give
//! the same bytes; a folder's report is its files' reports one by one, and their summaries
//! merged are the folder's summary. Runs go through the library (`teema::run`), a case
//! costing a few runs of the compiled lexicons.

use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;
use teema::{Config, Format, Lang, Lexicon, Silent, Summary};

mod common;
use common::accounts;

/// Words of the built-in lexicons (entries but regexes, as the matcher stores them).
static WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let lexicon = Lexicon::builtin().unwrap();
    let mut words: Vec<String> = lexicon
        .themes
        .iter()
        .flat_map(|t| [t.side(Lang::Fi), t.side(Lang::Nl)])
        .flat_map(|side| side.entries.iter())
        .filter(|e| !e.written.starts_with('/') && !e.term.is_empty())
        .map(|e| e.term.clone())
        .collect();
    words.sort();
    words.dedup();
    assert!(words.len() > 100, "{} words", words.len());
    words
});

const FILLER: &[&str] = &[
    "ja",
    "että",
    "on",
    "ei",
    "en",
    "taas",
    "tänään",
    "mutta",
    "de",
    "het",
    "een",
    "niet",
    "en",
    "maar",
    "vandaag",
    "weer",
    "\n",
    ".",
    ",",
    "!",
    "?",
    "\n\n",
    "Vastaa",
    "Lainaa",
    "12.3.2024 19:42",
    "> lainaus",
    "Jan schreef:",
];

/// A document: pieces from the lexicons' words (picked by index) and filler.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        2 => any::<prop::sample::Index>().prop_map(|i| i.get(&WORDS).clone()),
        3 => prop::sample::select(FILLER).prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

/// A folder of 1 to 6 documents, some in a subfolder.
fn folder() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(document(), 1..7)
}

fn write_folder(dir: &Path, docs: &[String]) -> Vec<String> {
    let mut paths = Vec::new();
    for (i, text) in docs.iter().enumerate() {
        let rel = if i % 3 == 2 {
            format!("sub/doc{i}.txt")
        } else {
            format!("doc{i}.txt")
        };
        let path = dir.join(&rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        paths.push(path.display().to_string());
    }
    paths
}

/// Runs `paths` with `format` on `threads` threads; the report's bytes and the summary.
fn run(paths: &[String], format: Format, threads: usize, evidence: bool) -> (Vec<u8>, Summary) {
    let mut config = Config::default();
    config.input.paths = paths.iter().map(Into::into).collect();
    config.report.format = format;
    config.report.evidence = evidence;
    config.threads = threads;
    let mut out = Vec::new();
    let summary = teema::run(&config, &mut out, &mut Silent).unwrap();
    (out, summary)
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("a count, not {v}"))
}

proptest! {
    // each case is a few runs, each compiling the lexicons: few cases, kept cheap for CI
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn summary_totals_are_the_sums_over_the_documents(docs in folder()) {
        let dir = tempfile::tempdir().unwrap();
        write_folder(dir.path(), &docs);
        let root = vec![dir.path().display().to_string()];
        let (out, _) = run(&root, Format::Json, 1, false);
        let report: Value = serde_json::from_slice(&out).unwrap();
        let summary = &report["summary"];
        let documents = report["documents"].as_array().unwrap();
        prop_assert_eq!(accounts(summary), (docs.len() as u64, docs.len() as u64, 0, 0));
        for field in ["tokens", "wc", "sentences", "bytes"] {
            let sum: u64 = documents.iter().map(|d| n(&d[field])).sum();
            prop_assert_eq!(sum, n(&summary[field]), "{}", field);
        }
        let short = documents.iter().filter(|d| d["short"] == true).count() as u64;
        prop_assert_eq!(short, n(&summary["short"]));
        for (id, theme) in summary["themes"].as_object().unwrap() {
            for field in ["hits", "topic_hits", "negated"] {
                let sum: u64 = documents.iter().map(|d| n(&d["themes"][id][field])).sum();
                prop_assert_eq!(sum, n(&theme[field]), "{}.{}", id, field);
            }
            let with = documents.iter().filter(|d| n(&d["themes"][id]["hits"]) > 0).count();
            prop_assert_eq!(with as u64, n(&theme["documents_with_hits"]));
            let score: f64 = documents.iter().map(|d| d["themes"][id]["score"].as_f64().unwrap()).sum();
            prop_assert!((score - theme["score"].as_f64().unwrap()).abs() < 1e-6);
        }
        // parts: segments, tokens and hits per kind add up too
        let mut parts: BTreeMap<String, (u64, u64, BTreeMap<String, u64>)> = BTreeMap::new();
        for d in documents {
            for (kind, p) in d["parts"].as_object().unwrap() {
                let t = parts.entry(kind.clone()).or_default();
                t.0 += n(&p["segments"]);
                t.1 += n(&p["tokens"]);
                for (id, s) in p["themes"].as_object().unwrap() {
                    *t.2.entry(id.clone()).or_default() += n(&s["hits"]);
                }
            }
        }
        let in_summary = summary["parts"].as_object().unwrap();
        prop_assert_eq!(parts.len(), in_summary.len());
        for (kind, (segments, tokens, hits)) in &parts {
            let p = &in_summary[kind];
            prop_assert_eq!(*segments, n(&p["segments"]), "{}", kind);
            prop_assert_eq!(*tokens, n(&p["tokens"]), "{}", kind);
            for (id, h) in hits {
                prop_assert_eq!(*h, n(&p["themes"][id]["hits"]), "{}.{}", kind, id);
            }
        }
    }

    #[test]
    fn one_thread_and_two_give_the_same_bytes(docs in folder()) {
        let dir = tempfile::tempdir().unwrap();
        write_folder(dir.path(), &docs);
        let root = vec![dir.path().display().to_string()];
        for (format, evidence) in [(Format::Json, true), (Format::Ndjson, false), (Format::Csv, false)] {
            let (one, _) = run(&root, format, 1, evidence);
            let (two, _) = run(&root, format, 2, evidence);
            prop_assert!(one == two, "{:?}: --threads 1 and 2 differ", format);
        }
    }

    #[test]
    fn a_folder_is_its_files_one_by_one_merged(docs in folder()) {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = write_folder(dir.path(), &docs);
        paths.sort();
        let (out, folder_summary) = run(&paths, Format::Json, 2, true);
        let whole: Value = serde_json::from_slice(&out).unwrap();
        let mut merged: Option<Summary> = None;
        for (i, path) in paths.iter().enumerate() {
            let (out, summary) = run(std::slice::from_ref(path), Format::Json, 1, true);
            let alone: Value = serde_json::from_slice(&out).unwrap();
            prop_assert_eq!(&alone["documents"][0], &whole["documents"][i]);
            match &mut merged {
                None => merged = Some(summary),
                Some(m) => m.merge(&summary),
            }
        }
        let merged = serde_json::to_value(merged.unwrap()).unwrap();
        prop_assert_eq!(&merged, &whole["summary"]);
        prop_assert_eq!(merged, serde_json::to_value(&folder_summary).unwrap());
    }
}

/// The generator makes hits: over a fixed sample of its folders, most documents of some
/// length have at least one (else the properties above would hold trivially).
#[test]
fn generated_documents_have_hits() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<String> = (0..20)
        .map(|_| {
            let mut d = document().new_tree(&mut runner).unwrap().current();
            d.push_str(" ylityö kiire werkdruk ");
            d
        })
        .collect();
    write_folder(dir.path(), &docs);
    let (out, _) = run(&[dir.path().display().to_string()], Format::Json, 1, false);
    let report: Value = serde_json::from_slice(&out).unwrap();
    let with_hits = report["summary"]["themes"]
        .as_object()
        .unwrap()
        .values()
        .map(|t| n(&t["hits"]))
        .sum::<u64>();
    assert!(with_hits >= 20, "{with_hits} hits in 20 documents");
}
