//! General signals of page structure, whatever the platform: dates, author lines (a name
//! and a date, spaced or glued; a byline), numbered and bulleted comment markers, and
//! names alone on a line. Site profiles add platform rules on top of these.

use super::date::{self, FoundDate};
use regex::Regex;
use std::sync::LazyLock;

/// Lines longer than this (bytes) are never author, date or marker lines.
pub const MAX_SIGNAL_LINE: usize = 120;

/// A byte range of a line (a name in it).
pub type Span = (usize, usize);

/// Where `sub`, a slice of `line`, lies in it.
fn span_in(line: &str, sub: &str) -> Span {
    let a = sub.as_ptr() as usize - line.as_ptr() as usize;
    (a, a + sub.len())
}

/// `s` without a verb after the name: `X sanoi...` → `X`.
fn strip_said(s: &str) -> &str {
    SAID.find(s).map_or(s, |m| &s[..m.start()])
}

/// What a short line says about the page's structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Only a date (maybe with a weekday, a time, or a label such as `Lähetetty:`).
    Date(String),
    /// A name and a date: `Anonyymi13. toukokuuta 2024 klo 22.10`,
    /// `Viesti Kirjoittaja X » ti 14.5.2024 7.40`, `Julkaistu 12.3.2024 kirjoittaja X`.
    AuthorDate(Span, String),
    /// A byline without a date: `Lähettänyt X klo 21.48`, `Geplaatst door: X`.
    Byline(Span),
    /// A comment number alone: `1.`, `#12`.
    Number(u32),
    /// A bulleted line: `• title`.
    Bullet,
    /// Nothing of the above.
    None,
}

/// Words that label a date (`Lähetetty: 3.10.2023`) or name a weekday before it.
const DATE_LABELS: &[&str] = &[
    "lähetetty",
    "kirjoitettu",
    "julkaistu",
    "päivitetty",
    "päivämäärä",
    "geplaatst",
    "gepubliceerd",
    "datum",
    "posted",
    "published",
    "date",
    "op",
    "on",
    "klo",
    "om",
    "at",
    "ma",
    "ti",
    "ke",
    "to",
    "pe",
    "la",
    "su",
    "maanantai",
    "tiistai",
    "keskiviikko",
    "torstai",
    "perjantai",
    "lauantai",
    "sunnuntai",
    "maanantaina",
    "tiistaina",
    "keskiviikkona",
    "torstaina",
    "perjantaina",
    "lauantaina",
    "sunnuntaina",
    "di",
    "wo",
    "do",
    "vr",
    "za",
    "zo",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A byline's opening words, then the name: `Lähettänyt X`, `Viesti Kirjoittaja X`,
/// `Geplaatst door: X`, `Posted by X`.
static BYLINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:viesti|post|bericht)\s+)?(?:lähettänyt|julkaissut|kirjoittanut|kirjoittaja|lähettäjä|posted by|written by|geplaatst door|bericht door|geschreven door)\s*:?\s+",
    )
    .expect("byline pattern")
});

/// A byline with the name after a date: `Posted on May 13, 2024 by X`,
/// `Julkaistu 12.3.2024 kirjoittaja X`.
static BYLINE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:posted|published|julkaistu|julkaissut|geplaatst|gepubliceerd)\b.*?\s(?:by|door|kirjoittaja|julkaisija)\s*:?\s+",
    )
    .expect("byline pattern")
});

/// Words that end a name in a byline or author line.
static NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\s+(?:klo|at|om|op|on|kello|@)\s|\s*[»›|,("]|\s+[-–]\s"#).expect("name end")
});

/// A verb after a name heading a comment: `X sanoi...`, `X says:`, `X schreef:`.
static SAID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:sanoi|sanoo|kirjoitti|kirjotti|zei|zegt|schreef|said|says|wrote)(?:\.\.\.|…|:)?$")
        .expect("said pattern")
});

/// What `line` (trimmed) signals.
pub fn classify(line: &str) -> Signal {
    if line.is_empty() || line.len() > MAX_SIGNAL_LINE {
        return Signal::None;
    }
    if let Some(n) = number(line) {
        return Signal::Number(n);
    }
    if is_bullet(line) {
        return Signal::Bullet;
    }
    let found = date::find(line);
    if let Some(name) = byline(line, found.as_ref()) {
        return match found {
            Some(d) => Signal::AuthorDate(span_in(line, name), d.iso),
            None => Signal::Byline(span_in(line, name)),
        };
    }
    let Some(d) = found else {
        return Signal::None;
    };
    // little may follow the date: `#3`, `| Vastaa`, a reply link
    let after = line[d.end..].trim();
    if after.split_whitespace().count() > 3 || after.ends_with(['.', '!', '?']) {
        return Signal::None;
    }
    let raw_before = line[..d.start].trim_end();
    let before =
        raw_before.trim_end_matches(|c: char| "-–|,·:»›@\"".contains(c) || c.is_whitespace());
    if before
        .split(|c: char| c.is_whitespace() || c == ':' || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| DATE_LABELS.contains(&w.to_lowercase().as_str()))
    {
        return Signal::Date(d.iso);
    }
    if raw_before.ends_with(':') && !SAID.is_match(raw_before) {
        // `Liittynyt: 2.1.2019`: a label, not a name
        return Signal::None;
    }
    // a name before the date, maybe with a weekday between: `X » ti 14.5.2024`
    let mut name = before;
    if let Some((head, last)) = name.rsplit_once(' ')
        && DATE_LABELS.contains(&last.to_lowercase().as_str())
    {
        name = head.trim_end_matches(|c: char| "-–|,·:»›@\"".contains(c) || c.is_whitespace());
    }
    match clean_name(strip_said(name)) {
        Some(n) => Signal::AuthorDate(span_in(line, n), d.iso),
        None => Signal::None,
    }
}

/// The name in a byline line, if it is one.
fn byline<'a>(line: &'a str, found: Option<&FoundDate>) -> Option<&'a str> {
    // a sentence, not a byline: `Door aan de matten eieren ... toe te voegen.`
    if line.ends_with(['.', '!', '?']) {
        return None;
    }
    let m = BYLINE_START
        .find(line)
        .or_else(|| BYLINE_AFTER.find(line))?;
    let mut rest = &line[m.end()..];
    if let Some(d) = found
        && d.start >= m.end()
    {
        rest = &line[m.end()..d.start];
    }
    if let Some(e) = NAME_END.find(rest) {
        rest = &rest[..e.start()];
    }
    clean_name(rest)
}

/// The author named at the start of a comment's heading line: `X sanoi...`, `X says:`,
/// a byline, a name and a date, or a name alone.
pub fn author_in(line: &str) -> Option<Span> {
    match classify(line) {
        Signal::AuthorDate(a, _) | Signal::Byline(a) => Some(a),
        Signal::None if line.len() <= MAX_SIGNAL_LINE => {
            let stripped = strip_said(line);
            if stripped.len() < line.len() {
                clean_name(stripped).map(|n| span_in(line, n))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `s` as an author's name: one to four words, at most 40 characters, not ending a
/// sentence (an initial such as `R.` may end it).
pub fn clean_name(s: &str) -> Option<&str> {
    let s = s
        .trim()
        .trim_matches(|c: char| "-–|,·:»›@\"".contains(c) || c.is_whitespace());
    if s.is_empty() || s.chars().count() > 40 || !s.chars().any(char::is_alphabetic) {
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 4 {
        return None;
    }
    if s.ends_with(['!', '?', ':', ';', ',', '"', '”']) {
        return None;
    }
    if s.ends_with('.') {
        // only an initial: `Pirkko R.`
        let last = words.last()?;
        if last.chars().count() != 2 || !last.starts_with(char::is_alphabetic) {
            return None;
        }
    }
    if s.contains(['.', '!', '?']) && !s.ends_with('.') && words.len() > 1 {
        return None;
    }
    Some(s)
}

/// Whether `line` could be a name alone on its line (the line above a date in
/// `Sanne_86` / `13 mei 2024 om 21:45`): one to three words, no sentence punctuation.
pub fn name_line(line: &str) -> bool {
    line.len() <= 40
        && line.split_whitespace().count() <= 3
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && !line.starts_with(['•', '·', '>', '#', '-', '*'])
        && date::find(line).is_none()
        && clean_name(line).is_some()
}

/// A member's statistics under a forum post: `Viestit: 312`, `Liittynyt: 2.1.2019`,
/// `Berichten: 40`, `Lid sinds: ...`, `Posts: 12`, `Joined: ...`.
pub fn stat_line(line: &str) -> bool {
    let Some((label, value)) = line.split_once(':') else {
        return false;
    };
    !value.trim().is_empty()
        && matches!(
            label.trim().to_lowercase().as_str(),
            "viestit"
                | "viestejä"
                | "liittynyt"
                | "rekisteröitynyt"
                | "berichten"
                | "lid sinds"
                | "geregistreerd"
                | "posts"
                | "joined"
                | "registered"
        )
}

/// `1.`, `12.`, `#3` alone on a line.
fn number(line: &str) -> Option<u32> {
    let digits = line.strip_suffix('.').or_else(|| line.strip_prefix('#'))?;
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `• text`, `· text`, `▪ text`.
fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('•' | '·' | '▪' | '◦' | '‣'))
        && chars.next().is_some_and(char::is_whitespace)
        && chars.any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signal with names as text: `(kind, name, date)`.
    fn sig(line: &str) -> (&'static str, String, String) {
        let name = |(a, b): Span| line[a..b].to_string();
        match classify(line) {
            Signal::AuthorDate(a, d) => ("author+date", name(a), d),
            Signal::Byline(a) => ("byline", name(a), String::new()),
            Signal::Date(d) => ("date", String::new(), d),
            Signal::Number(n) => ("number", n.to_string(), String::new()),
            Signal::Bullet => ("bullet", String::new(), String::new()),
            Signal::None => ("none", String::new(), String::new()),
        }
    }

    fn ad(a: &str, d: &str) -> (&'static str, String, String) {
        ("author+date", a.into(), d.into())
    }

    #[test]
    fn author_and_date_lines() {
        assert_eq!(
            sig("Anonyymi13. toukokuuta 2024 klo 22.10"),
            ad("Anonyymi", "2024-05-13T22:10")
        );
        assert_eq!(
            sig("Pirkko R.15. toukokuuta 2024 klo 7.12"),
            ad("Pirkko R.", "2024-05-15T07:12")
        );
        assert_eq!(
            sig("Viesti Kirjoittaja Yökyöpeli » ti 14.5.2024 7.40"),
            ad("Yökyöpeli", "2024-05-14T07:40")
        );
        assert_eq!(
            sig("Julkaistu 12.3.2024 kirjoittaja Kahvila-Kaisa"),
            ad("Kahvila-Kaisa", "2024-03-12")
        );
        assert_eq!(
            sig("Posted on May 13, 2024 by nightnurse"),
            ad("nightnurse", "2024-05-13")
        );
        assert_eq!(
            sig("Bericht door Jan » di 5 mrt 2024 22:20"),
            ad("Jan", "2024-03-05T22:20")
        );
        assert_eq!(
            sig("Lähettänyt Kassaneiti klo 21.48"),
            ("byline", "Kassaneiti".into(), String::new())
        );
        assert_eq!(
            sig("Geplaatst door: Drukke_Daan"),
            ("byline", "Drukke_Daan".into(), String::new())
        );
    }

    #[test]
    fn dates_alone_numbers_bullets_and_prose() {
        assert_eq!(
            classify("tiistai 14. toukokuuta 2024"),
            Signal::Date("2024-05-14".into())
        );
        assert_eq!(
            classify("Lähetetty: 3.10.2023 19:30"),
            Signal::Date("2023-10-03T19:30".into())
        );
        assert_eq!(
            classify("May 13, 2024 at 11:20 pm"),
            Signal::Date("2024-05-13T23:20".into())
        );
        assert_eq!(
            classify("14-05-2024 08:02"),
            Signal::Date("2024-05-14T08:02".into())
        );
        assert_eq!(classify("12."), Signal::Number(12));
        assert_eq!(classify("• Samaa täällä"), Signal::Bullet);
        assert_eq!(
            classify("Kävin siellä 13.5.2024 ja se oli kiva."),
            Signal::None
        );
        assert_eq!(
            classify("Liittynyt: 2.1.2019"),
            Signal::None,
            "a label that is no name"
        );
        assert_eq!(classify("I was hurt by them"), Signal::None);
        assert_eq!(
            classify("Door aan de matten eieren toe te voegen bekomt men de vulling."),
            Signal::None
        );
        assert_eq!(
            classify("Kirjoittaja on sitä mieltä, että näin on."),
            Signal::None
        );
        assert_eq!(
            author_in("Eläkkeellä_oleva_myyjä sanoi..."),
            Some((0, "Eläkkeellä_oleva_myyjä".len()))
        );
        assert_eq!(author_in("Sam says:"), Some((0, 3)));
        assert_eq!(
            sig("yökyöpeli \" ti 14.5.2024 7.40").1,
            "yökyöpeli",
            "» as normalised"
        );
        assert!(name_line("Sanne_86"));
        assert!(!name_line("Ei se aina onnistu."));
    }
}
