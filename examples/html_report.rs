//! Measures the HTML report at scale: writes the `--format html` report of the first N
//! documents of a corpus (10,000 by default), opens it in headless Chromium and times
//! loading the page, sorting the table, filtering it and opening a document. Prints the
//! page's size per document, with and without the documents' texts.
//!
//! ```sh
//! cargo build --release && cargo run --release --example html_report -- /tmp/corpus200 10000
//! ```
//!
//! The corpus is walked in sorted order and its first N files are analysed. Needs the
//! release binary (`target/release/teema`, beside the example's folder) and Chromium.

#[path = "../tests/common/cdp.rs"]
mod cdp;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn files(dir: &Path, n: usize, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if out.len() >= n {
            return;
        }
        if path.is_dir() {
            files(&path, n, out);
        } else {
            out.push(path);
        }
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = PathBuf::from(args.first().map_or("/tmp/corpus200", String::as_str));
    let n: usize = args
        .get(1)
        .map_or(Ok(10_000), |s| s.parse())
        .map_err(|e| format!("N: {e}"))?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let teema = exe.parent().and_then(Path::parent).unwrap().join("teema");
    if !teema.is_file() {
        return Err(format!(
            "{}: build it first (cargo build --release)",
            teema.display()
        ));
    }
    let chromium =
        cdp::find_chromium().ok_or("Chromium is not installed (apt-get install chromium)")?;
    let mut inputs = Vec::new();
    files(&corpus, n, &mut inputs);
    let out_dir = teema.parent().unwrap().join("html_report");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let page = out_dir.join(format!("report-{}.html", inputs.len()));

    let started = Instant::now();
    let status = Command::new(&teema)
        .args(["analyse", "--quiet", "--format", "html", "-o"])
        .arg(&page)
        .args(&inputs)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() && status.code() != Some(2) {
        return Err(format!("teema failed: {status}"));
    }
    let write = started.elapsed();

    // sizes: the whole page, and the page without the documents' texts
    let html = std::fs::read_to_string(&page).map_err(|e| e.to_string())?;
    let open = "id=\"teema-data\">";
    let start = html.find(open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value =
        serde_json::from_str(&html[start..end]).map_err(|e| e.to_string())?;
    let docs = data["documents"].as_array().unwrap();
    let text_bytes: usize = docs
        .iter()
        .map(|d| serde_json::to_string(&d[7]).unwrap().len())
        .sum();
    let match_bytes: usize = docs
        .iter()
        .map(|d| serde_json::to_string(&d[9]).unwrap().len())
        .sum();
    let matches: usize = docs.iter().map(|d| d[9].as_array().unwrap().len()).sum();
    let nd = docs.len().max(1) as f64;
    println!("documents: {}", docs.len());
    println!("report written in {:.2} s", write.as_secs_f64());
    println!(
        "page: {} bytes, {:.0} bytes per document; texts {:.0} B/doc, matches {:.0} B/doc ({} matches), the rest {:.0} B/doc",
        html.len(),
        html.len() as f64 / nd,
        text_bytes as f64 / nd,
        match_bytes as f64 / nd,
        matches,
        (html.len() - text_bytes - match_bytes) as f64 / nd,
    );

    let mut b = cdp::Browser::launch(&chromium, 1280, 1000)?;
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let started = Instant::now();
    b.open(&url, "document.documentElement.dataset.ready === 'true'")?;
    let load = started.elapsed();
    // the page's own clock: from navigation start to its script's end, then to the first
    // frame after it
    let in_page = b.eval(
        "new Promise(r => requestAnimationFrame(() => setTimeout(() => r(performance.now()))))",
    )?;
    let rows = b.eval("document.querySelectorAll('#docs tbody tr[data-i]').length")?;
    println!(
        "load: {:.0} ms to ready (as the test driver sees it), first frame after ready at {:.0} ms after navigation; {} rows",
        load.as_secs_f64() * 1e3,
        in_page.as_f64().unwrap_or(f64::NAN),
        rows
    );
    // one action, timed in the page up to the next frame (layout and paint included)
    let mut timed = |what: &str, action: &str| -> Result<f64, String> {
        let ms = b.eval(&format!(
            "(() => {{ const t = performance.now(); {action}; document.body.offsetHeight; \
             return new Promise(r => requestAnimationFrame(() => setTimeout(() => r(performance.now() - t)))); }})()"
        ))?;
        let ms = ms.as_f64().unwrap_or(f64::NAN);
        println!("{what}: {ms:.0} ms");
        Ok(ms)
    };
    let click = |key: &str| format!("document.querySelector('th[data-key={key}]').click()");
    timed("sort by tokens", &click("tokens"))?;
    timed("sort by tokens again (reverse)", &click("tokens"))?;
    timed("sort by path", &click("path"))?;
    timed("sort by the first theme's rate", &click("r0"))?;
    timed(
        "filter by text",
        "(() => { const f = document.getElementById('filter'); f.value = 'd0000'; f.dispatchEvent(new Event('input')); })()",
    )?;
    timed(
        "filter by theme",
        "(() => { const s = document.getElementById('theme-filter'); s.value = '0'; s.dispatchEvent(new Event('change')); })()",
    )?;
    timed(
        "open the first shown document",
        "Array.from(document.querySelectorAll('#docs tbody tr[data-i]')).find(r => !r.hidden).click()",
    )?;
    let png = b.screenshot(false)?;
    std::fs::write(out_dir.join("report-10k.png"), png).map_err(|e| e.to_string())?;
    println!("page: {}", page.display());
    Ok(())
}
