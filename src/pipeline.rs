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

use crate::analyse::{AnalyseOptions, Analyser, DocResult};
use crate::config::Config;
use crate::group::GroupSpec;
use crate::input::shard::{Shard, Splitter};
use crate::input::{Found, InputFormat, Inputs, Reader, Skipped};
use crate::lang::Detector;
use crate::lexicon::{LexiconError, LexiconOptions};
use crate::matcher::Matcher;
use crate::report::{
    Columns, Encoder, Format, Header, PartInfo, Recording, Sink, meta_json, sink_with_columns,
};
use crate::score::{Counted, Summary};
use crate::segment::{ProfileError, SegmentKind, Segmenter};
use crossbeam_channel::{Receiver, Sender};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, LineWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicI32;
use std::sync::atomic::{AtomicU64, Ordering};
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
        /// What the user should know about it (invalid UTF-8 replaced, a doubtful decoding),
        /// worded for standard error and starting with the path.
        warning: Option<&'a str>,
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
    /// `--shard` with a report format that cannot be merged.
    #[error("{0}")]
    Shard(String),
    /// A signal asked the run to stop ([`request_stop`]) before it was complete.
    #[error(
        "interrupted by {} after {reported} of {discovered} inputs found; the report is incomplete",
        signal_name(*signal)
    )]
    Interrupted {
        /// The signal number (2 SIGINT, 15 SIGTERM, 1 SIGHUP).
        signal: i32,
        /// Inputs (documents and skipped inputs) reported in order before the run stopped.
        reported: u64,
        /// Inputs the walk had found by then.
        discovered: u64,
    },
}

/// The conventional name of a signal number, for messages.
pub fn signal_name(signal: i32) -> String {
    match signal {
        1 => "SIGHUP".into(),
        2 => "SIGINT".into(),
        15 => "SIGTERM".into(),
        n => format!("signal {n}"),
    }
}

/// The signal that asked the run to stop; 0 while none has.
static STOP: AtomicI32 = AtomicI32::new(0);

/// Temporary report files being written ([`write_to_path`]), for [`remove_temporary_outputs`].
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Asks a running [`analyse_all`] to stop: the walk stops handing out inputs, the workers
/// stop taking them, and the run returns [`RunError::Interrupted`] instead of a report, its
/// temporary output removed. Safe to call from any thread (the binary's signal handler
/// does); the first signal is the one reported.
pub fn request_stop(signal: i32) {
    let _ = STOP.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
}

/// The signal passed to [`request_stop`], if any.
pub fn stop_requested() -> Option<i32> {
    match STOP.load(Ordering::Relaxed) {
        0 => None,
        signal => Some(signal),
    }
}

/// Removes the temporary report files being written, for a process about to exit at once
/// (a second interrupt): their destructors will not run.
pub fn remove_temporary_outputs() {
    let paths = match TEMPORARY.lock() {
        Ok(paths) => paths,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in paths.iter() {
        let _ = std::fs::remove_file(path);
    }
}

/// Keeps a temporary output's path in [`TEMPORARY`] while it lives.
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Registered {
        if let Ok(mut paths) = TEMPORARY.lock() {
            paths.push(path.to_path_buf());
        }
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut paths) = TEMPORARY.lock() {
            paths.retain(|p| *p != self.0);
        }
    }
}

impl RunError {
    /// True when the reader of standard output went away (`teema ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, RunError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Loads the lexicons and the morphology backend that `options` name and compiles them:
/// the one way every subcommand that matches words opens its lexicons.
pub fn open_matcher(options: &LexiconOptions) -> Result<Matcher, RunError> {
    let lexicon = options.load()?;
    let morph = options.morph.load()?;
    Ok(Matcher::new(lexicon, morph))
}

/// The stages every worker shares during a run.
#[derive(Clone, Copy)]
pub struct Stages<'a> {
    /// Finds and reads the inputs.
    pub inputs: &'a Inputs,
    /// The compiled lexicons.
    pub matcher: &'a Matcher,
    /// The site profiles.
    pub segmenter: &'a Segmenter,
    /// Per-document options.
    pub options: AnalyseOptions,
    /// `--group-by` specs.
    pub group_by: &'a [GroupSpec],
    /// Short documents (and segments) enter the per-document statistics too.
    pub include_short: bool,
    /// `--shard I/N`: analyse only this shard's inputs, and give each its position.
    pub shard: Option<Shard>,
    /// Records come from standard input (`--input jsonl -`): hand each on as soon as it is
    /// read, so that each result follows its line with bounded latency.
    pub stream: bool,
}

/// Runs `teema analyse` as configured, writing the report to the configured output or to
/// `stdout`. Returns the run's summary.
pub fn run(
    config: &Config,
    stdout: &mut dyn Write,
    observer: &mut dyn Observer,
) -> Result<Summary, RunError> {
    let matcher = open_matcher(&config.lexicon)?;
    let inputs = Inputs::new(&config.input)?;
    let (segmenter, profile) = config.segment.open()?;
    let stream = matches!(
        config.input.read.format,
        InputFormat::Jsonl | InputFormat::Csv
    ) && inputs.roots().iter().any(|r| r.as_os_str() == "-");
    let stages = Stages {
        inputs: &inputs,
        matcher: &matcher,
        segmenter: &segmenter,
        options: config.analyse_options(profile),
        group_by: &config.report.group_by,
        include_short: config.include_short,
        shard: config.shard,
        stream,
    };
    let report = &config.report;
    let mut header = Header::new(matcher.lexicon(), matcher.morphology())
        .with_negation(matcher.lexicon(), config.negation)
        .with_options(config.recorded_options());
    if let Some(shard) = config.shard {
        check_part_format(report.format, report.unit)?;
        header.shard = Some(shard.to_string());
        header.part = Some(part_info(config, &stages.options));
    }
    let meta = meta_path(&config.report);
    let columns = Columns {
        structured: matches!(
            config.input.read.format,
            InputFormat::Jsonl | InputFormat::Csv
        ),
        group_by: report.group_by.clone(),
        fields: report.fields.clone(),
    };
    // Writes the whole report to `out`; the same for standard output and a file.
    let mut skipped = Vec::new();
    let mut write = |out: &mut dyn Write| -> Result<Summary, RunError> {
        let mut sink = sink_with_columns(report.format, report.unit, Box::new(&mut *out), &columns);
        let mut recording = Recording::new(sink.as_mut());
        let encoder = Encoder::new(report.format, report.unit, &columns);
        let summary = analyse_all(
            &stages,
            config.threads,
            &header,
            &encoder,
            &mut recording,
            observer,
        )?;
        skipped = recording.skipped;
        drop(sink);
        out.flush()?;
        Ok(summary)
    };
    let (summary, pending) = match &report.output {
        // a stream's results go out line by line
        None if stream => (write(&mut LineWriter::new(stdout))?, Pending::none()),
        None => (
            write(&mut BufWriter::with_capacity(1 << 16, stdout))?,
            Pending::none(),
        ),
        Some(path) => write_pending(path, write)?,
    };
    // the sidecar first: if it cannot be written, the report is not left without it
    if let Some(path) = meta {
        let bytes = meta_json(&header, report.format, &skipped, &summary)?;
        write_to_path(&path, |out| Ok(out.write_all(&bytes)?))?;
    }
    pending.persist()?;
    Ok(summary)
}

/// Where the run's sidecar goes: `--meta FILE`, or for a csv report written to a file
/// (not a device or pipe) with `-o FILE`, `FILE.meta.json`.
pub fn meta_path(report: &crate::config::ReportOptions) -> Option<PathBuf> {
    if let Some(meta) = &report.meta {
        return Some(meta.clone());
    }
    let output = report.output.as_ref()?;
    let special = std::fs::metadata(output).is_ok_and(|m| !m.is_file());
    if report.format != crate::report::Format::Csv || special {
        return None;
    }
    let mut name = output.clone().into_os_string();
    name.push(".meta.json");
    Some(PathBuf::from(name))
}

/// A shard's report is read back by `teema merge`, which needs every document's whole
/// record: json (any `--unit`), or ndjson with one `document` line per document.
fn check_part_format(format: Format, unit: crate::analyse::Unit) -> Result<(), RunError> {
    use crate::analyse::Unit;
    match (format, unit) {
        (Format::Json, _) | (Format::Ndjson, Unit::Document) => Ok(()),
        (Format::Ndjson, _) => Err(RunError::Shard(
            "--shard with --format ndjson needs --unit document (a part must hold whole \
             documents); use --format json for --unit segment or match, and choose the \
             rows with `teema merge --format ndjson`"
                .into(),
        )),
        _ => Err(RunError::Shard(
            "--shard writes a part for `teema merge`: use --format json or ndjson, and \
             choose the final format with `teema merge --format csv|json|ndjson`"
                .into(),
        )),
    }
}

/// What a shard's report records for `teema merge`.
fn part_info(config: &Config, options: &AnalyseOptions) -> PartInfo {
    use crate::analyse::Unit;
    let strings = |paths: &[PathBuf]| -> Vec<String> {
        paths.iter().map(|p| p.display().to_string()).collect()
    };
    let input = &config.input;
    PartInfo {
        inputs: if input.paths.is_empty() && input.files_from.is_none() {
            vec!["-".into()]
        } else {
            strings(&input.paths)
        },
        files_from: input.files_from.as_ref().map(|p| p.display().to_string()),
        lexicon_paths: strings(&config.lexicon.paths),
        lang: config.lang.map_or("auto", crate::lang::Lang::code).into(),
        profile: config.segment.profile.clone(),
        profiles: strings(&config.segment.profiles),
        keep_boilerplate: options.keep_boilerplate,
        unit: match options.unit {
            Unit::Document => "document",
            Unit::Segment => "segment",
            Unit::Match => "match",
        }
        .into(),
        evidence: options.evidence,
        context: options.context,
        input: match input.read.format {
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Csv => "csv",
            InputFormat::Html => "html",
        }
        .into(),
        text_field: input.read.text_field.clone(),
        id_field: input.read.id_field.clone(),
        group_by: config
            .report
            .group_by
            .iter()
            .map(|g| g.name().to_string())
            .collect(),
        fields: config.report.fields.clone(),
        glob: input.walk.globs.clone(),
        hidden: input.walk.hidden,
        follow: input.walk.follow,
        max_decompressed: input.read.max_decompressed,
        max_file_size: input.read.max_file_size,
    }
}

/// Writes a report to `path` through `write`: atomically, through a temporary file renamed
/// over `path` when complete; a device or a pipe (`-o /dev/stdout`, a FIFO) in place, since
/// renaming over it would replace it with a regular file.
pub(crate) fn write_to_path<T>(
    path: &Path,
    write: impl FnMut(&mut dyn Write) -> Result<T, RunError>,
) -> Result<T, RunError> {
    let (value, pending) = write_pending(path, write)?;
    pending.persist()?;
    Ok(value)
}

/// A report written to its temporary file but not yet renamed over its path: dropped, the
/// temporary file is removed. A report with a sidecar is kept pending until the sidecar is
/// written, so that a failure (a full disk) leaves neither behind.
pub(crate) struct Pending(Option<(tempfile::NamedTempFile, PathBuf, Registered)>);

impl Pending {
    /// Nothing to rename (a report written to standard output, a device or a pipe).
    pub(crate) fn none() -> Pending {
        Pending(None)
    }

    /// Renames the report over its path.
    pub(crate) fn persist(self) -> Result<(), RunError> {
        let Some((tmp, path, _registered)) = self.0 else {
            return Ok(());
        };
        tmp.persist(&path).map_err(|e| RunError::Output {
            path: path.clone(),
            source: e.error,
        })?;
        Ok(())
    }
}

/// Writes a report as [`write_to_path`] does, but leaves a temporary file [`Pending`].
pub(crate) fn write_pending<T>(
    path: &Path,
    mut write: impl FnMut(&mut dyn Write) -> Result<T, RunError>,
) -> Result<(T, Pending), RunError> {
    let output_err = |source| RunError::Output {
        path: path.to_path_buf(),
        source,
    };
    let as_output = |e| match e {
        RunError::Write(source) => output_err(source),
        other => other,
    };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(output_err)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        let value = write(&mut out).map_err(as_output)?;
        return Ok((value, Pending(None)));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Created with mode 0666 less the umask, like any tool's output (tempfile's default,
    // 0600, would survive the rename and hide the report from colleagues).
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir).map_err(output_err)?;
    let registered = Registered::new(tmp.path());
    // Written through the `File`: the temporary file's own writer would add its (hidden,
    // soon removed) name to the error of a full disk.
    let mut out = BufWriter::with_capacity(1 << 16, tmp.as_file());
    // On an error (an interrupted run among them) the temporary file is dropped: removed.
    let value = write(&mut out).map_err(as_output)?;
    out.into_inner().map_err(|e| output_err(e.into_error()))?;
    Ok((value, Pending(Some((tmp, path.to_path_buf(), registered)))))
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

/// Inputs as the walker hands them to the workers: numbered from `first` in the report's
/// order; in a shard's run, with each one's position in the run over all inputs.
struct Batch {
    first: u64,
    found: Vec<Found>,
    /// Empty unless `--shard`.
    positions: Vec<u64>,
}

/// One input's place in a [`Done`] batch.
enum Item {
    /// An analysed document, encoded in [`Done::encoded`] up to byte `end`.
    Document {
        end: usize,
        bytes: u64,
        warning: Option<Box<str>>,
    },
    /// A skipped input, with its position in a shard's run.
    Skipped(Skipped, Option<u64>),
    /// The encoder failed (it writes to memory, so it should not).
    Failed(io::Error),
}

/// A batch as a worker hands it back: its documents encoded back to back.
struct Done {
    encoded: Vec<u8>,
    items: Vec<Item>,
}

/// Counts an analysed document in `summary`: totals, parts and `--group-by` groups. With
/// `--unit segment`, `author` and `date` groups count the document's counted segments, each
/// in its own group.
fn count(summary: &mut Summary, doc: &DocResult, stages: &Stages<'_>) {
    count_document(
        summary,
        doc,
        &stages.options,
        stages.group_by,
        stages.include_short,
    );
}

/// Counts an analysed document in `summary` as a run with `options`, `group_by` and
/// `--include-short` does (the one way a document is counted, in a run and in `teema
/// merge`).
pub(crate) fn count_document(
    summary: &mut Summary,
    doc: &DocResult,
    options: &AnalyseOptions,
    group_by: &[GroupSpec],
    include_short: bool,
) {
    let unit = Counted {
        wc: doc.wc,
        sentences: doc.sentences,
        dic_words: doc.dic_words,
        short: doc.short,
        in_stats: !doc.short || include_short,
    };
    summary.add_document(&unit, doc.bytes, &doc.themes);
    summary.add_parts(&doc.parts);
    for spec in group_by {
        if options.unit == crate::analyse::Unit::Segment && spec.per_segment() {
            for seg in &doc.segments {
                let counted = match seg.kind {
                    SegmentKind::Post | SegmentKind::Comment => true,
                    SegmentKind::Quote => false,
                    SegmentKind::Boilerplate => options.keep_boilerplate,
                };
                if let (true, Some(themes)) = (counted, &seg.themes) {
                    let key = spec.segment_key(doc, seg);
                    let short = seg.short.unwrap_or(false);
                    let seg_unit = Counted {
                        wc: seg.tokens,
                        sentences: seg.sentences.unwrap_or(0),
                        dic_words: seg.dic_words,
                        short,
                        in_stats: !short || include_short,
                    };
                    summary.add_to_group(spec.name(), key, &seg_unit, themes);
                }
            }
        } else {
            summary.add_to_group(spec.name(), spec.key(doc), &unit, &doc.themes);
        }
    }
}

/// Walks the inputs, analyses them on `threads` workers and reports them in order through
/// `encoder` and `sink` (made for the same format). Structured inputs are expanded into
/// records by the walker thread; each record takes one place in the batches and the reorder
/// window, as a file does.
pub fn analyse_all(
    stages: &Stages<'_>,
    threads: usize,
    header: &Header,
    encoder: &Encoder,
    sink: &mut dyn Sink,
    observer: &mut dyn Observer,
) -> Result<Summary, RunError> {
    let threads = threads.max(1);
    let detector = Detector::default();
    let empty = {
        let mut summary = Summary::with_negation(stages.matcher.lexicon(), stages.options.negation);
        for spec in stages.group_by {
            summary.add_grouping(spec.name());
        }
        summary
    };
    let mut summary = empty.clone();
    sink.begin(header)?;
    // (index of the batch's first input, the batch)
    let (job_tx, job_rx) = crossbeam_channel::bounded::<Batch>(threads * 4);
    let (done_tx, done_rx) = crossbeam_channel::bounded::<(u64, Done)>(threads * 4);
    let window = Window {
        reported: Mutex::new(0),
        moved: Condvar::new(),
    };
    let discovered = AtomicU64::new(0);

    std::thread::scope(|s| -> Result<(), RunError> {
        let (window, discovered) = (&window, &discovered);
        let walker = s.spawn(move || discover(stages, job_tx, window, discovered));
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (jobs, done) = (job_rx.clone(), done_tx.clone());
                let (detector, empty) = (&detector, &empty);
                s.spawn(move || work(stages, detector, empty.clone(), encoder, jobs, done))
            })
            .collect();
        drop((job_rx, done_tx));
        let written = reorder(&done_rx, window, discovered, &mut summary, sink, observer);
        // Unblock the walker for good, whether the run finished or failed.
        window.advance(u64::MAX - REORDER_WINDOW);
        drop(done_rx);
        for worker in workers {
            let partial = worker.join().expect("worker threads do not panic");
            summary.merge(&partial);
        }
        let walked = walker.join().expect("the walker thread does not panic");
        summary.discovered = walked.found + walked.ignored.total();
        summary.ignored = walked.ignored;
        let reported = written?;
        let discovered = discovered.load(Ordering::Relaxed);
        // A stop asked for after every input was found and reported changes nothing.
        if let Some(signal) = stop_requested()
            && (walked.stopped || reported < discovered)
        {
            return Err(RunError::Interrupted {
                signal,
                reported,
                discovered,
            });
        }
        Ok(())
    })?;
    sink.finish(&summary)?;
    Ok(summary)
}

/// What the walker thread found.
struct Walked {
    /// What the walk ignored by rule.
    ignored: crate::input::Ignored,
    /// Items found: every input, record, contained document and skipped input (in a
    /// shard's run, every shard's).
    found: u64,
    /// The walk stopped early because a stop was requested.
    stopped: bool,
}

/// The walker thread: finds the inputs and hands them out in numbered batches, at most
/// [`REORDER_WINDOW`] inputs ahead of the report. Owns `jobs`: the job channel closes when
/// the walk ends. With `--shard`, every input found takes a position, and only the shard's
/// inputs are handed out; a stream's records are handed out one by one. Returns what the
/// walk ignored, how many items it found, and whether it stopped early because a stop was
/// requested.
fn discover(
    stages: &Stages<'_>,
    jobs: Sender<Batch>,
    window: &Window,
    discovered: &AtomicU64,
) -> Walked {
    let batch_size = if stages.stream { 1 } else { BATCH };
    let mut next = 0u64;
    let mut batch = Batch {
        first: 0,
        found: Vec::with_capacity(batch_size),
        positions: Vec::new(),
    };
    let send = |batch: &mut Batch, next: &mut u64| {
        let first = *next;
        *next += batch.found.len() as u64;
        discovered.store(*next, Ordering::Relaxed);
        window.wait_for(first);
        let full = Batch {
            first,
            found: std::mem::take(&mut batch.found),
            positions: std::mem::take(&mut batch.positions),
        };
        jobs.send(full).is_ok()
    };
    let mut split = stages
        .shard
        .map(|shard| Splitter::new(shard, stages.inputs.roots()));
    let mut position = 0u64;
    let mut stopped = false;
    let ignored = stages.inputs.discover(|found| {
        if stop_requested().is_some() {
            stopped = true;
            return false;
        }
        position += 1;
        if let Some(split) = &mut split {
            if !split.keeps(&found) {
                return true;
            }
            batch.positions.push(position - 1);
        }
        batch.found.push(found);
        batch.found.len() < batch_size || send(&mut batch, &mut next)
    });
    if !batch.found.is_empty() && !stopped {
        send(&mut batch, &mut next);
    }
    Walked {
        ignored,
        found: position,
        stopped,
    }
}

/// A worker thread: reads, analyses and encodes each batch, counting its documents in a
/// summary of its own, which it returns.
fn work(
    stages: &Stages<'_>,
    detector: &Detector,
    mut partial: Summary,
    encoder: &Encoder,
    jobs: Receiver<Batch>,
    done: Sender<(u64, Done)>,
) -> Summary {
    let mut analyser =
        Analyser::with_segmenter(stages.matcher, detector, stages.segmenter, stages.options);
    let mut reader = stages.inputs.reader();
    for batch in jobs {
        if stop_requested().is_some() {
            break;
        }
        let mut out = Done {
            encoded: Vec::new(),
            items: Vec::with_capacity(batch.found.len()),
        };
        for (i, found) in batch.found.into_iter().enumerate() {
            let position = batch.positions.get(i).copied();
            let item = match process(&mut analyser, &mut reader, found) {
                Outcome::Document(doc) => {
                    count(&mut partial, &doc, stages);
                    let encoded = match position {
                        Some(p) => encoder.part_document(&doc, p, &mut out.encoded),
                        None => encoder.document(&doc, &mut out.encoded),
                    };
                    match encoded {
                        Ok(()) => Item::Document {
                            end: out.encoded.len(),
                            bytes: doc.bytes,
                            warning: decoding_warning(&doc),
                        },
                        Err(e) => Item::Failed(e),
                    }
                }
                Outcome::Skipped(skipped) => Item::Skipped(skipped, position),
            };
            out.items.push(item);
        }
        if done.send((batch.first, out)).is_err() {
            break;
        }
    }
    partial
}

/// The reporting thread: puts the workers' batches back in input order and writes them to
/// `sink`, moving the window on. Stops at the first write that fails.
fn reorder(
    done_rx: &Receiver<(u64, Done)>,
    window: &Window,
    discovered: &AtomicU64,
    summary: &mut Summary,
    sink: &mut dyn Sink,
    observer: &mut dyn Observer,
) -> Result<u64, io::Error> {
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    for (first, done) in done_rx.iter() {
        pending.insert(first, done);
        while let Some(done) = pending.remove(&next) {
            let mut start = 0;
            for item in done.items {
                let found = discovered.load(Ordering::Relaxed);
                match item {
                    Item::Document {
                        end,
                        bytes,
                        warning,
                    } => {
                        sink.document(&done.encoded[start..end])?;
                        start = end;
                        let warning = warning.as_deref();
                        observer.reported(Reported::Document { bytes, warning }, found);
                    }
                    Item::Skipped(skipped, position) => {
                        summary.skipped += 1;
                        match position {
                            Some(p) => sink.skipped_at(&skipped, p)?,
                            None => sink.skipped(&skipped)?,
                        }
                        observer.reported(Reported::Skipped(&skipped), found);
                    }
                    Item::Failed(e) => return Err(e),
                }
                next += 1;
            }
            window.advance(next);
        }
    }
    Ok(next)
}

/// The warning a document's decoding deserves, if any: invalid UTF-8 replaced, or an
/// encoding that fits its bytes only in part.
fn decoding_warning(doc: &DocResult) -> Option<Box<str>> {
    let mut parts = Vec::new();
    if doc.replacements > 0 {
        let s = if doc.replacements == 1 { "" } else { "s" };
        parts.push(format!(
            "{} invalid UTF-8 sequence{s} replaced by U+FFFD",
            doc.replacements
        ));
    }
    if doc.encoding_doubtful {
        let confidence = doc.encoding_confidence.unwrap_or(0.0);
        parts.push(format!(
            "doubtful decoding: {} fits {:.0}% of the non-ASCII evidence",
            doc.encoding,
            confidence * 100.0
        ));
    }
    (!parts.is_empty()).then(|| format!("{}: {}", doc.path, parts.join("; ")).into())
}

/// Reads and analyses one found input.
fn process(analyser: &mut Analyser<'_>, reader: &mut Reader<'_>, found: Found) -> Outcome {
    let raw = match reader.read(found) {
        Ok(raw) => raw,
        Err(skipped) => return Outcome::Skipped(skipped),
    };
    match analyser.analyse_raw(raw) {
        Ok(doc) => Outcome::Document(Box::new(doc)),
        Err(skipped) => Outcome::Skipped(skipped),
    }
}
