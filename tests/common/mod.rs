//! Helpers shared by the integration tests (not every test file uses every helper).
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// The `corpus-samples/` folder.
pub fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus-samples")
}

/// The sample documents: every file under `corpus-samples/`, in subfolders too (as
/// `teema analyse corpus-samples/` walks it), but hidden ones such as the expectations;
/// sorted.
pub fn sample_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().unwrap().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&samples(), &mut files);
    files.sort();
    files
}

/// `data` gzip-compressed.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// A tar archive of regular files: (name, bytes).
pub fn tar_bytes(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
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

/// A zip archive (deflated members): (name, bytes).
pub fn zip_bytes(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// One WARC record: its header fields (WARC-Type first) and block.
pub fn warc_record(fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.1\r\n".to_vec();
    for (k, v) in fields {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response: status line, headers and body.
pub fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for h in headers {
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// Asserts a report summary's accounting, `discovered = documents + skipped +
/// ignored.total` with `ignored.total = hidden + glob + warc_records`, and returns
/// `(discovered, documents, skipped, ignored.total)`.
pub fn accounts(summary: &serde_json::Value) -> (u64, u64, u64, u64) {
    let n = |v: &serde_json::Value| {
        v.as_u64()
            .unwrap_or_else(|| panic!("a count, not {v} in {summary}"))
    };
    let ignored = &summary["ignored"];
    let by_rule =
        n(&ignored["hidden"]) + n(&ignored["glob"]) + ignored["warc_records"].as_u64().unwrap_or(0);
    assert_eq!(n(&ignored["total"]), by_rule, "ignored.total in {summary}");
    let counts = (
        n(&summary["discovered"]),
        n(&summary["documents"]),
        n(&summary["skipped"]),
        by_rule,
    );
    assert_eq!(
        counts.0,
        counts.1 + counts.2 + counts.3,
        "discovered = documents + skipped + ignored.total in {summary}"
    );
    counts
}

/// The `skipped` entries of a json report: (path, reason).
pub fn skipped(report: &serde_json::Value) -> Vec<(String, String)> {
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
