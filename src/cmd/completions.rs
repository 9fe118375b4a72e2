//! `teema completions SHELL` and `teema man`: the shell completion script and the manual
//! page, both generated from the argument definitions and written to standard output.

use super::{Error, write_out};
use crate::cli::Cli;
use clap::CommandFactory;
use teema::Exit;

/// Writes the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<Exit, Error> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "teema", &mut out);
    write_out(&out)?;
    Ok(Exit::Success)
}

/// Writes the manual page: `teema(1)` with a section for every subcommand (and the
/// subcommands of `teema lexicon`).
pub fn man() -> Result<Exit, Error> {
    let command = Cli::command();
    let mut out = Vec::new();
    let render = |out: &mut Vec<u8>| -> std::io::Result<()> {
        let man = clap_mangen::Man::new(command.clone());
        man.render_title(out)?;
        man.render_name_section(out)?;
        man.render_synopsis_section(out)?;
        man.render_description_section(out)?;
        man.render_options_section(out)?;
        man.render_subcommands_section(out)?;
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            subcommand_section(out, &command, sub, &[])?;
        }
        man.render_extra_section(out)?;
        man.render_version_section(out)?;
        Ok(())
    };
    render(&mut out).map_err(|e| Error::Message(format!("cannot render the man page: {e}")))?;
    write_out(&out)?;
    Ok(Exit::Success)
}

/// One `.SH "TEEMA SUB"` section: the subcommand's about text, usage and options, then its
/// own subcommands.
fn subcommand_section(
    out: &mut Vec<u8>,
    root: &clap::Command,
    sub: &clap::Command,
    parents: &[&str],
) -> std::io::Result<()> {
    use std::io::Write;
    let mut path: Vec<&str> = vec![root.get_name()];
    path.extend_from_slice(parents);
    path.push(sub.get_name());
    let title = path.join(" ").to_uppercase();
    writeln!(out, ".SH \"{}\"", roff_escape(&title))?;
    let about = sub
        .get_long_about()
        .or_else(|| sub.get_about())
        .map(ToString::to_string)
        .unwrap_or_default();
    for para in about.split("\n\n") {
        writeln!(out, ".PP\n{}", roff_escape(para.trim()))?;
    }
    let usage = sub
        .clone()
        .bin_name(path.join(" "))
        .render_usage()
        .to_string();
    writeln!(out, ".PP\n{}", roff_escape(usage.trim()))?;
    for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
        let mut names = Vec::new();
        if let Some(s) = arg.get_short() {
            names.push(format!("-{s}"));
        }
        if let Some(l) = arg.get_long() {
            names.push(format!("--{l}"));
        }
        if names.is_empty() {
            names.push(format!("<{}>", arg.get_id().as_str().to_uppercase()));
        }
        writeln!(out, ".TP\n{}", roff_escape(&names.join(", ")))?;
        let help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        writeln!(out, "{}", roff_escape(help.trim()))?;
    }
    let mut parents = parents.to_vec();
    parents.push(sub.get_name());
    for inner in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
        subcommand_section(out, root, inner, &parents)?;
    }
    Ok(())
}

/// Text as roff: backslashes escaped, and a line that would start with `.` or `'` (a roff
/// request) protected with `\&`.
fn roff_escape(text: &str) -> String {
    text.replace('\\', "\\e")
        .lines()
        .map(|l| {
            let l = l.trim_end();
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else if l.is_empty() {
                ".PP".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
