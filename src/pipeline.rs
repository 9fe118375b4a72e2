//! Wires the stages together: walk → (workers: read → analyse) → reorder → report.
//!
//! One thread walks and numbers the inputs in batches of [`BATCH`]; `threads` workers read,
//! analyse and encode them (with the report's [`Encoder`]), each counting its documents in a
//! summary of its own; the calling thread puts the encoded batches back in input order and
//! writes them to the [`Sink`], and merges the workers' summaries at the end (summaries are
//! sums, so the merge is exact in any order). The walk
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
use crate::report::{Columns, Encoder, Header, Sink, sink_with_columns};
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

/// What became of one input, as the reporting thread sees it.
#[derive(Debug, Clone, Copy)]
pub enum Reported<'a> {
    /// It was analysed.
    Document {
        /// Size of the input in bytes.
        bytes: u64,
    },
    /// It was skipped.
    Skipped(&'a Skipped),
}

/// Watches a run from the reporting thread: progress bars, warnings.
pub trait Observer {
    /// An input's outcome was written to the report; `discovered` inputs have been found
    /// so far.
    fn reported(&mut self, outcome: Reported<'_>, discovered: u64);
}

/// An observer that does nothing.
pub struct Silent;

impl Observer for Silent {
    fn reported(&mut self, _: Reported<'_>, _: u64) {}
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
        let encoder = Encoder::new(config.format, config.unit, &columns);
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
            &encoder,
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
    // A device or a pipe (`-o /dev/stdout`, a FIFO) is written in place: renaming a
    // temporary file over it would replace it with a regular file.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(output_err)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        return report(&mut out).map_err(|e| match e {
            RunError::Write(source) => output_err(source),
            other => other,
        });
    }
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

/// One input's place in a [`Done`] batch.
enum Item {
    /// An analysed document, encoded in [`Done::encoded`] up to byte `end`.
    Document {
        end: usize,
        bytes: u64,
    },
    Skipped(Skipped),
    /// The encoder failed (it writes to memory, so it should not).
    Failed(io::Error),
}

/// A batch as a worker hands it back: its documents encoded back to back.
struct Done {
    encoded: Vec<u8>,
    items: Vec<Item>,
}

/// Counts an analysed document in `summary`: totals, parts and `--group-by` groups.
fn count(summary: &mut Summary, doc: &DocResult, group_by: &[GroupSpec]) {
    summary.add_document(doc.tokens, doc.bytes, &doc.themes);
    summary.add_parts(&doc.parts);
    for spec in group_by {
        summary.add_to_group(spec.name(), spec.key(doc), doc.tokens, &doc.themes);
    }
}

/// Walks `inputs`, analyses them on `threads` workers and reports them in order through
/// `encoder` and `sink` (made for the same format). Structured inputs (`reading.format`)
/// are expanded into records by the walker thread; each record takes one place in the
/// batches and the reorder window, as a file does.
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
    encoder: &Encoder,
    sink: &mut dyn Sink,
    observer: &mut dyn Observer,
) -> Result<Summary, RunError> {
    let threads = threads.max(1);
    let detector = Detector::default();
    let empty = {
        let mut summary = Summary::new(matcher.lexicon());
        for spec in group_by {
            summary.add_grouping(spec.name());
        }
        summary
    };
    let mut summary = empty.clone();
    sink.begin(header)?;
    // (index of the batch's first input, the batch)
    let (job_tx, job_rx) = crossbeam_channel::bounded::<(u64, Vec<Found>)>(threads * 4);
    let (done_tx, done_rx) = crossbeam_channel::bounded::<(u64, Done)>(threads * 4);
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
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (jobs, done) = (job_rx.clone(), done_tx.clone());
                let (detector, empty) = (&detector, &empty);
                s.spawn(move || {
                    let mut analyser =
                        Analyser::with_segmenter(matcher, detector, segmenter, options);
                    let mut buf = Vec::new();
                    let mut partial = empty.clone();
                    for (first, batch) in jobs {
                        let mut out = Done {
                            encoded: Vec::new(),
                            items: Vec::with_capacity(batch.len()),
                        };
                        for found in batch {
                            let item = match process(&mut analyser, &mut buf, reading, found) {
                                Outcome::Document(doc) => {
                                    count(&mut partial, &doc, group_by);
                                    match encoder.document(&doc, &mut out.encoded) {
                                        Ok(()) => Item::Document {
                                            end: out.encoded.len(),
                                            bytes: doc.bytes,
                                        },
                                        Err(e) => Item::Failed(e),
                                    }
                                }
                                Outcome::Skipped(skipped) => Item::Skipped(skipped),
                            };
                            out.items.push(item);
                        }
                        if done.send((first, out)).is_err() {
                            break;
                        }
                    }
                    partial
                })
            })
            .collect();
        drop((job_rx, done_tx));

        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        let mut failure = None;
        'recv: for (first, done) in done_rx.iter() {
            pending.insert(first, done);
            while let Some(done) = pending.remove(&next) {
                let mut start = 0;
                for item in done.items {
                    let found = discovered.load(std::sync::atomic::Ordering::Relaxed);
                    let written = match item {
                        Item::Document { end, bytes } => {
                            let encoded = &done.encoded[start..end];
                            start = end;
                            sink.document(encoded)
                                .map(|()| observer.reported(Reported::Document { bytes }, found))
                        }
                        Item::Skipped(skipped) => {
                            summary.skipped += 1;
                            sink.skipped(&skipped)
                                .map(|()| observer.reported(Reported::Skipped(&skipped), found))
                        }
                        Item::Failed(e) => Err(e),
                    };
                    if let Err(e) = written {
                        failure = Some(e);
                        break 'recv;
                    }
                    next += 1;
                }
                window.advance(next);
            }
        }
        // Unblock the walker for good, whether the run finished or failed.
        window.advance(u64::MAX - REORDER_WINDOW);
        drop(done_rx);
        for worker in workers {
            let partial = worker.join().expect("worker threads do not panic");
            summary.merge(&partial);
        }
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
