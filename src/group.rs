//! `--group-by`: which group a document counts in, for the per-group summaries.
//!
//! A spec is a record field's name (`author`), optionally with a date part of an
//! ISO-8601-like timestamp (`timestamp:month`, `:year`, `:day`), or the built-in `lang`
//! (the detected language; works for plain text too). `url:host` groups by the host of a
//! URL field (lowercased, without user, port or a leading `www.`). `fields.NAME` names a record field
//! even when NAME is a built-in (`fields.lang`).
//!
//! With `--unit segment`, `author` and `date` (and their date parts) take each post's and
//! comment's own author and date where the page gives them (a saved HTML page's markup, a
//! text dump's author lines), and the document's record field otherwise; the summary's
//! groups then count segments. Segment dates are normalised first (`13. toukokuuta 2024`,
//! `13 mei 2024`, `May 13, 2024` → `2024-05-13`), so date parts work on them.
//!
//! Group names: a string value as it is, other JSON values as JSON text; [`MISSING`] when a
//! document has no such field (always so for plain text input), or it is `null` or empty;
//! [`INVALID`] when a date part is asked of a value that is not a date.

use crate::analyse::{DocResult, SegmentResult};
use serde_json::Value;
use std::fmt;

/// The group of documents without the field.
pub const MISSING: &str = "(missing)";
/// The group of documents whose field is not a date, when a date part is asked for.
pub const INVALID: &str = "(invalid)";

/// What a spec groups by.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Lang,
    Field(String),
}

/// The part of a date to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Year,
    Month,
    Day,
    /// The host of a URL.
    Host,
}

/// One `--group-by` spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    name: String,
    source: Source,
    part: Part,
}

impl fmt::Display for GroupSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl std::str::FromStr for GroupSpec {
    type Err = String;

    fn from_str(spec: &str) -> Result<GroupSpec, String> {
        let (field, part) = match spec.rsplit_once(':') {
            Some((field, "year")) => (field, Part::Year),
            Some((field, "month")) => (field, Part::Month),
            Some((field, "day")) => (field, Part::Day),
            Some((field, "host")) => (field, Part::Host),
            _ => (spec, Part::Whole),
        };
        let source = match field {
            "" => return Err(format!("--group-by {spec:?}: no field name")),
            "lang" if part != Part::Whole => {
                return Err(format!(
                    "--group-by {spec:?}: `lang` has no date parts (use fields.lang:{} for a \
                     record field called lang)",
                    spec.rsplit(':').next().unwrap_or("")
                ));
            }
            "lang" => Source::Lang,
            f => Source::Field(f.strip_prefix("fields.").unwrap_or(f).to_string()),
        };
        Ok(GroupSpec {
            name: spec.to_string(),
            source,
            part,
        })
    }
}

impl GroupSpec {
    /// The spec as written, which names its groups in the summary.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True for the built-in `lang`.
    pub fn is_lang(&self) -> bool {
        self.source == Source::Lang
    }

    /// True when, with `--unit segment`, each segment may have its own group: the spec
    /// names the `author` or `date` field, which segments can carry.
    pub fn per_segment(&self) -> bool {
        matches!(&self.source, Source::Field(f) if f == "author" || f == "date")
    }

    /// The group segment `seg` of `doc` counts in (`--unit segment`): for `author` and
    /// `date`, the segment's own value where it has one, else the document's group.
    pub fn segment_key(&self, doc: &DocResult, seg: &SegmentResult) -> String {
        let own = match &self.source {
            Source::Field(f) if f == "author" => seg.author.as_deref(),
            Source::Field(f) if f == "date" => seg.date.as_deref(),
            _ => None,
        };
        match own.map(str::trim) {
            None | Some("") => self.key(doc),
            Some(v) if self.source == Source::Field("date".into()) => {
                let iso = crate::segment::normalise_date(v);
                let v = iso.as_deref().unwrap_or(v);
                match self.part {
                    Part::Whole => v.to_string(),
                    part => date_key(v, part).unwrap_or_else(|| INVALID.into()),
                }
            }
            Some(v) => v.to_string(),
        }
    }

    /// The group `doc` counts in.
    pub fn key(&self, doc: &DocResult) -> String {
        let value = match &self.source {
            Source::Lang => return doc.lang.to_string(),
            Source::Field(f) => doc.record.as_ref().and_then(|r| r.field(f)),
        };
        let value = match value {
            None | Some(Value::Null) => return MISSING.into(),
            Some(Value::String(s)) if s.trim().is_empty() => return MISSING.into(),
            Some(v) => v,
        };
        match (self.part, value) {
            (Part::Whole, Value::String(s)) => s.clone(),
            (Part::Whole, v) => v.to_string(),
            (Part::Host, Value::String(s)) => host_key(s).unwrap_or_else(|| INVALID.into()),
            (part, Value::String(s)) => date_key(s, part).unwrap_or_else(|| INVALID.into()),
            (_, _) => INVALID.into(),
        }
    }
}

/// A date's year, month or day as `2024`, `2024-03` or `2024-03-15`. Accepts an ISO-8601
/// date at the start of the value (`2024-03-15`, `2024-03-15T21:03:00+02:00`,
/// `2024-03-15 21:03`; `2024-03` and `2024` where no finer part is asked for), and the
/// day-first dates Finnish and Dutch sites write (`15.3.2024`, `15-03-2024`, also with a
/// time after a space).
fn date_key(value: &str, part: Part) -> Option<String> {
    let s = value.trim();
    let head = s.split([' ', 'T', 't']).next().unwrap_or("");
    let nums: Vec<&str> = head.split(['-', '.']).collect();
    if nums
        .iter()
        .any(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let sep_dot = head.contains('.');
    let (y, m, d) = match nums.as_slice() {
        [y] if y.len() == 4 && !sep_dot => (y, None, None),
        [y, m] if y.len() == 4 && m.len() == 2 && !sep_dot => (y, Some(m), None),
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 && !sep_dot => {
            (y, Some(m), Some(d))
        }
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => (y, Some(m), Some(d)),
        _ => return None,
    };
    let year: u32 = y.parse().ok()?;
    let month: Option<u32> = m.map(|m| m.parse()).transpose().ok()?;
    let day: Option<u32> = d.map(|d| d.parse()).transpose().ok()?;
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return None;
    }
    if let (Some(m), Some(d)) = (month, day)
        && !(1..=days_in_month(year, m)).contains(&d)
    {
        return None;
    }
    match part {
        Part::Year => Some(format!("{year:04}")),
        Part::Month => Some(format!("{year:04}-{:02}", month?)),
        Part::Day => Some(format!("{year:04}-{:02}-{:02}", month?, day?)),
        Part::Whole => Some(value.to_string()),
        Part::Host => None,
    }
}

/// The host of an absolute URL (`https://user@WWW.Example.fi:8080/x` → `example.fi`).
fn host_key(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+')
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next()?
    } else {
        host.split(':').next()?
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

fn days_in_month(year: u32, month: u32) -> u32 {
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
    use crate::input::Record;
    use serde_json::json;

    fn doc(fields: Value) -> DocResult {
        let Value::Object(fields) = fields else {
            panic!()
        };
        DocResult {
            path: "p".into(),
            lang: "fi",
            lang_confidence: 1.0,
            encoding: "utf-8",
            encoding_confidence: None,
            encoding_doubtful: false,
            replacements: 0,
            bytes: 0,
            profile: "generic".into(),
            tokens: 0,
            sentences: 0,
            wc: 0,
            wps: 0.0,
            dic: 0.0,
            short: true,
            dic_words: 0,
            themes: Default::default(),
            parts: Default::default(),
            segments: Vec::new(),
            matches: None,
            record: Some(Record {
                line: 1,
                id: None,
                fields,
            }),
            shown: None,
        }
    }

    fn key(spec: &str, fields: Value) -> String {
        spec.parse::<GroupSpec>().unwrap().key(&doc(fields))
    }

    #[test]
    fn fields_values_and_builtins() {
        assert_eq!(key("author", json!({"author": "anna"})), "anna");
        assert_eq!(key("thread", json!({"thread": 12})), "12");
        assert_eq!(key("author", json!({})), MISSING);
        assert_eq!(key("author", json!({"author": null})), MISSING);
        assert_eq!(key("author", json!({"author": " "})), MISSING);
        assert_eq!(key("lang", json!({"lang": "sv"})), "fi");
        assert_eq!(key("fields.lang", json!({"lang": "sv"})), "sv");
        assert_eq!(key("dc:date", json!({"dc:date": "x"})), "x");
        assert!("lang:month".parse::<GroupSpec>().is_err());
        assert!(":month".parse::<GroupSpec>().is_err());
        let mut plain = doc(json!({}));
        plain.record = None;
        assert_eq!("author".parse::<GroupSpec>().unwrap().key(&plain), MISSING);
    }

    fn segment(author: Option<&str>, date: Option<&str>) -> SegmentResult {
        SegmentResult {
            kind: crate::segment::SegmentKind::Comment,
            n: 1,
            parent: None,
            spans: Vec::new(),
            author: author.map(String::from),
            date: date.map(String::from),
            lang: "fi",
            tokens: 0,
            sentences: None,
            wc: None,
            wps: None,
            dic: None,
            short: None,
            dic_words: 0,
            themes: None,
        }
    }

    #[test]
    fn segments_own_author_and_date_then_the_documents() {
        let d = doc(json!({"author": "record-author", "date": "2023-01-02"}));
        let k =
            |spec: &str, s: &SegmentResult| spec.parse::<GroupSpec>().unwrap().segment_key(&d, s);
        let own = segment(Some("Anonyymi"), Some("13. toukokuuta 2024 klo 22.10"));
        assert_eq!(k("author", &own), "Anonyymi");
        assert_eq!(k("date", &own), "2024-05-13T22:10");
        assert_eq!(k("date:month", &own), "2024-05");
        assert_eq!(
            k("date:day", &segment(None, Some("13 mei 2024"))),
            "2024-05-13"
        );
        assert_eq!(k("date:year", &segment(None, Some("May 13, 2024"))), "2024");
        assert_eq!(
            k("date:month", &segment(None, Some("13-05-2024"))),
            "2024-05"
        );
        assert_eq!(k("date:month", &segment(None, Some("eilen"))), INVALID);
        let none = segment(None, None);
        assert_eq!(k("author", &none), "record-author");
        assert_eq!(k("date:month", &none), "2023-01");
        assert_eq!(k("lang", &own), "fi");
        assert!("author".parse::<GroupSpec>().unwrap().per_segment());
        assert!(!"thread".parse::<GroupSpec>().unwrap().per_segment());
    }

    #[test]
    fn date_parts() {
        let t = |v: &str, spec: &str| key(spec, json!({ "ts": v }));
        assert_eq!(t("2024-03-15T21:03:00+02:00", "ts:month"), "2024-03");
        assert_eq!(t("2024-03-15 21:03", "ts:day"), "2024-03-15");
        assert_eq!(t("2024-03-15", "ts:year"), "2024");
        assert_eq!(t("2024-03", "ts:month"), "2024-03");
        assert_eq!(t("2024-03", "ts:day"), INVALID);
        assert_eq!(t("15.3.2024 klo 21.03", "ts:month"), "2024-03");
        assert_eq!(t("15-03-2024", "ts:day"), "2024-03-15");
        assert_eq!(t("2024-02-30", "ts:month"), INVALID);
        assert_eq!(t("2024-13-01", "ts:year"), INVALID);
        assert_eq!(t("eilen", "ts:month"), INVALID);
        assert_eq!(t("2024-02-29", "ts:day"), "2024-02-29");
        assert_eq!(key("ts:month", json!({"ts": 1710536580})), INVALID);
        assert_eq!(key("ts:month", json!({})), MISSING);
    }

    #[test]
    fn url_hosts() {
        let h = |v: &str| key("url:host", json!({ "url": v }));
        assert_eq!(h("https://www.Suomi24.fi/keskustelu/t/1?x=2"), "suomi24.fi");
        assert_eq!(h("http://anna@blog.example.nl:8080/p#c"), "blog.example.nl");
        assert_eq!(h("http://[::1]:80/"), "[::1]");
        assert_eq!(h("not a url"), INVALID);
        assert_eq!(h("mailto:x@y.fi"), INVALID);
        assert_eq!(key("url:host", json!({})), MISSING);
    }
}
