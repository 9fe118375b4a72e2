//! Character references decoded with a map back to the source, and whitespace collapsing.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A run of output text tied to a run of source text (both UTF-8 offsets of the decoded page).
///
/// `exact` runs are byte-for-byte copies; the others are a character reference or collapsed
/// whitespace, so only their ends correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Start in the output buffer.
    pub t: usize,
    /// Length in the output buffer.
    pub t_len: usize,
    /// Start in the decoded source.
    pub s: usize,
    /// Length in the decoded source.
    pub s_len: usize,
    /// Whether output and source bytes are identical.
    pub exact: bool,
}

fn table() -> &'static FxHashMap<&'static [u8], &'static str> {
    static T: OnceLock<FxHashMap<&'static [u8], &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        entities::ENTITIES
            .iter()
            .map(|e| (e.entity.as_bytes()[1..].as_ref(), e.characters))
            .collect()
    })
}

/// Windows-1252 replacements for numeric references 0x80..=0x9F, as HTML requires.
fn c1_fix(n: u32) -> u32 {
    const T: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    if (0x80..=0x9F).contains(&n) {
        T[(n - 0x80) as usize]
    } else {
        n
    }
}

/// Parses a character reference at the start of `s` (which starts with `&`).
/// Returns the replacement and the length of the reference in `s`.
pub(crate) fn parse_ref(s: &[u8]) -> Option<(Repl, usize)> {
    debug_assert_eq!(s.first(), Some(&b'&'));
    if s.get(1) == Some(&b'#') {
        let (hex, digits_at) = match s.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut n: u32 = 0;
        let mut k = digits_at;
        while let Some(&b) = s.get(k) {
            let d = match b {
                b'0'..=b'9' => (b - b'0') as u32,
                b'a'..=b'f' if hex => (b - b'a' + 10) as u32,
                b'A'..=b'F' if hex => (b - b'A' + 10) as u32,
                _ => break,
            };
            n = n
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            k += 1;
        }
        if k == digits_at {
            return None;
        }
        if s.get(k) == Some(&b';') {
            k += 1;
        }
        let c = char::from_u32(c1_fix(n))
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some((Repl::Char(c), k));
    }
    let mut k = 1;
    while k < s.len() && k < 40 && s[k].is_ascii_alphanumeric() {
        k += 1;
    }
    if k == 1 {
        return None;
    }
    let t = table();
    if s.get(k) == Some(&b';')
        && let Some(r) = t.get(&s[1..=k])
    {
        return Some((Repl::Str(r), k + 1));
    }
    // Legacy references without `;` (`&auml` etc.): longest known prefix.
    for end in (2..=k).rev() {
        if let Some(r) = t.get(&s[1..end]) {
            return Some((Repl::Str(r), end));
        }
    }
    None
}

/// The text a character reference stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Repl {
    /// One character.
    Char(char),
    /// A string from the entity table.
    Str(&'static str),
}

/// Appends the text of a source run (raw HTML text between tags) to `buf`, decoding character
/// references and collapsing whitespace unless `pre`. `src_off` is the offset of `raw` in the
/// decoded source. Pieces are appended to `pieces`.
pub(crate) fn push_text(
    raw: &str,
    src_off: usize,
    pre: bool,
    buf: &mut String,
    pieces: &mut Vec<Piece>,
) {
    let b = raw.as_bytes();
    let mut i = 0;
    let mut run = 0; // start of the current exact run
    let flush = |buf: &mut String, pieces: &mut Vec<Piece>, from: usize, to: usize| {
        if to > from {
            let t = buf.len();
            buf.push_str(&raw[from..to]);
            // Merge with a preceding adjacent exact piece.
            if let Some(last) = pieces.last_mut()
                && last.exact
                && last.t + last.t_len == t
                && last.s + last.s_len == src_off + from
            {
                last.t_len += to - from;
                last.s_len += to - from;
                return;
            }
            pieces.push(Piece {
                t,
                t_len: to - from,
                s: src_off + from,
                s_len: to - from,
                exact: true,
            });
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'&' {
            if let Some((r, len)) = parse_ref(&b[i..]) {
                flush(buf, pieces, run, i);
                let t = buf.len();
                match r {
                    Repl::Char(ch) => buf.push(if !pre && ch == '\u{a0}' { ' ' } else { ch }),
                    Repl::Str(s) => buf.push_str(if !pre && s == "\u{a0}" { " " } else { s }),
                }
                pieces.push(Piece {
                    t,
                    t_len: buf.len() - t,
                    s: src_off + i,
                    s_len: len,
                    exact: false,
                });
                i += len;
                run = i;
                continue;
            }
            i += 1;
            continue;
        }
        let nbsp = c == 0xC2 && b.get(i + 1) == Some(&0xA0);
        if !pre && (nbsp || matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')) {
            let mut j = i;
            loop {
                match b.get(j) {
                    Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') => j += 1,
                    Some(0xC2) if b.get(j + 1) == Some(&0xA0) => j += 2,
                    _ => break,
                }
            }
            if c == b' ' && j == i + 1 {
                i = j;
                continue; // a single space is copied as it is
            }
            flush(buf, pieces, run, i);
            let t = buf.len();
            buf.push(' ');
            pieces.push(Piece {
                t,
                t_len: 1,
                s: src_off + i,
                s_len: j - i,
                exact: false,
            });
            i = j;
            run = i;
            continue;
        }
        if c == b'\r' && pre {
            // CRLF in pre: keep as is (exact)
        }
        i += 1;
    }
    flush(buf, pieces, run, b.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> (String, Vec<Piece>) {
        let mut buf = String::new();
        let mut p = Vec::new();
        push_text(s, 0, false, &mut buf, &mut p);
        (buf, p)
    }

    #[test]
    fn entities_decoded() {
        assert_eq!(dec("ylity&ouml;it&auml;").0, "ylityöitä");
        assert_eq!(dec("a&amp;b &lt;&gt; &#228;&#xE4; &euro;").0, "a&b <> ää €");
        assert_eq!(dec("R&amp;D &xyzzy; AT&T").0, "R&D &xyzzy; AT&T");
        // In text a legacy name without `;` matches as a prefix, as in browsers.
        assert_eq!(dec("&notit;").0, "\u{ac}it;");
        assert_eq!(dec("caf&eacute").0, "café");
        assert_eq!(dec("&#150;").0, "\u{2013}");
    }

    #[test]
    fn whitespace_collapsed_and_mapped() {
        let src = "  hyvä\n\t p&auml;iv&auml;  ";
        let (t, p) = dec(src);
        assert_eq!(t, " hyvä päivä ");
        for pc in &p {
            if pc.exact {
                assert_eq!(&t[pc.t..pc.t + pc.t_len], &src[pc.s..pc.s + pc.s_len]);
            }
        }
        let covered: usize = p.iter().map(|pc| pc.t_len).sum();
        assert_eq!(covered, t.len());
    }
}
