//! Annotated corpora: VRT, the verticalised text of Korp (the format of the Language Bank
//! of Finland's corpora, Suomi24 among them), and, through the same document builder,
//! CoNLL-U ([`super::conllu`]). `.vrt` and `.conllu` files, also compressed (`.vrt.gz`,
//! `.vrt.zst`, …) and inside archives.
//!
//! # VRT
//!
//! Each `<text …>` element is one document, shown as `corpus.vrt!N`, N the element's number
//! in the file (1-based, counting every `<text>`). Its `record` carries `line` (the line of
//! the `<text` tag), `id` (its `id` attribute, `null` without one) and its other attributes
//! as string fields, so that `--group-by author`, `--group-by date:month` work on them.
//! Attribute values have their character references decoded (`&quot;`, `&amp;`, `&lt;`,
//! `&gt;`, `&apos;`, `&#NNN;`, `&#xHH;`); empty values are kept as empty strings.
//!
//! Inside a text, a line starting with `<` is a structure tag (`<paragraph>`, `<sentence>`,
//! any other element, nested as deep as the corpus likes) or a comment; any other line is a
//! token, its positional attributes separated by TABs. The attributes are named by the
//! `<!-- #vrt positional-attributes: word lemma … -->` comment or by `--vrt-columns
//! word,lemma,…` (which wins); the `word` column (else the first) is the token's text, with
//! its character references decoded. A lemma column may be set-valued as Korp writes
//! ambiguous values (`|olla|olo|`): each value is a lemma of the token (and the values of
//! the `NAMEcomp` column, in the same order, their compound-marked forms).
//!
//! # The text of a document
//!
//! The text analysed is rebuilt from the tokens: tokens joined by one space, each sentence
//! on a line of its own (`\n` between sentences), a blank line between paragraphs (VRT:
//! `</paragraph>` or `</p>`; CoNLL-U: `# newpar`). A token marked `SpaceAfter=No` (VRT: in
//! a `spaces` column; CoNLL-U: in MISC) is joined to the next without a space. Evidence
//! offsets, lines and columns are offsets in this rebuilt text; each match also names the
//! line of the source file its first token is on (`source_line`, in the decompressed file,
//! or member) and its sentence's id (`sent_id`) where the corpus gives one (VRT: the
//! `id` attribute of a `<sentence>` or `<s>`; CoNLL-U: `# sent_id`).
//!
//! # Damage
//!
//! A malformed line inside a text (a token with another number of attributes than the
//! names, an empty word, a structure tag that cannot be read, a closing tag that closes
//! nothing open, a `<text>` inside a `<text>`, bytes that are not UTF-8) makes that text
//! skipped and listed with the file's line number; the texts around it are read. Token
//! lines outside any `<text>` are listed once per stretch; a file that breaks off inside a
//! text lists that text.

use super::compress::{Compression, ReadError, classify};
use super::{Annotation, Contained, CorpusLemma, CorpusSentence, CorpusToken, Found, Record};
use super::{ReadOptions, Skipped, conllu};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{BufRead, Read};
use std::path::Path;

/// A line longer than this is malformed (a VRT or CoNLL-U line is one token or tag).
const MAX_LINE: u64 = 1 << 20;

/// An annotated corpus format, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    /// `.vrt` (Korp verticalised text)
    Vrt,
    /// `.conllu`
    Conllu,
}

impl Corpus {
    /// The corpus format a file name announces (`.vrt`, `.conllu`, also with `.gz` or
    /// `.zst`), if any. No system call.
    pub fn of(path: &Path) -> Option<Corpus> {
        // the path's bytes, not its parsed components: this runs for every file walked
        let name = path.as_os_str().as_encoded_bytes();
        let ends = |b: &[u8], suffix: &[u8]| {
            b.len() >= suffix.len() && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        let stem = if ends(name, b".gz") {
            &name[..name.len() - 3]
        } else if ends(name, b".zst") {
            &name[..name.len() - 4]
        } else {
            name
        };
        if ends(stem, b".vrt") {
            Some(Corpus::Vrt)
        } else if ends(stem, b".conllu") {
            Some(Corpus::Conllu)
        } else {
            None
        }
    }
}

pub(super) fn skipped(path: impl Into<String>, reason: impl Into<String>) -> Found {
    Found::Skipped(Skipped {
        path: path.into(),
        reason: reason.into(),
    })
}

/// Reads a corpus file and calls `emit` with each document (or skipped one) in file order,
/// until it returns `false`; then returns `false` too.
pub fn expand(
    path: &Path,
    kind: Corpus,
    read: &ReadOptions,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let shown = path.display().to_string();
    let compression = Compression::of(path);
    let stream = match super::archive::open_stream(path, compression) {
        Ok(s) => s,
        Err(e) => return emit(skipped(shown, e.to_string())),
    };
    let mut lines = Lines::new(stream, compression);
    match kind {
        Corpus::Vrt => expand_vrt(&shown, &mut lines, read, emit),
        Corpus::Conllu => conllu::expand(&shown, &mut lines, read, emit),
    }
}

/// [`expand`] for a corpus file already in memory (an archive member, decompressed).
pub fn expand_bytes(
    shown: &str,
    kind: Corpus,
    bytes: &[u8],
    read: &ReadOptions,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let mut lines = Lines::new(Box::new(bytes), None);
    match kind {
        Corpus::Vrt => expand_vrt(shown, &mut lines, read, emit),
        Corpus::Conllu => conllu::expand(shown, &mut lines, read, emit),
    }
}

/// One line of a corpus file.
pub(super) enum Line<'a> {
    /// The line's text, without its line break.
    Text(&'a str),
    /// The line is not UTF-8, or longer than [`MAX_LINE`].
    Bad(String),
}

/// Reads a corpus file line by line, counting lines.
pub(super) struct Lines<'r> {
    r: Box<dyn BufRead + Send + 'r>,
    compression: Option<Compression>,
    buf: Vec<u8>,
    /// Lines read so far: the number of the last line read.
    pub(super) line: u64,
}

impl<'r> Lines<'r> {
    pub(super) fn new(r: Box<dyn BufRead + Send + 'r>, compression: Option<Compression>) -> Self {
        Lines {
            r,
            compression,
            buf: Vec::new(),
            line: 0,
        }
    }

    /// The next line, `Ok(None)` at the end of the file, or why the file cannot be read on.
    pub(super) fn next_line(&mut self) -> Result<Option<Line<'_>>, ReadError> {
        self.buf.clear();
        let n = (&mut self.r)
            .take(MAX_LINE)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| classify(self.compression, e))?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        if self.buf.last() != Some(&b'\n') && n as u64 == MAX_LINE {
            // skip the rest of the line
            loop {
                let mut rest = Vec::new();
                let m = (&mut self.r)
                    .take(MAX_LINE)
                    .read_until(b'\n', &mut rest)
                    .map_err(|e| classify(self.compression, e))?;
                if m == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
            return Ok(Some(Line::Bad(format!(
                "a line longer than {MAX_LINE} bytes"
            ))));
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        match std::str::from_utf8(&self.buf) {
            Ok(s) => Ok(Some(Line::Text(s))),
            Err(e) => Ok(Some(Line::Bad(format!(
                "not UTF-8 (byte {} of the line)",
                e.valid_up_to() + 1
            )))),
        }
    }
}

/// Decodes the character references of VRT (and XML): `&lt;`, `&gt;`, `&amp;`, `&quot;`,
/// `&apos;`, `&#NNN;`, `&#xHH;`. Anything else is left as written.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&j| j <= 10).and_then(|j| {
            let c = match &rest[1..j] {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                r => {
                    let n = r.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A structure tag's attributes, names and values (references decoded), in order.
type Attributes = Vec<(String, String)>;

/// A structure tag's name and attributes, from a line `<name a="x" b='y'>`.
pub(super) fn parse_tag(line: &str) -> Result<(&str, Attributes), String> {
    let inner = line
        .strip_prefix('<')
        .and_then(|l| l.trim_end().strip_suffix('>'))
        .ok_or_else(|| "a structure tag that does not end in '>'".to_string())?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.:".contains(c))
    {
        return Err(format!("a structure tag with no valid name: {line:?}"));
    }
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("<{name}>: an attribute without a value: {rest:?}"))?;
        let key = rest[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!(
                "<{name}>: an attribute without a name near {rest:?}"
            ));
        }
        let after = rest[eq + 1..].trim_start();
        let quote = after
            .chars()
            .next()
            .filter(|&c| c == '"' || c == '\'')
            .ok_or_else(|| format!("<{name}>: the value of {key:?} is not quoted"))?;
        let close = after[1..]
            .find(quote)
            .ok_or_else(|| format!("<{name}>: the value of {key:?} has no closing quote"))?;
        let value = &after[1..1 + close];
        attrs.push((key.to_string(), unescape(value).into_owned()));
        rest = after[close + 2..].trim_start();
    }
    Ok((name, attrs))
}

/// Where the next token goes relative to the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    /// A space (or none after `SpaceAfter=No`).
    Word,
    /// A new line: a new sentence.
    Line,
    /// A blank line: a new paragraph.
    Paragraph,
}

/// Builds one document's text from its tokens, with its [`Annotation`].
pub(super) struct DocBuilder {
    text: String,
    ann: Annotation,
    gap: Gap,
    glue: bool,
    /// A sentence started and has no token yet: its id.
    sentence: Option<Option<Box<str>>>,
    limit: u64,
    /// Why the document cannot be analysed, with the line.
    pub(super) error: Option<String>,
}

impl DocBuilder {
    pub(super) fn new(limit: u64) -> DocBuilder {
        DocBuilder {
            text: String::new(),
            ann: Annotation::default(),
            gap: Gap::Word,
            glue: false,
            sentence: None,
            limit,
            error: None,
        }
    }

    /// Marks the document malformed at `line` (the first reason is kept).
    pub(super) fn fail(&mut self, line: u64, reason: impl std::fmt::Display) {
        if self.error.is_none() {
            self.error = Some(format!("line {line}: {reason}"));
        }
    }

    /// A sentence starts (with the corpus's id for it, if any).
    pub(super) fn start_sentence(&mut self, id: Option<&str>) {
        self.gap = self.gap.max(Gap::Line);
        self.sentence = Some(id.map(Into::into));
    }

    /// A sentence ends.
    pub(super) fn end_sentence(&mut self) {
        self.gap = self.gap.max(Gap::Line);
    }

    /// A paragraph ends (or a new one starts).
    pub(super) fn end_paragraph(&mut self) {
        self.gap = Gap::Paragraph;
    }

    /// Whether any token was added.
    pub(super) fn is_empty(&self) -> bool {
        self.ann.tokens.is_empty()
    }

    /// Adds a token: its text `form` (references decoded), the source line, whether a
    /// space follows it, and its lemmas with their compound-marked forms (with
    /// `--lemma-column`).
    pub(super) fn token(
        &mut self,
        form: &str,
        line: u64,
        space_after: bool,
        lemmas: &[(&str, Option<&str>)],
    ) {
        if self.error.is_some() {
            return;
        }
        if !self.text.is_empty() {
            match self.gap {
                Gap::Word if self.glue => {}
                Gap::Word => self.text.push(' '),
                Gap::Line => self.text.push('\n'),
                Gap::Paragraph => self.text.push_str("\n\n"),
            }
        }
        self.gap = Gap::Word;
        self.glue = !space_after;
        let start = self.text.len();
        self.text.push_str(form);
        if self.text.len() as u64 > self.limit || self.text.len() > u32::MAX as usize {
            self.fail(line, ReadError::TooLarge(self.limit));
            return;
        }
        if let Some(id) = self.sentence.take() {
            self.ann.sentences.push(CorpusSentence {
                start: start as u32,
                id,
            });
        }
        let first = self.ann.lemmas.len() as u32;
        for &(lemma, comp) in lemmas {
            if let Some((lemma, head)) = lemma_key(lemma, comp, &mut self.ann.compounds_marked) {
                let strings = &mut self.ann.strings;
                let a = strings.len() as u32;
                strings.push_str(&lemma);
                let b = strings.len() as u32;
                strings.push_str(head.unwrap_or(""));
                let c = strings.len() as u32;
                self.ann.lemmas.push(CorpusLemma {
                    lemma: (a, b),
                    head: (b, c),
                });
            }
        }
        self.ann.tokens.push(CorpusToken {
            start: start as u32,
            end: self.text.len() as u32,
            line,
            lemmas: (first, self.ann.lemmas.len() as u32),
        });
    }

    /// The document's text and annotation, or why it is not a document.
    pub(super) fn finish(self, lemmas: bool) -> Result<(Vec<u8>, Annotation), String> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut ann = self.ann;
        ann.lemmas_read = lemmas;
        Ok((self.text.into_bytes(), ann))
    }
}

/// Characters that mark compound boundaries in a lemma: `#` (the Finnish treebanks and
/// the parsers trained on them), `|` (Korp's `lemmacomp`), `_` (Alpino, the Dutch
/// treebanks).
const BOUNDARIES: [char; 3] = ['#', '|', '_'];

/// The values of a Korp set-valued attribute (`|a|b|`: `a`, `b`; `|`: none), or the one
/// value of any other.
fn set_items(s: &str) -> Vec<&str> {
    let s = s.trim();
    match s.strip_prefix('|').and_then(|x| x.strip_suffix('|')) {
        Some(set) => set.split('|').filter(|x| !x.is_empty()).collect(),
        None if s == "|" => Vec::new(),
        None => vec![s],
    }
}

/// A lemma value, `None` for no lemma (`_`, empty).
fn clean_lemma(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty() && s != "_").then_some(s)
}

/// The lemma to match (boundary marks removed) and the compound head (the part after the
/// last boundary of the compound-marked form, `comp` or else the lemma itself).
fn lemma_key<'a>(
    lemma: &'a str,
    comp: Option<&'a str>,
    marked: &mut bool,
) -> Option<(Cow<'a, str>, Option<&'a str>)> {
    let lemma = clean_lemma(lemma)?;
    let source = comp.and_then(clean_lemma).unwrap_or(lemma);
    let plain: Cow<'_, str> = if lemma.contains(BOUNDARIES) {
        Cow::Owned(lemma.chars().filter(|c| !BOUNDARIES.contains(c)).collect())
    } else {
        Cow::Borrowed(lemma)
    };
    if plain.is_empty() {
        return None;
    }
    let head = source
        .rfind(BOUNDARIES)
        .filter(|&i| i > 0)
        .map(|i| &source[i + 1..])
        .filter(|h| !h.is_empty());
    *marked |= head.is_some();
    Some((plain, head))
}

/// The positional attributes of a VRT file: names, and which column is which.
#[derive(Debug, Default)]
struct Columns {
    names: Vec<String>,
    word: usize,
    lemma: Option<usize>,
    comp: Option<usize>,
    spaces: Option<usize>,
}

impl Columns {
    fn new(names: Vec<String>) -> Columns {
        let at = |n: &str| names.iter().position(|x| x == n);
        Columns {
            word: at("word").unwrap_or(0),
            spaces: at("spaces"),
            names,
            ..Columns::default()
        }
    }

    /// Finds `--lemma-column NAME` (and `NAMEcomp`, its compound-marked form).
    fn with_lemma(mut self, lemma: &str) -> Result<Columns, String> {
        let at = |n: &str| self.names.iter().position(|x| x == n);
        if self.names.is_empty() {
            return Err(format!(
                "--lemma-column {lemma}: the file does not name its columns (no `<!-- #vrt \
                 positional-attributes: … -->` comment before the first token); name them \
                 with --vrt-columns"
            ));
        }
        self.lemma = Some(at(lemma).ok_or_else(|| {
            format!(
                "--lemma-column {lemma}: no such column; the file's columns are {}",
                self.names.join(", ")
            )
        })?);
        self.comp = at(&format!("{lemma}comp"));
        Ok(self)
    }
}

/// The names of a `<!-- #vrt positional-attributes: a b c -->` comment.
fn positional_attributes(comment: &str) -> Option<Vec<String>> {
    let body = comment
        .strip_prefix("<!--")?
        .trim_end()
        .strip_suffix("-->")?;
    let names = body.trim().strip_prefix("#vrt positional-attributes:")?;
    Some(
        names
            .split_whitespace()
            .map(|n| n.trim_end_matches('/').to_string())
            .collect(),
    )
}

/// An open `<text>` element.
struct OpenText {
    number: u64,
    line: u64,
    attrs: Attributes,
    doc: DocBuilder,
    /// Depth of the element stack below the `<text>`.
    depth: usize,
}

fn record_of(line: u64, attrs: Attributes) -> Record {
    let mut id = None;
    let mut fields = Map::new();
    for (k, v) in attrs {
        if k == "id" {
            id = Some(Value::String(v));
        } else {
            fields.insert(k, Value::String(v));
        }
    }
    Record { line, id, fields }
}

/// A malformed line at `line_no`: inside a text it fails that text (skipped whole at its
/// end); outside one it is skipped itself. `false` when `emit` asks to stop.
fn bad_line(
    open: &mut Option<OpenText>,
    shown: &str,
    line_no: u64,
    reason: impl std::fmt::Display,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    match open {
        Some(t) => {
            t.doc.fail(line_no, reason);
            true
        }
        None => emit(skipped(shown, format!("line {line_no}: {reason}"))),
    }
}

fn expand_vrt(
    shown: &str,
    lines: &mut Lines<'_>,
    read: &ReadOptions,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let limit = read.max_decompressed;
    let mut columns: Option<Columns> = None;
    let mut names: Vec<String> = read.vrt_columns.clone();
    let mut stack: Vec<String> = Vec::new();
    let mut open: Option<OpenText> = None;
    let mut number = 0u64;
    // a stretch of token lines outside any text: first and last line
    let mut stray: Option<(u64, u64)> = None;
    let stray_found = |(a, b): (u64, u64)| {
        skipped(
            shown,
            format!(
                "lines {a}–{b}: token lines outside any <text> element (not analysed; the \
                 texts of the file were read)"
            ),
        )
    };
    let finish = |t: OpenText, emit: &mut dyn FnMut(Found) -> bool| -> bool {
        let at = format!("{shown}!{}", t.number);
        match t.doc.finish(read.lemma_column.is_some()) {
            Ok((bytes, ann)) => emit(Found::Contained(Box::new(Contained {
                path: at,
                bytes,
                record: Some(record_of(t.line, t.attrs)),
                html: false,
                charset: None,
                annotation: Some(Box::new(ann)),
            }))),
            Err(reason) => emit(skipped(
                at,
                format!("{reason} (the <text> of line {})", t.line),
            )),
        }
    };
    loop {
        let line_no = lines.line + 1;
        let line = match lines.next_line() {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(e) => {
                let reason = format!("line {line_no}: the file breaks off here ({e})");
                return match open {
                    Some(t) => emit(skipped(
                        format!("{shown}!{}", t.number),
                        format!("{reason}; the texts before it were read"),
                    )),
                    None => emit(skipped(
                        shown,
                        format!("{reason}; the {number} text(s) before it were read"),
                    )),
                };
            }
        };
        let text = match line {
            Line::Bad(reason) => {
                if !bad_line(&mut open, shown, line_no, reason, emit) {
                    return false;
                }
                continue;
            }
            Line::Text(t) => t,
        };
        if text.trim().is_empty() {
            continue;
        }
        if !text.starts_with('<') {
            // a token
            let Some(t) = &mut open else {
                stray = Some(stray.map_or((line_no, line_no), |(a, _)| (a, line_no)));
                continue;
            };
            if columns.is_none() {
                let c = Columns::new(names.clone());
                let c = match &read.lemma_column {
                    Some(l) => match c.with_lemma(l) {
                        Ok(c) => c,
                        Err(reason) => return emit(skipped(shown, reason)),
                    },
                    None => c,
                };
                columns = Some(c);
            }
            let cols = columns.as_ref().expect("set above");
            let fields: Vec<&str> = text.split('\t').collect();
            if !cols.names.is_empty() && fields.len() != cols.names.len() {
                t.doc.fail(
                    line_no,
                    format!(
                        "a token with {} TAB-separated attribute(s) where the file names {} \
                         ({})",
                        fields.len(),
                        cols.names.len(),
                        cols.names.join(" ")
                    ),
                );
                continue;
            }
            let word = unescape(fields.get(cols.word).copied().unwrap_or(""));
            if word.trim().is_empty() {
                t.doc.fail(line_no, "a token with an empty word");
                continue;
            }
            let space_after = cols
                .spaces
                .and_then(|i| fields.get(i))
                .is_none_or(|s| !s.contains("SpaceAfter=No"));
            match cols.lemma {
                Some(i) => {
                    let lemma = unescape(fields[i]);
                    let comp = cols.comp.map(|c| unescape(fields[c]));
                    let comps = comp.as_deref().map(set_items).unwrap_or_default();
                    let pairs: Vec<(&str, Option<&str>)> = set_items(&lemma)
                        .into_iter()
                        .enumerate()
                        .map(|(k, l)| (l, comps.get(k).copied()))
                        .collect();
                    t.doc.token(&word, line_no, space_after, &pairs);
                }
                None => t.doc.token(&word, line_no, space_after, &[]),
            }
            continue;
        }
        if let Some(s) = stray.take()
            && !emit(stray_found(s))
        {
            return false;
        }
        if text.starts_with("<!--") {
            if read.vrt_columns.is_empty()
                && let Some(n) = positional_attributes(text)
            {
                names = n;
                columns = None;
            }
            continue;
        }
        if let Some(close) = text.strip_prefix("</") {
            let name = close.trim_end().strip_suffix('>').unwrap_or(close).trim();
            let Some(at) = stack.iter().rposition(|n| n == name) else {
                let reason = format!("</{name}> closes no open element");
                if !bad_line(&mut open, shown, line_no, reason, emit) {
                    return false;
                }
                continue;
            };
            if at + 1 != stack.len()
                && let Some(t) = &mut open
            {
                t.doc.fail(
                    line_no,
                    format!(
                        "</{name}> closes <{name}> while <{}> inside it is still open",
                        stack[at + 1]
                    ),
                );
            }
            stack.truncate(at);
            if let Some(t) = &mut open {
                if name == "text" || stack.len() < t.depth {
                    let t = open.take().expect("open");
                    if !finish(t, emit) {
                        return false;
                    }
                } else if matches!(name, "sentence" | "s") {
                    t.doc.end_sentence();
                } else if matches!(name, "paragraph" | "p") {
                    t.doc.end_paragraph();
                }
            }
            continue;
        }
        let (name, attrs) = match parse_tag(text) {
            Ok(x) => x,
            Err(reason) => {
                if !bad_line(&mut open, shown, line_no, reason, emit) {
                    return false;
                }
                continue;
            }
        };
        let self_closing = text.trim_end().ends_with("/>");
        if name == "text" {
            number += 1;
            if let Some(mut t) = open.take() {
                t.doc.fail(
                    line_no,
                    format!("a <text> opens inside the <text> of line {}", t.line),
                );
                stack.truncate(t.depth - 1);
                if !finish(t, emit) {
                    return false;
                }
            }
            if !self_closing {
                stack.push(name.to_string());
                open = Some(OpenText {
                    number,
                    line: line_no,
                    attrs,
                    doc: DocBuilder::new(limit),
                    depth: stack.len(),
                });
            }
            continue;
        }
        if let Some(t) = &mut open {
            if matches!(name, "sentence" | "s") {
                let id = attrs
                    .iter()
                    .find(|(k, _)| k == "id")
                    .map(|(_, v)| v.as_str());
                t.doc.start_sentence(id);
            } else if matches!(name, "paragraph" | "p") {
                t.doc.end_paragraph();
            }
        }
        if !self_closing {
            stack.push(name.to_string());
        }
    }
    if let Some(s) = stray.take()
        && !emit(stray_found(s))
    {
        return false;
    }
    if let Some(t) = open {
        return emit(skipped(
            format!("{shown}!{}", t.number),
            format!(
                "the file ends inside this <text> (opened on line {}, never closed): \
                 truncated?",
                t.line
            ),
        ));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(vrt: &str, read: &ReadOptions) -> Vec<Found> {
        let mut out = Vec::new();
        expand_bytes("c.vrt", Corpus::Vrt, vrt.as_bytes(), read, &mut |f| {
            out.push(f);
            true
        });
        out
    }

    #[test]
    fn names_and_references() {
        assert_eq!(Corpus::of(Path::new("a/b.VRT.gz")), Some(Corpus::Vrt));
        assert_eq!(Corpus::of(Path::new("b.conllu.zst")), Some(Corpus::Conllu));
        assert_eq!(Corpus::of(Path::new("b.txt")), None);
        assert_eq!(
            unescape("a &lt;b&gt; &amp;&quot;&#228;&#xE4;&apos; &x; &"),
            "a <b> &\"ää' &x; &"
        );
        let (name, attrs) = parse_tag(r#"<text a="x &quot;y&quot;" b='' c="<é>">"#).unwrap();
        assert_eq!(name, "text");
        assert_eq!(
            attrs,
            [
                ("a".into(), "x \"y\"".into()),
                ("b".into(), String::new()),
                ("c".into(), "<é>".into())
            ]
        );
        assert!(parse_tag(r#"<text a="x>"#).is_err());
        assert!(parse_tag(r#"<text a=x>"#).is_err());
    }

    #[test]
    fn lemma_keys() {
        let mut marked = false;
        let k = |l: &str, c: Option<&str>, m: &mut bool| {
            lemma_key(l, c, m).map(|(a, b)| (a.into_owned(), b.map(str::to_string)))
        };
        assert_eq!(k("_", None, &mut marked), None);
        assert_eq!(set_items("|"), Vec::<&str>::new());
        assert_eq!(set_items("|a|b|"), ["a", "b"]);
        assert_eq!(set_items("a|b"), ["a|b"]);
        assert_eq!(k("talo", None, &mut marked), Some(("talo".into(), None)));
        assert!(!marked);
        assert_eq!(
            k("yö#vuoro", None, &mut marked),
            Some(("yövuoro".into(), Some("vuoro".into())))
        );
        assert!(marked);
        assert_eq!(
            k("yövuoro", Some("yö|vuoro"), &mut marked),
            Some(("yövuoro".into(), Some("vuoro".into())))
        );
        assert_eq!(
            k("werk_dag", None, &mut marked),
            Some(("werkdag".into(), Some("dag".into())))
        );
    }

    #[test]
    fn nested_structures_and_text() {
        let vrt = "<!-- #vrt positional-attributes: word lemma spaces -->\n\
            <corpus>\n<text id=\"t1\" author=\"A &amp; B\">\n<paragraph>\n<sentence id=\"s1\">\n\
            Hei\thei\t_\n<ne type=\"x\">\nmaailma\tmaailma\tSpaceAfter=No\n</ne>\n!\t!\t_\n\
            </sentence>\n<sentence>\nToinen\ttoinen\t_\n</sentence>\n</paragraph>\n<paragraph>\n\
            <sentence id=\"s3\">\nUusi\tuusi\t_\n</sentence>\n</paragraph>\n</text>\n</corpus>\n";
        let found = docs(vrt, &ReadOptions::default());
        assert_eq!(found.len(), 1);
        let Found::Contained(c) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(c.path, "c.vrt!1");
        assert_eq!(
            std::str::from_utf8(&c.bytes).unwrap(),
            "Hei maailma!\nToinen\n\nUusi"
        );
        let r = c.record.as_ref().unwrap();
        assert_eq!(
            (r.line, r.id.clone()),
            (3, Some(Value::String("t1".into())))
        );
        assert_eq!(r.fields["author"], "A & B");
        let a = c.annotation.as_ref().unwrap();
        assert_eq!(a.tokens.len(), 5);
        assert_eq!(a.tokens[1].line, 8);
        assert_eq!(a.sentence_at(14), None);
        assert_eq!(a.sentence_at(3), Some("s1"));
        assert_eq!(a.sentence_at(22), Some("s3"));
        assert_eq!(a.line_at(13), Some(13));
    }
}
