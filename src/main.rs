//! The `teema` command: parse the arguments, run one subcommand, map the result to an exit
//! code. Each subcommand lives in its own file under `cmd/`.

mod cli;
mod cmd;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;
use teema::Exit;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; a bad flag is exit code 1, not clap's 2
            // (2 means "some inputs were skipped").
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Failure.into()
            } else {
                Exit::Success.into()
            };
        }
    };
    let result = match cli.command {
        Command::Analyse(args) => cmd::analyse::run(args),
        Command::Lexicon(command) => cmd::lexicon::run(command),
        Command::Morph {
            words,
            lang,
            lexicons,
        } => cmd::morph::run(&words, lang.lang(), lexicons),
        Command::Segments {
            input,
            segment,
            format,
        } => cmd::segments::run(input, segment, format),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Merge(args) => cmd::merge::run(args),
        Command::Completions { shell } => cmd::completions::completions(shell),
        Command::Man => cmd::completions::man(),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(e) => {
            cmd::print_error(&e);
            Exit::Failure.into()
        }
    }
}
