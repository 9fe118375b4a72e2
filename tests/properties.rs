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
