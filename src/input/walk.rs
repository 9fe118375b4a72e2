//! Walking the inputs: every file found is either handed on for analysis or reported as
//! skipped with a reason; nothing is dropped silently.
//!
//! Folders are walked recursively in sorted order (by file name, folder by folder), so input
//! order, and with it report order, is the same on every run. By rule, and only counted:
//! hidden entries (names starting with `.`) unless `--hidden`, and files left out by
//! `--glob`. Reported as skipped: symbolic links unless `--follow`, FIFOs, sockets and
//! devices found in a folder, unreadable folders, missing paths, filesystem loops.
//! A path named on the command line is always read, even if hidden or a FIFO (`<(zcat x.gz)`).

use super::{Found, Ignored, Input, Skipped};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// `--glob` patterns: include patterns (a file must match one, if any are given) and `!`
/// exclude patterns (a file or folder matching one is left out).
#[derive(Debug, Clone, Default)]
pub struct Globs {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Globs {
    /// Compiles patterns; a leading `!` makes an exclude pattern. A pattern without `/`
    /// matches the file name, one with `/` the path relative to the walked folder.
    pub fn new(patterns: &[String]) -> Result<Globs, globset::Error> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let (mut n_in, mut n_ex) = (0, 0);
        for p in patterns {
            let (builder, pat) = match p.strip_prefix('!') {
                Some(rest) => {
                    n_ex += 1;
                    (&mut exclude, rest)
                }
                None => {
                    n_in += 1;
                    (&mut include, p.as_str())
                }
            };
            let pat = if pat.contains('/') {
                pat.to_string()
            } else {
                format!("**/{pat}")
            };
            builder.add(Glob::new(&pat)?);
        }
        Ok(Globs {
            include: if n_in > 0 {
                Some(include.build()?)
            } else {
                None
            },
            exclude: if n_ex > 0 {
                Some(exclude.build()?)
            } else {
                None
            },
        })
    }

    /// True when an exclude pattern matches `rel`.
    pub fn excluded(&self, rel: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// True when there are no include patterns or one matches `rel`.
    pub fn included(&self, rel: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
    }
}

/// How to walk, with the `--glob` patterns compiled (made by [`super::Inputs::new`]).
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Walk hidden files and folders.
    pub hidden: bool,
    /// Follow symbolic links.
    pub follow: bool,
    /// `--glob` patterns.
    pub globs: Globs,
}

/// A name starting with `.` (not `.` or `..`).
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

fn skipped(path: &Path, reason: impl Into<String>) -> Found {
    Found::Skipped(Skipped {
        path: path.display().to_string(),
        reason: reason.into(),
    })
}

/// Walks `roots` in order (`-` is standard input), then the paths listed in `list`
/// (`--files-from`; `-` reads the list from standard input), calling `emit` for each input
/// found, in order, until it returns `false`. Returns what was passed over by rule.
pub fn walk(
    roots: &[PathBuf],
    list: Option<&Path>,
    opts: &Walk,
    mut emit: impl FnMut(Found) -> bool,
) -> Ignored {
    let mut ignored = Ignored::default();
    for root in roots {
        if !walk_root(root, true, opts, &mut ignored, &mut emit) {
            return ignored;
        }
    }
    let Some(list) = list else {
        return ignored;
    };
    let shown = if list.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        list.display().to_string()
    };
    let bytes = if list.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(list)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            emit(Found::Skipped(Skipped {
                path: shown,
                reason: format!("cannot read the --files-from list: {e}"),
            }));
            return ignored;
        }
    };
    for root in list_entries(&bytes) {
        if !walk_root(&root, false, opts, &mut ignored, &mut emit) {
            break;
        }
    }
    ignored
}

/// The paths of a `--files-from` list: NUL-separated when the list holds a NUL byte (as
/// `find -print0` writes it), else one a line (a trailing `\r` is dropped). Empty entries
/// are not paths. Relative paths stay relative: to the working directory.
pub fn list_entries(bytes: &[u8]) -> Vec<PathBuf> {
    let nul = memchr::memchr(0, bytes).is_some();
    let sep = if nul { b'\0' } else { b'\n' };
    bytes
        .split(|&b| b == sep)
        .map(|e| {
            if nul {
                e
            } else {
                e.strip_suffix(b"\r").unwrap_or(e)
            }
        })
        .filter(|e| !e.is_empty())
        .map(path_from_bytes)
        .collect()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Walks one root: standard input (`-`, when `stdin` allows it), a file or a folder.
/// Returns `false` when `emit` asked to stop.
fn walk_root(
    root: &Path,
    stdin: bool,
    opts: &Walk,
    ignored: &mut Ignored,
    emit: &mut impl FnMut(Found) -> bool,
) -> bool {
    if root.as_os_str() == "-" {
        return emit(if stdin {
            Found::Input(Input::Stdin)
        } else {
            skipped(
                root,
                "`-` in a --files-from list is not standard input; name it on the command line",
            )
        });
    }
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) => {
            let reason = match std::fs::symlink_metadata(root) {
                Ok(_) => format!("broken symbolic link: {e}"),
                Err(_) => format!("cannot open: {e}"),
            };
            return emit(skipped(root, reason));
        }
    };
    if !meta.is_dir() {
        return emit(Found::Input(Input::File(root.to_path_buf())));
    }
    walk_dir(root, opts, ignored, emit)
}

/// Walks one folder; returns `false` when `emit` asked to stop.
fn walk_dir(
    root: &Path,
    opts: &Walk,
    ignored: &mut Ignored,
    emit: &mut impl FnMut(Found) -> bool,
) -> bool {
    let walker = WalkDir::new(root)
        .follow_links(opts.follow)
        .sort_by_file_name()
        .into_iter();
    let mut it = walker;
    while let Some(next) = it.next() {
        let entry = match next {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let reason = if e.loop_ancestor().is_some() {
                    "filesystem loop (a symbolic link points to a folder above it)".to_string()
                } else {
                    match e.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => e.to_string(),
                    }
                };
                if !emit(skipped(&path, reason)) {
                    return false;
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let ft = entry.file_type();
        if !opts.hidden && is_hidden(entry.file_name()) {
            ignored.hidden += 1;
            if ft.is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if ft.is_dir() {
            if opts.globs.excluded(rel) {
                ignored.glob += 1;
                it.skip_current_dir();
            }
            continue;
        }
        // An archive or web archive is opened whatever the include patterns say; they apply
        // to its members.
        if opts.globs.excluded(rel)
            || !(opts.globs.included(rel) || super::archive::Container::of(rel).is_some())
        {
            ignored.glob += 1;
            continue;
        }
        let found = if ft.is_symlink() {
            skipped(entry.path(), "symbolic link (use --follow to read it)")
        } else if ft.is_file() {
            Found::Input(Input::File(entry.path().to_path_buf()))
        } else {
            skipped(entry.path(), "not a regular file (FIFO, socket or device)")
        };
        if !emit(found) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn collect(roots: &[PathBuf], opts: &Walk) -> (Vec<String>, Ignored) {
        let mut out = Vec::new();
        let ignored = walk(roots, None, opts, |f| {
            out.push(match f {
                Found::Input(i) => i.display(),
                Found::Skipped(s) => format!("SKIP {} ({})", s.path, s.reason),
                Found::Record(r) => format!("RECORD {}:{}", r.path, r.line),
                Found::Contained(c) => format!("CONTAINED {}", c.path),
            });
            true
        });
        (out, ignored)
    }

    #[test]
    fn sorted_hidden_globs_and_missing() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/sub")).unwrap();
        fs::create_dir_all(d.join(".git")).unwrap();
        for f in [
            "b/sub/z.txt",
            "b/a.txt",
            "a.txt",
            ".hidden.txt",
            ".git/x",
            "c.log",
        ] {
            fs::write(d.join(f), "x").unwrap();
        }
        let (found, ignored) = collect(&[d.to_path_buf()], &Walk::default());
        let rel: Vec<_> = found
            .iter()
            .map(|p| p.replace(&d.display().to_string(), ""))
            .collect();
        assert_eq!(rel, ["/a.txt", "/b/a.txt", "/b/sub/z.txt", "/c.log"]);
        assert_eq!(ignored.hidden, 2);

        let opts = Walk {
            globs: Globs::new(&["*.txt".into(), "!b/sub".into()]).unwrap(),
            ..Walk::default()
        };
        let (found, ignored) = collect(&[d.to_path_buf()], &opts);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(ignored.glob, 2); // c.log and the folder b/sub
        let missing = d.join("nope");
        let (found, _) = collect(&[missing], &Walk::default());
        assert!(found[0].starts_with("SKIP") && found[0].contains("cannot open"));
    }

    #[test]
    fn file_lists_split_on_nul_or_lines() {
        let p = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            list_entries(b"a.txt\r\n\nb c.txt\n"),
            p(&["a.txt", "b c.txt"])
        );
        assert_eq!(
            list_entries(b"a\nb.txt\0c.txt\0"),
            p(&["a\nb.txt", "c.txt"])
        );
        assert!(list_entries(b"").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_skipped_unless_followed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("real.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("real.txt"), d.join("link.txt")).unwrap();
        let (found, _) = collect(&[d.to_path_buf()], &Walk::default());
        assert!(found[0].starts_with("SKIP") && found[0].contains("--follow"));
        let opts = Walk {
            follow: true,
            ..Walk::default()
        };
        let (found, _) = collect(&[d.to_path_buf()], &opts);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| !f.starts_with("SKIP")));
    }
}
