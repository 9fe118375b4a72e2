//! Decoding raw bytes into text, recording the encoding and a map back to file offsets.
//!
//! The rule, in order:
//! 1. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE), and is stripped;
//! 2. BOM-less UTF-16 is recognised by its pattern of zero bytes;
//! 3. any other NUL byte in the first 8 KiB means a binary file, which is skipped;
//! 4. valid UTF-8 is UTF-8;
//! 5. mostly UTF-8 is UTF-8 too: when the valid multi-byte UTF-8 characters outnumber the
//!    invalid sequences (a UTF-8 post with one stray Latin-1 byte), each invalid sequence
//!    becomes U+FFFD and is counted in [`Decoded::replacements`];
//! 6. anything else is a legacy single-byte page: Windows-1252 (a superset of the printable
//!    Latin-1 range), or ISO-8859-15 when it has no Windows-1252-only bytes (0x80–0x9F) and
//!    uses one of the letters only 8859-15 has (`€ Š š Ž ž Œ œ Ÿ`) in a plausible place.
//!
//! Steps 5 and 6 are guesses, and [`Decoded::confidence`] says how well the bytes fit them:
//! the share of the UTF-8 evidence (valid multi-byte characters against invalid sequences)
//! that agrees with the choice. Everything else is certain (1.0).

use crate::offsets::OffsetMap;
use encoding_rs::{Encoding, ISO_8859_15, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// How far into a file the binary check looks.
const SNIFF_BYTES: usize = 8192;

/// Decoded text with the encoding it came from. Valid UTF-8 is borrowed, not copied.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text, as UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding's lowercase name, e.g. `utf-8` or `windows-1252`.
    pub encoding: &'static str,
    /// Maps offsets in `text` to offsets in the original bytes.
    pub map: OffsetMap,
    /// Invalid UTF-8 sequences replaced by U+FFFD (rule 5).
    pub replacements: u64,
    /// How well the bytes fit the encoding: 1.0 unless rule 5 or 6 guessed (see the module).
    pub confidence: f64,
}

/// Below this [`Decoded::confidence`], a document's decoding is flagged as doubtful: a good
/// share of its non-ASCII bytes fits another reading (a file mixing UTF-8 and Latin-1).
pub const DOUBTFUL_BELOW: f64 = 0.9;

/// What the bytes of a file that is not valid UTF-8 say about UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf8Evidence {
    /// Valid multi-byte UTF-8 characters.
    pub valid: u64,
    /// Invalid UTF-8 sequences (each maximal invalid run as `str::from_utf8_lossy` sees it).
    pub invalid: u64,
}

impl Utf8Evidence {
    /// Counts the evidence in `bytes`.
    pub fn of(bytes: &[u8]) -> Utf8Evidence {
        let mut evidence = Utf8Evidence {
            valid: 0,
            invalid: 0,
        };
        for chunk in bytes.utf8_chunks() {
            evidence.valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count() as u64;
            evidence.invalid += u64::from(!chunk.invalid().is_empty());
        }
        evidence
    }

    /// True when the bytes are mostly UTF-8 (rule 5).
    pub fn mostly_utf8(&self) -> bool {
        self.valid > self.invalid
    }

    /// The confidence of the reading chosen: the share of the evidence that agrees with it.
    pub fn confidence(&self) -> f64 {
        let total = (self.valid + self.invalid).max(1) as f64;
        let agreeing = if self.mostly_utf8() {
            self.valid
        } else {
            self.invalid
        };
        agreeing as f64 / total
    }
}

/// Decodes mostly-UTF-8 `bytes` (from `offset` on, e.g. after a BOM), each invalid sequence
/// replaced by U+FFFD, with the offsets map and the count of replacements.
fn decode_utf8_lossy(bytes: &[u8], offset: usize, confidence: f64) -> Decoded<'static> {
    let body = &bytes[offset..];
    let mut text = String::with_capacity(body.len() + 16);
    let mut map = OffsetMap::shifted(offset);
    let mut source = offset;
    let mut replacements = 0;
    for chunk in body.utf8_chunks() {
        text.push_str(chunk.valid());
        source += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            text.push('\u{FFFD}');
            source += chunk.invalid().len();
            replacements += 1;
            map.anchor(text.len(), source);
        }
    }
    Decoded {
        text: Cow::Owned(text),
        encoding: "utf-8",
        map,
        replacements,
        confidence,
    }
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A NUL byte that is not part of UTF-16 text.
    #[error("binary file (NUL byte at offset {0})")]
    Binary(usize),
}

/// Decodes `bytes` following the module's rule.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(if enc == UTF_8 {
            match std::str::from_utf8(&bytes[bom_len..]) {
                Ok(text) => Decoded {
                    text: Cow::Borrowed(text),
                    encoding: "utf-8",
                    map: OffsetMap::shifted(bom_len),
                    replacements: 0,
                    confidence: 1.0,
                },
                // The mark says UTF-8, so the bytes are read as UTF-8 whatever they hold.
                Err(_) => decode_utf8_lossy(bytes, bom_len, 1.0),
            }
        } else {
            decode_utf16(bytes, bom_len, enc)
        });
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(nul) = memchr::memchr(0, head) {
        return match sniff_utf16(head) {
            Some(enc) => Ok(decode_utf16(bytes, 0, enc)),
            None => Err(DecodeError::Binary(nul)),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "utf-8",
            map: OffsetMap::default(),
            replacements: 0,
            confidence: 1.0,
        }),
        Err(_) => {
            let evidence = Utf8Evidence::of(bytes);
            Ok(if evidence.mostly_utf8() {
                decode_utf8_lossy(bytes, 0, evidence.confidence())
            } else {
                Decoded {
                    confidence: evidence.confidence(),
                    ..decode_single_byte(bytes)
                }
            })
        }
    }
}

/// BOM-less UTF-16: mostly-zero high bytes on one side of each code unit, none on the other.
fn sniff_utf16(head: &[u8]) -> Option<&'static Encoding> {
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= units * 3 && even * 20 < units {
        Some(UTF_16LE)
    } else if even * 10 >= units * 3 && odd * 20 < units {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], bom_len: usize, enc: &'static Encoding) -> Decoded<'static> {
    let body = &bytes[bom_len..];
    let (text, _) = enc.decode_without_bom_handling(body);
    let text = text.into_owned();
    // Every code unit is two source bytes; characters outside the BMP are four.
    let mut map = OffsetMap::shifted(bom_len);
    let mut src = bom_len;
    for (i, c) in text.char_indices() {
        src += if (c as u32) > 0xFFFF { 4 } else { 2 };
        // An odd trailing byte decodes to U+FFFD: it maps to the end, not one past it.
        map.anchor(i + c.len_utf8(), src.min(bytes.len()));
    }
    Decoded {
        text: Cow::Owned(text),
        encoding: if enc == UTF_16LE {
            "utf-16le"
        } else {
            "utf-16be"
        },
        map,
        replacements: 0,
        confidence: 1.0,
    }
}

/// Decodes `bytes` as [`decode`] does, but in `charset` (declared by a container, e.g. a
/// WARC record's HTTP header) when the bytes have no byte-order mark and `charset` is a
/// single-byte encoding. A declared UTF-8 or a multi-byte legacy encoding leaves the rule as
/// it is.
pub fn decode_with<'a>(
    bytes: &'a [u8],
    charset: Option<&'static Encoding>,
) -> Result<Decoded<'a>, DecodeError> {
    match charset {
        Some(enc) if enc.is_single_byte() && Encoding::for_bom(bytes).is_none() => {
            let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
            if let Some(nul) = memchr::memchr(0, head) {
                return Err(DecodeError::Binary(nul));
            }
            Ok(decode_single_byte_as(bytes, enc))
        }
        _ => decode(bytes),
    }
}

fn decode_single_byte(bytes: &[u8]) -> Decoded<'static> {
    decode_single_byte_as(bytes, guess_single_byte(bytes))
}

fn decode_single_byte_as(bytes: &[u8], enc: &'static Encoding) -> Decoded<'static> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    // One source byte per character.
    let mut map = OffsetMap::default();
    for (src, (i, c)) in text.char_indices().enumerate() {
        if !c.is_ascii() {
            map.anchor(i + c.len_utf8(), src + 1);
        }
    }
    Decoded {
        text: Cow::Owned(text),
        encoding: if enc == ISO_8859_15 {
            "iso-8859-15"
        } else if enc == WINDOWS_1252 {
            "windows-1252"
        } else {
            enc.name()
        },
        map,
        replacements: 0,
        confidence: 1.0,
    }
}

fn guess_single_byte(bytes: &[u8]) -> &'static Encoding {
    if bytes.iter().any(|b| (0x80..=0x9F).contains(b)) {
        return WINDOWS_1252;
    }
    let letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0xC0);
    for (i, &b) in bytes.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = bytes.get(i + 1);
        let plausible = match b {
            // € after a number or a space
            0xA4 => before.is_some_and(|p| p.is_ascii_digit() || *p == b' '),
            // Š š Ž ž Œ œ Ÿ inside or at the edge of a word
            0xA6 | 0xA8 | 0xB4 | 0xB8 | 0xBC | 0xBD | 0xBE => letter(before) || letter(after),
            _ => false,
        };
        if plausible {
            return ISO_8859_15;
        }
    }
    WINDOWS_1252
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_single_byte_charset_decides_unless_a_bom_does() {
        // "Ţ" is 0xDE in ISO-8859-2 and "Þ" in windows-1252.
        let bytes = b"P\xe4iv\xe4\xe4 \xde";
        let d = decode_with(bytes, Some(encoding_rs::ISO_8859_2)).unwrap();
        assert_eq!(d.text, "Päivää Ţ");
        assert_eq!(decode(bytes).unwrap().text, "Päivää Þ");
        let bom = b"\xef\xbb\xbfP\xc3\xa4iv\xc3\xa4";
        assert_eq!(decode_with(bom, Some(WINDOWS_1252)).unwrap().text, "Päivä");
        let utf8 = "Päivää".as_bytes();
        assert_eq!(decode_with(utf8, Some(UTF_8)).unwrap().text, "Päivää");
        assert!(decode_with(b"\0\x01png", Some(WINDOWS_1252)).is_err());
    }

    #[test]
    fn utf8_passes_through() {
        let d = decode("Hyvää iltaa".as_bytes()).unwrap();
        assert_eq!(d.text, "Hyvää iltaa");
        assert_eq!(d.encoding, "utf-8");
        assert!(d.map.is_identity());
    }

    #[test]
    fn utf8_bom_is_stripped_and_offsets_shift() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"ilta");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "ilta");
        assert_eq!(d.map.map(0), 3);
    }

    #[test]
    fn latin1_becomes_windows_1252_with_offsets() {
        // "pä ilta" in Latin-1: ä is one byte in the file, two in UTF-8
        let d = decode(&[b'p', 0xE4, b' ', b'i', b'l', b't', b'a']).unwrap();
        assert_eq!(d.text, "pä ilta");
        assert_eq!(d.encoding, "windows-1252");
        let start = d.text.find("ilta").unwrap();
        assert_eq!(start, 4);
        assert_eq!(d.map.map(start), 3);
        assert_eq!(d.map.map(d.text.len()), 7);
    }

    #[test]
    fn iso_8859_15_letters_are_recognised() {
        // "šekki" and "5 €" in ISO-8859-15
        let d = decode(&[0xA8, b'e', b'k', b'k', b'i', b' ', b'5', b' ', 0xA4]).unwrap();
        assert_eq!(d.encoding, "iso-8859-15");
        assert_eq!(d.text, "šekki 5 €");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "yö".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((&*d.text, d.encoding), ("yö", "utf-16le"));
        assert_eq!(d.map.map(0), 2);
        assert_eq!(d.map.map(1), 4);
        assert_eq!(d.map.map(3), 6);

        let mut be = Vec::new();
        for u in "kiire on".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&be).unwrap();
        assert_eq!((&*d.text, d.encoding), ("kiire on", "utf-16be"));
    }

    #[test]
    fn odd_length_utf16_maps_inside_the_bytes() {
        let bytes = [0u8, 1, 0, 1, 0, 1, 0];
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "utf-16be");
        assert_eq!(d.text, "\u{1}\u{1}\u{1}\u{FFFD}");
        assert_eq!(d.map.map(d.text.len()), bytes.len());
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode(&[0x7F, b'E', b'L', b'F', 0, 1, 2, 3, 4, 5]).unwrap_err();
        assert_eq!(err, DecodeError::Binary(4));
    }

    #[test]
    fn mostly_utf8_stays_utf8_with_replacements_mapped_to_the_original_bytes() {
        // "Hyvää ilta\xe4 ystävä": four valid characters, one stray Latin-1 byte.
        let bytes = b"Hyv\xc3\xa4\xc3\xa4 ilta\xe4 yst\xc3\xa4v\xc3\xa4";
        let evidence = Utf8Evidence::of(bytes);
        assert_eq!(
            evidence,
            Utf8Evidence {
                valid: 4,
                invalid: 1
            }
        );
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Hyvää ilta\u{FFFD} ystävä");
        assert_eq!((d.encoding, d.replacements), ("utf-8", 1));
        assert!((d.confidence - 0.8).abs() < 1e-9);
        // "ystävä" starts after the 3-byte U+FFFD in the text, after the 1-byte 0xE4 in the file.
        let at = d.text.find("ystävä").unwrap();
        assert_eq!(d.map.map(at), 14);
        assert_eq!(&bytes[14..17], b"yst");
        // More invalid than valid: a single-byte page, with the evidence's share.
        let latin = b"Hyv\xe4\xe4 ilta\xe4 yst\xc3\xa4v\xc3\xa4";
        let d = decode(latin).unwrap();
        assert_eq!((d.encoding, d.replacements), ("windows-1252", 0));
        assert!((d.confidence - 0.6).abs() < 1e-9);
        assert_eq!(decode("Hyvää".as_bytes()).unwrap().confidence, 1.0);
    }
}
