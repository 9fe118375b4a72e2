//! The `teema` command: parse arguments, call the library, map the result to an exit code.

mod cli;

use clap::Parser;
use cli::{Cli, Command, LexiconCommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;
use teema::config::{Config, default_threads};
use teema::exit::Exit;
use teema::pipeline::{Observer, Reported, RunError, load_lexicon};
use teema::records::ReadOptions;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; a bad flag is exit code 1, not clap's 2
            // (2 means "some inputs were skipped").
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Failure.into()
            } else {
                Exit::Success.into()
            };
        }
    };
    let exit = match cli.command {
        Command::Analyse(args) => analyse(args),
        Command::Lexicon(cmd) => lexicon(cmd),
        Command::Morph {
            words,
            lang,
            lexicons,
        } => morph(&words, lang.lang(), &lexicons.paths),
        Command::Segments {
            files,
            profile,
            profiles,
        } => segments(&files, &profile, &profiles),
    };
    exit.into()
}

fn analyse(args: cli::AnalyseArgs) -> Exit {
    if args.paths.is_empty() && std::io::stdin().is_terminal() {
        eprintln!(
            "teema: no input: give files or folders to analyse, or pipe text into teema \
             (see `teema analyse --help`)"
        );
        return Exit::Failure;
    }
    let config = Config {
        inputs: args.paths,
        lexicons: args.lexicons.paths,
        format: args.format,
        output: args.output,
        threads: args.threads.map_or_else(default_threads, usize::from),
        lang: args.lang.lang(),
        evidence: args.evidence,
        globs: args.glob,
        hidden: args.hidden,
        follow: args.follow,
        quiet: args.quiet,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        morph: args.morph.name().to_string(),
        profile: args.profile,
        profiles: args.profiles,
        keep_boilerplate: args.keep_boilerplate,
        unit: args.unit,
        read: ReadOptions {
            format: args.input,
            text_field: args.text_field,
            id_field: args.id_field,
            max_decompressed: args.max_decompressed,
        },
        group_by: args.group_by,
        fields: args.field,
    };
    let mut observer = Console::new(&config);
    let result = teema::pipeline::run(&config, &mut std::io::stdout().lock(), &mut observer);
    observer.finish();
    match result {
        Ok(summary) if summary.skipped > 0 => Exit::Partial,
        Ok(_) => Exit::Success,
        Err(e) if e.is_broken_pipe() => Exit::Success,
        Err(e) => {
            report_error(&e);
            Exit::Failure
        }
    }
}

fn report_error(e: &RunError) {
    let hint = match e {
        RunError::Lexicon(_) => {
            "\nteema: fix the lexicon (check it with `teema lexicon check PATH`)"
        }
        RunError::Output { .. } => "\nteema: choose a writable path for --output",
        RunError::Profile(_) => {
            "\nteema: fix the site profile (see `teema segments --help` and profiles/README.md)"
        }
        _ => "",
    };
    eprintln!("teema: {e}{hint}");
}

/// Progress bar and warnings on standard error.
struct Console {
    bar: Option<ProgressBar>,
    quiet: bool,
    bytes: u64,
    started: Instant,
}

impl Console {
    fn new(config: &Config) -> Console {
        let bar = config.progress.then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} files  {msg}  {elapsed}")
                    .expect("valid template"),
            );
            bar
        });
        Console {
            bar,
            quiet: config.quiet,
            bytes: 0,
            started: Instant::now(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Console {
    fn reported(&mut self, outcome: Reported<'_>, discovered: u64) {
        match outcome {
            Reported::Document { bytes } => self.bytes += bytes,
            Reported::Skipped(s) if !self.quiet => {
                let line = format!("teema: skipped {}: {}", s.path, s.reason);
                match &self.bar {
                    Some(bar) => bar.println(line),
                    None => {
                        let _ = writeln!(std::io::stderr(), "{line}");
                    }
                }
            }
            Reported::Skipped(_) => {}
        }
        if let Some(bar) = &self.bar {
            bar.set_length(discovered);
            bar.inc(1);
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{:.1} MB/s", self.bytes as f64 / 1e6 / secs));
        }
    }
}

fn morph(words: &[String], lang: teema::lang::Lang, lexicons: &[std::path::PathBuf]) -> Exit {
    let lex = match load_lexicon(lexicons) {
        Ok(lex) => lex,
        Err(e) => {
            eprintln!("{e}");
            return Exit::Failure;
        }
    };
    let matcher = teema::matcher::Matcher::new(lex, teema::morph::default_backend());
    let searcher = matcher.searcher();
    let mut out = std::io::stdout().lock();
    for word in words {
        let norm = teema::normalise::normalise_str(word);
        let _ = writeln!(out, "{word} → {norm} [{lang}, {}]", matcher.morphology());
        let found = searcher.explain(lang, &norm);
        if found.is_empty() {
            let _ = writeln!(out, "  matches no entry");
        }
        for x in found {
            let theme = &matcher.lexicon().themes[x.theme as usize];
            let side = theme.side(lang);
            let (entry, role) = if x.exclude {
                (&side.exclude[x.entry as usize], "exclude")
            } else {
                (&side.entries[x.entry as usize], "entry")
            };
            let why = match &x.via {
                teema::matcher::Via::Form(f) => format!("generated form {f:?}"),
                teema::matcher::Via::Key(k) => format!("same stem {k:?}"),
                teema::matcher::Via::Compound(m, h) => format!("compound {m}|{h}"),
                teema::matcher::Via::Prefix(p) => format!("prefix {p:?}"),
            };
            let _ = writeln!(
                out,
                "  {} {role} {:?} ({}, {}): {why}",
                theme.id,
                entry.written,
                entry.kind.name(),
                entry.position
            );
        }
    }
    Exit::Success
}

fn lexicon(cmd: LexiconCommand) -> Exit {
    match cmd {
        LexiconCommand::List(args) => match load_lexicon(&args.paths) {
            Ok(lex) => {
                let mut out = std::io::stdout().lock();
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
                        t.side(teema::lang::Lang::Fi).entries.len(),
                        t.side(teema::lang::Lang::Nl).entries.len(),
                        &t.sha256[..16],
                        t.label
                    );
                }
                Exit::Success
            }
            Err(e) => {
                eprintln!("{e}");
                Exit::Failure
            }
        },
        LexiconCommand::Check { paths } => match load_lexicon(&paths) {
            Ok(lex) => {
                let warnings = teema::lexicon_tools::audit::lint(&lex);
                for w in &warnings {
                    eprintln!("{w}");
                }
                let matcher = teema::matcher::Matcher::new(lex, teema::morph::default_backend());
                let lex = matcher.lexicon();
                let entries: usize = lex
                    .themes
                    .iter()
                    .flat_map(|t| t.sides.iter())
                    .map(|s| s.entries.len() + s.exclude.len())
                    .sum();
                println!(
                    "ok: {} themes, {entries} entries, {} warnings",
                    lex.themes.len(),
                    warnings.len()
                );
                Exit::Success
            }
            Err(e) => {
                eprintln!("{e}");
                Exit::Failure
            }
        },
        LexiconCommand::Coverage {
            paths,
            lexicons,
            top,
            lang,
        } => match load_lexicon(&lexicons.paths) {
            Ok(lex) => {
                let matcher = teema::matcher::Matcher::new(lex, teema::morph::default_backend());
                let (coverage, documents) = teema::lexicon_tools::coverage::coverage(
                    &matcher,
                    &paths,
                    &teema::walk::WalkOptions::default(),
                    lang.lang(),
                    top,
                );
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{documents} documents read");
                for c in coverage {
                    let _ = writeln!(
                        out,
                        "\n{} [{}]: {} sentences with hits; words there in no lexicon (count, documents):",
                        c.theme, c.lang, c.sentences
                    );
                    for w in c.words {
                        let _ = writeln!(out, "  {:>6} {:>6}  {}", w.count, w.documents, w.word);
                    }
                }
                Exit::Success
            }
            Err(e) => {
                eprintln!("{e}");
                Exit::Failure
            }
        },
        LexiconCommand::Forms { entry, lang } => {
            let lang = lang.lang();
            let (kind, term) = match teema::lexicon::classify(&entry) {
                Ok(k) => k,
                Err(e) => {
                    eprintln!("teema: entry {entry:?}: {e}");
                    return Exit::Failure;
                }
            };
            let morph = teema::morph::default_backend();
            let mut out = std::io::stdout().lock();
            let forms = |w: &str| {
                let mut f = morph.forms(lang, w, None);
                f.sort();
                f.dedup();
                f
            };
            use teema::lexicon::EntryKind;
            let class = morph
                .class_of(lang, &term)
                .map(|c| format!(", class {c}"))
                .unwrap_or_default();
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
            Exit::Success
        }
        LexiconCommand::Export { format, lexicons } => match load_lexicon(&lexicons.paths) {
            Ok(lex) => {
                let morph = teema::morph::default_backend();
                let export = match format {
                    cli::ExportFormat::Dic => {
                        teema::lexicon_tools::export::to_dic(&lex, morph.as_ref())
                    }
                    cli::ExportFormat::Yaml => {
                        teema::lexicon_tools::export::to_yaml(&lex, morph.as_ref())
                    }
                };
                for w in &export.warnings {
                    eprintln!("warning: {w}");
                }
                match std::io::stdout().lock().write_all(export.text.as_bytes()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        eprintln!("teema: cannot write the dictionary: {e}");
                        Exit::Failure
                    }
                    _ => Exit::Success,
                }
            }
            Err(e) => {
                eprintln!("{e}");
                Exit::Failure
            }
        },
        LexiconCommand::Test { paths } => match load_lexicon(&paths) {
            Ok(lex) => {
                let matcher = teema::matcher::Matcher::new(lex, teema::morph::default_backend());
                let report = teema::lexicon_tools::audit::test_examples(&matcher);
                for f in &report.failures {
                    println!("FAIL {f}");
                }
                println!("{} passed, {} failed", report.passed, report.failures.len());
                if report.failures.is_empty() {
                    Exit::Success
                } else {
                    Exit::Failure
                }
            }
            Err(e) => {
                eprintln!("{e}");
                Exit::Failure
            }
        },
    }
}

/// `teema segments`: each file's profile and segments, with a preview of their text.
fn segments(files: &[std::path::PathBuf], profile: &str, profiles: &[std::path::PathBuf]) -> Exit {
    use teema::segment::{Segmentation, Segmenter};
    let loaded;
    let segmenter = if profiles.is_empty() {
        Segmenter::shared()
    } else {
        match Segmenter::with_files(profiles) {
            Ok(s) => {
                loaded = s;
                &loaded
            }
            Err(e) => {
                eprintln!("teema: {e}");
                return Exit::Failure;
            }
        }
    };
    let choice = match segmenter.choice(profile) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("teema: {e}");
            return Exit::Failure;
        }
    };
    let mut exit = Exit::Success;
    let mut out = std::io::stdout().lock();
    let mut norm = teema::normalise::Normalised::default();
    let mut seg = Segmentation::default();
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("teema: {}: cannot read: {e}", file.display());
                exit = Exit::Partial;
                continue;
            }
        };
        let decoded = match teema::decode::decode(&bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("teema: {}: {e}", file.display());
                exit = Exit::Partial;
                continue;
            }
        };
        teema::normalise::normalise_into(&decoded.text, &mut norm);
        segmenter.segment(&norm.text, choice, &mut seg);
        let _ = writeln!(
            out,
            "{}: profile {}",
            file.display(),
            segmenter.id(seg.profile)
        );
        for s in &seg.segments {
            for (i, &(a, b)) in s.spans.iter().enumerate() {
                let original = |x: u32| {
                    let mut i = norm.map.map(x as usize).min(decoded.text.len());
                    while !decoded.text.is_char_boundary(i) {
                        i -= 1;
                    }
                    i
                };
                let text = &decoded.text[original(a)..original(b)];
                let preview: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let preview = match preview.char_indices().nth(70) {
                    Some((cut, _)) => format!("{}…", &preview[..cut]),
                    None => preview,
                };
                let label = if i == 0 {
                    format!("{} {}", s.kind.name(), s.n)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "  {label:<15} {:>6}..{:<6} {preview}",
                    decoded.map.map(original(a)),
                    decoded.map.map(original(b))
                );
            }
        }
    }
    exit
}
