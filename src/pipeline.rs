//! Wires the stages together: walk → (workers: read → analyse) → reorder → report.
//!
//! One thread walks and numbers the inputs in batches of [`BATCH`]; `threads` workers read
//! and analyse them; the calling thread puts the batches back in input order and feeds their
//! results to the [`Sink`]. The walk
//! may run at most [`REORDER_WINDOW`] inputs ahead of the report, so memory stays bounded
//! however large the corpus and however slow one document is, and the output is the same
//! bytes for any thread count.

use crate::analyse::{AnalyseOptions, Analyser, DocResult, Skipped};
use crate::config::Config;
use crate::group::GroupSpec;
use crate::lang::Detector;
use crate::lexicon::{Lexicon, LexiconError};
use crate::matcher::Matcher;
use crate::read::{read_path, read_stdin};
use crate::records::{InputFormat, ReadOptions, prepare};
use crate::report::{Columns, Header, Sink, sink_with_columns};
use crate::score::Summary;
use crate::segment::{ProfileError, Segmenter};
use crate::walk::{Found, Globs, Input, WalkOptions, walk};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

/// How many inputs the walk may run ahead of the report.
pub const REORDER_WINDOW: u64 = 4096;

/// Inputs handed to a worker at a time. Scraped posts are small: passing them one by one
/// costs more in thread hand-offs than analysing them.
pub const BATCH: usize = 64;

/// What became of one input.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// It was analysed.
    Document(Box<DocResult>),
    /// It was skipped.
    Skipped(Skipped),
}

/// Watches a run from the reporting thread: progress bars, warnings.
pub trait Observer {
    /// An input's outcome was reported; `discovered` inputs have been found so far.
    fn reported(&mut self, outcome: &Outcome, discovered: u64);
}

/// An observer that does nothing.
pub struct Silent;

impl Observer for Silent {
    fn reported(&mut self, _: &Outcome, _: u64) {}
}

/// Why a run could not complete.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The lexicon did not load.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// The morphology backend is unknown or could not load (voikko without libvoikko).
    #[error(transparent)]
    Morph(#[from] crate::morph::BackendError),
    /// The site profiles did not load, or `--profile` names none of them.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// A `--glob` pattern is invalid.
    #[error("invalid --glob pattern: {0}")]
    Glob(#[from] globset::Error),
    /// The output file could not be created or written.
    #[error("{path}: cannot write the report: {source}")]
    Output {
        /// The output path.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// Writing the report to standard output failed (a closed pipe is one case).
    #[error("cannot write the report: {0}")]
    Write(#[from] io::Error),
}

impl RunError {
    /// True when the reader of standard output went away (`teema ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, RunError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Loads the configured lexicons (or the built-in ones).
pub fn load_lexicon(paths: &[PathBuf]) -> Result<Lexicon, LexiconError> {
    if paths.is_empty() {
        Lexicon::builtin()
    } else {
        Lexicon::load(paths)
    }
}

/// Runs `teema analyse` as configured, writing the report to the configured output or to
/// `stdout`. Returns the run's summary.
pub fn run(
    config: &Config,
    stdout: &mut dyn Write,
    observer: &mut dyn Observer,
) -> Result<Summary, RunError> {
    let lexicon = load_lexicon(&config.lexicons)?;
    let morph = crate::morph::load_backend(&config.morph)?;
    let matcher = Matcher::new(lexicon, morph);
    let walk_opts = WalkOptions {
        hidden: config.hidden,
        follow: config.follow,
        globs: Globs::new(&config.globs)?,
    };
    let segmenter = if config.profiles.is_empty() {
        None
    } else {
        Some(Segmenter::with_files(&config.profiles)?)
    };
    let segmenter = segmenter.as_ref().unwrap_or_else(|| Segmenter::shared());
    let options = AnalyseOptions {
        lang: config.lang,
        evidence: config.evidence,
        profile: segmenter.choice(&config.profile)?,
        keep_boilerplate: config.keep_boilerplate,
        unit: config.unit,
    };
    let inputs: Vec<PathBuf> = if config.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        config.inputs.clone()
    };
    let header = Header::new(matcher.lexicon(), matcher.morphology());
    let columns = Columns {
        structured: config.read.format != InputFormat::Text,
        group_by: config.group_by.clone(),
        fields: config.fields.clone(),
    };
    // Writes the whole report to `out`; the same for standard output and a file.
    let mut report = |out: &mut dyn Write| -> Result<Summary, RunError> {
        let mut sink = sink_with_columns(config.format, config.unit, Box::new(&mut *out), &columns);
        let summary = analyse_all(
            &inputs,
            &walk_opts,
            &config.read,
            &matcher,
            segmenter,
            options,
            &config.group_by,
            config.threads,
            &header,
            sink.as_mut(),
            observer,
        )?;
        drop(sink);
        out.flush()?;
        Ok(summary)
    };
    let Some(path) = &config.output else {
        return report(&mut BufWriter::with_capacity(1 << 16, stdout));
    };
    let output_err = |source| RunError::Output {
        path: path.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(output_err)?;
    let mut out = BufWriter::with_capacity(1 << 16, tmp);
    let summary = report(&mut out).map_err(|e| match e {
        RunError::Write(source) => output_err(source),
        other => other,
    })?;
    let tmp = out.into_inner().map_err(|e| output_err(e.into_error()))?;
    tmp.persist(path).map_err(|e| output_err(e.error))?;
    Ok(summary)
}

/// Lets the walk run at most [`REORDER_WINDOW`] inputs ahead of the report.
struct Window {
    reported: Mutex<u64>,
    moved: Condvar,
}

impl Window {
    /// Waits until input `idx` may be handed out.
    fn wait_for(&self, idx: u64) {
        let mut reported = self.reported.lock().expect("window lock");
        while idx >= reported.saturating_add(REORDER_WINDOW) {
            reported = self.moved.wait(reported).expect("window lock");
        }
    }

    fn advance(&self, reported: u64) {
        *self.reported.lock().expect("window lock") = reported;
        self.moved.notify_all();
    }
}

/// Walks `inputs`, analyses them on `threads` workers and reports them in order. Structured
/// inputs (`reading.format`) are expanded into records by the walker thread; each record
/// takes one place in the batches and the reorder window, as a file does.
#[allow(clippy::too_many_arguments)]
pub fn analyse_all(
    inputs: &[PathBuf],
    walk_opts: &WalkOptions,
    reading: &ReadOptions,
    matcher: &Matcher,
    segmenter: &Segmenter,
    options: AnalyseOptions,
    group_by: &[GroupSpec],
    threads: usize,
    header: &Header,
    sink: &mut dyn Sink,
    observer: &mut dyn Observer,
) -> Result<Summary, RunError> {
    let threads = threads.max(1);
    let detector = Detector::default();
    let mut summary = Summary::new(matcher.lexicon());
    for spec in group_by {
        summary.add_grouping(spec.name());
    }
    sink.begin(header)?;
    // (index of the batch's first input, the batch)
    let (job_tx, job_rx) = crossbeam_channel::bounded::<(u64, Vec<Found>)>(threads * 4);
    let (done_tx, done_rx) = crossbeam_channel::bounded::<(u64, Vec<Outcome>)>(threads * 4);
    let window = Window {
        reported: Mutex::new(0),
        moved: Condvar::new(),
    };
    let discovered = std::sync::atomic::AtomicU64::new(0);

    let result = std::thread::scope(|s| -> Result<(), RunError> {
        let (window, discovered) = (&window, &discovered);
        let walker = s.spawn(move || {
            // Owns `job_tx`: the job channel closes when the walk ends.
            let mut next = 0u64;
            let mut batch = Vec::with_capacity(BATCH);
            let send = |batch: &mut Vec<Found>, next: &mut u64| {
                let first = *next;
                *next += batch.len() as u64;
                discovered.store(*next, std::sync::atomic::Ordering::Relaxed);
                window.wait_for(first);
                job_tx.send((first, std::mem::take(batch))).is_ok()
            };
            let mut push = |found: Found| {
                batch.push(found);
                batch.len() < BATCH || send(&mut batch, &mut next)
            };
            let ignored = walk(inputs, walk_opts, |found| match found {
                Found::Input(input) if reading.format != InputFormat::Text => {
                    crate::records::expand(&input, reading, &mut push)
                }
                found => push(found),
            });
            if !batch.is_empty() {
                send(&mut batch, &mut next);
            }
            ignored
        });
        for _ in 0..threads {
            let (jobs, done) = (job_rx.clone(), done_tx.clone());
            let detector = &detector;
            s.spawn(move || {
                let mut analyser = Analyser::with_segmenter(matcher, detector, segmenter, options);
                let mut buf = Vec::new();
                for (first, batch) in jobs {
                    let outcomes = batch
                        .into_iter()
                        .map(|found| process(&mut analyser, &mut buf, reading, found))
                        .collect();
                    if done.send((first, outcomes)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((job_rx, done_tx));

        let mut pending: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
        let mut next = 0u64;
        let mut failure = None;
        'recv: for (first, outcomes) in done_rx.iter() {
            pending.insert(first, outcomes);
            while let Some(outcomes) = pending.remove(&next) {
                for outcome in &outcomes {
                    let written = match outcome {
                        Outcome::Document(doc) => {
                            summary.add_document(doc.tokens, doc.bytes, &doc.themes);
                            summary.add_parts(&doc.parts);
                            for spec in group_by {
                                let group = spec.key(doc);
                                summary.add_to_group(spec.name(), group, doc.tokens, &doc.themes);
                            }
                            sink.document(doc)
                        }
                        Outcome::Skipped(skipped) => {
                            summary.skipped += 1;
                            sink.skipped(skipped)
                        }
                    };
                    next += 1;
                    if let Err(e) = written {
                        failure = Some(e);
                        break 'recv;
                    }
                    observer.reported(
                        outcome,
                        discovered.load(std::sync::atomic::Ordering::Relaxed),
                    );
                }
                window.advance(next);
            }
        }
        // Unblock the walker for good, whether the run finished or failed.
        window.advance(u64::MAX - REORDER_WINDOW);
        drop(done_rx);
        let ignored = walker.join().expect("the walker thread does not panic");
        summary.ignored = ignored;
        match failure {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    });
    result?;
    sink.finish(&summary)?;
    Ok(summary)
}

/// A worker's read buffer grows to the largest input; past this it is given back.
const KEEP_BUFFER: usize = 64 << 20;

fn process(
    analyser: &mut Analyser<'_>,
    buf: &mut Vec<u8>,
    reading: &ReadOptions,
    found: Found,
) -> Outcome {
    let input = match found {
        Found::Skipped(s) => return Outcome::Skipped(s),
        Found::Input(input) => input,
        Found::Record(raw) => {
            let path = raw.path.to_string();
            return match prepare(raw, reading) {
                Ok((text, record)) => match analyser.analyse(path, &text) {
                    Ok(mut doc) => {
                        doc.record = Some(record);
                        Outcome::Document(Box::new(doc))
                    }
                    Err(skipped) => Outcome::Skipped(skipped),
                },
                Err(skipped) => Outcome::Skipped(skipped),
            };
        }
    };
    let path = input.display();
    buf.clear();
    let read = match &input {
        Input::File(p) => read_path(p, reading.max_decompressed, buf),
        Input::Stdin => read_stdin(buf).map_err(Into::into),
    };
    let outcome = match read {
        Ok(()) => match analyser.analyse(path, buf) {
            Ok(doc) => Outcome::Document(Box::new(doc)),
            Err(skipped) => Outcome::Skipped(skipped),
        },
        Err(e) => Outcome::Skipped(Skipped {
            path,
            reason: e.to_string(),
        }),
    };
    if buf.capacity() > KEEP_BUFFER {
        *buf = Vec::new();
    }
    outcome
}
