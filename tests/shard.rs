//! `teema analyse --shard I/N` and `teema merge`: N shards merged, in any order, give the
//! bytes of one run over all the inputs (corpus samples, records with skipped lines and
//! groups, generated corpora); missing, doubled and mismatched parts are refused; records
//! piped in stream out one result per line; the GNU parallel template covers every document.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixed shuffle (a small LCG), so the parts reach `teema merge` out of order.
fn shuffled<T>(mut v: Vec<T>, seed: u64) -> Vec<T> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..v.len()).rev() {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((x >> 33) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

/// One run over everything with `args`, as bytes.
fn single(args: &[&str], dir: &Path) -> Vec<u8> {
    let out = teema()
        .current_dir(dir)
        .args(["analyse", "-q", "--threads", "1"])
        .args(args)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 2)), "{out:?}");
    out.stdout
}

/// N shard runs with `args`, each writing `parts/part-I.EXT`; returns the part paths.
fn shards(args: &[&str], dir: &Path, n: u32, ext: &str, parts: &Path) -> Vec<PathBuf> {
    fs::create_dir_all(parts).unwrap();
    (1..=n)
        .map(|i| {
            let part = parts.join(format!("part-{i}.{ext}"));
            let out = teema()
                .current_dir(dir)
                .args(["analyse", "-q", "--threads", "2"])
                .args(args)
                .arg("--shard")
                .arg(format!("{i}/{n}"))
                .arg("-o")
                .arg(&part)
                .output()
                .unwrap();
            assert!(matches!(out.status.code(), Some(0 | 2)), "{out:?}");
            part
        })
        .collect()
}

fn merge(parts: &[PathBuf], extra: &[&str]) -> std::process::Output {
    teema()
        .arg("merge")
        .args(parts)
        .args(extra)
        .output()
        .unwrap()
}

fn merged(parts: &[PathBuf], extra: &[&str]) -> Vec<u8> {
    let out = merge(parts, extra);
    assert!(matches!(out.status.code(), Some(0 | 2)), "{out:?}");
    out.stdout
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

/// Asserts equal bytes, showing the first line that differs.
fn same(a: &[u8], b: &[u8], what: &str) {
    if a != b {
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        let at = a.lines().zip(b.lines()).position(|(x, y)| x != y);
        panic!(
            "{what}: merged report ({} bytes) differs from the single run ({} bytes) (line \
             {at:?}):\n{:?}\n{:?}",
            a.len(),
            b.len(),
            at.and_then(|i| a.lines().nth(i))
                .map(|l| &l[..l.len().min(300)]),
            at.and_then(|i| b.lines().nth(i))
                .map(|l| &l[..l.len().min(300)]),
        );
    }
}

/// Shards and merges `args` over N = 1, 3, 7, json and ndjson parts, merged to json,
/// ndjson and csv (`csv`: its extra options; `None`: no csv, as with `--evidence`); each
/// must be the single run's bytes. Returns the single json report.
fn check_equal(args: &[&str], dir: &Path, work: &Path, csv: Option<&[&str]>) -> Value {
    let one_json = single(&[args, &["--format", "json"]].concat(), dir);
    let one_ndjson = single(&[args, &["--format", "ndjson"]].concat(), dir);
    let one_csv = csv.map(|csv| single(&[args, csv, &["--format", "csv"]].concat(), dir));
    let csv = csv.unwrap_or_default();
    let report = json(&one_json);
    let documents = report["summary"]["documents"].as_u64().unwrap();
    let skipped = report["summary"]["skipped"].as_u64().unwrap();
    for n in [1u32, 3, 7] {
        for (k, ext) in ["json", "ndjson"].into_iter().enumerate() {
            let parts_dir = work.join(format!("n{n}-{ext}"));
            let part_args = [args, csv, &["--format", ext]].concat();
            let parts = shards(&part_args, dir, n, ext, &parts_dir);
            // every input is in exactly one part
            let (mut docs, mut skips) = (0, 0);
            for p in &parts {
                let text = fs::read_to_string(p).unwrap();
                let summary = match ext {
                    "json" => json(text.as_bytes())["summary"].clone(),
                    _ => serde_json::from_str(text.lines().last().unwrap()).unwrap(),
                };
                docs += summary["documents"].as_u64().unwrap();
                skips += summary["skipped"].as_u64().unwrap();
            }
            assert_eq!(
                (docs, skips),
                (documents, skipped),
                "N = {n}: shards' counts"
            );
            let parts = shuffled(parts, u64::from(n) * 10 + k as u64);
            let what = format!("N = {n}, {ext} parts");
            same(&merged(&parts, &["--format", "json"]), &one_json, &what);
            same(&merged(&parts, &["--format", "ndjson"]), &one_ndjson, &what);
            if let Some(one_csv) = &one_csv {
                same(&merged(&parts, &["--format", "csv"]), one_csv, &what);
            }
        }
    }
    report
}

#[test]
fn corpus_samples_sharded_and_merged_equal_one_run() {
    let work = tempfile::tempdir().unwrap();
    let report = check_equal(
        &["corpus-samples", "--group-by", "lang"],
        &root(),
        &work.path().join("plain"),
        Some(&[]),
    );
    assert!(report["summary"]["documents"].as_u64().unwrap() >= 10);
    let report = check_equal(
        &["corpus-samples", "--evidence"],
        &root(),
        &work.path().join("evidence"),
        None,
    );
    assert!(report["documents"][0]["matches"].is_array());
}

#[test]
fn corpus_samples_by_segment_with_separate_negation() {
    let work = tempfile::tempdir().unwrap();
    let dir = root();
    let args = [
        "corpus-samples",
        "--unit",
        "segment",
        "--negation",
        "separate",
    ];
    // --unit segment: json parts only (an ndjson part must hold whole documents)
    let out = teema()
        .current_dir(&dir)
        .arg("analyse")
        .args(args)
        .args(["--shard", "1/2", "--format", "ndjson"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let one = single(&[&args[..], &["--format", "ndjson"]].concat(), &dir);
    let one_json = single(&[&args[..], &["--format", "json"]].concat(), &dir);
    let parts = shards(
        &[&args[..], &["--format", "json"]].concat(),
        &dir,
        3,
        "json",
        work.path(),
    );
    let parts = shuffled(parts, 5);
    same(&merged(&parts, &["--format", "ndjson"]), &one, "segments");
    same(
        &merged(&parts, &["--format", "json"]),
        &one_json,
        "segments, json",
    );
    assert!(String::from_utf8_lossy(&one).contains("\"after_hours_neg\""));
}

/// JSON Lines records, with lines that are skipped, a file that is not JSON, groups by a
/// record field and by month, and a csv column.
#[test]
fn records_with_skipped_lines_and_groups() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("data");
    fs::create_dir_all(dir.join("b")).unwrap();
    let mut lines = String::new();
    let texts = [
        "Töissä taas iltaisin, ylitöitä ja päivystystä viikonloppuna.",
        "Ik werk vaak over na werktijd en neem de telefoon op in het weekend.",
        "Asiakas huusi puhelimessa ja minun piti silti hymyillä.",
        "Mijn leidinggevende mailt om elf uur 's avonds.",
    ];
    for i in 0..40 {
        if i % 13 == 5 {
            lines.push_str("{\"id\": broken\n");
            continue;
        }
        if i % 17 == 3 {
            lines.push_str(&format!("{{\"id\":{i},\"text\":{i}}}\n"));
            continue;
        }
        let author = ["anna", "bram", "", "null"][i % 4];
        let author = match author {
            "" => String::new(),
            "null" => ",\"author\":null".into(),
            a => format!(",\"author\":\"{a}\""),
        };
        lines.push_str(&format!(
            "{{\"id\":{i}{author},\"timestamp\":\"2024-0{}-1{}T10:00\",\"text\":\"{} ({i})\"}}\n",
            1 + i % 3,
            i % 9,
            texts[i % 4]
        ));
    }
    fs::write(dir.join("posts.jsonl"), &lines).unwrap();
    fs::write(
        dir.join("b/more.jsonl"),
        lines.lines().take(9).collect::<Vec<_>>().join("\n"),
    )
    .unwrap();
    fs::write(dir.join("b/binary.jsonl"), b"\x00\x01\x02").unwrap();
    let args = [
        "data",
        "--input",
        "jsonl",
        "--group-by",
        "author",
        "--group-by",
        "timestamp:month",
    ];
    let report = check_equal(
        &args,
        work.path(),
        &work.path().join("parts"),
        Some(&["--field", "author"]),
    );
    assert!(report["summary"]["skipped"].as_u64().unwrap() >= 4);
    // csv written to a file: the merge writes the sidecar a run writes, FILE.meta.json
    let w = work.path();
    let csv_args = [
        &args[..],
        &["--field", "author", "--format", "csv", "-o", "one.csv"],
    ]
    .concat();
    single(&csv_args, w);
    let part_args = [&args[..], &["--field", "author", "--format", "json"]].concat();
    let parts = shards(&part_args, w, 3, "json", &w.join("meta"));
    let merged_csv = w.join("merged.csv");
    let out = teema()
        .arg("merge")
        .args(shuffled(parts, 3))
        .args(["--format", "csv", "-o"])
        .arg(&merged_csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    same(
        &fs::read(&merged_csv).unwrap(),
        &fs::read(w.join("one.csv")).unwrap(),
        "csv file",
    );
    same(
        &fs::read(w.join("merged.csv.meta.json")).unwrap(),
        &fs::read(w.join("one.csv.meta.json")).unwrap(),
        "csv sidecar",
    );
    assert!(report["summary"]["documents"].as_u64().unwrap() >= 35);
}

/// `../shared/tools/make_corpus.py` files (2,000 here; `TEEMA_SHARD_FILES=20000` in CI's
/// `.ci/run`), sharded with N = 1, 3, 7, merged in shuffled order: the single run's bytes.
#[test]
fn generated_corpus_sharded_and_merged_equal_one_run() {
    let files: usize = std::env::var("TEEMA_SHARD_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let make = root().join("../shared/tools/make_corpus.py");
    if !make.is_file() {
        println!("skipped: ../shared/tools/make_corpus.py is not here");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    // about 660 bytes a file; make a little more, then keep the first `files`
    let mib = (files as f64 * 700.0 / 1048576.0).max(0.1);
    let status = std::process::Command::new("python3")
        .arg(&make)
        .arg(&corpus)
        .args(["--mib", &format!("{mib:.3}"), "--per-dir", "1000"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "make_corpus.py failed");
    let mut all: Vec<PathBuf> = walk(&corpus);
    all.sort();
    assert!(all.len() >= files, "{} files made", all.len());
    for extra in &all[files..] {
        fs::remove_file(extra).unwrap();
    }
    let report = check_equal(
        &["corpus"],
        work.path(),
        &work.path().join("parts"),
        Some(&[]),
    );
    assert_eq!(report["summary"]["documents"].as_u64(), Some(files as u64));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn sample_parts(work: &Path, n: u32, extra: &[&str]) -> Vec<PathBuf> {
    let args = [&["corpus-samples"][..], extra, &["--format", "json"]].concat();
    shards(&args, &root(), n, "json", work)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_missing_or_doubled_shard_is_named() {
    let work = tempfile::tempdir().unwrap();
    let parts = sample_parts(work.path(), 4, &[]);
    // shard 3 missing
    let given = [parts[0].clone(), parts[3].clone(), parts[1].clone()];
    let out = merge(&given, &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stderr(&out).contains("shard 3/4 is missing"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    // --allow-partial: merged, exit code 2, the missing shard named, and the report holds
    // the other shards' documents
    let out = merge(&given, &["--allow-partial"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("3/4"), "{}", stderr(&out));
    let report = json(&out.stdout);
    let part3 = json(&fs::read(&parts[2]).unwrap());
    let full = json(&single(&["corpus-samples"], &root()));
    assert_eq!(
        report["summary"]["documents"].as_u64().unwrap()
            + part3["summary"]["documents"].as_u64().unwrap(),
        full["summary"]["documents"].as_u64().unwrap()
    );
    // shard 2 twice: once under another name
    let copy = work.path().join("copy-of-2.json");
    fs::copy(&parts[1], &copy).unwrap();
    let out = merge(
        &[
            parts[0].clone(),
            parts[1].clone(),
            copy.clone(),
            parts[2].clone(),
            parts[3].clone(),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("shard 2/4 is given twice"), "{err}");
    assert!(err.contains("copy-of-2.json"), "{err}");
    // a part of another split
    let other = sample_parts(&work.path().join("n3"), 3, &[]);
    let out = merge(&[parts[0].clone(), other[1].clone()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("different numbers of shards"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn parts_with_other_options_lexicons_or_versions_are_refused() {
    let work = tempfile::tempdir().unwrap();
    let a = sample_parts(&work.path().join("a"), 2, &[]);
    let b = sample_parts(&work.path().join("b"), 2, &["--negation", "exclude"]);
    let out = merge(&[a[0].clone(), b[1].clone()], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("different --negation"), "{err}");
    assert!(err.contains("\"exclude\""), "{err}");

    let c = sample_parts(&work.path().join("c"), 2, &["--group-by", "lang"]);
    let out = merge(&[a[0].clone(), c[1].clone()], &[]);
    let err = stderr(&out);
    assert!(
        err.contains("different options") && err.contains("group_by"),
        "{err}"
    );

    // one theme's lexicon changed: the fingerprint differs, and the theme is named
    let lex = work.path().join("lex");
    fs::create_dir_all(&lex).unwrap();
    for e in fs::read_dir(root().join("lexicons")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            fs::copy(&p, lex.join(p.file_name().unwrap())).unwrap();
        }
    }
    let mut edited = fs::read_to_string(lex.join("workload.toml")).unwrap();
    edited.push_str("\n# edited\n");
    fs::write(lex.join("workload.toml"), edited).unwrap();
    let d = sample_parts(
        &work.path().join("d"),
        2,
        &["--lexicon", lex.to_str().unwrap()],
    );
    let e = sample_parts(
        &work.path().join("e"),
        2,
        &["--lexicon", lex.to_str().unwrap()],
    );
    let out = merge(&[d[0].clone(), e[1].clone()], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "same lexicons merge: {}",
        stderr(&out)
    );
    let out = merge(&[a[0].clone(), d[1].clone()], &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("different lexicons"), "{err}");
    assert!(err.contains("lexicons[workload].sha256"), "{err}");

    // a part written by another teema version
    let text = fs::read_to_string(&a[1]).unwrap();
    let old = work.path().join("old.json");
    fs::write(
        &old,
        text.replacen("\"version\":\"0.1.0\"", "\"version\":\"0.0.9\"", 1),
    )
    .unwrap();
    assert!(
        fs::read_to_string(&old).unwrap() != text,
        "the version was replaced"
    );
    let out = merge(&[a[0].clone(), old], &[]);
    let err = stderr(&out);
    assert!(
        err.contains("different versions of teema") && err.contains("0.0.9"),
        "{err}"
    );

    // not a part: a report without --shard
    let plain = work.path().join("plain.json");
    fs::write(&plain, single(&["corpus-samples"], &root())).unwrap();
    let out = merge(&[plain], &[]);
    assert!(
        stderr(&out).contains("not a shard's report"),
        "{}",
        stderr(&out)
    );
    // a truncated part
    let cut = work.path().join("cut.json");
    let text = fs::read(&a[0]).unwrap();
    fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let out = merge(&[cut, a[1].clone()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cut.json"), "{}", stderr(&out));
}

#[test]
fn the_split_does_not_depend_on_the_folder_name_or_other_files() {
    let work = tempfile::tempdir().unwrap();
    let a = work.path().join("a/corpus");
    let b = work.path().join("elsewhere/copy");
    for d in [&a, &b] {
        fs::create_dir_all(d.join("sub")).unwrap();
        for i in 0..30 {
            fs::write(
                d.join(format!("sub/post-{i}.txt")),
                format!("Teksti {i} iltaisin"),
            )
            .unwrap();
        }
    }
    // an extra file in one of them only
    fs::write(b.join("extra.txt"), "ylimääräinen").unwrap();
    let paths = |dir: &Path, shard: &str| -> Vec<String> {
        let out = teema()
            .args(["analyse", "-q", "--format", "ndjson", "--shard", shard])
            .arg(dir)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v["type"] == "document")
            .map(|v| {
                let p = v["path"].as_str().unwrap().to_string();
                p.rsplit('/').next().unwrap().to_string()
            })
            .filter(|p| p != "extra.txt")
            .collect()
    };
    for shard in ["1/3", "2/3", "3/3"] {
        assert_eq!(paths(&a, shard), paths(&b, shard), "shard {shard}");
    }
    assert!(!paths(&a, "2/3").is_empty());
}

/// Records piped in come out one result line per input line while standard input is still
/// open: each line's result is read before the next line is written.
#[test]
fn piped_records_stream_one_result_per_line() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("teema"))
        .args([
            "analyse", "--input", "jsonl", "--format", "ndjson", "-q", "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let next = |what: &str| -> Value {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no {what} line while standard input is open"));
        serde_json::from_str(&line).unwrap()
    };
    assert_eq!(next("header")["type"], "header");
    let texts = [
        "Töissä taas iltaisin ylitöitä.",
        "Ik werk vaak over na werktijd.",
        "Kolmas rivi.",
    ];
    for (i, text) in texts.iter().enumerate() {
        writeln!(stdin, "{{\"id\":{i},\"text\":\"{text}\"}}").unwrap();
        stdin.flush().unwrap();
        let doc = next("document");
        assert_eq!(doc["type"], "document");
        assert_eq!(doc["record"]["id"], i, "{doc}");
        assert_eq!(doc["record"]["line"], i + 1);
    }
    drop(stdin);
    assert_eq!(next("summary")["type"], "summary");
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

/// The GNU parallel template runs the shards and the merge; the merged report must hold
/// every document (parallel itself can exit 0 with a job's output missing).
#[test]
fn gnu_parallel_template_covers_every_document() {
    if std::process::Command::new("parallel")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        println!("skipped: GNU parallel is not installed (apt-get install parallel)");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("teema");
    let report = work.path().join("report.json");
    let out = std::process::Command::new("bash")
        .arg(root().join("deploy/slurm/parallel.sh"))
        .env("TEEMA", &bin)
        .env("CORPUS", root().join("corpus-samples"))
        .env("SHARDS", "5")
        .env("JOBS", "2")
        .env("PARTS", work.path().join("parts"))
        .env("REPORT", &report)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let merged = json(&fs::read(&report).unwrap());
    let samples = root().join("corpus-samples");
    let files = walk(&samples)
        .iter()
        .filter(|p| {
            let rel = p.strip_prefix(&samples).unwrap();
            !rel.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .count() as u64;
    let summary = &merged["summary"];
    assert_eq!(
        summary["documents"].as_u64().unwrap() + summary["skipped"].as_u64().unwrap(),
        files
    );
    assert_eq!(
        merged["documents"].as_array().unwrap().len() as u64,
        summary["documents"].as_u64().unwrap()
    );
    let one = json(&single(
        &[root().join("corpus-samples").to_str().unwrap()],
        &root(),
    ));
    assert_eq!(merged, one);
}
