//! The state of a corpus's files in one number: what a full-text search compares to know that
//! nothing changed since the index was brought up to date, without loading the corpus.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::cache::{FileKey, RACY_NS, ns_since_epoch};
use super::parallel::parallel_map_with;
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

    fn finish(self, notices: usize, taken_ns: u64) -> FilesStamp {
        FilesStamp {
            hash: self.hash.digest(),
            newest_ns: self.newest_ns,
            taken_ns,
            notices,
        }
    }
}
