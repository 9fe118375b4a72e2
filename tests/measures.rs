//! LIWC-style measures (`wc`, `wps`, `dic`, `percent`, `score_per_1000`), short texts and the
//! per-document statistics of the summary and its groups, the run's provenance (header
//! `options`, the csv sidecar), checked against values worked out by hand on a small corpus
//! this test writes; and the same bytes for one and two threads.
//!
//! The corpus: two themes of exact entries, so that every match is plain to see.
//! `alpha`: `kahvi` (weight 2) and the phrase `iso kuppi` (weight 0.5); `beta`: `maito`.
//! Five posts (JSON Lines, `--lang fi --profile none --min-words 5`), `sana` being a word
//! no entry matches:
//!
//! | id | author | words | sentences | alpha hits (score) | beta | words in matches |
//! |----|--------|-------|-----------|--------------------|------|------------------|
//! | r1 | anna   | 10    | 1         | 1 (2)              | 0    | 1                |
//! | r2 | anna   | 20    | 4         | 2 (2.5)            | 1    | 4 (iso, kuppi, kahvi, maito) |
//! | r3 | anna   | 40    | 1         | 0                  | 0    | 0                |
//! | r4 | bert   | 1     | 1         | 1 (2)              | 0    | 1  (short: 1 < 5) |
//! | r5 | bert   | 10    | 1         | 2 (4)              | 0    | 2                |

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

mod common;

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

fn ndjson(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// Writes the lexicons and the posts; returns (lexicon folder, posts file).
fn corpus(dir: &Path) -> (PathBuf, PathBuf) {
    let lex = dir.join("lex");
    fs::create_dir_all(&lex).unwrap();
    fs::write(
        lex.join("alpha.toml"),
        "id = \"alpha\"\nlabel = \"Alpha\"\nversion = \"1\"\n\n[fi]\nentries = [\
         { term = \"=kahvi\", weight = 2.0 }, { term = \"iso kuppi\", weight = 0.5 }]\n\n\
         [nl]\nentries = [\"=koffie\"]\n",
    )
    .unwrap();
    fs::write(
        lex.join("beta.toml"),
        "id = \"beta\"\nlabel = \"Beta\"\nversion = \"1\"\n\n[fi]\nentries = [\"=maito\"]\n\n\
         [nl]\nentries = [\"=melk\"]\n",
    )
    .unwrap();
    let five = "sana sana sana sana sana";
    let forty = [five; 8].join(" ");
    let posts = [
        (
            "r1",
            "anna",
            "kahvi sana sana sana sana sana sana sana sana sana.".to_string(),
        ),
        (
            "r2",
            "anna",
            "iso kuppi kahvi sana sana. sana sana sana sana sana. sana sana sana sana sana. \
             sana sana sana sana maito."
                .to_string(),
        ),
        ("r3", "anna", format!("{forty}.")),
        ("r4", "bert", "kahvi.".to_string()),
        (
            "r5",
            "bert",
            "kahvi kahvi sana sana sana sana sana sana sana sana.".to_string(),
        ),
    ];
    let lines: String = posts
        .iter()
        .map(|(id, author, text)| {
            let v = serde_json::json!({"id": id, "author": author, "text": text});
            format!("{v}\n")
        })
        .collect();
    let file = dir.join("posts.jsonl");
    fs::write(&file, lines).unwrap();
    (lex, file)
}

/// `teema analyse` on the corpus with the common flags (`--min-words 5` unless `extra` sets
/// it) and `extra`.
fn run(dir: &Path, extra: &[&str]) -> std::process::Output {
    let (lex, posts) = corpus(dir);
    let min_words: &[&str] = match extra.contains(&"--min-words") {
        true => &[],
        false => &["--min-words", "5"],
    };
    let out = teema()
        .current_dir(dir)
        .arg("analyse")
        .arg(&posts)
        .args(["--input", "jsonl", "--lang", "fi", "--profile", "none"])
        .args(min_words)
        .args(["--group-by", "author", "--lexicon"])
        .arg(&lex)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

#[test]
fn documents_carry_the_measures() {
    let dir = tempfile::tempdir().unwrap();
    let lines = ndjson(&run(dir.path(), &["--format", "ndjson"]).stdout);
    let docs: Vec<&Value> = lines.iter().filter(|l| l["type"] == "document").collect();
    assert_eq!(docs.len(), 5);
    // (wc, sentences, wps, dic, short, alpha: hits, score, per_1000, percent, score_per_1000)
    let expected = [
        (10, 1, 10.0, 10.0, false, 1, 2.0, 100.0, 10.0, 200.0),
        (20, 4, 5.0, 20.0, false, 2, 2.5, 100.0, 10.0, 125.0),
        (40, 1, 40.0, 0.0, false, 0, 0.0, 0.0, 0.0, 0.0),
        (1, 1, 1.0, 100.0, true, 1, 2.0, 1000.0, 100.0, 2000.0),
        (10, 1, 10.0, 20.0, false, 2, 4.0, 200.0, 20.0, 400.0),
    ];
    for (doc, e) in docs.iter().zip(expected) {
        let id = &doc["record"]["id"];
        assert_eq!(doc["wc"], e.0, "{id}");
        assert_eq!(doc["tokens"], doc["wc"], "{id}: wc counts the tokens");
        assert_eq!(doc["sentences"], e.1, "{id}");
        assert_eq!(f(&doc["wps"]), e.2, "{id}");
        assert_eq!(f(&doc["dic"]), e.3, "{id}");
        assert_eq!(doc["short"], e.4, "{id}");
        let a = &doc["themes"]["alpha"];
        assert_eq!(a["hits"], e.5, "{id}");
        assert_eq!(f(&a["score"]), e.6, "{id}");
        assert_eq!(f(&a["per_1000"]), e.7, "{id}");
        assert_eq!(f(&a["percent"]), e.8, "{id}");
        assert_eq!(f(&a["score_per_1000"]), e.9, "{id}");
    }
    // r2's maito: 1 of 20 words
    assert_eq!(f(&docs[1]["themes"]["beta"]["percent"]), 5.0);
}

#[test]
fn summary_and_groups_carry_measures_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let lines = ndjson(&run(dir.path(), &["--format", "ndjson"]).stdout);
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    // 81 words, 8 sentences, 8 words in matches (1 + 4 + 0 + 1 + 2), r4 short
    assert_eq!(summary["wc"], 81);
    assert_eq!(summary["sentences"], 8);
    assert_eq!(f(&summary["wps"]), 10.125);
    assert_eq!(summary["dic_words"], 8);
    assert_eq!(f(&summary["dic"]), 9.88); // 800 / 81 = 9.8765…
    assert_eq!(summary["short"], 1);
    let a = &summary["themes"]["alpha"];
    assert_eq!(a["hits"], 6);
    assert_eq!(f(&a["per_1000"]), 74.074); // 6000 / 81
    assert_eq!(f(&a["percent"]), 7.4074);
    assert_eq!(f(&a["score"]), 10.5); // 2 + 2.5 + 2 + 4
    assert_eq!(f(&a["score_per_1000"]), 129.63); // 10500 / 81 = 129.6296…
    // per document, r4 (short) left out: rates 100, 100, 0, 200
    let d = &a["per_document"];
    assert_eq!(d["n"], 4);
    assert_eq!(f(&d["mean"]), 100.0);
    // deviations 0, 0, -100, 100: sqrt(20000 / 3)
    assert_eq!(f(&d["sd"]), 81.65);
    assert_eq!(f(&d["median"]), 100.0);
    assert_eq!(f(&d["pooled"]), 62.5); // 5 / 80 words
    // r = 5/80; residuals h - r·w: 0.375, 0.75, -2.5, 1.375; their squares sum to 8.84375;
    // SE = sqrt(4/3 · 8.84375) / 80 = 0.04292; t(0.975, 3) = 3.18245;
    // 62.5 ± 136.603 per 1,000, the lower end held at 0
    assert_eq!(f(&d["ci95_low"]), 0.0);
    assert_eq!(f(&d["ci95_high"]), 199.103);
    // beta: rates 0, 50, 0, 0 → mean 12.5, sd 25, median 0; r = 1/80, residuals -0.125,
    // 0.75, -0.5, -0.125, squares 0.84375: 12.5 + 3.18245 · sqrt(4/3 · 0.84375) / 80 · 1000
    let b = &summary["themes"]["beta"]["per_document"];
    assert_eq!(
        (f(&b["mean"]), f(&b["sd"]), f(&b["median"])),
        (12.5, 25.0, 0.0)
    );
    assert_eq!(f(&b["ci95_high"]), 54.694);

    let anna = &summary["groups"]["author"]["anna"];
    assert_eq!(
        (anna["documents"].as_u64(), anna["wc"].as_u64()),
        (Some(3), Some(70))
    );
    assert_eq!(anna["sentences"], 6);
    assert_eq!(f(&anna["wps"]), 11.667);
    assert_eq!(f(&anna["dic"]), 7.14); // 5 / 70
    assert_eq!(anna["short"], 0);
    let a = &anna["themes"]["alpha"];
    assert_eq!(f(&a["score"]), 4.5);
    assert_eq!(f(&a["score_per_1000"]), 64.286);
    assert_eq!(f(&a["percent"]), 4.2857);
    let d = &a["per_document"];
    // rates 100, 100, 0: mean 66.667, sd sqrt(((100/3)² · 2 + (200/3)²) / 2) = 57.735
    assert_eq!(d["n"], 3);
    assert_eq!(
        (f(&d["mean"]), f(&d["sd"]), f(&d["median"])),
        (66.667, 57.735, 100.0)
    );
    // r = 3/70; residuals 4/7, 8/7, -12/7, squares 224/49; SE = sqrt(3/2 · 224/49) / 70;
    // t(0.975, 2) = 4.30265: 42.857 + 160.957
    assert_eq!(f(&d["pooled"]), 42.857);
    assert_eq!(f(&d["ci95_high"]), 203.814);
    // bert: r4 is short, so one document is left: no spread, no interval
    let bert = &summary["groups"]["author"]["bert"];
    assert_eq!(bert["short"], 1);
    let d = &bert["themes"]["alpha"]["per_document"];
    assert_eq!(d["n"], 1);
    assert_eq!((f(&d["mean"]), f(&d["median"])), (200.0, 200.0));
    assert!(d["sd"].is_null() && d["ci95_low"].is_null() && d["ci95_high"].is_null());
    // the pooled rate of all of bert's words still counts r4
    assert_eq!(f(&bert["themes"]["alpha"]["per_1000"]), 272.727);
}

#[test]
fn include_short_brings_short_documents_into_the_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let lines = ndjson(&run(dir.path(), &["--format", "ndjson", "--include-short"]).stdout);
    let summary = lines.last().unwrap();
    let d = &summary["themes"]["alpha"]["per_document"];
    // rates 100, 100, 0, 1000, 200
    assert_eq!(d["n"], 5);
    assert_eq!((f(&d["mean"]), f(&d["median"])), (280.0, 100.0));
    assert_eq!(f(&d["pooled"]), 74.074);
    // residuals 1 - 10r, 2 - 20r, -40r, 1 - r, 2 - 10r with r = 6/81; t(0.975, 4) = 2.77645
    assert_eq!(f(&d["ci95_high"]), 204.363);
    assert_eq!(summary["short"], 1, "still marked short");
    let bert = &summary["groups"]["author"]["bert"]["themes"]["alpha"]["per_document"];
    assert_eq!(bert["n"], 2);
    assert_eq!(f(&bert["mean"]), 600.0);
    // and a lower threshold marks nothing short
    let lines = ndjson(&run(dir.path(), &["--format", "ndjson", "--min-words", "1"]).stdout);
    assert_eq!(lines.last().unwrap()["short"], 0);
    assert!(lines.iter().all(|l| l["short"] != true));
}

#[test]
fn negated_matches_left_out_leave_dic_too() {
    let dir = tempfile::tempdir().unwrap();
    let (lex, _) = corpus(dir.path());
    let dic = |negation: &str| {
        let out = teema()
            .args([
                "analyse",
                "-",
                "--lang",
                "fi",
                "--format",
                "ndjson",
                "--lexicon",
            ])
            .arg(&lex)
            .args(["--negation", negation])
            .write_stdin("ei ole kahvi. iso kuppi.")
            .output()
            .unwrap();
        let doc = ndjson(&out.stdout)[1].clone();
        (
            f(&doc["dic"]),
            doc["themes"]["alpha"]["hits"].as_u64().unwrap(),
        )
    };
    // 5 words (ei, ole, kahvi, iso, kuppi); `kahvi` is negated (`ei` scopes to the end of
    // its clause), `iso kuppi` is not: 3 words in matches, or 2 when negated ones are left out
    assert_eq!(dic("count"), (60.0, 2));
    assert_eq!(dic("exclude"), (40.0, 1));
    // separate: the negated hit counts in alpha_neg, whose words are dictionary words too
    assert_eq!(dic("separate"), (60.0, 1));
}

#[test]
fn segments_carry_the_measures() {
    let dir = tempfile::tempdir().unwrap();
    let lines = ndjson(&run(dir.path(), &["--format", "ndjson", "--unit", "segment"]).stdout);
    let segs: Vec<&Value> = lines.iter().filter(|l| l["type"] == "segment").collect();
    assert_eq!(segs.len(), 5, "--profile none: one post per document");
    let r2 = segs[1];
    assert_eq!(
        (r2["wc"].as_u64(), r2["sentences"].as_u64()),
        (Some(20), Some(4))
    );
    assert_eq!((f(&r2["wps"]), f(&r2["dic"])), (5.0, 20.0));
    assert_eq!(r2["short"], false);
    assert_eq!(f(&r2["themes"]["alpha"]["score_per_1000"]), 125.0);
    assert_eq!(segs[3]["short"], true);

    // a page with comments and a quote: a segment's measures are its own
    let measures = |args: &[&str]| {
        let out = teema()
            .arg("analyse")
            .arg(common::samples().join("nl-forum-borrels.txt"))
            .args(args)
            .output()
            .unwrap();
        ndjson(&out.stdout)
    };
    let lines = measures(&[
        "--format",
        "ndjson",
        "--unit",
        "segment",
        "--min-words",
        "25",
    ]);
    let segs: Vec<&Value> = lines.iter().filter(|l| l["type"] == "segment").collect();
    assert!(segs.len() > 3);
    for s in &segs {
        assert_eq!(s["wc"], s["tokens"]);
        let wc = s["wc"].as_u64().unwrap();
        assert_eq!(s["short"], wc < 25, "{s}");
        let sentences = s["sentences"].as_u64().unwrap();
        assert!(sentences <= wc.max(1));
        if sentences > 0 {
            let wps = wc as f64 / sentences as f64;
            assert!((f(&s["wps"]) - wps).abs() < 0.001);
        }
    }
    // in --unit document, segments are listed without their measures
    let lines = measures(&["--format", "ndjson"]);
    let doc = &lines[1];
    assert!(doc["segments"][0].get("wc").is_none());
}

#[test]
fn csv_rows_and_the_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("scores.csv");
    let out = run(
        dir.path(),
        &["--format", "csv", "-o", "scores.csv", "--field", "author"],
    );
    assert!(out.stdout.is_empty());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("sidecar"),
        "no note when the sidecar is written"
    );
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let r2 = &rows[1];
    assert_eq!(&r2[col("id")], "r2");
    for (name, value) in [
        ("wc", "20"),
        ("sentences", "4"),
        ("wps", "5"),
        ("dic", "20"),
        ("short", "false"),
        ("alpha_hits", "2"),
        ("alpha_percent", "10"),
        ("alpha_score", "2.5"),
        ("alpha_score_per_1000", "125"),
        ("beta_percent", "5"),
    ] {
        assert_eq!(&r2[col(name)], value, "{name}");
    }
    assert_eq!(&rows[3][col("short")], "true");

    let meta: Value =
        serde_json::from_slice(&fs::read(dir.path().join("scores.csv.meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["schema"], teema::report::SCHEMA);
    assert_eq!(meta["format"], "csv");
    assert_eq!(meta["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let alpha = fs::read(dir.path().join("lex/alpha.toml")).unwrap();
    assert_eq!(
        meta["lexicons"][0]["sha256"],
        teema::lexicon::sha256_hex(&alpha)
    );
    let options = &meta["options"];
    assert_eq!(options["min_words"], 5);
    assert_eq!(options["include_short"], false);
    assert_eq!(options["lang"], "fi");
    assert_eq!(options["profile"], "none");
    assert_eq!(options["input"], "jsonl");
    assert_eq!(options["group_by"], serde_json::json!(["author"]));
    assert!(options["lexicons"][0].as_str().unwrap().ends_with("lex"));
    assert_eq!(meta["morphology"], "paradigms");
    assert_eq!(meta["negation"], "count");
    // the summary is the ndjson report's, groups and intervals included
    let lines = ndjson(&run(dir.path(), &["--format", "ndjson"]).stdout);
    let mut summary = lines.last().unwrap().clone();
    summary.as_object_mut().unwrap().remove("type");
    assert_eq!(meta["summary"], summary);
    assert_eq!(meta["skipped"], serde_json::json!([]));
    // json and ndjson headers record the same options
    assert_eq!(lines[0]["options"], *options);
}

#[test]
fn csv_on_standard_output_says_how_to_get_the_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--format", "csv"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--meta FILE"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("path,record_line,id,"));
    let out = run(dir.path(), &["--format", "csv", "-q"]);
    assert!(out.stderr.is_empty());
    let out = run(dir.path(), &["--format", "csv", "--meta", "run.json"]);
    assert!(out.stderr.is_empty());
    let meta: Value =
        serde_json::from_slice(&fs::read(dir.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(meta["summary"]["wc"], 81);
    // a json report to a file gets no sidecar unless asked
    run(dir.path(), &["-o", "r.json"]);
    assert!(!dir.path().join("r.json.meta.json").exists());
}

#[test]
fn one_and_two_threads_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let samples = common::samples();
    for args in [
        &["--format", "json", "--group-by", "lang"][..],
        &[
            "--format",
            "ndjson",
            "--unit",
            "segment",
            "--group-by",
            "lang",
            "--group-by",
            "author",
        ],
        &[
            "--format",
            "csv",
            "--group-by",
            "lang",
            "--min-words",
            "100",
        ],
    ] {
        let mut outputs = Vec::new();
        for threads in ["1", "2"] {
            let out = dir.path().join(format!("out{threads}"));
            teema()
                .arg("analyse")
                .arg(&samples)
                .args(args)
                .args(["--threads", threads, "-o"])
                .arg(&out)
                .assert()
                .success();
            let mut bytes = fs::read(&out).unwrap();
            if let Ok(meta) = fs::read(format!("{}.meta.json", out.display())) {
                bytes.extend(meta);
            }
            outputs.push(bytes);
        }
        assert_eq!(outputs[0], outputs[1], "{args:?}");
    }
}

fn python_with_duckdb() -> bool {
    let ok = Std::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 -m duckdb is required under CI (.ci/run installs it)"
        );
        eprintln!("skipping: python3 -m duckdb is not installed");
    }
    ok
}

#[test]
fn duckdb_reads_the_measures_and_the_group_intervals() {
    if !python_with_duckdb() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["--format", "csv", "-o", "scores.csv"]);
    run(dir.path(), &["--format", "ndjson", "-o", "report.ndjson"]);
    let script = r#"
import duckdb
con = duckdb.connect()
print(con.execute("""
    select sum(wc)::int, sum(short::int)::int, max(dic)::double, sum(alpha_score)::double,
           max(alpha_score_per_1000)::double
    from read_csv('scores.csv')""").fetchone())
print(con.execute("""
    select record.id, wc, wps, themes.alpha.percent
    from read_json_auto('report.ndjson', format='newline_delimited', union_by_name=true)
    where type = 'document' and record.id = 'r2'""").fetchone())
print(con.execute("""
    select summary.groups.author.anna.themes.alpha.per_document.n,
           summary.groups.author.anna.themes.alpha.per_document.ci95_low,
           summary.groups.author.anna.themes.alpha.per_document.ci95_high,
           summary.themes.alpha.per_document.sd
    from read_json_auto('scores.csv.meta.json')""").fetchone())
"#;
    let out = Std::new("python3")
        .current_dir(dir.path())
        .args(["-c", script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "(81, 1, 100.0, 10.5, 2000.0)");
    assert_eq!(lines[1], "('r2', 20, 5.0, 10.0)");
    assert_eq!(lines[2], "(3, 0.0, 203.814, 81.65)");
}
