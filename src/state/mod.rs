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
//!
//! - [`marks`](State): the marks themselves and the merge, with no file in sight.
//! - [`file`](StateError): the state file on disk: where it lives, reading it, the lock, the
//!   atomic write and moving a corrupt file aside.
//! - [`store`](Store): one process's marks and its saves, which join the two.

mod file;
mod marks;
mod store;

pub use file::{LOCK_TIMEOUT, StateError, default_path};
pub use marks::{Place, Star, State, VERSION};
pub use store::{Saved, Store};
