//! The state file on disk, and nothing of what the marks mean: where it lives, reading it
//! (a missing or blank file is no state, a corrupt one is moved aside), the lock that
//! serialises saves between processes, and the atomic replace that survives a crash.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::marks::{State, now_ms};

/// How long a save waits for another process to release the lock before giving up (and
/// reporting it); the lock is only ever held for one read-merge-write.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

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

pub(super) fn io_err(what: &'static str, path: &Path, source: io::Error) -> StateError {
    StateError::Io {
        what,
        path: shown(path),
        source,
    }
}

/// A path made safe to print (file names can hold terminal escapes).
pub(super) fn shown(path: &Path) -> String {
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

/// Steps of an atomic write, for tests that make one fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    CreateTemp,
    Write,
    Sync,
    Rename,
}

/// Why a state file could not be used.
pub(super) enum ReadError {
    /// Not JSON, or not the shape of a state file: the reason.
    Corrupt(String),
    /// The file could not be read at all (permissions, a folder in its place, ...).
    Io(io::Error),
}

/// The state in `path`: `None` when the file does not exist or is empty.
pub(super) fn read_state(path: &Path) -> Result<Option<State>, ReadError> {
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
pub(super) fn move_aside(path: &Path, why: &str) -> Result<Option<String>, StateError> {
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
pub(super) fn with_lock<T>(
    path: &Path,
    f: impl FnOnce() -> Result<T, StateError>,
) -> Result<T, StateError> {
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
pub(super) fn write_atomic(
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
}
