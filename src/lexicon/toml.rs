//! teema's own lexicon format (TOML, one theme per file). See `lexicons/README.md`.
//!
//! The file is parsed into a spanned document so that every problem, from a TOML syntax
//! error to an unknown key or an invalid regex, is reported at its line and column.

use super::{
    ContextRule, Diagnostic, Entry, Examples, Locator, Role, Side, Theme, classify, sha256_hex,
};
use crate::lang::Lang;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const THEME_KEYS: &[&str] = &[
    "id",
    "label",
    "description",
    "version",
    "inclusion",
    "fi",
    "nl",
];
const SIDE_KEYS: &[&str] = &["entries", "topic", "exclude", "examples"];
const EXAMPLE_KEYS: &[&str] = &["positive", "negative"];
const ENTRY_KEYS: &[&str] = &[
    "term", "weight", "forms", "class", "note", "context", "within",
];

/// Parses one theme file.
pub(super) fn parse(name: &str, text: &str) -> Result<Theme, Vec<Diagnostic>> {
    let loc = Locator::new(name, text);
    let doc = DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        vec![loc.diag(offset, format!("TOML syntax: {}", e.message().trim()))]
    })?;
    let mut p = Parser {
        loc,
        diags: Vec::new(),
    };
    let theme = p.theme(doc.get_ref(), name, text);
    if p.diags.is_empty() {
        Ok(theme)
    } else {
        Err(p.diags)
    }
}

struct Parser<'a> {
    loc: Locator<'a>,
    diags: Vec<Diagnostic>,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Parser<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diags.push(self.loc.diag(span.start, message));
    }

    /// Reports keys of `table` that are not in `known`, with a suggestion.
    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], what: &str) {
        for key in table.keys() {
            let k = key.get_ref().as_ref();
            if !known.contains(&k) {
                let hint = known
                    .iter()
                    .map(|c| (strsim::jaro_winkler(k, c), c))
                    .filter(|(score, _)| *score > 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, c)| format!(" (did you mean {c:?}?)"))
                    .unwrap_or_else(|| format!(" (expected one of: {})", known.join(", ")));
                self.error(key.span(), format!("unknown key {k:?} in {what}{hint}"));
            }
        }
    }

    fn string(&mut self, table: &DeTable<'_>, key: &str, required: bool) -> Option<String> {
        match table.get(key) {
            Some(v) => match v.get_ref().as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    let found = v.get_ref().type_str();
                    self.error(v.span(), format!("{key:?} must be a string, found {found}"));
                    None
                }
            },
            None => {
                if required {
                    self.error(0..0, format!("missing required key {key:?}"));
                }
                None
            }
        }
    }

    fn theme(&mut self, root: &DeTable<'_>, name: &str, text: &str) -> Theme {
        self.unknown_keys(root, THEME_KEYS, "a theme file");
        let id = self.string(root, "id", true).unwrap_or_default();
        if !id.is_empty()
            && !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            let span = root.get("id").map_or(0..0, |v| v.span());
            self.error(
                span,
                format!("id {id:?} may only use a-z, 0-9 and _ (it becomes a CSV column name)"),
            );
        }
        let label = self.string(root, "label", true).unwrap_or_default();
        let version = self.string(root, "version", true).unwrap_or_default();
        let description = self.string(root, "description", false).unwrap_or_default();
        let inclusion = self.string(root, "inclusion", false).unwrap_or_default();
        let mut sides: [Side; 2] = Default::default();
        for lang in Lang::ALL {
            if let Some(v) = root.get(lang.code()) {
                match v.get_ref().as_table() {
                    Some(t) => sides[lang.index()] = self.side(t, lang),
                    None => self.error(
                        v.span(),
                        format!("[{lang}] must be a table with an `entries` array"),
                    ),
                }
            }
        }
        if sides.iter().all(|s| s.entries.is_empty()) && self.diags.is_empty() {
            self.error(0..0, "the theme has no entries in [fi] or [nl]");
        }
        Theme {
            id: id.as_str().into(),
            label,
            description,
            inclusion,
            version,
            source: name.to_string(),
            sha256: sha256_hex(text.as_bytes()),
            sides,
            any_language: false,
        }
    }

    fn side(&mut self, table: &DeTable<'_>, lang: Lang) -> Side {
        self.unknown_keys(table, SIDE_KEYS, &format!("[{lang}]"));
        let mut entries = self.entries(table.get("entries"), lang, "entries");
        let mut topic = self.entries(table.get("topic"), lang, "topic");
        for e in &mut topic {
            e.role = Role::Topic;
            if e.context.is_some() {
                let at = e.position.clone();
                self.diags.push(super::Diagnostic {
                    position: at,
                    message: "a topic entry cannot require context (it is never scored)".into(),
                });
            }
        }
        entries.append(&mut topic);
        self.resolve_context(&mut entries, lang);
        let exclude = self.entries(table.get("exclude"), lang, "exclude");
        let mut examples = Examples::default();
        if let Some(v) = table.get("examples") {
            match v.get_ref().as_table() {
                Some(t) => {
                    self.unknown_keys(t, EXAMPLE_KEYS, &format!("[{lang}.examples]"));
                    examples.positive = self.strings(t.get("positive"), "positive");
                    examples.negative = self.strings(t.get("negative"), "negative");
                }
                None => self.error(v.span(), "`examples` must be a table"),
            }
        }
        Side {
            entries,
            exclude,
            examples,
        }
    }

    fn array<'v, 'i>(&mut self, v: &'v Value<'i>, what: &str) -> &'v [Value<'i>] {
        match v.get_ref().as_array() {
            Some(a) => a,
            None => {
                let found = v.get_ref().type_str();
                self.error(
                    v.span(),
                    format!("{what:?} must be an array, found {found}"),
                );
                &[]
            }
        }
    }

    fn strings(&mut self, v: Option<&Value<'_>>, what: &str) -> Vec<String> {
        let Some(v) = v else { return Vec::new() };
        let mut out = Vec::new();
        for item in self.array(v, what) {
            match item.get_ref().as_str() {
                Some(s) => out.push(s.to_string()),
                None => self.error(item.span(), format!("{what:?} items must be strings")),
            }
        }
        out
    }

    fn entries(&mut self, v: Option<&Value<'_>>, lang: Lang, what: &str) -> Vec<Entry> {
        let Some(v) = v else { return Vec::new() };
        let mut out = Vec::new();
        for item in self.array(v, what) {
            if let Some(e) = self.entry(item, lang) {
                out.push(e);
            }
        }
        out
    }

    /// `context = [...]` and `within = N` of an entry table.
    fn context_rule(&mut self, t: &DeTable<'_>, written: &str) -> Option<ContextRule> {
        let within = t.get("within").and_then(|w| match w.get_ref() {
            DeValue::Integer(i) => match i.as_str().replace('_', "").parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    self.error(
                        w.span(),
                        "`within` must be a whole number of tokens, at least 1",
                    );
                    None
                }
            },
            _ => {
                self.error(
                    w.span(),
                    "`within` must be a whole number of tokens, at least 1",
                );
                None
            }
        });
        let Some(v) = t.get("context") else {
            if let Some(w) = t.get("within") {
                self.error(w.span(), "`within` needs a `context` list");
            }
            return None;
        };
        let words = self.strings(Some(v), "context");
        if words.is_empty() {
            self.error(
                v.span(),
                format!("entry {written:?}: an empty `context` list can never be satisfied"),
            );
            return None;
        }
        for w in &words {
            if w != "@topic"
                && let Err(msg) = classify(w)
            {
                self.error(v.span(), format!("context word {w:?}: {msg}"));
            }
        }
        Some(ContextRule {
            words: words.iter().map(|w| w.trim().into()).collect(),
            within,
            entries: Vec::new(),
            adjacent: None,
            absent: false,
        })
    }

    /// Resolves every context rule's words to entries of the side: an evidence or topic
    /// entry written the same way, `@topic` for all topic entries, and otherwise a new entry
    /// of role [`Role::Context`] appended to the side.
    fn resolve_context(&mut self, entries: &mut Vec<Entry>, lang: Lang) {
        let gated: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].context.is_some())
            .collect();
        for i in gated {
            let rule = entries[i].context.clone().expect("gated");
            let mut ids = Vec::new();
            for word in &rule.words {
                if &**word == "@topic" {
                    let topic: Vec<u32> = (0..entries.len())
                        .filter(|&j| entries[j].role == Role::Topic)
                        .map(|j| j as u32)
                        .collect();
                    if topic.is_empty() {
                        let at = entries[i].position.clone();
                        self.diags.push(super::Diagnostic {
                            position: at,
                            message: format!(
                                "context \"@topic\" of {:?}: the [{lang}] side has no `topic` entries",
                                &*entries[i].written
                            ),
                        });
                    }
                    ids.extend(topic);
                    continue;
                }
                if let Some(j) = entries.iter().position(|e| e.written == *word) {
                    ids.push(j as u32);
                    continue;
                }
                let Ok((kind, term)) = classify(word) else {
                    continue; // reported when the rule was read
                };
                ids.push(entries.len() as u32);
                entries.push(Entry {
                    written: word.clone(),
                    term,
                    kind,
                    weight: 0.0,
                    forms: Vec::new(),
                    class: None,
                    position: entries[i].position.clone(),
                    role: Role::Context,
                    context: None,
                });
            }
            ids.sort_unstable();
            ids.dedup();
            if let Some(rule) = entries[i].context.as_mut() {
                rule.entries = ids;
            }
        }
    }

    fn entry(&mut self, item: &Value<'_>, lang: Lang) -> Option<Entry> {
        let span = item.span();
        let (term_value, table) = match item.get_ref() {
            DeValue::String(_) => (item, None),
            DeValue::Table(t) => {
                self.unknown_keys(t, ENTRY_KEYS, "an entry table");
                match t.get("term") {
                    Some(term) => (term, Some(t)),
                    None => {
                        self.error(
                            span,
                            "an entry table needs a `term`, e.g. { term = \"ilta\", weight = 2.0 }",
                        );
                        return None;
                    }
                }
            }
            other => {
                let found = other.type_str();
                self.error(
                    span,
                    format!("[{lang}] entries must be strings or tables, found {found}"),
                );
                return None;
            }
        };
        let Some(written) = term_value.get_ref().as_str() else {
            self.error(term_value.span(), "`term` must be a string");
            return None;
        };
        let (kind, term) = match classify(written) {
            Ok(k) => k,
            Err(msg) => {
                self.error(term_value.span(), format!("entry {written:?}: {msg}"));
                return None;
            }
        };
        let mut entry = Entry {
            written: written.trim().into(),
            term,
            kind,
            weight: 1.0,
            forms: Vec::new(),
            class: None,
            position: self.loc.at(term_value.span().start),
            role: Role::Evidence,
            context: None,
        };
        if let Some(t) = table {
            if let Some(w) = t.get("weight") {
                let parsed = match w.get_ref() {
                    DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
                    DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
                    _ => None,
                };
                match parsed {
                    Some(x) if x.is_finite() && x > 0.0 => entry.weight = x,
                    _ => self.error(w.span(), "`weight` must be a positive number"),
                }
            }
            entry.forms = self
                .strings(t.get("forms"), "forms")
                .iter()
                .map(|f| crate::normalise::normalise_str(f.trim()))
                .collect();
            entry.class = self.string(t, "class", false);
            entry.context = self.context_rule(t, &entry.written);
        }
        Some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::EntryKind;

    const GOOD: &str = r#"
id = "after_hours"
label = "After-hours obligations"
description = "Work that spills into evenings."
version = "1"
[fi]
entries = ["ilta", "*istujaiset", "ylityö*", "=klo", "virka-ajan ulkopuolella",
           '/klo\s*(19|2[0-3])/', { term = "iltatyö", weight = 2.0 }]
exclude = ["iltapäivä"]
[fi.examples]
positive = ["Taas ilta baarissa."]
[nl]
entries = ["avond", "*dienst", "in de wacht"]
"#;

    #[test]
    fn parses_the_documented_example() {
        let t = parse("after_hours.toml", GOOD).unwrap();
        assert_eq!(&*t.id, "after_hours");
        let fi = t.side(Lang::Fi);
        assert_eq!(fi.entries.len(), 7);
        assert_eq!(fi.entries[1].kind, EntryKind::CompoundHead);
        assert_eq!(fi.entries[6].weight, 2.0);
        assert_eq!(&*fi.entries[6].written, "iltatyö");
        assert_eq!(fi.exclude.len(), 1);
        assert_eq!(fi.examples.positive.len(), 1);
        assert_eq!(t.side(Lang::Nl).entries.len(), 3);
        assert_eq!(fi.entries[0].position.line, 7);
        assert_eq!(t.sha256.len(), 64);
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let text = "id = \"x\"\nlabel = \"X\"\nversion = \"1\"\n[fi]\nentires = [\"a\"]\n";
        let err = parse("lexicons/x.toml", text).unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "lexicons/x.toml:5:1: unknown key \"entires\" in [fi] (did you mean \"entries\"?)"
        );
    }

    #[test]
    fn bad_entries_are_reported_where_written() {
        let text =
            "id = \"x\"\nlabel = \"X\"\nversion = \"1\"\n[fi]\nentries = [\"ok\", '/a(/', 3]\n";
        let err = parse("x.toml", text).unwrap_err();
        assert_eq!(err.len(), 2);
        assert_eq!((err[0].position.line, err[0].position.col), (5, 18));
        assert!(err[0].message.contains("invalid regex"));
        assert!(err[1].message.contains("found integer"));
    }

    #[test]
    fn syntax_errors_and_missing_keys() {
        let err = parse("x.toml", "id = \"x\"\nlabel = \n").unwrap_err();
        assert!(err[0].message.starts_with("TOML syntax"));
        assert_eq!(err[0].position.line, 2);
        let err = parse("x.toml", "label = \"X\"\n[fi]\nentries = [\"a\"]\n").unwrap_err();
        assert!(
            err.iter()
                .any(|d| d.message.contains("missing required key \"id\""))
        );
    }
}
