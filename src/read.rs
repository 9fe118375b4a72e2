//! Reading an input's bytes: plain files as they are, `.gz` and `.zst` files decompressed
//! (see [`crate::compress`]).

use crate::compress::{Compression, Decompressed, ReadError};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads a whole file into `buf` (appending). Scraped posts are small, so the file is read
/// with plain `read` calls into a reused buffer: no `stat` for a size hint, which for small
/// files costs more than it saves.
pub fn read_file(path: &Path, buf: &mut Vec<u8>) -> io::Result<()> {
    let mut file = File::open(path)?;
    read_all(&mut file, buf)
}

/// Reads a whole file into `buf` (appending), decompressing it if its name ends in `.gz` or
/// `.zst`, up to `limit` decompressed bytes. Plain files cost what [`read_file`] costs: the
/// extension check makes no system call.
pub fn read_path(path: &Path, limit: u64, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    let Some(kind) = Compression::of(path) else {
        return Ok(read_file(path, buf)?);
    };
    let mut reader = Decompressed::open(path, kind, limit)?;
    read_all(&mut reader, buf).map_err(|e| reader.classify(e))
}

/// Reads all of standard input into `buf` (appending).
pub fn read_stdin(buf: &mut Vec<u8>) -> io::Result<()> {
    read_all(&mut io::stdin().lock(), buf)
}

fn read_all(r: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<()> {
    const CHUNK: usize = 16 * 1024;
    loop {
        if buf.capacity() - buf.len() < CHUNK {
            buf.reserve(CHUNK.max(buf.len()));
        }
        let len = buf.len();
        buf.resize(buf.capacity(), 0);
        match r.read(&mut buf[len..]) {
            Ok(0) => {
                buf.truncate(len);
                return Ok(());
            }
            Ok(n) => buf.truncate(len + n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => buf.truncate(len),
            Err(e) => {
                buf.truncate(len);
                return Err(e);
            }
        }
    }
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
