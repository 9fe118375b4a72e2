//! Structured and compressed input: `--input jsonl|csv`, `.gz` / `.zst`, `--group-by`,
//! decompression limits, and bad records reported as skipped.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus-samples")
}

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

fn ndjson(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn of_type<'a>(lines: &'a [Value], kind: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["type"] == kind).collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
}

const FI: &[&str] = &[
    "Taas pitää jäädä asiakasiltaan, vaikka työpäivä alkoi jo seitsemältä.",
    "Jonotin asiakaspalveluun tunnin eikä kukaan vastannut.",
    "Olen introvertti ja tarvitsen hiljaisuutta töiden jälkeen.",
    "Esimies soitti lomalla ja kysyi, voinko tulla viikonloppuna töihin.",
    "Kiire on jatkuvaa, ja sairauslomia on koko ajan enemmän.",
    "Kävimme kaupassa ja söimme iltapalaa.",
];

const NL: &[&str] = &[
    "Na werktijd moet ik nog steeds bereikbaar zijn voor de klanten.",
    "Drie keer doorverbonden en nog steeds geen antwoord van de klantenservice.",
    "Als introvert word ik moe van al die vergaderingen en borrels.",
    "De werkdruk is zo hoog dat niemand nog pauze neemt.",
    "We hebben gisteren lekker gewandeld in het park.",
];

const AUTHORS: &[&str] = &["anna", "bert", "cees", "dora", "eero", "fleur", "ilkka"];

/// `n` generated posts: rotating authors (every 13th has none), Finnish or Dutch text of one
/// to three sentences, timestamps over the months of 2023 (every 17th not a date).
fn generated_jsonl(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let sentences = if i % 3 == 0 { NL } else { FI };
        let text: Vec<&str> = (0..1 + i % 3)
            .map(|k| sentences[(i * 7 + k * 3) % sentences.len()])
            .collect();
        let mut rec = json!({
            "id": format!("post-{i}"),
            "text": text.join(" "),
            "timestamp": if i % 17 == 0 {
                "yesterday".to_string()
            } else {
                format!("2023-{:02}-{:02}T12:00:00Z", 1 + i % 12, 1 + i % 28)
            },
            "thread": i / 10,
        });
        if i % 13 != 0 {
            rec["author"] = json!(AUTHORS[i % AUTHORS.len()]);
        }
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, data).unwrap();
    p
}

/// Asserts that the groups of `spec` add up to the run's totals, and returns them.
fn check_groups_add_up<'a>(summary: &'a Value, spec: &str) -> &'a serde_json::Map<String, Value> {
    let groups = summary["groups"][spec].as_object().unwrap();
    let sum = |f: &dyn Fn(&Value) -> u64| groups.values().map(f).sum::<u64>();
    assert_eq!(
        sum(&|g| g["documents"].as_u64().unwrap()),
        summary["documents"]
    );
    assert_eq!(sum(&|g| g["tokens"].as_u64().unwrap()), summary["tokens"]);
    for (theme, total) in summary["themes"].as_object().unwrap() {
        for key in ["hits", "documents_with_hits"] {
            assert_eq!(
                sum(&|g| g["themes"][theme][key].as_u64().unwrap()),
                total[key],
                "{spec} {theme} {key}"
            );
        }
    }
    groups
}

#[test]
fn ten_thousand_records_per_author_totals_equal_the_document_totals() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "posts.jsonl",
        generated_jsonl(10_000).as_bytes(),
    );
    let run = |threads: &str| {
        teema()
            .args([
                "analyse",
                "--input",
                "jsonl",
                "--format",
                "ndjson",
                "--threads",
            ])
            .arg(threads)
            .args(["--group-by", "author", "--group-by", "timestamp:month"])
            .args(["--group-by", "lang"])
            .arg(&path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let out = run("3");
    assert_eq!(out, run("1"), "output is the same for any --threads");
    let lines = ndjson(&out);
    let docs = of_type(&lines, "document");
    assert_eq!(docs.len(), 10_000);
    let summary = of_type(&lines, "summary")[0];
    assert_eq!(summary["documents"], 10_000);
    assert_eq!(summary["skipped"], 0);

    // Documents come in file order with their line, id and fields.
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d["record"]["line"], i as u64 + 1);
        assert_eq!(d["record"]["id"], format!("post-{i}"));
        assert_eq!(d["record"]["fields"]["thread"], i as u64 / 10);
        assert!(d["record"]["fields"].get("text").is_none());
        assert_eq!(d["path"], path.display().to_string());
    }

    // Each author's totals equal the sum over that author's documents.
    let authors = check_groups_add_up(summary, "author");
    assert_eq!(authors.len(), AUTHORS.len() + 1);
    for (author, group) in authors {
        let mine: Vec<&&Value> = docs
            .iter()
            .filter(|d| {
                d["record"]["fields"]["author"]
                    .as_str()
                    .unwrap_or("(missing)")
                    == author
            })
            .collect();
        assert_eq!(group["documents"], mine.len() as u64, "{author}");
        let tokens: u64 = mine.iter().map(|d| d["tokens"].as_u64().unwrap()).sum();
        assert_eq!(group["tokens"], tokens, "{author}");
        for (theme, t) in group["themes"].as_object().unwrap() {
            let hits: u64 = mine
                .iter()
                .map(|d| d["themes"][theme]["hits"].as_u64().unwrap())
                .sum();
            assert_eq!(t["hits"], hits, "{author} {theme}");
        }
    }
    assert_eq!(authors["(missing)"]["documents"], 770); // every 13th of 10,000
    assert!(summary["themes"]["after_hours"]["hits"].as_u64().unwrap() > 1000);

    let months = check_groups_add_up(summary, "timestamp:month");
    assert_eq!(months.len(), 13, "{:?}", months.keys().collect::<Vec<_>>());
    assert_eq!(months["(invalid)"]["documents"], 589); // every 17th
    assert!(months.contains_key("2023-01") && months.contains_key("2023-12"));
    let langs = check_groups_add_up(summary, "lang");
    assert_eq!(langs["nl"]["documents"], 3334);
    assert_eq!(langs["fi"]["documents"], 6666);
}

#[test]
fn gzip_and_zstd_jsonl_give_the_same_records_as_plain() {
    let dir = tempfile::tempdir().unwrap();
    let data = generated_jsonl(200);
    let plain = write(dir.path(), "a.jsonl", data.as_bytes());
    let gz = write(dir.path(), "b.jsonl.gz", &gzip(data.as_bytes()));
    let zst = write(dir.path(), "c.jsonl.zst", &zstd(data.as_bytes()));
    let records = |path: &Path| {
        let out = teema()
            .args([
                "analyse",
                "--input",
                "jsonl",
                "--format",
                "ndjson",
                "--evidence",
            ])
            .arg(path)
            .assert()
            .success();
        let mut lines = ndjson(&out.get_output().stdout);
        lines.retain(|l| l["type"] != "header");
        for l in &mut lines {
            l.as_object_mut().unwrap().remove("path");
        }
        lines
    };
    let expected = records(&plain);
    assert_eq!(expected.len(), 201);
    assert_eq!(records(&gz), expected);
    assert_eq!(records(&zst), expected);
}

#[test]
fn compressed_text_files_are_one_document_each() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = fs::read(samples().join("fi-latin1-vanha-sivu.txt")).unwrap();
    write(dir.path(), "a.txt", &latin1);
    write(dir.path(), "b.txt.gz", &gzip(&latin1));
    write(dir.path(), "c.txt.zst", &zstd(&latin1));
    let out = teema()
        .args(["analyse", "--format", "ndjson", "--evidence"])
        .arg(dir.path())
        .assert()
        .success();
    let lines = ndjson(&out.get_output().stdout);
    let docs = of_type(&lines, "document");
    assert_eq!(docs.len(), 3);
    for d in &docs {
        assert_eq!(d["encoding"], "windows-1252");
        assert_eq!(d["bytes"], latin1.len() as u64);
        assert_eq!(d["themes"], docs[0]["themes"]);
        assert_eq!(d["matches"], docs[0]["matches"]);
        assert!(d.get("record").is_none());
    }
}

#[test]
fn decompression_bomb_and_false_gzip_are_skipped_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // 200 MB of zeros, compressed to about 200 KB.
    let bomb = dir.path().join("bomb.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(
        fs::File::create(&bomb).unwrap(),
        flate2::Compression::fast(),
    );
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        enc.write_all(&zeros).unwrap();
    }
    enc.finish().unwrap();
    assert!(fs::metadata(&bomb).unwrap().len() < 2 << 20);
    write(
        dir.path(),
        "fake.txt.gz",
        b"Tavallista tekstia, ei gzip-dataa.",
    );
    write(dir.path(), "ok.txt", "Ilta venyi taas pitkäksi.".as_bytes());

    let out = teema()
        .args([
            "analyse",
            "--format",
            "ndjson",
            "--max-decompressed",
            "10MiB",
        ])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("raise --max-decompressed"));
    let lines = ndjson(&out.get_output().stdout);
    let skipped = of_type(&lines, "skipped");
    assert_eq!(skipped.len(), 2);
    assert!(
        skipped[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("bomb.txt.gz")
    );
    assert_eq!(
        skipped[0]["reason"],
        "decompressed size exceeds the 10 MiB limit; raise --max-decompressed if this is genuine"
    );
    assert!(
        skipped[1]["path"]
            .as_str()
            .unwrap()
            .ends_with("fake.txt.gz")
    );
    assert!(
        skipped[1]["reason"]
            .as_str()
            .unwrap()
            .starts_with("not gzip data"),
        "{}",
        skipped[1]["reason"]
    );
    assert_eq!(of_type(&lines, "document").len(), 1);

    // As JSON Lines: the limit stops the file, and says after which line.
    let mut lines_then_bomb = b"{\"text\": \"Hei\"}\n".to_vec();
    lines_then_bomb.extend(vec![b' '; 3 << 20]);
    write(dir.path(), "x.jsonl.gz", &gzip(&lines_then_bomb));
    let out = teema()
        .args(["analyse", "--input", "jsonl", "--format", "ndjson"])
        .args(["--max-decompressed", "1MiB"])
        .arg(dir.path().join("x.jsonl.gz"))
        .assert()
        .code(2);
    let lines = ndjson(&out.get_output().stdout);
    assert_eq!(of_type(&lines, "document").len(), 1);
    let reason = of_type(&lines, "skipped")[0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("stopped after line 1: decompressed size exceeds the 1 MiB limit"),
        "{reason}"
    );
}

#[test]
fn bad_json_lines_are_skipped_with_their_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "p.jsonl",
        b"{\"text\": \"Ilta meni taas.\", \"author\": \"a\"}\n\
          {\"text\": \"Kesken\n\
          {\"body\": \"Ei tekstikenttaa\"}\n\
          {\"text\": [\"lista\"]}\n\
          {\"text\": \"Weer overuren vandaag.\", \"author\": \"b\"}\n",
    );
    let out = teema()
        .args(["analyse", "--input", "jsonl", "--format", "ndjson"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("line 2: invalid JSON"));
    let lines = ndjson(&out.get_output().stdout);
    let kinds: Vec<(&str, String)> = lines[1..lines.len() - 1]
        .iter()
        .map(|l| {
            let what = match l["type"].as_str().unwrap() {
                "document" => l["record"]["line"].to_string(),
                _ => l["reason"].as_str().unwrap().to_string(),
            };
            (l["type"].as_str().unwrap(), what)
        })
        .collect();
    assert_eq!(kinds[0], ("document", "1".into()));
    assert!(kinds[1].1.starts_with("line 2: invalid JSON"), "{kinds:?}");
    assert!(
        kinds[2].1.contains("line 3: no field \"text\""),
        "{kinds:?}"
    );
    assert!(kinds[2].1.contains("--text-field"), "{kinds:?}");
    assert!(
        kinds[3].1.contains("line 4: field \"text\" is an array"),
        "{kinds:?}"
    );
    assert_eq!(kinds[4], ("document", "5".into()));
    for skipped in of_type(&lines, "skipped") {
        assert_eq!(skipped["path"], path.display().to_string());
    }
    let summary = lines.last().unwrap();
    assert_eq!(
        (summary["documents"].as_u64(), summary["skipped"].as_u64()),
        (Some(2), Some(3))
    );

    // --text-field and --id-field choose other keys.
    let out = teema()
        .args(["analyse", "--input", "jsonl", "--format", "json"])
        .args(["--text-field", "body", "--id-field", "author"])
        .arg(&path)
        .assert()
        .code(2);
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["record"]["line"], 3);
    assert_eq!(docs[0]["record"]["id"], Value::Null);
}

#[test]
fn csv_records_with_quoted_multiline_text_and_csv_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "posts.csv",
        "id,author,timestamp,text\n\
         a1,anna,2024-03-04 21:17,\"Asiakasilta venyi taas yöhön.\n\n\
         > Lainaus: \"\"ylitöitä ei korvata\"\"\nNiin, ei korvata.\"\n\
         a2,bert,15.4.2024,Na werktijd nog bereikbaar zijn voor de baas.\n\
         a3,cees\n"
            .as_bytes(),
    );
    let out = teema()
        .args([
            "analyse",
            "--input",
            "csv",
            "--format",
            "ndjson",
            "--evidence",
        ])
        .args(["--group-by", "author", "--group-by", "timestamp:month"])
        .arg(&path)
        .assert()
        .code(2);
    let lines = ndjson(&out.get_output().stdout);
    let docs = of_type(&lines, "document");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["record"]["line"], 2);
    assert_eq!(docs[0]["record"]["id"], "a1");
    assert_eq!(
        docs[0]["record"]["fields"],
        json!({"author": "anna", "timestamp": "2024-03-04 21:17"})
    );
    assert_eq!(docs[1]["record"]["line"], 6);
    assert_eq!(docs[0]["lang"], "fi");
    // Evidence offsets are offsets in the text field's value.
    let text =
        "Asiakasilta venyi taas yöhön.\n\n> Lainaus: \"ylitöitä ei korvata\"\nNiin, ei korvata.";
    let evidence = docs[0]["matches"].as_array().unwrap();
    assert!(!evidence.is_empty());
    for m in evidence {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
    let skipped = of_type(&lines, "skipped");
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("line 7: 2 fields, but the header has 4")
    );
    let summary = of_type(&lines, "summary")[0];
    let months: Vec<&String> = summary["groups"]["timestamp:month"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(months, ["2024-03", "2024-04"]);

    let out = teema()
        .args(["analyse", "--input", "csv", "--format", "csv", "-q"])
        .args([
            "--group-by",
            "timestamp:month",
            "--group-by",
            "lang",
            "--field",
            "author",
        ])
        .arg(&path)
        .assert()
        .code(2);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..14],
        [
            "path",
            "record_line",
            "id",
            "lang",
            "profile",
            "tokens",
            "comments",
            "sentences",
            "wc",
            "wps",
            "dic",
            "short",
            "timestamp:month",
            "author"
        ]
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!((&rows[0][1], &rows[0][2]), ("2", "a1"));
    assert_eq!((&rows[1][12], &rows[1][13]), ("2024-04", "bert"));
}

#[test]
fn sample_records_group_by_month_and_gzip_matches_plain() {
    let records = samples().join("records");
    let out = teema()
        .args(["analyse", "--input", "jsonl", "--format", "ndjson"])
        .args(["--group-by", "timestamp:month", "--group-by", "author"])
        .arg(records.join("posts.jsonl"))
        .arg(records.join("posts.jsonl.gz"))
        .assert()
        .success();
    let lines = ndjson(&out.get_output().stdout);
    let docs = of_type(&lines, "document");
    assert_eq!(docs.len(), 12);
    let langs: Vec<&str> = docs.iter().map(|d| d["lang"].as_str().unwrap()).collect();
    assert_eq!(langs[..6], ["fi", "fi", "fi", "nl", "nl", "nl"]);
    for (a, b) in docs[..6].iter().zip(&docs[6..]) {
        assert_eq!(a["themes"], b["themes"]);
        assert_eq!(a["record"], b["record"]);
    }
    let summary = of_type(&lines, "summary")[0];
    let months = check_groups_add_up(summary, "timestamp:month");
    let counts: BTreeMap<&str, u64> = months
        .iter()
        .map(|(k, v)| (k.as_str(), v["documents"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        counts,
        BTreeMap::from([("(invalid)", 2), ("2024-03", 4), ("2024-04", 6)])
    );
    check_groups_add_up(summary, "author");
    assert_eq!(summary["groups"]["author"]["Marieke"]["documents"], 4);
}

#[test]
fn group_by_lang_works_for_plain_text_and_fields_are_missing() {
    let out = teema()
        .args([
            "analyse",
            "--format",
            "json",
            "--group-by",
            "lang",
            "--group-by",
            "author",
        ])
        .arg(samples())
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let summary = &report["summary"];
    let langs = check_groups_add_up(summary, "lang");
    assert!(langs["fi"]["documents"].as_u64().unwrap() >= 8);
    assert!(langs["nl"]["documents"].as_u64().unwrap() >= 5);
    let authors = check_groups_add_up(summary, "author");
    assert_eq!(authors.keys().collect::<Vec<_>>(), ["(missing)"]);
    for d in report["documents"].as_array().unwrap() {
        assert!(d.get("record").is_none());
    }

    // Without --group-by, the summary has no groups.
    let out = teema().args(["analyse"]).arg(samples()).assert().success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(report["summary"].get("groups").is_none());
}

#[test]
fn bad_group_by_and_size_flags_are_exit_code_1() {
    teema()
        .args(["analyse", "--group-by", "lang:month", "x"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("lang"));
    teema()
        .args(["analyse", "--max-decompressed", "12 parsecs", "x"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("256MiB"));
}
