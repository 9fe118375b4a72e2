//! The project's judged validation set (`validation/`) as a gate on the built-in lexicons:
//! `teema lexicon validate` must reach the precision and retention floors for every theme in
//! both languages, and every match the lexicons make on the judged documents must be judged.
//!
//! The treebank rows (`ud:...`) need the UD dev treebanks in `../shared/data/ud`; without that
//! folder the test runs on the post rows alone and says so.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The lowest precision (judged `on` / judged matches that fire) any theme may have, in either
/// language: the floor reached by lexicon version 2 (lowest 0.902), rounded down.
const MIN_PRECISION: f64 = 0.90;
/// At least this share of the matches judged `on` must still fire.
const MIN_RETAINED: f64 = 0.85;
/// Themes that must appear in the report for both languages.
const THEMES: [&str; 6] = [
    "after_hours",
    "emotional_labour",
    "introversion",
    "service_complaints",
    "social_media_work",
    "workload",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One line of the per-theme table.
#[derive(Debug)]
struct Row {
    lang: String,
    theme: String,
    n: u64,
    precision: f64,
    retained: (u64, u64),
    unjudged: u64,
}

fn parse(report: &str) -> Vec<Row> {
    report
        .lines()
        .skip_while(|l| !l.starts_with("lang theme"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            // lang theme n on topic off precision [lo, hi] on/judged unjudged
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 11, "unexpected report line: {l}");
            let (kept, on) = f[9].split_once('/').expect("on retained as k/n");
            Row {
                lang: f[0].to_string(),
                theme: f[1].to_string(),
                n: f[2].parse().unwrap(),
                precision: f[6].parse().unwrap(),
                retained: (kept.parse().unwrap(), on.parse().unwrap()),
                unjudged: f[10].parse().unwrap(),
            }
        })
        .collect()
}

/// The judged file to run: all rows with the treebanks, the post rows alone without them.
fn judged(ud: &Path) -> (PathBuf, bool) {
    let all = root().join("validation/judged.csv");
    if ud.is_dir() {
        return (all, true);
    }
    let text = std::fs::read_to_string(&all).unwrap();
    let posts: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || !l.starts_with("ud,"))
        .filter(|(_, l)| !l.contains(",ud:"))
        .map(|(_, l)| l)
        .collect();
    let path = std::env::temp_dir().join(format!("teema-judged-posts-{}.csv", std::process::id()));
    std::fs::write(&path, posts.join("\n") + "\n").unwrap();
    (path, false)
}

#[test]
fn the_builtin_lexicons_pass_the_judged_validation_set() {
    let ud = root().join("../shared/data/ud");
    let (judged, with_ud) = judged(&ud);
    if !with_ud {
        eprintln!(
            "{} not found: skipping the treebank rows, validating the post rows only",
            ud.display()
        );
    }
    let mut cmd = Command::cargo_bin("teema").unwrap();
    cmd.current_dir(root())
        .args(["lexicon", "validate"])
        .arg(&judged)
        .args(["--labels", "validation/posts/labels.csv"])
        .args(["--min-precision", &MIN_PRECISION.to_string()])
        .args(["--min-retained", &MIN_RETAINED.to_string()]);
    if with_ud {
        cmd.arg("--ud").arg(&ud);
    }
    let out = cmd.output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "validate failed:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = parse(&report);
    for lang in ["fi", "nl"] {
        for theme in THEMES {
            assert!(
                rows.iter()
                    .any(|r| r.lang == lang && r.theme == theme && r.n > 0),
                "{lang} {theme} has no judged matches that fire:\n{report}"
            );
        }
    }
    for r in &rows {
        assert!(
            r.precision >= MIN_PRECISION,
            "{} {}: precision {} < {MIN_PRECISION}\n{report}",
            r.lang,
            r.theme,
            r.precision
        );
        let (kept, on) = r.retained;
        assert!(
            kept as f64 >= MIN_RETAINED * on as f64,
            "{} {}: {kept}/{on} judged `on` matches still fire\n{report}",
            r.lang,
            r.theme
        );
        assert_eq!(
            r.unjudged, 0,
            "{} {}: {} matches fire but were never judged: judge them in validation/judged.csv\n{report}",
            r.lang, r.theme, r.unjudged
        );
    }
}
