//! LIWC-22 `.dicx` dictionaries: CSV, one row per entry. The header row names the
//! categories (its first cell, `DicTerm` in LIWC-22's files, is the entry column's name);
//! each following row holds an entry in the first column and, per category, `X` (in the
//! category, weight 1), a number (in the category with that weight) or nothing. A weight of
//! 0 is the same as nothing. Entries follow `.dic` semantics: a bare word matches exactly,
//! `word*` is a prefix, several words are a phrase.

use super::liwc::{language_less_theme, make_entry, theme_id};
use super::{Diagnostic, Entry, Locator, sha256_hex};

/// Parses a `.dicx` file into one theme per category.
pub(super) fn parse(name: &str, text: &str) -> Result<Vec<super::Theme>, Vec<Diagnostic>> {
    let loc = Locator::new(name, text);
    let mut diags = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut categories: Vec<(String, Vec<Entry>)> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                diags.push(loc.diag(at, format!("CSV: {e}")));
                break;
            }
        }
        let line_at = record.position().map_or(0, |p| p.byte() as usize);
        let line = &text[line_at.min(text.len())..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        // the byte offset of field `i` in the row (found by its text; quoted fields are
        // found at their opening quote's row at worst)
        let field_at = |i: usize| -> usize {
            let mut pos = 0;
            for (k, f) in record.iter().enumerate() {
                let at = line[pos..].find(f).map_or(pos, |x| pos + x);
                if k == i {
                    return line_at + at;
                }
                pos = (at + f.len()).min(line.len());
                pos += line[pos..].find(',').map_or(0, |x| x + 1);
            }
            line_at
        };
        if first {
            first = false;
            for (i, label) in record.iter().enumerate().skip(1) {
                let label = label.trim();
                if label.is_empty() {
                    diags.push(loc.diag(
                        field_at(i),
                        format!("column {}: the header names no category", i + 1),
                    ));
                } else if let Some(j) = categories
                    .iter()
                    .position(|(l, _)| theme_id(l) == theme_id(label))
                {
                    diags.push(loc.diag(
                        field_at(i),
                        format!(
                            "category {label:?} is the same theme id as column {} ({:?})",
                            j + 2,
                            categories[j].0
                        ),
                    ));
                }
                categories.push((label.to_string(), Vec::new()));
            }
            if categories.is_empty() {
                diags.push(loc.diag(
                    0,
                    "the header row names no categories (expected `DicTerm,category,...`)",
                ));
            }
            continue;
        }
        let term = record.get(0).unwrap_or("").trim();
        if term.is_empty() && record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let words: Vec<&str> = term.split_whitespace().collect();
        let position = loc.at(field_at(0));
        let base = match make_entry(&words, position, 1.0) {
            Ok(e) => e,
            Err(msg) => {
                diags.push(loc.diag(field_at(0), msg));
                continue;
            }
        };
        if record.len() > categories.len() + 1 {
            diags.push(loc.diag(
                field_at(categories.len() + 1),
                format!(
                    "{} cells, but the header names {} categories",
                    record.len() - 1,
                    categories.len()
                ),
            ));
            continue;
        }
        for (i, cell) in record.iter().enumerate().skip(1) {
            let cell = cell.trim();
            let weight = if cell.is_empty() {
                continue;
            } else if cell.eq_ignore_ascii_case("x") {
                1.0
            } else {
                match cell.parse::<f64>() {
                    Ok(w) if w.is_finite() => w,
                    _ => {
                        diags.push(loc.diag(field_at(i), format!(
                            "cell {cell:?} for {term:?} in {:?}: expected X, a number or nothing",
                            categories[i - 1].0
                        )));
                        continue;
                    }
                }
            };
            if weight != 0.0 {
                categories[i - 1].1.push(Entry {
                    weight,
                    ..base.clone()
                });
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let sha = sha256_hex(text.as_bytes());
    Ok(categories
        .into_iter()
        .map(|(label, entries)| {
            let description = format!("LIWC-22 category {label:?} from {name}");
            language_less_theme(name, &label, description, "liwc-22", &sha, entries)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon::EntryKind;

    #[test]
    fn columns_become_weighted_themes() {
        let text =
            "DicTerm,Work Stress,calm\nkiire*,X,\nrauha,,2.5\n\"in de wacht\",0.5,\nok,0,x\n";
        let themes = parse("w.dicx", text).unwrap();
        assert_eq!(themes.len(), 2);
        assert_eq!(&*themes[0].id, "work_stress");
        let stress: Vec<_> = themes[0]
            .side(Lang::Nl)
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.kind.name(), e.weight))
            .collect();
        assert_eq!(
            stress,
            [("kiire", "prefix", 1.0), ("in de wacht", "phrase", 0.5)]
        );
        let calm: Vec<_> = themes[1]
            .side(Lang::Fi)
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.weight))
            .collect();
        assert_eq!(calm, [("rauha", 2.5), ("ok", 1.0)]);
        assert_eq!(themes[1].side(Lang::Fi).entries[0].kind, EntryKind::Exact);
        assert_eq!(themes[1].side(Lang::Fi).entries[0].position.line, 3);
    }

    #[test]
    fn bad_cells_are_errors_with_line_and_column() {
        let err = parse("w.dicx", "DicTerm,a,b\nilo,X,yes\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "w.dicx:2:7: cell \"yes\" for \"ilo\" in \"b\": expected X, a number or nothing"
        );
        let err = parse("w.dicx", "DicTerm,a\nilo,X,X\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "w.dicx:2:7: 2 cells, but the header names 1 categories"
        );
        let err = parse("w.dicx", "DicTerm,a,\n").unwrap_err();
        assert!(err[0].to_string().starts_with("w.dicx:1:"), "{}", err[0]);
    }
}
