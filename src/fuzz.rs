//! Fuzz entry points: each takes arbitrary bytes, runs one stage of the pipeline on them and
//! asserts that stage's invariants, panicking when one breaks.
//!
//! The targets in `fuzz/` (cargo-fuzz, libFuzzer) call these functions, and
//! `tests/fuzz_corpus.rs` replays every committed seed and past finding through them on the
//! stable toolchain, so a crash once found stays a regression test.
//!
//! | target | what it runs |
//! |---|---|
//! | [`decode`] | encoding detection and decoding, with the offsets map |
//! | [`text`] | normalise, tokenise, name marking and segmentation by site profile |
//! | [`lexicon`] | teema's TOML lexicon format, then compiling what parses into a matcher |
//! | [`dictionary`] | LIWC `.dic`, LIWC-22 `.dicx`, word lists and quanteda YAML |
//! | [`profile`] | a site profile file, then segmenting a text with it |
//! | [`html`] | post, comment and boilerplate extraction from a saved page |
//! | [`archive`] | tar (plain, gzip, zstd) and zip containers |
//! | [`warc`] | WARC files (plain, gzip, zstd) |
//! | [`corpus`] | VRT, CoNLL-U, JSON Lines and CSV records |
//! | [`analyse`] | one whole document (text or HTML) against the built-in lexicons |
//!
//! A target's first byte picks a variant where it has several (the format of a dictionary
//! or container); the rest is the input.

use crate::analyse::{AnalyseOptions, Analyser, DocResult};
use crate::input::html::{self, Extracted, HtmlOptions};
use crate::input::{self, Found, ReadOptions};
use crate::lang::Detector;
use crate::lexicon::{self, Lexicon, LexiconOptions};
use crate::matcher::Matcher;
use crate::normalise::normalise;
use crate::offsets::OffsetMap;
use crate::segment::{Choice, Segmentation, Segmenter, parse_profile};
use crate::tokenise::{mark_names, tokenise};
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

/// A fuzz target: arbitrary bytes in, a panic when an invariant breaks.
pub type Target = fn(&[u8]);

/// Every fuzz target, by name, as `fuzz/` and the replay test know them.
pub const TARGETS: &[(&str, Target)] = &[
    ("decode", decode),
    ("text", text),
    ("lexicon", lexicon),
    ("dictionary", dictionary),
    ("profile", profile),
    ("html", html),
    ("archive", archive),
    ("warc", warc),
    ("corpus", corpus),
    ("analyse", analyse),
];

/// Folders of project files that are seeds of a target as they stand, read beside
/// `fuzz/seeds/TARGET/` (which holds the seeds made for the target), so that they are kept
/// once, where the tests use them.
pub const SOURCE_SEEDS: &[(&str, &[&str])] = &[
    (
        "decode",
        &["corpus-samples", "tests/pages/text", "tests/pages/html"],
    ),
    ("text", &["corpus-samples", "tests/pages/text"]),
    ("html", &["tests/pages/html"]),
    ("lexicon", &["lexicons"]),
    ("profile", &["profiles"]),
];

/// Inputs longer than this are cut: the targets look for logic errors, not for the cost of
/// huge inputs (the benchmarks measure that).
const MAX_INPUT: usize = 64 * 1024;

fn cut(data: &[u8]) -> &[u8] {
    &data[..data.len().min(MAX_INPUT)]
}

/// Checks that `map` sends every char boundary of `derived` to a char boundary of `source`
/// (when `source` is text) inside it, in non-decreasing order.
fn check_map(map: &OffsetMap, derived: &str, source_len: usize, source: Option<&str>) {
    let mut last = 0;
    for i in (0..=derived.len()).filter(|&i| derived.is_char_boundary(i)) {
        let s = map.map(i);
        assert!(
            s <= source_len,
            "offset {i} maps to {s}, past the source's {source_len} bytes"
        );
        assert!(
            s >= last,
            "offset map goes back: {i} maps to {s} after {last}"
        );
        if let Some(src) = source {
            assert!(
                src.is_char_boundary(s),
                "offset {i} maps to {s}, inside a character"
            );
        }
        last = s;
    }
}

/// Checks spans `(start, end)` of `text`: each non-empty, on char boundaries, inside the
/// text; sorted, they cover each byte at most once.
fn check_spans(spans: &mut [(usize, usize)], text: &str, what: &str) {
    spans.sort_unstable();
    let mut end = 0;
    for &(a, b) in spans.iter() {
        assert!(
            a <= b && b <= text.len(),
            "{what} {a}..{b} outside 0..{}",
            text.len()
        );
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "{what} {a}..{b} cuts a character"
        );
        assert!(a >= end, "{what} {a}..{b} overlaps the one ending at {end}");
        end = b;
    }
}

/// Encoding detection and decoding: the text maps back inside the input, valid UTF-8 comes
/// back as it was, replacements only for invalid input.
pub fn decode(data: &[u8]) {
    let data = cut(data);
    let evidence = input::decode::Utf8Evidence::of(data);
    let confidence = evidence.confidence();
    assert!((0.0..=1.0).contains(&confidence), "confidence {confidence}");
    let Ok(d) = input::decode::decode(data) else {
        assert!(data.contains(&0), "only a NUL byte makes input binary");
        return;
    };
    assert!(
        (0.0..=1.0).contains(&d.confidence),
        "confidence {}",
        d.confidence
    );
    check_map(&d.map, &d.text, data.len(), None);
    if let Ok(s) = std::str::from_utf8(data) {
        if !s.contains('\0') && !s.starts_with('\u{feff}') && d.encoding == "utf-8" {
            assert_eq!(d.text, s, "valid UTF-8 changed in decoding");
        }
        assert_eq!(d.replacements, 0, "replacements in valid UTF-8");
    }
}

/// The shared segmenter (built-in profiles).
fn segmenter() -> &'static Segmenter {
    Segmenter::shared()
}

/// Checks a segmentation of `text`: segments inside it, on char boundaries, no byte twice.
fn check_segmentation(seg: &Segmentation, text: &str) {
    let mut spans: Vec<(usize, usize)> = seg
        .segments
        .iter()
        .flat_map(|s| s.spans.iter().map(|&(a, b)| (a as usize, b as usize)))
        .collect();
    check_spans(&mut spans, text, "segment span");
    assert_eq!(seg.labels.len(), seg.segments.len(), "a label per segment");
    for (s, l) in seg.segments.iter().zip(&seg.labels) {
        if let Some(p) = s.parent {
            assert!(
                (p as usize) < seg.segments.len(),
                "quote parent {p} out of range"
            );
        }
        if let Some((a, b)) = l.author {
            assert!(
                a <= b && (b as usize) <= text.len(),
                "author {a}..{b} outside the text"
            );
        }
    }
}

/// Normalise, tokenise, mark names, segment: offsets on char boundaries inside the text,
/// tokens in order and apart, sentence numbers rising, segments covering each byte at most
/// once.
pub fn text(data: &[u8]) {
    let src = String::from_utf8_lossy(cut(data));
    let n = normalise(&src);
    check_map(&n.map, &n.text, src.len(), Some(&src));
    let mut tokens = tokenise(&n.text);
    mark_names(&mut tokens, &src, &n.map);
    let mut end = 0;
    let mut sentence = 0;
    let mut sentences = 0;
    for (i, t) in tokens.tokens.iter().enumerate() {
        let (a, b) = (t.start as usize, t.end as usize);
        assert!(
            a < b && b <= n.text.len(),
            "token {a}..{b} empty or outside"
        );
        assert!(
            n.text.is_char_boundary(a) && n.text.is_char_boundary(b),
            "token {a}..{b} cuts a character"
        );
        assert!(
            a >= end,
            "token {a}..{b} overlaps the one before (ends at {end})"
        );
        assert!(t.sentence >= sentence, "sentence numbers go back");
        if i == 0 || t.sentence != sentence {
            sentences += 1;
        }
        end = b;
        sentence = t.sentence;
    }
    assert_eq!(tokens.sentences, sentences, "sentences with tokens");
    let mut seg = Segmentation::default();
    segmenter().segment(&n.text, Choice::Auto, &mut seg);
    check_segmentation(&seg, &n.text);
}

/// A small text in both languages that the lexicon and profile targets run their result on.
const SAMPLE: &str = "Asiakaspalvelu ei vastannut puhelimeen, jonotin tunnin.\n\
    Kommentit (2)\n\
    Maija 12.3.2024 klo 21.10\n\
    Sama juttu, iltaisin pitää olla tavoitettavissa.\n\
    Vastaa\n\
    De klantenservice nam de telefoon niet op en ik moest 's avonds nog werken.\n";

/// Runs `matcher` on [`SAMPLE`] and checks its matches.
fn run_sample(matcher: &Matcher) {
    let detector = Detector::default();
    let options = AnalyseOptions {
        evidence: true,
        ..AnalyseOptions::default()
    };
    let mut analyser = Analyser::new(matcher, &detector, options);
    let doc = analyser
        .analyse("sample.txt".into(), SAMPLE.as_bytes())
        .expect("the sample is text");
    check_document(&doc, SAMPLE.as_bytes());
}

/// Checks diagnostics: each names the file, with a line inside the text (or one past it).
fn check_diagnostics(e: &lexicon::LexiconError, name: &str, text: &str) {
    let message = e.to_string();
    assert!(!message.is_empty(), "an empty error");
    if let lexicon::LexiconError::Invalid(diags) = e {
        assert!(!diags.is_empty(), "an invalid lexicon with no diagnostic");
        let lines = text.lines().count() + 1;
        for d in diags {
            let p = &d.position;
            assert_eq!(&*p.file, name, "diagnostic for another file");
            assert!(
                p.line <= lines,
                "line {} past the text's {lines} lines: {d}",
                p.line
            );
        }
    }
}

/// Parses `text` as lexicon file `name`; what parses is compiled into a matcher (when
/// small) and run on [`SAMPLE`].
fn lexicon_file(name: &str, text: &str) {
    let themes = match lexicon::parse_source(name, text) {
        Ok(t) => t,
        Err(e) => return check_diagnostics(&e, name, text),
    };
    let entries: usize = themes
        .iter()
        .map(|t| t.sides.iter().map(|s| s.entries.len()).sum::<usize>())
        .sum();
    let Ok(lexicon) = Lexicon::from_themes(themes) else {
        return;
    };
    if entries > 64 {
        return; // compiling many generated paradigms is slow, not interesting
    }
    let morph = LexiconOptions::default()
        .morph
        .load()
        .expect("the default morphology loads");
    run_sample(&Matcher::new(lexicon, morph));
}

/// teema's TOML lexicon format.
pub fn lexicon(data: &[u8]) {
    lexicon_file("fuzz.toml", &String::from_utf8_lossy(cut(data)));
}

/// The other lexicon formats; the first byte picks `.dic`, `.dicx`, `.txt` or `.yaml`.
pub fn dictionary(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = ["fuzz.dic", "fuzz.dicx", "fuzz.txt", "fuzz.yaml"][pick as usize % 4];
    lexicon_file(name, &String::from_utf8_lossy(cut(rest)));
}

/// A site profile (before the first NUL byte) and a text to segment with it (after).
pub fn profile(data: &[u8]) {
    let data = cut(data);
    let (source, page) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, SAMPLE.as_bytes()),
    };
    let source = String::from_utf8_lossy(source);
    let Ok(parsed) = parse_profile("fuzz.toml", &source) else {
        return;
    };
    let id = parsed.id.clone();
    // a generic profile (every segmenter needs one) of a single rule, and the fuzzed one:
    // compiling the shipped profiles for every input would spend the run on them
    let generic = "format = 1\nid = \"generic\"\nlabel = \"g\"\ndescription = \"g\"\n\
                   boilerplate = ['(c|©) \\d{4}.*']\n";
    let generic = parse_profile("generic.toml", generic).expect("the small generic profile");
    let sources = vec![generic, parsed];
    let Ok(segmenter) = Segmenter::new(sources) else {
        return;
    };
    let choice = segmenter.choice(&id).expect("the profile just added");
    let page = String::from_utf8_lossy(page);
    let n = normalise(&page);
    let mut seg = Segmentation::default();
    segmenter.segment(&n.text, choice, &mut seg);
    check_segmentation(&seg, &n.text);
    segmenter.segment(&n.text, Choice::Auto, &mut seg);
    check_segmentation(&seg, &n.text);
}

/// Checks an extraction from `data`: segments in order, inside the text, apart; offset
/// runs inside both texts.
fn check_extracted(x: &Extracted, data: &[u8]) {
    let mut spans: Vec<(usize, usize)> = x.segments.iter().map(|s| s.span).collect();
    let in_order = spans.windows(2).all(|w| w[0] <= w[1]);
    assert!(in_order, "segments out of text order");
    check_spans(&mut spans, &x.text, "html segment");
    let mut end = 0;
    for r in x.offsets.runs() {
        let (a, b) = r.text;
        assert!(
            a <= b && b <= x.text.len(),
            "offset run {a}..{b} outside the text"
        );
        assert!(a >= end, "offset runs overlap");
        end = b;
        let (oa, ob) = x.offsets.run_original(r);
        assert!(
            oa <= ob && ob <= data.len(),
            "run maps to {oa}..{ob} of {}",
            data.len()
        );
    }
    for s in &x.segments {
        let (oa, ob) = x.offsets.original_range(s.span.0, s.span.1);
        assert!(
            oa <= ob && ob <= data.len(),
            "segment maps to {oa}..{ob} of {}",
            data.len()
        );
    }
    assert!((0.0..=1.0).contains(&x.encoding_confidence));
}

/// Extraction from a saved HTML page, with and without boilerplate.
pub fn html(data: &[u8]) {
    let data = cut(data);
    for keep_boilerplate in [true, false] {
        let x = html::extract(data, &HtmlOptions { keep_boilerplate });
        check_extracted(&x, data);
    }
}

/// A file of this process's own in a memory-backed folder where there is one, for the
/// readers that open paths.
fn scratch(name: &str) -> PathBuf {
    static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() {
            shm
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("teema-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    });
    DIR.join(name)
}

/// Checks what a container reader found: every path inside the container's, every
/// document within the size limit, every record prepared without a panic.
fn check_found(found: &[Found], shown: &str, read: &ReadOptions) {
    for f in found {
        match f {
            Found::Skipped(s) => {
                assert!(
                    s.path.starts_with(shown),
                    "skipped {} outside {shown}",
                    s.path
                );
                assert!(!s.reason.is_empty(), "skipped {} with no reason", s.path);
            }
            Found::Contained(c) => {
                assert!(
                    c.path.starts_with(shown),
                    "member {} outside {shown}",
                    c.path
                );
                assert!(c.bytes.len() as u64 <= read.max_decompressed);
            }
            Found::Record(r) => {
                assert!(
                    r.path.starts_with(shown),
                    "record of {} outside {shown}",
                    r.path
                );
                let _ = input::records::prepare(r.clone(), read);
            }
            Found::Input(_) => panic!("a container gave a loose input"),
        }
    }
}

/// Writes `data` to the scratch file `name` and expands it as a container.
fn expand_container(name: &str, data: &[u8]) {
    let path = scratch(name);
    std::fs::write(&path, data).expect("the scratch file is written");
    let read = ReadOptions {
        max_decompressed: 1 << 20,
        ..ReadOptions::default()
    };
    let walk = input::walk::Walk::default();
    let mut ignored = input::Ignored::default();
    let mut ctx = input::archive::Expand {
        read: &read,
        walk: &walk,
        ignored: &mut ignored,
    };
    let kind = input::archive::Container::of(&path).expect("a container name");
    let mut found = Vec::new();
    input::archive::expand(&path, kind, &mut ctx, &mut |f| {
        found.push(f);
        found.len() < 10_000
    });
    check_found(&found, &path.display().to_string(), &read);
}

/// tar, tar.gz, tar.zst or zip, picked by the first byte.
pub fn archive(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = ["a.tar", "a.tar.gz", "a.tar.zst", "a.zip"][pick as usize % 4];
    expand_container(name, cut(rest));
}

/// WARC, plain, gzip or zstd, picked by the first byte.
pub fn warc(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = ["a.warc", "a.warc.gz", "a.warc.zst"][pick as usize % 3];
    expand_container(name, cut(rest));
}

/// VRT, CoNLL-U, JSON Lines or CSV, picked by the first byte.
pub fn corpus(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let rest = cut(rest);
    let mut found = Vec::new();
    let mut emit = |f| {
        found.push(f);
        found.len() < 10_000
    };
    let mut read = ReadOptions::default();
    let shown = match pick % 5 {
        0 => {
            input::vrt::expand_bytes("a.vrt", input::vrt::Corpus::Vrt, rest, &read, &mut emit);
            "a.vrt"
        }
        1 => {
            read.lemma_column = Some("lemma".into());
            input::vrt::expand_bytes("a.vrt", input::vrt::Corpus::Vrt, rest, &read, &mut emit);
            "a.vrt"
        }
        2 => {
            let kind = input::vrt::Corpus::Conllu;
            input::vrt::expand_bytes("a.conllu", kind, rest, &read, &mut emit);
            "a.conllu"
        }
        3 => {
            read.format = input::InputFormat::Jsonl;
            input::records::expand_bytes("a.jsonl", rest.to_vec(), &read, &mut emit);
            "a.jsonl"
        }
        _ => {
            read.format = input::InputFormat::Csv;
            input::records::expand_bytes("a.csv", rest.to_vec(), &read, &mut emit);
            "a.csv"
        }
    };
    check_found(&found, shown, &read);
}

/// Checks a document's result against its input bytes: matches inside the input, in order,
/// no match twice; segment spans apart.
pub fn check_document(doc: &DocResult, data: &[u8]) {
    let text = std::str::from_utf8(data).ok();
    if let Some(matches) = &doc.matches {
        let mut last: Option<(usize, usize, &str, &str)> = None;
        for m in matches {
            assert!(
                m.start <= m.end && m.end <= data.len(),
                "match {}..{} outside the input's {} bytes",
                m.start,
                m.end,
                data.len()
            );
            if let Some(t) = text {
                assert!(
                    t.is_char_boundary(m.start) && t.is_char_boundary(m.end),
                    "match {}..{} cuts a character",
                    m.start,
                    m.end
                );
            }
            assert!(m.line >= 1 && m.column >= 1, "line and column count from 1");
            let key = (m.start, m.end, &*m.theme, &*m.entry);
            if let Some(prev) = last {
                assert!(
                    prev < key,
                    "matches out of order or twice: {prev:?} then {key:?}"
                );
            }
            last = Some(key);
        }
        let hits: u64 = doc.themes.values().map(|t| t.hits).sum();
        assert!(
            hits <= matches.len() as u64,
            "{hits} hits from {} matches",
            matches.len()
        );
    }
    for s in &doc.segments {
        let mut spans: Vec<(usize, usize)> = s.spans.iter().map(|&[a, b]| (a, b)).collect();
        for &(a, b) in &spans {
            assert!(
                a <= b && b <= data.len(),
                "segment span {a}..{b} outside the input"
            );
        }
        spans.sort_unstable();
        assert!(
            spans.windows(2).all(|w| w[0].1 <= w[1].0),
            "a segment's spans overlap"
        );
    }
    assert!(doc.wc <= doc.tokens, "more words than tokens");
}

/// The built-in lexicons, compiled once per process.
fn builtin() -> &'static Matcher {
    static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
        crate::pipeline::open_matcher(&LexiconOptions::default())
            .expect("the built-in lexicons compile")
    });
    &MATCHER
}

/// One whole document against the built-in lexicons, with evidence; the first byte picks
/// text or HTML and the negation and unit options.
pub fn analyse(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let rest = cut(rest);
    static DETECTOR: LazyLock<Detector> = LazyLock::new(Detector::default);
    static ANALYSERS: LazyLock<Mutex<Vec<Analyser<'static>>>> = LazyLock::new(|| {
        let negations = [
            crate::analyse::Negation::Count,
            crate::analyse::Negation::Exclude,
            crate::analyse::Negation::Separate,
        ];
        let units = [
            crate::analyse::Unit::Document,
            crate::analyse::Unit::Segment,
        ];
        let mut all = Vec::new();
        for negation in negations {
            for unit in units {
                let options = AnalyseOptions {
                    evidence: true,
                    negation,
                    unit,
                    ..AnalyseOptions::default()
                };
                all.push(Analyser::new(builtin(), &DETECTOR, options));
            }
        }
        Mutex::new(all)
    });
    let mut analysers = ANALYSERS.lock().unwrap_or_else(|e| e.into_inner());
    let n = analysers.len();
    let analyser = &mut analysers[(pick as usize >> 1) % n];
    let result = if pick & 1 == 0 {
        analyser.analyse("fuzz.txt".into(), rest)
    } else {
        analyser.analyse_html("fuzz.html".into(), rest)
    };
    if let Ok(doc) = result {
        check_document(&doc, rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "overlaps")]
    fn overlapping_spans_are_caught() {
        check_spans(&mut [(2, 4), (0, 3)], "abcd", "span");
    }

    #[test]
    #[should_panic(expected = "cuts a character")]
    fn a_span_inside_a_character_is_caught() {
        check_spans(&mut [(0, 1)], "ä", "span");
    }

    #[test]
    fn a_document_past_its_input_is_caught() {
        let data = "Pomo vaatii taas iltatilaisuuteen, ylitöitä ei korvata.".as_bytes();
        let options = AnalyseOptions {
            evidence: true,
            ..AnalyseOptions::default()
        };
        let detector = Detector::default();
        let mut analyser = Analyser::new(builtin(), &detector, options);
        let doc = analyser.analyse("a.txt".into(), data).unwrap();
        check_document(&doc, data);
        assert!(!doc.matches.as_ref().unwrap().is_empty());
        let mut late = doc.clone();
        late.matches.as_mut().unwrap()[0].end = data.len() + 1;
        let caught = std::panic::catch_unwind(|| check_document(&late, data));
        assert!(caught.is_err(), "a match past the input passed");
        let mut twice = doc.clone();
        let first = twice.matches.as_ref().unwrap()[0].clone();
        twice.matches.as_mut().unwrap().push(first);
        let caught = std::panic::catch_unwind(|| check_document(&twice, data));
        assert!(caught.is_err(), "a match counted twice passed");
    }
}
