//! Hostile inputs, and the accounting that must hold through them: every report's summary
//! says `discovered = documents + skipped + ignored.total`, in every format, through
//! archives, WARC files and records files with bad lines, and through `--shard` + `teema
//! merge`. Every input here is written by the test.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{accounts, gzip, http, tar_bytes, warc_record, zip_bytes};

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

/// `teema analyse ARGS` in `dir`.
fn analyse(dir: &Path, args: &[&str]) -> Output {
    teema()
        .current_dir(dir)
        .arg("analyse")
        .args(args)
        .output()
        .unwrap()
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The last line of an ndjson report: its summary.
fn ndjson_summary(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    let mut last = json(text.lines().last().expect("a summary line").as_bytes());
    let kind = last.as_object_mut().unwrap().remove("type");
    assert_eq!(kind, Some(Value::from("summary")));
    last
}

/// The `skipped` entries of a json report: (path, reason).
fn skipped(report: &Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const FI: &str = "Taas pitää jäädä asiakasiltaan, vaikka työpäivä alkoi jo seitsemältä. \
    Esimies soitti eilen lomalla ja kysyi, voinko tulla viikonloppuna töihin.\n";
const NL: &str = "Na werktijd moet ik nog steeds bereikbaar zijn voor de klanten. De werkdruk \
    is zo hoog dat niemand nog pauze neemt.\n";

/// A `response` record with `payload`.
fn response(n: usize, uri: &str, payload: Vec<u8>) -> Vec<u8> {
    warc_record(
        &[
            ("WARC-Type", "response"),
            (
                "WARC-Record-ID",
                &format!("<urn:uuid:00000000-0000-4000-8000-{n:012}>"),
            ),
            ("WARC-Date", "2024-03-15T21:03:00Z"),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &payload,
    )
}

/// A folder `mixed/` under `d` with what the walk may meet, and returns the counts a run
/// with `--glob '!*.skip'` over `mixed` and a missing path must report, worked out by hand
/// below: (discovered, documents, skipped, hidden, glob, warc_records).
fn mixed_folder(d: &Path) -> (u64, u64, u64, u64, u64, u64) {
    let m = d.join("mixed");
    fs::create_dir_all(m.join("posts")).unwrap();
    fs::create_dir_all(m.join(".cache/deep")).unwrap();
    // documents: 2
    fs::write(m.join("posts/a.txt"), FI).unwrap();
    fs::write(m.join("posts/b.txt"), NL).unwrap();
    // ignored, hidden: a hidden file and a hidden folder (one each; not looked into)
    fs::write(m.join("posts/.draft.txt"), FI).unwrap();
    fs::write(m.join(".cache/x.txt"), FI).unwrap();
    fs::write(m.join(".cache/deep/y.txt"), FI).unwrap();
    // ignored, glob: 1
    fs::write(m.join("notes.skip"), NL).unwrap();
    // skipped: a binary file
    fs::write(m.join("data.bin"), [0x7f, b'E', b'L', b'F', 0, 0, 1, 2]).unwrap();
    // a tar.gz: 2 documents, a hidden member (ignored), a corrupt .gz member (skipped); the
    // archive itself is not an input
    let mut bad_gz = gzip(FI.repeat(20).as_bytes());
    bad_gz.truncate(bad_gz.len() / 2);
    let tar = tar_bytes(&[
        ("t/one.txt", FI.into()),
        ("t/.hidden.txt", FI.into()),
        ("t/bad.txt.gz", bad_gz),
        ("t/two.txt", NL.into()),
    ]);
    fs::write(m.join("pack.tar.gz"), gzip(&tar)).unwrap();
    // a zip: 2 documents and a member whose compressed bytes are damaged (skipped)
    let mut zip = zip_bytes(&[
        ("z/one.txt", FI.into()),
        ("z/broken.txt", FI.repeat(20).into_bytes()),
        ("z/two.txt", NL.into()),
    ]);
    let name = b"z/broken.txt";
    let at = zip
        .windows(name.len())
        .position(|w| w == name)
        .expect("the local header names the member");
    for b in &mut zip[at + name.len() + 10..at + name.len() + 30] {
        *b ^= 0x5a;
    }
    fs::write(m.join("pack.zip"), &zip).unwrap();
    // a WARC: warcinfo, request and metadata records (ignored), a text/html page (a
    // document) and an image (skipped)
    let mut warc = warc_record(
        &[
            ("WARC-Type", "warcinfo"),
            ("Content-Type", "application/warc-fields"),
        ],
        b"software: hostile-test/1.0\r\n",
    );
    warc.extend(warc_record(
        &[
            ("WARC-Type", "request"),
            ("WARC-Target-URI", "https://example.fi/t/1"),
            ("Content-Type", "application/http; msgtype=request"),
        ],
        b"GET /t/1 HTTP/1.1\r\nHost: example.fi\r\n\r\n",
    ));
    let page = format!("<html><body><article><p>{FI}</p></article></body></html>");
    warc.extend(response(
        3,
        "https://example.fi/t/1",
        http(
            "200 OK",
            &["Content-Type: text/html; charset=utf-8"],
            page.as_bytes(),
        ),
    ));
    warc.extend(response(
        4,
        "https://example.fi/logo.png",
        http(
            "200 OK",
            &["Content-Type: image/png"],
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        ),
    ));
    warc.extend(warc_record(
        &[
            ("WARC-Type", "metadata"),
            ("WARC-Target-URI", "https://example.fi/t/1"),
            ("Content-Type", "application/warc-fields"),
        ],
        b"via: https://example.fi/\r\n",
    ));
    fs::write(m.join("crawl.warc"), warc).unwrap();
    // documents: a.txt, b.txt, 2 tar members, 2 zip members, 1 page = 7
    // skipped: data.bin, bad.txt.gz, broken.txt, the image, and the missing path = 5
    // hidden: .cache, .draft.txt, t/.hidden.txt = 3; glob: notes.skip = 1; warc: 3
    (7 + 5 + 3 + 1 + 3, 7, 5, 3, 1, 3)
}

const MIXED: &[&str] = &["mixed", "missing.txt", "--glob", "!*.skip"];

#[test]
fn accounting_adds_up_in_every_format_over_files_archives_and_warc() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (discovered, documents, skipped_n, hidden, glob, warc) = mixed_folder(d);
    let out = analyse(d, &[MIXED, &["-q", "--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report = json(&out.stdout);
    let summary = &report["summary"];
    assert_eq!(
        accounts(summary),
        (discovered, documents, skipped_n, hidden + glob + warc)
    );
    assert_eq!(
        (
            &summary["ignored"]["hidden"],
            &summary["ignored"]["glob"],
            &summary["ignored"]["warc_records"]
        ),
        (&Value::from(hidden), &Value::from(glob), &Value::from(warc))
    );
    assert_eq!(
        report["documents"].as_array().unwrap().len() as u64,
        documents
    );
    let skips = skipped(&report);
    let paths: Vec<&str> = skips.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "mixed/crawl.warc!4",
            "mixed/data.bin",
            "mixed/pack.tar.gz!t/bad.txt.gz",
            "mixed/pack.zip!z/broken.txt",
            "missing.txt"
        ],
        "{skips:?}"
    );
    // ndjson, the csv sidecar and the html page carry the same summary
    let out = analyse(d, &[MIXED, &["-q", "--format", "ndjson"]].concat());
    assert_eq!(&ndjson_summary(&out.stdout), summary);
    let out = analyse(
        d,
        &[MIXED, &["-q", "--format", "csv", "-o", "r.csv"]].concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    let meta = json(&fs::read(d.join("r.csv.meta.json")).unwrap());
    assert_eq!(&meta["summary"], summary);
    let rows = fs::read_to_string(d.join("r.csv")).unwrap().lines().count() as u64;
    assert_eq!(rows, documents + 1);
    let out = analyse(d, &[MIXED, &["-q", "--format", "html"]].concat());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains(&format!("\"discovered\":{discovered},")),
        "the html page's data has the summary"
    );
    assert!(page.contains("inputs found: "), "the totals line says so");
    // more threads, the same accounting
    let out = analyse(d, &[MIXED, &["-q", "--threads", "3"]].concat());
    assert_eq!(&json(&out.stdout)["summary"], summary);
}

#[test]
fn accounting_adds_up_for_records_files_with_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("rec")).unwrap();
    let line = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    // 3 records, 2 bad lines (invalid JSON, no text field), 2 blank lines (not records)
    let jsonl = [
        line("p1", FI),
        "{\"id\": \"p2\", \"text\": ".into(),
        String::new(),
        line("p3", NL),
        "{\"id\": \"p4\"}".into(),
        "   ".into(),
        line("p5", FI),
    ]
    .join("\n");
    fs::write(d.join("rec/posts.jsonl"), jsonl).unwrap();
    // an archive with a records file: 2 records, 1 bad line
    let member = [line("q1", NL), "[1, 2]".into(), line("q2", FI)].join("\n");
    let tar = tar_bytes(&[("more.jsonl", member.into_bytes())]);
    fs::write(d.join("rec/more.tar.gz"), gzip(&tar)).unwrap();
    // an empty records file: nothing
    fs::write(d.join("rec/empty.jsonl"), "").unwrap();
    // a records file that is not what its name says: one skipped input
    fs::write(d.join("rec/bad.jsonl.gz"), "not gzip at all").unwrap();
    let out = analyse(d, &["rec", "-q", "--input", "jsonl"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report = json(&out.stdout);
    // documents p1 p3 p5 q1 q2; skipped: 2 + 1 bad lines, bad.jsonl.gz
    assert_eq!(accounts(&report["summary"]), (9, 5, 4, 0));
    let reasons: Vec<String> = skipped(&report)
        .into_iter()
        .map(|(p, r)| format!("{p}: {r}"))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].starts_with("rec/bad.jsonl.gz: "), "{reasons:?}");
    assert!(reasons[1].starts_with("rec/more.tar.gz!more.jsonl: line 2"));
    assert!(reasons[2].starts_with("rec/posts.jsonl: line 2"));
    assert!(reasons[3].starts_with("rec/posts.jsonl: line 5"));
    let out = analyse(d, &["rec", "-q", "--input", "jsonl", "--format", "ndjson"]);
    assert_eq!(ndjson_summary(&out.stdout), report["summary"]);

    // CSV: a row with too many fields is skipped, a file without the text column is one
    // skipped input
    fs::create_dir(d.join("csv")).unwrap();
    fs::write(
        d.join("csv/a.csv"),
        format!("id,text\n1,\"{FI}\"\n2,x,y\n3,\"{NL}\"\n"),
    )
    .unwrap();
    fs::write(d.join("csv/b.csv"), "id,body\n1,x\n").unwrap();
    let out = analyse(
        d,
        &[
            "csv", "-q", "--input", "csv", "--format", "csv", "--meta", "m.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let meta = json(&fs::read(d.join("m.json")).unwrap());
    assert_eq!(accounts(&meta["summary"]), (4, 2, 2, 0));
}

/// Runs `teema analyse --shard I/N` for every I, writing json or ndjson parts into `work`.
fn parts(d: &Path, args: &[&str], n: u32, ext: &str, work: &Path) -> Vec<PathBuf> {
    fs::create_dir_all(work).unwrap();
    (1..=n)
        .map(|i| {
            let part = work.join(format!("part-{i}.{ext}"));
            let out = analyse(
                d,
                &[
                    args,
                    &["-q", "--format", ext, "--shard", &format!("{i}/{n}"), "-o"],
                    &[part.to_str().unwrap()],
                ]
                .concat(),
            );
            assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
            part
        })
        .collect()
}

fn merge(parts: &[PathBuf], format: &str) -> Output {
    teema()
        .args(["merge", "--format", format])
        .args(parts)
        .output()
        .unwrap()
}

#[test]
fn accounting_survives_shards_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (discovered, ..) = mixed_folder(d);
    let one = analyse(d, &[MIXED, &["-q", "--threads", "1"]].concat()).stdout;
    let one_ndjson = analyse(d, &[MIXED, &["-q", "--format", "ndjson"]].concat()).stdout;
    for ext in ["json", "ndjson"] {
        let parts = parts(d, MIXED, 3, ext, &d.join(format!("parts-{ext}")));
        // each part records the whole walk's count, and its own share of the rest
        let mut held = 0;
        for p in &parts {
            let bytes = fs::read(p).unwrap();
            let s = match ext {
                "json" => json(&bytes)["summary"].clone(),
                _ => ndjson_summary(&bytes),
            };
            assert_eq!(s["discovered"], discovered);
            held += s["documents"].as_u64().unwrap() + s["skipped"].as_u64().unwrap();
        }
        assert_eq!(held + 7, discovered, "the parts hold every input once");
        let merged = merge(&parts, "json");
        assert_eq!(merged.status.code(), Some(2), "{}", stderr(&merged));
        assert!(merged.stdout == one, "merged json == one run ({ext} parts)");
        accounts(&json(&merged.stdout)["summary"]);
        assert!(merge(&parts, "ndjson").stdout == one_ndjson);
    }

    // A part that lost its last record, its summary made to agree: only the walk's count
    // shows that an input is missing.
    let parts = parts(d, MIXED, 2, "ndjson", &d.join("cut"));
    let (victim, last) = parts
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).unwrap();
            let last = text
                .lines()
                .filter_map(|l| json(l.as_bytes())["position"].as_u64())
                .max();
            (p, last)
        })
        .max_by_key(|(_, last)| *last)
        .unwrap();
    let last = last.unwrap();
    let text = fs::read_to_string(victim).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let at = lines
        .iter()
        .position(|l| json(l.as_bytes())["position"].as_u64() == Some(last))
        .unwrap();
    let kind = if json(lines[at].as_bytes())["type"] == "document" {
        "documents"
    } else {
        "skipped"
    };
    lines.remove(at);
    let summary_line = lines.last_mut().unwrap();
    let mut summary = json(summary_line.as_bytes());
    summary[kind] = Value::from(summary[kind].as_u64().unwrap() - 1);
    *summary_line = summary.to_string();
    fs::write(victim, lines.join("\n") + "\n").unwrap();
    let out = merge(&parts, "json");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("the walk discovered {discovered} inputs"))
            && err.contains("inputs are missing from the parts"),
        "{err}"
    );
}
