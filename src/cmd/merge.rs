//! `teema merge`: the shards' reports combined into the report of one run.

use super::Error;
use crate::cli::MergeArgs;
use std::io::Write;
use teema::Exit;
use teema::merge::{MergeOptions, merge};

/// Merges the parts the arguments name.
pub fn run(args: MergeArgs) -> Result<Exit, Error> {
    super::on_signals(super::OnSignal::Quit);
    let options = MergeOptions {
        format: args.format,
        output: args.output,
        allow_partial: args.allow_partial,
        meta: args.meta,
    };
    let result = merge(&args.parts, &options, &mut std::io::stdout().lock());
    let merged = match result {
        Ok(merged) => merged,
        Err(e) if e.is_broken_pipe() => return Ok(Exit::Success),
        Err(e) => return Err(e.into()),
    };
    if !merged.missing.is_empty() {
        let list: Vec<String> = merged
            .missing
            .iter()
            .map(|i| format!("{i}/{}", merged.count))
            .collect();
        let _ = writeln!(
            std::io::stderr(),
            "teema: warning: merged without shard{} {}: the report covers only the shards given",
            if list.len() == 1 { "" } else { "s" },
            list.join(", ")
        );
        return Ok(Exit::Partial);
    }
    Ok(if merged.summary.skipped > 0 {
        Exit::Partial
    } else {
        Exit::Success
    })
}
