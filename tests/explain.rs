//! `teema explain`: the text with matches marked (colour on request, plain markers
//! otherwise), the table of themes, and the same as JSON.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

/// A short forum-style post with a quote, a negated match and two themes.
const POST: &str = "Iltavuorot ja ylityöt\n\n\
Teen taas ylitöitä joka ilta, ja työpuhelin soi viikonloppuisin.\n\
En ole koskaan saanut ylityökorvausta.\n\n\
> lainaus: ylityöt kuuluvat alaan\n\n\
Olen introvertti, asiakaspalvelu väsyttää.\n";

fn post(dir: &Path) -> PathBuf {
    let p = dir.join("post.txt");
    fs::write(&p, POST).unwrap();
    p
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn analyse(path: &Path) -> Value {
    let out = stdout(
        teema()
            .args(["analyse", "--evidence", "--lang", "fi"])
            .arg(path),
    );
    serde_json::from_str::<Value>(&out).unwrap()["documents"][0].clone()
}

#[test]
fn plain_output_marks_matches_and_tabulates_themes() {
    let dir = tempfile::tempdir().unwrap();
    let path = post(dir.path());
    let text = stdout(teema().args(["explain", "--lang", "fi"]).arg(&path));
    assert!(
        !text.contains('\x1b'),
        "no escapes when stdout is not a terminal"
    );
    let doc = analyse(&path);
    // every match is marked where it is, negated ones with ¬
    for m in doc["matches"].as_array().unwrap() {
        let neg = if m["negated"] == true { "¬" } else { "" };
        let marker = format!(
            "[{neg}{}: {}]",
            m["theme"].as_str().unwrap(),
            m["text"].as_str().unwrap()
        );
        assert!(text.contains(&marker), "{marker} in\n{text}");
    }
    assert!(text.contains("[¬"), "a negated match:\n{text}");
    // the table: one row per theme with matches, with the analysis' counts
    for (id, s) in doc["themes"].as_object().unwrap() {
        let row = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id));
        if s["hits"] == 0 && s["negated"] == 0 && s["topic_hits"] == 0 {
            assert!(row.is_none(), "{id}");
            continue;
        }
        let cells: Vec<&str> = row.unwrap().split_whitespace().collect();
        assert_eq!(cells[1], s["hits"].to_string(), "{id} hits");
        assert_eq!(cells[2], s["negated"].to_string(), "{id} negated");
    }
    // the quote is shown, but as not counted
    assert!(text.contains("quote 1 (not counted)"), "{text}");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let path = post(dir.path());
    let always = stdout(
        teema()
            .args(["explain", "--lang", "fi", "--color", "always"])
            .arg(&path),
    );
    assert!(always.contains("\x1b["), "colour with --color always");
    assert!(
        always.contains("\x1b[9m") || always.contains(";9m"),
        "strikethrough for negated"
    );
    assert!(
        !always.contains("[¬after_hours:"),
        "no plain markers in colour"
    );
    let never = stdout(
        teema()
            .args(["explain", "--lang", "fi", "--color", "never"])
            .arg(&path),
    );
    assert!(!never.contains('\x1b'));
    let auto = stdout(
        teema()
            .env("NO_COLOR", "1")
            .args(["explain", "--lang", "fi"])
            .arg(&path),
    );
    assert_eq!(auto, never);
    // colour only adds escapes: without them the text is the same as plain, but markers
    let stripped = strip(&always);
    assert_eq!(stripped.lines().count(), never.lines().count());
}

/// `text` without ANSI escape sequences.
fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn json_gives_segments_matches_and_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = post(dir.path());
    let out = stdout(
        teema()
            .args(["explain", "--lang", "fi", "--format", "json"])
            .arg(&path),
    );
    let x: Value = serde_json::from_str(out.trim()).unwrap();
    let doc = analyse(&path);
    assert_eq!(x["matches"], doc["matches"]);
    let segments = x["segments"].as_array().unwrap();
    assert_eq!(segments.len(), doc["segments"].as_array().unwrap().len());
    for (s, d) in segments.iter().zip(doc["segments"].as_array().unwrap()) {
        assert_eq!(s["kind"], d["kind"]);
        assert_eq!(s["spans"], d["spans"]);
        let [a, b] = [0, 1].map(|i| s["spans"][0][i].as_u64().unwrap() as usize);
        assert!(s["text"].as_str().unwrap().starts_with(&POST[a..b]));
        assert_eq!(
            s["counted"],
            d["kind"] != "quote" && d["kind"] != "boilerplate"
        );
    }
    // the table's entries add up to the theme's matches
    for row in x["themes"].as_array().unwrap() {
        let id = row["theme"].as_str().unwrap();
        let n: u64 = row["entries"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        let matches = doc["matches"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["theme"] == id)
            .count();
        assert_eq!(n as usize, matches, "{id}");
        assert_eq!(row["hits"], doc["themes"][id]["hits"]);
    }
    assert!(!x["themes"].as_array().unwrap().is_empty());
}

#[test]
fn html_pages_are_shown_as_their_text() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/html/wordpress.html");
    let text = stdout(teema().args(["explain"]).arg(&page));
    assert!(!text.contains("<div"), "tags are not shown");
    assert!(text.contains("profile html"));
    let out = stdout(teema().args(["explain", "--format", "json"]).arg(&page));
    let x: Value = serde_json::from_str(out.trim()).unwrap();
    let matches = x["matches"].as_array().unwrap();
    assert!(!matches.is_empty());
    for m in matches {
        let marker = format!(
            "{}: {}]",
            m["theme"].as_str().unwrap(),
            m["text"].as_str().unwrap()
        );
        assert!(text.contains(&marker), "{marker}");
    }
}

#[test]
fn unreadable_input_is_skipped_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"abc\0\0\x01\x02def").unwrap();
    let good = post(dir.path());
    let out = teema()
        .args(["explain", "--lang", "fi"])
        .arg(&bad)
        .arg(&good)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("bad.txt"), "{stderr}");
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("post.txt"));
}

/// The text comes in the document's order, not grouped by segment kind: the forum page's
/// header (boilerplate, first in the file) comes before the post title, and the post is
/// labelled again where it resumes after the author line.
#[test]
fn text_is_shown_in_document_order() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples/fi-forum-asiakasillat.txt");
    let out = stdout(teema().args(["explain", "--color", "never"]).arg(&path));
    let at = |needle: &str| {
        out.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{out}"))
    };
    assert!(at("Juttutupa.fi") < at("Pakotetaan"));
    assert!(at("Pakotetaan") < at("Olen ollut nyt puolisen vuotta"));
    let first_line = fs::read_to_string(&path).unwrap();
    let first_line = first_line.lines().next().unwrap();
    let segment_labels: Vec<&str> = out.lines().filter(|l| l.starts_with("── ")).collect();
    assert!(
        segment_labels[0].starts_with("── boilerplate"),
        "{segment_labels:?}"
    );
    assert!(out.contains(first_line));
    assert!(segment_labels.iter().filter(|l| **l == "── post 1").count() >= 2);
}
