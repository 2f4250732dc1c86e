//! The on-disk index: what loading computed for each file, so the next start re-reads and
//! re-parses only files that changed.
//!
//! One index file per set of opened paths and lexicon, in the user's cache directory
//! (`$XDG_CACHE_HOME/briefdeck`, else `~/.cache/briefdeck`). Each entry is keyed by the file's
//! canonical path, size and modification time (nanoseconds); the whole index by the program's
//! build (version plus the executable's size and time, so a rebuild never serves results of
//! older code) and the lexicon's fingerprint (themes decide tags). The corpus-wide links are
//! stored too, keyed by the list of file keys, because linking is the one step that cannot be
//! done per file and a warm start must not redo it when nothing changed.
//!
//! Format: a magic number and format version, a postcard header (keys, offsets, checksums),
//! then one postcard blob per file and one for the links. Blobs are checked (xxh3) when read,
//! so a damaged index is noticed and rebuilt with one warning, never trusted and never a crash.
//! Writes go to a temporary file in the same directory and are renamed over the old index, so
//! readers (another briefdeck running) see the old index or the new one, never half of one.
//!
//! Files modified within [`RACY_NS`] of the load that indexed them are "racy": a later edit
//! could keep the same size and a timestamp in the same clock tick. Their entries also keep a
//! hash of the bytes, and the next load re-reads such files and compares the hash before
//! trusting the entry (the same idea as git's racily-clean index entries).
//!
//! - `format`: the file's layout (magic, header, blobs, checksums), reading and writing it,
//!   and a document's blocks left in the file until asked for.
//! - `bytes`: the file's bytes, mapped rather than copied.
//! - `index`: the index of one load: which entries still describe their files, their
//!   documents, and the next index saved and old ones pruned.

mod bytes;
mod format;
mod index;

pub use bytes::Bytes;
pub use format::FORMAT;
pub(crate) use format::{build_id, ns_since_epoch};
pub(crate) use index::{
    FileKey, Index, Parsed, Save, SaveLinks, StoredLinks, links_key, links_shape, touch_if_stale,
};
pub use index::{KEEP, RACY_NS, default_dir, set_default_dir, user_cache_dir};
