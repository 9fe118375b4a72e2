//! Dictionaries from anywhere, end to end through `teema analyse`: a LIWC-22 `.dicx` with
//! weights, a LIWC2007 `.dic` with conditional entries, a plain word list, quanteda YAML,
//! each on text written for the test with hand-counted results; and parity with the Python
//! `liwc` package on the exported `.dic`.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use teema::analyse::{AnalyseOptions, Analyser};
use teema::lang::{Detector, Lang};
use teema::lexicon::{Lexicon, parse_source};
use teema::matcher::Matcher;

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

/// Runs `teema analyse` and returns the one document's themes as `{theme: (hits, score)}`
/// with its language.
fn analyse(
    text_path: &Path,
    lexicon: &Path,
    extra: &[&str],
) -> (String, BTreeMap<String, (u64, f64)>) {
    let out = teema()
        .arg("analyse")
        .arg(text_path)
        .arg("--lexicon")
        .arg(lexicon)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &v["documents"][0];
    let themes = doc["themes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, t)| {
            (
                k.clone(),
                (t["hits"].as_u64().unwrap(), t["score"].as_f64().unwrap()),
            )
        })
        .collect();
    (doc["lang"].as_str().unwrap().to_string(), themes)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn dicx_with_weights() {
    let dir = tempfile::tempdir().unwrap();
    // LIWC-22's CSV: the entry column, then a column per category; X or a weight
    let dicx = write(
        dir.path(),
        "stress.dicx",
        "DicTerm,Pressure,Calm\nkiire*,X,\nstressi*,2,\nrauha*,,1.5\nei ehdi,0.5,\nhuomenna,,0\n",
    );
    let text = write(
        dir.path(),
        "post.txt",
        "Töissä on taas kiirettä ja stressiä. Kiireinen viikko, en ehdi syödä. \
         Huomenna saan rauhaa, toivottavasti rauhallinen päivä.\n",
    );
    let (lang, themes) = analyse(&text, &dicx, &[]);
    assert_eq!(lang, "fi");
    // Pressure: kiirettä, kiireinen (X: 1 each), stressiä (2) and the phrase "ei ehdi"
    // (0.5; teema matches a phrase's words as lemmas, so "en ehdi" counts) = 4 hits,
    // score 4.5.
    // Calm: rauhaa, rauhallinen (1.5 each) = 2 hits, score 3; huomenna has weight 0: none.
    assert_eq!(themes["pressure"], (4, 4.5));
    assert_eq!(themes["calm"], (2, 3.0));
}

#[test]
fn liwc2007_conditionals_with_liwc_semantics() {
    let dir = tempfile::tempdir().unwrap();
    // `like` is a verb after a pronoun, else a positive word; `kind` is a filler before
    // `of`, else a positive word.
    let dic = write(
        dir.path(),
        "c.dic",
        "%\n1\tpronoun\n2\tverb\n3\tposemo\n4\tfiller\n%\ni\t1\nyou\t1\nit\t1\nhappy\t3\n\
         like\t02 01)2/3\nkind\t<of>4/3\n",
    );
    let text = write(
        dir.path(),
        "en.txt",
        "I really like you and this kind of thing makes me happy. I like it. \
         You are so kind. Things like that.\n",
    );
    // English text: a .dic has no language sides, so it applies to `other` too
    let (lang, themes) = analyse(&text, &dic, &[]);
    assert_eq!(lang, "other");
    let hits: BTreeMap<_, _> = themes.iter().map(|(k, v)| (k.as_str(), v.0)).collect();
    // pronoun: I, you, I, it, You = 5
    // verb: "I like" = 1; posemo: "really like", "Things like", happy, "so kind" = 4
    // filler: "kind of" = 1
    assert_eq!(
        hits,
        BTreeMap::from([("filler", 1), ("posemo", 4), ("pronoun", 5), ("verb", 1)])
    );
    // the same with --lang fi forced
    let (_, forced) = analyse(&text, &dic, &["--lang", "fi"]);
    assert_eq!(forced, themes);
}

#[test]
fn plain_word_list_in_a_lexicon_folder() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex");
    std::fs::create_dir(&lex).unwrap();
    write(
        &lex,
        "late_work.txt",
        "# work in the evening\nylityö*\niltavuoro\nin de avond\n",
    );
    let text = write(
        dir.path(),
        "nl.txt",
        "Ik werk weer in de avond en morgen ook. Ylityöt zijn geen Nederlands, iltavuoro ook niet.\n",
    );
    let (lang, themes) = analyse(&text, &lex, &[]);
    assert_eq!(lang, "nl");
    // in de avond (phrase), ylityöt (prefix), iltavuoro (exact) = 3
    assert_eq!(themes["late_work"].0, 3);
    // a bad file name is an error naming the file
    write(&lex, "Bad Name.txt", "x\n");
    let out = teema()
        .args(["lexicon", "check"])
        .arg(&lex)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Bad Name.txt:1:1: the file name"), "{err}");
}

#[test]
fn quanteda_yaml_with_and_without_sides() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = write(
        dir.path(),
        "d.yml",
        "after_hours:\n  fi:\n    - \"ylityö*\"\n    - \"*vuoro\"\n  nl:\n    - \"overuren\"\nany:\n  - \"avond*\"\n",
    );
    let fi = write(
        dir.path(),
        "fi.txt",
        "Taas ylitöitä ja yövuoroja, ja avondilla ei ole väliä.\n",
    );
    let (lang, themes) = analyse(&fi, &yaml, &["--lang", "fi"]);
    assert_eq!(lang, "fi");
    // ylitöitä? not a prefix match of "ylityö"; yövuoroja: compound head vuoro = 1
    assert_eq!(themes["after_hours"].0, 1);
    assert_eq!(themes["any"].0, 1);
    let nl = write(
        dir.path(),
        "nl.txt",
        "Weer overuren gemaakt, de hele avond.\n",
    );
    let (_, themes) = analyse(&nl, &yaml, &["--lang", "nl"]);
    assert_eq!((themes["after_hours"].0, themes["any"].0), (1, 1));
    // a YAML error names file, line and column
    write(dir.path(), "bad.yaml", "a:\n  - ok\n  - \"x?\"\n");
    let out = teema()
        .args(["lexicon", "check"])
        .arg(dir.path().join("bad.yaml"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.yaml:3:5: pattern \"x?\""), "{err}");
}

// ---------------------------------------------------------------------------------------
// Parity with the Python `liwc` package

/// Whether `python3 -c "import liwc"` works; without it the parity test is skipped, unless
/// `CI` is set (CI installs it).
fn python_liwc() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import liwc"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the Python `liwc` package is not importable (.ci/run installs it)"
        );
        println!(
            "skipped: the Python `liwc` package is not importable (python3 -m pip install liwc)"
        );
    }
    ok
}

/// The built-in lexicons exported as `.dic` (every language apart), without multi-word
/// lines: the `liwc` package looks up one token at a time, so it has no phrases.
fn exported_dic(dir: &Path) -> PathBuf {
    let lex = Lexicon::builtin().unwrap();
    let morph = teema::morph::default_backend();
    let export = teema::lexicon_tools::export::to_dic(&lex, morph.as_ref(), None);
    let mut text = String::new();
    let mut section = 0;
    for line in export.text.lines() {
        if line == "%" {
            section += 1;
        } else if section == 2 && line.split('\t').next().unwrap().contains(' ') {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    let path = dir.join("export.dic");
    std::fs::write(&path, text).unwrap();
    path
}

/// Per document, teema's hits per category and the counted tokens as teema read them.
fn teema_counts(dic: &Path, files: &[PathBuf]) -> (Vec<BTreeMap<String, u64>>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(dic).unwrap();
    let lexicon =
        Lexicon::from_themes(parse_source(&dic.display().to_string(), &text).unwrap()).unwrap();
    let matcher = Matcher::new(lexicon, teema::morph::default_backend());
    let detector = Detector::default();
    let options = AnalyseOptions {
        lang: Some(Lang::Fi),
        ..AnalyseOptions::default()
    };
    let mut analyser = Analyser::new(&matcher, &detector, options);
    let mut counts = Vec::new();
    let mut tokens = Vec::new();
    for path in files {
        let bytes = std::fs::read(path).unwrap();
        let doc = analyser
            .analyse(path.display().to_string(), &bytes)
            .unwrap();
        counts.push(
            doc.themes
                .iter()
                .filter(|(_, s)| s.hits > 0)
                .map(|(id, s)| (id.to_string(), s.hits))
                .collect(),
        );
        let seen = analyser.inspect(&bytes).unwrap();
        tokens.push(
            seen.tokens
                .tokens
                .iter()
                .zip(seen.counted)
                .filter(|(_, counted)| **counted)
                .map(|(t, _)| t.text(seen.text).to_string())
                .collect(),
        );
    }
    (counts, tokens)
}

/// The `liwc` package's category counts for each document's tokens.
fn python_counts(dic: &Path, tokens: &[Vec<String>], dir: &Path) -> Vec<BTreeMap<String, u64>> {
    let input = dir.join("tokens.json");
    std::fs::write(&input, serde_json::to_string(tokens).unwrap()).unwrap();
    let script = r#"
import json, sys, liwc
from collections import Counter
parse, _ = liwc.load_token_parser(sys.argv[1])
docs = json.load(open(sys.argv[2], encoding="utf-8"))
print(json.dumps([dict(Counter(c for t in doc for c in parse(t))) for doc in docs]))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(dic)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn parity(files: &[PathBuf], what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let dic = exported_dic(dir.path());
    let (ours, tokens) = teema_counts(&dic, files);
    let theirs = python_counts(&dic, &tokens, dir.path());
    let mut total = 0;
    for ((path, a), b) in files.iter().zip(&ours).zip(&theirs) {
        assert_eq!(a, b, "{what}: {}", path.display());
        total += a.values().sum::<u64>();
    }
    println!(
        "{what}: {} documents, {total} category hits, identical counts",
        files.len()
    );
    assert!(
        total > 20,
        "{what}: the comparison must cover real matches, found {total}"
    );
}

#[test]
fn parity_with_python_liwc_on_corpus_samples() {
    if !python_liwc() {
        return;
    }
    let files: Vec<_> = common::sample_files()
        .into_iter()
        .filter(|p| {
            !matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("gz" | "zst" | "jsonl" | "csv" | "html" | "htm" | "tar" | "zip" | "warc")
            )
        })
        .collect();
    assert!(!files.is_empty());
    parity(&files, "corpus samples");
}

/// 2,000 benchmark posts: /tmp/corpus200 when it exists, else a 4 MiB corpus made by
/// ../shared/tools/make_corpus.py (well under a second); skipped without either.
#[test]
fn parity_with_python_liwc_on_2000_benchmark_posts() {
    if !python_liwc() {
        return;
    }
    let generated = tempfile::tempdir().unwrap();
    let big = Path::new("/tmp/corpus200");
    let make = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make_corpus.py");
    let root = if big.is_dir() {
        big.to_path_buf()
    } else if make.is_file() {
        let out = generated.path().join("corpus");
        let status = std::process::Command::new("python3")
            .arg(&make)
            .arg(&out)
            .args(["--mib", "4"])
            .status()
            .unwrap();
        assert!(status.success(), "make_corpus.py failed");
        out
    } else {
        println!("skipped: neither /tmp/corpus200 nor ../shared/tools/make_corpus.py is here");
        return;
    };
    let mut files = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    'outer: for d in dirs {
        let mut posts: Vec<_> = if d.is_dir() {
            std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect()
        } else {
            vec![d]
        };
        posts.sort();
        for p in posts {
            files.push(p);
            if files.len() == 2000 {
                break 'outer;
            }
        }
    }
    assert_eq!(files.len(), 2000, "{}", root.display());
    parity(&files, "benchmark posts");
}
