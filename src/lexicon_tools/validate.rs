//! Judging lexicons against real text: `teema lexicon sample` draws a reproducible random
//! sample of matches with their context, to be judged by hand as `on` (evidence of the theme
//! as its description defines it), `topic` (the words only name the topic area or a role) or
//! `off` (another sense, or unrelated); `teema lexicon validate` reads the judged sample and
//! reports precision per theme and per entry with 95% Wilson intervals.
//!
//! Validation re-runs the current lexicons over the judged documents, so a judged set keeps
//! its value as the lexicons change: it reports how many judged matches still fire, how many
//! of the `on` ones do (recall of the judged evidence), the precision of what fires now, and
//! every match that fires now but was never judged.

use crate::analyse::{AnalyseOptions, Analyser, Evidence};
use crate::input::{Inputs, Skipped};
use crate::lang::{Detector, Lang};
use crate::matcher::Matcher;
use crate::segment::{Choice, Segmenter};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Characters of context on each side of a sampled match.
pub const CONTEXT_CHARS: usize = 80;

/// One sampled match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleRow {
    /// The document.
    pub path: String,
    /// The language side that matched.
    pub lang: &'static str,
    /// Theme id.
    pub theme: String,
    /// The entry as written.
    pub entry: String,
    /// `evidence` or `topic`.
    pub role: &'static str,
    /// Byte offsets in the original file.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Text before the match.
    pub left: String,
    /// The matched text.
    pub text: String,
    /// Text after the match.
    pub right: String,
}

/// A deterministic generator (SplitMix64): the same seed draws the same sample on every
/// machine and in every version.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The text around `start..end` of `bytes` decoded as `encoding`: `chars` characters each
/// side, line breaks as spaces.
fn around(
    bytes: &[u8],
    encoding: &str,
    start: usize,
    end: usize,
    chars: usize,
) -> (String, String, String) {
    let enc = encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    let dec = |a: usize, b: usize| {
        let s = enc.decode_without_bom_handling(&bytes[a.min(bytes.len())..b.min(bytes.len())]);
        s.0.replace(['\n', '\r', '\t'], " ")
    };
    let left = dec(start.saturating_sub(chars * 4), start);
    let left: String = left.trim_start_matches('\u{FFFD}').to_string();
    let skip = left.chars().count().saturating_sub(chars);
    let left: String = left.chars().skip(skip).collect();
    let right = dec(end, end + chars * 4);
    let right: String = right.chars().take(chars).collect();
    let right = right.trim_end_matches('\u{FFFD}').to_string();
    (left, dec(start, end), right)
}

/// Reads every input, finds the matches of `theme` (all themes when `None`), topic matches
/// included, and draws `n` of them at random with `seed`, in document order. Returns the
/// sample and the inputs that could not be read.
pub fn sample(
    matcher: &Matcher,
    inputs: &Inputs,
    segmenter: &Segmenter,
    options: AnalyseOptions,
    theme: Option<&str>,
    n: usize,
    seed: u64,
) -> (Vec<SampleRow>, Vec<Skipped>) {
    let detector = Detector::default();
    let options = AnalyseOptions {
        evidence: true,
        ..options
    };
    let mut analyser = Analyser::with_segmenter(matcher, &detector, segmenter, options);
    let mut all = Vec::new();
    let skipped = inputs.read_all(|raw| {
        let bytes = raw.bytes;
        let doc = analyser.analyse_raw(raw)?;
        for m in doc.matches.iter().flatten() {
            if theme.is_some_and(|t| *t != *m.theme) {
                continue;
            }
            let lang = doc.segments[m.segment as usize].lang;
            let (left, text, right) = around(bytes, doc.encoding, m.start, m.end, CONTEXT_CHARS);
            all.push(SampleRow {
                path: doc.path.clone(),
                lang,
                theme: m.theme.to_string(),
                entry: m.entry.to_string(),
                role: if m.topic { "topic" } else { "evidence" },
                start: m.start,
                end: m.end,
                left,
                text,
                right,
            });
        }
        Ok(true)
    });
    // a partial Fisher-Yates shuffle picks n, then document order is restored
    let mut rng = SplitMix(seed);
    let n = n.min(all.len());
    let mut picked: Vec<usize> = (0..all.len()).collect();
    for i in 0..n {
        let j = i + rng.below(all.len() - i);
        picked.swap(i, j);
    }
    picked.truncate(n);
    picked.sort_unstable();
    let rows = picked.into_iter().map(|i| all[i].clone()).collect();
    (rows, skipped)
}

/// The sample as CSV with an empty `verdict` and `note` column, ready to be judged.
pub fn sample_csv(rows: &[SampleRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "path", "lang", "theme", "entry", "role", "start", "end", "left", "text", "right",
        "verdict", "note",
    ];
    w.write_record(header).expect("writing to memory");
    for r in rows {
        w.write_record([
            r.path.as_str(),
            r.lang,
            &r.theme,
            &r.entry,
            r.role,
            &r.start.to_string(),
            &r.end.to_string(),
            &r.left,
            &r.text,
            &r.right,
            "",
            "",
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 is UTF-8")
}

/// A judge's verdict on one match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Evidence of the theme.
    On,
    /// Names only the topic area or a role.
    Topic,
    /// Another sense, or unrelated.
    Off,
}

impl Verdict {
    fn parse(s: &str) -> Option<Verdict> {
        match s.trim() {
            "on" => Some(Verdict::On),
            "topic" => Some(Verdict::Topic),
            "off" => Some(Verdict::Off),
            _ => None,
        }
    }
}

/// One judged match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// The document: a path, or `ud:TREEBANK:SENT_ID` for a treebank sentence.
    pub path: String,
    /// `fi` or `nl`.
    pub lang: Lang,
    /// Theme id.
    pub theme: String,
    /// The entry that matched when it was judged.
    pub entry: String,
    /// Byte offsets in the document.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The verdict.
    pub verdict: Verdict,
}

/// Reads a judged sample: a CSV with at least the columns `path`, `lang`, `theme`, `entry`,
/// `start`, `end` and `verdict` (`on`, `topic` or `off`). Errors name the line and column.
pub fn read_judged(name: &str, text: &str) -> Result<Vec<Judged>, String> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| format!("{name}:1: cannot read the header: {e}"))?
        .clone();
    let col = |c: &str| {
        headers.iter().position(|h| h == c).ok_or_else(|| {
            format!(
                "{name}:1: no column {c:?} (columns: {})",
                headers.iter().collect::<Vec<_>>().join(", ")
            )
        })
    };
    let (path, lang, theme, entry, start, end, verdict) = (
        col("path")?,
        col("lang")?,
        col("theme")?,
        col("entry")?,
        col("start")?,
        col("end")?,
        col("verdict")?,
    );
    let mut out = Vec::new();
    for row in r.records() {
        let row = row.map_err(|e| format!("{name}: {e}"))?;
        let line = row.position().map_or(0, |p| p.line());
        let at = |i: usize| row.get(i).unwrap_or("");
        let bad = |i: usize, what: &str| {
            format!(
                "{name}:{line}: column {:?}: {what}, found {:?}",
                &headers[i],
                at(i)
            )
        };
        let number = |i: usize| {
            at(i)
                .trim()
                .parse::<usize>()
                .map_err(|_| bad(i, "not a byte offset"))
        };
        out.push(Judged {
            path: at(path).to_string(),
            lang: at(lang).parse().map_err(|_| bad(lang, "not fi or nl"))?,
            theme: at(theme).to_string(),
            entry: at(entry).to_string(),
            start: number(start)?,
            end: number(end)?,
            verdict: Verdict::parse(at(verdict))
                .ok_or_else(|| bad(verdict, "the verdict must be on, topic or off"))?,
        });
    }
    Ok(out)
}

/// The 95% Wilson score interval of `k` successes in `n` trials.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let centre = p + z * z / (2.0 * n);
    let margin = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let denom = 1.0 + z * z / n;
    (
        ((centre - margin) / denom).max(0.0),
        ((centre + margin) / denom).min(1.0),
    )
}

/// Verdict counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// `on` verdicts.
    pub on: u64,
    /// `topic` verdicts.
    pub topic: u64,
    /// `off` verdicts.
    pub off: u64,
}

impl Counts {
    fn add(&mut self, v: Verdict) {
        match v {
            Verdict::On => self.on += 1,
            Verdict::Topic => self.topic += 1,
            Verdict::Off => self.off += 1,
        }
    }

    /// All verdicts.
    pub fn n(&self) -> u64 {
        self.on + self.topic + self.off
    }

    /// `on` / all (0 when empty).
    pub fn precision(&self) -> f64 {
        if self.n() == 0 {
            0.0
        } else {
            self.on as f64 / self.n() as f64
        }
    }
}

/// Where the judged documents are.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Paths in the judged file are relative to this folder.
    pub base: PathBuf,
    /// Folder with the treebank `.conllu` files, for `ud:TREEBANK:SENT_ID` documents.
    pub ud: Option<PathBuf>,
}

/// Per theme and language, what the current lexicons make of a judged sample.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeValidation {
    /// Verdicts of the judged matches that still fire as evidence.
    pub firing: Counts,
    /// Judged `on` in all.
    pub judged_on: u64,
    /// Of those, still firing as evidence.
    pub on_still_firing: u64,
    /// Evidence matches that fire now but were never judged.
    pub unjudged: u64,
}

/// The validation report.
#[derive(Debug, Clone, Default)]
pub struct Validation {
    /// Per (language, theme).
    pub themes: BTreeMap<(Lang, String), ThemeValidation>,
    /// Per (language, theme, entry as judged): verdicts of the matches that still fire.
    pub entries: BTreeMap<(Lang, String, String), Counts>,
    /// Documents that could not be read.
    pub unreadable: Vec<String>,
    /// Up to 20 unjudged matches per theme: (lang, theme, path, start, end, entry).
    pub unjudged_examples: Vec<(Lang, String, String, usize, usize, String)>,
}

/// The text of treebank sentences, read once per treebank: `sent_id` → `# text`.
fn treebank(dir: &Path, name: &str) -> Option<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(dir.join(format!("{name}.conllu"))).ok()?;
    let mut out = BTreeMap::new();
    let mut id = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("# sent_id = ") {
            id = Some(v.trim().to_string());
        } else if let Some(v) = line.strip_prefix("# text = ")
            && let Some(id) = id.take()
        {
            out.insert(id, v.to_string());
        }
    }
    Some(out)
}

/// Re-runs the current lexicons over every judged document and compares.
pub fn validate(matcher: &Matcher, judged: &[Judged], sources: &Sources) -> Validation {
    let detector = Detector::default();
    let mut v = Validation::default();
    let mut by_doc: BTreeMap<(&str, Lang), Vec<&Judged>> = BTreeMap::new();
    for j in judged {
        by_doc.entry((&j.path, j.lang)).or_default().push(j);
    }
    let mut banks: BTreeMap<String, Option<BTreeMap<String, String>>> = BTreeMap::new();
    for ((path, lang), rows) in by_doc {
        // a treebank sentence is one sentence: no site profile; a post is a page
        let (bytes, profile) = match path.strip_prefix("ud:") {
            Some(rest) => {
                let (bank, id) = rest.split_once(':').unwrap_or((rest, ""));
                let sentences = banks
                    .entry(bank.to_string())
                    .or_insert_with(|| sources.ud.as_deref().and_then(|d| treebank(d, bank)));
                match sentences.as_ref().and_then(|s| s.get(id)) {
                    Some(text) => (text.clone().into_bytes(), Choice::Off),
                    None => {
                        v.unreadable.push(path.to_string());
                        continue;
                    }
                }
            }
            None => match std::fs::read(sources.base.join(path)) {
                Ok(b) => (b, Choice::Auto),
                Err(_) => {
                    v.unreadable.push(path.to_string());
                    continue;
                }
            },
        };
        let options = AnalyseOptions {
            lang: Some(lang),
            evidence: true,
            profile,
            ..AnalyseOptions::default()
        };
        let mut analyser = Analyser::new(matcher, &detector, options);
        let Ok(doc) = analyser.analyse(path.to_string(), &bytes) else {
            v.unreadable.push(path.to_string());
            continue;
        };
        let now: Vec<&Evidence> = doc
            .matches
            .iter()
            .flatten()
            // what the scores count: evidence in the post and the comments
            .filter(|m| {
                !m.topic
                    && matches!(
                        doc.segments[m.segment as usize].kind.name(),
                        "post" | "comment"
                    )
            })
            .collect();
        let overlaps =
            |m: &Evidence, j: &Judged| *m.theme == *j.theme && m.start < j.end && j.start < m.end;
        for j in &rows {
            let t = v.themes.entry((lang, j.theme.clone())).or_default();
            let firing = now.iter().any(|m| overlaps(m, j));
            if j.verdict == Verdict::On {
                t.judged_on += 1;
                t.on_still_firing += u64::from(firing);
            }
            if firing {
                t.firing.add(j.verdict);
                v.entries
                    .entry((lang, j.theme.clone(), j.entry.clone()))
                    .or_default()
                    .add(j.verdict);
            }
        }
        for m in &now {
            if !rows.iter().any(|j| overlaps(m, j)) {
                let t = v.themes.entry((lang, m.theme.to_string())).or_default();
                t.unjudged += 1;
                if t.unjudged <= 20 {
                    v.unjudged_examples.push((
                        lang,
                        m.theme.to_string(),
                        path.to_string(),
                        m.start,
                        m.end,
                        m.entry.to_string(),
                    ));
                }
            }
        }
    }
    v
}

/// Document-level truth: which themes each labelled document is about.
pub fn read_labels(name: &str, text: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().map_err(|e| format!("{name}:1: {e}"))?.clone();
    let col = |c: &str| {
        headers
            .iter()
            .position(|h| h == c)
            .ok_or_else(|| format!("{name}:1: no column {c:?}"))
    };
    let (path, themes) = (col("path")?, col("themes")?);
    let mut out = BTreeMap::new();
    for row in r.records() {
        let row = row.map_err(|e| format!("{name}: {e}"))?;
        let set = row
            .get(themes)
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        out.insert(row.get(path).unwrap_or("").to_string(), set);
    }
    Ok(out)
}

/// Document-level precision, recall and F1 of "theme present" (at least one evidence hit)
/// per theme and language, against labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocCounts {
    /// Labelled and hit.
    pub tp: u64,
    /// Hit, not labelled.
    pub fp: u64,
    /// Labelled, not hit.
    pub fn_: u64,
}

/// Analyses each labelled document (paths relative to `base`) and counts, per language and
/// theme, hits against labels.
pub fn documents(
    matcher: &Matcher,
    labels: &BTreeMap<String, BTreeSet<String>>,
    base: &Path,
) -> BTreeMap<(&'static str, String), DocCounts> {
    let detector = Detector::default();
    let mut analyser = Analyser::new(matcher, &detector, AnalyseOptions::default());
    let mut out: BTreeMap<(&'static str, String), DocCounts> = BTreeMap::new();
    for (path, truth) in labels {
        let Ok(bytes) = std::fs::read(base.join(path)) else {
            continue;
        };
        let Ok(doc) = analyser.analyse(path.clone(), &bytes) else {
            continue;
        };
        for (theme, score) in &doc.themes {
            let c = out.entry((doc.lang, theme.to_string())).or_default();
            match (score.hits > 0, truth.contains(&**theme)) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, true) => c.fn_ += 1,
                (false, false) => {}
            }
        }
    }
    out
}

/// The report of `teema lexicon validate` as text.
pub fn render(
    v: &Validation,
    docs: Option<&BTreeMap<(&'static str, String), DocCounts>>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<4} {:<20} {:>5} {:>4} {:>5} {:>4} {:>9} {:>15} {:>13} {:>9}",
        "lang",
        "theme",
        "n",
        "on",
        "topic",
        "off",
        "precision",
        "95% interval",
        "on retained",
        "unjudged"
    );
    for ((lang, theme), t) in &v.themes {
        let (lo, hi) = wilson(t.firing.on, t.firing.n());
        let _ = writeln!(
            out,
            "{:<4} {:<20} {:>5} {:>4} {:>5} {:>4} {:>9.3} {:>15} {:>13} {:>9}",
            lang.code(),
            theme,
            t.firing.n(),
            t.firing.on,
            t.firing.topic,
            t.firing.off,
            t.firing.precision(),
            format!("[{lo:.3}, {hi:.3}]"),
            format!("{}/{}", t.on_still_firing, t.judged_on),
            t.unjudged
        );
    }
    let mut worst: Vec<(&(Lang, String, String), &Counts)> = v
        .entries
        .iter()
        .filter(|(_, c)| c.topic + c.off > 0)
        .collect();
    worst.sort_by(|a, b| {
        (b.1.topic + b.1.off)
            .cmp(&(a.1.topic + a.1.off))
            .then(a.0.cmp(b.0))
    });
    if !worst.is_empty() {
        let _ = writeln!(
            out,
            "\nentries with the most topic/off verdicts among what fires now:"
        );
        for ((lang, theme, entry), c) in worst.iter().take(20) {
            let _ = writeln!(
                out,
                "  {} {theme} {entry:?}: {} topic, {} off, {} on",
                lang.code(),
                c.topic,
                c.off,
                c.on
            );
        }
    }
    if !v.unjudged_examples.is_empty() {
        let _ = writeln!(
            out,
            "\nmatches that fire now but were never judged (first 20 per theme):"
        );
        for (lang, theme, path, start, end, entry) in &v.unjudged_examples {
            let _ = writeln!(
                out,
                "  {} {theme} {path} {start}..{end} {entry:?}",
                lang.code()
            );
        }
    }
    for path in &v.unreadable {
        let _ = writeln!(out, "unreadable: {path}");
    }
    if let Some(docs) = docs {
        let _ = writeln!(
            out,
            "\ndocument level, \"theme present\" (at least one evidence hit):"
        );
        let _ = writeln!(
            out,
            "{:<6} {:<20} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
            "lang", "theme", "tp", "fp", "fn", "precision", "recall", "f1"
        );
        for ((lang, theme), c) in docs {
            let p = ratio(c.tp, c.tp + c.fp);
            let r = ratio(c.tp, c.tp + c.fn_);
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            let _ = writeln!(
                out,
                "{lang:<6} {theme:<20} {:>4} {:>4} {:>4} {p:>9.3} {r:>7.3} {f:>6.3}",
                c.tp, c.fp, c.fn_
            );
        }
    }
    out
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Reads a judged file, with errors naming the file.
pub fn load_judged(path: &Path) -> Result<Vec<Judged>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    read_judged(&path.display().to_string(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_matches_the_formula() {
        // 8 of 10: the textbook interval [0.490, 0.943]
        let (lo, hi) = wilson(8, 10);
        assert!(
            (lo - 0.4902).abs() < 1e-3 && (hi - 0.9433).abs() < 1e-3,
            "{lo} {hi}"
        );
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = wilson(10, 10);
        assert!(lo > 0.69 && hi > 0.999_999, "{lo} {hi}");
    }

    #[test]
    fn judged_files_are_read_with_errors_at_line_and_column() {
        let ok = "path,lang,theme,entry,start,end,verdict\na.txt,fi,w,kiire,3,8,on\n";
        let rows = read_judged("j.csv", ok).unwrap();
        assert_eq!(rows[0].verdict, Verdict::On);
        assert_eq!((rows[0].start, rows[0].end), (3, 8));
        let bad = "path,lang,theme,entry,start,end,verdict\na.txt,fi,w,kiire,3,8,maybe\n";
        let e = read_judged("j.csv", bad).unwrap_err();
        assert!(e.starts_with("j.csv:2: column \"verdict\""), "{e}");
        let missing = "path,lang,theme\n";
        assert!(
            read_judged("j.csv", missing)
                .unwrap_err()
                .contains("no column \"entry\"")
        );
    }

    #[test]
    fn the_same_seed_draws_the_same_sample() {
        let mut a = SplitMix(7);
        let mut b = SplitMix(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
        assert_ne!(SplitMix(8).next(), xs[0]);
    }
}
