//! LIWC `.dic` dictionaries: `%`, `ID<TAB>category` lines, `%`, then `entry<TAB>ID...` lines.
//!
//! Each category becomes a theme whose entries apply to every language, with LIWC's
//! semantics: a bare word matches exactly, `word*` is a prefix. Multi-word entries become
//! phrases of exact words.
//!
//! LIWC2007's conditional entries are read with LIWC's meaning, where the category depends on
//! a neighbouring word:
//! * `(02 134)125/126`: when the word right before is in category 02 or 134, the entry counts
//!   in category 125, otherwise in 126 (the `/126` part may be missing: then it counts
//!   nowhere otherwise). The opening parenthesis is optional (`02 134)125/464`, as written
//!   in LIWC2007's own dictionary).
//! * `<of>131/125`: when the word right after is `of`, category 131, otherwise 125.
//!
//! A conditional entry becomes an entry of each category with a context rule: the words of
//! the condition (the entries of the named categories, or the word in `<…>`) are added to the
//! theme as context words, and the rule asks for one of them on the adjacent token (for the
//! first category) or for none there (for the second).

use super::{
    Adjacent, ContextRule, Diagnostic, Entry, EntryKind, Locator, Position, Role, Side, Theme,
    sha256_hex,
};
use crate::lang::Lang;
use std::collections::BTreeMap;

/// What a conditional entry depends on.
#[derive(Debug, Clone)]
enum Condition {
    /// The preceding word is in one of these categories.
    Preceding(Vec<String>),
    /// The following word is this word.
    Following(String),
}

/// One conditional entry: the condition, and the categories for true and false.
#[derive(Debug, Clone)]
struct Conditional {
    entry: Entry,
    condition: Condition,
    then: String,
    otherwise: Option<String>,
    at: usize,
}

/// Parses a LIWC dictionary into one theme per category.
pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Theme>, Vec<Diagnostic>> {
    let loc = Locator::new(name, text);
    let mut diags = Vec::new();
    let mut categories: BTreeMap<String, (String, Vec<Entry>)> = BTreeMap::new();
    let mut conditionals: Vec<Conditional> = Vec::new();
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
                    categories.insert(canonical_id(id), (label, Vec::new()));
                }
            }
            _ => {
                let col = content.len() - content.trim_start().len();
                let (words, spec, spec_at) = split_entry_line(content);
                if words.is_empty() || spec.trim().is_empty() {
                    diags.push(loc.diag(
                        line_offset,
                        format!("expected `entry<TAB>category id...`, found {trimmed:?}"),
                    ));
                    continue;
                }
                let entry = match make_entry(&words, loc.at(line_offset + col), 1.0) {
                    Ok(e) => e,
                    Err(msg) => {
                        diags.push(loc.diag(line_offset + col, msg));
                        continue;
                    }
                };
                let spec_offset = line_offset + spec_at;
                let items = match parse_spec(spec) {
                    Ok(items) => items,
                    Err((at, msg)) => {
                        diags.push(loc.diag(spec_offset + at, msg));
                        continue;
                    }
                };
                for (at, item) in items {
                    let at = spec_offset + at;
                    match item {
                        Item::Plain(id) => match categories.get_mut(&id) {
                            Some((_, entries)) => entries.push(entry.clone()),
                            None => diags.push(unknown(&loc, at, &id)),
                        },
                        Item::Conditional {
                            condition,
                            then,
                            otherwise,
                        } => conditionals.push(Conditional {
                            entry: entry.clone(),
                            condition,
                            then,
                            otherwise,
                            at,
                        }),
                    }
                }
            }
        }
    }
    if section < 2 && diags.is_empty() {
        diags.push(loc.diag(text.len(), "missing the second `%` line before the entries"));
    }
    // Conditionals refer to categories (and their plain entries) anywhere in the file.
    let plain: BTreeMap<String, Vec<Entry>> = categories
        .iter()
        .map(|(id, (_, entries))| (id.clone(), entries.clone()))
        .collect();
    for c in conditionals {
        let mut context = Vec::new();
        match &c.condition {
            Condition::Preceding(ids) => {
                for id in ids {
                    match plain.get(id) {
                        Some(entries) => context.extend(entries.iter().cloned()),
                        None => diags.push(unknown(&loc, c.at, id)),
                    }
                }
            }
            Condition::Following(word) => match make_entry(&[word.as_str()], loc.at(c.at), 1.0) {
                Ok(e) => context.push(e),
                Err(msg) => diags.push(loc.diag(c.at, msg)),
            },
        }
        let adjacent = match c.condition {
            Condition::Preceding(_) => Adjacent::Before,
            Condition::Following(_) => Adjacent::After,
        };
        let branches = [(Some(&c.then), false), (c.otherwise.as_ref(), true)];
        for (id, absent) in branches {
            let Some(id) = id else { continue };
            let Some((_, entries)) = categories.get_mut(id) else {
                diags.push(unknown(&loc, c.at, id));
                continue;
            };
            let mut entry = c.entry.clone();
            entry.context = Some(ContextRule {
                words: context.iter().map(|e| e.written.clone()).collect(),
                within: Some(1),
                entries: Vec::new(),
                adjacent: Some(adjacent),
                absent,
            });
            entries.push(entry);
            for word in &context {
                entries.push(Entry {
                    role: Role::Context,
                    context: None,
                    ..word.clone()
                });
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let sha = sha256_hex(text.as_bytes());
    Ok(categories
        .into_values()
        .map(|(label, entries)| {
            let description = format!("LIWC category {label:?} from {name}");
            language_less_theme(name, &label, description, "liwc", &sha, entries)
        })
        .collect())
}

/// A theme that applies to every language: the same entries on both sides, the context
/// rules resolved to the context words listed after them.
pub(super) fn language_less_theme(
    name: &str,
    label: &str,
    description: String,
    version: &str,
    sha: &str,
    entries: Vec<Entry>,
) -> Theme {
    let side = Side {
        entries: resolve_context(entries),
        ..Side::default()
    };
    Theme {
        id: theme_id(label).into(),
        description,
        label: label.to_string(),
        inclusion: String::new(),
        version: version.into(),
        source: name.to_string(),
        sha256: sha.to_string(),
        sides: Lang::ALL.map(|_| side.clone()),
        any_language: true,
    }
}

/// Orders the entries as [`Side::entries`] wants them (evidence first, then one copy of each
/// context word) and points every rule at the context words it names.
fn resolve_context(entries: Vec<Entry>) -> Vec<Entry> {
    let (mut out, context): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.role != Role::Context);
    let mut index: BTreeMap<(String, String), u32> = BTreeMap::new();
    for e in context {
        let key = (e.kind.name().to_string(), e.term.clone());
        if let std::collections::btree_map::Entry::Vacant(slot) = index.entry(key) {
            slot.insert(out.len() as u32);
            out.push(e);
        }
    }
    let lookup: BTreeMap<&str, Vec<u32>> = {
        let mut m: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (i, e) in out.iter().enumerate() {
            if e.role == Role::Context {
                m.entry(&*e.written).or_default().push(i as u32);
            }
        }
        m
    };
    let resolved: Vec<Option<Vec<u32>>> = out
        .iter()
        .map(|e| {
            e.context.as_ref().map(|rule| {
                let mut ids: Vec<u32> = rule
                    .words
                    .iter()
                    .flat_map(|w| lookup.get(&**w).into_iter().flatten().copied())
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
        })
        .collect();
    for (e, ids) in out.iter_mut().zip(resolved) {
        if let (Some(rule), Some(ids)) = (e.context.as_mut(), ids) {
            rule.entries = ids;
        }
    }
    out
}

fn unknown(loc: &Locator<'_>, at: usize, id: &str) -> Diagnostic {
    loc.diag(
        at,
        format!("unknown category id {id}: it is not declared between the two `%` lines"),
    )
}

/// A category id without leading zeros (`02` and `2` are the same category).
fn canonical_id(id: &str) -> String {
    let t = id.trim_start_matches('0');
    if t.is_empty() { "0".into() } else { t.into() }
}

/// One item of an entry line's category part.
#[derive(Debug)]
enum Item {
    Plain(String),
    Conditional {
        condition: Condition,
        then: String,
        otherwise: Option<String>,
    },
}

/// Splits an entry line into its words and its category part (from the first field that is
/// a number, or starts with `(` or `<`), with the category part's byte offset in the line.
fn split_entry_line(line: &str) -> (Vec<&str>, &str, usize) {
    let mut words = Vec::new();
    let mut rest_at = line.len();
    let mut pos = 0;
    for field in line.split_whitespace() {
        let at = pos + line[pos..].find(field).unwrap_or(0);
        pos = at + field.len();
        let first = field.as_bytes()[0];
        if first.is_ascii_digit() || first == b'(' || first == b'<' {
            rest_at = at;
            break;
        }
        words.push(field);
    }
    (words, &line[rest_at..], rest_at)
}

/// Parses the category part: plain ids, `(ids)A/B` and `<word>A/B`. Errors carry the byte
/// offset in `spec`.
fn parse_spec(spec: &str) -> Result<Vec<(usize, Item)>, (usize, String)> {
    let b = spec.as_bytes();
    let mut items = Vec::new();
    let mut pending: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    let number = |i: &mut usize| -> Option<String> {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        (start < *i).then(|| canonical_id(&spec[start..*i]))
    };
    // `A` or `A/B` after a condition
    let branches =
        |i: &mut usize, at: usize| -> Result<(String, Option<String>), (usize, String)> {
            let then = number(i).ok_or((
                at,
                "a conditional needs a category id after `)` or `>`".to_string(),
            ))?;
            let otherwise = if *i < b.len() && b[*i] == b'/' {
                *i += 1;
                Some(number(i).ok_or((*i, "expected a category id after `/`".to_string()))?)
            } else {
                None
            };
            Ok((then, otherwise))
        };
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let at = i;
            let id = number(&mut i).expect("a digit");
            pending.push((at, id));
        } else if c == b'(' {
            items.extend(pending.drain(..).map(|(at, id)| (at, Item::Plain(id))));
            i += 1;
        } else if c == b')' {
            let at = pending.first().map_or(i, |p| p.0);
            if pending.is_empty() {
                return Err((i, "`)` without category ids before it".into()));
            }
            let ids = pending.drain(..).map(|p| p.1).collect();
            i += 1;
            let (then, otherwise) = branches(&mut i, at)?;
            items.push((
                at,
                Item::Conditional {
                    condition: Condition::Preceding(ids),
                    then,
                    otherwise,
                },
            ));
        } else if c == b'<' {
            items.extend(pending.drain(..).map(|(at, id)| (at, Item::Plain(id))));
            let at = i;
            let close = spec[i..]
                .find('>')
                .ok_or((i, "`<` without a closing `>`".to_string()))?;
            let word = spec[i + 1..i + close].trim().to_string();
            if word.is_empty() || word.contains(char::is_whitespace) {
                return Err((
                    i,
                    format!("expected one word between `<` and `>`, found {word:?}"),
                ));
            }
            i += close + 1;
            let (then, otherwise) = branches(&mut i, at)?;
            items.push((
                at,
                Item::Conditional {
                    condition: Condition::Following(word),
                    then,
                    otherwise,
                },
            ));
        } else {
            return Err((
                i,
                format!(
                    "unexpected {:?} in the category ids (expected ids, `(ids)A/B` or `<word>A/B`)",
                    spec[i..].chars().next().unwrap_or(' ')
                ),
            ));
        }
    }
    items.extend(pending.into_iter().map(|(at, id)| (at, Item::Plain(id))));
    Ok(items)
}

/// An entry with LIWC's semantics: one word exact, `word*` a prefix, several words a phrase.
pub(super) fn make_entry(words: &[&str], position: Position, weight: f64) -> Result<Entry, String> {
    let written = words.join(" ");
    let norm = crate::normalise::normalise_str(&written);
    let kind = if words.len() > 1 {
        if norm.contains('*') {
            return Err(format!(
                "{written:?}: `*` can only end a one-word entry, not stand inside a phrase"
            ));
        }
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
    if term.contains('*') {
        return Err(format!(
            "{written:?}: `*` can only stand at the end of an entry (a prefix)"
        ));
    }
    Ok(Entry {
        written: written.as_str().into(),
        term,
        kind,
        weight,
        forms: Vec::new(),
        class: None,
        position,
        role: Role::Evidence,
        context: None,
    })
}

/// A category name as a theme id: lowercase, non-alphanumerics as `_`.
pub(super) fn theme_id(label: &str) -> String {
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
        assert!(posemo.any_language);
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

    #[test]
    fn conditional_entries_get_adjacent_context_rules() {
        let dic = "%\n1\tpronoun\n2\tverb\n3\tposemo\n4\tfiller\n%\ni\t1\nyou\t1\n\
                   like\t02 01)2/3\nkind\t<of>4/3\n";
        let themes = parse("c.dic", dic).unwrap();
        let by_id = |id: &str| themes.iter().find(|t| &*t.id == id).unwrap();
        let verb = by_id("verb").side(Lang::Fi);
        let rule = verb.entries[0].context.as_ref().unwrap();
        assert_eq!(verb.entries[0].term, "like");
        assert_eq!(rule.adjacent, Some(Adjacent::Before));
        assert!(!rule.absent);
        // the context words are category 1's entries, as context
        let words: Vec<_> = rule
            .entries
            .iter()
            .map(|&i| {
                (
                    verb.entries[i as usize].term.as_str(),
                    verb.entries[i as usize].role,
                )
            })
            .collect();
        assert_eq!(words, [("i", Role::Context), ("you", Role::Context)]);
        let posemo = by_id("posemo").side(Lang::Fi);
        let terms: Vec<_> = posemo.evidence().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["like", "kind"]);
        assert!(
            posemo
                .entries
                .iter()
                .filter(|e| e.context.is_some())
                .all(|e| e.context.as_ref().unwrap().absent)
        );
        let filler = by_id("filler").side(Lang::Fi);
        let rule = filler.entries[0].context.as_ref().unwrap();
        assert_eq!(rule.adjacent, Some(Adjacent::After));
        assert_eq!(filler.entries[rule.entries[0] as usize].term, "of");
    }

    #[test]
    fn bad_conditionals_are_errors_with_positions() {
        let err = parse("c.dic", "%\n1\ta\n%\nlike\t(1)\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "c.dic:4:7: a conditional needs a category id after `)` or `>`"
        );
        let err = parse("c.dic", "%\n1\ta\n%\nlike\t(9)1/1\n").unwrap_err();
        assert!(
            err[0]
                .to_string()
                .starts_with("c.dic:4:7: unknown category id 9"),
            "{}",
            err[0]
        );
        let err = parse("c.dic", "%\n1\ta\n%\nkind\t<of 1\n").unwrap_err();
        assert_eq!(err[0].to_string(), "c.dic:4:6: `<` without a closing `>`");
    }
}
