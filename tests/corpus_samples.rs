//! Every file in `corpus-samples/` states what it expects in `corpus-samples/.expectations.toml`
//! (language, encoding, the theme that must lead); this checks each one, and that every
//! sample is described.

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
#[allow(dead_code)] // shape, comments and note describe the sample for readers and later checks
struct Sample {
    file: String,
    lang: String,
    leads: String,
    encoding: String,
    shape: String,
    comments: u32,
    note: String,
}

#[test]
fn every_sample_meets_its_stated_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let text = std::fs::read_to_string(dir.join(".expectations.toml")).unwrap();
    let expected: Expectations = toml::from_str(&text).unwrap();
    let out = Command::cargo_bin("teema")
        .unwrap()
        .args(["analyse", "--format", "ndjson"])
        .arg(&dir)
        .assert()
        .success();
    let docs: BTreeMap<String, Value> = String::from_utf8_lossy(&out.get_output().stdout)
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
        .collect();
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
