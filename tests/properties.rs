//! Properties that must hold for any input: no stage panics, spans lie inside the text and
//! map back inside the original bytes, and evidence matches the original text.

use proptest::prelude::*;
use teema::analyse::{AnalyseOptions, Analyser};
use teema::input::decode;
use teema::lang::{Detector, Lang};
use teema::lexicon::Lexicon;
use teema::matcher::Matcher;
use teema::normalise::normalise;
use teema::tokenise::tokenise;

static MATCHER: std::sync::LazyLock<Matcher> = std::sync::LazyLock::new(|| {
    Matcher::new(Lexicon::builtin().unwrap(), teema::morph::default_backend())
});

/// Text built from pieces that stress every stage: Finnish and Dutch words, typographic
/// punctuation, soft hyphens, combining marks, ligatures, hyphens, times, URLs.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Illalla",
        "asiakaspalvelussa",
        "ylityö",
        "virka-ajan",
        "ulkopuolella",
        " ",
        " ",
        "\n",
        "\n\n",
        ".",
        "!",
        "?",
        "’",
        "“",
        "–",
        "\u{00AD}",
        "a\u{0308}",
        "Ĳs",
        "klo",
        "21",
        "18.30",
        "21:00",
        "https://x.fi/a?b=1",
        "nimi@posti.fi",
        "-",
        " -markkinointi",
        "in de wacht",
        "klantenservice",
        "İ",
        "ß",
        "…",
        "\u{FEFF}",
        "e-mail",
        "auto's",
        "é",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Page-like text: lines of furniture, author blocks, quotes and prose in any order.
fn page() -> impl Strategy<Value = String> {
    let line = prop::sample::select(vec![
        "Vastaa | Lainaa",
        "Vastaukset (3)",
        "Nimimerkki",
        "12.3.2024 19:42",
        "> lainaus",
        "X kirjoitti:",
        "Olen ollut ylitöissä joka ilta.",
        "",
        "",
        "Luetuimmat keskustelut",
        "Etusivu › Keskustelut › Työ",
        "Kirjaudu sisään | Rekisteröidy",
        "3 kommenttia:",
        "Anna sanoi...",
        "VastaaPoista",
        "2 Reacties",
        "Jan schreef:",
        "9 oktober 2024 om 07:41",
        "Ik moet elke avond bereikbaar zijn.",
        "Leave a Reply",
        "© 2024 Site",
        "   ",
        "ääää ÖÖ",
    ]);
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn normalised_offsets_map_inside_the_source(text in texty()) {
        let n = normalise(&text);
        let mut last = 0;
        for (i, _) in n.text.char_indices().chain([(n.text.len(), ' ')]) {
            let src = n.map.map(i);
            prop_assert!(src <= text.len());
            prop_assert!(src >= last, "offsets never go backwards");
            last = src;
        }
        prop_assert_eq!(n.map.map(n.text.len()), text.len());
    }

    #[test]
    fn tokens_lie_inside_the_text_in_order(text in texty()) {
        let n = normalise(&text);
        let t = tokenise(&n.text);
        let mut prev_end = 0;
        for tok in &t.tokens {
            prop_assert!(tok.start < tok.end);
            prop_assert!(tok.start as usize >= prev_end);
            prop_assert!(n.text.is_char_boundary(tok.start as usize));
            prop_assert!(n.text.is_char_boundary(tok.end as usize));
            prev_end = tok.end as usize;
        }
        prop_assert!(t.sentences as usize <= t.tokens.len());
    }

    #[test]
    fn decode_never_panics_and_maps_inside_the_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(d) = decode(&bytes) {
            for (i, _) in d.text.char_indices() {
                prop_assert!(d.map.map(i) <= bytes.len());
            }
            prop_assert!(d.map.map(d.text.len()) <= bytes.len());
        }
    }

    #[test]
    fn evidence_is_the_original_text(text in texty(), lang in prop::sample::select(vec![Lang::Fi, Lang::Nl])) {
        let detector = Detector::default();
        let options = AnalyseOptions { lang: Some(lang), evidence: true, ..AnalyseOptions::default() };
        let mut analyser = Analyser::new(&MATCHER, &detector, options);
        let doc = analyser.analyse("x".into(), text.as_bytes()).unwrap();
        // every match is counted in exactly one part (post, comment, quote, boilerplate), as a
        // hit or, for a topic entry, as a topic hit
        let hits: u64 = doc.parts.values().flat_map(|p| p.themes.values()).map(|t| t.hits + t.topic_hits).sum();
        let matches = doc.matches.unwrap();
        prop_assert_eq!(hits as usize, matches.len());
        for m in &matches {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
            let seg = &doc.segments[m.segment as usize];
            prop_assert!(seg.spans.iter().any(|s| s[0] <= m.start && m.start < s[1]));
        }
        let tokens: u64 = doc.segments.iter().map(|s| s.tokens).sum();
        let author: u64 = doc.parts.iter().filter(|(k, _)| matches!(**k, "post" | "comment")).map(|(_, p)| p.tokens).sum();
        prop_assert_eq!(doc.tokens, author);
        prop_assert!(doc.tokens <= tokens);
    }

    #[test]
    fn segments_cover_every_line_once(text in page()) {
        let detector = Detector::default();
        let mut analyser = Analyser::new(&MATCHER, &detector, AnalyseOptions::default());
        let doc = analyser.analyse("x".into(), text.as_bytes()).unwrap();
        prop_assert_eq!(doc.segments[0].kind, teema::segment::SegmentKind::Post);
        let mut spans: Vec<[usize; 2]> = doc.segments.iter().flat_map(|s| s.spans.clone()).collect();
        spans.sort();
        for w in spans.windows(2) {
            prop_assert!(w[0][1] <= w[1][0], "overlap {:?}", w);
        }
        let mut covered = vec![false; text.len()];
        for [a, b] in &spans {
            prop_assert!(a <= b && *b <= text.len());
            covered[*a..*b].iter_mut().for_each(|c| *c = true);
        }
        for (i, c) in text.char_indices() {
            prop_assert!(c.is_whitespace() || covered[i], "byte {} {:?} in no segment", i, c);
        }
    }
}

mod traced {
    //! Every match of every corpus sample (plain files, the records of `records/`) and every
    //! saved HTML test page points at the original: the bytes at `start..end` decode to its
    //! `text`, and `line`/`column` are recomputed here from the decoded original.

    use super::MATCHER;
    use std::path::{Path, PathBuf};
    use teema::analyse::{AnalyseOptions, Analyser, DocResult};
    use teema::lang::Detector;

    /// The line (1-based) and column (1-based, characters) after `prefix`.
    fn line_column(prefix: &str) -> (u64, u64) {
        let prefix = prefix.strip_prefix('\u{FEFF}').unwrap_or(prefix);
        let line = prefix.matches('\n').count() as u64 + 1;
        let last = prefix.rfind('\n').map_or(prefix, |i| &prefix[i + 1..]);
        (line, last.chars().count() as u64 + 1)
    }

    fn decode(bytes: &[u8], encoding: &str) -> String {
        let enc = encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap();
        enc.decode_without_bom_handling(bytes).0.into_owned()
    }

    /// HTML source as text: tags dropped, character references decoded, whitespace
    /// collapsed.
    fn html_text(source: &str) -> String {
        let mut out = String::new();
        let mut rest = source;
        while let Some(c) = rest.chars().next() {
            if c == '<' {
                rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
                out.push(' ');
                continue;
            }
            if c == '&'
                && let Some(end) = rest.find(';').filter(|&e| e < 12)
            {
                let name = &rest[1..end];
                let decoded = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => entities::ENTITIES
                        .iter()
                        .find(|e| e.entity.strip_prefix('&') == Some(&rest[1..=end]))
                        .and_then(|e| e.characters.chars().next())
                        .or_else(|| {
                            name.strip_prefix("#x")
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                                .and_then(char::from_u32)
                        }),
                };
                if let Some(d) = decoded {
                    out.push(d);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        collapse(&out)
    }

    fn collapse(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Checks every match of `doc`, analysed from `bytes`; returns how many.
    fn check(what: &str, doc: &DocResult, bytes: &[u8], html: bool) -> usize {
        let matches = doc.matches.as_ref().unwrap();
        for m in matches {
            let at = format!("{what}: {} at {}", m.text, m.start);
            assert!(m.start < m.end && m.end <= bytes.len(), "{at}");
            let original = decode(&bytes[m.start..m.end], doc.encoding);
            if html {
                assert_eq!(html_text(&original), collapse(&m.text), "{at}");
            } else {
                assert_eq!(original, m.text, "{at}");
            }
            let prefix = decode(&bytes[..m.start], doc.encoding);
            assert_eq!(
                (m.line as u64, m.column as u64),
                line_column(&prefix),
                "{at}"
            );
            if let Some([a, b]) = m.cue {
                assert!(a < b && b <= bytes.len(), "{at}: cue");
                assert!(!decode(&bytes[a..b], doc.encoding).trim().is_empty());
            }
            assert!(m.left.chars().count() <= 40 && m.right.chars().count() <= 40);
            assert!(!m.left.contains("  ") && !m.right.contains(['\n', '\t']));
        }
        matches.len()
    }

    fn analyser(detector: &Detector) -> Analyser<'_> {
        let options = AnalyseOptions {
            evidence: true,
            ..AnalyseOptions::default()
        };
        Analyser::new(&MATCHER, detector, options)
    }

    fn files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(files(&path));
            } else if !path.file_name().unwrap().to_string_lossy().starts_with('.') {
                out.push(path);
            }
        }
        out.sort();
        out
    }

    #[test]
    fn evidence_offsets_lines_and_columns_point_at_the_original() {
        let detector = Detector::default();
        let mut analyser = analyser(&detector);
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for path in files(&root.join("corpus-samples")) {
            let mut bytes = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            if name.ends_with(".gz") {
                let mut plain = Vec::new();
                let mut gz = flate2::read::GzDecoder::new(&bytes[..]);
                std::io::Read::read_to_end(&mut gz, &mut plain).unwrap();
                bytes = plain;
            }
            // the file as one document
            let doc = analyser.analyse(name.clone(), &bytes).unwrap();
            checked += check(&name, &doc, &bytes, false);
            // each record: offsets in its text field
            if name.contains(".jsonl") {
                for (i, line) in String::from_utf8(bytes.clone())
                    .unwrap()
                    .lines()
                    .enumerate()
                {
                    let record: serde_json::Value = serde_json::from_str(line).unwrap();
                    let text = record["text"].as_str().unwrap().as_bytes();
                    let doc = analyser.analyse(format!("{name}:{}", i + 1), text).unwrap();
                    checked += check(&doc.path.clone(), &doc, text, false);
                }
            }
        }
        let mut pages = 0;
        for path in files(&root.join("tests/pages/html")) {
            if path.extension().is_some_and(|e| e == "html") {
                let bytes = std::fs::read(&path).unwrap();
                let name = path.display().to_string();
                let doc = analyser.analyse_html(name.clone(), &bytes).unwrap();
                pages += check(&name, &doc, &bytes, true);
            }
        }
        assert!(checked > 200, "{checked} matches in the samples");
        assert!(pages > 20, "{pages} matches in the HTML pages");
    }
}
