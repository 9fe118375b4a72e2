//! Pages saved as text in the shapes of common blog and forum platforms
//! (`tests/pages/text/*.txt`, written for these tests) against their expected segments
//! (`*.expect` beside each page), read through `teema segments --format json`.
//!
//! `.expect` lines: `profile: ID`; `kind | author | date | first words`, in the order of the
//! page's non-boilerplate segments (`-` for none, `*` for anything; dates as ISO 8601); and
//! `never: TEXT` for text that must not be in any post, comment or quote.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn pages_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/text")
}

/// `teema segments --format json ARGS`, parsed.
fn segments_json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("teema")
        .unwrap()
        .args(["segments", "--format", "json"])
        .args(args)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("one JSON document")
}

fn field_ok(want: &str, got: &Value) -> bool {
    match want {
        "*" => true,
        "-" => got.is_null(),
        w => got.as_str() == Some(w),
    }
}

fn check_page(doc: &Value) -> Vec<String> {
    let path = Path::new(doc["path"].as_str().unwrap());
    let expect = std::fs::read_to_string(path.with_extension("expect"))
        .unwrap_or_else(|_| panic!("{} has no .expect", path.display()));
    let original = std::fs::read(path).unwrap();
    let all = doc["segments"].as_array().unwrap();
    let mut errors = Vec::new();
    // every segment's text is its spans' bytes
    for s in all {
        let spans: Vec<String> = s["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|sp| {
                let (a, b) = (sp[0].as_u64().unwrap(), sp[1].as_u64().unwrap());
                String::from_utf8_lossy(&original[a as usize..b as usize]).into_owned()
            })
            .collect();
        if s["text"].as_str() != Some(spans.join("\n").as_str()) {
            errors.push(format!(
                "text of {} {} is not its spans' bytes",
                s["kind"], s["n"]
            ));
        }
    }
    let segs: Vec<&Value> = all.iter().filter(|s| s["kind"] != "boilerplate").collect();
    let mut i = 0;
    for line in expect.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(p) = line.strip_prefix("profile:") {
            if doc["profile"].as_str() != Some(p.trim()) {
                errors.push(format!("profile {} (want {})", doc["profile"], p.trim()));
            }
            continue;
        }
        if let Some(never) = line.strip_prefix("never:") {
            let never = never.trim();
            for s in &segs {
                if s["text"].as_str().unwrap().contains(never) {
                    errors.push(format!("{never:?} is in {} {}", s["kind"], s["n"]));
                }
            }
            continue;
        }
        let f: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert_eq!(f.len(), 4, "bad expect line {line:?}");
        let Some(s) = segs.get(i) else {
            errors.push(format!("missing segment {i}: {line}"));
            i += 1;
            continue;
        };
        let text = s["text"].as_str().unwrap();
        if s["kind"] != f[0]
            || !field_ok(f[1], &s["author"])
            || !field_ok(f[2], &s["date"])
            || !text.starts_with(f[3])
        {
            errors.push(format!(
                "segment {i}: want {line}\n   got {} | {} | {} | {:?}",
                s["kind"],
                s["author"],
                s["date"],
                text.chars().take(60).collect::<String>()
            ));
        }
        i += 1;
    }
    for s in segs.iter().skip(i) {
        errors.push(format!(
            "unexpected {} segment {:?}",
            s["kind"],
            s["text"]
                .as_str()
                .unwrap()
                .chars()
                .take(60)
                .collect::<String>()
        ));
    }
    errors
}

#[test]
fn text_platform_pages_give_expected_segments() {
    let mut pages: Vec<String> = std::fs::read_dir(pages_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    pages.sort();
    let args: Vec<&str> = pages.iter().map(String::as_str).collect();
    let out = segments_json(&args);
    assert_eq!(out["schema"], "teema.segments/1");
    assert_eq!(out["skipped"], Value::Array(vec![]));
    let docs = out["documents"].as_array().unwrap();
    let pages = pages.len();
    assert_eq!(docs.len(), pages);
    assert!(pages >= 9, "{pages} pages");
    let mut failures = Vec::new();
    for doc in docs {
        let errors = check_page(doc);
        if !errors.is_empty() {
            failures.push(format!("{}:\n  {}", doc["path"], errors.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn segments_json_of_a_saved_html_page_holds_text_not_tags() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/html/blogger.html");
    let out = segments_json(&[page.to_str().unwrap()]);
    let doc = &out["documents"][0];
    assert_eq!(doc["profile"], "html");
    let post = &doc["segments"][0];
    assert_eq!(post["kind"], "post");
    let text = post["text"].as_str().unwrap();
    assert!(text.starts_with("Taas tuli tehtyä ylityöitä"), "{text:?}");
    assert!(!text.contains('<'), "{text:?}");
    // and the listing's preview too
    let listing = Command::cargo_bin("teema")
        .unwrap()
        .args(["segments", page.to_str().unwrap()])
        .assert()
        .success();
    let listing = String::from_utf8_lossy(&listing.get_output().stdout).into_owned();
    let post_line = listing
        .lines()
        .find(|l| l.trim_start().starts_with("post 1"))
        .unwrap();
    assert!(post_line.contains("Taas tuli tehtyä"), "{post_line}");
    assert!(!post_line.contains('<'), "{post_line}");
}

/// The lexicon entries matched in `text` (a file written to a temporary folder).
fn entries_in(name: &str, text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let out = Command::cargo_bin("teema")
        .unwrap()
        .args([
            "analyse",
            "--format",
            "ndjson",
            "--evidence",
            "--profile",
            "none",
        ])
        .arg(&path)
        .assert()
        .success();
    let mut entries = Vec::new();
    for line in String::from_utf8_lossy(&out.get_output().stdout).lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        if v["type"] == "document" {
            for m in v["matches"].as_array().unwrap() {
                entries.push(m["entry"].as_str().unwrap().to_string());
            }
        }
    }
    entries
}

#[test]
fn phrases_match_across_a_hard_wrapped_line_but_not_after_a_title() {
    let fi = "Meiltä odotetaan aina, että vastaamme puhelimeen myös virka-ajan\n\
              ulkopuolella, vaikka siitä ei makseta mitään korvausta.\n";
    assert!(
        entries_in("fi.txt", fi).contains(&"virka-ajan ulkopuolella".to_string()),
        "{:?}",
        entries_in("fi.txt", fi)
    );
    let nl = "Mijn leidinggevende verwacht dat ik bereikbaar ben, ook buiten de\n\
              werkuren en in het weekend, en dat zonder vergoeding.\n";
    assert!(entries_in("nl.txt", nl).contains(&"buiten de werkuren".to_string()));
    // the same words split by a title line's break stay apart
    let title = "Buiten de\nwerkuren wil ik rust.\n";
    assert!(!entries_in("title.txt", title).contains(&"buiten de werkuren".to_string()));
}
