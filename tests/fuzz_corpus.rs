//! Replays every committed fuzz input through its target in `teema::fuzz`, on the stable
//! toolchain: the seeds in `fuzz/seeds/TARGET/` and the project folders that
//! `teema::fuzz::SOURCE_SEEDS` names for the target, and every input that once broke a
//! target, kept in `fuzz/regressions/TARGET/`. Each target asserts its stage's invariants itself (see
//! `src/fuzz.rs`); a panic here is a finding that came back.

use std::path::Path;

fn inputs(folder: &Path) -> Vec<std::path::PathBuf> {
    let Ok(dir) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<_> = dir
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_target_has_seeds_and_runs_them_and_past_findings() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut ran = 0;
    for &(name, target) in teema::fuzz::TARGETS {
        let mut seeds = inputs(&fuzz.join("seeds").join(name));
        let folders = teema::fuzz::SOURCE_SEEDS.iter().filter(|(t, _)| *t == name);
        for folder in folders.flat_map(|(_, folders)| folders.iter()) {
            let found = inputs(&fuzz.join("..").join(folder));
            assert!(!found.is_empty(), "seed folder {folder} of {name} is empty");
            seeds.extend(found);
        }
        assert!(!seeds.is_empty(), "fuzz target {name} has no seeds");
        assert!(
            fuzz.join("fuzz_targets")
                .join(format!("{name}.rs"))
                .is_file(),
            "fuzz target {name} has no cargo-fuzz binary"
        );
        for path in seeds
            .iter()
            .chain(&inputs(&fuzz.join("regressions").join(name)))
        {
            let data = std::fs::read(path).unwrap();
            let result = std::panic::catch_unwind(|| target(&data));
            assert!(
                result.is_ok(),
                "fuzz target {name} fails on {}",
                path.display()
            );
            ran += 1;
        }
    }
    assert!(ran >= teema::fuzz::TARGETS.len());
}
