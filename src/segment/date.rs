//! Dates as pages write them, found in a line and normalised to ISO 8601.
//!
//! Finnish, Dutch and English forms are read, with an optional time after them:
//! `13. toukokuuta 2024 klo 22.10`, `13.5.2024 22:10`, `13 mei 2024 om 22:10`,
//! `13-05-2024 08:02`, `May 13, 2024 at 10:10 pm`, `13 May 2024`, `2024-05-13T22:10`,
//! `13/5/2024`. A date may be glued to the word before it (`Anonyymi13. toukokuuta 2024`),
//! as pages saved as text often print an author and a date. Numeric dates are read day
//! first, as Finnish and Dutch sites write them, unless only the other order is valid.

use regex::{Captures, Regex};
use std::sync::LazyLock;

const FI_MONTHS: &str = "tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu";
const NL_EN_MONTHS: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|\
    oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|\
    mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec";
const EN_MONTHS: &str = "january|february|march|april|may|june|july|august|september|\
    october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let time = r"(?:,? ?(?:klo|kello|om|at|um|-|T|t|\|)? ?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::\d{2})?(?: ?(?P<ap>am|pm|a\.m\.|p\.m\.))?)?";
    let pattern = format!(
        r"(?i)(?:(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})|(?P<nd>\d{{1,2}})(?P<s1>[./-])(?P<nm>\d{{1,2}})[./-](?P<ny>\d{{4}})|(?P<td>\d{{1,2}})\.? ?(?:(?P<fm>{FI_MONTHS})(?:kuuta|kuu)|(?P<tm>{NL_EN_MONTHS})\.?),? (?P<ty>\d{{4}})|(?P<em>{EN_MONTHS})\.? (?P<ed>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<ey>\d{{4}})){time}"
    );
    Regex::new(&pattern).expect("the date pattern compiles")
});

/// A date found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte offset of its start in the line.
    pub start: usize,
    /// Byte offset of its end (after the time, if any).
    pub end: usize,
    /// The date as `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` with a time.
    pub iso: String,
}

/// The first valid date in `line` that does not sit inside a longer number.
pub fn find(line: &str) -> Option<FoundDate> {
    // most lines hold no four-digit year: skip them cheaply
    if !has_year(line) {
        return None;
    }
    let bytes = line.as_bytes();
    for c in DATE.captures_iter(line) {
        let m = c.get(0)?;
        let (a, b) = (m.start(), m.end());
        if (a > 0 && bytes[a - 1].is_ascii_digit()) || bytes.get(b).is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        if let Some(iso) = iso_of(&c) {
            return Some(FoundDate {
                start: a,
                end: b,
                iso,
            });
        }
    }
    None
}

/// `value` as an ISO date (`YYYY-MM-DD` or with `THH:MM`), when it holds a date.
pub fn normalise(value: &str) -> Option<String> {
    find(value).map(|d| d.iso)
}

fn has_year(line: &str) -> bool {
    let mut run = 0;
    for b in line.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn iso_of(c: &Captures) -> Option<String> {
    let (year, month, day) = if let Some(y) = num(c, "iy") {
        (y, num(c, "im")?, num(c, "id")?)
    } else if let Some(y) = num(c, "ny") {
        let (d, m) = (num(c, "nd")?, num(c, "nm")?);
        // day first, unless only month first makes a date (5/13/2024)
        if m > 12 && d <= 12 && c.name("s1").is_some_and(|s| s.as_str() == "/") {
            (y, d, m)
        } else {
            (y, m, d)
        }
    } else if let Some(y) = num(c, "ty") {
        let m = match c.name("fm") {
            Some(f) => fi_month(f.as_str())?,
            None => month(c.name("tm")?.as_str())?,
        };
        (y, m, num(c, "td")?)
    } else {
        (num(c, "ey")?, month(c.name("em")?.as_str())?, num(c, "ed")?)
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let mut out = format!("{year:04}-{month:02}-{day:02}");
    if let (Some(mut h), Some(mi)) = (num(c, "h"), num(c, "mi")) {
        if let Some(ap) = c.name("ap") {
            let pm = ap.as_str().to_ascii_lowercase().starts_with('p');
            if h == 12 {
                h = 0;
            }
            if pm {
                h += 12;
            }
        }
        if h < 24 && mi < 60 {
            out.push_str(&format!("T{h:02}:{mi:02}"));
        }
    }
    Some(out)
}

fn fi_month(stem: &str) -> Option<u32> {
    let stem = stem.to_lowercase();
    FI_MONTHS
        .split('|')
        .position(|m| m == stem)
        .map(|i| i as u32 + 1)
}

fn month(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let m = match n.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "maa" | "mrt" | "mar" => 3,
        "apr" => 4,
        "mei" | "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "okt" | "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Days in `month` of `year`.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        normalise(s)
    }

    #[test]
    fn finnish_dutch_and_english_dates() {
        assert_eq!(iso("13. toukokuuta 2024").as_deref(), Some("2024-05-13"));
        assert_eq!(
            iso("13. toukokuuta 2024 klo 22.10").as_deref(),
            Some("2024-05-13T22:10")
        );
        assert_eq!(iso("1. joulukuu 2023").as_deref(), Some("2023-12-01"));
        assert_eq!(iso("13.5.2024 7.45").as_deref(), Some("2024-05-13T07:45"));
        assert_eq!(iso("13-05-2024").as_deref(), Some("2024-05-13"));
        assert_eq!(
            iso("13 mei 2024 om 21:45").as_deref(),
            Some("2024-05-13T21:45")
        );
        assert_eq!(
            iso("di 5 mrt 2024 22:20").as_deref(),
            Some("2024-03-05T22:20")
        );
        assert_eq!(
            iso("May 13, 2024 at 11:20 pm").as_deref(),
            Some("2024-05-13T23:20")
        );
        assert_eq!(
            iso("May 14, 2024 at 12:05 am").as_deref(),
            Some("2024-05-14T00:05")
        );
        assert_eq!(iso("13 May 2024").as_deref(), Some("2024-05-13"));
        assert_eq!(
            iso("2024-05-13T22:10:00+03:00").as_deref(),
            Some("2024-05-13T22:10")
        );
        assert_eq!(iso("13/5/2024").as_deref(), Some("2024-05-13"));
        assert_eq!(iso("5/13/2024").as_deref(), Some("2024-05-13"));
    }

    #[test]
    fn glued_to_a_name_and_bounded_by_digits() {
        let d = find("Anonyymi13. toukokuuta 2024 klo 22.10").unwrap();
        assert_eq!((d.start, d.iso.as_str()), (8, "2024-05-13T22:10"));
        assert_eq!(find("tilaus 1234.5.20245"), None);
        assert_eq!(iso("31.2.2024"), None);
        assert_eq!(iso("eilen klo 12"), None);
        assert_eq!(iso("maksoi 2024 euroa"), None);
    }
}
