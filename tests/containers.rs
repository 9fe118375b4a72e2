//! Containers: `--files-from`, archives (`.tar`, `.tar.gz`, `.tar.zst`, `.zip`) and WARC
//! files. Every archive and WARC file is written by the test at run time, from posts written
//! for it in the shape of forum and blog text.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

mod common;
use common::{gzip, http, skipped, tar_bytes, warc_record, zip_bytes};

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
}

/// The posts: (name, bytes). Text posts from a Finnish forum and a Dutch one, a blog page
/// with a comment, and one post with nothing the lexicons know.
fn posts() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "palsta/ketju-1.txt",
            "Taas pitää jäädä asiakasiltaan, vaikka työpäivä alkoi jo seitsemältä. \
             Esimies soitti eilen lomalla ja kysyi, voinko tulla viikonloppuna töihin.\n"
                .into(),
        ),
        (
            "palsta/ketju-2.txt",
            "Jonotin asiakaspalveluun tunnin eikä kukaan vastannut. Kiire on jatkuvaa, ja \
             sairauslomia on koko ajan enemmän.\n"
                .into(),
        ),
        (
            "forum/draad-7.txt",
            "Na werktijd moet ik nog steeds bereikbaar zijn voor de klanten. De werkdruk is \
             zo hoog dat niemand nog pauze neemt.\n"
                .into(),
        ),
        (
            "blogi/2024/ilta.html",
            "<!DOCTYPE html><html><head><title>Iltavuoro</title></head><body>\
             <nav><a href=\"/\">Etusivu</a> <a href=\"/arkisto\">Arkisto</a></nav>\
             <article class=\"post\"><h1>Iltavuoro taas</h1><p>Olen introvertti ja tarvitsen \
             hiljaisuutta t&ouml;iden j&auml;lkeen, mutta esimies soitti taas illalla.</p>\
             </article><div class=\"comments\"><div class=\"comment\"><span class=\"author\">\
             maija</span><p>Sama t&auml;&auml;ll&auml;, ylit&ouml;it&auml; joka viikko.</p>\
             </div></div></body></html>"
                .into(),
        ),
        (
            "palsta/ketju-3.txt",
            "Kävimme kaupassa ja söimme iltapalaa.\n".into(),
        ),
    ]
}

fn response(n: usize, uri: &str, date: &str, payload: Vec<u8>) -> Vec<u8> {
    warc_record(
        &[
            ("WARC-Type", "response"),
            (
                "WARC-Record-ID",
                &format!("<urn:uuid:00000000-0000-4000-8000-{n:012}>"),
            ),
            ("WARC-Date", date),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &payload,
    )
}

/// The posts as a crawl: each page a `response` record (HTML as text/html, the text
/// posts as text/plain), each record gzipped on its own.
fn posts_warc_gz() -> Vec<u8> {
    let mut out = Vec::new();
    for (i, (name, body)) in posts().into_iter().enumerate() {
        let ct = if name.ends_with(".html") {
            "Content-Type: text/html; charset=utf-8"
        } else {
            "Content-Type: text/plain; charset=utf-8"
        };
        let payload = http("200 OK", &[ct], &body);
        let uri = format!("https://www.example.fi/{name}");
        out.extend(gzip(&response(i, &uri, "2024-03-15T21:03:00Z", payload)));
    }
    out
}

fn run_json(args: &[&str], dir: &Path) -> Value {
    let out = teema()
        .current_dir(dir)
        .args([
            "analyse",
            "--format",
            "json",
            "--threads",
            "2",
            "--evidence",
        ])
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    // 0: all read; 2: some inputs skipped (and listed).
    let want = if report["skipped"].as_array().unwrap().is_empty() {
        0
    } else {
        2
    };
    assert_eq!(
        out.status.code(),
        Some(want),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    report
}

fn documents(report: &Value) -> &Vec<Value> {
    report["documents"].as_array().unwrap()
}

/// Each document's scores and evidence, by the name the post has in the loose folder.
fn by_post(report: &Value, name_of: impl Fn(&Value) -> String) -> BTreeMap<String, Value> {
    documents(report)
        .iter()
        .map(|d| {
            let mut kept = serde_json::Map::new();
            for key in ["themes", "matches", "tokens", "lang", "bytes", "segments"] {
                kept.insert(key.into(), d[key].clone());
            }
            (name_of(d), Value::Object(kept))
        })
        .collect()
}

fn path_after(d: &Value, sep: &str) -> String {
    let p = d["path"].as_str().unwrap();
    p.rsplit_once(sep).unwrap().1.to_string()
}

#[test]
fn the_same_posts_score_the_same_loose_in_archives_and_in_a_warc() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let posts = posts();
    for (name, body) in &posts {
        let p = d.join("loose").join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    let tar = tar_bytes(&posts);
    fs::write(d.join("posts.tar"), &tar).unwrap();
    fs::write(d.join("posts.tar.gz"), gzip(&tar)).unwrap();
    fs::write(d.join("posts.tar.zst"), zstd(&tar)).unwrap();
    fs::write(d.join("posts.zip"), zip_bytes(&posts)).unwrap();
    fs::write(d.join("crawl.warc.gz"), posts_warc_gz()).unwrap();

    let loose = run_json(&["loose"], d);
    let expected = by_post(&loose, |doc| path_after(doc, "loose/"));
    assert_eq!(expected.len(), posts.len());
    // The posts do score: otherwise the comparison proves little.
    let hits: u64 = documents(&loose)
        .iter()
        .flat_map(|doc| doc["themes"].as_object().unwrap().values())
        .map(|t| t["hits"].as_u64().unwrap())
        .sum();
    assert!(hits >= 5, "{hits} hits");

    for archive in ["posts.tar", "posts.tar.gz", "posts.tar.zst", "posts.zip"] {
        let report = run_json(&[archive], d);
        assert_eq!(skipped(&report), vec![], "{archive}");
        let got = by_post(&report, |doc| path_after(doc, "!"));
        assert_eq!(got, expected, "{archive}");
        // Archive order, not sorted order.
        let first = documents(&report)[0]["path"].as_str().unwrap();
        assert_eq!(first, format!("{archive}!palsta/ketju-1.txt"));
    }

    // The same bytes for one thread and several, archive order kept.
    for input in ["posts.tar.zst", "posts.zip", "crawl.warc.gz"] {
        let bytes = |threads: &str| {
            let out = teema()
                .current_dir(d)
                .args([
                    "analyse",
                    "--format",
                    "ndjson",
                    "--evidence",
                    "--threads",
                    threads,
                    input,
                ])
                .output()
                .unwrap();
            assert!(out.status.success());
            out.stdout
        };
        assert_eq!(bytes("1"), bytes("3"), "{input}");
    }

    let report = run_json(&["crawl.warc.gz"], d);
    assert_eq!(skipped(&report), vec![]);
    let got = by_post(&report, |doc| {
        let url = doc["record"]["fields"]["url"].as_str().unwrap();
        url.strip_prefix("https://www.example.fi/").unwrap().into()
    });
    assert_eq!(got, expected);
    let first = &documents(&report)[0];
    assert_eq!(first["path"], "crawl.warc.gz!1");
    assert_eq!(first["record"]["fields"]["status"], 200);
    assert_eq!(first["record"]["fields"]["date"], "2024-03-15T21:03:00Z");
    assert_eq!(
        first["record"]["id"],
        "<urn:uuid:00000000-0000-4000-8000-000000000000>"
    );
    assert_eq!(first["record"]["line"], 1);
    // The second record starts after the first one's 7 header lines and blank line, 3 HTTP
    // lines, the post's one line and the two closing line breaks.
    assert_eq!(documents(&report)[1]["record"]["line"], 15);
}

#[test]
fn archive_members_obey_globs_hidden_rules_and_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let jsonl = "{\"id\":\"p1\",\"author\":\"anna\",\"text\":\"Jonotin asiakaspalveluun tunnin.\"}\n\
                 {\"id\":\"p2\",\"author\":\"bert\",\"text\":\"Kiire on jatkuvaa.\"}\n";
    let entries: Vec<(&str, Vec<u8>)> = vec![
        ("./site/a.txt", b"Kiire on jatkuvaa.".to_vec()),
        ("site/.cache/b.txt", b"Kiire on jatkuvaa.".to_vec()),
        ("site/notes.md", b"Kiire on jatkuvaa.".to_vec()),
        ("site/c.txt.gz", gzip("Työpäivä venyi taas.".as_bytes())),
        ("site/inner.tar", tar_bytes(&[("x.txt", b"x".to_vec())])),
        ("drafts/d.txt", b"Kiire on jatkuvaa.".to_vec()),
        ("data/posts.jsonl.zst", zstd(jsonl.as_bytes())),
    ];
    fs::write(d.join("mix.tar"), tar_bytes(&entries)).unwrap();
    // A folder walk opens the archive although `*.txt` does not match its name.
    fs::create_dir(d.join("in")).unwrap();
    fs::rename(d.join("mix.tar"), d.join("in/mix.tar")).unwrap();

    let report = run_json(&["--glob", "*.txt", "--glob", "!drafts", "in"], d);
    let paths: Vec<&str> = documents(&report)
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["in/mix.tar!site/a.txt"]);
    let ignored = &report["summary"]["ignored"];
    // .cache/b.txt is hidden; notes.md, c.txt.gz, inner.tar, drafts/d.txt and the JSON
    // Lines file are left out by the globs.
    assert_eq!(
        (ignored["hidden"].as_u64(), ignored["glob"].as_u64()),
        (Some(1), Some(5))
    );

    let report = run_json(&["--hidden", "in/mix.tar"], d);
    let paths: Vec<&str> = documents(&report)
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "in/mix.tar!site/a.txt",
            "in/mix.tar!site/.cache/b.txt",
            "in/mix.tar!site/notes.md",
            "in/mix.tar!site/c.txt.gz",
            "in/mix.tar!drafts/d.txt",
            "in/mix.tar!data/posts.jsonl.zst",
        ]
    );
    let skips = skipped(&report);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].0, "in/mix.tar!site/inner.tar");
    assert!(skips[0].1.contains("not opened"), "{}", skips[0].1);
    // The gzipped member is decompressed: "Työpäivä" is words, not bytes.
    let c = &documents(&report)[3];
    assert!(c["tokens"].as_u64().unwrap() >= 3);

    // --input jsonl: the JSON Lines member is expanded into its records.
    let report = run_json(&["--input", "jsonl", "--glob", "*.zst", "in/mix.tar"], d);
    let docs = documents(&report);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["path"], "in/mix.tar!data/posts.jsonl.zst");
    assert_eq!(docs[1]["record"]["line"], 2);
    assert_eq!(docs[1]["record"]["id"], "p2");
    assert_eq!(docs[1]["record"]["fields"]["author"], "bert");
}

#[test]
fn damaged_members_and_truncated_archives_are_listed_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let posts = posts();
    // A tar with a corrupt gzip member in the middle.
    let mut bad_gz = gzip(&posts[1].1);
    let mid = bad_gz.len() / 2;
    bad_gz.truncate(mid);
    let entries = vec![
        (posts[0].0, posts[0].1.clone()),
        ("palsta/rikki.txt.gz", bad_gz),
        (posts[2].0, posts[2].1.clone()),
    ];
    fs::write(d.join("bad-member.tar.gz"), gzip(&tar_bytes(&entries))).unwrap();
    let report = run_json(&["bad-member.tar.gz"], d);
    assert_eq!(documents(&report).len(), 2);
    let skips = skipped(&report);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].0, "bad-member.tar.gz!palsta/rikki.txt.gz");
    assert!(
        skips[0].1.contains("corrupt or truncated gzip"),
        "{}",
        skips[0].1
    );
    assert_eq!(report["summary"]["documents"], 2);
    assert_eq!(report["summary"]["skipped"], 1);

    // A zip whose second member's compressed bytes are damaged: its checksum fails, the
    // third member is read.
    let mut zip = zip_bytes(&[
        (posts[0].0, posts[0].1.clone()),
        (posts[1].0, posts[1].1.repeat(20)),
        (posts[2].0, posts[2].1.clone()),
    ]);
    let name = posts[1].0.as_bytes();
    let at = zip
        .windows(name.len())
        .position(|w| w == name)
        .expect("the local header names the member");
    for b in &mut zip[at + name.len() + 10..at + name.len() + 30] {
        *b ^= 0x5a;
    }
    fs::write(d.join("bad-member.zip"), &zip).unwrap();
    let report = run_json(&["bad-member.zip"], d);
    let paths: Vec<&str> = documents(&report)
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "bad-member.zip!palsta/ketju-1.txt",
            "bad-member.zip!forum/draad-7.txt"
        ]
    );
    let skips = skipped(&report);
    assert_eq!(skips.len(), 1, "{skips:?}");
    assert_eq!(skips[0].0, "bad-member.zip!palsta/ketju-2.txt");
    assert!(skips[0].1.starts_with("corrupt member"), "{}", skips[0].1);

    // A truncated .tar.zst: what was read counts, the break is listed. Big members (the
    // tar is several 128 KiB Zstandard blocks) so that the cut falls well after the first.
    let big: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| {
            let text = format!("Viesti {i}. {}", String::from_utf8_lossy(&posts[i % 3].1));
            (format!("palsta/{i:03}.txt"), text.repeat(120).into_bytes())
        })
        .collect();
    let big_refs: Vec<(&str, Vec<u8>)> = big.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let mut packed = zstd(&tar_bytes(&big_refs));
    packed.truncate(packed.len() * 2 / 3);
    fs::write(d.join("cut.tar.zst"), &packed).unwrap();
    let report = run_json(&["cut.tar.zst"], d);
    let n = documents(&report).len();
    assert!(n > 5 && n < 40, "{n} documents");
    let skips = skipped(&report);
    assert_eq!(skips.len(), 1);
    assert!(skips[0].1.contains("breaks off"), "{skips:?}");
    assert!(skips[0].1.contains(&format!("{n} member(s)")), "{skips:?}");

    // A plain tar cut inside a member.
    let mut tar = tar_bytes(&big_refs);
    tar.truncate(10 * 1024 + 700);
    fs::write(d.join("cut.tar"), &tar).unwrap();
    let report = run_json(&["cut.tar"], d);
    let n = documents(&report).len();
    let skips = skipped(&report);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].0, format!("cut.tar!palsta/{n:03}.txt"));
    assert!(
        skips[0].1.contains("truncated inside this member"),
        "{skips:?}"
    );

    // A truncated zip has lost its list of members: it is read from the start, the members
    // before the cut count and the cut is listed.
    let mut zip = zip_bytes(&big_refs);
    zip.truncate(zip.len() / 2);
    fs::write(d.join("cut.zip"), &zip).unwrap();
    let report = run_json(&["cut.zip"], d);
    let n = documents(&report).len();
    assert!(n > 5 && n < 40, "{n} documents");
    assert_eq!(
        documents(&report)[n - 1]["path"],
        format!("cut.zip!palsta/{:03}.txt", n - 1)
    );
    let skips = skipped(&report);
    assert_eq!(skips.len(), 1);
    assert!(
        skips[0].1.contains("list of members is missing"),
        "{skips:?}"
    );
    assert!(
        skips[0].1.contains(&format!("after {n} member(s)")),
        "{skips:?}"
    );
}

/// A crawl with every kind of record.
fn mixed_warc() -> Vec<Vec<u8>> {
    let page_8859_15 = {
        // No <meta charset>: only the HTTP header tells that 0xA4 is "€", not "¤".
        let mut p = b"<html><body><article><p>Ty\xf6p\xe4iv\xe4 venyi taas ja ylit\xf6ist\xe4 \
            maksetaan 5 \xa4 tunnilta. Esimies soitti lomalla.</p></article></body></html>"
            .to_vec();
        p.extend_from_slice(b"\n");
        p
    };
    let chunked_gz = {
        let body = gzip(posts()[0].1.as_slice());
        let mut c = format!("{:x}\r\n", body.len()).into_bytes();
        c.extend_from_slice(&body);
        c.extend_from_slice(b"\r\n0\r\n\r\n");
        c
    };
    vec![
        warc_record(
            &[
                ("WARC-Type", "warcinfo"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"software: test-writer/1.0\r\nformat: WARC File Format 1.1\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", "https://keskustelu.example.fi/t/1"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /t/1 HTTP/1.1\r\nHost: keskustelu.example.fi\r\n\r\n",
        ),
        response(
            3,
            "https://keskustelu.example.fi/t/1",
            "2024-03-15T21:03:00Z",
            http(
                "200 OK",
                &[
                    "Content-Type: text/html; charset=ISO-8859-15",
                    "Transfer-Encoding: chunked",
                    "Content-Encoding: gzip",
                ],
                &{
                    // chunked transfer of the gzipped 8859-15 page
                    let body = gzip(&page_8859_15);
                    let mut c = format!("{:x}\r\n", body.len()).into_bytes();
                    c.extend_from_slice(&body);
                    c.extend_from_slice(b"\r\n0\r\n\r\n");
                    c
                },
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "metadata"),
                ("WARC-Target-URI", "https://keskustelu.example.fi/t/1"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"outlink: https://keskustelu.example.fi/t/2\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "revisit"),
                ("WARC-Target-URI", "https://keskustelu.example.fi/t/1"),
                ("WARC-Date", "2024-04-02T08:00:00Z"),
                (
                    "WARC-Profile",
                    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
                ),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "resource"),
                ("WARC-Target-URI", "file:///export/forum/draad-7.txt"),
                ("WARC-Date", "2024-04-20T10:00:00Z"),
                ("Content-Type", "text/plain; charset=utf-8"),
            ],
            &posts()[2].1,
        ),
        response(
            7,
            "https://www.example.nl/img/logo.png",
            "2024-04-20T10:00:01Z",
            http(
                "200 OK",
                &["Content-Type: image/png"],
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", "https://keskustelu.example.fi/t/9"),
                ("WARC-Truncated", "length"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Kiire",
        ),
        response(
            9,
            "https://blogi.example.fi/2024/05/ilta",
            "2024-05-01T19:00:00Z",
            http(
                "200 OK",
                &[
                    "Content-Type: text/plain",
                    "Transfer-Encoding: chunked",
                    "Content-Encoding: gzip",
                ],
                &chunked_gz,
            ),
        ),
        // Cut off by the end of the file: the download stopped inside this record.
        response(
            10,
            "https://keskustelu.example.fi/t/10",
            "2024-05-02T19:00:00Z",
            http("200 OK", &["Content-Type: text/html"], &posts()[3].1),
        ),
    ]
}

#[test]
fn warc_records_become_documents_or_are_listed_or_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let records = mixed_warc();
    let n_records = records.len();
    let mut plain: Vec<u8> = records[..n_records - 1].concat();
    let last = &records[n_records - 1];
    plain.extend_from_slice(&last[..last.len() - 60]);
    let mut per_record_gz: Vec<u8> = records[..n_records - 1]
        .iter()
        .flat_map(|r| gzip(r))
        .collect();
    let mut last_gz = gzip(last);
    last_gz.truncate(last_gz.len() - 30);
    per_record_gz.extend(last_gz);
    fs::write(d.join("crawl.warc"), &plain).unwrap();
    fs::write(d.join("crawl.warc.gz"), &per_record_gz).unwrap();
    fs::write(d.join("crawl.warc.zst"), zstd(&plain)).unwrap();

    let mut reports = Vec::new();
    for name in ["crawl.warc", "crawl.warc.gz", "crawl.warc.zst"] {
        let report = run_json(
            &["--group-by", "url:host", "--group-by", "date:month", name],
            d,
        );
        let docs = documents(&report);
        let paths: Vec<String> = docs.iter().map(|x| path_after(x, "!")).collect();
        assert_eq!(paths, ["3", "6", "9"], "{name}");
        let skips = skipped(&report);
        let reasons: Vec<(&str, &str)> = skips
            .iter()
            .map(|(p, r)| (p.rsplit_once('!').map_or(p.as_str(), |x| x.1), r.as_str()))
            .collect();
        assert_eq!(reasons.len(), 4, "{name}: {reasons:?}");
        assert!(
            reasons[0].0 == "5" && reasons[0].1.starts_with("revisit record"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].0 == "7" && reasons[1].1.contains("(image/png)"),
            "{reasons:?}"
        );
        assert!(
            reasons[2].0 == "8" && reasons[2].1.contains("WARC-Truncated"),
            "{reasons:?}"
        );
        assert_eq!(reasons[3].0, "10", "{reasons:?}");
        assert!(
            reasons[3].1.starts_with("truncated record"),
            "{name}: {reasons:?}"
        );
        // warcinfo, request and metadata: not documents by type, counted.
        assert_eq!(report["summary"]["ignored"]["warc_records"], 3);
        // Every record is accounted for.
        assert_eq!(docs.len() + skips.len() + 3, n_records);

        let page = &docs[0];
        let fields = &page["record"]["fields"];
        assert_eq!(fields["url"], "https://keskustelu.example.fi/t/1");
        assert_eq!(fields["status"], 200);
        assert_eq!(fields["content_type"], "text/html; charset=ISO-8859-15");
        assert_eq!(fields["warc_type"], "response");
        // The HTTP header's charset decided, past the chunking and the gzip.
        assert_eq!(page["encoding"], "ISO-8859-15");
        assert!(page["themes"]["after_hours"]["hits"].as_u64().unwrap() >= 1);
        let resource = &docs[1];
        assert_eq!(resource["record"]["fields"]["status"], Value::Null);
        assert_eq!(resource["record"]["fields"]["warc_type"], "resource");
        assert_eq!(resource["lang"], "nl");
        // The chunked, gzipped text/plain post reads as the loose post does.
        assert!(docs[2]["tokens"].as_u64().unwrap() > 10);

        let groups = &report["summary"]["groups"];
        let hosts: Vec<&String> = groups["url:host"].as_object().unwrap().keys().collect();
        assert_eq!(
            hosts,
            ["(invalid)", "blogi.example.fi", "keskustelu.example.fi"]
        );
        let months: Vec<&String> = groups["date:month"].as_object().unwrap().keys().collect();
        assert_eq!(months, ["2024-03", "2024-04", "2024-05"]);
        reports.push(by_post(&report, |x| path_after(x, "!")));
    }
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
}

#[test]
fn files_from_lists_keep_their_order_and_list_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (i, (_, body)) in posts().iter().take(3).enumerate() {
        fs::write(d.join(format!("p{i}.txt")), body).unwrap();
    }
    fs::create_dir(d.join("sub")).unwrap();
    fs::write(d.join("sub/q.txt"), &posts()[4].1).unwrap();
    fs::write(d.join("list.txt"), "p2.txt\r\nsub\n\nmissing.txt\np0.txt\n").unwrap();
    let report = run_json(&["--files-from", "list.txt"], d);
    let paths: Vec<&str> = documents(&report)
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["p2.txt", "sub/q.txt", "p0.txt"]);
    let skips = skipped(&report);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].0, "missing.txt");
    assert!(skips[0].1.contains("cannot open"));

    // NUL-separated, from standard input, after a PATH given on the command line.
    let out = teema()
        .current_dir(d)
        .args([
            "analyse",
            "--format",
            "ndjson",
            "--files-from",
            "-",
            "p1.txt",
        ])
        .write_stdin("p0.txt\0sub/q.txt\0")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let paths: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "document")
        .map(|v| v["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["p1.txt", "p0.txt", "sub/q.txt"]);

    // A list that cannot be read is listed, not a crash.
    let report = run_json(&["--files-from", "nope.txt"], d);
    let skips = skipped(&report);
    assert_eq!(skips[0].0, "nope.txt");
    assert!(skips[0].1.contains("--files-from"), "{skips:?}");
}
