//! `teema completions` and `teema man`: generated from the argument definitions, so they
//! must name every subcommand and flag the binary accepts.

use assert_cmd::Command;

fn stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("teema")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "teema {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The subcommands `teema --help` lists (its "Commands:" block), `help` aside.
fn subcommands() -> Vec<String> {
    let help = stdout(&["--help"]);
    let block = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands: block in --help");
    block
        .lines()
        .take_while(|l| l.starts_with("  "))
        // continuation lines of a wrapped description are indented further
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completion_offers_subcommands_and_flags() {
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("complete -F"), "not a bash completion script");
    assert!(
        bash.contains("analyse"),
        "no `analyse` in the bash completion"
    );
    assert!(
        bash.contains("--format"),
        "no `--format` in the bash completion"
    );
    for sub in subcommands() {
        assert!(bash.contains(&sub), "no {sub:?} in the bash completion");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        assert!(
            script.contains("analyse") && script.contains("format"),
            "{shell}: {script:.200}"
        );
    }
    let bad = Command::cargo_bin("teema")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(
        bad.status.code(),
        Some(1),
        "an unknown shell is a usage error"
    );
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let man = stdout(&["man"]);
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{:.200}",
        man
    );
    assert!(man.contains(".TH teema 1"), "no .TH title: {:.300}", man);
    let subs = subcommands();
    assert!(subs.len() >= 6, "{subs:?}");
    for sub in &subs {
        let heading = format!(".SH \"TEEMA {}\"", sub.to_uppercase());
        assert!(
            man.contains(&heading),
            "no section {heading} in the man page"
        );
    }
    assert!(man.contains(".SH \"TEEMA LEXICON EXPORT\""));
    // every line is text or a roff request, never a stray request-like text line
    for (i, line) in man.lines().enumerate() {
        if let Some(rest) = line.strip_prefix('.') {
            let request = rest.split_whitespace().next().unwrap_or("");
            assert!(
                request.chars().all(|c| c.is_ascii_alphanumeric()),
                "line {}: {line:?} is not a roff request",
                i + 1
            );
        }
    }
    // groff, where installed, formats it without a warning
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teema.1");
    std::fs::write(&path, &man).unwrap();
    match std::process::Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .output()
    {
        Ok(out) => {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && err.trim().is_empty(),
                "groff: {err}"
            );
        }
        Err(e) => println!("groff not run ({e}): checked the roff structure only"),
    }
}
