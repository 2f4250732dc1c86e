//! The state of a corpus's files in one number: what a full-text search compares to know that
//! nothing changed since the index was brought up to date, without loading the corpus.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::cache::{FileKey, RACY_NS, ns_since_epoch};
use super::parallel::{parallel_map, parallel_map_with};
use super::progress::Progress;
use super::walk::walk_with;

/// Every file a load found (in walk order) with its size and modification time, hashed; and
/// how recent the newest change was when it was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilesStamp {
    pub hash: u64,
    /// The newest modification time among the files, in ns since the epoch.
    pub newest_ns: u64,
    /// When the stamp was taken.
    pub taken_ns: u64,
    /// Notices the walk gave (unreadable folders, skipped files): a stamp with notices is never
    /// trusted, so that a search shows them as a load would.
    pub notices: usize,
}

impl FilesStamp {
    pub(crate) fn of(keys: &[FileKey], notices: usize, taken_ns: u64) -> FilesStamp {
        let mut stamper = Stamper::default();
        for k in keys {
            stamper.add(&k.canonical, k.size, k.mtime_ns);
        }
        stamper.finish(notices, taken_ns)
    }

    /// Whether `now` (taken later) proves the files unchanged since `self`: the same files,
    /// sizes and times, none changed within the index's racy window of `self` being taken (a
    /// file written twice in one clock tick keeps its time), and no notices.
    pub fn unchanged(&self, now: &FilesStamp) -> bool {
        self.hash == now.hash
            && self.notices == 0
            && now.notices == 0
            && self.newest_ns.saturating_add(RACY_NS) <= self.taken_ns
    }
}

/// The stamp of the files under `paths` now: the load's walk, then a `stat` of each file
/// (relative to its open folder) on all cores; nothing read.
pub fn current_stamp(paths: &[PathBuf], max_depth: usize) -> FilesStamp {
    let taken_ns = ns_since_epoch(std::time::SystemTime::now());
    quick_stamp(paths, max_depth, taken_ns)
        .unwrap_or_else(|| walked_stamp(paths, max_depth, taken_ns))
}

/// The stamp as the load's own walk finds the files: right for every tree, links and all.
fn walked_stamp(paths: &[PathBuf], max_depth: usize, taken_ns: u64) -> FilesStamp {
    let mut files: Vec<(PathBuf, Result<fs::DirEntry, PathBuf>)> = Vec::new();
    let notices = walk_with(paths, max_depth, &Progress::default(), &mut |f| {
        let how = f.entry.ok_or_else(|| f.path.to_path_buf());
        files.push((f.canonical, how));
    });
    let stats = parallel_map_with(
        &files,
        || (),
        |_, (_, how)| {
            let meta = match how {
                Ok(entry) => entry.metadata(),
                Err(path) => fs::metadata(path),
            };
            match meta {
                Ok(m) if m.is_file() => (m.len(), m.modified().map_or(0, ns_since_epoch)),
                _ => (0, 0),
            }
        },
    );
    let mut stamper = Stamper::default();
    for ((canonical, _), (size, mtime_ns)) in files.iter().zip(stats) {
        stamper.add(canonical, size, mtime_ns);
    }
    stamper.finish(notices.len(), taken_ns)
}

/// [`current_stamp`] without the walk's bookkeeping, for the common tree: folders of plain
/// files named once each. Folders are listed and their files `stat`ed on all cores, one folder
/// per task, level by level; the hash is then taken in the walk's order. Returns `None` for
/// anything the walk treats specially (a link, a named file, folders named twice or inside
/// each other, a folder too deep or unreadable, a FIFO with a briefing's name), which the
/// walk itself then stamps.
fn quick_stamp(paths: &[PathBuf], max_depth: usize, taken_ns: u64) -> Option<FilesStamp> {
    let mut roots = Vec::with_capacity(paths.len());
    for path in paths {
        if !fs::symlink_metadata(path).ok()?.is_dir() {
            return None;
        }
        roots.push(fs::canonicalize(path).ok()?);
    }
    for (i, a) in roots.iter().enumerate() {
        if roots[..i]
            .iter()
            .any(|b| a.starts_with(b) || b.starts_with(a))
        {
            return None;
        }
    }
    let mut folders: Vec<Folder> = roots
        .into_iter()
        .map(|canonical| Folder {
            canonical,
            depth: 0,
            entries: Vec::new(),
        })
        .collect();
    let mut level: Vec<usize> = (0..folders.len()).collect();
    while !level.is_empty() {
        let listed = parallel_map(&level, |&i| list_folder(&folders[i], max_depth));
        let mut next = Vec::new();
        for (&i, entries) in level.iter().zip(listed) {
            let mut entries = entries?;
            for entry in &mut entries {
                if let Listed::Folder(name, slot) = entry {
                    *slot = folders.len();
                    next.push(folders.len());
                    folders.push(Folder {
                        canonical: folders[i].canonical.join(&*name),
                        depth: folders[i].depth + 1,
                        entries: Vec::new(),
                    });
                }
            }
            folders[i].entries = entries;
        }
        level = next;
    }
    let mut stamper = Stamper::default();
    let mut stack = vec![(0usize, 0usize)];
    // The roots in the order named, each depth first in name order, as the walk goes.
    for root in 0..paths.len() {
        stack.clear();
        stack.push((root, 0));
        while let Some((folder, at)) = stack.pop() {
            let Some(entry) = folders[folder].entries.get(at) else {
                continue;
            };
            stack.push((folder, at + 1));
            match entry {
                Listed::File(name, size, mtime_ns) => {
                    stamper.add_joined(&folders[folder].canonical, name, *size, *mtime_ns)
                }
                Listed::Folder(_, child) => stack.push((*child, 0)),
            }
        }
    }
    Some(stamper.finish(0, taken_ns))
}

/// A folder met by [`quick_stamp`] and what it holds, in name order.
struct Folder {
    canonical: PathBuf,
    depth: usize,
    entries: Vec<Listed>,
}

enum Listed {
    /// A briefing file: its name, size and modification time.
    File(std::ffi::OsString, u64, u64),
    /// A folder to walk: its name and, once listed, its index among the folders.
    Folder(std::ffi::OsString, usize),
}

/// One folder's briefings and sub-folders as the walk would see them, each file `stat`ed
/// relative to the open folder; `None` where the walk would do something special.
fn list_folder(folder: &Folder, max_depth: usize) -> Option<Vec<Listed>> {
    if folder.depth > max_depth {
        return None;
    }
    let mut named: Vec<(std::ffi::OsString, fs::DirEntry, fs::FileType)> = Vec::new();
    for entry in fs::read_dir(&folder.canonical).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let kind = entry.file_type().ok()?;
        if kind.is_symlink() {
            return None;
        }
        named.push((name, entry, kind));
    }
    named.sort_unstable_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
    let is_page = |stem: &[u8]| {
        named.iter().any(|(n, _, k)| {
            k.is_file()
                && [&b".html"[..], b".htm"]
                    .iter()
                    .any(|ext| n.as_encoded_bytes() == [stem, ext].concat())
        })
    };
    let mut out = Vec::with_capacity(named.len());
    for (name, entry, kind) in &named {
        let format = crate::ingest::format_of(Path::new(name));
        if kind.is_dir() {
            let saved_page = name
                .as_encoded_bytes()
                .strip_suffix(b"_files")
                .is_some_and(is_page);
            if !saved_page {
                out.push(Listed::Folder(name.clone(), usize::MAX));
            }
        } else if kind.is_file() {
            if format.is_some() {
                let (size, mtime_ns) = match entry.metadata() {
                    Ok(m) if m.is_file() => (m.len(), m.modified().map_or(0, ns_since_epoch)),
                    _ => (0, 0),
                };
                out.push(Listed::File(name.clone(), size, mtime_ns));
            }
        } else if format.is_some() {
            return None;
        }
    }
    Some(out)
}

/// Builds a [`FilesStamp`] one file at a time, in walk order.
#[derive(Default)]
struct Stamper {
    hash: Xxh3,
    newest_ns: u64,
}

impl Stamper {
    fn add(&mut self, canonical: &Path, size: u64, mtime_ns: u64) {
        self.hash.update(canonical.as_os_str().as_encoded_bytes());
        self.hash.update(&[0]);
        self.hash.update(&size.to_le_bytes());
        self.hash.update(&mtime_ns.to_le_bytes());
        self.newest_ns = self.newest_ns.max(mtime_ns);
    }

    /// [`Stamper::add`] for `dir.join(name)`, without making the path.
    fn add_joined(&mut self, dir: &Path, name: &std::ffi::OsStr, size: u64, mtime_ns: u64) {
        let dir = dir.as_os_str().as_encoded_bytes();
        self.hash.update(dir);
        if !dir.ends_with(b"/") {
            self.hash.update(b"/");
        }
        self.hash.update(name.as_encoded_bytes());
        self.hash.update(&[0]);
        self.hash.update(&size.to_le_bytes());
        self.hash.update(&mtime_ns.to_le_bytes());
        self.newest_ns = self.newest_ns.max(mtime_ns);
    }

    fn finish(self, notices: usize, taken_ns: u64) -> FilesStamp {
        FilesStamp {
            hash: self.hash.digest(),
            newest_ns: self.newest_ns,
            taken_ns,
            notices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(root: &Path, rel: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, rel).unwrap();
    }

    /// The quick stamp must be the walk's, or a search would reload every time (or worse,
    /// trust a changed corpus): nested folders interleaved with files in name order, hidden
    /// entries, other extensions and a saved page's folder.
    #[test]
    fn the_quick_stamp_is_the_walks_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "a.txt",
            "b/c.md",
            "b/d/e.json",
            "b-z.txt",
            "c.TXT",
            ".hidden/x.txt",
            ".y.txt",
            "notes.pdfx",
            "Page.html",
            "Page_files/inner.txt",
            "Other_files/kept.txt",
            "z/y/x/w.txt",
        ] {
            write(root, rel);
        }
        let paths = vec![
            root.to_path_buf(),
            root.join("../").join(root.file_name().unwrap()),
        ];
        let one = &paths[..1];
        let taken = ns_since_epoch(std::time::SystemTime::now());
        let quick = quick_stamp(one, 16, taken).expect("a plain tree takes the quick way");
        assert_eq!(quick, walked_stamp(one, 16, taken));
        // The walk counted what it should: changing a counted file changes the stamp, an
        // ignored one does not.
        fs::write(root.join("b/d/e.json"), "longer than before").unwrap();
        assert_ne!(quick_stamp(one, 16, taken), Some(quick));
        let quick = quick_stamp(one, 16, taken).unwrap();
        fs::write(root.join("Page_files/inner.txt"), "longer than before").unwrap();
        fs::write(root.join(".hidden/x.txt"), "longer than before").unwrap();
        assert_eq!(quick_stamp(one, 16, taken), Some(quick));
        // The same folder named twice, and a tree deeper than the limit, go to the walk.
        assert_eq!(quick_stamp(&paths, 16, taken), None);
        assert_eq!(quick_stamp(one, 2, taken), None);
        assert_eq!(current_stamp(one, 2).hash, walked_stamp(one, 2, taken).hash);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_sends_the_stamp_to_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "docs/a.txt");
        std::os::unix::fs::symlink(dir.path().join("docs/a.txt"), dir.path().join("docs/b.txt"))
            .unwrap();
        let one = vec![dir.path().join("docs")];
        assert_eq!(quick_stamp(&one, 16, 0), None);
        assert_eq!(current_stamp(&one, 16).hash, walked_stamp(&one, 16, 0).hash);
    }
}
