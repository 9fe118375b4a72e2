//! `teema merge`: shards' reports (`teema analyse --shard I/N`) combined into the report of
//! one run over all the inputs, byte for byte.
//!
//! A part is a json or ndjson report as a shard's run writes it: its header records `shard`
//! (`I/N`) and `part` (the inputs and the options that shape the records), and every
//! document and skipped input carries its `position`, its place in the run over all inputs.
//! The merge reads the parts' records in position order (a k-way merge: one record of each
//! part in memory at a time), reads each document back into a [`DocResult`], counts it in
//! the summary with the function a run uses ([`crate::pipeline::count_document`]) and
//! writes it with the report's own encoder and sink. So the documents, the summary, the
//! groups and every statistic come out as one run makes them, whatever the parts' order.
//!
//! Checked before anything is written: every part is a shard's report; all parts agree on
//! everything in their headers but `shard` (tool version, lexicons and their fingerprints,
//! morphology, options, inputs), naming the field that differs; no shard is given twice;
//! none is missing (unless `allow_partial`); and, as the records are read, positions are
//! unique, and, in a complete merge, every position from 0 on is in some part.

use crate::analyse::{AnalyseOptions, DocResult, Unit};
use crate::group::GroupSpec;
use crate::input::Skipped;
use crate::input::shard::Shard;
use crate::pipeline::{Pending, RunError, count_document, meta_path, write_pending, write_to_path};
use crate::report::{
    Columns, Encoder, Format, Header, PartCounts, PartInfo, Recording, Sink, meta_json,
    sink_with_columns,
};
use crate::score::{Summary, negated_id};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to merge.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// The merged report's format (`html` is refused: parts do not carry the texts).
    pub format: Format,
    /// Write it here instead of standard output (atomically, as `teema analyse -o`).
    pub output: Option<PathBuf>,
    /// Merge the parts there are when shards are missing, instead of failing.
    pub allow_partial: bool,
    /// Write the provenance and summary here as JSON, as `teema analyse --meta` does (with
    /// csv written to a file, it goes to `FILE.meta.json` unless given).
    pub meta: Option<PathBuf>,
}

/// What a merge found.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged summary.
    pub summary: Summary,
    /// The shards given (`N` of `I/N`).
    pub count: u32,
    /// Shards missing (their `I`), with `allow_partial`.
    pub missing: Vec<u32>,
}

fn err(message: String) -> RunError {
    RunError::Shard(message)
}

fn part_err(path: &Path, message: impl std::fmt::Display) -> RunError {
    err(format!("{}: {message}", path.display()))
}

/// Merges the `parts` into one report written as `options` say (to `stdout` without an
/// output file).
pub fn merge(
    parts: &[PathBuf],
    options: &MergeOptions,
    stdout: &mut dyn Write,
) -> Result<Merged, RunError> {
    if options.format == Format::Html {
        return Err(err(
            "teema merge cannot write html: the parts do not hold the documents' texts; \
             merge to json, ndjson or csv, or run `teema analyse --format html` on the inputs"
                .into(),
        ));
    }
    if parts.is_empty() {
        return Err(err("no parts to merge".into()));
    }
    let mut readers = Vec::with_capacity(parts.len());
    for path in parts {
        readers.push(PartReader::open(path)?);
    }
    let plan = Plan::check(&readers, options.allow_partial)?;
    let mut skipped = Vec::new();
    let mut write = |out: &mut dyn Write| -> Result<Summary, RunError> {
        let mut sink = sink_with_columns(
            options.format,
            plan.unit,
            Box::new(&mut *out),
            &plan.columns,
        );
        let mut recording = Recording::new(sink.as_mut());
        let encoder = Encoder::new(options.format, plan.unit, &plan.columns);
        recording.begin(&plan.header)?;
        let summary = combine(&mut readers, &plan, &encoder, &mut recording)?;
        recording.finish(&summary)?;
        skipped = recording.skipped;
        drop(sink);
        out.flush()?;
        Ok(summary)
    };
    let (summary, pending) = match &options.output {
        None => (
            write(&mut BufWriter::with_capacity(1 << 16, stdout))?,
            Pending::none(),
        ),
        Some(path) => write_pending(path, write)?,
    };
    // the sidecar, where `teema analyse` writes one
    let report = crate::config::ReportOptions {
        format: options.format,
        output: options.output.clone(),
        meta: options.meta.clone(),
        ..Default::default()
    };
    if let Some(path) = meta_path(&report) {
        let bytes = meta_json(&plan.header, options.format, &skipped, &summary)?;
        write_to_path(&path, |out| Ok(out.write_all(&bytes)?))?;
    }
    pending.persist()?;
    Ok(Merged {
        summary,
        count: plan.count,
        missing: plan.missing,
    })
}

/// What the headers say about the merge.
struct Plan {
    header: Header,
    count: u32,
    missing: Vec<u32>,
    unit: Unit,
    columns: Columns,
    options: AnalyseOptions,
    group_by: Vec<GroupSpec>,
    /// `--include-short`, from the header's `options`.
    include_short: bool,
    complete: bool,
}

impl Plan {
    fn check(readers: &[PartReader], allow_partial: bool) -> Result<Plan, RunError> {
        let first = &readers[0];
        // every header field but `shard` must agree
        for other in &readers[1..] {
            if let Some(field) = differs(&first.rest, &other.rest, "") {
                return Err(mismatch(first, other, &field));
            }
        }
        let count = first.shard.count;
        let mut given: BTreeMap<u32, &Path> = BTreeMap::new();
        for r in readers {
            if r.shard.count != count {
                return Err(err(format!(
                    "{} is shard {} but {} is shard {}: the parts come from splits into \
                     different numbers of shards",
                    first.path.display(),
                    first.shard,
                    r.path.display(),
                    r.shard
                )));
            }
            if let Some(other) = given.insert(r.shard.index, &r.path) {
                return Err(err(format!(
                    "shard {} is given twice: {} and {}",
                    r.shard,
                    other.display(),
                    r.path.display()
                )));
            }
        }
        let missing: Vec<u32> = (1..=count).filter(|i| !given.contains_key(i)).collect();
        if !missing.is_empty() && !allow_partial {
            let list: Vec<String> = missing.iter().map(|i| format!("{i}/{count}")).collect();
            return Err(err(format!(
                "shard{} {} missing (given: {}); merge what there is with --allow-partial",
                if missing.len() == 1 { "" } else { "s" },
                if missing.len() == 1 {
                    format!("{} is", list[0])
                } else {
                    format!("{} are", list.join(", "))
                },
                given
                    .keys()
                    .map(|i| format!("{i}/{count}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let mut rest = first.rest.clone();
        let part = rest
            .remove("part")
            .ok_or_else(|| part_err(&first.path, "the header has no `part` object"))?;
        let part: PartInfo = serde_json::from_value(part)
            .map_err(|e| part_err(&first.path, format!("the header's `part`: {e}")))?;
        let mut header: Header = serde_json::from_value(Value::Object(rest))
            .map_err(|e| part_err(&first.path, format!("cannot read the header: {e}")))?;
        let mut scored: Vec<Arc<str>> = header
            .lexicons
            .iter()
            .map(|l| l.id.as_str().into())
            .collect();
        if header.negation == crate::score::Negation::Separate.name() {
            let neg: Vec<Arc<str>> = scored.iter().map(|id| negated_id(id).into()).collect();
            scored.extend(neg);
        }
        scored.sort();
        header.scored = scored;
        let unit = match part.unit.as_str() {
            "segment" => Unit::Segment,
            "match" => Unit::Match,
            _ => Unit::Document,
        };
        let group_by = part
            .group_by
            .iter()
            .map(|g| g.parse::<GroupSpec>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| part_err(&first.path, format!("the header's `part.group_by`: {e}")))?;
        let options = AnalyseOptions {
            unit,
            keep_boilerplate: part.keep_boilerplate,
            evidence: part.evidence,
            context: part.context,
            ..AnalyseOptions::default()
        };
        let include_short = header.options.as_ref().is_some_and(|o| o.include_short);
        Ok(Plan {
            include_short,
            header,
            count,
            complete: missing.is_empty(),
            missing,
            unit,
            columns: Columns {
                structured: matches!(part.input.as_str(), "jsonl" | "csv"),
                group_by: group_by.clone(),
                fields: part.fields.clone(),
            },
            options,
            group_by,
        })
    }
}

/// The first field (a dotted path) where `a` and `b` differ.
fn differs(a: &Map<String, Value>, b: &Map<String, Value>, at: &str) -> Option<String> {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for key in keys {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        match (a.get(key), b.get(key)) {
            (Some(x), Some(y)) if x == y => {}
            (Some(Value::Object(x)), Some(Value::Object(y))) => return differs(x, y, &path),
            (Some(Value::Array(x)), Some(Value::Array(y))) if x.len() == y.len() => {
                for (i, (x, y)) in x.iter().zip(y).enumerate() {
                    if x != y {
                        // name a lexicon by its id
                        let name = x
                            .get("id")
                            .and_then(Value::as_str)
                            .map_or(i.to_string(), String::from);
                        let path = format!("{path}[{name}]");
                        return match (x, y) {
                            (Value::Object(x), Value::Object(y)) => {
                                differs(x, y, &path).or(Some(path))
                            }
                            _ => Some(path),
                        };
                    }
                }
            }
            _ => return Some(path),
        }
    }
    None
}

fn mismatch(a: &PartReader, b: &PartReader, field: &str) -> RunError {
    let value = |r: &PartReader| {
        let mut v = Some(&r.rest);
        let mut out: Option<&Value> = None;
        for key in field.split('.') {
            let key = key.split('[').next().unwrap_or(key);
            out = v.and_then(|m| m.get(key));
            v = out.and_then(Value::as_object);
        }
        out.map_or_else(
            || "nothing".to_string(),
            |v| {
                let s = v.to_string();
                if s.chars().count() > 80 {
                    format!("{}…", s.chars().take(80).collect::<String>())
                } else {
                    s
                }
            },
        )
    };
    let what = match field.split(['.', '[']).next().unwrap_or(field) {
        "tool" => "were written by different versions of teema",
        "lexicons" => "were made with different lexicons",
        "part" if field.starts_with("part.inputs") || field.starts_with("part.files_from") => {
            "were made over different inputs"
        }
        "part" | "options" => "were made with different options",
        "morphology" => "were made with different morphology (--morph)",
        "negation" => "were made with different --negation",
        "schema" => "have different report schemas",
        _ => "differ",
    };
    err(format!(
        "{} and {} {what}: `{field}` is {} in {} but {} in {}",
        a.path.display(),
        b.path.display(),
        value(a),
        a.path.display(),
        value(b),
        b.path.display()
    ))
}

/// Reads the parts' records in position order into `sink`, and returns the summary.
fn combine(
    readers: &mut [PartReader],
    plan: &Plan,
    encoder: &Encoder,
    sink: &mut dyn Sink,
) -> Result<Summary, RunError> {
    let mut summary = Summary {
        themes: plan
            .header
            .scored
            .iter()
            .map(|id| (id.clone(), Default::default()))
            .collect(),
        ..Summary::default()
    };
    for spec in &plan.group_by {
        summary.add_grouping(spec.name());
    }
    let mut heap = BinaryHeap::new();
    let mut current: Vec<Option<(u64, Rec)>> = Vec::with_capacity(readers.len());
    for (i, r) in readers.iter_mut().enumerate() {
        let rec = r.next()?;
        if let Some((p, _)) = &rec {
            heap.push(Reverse((*p, i)));
        }
        current.push(rec);
    }
    let mut expected = 0u64;
    let mut buf = Vec::new();
    while let Some(Reverse((position, i))) = heap.pop() {
        if position < expected {
            return Err(err(format!(
                "position {position} is in {} and in another part: the parts overlap",
                readers[i].path.display()
            )));
        }
        if plan.complete && position > expected {
            return Err(err(format!(
                "inputs {expected}..{position} (positions in the run over all inputs) are in \
                 no part, though every shard is given: the shards were not run over the same \
                 inputs"
            )));
        }
        expected = position + 1;
        let (_, rec) = current[i].take().expect("a record for each heap entry");
        match rec {
            Rec::Document(line, counts) => {
                let mut doc: DocResult = serde_json::from_str(line.as_str())
                    .map_err(|e| part_err(&readers[i].path, format!("position {position}: {e}")))?;
                counts.restore(&mut doc);
                count_document(
                    &mut summary,
                    &doc,
                    &plan.options,
                    &plan.group_by,
                    plan.include_short,
                );
                buf.clear();
                encoder.document(&doc, &mut buf)?;
                sink.document(&buf)?;
            }
            Rec::Skipped(skipped) => {
                summary.skipped += 1;
                sink.skipped(&skipped)?;
            }
        }
        let next = readers[i].next()?;
        if let Some((p, _)) = &next {
            if *p <= position {
                return Err(part_err(
                    &readers[i].path,
                    format!("positions are not in order ({p} after {position})"),
                ));
            }
            heap.push(Reverse((*p, i)));
        }
        current[i] = next;
    }
    // each part's own counts, and the walk's `ignored` and `discovered` (every shard walks
    // every input)
    let mut ignored: Option<(&Path, Value)> = None;
    let mut discovered: Option<(&Path, Option<u64>)> = None;
    for r in readers.iter() {
        let tail = r.tail.as_ref().ok_or_else(|| {
            part_err(
                &r.path,
                "the part ends without its summary: it is incomplete",
            )
        })?;
        let n = |k: &str| tail.get(k).and_then(Value::as_u64);
        if n("documents") != Some(r.documents) || n("skipped") != Some(r.skipped) {
            return Err(part_err(
                &r.path,
                format!(
                    "the summary counts {} documents and {} skipped, but the part holds {} and \
                     {}: it is damaged",
                    n("documents").unwrap_or(0),
                    n("skipped").unwrap_or(0),
                    r.documents,
                    r.skipped
                ),
            ));
        }
        let this = tail.get("ignored").cloned().unwrap_or(Value::Null);
        match &ignored {
            None => ignored = Some((&r.path, this)),
            Some((path, first)) if *first != this => {
                return Err(err(format!(
                    "{} and {} were made over different inputs: their walks ignored {} and {}",
                    path.display(),
                    r.path.display(),
                    first,
                    this
                )));
            }
            Some(_) => {}
        }
        let found = n("discovered");
        match &discovered {
            None => discovered = Some((&r.path, found)),
            Some((path, first)) if *first != found => {
                let show = |n: &Option<u64>| n.map_or("nothing".to_string(), |n| n.to_string());
                return Err(err(format!(
                    "{} and {} were made over different inputs: their walks discovered {} and \
                     {} inputs",
                    path.display(),
                    r.path.display(),
                    show(first),
                    show(&found)
                )));
            }
            Some(_) => {}
        }
    }
    if let Some((path, value)) = ignored {
        summary.ignored = serde_json::from_value(value)
            .map_err(|e| part_err(path, format!("the summary's `ignored`: {e}")))?;
    }
    // The inputs the parts hold: all of them in a complete merge, which every part's
    // `discovered` checks; a partial merge (or parts written before `discovered`) counts
    // those it has.
    let held = summary.documents + summary.skipped + summary.ignored.total();
    summary.discovered = held;
    if let Some((path, Some(found))) = discovered
        && plan.complete
        && found != held
    {
        return Err(part_err(
            path,
            format!(
                "the walk discovered {found} inputs, but the parts hold {} documents, {} \
                 skipped and {} ignored ({held}): inputs are missing from the parts",
                summary.documents,
                summary.skipped,
                summary.ignored.total()
            ),
        ));
    }
    Ok(summary)
}

/// A record of a part.
enum Rec {
    /// A document's line (with `position` and `counts`, and in ndjson `type`, which the
    /// document is read back without), and its counts.
    Document(String, PartCounts),
    Skipped(Skipped),
}

#[derive(Deserialize)]
struct Tagged {
    #[serde(rename = "type")]
    kind: String,
    position: Option<u64>,
    counts: Option<PartCounts>,
}

#[derive(Deserialize)]
struct PositionedSkipped {
    position: u64,
    #[serde(flatten)]
    skipped: Skipped,
}

/// Reads one part's records in order.
struct PartReader {
    path: PathBuf,
    shard: Shard,
    /// The header without `shard` (and in ndjson without `type`).
    rest: Map<String, Value>,
    lines: io::Lines<BufReader<File>>,
    json: bool,
    /// json: the skipped records (the report keeps them after the documents), in order.
    pending_skipped: std::collections::VecDeque<(u64, Skipped)>,
    /// json: the next document, read ahead.
    next_doc: Option<(u64, String, PartCounts)>,
    /// The summary, once read (json: read with the skipped records, first).
    tail: Option<Map<String, Value>>,
    documents: u64,
    skipped: u64,
    line: u64,
    done: bool,
}

/// The first line of a json report ends with this, the documents following one a line.
const JSON_DOCUMENTS: &str = "\"documents\":[";
/// The line after a json report's documents starts with this.
const JSON_TAIL: &str = "],\"skipped\":";

impl PartReader {
    fn open(path: &Path) -> Result<PartReader, RunError> {
        let open = || {
            File::open(path)
                .map(|f| BufReader::with_capacity(1 << 16, f).lines())
                .map_err(|e| part_err(path, format!("cannot open: {e}")))
        };
        let mut lines = open()?;
        let first = match lines.next() {
            Some(Ok(l)) => l,
            Some(Err(e)) => return Err(part_err(path, format!("cannot read: {e}"))),
            None => return Err(part_err(path, "empty file, not a teema report")),
        };
        let not_part = || {
            part_err(
                path,
                "not a shard's report as `teema analyse --shard I/N --format json|ndjson` \
                 writes it",
            )
        };
        let (json, header) = if let Some(head) = first.strip_suffix(JSON_DOCUMENTS) {
            let head = head.strip_suffix(',').ok_or_else(not_part)?;
            (true, format!("{head}}}"))
        } else if first.starts_with("{\"type\":\"header\"") {
            (false, first)
        } else {
            return Err(not_part());
        };
        let mut rest: Map<String, Value> = serde_json::from_str(&header)
            .map_err(|e| part_err(path, format!("cannot read the header: {e}")))?;
        rest.remove("type");
        let shard = match rest.remove("shard") {
            Some(Value::String(s)) => s.parse::<Shard>().map_err(|e| part_err(path, e))?,
            _ => {
                return Err(part_err(
                    path,
                    "not a shard's report (its header has no `shard`): write parts with \
                     `teema analyse --shard I/N`",
                ));
            }
        };
        let mut reader = PartReader {
            path: path.to_path_buf(),
            shard,
            rest,
            lines,
            json,
            pending_skipped: Default::default(),
            next_doc: None,
            tail: None,
            documents: 0,
            skipped: 0,
            line: 1,
            done: false,
        };
        if json {
            // the skipped records and the summary come last: read them first
            reader.read_json_tail()?;
            reader.lines = open()?;
            reader.lines.next();
            reader.next_doc = reader.json_document()?;
        }
        Ok(reader)
    }

    fn read_line(&mut self) -> Result<Option<String>, RunError> {
        self.line += 1;
        match self.lines.next() {
            None => Ok(None),
            Some(Ok(l)) => Ok(Some(l)),
            Some(Err(e)) => Err(part_err(&self.path, format!("line {}: {e}", self.line))),
        }
    }

    fn bad_line(&self, e: impl std::fmt::Display) -> RunError {
        part_err(&self.path, format!("line {}: {e}", self.line))
    }

    fn read_json_tail(&mut self) -> Result<(), RunError> {
        while let Some(line) = self.read_line()? {
            let Some(tail) = line.strip_prefix(JSON_TAIL) else {
                continue;
            };
            let tail = format!("{{\"skipped\":{tail}");
            #[derive(Deserialize)]
            struct Tail {
                skipped: Vec<PositionedSkipped>,
                summary: Map<String, Value>,
            }
            let tail: Tail = serde_json::from_str(&tail).map_err(|e| self.bad_line(e))?;
            self.pending_skipped = tail
                .skipped
                .into_iter()
                .map(|s| (s.position, s.skipped))
                .collect();
            self.tail = Some(tail.summary);
            self.line = 1;
            return Ok(());
        }
        Err(part_err(
            &self.path,
            "the report ends before its `skipped` and `summary`: it is incomplete",
        ))
    }

    /// json: the next document line.
    fn json_document(&mut self) -> Result<Option<(u64, String, PartCounts)>, RunError> {
        if self.done {
            return Ok(None);
        }
        let Some(line) = self.read_line()? else {
            return Err(part_err(&self.path, "the report is cut short"));
        };
        if line.starts_with(JSON_TAIL) {
            self.done = true;
            return Ok(None);
        }
        let line = match line.strip_suffix(',') {
            Some(l) => l.to_string(),
            None => line,
        };
        let (position, counts) = position_of(&line).map_err(|e| self.bad_line(e))?;
        Ok(Some((position, line, counts)))
    }

    /// The next record, in the part's order (which is position order).
    fn next(&mut self) -> Result<Option<(u64, Rec)>, RunError> {
        if self.json {
            let skipped_first = match (&self.next_doc, self.pending_skipped.front()) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some((d, _, _)), Some((s, _))) => s < d,
            };
            if skipped_first {
                let (p, s) = self.pending_skipped.pop_front().expect("checked");
                self.skipped += 1;
                return Ok(Some((p, Rec::Skipped(s))));
            }
            let Some((p, line, counts)) = self.next_doc.take() else {
                return Ok(None);
            };
            self.documents += 1;
            self.next_doc = self.json_document()?;
            return Ok(Some((p, Rec::Document(line, counts))));
        }
        loop {
            if self.done {
                return Ok(None);
            }
            let Some(line) = self.read_line()? else {
                self.done = true;
                return Ok(None);
            };
            if line.is_empty() {
                continue;
            }
            let mut tagged: Tagged = serde_json::from_str(&line).map_err(|e| self.bad_line(e))?;
            let counts = tagged.counts.take();
            let position = || {
                tagged
                    .position
                    .ok_or_else(|| self.bad_line("a record without `position`"))
            };
            match tagged.kind.as_str() {
                "document" => {
                    let p = position()?;
                    let counts =
                        counts.ok_or_else(|| self.bad_line("a document without `counts`"))?;
                    self.documents += 1;
                    return Ok(Some((p, Rec::Document(line, counts))));
                }
                "skipped" => {
                    let s: PositionedSkipped =
                        serde_json::from_str(&line).map_err(|e| self.bad_line(e))?;
                    self.skipped += 1;
                    return Ok(Some((s.position, Rec::Skipped(s.skipped))));
                }
                "summary" => {
                    let mut summary: Map<String, Value> =
                        serde_json::from_str(&line).map_err(|e| self.bad_line(e))?;
                    summary.remove("type");
                    self.tail = Some(summary);
                    self.done = true;
                    return Ok(None);
                }
                other => {
                    return Err(self.bad_line(format!(
                        "a `{other}` line: a part holds `document` lines (written with --unit \
                         document)"
                    )));
                }
            }
        }
    }
}

/// The `position` and `counts` of a document record.
fn position_of(line: &str) -> Result<(u64, PartCounts), String> {
    #[derive(Deserialize)]
    struct P {
        position: u64,
        counts: PartCounts,
    }
    serde_json::from_str::<P>(line)
        .map(|p| (p.position, p.counts))
        .map_err(|e| format!("a document without its position and counts ({e})"))
}
