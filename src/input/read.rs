//! Reading an input's bytes: plain files as they are, `.gz` and `.zst` files decompressed
//! (see [`super::compress`]), none larger than `--max-file-size`.

use super::ReadOptions;
use super::compress::{Compression, Decompressed, ReadError, format_size};
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The default `--max-file-size`: 512 MiB. A document is analysed in memory whole: its
/// bytes, decoded and normalised text, tokens and offset maps take 5.6 to 7 times its size
/// at peak (measured with `/usr/bin/time -v`, one thread: a 100 MiB one-line text 574 MiB,
/// a 100 MiB HTML page 677 MiB), so the default keeps one document near 3.5 GiB, and a few
/// workers on such documents at once within a workstation's memory. A larger input is
/// skipped with a reason that says how to raise the limit.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 512 << 20;

/// A plain file is read this far before its size is asked for: most inputs (scraped posts)
/// end before it, and cost no `stat` call.
const PROBE: u64 = 64 * 1024;

/// An input larger than `--max-file-size`, which was not read (or, for standard input, read
/// only up to the limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// Its size in bytes, where known (`None`: a stream, larger than the limit).
    pub size: Option<u64>,
    /// The limit.
    pub limit: u64,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.size {
            Some(size) => write!(f, "{size} bytes ({}", approx_size(size))?,
            None => write!(f, "more than {} bytes (read as a stream", self.limit)?,
        }
        write!(
            f,
            "), over the --max-file-size limit of {}: not read; raise the limit (e.g. \
             --max-file-size 4GiB, or --max-file-size none) to analyse it",
            format_size(self.limit)
        )
    }
}

/// A size rounded for people: `1.2 GiB`, `640.0 MiB`, `12.5 KiB`.
fn approx_size(bytes: u64) -> String {
    let b = bytes as f64;
    for (unit, shift) in [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)] {
        let scale = (1u64 << shift) as f64;
        if b >= scale {
            return format!("{:.1} {unit}", b / scale);
        }
    }
    format!("{bytes} bytes")
}

/// Parses a `--max-file-size` value: a size as [`super::parse_size`] reads it (`512M`,
/// `2GiB`), or `0` or `none` for no limit (`None`).
pub fn parse_limit(s: &str) -> Result<Option<u64>, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("none") || t.parse::<f64>().is_ok_and(|v| v == 0.0) {
        return Ok(None);
    }
    super::compress::parse_size(t).map(Some)
}

/// Checks a size known before reading (a file's, an archive member's, a WARC record's)
/// against `limit`.
pub fn check_size(size: u64, limit: Option<u64>) -> Result<(), TooLarge> {
    match limit {
        Some(limit) if size > limit => Err(TooLarge {
            size: Some(size),
            limit,
        }),
        _ => Ok(()),
    }
}

/// Reads a whole file into `buf` (appending), up to `limit` bytes: a larger file is not
/// read. Scraped posts are small, so the file is read with plain `read` calls straight into
/// the reused buffer's spare capacity: no `stat` or `lseek` for a size hint (which
/// `File::read_to_end` makes, and which for small files costs more than it saves), and no
/// zeroing of the spare capacity before each read. Only a file that has not ended after
/// its first [`PROBE`] bytes is asked for its size.
pub fn read_file(path: &Path, limit: Option<u64>, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    let mut file = File::open(path)?;
    // `Take` hides `File`'s size-hint specialisation but passes reads into uninitialised
    // memory through to the file.
    let start = buf.len();
    let first = (&mut file).take(PROBE).read_to_end(buf)? as u64;
    if first < PROBE {
        return Ok(());
    }
    let Some(limit) = limit else {
        file.read_to_end(buf)?;
        return Ok(());
    };
    // A FIFO or a device has no size: read it up to the limit, as standard input is.
    let size = file.metadata()?.len();
    if size > limit {
        buf.truncate(start);
        return Err(ReadError::FileTooLarge(TooLarge {
            size: Some(size),
            limit,
        }));
    }
    // The file may grow while it is read: never past the limit.
    file.take((limit + 1).saturating_sub(first))
        .read_to_end(buf)?;
    let read = (buf.len() - start) as u64;
    if read > limit {
        buf.truncate(start);
        return Err(ReadError::FileTooLarge(TooLarge { size: None, limit }));
    }
    Ok(())
}

/// Reads a whole file into `buf` (appending), decompressing it if its name ends in `.gz` or
/// `.zst`, up to `--max-decompressed` decompressed bytes; a file stored in more than
/// `--max-file-size` bytes is not read. Plain files cost what [`read_file`] costs: the
/// extension check makes no system call.
pub fn read_path(path: &Path, options: &ReadOptions, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    let Some(kind) = Compression::of(path) else {
        return read_file(path, options.max_file_size, buf);
    };
    if let Some(limit) = options.max_file_size {
        let size = std::fs::metadata(path)?.len();
        check_size(size, Some(limit)).map_err(ReadError::FileTooLarge)?;
    }
    let mut reader = Decompressed::open(path, kind, options.max_decompressed)?;
    reader
        .read_to_end(buf)
        .map(|_| ())
        .map_err(|e| reader.classify(e))
}

/// Reads all of standard input into `buf` (appending), up to `limit` bytes: past it, the
/// bytes read are dropped and the input is too large.
pub fn read_stdin(limit: Option<u64>, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    read_stream(io::stdin().lock(), limit, buf)
}

/// Reads a stream (standard input, a pipe) into `buf` up to `limit` bytes.
fn read_stream(r: impl Read, limit: Option<u64>, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    let start = buf.len();
    let Some(limit) = limit else {
        let mut r = r;
        r.read_to_end(buf)?;
        return Ok(());
    };
    r.take(limit.saturating_add(1)).read_to_end(buf)?;
    if (buf.len() - start) as u64 > limit {
        buf.truncate(start);
        buf.shrink_to(64 << 10);
        return Err(ReadError::FileTooLarge(TooLarge { size: None, limit }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_small_and_large_inputs_whole() {
        let dir = tempfile::tempdir().unwrap();
        for size in [0usize, 5, 16 * 1024, 64 * 1024, 100_000] {
            let p = dir.path().join(format!("f{size}"));
            let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            std::fs::write(&p, &data).unwrap();
            let mut buf = b"old".to_vec();
            buf.clear();
            read_file(&p, Some(1 << 20), &mut buf).unwrap();
            assert_eq!(buf, data);
            buf.clear();
            read_file(&p, None, &mut buf).unwrap();
            assert_eq!(buf, data);
        }
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        std::fs::write(&p, vec![b'a'; 200_000]).unwrap();
        let mut buf = Vec::new();
        let e = read_file(&p, Some(100_000), &mut buf).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::FileTooLarge(TooLarge {
                    size: Some(200_000),
                    limit: 100_000
                })
            ),
            "{e}"
        );
        assert!(buf.is_empty());
        // exactly at the limit is fine
        read_file(&p, Some(200_000), &mut buf).unwrap();
        assert_eq!(buf.len(), 200_000);
    }

    #[test]
    fn a_stream_is_read_up_to_the_limit() {
        let mut buf = Vec::new();
        read_stream(&[b'x'; 1000][..], Some(1000), &mut buf).unwrap();
        assert_eq!(buf.len(), 1000);
        buf.clear();
        let e = read_stream(&[b'x'; 1001][..], Some(1000), &mut buf).unwrap_err();
        assert_eq!(
            e.to_string(),
            "more than 1000 bytes (read as a stream), over the --max-file-size limit of 1000 bytes: \
             not read; raise the limit (e.g. --max-file-size 4GiB, or --max-file-size none) \
             to analyse it"
        );
        assert!(buf.is_empty());
    }

    #[test]
    fn limits_parse_with_none_and_zero() {
        assert_eq!(parse_limit("none"), Ok(None));
        assert_eq!(parse_limit("NONE"), Ok(None));
        assert_eq!(parse_limit("0"), Ok(None));
        assert_eq!(parse_limit("512M"), Ok(Some(512 << 20)));
        assert_eq!(parse_limit("2G"), Ok(Some(2 << 30)));
        assert!(parse_limit("lots").is_err());
        assert_eq!(approx_size(1_288_490_189), "1.2 GiB");
        assert_eq!(
            TooLarge {
                size: Some(3 << 20),
                limit: 1 << 20
            }
            .to_string(),
            "3145728 bytes (3.0 MiB), over the --max-file-size limit of 1 MiB: not read; \
             raise the limit (e.g. --max-file-size 4GiB, or --max-file-size none) to \
             analyse it"
        );
    }
}
