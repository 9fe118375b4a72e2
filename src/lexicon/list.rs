//! Plain word lists: one entry per line, the theme named by the file (`workload.txt` is the
//! theme `workload`). Entries follow `.dic` semantics (a bare word matches exactly, `word*`
//! is a prefix, several words are a phrase); empty lines and lines starting with `#` are
//! skipped. The list has no language sides: it applies to text in any language.

use super::liwc::{language_less_theme, make_entry};
use super::{Diagnostic, Locator, Theme, sha256_hex};
use std::path::Path;

/// Parses a word list into one theme.
pub(super) fn parse(name: &str, text: &str) -> Result<Theme, Vec<Diagnostic>> {
    let loc = Locator::new(name, text);
    let mut diags = Vec::new();
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let id_ok = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !id_ok {
        diags.push(loc.diag(
            0,
            format!(
                "the file name {stem:?} is the theme id, so it may only use a-z, 0-9 and _ \
                 (rename the file, e.g. to {:?})",
                super::liwc::theme_id(stem)
            ),
        ));
    }
    let mut entries = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let col = content.len() - content.trim_start().len();
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        match make_entry(&words, loc.at(at + col), 1.0) {
            Ok(e) => entries.push(e),
            Err(msg) => diags.push(loc.diag(at + col, msg)),
        }
    }
    if entries.is_empty() && diags.is_empty() {
        diags.push(loc.diag(0, "the list has no entries (one word or phrase per line)"));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let description = format!("word list {name}");
    let sha = sha256_hex(text.as_bytes());
    Ok(language_less_theme(
        name,
        stem,
        description,
        "list",
        &sha,
        entries,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn one_theme_named_by_the_file() {
        let t = parse(
            "dir/late_work.txt",
            "# evenings\nylityö*\n\niltavuoro\nin de avond\n",
        )
        .unwrap();
        assert_eq!(&*t.id, "late_work");
        let e: Vec<_> = t
            .side(Lang::Nl)
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.kind.name(), e.position.line))
            .collect();
        assert_eq!(
            e,
            [
                ("ylityö", "prefix", 2),
                ("iltavuoro", "exact", 4),
                ("in de avond", "phrase", 5)
            ]
        );
        assert!(t.any_language);
    }

    #[test]
    fn bad_names_and_entries_are_errors() {
        let err = parse("Late Work.txt", "ilta\n").unwrap_err();
        assert!(
            err[0]
                .to_string()
                .starts_with("Late Work.txt:1:1: the file name \"Late Work\""),
            "{}",
            err[0]
        );
        let err = parse("w.txt", "ok\n  *x*\n").unwrap_err();
        assert!(err[0].to_string().starts_with("w.txt:2:3: "), "{}", err[0]);
        assert!(parse("w.txt", "# nothing\n").is_err());
    }
}
