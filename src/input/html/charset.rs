//! Charset sniffing and decoding to UTF-8 with a map back to the original bytes.
//!
//! Order, as browsers do it for a saved file: a byte-order mark; else a `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">` in the first 4 KiB; else
//! UTF-8 when the bytes are valid UTF-8, or mostly UTF-8 (invalid sequences then become
//! U+FFFD and are counted); else windows-1252.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decoded text plus anchors mapping decoded UTF-8 offsets to original byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// `(utf8_offset, original_offset)` pairs, sorted; between two anchors the mapping is
    /// one byte for one byte.
    pub anchors: Vec<(usize, usize)>,
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub replacements: u64,
    /// How well the bytes fit the encoding (see `input::decode`): 1.0 unless guessed.
    pub confidence: f64,
}

/// Maps a decoded UTF-8 offset to an original byte offset.
pub(crate) fn to_original(anchors: &[(usize, usize)], off: usize) -> usize {
    let i = anchors.partition_point(|&(u, _)| u <= off);
    if i == 0 {
        return off;
    }
    let (u, o) = anchors[i - 1];
    o + (off - u)
}

/// Finds the encoding label declared in a `<meta>` tag within the first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &head[i..]) {
        let start = i + p;
        i = start + 1;
        if head.len() < start + 5 || !head[start + 1..start + 5].eq_ignore_ascii_case(b"meta") {
            continue;
        }
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        let lower: Vec<u8> = tag.to_ascii_lowercase();
        if let Some(c) = memchr::memmem::find(&lower, b"charset") {
            let mut rest = &tag[c + 7..];
            while let [b' ' | b'\t' | b'\n' | b'\r', r @ ..] = rest {
                rest = r;
            }
            let Some(r) = rest.strip_prefix(b"=") else {
                continue;
            };
            let r = r.trim_ascii_start();
            let r = r
                .strip_prefix(b"\"")
                .or_else(|| r.strip_prefix(b"'"))
                .unwrap_or(r);
            let len = r
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'>' | b'/' | b'\t'))
                .unwrap_or(r.len());
            if let Some(enc) = Encoding::for_label(&r[..len]) {
                // A page that declares UTF-16 in ASCII-compatible bytes is not UTF-16.
                if enc == UTF_16LE || enc == UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
        }
    }
    None
}

/// Chooses the encoding: BOM, then a charset declared by the transport (a WARC record's
/// HTTP `Content-Type`), then `<meta>`, then UTF-8 if valid, else windows-1252, as browsers
/// order them, except that mostly-UTF-8 bytes stay UTF-8. Returns the encoding, the length
/// of the BOM to skip and the confidence of the choice (1.0 unless guessed).
pub(crate) fn sniff_with(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> (&'static Encoding, usize, f64) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return (enc, bom, 1.0);
    }
    if let Some(enc) = declared {
        // UTF-16 declared for bytes without a BOM is not trusted, as for `<meta>`.
        if enc != UTF_16LE && enc != UTF_16BE {
            return (enc, 0, 1.0);
        }
    }
    if let Some(enc) = meta_charset(bytes) {
        return (enc, 0, 1.0);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, 0, 1.0);
    }
    let evidence = crate::input::decode::Utf8Evidence::of(bytes);
    if evidence.mostly_utf8() {
        (UTF_8, 0, evidence.confidence())
    } else {
        (WINDOWS_1252, 0, evidence.confidence())
    }
}

/// Decodes `bytes` to UTF-8, keeping a map back to original offsets.
#[cfg(test)]
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, None)
}

/// Decodes `bytes` to UTF-8 with a charset declared by the transport, if any (see
/// [`sniff_with`]), keeping a map back to original offsets.
pub(crate) fn decode_with(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    let (encoding, bom, confidence) = sniff_with(bytes, declared);
    let body = &bytes[bom..];
    let mut anchors = vec![(0, bom)];
    let mut replacements = 0;
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                let mut s = String::with_capacity(body.len() + 16);
                let mut orig = bom;
                for chunk in body.utf8_chunks() {
                    s.push_str(chunk.valid());
                    orig += chunk.valid().len();
                    if !chunk.invalid().is_empty() {
                        s.push('\u{FFFD}');
                        replacements += 1;
                        orig += chunk.invalid().len();
                        anchors.push((s.len(), orig));
                    }
                }
                s
            }
        }
    } else if encoding.is_single_byte() {
        let (cow, _) = encoding.decode_without_bom_handling(body);
        let s = cow.into_owned();
        if s.len() != body.len() {
            let mut orig = bom;
            for (u, ch) in s.char_indices() {
                orig += 1;
                if ch.len_utf8() != 1 {
                    anchors.push((u + ch.len_utf8(), orig));
                }
            }
        }
        s
    } else {
        // Multi-byte legacy encodings and UTF-16: decode one input byte at a time so that
        // every output character is tied to the input bytes that produced it.
        let mut dec = encoding.new_decoder_without_bom_handling();
        let mut s = String::with_capacity(body.len() * 2 + 16);
        let mut consumed_orig = bom;
        let (mut last_u, mut last_o) = (0usize, bom);
        for b in body {
            let need = dec.max_utf8_buffer_length(1).unwrap_or(16);
            s.reserve(need);
            let before = s.len();
            let _ = dec.decode_to_string(std::slice::from_ref(b), &mut s, false);
            consumed_orig += 1;
            if s.len() != before {
                // Output produced: the character(s) end at consumed_orig.
                let (u, o) = (s.len(), consumed_orig);
                if u - last_u != o - last_o {
                    anchors.push((u, o));
                }
                last_u = u;
                last_o = o;
            }
        }
        let before = s.len();
        let _ = dec.decode_to_string(&[], &mut s, true);
        if s.len() != before {
            anchors.push((s.len(), consumed_orig));
        }
        s
    };
    Decoded {
        text,
        encoding,
        anchors,
        replacements,
        confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1252() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>yli\xf6it\xe4</body></html>";
        let d = decode(page);
        assert_eq!(d.encoding.name(), "windows-1252");
        assert!(d.text.contains("yliöitä"));
        let u = d.text.find("itä").unwrap();
        assert_eq!(&page[to_original(&d.anchors, u)..][..2], b"it");
    }

    #[test]
    fn http_equiv_and_fallbacks() {
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xe4";
        assert_eq!(decode(page).encoding.name(), "windows-1252");
        assert_eq!(decode("<p>hyvä</p>".as_bytes()).encoding.name(), "UTF-8");
        assert_eq!(decode(b"<p>hyv\xe4</p>").encoding.name(), "windows-1252");
        let bom = b"\xef\xbb\xbf<p>x</p>";
        let d = decode(bom);
        assert_eq!(d.text, "<p>x</p>");
        assert_eq!(to_original(&d.anchors, 3), 6);
    }

    #[test]
    fn utf16_maps_back() {
        let page: Vec<u8> = "\u{feff}<p>ä</p>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&page);
        assert_eq!(d.encoding.name(), "UTF-16LE");
        assert_eq!(d.text, "<p>ä</p>");
        // "ä" is at UTF-8 offset 3, original offset 2 + 3*2 = 8
        assert_eq!(to_original(&d.anchors, 3), 8);
        assert_eq!(to_original(&d.anchors, 5), 10);
    }
}
