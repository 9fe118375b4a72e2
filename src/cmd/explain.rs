//! `teema explain`: each document's text with its matches marked, and a table of themes.

use super::{Error, print_skipped, write_out};
use crate::cli::{ColorChoice, ExplainArgs, ExplainFormat};
use std::io::IsTerminal;
use teema::input::Inputs;
use teema::report::explain::{Explained, Marks, Shown};
use teema::{AnalyseOptions, Analyser, Detector, Exit, RunError};

/// Reads the inputs as `teema analyse` does and explains each document.
pub fn run(args: ExplainArgs) -> Result<Exit, Error> {
    super::require_input(&args.input, "explain")?;
    let inputs = Inputs::new(&args.input.options()).map_err(RunError::from)?;
    let (segmenter, profile) = args.segment.options().open().map_err(RunError::from)?;
    let matcher = super::open_matcher(&args.lexicons.options())?;
    let detector = Detector::default();
    let options = AnalyseOptions {
        lang: args.lang.lang(),
        evidence: true,
        profile,
        keep_boilerplate: args.keep_boilerplate,
        negation: args.negation,
        context: args.context,
        ..AnalyseOptions::default()
    };
    let marks = match args.color {
        ColorChoice::Always => Marks::Color,
        ColorChoice::Never => Marks::Plain,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            match !no_color && std::io::stdout().is_terminal() {
                true => Marks::Color,
                false => Marks::Plain,
            }
        }
    };
    let mut analyser = Analyser::with_segmenter(&matcher, &detector, &segmenter, options);
    let mut failed = None;
    let skipped = inputs.read_all(|raw| {
        let (bytes, html) = (raw.bytes, raw.html);
        let doc = analyser.analyse_raw(raw)?;
        let Some(shown) = Shown::read(bytes, html) else {
            return Ok(true);
        };
        let explained = Explained::new(&doc, shown);
        let out = match args.format {
            ExplainFormat::Text => explained.render(marks) + "\n",
            ExplainFormat::Json => serde_json::to_string(&explained).unwrap_or_default() + "\n",
        };
        match write_out(out.as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) => {
                failed = Some(e);
                Ok(false)
            }
        }
    });
    skipped.iter().for_each(print_skipped);
    match failed {
        Some(e) => Err(e),
        None if skipped.is_empty() => Ok(Exit::Success),
        None => Ok(Exit::Partial),
    }
}
