//! Properties that must hold for any input: no stage panics, spans lie inside the text and
//! map back inside the original bytes, and evidence matches the original text.

use proptest::prelude::*;
use teema::analyse::{AnalyseOptions, Analyser};
use teema::decode::decode;
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
        let options = AnalyseOptions { lang: Some(lang), evidence: true };
        let mut analyser = Analyser::new(&MATCHER, &detector, options);
        let doc = analyser.analyse("x".into(), text.as_bytes()).unwrap();
        let hits: u64 = doc.themes.values().map(|t| t.hits).sum();
        let matches = doc.matches.unwrap();
        prop_assert_eq!(hits as usize, matches.len());
        for m in &matches {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
        }
    }
}
