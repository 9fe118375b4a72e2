//! LIWC `.dic` dictionaries: `%`, `ID<TAB>category` lines, `%`, then `entry<TAB>ID...` lines.
//!
//! Each category becomes a theme whose entries apply to every language, with LIWC's
//! semantics: a bare word matches exactly, `word*` is a prefix. Multi-word entries become
//! phrases of exact words.

use super::{Diagnostic, Entry, EntryKind, Locator, Side, Theme, sha256_hex};
use crate::lang::Lang;
use std::collections::BTreeMap;

/// Parses a LIWC dictionary into one theme per category.
pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Theme>, Vec<Diagnostic>> {
    let loc = Locator::new(name, text);
    let mut diags = Vec::new();
    let mut categories: BTreeMap<String, (String, Vec<Entry>)> = BTreeMap::new();
    let mut section = 0; // 0 before the first %, 1 categories, 2 entries
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_offset = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed == "%" {
            section += 1;
            if section > 2 {
                diags.push(loc.diag(line_offset, "a third `%` line; a .dic file has two"));
            }
            continue;
        }
        match section {
            0 => diags.push(loc.diag(line_offset, "a .dic file must start with a `%` line")),
            1 => {
                let mut fields = trimmed.split_whitespace();
                let id = fields.next().unwrap_or_default();
                let label = fields.collect::<Vec<_>>().join(" ");
                if label.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
                    diags.push(loc.diag(
                        line_offset,
                        format!(
                            "expected `ID<TAB>category` (a number, then a name), found {trimmed:?}"
                        ),
                    ));
                } else {
                    categories.insert(id.to_string(), (label, Vec::new()));
                }
            }
            _ => {
                let (words, ids) = split_entry_line(content);
                let col = content.len() - content.trim_start().len();
                if words.is_empty() || ids.is_empty() {
                    diags.push(loc.diag(
                        line_offset,
                        format!("expected `entry<TAB>category id...`, found {trimmed:?}"),
                    ));
                    continue;
                }
                let entry = match make_entry(&words, loc.at(line_offset + col)) {
                    Ok(e) => e,
                    Err(msg) => {
                        diags.push(loc.diag(line_offset + col, msg));
                        continue;
                    }
                };
                for id in ids {
                    match categories.get_mut(id) {
                        Some((_, entries)) => entries.push(entry.clone()),
                        None => {
                            let at = line_offset + content.rfind(id).unwrap_or(0);
                            diags.push(loc.diag(at, format!(
                                "unknown category id {id}: it is not declared between the two `%` lines"
                            )));
                        }
                    }
                }
            }
        }
    }
    if section < 2 && diags.is_empty() {
        diags.push(loc.diag(text.len(), "missing the second `%` line before the entries"));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let sha = sha256_hex(text.as_bytes());
    Ok(categories
        .into_values()
        .map(|(label, entries)| {
            let side = Side {
                entries,
                ..Side::default()
            };
            Theme {
                id: theme_id(&label).into(),
                description: format!("LIWC category {label:?} from {name}"),
                label,
                inclusion: String::new(),
                version: "liwc".into(),
                source: name.to_string(),
                sha256: sha.clone(),
                sides: Lang::ALL.map(|_| side.clone()),
            }
        })
        .collect())
}

/// Splits `words<TAB>1 2` (or space-separated) into the entry words and the category ids.
fn split_entry_line(line: &str) -> (Vec<&str>, Vec<&str>) {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let n_ids = fields
        .iter()
        .rev()
        .take_while(|f| f.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let (words, ids) = fields.split_at(fields.len() - n_ids);
    (words.to_vec(), ids.to_vec())
}

fn make_entry(words: &[&str], position: super::Position) -> Result<Entry, String> {
    let written = words.join(" ");
    let norm = crate::normalise::normalise_str(&written);
    let kind = if words.len() > 1 {
        EntryKind::Phrase(norm.split_whitespace().map(str::to_string).collect())
    } else if norm.ends_with('*') {
        EntryKind::Prefix
    } else {
        EntryKind::Exact
    };
    let term = norm.trim_end_matches('*').to_string();
    if term.is_empty() {
        return Err("empty entry".into());
    }
    Ok(Entry {
        written: written.as_str().into(),
        term,
        kind,
        weight: 1.0,
        forms: Vec::new(),
        class: None,
        position,
        role: super::Role::Evidence,
        context: None,
    })
}

/// A category name as a theme id: lowercase, non-alphanumerics as `_`.
fn theme_id(label: &str) -> String {
    label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIC: &str =
        "%\n1\tposemo\n2\tWork Stress\n%\nilo\t1\nkiire*\t2\nhappy\t1 2\nei jaksa\t2\n";

    #[test]
    fn categories_become_themes() {
        let themes = parse("x.dic", DIC).unwrap();
        assert_eq!(themes.len(), 2);
        let posemo = &themes[0];
        assert_eq!(&*posemo.id, "posemo");
        let fi = posemo.side(Lang::Fi);
        assert_eq!(fi.entries.len(), 2);
        assert_eq!(fi.entries[0].kind, EntryKind::Exact);
        let stress = &themes[1];
        assert_eq!(&*stress.id, "work_stress");
        let nl = stress.side(Lang::Nl);
        assert_eq!(nl.entries[0].kind, EntryKind::Prefix);
        assert_eq!(nl.entries[0].term, "kiire");
        assert!(matches!(nl.entries[2].kind, EntryKind::Phrase(_)));
    }

    #[test]
    fn unknown_category_is_an_error_with_position() {
        let err = parse("x.dic", "%\n1\ta\n%\nword\t7\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "x.dic:4:6: unknown category id 7: it is not declared between the two `%` lines"
        );
    }
}
