//! Embeds every file of `lexicons/` (`*.toml`, `*.dic`) in the binary as the default set.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("lexicons");
    println!("cargo:rerun-if-changed=lexicons");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("lexicons/ folder is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") || n.ends_with(".dic"))
        .collect();
    names.sort();
    let mut code =
        String::from("/// The lexicons shipped in `lexicons/`: (file name, contents).\n");
    code.push_str("pub static BUILTIN: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=lexicons/{name}");
        let path = std::fs::canonicalize(dir.join(name)).expect("lexicon path");
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display()).unwrap();
    }
    code.push_str("];\n");
    let out =
        std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtin_lexicons.rs");
    std::fs::write(out, code).expect("write builtin_lexicons.rs");
}
