//! Tokenisation of normalised text into words, numbers, clock times, URLs and e-mail
//! addresses, with sentence numbers.
//!
//! Words come from Unicode word boundaries (UAX #29; lines of ASCII and Latin text are split
//! by a fast path that gives the same pieces as `unicode-segmentation`, other lines by that
//! crate), then:
//! * hyphenated compounds stay whole (`virka-aika`, `e-mail`, `b-to-b`); a word written
//!   ` -markkinointi` after a space is the head of an open compound (`b to b -markkinointi`)
//!   and is flagged [`Token::OPEN_COMPOUND_HEAD`];
//! * `18.30`, `21:00` and the number after `klo`/`kello`/`om` are clock times;
//! * URLs and e-mail addresses are single tokens.
//!
//! A sentence ends at `.`, `!`, `?` (not after a known abbreviation or a single letter) and at
//! every line break: scraped pages put titles, posts and page furniture on lines of their own.

use crate::offsets::OffsetMap;
use regex::Regex;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word (letters, possibly with digits, hyphens and apostrophes inside).
    Word,
    /// A number.
    Number,
    /// A clock time (`18.30`, `21:00`, the `21` of `klo 21`).
    Time,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
}

/// One token: a span of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset after the last byte.
    pub end: u32,
    /// What kind of token this is.
    pub kind: TokenKind,
    /// Zero-based sentence number within the text.
    pub sentence: u32,
    /// Bit flags ([`Token::OPEN_COMPOUND_HEAD`], [`Token::NAME`]).
    pub flags: u8,
}

impl Token {
    /// The token is the head of an open compound written with a space before the hyphen
    /// (`b to b -markkinointi`); the hyphen is not part of the token.
    pub const OPEN_COMPOUND_HEAD: u8 = 1;

    /// The word is capitalised in the original text (not all in capitals) and does not
    /// start its sentence: a name (`Vandersteen`, `Duitsland`), set by [`mark_names`].
    pub const NAME: u8 = 2;

    /// The token's text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

/// Tokens of one text.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// How many sentences contain at least one token.
    pub sentences: u32,
}

/// Abbreviations whose full stop does not end a sentence (normalised, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "esim", "mm", "ym", "jne", "yms", "ns", "eli", "klo", "n", "s", "ks", "vrt", "tms", "tmv",
    "yo", "ao", "em", "os", "puh", "p", "nro", "no", "kpl", "t", "dr", "mr", "mrs", "bijv", "bv",
    "dhr", "mevr", "mw", "ca", "enz", "etc", "o.a", "d.w.z", "m.a.w", "zgn", "vs", "jl", "ma",
    "di", "wo", "do", "vr", "za", "zo", "ti", "ke", "to", "pe", "la", "su",
];

static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<url>(?:https?://|www\.)[^\s<>\x22()\[\]{}]*[^\s<>\x22()\[\]{}.,;:!?'])
        |(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})",
    )
    .expect("URL regex is valid")
});

/// Tokenises normalised `text` into `out`, reusing its buffer.
pub fn tokenise_into(text: &str, out: &mut Tokens) {
    out.tokens.clear();
    let mut state = State::default();
    let has_special = memchr::memmem::find(text.as_bytes(), b"://").is_some()
        || memchr::memmem::find(text.as_bytes(), b"www.").is_some()
        || memchr::memchr(b'@', text.as_bytes()).is_some();
    if has_special {
        let mut pos = 0;
        for caps in URL_OR_EMAIL.captures_iter(text) {
            let m = caps.get(0).expect("group 0 always matches");
            segment(text, pos, m.start(), &mut state, out);
            let kind = if caps.name("url").is_some() {
                TokenKind::Url
            } else {
                TokenKind::Email
            };
            state.push(out, m.start(), m.end(), kind, 0);
            pos = m.end();
        }
        segment(text, pos, text.len(), &mut state, out);
    } else {
        segment(text, 0, text.len(), &mut state, out);
    }
    out.sentences = state.sentences_with_tokens;
}

/// Reads what only the original's case tells about `tokens` (of a text normalised from
/// `original`, `map` leading back to it):
/// - hard-wrapped lines: a line break that ends a sentence is taken back where the line is
///   wrapped prose: only white space lies between the two words (the line ends in no
///   punctuation), the line is at least [`WRAP_MIN_LINE`] bytes long (titles, links and
///   list lines are short), and the next line goes on in lower case. The sentences after
///   it are renumbered;
/// - names: words capitalised there that are not the first of a sentence get
///   [`Token::NAME`].
pub fn mark_names(tokens: &mut Tokens, original: &str, map: &OffsetMap) {
    let mut sentence = u32::MAX;
    let mut joined = 0u32;
    let mut prev_end = None;
    for t in &mut tokens.tokens {
        let mut first = t.sentence != sentence;
        sentence = t.sentence;
        if first
            && let Some(end) = prev_end
            && wrapped(original, map.map(end as usize), map.map(t.start as usize))
        {
            joined += 1;
            first = false;
        }
        t.sentence -= joined;
        prev_end = Some(t.end);
        if first || t.kind != TokenKind::Word {
            continue;
        }
        let (start, end) = (map.map(t.start as usize), map.map(t.end as usize));
        let Some(word) = original.get(start..end) else {
            continue;
        };
        // the part after the last hyphen decides: `EU-burgers` is a compound of a common
        // noun, `Zuid-Amerikaanse` a name
        // (a plain backward loop: words are short, too short for `memrchr` to pay off)
        let part = word
            .bytes()
            .rposition(|b| b == b'-')
            .map_or(word, |i| &word[i + 1..]);
        // most words start with an ASCII lowercase letter: no name, no Unicode tables
        if part
            .as_bytes()
            .first()
            .is_none_or(|b| !b.is_ascii_uppercase() && b.is_ascii())
        {
            continue;
        }
        let mut chars = part.chars();
        if chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase) {
            t.flags |= Token::NAME;
        }
    }
    tokens.sentences -= joined;
}

/// A line shorter than this (bytes) ends its sentence at its line break: titles, links and
/// list lines are short; hard-wrapped prose fills its lines.
pub const WRAP_MIN_LINE: usize = 30;

/// Whether the sentence break between a word ending at `end` and one starting at `start`
/// (offsets of `original`) is a hard wrap: one line break and white space between them, a
/// long enough line before it, a lower-case word after it.
fn wrapped(original: &str, end: usize, start: usize) -> bool {
    let Some(gap) = original.get(end..start) else {
        return false;
    };
    // one pass: white space only, one line break (most sentence breaks fail at the first
    // byte, a full stop)
    let mut breaks = 0;
    for &b in gap.as_bytes() {
        if b == b'\n' {
            breaks += 1;
        } else if !b.is_ascii_whitespace() {
            return false;
        }
    }
    // the line before is at least WRAP_MIN_LINE bytes long: no line break among its last
    // WRAP_MIN_LINE bytes
    if breaks != 1
        || end < WRAP_MIN_LINE
        || memchr::memchr(b'\n', &original.as_bytes()[end - WRAP_MIN_LINE..end]).is_some()
    {
        return false;
    }
    original[start..]
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Tokenises normalised `text`.
pub fn tokenise(text: &str) -> Tokens {
    let mut out = Tokens::default();
    tokenise_into(text, &mut out);
    out
}

#[derive(Debug, Clone, Copy, Default)]
struct State {
    sentence: u32,
    sentence_has_tokens: bool,
    sentences_with_tokens: u32,
}

impl State {
    fn push(&mut self, out: &mut Tokens, start: usize, end: usize, kind: TokenKind, flags: u8) {
        if !self.sentence_has_tokens {
            self.sentence_has_tokens = true;
            self.sentences_with_tokens += 1;
        }
        out.tokens.push(Token {
            start: start as u32,
            end: end as u32,
            kind,
            sentence: self.sentence,
            flags,
        });
    }

    fn end_sentence(&mut self) {
        if self.sentence_has_tokens {
            self.sentence += 1;
            self.sentence_has_tokens = false;
        }
    }
}

fn is_word_piece(piece: &str) -> bool {
    piece.chars().next().is_some_and(char::is_alphanumeric)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_time(s: &str) -> bool {
    let Some((h, m)) = s.split_once(['.', ':']) else {
        return false;
    };
    h.len() <= 2
        && m.len() == 2
        && h.bytes().all(|b| b.is_ascii_digit())
        && m.bytes().all(|b| b.is_ascii_digit())
        && h.parse::<u32>().is_ok_and(|h| h < 24)
        && m.parse::<u32>().is_ok_and(|m| m < 60)
}

fn number_kind(s: &str, prev_word: Option<&str>) -> Option<TokenKind> {
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b':')
    {
        return None;
    }
    if is_time(s) {
        return Some(TokenKind::Time);
    }
    let clock_word = matches!(prev_word, Some("klo" | "kello" | "om"));
    let hour = s.len() <= 2 && s.parse::<u32>().is_ok_and(|h| h < 24);
    Some(if clock_word && hour {
        TokenKind::Time
    } else {
        TokenKind::Number
    })
}

/// Ends the pending word: pushes it as a word, number or clock time.
#[inline(always)]
fn flush(
    text: &str,
    pending: &mut Option<(usize, usize, u8)>,
    state: &mut State,
    out: &mut Tokens,
    prev_word: &mut Option<(usize, usize)>,
) {
    if let Some((s, e, flags)) = pending.take() {
        // only a token of digits and `.,:` is a number or a time: most start with a letter
        let kind = if matches!(text.as_bytes()[s], b'0'..=b'9' | b'.' | b',' | b':') {
            let prev = prev_word.map(|(ps, pe)| &text[ps..pe]);
            number_kind(&text[s..e], prev).unwrap_or(TokenKind::Word)
        } else {
            TokenKind::Word
        };
        state.push(out, s, e, kind, flags);
        *prev_word = Some((s, e));
    }
}

/// Where a word starting at `start` really starts, and its flags: Dutch clitics keep their
/// apostrophe (`'s avonds`, `'t`, `'n`), and a word after ` -` is an open compound's head.
fn word_start(text: &str, start: usize, piece: &str) -> (usize, u8) {
    let start = if matches!(piece, "s" | "t" | "n" | "k")
        && text[..start].ends_with('\'')
        && text[..start - 1]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
    {
        start - 1
    } else {
        start
    };
    let open_head = text.as_bytes()[..start].ends_with(b"-")
        && text[..start - 1].ends_with(char::is_whitespace);
    let flags = if open_head {
        Token::OPEN_COMPOUND_HEAD
    } else {
        0
    };
    (start, flags)
}

/// True when a `.` after `word` does not end the sentence: a single letter or a known
/// abbreviation.
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() && chars.next().is_none())
        || ABBREVIATIONS.contains(&word)
}

/// Tokenises `text[from..to]` (a stretch without URLs or e-mail addresses) a line at a
/// time: UAX #29 breaks before and after every line feed, and no token spans one.
fn segment(text: &str, from: usize, to: usize, state: &mut State, out: &mut Tokens) {
    let mut prev_word = None;
    let mut pos = from;
    while pos < to {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[pos..to]).map_or(to, |i| pos + i + 1);
        if !fast_line(text, pos, line_end, state, out, &mut prev_word) {
            let pieces = text[pos..line_end].split_word_bound_indices();
            segment_pieces(text, pos, pieces, state, out, &mut prev_word);
        }
        pos = line_end;
    }
}

/// [`segment`] over `pieces`, the word-boundary pieces of the stretch starting at `from`.
fn segment_pieces<'t>(
    text: &'t str,
    from: usize,
    pieces: impl Iterator<Item = (usize, &'t str)>,
    state: &mut State,
    out: &mut Tokens,
    prev_word: &mut Option<(usize, usize)>,
) {
    let mut pieces = pieces.peekable();
    // A word that may still grow by `-word`: (start, end, flags).
    let mut pending: Option<(usize, usize, u8)> = None;

    while let Some((off, piece)) = pieces.next() {
        let start = from + off;
        let end = start + piece.len();
        if is_word_piece(piece) {
            match pending {
                // "virka" "-" "aika": the hyphen piece already extended `pending`
                Some((s, e, flags)) if matches!(text.get(e..start), Some("-" | ":")) => {
                    pending = Some((s, end, flags));
                }
                _ => {
                    flush(text, &mut pending, state, out, prev_word);
                    let (start, flags) = word_start(text, start, piece);
                    pending = Some((start, end, flags));
                }
            }
            continue;
        }
        if piece == "-" || piece == ":" {
            if let Some((s, e, _)) = pending {
                // `virka-aika`, and `21:00` (UAX #29 splits at the colon)
                let joins = |p: &str| match piece {
                    "-" => is_word_piece(p),
                    _ => is_digits(&text[s..e]) && is_digits(p),
                };
                let next_joins = pieces.peek().is_some_and(|(_, p)| joins(p));
                if e == start && next_joins {
                    // keep `pending` open: the next word joins it
                    continue;
                }
            }
            flush(text, &mut pending, state, out, prev_word);
            continue;
        }
        // Whitespace or punctuation ends any pending word.
        let ended_word = pending.map(|(s, e, _)| &text[s..e]);
        flush(text, &mut pending, state, out, prev_word);
        if piece.contains('\n') {
            state.end_sentence();
        } else if matches!(piece, "." | "!" | "?" | "...") || piece.starts_with(['!', '?']) {
            let abbreviation = piece == "." && ended_word.is_some_and(is_abbreviation);
            if !abbreviation {
                state.end_sentence();
            }
        }
    }
    flush(text, &mut pending, state, out, prev_word);
}

/// [`segment_pieces`] for the line `text[from..to]` when every character of it has a
/// fast-path class: the same tokens, found byte by byte without piece strings. Returns
/// false, with `state`, `out` and `prev_word` as they were, when the line holds a
/// character the fast path leaves to `unicode-segmentation`.
fn fast_line(
    text: &str,
    from: usize,
    to: usize,
    state: &mut State,
    out: &mut Tokens,
    prev_word: &mut Option<(usize, usize)>,
) -> bool {
    let s = text.as_bytes();
    let saved = (out.tokens.len(), *state, *prev_word);
    let mut pending: Option<(usize, usize, u8)> = None;
    let mut i = from;
    while i < to {
        let (wb, len) = wb_at(s, i);
        match wb {
            Wb::Letter | Wb::Numeric => {
                let end = fast_piece_end(s, i, to);
                match pending {
                    // "virka" "-" "aika": the hyphen kept `pending` open
                    Some((ps, pe, flags)) if pe + 1 == i && matches!(s[pe], b'-' | b':') => {
                        pending = Some((ps, end, flags));
                    }
                    _ => {
                        flush(text, &mut pending, state, out, prev_word);
                        let (start, flags) = word_start(text, i, &text[i..end]);
                        pending = Some((start, end, flags));
                    }
                }
                i = end;
            }
            Wb::Space | Wb::ExtendNumLet => {
                flush(text, &mut pending, state, out, prev_word);
                i = fast_piece_end(s, i, to);
            }
            Wb::Lf => {
                flush(text, &mut pending, state, out, prev_word);
                state.end_sentence();
                i += 1;
            }
            Wb::MidLetter | Wb::MidNumLet | Wb::MidNum | Wb::Other => {
                // an ASCII character that stands alone
                let c = s[i];
                if let (b'-' | b':', Some((ps, pe, _))) = (c, pending) {
                    let next = i + 1;
                    let joins = next < to
                        && match (c, wb_at(s, next).0) {
                            (b'-', Wb::Letter | Wb::Numeric) => true,
                            (b':', Wb::Numeric) => {
                                is_digits(&text[ps..pe])
                                    && is_digits(&text[next..fast_piece_end(s, next, to)])
                            }
                            _ => false,
                        };
                    if pe == i && joins {
                        i += 1;
                        continue;
                    }
                }
                let ended = pending.map(|(ps, pe, _)| (ps, pe));
                flush(text, &mut pending, state, out, prev_word);
                let ends_sentence = match c {
                    b'!' | b'?' => true,
                    b'.' => ended.is_none_or(|(ps, pe)| !is_abbreviation(&text[ps..pe])),
                    _ => false,
                };
                if ends_sentence {
                    state.end_sentence();
                }
                i += len;
            }
            Wb::Slow => {
                out.tokens.truncate(saved.0);
                (*state, *prev_word) = (saved.1, saved.2);
                return false;
            }
        }
    }
    flush(text, &mut pending, state, out, prev_word);
    true
}

/// Word-boundary class of a character on the fast path (UAX #29 `Word_Break` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    /// ALetter: ASCII letters and the Latin-1 and Latin Extended-A letters.
    Letter,
    /// Numeric: ASCII digits.
    Numeric,
    /// MidLetter (`:`).
    MidLetter,
    /// MidNumLet and Single_Quote (`.`, `'`).
    MidNumLet,
    /// MidNum (`,`, `;`).
    MidNum,
    /// ExtendNumLet (`_`).
    ExtendNumLet,
    /// WSegSpace (` `).
    Space,
    /// LF.
    Lf,
    /// Any other character the fast path knows: ASCII punctuation, symbols and tab.
    Other,
    /// A character the fast path leaves to `unicode-segmentation`.
    Slow,
}

/// [`Wb`] of each ASCII byte.
static ASCII_WB: [Wb; 128] = {
    let mut t = [Wb::Slow; 128];
    let mut b = 0x21;
    while b < 0x7f {
        t[b] = Wb::Other;
        b += 1;
    }
    b = b'a' as usize;
    while b <= b'z' as usize {
        t[b] = Wb::Letter;
        t[b - 32] = Wb::Letter;
        b += 1;
    }
    b = b'0' as usize;
    while b <= b'9' as usize {
        t[b] = Wb::Numeric;
        b += 1;
    }
    t[b':' as usize] = Wb::MidLetter;
    t[b'.' as usize] = Wb::MidNumLet;
    t[b'\'' as usize] = Wb::MidNumLet;
    t[b',' as usize] = Wb::MidNum;
    t[b';' as usize] = Wb::MidNum;
    t[b'_' as usize] = Wb::ExtendNumLet;
    t[b' ' as usize] = Wb::Space;
    t[b'\t' as usize] = Wb::Other;
    t[b'\n' as usize] = Wb::Lf;
    t
};

/// Bytes of fast-path letters and digits: ASCII letters and digits, and the lead and
/// continuation bytes of U+0100..=U+017F. (The lead byte `C3` of U+00C0..=U+00FF is checked
/// apart: `C3 97` and `C3 B7` are × and ÷.)
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x80 && matches!(ASCII_WB[b], Wb::Letter | Wb::Numeric)
            || matches!(b, 0x80..=0xBF | 0xC4..=0xC5);
        b += 1;
    }
    t
};

/// The class of the character starting at byte `i` of `s`, and its length in bytes.
#[inline]
fn wb_at(s: &[u8], i: usize) -> (Wb, usize) {
    let b = s[i];
    if b < 0x80 {
        return (ASCII_WB[b as usize], 1);
    }
    // U+00C0..=U+017F except × (C3 97) and ÷ (C3 B7): letters, two bytes each.
    match (b, s.get(i + 1)) {
        (0xC3, Some(0x97 | 0xB7)) => (Wb::Slow, 1),
        (0xC3..=0xC5, Some(_)) => (Wb::Letter, 2),
        _ => (Wb::Slow, 1),
    }
}

/// The end of the UAX #29 word-boundary piece that starts at byte `pos` of a line whose
/// characters all have a fast-path class, the line ending at byte `end`: the pieces are the
/// same as `split_word_bound_indices` yields (a character the fast path does not know ends
/// the piece; the caller then leaves the line to `unicode-segmentation`).
#[inline(always)]
fn fast_piece_end(s: &[u8], pos: usize, end: usize) -> usize {
    let (first, len) = wb_at(s, pos);
    let mut i = pos + len;
    match first {
        // WB3d: spaces stay together.
        Wb::Space => {
            while i < end && s[i] == b' ' {
                i += 1;
            }
            i
        }
        Wb::Letter | Wb::Numeric | Wb::ExtendNumLet => {
            let mut prev = first;
            loop {
                // most of a word is a run of letters and digits: no rules to look at
                let run = s[i..end]
                    .iter()
                    .position(|&b| !ALNUM[b as usize])
                    .unwrap_or(end - i);
                i += run;
                if run > 0 {
                    prev = if s[i - 1].is_ascii_digit() {
                        Wb::Numeric
                    } else {
                        Wb::Letter
                    };
                }
                if i >= end {
                    break;
                }
                if s[i] == 0xC3 && !matches!(s[i + 1], 0x97 | 0xB7) {
                    // U+00C0..=U+00FF but × and ÷: a letter, which every class here joins
                    i += 2;
                    prev = Wb::Letter;
                    continue;
                }
                let (next, len) = wb_at(s, i);
                let joins = match (prev, next) {
                    // WB5, WB8, WB9, WB10, WB13a, WB13b
                    (Wb::Letter | Wb::Numeric, Wb::Letter | Wb::Numeric) => true,
                    (Wb::Letter | Wb::Numeric | Wb::ExtendNumLet, Wb::ExtendNumLet) => true,
                    (Wb::ExtendNumLet, Wb::Letter | Wb::Numeric) => true,
                    // WB6, WB7: letter (MidLetter | MidNumLetQ) letter
                    (Wb::Letter, Wb::MidLetter | Wb::MidNumLet) => {
                        i + len < end && wb_at(s, i + len).0 == Wb::Letter
                    }
                    // WB11, WB12: digit (MidNum | MidNumLetQ) digit
                    (Wb::Numeric, Wb::MidNum | Wb::MidNumLet) => {
                        i + len < end && wb_at(s, i + len).0 == Wb::Numeric
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                if matches!(next, Wb::MidLetter | Wb::MidNumLet | Wb::MidNum) {
                    // The middle character and the letter or digit after it.
                    let (after, after_len) = wb_at(s, i + len);
                    i += len + after_len;
                    prev = after;
                } else {
                    i += len;
                    prev = next;
                }
            }
            i
        }
        // WB3a, WB3b, WB999: a line feed or any other character stands alone.
        _ => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True when every character of `line` has a fast-path class.
    fn is_fast(line: &[u8]) -> bool {
        let mut i = 0;
        while i < line.len() {
            let (wb, len) = wb_at(line, i);
            if wb == Wb::Slow {
                return false;
            }
            i += len;
        }
        true
    }

    /// The word-boundary pieces of a text with their byte offsets as the tokeniser's fast
    /// path sees them: a line on which every character has a fast-path class ([`is_fast`])
    /// split by [`fast_piece_end`], any other line by `unicode-segmentation`. They must be
    /// the pieces `split_word_bound_indices` (UAX #29) yields for the whole text.
    struct Pieces<'a> {
        text: &'a str,
        pos: usize,
        /// End of the current line (after its line feed) when it is on the fast path.
        line_end: usize,
        /// The current line's pieces from `unicode-segmentation`, with the line's offset.
        slow: Option<(usize, unicode_segmentation::UWordBoundIndices<'a>)>,
    }

    impl<'a> Pieces<'a> {
        fn new(text: &'a str) -> Pieces<'a> {
            Pieces {
                text,
                pos: 0,
                line_end: 0,
                slow: None,
            }
        }
    }

    impl<'a> Iterator for Pieces<'a> {
        type Item = (usize, &'a str);

        fn next(&mut self) -> Option<(usize, &'a str)> {
            loop {
                if let Some((base, slow)) = &mut self.slow {
                    if let Some((off, piece)) = slow.next() {
                        return Some((*base + off, piece));
                    }
                    self.slow = None;
                }
                if self.pos >= self.text.len() {
                    return None;
                }
                if self.pos >= self.line_end {
                    let rest = &self.text.as_bytes()[self.pos..];
                    let line_end =
                        memchr::memchr(b'\n', rest).map_or(self.text.len(), |i| self.pos + i + 1);
                    if !is_fast(&self.text.as_bytes()[self.pos..line_end]) {
                        let line = &self.text[self.pos..line_end];
                        self.slow = Some((self.pos, line.split_word_bound_indices()));
                        self.pos = line_end;
                        continue;
                    }
                    self.line_end = line_end;
                }
                let start = self.pos;
                let end = fast_piece_end(self.text.as_bytes(), start, self.line_end);
                self.pos = end;
                return Some((start, &self.text[start..end]));
            }
        }
    }

    fn words(text: &str) -> Vec<(&str, TokenKind)> {
        tokenise(text)
            .tokens
            .iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn words_and_hyphenated_compounds() {
        let w = words("virka-ajan ulkopuolella, e-mail ja b-to-b!");
        let texts: Vec<_> = w.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            texts,
            ["virka-ajan", "ulkopuolella", "e-mail", "ja", "b-to-b"]
        );
    }

    #[test]
    fn open_compound_head_is_flagged() {
        let text = "b to b -markkinointi on kivaa";
        let t = tokenise(text);
        let head = t
            .tokens
            .iter()
            .find(|t| t.text(text) == "markkinointi")
            .unwrap();
        assert_eq!(head.flags, Token::OPEN_COMPOUND_HEAD);
        assert_eq!(t.tokens.len(), 6);
    }

    #[test]
    fn clock_times_and_numbers() {
        let w = words("klo 21 alkaa, 18.30 tai 21:00 ja 2024 euroa, om 22 uur");
        assert!(w.contains(&("21", TokenKind::Time)));
        assert!(w.contains(&("18.30", TokenKind::Time)));
        assert!(w.contains(&("21:00", TokenKind::Time)));
        assert!(w.contains(&("2024", TokenKind::Number)));
        assert!(w.contains(&("22", TokenKind::Time)));
        assert!(w.contains(&("klo", TokenKind::Word)));
    }

    #[test]
    fn urls_and_emails_are_single_tokens() {
        let w = words("katso https://esimerkki.fi/ketju?id=5. tai mail asiakas@firma.fi nyt");
        assert!(w.contains(&("https://esimerkki.fi/ketju?id=5", TokenKind::Url)));
        assert!(w.contains(&("asiakas@firma.fi", TokenKind::Email)));
        assert!(w.contains(&("nyt", TokenKind::Word)));
    }

    #[test]
    fn sentences_end_at_stops_and_lines_not_abbreviations() {
        let t = tokenise("tavataan esim. klo 19. sitten kotiin!\nuusi rivi\n\n");
        assert_eq!(t.sentences, 3);
        assert_eq!(t.tokens[0].sentence, 0);
        assert_eq!(t.tokens.last().unwrap().sentence, 2);
    }

    #[test]
    fn dutch_apostrophes_stay_inside_words() {
        let w = words("twee auto's en zo'n gedoe tot 's avonds, 't is 'n gedoe");
        assert!(w.contains(&("auto's", TokenKind::Word)));
        assert!(w.contains(&("zo'n", TokenKind::Word)));
        assert!(w.contains(&("'s", TokenKind::Word)));
        assert!(w.contains(&("'t", TokenKind::Word)));
        assert!(w.contains(&("'n", TokenKind::Word)));
        assert_eq!(words("'quoted'")[0].0, "quoted");
    }

    /// The tokeniser as it was before the fast path: every stretch split by
    /// `unicode-segmentation` alone. The fast path must give the same tokens.
    fn tokenise_reference(text: &str) -> Tokens {
        let mut out = Tokens::default();
        let mut state = State::default();
        let mut pos = 0;
        let stretch = |from: usize, to: usize, state: &mut State, out: &mut Tokens| {
            let pieces = text[from..to].split_word_bound_indices();
            segment_pieces(text, from, pieces, state, out, &mut None);
        };
        if text.contains("://") || text.contains("www.") || text.contains('@') {
            for caps in URL_OR_EMAIL.captures_iter(text) {
                let m = caps.get(0).unwrap();
                stretch(pos, m.start(), &mut state, &mut out);
                let kind = if caps.name("url").is_some() {
                    TokenKind::Url
                } else {
                    TokenKind::Email
                };
                state.push(&mut out, m.start(), m.end(), kind, 0);
                pos = m.end();
            }
        }
        stretch(pos, text.len(), &mut state, &mut out);
        out.sentences = state.sentences_with_tokens;
        out
    }

    fn reference_pieces(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    fn fast_pieces(text: &str) -> Vec<(usize, &str)> {
        Pieces::new(text).collect()
    }

    #[test]
    fn fast_pieces_follow_uax29_for_every_latin_character_in_context() {
        // Every character below U+0250 (and some beyond), alone and between letters,
        // digits, spaces and the middle characters the rules look at.
        let contexts = [
            "a", "1", " ", "_", ".", ":", ",", "'", "\n", "ä", "a.", "1,", "ab", "12", "",
        ];
        let extra = [
            '\u{2019}', '\u{00B7}', '\u{0308}', '\u{200D}', 'π', '天', '😀',
        ];
        for c in (0u32..0x250).filter_map(char::from_u32).chain(extra) {
            for before in contexts {
                for after in contexts {
                    let text = format!("{before}{c}{after}");
                    assert_eq!(fast_pieces(&text), reference_pieces(&text), "{text:?}");
                    let text = format!("{before}{c}{c}{after}{c}");
                    assert_eq!(fast_pieces(&text), reference_pieces(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn fast_path_splits_words_numbers_and_punctuation() {
        let text = "virka-aika klo 18.30, auto's  ja a.b.c 12,5 x_y 1a!\nuusi";
        assert!(
            is_fast(text.as_bytes()),
            "the whole text takes the fast path"
        );
        assert!(!is_fast("a × b".as_bytes()) && !is_fast("天".as_bytes()));
        let pieces: Vec<&str> = fast_pieces(text).into_iter().map(|(_, p)| p).collect();
        assert_eq!(
            pieces,
            [
                "virka", "-", "aika", " ", "klo", " ", "18.30", ",", " ", "auto's", "  ", "ja",
                " ", "a.b.c", " ", "12,5", " ", "x_y", " ", "1a", "!", "\n", "uusi"
            ]
        );
    }

    #[test]
    fn tokens_equal_the_reference_on_the_corpus_samples() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus-samples");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue; // records/: JSON Lines samples
            }
            let bytes = std::fs::read(path).unwrap();
            let Ok(decoded) = crate::input::decode(&bytes) else {
                continue;
            };
            let text = crate::normalise::normalise(&decoded.text).text;
            assert_eq!(fast_pieces(&text), reference_pieces(&text));
            let (fast, reference) = (tokenise(&text), tokenise_reference(&text));
            assert_eq!(fast.tokens, reference.tokens);
            assert_eq!(fast.sentences, reference.sentences);
            checked += fast.tokens.len();
        }
        assert!(checked > 1000, "the samples have text: {checked} tokens");
    }

    proptest::proptest! {
        #[test]
        fn tokens_equal_the_reference_on_mixed_text(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "asiakas", "ylityö", "Äiti", "zo'n", "'s", "auto's", "e-mail", " -markkinointi",
                "klo", "21", "18.30", "21:00", "12,5", "1.2.3", "a.b", "x_y", "_", " ", "  ",
                "\t", "\n", "\r\n", ".", "...", "!", "?", ",", ";", ":", "'", "\"", "-", "(",
                ")", "é", "ß", "ø", "š", "×", "·", "π", "天", "😀", "\u{0308}", "\u{200D}",
                "www.x.fi", "a@b.fi", "%", "€", "\u{00A0}", "\u{000B}",
            ]), 0..40)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(fast_pieces(&text), reference_pieces(&text));
            let (fast, reference) = (tokenise(&text), tokenise_reference(&text));
            proptest::prop_assert_eq!(fast.tokens, reference.tokens);
            proptest::prop_assert_eq!(fast.sentences, reference.sentences);
        }
    }

    #[test]
    fn spans_lie_inside_the_text() {
        let text = "Äh – se on ääliö… 12,5 %";
        let t = tokenise(text);
        for tok in &t.tokens {
            assert!(text.is_char_boundary(tok.start as usize));
            assert!(text.is_char_boundary(tok.end as usize));
        }
    }

    /// Sentence number of each token of `original`, after [`mark_names`].
    fn sentences_of(original: &str) -> Vec<(String, u32)> {
        let norm = crate::normalise::normalise(original);
        let mut t = tokenise(&norm.text);
        mark_names(&mut t, original, &norm.map);
        let n = t.tokens.last().map_or(0, |k| k.sentence + 1);
        assert_eq!(t.sentences, n, "sentences counted");
        t.tokens
            .iter()
            .map(|k| (k.text(&norm.text).to_string(), k.sentence))
            .collect()
    }

    #[test]
    fn hard_wrapped_lines_continue_their_sentence_titles_and_short_lines_do_not() {
        let s = sentences_of(
            "Yövuorot\nMeiltä odotetaan, että olemme tavoitettavissa myös virka-ajan\nulkopuolella, vaikka siitä ei makseta.\nTämä on uusi lause.",
        );
        let of = |w: &str| s.iter().find(|(t, _)| t == w).unwrap().1;
        assert_eq!(of("yövuorot"), 0, "{s:?}");
        assert_eq!(of("meiltä"), 1);
        assert_eq!(of("ulkopuolella"), 1, "wrapped: same sentence");
        assert_eq!(of("tämä"), 2, "after a full stop and an upper-case line");
        // a short line (a title, a link) ends at its line break even before lower case
        let s = sentences_of("Werk en privé\nik hing een uur in de\nwacht.");
        assert_eq!(s[2].1, 0);
        assert_eq!(s[3].1, 1, "{s:?}");
        // a blank line ends the paragraph; an upper-case line starts a new sentence
        let long = "Ik hang al veertig minuten aan de telefoon in de";
        assert_eq!(sentences_of(&format!("{long}\nwacht")).last().unwrap().1, 0);
        assert_eq!(
            sentences_of(&format!("{long}\n\nwacht")).last().unwrap().1,
            1
        );
        assert_eq!(sentences_of(&format!("{long}\nWacht")).last().unwrap().1, 1);
        assert_eq!(
            sentences_of(&format!("{long},\n- wacht")).last().unwrap().1,
            1
        );
    }

    #[test]
    fn names_are_capitalised_words_inside_a_sentence() {
        let original =
            "Ik woon in Duitsland. Duitsland is groot, ZEER groot, zegt Vandersteen (EU-burger).";
        let norm = crate::normalise::normalise(original);
        let mut t = tokenise(&norm.text);
        mark_names(&mut t, original, &norm.map);
        let names: Vec<&str> = t
            .tokens
            .iter()
            .filter(|k| k.flags & Token::NAME != 0)
            .map(|k| k.text(&norm.text))
            .collect();
        // not the sentence-initial Duitsland, nor the shouted ZEER, nor a compound whose
        // last part is a common noun
        assert_eq!(names, ["duitsland", "vandersteen"]);
    }
}
