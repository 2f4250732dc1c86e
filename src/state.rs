//! The reader's own marks: documents read, takeaways starred, and where reading stopped, kept in
//! one JSON file that survives crashes, full disks and two dashboards open at once.
//!
//! - **Keys are content hashes.** Documents are named by their id (a hash of the file's bytes)
//!   and takeaways by `DOCID.N`, so renaming or moving a file keeps its marks.
//! - **Merging.** Every save takes an exclusive lock on `state.json.lock`, re-reads the file,
//!   merges it with what this process holds, writes the result and unlocks. The merge is a
//!   join (commutative, associative, idempotent), so whatever order two processes save in,
//!   neither loses an update: read marks are a union; each star is a register with a timestamp
//!   where the later write wins, and an unstar is kept as a timestamped `"on": false` entry so
//!   an older star from another process cannot bring it back; the last reading place is one
//!   such register too. Timestamps are milliseconds since 1970, bumped past every timestamp
//!   this process has seen (a Lamport clock), so a toggle always beats the value it toggled
//!   even when another process's clock runs ahead.
//! - **Atomic writes.** The new file is written to `state.json.tmp` beside it, flushed to disk,
//!   renamed over `state.json`, and the directory is flushed too: after a crash the file is the
//!   old one or the new one, never a mix. A failed write leaves the old file untouched and is
//!   reported; the marks stay in memory and the next save tries again.
//! - **Corrupt files** are renamed to `state.json.corrupt-UNIXTIME` with a warning, and reading
//!   goes on with empty state (merged into the next save).
//!
//! No terminal code here: the dashboard calls [`Store`] and shows what it reports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The file format this build writes. A file with a higher version is read as far as it is
/// understood but never overwritten, so an older briefdeck cannot destroy a newer one's state.
pub const VERSION: u32 = 1;

/// How long a save waits for another process to release the lock before giving up (and
/// reporting it); the lock is only ever held for one read-merge-write.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// A star on a takeaway, or the record that it was removed: the later `at` wins a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Star {
    /// Starred (`true`) or unstarred (`false`, kept so a merge cannot resurrect the star).
    pub on: bool,
    /// When it was set, in milliseconds since 1970 (see [`Store`] for the clock).
    pub at: u64,
}

impl Star {
    /// Whether `self` wins a merge against `other`: the later one, and on a tie the unstar
    /// (any fixed rule keeps the merge order-independent; this one errs towards removal).
    fn beats(&self, other: &Star) -> bool {
        self.at > other.at || (self.at == other.at && !self.on && other.on)
    }
}

/// Where reading stopped: the document in the reader and its top line, as a line number and,
/// so that a different terminal width finds the same text, as a place in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    /// When it was recorded (the later one wins a merge; [`Store::set_place`] sets it).
    pub at: u64,
    /// Document id.
    pub doc: String,
    /// First line shown, at the width it was read at (the fallback when `block` is `None`).
    pub line: usize,
    /// The first text block at or below the top line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    /// Byte offset into `block`'s text of the first line of it shown.
    #[serde(default)]
    pub offset: usize,
    /// Lines above that one at the top (a blank line or the title before a block).
    #[serde(default)]
    pub above: usize,
}

impl Place {
    /// The later place wins; on a tie, a fixed order of the other fields.
    fn beats(&self, other: &Place) -> bool {
        self > other
    }

    /// The same place, whenever it was recorded.
    fn same_spot(&self, other: &Place) -> bool {
        Place {
            at: 0,
            ..self.clone()
        } == Place {
            at: 0,
            ..other.clone()
        }
    }
}

/// Everything saved, as it is in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Format version ([`VERSION`] when written by this build).
    #[serde(default = "version_one")]
    pub version: u32,
    /// Ids of the documents opened in the reader.
    #[serde(default)]
    pub read: BTreeSet<String>,
    /// Stars and unstars by takeaway id (`DOCID.N`).
    #[serde(default)]
    pub stars: BTreeMap<String, Star>,
    /// Where reading stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Place>,
}

fn version_one() -> u32 {
    1
}

impl Default for State {
    fn default() -> State {
        State {
            version: VERSION,
            read: BTreeSet::new(),
            stars: BTreeMap::new(),
            last: None,
        }
    }
}

impl State {
    /// Whether document `id` was opened.
    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    /// Whether takeaway `id` is starred now.
    pub fn is_starred(&self, id: &str) -> bool {
        self.stars.get(id).is_some_and(|s| s.on)
    }

    /// Ids of the takeaways starred now.
    pub fn starred(&self) -> impl Iterator<Item = &str> {
        self.stars
            .iter()
            .filter(|(_, s)| s.on)
            .map(|(k, _)| k.as_str())
    }

    /// Folds `other` into `self` (see the module docs); returns whether `self` changed.
    pub fn merge(&mut self, other: &State) -> bool {
        let mut changed = false;
        for id in &other.read {
            if !self.read.contains(id) {
                self.read.insert(id.clone());
                changed = true;
            }
        }
        for (id, theirs) in &other.stars {
            match self.stars.get_mut(id) {
                Some(mine) if !theirs.beats(mine) => {}
                Some(mine) => {
                    *mine = *theirs;
                    changed = true;
                }
                None => {
                    self.stars.insert(id.clone(), *theirs);
                    changed = true;
                }
            }
        }
        if let Some(theirs) = &other.last
            && self.last.as_ref().is_none_or(|mine| theirs.beats(mine))
        {
            self.last = Some(theirs.clone());
            changed = true;
        }
        self.version = self.version.max(other.version);
        changed
    }

    /// The latest timestamp in the state.
    fn clock(&self) -> u64 {
        let stars = self.stars.values().map(|s| s.at).max().unwrap_or(0);
        stars.max(self.last.as_ref().map_or(0, |p| p.at))
    }
}

/// What went wrong with the state file, worded for the status line (paths are made safe to
/// print).
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// A file operation failed.
    #[error("cannot {what} {path}: {source}")]
    Io {
        /// What was being done ("write", "create folder", ...).
        what: &'static str,
        /// The file or folder, safe to print.
        path: String,
        /// The error from the system.
        source: io::Error,
    },
    /// Another process held the lock for longer than [`LOCK_TIMEOUT`].
    #[error("{0} is locked by another briefdeck; will retry")]
    Locked(String),
    /// The file was written by a newer briefdeck; it is not overwritten.
    #[error("{path} is from a newer briefdeck (format {found}); not overwriting it")]
    Newer {
        /// The file, safe to print.
        path: String,
        /// Its format version.
        found: u32,
    },
}

fn io_err(what: &'static str, path: &Path, source: io::Error) -> StateError {
    StateError::Io {
        what,
        path: shown(path),
        source,
    }
}

/// A path made safe to print (file names can hold terminal escapes).
fn shown(path: &Path) -> String {
    crate::ingest::display(path)
}

/// The state file's default place: `$XDG_STATE_HOME/briefdeck/state.json` when that variable
/// is an absolute path (the XDG rule), else `~/.local/state/briefdeck/state.json`; `None`
/// without a home directory.
pub fn default_path() -> Option<PathBuf> {
    default_path_from(
        std::env::var_os("XDG_STATE_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

fn default_path_from(xdg: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    let base = match xdg.filter(|p| p.is_absolute()) {
        Some(x) => x,
        None => home
            .filter(|h| h.is_absolute())?
            .join(".local")
            .join("state"),
    };
    Some(base.join("briefdeck").join("state.json"))
}

/// Milliseconds since 1970 by the wall clock (0 if it is set before 1970).
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// What a save did besides writing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// The file held updates from another process, now merged into [`Store::state`].
    pub merged_from_disk: bool,
    /// Problems met on the way that did not stop the save (a corrupt file moved aside).
    pub warnings: Vec<String>,
}

/// The reading state of one process and the file it is saved to.
///
/// Changes ([`Store::mark_read`], [`Store::set_star`], ...) apply in memory and make the store
/// dirty; [`Store::save`] merges with the file under the lock and writes. A store without a file
/// ([`Store::in_memory`]) keeps everything in memory and its saves do nothing.
#[derive(Debug, Clone)]
pub struct Store {
    path: Option<PathBuf>,
    state: State,
    /// Latest timestamp issued or seen: new stamps go past it.
    clock: u64,
    dirty: bool,
    /// Warnings from opening (a corrupt file moved aside, an unreadable file).
    warnings: Vec<String>,
}

/// Steps of an atomic write, for tests that make one fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    CreateTemp,
    Write,
    Sync,
    Rename,
}

impl Store {
    /// A store that never touches the disk (tests, or no home directory).
    pub fn in_memory() -> Store {
        Store {
            path: None,
            state: State::default(),
            clock: 0,
            dirty: false,
            warnings: Vec::new(),
        }
    }

    /// Opens the state at `path`: a missing file is empty state; a corrupt one is moved aside
    /// (see [`Store::take_warnings`]); an unreadable one gives a warning, and saves will report
    /// the error rather than overwrite it.
    pub fn open(path: impl Into<PathBuf>) -> Store {
        let mut path: PathBuf = path.into();
        // A symbolic link (a dotfiles manager's) is followed, so the rename replaces its target.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
            && let Ok(real) = fs::canonicalize(&path)
        {
            path = real;
        }
        let mut store = Store {
            path: Some(path.clone()),
            ..Store::in_memory()
        };
        match read_state(&path) {
            Ok(Some(state)) => store.adopt(state),
            Ok(None) => {}
            Err(ReadError::Corrupt(_)) => {
                // Check again under the lock: another process may be replacing it right now.
                let outcome = with_lock(&path, || match read_state(&path) {
                    Err(ReadError::Corrupt(why)) => move_aside(&path, &why).map(|w| (None, w)),
                    Ok(s) => Ok((s, None)),
                    Err(ReadError::Io(e)) => Err(io_err("read", &path, e)),
                });
                match outcome {
                    Ok((state, warning)) => {
                        if let Some(s) = state {
                            store.adopt(s);
                        }
                        store.warnings.extend(warning);
                    }
                    Err(e) => store.warnings.push(e.to_string()),
                }
            }
            Err(ReadError::Io(e)) => store.warnings.push(io_err("read", &path, e).to_string()),
        }
        store
    }

    fn adopt(&mut self, state: State) {
        self.clock = self.clock.max(state.clock());
        self.state = state;
    }

    /// The file this store saves to, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The state as this process knows it: its own changes plus the file as of the last save.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Adds a warning for whoever shows this store's warnings.
    pub fn add_warning(&mut self, warning: impl Into<String>) {
        self.warnings.push(warning.into());
    }

    /// Warnings from opening, each once (a corrupt file moved aside, an unreadable file).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// A timestamp later than any this store has issued or seen.
    fn stamp(&mut self) -> u64 {
        self.clock = now_ms().max(self.clock.saturating_add(1));
        self.clock
    }

    /// Marks document `id` read; returns whether it was unread.
    pub fn mark_read(&mut self, id: &str) -> bool {
        if self.state.read.contains(id) {
            return false;
        }
        self.state.read.insert(id.to_string());
        self.dirty = true;
        true
    }

    /// Stars (`on`) or unstars takeaway `id`; returns whether that changed anything.
    pub fn set_star(&mut self, id: &str, on: bool) -> bool {
        if self.state.is_starred(id) == on {
            return false;
        }
        let at = self.stamp();
        self.state.stars.insert(id.to_string(), Star { on, at });
        self.dirty = true;
        true
    }

    /// Flips the star on takeaway `id`; returns whether it is starred now.
    pub fn toggle_star(&mut self, id: &str) -> bool {
        let on = !self.state.is_starred(id);
        self.set_star(id, on);
        on
    }

    /// Records where reading stopped (`place.at` is set here); the place already recorded
    /// changes nothing.
    pub fn set_place(&mut self, mut place: Place) {
        if self
            .state
            .last
            .as_ref()
            .is_some_and(|p| p.same_spot(&place))
        {
            return;
        }
        place.at = self.stamp();
        self.state.last = Some(place);
        self.dirty = true;
    }

    /// Merges with the file under its lock and writes the result atomically (see the module
    /// docs). On error the file is as it was and the changes stay in memory, still dirty, for
    /// the next save. A store without a file only clears its dirty flag.
    pub fn save(&mut self) -> Result<Saved, StateError> {
        let saved = self.save_with(&mut |_| Ok(()));
        match &saved {
            Ok(s) => tracing::debug!(
                merged_from_disk = s.merged_from_disk,
                warnings = s.warnings.len(),
                "reading state saved"
            ),
            Err(e) => tracing::warn!(error = %e, "reading state not saved"),
        }
        saved
    }

    fn save_with(
        &mut self,
        fault: &mut dyn FnMut(Step) -> io::Result<()>,
    ) -> Result<Saved, StateError> {
        let Some(path) = self.path.clone() else {
            self.dirty = false;
            return Ok(Saved::default());
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| io_err("create folder", dir, e))?;
        }
        let saved = with_lock(&path, || {
            let mut saved = Saved::default();
            match read_state(&path) {
                Ok(Some(disk)) => {
                    if disk.version > VERSION {
                        return Err(StateError::Newer {
                            path: shown(&path),
                            found: disk.version,
                        });
                    }
                    saved.merged_from_disk = self.state.merge(&disk);
                }
                Ok(None) => {}
                Err(ReadError::Corrupt(why)) => saved.warnings.extend(move_aside(&path, &why)?),
                Err(ReadError::Io(e)) => return Err(io_err("read", &path, e)),
            }
            self.clock = self.clock.max(self.state.clock());
            self.state.version = VERSION;
            let mut bytes = serde_json::to_vec_pretty(&self.state).expect("state serialises");
            bytes.push(b'\n');
            write_atomic(&path, &bytes, fault)?;
            Ok(saved)
        })?;
        self.dirty = false;
        Ok(saved)
    }
}

/// Why a state file could not be used.
enum ReadError {
    /// Not JSON, or not the shape of a state file: the reason.
    Corrupt(String),
    /// The file could not be read at all (permissions, a folder in its place, ...).
    Io(io::Error),
}

/// The state in `path`: `None` when the file does not exist or is empty.
fn read_state(path: &Path) -> Result<Option<State>, ReadError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Io(e)),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| ReadError::Corrupt(e.to_string()))
}

/// Renames a corrupt state file to `NAME.corrupt-UNIXTIME` (plus `-N` if taken); returns the
/// warning to show. Called with the lock held.
fn move_aside(path: &Path, why: &str) -> Result<Option<String>, StateError> {
    let secs = now_ms() / 1000;
    let name = path
        .file_name()
        .map_or_else(|| "state.json".into(), |n| n.to_string_lossy().into_owned());
    let mut target = path.with_file_name(format!("{name}.corrupt-{secs}"));
    let mut n = 1;
    while fs::symlink_metadata(&target).is_ok() {
        target = path.with_file_name(format!("{name}.corrupt-{secs}-{n}"));
        n += 1;
    }
    fs::rename(path, &target).map_err(|e| io_err("move aside", path, e))?;
    Ok(Some(format!(
        "{} was not a valid state file ({}); moved it to {} and started with empty reading state",
        shown(path),
        crate::ingest::sanitize::sanitize_line(why),
        shown(&target),
    )))
}

/// Runs `f` holding an exclusive `flock` on `PATH.lock`, waiting up to [`LOCK_TIMEOUT`].
/// The lock goes with the file descriptor, so a killed process never leaves it held.
fn with_lock<T>(path: &Path, f: impl FnOnce() -> Result<T, StateError>) -> Result<T, StateError> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    let lock_path = path.with_file_name(name);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(|e| io_err("open lock file", &lock_path, e))?;
    let deadline = Instant::now() + LOCK_TIMEOUT;
    let mut pause = Duration::from_micros(200);
    loop {
        // SAFETY: flock on a descriptor we own; no memory is passed.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc == 0 {
            break;
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EWOULDBLOCK) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(10));
            }
            Some(libc::EINTR) => {}
            Some(libc::EWOULDBLOCK) => return Err(StateError::Locked(shown(&lock_path))),
            _ => return Err(io_err("lock", &lock_path, err)),
        }
    }
    let out = f();
    // Closing the descriptor releases the lock; unlock explicitly anyway, before the drop.
    // SAFETY: as above.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_UN) };
    drop(file);
    out
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves the old file or the new
/// one: write `PATH.tmp`, fsync it, rename it over `path`, fsync the folder. Called with the
/// lock held, which is what makes one fixed temp name safe. On error the temp file is removed
/// and `path` is untouched. `fault` lets tests fail a step.
fn write_atomic(
    path: &Path,
    bytes: &[u8],
    fault: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<(), StateError> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    let result = (|| {
        fault(Step::CreateTemp).map_err(|e| io_err("create", &tmp, e))?;
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)
            .map_err(|e| io_err("create", &tmp, e))?;
        fault(Step::Write).map_err(|e| io_err("write", &tmp, e))?;
        file.write_all(bytes)
            .map_err(|e| io_err("write", &tmp, e))?;
        fault(Step::Sync).map_err(|e| io_err("flush", &tmp, e))?;
        file.sync_all().map_err(|e| io_err("flush", &tmp, e))?;
        drop(file);
        fault(Step::Rename).map_err(|e| io_err("replace", path, e))?;
        fs::rename(&tmp, path).map_err(|e| io_err("replace", path, e))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    // The rename is durable once the folder is flushed. If that fails the new file is in place
    // but might not survive a power cut: report it, the next save will try again.
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io_err("flush folder", dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star(on: bool, at: u64) -> Star {
        Star { on, at }
    }

    fn state(read: &[&str], stars: &[(&str, bool, u64)]) -> State {
        State {
            read: read.iter().map(|s| s.to_string()).collect(),
            stars: stars
                .iter()
                .map(|&(k, on, at)| (k.to_string(), star(on, at)))
                .collect(),
            ..State::default()
        }
    }

    fn place(doc: &str, line: usize, block: Option<usize>, offset: usize) -> Place {
        Place {
            doc: doc.into(),
            line,
            block,
            offset,
            ..Place::default()
        }
    }

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().expect("temp dir")
    }

    #[test]
    fn merge_unions_reads_and_keeps_the_later_star() {
        let mut a = state(&["d1", "d2"], &[("d1.1", true, 10), ("d1.2", false, 30)]);
        let b = state(&["d2", "d3"], &[("d1.1", false, 20), ("d1.2", true, 25)]);
        assert!(a.merge(&b));
        assert_eq!(a.read, ["d1", "d2", "d3"].map(String::from).into());
        assert_eq!(a.stars["d1.1"], star(false, 20), "the later unstar wins");
        assert_eq!(
            a.stars["d1.2"],
            star(false, 30),
            "an older star does not resurrect"
        );
        assert!(!a.merge(&b), "merging again changes nothing");
    }

    #[test]
    fn merge_is_order_independent() {
        let a = state(&["x"], &[("k", true, 5), ("m", true, 7)]);
        let b = state(&["y"], &[("k", false, 5), ("n", false, 1)]);
        let c = State {
            last: Some(Place {
                at: 9,
                ..place("y", 3, Some(1), 0)
            }),
            ..state(&[], &[("m", false, 8)])
        };
        let fold = |order: [&State; 3]| {
            let mut s = State::default();
            for x in order {
                s.merge(x);
            }
            s
        };
        let first = fold([&a, &b, &c]);
        for order in [[&b, &c, &a], [&c, &a, &b], [&c, &b, &a], [&a, &c, &b]] {
            assert_eq!(fold(order), first);
        }
        assert_eq!(first.stars["k"], star(false, 5), "a tie goes to the unstar");
        assert!(!first.is_starred("m"));
        assert_eq!(first.last.as_ref().map(|p| p.line), Some(3));
    }

    #[test]
    fn toggles_stamp_past_a_clock_that_runs_ahead() {
        // Another process, its clock an hour ahead, starred it; this one unstars it now.
        let dir = temp();
        let path = dir.path().join("state.json");
        let ahead = now_ms() + 3_600_000;
        let other = state(&[], &[("d.1", true, ahead)]);
        fs::write(&path, serde_json::to_vec(&other).unwrap()).unwrap();
        let mut s = Store::open(&path);
        assert!(s.state().is_starred("d.1"));
        assert!(!s.toggle_star("d.1"));
        s.save().unwrap();
        let again = Store::open(&path);
        assert!(!again.state().is_starred("d.1"), "the unstar is later");
        assert!(again.state().stars["d.1"].at > ahead);
    }

    #[test]
    fn two_stores_lose_nothing_and_unstars_stick() {
        let dir = temp();
        let path = dir.path().join("state.json");
        let mut a = Store::open(&path);
        let mut b = Store::open(&path);
        a.mark_read("doc-a");
        a.set_star("doc-a.1", true);
        a.save().unwrap();
        b.mark_read("doc-b");
        b.save().unwrap();
        assert!(b.state().is_starred("doc-a.1"), "b merged a's star");
        // a unstars; b, which still holds the star, saves again afterwards.
        a.set_star("doc-a.1", false);
        a.save().unwrap();
        b.set_star("doc-b.2", true);
        let saved = b.save().unwrap();
        assert!(saved.merged_from_disk);
        let disk = Store::open(&path);
        assert_eq!(
            disk.state().read,
            ["doc-a", "doc-b"].map(String::from).into()
        );
        assert!(
            !disk.state().is_starred("doc-a.1"),
            "b did not resurrect it"
        );
        assert!(disk.state().is_starred("doc-b.2"));
    }

    #[test]
    fn renamed_files_keep_their_marks_because_keys_are_ids() {
        // The store never sees paths: a document is its id wherever it lives.
        let mut s = Store::in_memory();
        s.mark_read("0123456789ab");
        assert!(s.state().is_read("0123456789ab"));
        assert!(s.save().is_ok(), "an in-memory save does nothing");
        assert!(!s.is_dirty());
    }

    #[test]
    fn the_file_is_versioned_json() {
        let dir = temp();
        let path = dir.path().join("deep").join("er").join("state.json");
        let mut s = Store::open(&path);
        s.mark_read("abc");
        s.set_star("abc.1", true);
        s.set_place(place("abc", 12, Some(3), 40));
        s.save().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["read"], serde_json::json!(["abc"]));
        assert_eq!(v["stars"]["abc.1"]["on"], true);
        assert_eq!(v["last"]["doc"], "abc");
        assert_eq!(v["last"]["block"], 3);
        let names: Vec<String> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.ends_with(".tmp")),
            "no temp file left: {names:?}"
        );
        let mode = fs::metadata(path.parent().unwrap()).unwrap().permissions();
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
            0o700
        );
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_reading_goes_on() {
        for bad in [
            &b"{\"read\": [\"a\", "[..],
            b"\xff\xfe not json",
            b"[1, 2, 3]",
            b"{\"read\": 7}",
        ] {
            let dir = temp();
            let path = dir.path().join("state.json");
            fs::write(&path, bad).unwrap();
            let mut s = Store::open(&path);
            let warnings = s.take_warnings();
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(
                warnings[0].contains("not a valid state file"),
                "{warnings:?}"
            );
            assert!(warnings[0].contains("state.json.corrupt-"), "{warnings:?}");
            assert_eq!(s.state(), &State::default());
            assert!(!path.exists());
            let aside: Vec<PathBuf> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().contains(".corrupt-"))
                .collect();
            assert_eq!(aside.len(), 1);
            assert_eq!(fs::read(&aside[0]).unwrap(), bad, "kept for the user");
            s.mark_read("d");
            s.save().unwrap();
            assert!(Store::open(&path).state().is_read("d"));
        }
    }

    #[test]
    fn a_file_corrupted_while_running_is_moved_aside_at_the_next_save() {
        let dir = temp();
        let path = dir.path().join("state.json");
        let mut s = Store::open(&path);
        s.mark_read("a");
        s.save().unwrap();
        fs::write(&path, "garbage").unwrap();
        s.mark_read("b");
        let saved = s.save().unwrap();
        assert_eq!(saved.warnings.len(), 1);
        let back = Store::open(&path);
        assert!(back.state().is_read("a") && back.state().is_read("b"));
    }

    #[test]
    fn an_empty_file_is_empty_state() {
        let dir = temp();
        let path = dir.path().join("state.json");
        fs::write(&path, "\n").unwrap();
        let mut s = Store::open(&path);
        assert!(s.take_warnings().is_empty());
        assert_eq!(s.state(), &State::default());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_keeps_the_change() {
        for step in [Step::CreateTemp, Step::Write, Step::Sync, Step::Rename] {
            let dir = temp();
            let path = dir.path().join("state.json");
            let mut s = Store::open(&path);
            s.mark_read("kept");
            s.save().unwrap();
            let before = fs::read(&path).unwrap();
            s.mark_read("new");
            let mut fail = |at: Step| {
                if at == step {
                    Err(io::Error::from_raw_os_error(libc::ENOSPC))
                } else {
                    Ok(())
                }
            };
            let err = s.save_with(&mut fail).unwrap_err().to_string();
            assert!(err.contains("No space left"), "{step:?}: {err}");
            assert_eq!(
                fs::read(&path).unwrap(),
                before,
                "{step:?}: old file intact"
            );
            assert!(!dir.path().join("state.json.tmp").exists(), "{step:?}");
            assert!(s.is_dirty(), "{step:?}: still to be saved");
            assert!(s.state().is_read("new"));
            s.save().unwrap();
            let back = Store::open(&path);
            assert!(back.state().is_read("kept") && back.state().is_read("new"));
        }
    }

    #[test]
    fn a_folder_that_cannot_exist_is_reported() {
        // A path under a regular file fails with ENOTDIR, even for root.
        let dir = temp();
        let file = dir.path().join("plain");
        fs::write(&file, "x").unwrap();
        let mut s = Store::open(file.join("sub").join("state.json"));
        s.mark_read("a");
        let err = s.save().unwrap_err().to_string();
        assert!(err.contains("cannot create folder"), "{err}");
        assert!(err.contains("Not a directory"), "{err}");
        assert!(s.is_dirty());
    }

    #[test]
    fn a_read_only_folder_is_reported_and_the_old_file_kept() {
        // Permission bits do not stop root; /proc refuses new files for everyone.
        let mut s = Store::open("/proc/briefdeck-test/state.json");
        s.mark_read("a");
        assert!(s.save().is_err());
        if unsafe { libc::geteuid() } == 0 {
            return;
        }
        use std::os::unix::fs::PermissionsExt;
        let dir = temp();
        let path = dir.path().join("state.json");
        let mut s = Store::open(&path);
        s.mark_read("kept");
        s.save().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
        s.mark_read("new");
        let err = s.save();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        assert!(err.is_err());
        let back = Store::open(&path);
        assert!(back.state().is_read("kept") && !back.state().is_read("new"));
    }

    #[test]
    fn an_unreadable_file_is_never_overwritten() {
        // A folder where the file should be: reading fails (EISDIR) even for root.
        let dir = temp();
        let path = dir.path().join("state.json");
        fs::create_dir(&path).unwrap();
        let mut s = Store::open(&path);
        assert_eq!(s.take_warnings().len(), 1);
        s.mark_read("a");
        assert!(s.save().unwrap_err().to_string().contains("cannot read"));
        assert!(path.is_dir());
    }

    #[test]
    fn a_newer_format_is_not_overwritten() {
        let dir = temp();
        let path = dir.path().join("state.json");
        let newer = r#"{"version": 2, "read": ["a"], "future": {"x": 1}}"#;
        fs::write(&path, newer).unwrap();
        let mut s = Store::open(&path);
        assert!(s.state().is_read("a"), "what is understood is used");
        s.mark_read("b");
        let err = s.save().unwrap_err().to_string();
        assert!(err.contains("newer briefdeck"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    }

    #[test]
    fn a_held_lock_times_out_with_a_message_and_a_released_one_is_taken() {
        let dir = temp();
        let path = dir.path().join("state.json");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.path().join("state.json.lock"))
            .unwrap();
        // SAFETY: flock on our own descriptor.
        assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
        let waiter = std::thread::spawn(move || {
            let mut s = Store::open(&path);
            s.mark_read("a");
            let t = Instant::now();
            let r = s.save();
            (r.is_ok(), t.elapsed())
        });
        std::thread::sleep(Duration::from_millis(300));
        drop(lock);
        let (ok, waited) = waiter.join().unwrap();
        assert!(ok, "saved once the lock was released");
        assert!(waited >= Duration::from_millis(250), "{waited:?}");
    }

    #[test]
    fn threads_saving_at_once_lose_nothing() {
        let dir = temp();
        let path = dir.path().join("state.json");
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut s = Store::open(&path);
                    for i in 0..25 {
                        s.mark_read(&format!("t{t}-{i}"));
                        // Each thread flips its own star; the last value must stick.
                        s.set_star(&format!("t{t}.1"), i % 2 == 0);
                        s.set_star(&format!("t{t}.2"), i % 2 == 1);
                        s.save().unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let s = Store::open(&path);
        assert_eq!(s.state().read.len(), 100);
        for t in 0..4 {
            assert!(s.state().is_starred(&format!("t{t}.1")), "i = 24 set it on");
            assert!(
                !s.state().is_starred(&format!("t{t}.2")),
                "and this one off"
            );
        }
    }

    #[test]
    fn default_path_follows_xdg() {
        let p = |x: Option<&str>, h: Option<&str>| {
            default_path_from(x.map(PathBuf::from), h.map(PathBuf::from))
        };
        assert_eq!(
            p(Some("/x/state"), Some("/home/u")),
            Some(PathBuf::from("/x/state/briefdeck/state.json"))
        );
        assert_eq!(
            p(Some("relative"), Some("/home/u")),
            Some(PathBuf::from("/home/u/.local/state/briefdeck/state.json")),
            "a relative XDG_STATE_HOME is ignored"
        );
        assert_eq!(p(None, None), None);
    }

    #[test]
    fn places_merge_by_time() {
        let mut s = Store::in_memory();
        s.set_place(place("a", 1, None, 0));
        let first = s.state().last.clone().unwrap();
        s.set_place(place("a", 1, None, 0));
        assert_eq!(
            s.state().last.as_ref(),
            Some(&first),
            "same place, no new stamp"
        );
        s.set_place(place("b", 5, Some(2), 7));
        let mut old = State {
            last: Some(first),
            ..State::default()
        };
        assert!(old.merge(s.state()));
        assert_eq!(old.last.unwrap().doc, "b");
    }
}
