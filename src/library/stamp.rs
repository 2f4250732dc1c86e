//! The state of a corpus's files in one number: what a full-text search compares to know that
//! nothing changed since the index was brought up to date, without loading the corpus.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::cache::{FileKey, RACY_NS, ns_since_epoch};
use super::parallel::parallel_map_with;
use super::progress::Progress;
use super::walk::walk;

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
        let mut h = Xxh3::new();
        let mut newest_ns = 0;
        for k in keys {
            h.update(k.canonical.as_os_str().as_encoded_bytes());
            h.update(&[0]);
            h.update(&k.size.to_le_bytes());
            h.update(&k.mtime_ns.to_le_bytes());
            newest_ns = newest_ns.max(k.mtime_ns);
        }
        FilesStamp {
            hash: h.digest(),
            newest_ns,
            taken_ns,
            notices,
        }
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

/// The stamp of the files under `paths` now: the load's walk and a `stat` of each file on all
/// cores, nothing read.
pub fn current_stamp(paths: &[PathBuf], max_depth: usize) -> FilesStamp {
    let taken_ns = ns_since_epoch(std::time::SystemTime::now());
    let (files, notices) = walk(paths, max_depth, &Progress::default());
    let keys = parallel_map_with(
        &files,
        || (),
        |_, f| {
            let (size, mtime_ns) = match fs::metadata(&f.path) {
                Ok(m) if m.is_file() => (m.len(), m.modified().map_or(0, ns_since_epoch)),
                _ => (0, 0),
            };
            FileKey {
                canonical: f.canonical.clone(),
                size,
                mtime_ns,
            }
        },
    );
    FilesStamp::of(&keys, notices.len(), taken_ns)
}
