//! `teema analyse`: the run, with a progress bar and warnings on standard error.

use super::Error;
use crate::cli::AnalyseArgs;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::time::Instant;
use teema::{Exit, Observer, Reported};

/// Runs the analysis the arguments describe.
pub fn run(args: AnalyseArgs) -> Result<Exit, Error> {
    super::require_input(&args.input, "analyse")?;
    let quiet = args.quiet;
    let config = args.config();
    if config.report.evidence
        && config.report.format == teema::Format::Csv
        && config.report.unit != teema::Unit::Match
    {
        return Err(Error::Message(
            "--evidence with --format csv needs --unit match (one row per match): a csv row \
             per document or segment has no place for the matches"
                .into(),
        ));
    }
    if !quiet
        && config.report.format == teema::Format::Csv
        && teema::meta_path(&config.report).is_none()
    {
        let _ = writeln!(
            std::io::stderr(),
            "teema: note: a csv report written to standard output, a device or a pipe has no \
             sidecar with the run's schema, lexicon fingerprints, options and summary; add \
             --meta FILE to write one"
        );
    }
    super::on_signals(super::OnSignal::Stop);
    let mut console = Console::new(quiet, !quiet && std::io::stderr().is_terminal());
    let result = teema::run(&config, &mut std::io::stdout().lock(), &mut console);
    console.finish();
    match result {
        Ok(summary) if summary.skipped > 0 => Ok(Exit::Partial),
        Ok(_) => Ok(Exit::Success),
        Err(e) if e.is_broken_pipe() => Ok(Exit::Success),
        Err(e @ teema::RunError::Interrupted { signal, .. }) => {
            let written = match &config.report.output {
                Some(path) => format!("nothing written to {}", path.display()),
                None => "the report on standard output is cut short".into(),
            };
            let _ = writeln!(std::io::stderr(), "teema: {e}: {written}");
            Ok(Exit::Interrupted(signal))
        }
        Err(e) => Err(e.into()),
    }
}

/// Progress bar and warnings on standard error.
struct Console {
    bar: Option<ProgressBar>,
    quiet: bool,
    bytes: u64,
    started: Instant,
}

impl Console {
    fn new(quiet: bool, progress: bool) -> Console {
        let bar = progress.then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} files  {msg}  {elapsed}")
                    .expect("valid template"),
            );
            bar
        });
        Console {
            bar,
            quiet,
            bytes: 0,
            started: Instant::now(),
        }
    }

    /// Prints a line on standard error, above the progress bar if there is one.
    fn print(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => {
                let _ = writeln!(std::io::stderr(), "{line}");
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Console {
    fn reported(&mut self, outcome: Reported<'_>, discovered: u64) {
        match outcome {
            Reported::Document { bytes, warning } => {
                self.bytes += bytes;
                if let Some(warning) = warning.filter(|_| !self.quiet) {
                    self.print(&format!("teema: warning: {warning}"));
                }
            }
            Reported::Skipped(s) if !self.quiet => {
                self.print(&format!("teema: skipped {}: {}", s.path, s.reason));
            }
            Reported::Skipped(_) => {}
        }
        if let Some(bar) = &self.bar {
            bar.set_length(discovered);
            bar.inc(1);
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{:.1} MB/s", self.bytes as f64 / 1e6 / secs));
        }
    }
}
