//! The store of fetched entries: one folder per feed under the XDG data folder, one JSON Feed
//! file per entry, and a hidden `.feed.json` of what the last fetch learnt (validators, errors,
//! when to try again). Every file is replaced atomically and a fetch holds the store's lock,
//! so two fetches at once, or one killed at any moment, leave a store the loader reads whole.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::{Lock, sweep_temps, sync_dir, write_atomic};

/// What the last fetch of one feed learnt.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedState {
    /// The address the validators are for; another URL starts afresh.
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds of the last fetch, and of the last that succeeded.
    pub last_fetch: Option<u64>,
    pub last_ok: Option<u64>,
    pub last_error: Option<String>,
    /// Unix seconds before which the server asked not to be asked again (429, 503).
    pub retry_after: Option<u64>,
    /// The server answered 410 Gone: the feed is not asked again.
    pub gone: bool,
}

/// How storing one entry went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    New,
    Updated,
    Unchanged,
}

/// The store at one root.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

const STATE_FILE: &str = ".feed.json";

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Holds the store for one fetch; a second fetch waits here (and `waiting` says so).
    pub fn lock(&self, waiting: impl FnOnce()) -> io::Result<Lock> {
        Lock::take(&self.root.join(".lock"), waiting)
    }

    /// A feed's folder, created if missing, with what a killed fetch left swept out.
    /// Call with the lock held.
    pub fn open_feed(&self, folder: &str) -> io::Result<PathBuf> {
        let dir = self.root.join(folder);
        fs::create_dir_all(&dir)?;
        sweep_temps(&dir);
        Ok(dir)
    }

    /// Removes what a killed fetch left in a feed's folder (a missing folder is nothing to
    /// sweep). Every fetch of the feed calls it, whatever the answer: a state file is written
    /// on a 304 or an error too, and its temp file would otherwise wait for the feed to
    /// change. Call with the lock held.
    pub fn sweep(&self, folder: &str) {
        sweep_temps(&self.root.join(folder));
    }

    /// What the last fetch of the feed in `folder` learnt; nothing when it never ran or its
    /// state file is unreadable (the next fetch then asks unconditionally, which is safe).
    pub fn state(&self, folder: &str) -> FeedState {
        fs::read(self.root.join(folder).join(STATE_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Records a fetch. Written after the entries it covers and their folder are on disk, so
    /// validators never claim entries that a crash lost.
    pub fn save_state(&self, folder: &str, state: &FeedState) -> io::Result<()> {
        let dir = self.root.join(folder);
        fs::create_dir_all(&dir)?;
        sync_dir(&dir)?;
        let bytes = serde_json::to_vec_pretty(state).map_err(io::Error::other)?;
        write_atomic(&dir.join(STATE_FILE), &bytes)
    }

    /// The file an entry is kept in: named by a hash of its id, so fetching it again finds it.
    pub fn entry_path(&self, folder: &str, entry_id: &str) -> PathBuf {
        let hash = xxhash_rust::xxh3::xxh3_64(entry_id.as_bytes());
        self.root.join(folder).join(format!("{hash:016x}.json"))
    }

    /// True when the entry is stored already.
    pub fn has(&self, folder: &str, entry_id: &str) -> bool {
        self.entry_path(folder, entry_id).is_file()
    }

    /// Stores an entry's file, replacing an older version of it.
    pub fn put(&self, folder: &str, entry_id: &str, bytes: &[u8]) -> io::Result<Put> {
        let path = self.entry_path(folder, entry_id);
        let put = match fs::read(&path) {
            Ok(old) if old == bytes => return Ok(Put::Unchanged),
            Ok(_) => Put::Updated,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Put::New,
            Err(e) => return Err(e),
        };
        write_atomic(&path, bytes)?;
        Ok(put)
    }

    /// How many entries the feed in `folder` keeps.
    pub fn entry_count(&self, folder: &str) -> usize {
        fs::read_dir(self.root.join(folder)).map_or(0, |d| {
            d.flatten()
                .filter(|e| {
                    let n = e.file_name();
                    let n = n.to_string_lossy();
                    !n.starts_with('.') && n.ends_with(".json")
                })
                .count()
        })
    }

    /// Deletes a feed's folder; returns how many entries it held.
    pub fn remove_feed(&self, folder: &str) -> io::Result<usize> {
        let n = self.entry_count(folder);
        match fs::remove_dir_all(self.root.join(folder)) {
            Ok(()) => Ok(n),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_new_then_unchanged_then_updated() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let _lock = store.lock(|| {}).unwrap();
        store.open_feed("Desk").unwrap();
        assert_eq!(store.put("Desk", "a", b"1").unwrap(), Put::New);
        assert_eq!(store.put("Desk", "a", b"1").unwrap(), Put::Unchanged);
        assert_eq!(store.put("Desk", "a", b"2").unwrap(), Put::Updated);
        assert_eq!(store.put("Desk", "b", b"1").unwrap(), Put::New);
        assert_eq!(store.entry_count("Desk"), 2);
        assert!(store.has("Desk", "a") && !store.has("Desk", "c"));
        let state = FeedState {
            url: "http://x/".into(),
            etag: Some("\"e\"".into()),
            ..FeedState::default()
        };
        store.save_state("Desk", &state).unwrap();
        assert_eq!(store.state("Desk"), state);
        assert_eq!(store.entry_count("Desk"), 2, "the state file is no entry");
        assert_eq!(store.remove_feed("Desk").unwrap(), 2);
        assert_eq!(store.state("Desk"), FeedState::default());
    }
}
