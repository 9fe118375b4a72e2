//! Runs `teema::input::html::extract` over the article-extraction benchmark and writes predictions in
//! the format its `evaluate.py` reads, then reports throughput.
//!
//! ```text
//! cargo run --release --example extract_eval -- [BENCH_DIR] [OUT_JSON] [REPEATS]
//! ```
//!
//! `BENCH_DIR` holds `ground-truth.json` and `html/<key>.html.gz` (default
//! `/work/shared/data/extraction`); `OUT_JSON` defaults to `output/teema.json`. The article
//! body is the text of the post segments (with quotes inside the post), as the benchmark's
//! `articleBody` is the body of the article without title, comments or page chrome.

use std::io::Read;
use std::time::Instant;
use teema::input::html::{HtmlOptions, SegmentKind, extract};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).map_or("/work/shared/data/extraction", |s| s));
    let out = std::path::PathBuf::from(args.get(2).map_or("output/teema.json", |s| s));
    let repeats: usize = args.get(3).map_or(Ok(5), |s| s.parse())?;
    let truth: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json"))?)?;
    let mut pages = Vec::new();
    for key in truth.keys() {
        let gz = std::fs::read(dir.join("html").join(format!("{key}.html.gz")))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut html)?;
        pages.push((key.clone(), html));
    }
    let opts = HtmlOptions::default();
    let mut output = serde_json::Map::new();
    for (key, html) in &pages {
        let x = extract(html, &opts);
        if std::env::var("EXTRACT_EVAL_SHOW").is_ok_and(|k| key.starts_with(&k)) {
            for seg in &x.segments {
                println!("--- {} {:?} {:?}", seg.kind.as_str(), seg.author, seg.date);
                println!("{}", x.segment_text(seg));
            }
        }
        // The article: post segments and the quotations inside the post (not those inside
        // comments).
        let mut body = String::new();
        for seg in &x.segments {
            let article_quote = seg.kind == SegmentKind::Quote
                && (seg.unit.is_none()
                    || x.segments
                        .iter()
                        .any(|p| p.kind == SegmentKind::Post && p.unit == seg.unit));
            if seg.kind == SegmentKind::Post || article_quote {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(x.segment_text(seg));
            }
        }
        output.insert(key.clone(), serde_json::json!({ "articleBody": body }));
    }
    if let Some(p) = out.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(&out, serde_json::to_vec_pretty(&output)?)?;
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let start = Instant::now();
    let mut sink = 0usize;
    for _ in 0..repeats {
        for (_, html) in &pages {
            sink += extract(html, &opts).text.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * repeats) as f64 / 1e6;
    eprintln!(
        "{} pages, {:.1} MB x {repeats}: {:.2} s, {:.1} MB/s on one thread (checksum {sink})",
        pages.len(),
        bytes as f64 / 1e6,
        secs,
        mb / secs
    );
    Ok(())
}
