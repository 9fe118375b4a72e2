//! Embeds every file of `lexicons/` (`*.toml`, `*.dic`) in the binary as the default set of
//! lexicons, and every `profiles/*.toml` as the default site profiles.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    embed(
        "lexicons",
        &[".toml", ".dic"],
        "builtin_lexicons.rs",
        "lexicons",
    );
    embed(
        "profiles",
        &[".toml"],
        "builtin_profiles.rs",
        "site profiles",
    );
}

/// Writes `OUT_DIR/out_name` holding `BUILTIN: &[(file name, contents)]` for the files of
/// `folder` ending in one of `exts`, sorted by name.
fn embed(folder: &str, exts: &[&str], out_name: &str, what: &str) {
    let dir = Path::new(folder);
    println!("cargo:rerun-if-changed={folder}");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| exts.iter().any(|e| n.ends_with(e)))
        .collect();
    names.sort();
    let mut code = format!("/// The {what} shipped in `{folder}/`: (file name, contents).\n");
    code.push_str("pub static BUILTIN: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed={folder}/{name}");
        let path = std::fs::canonicalize(dir.join(name)).expect("embedded file path");
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display()).unwrap();
    }
    code.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join(out_name);
    std::fs::write(out, code).expect("write the embedded file list");
}
