//! Compressed inputs: `.gz` (gzip, also several concatenated members) and `.zst`
//! (Zstandard, also several frames), chosen by file extension and checked by magic bytes.
//! Both decoders are pure Rust (`flate2` with `miniz_oxide`, `ruzstd`).
//!
//! Decompression stops at a size limit (`--max-decompressed`): a file that inflates past it
//! is reported as skipped, never read into memory whole.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The default `--max-decompressed`: 1 GiB.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 1 << 30;

/// How a file is compressed, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// `.gz`
    Gzip,
    /// `.zst`
    Zstd,
}

impl Compression {
    /// The compression a file name announces (`.gz`, `.zst`), if any. No system call.
    pub fn of(path: &Path) -> Option<Compression> {
        let ext = path.extension()?;
        if ext.eq_ignore_ascii_case("gz") {
            Some(Compression::Gzip)
        } else if ext.eq_ignore_ascii_case("zst") {
            Some(Compression::Zstd)
        } else {
            None
        }
    }

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }

    fn magic(self) -> &'static [u8] {
        match self {
            Compression::Gzip => &[0x1f, 0x8b],
            Compression::Zstd => &[0x28, 0xb5, 0x2f, 0xfd],
        }
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io(io::Error),
    /// The extension promises a compression the bytes do not have.
    NotCompressed(Compression),
    /// The compressed data is damaged or truncated.
    Corrupt(Compression, io::Error),
    /// Decompression went past the limit (in bytes).
    TooLarge(u64),
    /// The input is larger than `--max-file-size`: it was not read.
    FileTooLarge(super::read::TooLarge),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::NotCompressed(c) => write!(
                f,
                "not {name} data: the name ends in .{ext} but the file does not start with \
                 the {name} magic bytes; rename or recompress it",
                name = c.name(),
                ext = match c {
                    Compression::Gzip => "gz",
                    Compression::Zstd => "zst",
                }
            ),
            ReadError::Corrupt(c, e) => write!(
                f,
                "corrupt or truncated {} data ({e}); check the file with its own tool",
                c.name()
            ),
            ReadError::TooLarge(limit) => write!(
                f,
                "decompressed size exceeds the {} limit; raise --max-decompressed if this is \
                 genuine",
                format_size(*limit)
            ),
            ReadError::FileTooLarge(t) => t.fmt(f),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The marker a [`Limited`] reader's error carries.
#[derive(Debug)]
struct LimitExceeded(u64);

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "decompressed size exceeds {} bytes", self.0)
    }
}

impl std::error::Error for LimitExceeded {}

/// A reader of decompressed bytes that fails once more than `limit` bytes came out.
pub struct Decompressed {
    inner: Box<dyn Read + Send>,
    kind: Compression,
    limit: u64,
    total: u64,
}

impl Decompressed {
    /// Opens `path` as `kind`, checking its magic bytes.
    pub fn open(path: &Path, kind: Compression, limit: u64) -> Result<Decompressed, ReadError> {
        Decompressed::new(File::open(path)?, kind, limit)
    }

    /// Wraps a reader of `kind` compressed bytes, checking its magic bytes.
    pub fn new(
        source: impl Read + Send + 'static,
        kind: Compression,
        limit: u64,
    ) -> Result<Decompressed, ReadError> {
        let mut source = BufReader::with_capacity(64 * 1024, source);
        let magic = kind.magic();
        let head = source.fill_buf()?;
        if !head.starts_with(magic) {
            return Err(ReadError::NotCompressed(kind));
        }
        let inner: Box<dyn Read + Send> = match kind {
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(source)),
            Compression::Zstd => Box::new(ZstdFrames::new(source).map_err(|e| {
                ReadError::Corrupt(kind, io::Error::new(io::ErrorKind::InvalidData, e))
            })?),
        };
        Ok(Decompressed {
            inner,
            kind,
            limit,
            total: 0,
        })
    }

    /// Turns an error from [`Read::read`] on this reader into a [`ReadError`].
    pub fn classify(&self, e: io::Error) -> ReadError {
        classify(Some(self.kind), e)
    }
}

/// Turns an error from reading a (`kind` compressed, or plain) input into a [`ReadError`].
pub fn classify(kind: Option<Compression>, e: io::Error) -> ReadError {
    if let Some(LimitExceeded(limit)) = e.get_ref().and_then(|r| r.downcast_ref()) {
        return ReadError::TooLarge(*limit);
    }
    match (kind, e.kind()) {
        (
            Some(kind),
            io::ErrorKind::InvalidData
            | io::ErrorKind::InvalidInput
            | io::ErrorKind::UnexpectedEof
            | io::ErrorKind::Other,
        ) => ReadError::Corrupt(kind, e),
        _ => ReadError::Io(e),
    }
}

impl Read for Decompressed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Ask for one byte more than the limit allows, so reaching it exactly is fine.
        let room = (self.limit - self.total).saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.total += n as u64;
        if self.total > self.limit {
            return Err(io::Error::other(LimitExceeded(self.limit)));
        }
        Ok(n)
    }
}

/// Every Zstandard frame of a stream, one after the other.
struct ZstdFrames<R: BufRead> {
    frame: Option<ruzstd::decoding::StreamingDecoder<R, ruzstd::decoding::FrameDecoder>>,
}

impl<R: BufRead> ZstdFrames<R> {
    fn new(source: R) -> Result<Self, ruzstd::decoding::errors::FrameDecoderError> {
        Ok(ZstdFrames {
            frame: Some(ruzstd::decoding::StreamingDecoder::new(source)?),
        })
    }
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(frame) = self.frame.as_mut() else {
                return Ok(0);
            };
            let n = frame.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // This frame is done: another may follow.
            let (mut source, decoder) = self.frame.take().expect("a frame").into_parts();
            if source.fill_buf()?.is_empty() {
                return Ok(0);
            }
            // `new_with_decoder` reads the next frame's header.
            self.frame = Some(
                ruzstd::decoding::StreamingDecoder::new_with_decoder(source, decoder)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?,
            );
        }
    }
}

/// Parses a size: a number with an optional unit, `B`, `K`/`KiB`, `M`/`MiB`, `G`/`GiB`,
/// `T`/`TiB` (powers of 1024) or `kB`, `MB`, `GB`, `TB` (powers of 1000); case and a space
/// before the unit do not matter. `256MiB`, `1.5G`, `500MB`, `1000000`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let factor: u64 = match unit.as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "t" | "tib" => 1 << 40,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        _ => {
            return Err(format!(
                "unknown size unit {unit:?} in {s:?} (use e.g. 256MiB, 1GiB, 500MB)"
            ));
        }
    };
    let value: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a size (use e.g. 256MiB, 1GiB, 500MB)"))?;
    let bytes = value * factor as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("size {s:?} is out of range (at least 1 byte)"));
    }
    Ok(bytes as u64)
}

/// A size for messages: `1 GiB`, `256 MiB`, `1000 bytes`.
pub fn format_size(bytes: u64) -> String {
    for (unit, shift) in [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn zstd(data: &[u8]) -> Vec<u8> {
        ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
    }

    fn read(bytes: Vec<u8>, kind: Compression, limit: u64) -> Result<Vec<u8>, ReadError> {
        let mut r = Decompressed::new(io::Cursor::new(bytes), kind, limit)?;
        let mut out = Vec::new();
        match r.read_to_end(&mut out) {
            Ok(_) => Ok(out),
            Err(e) => Err(r.classify(e)),
        }
    }

    #[test]
    fn gzip_and_zstd_members_and_frames_are_all_read() {
        let mut two = gzip(b"yksi ");
        two.extend(gzip(b"kaksi"));
        assert_eq!(read(two, Compression::Gzip, 100).unwrap(), b"yksi kaksi");
        let mut two = zstd(b"een ");
        two.extend(zstd(b"twee"));
        assert_eq!(read(two, Compression::Zstd, 100).unwrap(), b"een twee");
    }

    #[test]
    fn limit_wrong_magic_and_corruption_are_reported() {
        let data = vec![b'a'; 10_000];
        assert_eq!(
            read(gzip(&data), Compression::Gzip, 10_000).unwrap().len(),
            10_000
        );
        for kind in [Compression::Gzip, Compression::Zstd] {
            let packed = match kind {
                Compression::Gzip => gzip(&data),
                Compression::Zstd => zstd(&data),
            };
            let e = read(packed, kind, 9_999).unwrap_err();
            assert!(matches!(e, ReadError::TooLarge(9_999)), "{e}");
            assert!(e.to_string().contains("--max-decompressed"));
            let e = read(b"plain text".to_vec(), kind, 100).unwrap_err();
            assert!(matches!(e, ReadError::NotCompressed(_)), "{e}");
        }
        let mut cut = gzip(&data);
        cut.truncate(cut.len() / 2);
        let e = read(cut, Compression::Gzip, 1 << 20).unwrap_err();
        assert!(matches!(e, ReadError::Corrupt(..)), "{e}");
    }

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("256MiB"), Ok(256 << 20));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("500MB"), Ok(500_000_000));
        assert_eq!(parse_size("1.5K"), Ok(1536));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("").is_err());
        assert_eq!(format_size(1 << 30), "1 GiB");
        assert_eq!(format_size(1000), "1000 bytes");
    }
}
