//! The subcommands, one file each: `run(args) -> Result<Exit, Error>`. What they share lives
//! here: opening the lexicons with a morphology backend, and the one error printer.

pub mod analyse;
pub mod completions;
pub mod explain;
pub mod lexicon;
pub mod merge;
pub mod morph;
pub mod segments;

use std::io::{self, Write};
use teema::{LexiconOptions, Matcher, RunError, Skipped};

/// Why a subcommand could not run: printed by [`print_error`] as `teema: error: …` with a
/// hint, and exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The run failed (lexicon, morphology, profiles, globs, output).
    #[error(transparent)]
    Run(#[from] RunError),
    /// Anything else, already worded for the user.
    #[error("{0}")]
    Message(String),
}

impl Error {
    /// What the user can do about it.
    fn hint(&self) -> Option<&'static str> {
        match self {
            Error::Run(RunError::Lexicon(_)) => {
                Some("fix the lexicon (check it with `teema lexicon check PATH`)")
            }
            Error::Run(RunError::Output { .. }) => Some("choose a writable path for --output"),
            Error::Run(RunError::Profile(_)) => {
                Some("fix the site profile (see `teema segments --help` and profiles/README.md)")
            }
            Error::Run(RunError::Glob(_)) => Some("see `--glob` in `teema analyse --help`"),
            _ => None,
        }
    }
}

impl From<teema::LexiconError> for Error {
    fn from(e: teema::LexiconError) -> Error {
        Error::Run(e.into())
    }
}

/// Prints `teema: error: …` and, on its own line, what to do about it.
pub fn print_error(e: &Error) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "teema: error: {e}");
    if let Some(hint) = e.hint() {
        let _ = writeln!(err, "teema: hint: {hint}");
    }
}

/// Refuses to wait for typed input: with no path, standard input is read, which makes sense
/// only when something is piped in.
pub fn require_input(input: &crate::cli::InputArgs, command: &str) -> Result<(), Error> {
    use std::io::IsTerminal;
    if input.paths.is_empty() && input.files_from.is_none() && io::stdin().is_terminal() {
        return Err(Error::Message(format!(
            "no input: give files or folders to read, or pipe text into teema \
             (see `teema {command} --help`)"
        )));
    }
    Ok(())
}

/// Prints `teema: skipped PATH: REASON` for an input that could not be read.
pub fn print_skipped(s: &Skipped) {
    let _ = writeln!(io::stderr(), "teema: skipped {}: {}", s.path, s.reason);
}

/// Loads the lexicons and the morphology backend: the one way every subcommand that matches
/// words opens them.
pub fn open_matcher(options: &LexiconOptions) -> Result<Matcher, Error> {
    Ok(teema::open_matcher(options)?)
}

/// Writes `text` to standard output; a closed pipe (`teema … | head`) is not an error.
pub fn write_out(text: &[u8]) -> Result<(), Error> {
    match io::stdout().lock().write_all(text) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Message(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// What the first SIGINT, SIGTERM or SIGHUP does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnSignal {
    /// Ask the pipeline to stop (no new inputs, the temporary output removed, exit code
    /// 128 + the signal); a second signal exits at once, still removing the temporary output.
    Stop,
    /// Remove the temporary output and exit at once with 128 + the signal (`teema merge`,
    /// whose work is one short read of its parts).
    Quit,
}

/// Handles SIGINT, SIGTERM (what Slurm sends at a time limit) and SIGHUP as `first` says.
pub fn on_signals(first: OnSignal) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if first == OnSignal::Stop && teema::stop_requested().is_none() {
                teema::request_stop(signal);
                let _ = writeln!(
                    io::stderr(),
                    "teema: {} received: stopping (again to quit at once)",
                    teema::signal_name(signal)
                );
            } else {
                teema::remove_temporary_outputs();
                if first == OnSignal::Quit {
                    let _ = writeln!(
                        io::stderr(),
                        "teema: {} received: stopped; no output written",
                        teema::signal_name(signal)
                    );
                }
                std::process::exit(i32::from(teema::Exit::Interrupted(signal).code()));
            }
        }
    });
}
