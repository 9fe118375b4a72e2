//! Lexicon audits: the lint warnings of `teema lexicon check` and the example tests of
//! `teema lexicon test`.
//!
//! Lints catch entries that are legal but probably not what the author meant: duplicates
//! (within and across themes), entries shadowed by a prefix that already covers them,
//! regexes that can match the empty string, very short prefixes, and entries whose
//! normalised form differs from what was written. Example tests run every theme's
//! `examples` through the real pipeline.

use crate::analyse::{AnalyseOptions, Analyser};
use crate::lang::{Detector, Lang};
use crate::lexicon::{Entry, EntryKind, Lexicon, Position, Role, Side};
use crate::matcher::Matcher;
use std::collections::BTreeMap;
use std::fmt;

/// Prefixes shorter than this (in characters) over-match.
pub const MIN_PREFIX_CHARS: usize = 4;

/// A lint warning about one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where the entry was written.
    pub position: Position,
    /// What looks wrong.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.position, self.message)
    }
}

fn kind_key(e: &Entry) -> (&'static str, &str) {
    (e.kind.name(), e.term.as_str())
}

/// The written entry without its kind markers, normalised only by trimming.
fn written_term(e: &Entry) -> &str {
    let w = e.written.trim();
    match e.kind {
        EntryKind::Exact => w.strip_prefix('=').unwrap_or(w),
        EntryKind::CompoundHead => w.strip_prefix('*').unwrap_or(w),
        EntryKind::Prefix => w.strip_suffix('*').unwrap_or(w),
        _ => w,
    }
}

/// Context rules that cannot work as written: a rule naming the gated entry itself (only
/// another occurrence of it could satisfy it), and a context word that is a word of the
/// gated phrase (the longer match wins the overlap, so it never fires there).
fn lint_context(e: &Entry, side: &Side, warn: &mut impl FnMut(&Entry, String)) {
    let Some(rule) = &e.context else { return };
    for &id in &rule.entries {
        let c = &side.entries[id as usize];
        if std::ptr::eq(c, e) {
            warn(
                e,
                format!(
                    "the context of {:?} lists the entry itself: only a second occurrence satisfies it",
                    e.written
                ),
            );
        } else if let EntryKind::Phrase(words) = &e.kind
            && words.contains(&c.term)
        {
            warn(
                e,
                format!(
                    "context word {:?} is a word of the phrase {:?}: the phrase's match covers it, so it never counts as context",
                    c.written, e.written
                ),
            );
        }
    }
}

/// Lint warnings for every entry of `lexicon`, in file order.
pub fn lint(lexicon: &Lexicon) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut warn = |e: &Entry, message: String| {
        warnings.push(Warning {
            position: e.position.clone(),
            message,
        })
    };
    // (lang, is exclude, kind, term) → first theme and entry that used it. An exclude of
    // one theme that is an entry of another is deliberate, so the two are kept apart.
    let mut seen: BTreeMap<(Lang, bool, &str, &str), (&str, &Entry)> = BTreeMap::new();
    for theme in &lexicon.themes {
        for lang in Lang::ALL {
            // a theme without language sides has the same entries on both: lint them once
            if theme.any_language && lang != Lang::ALL[0] {
                continue;
            }
            let side = theme.side(lang);
            let prefixes: Vec<&Entry> = side
                .entries
                .iter()
                // a context word never counts, so it shadows nothing
                .filter(|e| e.kind == EntryKind::Prefix && e.role != Role::Context)
                .collect();
            let excludes = side.exclude.iter().map(|e| (true, e));
            for e in &side.entries {
                lint_context(e, side, &mut warn);
            }
            let counted = side.entries.iter().filter(|e| e.role != Role::Context);
            for (is_exclude, e) in counted.map(|e| (false, e)).chain(excludes) {
                let (kind, term) = kind_key(e);
                match seen.get(&(lang, is_exclude, kind, term)) {
                    Some((id, first)) if *id == &*theme.id => warn(
                        e,
                        format!(
                            "duplicate {kind} entry {:?} (also at {})",
                            e.written, first.position
                        ),
                    ),
                    Some(_) if is_exclude => {}
                    // the branches of a LIWC2007 conditional never count together
                    Some((_, first))
                        if e.context.as_ref().is_some_and(|r| r.adjacent.is_some())
                            && first.context.as_ref().is_some_and(|r| r.adjacent.is_some()) => {}
                    Some((id, first)) => warn(
                        e,
                        format!(
                            "{kind} entry {:?} is also in theme {id:?} (at {}); a match counts for both",
                            e.written, first.position
                        ),
                    ),
                    None => {
                        seen.insert((lang, is_exclude, kind, term), (&theme.id, e));
                    }
                }
                match &e.kind {
                    EntryKind::Prefix if e.term.chars().count() < MIN_PREFIX_CHARS => warn(
                        e,
                        format!(
                            "prefix {:?} is shorter than {MIN_PREFIX_CHARS} letters and will match many unrelated words",
                            e.written
                        ),
                    ),
                    EntryKind::Regex(re) if re.0.is_match("") => {
                        warn(
                            e,
                            format!("regex {:?} can match the empty string", e.written),
                        );
                    }
                    _ => {}
                }
                if !matches!(e.kind, EntryKind::Regex(_)) && written_term(e) != e.term {
                    warn(
                        e,
                        format!(
                            "entry {:?} is matched as {:?} after normalisation; write it that way",
                            written_term(e),
                            e.term
                        ),
                    );
                }
                let shadowing = prefixes.iter().find(|p| {
                    !std::ptr::eq(**p, e)
                        && matches!(
                            e.kind,
                            EntryKind::Lemma | EntryKind::Exact | EntryKind::Prefix
                        )
                        && e.term.starts_with(p.term.as_str())
                        && !is_exclude
                });
                if let Some(p) = shadowing {
                    warn(
                        e,
                        format!(
                            "{:?} is shadowed by prefix {:?} (at {}), which already matches it",
                            e.written, p.written, p.position
                        ),
                    );
                }
            }
        }
    }
    warnings.sort_by(|a, b| {
        (&a.position.file, a.position.line, a.position.col).cmp(&(
            &b.position.file,
            b.position.line,
            b.position.col,
        ))
    });
    warnings
}

/// One example sentence that did not behave as its lexicon says.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    /// Theme id.
    pub theme: String,
    /// The side the example belongs to.
    pub lang: Lang,
    /// `true` for a positive example that did not match, `false` for a negative one that did.
    pub positive: bool,
    /// The sentence.
    pub sentence: String,
    /// What fired (for negatives): `entry → text` pairs.
    pub fired: Vec<String>,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.positive {
            write!(
                f,
                "{} [{}]: positive example matched nothing: {:?}",
                self.theme, self.lang, self.sentence
            )
        } else {
            write!(
                f,
                "{} [{}]: negative example matched {}: {:?}",
                self.theme,
                self.lang,
                self.fired.join(", "),
                self.sentence
            )
        }
    }
}

/// Results of running every theme's examples.
#[derive(Debug, Clone, Default)]
pub struct ExampleReport {
    /// Examples that behaved as stated.
    pub passed: usize,
    /// Examples that did not.
    pub failures: Vec<ExampleFailure>,
}

/// Runs every example sentence of every theme through the real pipeline, with the
/// example's language forced.
pub fn test_examples(matcher: &Matcher) -> ExampleReport {
    let detector = Detector::default();
    let mut report = ExampleReport::default();
    for lang in Lang::ALL {
        // An example is a sentence, not a page: no site-chrome rules.
        let options = AnalyseOptions {
            lang: Some(lang),
            evidence: true,
            profile: crate::segment::Choice::Off,
            ..AnalyseOptions::default()
        };
        let mut analyser = Analyser::new(matcher, &detector, options);
        for theme in &matcher.lexicon().themes {
            let examples = &theme.side(lang).examples;
            let cases = examples
                .positive
                .iter()
                .map(|s| (true, s))
                .chain(examples.negative.iter().map(|s| (false, s)));
            for (positive, sentence) in cases {
                let doc = analyser
                    .analyse(String::new(), sentence.as_bytes())
                    .expect("UTF-8 text always decodes");
                let fired: Vec<String> = doc
                    .matches
                    .unwrap_or_default()
                    .into_iter()
                    // topic matches name the topic, they are no evidence of the theme
                    .filter(|m| m.theme == theme.id && !m.topic)
                    .map(|m| format!("{} → {:?}", m.entry, m.text))
                    .collect();
                if positive == fired.is_empty() {
                    report.failures.push(ExampleFailure {
                        theme: theme.id.to_string(),
                        lang,
                        positive,
                        sentence: sentence.clone(),
                        fired,
                    });
                } else {
                    report.passed += 1;
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse_source;

    #[test]
    fn liwc_conditional_branches_and_language_less_sides_warn_once() {
        let dic = "%\n1\tpronoun\n2\tverb\n3\tposemo\n%\ni\t1\nhappy\t3 2\nlike\t(01)2/3\n";
        let lexicon = Lexicon::from_themes(parse_source("c.dic", dic).unwrap()).unwrap();
        let w: Vec<String> = lint(&lexicon).iter().map(|w| w.message.clone()).collect();
        // `happy` in two categories counts for both (said once, not per language); the two
        // branches of `like` never do
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("\"happy\" is also in theme"), "{w:?}");
    }

    fn lexicon(files: &[(&str, &str)]) -> Lexicon {
        let mut themes = Vec::new();
        for (name, text) in files {
            themes.extend(parse_source(name, text).unwrap());
        }
        Lexicon::from_themes(themes).unwrap()
    }

    #[test]
    fn lints_find_each_problem_where_it_was_written() {
        let a = "id = \"a\"\nlabel = \"A\"\nversion = \"1\"\n[fi]\nentries = [\"kiire\", \"kiire\", \"ylityö*\", \"ylityöt\", \"ab*\", '/x*/', \"Jono\", \"yhteinen\"]\n";
        let b = "id = \"b\"\nlabel = \"B\"\nversion = \"1\"\n[fi]\nentries = [\"yhteinen\"]\n";
        let w: Vec<String> = lint(&lexicon(&[("a.toml", a), ("b.toml", b)]))
            .iter()
            .map(ToString::to_string)
            .collect();
        let has = |needle: &str| w.iter().any(|x| x.contains(needle));
        assert!(
            has("a.toml:5:21: warning: duplicate lemma entry \"kiire\""),
            "{w:#?}"
        );
        assert!(
            has("\"ylityöt\" is shadowed by prefix \"ylityö*\""),
            "{w:#?}"
        );
        assert!(has("prefix \"ab*\" is shorter than 4 letters"), "{w:#?}");
        assert!(has("regex \"/x*/\" can match the empty string"), "{w:#?}");
        assert!(has("entry \"Jono\" is matched as \"jono\""), "{w:#?}");
        assert!(
            has("b.toml:5:12: warning: lemma entry \"yhteinen\" is also in theme \"a\""),
            "{w:#?}"
        );
        assert_eq!(w.len(), 6, "{w:#?}");
    }

    #[test]
    fn a_context_word_shadows_no_entry() {
        let a = "id = \"a\"\nlabel = \"A\"\nversion = \"1\"\n[fi]\nentries = [\"työmäärä\", { term = \"stressi\", context = [\"työ*\"] }]\n";
        let w = lint(&lexicon(&[("a.toml", a)]));
        assert!(w.is_empty(), "{w:#?}");
    }

    #[test]
    fn examples_report_what_failed() {
        let a = "id = \"a\"\nlabel = \"A\"\nversion = \"1\"\n[fi]\nentries = [\"jono\"]\n[fi.examples]\npositive = [\"Pitkä jono.\", \"Ei mitään.\"]\nnegative = [\"Jonossa taas.\", \"Kaupassa.\"]\n";
        let m = Matcher::new(lexicon(&[("a.toml", a)]), crate::morph::default_backend());
        let r = test_examples(&m);
        assert_eq!(r.passed, 2);
        assert_eq!(r.failures.len(), 2);
        assert!(r.failures[0].positive && r.failures[0].sentence == "Ei mitään.");
        assert!(!r.failures[1].positive && r.failures[1].fired[0].contains("Jonossa"));
    }
}
