//! `teema morph`: which lexicon entries a word matches, and why.

use super::{Error, open_matcher};
use crate::cli::LexiconArgs;
use std::fmt::Write as _;
use teema::matcher::Via;
use teema::{Exit, Lang};

/// Looks up each word on the `lang` side of the lexicons.
pub fn run(words: &[String], lang: Lang, lexicons: LexiconArgs) -> Result<Exit, Error> {
    let matcher = open_matcher(&lexicons.options())?;
    let searcher = matcher.searcher();
    let mut out = String::new();
    for word in words {
        let norm = teema::normalise::normalise_str(word);
        let _ = writeln!(out, "{word} → {norm} [{lang}, {}]", matcher.morphology());
        let found = searcher.explain(lang, &norm);
        if found.is_empty() {
            let _ = writeln!(out, "  matches no entry");
        }
        for x in found {
            let theme = &matcher.lexicon().themes[x.theme as usize];
            let side = theme.side(lang);
            let (entry, role) = if x.exclude {
                (&side.exclude[x.entry as usize], "exclude")
            } else {
                (&side.entries[x.entry as usize], "entry")
            };
            let why = match &x.via {
                Via::Form(f) => format!("generated form {f:?}"),
                Via::Key(k) => format!("same stem {k:?}"),
                Via::Compound(m, h) => format!("compound {m}|{h}"),
                Via::Prefix(p) => format!("prefix {p:?}"),
            };
            let _ = writeln!(
                out,
                "  {} {role} {:?} ({}, {}): {why}",
                theme.id,
                entry.written,
                entry.kind.name(),
                entry.position
            );
        }
    }
    super::write_out(out.as_bytes())?;
    Ok(Exit::Success)
}
