//! `teema lexicon coverage`: frequent words that occur in the same sentences as a theme's
//! hits but match no lexicon entry, per theme and language: candidates for extending a
//! lexicon.

use crate::analyse::{AnalyseOptions, Analyser};
use crate::input::{Inputs, Skipped};
use crate::lang::{Detector, Lang, is_function_word};
use crate::matcher::Matcher;
use crate::segment::Segmenter;
use crate::tokenise::TokenKind;
use std::collections::{BTreeMap, BTreeSet};

/// Words shorter than this (in characters) are not suggested.
pub const MIN_WORD_CHARS: usize = 3;

/// One suggested word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The word (normalised).
    pub word: String,
    /// How often it occurs in sentences with hits of the theme.
    pub count: u64,
    /// In how many documents.
    pub documents: u64,
}

/// Suggestions for one theme and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeCoverage {
    /// Theme id.
    pub theme: String,
    /// Language side.
    pub lang: Lang,
    /// Sentences with at least one hit of the theme.
    pub sentences: u64,
    /// The most frequent unmatched words, most frequent first.
    pub words: Vec<Suggestion>,
}

/// What [`coverage`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Suggestions per theme and language.
    pub themes: Vec<ThemeCoverage>,
    /// Documents read.
    pub documents: u64,
    /// Inputs that could not be read, with the reason, in input order.
    pub skipped: Vec<Skipped>,
}

/// Reads every input of `inputs` (as `teema analyse` reads and segments them)
/// and collects, per theme and language, the `top` most frequent words that co-occur with
/// the theme's hits in a sentence and match no entry of any theme.
pub fn coverage(
    matcher: &Matcher,
    inputs: &Inputs,
    segmenter: &Segmenter,
    options: AnalyseOptions,
    top: usize,
) -> Coverage {
    let detector = Detector::default();
    let mut analyser = Analyser::with_segmenter(matcher, &detector, segmenter, options);
    let mut lookup = matcher.searcher();
    // (theme, lang) → (sentences, word → (count, documents))
    type Counts = BTreeMap<String, (u64, u64)>;
    let mut counts: BTreeMap<(u16, Lang), (u64, Counts)> = BTreeMap::new();
    let mut documents = 0;
    let skipped = inputs.read_all(|raw| {
        let view = analyser.inspect(raw.bytes).map_err(|e| Skipped {
            path: raw.path,
            reason: e.to_string(),
        })?;
        let Some(lang) = view.lang else {
            return Ok(true);
        };
        documents += 1;
        let toks = &view.tokens.tokens;
        // sentence → themes with hits there
        let mut hit_sentences: BTreeMap<u32, BTreeSet<u16>> = BTreeMap::new();
        let mut matched = vec![false; toks.len()];
        let mut ti = 0;
        for m in view.matches {
            while ti < toks.len() && (toks[ti].end as usize) <= m.start {
                ti += 1;
            }
            let mut j = ti;
            while j < toks.len() && (toks[j].start as usize) < m.end {
                matched[j] = true;
                // hits in site chrome and quotes suggest nothing
                if view.counted[j] {
                    hit_sentences
                        .entry(toks[j].sentence)
                        .or_default()
                        .insert(m.theme);
                }
                j += 1;
            }
        }
        let mut seen_in_doc: BTreeSet<(u16, &str)> = BTreeSet::new();
        for (i, t) in toks.iter().enumerate() {
            let Some(themes) = hit_sentences.get(&t.sentence) else {
                continue;
            };
            let word = t.text(view.text);
            if matched[i]
                || !view.counted[i]
                || t.kind != TokenKind::Word
                || word.chars().count() < MIN_WORD_CHARS
                || is_function_word(word)
                || !lookup.lookup(lang, word).is_empty()
            {
                continue;
            }
            for &theme in themes {
                let entry = counts.entry((theme, lang)).or_default();
                let c = entry.1.entry(word.to_string()).or_default();
                c.0 += 1;
                if seen_in_doc.insert((theme, word)) {
                    c.1 += 1;
                }
            }
        }
        for (_, themes) in hit_sentences {
            for theme in themes {
                counts.entry((theme, lang)).or_default().0 += 1;
            }
        }
        Ok(true)
    });
    let ids = &matcher.lexicon().themes;
    let result: Vec<ThemeCoverage> = counts
        .into_iter()
        .map(|((theme, lang), (sentences, words))| {
            let mut words: Vec<Suggestion> = words
                .into_iter()
                .map(|(word, (count, documents))| Suggestion {
                    word,
                    count,
                    documents,
                })
                .collect();
            words.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
            words.truncate(top);
            ThemeCoverage {
                theme: ids[theme as usize].id.to_string(),
                lang,
                sentences,
                words,
            }
        })
        .collect();
    Coverage {
        themes: result,
        documents,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, parse_source};

    #[test]
    fn suggests_unmatched_words_from_hit_sentences_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "Jono oli taas pitkä ja palvelu hidasta.\nKissa nukkuu sohvalla.\nJonossa seisoi hidasta väkeä.\n",
        )
        .unwrap();
        let lex =
            "id = \"q\"\nlabel = \"Q\"\nversion = \"1\"\n[fi]\nentries = [\"jono\", \"palvelu\"]\n";
        let lexicon = Lexicon::from_themes(parse_source("q.toml", lex).unwrap()).unwrap();
        let matcher = Matcher::new(lexicon, crate::morph::default_backend());
        std::fs::write(dir.path().join("b.bin"), b"\0\x01binary").unwrap();
        let inputs = crate::input::Inputs::new(&crate::input::InputOptions {
            paths: vec![dir.path().to_path_buf()],
            ..Default::default()
        })
        .unwrap();
        let options = AnalyseOptions {
            lang: Some(Lang::Fi),
            ..AnalyseOptions::default()
        };
        let Coverage {
            themes: cov,
            documents: docs,
            skipped,
        } = coverage(&matcher, &inputs, Segmenter::shared(), options, 10);
        assert_eq!(docs, 1);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].path.ends_with("b.bin"), "{skipped:?}");
        assert_eq!(cov.len(), 1);
        assert_eq!(cov[0].sentences, 2);
        let words: Vec<(&str, u64)> = cov[0]
            .words
            .iter()
            .map(|w| (w.word.as_str(), w.count))
            .collect();
        assert_eq!(words[0], ("hidasta", 2));
        assert!(words.iter().any(|(w, _)| *w == "pitkä"));
        assert!(
            !words
                .iter()
                .any(|(w, _)| ["kissa", "jono", "palvelu", "oli", "ja"].contains(w))
        );
    }
}
