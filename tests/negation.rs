//! Negation scope on hand-written Finnish and Dutch cases (`tests/negation-cases/*.toml`):
//! every case's expected flag is asserted (known limits excepted), and precision and
//! recall of the `negated` flag are printed per language
//! (`cargo test --test negation -- --nocapture`).

use serde::Deserialize;
use std::path::Path;
use teema::lang::Lang;
use teema::negation::Scopes;
use teema::normalise::{Normalised, normalise_into};
use teema::tokenise::{TokenKind, tokenise};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    target: String,
    #[serde(default = "first")]
    occurrence: usize,
    negated: bool,
    cue: Option<String>,
    #[serde(default)]
    known_limit: bool,
    /// `clause` (a scope ending at a clause boundary), `double` (two cues) or `quoted` (a
    /// negation in a quotation); every case is also a negated or a not negated one.
    sort: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

fn first() -> usize {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

/// Counts of the `negated` flag against the expected one.
#[derive(Debug, Default)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
    tn: u32,
}

impl Counts {
    fn precision(&self) -> f64 {
        f64::from(self.tp) / f64::from(self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        f64::from(self.tp) / f64::from(self.tp + self.fn_)
    }
}

/// Byte range of the `occurrence`-th run of whole tokens spelling `target` in `text`.
fn locate(text: &str, target: &str, occurrence: usize) -> Option<(usize, usize)> {
    let tokens = tokenise(text);
    let words: Vec<&str> = target.split_whitespace().collect();
    let toks = &tokens.tokens;
    let mut seen = 0;
    for i in 0..toks.len() {
        let run = toks.get(i..i + words.len())?;
        if run.iter().zip(&words).all(|(t, w)| t.text(text) == *w) {
            seen += 1;
            if seen == occurrence {
                return Some((run[0].start as usize, run[run.len() - 1].end as usize));
            }
        }
    }
    None
}

/// Runs the cases of `file` in `lang`; returns the counts and the failures.
/// The sorts of case that each language needs at least [`MIN_PER_SORT`] of.
const SORTS: [&str; 5] = ["negated", "not negated", "clause", "double", "quoted"];
const MIN_PER_SORT: usize = 20;

/// The result of one language's cases.
struct Run {
    counts: Counts,
    /// Per sort (of [`SORTS`]): cases, and cases whose flag and cue came out right.
    sorts: std::collections::BTreeMap<&'static str, (usize, usize)>,
    failures: Vec<String>,
    cases: usize,
    limits: usize,
}

fn run(lang: Lang, file: &str) -> Run {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/negation-cases")
        .join(file);
    let data = std::fs::read_to_string(&path).unwrap();
    let cases: Cases = toml::from_str(&data).unwrap();
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    let mut norm = Normalised::default();
    let mut scopes = Scopes::new();
    let mut limits = 0;
    let mut sorts = std::collections::BTreeMap::new();
    for case in &cases.case {
        normalise_into(&case.text, &mut norm);
        let text = norm.text.as_str();
        let tokens = tokenise(text);
        assert!(tokens.tokens.iter().any(|t| t.kind == TokenKind::Word));
        let target = case.target.to_lowercase();
        let (start, end) = locate(text, &target, case.occurrence)
            .unwrap_or_else(|| panic!("{file}: target {target:?} not in {:?}", case.text));
        scopes.scan_into(lang, text, &tokens.tokens);
        let cue = scopes.negating(start, end);
        let got = cue.is_some();
        match (case.negated, got) {
            (true, true) => counts.tp += 1,
            (false, true) => counts.fp += 1,
            (true, false) => counts.fn_ += 1,
            (false, false) => counts.tn += 1,
        }
        let cue_text = cue.map(|c| &text[c.start..c.end]);
        let cue_ok = match (&case.cue, cue_text) {
            (Some(want), Some(got)) => want == got,
            _ => true,
        };
        let right = case.negated == got && cue_ok;
        let flag = if case.negated {
            "negated"
        } else {
            "not negated"
        };
        for sort in [Some(flag), case.sort.as_deref()].into_iter().flatten() {
            let sort = SORTS
                .iter()
                .find(|s| **s == sort)
                .unwrap_or_else(|| panic!("{file}: unknown sort {sort:?}"));
            let (n, ok) = sorts.entry(*sort).or_insert((0, 0));
            *n += 1;
            *ok += usize::from(right);
        }
        if case.known_limit {
            limits += 1;
            if right {
                failures.push(format!(
                    "{file}: known limit now passes, remove the mark: {:?} in {:?}",
                    case.target, case.text
                ));
            }
        } else if !right {
            failures.push(format!(
                "{file}: {:?} in {:?}: expected negated={} cue={:?}, got negated={got} cue={cue_text:?}",
                case.target, case.text, case.negated, case.cue
            ));
        }
    }
    Run {
        counts,
        sorts,
        failures,
        cases: cases.case.len(),
        limits,
    }
}

#[test]
fn negation_cases() {
    let mut failures = Vec::new();
    for (lang, file) in [(Lang::Fi, "fi.toml"), (Lang::Nl, "nl.toml")] {
        let Run {
            counts: c,
            sorts,
            failures: f,
            cases: n,
            limits,
        } = run(lang, file);
        println!(
            "{lang}: {n} cases ({limits} known limits): precision {:.3} ({}/{}), recall {:.3} ({}/{}); tp {} fp {} fn {} tn {}",
            c.precision(),
            c.tp,
            c.tp + c.fp,
            c.recall(),
            c.tp,
            c.tp + c.fn_,
            c.tp,
            c.fp,
            c.fn_,
            c.tn
        );
        for sort in SORTS {
            let (cases, right) = sorts.get(sort).copied().unwrap_or_default();
            println!("  {sort}: {cases} cases, {right} right");
            assert!(
                cases >= MIN_PER_SORT,
                "{file}: {cases} cases of sort {sort}, want at least {MIN_PER_SORT}"
            );
        }
        assert!(n >= 25, "{file}: at least 25 cases");
        assert!(limits * 10 <= n, "{file}: known limits must stay few");
        failures.extend(f);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
