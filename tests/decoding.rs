//! Decoding that loses nothing quietly: a mostly-UTF-8 file stays UTF-8 with its invalid
//! sequences replaced and counted, guesses carry a confidence, doubtful ones are flagged and
//! warned about, and evidence offsets still point at the original bytes.

use assert_cmd::Command;
use serde_json::Value;

/// `teema analyse FILES --format ndjson --evidence`: the document lines and standard error.
fn analyse(dir: &std::path::Path, files: &[&str]) -> (Vec<Value>, String) {
    let out = Command::cargo_bin("teema")
        .unwrap()
        .current_dir(dir)
        .args([
            "analyse",
            "--format",
            "ndjson",
            "--evidence",
            "--threads",
            "1",
        ])
        .args(files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let docs = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "document")
        .collect();
    (docs, String::from_utf8(out.stderr).unwrap())
}

// "Ylitöitä taas, työaika venyi ja ylityö jäi korvaamatta. Pomo pyysi iltatilaisuuteen."
const CLEAN: &str = "Ylitöitä taas, työaika venyi ja ylityö jäi korvaamatta. Pomo pyysi \
                     iltatilaisuuteen ja sinne oli pakko mennä.\n";

#[test]
fn a_stray_latin1_byte_in_utf8_text_keeps_the_text_utf8_and_its_hits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.txt"), CLEAN).unwrap();
    // The same post with the last "ä" (c3 a4) saved as Latin-1 (e4): one invalid sequence.
    let stray = CLEAN.replace("mennä", "menn\u{0}").into_bytes();
    let stray: Vec<u8> = stray
        .into_iter()
        .map(|b| if b == 0 { 0xE4 } else { b })
        .collect();
    std::fs::write(dir.path().join("stray.txt"), &stray).unwrap();
    let (docs, stderr) = analyse(dir.path(), &["clean.txt", "stray.txt"]);
    let (clean, stray_doc) = (&docs[0], &docs[1]);
    assert_eq!(stray_doc["encoding"], "utf-8");
    assert_eq!(stray_doc["replacements"], 1);
    assert!(clean.get("replacements").is_none());
    assert!(clean.get("encoding_confidence").is_none());
    assert_eq!(
        stray_doc["themes"]["after_hours"]["hits"],
        clean["themes"]["after_hours"]["hits"]
    );
    assert!(clean["themes"]["after_hours"]["hits"].as_u64().unwrap() >= 2);
    // 5 valid non-ASCII characters (ö ä ö ö ä) against 1 invalid sequence: 5/6.
    assert_eq!(stray_doc["encoding_confidence"], 0.833);
    assert_eq!(stray_doc["encoding_doubtful"], true);
    assert!(
        stderr.contains("teema: warning: stray.txt: 1 invalid UTF-8 sequence replaced by U+FFFD"),
        "{stderr}"
    );
    assert!(!stderr.contains("clean.txt"), "{stderr}");
    // Every match's bytes in the original file decode to its text.
    for m in stray_doc["matches"].as_array().unwrap() {
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf8_lossy(&stray[start..end]),
            m["text"].as_str().unwrap()
        );
    }
}

#[test]
fn latin1_text_stays_latin1_and_a_mixed_file_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    // "Ylitöitä taas ja ylityö jäi korvaamatta." in Latin-1: no valid UTF-8 at all.
    let latin1 = b"Ylit\xf6it\xe4 taas ja ylity\xf6 j\xe4i korvaamatta.\n";
    std::fs::write(dir.path().join("latin1.txt"), latin1).unwrap();
    // Two Latin-1 lines pasted under one UTF-8 line: 3 valid characters, 6 invalid bytes,
    // so Latin-1 wins with 6/9 of the evidence, and the decoding is doubtful.
    let mut mixed = "Työaika päättyi.\n".as_bytes().to_vec();
    mixed.extend_from_slice(latin1);
    mixed.extend_from_slice(b"Ei korvattu t\xe4ll\xe4.\n");
    std::fs::write(dir.path().join("mixed.txt"), &mixed).unwrap();
    let (docs, stderr) = analyse(dir.path(), &["latin1.txt", "mixed.txt"]);
    assert_eq!(docs[0]["encoding"], "windows-1252");
    assert!(docs[0].get("encoding_confidence").is_none());
    assert!(docs[0].get("encoding_doubtful").is_none());
    assert_eq!(docs[0]["themes"]["after_hours"]["hits"], 2);
    assert_eq!(docs[1]["encoding"], "windows-1252");
    assert_eq!(docs[1]["encoding_doubtful"], true);
    assert!(docs[1].get("replacements").is_none());
    assert!(
        stderr.contains("mixed.txt: doubtful decoding: windows-1252 fits 67% of"),
        "{stderr}"
    );
    assert!(!stderr.contains("latin1.txt"), "{stderr}");
}

/// A saved page in windows-1252 whose paragraph has non-ASCII letters before its matches:
/// each letter is one byte of the file but two of the decoded text, and evidence and segment
/// spans must count the file's bytes (found by the `analyse` fuzz target: a page of one
/// `ÿ` had a span ending past the file).
#[test]
fn evidence_in_a_windows_1252_page_points_at_the_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><meta charset=\"windows-1252\"></head><body><article>\
                <p>Ylitöitä taas, työaika venyi ja ylityö jäi korvaamatta. Pomo pyysi \
                iltatilaisuuteen ja sinne oli pakko mennä.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    std::fs::write(dir.path().join("sivu.html"), &bytes).unwrap();
    let (docs, _) = analyse(dir.path(), &["sivu.html"]);
    let doc = &docs[0];
    assert_eq!(doc["encoding"], "windows-1252");
    let matches = doc["matches"].as_array().unwrap();
    assert!(matches.len() >= 2, "{doc}");
    for m in matches {
        let (a, b) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes[a as usize..b as usize]);
        assert_eq!(
            text.to_lowercase(),
            m["text"].as_str().unwrap().to_lowercase()
        );
    }
    let span = &doc["segments"][0]["spans"][0];
    let (a, b) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes[a as usize..b as usize]);
    assert!(
        text.starts_with("Ylitöitä") && text.ends_with("mennä."),
        "{text}"
    );
}
