//! Site chrome, segments, quotes and per-segment language, through the `teema` binary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

mod common;
use common::samples;

fn teema() -> Command {
    Command::cargo_bin("teema").unwrap()
}

fn ndjson(args: &[&str]) -> Vec<Value> {
    let out = teema()
        .args(["analyse", "--format", "ndjson"])
        .args(args)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sample(name: &str) -> String {
    samples().join(name).display().to_string()
}

fn of_type<'a>(lines: &'a [Value], kind: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["type"] == kind).collect()
}

fn theme_hits(themes: &Value) -> Vec<(String, u64)> {
    themes
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["hits"].as_u64().unwrap()))
        .collect()
}

#[test]
fn segment_rows_match_the_documents_segments() {
    let dir = samples().display().to_string();
    let docs = ndjson(&[&dir]);
    let rows = ndjson(&[&dir, "--unit", "segment"]);
    let documents = of_type(&docs, "document");
    let segments = of_type(&rows, "segment");
    assert!(of_type(&rows, "document").is_empty());
    let expected: Vec<(String, usize, String, u64)> = documents
        .iter()
        .flat_map(|d| {
            let path = d["path"].as_str().unwrap().to_string();
            d["segments"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(move |(i, s)| {
                    let kind = s["kind"].as_str().unwrap().to_string();
                    (path.clone(), i, kind, s["tokens"].as_u64().unwrap())
                })
        })
        .collect();
    let got: Vec<(String, usize, String, u64)> = segments
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["segment"].as_u64().unwrap() as usize,
                s["kind"].as_str().unwrap().to_string(),
                s["tokens"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    // segment scores add up to the parts of their document
    for d in &documents {
        let path = d["path"].as_str().unwrap();
        for (kind, part) in d["parts"].as_object().unwrap() {
            for (theme, hits) in theme_hits(&part["themes"]) {
                let sum: u64 = segments
                    .iter()
                    .filter(|s| s["path"] == path && s["kind"] == kind.as_str())
                    .map(|s| s["themes"][&theme]["hits"].as_u64().unwrap())
                    .sum();
                assert_eq!(sum, hits, "{path} {kind} {theme}");
            }
        }
    }
    // csv has the same rows
    let out = teema()
        .args(["analyse", "--format", "csv", "--unit", "segment", &dir])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with(
        "path,segment,kind,n,parent,start,end,lang,tokens,sentences,wc,wps,dic,short,\
                 after_hours_hits"
    ));
    assert_eq!(lines.count(), segments.len());
}

#[test]
fn quotes_are_counted_apart_from_the_reply_that_quotes() {
    let lines = ndjson(&[&sample("nl-forum-borrels.txt"), "--evidence"]);
    let doc = of_type(&lines, "document")[0];
    let quote = &doc["parts"]["quote"];
    assert_eq!(quote["segments"], 1);
    // "om 22.00 uur nog appjes" is the original poster's complaint, quoted by a reply
    assert!(quote["themes"]["after_hours"]["hits"].as_u64().unwrap() >= 1);
    for (theme, hits) in theme_hits(&doc["themes"]) {
        let part = |k: &str| {
            doc["parts"][k]["themes"][&theme]["hits"]
                .as_u64()
                .unwrap_or(0)
        };
        assert_eq!(hits, part("post") + part("comment"), "{theme}");
    }
    // the quote sits in comment 2, and its matches point into it
    let segments = doc["segments"].as_array().unwrap();
    let q = segments.iter().position(|s| s["kind"] == "quote").unwrap();
    let parent = &segments[segments[q]["parent"].as_u64().unwrap() as usize];
    assert_eq!(parent["kind"], "comment");
    assert_eq!(parent["n"], 2);
    let in_quote: Vec<&Value> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["segment"] == q)
        .collect();
    assert!(!in_quote.is_empty());
    let span = &segments[q]["spans"][0];
    for m in in_quote {
        assert!(span[0].as_u64() <= m["start"].as_u64() && m["end"].as_u64() <= span[1].as_u64());
    }
}

#[test]
fn an_english_comment_gets_its_own_language_and_no_matches() {
    let lines = ndjson(&[&sample("nl-blog-callcenter.txt"), "--unit", "segment"]);
    let comments: Vec<&Value> = of_type(&lines, "segment")
        .into_iter()
        .filter(|s| s["kind"] == "comment")
        .collect();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["lang"], "nl");
    assert_eq!(comments[1]["lang"], "other");
    let hits: u64 = theme_hits(&comments[1]["themes"]).iter().map(|h| h.1).sum();
    assert_eq!(hits, 0);
}

#[test]
fn profile_none_keeps_the_whole_page_as_the_post() {
    let file = sample("fi-forum-asiakasillat.txt");
    let auto = ndjson(&[&file]);
    let none = ndjson(&[&file, "--profile", "none"]);
    let (auto, none) = (of_type(&auto, "document")[0], of_type(&none, "document")[0]);
    assert_eq!(auto["profile"], "forum");
    assert_eq!(none["profile"], "none");
    assert_eq!(none["segments"].as_array().unwrap().len(), 1);
    let all: u64 = auto["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["tokens"].as_u64().unwrap())
        .sum();
    assert_eq!(none["tokens"].as_u64().unwrap(), all);
    assert!(auto["tokens"].as_u64().unwrap() < all);
    teema()
        .args(["analyse", &file, "--profile", "phpbb"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown site profile \"phpbb\""));
}

#[test]
fn a_new_site_profile_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("kahvila.toml");
    fs::write(
        &profile,
        r#"format = 1
id = "kahvila"
label = "Kahvila.example discussion board"
detect = ['kahvila\.example.*', '\[vastaa\]']
head_end = ['kahvila\.example.*']
boilerplate = ['\[vastaa\]']
author_block = ['\*\* .{1,40} \*\*']
post_author_block = true
tail_start = ['muut ketjut:?']
"#,
    )
    .unwrap();
    let page = dir.path().join("sivu.txt");
    fs::write(
        &page,
        "Kahvila.example - keskustelua\n\n** Aloittaja **\nJoudun olemaan ylitöissä joka ilta.\n[vastaa]\n\n\
         ** Toinen **\nMeillä sama, iltaisin töitä.\n[vastaa]\n\n** Kolmas **\nTyhjä päivä.\n[vastaa]\n\n\
         Muut ketjut:\nYlityöt ja iltavuorot 123\n",
    )
    .unwrap();
    let (p, f) = (profile.display().to_string(), page.display().to_string());
    let lines = ndjson(&[&f, "--profiles", &p]);
    let doc = of_type(&lines, "document")[0];
    assert_eq!(doc["profile"], "kahvila");
    assert_eq!(doc["parts"]["comment"]["segments"], 2);
    assert_eq!(doc["parts"]["post"]["tokens"], 5);
    // the list of other threads would have counted as after-hours talk
    assert!(
        doc["parts"]["boilerplate"]["themes"]["after_hours"]["hits"]
            .as_u64()
            .unwrap()
            >= 1
    );
    let out = teema()
        .args(["segments", &f, "--profiles", &p])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("profile kahvila"), "{text}");
    assert!(text.contains("comment 2"), "{text}");
    // a broken profile is an error naming the file, line and column
    fs::write(
        &profile,
        "id = \"kahvila\"\nlabel = \"K\"\nboilerplate = ['(']\n",
    )
    .unwrap();
    teema()
        .args(["analyse", &f, "--profiles", &p])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{p}:3:16: invalid pattern"
        )));
}

#[test]
fn segment_output_is_the_same_for_any_thread_count() {
    let dir = samples().display().to_string();
    let run = |threads: &str| {
        teema()
            .args([
                "analyse",
                &dir,
                "--format",
                "ndjson",
                "--unit",
                "segment",
                "--evidence",
            ])
            .args(["--threads", threads])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run("1"), run("3"));
}

fn text_page(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pages/text")
        .join(name)
        .display()
        .to_string()
}

/// `(group, tokens)` of a summary's grouping `spec`.
fn groups(summary: &Value, spec: &str) -> Vec<(String, u64)> {
    summary["groups"][spec]
        .as_object()
        .unwrap_or_else(|| panic!("no grouping {spec}: {summary}"))
        .iter()
        .map(|(k, v)| (k.clone(), v["tokens"].as_u64().unwrap()))
        .collect()
}

#[test]
fn unit_segment_groups_by_each_comments_own_author_and_month() {
    let (blogger, forum) = (
        text_page("blogger_numbered.txt"),
        text_page("dutch_forum.txt"),
    );
    let args = [
        "--unit",
        "segment",
        "--group-by",
        "author",
        "--group-by",
        "date:month",
        blogger.as_str(),
        forum.as_str(),
    ];
    let lines = ndjson(&args);
    let summary = of_type(&lines, "summary")[0];
    let total = summary["tokens"].as_u64().unwrap();
    let authors = groups(summary, "author");
    let names: Vec<&str> = authors.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "Anonyymi",
            "Drukke_Daan",
            "Henna",
            "Hoitaja-Henna",
            "Mark1979",
            "Pirkko R.",
            "Sanne_86"
        ]
    );
    // every counted token is in exactly one author's group
    assert_eq!(authors.iter().map(|(_, t)| t).sum::<u64>(), total);
    // the segment rows carry the same authors and ISO dates
    let rows = of_type(&lines, "segment");
    let comment = rows
        .iter()
        .find(|r| r["kind"] == "comment" && r["author"] == "Pirkko R.")
        .unwrap();
    assert_eq!(comment["date"], "2024-05-15T07:12");
    // Finnish and Dutch dates fall in one month
    assert_eq!(
        groups(summary, "date:month"),
        [("2024-05".to_string(), total)]
    );

    // document unit: the record fields only, as before (plain text has none)
    let lines = ndjson(&args[2..]);
    let summary = of_type(&lines, "summary")[0];
    assert_eq!(
        groups(summary, "author"),
        [("(missing)".to_string(), summary["tokens"].as_u64().unwrap())]
    );
}

#[test]
fn unit_segment_csv_rows_name_the_segments_author() {
    let page = text_page("wordpress_en.txt");
    let out = teema()
        .args([
            "analyse",
            "--format",
            "csv",
            "--unit",
            "segment",
            "--group-by",
            "author",
        ])
        .arg(&page)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let (kind, author) = (
        headers.iter().position(|h| h == "kind").unwrap(),
        headers.iter().position(|h| h == "author").unwrap(),
    );
    let got: Vec<(String, String)> = rdr
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[kind] != "boilerplate")
        .map(|r| (r[kind].to_string(), r[author].to_string()))
        .collect();
    let want = [
        ("post", "nightnurse"),
        ("comment", "Sam"),
        ("comment", "Priya"),
    ];
    assert_eq!(got, want.map(|(k, a)| (k.to_string(), a.to_string())));
}
