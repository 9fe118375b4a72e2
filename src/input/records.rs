//! Structured input: `--input jsonl` (one JSON object a line) and `--input csv` (one row a
//! record, a header row first; `.tsv` files are tab-separated). Each record is one document.
//!
//! The walker thread expands a structured file into records as it reads it, so records flow
//! through the same numbered batches and bounded reorder window as files: a file of any size
//! costs memory for the records in flight only. JSON lines are parsed by the workers; CSV
//! rows, whose quoted fields may span lines, are split by the walker.
//!
//! A record that cannot be analysed (invalid JSON, no text field, a text that is not a
//! string, a CSV row with the wrong number of fields) becomes a `skipped` record naming the
//! file and line; the rest of the file is read on.

use super::compress::{Compression, Decompressed, ReadError, classify};
use super::{Found, Input, InputFormat, RawBody, RawRecord, ReadOptions, Record, Skipped};
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::sync::Arc;

fn skipped(path: &str, reason: String) -> Found {
    Found::Skipped(Skipped {
        path: path.to_string(),
        reason,
    })
}

fn open(input: &Input, limit: u64) -> Result<(Box<dyn BufRead>, Option<Compression>), ReadError> {
    Ok(match input {
        Input::Stdin => (Box::new(BufReader::new(io::stdin())), None),
        Input::File(path) => match Compression::of(path) {
            None => (Box::new(BufReader::new(File::open(path)?)), None),
            Some(kind) => {
                let reader = Decompressed::open(path, kind, limit)?;
                (
                    Box::new(BufReader::with_capacity(64 * 1024, reader)),
                    Some(kind),
                )
            }
        },
    })
}

/// Reads a structured `input` and calls `emit` with each record (or skipped record) in file
/// order, until it returns `false`; then returns `false` too.
pub fn expand(input: &Input, opts: &ReadOptions, emit: &mut dyn FnMut(Found) -> bool) -> bool {
    let path = input.display();
    let (reader, kind) = match open(input, opts.max_decompressed) {
        Ok(r) => r,
        Err(e) => return emit(skipped(&path, e.to_string())),
    };
    let path: Arc<str> = Arc::from(path);
    match opts.format {
        InputFormat::Csv => {
            let tab = matches!(input, Input::File(p) if is_tsv(p));
            expand_csv(reader, kind, tab, &path, opts, emit)
        }
        _ => expand_jsonl(reader, kind, &path, emit),
    }
}

/// Expands a structured file already read into memory (an archive member, decompressed),
/// shown as `path`, like [`expand`].
pub fn expand_bytes(
    path: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let tab = is_tsv(std::path::Path::new(path));
    let path: Arc<str> = Arc::from(path);
    let reader: Box<dyn BufRead> = Box::new(io::Cursor::new(bytes));
    match opts.format {
        InputFormat::Csv => expand_csv(reader, None, tab, &path, opts, emit),
        _ => expand_jsonl(reader, None, &path, emit),
    }
}

/// `x.tsv`, `x.tsv.gz`, `x.tsv.zst`.
fn is_tsv(path: &std::path::Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase());
    name.is_some_and(|n| {
        let n = n
            .strip_suffix(".gz")
            .or_else(|| n.strip_suffix(".zst"))
            .unwrap_or(&n);
        n.ends_with(".tsv")
    })
}

fn stopped(after: u64, e: ReadError) -> String {
    if after == 0 {
        e.to_string()
    } else {
        format!("stopped after line {after}: {e}")
    }
}

fn expand_jsonl(
    mut reader: Box<dyn BufRead>,
    kind: Option<Compression>,
    path: &Arc<str>,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let mut line_no = 0u64;
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => return emit(skipped(path, stopped(line_no, classify(kind, e)))),
        }
        line_no += 1;
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        if line_no == 1 && line.starts_with(b"\xef\xbb\xbf") {
            line.drain(..3);
        }
        // Blank lines separate nothing and are not records.
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let raw = RawRecord {
            path: path.clone(),
            line: line_no,
            body: RawBody::Json(line),
        };
        if !emit(Found::Record(raw)) {
            return false;
        }
    }
}

fn expand_csv(
    reader: Box<dyn BufRead>,
    kind: Option<Compression>,
    tab: bool,
    path: &Arc<str>,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(if tab { b'\t' } else { b',' })
        .from_reader(reader);
    let csv_error = |e: csv::Error, line: u64| -> String {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => stopped(line, classify(kind, e)),
            other => format!("line {line}: cannot parse CSV: {other:?}"),
        }
    };
    let names: Vec<String> = match csv.byte_headers() {
        Ok(h) => h
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let name = if i == 0 {
                    name.strip_prefix(b"\xef\xbb\xbf").unwrap_or(name)
                } else {
                    name
                };
                String::from_utf8_lossy(name).into_owned()
            })
            .collect(),
        Err(e) => return emit(skipped(path, csv_error(e, 0))),
    };
    if names.is_empty() || names == [""] {
        return true; // an empty file has no records
    }
    let Some(text_col) = names.iter().position(|n| *n == opts.text_field) else {
        let reason = format!(
            "line 1: no column {:?} in the header (columns: {}); name the text column with \
             --text-field",
            opts.text_field,
            names.join(", ")
        );
        return emit(skipped(path, reason));
    };
    let id_col = names.iter().position(|n| *n == opts.id_field);
    let mut row = csv::ByteRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_byte_record(&mut row) {
            Ok(false) => return true,
            Ok(true) => {}
            Err(e) => return emit(skipped(path, csv_error(e, line))),
        }
        let line = row.position().map_or(line, |p| p.line());
        let found = if row.len() != names.len() {
            skipped(
                path,
                format!(
                    "line {line}: {} fields, but the header has {}; quote fields that contain \
                     commas, quotes or line breaks",
                    row.len(),
                    names.len()
                ),
            )
        } else {
            let mut fields = Map::new();
            for (i, (name, value)) in names.iter().zip(row.iter()).enumerate() {
                if i != text_col && Some(i) != id_col && !fields.contains_key(name) {
                    let value = String::from_utf8_lossy(value).into_owned();
                    fields.insert(name.clone(), Value::String(value));
                }
            }
            let record = Record {
                line,
                id: id_col.map(|i| Value::String(String::from_utf8_lossy(&row[i]).into_owned())),
                fields,
            };
            Found::Record(RawRecord {
                path: path.clone(),
                line,
                body: RawBody::Ready {
                    text: row[text_col].to_vec(),
                    record,
                },
            })
        };
        if !emit(found) {
            return false;
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Turns a raw record into the text to analyse and its [`Record`], or a skipped record.
pub fn prepare(raw: RawRecord, opts: &ReadOptions) -> Result<(Vec<u8>, Record), Skipped> {
    let line = raw.line;
    let fail = |reason: String| Skipped {
        path: raw.path.to_string(),
        reason: format!("line {line}: {reason}"),
    };
    let bytes = match raw.body {
        RawBody::Ready { text, record } => return Ok((text, record)),
        RawBody::Json(bytes) => bytes,
    };
    let mut fields = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            return Err(fail(format!(
                "{} where a JSON object was expected; each line must be one object",
                kind_of(&other)
            )));
        }
        Err(e) => {
            // serde_json's "at line 1 column N" counts within this one line: keep the column.
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg);
            return Err(fail(format!(
                "invalid JSON at column {} ({msg}); fix or remove the line",
                e.column()
            )));
        }
    };
    let text = match fields.remove(&opts.text_field) {
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(fail(format!(
                "field {:?} is {}, not a string",
                opts.text_field,
                kind_of(&other)
            )));
        }
        None => {
            return Err(fail(format!(
                "no field {:?}; name the text field with --text-field",
                opts.text_field
            )));
        }
    };
    let id = fields.remove(&opts.id_field);
    Ok((text.into_bytes(), Record { line, id, fields }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn run(name: &str, data: &[u8], format: InputFormat) -> Vec<Result<(Vec<u8>, Record), String>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, data).unwrap();
        let opts = ReadOptions {
            format,
            ..ReadOptions::default()
        };
        let mut out = Vec::new();
        expand(&Input::File(PathBuf::from(&path)), &opts, &mut |f| {
            out.push(match f {
                Found::Record(raw) => prepare(raw, &opts).map_err(|s| s.reason),
                Found::Skipped(s) => Err(s.reason),
                Found::Input(_) | Found::Contained(_) => unreachable!(),
            });
            true
        });
        out
    }

    #[test]
    fn jsonl_records_and_bad_lines() {
        let data = b"\xef\xbb\xbf{\"id\": 7, \"text\": \"Ilta kului.\", \"author\": \"anna\"}\r\n\
                     \n\
                     {not json}\n\
                     [1, 2]\n\
                     {\"body\": \"x\"}\n\
                     {\"text\": 5}\n\
                     {\"text\": \"Tot morgen\"}";
        let out = run("p.jsonl", data, InputFormat::Jsonl);
        assert_eq!(out.len(), 6);
        let (text, rec) = out[0].as_ref().unwrap();
        assert_eq!(text, "Ilta kului.".as_bytes());
        assert_eq!(rec.line, 1);
        assert_eq!(rec.id, Some(Value::from(7)));
        assert_eq!(rec.fields["author"], "anna");
        assert!(!rec.fields.contains_key("text"));
        let reasons: Vec<&str> = out[1..5]
            .iter()
            .map(|r| r.as_ref().unwrap_err().as_str())
            .collect();
        assert!(
            reasons[0].starts_with("line 3: invalid JSON"),
            "{reasons:?}"
        );
        assert!(reasons[1].starts_with("line 4: an array"), "{reasons:?}");
        assert!(
            reasons[2].contains("line 5: no field \"text\""),
            "{reasons:?}"
        );
        assert!(
            reasons[3].contains("line 6: field \"text\" is a number"),
            "{reasons:?}"
        );
        let (_, last) = out[5].as_ref().unwrap();
        assert_eq!((last.line, &last.id), (7, &None));
    }

    #[test]
    fn csv_rows_with_quoted_line_breaks_and_bad_rows() {
        let data = "id,author,text\n\
                    1,anna,\"Eka rivi\nja toinen, vielä \"\"lainaus\"\"\"\n\
                    2,bert\n\
                    3,cees,Gewoon tekst\n";
        let out = run("p.csv", data.as_bytes(), InputFormat::Csv);
        assert_eq!(out.len(), 3);
        let (text, rec) = out[0].as_ref().unwrap();
        assert_eq!(
            std::str::from_utf8(text).unwrap(),
            "Eka rivi\nja toinen, vielä \"lainaus\""
        );
        assert_eq!(rec.line, 2);
        assert_eq!(rec.id, Some(Value::from("1")));
        assert_eq!(rec.fields["author"], "anna");
        let bad = out[1].as_ref().unwrap_err();
        assert!(
            bad.starts_with("line 4: 2 fields, but the header has 3"),
            "{bad}"
        );
        assert_eq!(out[2].as_ref().unwrap().1.line, 5);

        let out = run("p.tsv", b"text\tauthor\nHei\tanna\n", InputFormat::Csv);
        assert_eq!(out[0].as_ref().unwrap().1.fields["author"], "anna");
        let out = run("p.csv", b"body,author\nHei,anna\n", InputFormat::Csv);
        let e = out[0].as_ref().unwrap_err();
        assert!(
            e.contains("no column \"text\"") && e.contains("--text-field"),
            "{e}"
        );
        assert!(run("empty.csv", b"", InputFormat::Csv).is_empty());
    }
}
