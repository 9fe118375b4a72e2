//! `--max-file-size`: inputs larger than the limit are listed as skipped, with their size, the
//! limit and how to raise it, and are not read; the rest of the run goes on (exit code 2).
//! Files, archive members, WARC records and standard input alike. Big files are sparse
//! (`File::set_len`), so they cost no disk and, since they are not read, no time.

mod common;
use common::skipped;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

const POST: &str = "Taas pitää jäädä asiakasiltaan, vaikka työpäivä alkoi jo seitsemältä. \
                    Esimies soitti eilen lomalla ja kysyi, voinko tulla viikonloppuna töihin.\n";

/// Runs `teema analyse --format json` with `args` and returns the report and exit code.
fn analyse(args: &[&str], stdin: Option<Vec<u8>>) -> (Value, i32) {
    let mut cmd = teema();
    cmd.args(["analyse", "--format", "json", "-q"]).args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (report, out.status.code().unwrap())
}

fn paths(report: &Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect()
}

/// A sparse file of `size` bytes.
fn sparse(path: &Path, size: u64) {
    fs::File::create(path).unwrap().set_len(size).unwrap();
}

/// A sentence that no built-in lexicon matches: big texts of it analyse fast.
const PLAIN: &str = "Kävimme kaupassa ja söimme iltapalaa.\n";

/// `n` bytes of text: a plain sentence repeated, cut at a character boundary.
fn text_of(n: usize) -> Vec<u8> {
    let mut s = PLAIN.repeat(n / PLAIN.len() + 1);
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s.into_bytes()
}

fn reason_for(size: u64, approx: &str, limit: &str) -> String {
    format!(
        "{size} bytes ({approx}), over the --max-file-size limit of {limit}: not read; raise \
         the limit (e.g. --max-file-size 4GiB, or --max-file-size none) to analyse it"
    )
}

#[test]
fn a_file_over_the_limit_is_skipped_unread_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // 6 GiB: were it read, the run would take seconds and gigabytes
    let big = dir.path().join("a-dump.txt");
    sparse(&big, 6 << 30);
    fs::write(dir.path().join("b-post.txt"), POST).unwrap();
    let root = dir.path().to_str().unwrap();
    let (report, code) = analyse(&[root, "--max-file-size", "1M"], None);
    assert_eq!(code, 2);
    assert_eq!(
        skipped(&report),
        [(
            big.display().to_string(),
            reason_for(6 << 30, "6.0 GiB", "1 MiB")
        )]
    );
    assert_eq!(paths(&report), [format!("{root}/b-post.txt")]);
    assert_eq!(report["summary"]["skipped"], 1);
    assert_eq!(report["options"]["max_file_size"], 1 << 20);
}

#[test]
fn at_the_limit_is_read_and_none_or_zero_lift_it() {
    let dir = tempfile::tempdir().unwrap();
    // past the first 64 KiB read, where the size is asked for
    let data = text_of(300_000);
    let file = dir.path().join("post.txt");
    fs::write(&file, &data).unwrap();
    let f = file.to_str().unwrap();
    let (report, code) = analyse(&[f, "--max-file-size", "300000"], None);
    assert_eq!((code, paths(&report).len()), (0, 1));
    assert_eq!(report["documents"][0]["bytes"], 300_000);
    let (report, code) = analyse(&[f, "--max-file-size", "299999"], None);
    assert_eq!(code, 2);
    assert_eq!(
        skipped(&report)[0].1,
        reason_for(300_000, "293.0 KiB", "299999 bytes")
    );
    for none in ["none", "0"] {
        let (report, code) = analyse(&[f, "--max-file-size", none], None);
        assert_eq!((code, paths(&report).len()), (0, 1), "{none}");
        assert_eq!(report["options"]["max_file_size"], Value::Null, "{none}");
    }
    // the default, as the report records it: 512 MiB
    let (report, _) = analyse(&[f], None);
    assert_eq!(report["options"]["max_file_size"], 512u64 << 20);
}

#[test]
fn a_bad_size_is_an_error_naming_the_flag() {
    let out = teema()
        .args(["analyse", "x.txt", "--max-file-size", "lots"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--max-file-size"), "{err}");
    assert!(err.contains("unknown size unit \"lots\""), "{err}");
}

#[test]
fn a_compressed_file_is_limited_by_its_stored_size() {
    let dir = tempfile::tempdir().unwrap();
    // bytes that do not compress (a simple generator), so the .gz stays over 1 MiB
    let mut x = 0x2545_f491_u32;
    let noise: Vec<u8> = (0..1_500_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&noise).unwrap();
    let gz = enc.finish().unwrap();
    assert!(gz.len() > 1 << 20);
    let file = dir.path().join("noise.txt.gz");
    fs::write(&file, &gz).unwrap();
    // text that compresses well: small on disk, 2 MB inflated, read
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&text_of(2_000_000)).unwrap();
    fs::write(dir.path().join("posts.txt.gz"), enc.finish().unwrap()).unwrap();
    let root = dir.path().to_str().unwrap();
    let (report, code) = analyse(&[root, "--max-file-size", "1M"], None);
    assert_eq!(code, 2);
    let skipped = skipped(&report);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].0, file.display().to_string());
    assert!(
        skipped[0]
            .1
            .starts_with(&format!("{} bytes (1.4 MiB), over", gz.len())),
        "{}",
        skipped[0].1
    );
    assert_eq!(paths(&report), [format!("{root}/posts.txt.gz")]);
    assert_eq!(report["documents"][0]["bytes"], 2_000_000);
}

#[test]
fn standard_input_is_read_up_to_the_limit() {
    let (report, code) = analyse(&["-", "--max-file-size", "1M"], Some(text_of(1 << 20)));
    assert_eq!(code, 0);
    assert_eq!(report["documents"][0]["bytes"], 1 << 20);
    let (report, code) = analyse(
        &["-", "--max-file-size", "1M"],
        Some(text_of((1 << 20) + 1)),
    );
    assert_eq!(code, 2);
    assert_eq!(
        skipped(&report),
        [(
            "<stdin>".to_string(),
            "more than 1048576 bytes (read as a stream), over the --max-file-size limit of \
             1 MiB: not read; raise the limit (e.g. --max-file-size 4GiB, or --max-file-size \
             none) to analyse it"
                .to_string()
        )]
    );
}

fn tar_bytes(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        b.append_data(&mut h, name, &data[..]).unwrap();
    }
    b.into_inner().unwrap()
}

fn zip_bytes(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn archive_members_over_the_limit_are_skipped_by_their_header_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = text_of(1_500_000);
    let entries = [
        ("ketju/1.txt", POST.as_bytes().to_vec()),
        ("ketju/dump.txt", big.clone()),
        ("ketju/2.txt", POST.as_bytes().to_vec()),
    ];
    fs::write(dir.path().join("posts.tar"), tar_bytes(&entries)).unwrap();
    fs::write(dir.path().join("posts.zip"), zip_bytes(&entries)).unwrap();
    let root = dir.path().to_str().unwrap();
    let (report, code) = analyse(&[root, "--max-file-size", "1M"], None);
    assert_eq!(code, 2);
    let reason = reason_for(1_500_000, "1.4 MiB", "1 MiB");
    assert_eq!(
        skipped(&report),
        [
            (format!("{root}/posts.tar!ketju/dump.txt"), reason.clone()),
            (format!("{root}/posts.zip!ketju/dump.txt"), reason),
        ]
    );
    assert_eq!(
        paths(&report),
        [
            format!("{root}/posts.tar!ketju/1.txt"),
            format!("{root}/posts.tar!ketju/2.txt"),
            format!("{root}/posts.zip!ketju/1.txt"),
            format!("{root}/posts.zip!ketju/2.txt"),
        ]
    );
    // without the limit every member is a document
    let (report, code) = analyse(&[root, "--max-file-size", "none"], None);
    assert_eq!((code, paths(&report).len()), (0, 6));
}

/// One WARC record: its header fields (WARC-Type first) and block.
fn warc_record(fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.1\r\n".to_vec();
    for (k, v) in fields {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn warc_records_over_the_limit_are_skipped_by_content_length() {
    let dir = tempfile::tempdir().unwrap();
    let resource = |uri: &str, block: &[u8]| {
        warc_record(
            &[
                ("WARC-Type", "resource"),
                ("WARC-Target-URI", uri),
                ("Content-Type", "text/plain"),
            ],
            block,
        )
    };
    let big = text_of(1_200_000);
    let first = resource("https://a.example/1", POST.as_bytes());
    let second = resource("https://a.example/dump", &big);
    let third = resource("https://a.example/2", POST.as_bytes());
    let mut warc = first.clone();
    warc.extend_from_slice(&second);
    warc.extend_from_slice(&third);
    fs::write(dir.path().join("crawl.warc"), &warc).unwrap();
    let root = dir.path().to_str().unwrap();
    let (report, code) = analyse(&[root, "--max-file-size", "1M"], None);
    assert_eq!(code, 2);
    assert_eq!(
        skipped(&report),
        [(
            format!("{root}/crawl.warc!2"),
            reason_for(1_200_000, "1.1 MiB", "1 MiB")
        )]
    );
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(
        paths(&report),
        [
            format!("{root}/crawl.warc!1"),
            format!("{root}/crawl.warc!3")
        ]
    );
    // the record after the skipped one still knows its line: the lines of the records
    // before it, the skipped block's included
    let lines_before = warc[..first.len() + second.len()]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    assert_eq!(docs[1]["record"]["line"], lines_before as u64 + 1);
}

#[test]
fn every_reading_subcommand_takes_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("dump.txt");
    sparse(&big, 3 << 20);
    let f = big.to_str().unwrap();
    for args in [
        vec!["segments", f],
        vec!["explain", f, "--color", "never"],
        vec!["lexicon", "coverage", f],
    ] {
        let out = teema()
            .args(&args)
            .args(["--max-file-size", "1M"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&reason_for(3 << 20, "3.0 MiB", "1 MiB")),
            "{args:?}: {err}"
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    }
}
