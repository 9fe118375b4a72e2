//! quanteda dictionaries in YAML (`dictionary(file = ..., format = "YAML")`, and what
//! `teema lexicon export --format yaml` writes): keys are categories, values lists of glob
//! patterns or nested keys.
//!
//! * `theme: [patterns]`: a theme for text in any language.
//! * `theme: {fi: [patterns], nl: [patterns]}`: a theme with language sides (the export's
//!   shape); other nested keys are sub-themes, named `parent_child`.
//!
//! Patterns, with quanteda's glob meaning as far as teema has it: a bare word matches exactly
//! (case-insensitively, as quanteda does), `word*` is a prefix, `*word` a compound head (a
//! suffix: teema also matches the head's inflected forms), several words are a phrase (each
//! word matched as a lemma, as teema's phrases are). `?`, and `*` elsewhere, are errors.

use super::liwc::theme_id;
use super::{Diagnostic, Entry, EntryKind, Locator, Role, Side, Theme, classify, sha256_hex};
use crate::lang::Lang;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A YAML node with the byte offset where it starts.
#[derive(Debug)]
enum Node {
    Scalar(String, usize),
    Seq(Vec<Node>, usize),
    Map(Vec<(Node, Node)>, usize),
}

impl Node {
    fn at(&self) -> usize {
        match self {
            Node::Scalar(_, at) | Node::Seq(_, at) | Node::Map(_, at) => *at,
        }
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Node>,
    root: Option<Node>,
    alias: Option<usize>,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Node::Seq(items, _)) => items.push(node),
            Some(Node::Map(pairs, _)) => {
                // a key waits as a pair with a placeholder value
                match pairs.last_mut() {
                    Some((_, v @ Node::Scalar(_, usize::MAX))) => *v = node,
                    _ => pairs.push((node, Node::Scalar(String::new(), usize::MAX))),
                }
            }
            _ => self.root = Some(node),
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let at = mark.index();
        match ev {
            Event::Scalar(s, ..) => self.push(Node::Scalar(s, at)),
            Event::SequenceStart(..) => self.stack.push(Node::Seq(Vec::new(), at)),
            Event::MappingStart(..) => self.stack.push(Node::Map(Vec::new(), at)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(node) = self.stack.pop() {
                    self.push(node);
                }
            }
            Event::Alias(_) => self.alias = self.alias.or(Some(at)),
            _ => {}
        }
    }
}

/// Parses a quanteda YAML dictionary into themes.
pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Theme>, Vec<Diagnostic>> {
    let loc = Locator::new(name, text);
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let at = char_to_byte(text, e.marker().index());
        return Err(vec![loc.diag(at, format!("YAML syntax: {}", e.info()))]);
    }
    let mut p = Reader {
        loc: &loc,
        text,
        diags: Vec::new(),
        themes: Vec::new(),
        name,
    };
    if let Some(at) = builder.alias {
        p.error(
            at,
            "YAML aliases are not supported in a dictionary; write the patterns out",
        );
    }
    match builder.root {
        Some(Node::Map(pairs, _)) => {
            for (key, value) in &pairs {
                p.category(key, value, "");
            }
        }
        Some(other) => p.error(
            other.at(),
            "a dictionary is a mapping of category names to pattern lists",
        ),
        None => p.error(0, "the dictionary is empty"),
    }
    if p.themes.is_empty() && p.diags.is_empty() {
        p.error(0, "the dictionary has no categories");
    }
    if p.diags.is_empty() {
        Ok(p.themes)
    } else {
        Err(p.diags)
    }
}

/// yaml-rust2 counts its marker index in characters; diagnostics want bytes.
fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

struct Reader<'a> {
    loc: &'a Locator<'a>,
    text: &'a str,
    diags: Vec<Diagnostic>,
    themes: Vec<Theme>,
    name: &'a str,
}

impl Reader<'_> {
    fn error(&mut self, at_chars: usize, message: impl Into<String>) {
        let at = char_to_byte(self.text, at_chars);
        self.diags.push(self.loc.diag(at, message));
    }

    fn category(&mut self, key: &Node, value: &Node, parent: &str) {
        let Node::Scalar(label, _) = key else {
            self.error(key.at(), "a category name must be a plain string");
            return;
        };
        let id = if parent.is_empty() {
            theme_id(label)
        } else {
            format!("{parent}_{}", theme_id(label))
        };
        match value {
            Node::Seq(items, _) => {
                let entries = self.patterns(items);
                let side = Side {
                    entries,
                    ..Side::default()
                };
                self.theme(&id, label, Lang::ALL.map(|_| side.clone()), true);
            }
            Node::Map(pairs, _) => {
                let mut sides: [Side; 2] = Default::default();
                let mut has_side = false;
                for (k, v) in pairs {
                    let lang = match k {
                        Node::Scalar(s, _) => s.parse::<Lang>().ok(),
                        _ => None,
                    };
                    match (lang, v) {
                        (Some(lang), Node::Seq(items, _)) => {
                            has_side = true;
                            sides[lang.index()].entries = self.patterns(items);
                        }
                        (Some(lang), other) => {
                            self.error(other.at(), format!("`{lang}` must be a list of patterns"))
                        }
                        (None, _) => self.category(k, v, &id),
                    }
                }
                if has_side {
                    self.theme(&id, label, sides, false);
                }
            }
            Node::Scalar(_, at) => self.error(
                *at,
                format!("category {label:?}: expected a list of patterns or nested categories"),
            ),
        }
    }

    fn theme(&mut self, id: &str, label: &str, sides: [Side; 2], any_language: bool) {
        self.themes.push(Theme {
            id: id.into(),
            label: label.to_string(),
            description: format!("quanteda dictionary key {label:?} from {}", self.name),
            inclusion: String::new(),
            version: "quanteda".into(),
            source: self.name.to_string(),
            sha256: sha256_hex(self.text.as_bytes()),
            sides,
            any_language,
        });
    }

    fn patterns(&mut self, items: &[Node]) -> Vec<Entry> {
        let mut out = Vec::new();
        for item in items {
            let Node::Scalar(s, at) = item else {
                self.error(item.at(), "a pattern must be a string");
                continue;
            };
            let position = self.loc.at(char_to_byte(self.text, *at));
            match pattern(s) {
                Ok((kind, term)) => out.push(Entry {
                    written: s.as_str().into(),
                    term,
                    kind,
                    weight: 1.0,
                    forms: Vec::new(),
                    class: None,
                    position,
                    role: Role::Evidence,
                    context: None,
                }),
                Err(msg) => self.error(*at, format!("pattern {s:?}: {msg}")),
            }
        }
        out
    }
}

/// A glob pattern as a teema entry kind and term.
fn pattern(s: &str) -> Result<(EntryKind, String), String> {
    let s = s.trim();
    if s.contains('?') {
        return Err("`?` globs are not supported".into());
    }
    if s.contains(char::is_whitespace) {
        return classify(s);
    }
    let inner = s.trim_start_matches('*').trim_end_matches('*');
    if inner.contains('*') {
        return Err("`*` can only start (a compound head) or end (a prefix) a pattern".into());
    }
    match (s.starts_with('*'), s.ends_with('*') && s.len() > 1) {
        (true, true) => Err("use either *head or prefix*, not both".into()),
        (true, false) | (false, true) => classify(s),
        (false, false) => classify(&format!("={s}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_themes_with_or_without_sides() {
        let text = "after_hours:\n  fi:\n    - \"ylityö*\"\n    - klo\n  nl:\n    - \"*dienst\"\n    - in de avond\nstress:\n  - kiire\nwork:\n  late:\n    - ilta\n";
        let themes = parse("d.yaml", text).unwrap();
        let ids: Vec<_> = themes.iter().map(|t| (&*t.id, t.any_language)).collect();
        assert_eq!(
            ids,
            [
                ("after_hours", false),
                ("stress", true),
                ("work_late", true)
            ]
        );
        let fi: Vec<_> = themes[0]
            .side(Lang::Fi)
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.kind.name(), e.position.line))
            .collect();
        assert_eq!(fi, [("ylityö", "prefix", 3), ("klo", "exact", 4)]);
        let nl: Vec<_> = themes[0]
            .side(Lang::Nl)
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.kind.name()))
            .collect();
        assert_eq!(nl, [("dienst", "compound head"), ("in de avond", "phrase")]);
        assert_eq!(themes[1].side(Lang::Nl).entries[0].term, "kiire");
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = parse("d.yaml", "a:\n  - ok\n  - \"x?\"\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "d.yaml:3:5: pattern \"x?\": `?` globs are not supported"
        );
        let err = parse("d.yaml", "a: [b\n").unwrap_err();
        assert!(err[0].to_string().starts_with("d.yaml:"), "{}", err[0]);
        assert!(err[0].to_string().contains("YAML syntax"), "{}", err[0]);
        let err = parse("d.yaml", "a: word\n").unwrap_err();
        assert!(
            err[0].to_string().starts_with("d.yaml:1:4: category \"a\""),
            "{}",
            err[0]
        );
    }
}
