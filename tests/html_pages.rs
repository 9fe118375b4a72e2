//! Saved pages in the shapes of common blog and forum platforms (`tests/pages/html/*.html`,
//! written for these tests) against their expected segments (`*.expect` beside each page).
//!
//! `.expect` lines: `kind | author | date | first words`, in the order of the page's
//! non-boilerplate segments (`-` for none, `*` for anything), and `never: TEXT` for text that
//! must not be in any post, comment or quote.

use std::path::{Path, PathBuf};
use teema::input::html::{Extracted, HtmlOptions, SegmentKind, extract};

fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/html");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    v.sort();
    v
}

fn field_ok(want: &str, got: &Option<String>) -> bool {
    match want {
        "*" => true,
        "-" => got.is_none(),
        w => got.as_deref() == Some(w),
    }
}

fn check_page(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let expect = std::fs::read_to_string(path.with_extension("expect"))
        .unwrap_or_else(|_| panic!("{} has no .expect", path.display()));
    let x = extract(&bytes, &HtmlOptions::default());
    let segs: Vec<_> = x
        .segments
        .iter()
        .filter(|s| s.kind != SegmentKind::Boilerplate)
        .collect();
    let mut errors = Vec::new();
    let mut i = 0;
    for line in expect.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(never) = line.strip_prefix("never:") {
            let never = never.trim();
            for s in &segs {
                if x.segment_text(s).contains(never) {
                    errors.push(format!("{never:?} is in a {} segment", s.kind.as_str()));
                }
            }
            continue;
        }
        let f: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert_eq!(f.len(), 4, "bad expect line {line:?}");
        let Some(s) = segs.get(i) else {
            errors.push(format!("missing segment {i}: {line}"));
            i += 1;
            continue;
        };
        let text = x.segment_text(s);
        if s.kind.as_str() != f[0]
            || !field_ok(f[1], &s.author)
            || !field_ok(f[2], &s.date)
            || !text.starts_with(f[3])
        {
            errors.push(format!(
                "segment {i}: want {line}\n   got {} | {:?} | {:?} | {:?}",
                s.kind.as_str(),
                s.author,
                s.date,
                text.chars().take(60).collect::<String>()
            ));
        }
        i += 1;
    }
    if segs.len() > i {
        for s in &segs[i..] {
            errors.push(format!(
                "unexpected {} segment {:?}",
                s.kind.as_str(),
                x.segment_text(s).chars().take(60).collect::<String>()
            ));
        }
    }
    errors.extend(check_offsets(&bytes, &x));
    errors
}

/// Every verbatim run of every segment maps back to original bytes that decode to the same
/// text; every segment's range starts on its first word.
fn check_offsets(bytes: &[u8], x: &Extracted) -> Vec<String> {
    let enc = encoding_rs::Encoding::for_label(x.encoding.as_bytes()).unwrap();
    let mut errors = Vec::new();
    for r in x.offsets.runs() {
        let (s, e) = x.offsets.run_original(r);
        let orig = enc.decode_without_bom_handling(&bytes[s..e]).0;
        let text = &x.text[r.text.0..r.text.1];
        if r.exact && orig != text {
            errors.push(format!("run {r:?}: text {text:?} original {orig:?}"));
        }
    }
    for seg in &x.segments {
        let (s, e) = x.offsets.original_range(seg.span.0, seg.span.1);
        let orig = enc.decode_without_bom_handling(&bytes[s..e]).0;
        // The segment's first verbatim run starts the original range.
        let runs = x.offsets.runs();
        let i = runs.partition_point(|r| r.text.1 <= seg.span.0);
        let first = match runs.get(i) {
            Some(r) if r.exact && r.text.0 == seg.span.0 => &x.text[r.text.0..r.text.1],
            _ => "",
        };
        if !orig.starts_with(first) {
            errors.push(format!(
                "segment {seg:?} maps to {:?}",
                &orig[..orig.len().min(40)]
            ));
        }
    }
    errors
}

#[test]
fn html_platform_pages_give_expected_segments() {
    let pages = pages();
    assert!(pages.len() >= 7, "test pages missing: {pages:?}");
    let mut failures = Vec::new();
    for p in &pages {
        let errs = check_page(p);
        if !errs.is_empty() {
            failures.push(format!(
                "{}:\n  {}",
                p.file_name().unwrap().to_string_lossy(),
                errs.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn html_windows_1252_forum_page_is_decoded() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/html/dutch_forum.html"),
    )
    .unwrap();
    let x = extract(&bytes, &HtmlOptions::default());
    assert_eq!(x.encoding, "windows-1252");
    assert!(x.text.contains("Heeft iemand tips hoe ik wél iemand"));
    let at = x.text.find("wél").unwrap();
    let (s, e) = x.offsets.original_range(at, at + "wél".len());
    assert_eq!(&bytes[s..e], b"w\xe9l");
}

#[test]
fn html_dropping_boilerplate_keeps_only_authored_text() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/html/wordpress.html"),
    )
    .unwrap();
    let x = extract(
        &bytes,
        &HtmlOptions {
            keep_boilerplate: false,
        },
    );
    assert!(
        x.segments
            .iter()
            .all(|s| s.kind != SegmentKind::Boilerplate)
    );
    assert!(x.text.starts_with("Sinds mijn nieuwe baan"));
    assert!(!x.text.contains("Home"));
    // Segments tile the text: each starts where the previous ended plus a separator.
    for w in x.segments.windows(2) {
        assert!(&x.text[w[0].span.1..w[1].span.0].trim().is_empty());
    }
}

#[test]
fn html_truncated_and_odd_pages_do_not_panic() {
    let mut inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"<".to_vec(),
        b"&".to_vec(),
        b"&#".to_vec(),
        b"&#x110000;&#0;&#xD800;".to_vec(),
        b"<p>a</b></i></div></td></table></p></p><li>b<li>c</ul></ol>".to_vec(),
        b"\xff\xfe<\x00p\x00>\x00".to_vec(),
        b"<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>".to_vec(),
        b"<p>\xe4\xf6 caf\xc3".to_vec(),
        b"<script>a</scr<p>ipt>".to_vec(),
        b"<!-- open comment <p>text".to_vec(),
        b"<pre>\n  keep   spaces\r\n</pre>".to_vec(),
    ];
    for p in pages() {
        let bytes = std::fs::read(p).unwrap();
        for cut in (0..bytes.len()).step_by(97) {
            inputs.push(bytes[..cut].to_vec());
        }
    }
    for input in &inputs {
        let x = extract(input, &HtmlOptions::default());
        for s in &x.segments {
            assert!(s.span.0 <= s.span.1 && s.span.1 <= x.text.len());
            assert!(x.text.is_char_boundary(s.span.0) && x.text.is_char_boundary(s.span.1));
            let (a, b) = x.offsets.original_range(s.span.0, s.span.1);
            assert!(a <= b && b <= input.len(), "{a}..{b} of {}", input.len());
        }
        for r in x.offsets.runs() {
            let (a, b) = x.offsets.run_original(r);
            assert!(a <= b && b <= input.len());
        }
    }
    let x = extract(b"<pre>\n  keep   spaces</pre>", &HtmlOptions::default());
    assert!(x.text.contains("keep   spaces"), "{:?}", x.text);
}
