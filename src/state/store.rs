//! One process's reading state and the file it is saved to: changes apply in memory, and a
//! save merges them with the file under its lock and writes the result, so that two processes
//! saving in any order lose nothing.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use super::file::{
    ReadError, StateError, Step, io_err, move_aside, read_state, shown, with_lock, write_atomic,
};
use super::marks::{Place, Star, State, VERSION, now_ms};

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

#[cfg(test)]
mod tests {
    use std::fs::OpenOptions;
    use std::os::unix::io::AsRawFd;
    use std::time::{Duration, Instant};

    use super::*;
    use crate::state::marks::tests::{place, state};

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().expect("temp dir")
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
