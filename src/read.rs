//! Reading an input's bytes.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads a whole file. Small files (the common case for scraped posts) are read into a buffer
/// sized from the file's metadata, so they cost one `read` call plus the end-of-file check.
pub fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    let size = file.metadata().map(|m| m.len() as usize).unwrap_or(0);
    let mut buf = Vec::with_capacity(size + 1);
    file.read_to_end(&mut buf)?;
    Ok(buf)
}

/// Reads all of standard input.
pub fn read_stdin() -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    io::stdin().lock().read_to_end(&mut buf)?;
    Ok(buf)
}
