//! Helpers shared by the integration tests (not every test file uses every helper).
#![allow(dead_code)]

use std::path::PathBuf;

/// The `corpus-samples/` folder.
pub fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus-samples")
}

/// The sample documents (every file but the hidden expectations), sorted.
pub fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(samples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}
