//! Languages teema knows, and per-document language detection.
//!
//! A lexicon has one side per [`Lang`]; a document is routed to the side of the language it
//! is detected (or declared, with `--lang`) to be in. Detection uses `whatlang` restricted to
//! Finnish, Dutch and the languages they are most often mixed with, so that an English or
//! Swedish page is reported as `other` instead of being forced into Finnish or Dutch.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// A language with its own lexicon side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Finnish.
    Fi,
    /// Dutch.
    Nl,
}

impl Lang {
    /// Every language with a lexicon side, in report order.
    pub const ALL: [Lang; 2] = [Lang::Fi, Lang::Nl];

    /// The ISO 639-1 code used in lexicons and reports.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Nl => "nl",
        }
    }

    /// Index of this language in per-language arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fi" => Ok(Lang::Fi),
            "nl" => Ok(Lang::Nl),
            _ => Err(format!("unknown language {s:?} (expected fi or nl)")),
        }
    }
}

/// The language a document (or later, a segment) was found to be in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detected {
    /// `Some` for a language with a lexicon side, `None` for anything else ("other").
    pub lang: Option<Lang>,
    /// Detector confidence in `0.0..=1.0`; `1.0` when the language was given with `--lang`.
    pub confidence: f64,
}

impl Detected {
    /// The report code: `fi`, `nl` or `other`.
    pub fn code(&self) -> &'static str {
        self.lang.map_or("other", Lang::code)
    }
}

/// How many bytes of a document the detector looks at. Trigram statistics settle long before
/// this; looking further only costs time.
const SAMPLE_BYTES: usize = 2048;

/// Languages the detector may answer with. Anything but Finnish and Dutch becomes "other";
/// the rest are here so that English, Swedish, German or Estonian text is not forced into one
/// of ours.
const CANDIDATES: [whatlang::Lang; 8] = [
    whatlang::Lang::Fin,
    whatlang::Lang::Nld,
    whatlang::Lang::Eng,
    whatlang::Lang::Swe,
    whatlang::Lang::Deu,
    whatlang::Lang::Est,
    whatlang::Lang::Dan,
    whatlang::Lang::Fra,
];

/// Language detection, built once and shared by all worker threads.
pub struct Detector {
    inner: whatlang::Detector,
}

impl Default for Detector {
    fn default() -> Self {
        Detector {
            inner: whatlang::Detector::with_allowlist(CANDIDATES.to_vec()),
        }
    }
}

impl Detector {
    /// Detects the language of `text` from its first couple of kilobytes.
    pub fn detect(&self, text: &str) -> Detected {
        let mut end = text.len().min(SAMPLE_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        match self.inner.detect(&text[..end]) {
            Some(info) => {
                let lang = match info.lang() {
                    whatlang::Lang::Fin => Some(Lang::Fi),
                    whatlang::Lang::Nld => Some(Lang::Nl),
                    _ => None,
                };
                Detected {
                    lang,
                    confidence: round3(info.confidence()),
                }
            }
            None => Detected {
                lang: None,
                confidence: 0.0,
            },
        }
    }
}

/// Rounds to three decimals, so reports stay short and stable.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_finnish_dutch_and_other() {
        let d = Detector::default();
        let fi = d.detect("Taas pitäisi lähteä illalla asiakkaiden kanssa baariin, vaikka olen ihan poikki koko viikon jälkeen.");
        assert_eq!(fi.lang, Some(Lang::Fi));
        let nl = d.detect("Ik heb vanochtend weer een uur in de wacht gehangen bij de klantenservice van mijn provider.");
        assert_eq!(nl.lang, Some(Lang::Nl));
        let en =
            d.detect("I have been waiting on the phone for an hour and nobody picked up the call.");
        assert_eq!(en.lang, None);
        assert_eq!(en.code(), "other");
    }

    #[test]
    fn long_multibyte_text_is_cut_on_a_char_boundary() {
        let text = "ä".repeat(SAMPLE_BYTES);
        let _ = Detector::default().detect(&text);
    }
}
