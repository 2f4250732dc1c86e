//! Finding and reading files: where loading touches the file system. Every failure becomes a
//! [`Notice`] naming the file and the reason, and the rest of the corpus still loads. Nothing
//! here blocks on a FIFO, follows a symlink loop forever or walks deeper than the limit.

use std::collections::HashSet;

use rustc_hash::FxHashSet;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::xxh3_128;

use super::notice::{Notice, skip};
use super::progress::Progress;
use crate::ingest::sanitize::sanitize_line;
use crate::model::Format;

/// A briefing file found by the walk; its size and time are looked up when it is processed.
pub(super) struct Found {
    pub(super) path: PathBuf,
    pub(super) format: Format,
    pub(super) canonical: PathBuf,
}

/// Walks the paths the user named, in order: the briefing files under them (each once, however
/// many links lead to it) and a notice for everything left out. Stops early when `progress`
/// is cancelled.
pub(super) fn walk(
    paths: &[PathBuf],
    max_depth: usize,
    progress: &Progress,
) -> (Vec<Found>, Vec<Notice>) {
    let mut files = Vec::new();
    let notices = walk_with(paths, max_depth, progress, &mut |file| {
        files.push(Found {
            path: file.path.to_path_buf(),
            format: file.format,
            canonical: file.canonical,
        })
    });
    (files, notices)
}

/// A file as the walk meets it: what [`walk_with`] hands its caller.
pub(super) struct Met<'a> {
    pub(super) path: &'a Path,
    pub(super) canonical: PathBuf,
    pub(super) format: Format,
    /// The directory entry it was listed by (`None` for a path the user named or a link): its
    /// `metadata()` is a `stat` relative to the open folder, cheaper than one by path, and
    /// can be made on another thread (the entry keeps its folder open).
    pub(super) entry: Option<fs::DirEntry>,
}

/// [`walk`], handing each file to `each` as it is found instead of collecting them: what
/// needs only a number per file (a search's check that nothing changed) allocates nothing
/// per file.
pub(super) fn walk_with(
    paths: &[PathBuf],
    max_depth: usize,
    progress: &Progress,
    each: &mut dyn FnMut(Met<'_>),
) -> Vec<Notice> {
    let mut notices = Vec::new();
    let mut walk = Walk {
        max_depth,
        progress,
        seen_dirs: HashSet::new(),
        seen_files: FxHashSet::default(),
        each,
        notices: &mut notices,
    };
    for path in paths {
        walk.named(path);
    }
    notices
}

struct Walk<'a> {
    max_depth: usize,
    progress: &'a Progress,
    seen_dirs: HashSet<PathBuf>,
    /// 128-bit hashes of the canonical paths of the files found: hashing a path's bytes is
    /// a tenth of the cost of hashing its components, and no copy of the path is kept.
    seen_files: FxHashSet<u128>,
    each: &'a mut dyn FnMut(Met<'_>),
    notices: &'a mut Vec<Notice>,
}

/// The reason for a named file no reader takes, listing the extensions that one does.
fn unsupported() -> String {
    let exts: Vec<String> = crate::ingest::READERS
        .iter()
        .flat_map(|r| r.extensions)
        .map(|e| format!(".{e}"))
        .collect();
    match exts.split_last() {
        Some((last, rest)) => format!(
            "unsupported file type (expected {} or {last})",
            rest.join(", ")
        ),
        None => "unsupported file type".into(),
    }
}

impl Walk<'_> {
    /// A path the user named: loaded even if hidden; an unknown extension is reported.
    fn named(&mut self, path: &Path) {
        let canonical = || fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        match fs::metadata(path) {
            Err(_) => self.notices.push(skip(path, "broken symbolic link".into())),
            Ok(m) if m.is_dir() => self.dir(path, canonical(), 0),
            Ok(m) if m.is_file() => match crate::ingest::format_of(path) {
                Some(f) => self.file(path, canonical(), f, None),
                None => self.notices.push(skip(path, unsupported())),
            },
            Ok(_) => self.notices.push(skip(path, NOT_REGULAR.into())),
        }
    }

    fn file(
        &mut self,
        path: &Path,
        canonical: PathBuf,
        format: Format,
        entry: Option<fs::DirEntry>,
    ) {
        if self
            .seen_files
            .insert(xxh3_128(canonical.as_os_str().as_encoded_bytes()))
        {
            self.progress.found_one();
            (self.each)(Met {
                path,
                canonical,
                format,
                entry,
            });
        }
    }

    /// Walks `dir`, whose canonical path is `canonical`. Entries that are not symbolic links
    /// are canonical as `canonical/name`, and their kind comes with the directory listing, so
    /// a plain file costs no system call here (its size and time are read on a worker); only
    /// links are followed and resolved.
    fn dir(&mut self, dir: &Path, canonical: PathBuf, depth: usize) {
        if !self.seen_dirs.insert(canonical.clone()) {
            return; // a symlink loop or a second link to a folder already walked
        }
        if depth > self.max_depth {
            self.notices
                .push(skip(dir, "folder nested too deeply".into()));
            return;
        }
        if self.progress.is_cancelled() {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.notices.push(skip(dir, io_reason(&e)));
                return;
            }
        };
        // Sorted by name bytes: the same order as by path within one folder, without comparing
        // paths component by component.
        let mut entries: Vec<(std::ffi::OsString, fs::DirEntry)> = entries
            .filter_map(|e| e.ok().map(|e| (e.file_name(), e)))
            .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
            .collect();
        entries.sort_unstable_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
        for (name, entry) in entries {
            let path = dir.join(&name);
            let format = crate::ingest::format_of(&path);
            let kind = match entry.file_type() {
                Ok(t) if t.is_symlink() => fs::metadata(&path).map(|m| m.file_type()),
                other => other,
            };
            let canon = || {
                if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                    fs::canonicalize(&path).unwrap_or_else(|_| path.clone())
                } else {
                    canonical.join(&name)
                }
            };
            match kind {
                Ok(t) if t.is_dir() && is_saved_page_folder(&path) => {}
                Ok(t) if t.is_dir() => self.dir(&path, canon(), depth + 1),
                Ok(t) if t.is_file() => {
                    if let Some(f) = format {
                        let listed = entry.file_type().is_ok_and(|t| !t.is_symlink());
                        let canonical = canon();
                        self.file(&path, canonical, f, listed.then_some(entry));
                    }
                }
                Ok(_) if format.is_some() => self.notices.push(skip(&path, NOT_REGULAR.into())),
                Err(_) if format.is_some() => self
                    .notices
                    .push(skip(&path, "broken symbolic link".into())),
                _ => {}
            }
        }
    }
}

/// A browser's "save page" folder (`Page_files/` beside `Page.html`): the page's images,
/// scripts and frames, not briefings of their own.
fn is_saved_page_folder(dir: &Path) -> bool {
    let Some(stem) = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix("_files"))
    else {
        return false;
    };
    ["html", "htm"]
        .iter()
        .any(|ext| dir.with_file_name(format!("{stem}.{ext}")).is_file())
}

pub(super) const NOT_REGULAR: &str = "not a regular file (FIFO, socket or device)";

/// Reads at most `limit` bytes, refusing non-regular files even if one was swapped in after the
/// walk looked (opened non-blocking so a FIFO cannot hang us).
pub(super) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file: File = opts.open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(NOT_REGULAR.into());
    }
    if meta.len() > limit {
        return Err(format!(
            "too large ({} MiB; the limit is {} MiB)",
            meta.len() / (1024 * 1024),
            limit / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err("grew past the size limit while being read".into());
    }
    Ok(bytes)
}

pub(super) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "disappeared while loading".into(),
        _ => sanitize_line(&e.to_string()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_saved_page_folder;

    #[test]
    fn a_files_folder_is_a_saved_page_only_beside_its_page() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["Page_files", "Other_files", "Page"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("Page.html"), "<p>x</p>").unwrap();
        assert!(is_saved_page_folder(&dir.path().join("Page_files")));
        assert!(!is_saved_page_folder(&dir.path().join("Other_files")));
        assert!(!is_saved_page_folder(&dir.path().join("Page")));
    }
}
