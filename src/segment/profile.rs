//! Site profiles: editable TOML files describing one kind of page (see `profiles/README.md`).
//!
//! A profile lists regular expressions for the parts of a page: lines that show the page is
//! of this kind (`detect`), where the page head ends, furniture lines, where the comments
//! begin, the author blocks that head each message, where the closing furniture begins, and
//! quotations. Every problem in a file is reported at its line and column.

use crate::diagnostic::{Diagnostic, Locator};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

include!(concat!(env!("OUT_DIR"), "/builtin_profiles.rs"));

/// The id of the profile whose rules apply to every page.
pub const GENERIC: &str = "generic";

/// Default for `head_lines`.
const HEAD_LINES: usize = 12;
/// Default for `min_detect`.
const MIN_DETECT: usize = 2;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    format: Option<Spanned<u32>>,
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    detect: Vec<Spanned<String>>,
    min_detect: Option<usize>,
    #[serde(default)]
    head_end: Vec<Spanned<String>>,
    head_lines: Option<usize>,
    #[serde(default)]
    boilerplate: Vec<Spanned<String>>,
    #[serde(default)]
    comments_start: Vec<Spanned<String>>,
    #[serde(default)]
    author_block: Vec<Spanned<String>>,
    post_author_block: Option<bool>,
    #[serde(default)]
    tail_start: Vec<Spanned<String>>,
    #[serde(default)]
    quote_start: Vec<Spanned<String>>,
    #[serde(default)]
    quote_line: Vec<Spanned<String>>,
    #[serde(default)]
    list_heading: Vec<Spanned<String>>,
}

/// A profile as written in its file: the patterns are kept as text so that the generic
/// profile's rules can be added to every other profile's before compiling.
#[derive(Debug, Clone, Default)]
pub struct ProfileSource {
    /// Profile id (`forum`, `blogger`, ...).
    pub id: String,
    /// A short name.
    pub label: String,
    /// What pages the profile describes.
    pub description: String,
    /// The file it came from (`builtin:NAME` for the embedded ones).
    pub file: String,
    pub(super) detect: Vec<String>,
    pub(super) min_detect: usize,
    pub(super) head_end: Vec<String>,
    pub(super) head_lines: usize,
    pub(super) boilerplate: Vec<String>,
    pub(super) comments_start: Vec<String>,
    pub(super) author_block: Vec<String>,
    pub(super) post_author_block: bool,
    pub(super) tail_start: Vec<String>,
    pub(super) quote_start: Vec<String>,
    pub(super) quote_line: Vec<String>,
    pub(super) list_heading: Vec<String>,
}

/// Why profiles could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// A file or folder could not be read.
    #[error("{path}: cannot read site profile: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file has errors.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
    /// Patterns that are valid one by one failed to compile together (e.g. too large).
    #[error("{file}: cannot compile the profile's patterns: {message}")]
    Pattern {
        /// The profile file.
        file: String,
        /// The regex error.
        message: String,
    },
    /// A folder held no profile files.
    #[error("{0}: no site profiles (*.toml) found")]
    Empty(PathBuf),
    /// `--profile` names no known profile.
    #[error("unknown site profile {name:?} (known: auto, none, {known})")]
    Unknown {
        /// The name asked for.
        name: String,
        /// The known ids.
        known: String,
    },
}

/// Parses one profile file's text; `file` names it in diagnostics.
pub fn parse(file: &str, text: &str) -> Result<ProfileSource, ProfileError> {
    parse_checked(file, text, true)
}

/// Parses a profile; with `check_patterns`, compiles each pattern on its own so that an
/// invalid one is reported at its line and column (the shipped profiles are checked by a
/// test instead, which saves start-up time).
fn parse_checked(
    file: &str,
    text: &str,
    check_patterns: bool,
) -> Result<ProfileSource, ProfileError> {
    let loc = Locator::new(file, text);
    let raw: RawProfile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        ProfileError::Invalid(vec![loc.diag(offset, e.message().trim().to_string())])
    })?;
    let mut diags = Vec::new();
    if let Some(format) = &raw.format
        && *format.get_ref() != 1
    {
        diags.push(loc.diag(
            format.span().start,
            format!(
                "unsupported profile format {}: this teema reads format 1",
                format.get_ref()
            ),
        ));
    }
    let id = raw.id.get_ref().clone();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        || id == "auto"
        || id == "none"
    {
        diags.push(loc.diag(
            raw.id.span().start,
            "profile id must be lowercase ASCII letters, digits, '_' or '-' (and not auto or none)",
        ));
    }
    // Check every pattern now, so that an error points at its line and column.
    let mut check =
        |list: &[Spanned<String>], multiline: bool| -> Vec<String> {
            list.iter()
                .map(|p| {
                    let pattern = p.get_ref().clone();
                    if has_unicode_word_boundary(&pattern) {
                        diags.push(loc.diag(
                        p.span().start,
                        "word boundary (\\b) in a pattern: it makes every line of every page \
                         slow to match (the rules run as one set, which then cannot use its \
                         fast engine; a whole run took four times as long). Patterns match \
                         whole lowercased lines with single spaces: use ' ', `( .*)?` or `^`/`$`"
                            .to_string(),
                    ));
                    }
                    if !check_patterns {
                        return pattern;
                    }
                    let compiled = if multiline {
                        block_regex(std::slice::from_ref(&pattern)).map(|_| ())
                    } else {
                        line_set(std::slice::from_ref(&pattern)).map(|_| ())
                    };
                    if let Err(e) = compiled {
                        diags.push(loc.diag(p.span().start, format!("invalid pattern: {e}")));
                    }
                    pattern
                })
                .collect()
        };
    let source = ProfileSource {
        label: raw.label,
        description: raw.description,
        file: file.to_string(),
        detect: check(&raw.detect, false),
        min_detect: raw.min_detect.unwrap_or(MIN_DETECT).max(1),
        head_end: check(&raw.head_end, false),
        head_lines: raw.head_lines.unwrap_or(HEAD_LINES),
        boilerplate: check(&raw.boilerplate, false),
        comments_start: check(&raw.comments_start, false),
        author_block: check(&raw.author_block, true),
        post_author_block: raw.post_author_block.unwrap_or(false),
        tail_start: check(&raw.tail_start, false),
        quote_start: check(&raw.quote_start, false),
        quote_line: check(&raw.quote_line, false),
        list_heading: check(&raw.list_heading, false),
        id,
    };
    if diags.is_empty() {
        Ok(source)
    } else {
        Err(ProfileError::Invalid(diags))
    }
}

/// The profiles embedded in the binary (`profiles/` at build time).
pub fn builtin() -> Vec<ProfileSource> {
    BUILTIN
        .iter()
        .map(|(name, text)| {
            parse_checked(&format!("builtin:{name}"), text, false)
                .expect("the shipped profiles are valid")
        })
        .collect()
}

/// Loads profile files and folders (a folder's `*.toml` files, sorted).
pub fn load(paths: &[PathBuf]) -> Result<Vec<ProfileSource>, ProfileError> {
    let mut out = Vec::new();
    for path in paths {
        for file in profile_files(path)? {
            let text = std::fs::read_to_string(&file).map_err(|source| ProfileError::Io {
                path: file.clone(),
                source,
            })?;
            out.push(parse(&file.display().to_string(), &text)?);
        }
    }
    Ok(out)
}

fn profile_files(path: &Path) -> Result<Vec<PathBuf>, ProfileError> {
    let io = |source| ProfileError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !path.is_dir() {
        std::fs::metadata(path).map_err(io)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ProfileError::Empty(path.to_path_buf()));
    }
    Ok(files)
}

/// Line patterns, each matching a whole line, case-insensitively.
/// True when `pattern` holds a Unicode word boundary (`\b`, `\B`, `\<`, `\>`, …),
/// which the fast regex engines cannot run on non-ASCII text.
fn has_unicode_word_boundary(pattern: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(pattern)
        .is_ok_and(|hir| hir.properties().look_set().contains_word_unicode())
}

pub(super) fn line_set(patterns: &[String]) -> Result<RegexSet, regex::Error> {
    RegexSetBuilder::new(patterns.iter().map(|p| format!("^(?:{p})$")))
        .case_insensitive(true)
        .build()
}

/// Author-block patterns, which may span lines (`\n` between them): one regex with `^`
/// and `$` at line boundaries, matching whole lines.
pub(super) fn block_regex(patterns: &[String]) -> Result<Option<Regex>, regex::Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let alternation = patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&format!("^(?:{alternation})$"))
        .case_insensitive(true)
        .multi_line(true)
        .build()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_parse() {
        for (name, text) in BUILTIN {
            parse(name, text).unwrap();
        }
        let ids: Vec<String> = builtin().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["blogger", "forum", "generic", "wordpress"]);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let text = "id = \"x\"\nlabel = \"X\"\nboilerplate = [\n  'ok',\n  '(unclosed',\n]\n";
        let err = parse("my.toml", text).unwrap_err().to_string();
        assert!(err.starts_with("my.toml:5:3: invalid pattern"), "{err}");
        let text = "id = \"x\"\nlabel = \"X\"\nboilerplate = [\n  'ok',\n  'log in\\b.*',\n]\n";
        let err = parse("my.toml", text).unwrap_err().to_string();
        assert!(err.starts_with("my.toml:5:3: word boundary"), "{err}");
        assert!(!has_unicode_word_boundary("(?-u:\\b)x"));
        let err = parse("my.toml", "id = \"x\"\nlabel = \"X\"\nbogus = 1\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("my.toml:3:1:"), "{err}");
        assert!(err.contains("bogus"), "{err}");
        let err = parse("my.toml", "id = \"Auto\"\nlabel = \"X\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("my.toml:1:6: profile id"), "{err}");
    }
}
