//! Command-line arguments (clap): parsing and help text, and how the values given are laid
//! over the library's defaults ([`teema::Config::default()`] and the stage options'
//! `Default`s, the only source of defaults).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::sync::LazyLock;
use teema::input::{parse_limit, parse_size};
use teema::{
    Backend, Config, Format, GroupSpec, InputFormat, InputOptions, Lang, LexiconOptions,
    ReadOptions, SegmentOptions, Unit, WalkOptions,
};

/// The library's defaults, shown in `--help` and laid under the values given.
static DEFAULTS: LazyLock<Config> = LazyLock::new(Config::default);

/// The default `--max-file-size`, as `--help` shows it (`1GiB`, or `none`).
static DEFAULT_MAX_FILE_SIZE: LazyLock<String> = LazyLock::new(|| {
    DEFAULTS
        .input
        .read
        .max_file_size
        .map_or("none".into(), |size| {
            teema::input::format_size(size).replace(' ', "")
        })
});

/// The default `--max-decompressed`, as `--help` shows it (`1GiB`).
static DEFAULT_MAX_DECOMPRESSED: LazyLock<String> = LazyLock::new(|| {
    teema::input::format_size(DEFAULTS.input.read.max_decompressed).replace(' ', "")
});

const EXIT_CODES: &str = "\
Exit codes:
  0  every input was analysed
  1  nothing could run: bad flag, bad lexicon or site profile, unwritable output,
     --morph voikko without libvoikko
  2  the run finished, but some inputs were skipped (listed in the report)";

const ANALYSE_EXAMPLES: &str = "\
Examples:
  teema analyse corpus-samples/
  teema analyse scraped/ --format ndjson | jq 'select(.type==\"document\") | .themes.after_hours.per_1000'
  teema analyse scraped/ --format csv -o scores.csv --glob '*.txt' --glob '!drafts/**'
  teema analyse post.txt --evidence --lang fi
  cat post.txt | teema analyse --lexicon my-lexicons/
  teema analyse posts.jsonl.gz --input jsonl --group-by author --group-by timestamp:month
  teema analyse export.csv --input csv --text-field body --format csv --field author

Exit codes:
  0  every input was analysed
  1  nothing could run: bad flag, bad lexicon or site profile, unwritable output,
     --morph voikko without libvoikko
  2  the run finished, but some inputs were skipped (listed in the report)";

/// Measure themes in Finnish and Dutch forum and blog text with editable lexicons.
#[derive(Debug, Parser)]
#[command(name = "teema", version, after_long_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score every document under PATH for every theme
    #[command(visible_alias = "analyze", after_long_help = ANALYSE_EXAMPLES)]
    Analyse(AnalyseArgs),
    /// Inspect and check lexicons
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Show which lexicon entries a word matches, and why
    #[command(
        after_long_help = "Examples:\n  teema morph --lang fi illalla asiakaspalvelussa\n  teema morph --lang nl overuren klantenservicemedewerkers --lexicon my-lexicons/"
    )]
    Morph {
        /// The words to look up
        #[arg(value_name = "WORD", required = true)]
        words: Vec<String>,
        /// The lexicon side to look in
        #[arg(long, value_enum)]
        lang: LangName,
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Combine the reports of `teema analyse --shard I/N` runs into the report of one run
    #[command(after_long_help = MERGE_HELP)]
    Merge(MergeArgs),
    /// Show documents with their matches highlighted, and a table of what fired
    #[command(
        after_long_help = "Examples:\n  teema explain corpus-samples/fi-forum-asiakasillat.txt\n  teema explain page.html --color always | less -R\n  teema explain posts.jsonl --input jsonl --format json | jq '.themes'\n\nEach theme's matches get a colour of their own; negated matches are struck through and\nmarked with ¬; quotes and boilerplate (not counted in the scores) are dimmed. Without\ncolour (NO_COLOR set, output not a terminal, --color never) matches are written\n[theme: text], negated ones [¬theme: text]."
    )]
    Explain(ExplainArgs),
    /// Show how pages are split into post, comments, quotes and boilerplate (for writing
    /// site profiles)
    #[command(
        after_long_help = "Examples:\n  teema segments corpus-samples/fi-forum-asiakasillat.txt\n  teema segments page.txt --profiles my-site.toml --profile my-site"
    )]
    Segments {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        segment: SegmentArgs,
        /// `text`: a listing with a preview of each segment; `json`: one JSON document
        /// (schema `teema.segments/1`) with each segment's spans, author, date and text
        #[arg(long, value_enum, default_value = "text")]
        format: SegmentsFormat,
    },
    /// Print a shell completion script to standard output
    #[command(
        after_long_help = "Examples:\n  teema completions bash > ~/.local/share/bash-completion/completions/teema\n  teema completions zsh > ~/.zfunc/_teema\n  teema completions fish > ~/.config/fish/completions/teema.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output
    #[command(after_long_help = "Example:\n  teema man > teema.1 && man ./teema.1")]
    Man,
}

const MERGE_HELP: &str = "\
Examples:
  teema analyse corpus/ --shard 1/3 -o part1.json   # and 2/3, 3/3, on any machines
  teema merge part*.json -o report.json             # = teema analyse corpus/ -o report.json
  teema merge parts/*.ndjson --format csv -o scores.csv

The parts may come in any order. The merged report is byte for byte the report of one run
over all the inputs: documents in input order, summary and groups counted again. Parts
made with different lexicons, options, inputs or teema versions are refused, naming the
field that differs; so is a shard given twice, or a missing one (unless --allow-partial).

Exit codes:
  0  merged; no input was skipped
  1  nothing merged: a part is unreadable, parts do not match, a shard is missing
  2  merged, but some inputs were skipped (listed in the report), or with
     --allow-partial some shards are missing";

/// `teema merge`: the parts and the merged report's format.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' reports (json or ndjson, as `teema analyse --shard I/N` writes them)
    #[arg(value_name = "PART", required = true)]
    pub parts: Vec<PathBuf>,

    /// Format of the merged report (the unit and csv columns are the parts')
    #[arg(long, value_enum, default_value_t = DEFAULTS.report.format)]
    pub format: Format,

    /// Write the merged report to FILE (atomically, as `teema analyse -o`)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Merge the shards there are when some are missing, naming them on stderr
    #[arg(long)]
    pub allow_partial: bool,

    /// Write the provenance and summary to FILE as JSON, as `teema analyse --meta` [default
    /// with --format csv -o FILE: FILE.meta.json]
    #[arg(long, value_name = "FILE")]
    pub meta: Option<PathBuf>,
}

/// Output of `teema segments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SegmentsFormat {
    /// A readable listing
    Text,
    /// One JSON document, schema `teema.segments/1`
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangName {
    /// Finnish
    Fi,
    /// Dutch
    Nl,
}

impl LangName {
    pub fn lang(self) -> Lang {
        match self {
            LangName::Fi => Lang::Fi,
            LangName::Nl => Lang::Nl,
        }
    }
}

#[derive(Debug, Args)]
pub struct AnalyseArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Report format
    #[arg(long, value_enum, default_value_t = DEFAULTS.report.format)]
    pub format: Format,

    /// Write the report to FILE (atomically: a temporary file renamed when complete; a
    /// device or named pipe is written in place)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Worker threads [default: number of CPUs]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Document language: detect it, or use one for every document
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// Include every match with its byte offsets, line and column in the original file,
    /// entry kind, sentence and context (json, ndjson; csv with --unit match)
    #[arg(long)]
    pub evidence: bool,

    /// Characters of context each side of a match in its evidence (`left`, `right`)
    #[arg(long, value_name = "N", default_value_t = DEFAULTS.report.context)]
    pub context: usize,

    #[command(flatten)]
    pub segment: SegmentArgs,

    /// Count boilerplate (site chrome) in the documents' scores; it is still reported as
    /// boilerplate segments
    #[arg(long)]
    pub keep_boilerplate: bool,

    /// What matches in the scope of a negation (`ei`, `ilman`, `niet`, `geen`, …) do to the
    /// scores: `count` them as hits (a negated mention is still a mention), `exclude` them,
    /// or score them `separate`ly as a theme `THEME_neg`; each theme reports them as
    /// `negated`
    #[arg(long, value_enum, default_value_t = DEFAULTS.negation)]
    pub negation: teema::Negation,

    /// Rows of ndjson and csv output: one per document, one per segment (json: whether
    /// each segment carries its scores), or one per match with its evidence (implies
    /// --evidence)
    #[arg(long, value_enum, default_value_t = DEFAULTS.report.unit)]
    pub unit: Unit,

    /// Per-group totals in the summary, by a record field (`author`), a date part of a
    /// timestamp field (`timestamp:month`, `:year`, `:day`) or the detected language
    /// (`lang`); documents without the field go to "(missing)", dates that do not parse
    /// to "(invalid)" (repeatable)
    #[arg(long, value_name = "FIELD")]
    pub group_by: Vec<GroupSpec>,

    /// With --format csv: add a column with this record field (repeatable; json and
    /// ndjson carry every field in each document's `record`)
    #[arg(long, value_name = "NAME")]
    pub field: Vec<String>,

    /// Mark documents and segments with fewer words as `short`; their rates stay out of
    /// the per-document means, SDs, medians and intervals of the summary and its groups
    #[arg(long, value_name = "N", default_value_t = DEFAULTS.min_words)]
    pub min_words: u64,

    /// Count short documents in the per-document statistics too
    #[arg(long)]
    pub include_short: bool,

    /// Write the run's provenance (schema, tool, lexicon fingerprints, options), skipped
    /// inputs and summary as JSON to FILE [default with --format csv -o FILE:
    /// FILE.meta.json]
    #[arg(long, value_name = "FILE")]
    pub meta: Option<PathBuf>,

    /// No progress bar and no warnings on standard error
    #[arg(short, long)]
    pub quiet: bool,

    /// Analyse only shard I of N (e.g. 3/8): a stable split of the inputs by the hash of
    /// each one's path below its PATH (records: and their position in the file); the
    /// report (json or ndjson) is a part for `teema merge`
    #[arg(long, value_name = "I/N")]
    pub shard: Option<teema::input::shard::Shard>,
}

impl AnalyseArgs {
    /// The run's settings: the values given, laid over the defaults.
    pub fn config(self) -> Config {
        let defaults = Config::default();
        Config {
            input: self.input.options(),
            lexicon: self.lexicons.options(),
            segment: self.segment.options(),
            lang: self.lang.lang(),
            keep_boilerplate: self.keep_boilerplate,
            negation: self.negation,
            min_words: self.min_words,
            include_short: self.include_short,
            report: teema::ReportOptions {
                format: self.format,
                output: self.output,
                unit: self.unit,
                evidence: self.evidence,
                group_by: self.group_by,
                fields: self.field,
                context: self.context,
                meta: self.meta,
            },
            threads: self.threads.map_or(defaults.threads, usize::from),
            shard: self.shard,
        }
    }
}

/// `teema explain`: the inputs and the analysis options of `teema analyse`, and how to show
/// the result.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    #[command(flatten)]
    pub segment: SegmentArgs,

    /// Document language: detect it, or use one for every document
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// Count boilerplate (site chrome) in the scores, as `teema analyse --keep-boilerplate`
    #[arg(long)]
    pub keep_boilerplate: bool,

    /// What matches in the scope of a negation do to the scores (as `teema analyse`)
    #[arg(long, value_enum, default_value_t = DEFAULTS.negation)]
    pub negation: teema::Negation,

    /// Characters of context each side of a match in the json output
    #[arg(long, value_name = "N", default_value_t = DEFAULTS.report.context)]
    pub context: usize,

    /// `text` for reading, or `json` (one object per document and line: segments with
    /// their text, matches, the table)
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,

    /// Colour the text: when standard output is a terminal and NO_COLOR is not set
    /// (`auto`), `always` or `never`
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Text with the matches marked, then a table
    Text,
    /// JSON, one object per document
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// A `--max-file-size` value: a size, or no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimit(pub Option<u64>);

impl FileLimit {
    fn parse(s: &str) -> Result<FileLimit, String> {
        parse_limit(s).map(FileLimit)
    }
}

/// How every subcommand that reads documents finds and reads them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to read (folders are walked recursively); `-` or nothing with
    /// piped input reads standard input as one document
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Also read the paths listed in FILE (`-`: standard input), one a line or
    /// NUL-separated (`find -print0`), in the listed order, after any PATHs; relative
    /// paths are relative to the working directory
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// How to read each input file: `text` (each file is one document), `jsonl` (each line
    /// a JSON object, one document) or `csv` (a header row, then one document a row; `.tsv`
    /// files are tab-separated). `.gz` and `.zst` files are decompressed in every mode;
    /// archives (`.tar`, `.tar.gz`, `.tgz`, `.tar.zst`, `.zip`) are read member by member
    /// and WARC files (`.warc`, `.warc.gz`, `.warc.zst`) record by record in every mode
    #[arg(long, value_enum, default_value_t = DEFAULTS.input.read.format, value_name = "FORMAT")]
    pub input: InputFormat,

    /// The JSON key or CSV column holding the text to analyse
    #[arg(long, value_name = "NAME", default_value_t = DEFAULTS.input.read.text_field.clone())]
    pub text_field: String,

    /// The JSON key or CSV column holding a record's id (optional in the data)
    #[arg(long, value_name = "NAME", default_value_t = DEFAULTS.input.read.id_field.clone())]
    pub id_field: String,

    /// Skip a .gz or .zst file that decompresses to more than SIZE (e.g. 256MiB, 4GiB)
    #[arg(long, value_name = "SIZE", value_parser = parse_size,
          default_value = DEFAULT_MAX_DECOMPRESSED.as_str())]
    pub max_decompressed: u64,

    /// Skip, without reading it, a file (archive member, WARC record, standard input)
    /// larger than SIZE (e.g. 512M, 4GiB; `none` or 0: no limit)
    #[arg(long, value_name = "SIZE", value_parser = FileLimit::parse,
          default_value = DEFAULT_MAX_FILE_SIZE.as_str())]
    pub max_file_size: FileLimit,

    /// VRT and CoNLL-U: lemma entries match this column's lemmas (CoNLL-U: `LEMMA`)
    /// instead of their generated forms, and compound-head entries its compound-marked
    /// lemmas (`#`, `|`, `_` boundaries; VRT: the `NAMEcomp` column where there is one)
    #[arg(long, value_name = "NAME")]
    pub lemma_column: Option<String>,

    /// VRT: the names of the positional attributes (TAB-separated columns), e.g.
    /// `word,lemma,pos`, instead of the file's `#vrt positional-attributes` comment
    #[arg(long, value_name = "A,B,C", value_delimiter = ',')]
    pub vrt_columns: Vec<String>,

    /// Only read files matching PATTERN; `!PATTERN` excludes (repeatable)
    #[arg(long, value_name = "PATTERN", allow_hyphen_values = true)]
    pub glob: Vec<String>,

    /// Also walk hidden files and folders (names starting with `.`)
    #[arg(long)]
    pub hidden: bool,

    /// Follow symbolic links
    #[arg(long)]
    pub follow: bool,
}

impl InputArgs {
    /// The input stage's settings.
    pub fn options(self) -> InputOptions {
        InputOptions {
            paths: self.paths,
            files_from: self.files_from,
            walk: WalkOptions {
                hidden: self.hidden,
                follow: self.follow,
                globs: self.glob,
            },
            read: ReadOptions {
                format: self.input,
                text_field: self.text_field,
                id_field: self.id_field,
                max_decompressed: self.max_decompressed,
                max_file_size: self.max_file_size.0,
                lemma_column: self.lemma_column,
                vrt_columns: self.vrt_columns,
            },
        }
    }
}

/// What the lexicon subcommands that read a corpus take: the inputs, the site profiles, the
/// lexicons and the language.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub segment: SegmentArgs,
    #[command(flatten)]
    pub lexicons: LexiconArgs,
    /// Document language: detect it, or use one for every document
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
}

/// Site profiles.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// Site profile that splits pages into post, comments, quotes and boilerplate: `auto`
    /// (recognise the platform per page), `none` (the whole text is the post), or a
    /// profile id (forum, blogger, wordpress, generic, or one of --profiles)
    #[arg(long, value_name = "NAME", default_value_t = DEFAULTS.segment.profile.clone())]
    pub profile: String,

    /// Add site profiles from a .toml file or a folder of them; one with the id of a shipped
    /// profile replaces it (repeatable)
    #[arg(long = "profiles", value_name = "PATH")]
    pub profiles: Vec<PathBuf>,
}

impl SegmentArgs {
    /// The segment stage's settings.
    pub fn options(self) -> SegmentOptions {
        SegmentOptions {
            profile: self.profile,
            profiles: self.profiles,
        }
    }
}

#[derive(Debug, Args)]
pub struct LexiconArgs {
    /// Use these lexicons instead of the built-in ones: a teema .toml, LIWC .dic, LIWC-22
    /// .dicx, word list .txt or quanteda .yaml file, or a folder of them (repeatable)
    #[arg(long = "lexicon", id = "lexicon", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub morph: MorphArgs,
}

impl LexiconArgs {
    /// The lexicon stage's settings.
    pub fn options(self) -> LexiconOptions {
        LexiconOptions {
            paths: self.paths,
            morph: self.morph.morph,
        }
    }
}

/// The morphology backend.
#[derive(Debug, Args)]
pub struct MorphArgs {
    /// How lemma and compound-head entries find inflected forms: generated paradigms,
    /// Snowball stems (faster to start, far less accurate for Finnish), or libvoikko
    #[arg(long, value_enum, default_value_t = DEFAULTS.lexicon.morph)]
    pub morph: Backend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Detect each document's language
    Auto,
    /// Finnish
    Fi,
    /// Dutch
    Nl,
}

impl LangArg {
    pub fn lang(self) -> Option<Lang> {
        match self {
            LangArg::Auto => None,
            LangArg::Fi => Some(Lang::Fi),
            LangArg::Nl => Some(Lang::Nl),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// LIWC dictionary
    Dic,
    /// quanteda dictionary (YAML)
    Yaml,
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// List themes with their version, entries per language and fingerprint
    #[command(
        after_long_help = "Examples:\n  teema lexicon list\n  teema lexicon list --lexicon my-lexicons/"
    )]
    List(LexiconArgs),
    /// Parse and compile lexicons; print `file:line:col: message` for each error
    #[command(
        after_long_help = "Examples:\n  teema lexicon check\n  teema lexicon check my-lexicons/ extra.dic\n\nExit codes:\n  0  the lexicons are valid\n  1  errors were found"
    )]
    Check {
        /// Lexicon files or folders [default: the built-in lexicons]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        morph: MorphArgs,
    },
    /// Frequent words that share sentences with a theme's hits but match no lexicon entry
    #[command(
        after_long_help = "Examples:\n  teema lexicon coverage scraped/\n  teema lexicon coverage scraped/ --top 50 --lexicon my-lexicons/"
    )]
    Coverage {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Words to show per theme and language
        #[arg(long, value_name = "N", default_value_t = 20)]
        top: usize,
    },
    /// List the surface forms a lexicon entry will match
    #[command(
        after_long_help = "Examples:\n  teema lexicon forms ilta --lang fi\n  teema lexicon forms '*abonnement' --lang nl"
    )]
    Forms {
        /// The entry, written as in a lexicon (`ilta`, `*palvelu`, `ylityö*`, `=klo`)
        #[arg(value_name = "ENTRY", allow_hyphen_values = true)]
        entry: String,
        /// The language whose morphology to use
        #[arg(long, value_enum)]
        lang: LangName,
        #[command(flatten)]
        morph: MorphArgs,
    },
    /// Write the lexicons as a LIWC .dic or a quanteda YAML dictionary
    #[command(
        after_long_help = "Examples:\n  teema lexicon export --format dic > themes.dic\n  teema lexicon export --format yaml --lexicon my-lexicons/ > themes.yml\n  teema lexicon export --format dic --lang nl > themes-nl.dic\n\nFinnish and Dutch stay apart: each theme becomes THEME_fi and THEME_nl (or, with --lang,\nTHEME from that side only). What a format cannot express (weights, compound heads in\n.dic, regexes, exclusions, context rules, topic entries) is left out or changed, with a\nwarning on standard error naming the entry."
    )]
    Export {
        /// The dictionary format
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Export one language's side only, as one category per theme (default: a category
        /// per theme and language, `THEME_fi` and `THEME_nl`)
        #[arg(long, value_enum)]
        lang: Option<LangName>,
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Draw a reproducible random sample of matches with their context, as CSV to judge
    #[command(
        after_long_help = "Examples:\n  teema lexicon sample scraped/ --theme service_complaints --n 200 --seed 1 > judge.csv\n\nEach row has the match, 80 characters of context each side and an empty `verdict`\ncolumn: write `on` (evidence of the theme), `topic` (only names the topic area or a\nrole) or `off` (another sense, unrelated), then run `teema lexicon validate`."
    )]
    Sample {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Only matches of this theme [default: every theme]
        #[arg(long, value_name = "ID")]
        theme: Option<String>,
        /// How many matches to draw
        #[arg(long, value_name = "N", default_value_t = 100)]
        n: usize,
        /// The random seed: the same seed, corpus and lexicons draw the same sample
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
    /// Precision per theme and entry of a judged sample, re-run with the current lexicons
    #[command(
        after_long_help = "Examples:\n  teema lexicon validate judge.csv\n  teema lexicon validate validation/judged.csv --labels validation/posts/labels.csv --ud ../shared/data/ud\n\nThe CSV needs the columns path, lang, theme, entry, start, end and verdict (on, topic,\noff). Every judged document is analysed again: the report gives, per theme and language,\nthe verdicts of the judged matches that still fire (precision with a 95% Wilson\ninterval), how many `on` matches still fire, and the matches that fire but were never\njudged. Paths are relative to the current folder; `ud:TREEBANK:SENT_ID` names a sentence\nof TREEBANK.conllu in the --ud folder.\n\nExit codes:\n  0  the report was written\n  1  the file or the lexicons could not be read, or a --min-* floor was not reached"
    )]
    Validate {
        /// The judged CSV
        #[arg(value_name = "JUDGED")]
        judged: PathBuf,
        #[command(flatten)]
        lexicons: LexiconArgs,
        /// A CSV with `path` and `themes` (`;`-separated) columns: document-level precision,
        /// recall and F1 of "theme present"
        #[arg(long, value_name = "CSV")]
        labels: Option<PathBuf>,
        /// The folder of the treebank `.conllu` files that `ud:` paths name
        #[arg(long, value_name = "DIR")]
        ud: Option<PathBuf>,
        /// Fail (exit 1) when a theme's precision is below this
        #[arg(long, value_name = "P")]
        min_precision: Option<f64>,
        /// Fail (exit 1) when fewer of the judged `on` matches still fire than this share
        #[arg(long, value_name = "R")]
        min_retained: Option<f64>,
    },
    /// Run every theme's example sentences: positives must match, negatives must not
    #[command(
        after_long_help = "Examples:\n  teema lexicon test\n  teema lexicon test my-lexicons/\n\nExit codes:\n  0  every example behaved as stated\n  1  some did not (each is listed), or the lexicons have errors"
    )]
    Test {
        /// Lexicon files or folders [default: the built-in lexicons]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        morph: MorphArgs,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
