//! Positions in source files (`file:line:col`) and the problems found there: what lexicon
//! and site-profile errors are made of. At the bottom of the house: every stage that reads a
//! file of its own (lexicons, profiles) reports through it.

use std::fmt;
use std::sync::Arc;

/// Where something was written: file, line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The file (or `builtin:NAME` for embedded lexicons).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// One problem in a lexicon or site-profile file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where.
    pub position: Position,
    /// What is wrong and, where possible, what to do.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}

/// Converts byte offsets of one source text into [`Position`]s.
pub(crate) struct Locator<'a> {
    file: Arc<str>,
    text: &'a str,
    /// Byte offset where each line starts, so a position costs a binary search, not a scan
    /// of the file (lexicons run to thousands of entries).
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(file: &str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Locator {
            file: file.into(),
            text,
            line_starts,
        }
    }

    pub(crate) fn at(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line - 1];
        Position {
            file: self.file.clone(),
            line,
            col: self.text[line_start..offset].chars().count() + 1,
        }
    }

    pub(crate) fn diag(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            position: self.at(offset),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_counts_lines_and_chars() {
        let loc = Locator::new("x.toml", "ab\nää c\n");
        let p = loc.at(8);
        assert_eq!((p.line, p.col), (2, 4));
    }
}
