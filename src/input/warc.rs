//! Web archives: `.warc`, `.warc.gz` (gzip, one member per record or one for the whole
//! file) and `.warc.zst` (Zstandard frames without a dictionary), WARC 1.0 and 1.1, as
//! crawlers write them (wget, Heritrix, Browsertrix, Common Crawl).
//!
//! Every `response` or `resource` record with a text or HTML payload is one document, shown
//! as `crawl.warc.gz!N`, where N is the record's number in the file (1-based, counting every
//! record, `warcinfo` and `request` ones too): URIs repeat (several captures of one page) and
//! can be long, numbers are unique and stable. Its `record` carries `line` (the line of the
//! decompressed file the record's `WARC/1.x` line is on), `id` (`WARC-Record-ID`) and the
//! fields `url` (`WARC-Target-URI`), `date` (`WARC-Date`), `status` (the HTTP status, `null`
//! for a `resource` record), `content_type` (the payload's, from the HTTP header or, for a
//! `resource`, the record's) and `warc_type`.
//!
//! The payload is the HTTP body of a `response` record (with chunked transfer coding and
//! `gzip`/`deflate` content coding undone; a body stored already decoded under such a header
//! is taken as it is) or the whole block of a `resource` record. `text/html` and
//! `application/xhtml+xml` payloads go through the HTML reader, `text/plain` ones are text,
//! a payload without a content type is HTML when it starts like a page and text otherwise.
//! The charset of the HTTP `Content-Type` header decides where the payload has no
//! byte-order mark; else the page's own `<meta charset>` or the text's sniffing. Evidence
//! offsets are byte offsets in the payload so defined.
//!
//! What is not a document, so that the counts add up (records = documents + skipped +
//! ignored):
//! * **ignored**, counted in `summary.ignored.warc_records`: `warcinfo`, `request`,
//!   `metadata`, `conversion` and `continuation` records, which by type hold no page;
//! * **skipped** and listed with the reason: `revisit` records (their payload is in an
//!   earlier record), records with any other payload type (`image/png`, `application/pdf`,
//!   scripts, style sheets), records marked `WARC-Truncated` or segmented, records over
//!   `--max-decompressed`, records whose `Content-Length` is over `--max-file-size` (not
//!   read), undecodable payloads, and unknown record types;
//! * a record cut off by the end of the file (a truncated download) is skipped and listed,
//!   and so is a break in the stream (a corrupt gzip member, a line that is not a WARC
//!   header): the records before it are documents, nothing after it is read.
//!
//! No WARC crate is used: `warc` 0.4 (the one maintained-looking candidate) reads whole
//! records through its own gzip stack (`libflate`), pulls in `chrono`, `nom`, `url` and an
//! old `uuid`, has no Zstandard, and reports a cut-off record as a parse error without the
//! record number; the format is simple enough (a header block, `Content-Length` bytes, two
//! line breaks) for the careful reader below, which streams through the decompressors
//! the other inputs use.

use super::archive::{Expand, open_stream};
use super::compress::{Compression, ReadError, classify};
use super::read::check_size;
use super::{Contained, Found, Record, Skipped};
use encoding_rs::Encoding;
use serde_json::{Map, Value};
use std::io::{self, BufRead, Read};
use std::path::Path;

/// A header line longer than this is not a WARC header.
const MAX_HEADER_LINE: u64 = 64 * 1024;

fn skipped(path: impl Into<String>, reason: impl Into<String>) -> Found {
    Found::Skipped(Skipped {
        path: path.into(),
        reason: reason.into(),
    })
}

/// The first bytes of a Zstandard skippable frame, which is where a `.warc.zst` keeps its
/// dictionary.
const ZSTD_DICTIONARY_FRAME: [u8; 4] = [0x5d, 0x2a, 0x4d, 0x18];

/// Reads a WARC file and calls `emit` with each document (or skipped record) in file order,
/// until it returns `false`; then returns `false` too.
pub fn expand(
    path: &Path,
    compression: Option<Compression>,
    ctx: &mut Expand<'_>,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let shown = path.display().to_string();
    if compression == Some(Compression::Zstd) && starts_with_dictionary(path) {
        return emit(skipped(
            shown,
            "a .warc.zst with an embedded Zstandard dictionary is not supported; recompress \
             it without one (`zstd -d`, then `zstd`) or use .warc.gz",
        ));
    }
    let stream = match open_stream(path, compression) {
        Ok(s) => s,
        Err(e) => return emit(skipped(shown, e.to_string())),
    };
    let mut reader = WarcReader {
        r: stream,
        line: 0,
        in_record: false,
    };
    let limit = ctx.read.max_decompressed;
    let mut number = 0u64;
    loop {
        let next = match reader.next_record(limit, ctx.read.max_file_size) {
            Ok(n) => n,
            Err(Break::Io(e)) if reader.in_record => {
                let e = classify(compression, e);
                return emit(skipped(
                    format!("{shown}!{}", number + 1),
                    format!(
                        "truncated record: the file breaks off inside it ({e}); the records \
                         before it were read"
                    ),
                ));
            }
            Err(Break::Io(e)) => {
                let e = classify(compression, e);
                return emit(skipped(
                    shown,
                    format!(
                        "the file breaks off after record {number} ({e}); nothing after it is read"
                    ),
                ));
            }
            Err(Break::Format(reason)) => {
                return emit(skipped(
                    shown,
                    format!("{reason}; {number} record(s) before it were read, nothing after it"),
                ));
            }
        };
        let Some(raw) = next else {
            return true;
        };
        number += 1;
        let at = format!("{shown}!{number}");
        let RawWarc {
            line,
            headers,
            body,
        } = raw;
        let found = match body {
            Body::Truncated { got, want } => {
                return emit(skipped(
                    at,
                    format!(
                        "truncated record: the file ends {got} bytes into its {want}-byte \
                         block; the records before it were read"
                    ),
                ));
            }
            Body::TooLarge(reason) => skipped(at, reason),
            Body::Read(block) => match document(&headers, block, limit) {
                Outcome::Document(doc) => {
                    let mut fields = doc.fields;
                    let warc_type = header(&headers, "warc-type").unwrap_or("");
                    fields.insert("warc_type".into(), Value::String(warc_type.into()));
                    Found::Contained(Box::new(Contained {
                        path: at,
                        bytes: doc.payload,
                        record: Some(Record {
                            line,
                            id: header(&headers, "warc-record-id").map(|s| Value::String(s.into())),
                            fields,
                        }),
                        html: doc.html,
                        charset: doc.charset,
                        annotation: None,
                    }))
                }
                Outcome::Ignored => {
                    ctx.ignored.warc_records += 1;
                    continue;
                }
                Outcome::Skipped(reason) => skipped(at, reason),
            },
        };
        if !emit(found) {
            return false;
        }
    }
}

fn starts_with_dictionary(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == ZSTD_DICTIONARY_FRAME
}

/// Why reading a WARC file stops.
enum Break {
    Io(io::Error),
    Format(String),
}

impl From<io::Error> for Break {
    fn from(e: io::Error) -> Self {
        Break::Io(e)
    }
}

/// A record's block as read.
enum Body {
    Read(Vec<u8>),
    /// Over a limit, with the reason.
    TooLarge(String),
    Truncated {
        got: u64,
        want: u64,
    },
}

/// One record: its header fields and block.
struct RawWarc {
    line: u64,
    /// Header names lowercased, values trimmed, in file order.
    headers: Vec<(String, String)>,
    body: Body,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

struct WarcReader {
    r: Box<dyn BufRead + Send>,
    /// Lines read so far.
    line: u64,
    /// A record's `WARC/` line was read and its block not yet all.
    in_record: bool,
}

impl WarcReader {
    /// Reads one line (with its line break) into `buf`; 0 at the end of the file.
    fn read_line(&mut self, buf: &mut Vec<u8>) -> Result<usize, Break> {
        buf.clear();
        let n = (&mut self.r).take(MAX_HEADER_LINE).read_until(b'\n', buf)?;
        if n > 0 && buf.last() != Some(&b'\n') && n as u64 == MAX_HEADER_LINE {
            return Err(Break::Format(format!(
                "line {}: a header line longer than {MAX_HEADER_LINE} bytes",
                self.line + 1
            )));
        }
        if n > 0 {
            self.line += 1;
        }
        Ok(n)
    }

    /// Reads past `n` bytes of a block without keeping them, counting its lines (the
    /// later records' `line`s count them). Returns the bytes passed over.
    fn pass_over(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            self.line += memchr::memchr_iter(b'\n', &buf[..take]).count() as u64;
            self.r.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    /// The next record, `None` at the end of the file.
    /// `limit` is `--max-decompressed`, `max_file_size` `--max-file-size`: a block larger than
    /// either is passed over unread.
    fn next_record(
        &mut self,
        limit: u64,
        max_file_size: Option<u64>,
    ) -> Result<Option<RawWarc>, Break> {
        let mut buf = Vec::new();
        // Records are followed by two line breaks; tolerate more or fewer.
        loop {
            if self.read_line(&mut buf)? == 0 {
                return Ok(None);
            }
            if !buf.trim_ascii().is_empty() {
                break;
            }
        }
        let line = self.line;
        self.in_record = true;
        if !buf.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&buf[..buf.len().min(40)]).into_owned();
            return Err(Break::Format(format!(
                "line {line}: {:?} is not a WARC record header (WARC/1.0 or WARC/1.1)",
                shown.trim_end()
            )));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            if self.read_line(&mut buf)? == 0 {
                return Ok(Some(RawWarc {
                    line,
                    headers,
                    body: Body::Truncated { got: 0, want: 0 },
                }));
            }
            let text = String::from_utf8_lossy(&buf);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                // A folded header line continues the previous value.
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                }
                continue;
            }
            let Some((name, value)) = text.split_once(':') else {
                return Err(Break::Format(format!(
                    "line {}: {text:?} is not a `Name: value` WARC header",
                    self.line
                )));
            };
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
        let want = match header(&headers, "content-length").map(|v| v.parse::<u64>()) {
            Some(Ok(n)) => n,
            _ => {
                return Err(Break::Format(format!(
                    "line {line}: the record has no valid Content-Length"
                )));
            }
        };
        let too_large = match check_size(want, max_file_size) {
            Err(e) => Some(e.to_string()),
            Ok(()) => (want > limit).then(|| ReadError::TooLarge(limit).to_string()),
        };
        let body = if let Some(reason) = too_large {
            let got = self.pass_over(want)?;
            if got < want {
                Body::Truncated { got, want }
            } else {
                Body::TooLarge(reason)
            }
        } else {
            let mut block = Vec::with_capacity(usize::try_from(want).unwrap_or(0));
            (&mut self.r).take(want).read_to_end(&mut block)?;
            self.line += memchr::memchr_iter(b'\n', &block).count() as u64;
            if (block.len() as u64) < want {
                Body::Truncated {
                    got: block.len() as u64,
                    want,
                }
            } else {
                Body::Read(block)
            }
        };
        self.in_record = false;
        Ok(Some(RawWarc {
            line,
            headers,
            body,
        }))
    }
}

/// What a record is.
enum Outcome {
    Document(Doc),
    Ignored,
    Skipped(String),
}

struct Doc {
    payload: Vec<u8>,
    html: bool,
    charset: Option<&'static Encoding>,
    fields: Map<String, Value>,
}

/// Turns a record's headers and block into a document, or says why not.
fn document(headers: &[(String, String)], block: Vec<u8>, limit: u64) -> Outcome {
    let warc_type = header(headers, "warc-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    match warc_type.as_str() {
        "response" | "resource" => {}
        "warcinfo" | "request" | "metadata" | "conversion" | "continuation" => {
            return Outcome::Ignored;
        }
        "revisit" => {
            return Outcome::Skipped(
                "revisit record: it stores no payload, only a reference to an earlier \
                 capture"
                    .into(),
            );
        }
        "" => return Outcome::Skipped("record without a WARC-Type".into()),
        other => return Outcome::Skipped(format!("unknown WARC record type {other:?}")),
    }
    if let Some(why) = header(headers, "warc-truncated") {
        return Outcome::Skipped(format!(
            "truncated record (WARC-Truncated: {why}): the crawler stored only part of the \
             payload"
        ));
    }
    if header(headers, "warc-segment-number").is_some() {
        return Outcome::Skipped("segmented record: segments are not joined".into());
    }
    let record_type = header(headers, "content-type").unwrap_or("");
    let is_http =
        warc_type == "response" && media_type(record_type).eq_ignore_ascii_case("application/http");
    let (status, content_type, payload) = if is_http {
        match http_payload(block, limit) {
            Ok(x) => x,
            Err(reason) => return Outcome::Skipped(reason),
        }
    } else {
        (None, record_type.to_string(), block)
    };
    let media = media_type(&content_type).to_ascii_lowercase();
    let html = match media.as_str() {
        "text/html" | "application/xhtml+xml" => true,
        "text/plain" => false,
        "" => looks_like_html(&payload),
        other => {
            return Outcome::Skipped(format!("not a text or HTML payload ({other})"));
        }
    };
    let charset = charset_param(&content_type).and_then(|l| Encoding::for_label(l.as_bytes()));
    let mut fields = Map::new();
    let url = header(headers, "warc-target-uri").map(|u| {
        u.strip_prefix('<')
            .and_then(|u| u.strip_suffix('>'))
            .unwrap_or(u)
    });
    let text = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.into()));
    fields.insert("url".into(), text(url));
    fields.insert("date".into(), text(header(headers, "warc-date")));
    fields.insert("status".into(), status.map_or(Value::Null, Value::from));
    fields.insert(
        "content_type".into(),
        if content_type.is_empty() {
            Value::Null
        } else {
            Value::String(content_type)
        },
    );
    Outcome::Document(Doc {
        payload,
        html,
        charset,
        fields,
    })
}

/// `text/html` of `text/html; charset=utf-8`.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// The `charset` parameter of a content type.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn looks_like_html(payload: &[u8]) -> bool {
    let head = payload[..payload.len().min(1024)].to_ascii_lowercase();
    let head = head.trim_ascii_start();
    head.starts_with(b"<!doctype html") || memchr::memmem::find(head, b"<html").is_some()
}

/// Splits an HTTP response into status, content type and body, undoing transfer and content
/// codings.
fn http_payload(block: Vec<u8>, limit: u64) -> Result<(Option<u16>, String, Vec<u8>), String> {
    let end = memchr::memmem::find(&block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(&block, b"\n\n").map(|i| i + 2))
        .ok_or("the HTTP response has no end of headers")?;
    let head = String::from_utf8_lossy(&block[..end]).into_owned();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .strip_prefix("HTTP/")
        .and_then(|rest| rest.split_whitespace().nth(1))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("not an HTTP status line: {status_line:?}"))?;
    let mut content_type = String::new();
    let mut chunked = false;
    let mut coding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value.to_string(),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => coding = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    let mut body = block;
    body.drain(..end);
    if chunked && let Some(joined) = dechunk(&body) {
        body = joined;
    }
    match coding.as_str() {
        "" | "identity" => {}
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)
                .map_err(|e| format!("corrupt gzip payload: {e}"))?;
        }
        "deflate" => {
            // `deflate` is zlib-wrapped by the standard, raw in some servers; a body stored
            // already decoded is neither.
            if let Ok(b) = inflate(flate2::read::ZlibDecoder::new(&body[..]), limit) {
                body = b;
            } else if let Ok(b) = inflate(flate2::read::DeflateDecoder::new(&body[..]), limit) {
                body = b;
            }
        }
        "gzip" | "x-gzip" => {} // stored already decoded
        other => {
            return Err(format!(
                "payload compressed with Content-Encoding {other:?}, which is not supported"
            ));
        }
    }
    Ok((Some(status), content_type, body))
}

fn inflate(mut r: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    (&mut r)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(io::Error::other(ReadError::TooLarge(limit).to_string()));
    }
    Ok(out)
}

/// Joins an HTTP/1.1 chunked body; `None` when it is not one (stored already joined).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = memchr::memmem::find(rest, b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            return None;
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest[size..].strip_prefix(b"\r\n")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_join_and_plain_ones_stay() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert!(dechunk(b"<html>not chunked</html>").is_none());
        assert!(dechunk(b"ff\r\ntoo short").is_none());
    }

    #[test]
    fn http_status_type_and_codings() {
        let block =
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\
            Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                .to_vec();
        let (status, ct, body) = http_payload(block, 1 << 20).unwrap();
        assert_eq!((status, body.as_slice()), (Some(404), &b"abc"[..]));
        assert_eq!(media_type(&ct), "text/html");
        assert_eq!(charset_param(&ct).as_deref(), Some("ISO-8859-1"));
        assert!(http_payload(b"no headers here".to_vec(), 10).is_err());
        let br = b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx".to_vec();
        assert!(http_payload(br, 10).unwrap_err().contains("br"));
    }
}
