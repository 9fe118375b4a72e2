//! The HTML report (`--format html`): a self-contained page whose data no text can break
//! out of, and, in a real headless Chromium, a table with one row per document that sorts
//! and filters, and documents that open to their text with the matches highlighted.
//!
//! The browser test needs Chromium (`apt-get install chromium`). Without it the test says
//! so and passes, unless the `CI` environment variable is set: then it fails.

#[path = "common/cdp.rs"]
mod cdp;
mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Runs `teema analyse ARGS` and returns its standard output.
fn teema(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_teema"))
        .arg("analyse")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The JSON data embedded in a page.
fn page_data(page: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"teema-data\">";
    let start = page.find(open).expect("the data element") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

/// A page with hostile text: markup, a script end tag, a comment opener and an ampersand,
/// next to Finnish theme words (one negated).
const HOSTILE: &str = "Iltavuoro venyi taas. </script><img src=x onerror=\"window.pwned=1\"> \
<!-- & &amp; \"lainaus\" 'yksi' --> Ylityöt ja iltapalaverit jatkuvat, enkä jaksa \
lähteä afterworkeihin. Pomo soitti illalla kello 22 ja vaati vastausta heti.\n";

fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-hostile.txt"), HOSTILE).unwrap();
    std::fs::write(
        dir.path().join("b-muu.txt"),
        "Kahvitauolla puhuttiin säästä ja lomista. Kukaan ei maininnut töitä.\n",
    )
    .unwrap();
    dir
}

#[test]
fn the_page_is_self_contained_and_no_text_escapes_its_data() {
    let dir = hostile_dir();
    let page = String::from_utf8(teema(&[
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--lang",
        "fi",
    ]))
    .unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    // the data element and the page's script: no more script ends, no smuggled tags
    assert_eq!(page.matches("</script>").count(), 2);
    assert!(
        !page.contains("<img"),
        "markup from a text reached the page"
    );
    assert!(
        !page.contains("<!-- &"),
        "a comment opener from a text reached the page"
    );
    // nothing is loaded from elsewhere
    for needle in ["<link", "<script src", "@import", "url(", "<iframe", "<img"] {
        assert!(!page.contains(needle), "{needle}");
    }
    let data = page_data(&page);
    assert_eq!(data["format"], "teema.html/1");
    assert_eq!(data["header"]["schema"], teema::report::SCHEMA);
    assert_eq!(data["header"]["tool"]["name"], "teema");
    let lexicons = data["header"]["lexicons"].as_array().unwrap();
    assert!(
        lexicons
            .iter()
            .all(|l| l["sha256"].as_str().unwrap().len() == 64)
    );
    let docs = data["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    // the text comes back as it was written, and every match's span is the matched text
    assert_eq!(docs[0][7], HOSTILE);
    let json: Value = serde_json::from_slice(&teema(&[
        dir.path().to_str().unwrap(),
        "--lang",
        "fi",
        "--evidence",
    ]))
    .unwrap();
    let evidence = json["documents"][0]["matches"].as_array().unwrap();
    let marks = docs[0][9].as_array().unwrap();
    assert!(!marks.is_empty());
    assert_eq!(marks.len(), evidence.len());
    let units: Vec<u16> = HOSTILE.encode_utf16().collect();
    for (mark, ev) in marks.iter().zip(evidence) {
        let (a, b) = (mark[1].as_u64().unwrap(), mark[2].as_u64().unwrap());
        let text = String::from_utf16(&units[a as usize..b as usize]).unwrap();
        assert_eq!(text, ev["text"].as_str().unwrap(), "{mark}");
        assert_eq!(
            mark[3].as_u64().unwrap() & 1 == 1,
            ev["negated"] == true,
            "{mark}"
        );
        assert_eq!(mark[4], ev["entry"]);
    }
    assert!(
        marks.iter().any(|m| m[3] == 1),
        "a negated match: {marks:?}"
    );
    // the summary is the json report's
    assert_eq!(data["summary"], json["summary"]);
}

#[test]
fn the_page_is_the_same_bytes_for_any_thread_count() {
    let samples = common::samples();
    let samples = samples.to_str().unwrap();
    let one = teema(&[samples, "--format", "html", "--threads", "1"]);
    let four = teema(&[samples, "--format", "html", "--threads", "4"]);
    assert!(one == four, "--threads 1 and --threads 4 differ");
}

/// Chromium, or `None` when it is missing and `CI` is not set (a missing browser fails
/// under CI).
fn chromium() -> Option<PathBuf> {
    let found = cdp::find_chromium();
    if found.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty());
        assert!(
            !ci,
            "CI is set but Chromium is not installed: apt-get install chromium"
        );
        eprintln!("browser test skipped: Chromium is not installed (apt-get install chromium)");
    }
    found
}

/// Document indices of the table's visible rows, in the order shown.
fn shown_rows(b: &mut cdp::Browser) -> Vec<usize> {
    let v = b
        .eval(
            "Array.from(document.querySelectorAll('#docs tbody tr[data-i]'))\
             .filter(r => !r.hidden).map(r => +r.dataset.i)",
        )
        .unwrap();
    serde_json::from_value(v).unwrap()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

#[test]
fn the_report_works_in_a_real_browser() {
    let Some(exe) = chromium() else { return };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).unwrap();
    let report = out.join("samples.html");
    let samples = common::samples();
    let samples = samples.to_str().unwrap();
    teema(&[samples, "--format", "html", "-o", report.to_str().unwrap()]);
    let json: Value = serde_json::from_slice(&teema(&[samples, "--evidence"])).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), common::sample_files().len());

    let mut b = cdp::Browser::launch(&exe, 1280, 1500).unwrap();
    b.open(
        &file_url(&report),
        "document.documentElement.dataset.ready === 'true'",
    )
    .unwrap();

    // one row per document, in input order, each showing its path and tokens
    let rows = b
        .eval(
            "Array.from(document.querySelectorAll('#docs tbody tr[data-i]'))\
             .map(r => [r.cells[0].textContent, +r.cells[3].textContent])",
        )
        .unwrap();
    let expected: Vec<Value> = docs
        .iter()
        .map(|d| serde_json::json!([d["path"], d["tokens"]]))
        .collect();
    assert_eq!(rows, Value::Array(expected));
    let count = b
        .eval("document.getElementById('count').textContent")
        .unwrap();
    assert_eq!(count, format!("{} of {} documents", docs.len(), docs.len()));
    // the totals account for every input
    let totals = b
        .eval("document.getElementById('totals').textContent")
        .unwrap();
    let s = &json["summary"];
    let expected = format!(
        "{} inputs found: {} documents analysed, {} skipped, {} ignored by rule; ",
        s["discovered"], s["documents"], s["skipped"], s["ignored"]["total"]
    );
    assert!(
        totals.as_str().unwrap().starts_with(&expected),
        "{totals} should start with {expected}"
    );
    // the summary chart: one bar per theme
    let bars = b.eval("document.querySelectorAll('#theme-chart svg rect').length");
    let themes = json["lexicons"].as_array().unwrap();
    assert_eq!(bars.unwrap(), themes.len());

    // sorting: a click on "tokens" sorts descending, a second click ascending; ties keep
    // input order
    let by_tokens = |desc: bool| {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&i| {
            let t = docs[i]["tokens"].as_u64().unwrap() as i64;
            (if desc { -t } else { t }, i)
        });
        order
    };
    assert_eq!(shown_rows(&mut b), (0..docs.len()).collect::<Vec<_>>());
    b.click("th[data-key=tokens]").unwrap();
    assert_eq!(shown_rows(&mut b), by_tokens(true));
    assert_ne!(by_tokens(true), (0..docs.len()).collect::<Vec<_>>());
    let sort = b.eval("document.querySelector('th[data-key=tokens]').getAttribute('aria-sort')");
    assert_eq!(sort.unwrap(), "descending");
    b.click("th[data-key=tokens]").unwrap();
    assert_eq!(shown_rows(&mut b), by_tokens(false));
    // by a theme's rate
    let theme = 0;
    let id = themes[theme]["id"].as_str().unwrap();
    b.click(&format!("th[data-key=r{theme}]")).unwrap();
    let mut by_rate: Vec<usize> = (0..docs.len()).collect();
    by_rate.sort_by(|&x, &y| {
        let rate = |i: usize| docs[i]["themes"][id]["per_1000"].as_f64().unwrap();
        rate(y).total_cmp(&rate(x)).then(x.cmp(&y))
    });
    assert_eq!(shown_rows(&mut b), by_rate);

    // filtering by text: the rows whose path contains "nl-", in the current order
    b.type_into("#filter", "nl-").unwrap();
    let nl: Vec<usize> = by_rate
        .iter()
        .copied()
        .filter(|&i| docs[i]["path"].as_str().unwrap().contains("nl-"))
        .collect();
    assert!(!nl.is_empty() && nl.len() < docs.len());
    assert_eq!(shown_rows(&mut b), nl);
    // and by theme: only documents with hits of the theme (and the text filter)
    let negation_theme = themes
        .iter()
        .position(|t| {
            let id = t["id"].as_str().unwrap();
            docs.iter().any(|d| d["themes"][id]["hits"] == 0)
        })
        .unwrap();
    let nid = themes[negation_theme]["id"].as_str().unwrap();
    b.eval(&format!(
        "(() => {{ const s = document.getElementById('theme-filter'); s.value = '{negation_theme}'; \
         s.dispatchEvent(new Event('change')); }})()"
    ))
    .unwrap();
    let with_theme: Vec<usize> = nl
        .iter()
        .copied()
        .filter(|&i| docs[i]["themes"][nid]["hits"].as_u64().unwrap() > 0)
        .collect();
    assert_eq!(shown_rows(&mut b), with_theme);
    // clearing both shows every row again
    b.eval(
        "(() => { const f = document.getElementById('filter'); f.value = ''; \
         f.dispatchEvent(new Event('input')); const s = document.getElementById('theme-filter'); \
         s.value = ''; s.dispatchEvent(new Event('change')); })()",
    )
    .unwrap();
    assert_eq!(shown_rows(&mut b).len(), docs.len());

    // opening a document: its text, every match highlighted, the negated ones marked; the
    // Windows-1252 page shows its decoded text
    for path in [
        "corpus-samples/fi-latin1-vanha-sivu.txt",
        "corpus-samples/fi-blogi-introvertti-asiakaspalvelussa.txt",
    ] {
        let i = docs
            .iter()
            .position(|d| d["path"].as_str().unwrap().ends_with(path))
            .unwrap();
        b.click(&format!("#docs tr[data-i='{i}'] td.path")).unwrap();
        let opened = b
            .eval(
                "(() => { const t = document.querySelector('#docs tr.detail .text'); \
                 if (!t) return null; return { rows: document.querySelectorAll('#docs tr.detail').length, \
                 text: (() => { const c = t.cloneNode(true); c.querySelectorAll('.badge').forEach(x => x.remove()); return c.textContent; })(), \
                 marks: Array.from(t.querySelectorAll('mark.hit')).map(m => [m.textContent, m.classList.contains('neg')]), \
                 kinds: Array.from(new Set(Array.from(t.querySelectorAll('.seg')).map(s => s.dataset.kind))) }; })()",
            )
            .unwrap();
        assert_eq!(opened["rows"], 1, "{path}");
        let file =
            std::fs::read(common::samples().join(path.trim_start_matches("corpus-samples/")))
                .unwrap();
        let text = match String::from_utf8(file) {
            Ok(text) => text,
            Err(e) => encoding_rs::WINDOWS_1252
                .decode(e.as_bytes())
                .0
                .into_owned(),
        };
        // the text without the segment badges is the document's text
        assert_eq!(opened["text"], text, "{path}");
        let matches = docs[i]["matches"].as_array().unwrap();
        let marks = opened["marks"].as_array().unwrap();
        assert!(!marks.is_empty(), "{path}");
        // every match's text is highlighted (overlapping matches share marks)
        let marked: String = marks.iter().map(|m| m[0].as_str().unwrap()).collect();
        for m in matches {
            assert!(marked.contains(m["text"].as_str().unwrap()), "{path}: {m}");
        }
        // negated matches, and only those, are marked
        let negated: Vec<&str> = matches
            .iter()
            .filter(|m| m["negated"] == true)
            .map(|m| m["text"].as_str().unwrap())
            .collect();
        let neg_marks: Vec<&str> = marks
            .iter()
            .filter(|m| m[1] == true)
            .map(|m| m[0].as_str().unwrap())
            .collect();
        assert!(!negated.is_empty(), "{path}");
        assert_eq!(neg_marks, negated, "{path}");
        assert!(
            opened["kinds"].as_array().unwrap().contains(&"post".into()),
            "{path}"
        );
    }
    // the screenshot shows a negated match of the open document
    b.eval("document.querySelector('#docs tr.detail mark.neg').scrollIntoView({block: 'center'})")
        .unwrap();
    let png = b.screenshot(false).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser");
    std::fs::create_dir_all(&shot).unwrap();
    std::fs::write(shot.join("report.png"), &png).unwrap();
    // a second click closes the document
    let i = docs.len() - 1;
    b.click(&format!("#docs tr[data-i='{i}'] td.path")).unwrap();
    b.click(&format!("#docs tr[data-i='{i}'] td.path")).unwrap();
    let open = b.eval("document.querySelectorAll('#docs tr.detail').length");
    assert_eq!(open.unwrap(), 0);

    // with --group-by: a chart per FIELD, a bar per theme for each group (and a legend)
    let grouped = out.join("grouped.html");
    let records = common::samples().join("records/posts.jsonl");
    let records = records.to_str().unwrap();
    let group_args = [records, "--input", "jsonl", "--group-by", "author"];
    let mut with_output = group_args.to_vec();
    with_output.extend(["--format", "html", "-o", grouped.to_str().unwrap()]);
    teema(&with_output);
    let summary: Value = serde_json::from_slice(&teema(&group_args)).unwrap();
    let authors = summary["summary"]["groups"]["author"].as_object().unwrap();
    assert!(authors.len() > 1);
    b.open(
        &file_url(&grouped),
        "document.documentElement.dataset.ready === 'true'",
    )
    .unwrap();
    let chart = b
        .eval(
            "(() => { const f = document.querySelector('.group-chart[data-field=author]');              return [f.querySelectorAll('rect').length,              Array.from(f.querySelectorAll('text')).map(t => t.textContent)]; })()",
        )
        .unwrap();
    assert_eq!(chart[0], authors.len() * themes.len() + themes.len());
    let labels: Vec<&str> = chart[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for (name, group) in authors {
        let label = format!("{name} ({})", group["documents"]);
        assert!(labels.contains(&label.as_str()), "{label} in {labels:?}");
    }

    // a hostile text stays text: no element from it, no script run
    let dir = hostile_dir();
    let hostile = out.join("hostile.html");
    teema(&[
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--lang",
        "fi",
        "-o",
        hostile.to_str().unwrap(),
    ]);
    b.open(
        &file_url(&hostile),
        "document.documentElement.dataset.ready === 'true'",
    )
    .unwrap();
    b.click("#docs tr[data-i='0'] td.path").unwrap();
    b.wait_for(
        "document.querySelector('#docs tr.detail .text')",
        Duration::from_secs(5),
    )
    .unwrap();
    let text = b
        .eval("document.querySelector('#docs tr.detail .text').textContent")
        .unwrap();
    assert!(
        text.as_str().unwrap().contains("</script><img src=x"),
        "{text}"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('img').length").unwrap(),
        0
    );
    assert_eq!(b.eval("window.pwned === undefined").unwrap(), true);
}

#[test]
fn a_large_table_shows_one_page_at_a_time_in_a_real_browser() {
    let Some(exe) = chromium() else { return };
    // 450 short posts; post k mentions an evening shift k % 7 times
    let dir = tempfile::tempdir().unwrap();
    for k in 0..450 {
        let shifts = "Iltavuoro taas. ".repeat(k % 7);
        let text = format!("Viesti {k}. {shifts}Kahvi oli hyvää ja sää oli kaunis.\n");
        std::fs::write(dir.path().join(format!("p{k:03}.txt")), text).unwrap();
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&out).unwrap();
    let report = out.join("paged.html");
    let args = [
        dir.path().to_str().unwrap(),
        "--lang",
        "fi",
        "--format",
        "html",
    ];
    let mut with_output = args.to_vec();
    with_output.extend(["-o", report.to_str().unwrap()]);
    teema(&with_output);
    let json: Value = serde_json::from_slice(&teema(&args[..3])).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 450);

    let mut b = cdp::Browser::launch(&exe, 1280, 900).unwrap();
    b.open(
        &file_url(&report),
        "document.documentElement.dataset.ready === 'true'",
    )
    .unwrap();
    assert_eq!(shown_rows(&mut b), (0..200).collect::<Vec<_>>());
    let page = b
        .eval("document.getElementById('page').textContent")
        .unwrap();
    assert_eq!(page, "rows 1–200 of 450 (page 1 of 3)");
    // sorted by the hits of the theme the shifts count in, most first; ties in input order
    let id = docs[1]["themes"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, t)| t["hits"] == 1)
        .map(|(id, _)| id.clone())
        .expect("one theme counts the shift");
    let theme = json["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .position(|l| l["id"] == id.as_str())
        .unwrap();
    b.click(&format!("th[data-key=h{theme}]")).unwrap();
    let mut by_hits: Vec<usize> = (0..450).collect();
    by_hits.sort_by_key(|&i| {
        (
            std::cmp::Reverse(docs[i]["themes"][&id]["hits"].as_u64()),
            i,
        )
    });
    assert_ne!(by_hits[..200], (0..200).collect::<Vec<_>>()[..]);
    assert_eq!(shown_rows(&mut b), by_hits[..200]);
    b.click("#next").unwrap();
    assert_eq!(shown_rows(&mut b), by_hits[200..400]);
    b.click("#next").unwrap();
    assert_eq!(shown_rows(&mut b), by_hits[400..]);
    assert_eq!(
        b.eval("document.getElementById('next').disabled").unwrap(),
        true
    );
    // a filter starts again at the first page
    b.type_into("#filter", "p0").unwrap();
    let p0: Vec<usize> = by_hits.iter().copied().filter(|&i| i < 100).collect();
    assert_eq!(shown_rows(&mut b), p0);
    let count = b
        .eval("document.getElementById('count').textContent")
        .unwrap();
    assert_eq!(count, "100 of 450 documents");
    assert_eq!(
        b.eval("document.querySelector('.pager').hidden").unwrap(),
        true
    );
}
