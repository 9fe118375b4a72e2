//! The command-line contract: every flag of `teema analyse`, the lexicon commands, exit
//! codes, determinism across thread counts, and the closed pipe.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{sample_files, samples};

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("the report is valid JSON")
}

fn ndjson(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const BAD_LEXICON: &str =
    "id = \"x\"\nlabel = \"X\"\nversion = \"1\"\n[fi]\nentires = [\"ilta\"]\n";

fn theme_file(dir: &Path, id: &str, fi: &str, nl: &str) -> PathBuf {
    let p = dir.join(format!("{id}.toml"));
    fs::write(
        &p,
        format!("id = \"{id}\"\nlabel = \"{id}\"\nversion = \"1\"\n[fi]\nentries = {fi}\n[nl]\nentries = {nl}\n"),
    )
    .unwrap();
    p
}

#[test]
fn help_documents_examples_and_exit_codes() {
    teema()
        .args(["analyse", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains("--evidence"));
    teema()
        .args(["lexicon", "check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    teema().arg("--version").assert().success();
}

#[test]
fn bad_flag_is_exit_code_1() {
    teema()
        .args(["analyse", "--format", "xml", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("xml"));
    teema()
        .args(["analyse", "--threads", "0", "x"])
        .assert()
        .code(1);
}

#[test]
fn json_report_on_the_samples() {
    let out = teema().args(["analyse"]).arg(samples()).assert().success();
    let report = json(&out.get_output().stdout);
    assert_eq!(report["schema"], teema::report::SCHEMA);
    assert_eq!(report["tool"]["name"], "teema");
    let docs = report["documents"].as_array().unwrap();
    let n_files = sample_files().len();
    assert_eq!(docs.len(), n_files);
    assert_eq!(report["summary"]["documents"], n_files);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 0);
    // sorted by path
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    // every lexicon is identified, every document scores every theme
    let ids: Vec<&str> = report["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"after_hours"));
    for l in report["lexicons"].as_array().unwrap() {
        assert_eq!(l["sha256"].as_str().unwrap().len(), 64);
        assert!(l["entries"]["fi"].as_u64().unwrap() > 0);
    }
    for d in docs {
        assert_eq!(d["themes"].as_object().unwrap().len(), ids.len());
        assert!(d.get("matches").is_none());
    }
    // summary totals equal the sum over documents
    let tokens: u64 = docs.iter().map(|d| d["tokens"].as_u64().unwrap()).sum();
    assert_eq!(report["summary"]["tokens"], tokens);
    for id in &ids {
        let hits: u64 = docs
            .iter()
            .map(|d| d["themes"][id]["hits"].as_u64().unwrap())
            .sum();
        assert_eq!(report["summary"]["themes"][id]["hits"], hits);
    }
}

#[test]
fn ndjson_and_csv_formats() {
    let out = teema()
        .args(["analyze", "--format", "ndjson"])
        .arg(samples())
        .assert()
        .success();
    let lines = ndjson(&out.get_output().stdout);
    assert_eq!(lines.first().unwrap()["type"], "header");
    assert_eq!(lines.first().unwrap()["schema"], teema::report::SCHEMA);
    assert_eq!(lines.last().unwrap()["type"], "summary");
    let docs = lines.iter().filter(|l| l["type"] == "document").count();
    assert_eq!(lines.last().unwrap()["documents"], docs);

    let out = teema()
        .args(["analyse", "--format", "csv"])
        .arg(samples())
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut rows = text.lines();
    let header = rows.next().unwrap();
    assert!(header.starts_with(
        "path,lang,profile,tokens,comments,sentences,wc,wps,dic,short,after_hours_hits,\
         after_hours_per_1000,after_hours_topic_hits,after_hours_negated,after_hours_percent,\
         after_hours_score,after_hours_score_per_1000,"
    ));
    assert_eq!(rows.count(), docs);
}

#[test]
fn output_file_is_written_atomically_and_unwritable_output_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.json");
    teema()
        .args(["analyse", "-q", "-o"])
        .arg(&out_path)
        .arg(samples())
        .assert()
        .success()
        .stdout("");
    let report = json(&fs::read(&out_path).unwrap());
    assert_eq!(report["schema"], teema::report::SCHEMA);
    // nothing but the report is left in the folder
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

    let missing = dir.path().join("no/such/dir/report.json");
    teema()
        .args(["analyse", "-o"])
        .arg(&missing)
        .arg(samples())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/dir/report.json"));
}

/// `-o` to a named pipe writes through it and leaves it a pipe (a temporary file renamed
/// over it would replace it, as it would `/dev/null`).
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", fifo.display());
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || tx.send(fs::read(fifo).unwrap()));
    }
    teema()
        .args(["analyse", "-q", "--format", "ndjson", "-o"])
        .arg(&fifo)
        .arg(samples())
        .assert()
        .success()
        .stdout("");
    // Had teema replaced the pipe, the reader would wait for a writer forever.
    let report = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("teema wrote the report into the pipe");
    let last = String::from_utf8(report).unwrap();
    let summary = json(last.lines().last().unwrap().as_bytes());
    assert_eq!(summary["type"], "summary");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn thread_count_does_not_change_the_output() {
    let run = |threads: &str, format: &str| {
        // csv carries evidence in one row per match
        let evidence = if format == "csv" {
            "--unit=match"
        } else {
            "--evidence"
        };
        teema()
            .args([
                "analyse",
                evidence,
                "--threads",
                threads,
                "--format",
                format,
            ])
            .arg(samples())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    for format in ["json", "ndjson", "csv"] {
        let one = run("1", format);
        assert_eq!(one, run("8", format), "{format}");
        assert_eq!(one, run("3", format), "{format}");
    }
}

#[test]
fn evidence_points_at_the_original_bytes() {
    let out = teema()
        .args(["analyse", "--evidence"])
        .arg(samples())
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    let mut checked = 0;
    for doc in report["documents"].as_array().unwrap() {
        let path = doc["path"].as_str().unwrap();
        let mut bytes = fs::read(path).unwrap();
        if path.ends_with(".gz") {
            // Offsets in a compressed file are offsets in its decompressed bytes.
            let mut plain = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
                .unwrap();
            bytes = plain;
        }
        for m in doc["matches"].as_array().unwrap() {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= bytes.len());
            let original = match doc["encoding"].as_str().unwrap() {
                "utf-8" => String::from_utf8(bytes[s..e].to_vec()).unwrap(),
                // Latin-1: one byte per character
                _ => bytes[s..e].iter().map(|&b| b as char).collect(),
            };
            assert_eq!(original, m["text"].as_str().unwrap());
            checked += 1;
        }
        // every match is counted in exactly one part: post, comment, quote or boilerplate,
        // as a hit or, for a topic entry, as a topic hit
        let hits: u64 = doc["parts"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|p| p["themes"].as_object().unwrap().values())
            .map(|t| t["hits"].as_u64().unwrap() + t["topic_hits"].as_u64().unwrap())
            .sum();
        assert_eq!(hits as usize, doc["matches"].as_array().unwrap().len());
    }
    assert!(checked > 50, "only {checked} matches checked");
}

#[test]
fn latin1_sample_is_decoded() {
    let out = teema()
        .args(["analyse", "--evidence"])
        .arg(samples().join("fi-latin1-vanha-sivu.txt"))
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    let doc = &report["documents"][0];
    assert_eq!(doc["encoding"], "windows-1252");
    assert_eq!(doc["lang"], "fi");
    let texts: Vec<&str> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().any(|t| t.contains(['ä', 'ö'])), "{texts:?}");
}

#[test]
fn lang_flag_overrides_detection() {
    let nl = samples().join("nl-werkdruk.txt");
    let out = teema()
        .args(["analyse", "--lang", "fi"])
        .arg(&nl)
        .assert()
        .success();
    let doc = &json(&out.get_output().stdout)["documents"][0];
    assert_eq!(doc["lang"], "fi");
    assert_eq!(doc["lang_confidence"], 1.0);
    let out = teema().args(["analyse"]).arg(&nl).assert().success();
    let doc = &json(&out.get_output().stdout)["documents"][0];
    assert_eq!(doc["lang"], "nl");
    assert!(doc["lang_confidence"].as_f64().unwrap() > 0.5);
}

#[test]
fn stdin_is_one_document() {
    let text = "Jonotin asiakaspalveluun puhelimessa tunnin, eikä kukaan vastannut.";
    for args in [vec!["analyse", "-"], vec!["analyse"]] {
        let out = teema().args(&args).write_stdin(text).assert().success();
        let report = json(&out.get_output().stdout);
        let doc = &report["documents"][0];
        assert_eq!(doc["path"], "<stdin>");
        assert_eq!(doc["lang"], "fi");
        assert!(
            doc["themes"]["service_complaints"]["hits"]
                .as_u64()
                .unwrap()
                > 0
        );
    }
}

#[test]
fn skipped_inputs_are_listed_and_exit_code_is_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Taas ylitöitä illalla.").unwrap();
    fs::write(
        dir.path().join("b.bin"),
        [0x7F, b'E', b'L', b'F', 0, 0, 1, 2],
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let out = teema()
        .args(["analyse", "--format", "ndjson"])
        .arg(dir.path())
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("skipped"))
        .stderr(predicate::str::contains("b.bin"));
    let lines = ndjson(&out.get_output().stdout);
    let skipped: Vec<&Value> = lines.iter().filter(|l| l["type"] == "skipped").collect();
    assert_eq!(skipped.len(), 2);
    assert!(
        skipped[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("binary file")
    );
    assert!(
        skipped[1]["path"]
            .as_str()
            .unwrap()
            .ends_with("missing.txt")
    );
    let summary = lines.last().unwrap();
    assert_eq!(
        (summary["documents"].as_u64(), summary["skipped"].as_u64()),
        (Some(1), Some(2))
    );
    // -q silences the warnings, not the report
    teema()
        .args(["analyse", "-q"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr("");
}

#[cfg(unix)]
#[test]
fn symlinks_fifos_and_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("post.txt"), "Kiire ja uupumus.").unwrap();
    fs::write(d.join(".draft.txt"), "Kiire.").unwrap();
    std::os::unix::fs::symlink(d.join("post.txt"), d.join("link.txt")).unwrap();
    let fifo = d.join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );

    let out = teema().args(["analyse", "-q"]).arg(d).assert().code(2);
    let report = json(&out.get_output().stdout);
    let reasons: Vec<&str> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("symbolic link"));
    assert!(reasons[1].contains("not a regular file"));
    assert_eq!(report["summary"]["ignored"]["hidden"], 1);
    assert_eq!(report["documents"].as_array().unwrap().len(), 1);

    let out = teema()
        .args(["analyse", "-q", "--follow", "--hidden", "--glob", "*.txt"])
        .arg(d)
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    let paths: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            Path::new(d["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(paths, [".draft.txt", "link.txt", "post.txt"]);
    assert_eq!(report["summary"]["ignored"]["glob"], 1); // the FIFO
}

#[test]
fn glob_includes_and_excludes() {
    let out = teema()
        .args([
            "analyse", "--format", "csv", "--glob", "nl-*", "--glob", "!*blog*",
        ])
        .arg(samples())
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.contains("/nl-") && !r.contains("blog")),
        "{rows:?}"
    );
}

#[test]
fn custom_toml_lexicon_replaces_the_builtin_set() {
    let dir = tempfile::tempdir().unwrap();
    theme_file(
        dir.path(),
        "coffee",
        "[\"kahvi\", \"*kuppi\"]",
        "[\"koffie\"]",
    );
    let out = teema()
        .args(["analyse", "--lexicon"])
        .arg(dir.path())
        .write_stdin("Join kahvia kahvikupista ja teekupista.")
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    assert_eq!(report["lexicons"].as_array().unwrap().len(), 1);
    let coffee = &report["documents"][0]["themes"]["coffee"];
    assert_eq!(coffee["hits"], 3);
    assert_eq!(coffee["terms"]["*kuppi"], 2);
}

#[test]
fn liwc_dic_loads_with_liwc_semantics() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("mini.dic");
    fs::write(
        &dic,
        "%\n1\tstress\n2\tsocial\n%\nkiire*\t1\nuupunut\t1\nystävä\t2\n",
    )
    .unwrap();
    let out = teema()
        .args(["analyse", "--lang", "fi", "--lexicon"])
        .arg(&dic)
        .write_stdin("Kiireinen viikko, kiire ja uupunut olo. Uupuneet ystävät.")
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    let doc = &report["documents"][0];
    // prefix kiire* finds kiireinen and kiire; bare uupunut is exact (not uupuneet)
    assert_eq!(doc["themes"]["stress"]["hits"], 3);
    // bare ystävä is exact: "ystävät" does not count
    assert_eq!(doc["themes"]["social"]["hits"], 0);
    teema()
        .args(["lexicon", "list", "--lexicon"])
        .arg(&dic)
        .assert()
        .success()
        .stdout(predicate::str::contains("stress").and(predicate::str::contains("social")));
}

#[test]
fn lexicon_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, BAD_LEXICON).unwrap();
    let expected = format!(
        "{}:5:1: unknown key \"entires\" in [fi] (did you mean \"entries\"?)",
        bad.display()
    );
    teema()
        .args(["analyse", "--lexicon"])
        .arg(&bad)
        .arg(samples())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(expected.clone()));
    teema()
        .args(["lexicon", "check"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(expected));
    let bad_dic = dir.path().join("bad.dic");
    fs::write(&bad_dic, "%\n1\ta\n%\nsana\t9\n").unwrap();
    teema()
        .args(["lexicon", "check"])
        .arg(&bad_dic)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.dic:4:6: unknown category id 9",
        ));
}

#[test]
fn lexicon_test_reports_failing_examples() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.toml");
    fs::write(
        &p,
        "id = \"q\"\nlabel = \"Q\"\nversion = \"1\"\n[fi]\nentries = [\"jono\"]\n[fi.examples]\npositive = [\"Ei mitään.\"]\nnegative = [\"Pitkä jono.\"]\n",
    )
    .unwrap();
    teema()
        .args(["lexicon", "test"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "q [fi]: positive example matched nothing: \"Ei mitään.\"",
        ))
        .stdout(predicate::str::contains(
            "q [fi]: negative example matched jono → \"jono\": \"Pitkä jono.\"",
        ))
        .stdout(predicate::str::contains("0 passed, 2 failed"));
}

#[test]
fn lexicon_list_and_check_on_the_builtin_set() {
    teema()
        .args(["lexicon", "check"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok:").and(predicate::str::contains(" 0 warnings")))
        .stderr("");
    // every shipped example sentence behaves as its lexicon states
    teema()
        .args(["lexicon", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 failed"));
    teema()
        .args(["lexicon", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("service_complaints"))
        .stdout(predicate::str::contains("sha256"));
}

#[cfg(unix)]
#[test]
fn closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Std, Stdio};
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        fs::write(
            dir.path().join(format!("p{i:05}.txt")),
            "Ylityöt illalla ja kiire.",
        )
        .unwrap();
    }
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("teema"))
        .args(["analyse", "--format", "ndjson", "--evidence"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("\"type\":\"header\""));
    // the reader is gone now, like `| head -1`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Coverage reads author text only: the Blogger author lines and date headers of the blog
/// samples ("Lähettänyt Kassaneiti klo 21.48", "14. toukokuuta 2024") are site chrome and
/// suggest no words, while the posts' own words still do.
#[test]
fn lexicon_coverage_leaves_out_site_chrome() {
    let out = teema()
        .args(["lexicon", "coverage", "--top", "1000"])
        .arg(samples())
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let suggested: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).filter(|_| l.starts_with(' ')))
        .collect();
    assert!(suggested.len() > 100, "{text}");
    for chrome in ["lähettänyt", "toukokuuta", "kassaneiti", "kirjastotäti"] {
        assert!(!suggested.contains(&chrome), "{chrome} suggested:\n{text}");
    }
}

#[test]
fn lexicon_coverage_and_export() {
    teema()
        .args(["lexicon", "coverage", "--top", "3"])
        .arg(samples())
        .assert()
        .success()
        .stdout(predicate::str::contains("documents read"))
        .stdout(predicate::str::contains("after_hours [fi]:"));
    // no path: standard input is the one document, as for `teema analyse`
    teema()
        .args(["lexicon", "coverage", "--lang", "fi"])
        .write_stdin("Ylitöitä taas illalla. Ylitöitä ja iltavuoroja, ylitöitä aina.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 documents read"));
    let out = teema()
        .args(["lexicon", "export", "--format", "dic"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning:"));
    let dic = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // the languages stay apart: a category per theme and language
    assert!(
        dic.starts_with("%\n1\tafter_hours_fi\n2\tafter_hours_nl\n"),
        "{dic:.80}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.dic");
    fs::write(&path, &dic).unwrap();
    teema()
        .args(["lexicon", "check"])
        .arg(&path)
        .assert()
        .success();
    teema()
        .args(["lexicon", "export", "--format", "yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("workload:\n  fi:\n"));
}

#[test]
fn morph_explains_matches_and_lexicon_forms_lists_forms() {
    teema()
        .args([
            "morph",
            "--lang",
            "fi",
            "asiakaspalvelussa",
            "ylityöt",
            "kissa",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "service_complaints entry \"*asiakaspalvelu\"",
        ))
        .stdout(predicate::str::contains("prefix \"ylityö\""))
        .stdout(
            predicate::str::contains("kissa → kissa")
                .and(predicate::str::contains("matches no entry")),
        );
    teema()
        .args(["lexicon", "forms", "*palvelu", "--lang", "fi"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("compound head").and(predicate::str::contains("\npalvelu\n")),
        );
    teema()
        .args(["lexicon", "forms", "*a*", "--lang", "fi"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not both"));
}

#[test]
fn morph_flag_chooses_the_backend() {
    let text = "Taas yksi ilta asiakkaiden kanssa, ja illalla vielä palaveri.";
    let dir = tempfile::tempdir().unwrap();
    let lexicon = theme_file(dir.path(), "evening", "[\"ilta\"]", "[\"avond\"]");
    let run = |morph: &str| {
        let out = teema()
            .args([
                "analyse",
                "--lang",
                "fi",
                "--evidence",
                "--morph",
                morph,
                "--lexicon",
            ])
            .arg(&lexicon)
            .write_stdin(text)
            .assert()
            .success();
        json(&out.get_output().stdout)
    };
    let paradigms = run("paradigms");
    assert_eq!(paradigms["morphology"], "paradigms");
    let texts = |r: &Value| -> Vec<String> {
        r["documents"][0]["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_string())
            .collect()
    };
    // gradation (ilta / illalla) needs the generated paradigms; Snowball stems miss it
    assert!(
        texts(&paradigms).contains(&"illalla".to_string()),
        "{:?}",
        texts(&paradigms)
    );
    let snowball = run("snowball");
    assert_eq!(snowball["morphology"], "snowball");
    assert!(!texts(&snowball).contains(&"illalla".to_string()));
}

/// Every subcommand that reads documents reads them the same way: compressed files, JSON
/// Lines records and standard input, with unreadable inputs listed and exit code 2.
#[test]
fn every_reading_subcommand_shares_the_input_path() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read(samples().join("fi-forum-asiakasillat.txt")).unwrap();
    let gz = dir.path().join("thread.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&text).unwrap();
    fs::write(&gz, enc.finish().unwrap()).unwrap();
    fs::write(dir.path().join("binary.dat"), b"\0\x01\x02binary").unwrap();

    // segments: the gzip file is decompressed and split like the plain file
    let listing = |path: &Path| {
        let out = teema()
            .arg("segments")
            .arg(path)
            .assert()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = listing(&samples().join("fi-forum-asiakasillat.txt"));
    let packed = listing(&gz);
    assert!(plain.contains("comment 1"), "{plain}");
    let body = |s: &str| s.split_once('\n').unwrap().1.to_string();
    assert_eq!(body(&plain), body(&packed));

    // segments over a folder: the binary file is listed as skipped, exit code 2
    teema()
        .arg("segments")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("skipped"))
        .stderr(predicate::str::contains("binary.dat"));

    // segments of JSON Lines records: one listing per record, named by file and line
    let records = samples().join("records/posts.jsonl");
    let out = teema()
        .args(["segments", "--input", "jsonl"])
        .arg(&records)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines = fs::read_to_string(&records).unwrap();
    let n = lines.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(text.matches(": profile ").count(), n, "{text}");
    assert!(text.contains("posts.jsonl:1: profile"), "{text}");

    // lexicon coverage: the same folder, the same skipped input, the gzip file read
    teema()
        .args(["lexicon", "coverage", "--top", "3"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(predicate::str::contains("1 documents read"))
        .stderr(predicate::str::contains("binary.dat"));
}

/// Errors of every subcommand are printed one way: `teema: error: …`, then a hint.
#[test]
fn errors_are_printed_one_way_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        "id = \"x\"\nlabel = \"X\"\nversion = \"1\"\nentires = []\n",
    )
    .unwrap();
    for args in [
        vec!["analyse", "--lexicon"],
        vec!["lexicon", "list", "--lexicon"],
        vec!["morph", "--lang", "fi", "ilta", "--lexicon"],
        vec!["lexicon", "check"],
    ] {
        teema()
            .args(&args)
            .arg(&bad)
            .write_stdin("ilta")
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with("teema: error: "))
            .stderr(predicate::str::contains("bad.toml:4:1"))
            .stderr(predicate::str::contains("teema: hint: fix the lexicon"));
    }
}

/// `--morph` works wherever words are matched, not only in `analyse`.
#[test]
fn morph_flag_is_accepted_by_the_lexicon_subcommands() {
    let out = teema()
        .args([
            "lexicon", "forms", "ilta", "--lang", "fi", "--morph", "snowball",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("snowball"), "{text}");
    teema()
        .args(["lexicon", "test", "--morph", "paradigms"])
        .assert()
        .success();
    teema()
        .args(["morph", "--lang", "nl", "overuren", "--morph", "snowball"])
        .assert()
        .success()
        .stdout(predicate::str::contains("snowball"));
}

/// Topic entries are reported apart and never scored; a gated entry counts only with its
/// context nearby, and evidence says which context made it count.
#[test]
fn topic_entries_and_context_rules() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("c.toml");
    fs::write(
        &lex,
        r#"id = "complaints"
label = "C"
version = "1"
[nl]
entries = [{ term = "in de wacht", context = ["bellen", "@topic"] }, "slechte service"]
topic = ["klantenservice"]
"#,
    )
    .unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir(&posts).unwrap();
    fs::write(
        posts.join("a.txt"),
        "Ik hing een uur in de wacht bij de klantenservice. Wat een slechte service.\n",
    )
    .unwrap();
    fs::write(
        posts.join("b.txt"),
        "Ajax wist de beker in de wacht te slepen. Ik werk bij de klantenservice.\n",
    )
    .unwrap();
    let out = teema()
        .args([
            "analyse",
            "--lang",
            "nl",
            "--evidence",
            "--format",
            "ndjson",
            "--lexicon",
        ])
        .arg(&lex)
        .arg(&posts)
        .assert()
        .success();
    let lines = ndjson(&out.get_output().stdout);
    let docs: Vec<&Value> = lines.iter().filter(|l| l["type"] == "document").collect();
    let a = &docs[0]["themes"]["complaints"];
    assert_eq!(
        (a["hits"].as_u64(), a["topic_hits"].as_u64()),
        (Some(2), Some(1))
    );
    let b = &docs[1]["themes"]["complaints"];
    assert_eq!(
        (b["hits"].as_u64(), b["topic_hits"].as_u64()),
        (Some(0), Some(1))
    );
    let gated = docs[0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entry"] == "in de wacht")
        .unwrap();
    assert_eq!(gated["context"]["entry"], "klantenservice");
    assert!(
        docs[0]["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["topic"] == true)
    );
    let header = &lines[0]["lexicons"][0];
    assert_eq!(header["topic_entries"]["nl"], 1);
    assert_eq!(header["entries"]["nl"], 2);

    // a context list that can never work is an error at its line
    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        "id = \"x\"\nlabel = \"X\"\nversion = \"1\"\n[nl]\nentries = [{ term = \"wacht\", context = [] }]\n",
    )
    .unwrap();
    teema()
        .args(["lexicon", "check"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.toml:5:"))
        .stderr(predicate::str::contains("can never be satisfied"));

    // export warns for what the format cannot say
    teema()
        .args(["lexicon", "export", "--format", "dic", "--lexicon"])
        .arg(&lex)
        .assert()
        .success()
        .stderr(predicate::str::contains("topic entry"))
        .stderr(predicate::str::contains("without its context rule"));

    // sample: reproducible, with context and an empty verdict column
    let sample = |seed: &str| {
        let out = teema()
            .args([
                "lexicon",
                "sample",
                "--lang",
                "nl",
                "--n",
                "2",
                "--seed",
                seed,
                "--lexicon",
            ])
            .arg(&lex)
            .arg(&posts)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let first = sample("5");
    assert_eq!(first, sample("5"));
    assert!(
        first.starts_with("path,lang,theme,entry,role,start,end,left,text,right,verdict,note\n")
    );
    assert_eq!(first.lines().count(), 3, "{first}");

    // validate: judge what fires, then check precision, retention and unjudged matches
    let judged = dir.path().join("judged.csv");
    let a_path = posts.join("a.txt").display().to_string();
    let text = fs::read_to_string(posts.join("a.txt")).unwrap();
    let at = |s: &str| text.find(s).unwrap();
    fs::write(
        &judged,
        format!(
            "path,lang,theme,entry,start,end,verdict\n\
             {a_path},nl,complaints,in de wacht,{},{},on\n\
             {a_path},nl,complaints,slechte service,{},{},off\n",
            at("in de wacht"),
            at("in de wacht") + 11,
            at("slechte service"),
            at("slechte service") + 15,
        ),
    )
    .unwrap();
    let out = teema()
        .args(["lexicon", "validate", "--lexicon"])
        .arg(&lex)
        .arg(&judged)
        .assert()
        .success();
    let report = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(report.contains("0.500"), "{report}");
    assert!(report.contains("1/1"), "{report}");
    teema()
        .args(["lexicon", "validate", "--min-precision", "0.8", "--lexicon"])
        .arg(&lex)
        .arg(&judged)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "nl complaints: precision 0.500 < 0.8",
        ));
}

/// Matches in the scope of a negation are flagged with their cue; `--negation exclude`
/// keeps them out of the hits, `count` (the default) keeps them in.
#[test]
fn negated_matches_are_flagged_and_can_be_excluded() {
    let text = "En halua ylitöitä enää. Ylitöitä taas illalla.\n";
    let run = |mode: &str| {
        let out = teema()
            .args([
                "analyse",
                "--lang",
                "fi",
                "--evidence",
                "--format",
                "json",
                "--negation",
                mode,
            ])
            .write_stdin(text)
            .assert()
            .success();
        json(&out.get_output().stdout)
    };
    let count = run("count");
    let doc = &count["documents"][0];
    let after = &doc["themes"]["after_hours"];
    let hits = after["hits"].as_u64().unwrap();
    assert_eq!(after["negated"], 1, "{after}");
    let negated: Vec<&Value> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["negated"] == true)
        .collect();
    assert_eq!(negated.len(), 1);
    assert_eq!(negated[0]["text"], "ylitöitä");
    let cue = negated[0]["cue"].as_array().unwrap();
    let (a, b) = (
        cue[0].as_u64().unwrap() as usize,
        cue[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "En");
    let exclude = run("exclude");
    let after = &exclude["documents"][0]["themes"]["after_hours"];
    assert_eq!(after["hits"].as_u64().unwrap(), hits - 1);
    assert_eq!(after["negated"], 1);
    assert_eq!(exclude["summary"]["themes"]["after_hours"]["negated"], 1);
}

/// A saved HTML page is read as HTML: no tags or scripts as words, entities decoded, the
/// post and each comment a segment with its author, and evidence offsets into the file.
#[test]
fn saved_html_pages_are_read_as_html() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/html/blogger.html");
    let out = teema()
        .args(["analyse", "--evidence", "--format", "json"])
        .arg(&page)
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    let doc = &report["documents"][0];
    assert_eq!(doc["profile"], "html");
    let segments = doc["segments"].as_array().unwrap();
    assert_eq!(segments[0]["kind"], "post");
    let comments: Vec<&Value> = segments.iter().filter(|s| s["kind"] == "comment").collect();
    assert_eq!(comments.len(), 2, "{segments:?}");
    assert_eq!(comments[0]["author"], "Pekka");
    let bytes = fs::read(&page).unwrap();
    let matches = doc["matches"].as_array().unwrap();
    // the entity-encoded word is found, decoded, and its offsets span the entities
    assert!(
        matches.iter().any(|m| {
            let (a, b) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            String::from_utf8_lossy(&bytes[a..b]).contains("&ouml;")
                && m["text"].as_str().unwrap().contains('ö')
        }),
        "{matches:?}"
    );
    for m in matches {
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let original = String::from_utf8_lossy(&bytes[a..b]);
        if !original.contains('&') && !original.contains('<') {
            assert_eq!(original, m["text"].as_str().unwrap());
        }
    }
    // the same page read as plain text counts markup as words
    let out = teema()
        .args(["analyse", "--format", "json", "--input", "text", "-"])
        .write_stdin(bytes.clone())
        .assert()
        .success();
    let plain = json(&out.get_output().stdout);
    assert!(plain["documents"][0]["tokens"].as_u64() > doc["tokens"].as_u64());
}

/// CSV rows per document cannot carry evidence: asking for both is an error that names
/// `--unit match` as the fix, not a silent loss.
#[test]
fn csv_with_evidence_is_an_error_that_says_so() {
    for unit in ["document", "segment"] {
        teema()
            .args(["analyse", "--format", "csv", "--evidence", "--unit", unit])
            .arg(samples())
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("needs --unit match"));
    }
}

/// `--unit match`: one ndjson line and one csv row per match, the same matches as the json
/// evidence, in the same order, with their document's path, record line and segment.
#[test]
fn unit_match_gives_one_row_per_match_in_ndjson_and_csv() {
    let run = |args: &[&str]| {
        teema()
            .arg("analyse")
            .args(args)
            .arg(samples())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let report = json(&run(&["--evidence"]));
    let mut want = Vec::new();
    for doc in report["documents"].as_array().unwrap() {
        for m in doc["matches"].as_array().unwrap() {
            let kind = &doc["segments"][m["segment"].as_u64().unwrap() as usize]["kind"];
            want.push((doc["path"].clone(), kind.clone(), m.clone()));
        }
    }
    assert!(want.len() > 100, "{} matches", want.len());
    let lines = ndjson(&run(&["--format", "ndjson", "--unit", "match"]));
    let rows: Vec<&Value> = lines.iter().filter(|l| l["type"] == "match").collect();
    assert_eq!(lines.len(), rows.len() + 2, "header, match lines, summary");
    assert_eq!(rows.len(), want.len());
    for (row, (path, kind, m)) in rows.iter().zip(&want) {
        assert_eq!(&row["path"], path);
        assert_eq!(&row["segment_kind"], kind);
        for field in [
            "theme", "entry", "kind", "start", "end", "line", "column", "sentence", "text", "left",
            "right", "negated", "segment",
        ] {
            assert_eq!(row[field], m[field], "{field} of {row}");
        }
        assert!(row.get("record_line").is_none(), "plain files: {row}");
    }
    // records keep their line
    let jsonl = samples().join("records/posts.jsonl");
    let out = teema()
        .args([
            "analyse", "--input", "jsonl", "--format", "ndjson", "--unit", "match",
        ])
        .arg(&jsonl)
        .assert()
        .success();
    let lines = ndjson(&out.get_output().stdout);
    let rows: Vec<&Value> = lines.iter().filter(|l| l["type"] == "match").collect();
    assert!(rows.len() > 3);
    for row in rows {
        let line = row["record_line"].as_u64().unwrap() as usize;
        let record = fs::read_to_string(&jsonl)
            .unwrap()
            .lines()
            .nth(line - 1)
            .unwrap()
            .to_string();
        let record: Value = serde_json::from_str(&record).unwrap();
        assert_eq!(row["id"], record["id"]);
        let text = record["text"].as_str().unwrap();
        let (s, e) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], row["text"].as_str().unwrap());
    }
    let csv = run(&["--format", "csv", "--unit", "match"]);
    let mut reader = csv::Reader::from_reader(&csv[..]);
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), want.len());
    for (rec, (path, kind, m)) in records.iter().zip(&want) {
        assert_eq!(rec[col("path")], *path.as_str().unwrap());
        assert_eq!(rec[col("segment_kind")], *kind.as_str().unwrap());
        for field in ["theme", "entry", "kind", "text", "left", "right"] {
            assert_eq!(rec[col(field)], *m[field].as_str().unwrap(), "{field}");
        }
        for field in ["start", "end", "line", "column", "sentence", "segment"] {
            assert_eq!(rec[col(field)], m[field].to_string(), "{field}");
        }
        assert_eq!(rec[col("negated")], m["negated"].to_string());
        let cue = m["cue"].as_array();
        let cue_start = cue.map(|c| c[0].to_string()).unwrap_or_default();
        assert_eq!(rec[col("cue_start")], cue_start);
    }
    // --unit match implies --evidence in json
    let implied = json(&run(&["--unit", "match"]));
    assert_eq!(implied["documents"], report["documents"]);
}

/// Evidence has the entry kind, and a keyword in context of at most `--context` characters
/// each side with whitespace collapsed.
#[test]
fn evidence_has_kind_and_keyword_in_context() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("post.txt");
    fs::write(
        &post,
        "Otsikko\n\nTaas   ylityötä   tänään.\nJa huomenna\tylityöt jatkuvat, ei auta.\n",
    )
    .unwrap();
    let lexicon = theme_file(dir.path(), "t", r#"["ylityö*", "=huomenna"]"#, "[]");
    let run = |context: &str| {
        let out = teema()
            .args(["analyse", "--evidence", "--lang", "fi", "--profile", "none"])
            .args(["--context", context, "--lexicon"])
            .arg(&lexicon)
            .arg(&post)
            .assert()
            .success();
        json(&out.get_output().stdout)["documents"][0]["matches"].clone()
    };
    let m = run("40");
    let got: Vec<(&str, &str, &str, &str, u64, u64, u64)> = m
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap(),
                m["left"].as_str().unwrap(),
                m["text"].as_str().unwrap(),
                m["right"].as_str().unwrap(),
                m["line"].as_u64().unwrap(),
                m["column"].as_u64().unwrap(),
                m["sentence"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "prefix",
                "Otsikko Taas ",
                "ylityötä",
                " tänään. Ja huomenna ylityöt jatkuvat, e",
                3,
                8,
                1
            ),
            (
                "exact",
                "Otsikko Taas ylityötä tänään. Ja ",
                "huomenna",
                " ylityöt jatkuvat, ei auta.",
                4,
                4,
                2
            ),
            (
                "prefix",
                "sikko Taas ylityötä tänään. Ja huomenna ",
                "ylityöt",
                " jatkuvat, ei auta.",
                4,
                13,
                2
            ),
        ]
    );
    let short = run("5");
    assert_eq!(short[0]["left"], "Taas ");
    assert_eq!(short[0]["right"], " tänä");
}

/// `--negation separate`: negated matches score as `THEME_neg`, not in THEME's hits, in
/// documents, csv columns, the summary and groups; the counts add up to `count`'s.
#[test]
fn negation_separate_scores_negated_matches_as_their_own_theme() {
    let run = |args: &[&str]| {
        let out = teema()
            .args(["analyse", "--group-by", "lang"])
            .args(args)
            .arg(samples())
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let count = json(&run(&["--negation", "count"]));
    let exclude = json(&run(&["--negation", "exclude"]));
    let separate = json(&run(&["--negation", "separate"]));
    assert_eq!(separate["negation"], "separate");
    let mut negated = 0;
    let docs = |r: &Value| r["documents"].as_array().unwrap().clone();
    for ((c, e), s) in docs(&count).iter().zip(docs(&exclude)).zip(docs(&separate)) {
        for (id, ct) in c["themes"].as_object().unwrap() {
            let st = &s["themes"][id.as_str()];
            let neg = &s["themes"][format!("{id}_neg")];
            assert_eq!(st["hits"], e["themes"][id.as_str()]["hits"], "{id}");
            assert_eq!(neg["hits"], ct["negated"], "{id}");
            assert_eq!(
                st["hits"].as_u64().unwrap() + neg["hits"].as_u64().unwrap(),
                ct["hits"].as_u64().unwrap()
            );
            negated += neg["hits"].as_u64().unwrap();
        }
    }
    assert!(negated >= 5, "the samples have negated matches: {negated}");
    for (id, t) in count["summary"]["themes"].as_object().unwrap() {
        let neg = &separate["summary"]["themes"][format!("{id}_neg")];
        assert_eq!(neg["hits"], t["negated"], "{id}");
        for (lang, g) in count["summary"]["groups"]["lang"].as_object().unwrap() {
            let sg = &separate["summary"]["groups"]["lang"][lang]["themes"];
            assert_eq!(sg[format!("{id}_neg")]["hits"], g["themes"][id]["negated"]);
        }
    }
    let csv = run(&["--negation", "separate", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv[..]);
    let header = reader.headers().unwrap().clone();
    for col in [
        "after_hours_hits",
        "after_hours_neg_hits",
        "workload_neg_per_1000",
    ] {
        assert!(header.iter().any(|h| h == col), "{col} in {header:?}");
    }
    let rows = reader.records().count();
    assert_eq!(rows, docs(&separate).len());
}
