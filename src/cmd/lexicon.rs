//! `teema lexicon …`: list, check, test, coverage, forms and export.

use super::{Error, open_matcher, print_skipped, write_out};
use crate::cli::{CorpusArgs, ExportFormat, LexiconCommand};
use std::fmt::Write as _;
use std::path::PathBuf;
use teema::lexicon::EntryKind;
use teema::lexicon_tools::{audit, coverage, export, validate};
use teema::morph::Backend;
use teema::{AnalyseOptions, Exit, Lang, LexiconOptions, RunError};

/// Runs one lexicon subcommand.
pub fn run(command: LexiconCommand) -> Result<Exit, Error> {
    match command {
        LexiconCommand::List(lexicons) => list(&lexicons.options()),
        LexiconCommand::Check { paths, morph } => check(&options(paths, morph.morph)),
        LexiconCommand::Test { paths, morph } => test(&options(paths, morph.morph)),
        LexiconCommand::Coverage { corpus, top } => coverage(corpus, top),
        LexiconCommand::Forms { entry, lang, morph } => forms(&entry, lang.lang(), morph.morph),
        LexiconCommand::Export {
            format,
            lang,
            lexicons,
        } => export(format, lang.map(|l| l.lang()), &lexicons.options()),
        LexiconCommand::Sample {
            corpus,
            theme,
            n,
            seed,
        } => sample(corpus, theme, n, seed),
        LexiconCommand::Validate {
            judged,
            lexicons,
            labels,
            ud,
            min_precision,
            min_retained,
        } => {
            let floors = Floors {
                precision: min_precision,
                retained: min_retained,
            };
            validate(&judged, &lexicons.options(), labels.as_deref(), ud, floors)
        }
    }
}

/// What the lexicon subcommands that read a corpus open: lexicons, inputs and profiles.
struct Reading {
    matcher: teema::Matcher,
    inputs: teema::input::Inputs,
    segmenter: teema::segment::Profiles,
    options: AnalyseOptions,
}

impl Reading {
    fn open(corpus: CorpusArgs, command: &str) -> Result<Reading, Error> {
        let CorpusArgs {
            input,
            segment,
            lexicons,
            lang,
        } = corpus;
        super::require_input(&input, command)?;
        let matcher = open_matcher(&lexicons.options())?;
        let inputs = teema::input::Inputs::new(&input.options()).map_err(RunError::from)?;
        let (segmenter, profile) = segment.options().open().map_err(RunError::from)?;
        let options = AnalyseOptions {
            lang: lang.lang(),
            profile,
            ..AnalyseOptions::default()
        };
        Ok(Reading {
            matcher,
            inputs,
            segmenter,
            options,
        })
    }
}

fn options(paths: Vec<PathBuf>, morph: Backend) -> LexiconOptions {
    LexiconOptions { paths, morph }
}

/// `lexicon list`: themes with version, entries per language and fingerprint.
fn list(options: &LexiconOptions) -> Result<Exit, Error> {
    let lex = options.load()?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<20} {:<8} {:>4} {:>4}  {:<16}  label",
        "id", "version", "fi", "nl", "sha256"
    );
    for t in &lex.themes {
        let _ = writeln!(
            out,
            "{:<20} {:<8} {:>4} {:>4}  {:<16}  {}",
            t.id,
            t.version,
            t.side(Lang::Fi).entries.len(),
            t.side(Lang::Nl).entries.len(),
            &t.sha256[..16],
            t.label
        );
    }
    write_out(out.as_bytes())?;
    Ok(Exit::Success)
}

/// `lexicon check`: parse, lint and compile.
fn check(options: &LexiconOptions) -> Result<Exit, Error> {
    let lex = options.load()?;
    let warnings = audit::lint(&lex);
    for w in &warnings {
        eprintln!("{w}");
    }
    let matcher = teema::Matcher::new(lex, options.morph.load().map_err(RunError::from)?);
    let lex = matcher.lexicon();
    let entries: usize = lex
        .themes
        .iter()
        .flat_map(|t| t.sides.iter())
        .map(|s| s.entries.len() + s.exclude.len())
        .sum();
    let line = format!(
        "ok: {} themes, {entries} entries, {} warnings\n",
        lex.themes.len(),
        warnings.len()
    );
    write_out(line.as_bytes())?;
    Ok(Exit::Success)
}

/// `lexicon test`: every theme's example sentences.
fn test(options: &LexiconOptions) -> Result<Exit, Error> {
    let matcher = open_matcher(options)?;
    let report = audit::test_examples(&matcher);
    let mut out = String::new();
    for f in &report.failures {
        let _ = writeln!(out, "FAIL {f}");
    }
    let _ = writeln!(
        out,
        "{} passed, {} failed",
        report.passed,
        report.failures.len()
    );
    write_out(out.as_bytes())?;
    Ok(if report.failures.is_empty() {
        Exit::Success
    } else {
        Exit::Failure
    })
}

/// `lexicon coverage`: unmatched words that share sentences with a theme's hits.
fn coverage(corpus: CorpusArgs, top: usize) -> Result<Exit, Error> {
    let r = Reading::open(corpus, "lexicon coverage")?;
    let found = coverage::coverage(&r.matcher, &r.inputs, &r.segmenter, r.options, top);
    found.skipped.iter().for_each(print_skipped);
    let mut out = String::new();
    let _ = writeln!(out, "{} documents read", found.documents);
    for c in found.themes {
        let _ = writeln!(
            out,
            "\n{} [{}]: {} sentences with hits; words there in no lexicon (count, documents):",
            c.theme, c.lang, c.sentences
        );
        for w in c.words {
            let _ = writeln!(out, "  {:>6} {:>6}  {}", w.count, w.documents, w.word);
        }
    }
    write_out(out.as_bytes())?;
    Ok(if found.skipped.is_empty() {
        Exit::Success
    } else {
        Exit::Partial
    })
}

/// `lexicon forms`: the surface forms an entry will match.
fn forms(entry: &str, lang: Lang, backend: Backend) -> Result<Exit, Error> {
    let (kind, term) = teema::lexicon::classify(entry)
        .map_err(|e| Error::Message(format!("entry {entry:?}: {e}")))?;
    let morph = backend.load().map_err(RunError::from)?;
    let forms = |w: &str| {
        let mut f = morph.forms(lang, w, None);
        f.sort();
        f.dedup();
        f
    };
    let class = morph
        .class_of(lang, &term)
        .map(|c| format!(", class {c}"))
        .unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{entry}: {} [{lang}, {}{class}]",
        kind.name(),
        morph.name()
    );
    match &kind {
        EntryKind::Lemma | EntryKind::CompoundHead => {
            for f in forms(&term) {
                let _ = writeln!(out, "{f}");
            }
            if let Some(k) = morph.key(lang, &term) {
                let _ = writeln!(out, "(and any word whose stem is {k:?})");
            }
            if kind == EntryKind::CompoundHead {
                let _ = writeln!(
                    out,
                    "(and any compound ending in one of these after a modifier of {}+ letters or a hyphen)",
                    teema::matcher::MIN_MODIFIER_CHARS
                );
            }
        }
        EntryKind::Exact => {
            let _ = writeln!(out, "{term}");
        }
        EntryKind::Prefix => {
            let _ = writeln!(out, "(any word starting with {term:?})");
        }
        EntryKind::Phrase(words) => {
            for w in words {
                let _ = writeln!(out, "{w}: {}", forms(w).join(" "));
            }
        }
        EntryKind::Regex(_) => {
            let _ = writeln!(out, "(the regex {term:?} over the normalised text)");
        }
    }
    write_out(out.as_bytes())?;
    Ok(Exit::Success)
}

/// `lexicon export`: a LIWC `.dic` or a quanteda YAML dictionary.
fn export(
    format: ExportFormat,
    lang: Option<Lang>,
    options: &LexiconOptions,
) -> Result<Exit, Error> {
    let lex = options.load()?;
    let morph = options.morph.load().map_err(RunError::from)?;
    let export = match format {
        ExportFormat::Dic => export::to_dic(&lex, morph.as_ref(), lang),
        ExportFormat::Yaml => export::to_yaml(&lex, morph.as_ref(), lang),
    };
    for w in &export.warnings {
        eprintln!("warning: {w}");
    }
    write_out(export.text.as_bytes())?;
    Ok(Exit::Success)
}

/// `lexicon sample`: a reproducible random sample of matches as CSV, to judge.
fn sample(corpus: CorpusArgs, theme: Option<String>, n: usize, seed: u64) -> Result<Exit, Error> {
    let r = Reading::open(corpus, "lexicon sample")?;
    if let Some(t) = &theme
        && !r.matcher.lexicon().themes.iter().any(|x| *x.id == **t)
    {
        return Err(Error::Message(format!(
            "--theme {t:?}: no such theme in the lexicons"
        )));
    }
    let (rows, skipped) = validate::sample(
        &r.matcher,
        &r.inputs,
        &r.segmenter,
        r.options,
        theme.as_deref(),
        n,
        seed,
    );
    skipped.iter().for_each(print_skipped);
    write_out(validate::sample_csv(&rows).as_bytes())?;
    Ok(if skipped.is_empty() {
        Exit::Success
    } else {
        Exit::Partial
    })
}

/// `--min-precision` and `--min-retained` of `lexicon validate`.
struct Floors {
    precision: Option<f64>,
    retained: Option<f64>,
}

/// `lexicon validate`: precision of a judged sample under the current lexicons.
fn validate(
    judged: &std::path::Path,
    options: &LexiconOptions,
    labels: Option<&std::path::Path>,
    ud: Option<PathBuf>,
    floors: Floors,
) -> Result<Exit, Error> {
    let matcher = open_matcher(options)?;
    let rows = validate::load_judged(judged).map_err(Error::Message)?;
    let sources = validate::Sources {
        base: PathBuf::from("."),
        ud,
    };
    let report = validate::validate(&matcher, &rows, &sources);
    let docs = match labels {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::Message(format!("{}: cannot read: {e}", path.display())))?;
            let labels = validate::read_labels(&path.display().to_string(), &text)
                .map_err(Error::Message)?;
            Some(validate::documents(&matcher, &labels, &sources.base))
        }
        None => None,
    };
    write_out(validate::render(&report, docs.as_ref()).as_bytes())?;
    let mut below = Vec::new();
    for ((lang, theme), t) in &report.themes {
        if let Some(p) = floors.precision
            && t.firing.precision() < p
        {
            below.push(format!(
                "{lang} {theme}: precision {:.3} < {p}",
                t.firing.precision()
            ));
        }
        if let Some(r) = floors.retained
            && t.judged_on > 0
            && (t.on_still_firing as f64) < r * t.judged_on as f64
        {
            below.push(format!(
                "{lang} {theme}: {}/{} judged `on` matches still fire (< {r})",
                t.on_still_firing, t.judged_on
            ));
        }
    }
    if !report.unreadable.is_empty() {
        below.push(format!(
            "{} judged documents could not be read",
            report.unreadable.len()
        ));
    }
    if below.is_empty() {
        Ok(Exit::Success)
    } else {
        Err(Error::Message(format!(
            "below the floors:\n  {}",
            below.join("\n  ")
        )))
    }
}
