//! Reading an input's bytes: plain files as they are, `.gz` and `.zst` files decompressed
//! (see [`super::compress`]).

use super::compress::{Compression, Decompressed, ReadError};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads a whole file into `buf` (appending). Scraped posts are small, so the file is read
/// with plain `read` calls straight into the reused buffer's spare capacity: no `stat` or
/// `lseek` for a size hint (which `File::read_to_end` makes, and which for small files costs
/// more than it saves), and no zeroing of the spare capacity before each read.
pub fn read_file(path: &Path, buf: &mut Vec<u8>) -> io::Result<()> {
    let file = File::open(path)?;
    // `Take` hides `File`'s size-hint specialisation but passes reads into uninitialised
    // memory through to the file.
    file.take(u64::MAX).read_to_end(buf)?;
    Ok(())
}

/// Reads a whole file into `buf` (appending), decompressing it if its name ends in `.gz` or
/// `.zst`, up to `limit` decompressed bytes. Plain files cost what [`read_file`] costs: the
/// extension check makes no system call.
pub fn read_path(path: &Path, limit: u64, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    let Some(kind) = Compression::of(path) else {
        return Ok(read_file(path, buf)?);
    };
    let mut reader = Decompressed::open(path, kind, limit)?;
    reader
        .read_to_end(buf)
        .map(|_| ())
        .map_err(|e| reader.classify(e))
}

/// Reads all of standard input into `buf` (appending).
pub fn read_stdin(buf: &mut Vec<u8>) -> io::Result<()> {
    io::stdin().lock().read_to_end(buf)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_small_and_large_inputs_whole() {
        let dir = tempfile::tempdir().unwrap();
        for size in [0usize, 5, 16 * 1024, 100_000] {
            let p = dir.path().join(format!("f{size}"));
            let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            std::fs::write(&p, &data).unwrap();
            let mut buf = b"old".to_vec();
            buf.clear();
            read_file(&p, &mut buf).unwrap();
            assert_eq!(buf, data);
        }
    }
}
