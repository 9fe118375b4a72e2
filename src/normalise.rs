//! Normalisation: the form in which text and lexicon entries are compared.
//!
//! * Unicode lowercase (`Ä` → `ä`, `IJ` → `ij`; the ligature `ĳ` → `ij`);
//! * NFC for decomposed letters (`a` + U+0308 → `ä`), as saved by some Mac software;
//! * typographic apostrophes, quotes and dashes folded to ASCII (`’` → `'`, `“` → `"`, `–` → `-`);
//! * soft hyphens and zero-width characters removed, exotic spaces made plain spaces.
//!
//! Lexicon entries go through the same function, so an entry written `Asiakaspalvelu` or
//! `klanten­service` (with a soft hyphen) matches what the text says. Every change of length is
//! recorded in an [`OffsetMap`] so matches can be traced to the original bytes.

use crate::offsets::OffsetMap;
use unicode_normalization::char::{canonical_combining_class, compose};

/// Normalised text plus its map back to the text it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalised {
    /// The normalised text.
    pub text: String,
    /// Maps offsets in `text` to offsets in the input of [`normalise_into`].
    pub map: OffsetMap,
}

/// What a character becomes.
enum Fold {
    Keep,
    Drop,
    Ascii(u8),
    Str(&'static str),
}

#[inline]
fn fold(c: char) -> Fold {
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}'
        | '\u{00B4}' | '`' => Fold::Ascii(b'\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => Fold::Ascii(b'"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Fold::Ascii(b'-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Fold::Ascii(b' ')
        }
        '\u{2026}' => Fold::Str("..."),
        '\u{0132}' | '\u{0133}' => Fold::Str("ij"),
        _ => Fold::Keep,
    }
}

/// Normalises `src` into `out`, reusing its buffers.
pub fn normalise_into(src: &str, out: &mut Normalised) {
    out.text.clear();
    out.map.clear();
    if src.is_ascii() {
        out.text.push_str(src);
        out.text.make_ascii_lowercase();
        return;
    }
    out.text.reserve(src.len());
    // Output offset of the last starter character, for composing combining marks onto it.
    let mut last_starter: Option<usize> = None;
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < src.len() {
        // a run of ASCII characters: lowercased as a block
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(src.len() - i);
        if run > 0 {
            let at = out.text.len();
            out.text.push_str(&src[i..i + run]);
            out.text[at..].make_ascii_lowercase();
            last_starter = Some(out.text.len() - 1);
            i += run;
            continue;
        }
        let c = src[i..].chars().next().expect("i is below the length");
        let src_end = i + c.len_utf8();
        i = src_end;
        // Latin-1 letters (ä, ö, é, ß ...): no folding, no combining class, same length
        // lowercased
        if matches!(c, '\u{00C0}'..='\u{00FF}') && !matches!(c, '\u{00D7}' | '\u{00F7}') {
            last_starter = Some(out.text.len());
            out.text.push(if c <= '\u{00DE}' {
                char::from_u32(c as u32 + 0x20).expect("a Latin-1 letter")
            } else {
                c
            });
            out.map.anchor(out.text.len(), src_end);
            continue;
        }
        if canonical_combining_class(c) != 0 {
            if let Some(pos) = last_starter {
                let base = out.text[pos..].chars().next();
                let single = out.text[pos..].chars().count() == 1;
                if let Some(composed) = base.and_then(|b| compose(b, c)).filter(|_| single) {
                    out.text.truncate(pos);
                    out.text.push(composed);
                    out.map.anchor(out.text.len(), src_end);
                    continue;
                }
            }
            out.text.push(c);
            out.map.anchor(out.text.len(), src_end);
            continue;
        }
        match fold(c) {
            Fold::Drop => {}
            Fold::Ascii(b) => out.text.push(b as char),
            Fold::Str(s) => out.text.push_str(s),
            Fold::Keep => {
                last_starter = Some(out.text.len());
                if c.is_lowercase() || !c.is_alphabetic() {
                    out.text.push(c);
                } else {
                    out.text.extend(c.to_lowercase());
                }
            }
        }
        out.map.anchor(out.text.len(), src_end);
    }
}

/// Normalises `src` into a new [`Normalised`].
pub fn normalise(src: &str) -> Normalised {
    let mut out = Normalised::default();
    normalise_into(src, &mut out);
    out
}

/// Normalises a short string such as a lexicon entry (no offset map needed).
pub fn normalise_str(src: &str) -> String {
    normalise(src).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_folds() {
        assert_eq!(normalise_str("ÄÄNI Öisin"), "ääni öisin");
        assert_eq!(normalise_str("IJsland ĳs"), "ijsland ijs");
        assert_eq!(normalise_str("ei ’kaan” – niin"), "ei 'kaan\" - niin");
        assert_eq!(normalise_str("klanten\u{00AD}service"), "klantenservice");
    }

    #[test]
    fn latin1_letters_lowercase_as_unicode_says_between_ascii_runs() {
        for c in ('\u{00A0}'..='\u{017F}').chain(['ÿ', 'Ÿ', 'ẞ']) {
            let text = format!("Ab{c}Cd {c}{c}");
            let n = normalise(&text);
            let lower: String = c.to_lowercase().collect();
            let folded = match fold(c) {
                Fold::Keep => lower,
                Fold::Drop => String::new(),
                Fold::Ascii(b) => (b as char).to_string(),
                Fold::Str(s) => s.to_string(),
            };
            assert_eq!(n.text, format!("ab{folded}cd {folded}{folded}"), "{c:?}");
            // every offset after the letters maps back to the same place in the source
            assert_eq!(n.map.map(n.text.len()), text.len(), "{c:?}");
        }
    }

    #[test]
    fn composes_decomposed_letters() {
        assert_eq!(normalise_str("Pa\u{0308}a\u{0308}"), "pää");
    }

    #[test]
    fn offsets_map_back_to_the_source() {
        let src = "Asiakas\u{00AD}palvelu’n jono";
        let n = normalise(src);
        assert_eq!(n.text, "asiakaspalvelu'n jono");
        let jono = n.text.find("jono").unwrap();
        assert_eq!(&src[n.map.map(jono)..n.map.map(n.text.len())], "jono");
        let start = n.text.find("palvelu").unwrap();
        assert_eq!(&src[n.map.map(start)..], "palvelu’n jono");
    }

    #[test]
    fn ascii_fast_path_keeps_identity() {
        let n = normalise("Klantenservice BELT niet");
        assert_eq!(n.text, "klantenservice belt niet");
        assert!(n.map.is_identity());
    }
}
