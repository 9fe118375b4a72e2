//! Every file in `corpus-samples/` states what it expects in `corpus-samples/.expectations.toml`
//! (language, encoding, the theme that must lead, its page shape, number of comments, lines
//! of site chrome); this checks each one, and that every sample is described.

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct Expectations {
    sample: Vec<Sample>,
}

#[derive(Deserialize)]
#[allow(dead_code)] // the note describes the sample for readers
struct Sample {
    file: String,
    lang: String,
    leads: String,
    encoding: String,
    /// forum, blogger, wordpress or plain: the site profile that must recognise it
    /// (records: JSON Lines, see tests/records.rs).
    shape: String,
    comments: u64,
    /// Text of the original that must lie in a boilerplate segment.
    #[serde(default)]
    chrome: Vec<String>,
    /// A theme that the page's chrome would inflate if it were counted.
    chrome_inflates: Option<String>,
    note: String,
}

fn expectations() -> (std::path::PathBuf, Expectations) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let text = std::fs::read_to_string(dir.join(".expectations.toml")).unwrap();
    (dir, toml::from_str(&text).unwrap())
}

/// The document records of `teema analyse corpus-samples/ --format ndjson ARGS`, by file name.
fn documents(dir: &Path, args: &[&str]) -> BTreeMap<String, Value> {
    let out = Command::cargo_bin("teema")
        .unwrap()
        .args(["analyse", "--format", "ndjson"])
        .args(args)
        .arg(dir)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "document")
        .map(|v| {
            let name = Path::new(v["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, v)
        })
        .collect()
}

fn hits(themes: &Value, theme: &str) -> u64 {
    themes[theme]["hits"].as_u64().unwrap_or(0)
}

#[test]
fn segments_profiles_and_chrome_are_as_stated() {
    let (dir, expected) = expectations();
    let docs = documents(&dir, &[]);
    let kept = documents(&dir, &["--keep-boilerplate"]);
    let mut failures = Vec::new();
    let mut chrome_checked = 0;
    // JSON Lines samples (shape "records") are pages only when read with --input jsonl:
    // tests/records.rs checks those.
    for s in expected.sample.iter().filter(|s| s.shape != "records") {
        let doc = &docs[&s.file];
        let profile = match s.shape.as_str() {
            "plain" => "generic",
            shape => shape,
        };
        if doc["profile"] != profile {
            failures.push(format!(
                "{}: profile {} (expected {profile})",
                s.file, doc["profile"]
            ));
        }
        let comments = doc["parts"]["comment"]["segments"].as_u64().unwrap_or(0);
        if comments != s.comments {
            failures.push(format!(
                "{}: {comments} comments (expected {})",
                s.file, s.comments
            ));
        }
        // each stated piece of chrome lies inside a boilerplate span
        let bytes = std::fs::read(dir.join(&s.file)).unwrap();
        for piece in &s.chrome {
            let needle: Vec<u8> = if s.encoding == "utf-8" {
                piece.as_bytes().to_vec()
            } else {
                piece
                    .chars()
                    .map(|c| u8::try_from(u32::from(c)).unwrap())
                    .collect()
            };
            let Some(at) = bytes.windows(needle.len()).position(|w| w == needle) else {
                failures.push(format!("{}: {piece:?} is not in the file", s.file));
                continue;
            };
            let inside = doc["segments"].as_array().unwrap().iter().any(|seg| {
                seg["kind"] == "boilerplate"
                    && seg["spans"].as_array().unwrap().iter().any(|span| {
                        let (a, b) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
                        a as usize <= at && at + needle.len() <= b as usize
                    })
            });
            if !inside {
                failures.push(format!(
                    "{}: {piece:?} is not in a boilerplate segment",
                    s.file
                ));
            }
            chrome_checked += 1;
        }
        // --keep-boilerplate adds exactly the boilerplate's hits to the document's
        let keep = &kept[&s.file];
        for theme in doc["themes"].as_object().unwrap().keys() {
            let chrome = hits(&doc["parts"]["boilerplate"]["themes"], theme);
            let (without, with) = (hits(&doc["themes"], theme), hits(&keep["themes"], theme));
            if with != without + chrome {
                failures.push(format!(
                    "{}: {theme}: {with} hits with chrome, {without} without, {chrome} in chrome",
                    s.file
                ));
            }
        }
        if let Some(theme) = &s.chrome_inflates {
            let (without, with) = (hits(&doc["themes"], theme), hits(&keep["themes"], theme));
            let rate = |d: &Value| d["themes"][theme]["per_1000"].as_f64().unwrap();
            if with <= without || rate(keep) <= rate(doc) {
                failures.push(format!(
                    "{}: chrome should inflate {theme}: {with} hits with, {without} without",
                    s.file
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(
        chrome_checked >= 20,
        "only {chrome_checked} pieces of chrome stated"
    );
}

#[test]
fn every_sample_meets_its_stated_expectations() {
    let (dir, expected) = expectations();
    let docs = documents(&dir, &[]);
    let described: Vec<&str> = expected.sample.iter().map(|s| s.file.as_str()).collect();
    let analysed: Vec<&str> = docs.keys().map(String::as_str).collect();
    let mut described_sorted = described.clone();
    described_sorted.sort();
    assert_eq!(
        analysed, described_sorted,
        "every sample is described, and only samples"
    );

    let mut failures = Vec::new();
    for s in &expected.sample {
        let doc = &docs[&s.file];
        if s.lang != "any" && doc["lang"] != s.lang.as_str() {
            failures.push(format!(
                "{}: lang {} (expected {})",
                s.file, doc["lang"], s.lang
            ));
        }
        if doc["encoding"] != s.encoding.as_str() {
            failures.push(format!(
                "{}: encoding {} (expected {})",
                s.file, doc["encoding"], s.encoding
            ));
        }
        let themes = doc["themes"].as_object().unwrap();
        let score = |id: &str| themes[id]["score"].as_f64().unwrap();
        let lead = themes
            .keys()
            .max_by(|a, b| score(a).total_cmp(&score(b)).then(b.cmp(a)))
            .unwrap();
        let total: f64 = themes.keys().map(|k| score(k)).sum();
        if s.leads == "none" {
            if total > 0.0 {
                failures.push(format!(
                    "{}: expected no theme, found {lead} {}",
                    s.file,
                    score(lead)
                ));
            }
        } else {
            let runner_up = themes
                .keys()
                .filter(|k| *k != &s.leads)
                .map(|k| score(k))
                .fold(0.0, f64::max);
            if lead != &s.leads || score(&s.leads) <= runner_up {
                let all: Vec<String> = themes.keys().map(|k| format!("{k}={}", score(k))).collect();
                failures.push(format!(
                    "{}: expected {} to lead; scores {}",
                    s.file,
                    s.leads,
                    all.join(" ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
