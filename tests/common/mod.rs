//! Helpers shared by the integration tests (not every test file uses every helper).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The `corpus-samples/` folder.
pub fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus-samples")
}

/// The sample documents: every file under `corpus-samples/`, in subfolders too (as
/// `teema analyse corpus-samples/` walks it), but hidden ones such as the expectations;
/// sorted.
pub fn sample_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().unwrap().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&samples(), &mut files);
    files.sort();
    files
}
