//! Archives: `.tar`, `.tar.gz`/`.tgz`, `.tar.zst`/`.tzst` and `.zip` files, every member
//! a document whose path reads `corpus.tar.zst!dir/post.html`; and the dispatch to the other
//! container format, WARC ([`super::warc`]).
//!
//! Members go through the same type detection as files: a `.gz` or `.zst` member is
//! decompressed, a `.html`/`.htm` member is read as HTML, with `--input jsonl|csv` a member is
//! expanded into its records, anything else is text (and a binary member is skipped as a
//! binary file is). `--glob` patterns and the hidden rule apply to the member's path inside
//! the archive (a folder excluded by `!dir` excludes its members), counted in `ignored` as
//! for files. An archive inside an archive is skipped, not opened.
//!
//! # Streaming
//!
//! Archives are read by the walker thread, as a stream in archive order: a tar (compressed
//! or not) from front to back, never whole in memory; a zip by its central directory (its
//! list of members, read first: a zip keeps it at the end) and then member by member. Each
//! member's bytes are read into a [`Contained`] document that joins the numbered batches of
//! the work queue like a file's path does; the pipeline's reorder window bounds how many are
//! in flight (at most `REORDER_WINDOW` documents, each at most `--max-decompressed`). The
//! workers analyse the members in parallel while the walker reads on, and the reorder
//! step keeps archive order. Reading the member on the walker thread costs no more than the
//! decompression must cost anyway: a compressed tar is one stream that only one thread can
//! decode.
//!
//! # Damage
//!
//! A member that cannot be read (a corrupt `.gz` member, a zip member with a bad checksum or
//! an unsupported compression method, a member over `--max-decompressed`, a member whose
//! header gives a size over `--max-file-size` (not read), a link) is skipped
//! and listed with its reason, and the rest of the archive is read on. A tar stream that
//! breaks (a truncated or corrupt `.tar.zst`, a damaged header) cannot be read past the
//! break: the members before it are documents, and the break is listed as skipped with the
//! member it hit. A zip whose central directory is lost (a truncated download) is read from
//! the start by its members' local headers: the members before the cut are documents and
//! the cut is listed.

use super::compress::{Compression, Decompressed, ReadError, classify};
use super::read::check_size;
use super::{
    Contained, Found, Ignored, InputFormat, ReadOptions, Skipped, is_html_name, records, vrt, walk,
    warc,
};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Component, Path};

/// A file that holds many documents, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// `.tar`, `.tar.gz`, `.tgz`, `.tar.zst`, `.tzst`
    Tar(Option<Compression>),
    /// `.zip`
    Zip,
    /// `.warc`, `.warc.gz`, `.warc.zst`
    Warc(Option<Compression>),
}

impl Container {
    /// The container a file name announces, if any. No system call.
    pub fn of(path: &Path) -> Option<Container> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".tgz") {
            return Some(Container::Tar(Some(Compression::Gzip)));
        }
        if name.ends_with(".tzst") {
            return Some(Container::Tar(Some(Compression::Zstd)));
        }
        if name.ends_with(".zip") {
            return Some(Container::Zip);
        }
        let (stem, compression) = if let Some(s) = name.strip_suffix(".gz") {
            (s, Some(Compression::Gzip))
        } else if let Some(s) = name.strip_suffix(".zst") {
            (s, Some(Compression::Zstd))
        } else {
            (name.as_str(), None)
        };
        if stem.ends_with(".tar") {
            Some(Container::Tar(compression))
        } else if stem.ends_with(".warc") {
            Some(Container::Warc(compression))
        } else {
            None
        }
    }
}

/// What expanding a container needs: how to read, which members to admit, where to count
/// the ones passed over.
pub struct Expand<'a> {
    /// How documents are read (`--input`, `--max-decompressed`).
    pub read: &'a ReadOptions,
    /// `--glob` and `--hidden`, applied to member paths.
    pub walk: &'a walk::Walk,
    /// Members passed over by rule are counted here.
    pub ignored: &'a mut Ignored,
}

impl Expand<'_> {
    /// Whether a member named `name` is read: not hidden (unless `--hidden`), not left out
    /// by `--glob`. Counts the ones that are not.
    pub fn admit(&mut self, name: &str) -> bool {
        let rel = Path::new(name);
        let hidden = rel
            .components()
            .any(|c| matches!(c, Component::Normal(n) if walk::is_hidden(n)));
        if hidden && !self.walk.hidden {
            self.ignored.hidden += 1;
            return false;
        }
        let globs = &self.walk.globs;
        let excluded = rel
            .ancestors()
            .any(|a| !a.as_os_str().is_empty() && globs.excluded(a));
        if excluded || !globs.included(rel) {
            self.ignored.glob += 1;
            return false;
        }
        true
    }
}

fn skipped(path: impl Into<String>, reason: impl Into<String>) -> Found {
    Found::Skipped(Skipped {
        path: path.into(),
        reason: reason.into(),
    })
}

/// Reads a container and calls `emit` with each document (or skipped member) in container
/// order, until it returns `false`; then returns `false` too.
pub fn expand(
    path: &Path,
    kind: Container,
    ctx: &mut Expand<'_>,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    match kind {
        Container::Tar(compression) => expand_tar(path, compression, ctx, emit),
        Container::Zip => expand_zip(path, ctx, emit),
        Container::Warc(compression) => warc::expand(path, compression, ctx, emit),
    }
}

/// Opens a container file as a stream of its (decompressed) bytes. The size limit applies
/// to each document inside, not to the container.
pub fn open_stream(
    path: &Path,
    compression: Option<Compression>,
) -> Result<Box<dyn BufRead + Send>, ReadError> {
    let file = File::open(path)?;
    Ok(match compression {
        None => Box::new(BufReader::with_capacity(256 * 1024, file)),
        Some(kind) => Box::new(BufReader::with_capacity(
            64 * 1024,
            Decompressed::new(file, kind, u64::MAX)?,
        )),
    })
}

/// A member's name as reports show it: without a leading `./`.
fn clean_name(name: &str) -> &str {
    let mut n = name;
    while let Some(rest) = n.strip_prefix("./") {
        n = rest;
    }
    n
}

/// Reads a member that announces `size` bytes, at most `limit` of them (`Ok(None)` when it
/// has more). A member shorter than `size` comes back as read: the caller checks.
fn read_member(r: &mut dyn Read, size: u64, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::with_capacity(usize::try_from(size.min(limit).min(64 << 20)).unwrap_or(0));
    r.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}

fn too_large(limit: u64) -> String {
    ReadError::TooLarge(limit).to_string()
}

fn expand_tar(
    path: &Path,
    compression: Option<Compression>,
    ctx: &mut Expand<'_>,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let shown = path.display().to_string();
    let stream = match open_stream(path, compression) {
        Ok(s) => s,
        Err(e) => return emit(skipped(shown, e.to_string())),
    };
    let limit = ctx.read.max_decompressed;
    let mut archive = tar::Archive::new(stream);
    let entries = match archive.entries() {
        Ok(e) => e,
        Err(e) => return emit(skipped(shown, format!("cannot read the tar archive: {e}"))),
    };
    let broken = |n: u64, e: io::Error| -> String {
        let e = classify(compression, e);
        format!(
            "the archive breaks off here ({e}): {n} member(s) before this point were read, \
             none after it"
        )
    };
    let mut n = 0u64;
    for entry in entries {
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => return emit(skipped(&shown, broken(n, e))),
        };
        n += 1;
        let raw_name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let name = clean_name(&raw_name).to_string();
        let member = format!("{shown}!{name}");
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() {
            continue;
        }
        if !ctx.admit(&name) {
            continue;
        }
        if kind.is_symlink() || kind.is_hard_link() {
            if !emit(skipped(
                member,
                "a link inside the archive (links are not followed)",
            )) {
                return false;
            }
            continue;
        }
        if !kind.is_file() && !kind.is_contiguous() {
            if !emit(skipped(
                member,
                "not a regular file (a device or FIFO entry)",
            )) {
                return false;
            }
            continue;
        }
        let size = entry.size();
        if let Err(e) = check_size(size, ctx.read.max_file_size) {
            if !emit(skipped(member, e.to_string())) {
                return false;
            }
            continue;
        }
        let bytes = match read_member(&mut entry, size, limit) {
            Ok(Some(b)) => b,
            Ok(None) => {
                if !emit(skipped(member, too_large(limit))) {
                    return false;
                }
                continue;
            }
            Err(e) => return emit(skipped(member, broken(n - 1, e))),
        };
        if (bytes.len() as u64) < size {
            let reason = format!(
                "the archive is truncated inside this member ({} of {size} bytes): {} \
                 member(s) before it were read",
                bytes.len(),
                n - 1
            );
            return emit(skipped(member, reason));
        }
        if !member_document(ctx, member, &name, bytes, emit) {
            return false;
        }
    }
    true
}

fn expand_zip(path: &Path, ctx: &mut Expand<'_>, emit: &mut dyn FnMut(Found) -> bool) -> bool {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return emit(skipped(shown, ReadError::Io(e).to_string())),
    };
    let mut zip = match zip::ZipArchive::new(BufReader::with_capacity(64 * 1024, file)) {
        Ok(z) => z,
        Err(e) => return expand_zip_stream(path, &e.to_string(), ctx, emit),
    };
    let limit = ctx.read.max_decompressed;
    for i in 0..zip.len() {
        let mut file = match zip.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                let at = format!("{shown}!#{}", i + 1);
                if !emit(skipped(at, format!("cannot read member {}: {e}", i + 1))) {
                    return false;
                }
                continue;
            }
        };
        let name = match file.name() {
            Ok(n) => clean_name(&n).to_string(),
            Err(_) => String::from_utf8_lossy(file.name_raw()).into_owned(),
        };
        if file.is_dir() || !ctx.admit(&name) {
            continue;
        }
        let member = format!("{shown}!{name}");
        if file.is_symlink() {
            if !emit(skipped(
                member,
                "a link inside the archive (links are not followed)",
            )) {
                return false;
            }
            continue;
        }
        let size = file.size();
        if let Err(e) = check_size(size, ctx.read.max_file_size) {
            if !emit(skipped(member, e.to_string())) {
                return false;
            }
            continue;
        }
        let found = match read_member(&mut file, size, limit) {
            Ok(Some(bytes)) => {
                drop(file);
                if !member_document(ctx, member, &name, bytes, emit) {
                    return false;
                }
                continue;
            }
            Ok(None) => skipped(member, too_large(limit)),
            Err(e) => skipped(member, format!("corrupt member: {e}")),
        };
        if !emit(found) {
            return false;
        }
    }
    true
}

/// A zip without its central directory (a truncated download): read member by member from
/// the start by the local headers, up to where the file ends; the members read count, the
/// end is listed.
fn expand_zip_stream(
    path: &Path,
    why: &str,
    ctx: &mut Expand<'_>,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let shown = path.display().to_string();
    let mut reader = match File::open(path) {
        Ok(f) => BufReader::with_capacity(64 * 1024, f),
        Err(e) => return emit(skipped(shown, ReadError::Io(e).to_string())),
    };
    let limit = ctx.read.max_decompressed;
    let mut n = 0u64;
    let ended = |n: u64, e: String| {
        format!(
            "the zip's list of members is missing ({why}), so it was read from the start: it \
             ends here ({e}) after {n} member(s)"
        )
    };
    loop {
        let mut file = match zip::read::read_zipfile_from_stream(&mut reader) {
            Ok(Some(f)) => f,
            Ok(None) => return true,
            Err(e) => return emit(skipped(&shown, ended(n, e.to_string()))),
        };
        n += 1;
        let name = match file.name() {
            Ok(name) => clean_name(&name).to_string(),
            Err(_) => String::from_utf8_lossy(file.name_raw()).into_owned(),
        };
        if file.is_dir() || !ctx.admit(&name) {
            continue;
        }
        let member = format!("{shown}!{name}");
        let size = file.size();
        if let Err(e) = check_size(size, ctx.read.max_file_size) {
            drop(file);
            if !emit(skipped(member, e.to_string())) {
                return false;
            }
            continue;
        }
        let read = read_member(&mut file, size, limit);
        drop(file);
        let found = match read {
            Ok(Some(bytes)) if bytes.len() as u64 == size => {
                if !member_document(ctx, member, &name, bytes, emit) {
                    return false;
                }
                continue;
            }
            Ok(None) => skipped(member, too_large(limit)),
            Ok(Some(_)) | Err(_) => {
                return emit(skipped(member, ended(n - 1, "inside this member".into())));
            }
        };
        if !emit(found) {
            return false;
        }
    }
}

/// Hands on one member's bytes as files are handled: decompressed if its name says so,
/// expanded into records with `--input jsonl|csv`, else one document.
fn member_document(
    ctx: &mut Expand<'_>,
    shown: String,
    name: &str,
    mut bytes: Vec<u8>,
    emit: &mut dyn FnMut(Found) -> bool,
) -> bool {
    let name_path = Path::new(name);
    if Container::of(name_path).is_some() {
        return emit(skipped(
            shown,
            "an archive or WARC file inside an archive is not opened; unpack the outer one",
        ));
    }
    if let Some(kind) = Compression::of(name_path) {
        bytes = match decompress(bytes, kind, ctx.read.max_decompressed) {
            Ok(b) => b,
            Err(e) => return emit(skipped(shown, e.to_string())),
        };
    }
    if let Some(kind) = vrt::Corpus::of(name_path) {
        return vrt::expand_bytes(&shown, kind, &bytes, ctx.read, emit);
    }
    match ctx.read.format {
        InputFormat::Jsonl | InputFormat::Csv => {
            records::expand_bytes(&shown, bytes, ctx.read, emit)
        }
        format => emit(Found::Contained(Box::new(Contained {
            path: shown,
            bytes,
            record: None,
            html: format == InputFormat::Html || is_html_name(name_path),
            charset: None,
            annotation: None,
        }))),
    }
}

/// Decompresses a compressed member read into memory, up to `limit` bytes.
fn decompress(bytes: Vec<u8>, kind: Compression, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut reader = Decompressed::new(io::Cursor::new(bytes), kind, limit)?;
    let mut out = Vec::new();
    reader
        .read_to_end(&mut out)
        .map_err(|e| reader.classify(e))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_by_name() {
        let of = |n: &str| Container::of(Path::new(n));
        assert_eq!(of("a/corpus.tar"), Some(Container::Tar(None)));
        assert_eq!(
            of("corpus.TAR.ZST"),
            Some(Container::Tar(Some(Compression::Zstd)))
        );
        assert_eq!(of("c.tgz"), Some(Container::Tar(Some(Compression::Gzip))));
        assert_eq!(of("c.zip"), Some(Container::Zip));
        assert_eq!(
            of("crawl.warc.gz"),
            Some(Container::Warc(Some(Compression::Gzip)))
        );
        assert_eq!(of("crawl.warc"), Some(Container::Warc(None)));
        assert_eq!(of("post.txt.gz"), None);
        assert_eq!(of("tar"), None);
        assert_eq!(of("notes.star"), None);
    }

    #[test]
    fn members_obey_hidden_and_globs() {
        let walk = walk::Walk {
            globs: walk::Globs::new(&["*.html".into(), "!drafts".into()]).unwrap(),
            ..walk::Walk::default()
        };
        let read = ReadOptions::default();
        let mut ignored = Ignored::default();
        let mut ctx = Expand {
            read: &read,
            walk: &walk,
            ignored: &mut ignored,
        };
        assert!(ctx.admit("site/post.html"));
        assert!(!ctx.admit("site/.cache/post.html"));
        assert!(!ctx.admit("drafts/post.html"));
        assert!(!ctx.admit("site/post.txt"));
        assert_eq!((ignored.hidden, ignored.glob), (1, 2));
    }
}
