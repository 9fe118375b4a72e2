//! Lexicons: loading, validating and describing theme dictionaries.
//!
//! A [`Lexicon`] is a set of [`Theme`]s sorted by id. Each theme has one [`Side`] per
//! language, holding [`Entry`]s of the kinds described in `lexicons/README.md`. Loading stops
//! at the first file with errors and reports every error in it as a [`Diagnostic`]
//! (`file:line:col: message`), so a run never starts on a broken lexicon. Compiling a lexicon
//! into something that can search text is the job of [`crate::matcher`].

mod dicx;
mod list;
mod liwc;
mod toml;
mod yaml;

pub(crate) use crate::diagnostic::Locator;
pub use crate::diagnostic::{Diagnostic, Position};
use crate::lang::Lang;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/builtin_lexicons.rs"));

/// How an entry matches.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    /// The word in all its inflected forms.
    Lemma,
    /// Any compound ending in the word (in any inflection), and the word itself.
    CompoundHead,
    /// Any token whose surface form starts with the term.
    Prefix,
    /// The surface form only.
    Exact,
    /// Consecutive tokens in one sentence, each matched as a lemma.
    Phrase(Vec<String>),
    /// A regular expression over the normalised text, compiled once when the lexicon is
    /// read.
    Regex(CompiledRegex),
}

/// A regex entry's compiled pattern (the pattern itself is the entry's `term`). Cloning
/// shares it. Any two compare equal: they are the same kind of entry, and their patterns
/// are compared as terms.
#[derive(Debug, Clone)]
pub struct CompiledRegex(pub regex_automata::meta::Regex);

impl PartialEq for CompiledRegex {
    fn eq(&self, _: &CompiledRegex) -> bool {
        true
    }
}

impl EntryKind {
    /// A short name for reports and diagnostics.
    pub fn name(&self) -> &'static str {
        match self {
            EntryKind::Lemma => "lemma",
            EntryKind::CompoundHead => "compound head",
            EntryKind::Prefix => "prefix",
            EntryKind::Exact => "exact",
            EntryKind::Phrase(_) => "phrase",
            EntryKind::Regex(_) => "regex",
        }
    }
}

/// One lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry as written in the lexicon (`*palvelu`, `in de wacht`); reports count by this.
    pub written: Arc<str>,
    /// The normalised term without markers (`palvelu`, `in de wacht`, the regex pattern).
    pub term: String,
    /// How it matches.
    pub kind: EntryKind,
    /// What each match adds to the theme's score.
    pub weight: f64,
    /// Extra surface forms that count as this lemma.
    pub forms: Vec<String>,
    /// Inflection-class hint for the morphology.
    pub class: Option<String>,
    /// Where the entry was written.
    pub position: Position,
    /// What a match of it is: evidence of the theme, only its topic, or only context.
    pub role: Role,
    /// For evidence entries that count only with context nearby: the rule.
    pub context: Option<ContextRule>,
}

/// What a match of an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Evidence of the theme: counted in `hits`, `score` and the rates.
    #[default]
    Evidence,
    /// Names the theme's topic area or a role (`asiakaspalvelija`, `klantenservice`): counted
    /// apart in `topic_hits`, never in `hits`, score or rates.
    Topic,
    /// A word listed only as another entry's context: never counted.
    Context,
}

impl Role {
    /// `evidence`, `topic` or `context`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Evidence => "evidence",
            Role::Topic => "topic",
            Role::Context => "context",
        }
    }
}

/// An evidence entry that counts only when one of its context entries matches nearby.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextRule {
    /// The context words as written (`bellen`, `*klantenservice`, `@topic` for every topic
    /// entry of the side).
    pub words: Vec<Arc<str>>,
    /// How near: within this many tokens either side; `None`: in the same sentence.
    pub within: Option<u32>,
    /// The entries (indexes into [`Side::entries`]) whose matches satisfy the rule, resolved
    /// when the theme is read.
    pub entries: Vec<u32>,
    /// Where the context must be: anywhere in reach (`None`, the TOML format's rules), or the
    /// word right before or right after the entry (LIWC2007's conditional entries).
    pub adjacent: Option<Adjacent>,
    /// The entry counts only when NO context match is there (the `else` branch of a LIWC2007
    /// conditional entry).
    pub absent: bool,
}

/// Which neighbouring word a LIWC2007 conditional entry looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjacent {
    /// The token right before the entry's first token.
    Before,
    /// The token right after the entry's last token.
    After,
}

/// Example sentences a theme must and must not match.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    /// Sentences that must produce at least one match.
    pub positive: Vec<String>,
    /// Sentences that must produce no match.
    pub negative: Vec<String>,
}

/// One language's entries of a theme.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// Entries that are matched: the evidence entries as written (`entries`), then the topic
    /// entries (`topic`), then context words that are no entry of either (role
    /// [`Role::Context`]). Matches refer to entries by their index here.
    pub entries: Vec<Entry>,
    /// Entries whose matches cancel overlapping matches of this theme.
    pub exclude: Vec<Entry>,
    /// Example sentences.
    pub examples: Examples,
}

/// A theme: one lexicon file (or one LIWC category).
#[derive(Debug, Clone)]
pub struct Theme {
    /// Unique id, `[a-z0-9_]+`.
    pub id: Arc<str>,
    /// Human-readable name.
    pub label: String,
    /// What the theme measures.
    pub description: String,
    /// Inclusion criteria.
    pub inclusion: String,
    /// The lexicon's own version string.
    pub version: String,
    /// Where it was loaded from.
    pub source: String,
    /// SHA-256 of the source file, hex.
    pub sha256: String,
    /// Entries per language, indexed by [`Lang::index`].
    pub sides: [Side; 2],
    /// The dictionary has no language sides (LIWC `.dic`/`.dicx`, plain word lists, quanteda
    /// YAML without `fi`/`nl` keys): both sides hold the same entries, and the theme applies
    /// to text in any language, `other` included.
    pub any_language: bool,
}

impl Side {
    /// The entries whose matches are evidence of the theme.
    pub fn evidence(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.role == Role::Evidence)
    }

    /// The topic entries.
    pub fn topic(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.role == Role::Topic)
    }

    /// Whether any entry counts only with context.
    pub fn has_context_rules(&self) -> bool {
        self.entries.iter().any(|e| e.context.is_some())
    }
}

impl Theme {
    /// The side for `lang`.
    pub fn side(&self, lang: Lang) -> &Side {
        &self.sides[lang.index()]
    }
}

/// A validated set of themes, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The themes, sorted by id.
    pub themes: Vec<Theme>,
}

/// Why a lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file or folder could not be read.
    #[error("{path}: cannot read lexicon: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file has errors.
    #[error("{}", join_lines(.0))]
    Invalid(Vec<Diagnostic>),
    /// A folder held no lexicon files.
    #[error("{0}: no lexicon files (*.toml, *.dic, *.dicx, *.txt, *.yaml) found")]
    Empty(PathBuf),
}

/// The settings of the lexicon stage: which lexicons, and how lemma entries find their forms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LexiconOptions {
    /// Lexicon files or folders; none means the built-in lexicons.
    pub paths: Vec<PathBuf>,
    /// The morphology backend.
    pub morph: crate::morph::Backend,
}

impl LexiconOptions {
    /// Loads the lexicons these options name (or the built-in ones).
    pub fn load(&self) -> Result<Lexicon, LexiconError> {
        if self.paths.is_empty() {
            Lexicon::builtin()
        } else {
            Lexicon::load(&self.paths)
        }
    }
}

fn join_lines(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The file name endings [`parse_source`] reads, in the order of the formats' names.
pub const EXTENSIONS: &[&str] = &["toml", "dic", "dicx", "txt", "yaml", "yml"];

/// Parses one lexicon file's text. `name` is used in diagnostics and decides the format by
/// its ending: `.dic` LIWC (LIWC2007 conditionals included), `.dicx` LIWC-22's CSV, `.txt` a
/// plain word list (one theme, named by the file), `.yaml`/`.yml` a quanteda dictionary,
/// anything else teema's TOML.
pub fn parse_source(name: &str, text: &str) -> Result<Vec<Theme>, LexiconError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let themes = match ext.as_str() {
        "dic" => liwc::parse(name, text),
        "dicx" => dicx::parse(name, text),
        "txt" => list::parse(name, text).map(|t| vec![t]),
        "yaml" | "yml" => yaml::parse(name, text),
        _ => toml::parse(name, text).map(|t| vec![t]),
    };
    themes.map_err(LexiconError::Invalid)
}

impl Lexicon {
    /// The lexicons embedded in the binary (`lexicons/` at build time).
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let mut themes = Vec::new();
        for (name, text) in BUILTIN {
            themes.extend(parse_source(&format!("builtin:{name}"), text)?);
        }
        Lexicon::from_themes(themes)
    }

    /// Loads lexicons from files and folders (a folder's files of the [`EXTENSIONS`], sorted).
    pub fn load(paths: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut themes = Vec::new();
        for path in paths {
            for file in lexicon_files(path)? {
                let text = std::fs::read_to_string(&file).map_err(|source| LexiconError::Io {
                    path: file.clone(),
                    source,
                })?;
                themes.extend(parse_source(&file.display().to_string(), &text)?);
            }
        }
        Lexicon::from_themes(themes)
    }

    /// Checks that theme ids are unique and sorts the themes by id.
    pub fn from_themes(mut themes: Vec<Theme>) -> Result<Lexicon, LexiconError> {
        themes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut diags = Vec::new();
        for pair in themes.windows(2) {
            if pair[0].id == pair[1].id {
                diags.push(Diagnostic {
                    position: Position {
                        file: pair[1].source.as_str().into(),
                        line: 1,
                        col: 1,
                    },
                    message: format!(
                        "theme id {:?} is also defined in {}; ids must be unique",
                        pair[1].id, pair[0].source
                    ),
                });
            }
        }
        if diags.is_empty() {
            Ok(Lexicon { themes })
        } else {
            Err(LexiconError::Invalid(diags))
        }
    }
}

/// The lexicon files a path stands for.
fn lexicon_files(path: &Path) -> Result<Vec<PathBuf>, LexiconError> {
    let io = |source| LexiconError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let p = entry.map_err(io)?.path();
        let ext = p.extension().and_then(|e| e.to_str());
        let known = ext.is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if known && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(LexiconError::Empty(path.to_path_buf()));
    }
    Ok(files)
}

/// Classifies an entry string as written in a lexicon (markers included) and validates its
/// term. Returns the kind and the normalised term, or an error message.
pub fn classify(written: &str) -> Result<(EntryKind, String), String> {
    let w = written.trim();
    if w.is_empty() {
        return Err("empty entry".into());
    }
    if w.len() >= 2 && w.starts_with('/') && w.ends_with('/') {
        let pattern = &w[1..w.len() - 1];
        // No bounded backtracker: for the short anchored searches the matcher runs at each
        // candidate it clears a visited set the size of the NFA times the text every time;
        // the lazy DFA and the PikeVM need no such reset.
        let config = regex_automata::meta::Regex::config().backtrack(false);
        let built = regex_automata::meta::Regex::builder()
            .configure(config)
            .build(pattern);
        return match built {
            Ok(re) => Ok((EntryKind::Regex(CompiledRegex(re)), pattern.to_string())),
            Err(e) => Err(format!("invalid regex: {}", one_line(&regex_error(&e)))),
        };
    }
    let norm = crate::normalise::normalise_str(w);
    if let Some(rest) = norm.strip_prefix('=') {
        check_single_token(rest)?;
        return Ok((EntryKind::Exact, rest.to_string()));
    }
    if norm.contains(char::is_whitespace) {
        let words: Vec<String> = norm.split_whitespace().map(str::to_string).collect();
        for word in &words {
            if word.contains(['*', '=']) {
                return Err(format!(
                    "phrase word {word:?}: markers (*, =) cannot be used inside a phrase"
                ));
            }
            check_single_token(word)?;
        }
        return Ok((EntryKind::Phrase(words), norm));
    }
    let (kind, term) = match (norm.strip_prefix('*'), norm.strip_suffix('*')) {
        (Some(_), Some(_)) => {
            return Err("use either *head (compound head) or prefix* (prefix), not both".into());
        }
        (Some(head), None) => (EntryKind::CompoundHead, head),
        (None, Some(prefix)) => (EntryKind::Prefix, prefix),
        (None, None) => (EntryKind::Lemma, norm.as_str()),
    };
    check_single_token(term)?;
    Ok((kind, term.to_string()))
}

/// A term must be exactly one token, or it could never match a token.
fn check_single_token(term: &str) -> Result<(), String> {
    let tokens = crate::tokenise::tokenise(term);
    match tokens.tokens.as_slice() {
        [t] if t.start == 0 && t.end as usize == term.len() => Ok(()),
        _ => Err(format!(
            "{term:?} is not a single word as teema tokenises text, so it could never match; \
             write it as a phrase (words separated by spaces) or a /regex/"
        )),
    }
}

/// What is wrong with a regex, as the `regex` crate words it: the syntax error with its
/// position, or the size limit.
fn regex_error(e: &regex_automata::meta::BuildError) -> String {
    if let Some(syntax) = e.syntax_error() {
        syntax.to_string()
    } else if let Some(limit) = e.size_limit() {
        format!("compiled regex exceeds size limit of {limit} bytes")
    } else {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(inner) = source {
            message = format!("{message}: {inner}");
            source = inner.source();
        }
        message
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_entry_kinds() {
        assert_eq!(classify("ilta").unwrap(), (EntryKind::Lemma, "ilta".into()));
        assert_eq!(
            classify("*Palvelu").unwrap(),
            (EntryKind::CompoundHead, "palvelu".into())
        );
        assert_eq!(
            classify("ylityö*").unwrap(),
            (EntryKind::Prefix, "ylityö".into())
        );
        assert_eq!(classify("=klo").unwrap(), (EntryKind::Exact, "klo".into()));
        assert_eq!(
            classify("in de wacht").unwrap(),
            (
                EntryKind::Phrase(vec!["in".into(), "de".into(), "wacht".into()]),
                "in de wacht".into()
            )
        );
        let (kind, term) = classify("/klo\\s*2[0-3]/").unwrap();
        assert_eq!(term, "klo\\s*2[0-3]");
        let EntryKind::Regex(CompiledRegex(re)) = kind else {
            panic!("a regex entry: {kind:?}");
        };
        assert!(re.is_match("klo 21") && !re.is_match("klo 19"));
        assert_eq!(classify("e-mail").unwrap().0, EntryKind::Lemma);
    }

    #[test]
    fn classify_rejects_bad_entries() {
        assert!(classify("").is_err());
        assert!(classify("*ilta*").unwrap_err().contains("not both"));
        let unclosed = classify("/a(/").unwrap_err();
        assert!(
            unclosed.starts_with("invalid regex: regex parse error:"),
            "{unclosed}"
        );
        assert!(unclosed.contains("unclosed group"), "{unclosed}");
        let huge = classify("/x{99999999}/").unwrap_err();
        assert!(huge.contains("exceeds size limit"), "{huge}");
        assert!(
            classify("asiakas.")
                .unwrap_err()
                .contains("not a single word")
        );
        assert!(classify("in *de wacht").unwrap_err().contains("markers"));
    }

    #[test]
    fn builtin_lexicons_load() {
        let lex = Lexicon::builtin().unwrap();
        assert!(lex.themes.len() >= 3);
        assert!(lex.themes.windows(2).all(|w| w[0].id < w[1].id));
    }
}
