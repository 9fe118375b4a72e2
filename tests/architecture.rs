//! The house's layout, checked from the source: `src/` modules follow the data flow, and no
//! module imports from a stage above it (so there is no import circle either).
//!
//! A module's imports are the `crate::NAME` paths in its non-test code (comments, doc links
//! and `#[cfg(test)]` code are left out). The binary's files (`main.rs`, `cli.rs`, `cmd/`)
//! are not part of the library and may use all of it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The library's modules from the bottom of the house up. A module may import only modules
/// listed before it.
const LAYERS: &[&str] = &[
    "offsets",
    "exit",
    "intern",
    "lang",
    "diagnostic",
    "input",
    "normalise",
    "tokenise",
    "negation",
    "segment",
    "morph",
    "lexicon",
    "matcher",
    "gate",
    "stats",
    "score",
    "analyse",
    "group",
    "report",
    "lexicon_tools",
    "config",
    "pipeline",
    "merge",
    "fuzz",
];

const BINARY: &[&str] = &["main", "cli", "cmd"];

/// `crate::NAME` paths used in the code of `text`, outside comments and test modules.
fn imports(text: &str, into: &mut BTreeSet<String>) {
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break; // test modules stand at the end of a file
        }
        if code.starts_with("//") {
            continue;
        }
        let code = code.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            into.insert(name);
        }
    }
}

fn module_imports(path: &Path, into: &mut BTreeSet<String>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            let p = entry.unwrap().path();
            if p.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            module_imports(&p, into);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        imports(&std::fs::read_to_string(path).unwrap(), into);
    }
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name == "lib" || BINARY.contains(&name.as_str()) {
            continue;
        }
        let mut found = BTreeSet::new();
        module_imports(&path, &mut found);
        found.remove(&name);
        graph.insert(name, found);
    }
    graph
}

#[test]
fn every_module_has_a_place_in_the_layers() {
    let graph = graph();
    let unknown: Vec<&String> = graph
        .keys()
        .filter(|m| !LAYERS.contains(&m.as_str()))
        .collect();
    assert!(unknown.is_empty(), "modules not in LAYERS: {unknown:?}");
    for layer in LAYERS {
        assert!(graph.contains_key(*layer), "no module {layer} in src/");
    }
}

#[test]
fn no_module_imports_from_a_stage_above_it() {
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut upward = Vec::new();
    for (module, imports) in graph() {
        let Some(mine) = rank(&module) else { continue };
        for import in imports {
            match rank(&import) {
                Some(theirs) if theirs < mine => {}
                _ => upward.push(format!("{module} -> {import}")),
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports upwards or out of the layers: {upward:#?}"
    );
}

#[test]
fn the_checker_sees_imports_and_skips_comments_and_tests() {
    let mut found = BTreeSet::new();
    imports(
        "use crate::lang::Lang;\n// crate::report\nfn f() { crate::input::decode(b\"\"); }\n\
         #[cfg(test)]\nmod tests { use crate::pipeline; }\n",
        &mut found,
    );
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["input", "lang"]);
}
