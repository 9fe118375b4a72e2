//! The input stage, at the bottom of the house: finding inputs, reading their bytes and
//! decoding them. Every subcommand that reads documents goes through [`Inputs`]: the same
//! walk, the same decompression, the same records, the same reasons for skipping.
//!
//! | job | module |
//! |---|---|
//! | find files in sorted order; `--glob`, hidden files, links | [`walk`] |
//! | expand JSON Lines and CSV files into records | [`records`] |
//! | read a file's or standard input's bytes | [`read`] |
//! | `.gz` and `.zst` decompression with a size limit | [`compress`] |
//! | `.tar`, `.tar.gz`, `.tar.zst`, `.zip` members as documents | [`archive`] |
//! | WARC `response` and `resource` records as documents | [`warc`] |
//! | VRT `<text>` elements and CoNLL-U documents, with their lemmas | [`vrt`], [`conllu`] |
//! | bytes → UTF-8 text with the encoding and an offset map | [`decode`] |
//! | saved HTML pages → text, post and comment segments, offsets | [`html`] |
//!
//! The types every later stage sees ([`Found`], [`Skipped`], [`Ignored`], [`Record`]) are
//! declared here, so that nothing in this module imports from a stage above it.
//!
//! Two halves, for two threads: [`Inputs::discover`] walks the roots and expands structured
//! files into records, in a stable order (the pipeline's walker thread); [`Reader::read`]
//! turns one found item into a document's bytes (a worker).

pub mod archive;
pub mod compress;
pub mod conllu;
pub mod decode;
pub mod html;
pub mod read;
pub mod records;
pub mod shard;
pub mod vrt;
pub mod walk;
pub mod warc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::sync::Arc;

pub use compress::{DEFAULT_MAX_DECOMPRESSED, ReadError, format_size, parse_size};
pub use decode::{DecodeError, Decoded, decode, decode_with};
pub use read::{DEFAULT_MAX_FILE_SIZE, TooLarge, parse_limit};
pub use walk::Globs;

/// One input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file to read.
    File(PathBuf),
    /// Standard input, read as one document.
    Stdin,
}

impl Input {
    /// The path as reports show it.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".into(),
        }
    }
}

/// What the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// An input to analyse.
    Input(Input),
    /// An input that cannot be analysed.
    Skipped(Skipped),
    /// A record of a structured input (`--input jsonl|csv`), expanded by the walker thread.
    Record(RawRecord),
    /// A document the walker thread read out of a container (an archive member, a WARC
    /// record): its bytes are already in memory.
    Contained(Box<Contained>),
}

/// A document read out of a container by the walker thread, with its bytes. Every container
/// format (archives, WARC, and later formats that hold many documents with fields) hands its
/// documents on in this one shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contained {
    /// The path as reports show it: `corpus.tar.zst!dir/post.html`, `crawl.warc.gz!12`.
    pub path: String,
    /// The document's bytes: a member's (decompressed) content, a WARC record's payload.
    pub bytes: Vec<u8>,
    /// The container's fields for this document (WARC: url, date, status, content type).
    pub record: Option<Record>,
    /// The bytes are an HTML page.
    pub html: bool,
    /// The charset the container declares for the bytes (a WARC record's HTTP
    /// `Content-Type`), used when the bytes have no byte-order mark.
    pub charset: Option<&'static encoding_rs::Encoding>,
    /// For a document of an annotated corpus (VRT, CoNLL-U): its tokens, lemmas and
    /// sentences; the bytes are the text rebuilt from the tokens.
    pub annotation: Option<Box<Annotation>>,
}

/// What an annotated corpus (VRT, CoNLL-U) tells about a document's text, which the input
/// stage rebuilt from the corpus's tokens (see [`vrt`]): where each token lies in it, its
/// lemmas (with `--lemma-column`), and the sentences with their ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    /// The corpus's tokens, in text order.
    pub tokens: Vec<CorpusToken>,
    /// The tokens' lemmas (a multiword token of CoNLL-U has one per word).
    pub lemmas: Vec<CorpusLemma>,
    /// The text of the lemmas and heads, back to back.
    pub strings: String,
    /// The sentences, in text order.
    pub sentences: Vec<CorpusSentence>,
    /// Some lemma of the document is marked for compound boundaries (`#`, `|`, `_`).
    pub compounds_marked: bool,
    /// The lemmas were read (`--lemma-column`): lemma entries match them.
    pub lemmas_read: bool,
}

/// One token of an annotated corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusToken {
    /// Byte offset of its start in the document's text.
    pub start: u32,
    /// Byte offset of its end in the document's text.
    pub end: u32,
    /// Its line in the source file (1-based; in the decompressed file or member).
    pub line: u64,
    /// Its lemmas: a range of [`Annotation::lemmas`].
    pub lemmas: (u32, u32),
}

/// A token's lemma, as ranges of [`Annotation::strings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusLemma {
    /// The lemma, compound boundary marks removed.
    pub lemma: (u32, u32),
    /// The compound's head (the part after the last boundary); empty when not a marked
    /// compound.
    pub head: (u32, u32),
}

/// A sentence of an annotated corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSentence {
    /// Byte offset of its first token in the document's text.
    pub start: u32,
    /// Its id in the corpus, if it has one.
    pub id: Option<Box<str>>,
}

impl Annotation {
    /// The lemmas and compound heads of `token`.
    pub fn keys(&self, token: &CorpusToken) -> impl Iterator<Item = (&str, Option<&str>)> {
        let (a, b) = token.lemmas;
        self.lemmas[a as usize..b as usize].iter().map(|l| {
            let s = |(x, y): (u32, u32)| &self.strings[x as usize..y as usize];
            let head = s(l.head);
            (s(l.lemma), (!head.is_empty()).then_some(head))
        })
    }

    /// The id of the sentence that byte offset `at` of the text is in, if it has one.
    pub fn sentence_at(&self, at: usize) -> Option<&str> {
        let i = self.sentences.partition_point(|s| s.start as usize <= at);
        self.sentences.get(i.checked_sub(1)?)?.id.as_deref()
    }

    /// The source line of the token that byte offset `at` of the text is in (or the next
    /// one).
    pub fn line_at(&self, at: usize) -> Option<u64> {
        let i = self.tokens.partition_point(|t| t.end as usize <= at);
        self.tokens.get(i).map(|t| t.line)
    }
}

/// An input that was not analysed, and why: a `skipped` record of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The input path.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Inputs the walk passed over by rule (not errors): counted, not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignored {
    /// Hidden files and folders (names starting with `.`), without `--hidden`.
    pub hidden: u64,
    /// Files left out by `--glob` patterns (also archive members).
    pub glob: u64,
    /// WARC records that are not documents by their type (`warcinfo`, `request`,
    /// `metadata`, `conversion`, `continuation`). Only in the report when not zero.
    #[serde(skip_serializing_if = "is_zero", default)]
    pub warc_records: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Ignored {
    /// All the entries passed over by rule: `hidden + glob + warc_records`.
    pub fn total(&self) -> u64 {
        self.hidden + self.glob + self.warc_records
    }

    /// Adds `other`'s counts.
    pub fn merge(&mut self, other: &Ignored) {
        self.hidden += other.hidden;
        self.glob += other.glob;
        self.warc_records += other.warc_records;
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum InputFormat {
    /// Each file is one document.
    #[default]
    Text,
    /// JSON Lines: each line is a JSON object, one document.
    Jsonl,
    /// CSV with a header row: each row is one document (`.tsv`: tab-separated).
    Csv,
    /// Saved HTML pages, whatever their names (`.html` and `.htm` files are read as HTML
    /// in `text` mode too).
    Html,
}

/// `x.html`, `x.htm`, also compressed (`x.html.gz`, `x.htm.zst`).
pub fn is_html_name(path: &std::path::Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm")
}

/// Settings for reading inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Text, JSON Lines or CSV.
    pub format: InputFormat,
    /// The field (JSON key or CSV column) holding the text to analyse.
    pub text_field: String,
    /// The field holding a record's id (optional in the data).
    pub id_field: String,
    /// Stop decompressing a file past this many bytes.
    pub max_decompressed: u64,
    /// `--max-file-size`: skip, without reading it, a document stored in more bytes than
    /// this (a file, an archive member, a WARC record's block, standard input); `None`: no
    /// limit.
    pub max_file_size: Option<u64>,
    /// `--lemma-column`: the VRT or CoNLL-U column whose lemmas lemma entries match.
    pub lemma_column: Option<String>,
    /// `--vrt-columns`: the names of VRT positional attributes (else the file's
    /// `#vrt positional-attributes` comment names them).
    pub vrt_columns: Vec<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Text,
            text_field: "text".into(),
            id_field: "id".into(),
            max_decompressed: DEFAULT_MAX_DECOMPRESSED,
            max_file_size: Some(DEFAULT_MAX_FILE_SIZE),
            lemma_column: None,
            vrt_columns: Vec::new(),
        }
    }
}

/// How folders are walked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Walk hidden files and folders.
    pub hidden: bool,
    /// Follow symbolic links.
    pub follow: bool,
    /// `--glob` patterns (`!` excludes).
    pub globs: Vec<String>,
}

/// The settings of the input stage: what to read and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputOptions {
    /// Files and folders; `-` is standard input, and none (without `files_from`) means
    /// standard input.
    pub paths: Vec<PathBuf>,
    /// `--files-from`: a file (`-`: standard input) listing more paths, one a line or
    /// NUL-separated, read after `paths`.
    pub files_from: Option<PathBuf>,
    /// How folders are walked.
    pub walk: WalkOptions,
    /// How each file is read.
    pub read: ReadOptions,
}

/// Where a document came from in a structured file, and the record's other fields: the
/// `record` object of a document in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The line the record starts on (1-based; for CSV, quoted fields may span lines).
    pub line: u64,
    /// The id field's value as it is in the data (`null` when the record has none).
    pub id: Option<Value>,
    /// Every other field but the text: JSON values as they are for JSON Lines, strings for
    /// CSV.
    pub fields: Map<String, Value>,
}

impl Record {
    /// A field's value, or `None` when the record has no such field.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.get(name)
    }
}

/// A record found by the walker, not yet analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// The file it is in.
    pub path: Arc<str>,
    /// The line it starts on (1-based).
    pub line: u64,
    /// Its content.
    pub body: RawBody,
}

/// A record's content as the walker hands it on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawBody {
    /// One line of JSON, parsed by a worker.
    Json(Vec<u8>),
    /// A CSV row, already split: the text field's bytes and the rest.
    Ready {
        /// The text field's bytes.
        text: Vec<u8>,
        /// The record's location and other fields.
        record: Record,
    },
}

/// The input stage, compiled from [`InputOptions`]: `--glob` patterns checked once.
#[derive(Debug, Clone)]
pub struct Inputs {
    roots: Vec<PathBuf>,
    files_from: Option<PathBuf>,
    walk: walk::Walk,
    read: ReadOptions,
}

impl Inputs {
    /// Checks the options (`--glob` patterns) and makes the input stage.
    pub fn new(options: &InputOptions) -> Result<Inputs, globset::Error> {
        let roots = if options.paths.is_empty() && options.files_from.is_none() {
            vec![PathBuf::from("-")]
        } else {
            options.paths.clone()
        };
        Ok(Inputs {
            roots,
            files_from: options.files_from.clone(),
            walk: walk::Walk {
                hidden: options.walk.hidden,
                follow: options.walk.follow,
                globs: Globs::new(&options.walk.globs)?,
            },
            read: options.read.clone(),
        })
    }

    /// The PATHs to walk, as given (`-` for standard input).
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// How files are read.
    pub fn read_options(&self) -> &ReadOptions {
        &self.read
    }

    /// Walks the roots in order (then the `--files-from` list) and calls `emit` with every
    /// input, record, contained document and skipped input found, in a stable order, until
    /// it returns `false`. Structured files (`--input jsonl|csv`) are expanded into their
    /// records here, archives into their members and WARC files into their records, each
    /// read as a stream. Returns what was passed over by rule.
    pub fn discover(&self, mut emit: impl FnMut(Found) -> bool) -> Ignored {
        let mut inside = Ignored::default();
        let mut ignored = {
            let mut on_found = |found: Found| {
                let input = match found {
                    Found::Input(input) => input,
                    found => return emit(found),
                };
                if let Input::File(path) = &input
                    && let Some(kind) = archive::Container::of(path)
                {
                    let mut ctx = archive::Expand {
                        read: &self.read,
                        walk: &self.walk,
                        ignored: &mut inside,
                    };
                    return archive::expand(path, kind, &mut ctx, &mut emit);
                }
                if let Input::File(path) = &input
                    && let Some(kind) = vrt::Corpus::of(path)
                {
                    return vrt::expand(path, kind, &self.read, &mut emit);
                }
                if matches!(self.read.format, InputFormat::Jsonl | InputFormat::Csv) {
                    records::expand(&input, &self.read, &mut emit)
                } else {
                    emit(Found::Input(input))
                }
            };
            walk::walk(
                &self.roots,
                self.files_from.as_deref(),
                &self.walk,
                &mut on_found,
            )
        };
        ignored.merge(&inside);
        ignored
    }

    /// Reads every input in order on this thread and hands each document to `each`, which
    /// returns `Ok(false)` to stop, or an `Err` to list the input as skipped. Returns the
    /// inputs that were skipped, unreadable ones first in input order.
    pub fn read_all(&self, mut each: impl FnMut(Raw<'_>) -> Result<bool, Skipped>) -> Vec<Skipped> {
        let mut reader = self.reader();
        let mut skipped = Vec::new();
        self.discover(|found| match reader.read(found).and_then(&mut each) {
            Ok(go_on) => go_on,
            Err(s) => {
                skipped.push(s);
                true
            }
        });
        skipped
    }

    /// A reader for one thread.
    pub fn reader(&self) -> Reader<'_> {
        Reader {
            read: &self.read,
            buf: Vec::new(),
        }
    }
}

/// One document's bytes as read, before decoding.
#[derive(Debug)]
pub struct Raw<'a> {
    /// The path as reports show it (`<stdin>` for standard input).
    pub path: String,
    /// The bytes: a file's (decompressed) content or a record's text field.
    pub bytes: &'a [u8],
    /// For a record of a structured input: its line, id and other fields.
    pub record: Option<Record>,
    /// The bytes are a saved HTML page (`--input html`, or a `.html`/`.htm` name).
    pub html: bool,
    /// The charset a container declares for the bytes (a WARC record's HTTP header), used
    /// when the bytes have no byte-order mark.
    pub charset: Option<&'static encoding_rs::Encoding>,
    /// For a document of an annotated corpus (VRT, CoNLL-U): its tokens, lemmas and
    /// sentences.
    pub annotation: Option<Box<Annotation>>,
}

/// A worker's read buffer grows to the largest input; past this it is given back.
const KEEP_BUFFER: usize = 64 << 20;

/// Reads found inputs into a reused buffer: files (decompressed), standard input and
/// records alike.
#[derive(Debug)]
pub struct Reader<'a> {
    read: &'a ReadOptions,
    buf: Vec<u8>,
}

impl Reader<'_> {
    /// The bytes of one found input, or why it cannot be read. The bytes stay valid until
    /// the next call.
    pub fn read(&mut self, found: Found) -> Result<Raw<'_>, Skipped> {
        if self.buf.capacity() > KEEP_BUFFER {
            self.buf = Vec::new();
        }
        let input = match found {
            Found::Skipped(s) => return Err(s),
            Found::Input(input) => input,
            Found::Record(raw) => {
                let path = raw.path.to_string();
                let (text, record) = records::prepare(raw, self.read)?;
                self.buf = text;
                return Ok(Raw {
                    path,
                    bytes: &self.buf,
                    record: Some(record),
                    html: false,
                    charset: None,
                    annotation: None,
                });
            }
            Found::Contained(doc) => {
                let Contained {
                    path,
                    bytes,
                    record,
                    html,
                    charset,
                    annotation,
                } = *doc;
                self.buf = bytes;
                return Ok(Raw {
                    path,
                    bytes: &self.buf,
                    record,
                    html,
                    charset,
                    annotation,
                });
            }
        };
        let path = input.display();
        self.buf.clear();
        let read = match &input {
            Input::File(p) => read::read_path(p, self.read, &mut self.buf),
            Input::Stdin => read::read_stdin(self.read.max_file_size, &mut self.buf),
        };
        let html = match &input {
            _ if self.read.format == InputFormat::Html => true,
            Input::File(p) => self.read.format == InputFormat::Text && is_html_name(p),
            Input::Stdin => false,
        };
        match read {
            Ok(()) => Ok(Raw {
                path,
                bytes: &self.buf,
                record: None,
                html,
                charset: None,
                annotation: None,
            }),
            Err(e) => Err(Skipped {
                path,
                reason: e.to_string(),
            }),
        }
    }
}
