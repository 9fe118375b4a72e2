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
use common::{accounts, gzip, http, skipped, tar_bytes, warc_record, zip_bytes};

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

// --- the hostile-input matrix ---------------------------------------------------------------

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

#[test]
fn fifty_thousand_tiny_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let words = ["ilta", "kiire", "avond", "werkdruk", "ylityö"];
    for folder in 0..50 {
        let f = d.join(format!("c/{folder:02}"));
        fs::create_dir_all(&f).unwrap();
        for i in 0..1000 {
            let text = format!("{} {i}\n", words[(folder + i) % words.len()]);
            fs::write(f.join(format!("{i:04}.txt")), text).unwrap();
        }
    }
    let start = std::time::Instant::now();
    let out = teema()
        .current_dir(d)
        .args([
            "analyse",
            "c",
            "--format",
            "csv",
            "-o",
            "r.csv",
            "--threads",
            "2",
        ])
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    eprintln!("50,000 files: {:.1} s", start.elapsed().as_secs_f64());
    let meta = json(&fs::read(d.join("r.csv.meta.json")).unwrap());
    assert_eq!(accounts(&meta["summary"]), (50_000, 50_000, 0, 0));
    // one word and one number each
    assert_eq!(meta["summary"]["tokens"], 100_000);
    let csv = fs::read_to_string(d.join("r.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 50_000);
    assert!(rows[0].starts_with("c/00/0000.txt,"), "{}", rows[0]);
    assert!(
        rows[49_999].starts_with("c/49/0999.txt,"),
        "{}",
        rows[49_999]
    );
}

#[test]
fn two_hundred_nested_folders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut path = d.join("deep");
    fs::create_dir(&path).unwrap();
    let mut expected = Vec::new();
    let mut shown = String::from("deep");
    for level in 0..200 {
        let name = format!("kansio{level:03}");
        path.push(&name);
        shown = format!("{shown}/{name}");
        fs::create_dir(&path).unwrap();
        if level % 10 == 9 {
            fs::write(path.join("viesti.txt"), FI).unwrap();
            expected.push(format!("{shown}/viesti.txt"));
        }
    }
    assert!(shown.len() > 2000, "paths of {} bytes", shown.len());
    let out = analyse(d, &["deep", "-q", "--format", "ndjson"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let paths: Vec<String> = text
        .lines()
        .map(|l| json(l.as_bytes()))
        .filter(|l| l["type"] == "document")
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    // a folder's files before its subfolders' (sorted by name: `kansio…` < `viesti.txt`
    // would put the subfolder first)
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(accounts(&ndjson_summary(&out.stdout)), (20, 20, 0, 0));
}

/// A file deleted and another truncated after the walk found them but before a worker read
/// them. Deterministic: the first input is a FIFO, which the one worker opens only when it
/// has the walk's first batch, and that batch (64 inputs) holds all four inputs, so it is
/// sent when the walk is over; the test's open of the FIFO for writing returns only once
/// teema has opened it for reading. Only then does the test delete and truncate, and then
/// let the worker go on.
#[cfg(unix)]
#[test]
fn a_file_deleted_and_one_truncated_during_the_walk() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("gate"));
    fs::create_dir(d.join("docs")).unwrap();
    fs::write(d.join("docs/a.txt"), FI).unwrap();
    fs::write(d.join("docs/gone.txt"), FI).unwrap();
    fs::write(d.join("docs/short.txt"), FI.repeat(50)).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("teema"))
        .current_dir(d)
        .args(["analyse", "--threads", "1", "gate", "docs"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut gate = fs::OpenOptions::new()
        .write(true)
        .open(d.join("gate"))
        .unwrap();
    fs::remove_file(d.join("docs/gone.txt")).unwrap();
    fs::write(d.join("docs/short.txt"), NL).unwrap();
    gate.write_all(NL.as_bytes()).unwrap();
    drop(gate);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("teema: skipped docs/gone.txt: cannot read: No such file or directory"),
        "{err}"
    );
    let report = json(&out.stdout);
    assert_eq!(
        skipped(&report),
        [(
            "docs/gone.txt".to_string(),
            "cannot read: No such file or directory (os error 2)".to_string()
        )]
    );
    let docs = report["documents"].as_array().unwrap();
    let sizes: Vec<(&str, u64)> = docs
        .iter()
        .map(|x| (x["path"].as_str().unwrap(), x["bytes"].as_u64().unwrap()))
        .collect();
    // the truncated file is read as it is when read: the new, short content
    let nl = NL.len() as u64;
    assert_eq!(
        sizes,
        [
            ("gate", nl),
            ("docs/a.txt", FI.len() as u64),
            ("docs/short.txt", nl)
        ]
    );
    assert_eq!(accounts(&report["summary"]), (4, 3, 1, 0));
}

/// A file that grows while it is read. Through a FIFO (deterministic): the writer sends half,
/// pauses while teema waits in `read`, sends the rest and closes; the document is all of it.
/// A regular file appended to by a thread while teema reads it: the document is the file up
/// to the end it had when the read reached it, so the old content, the new content, or the
/// old content and part of what was appended; never an error.
#[cfg(unix)]
#[test]
fn a_file_that_grows_while_it_is_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("stream"));
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("teema"))
        .current_dir(d)
        .args(["analyse", "stream"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut w = fs::OpenOptions::new()
        .write(true)
        .open(d.join("stream"))
        .unwrap();
    w.write_all(FI.as_bytes()).unwrap();
    w.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    w.write_all(NL.as_bytes()).unwrap();
    drop(w);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out.stdout);
    assert_eq!(
        report["documents"][0]["bytes"].as_u64(),
        Some((FI.len() + NL.len()) as u64)
    );

    // 4 MB of lines, and 400 more lines appended while teema reads
    let line = "Taas ylitöitä illalla, ja esimies soitti lomalla.\n";
    let big = d.join("big.txt");
    fs::write(&big, line.repeat(80_000)).unwrap();
    let old = fs::metadata(&big).unwrap().len();
    let appender = {
        let big = big.clone();
        std::thread::spawn(move || {
            let mut f = fs::OpenOptions::new().append(true).open(big).unwrap();
            for _ in 0..400 {
                f.write_all(line.as_bytes()).unwrap();
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
        })
    };
    let out = analyse(d, &["big.txt", "--threads", "1"]);
    appender.join().unwrap();
    let new = fs::metadata(&big).unwrap().len();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out.stdout);
    let bytes = report["documents"][0]["bytes"].as_u64().unwrap();
    assert!(old <= bytes && bytes <= new, "{old} <= {bytes} <= {new}");
    eprintln!(
        "grown while read: {old} bytes before, {new} after, {bytes} read ({})",
        if bytes == old {
            "the old content"
        } else if bytes == new {
            "the new content"
        } else {
            "the old content and part of what was appended"
        }
    );
    accounts(&report["summary"]);
}

/// A small tmpfs mounted on a folder, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Result<Tmpfs, String> {
        fs::create_dir_all(at).unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if out.status.success() {
            Ok(Tmpfs(at.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk: a clear error naming the output, exit code 1, and no report or temporary
/// file left behind. On a 64 KiB tmpfs when mounting is permitted (the test runs as root in
/// CI); always on `/dev/full`, for `-o` and for standard output.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_gives_a_clear_error_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let samples = common::samples();
    let samples = samples.to_str().unwrap();
    // The csv case's disk holds the csv but is one page short for its sidecar (the bug
    // was a csv left behind without it): sized from the two files written elsewhere.
    let page = 4096;
    let pages = |n: u64| n.div_ceil(page) * page;
    let full = dir.path().join("full");
    fs::create_dir(&full).unwrap();
    let written = analyse(
        dir.path(),
        &[
            samples,
            "--format",
            "csv",
            "--unit",
            "match",
            "-o",
            "full/r.csv",
        ],
    );
    assert!(
        matches!(written.status.code(), Some(0 | 2)),
        "{}",
        stderr(&written)
    );
    let csv = fs::metadata(full.join("r.csv")).unwrap().len();
    let meta = fs::metadata(full.join("r.csv.meta.json")).unwrap().len();
    let csv_disk = format!("{}", pages(csv) + pages(meta) - page);
    let cases = [
        ("r.json", "json", "64k"),
        ("r.ndjson", "ndjson", "64k"),
        ("r.csv", "csv", csv_disk.as_str()),
    ];
    for (name, format, size) in cases {
        match Tmpfs::mount(&dir.path().join(format!("small-{format}")), size) {
            Ok(disk) => {
                let target = disk.0.join(name);
                let mut args = vec![samples, "--format", format, "-o"];
                args.push(target.to_str().unwrap());
                if format != "csv" {
                    args.push("--evidence");
                } else {
                    args.extend(["--unit", "match"]);
                }
                let out = analyse(dir.path(), &args);
                assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
                let err = stderr(&out);
                // (on the samples the csv itself fits and its sidecar does not: the csv
                // is not left behind without it)
                let names = [
                    target.display().to_string(),
                    format!("{}.meta.json", target.display()),
                ];
                assert!(
                    names.iter().any(|named| err.contains(&format!(
                        "{named}: cannot write the report: No space left on device"
                    ))) && !err.contains("at path"),
                    "{err}"
                );
                let left: Vec<_> = fs::read_dir(&disk.0).unwrap().collect();
                assert!(left.is_empty(), "{format}: left behind: {left:?}");
            }
            Err(why) => eprintln!("tmpfs case skipped: cannot mount a tmpfs ({why})"),
        }
    }
    let out = analyse(dir.path(), &[samples, "--evidence", "-o", "/dev/full"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/dev/full: cannot write the report: No space left on device"),
        "{}",
        stderr(&out)
    );
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("teema"))
        .args(["analyse", samples, "--evidence"])
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot write the report: No space left on device"),
        "{}",
        stderr(&out)
    );
}

fn theme(dir: &Path, file: &str, id: &str, fi: &str) -> PathBuf {
    let p = dir.join(file);
    fs::write(
        &p,
        format!(
            "id = \"{id}\"\nlabel = \"{id}\"\nversion = \"1\"\n[fi]\nentries = [\n  {fi}]\n\
             [nl]\nentries = [\"avond\"]\n"
        ),
    )
    .unwrap();
    p
}

/// The regex crate is linear-time: no backtracking blow-up, a size limit on what a pattern
/// compiles to. Catastrophic shapes run in bounded time over long runs of the letters they
/// repeat (the search where a pattern's literal occurs looks at most
/// `MAX_REGEX_MATCH` bytes ahead); huge counted repetitions are refused with the entry's
/// place; many alternatives compile and match.
#[test]
fn pathological_regexes_run_in_bounded_time_or_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lex = theme(
        d,
        "patho.toml",
        "patho",
        r"'/(a+)+$/', '/(x+x+)+y/', '/(a|aa)*c/'",
    );
    fs::write(d.join("a.txt"), "a".repeat(200_000) + "!\n").unwrap();
    fs::write(d.join("x.txt"), "x".repeat(200_000) + "\n").unwrap();
    fs::write(d.join("c.txt"), "a".repeat(100_000) + "c\n").unwrap();
    let start = std::time::Instant::now();
    let out = teema()
        .current_dir(d)
        .args(["analyse", "--lang", "fi", "--lexicon"])
        .arg(&lex)
        .args(["a.txt", "x.txt", "c.txt"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    eprintln!(
        "catastrophic shapes over 500 kB: {:.2} s",
        took.as_secs_f64()
    );
    let report = json(&out.stdout);
    let hits: Vec<u64> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["themes"]["patho"]["hits"].as_u64().unwrap())
        .collect();
    // no `$` after the a's, no y after the x's; the c is found, once (overlapping matches
    // of one theme count once)
    assert_eq!(hits, [0, 0, 1]);
    assert!(took.as_secs() < 60, "took {took:?}");

    // a counted repetition that compiles past the size limit: refused, with its place
    let huge = theme(d, "huge.toml", "huge", r"'ilta', '/(\w{1000}){1000}/'");
    let out = teema()
        .current_dir(d)
        .args(["analyse", "--lexicon"])
        .arg(&huge)
        .arg("a.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "huge.toml:6:11: entry \"/(\\\\w{1000}){1000}/\": invalid regex: compiled \
                      regex exceeds size limit"
        ),
        "{err}"
    );

    // 20,000 alternatives: compiled, and found
    let alternatives: Vec<String> = (0..20_000).map(|i| format!("sana{i}")).collect();
    let many = theme(
        d,
        "many.toml",
        "many",
        &format!("'/({})x/'", alternatives.join("|")),
    );
    fs::write(d.join("s.txt"), "Tänään sana19999x ja sana7 ja sana123x.\n").unwrap();
    let out = teema()
        .current_dir(d)
        .args(["analyse", "--lang", "fi", "--lexicon"])
        .arg(&many)
        .arg("s.txt")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&out.stdout)["documents"][0]["themes"]["many"]["hits"],
        2
    );
}

#[test]
fn two_lexicon_files_with_the_same_theme_id_are_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("lex")).unwrap();
    theme(&d.join("lex"), "one.toml", "overtime", "'ilta'");
    theme(&d.join("lex"), "two.toml", "overtime", "'kiire'");
    fs::write(d.join("t.txt"), FI).unwrap();
    for args in [
        &["--lexicon", "lex"][..],
        &["--lexicon", "lex/one.toml", "--lexicon", "lex/two.toml"],
    ] {
        let out = analyse(d, &[args, &["t.txt"]].concat());
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(
            err.contains(
                "lex/two.toml:1:1: theme id \"overtime\" is also defined in lex/one.toml; ids \
                 must be unique"
            ),
            "{err}"
        );
    }
}

/// The old cases together in one folder, each with its reason, and the accounting.
#[cfg(unix)]
#[test]
fn all_the_old_cases_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let m = d.join("all");
    fs::create_dir_all(m.join("sub")).unwrap();
    fs::write(m.join("post.txt"), FI).unwrap();
    fs::write(m.join("empty.txt"), "").unwrap();
    fs::write(m.join(".hidden.txt"), FI).unwrap();
    fs::write(m.join("sub/nl.txt"), NL).unwrap();
    fs::write(m.join("data.bin"), [0x7f, b'E', b'L', b'F', 0, 0, 1, 2]).unwrap();
    fs::write(m.join("fake.txt.gz"), "not gzip").unwrap();
    fs::write(m.join("fake.txt.zst"), "not zstd").unwrap();
    std::os::unix::fs::symlink(m.join("post.txt"), m.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(m.join("nowhere.txt"), m.join("broken.txt")).unwrap();
    std::os::unix::fs::symlink(&m, m.join("sub/loop")).unwrap();
    mkfifo(&m.join("pipe"));
    let _socket = std::os::unix::net::UnixListener::bind(m.join("sock")).unwrap();
    let out = analyse(d, &["all", "missing.txt", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report = json(&out.stdout);
    let skips: Vec<(String, String)> = skipped(&report);
    let expect = [
        ("all/broken.txt", "symbolic link (use --follow to read it)"),
        ("all/data.bin", "binary file"),
        ("all/fake.txt.gz", "not gzip data: the name ends in .gz"),
        ("all/fake.txt.zst", "the name ends in .zst"),
        ("all/link.txt", "symbolic link (use --follow to read it)"),
        ("all/pipe", "not a regular file (FIFO, socket or device)"),
        ("all/sock", "not a regular file (FIFO, socket or device)"),
        ("all/sub/loop", "symbolic link (use --follow to read it)"),
        ("missing.txt", "cannot open: No such file or directory"),
    ];
    assert_eq!(skips.len(), expect.len(), "{skips:?}");
    for ((path, reason), (want_path, want)) in skips.iter().zip(expect) {
        assert_eq!(path, want_path);
        assert!(
            reason.contains(want),
            "{path}: {reason:?} should say {want:?}"
        );
        assert!(
            stderr(&out).contains(&format!("teema: skipped {path}: ")),
            "stderr names {path}"
        );
    }
    let docs: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["all/empty.txt", "all/post.txt", "all/sub/nl.txt"]);
    assert_eq!(accounts(&report["summary"]), (13, 3, 9, 1));

    // --follow: the links are read, the broken one and the loop are named as such
    let out = analyse(d, &["all", "--follow", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report = json(&out.stdout);
    let skips = skipped(&report);
    let reasons: Vec<&str> = skips.iter().map(|(_, r)| r.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("filesystem loop")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("nowhere") || r.contains("No such file"))
    );
    let (discovered, documents, skipped_n, ignored) = accounts(&report["summary"]);
    assert_eq!(ignored, 1);
    assert_eq!(documents, 4, "post, empty, nl and link.txt: {skips:?}");
    assert_eq!(discovered, documents + skipped_n + 1);
}

/// Each VRT `<text>` and each CoNLL-U document is one input, standard input is one, and the
/// corpus files themselves are none.
#[test]
fn accounting_counts_vrt_texts_conllu_documents_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("c.vrt"),
        "<text id=\"a\">\n<sentence>\nTaas\nylitöitä\nillalla\n</sentence>\n</text>\n\
         <text id=\"b\">\n<sentence>\nWerkdruk\n</sentence>\n</text>\n",
    )
    .unwrap();
    fs::write(
        d.join("c.conllu"),
        "# newdoc id = d1\n# sent_id = s1\n1\tTaas\ttaas\tADV\t_\t_\t0\troot\t_\t_\n\n\
         # newdoc id = d2\n# sent_id = s2\n1\tKiire\tkiire\tNOUN\t_\t_\t0\troot\t_\t_\n\n",
    )
    .unwrap();
    let out = teema()
        .current_dir(d)
        .args(["analyse", "c.vrt", "c.conllu", "-", "--format", "ndjson"])
        .write_stdin(FI)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let paths: Vec<String> = text
        .lines()
        .map(|l| json(l.as_bytes()))
        .filter(|l| l["type"] == "document")
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        ["c.vrt!1", "c.vrt!2", "c.conllu!1", "c.conllu!2", "<stdin>"]
    );
    assert_eq!(accounts(&ndjson_summary(&out.stdout)), (5, 5, 0, 0));
}
