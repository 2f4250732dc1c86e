//! The index as one load uses it: named after the opened paths and the lexicon, it says which
//! files are unchanged (racy ones verified by content), gives back their documents and the
//! stored links, then writes the next index from this load's files and prunes old ones.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::bytes::Bytes;
use super::format::{
    Blob, BlocksOf, BlocksRef, Entry, Header, Old, Piece, build_id, ns_since_epoch, parse,
    raw_slice, slice, write,
};
use crate::analysis::links::Links;
use crate::ingest::display;
use crate::library::notice::{Notice, NoticeKind};
use crate::model::{Document, StoredBlocks};

/// Entries whose file changed less than this before it was indexed are verified by content.
pub const RACY_NS: u64 = 2_000_000_000;
/// Index files kept in the cache directory (the most recently used); older ones are removed.
/// Generous, so that a script showing many single files does not evict a big corpus's index.
pub const KEEP: usize = 64;
/// An index read after this long unused gets its modification time refreshed: pruning goes by
/// last use, not by last write (an unchanged corpus's index is never rewritten).
const TOUCH_AFTER_SECS: u64 = 3600;

/// `$XDG_CACHE_HOME/briefdeck` when that is an absolute path, else `~/.cache/briefdeck`
/// (`%LOCALAPPDATA%\briefdeck` on Windows); `None` when there is no home to put it in.
pub fn user_cache_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    if let Some(dir) = xdg {
        return Some(dir.join("briefdeck"));
    }
    #[cfg(windows)]
    if let Some(dir) = std::env::var_os("LOCALAPPDATA").filter(|s| !s.is_empty()) {
        return Some(PathBuf::from(dir).join("briefdeck"));
    }
    std::env::var_os("HOME")
        .filter(|s| !s.is_empty())
        .map(|home| PathBuf::from(home).join(".cache").join("briefdeck"))
}

static DEFAULT_DIR: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Sets the index directory that `LoadOptions::default()` uses from now on in this process.
///
/// The library never writes to the user's home unless asked: the default is no index. The
/// binary calls this once at start (with [`user_cache_dir`], or `None` for `--no-cache`), so
/// every load it makes, the dashboard's included, shares the one decision.
pub fn set_default_dir(dir: Option<PathBuf>) {
    *DEFAULT_DIR.lock().unwrap_or_else(|e| e.into_inner()) = dir;
}

/// The directory set by [`set_default_dir`], if any.
pub fn default_dir() -> Option<PathBuf> {
    DEFAULT_DIR
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
}

/// What one file gave when it was last parsed: its documents (themes tagged) and any decoding
/// warning, or why it gave none. Paths are not stored: they are set from the current walk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum Parsed {
    Docs {
        docs: Vec<Document>,
        warning: Option<String>,
    },
    Failed(String),
}

/// The state of a file that decides whether an entry still describes it.
#[derive(Debug, Clone)]
pub(crate) struct FileKey {
    pub canonical: PathBuf,
    pub size: u64,
    pub mtime_ns: u64,
}

fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

/// An index file opened for one load. Opening never fails: a missing file is an empty index,
/// an unreadable or outdated one is an empty index plus one warning.
pub(crate) struct Index {
    dir: PathBuf,
    file: PathBuf,
    /// Index files of other builds for the same corpus: replaced by this one when it is saved.
    stem: String,
    old: Option<Old>,
    lexicon: u64,
    warning: Mutex<Option<String>>,
}

/// An entry that matches a file's size and time.
pub(crate) struct Hit {
    /// Position among the old entries (to carry the blob over when saving).
    pub entry: usize,
    /// Modified too close to the last indexing: compare `hash` with the bytes before trusting.
    pub racy: bool,
    pub hash: u64,
}

impl Index {
    /// Opens the index for `roots` (the paths as named, canonical) with this lexicon.
    pub fn open(dir: &Path, roots: &[PathBuf], lexicon: u64) -> Index {
        let mut h = Xxh3::new();
        for r in roots {
            h.update(path_bytes(r));
            h.update(&[0]);
        }
        h.update(&lexicon.to_le_bytes());
        let stem = format!("corpus-{:016x}", h.digest());
        let file = dir.join(format!("{stem}-{:016x}.idx", build_id()));
        let mut index = Index {
            dir: dir.to_path_buf(),
            file,
            stem,
            old: None,
            lexicon,
            warning: Mutex::new(None),
        };
        match Bytes::read(&index.file) {
            // No index yet (or no cache folder yet): a first start, not a problem.
            Err(_) if !index.file.is_file() => {
                tracing::debug!(file = %crate::ingest::display(&index.file), "no index yet");
            }
            Err(e) => index.warn(format!("cannot be read ({e})")),
            Ok(buf) => match parse(buf, lexicon) {
                Ok(old) => {
                    tracing::debug!(
                        file = %crate::ingest::display(&index.file),
                        entries = old.header.entries.len(),
                        "index opened"
                    );
                    index.old = Some(old);
                    touch_if_stale(&index.file);
                }
                Err(why) => index.warn(why),
            },
        }
        index
    }

    /// Where the index lives.
    pub fn path(&self) -> &Path {
        &self.file
    }

    fn warn(&self, why: String) {
        let mut w = self.warning.lock().unwrap_or_else(|e| e.into_inner());
        if w.is_none() {
            // Once per load, like the notice: a damaged index can fail every entry.
            tracing::warn!(file = %crate::ingest::display(&self.file), problem = %why, "index not usable");
            *w = Some(why);
        }
    }

    /// The one warning of this load about the index, if it was unreadable, damaged or outdated.
    pub fn notice(&self) -> Option<Notice> {
        let why = self
            .warning
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()?;
        Some(Notice {
            kind: NoticeKind::Warning,
            path: display(&self.file),
            reason: format!("index {why}; rebuilding it"),
        })
    }

    /// Records how well the index served a load: files taken from it (hits) and files
    /// parsed anew (misses: new, changed, or not indexed). A cache that never hits shows
    /// here.
    pub fn log_use(&self, hits: usize, misses: usize) {
        tracing::info!(
            file = %crate::ingest::display(&self.file),
            entries = self.len(),
            hits,
            misses,
            "index used"
        );
    }

    /// Number of entries read from disk.
    pub fn len(&self) -> usize {
        self.old.as_ref().map_or(0, |o| o.header.entries.len())
    }

    /// The entry for `key` if the file has the same size and time as when it was indexed.
    pub fn lookup(&self, key: &FileKey, now_ns: u64) -> Option<Hit> {
        let old = self.old.as_ref()?;
        let &i = old.by_path.get(path_bytes(&key.canonical))?;
        let e = &old.header.entries[i];
        if e.size != key.size || e.mtime_ns != key.mtime_ns {
            return None;
        }
        // Racy relative to the load that indexed it, or modified in the future (clock skew).
        let racy = e.mtime_ns.saturating_add(RACY_NS) >= old.header.loaded_ns
            || e.mtime_ns.saturating_add(RACY_NS) >= now_ns;
        Some(Hit {
            entry: i,
            racy,
            hash: e.hash,
        })
    }

    /// Decodes an entry; a damaged one is reported once (see [`Index::notice`]) and `None`.
    /// With `lazy_blocks`, the documents' blocks stay in the index until
    /// [`crate::model::Document::load_blocks`]; otherwise they are read (and checked) now.
    pub fn decode(&self, entry: usize, lazy_blocks: bool) -> Option<Parsed> {
        let old = self.old.as_ref()?;
        let e = &old.header.entries[entry];
        let got = slice(old, e.blob).and_then(|b| {
            postcard::from_bytes::<Parsed>(b).map_err(|e| format!("has a damaged entry ({e})"))
        });
        let mut parsed = match got {
            Ok(p) => p,
            Err(why) => {
                self.warn(why);
                return None;
            }
        };
        if let (Parsed::Docs { docs, .. }, Some(body)) = (&mut parsed, e.body) {
            let at = BlocksRef {
                buf: old.buf.clone(),
                start: old.blobs_at + body.offset as usize,
                len: body.len as usize,
                check: body.check,
                nth: 0,
            };
            if lazy_blocks {
                for (nth, d) in docs.iter_mut().enumerate() {
                    d.stored_blocks = Some(StoredBlocks::new(BlocksRef { nth, ..at.clone() }));
                }
            } else {
                match at.read_all() {
                    Ok(all) if all.len() == docs.len() => {
                        for (d, blocks) in docs.iter_mut().zip(all) {
                            d.blocks = blocks;
                        }
                    }
                    Ok(_) => {
                        self.warn("has a damaged entry (blocks do not fit)".into());
                        return None;
                    }
                    Err(why) => {
                        self.warn(why);
                        return None;
                    }
                }
            }
        }
        Some(parsed)
    }

    /// The stored links, checked but still encoded, with the key and shape of the files they
    /// were computed on: they apply to a load only if its files have the same (see
    /// [`links_key`], [`links_shape`]).
    pub fn stored_links(&self) -> Option<StoredLinks> {
        let old = self.old.as_ref()?;
        let blob = old.header.links?;
        // The checksum now, so that damaged links are rebuilt by this load; decoding waits
        // until a view needs them.
        if let Err(why) = slice(old, blob) {
            self.warn(why);
            return None;
        }
        let start = old.blobs_at + blob.offset as usize;
        Some(StoredLinks {
            key: old.header.links_key,
            shape: old.header.links_shape,
            buf: old.buf.clone(),
            range: start..start + blob.len as usize,
            check: blob.check,
            ahead: Mutex::new(None),
        })
    }

    /// Writes the index for this load atomically: `files` in walk order, each an old entry
    /// carried over byte for byte or a new blob; then prunes old index files.
    pub fn save(
        &self,
        files: &[Save<'_>],
        links_key: u64,
        links: SaveLinks<'_>,
        loaded_ns: u64,
    ) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let (links_blob, links_check, links_shape) = match links {
            SaveLinks::Stored(stored) => (
                std::borrow::Cow::Borrowed(stored.bytes()),
                stored.check,
                stored.shape,
            ),
            SaveLinks::Computed { links, shape } => {
                let bytes = postcard::to_allocvec(links).map_err(io::Error::other)?;
                let check = xxh3_64(&bytes);
                (std::borrow::Cow::Owned(bytes), check, shape)
            }
        };
        let mut entries = Vec::with_capacity(files.len());
        // Every file's documents first, then every file's blocks, then the links: a warm start
        // reads the first part only.
        let mut heads: Vec<Piece<'_>> = Vec::with_capacity(files.len());
        let mut bodies: Vec<Piece<'_>> = Vec::with_capacity(files.len() + 1);
        let mut offset = 0u64;
        let mut next_blob = |len: u64, check: u64| {
            let blob = Blob { offset, len, check };
            offset += len;
            blob
        };
        let mut body_checks: Vec<Option<(Piece<'_>, u64, u64)>> = Vec::with_capacity(files.len());
        for f in files {
            let (bytes, check, body, key, hash) = match f {
                Save::Old { key, entry } => {
                    let Some(old) = self.old.as_ref() else {
                        continue;
                    };
                    let e = &old.header.entries[*entry];
                    let Ok(b) = slice(old, e.blob) else { continue };
                    let body = match e.body {
                        Some(blob) => match raw_slice(old, blob) {
                            Ok(b) => Some((Piece::Bytes(b), blob.len, blob.check)),
                            Err(_) => continue,
                        },
                        None => None,
                    };
                    (b, e.blob.check, body, *key, e.hash)
                }
                Save::New {
                    key,
                    hash,
                    blob,
                    docs,
                } => {
                    let body = match docs {
                        Some(docs) => {
                            let blocks = BlocksOf(docs);
                            let (len, check) = blocks.measure()?;
                            Some((Piece::Blocks(blocks), len, check))
                        }
                        None => None,
                    };
                    (blob.as_slice(), xxh3_64(blob), body, *key, *hash)
                }
            };
            entries.push(Entry {
                path: path_bytes(&key.canonical).to_vec(),
                size: key.size,
                mtime_ns: key.mtime_ns,
                hash,
                blob: next_blob(bytes.len() as u64, check),
                body: None,
            });
            heads.push(Piece::Bytes(bytes));
            body_checks.push(body);
        }
        for (e, body) in entries.iter_mut().zip(body_checks) {
            if let Some((piece, len, check)) = body {
                e.body = Some(next_blob(len, check));
                bodies.push(piece);
            }
        }
        let lb = next_blob(links_blob.len() as u64, links_check);
        bodies.push(Piece::Bytes(&links_blob));
        let header = Header {
            program: env!("CARGO_PKG_VERSION").to_string(),
            build: build_id(),
            lexicon: self.lexicon,
            loaded_ns,
            entries,
            links_key,
            links_shape,
            links: Some(lb),
        };
        let head = postcard::to_allocvec(&header).map_err(io::Error::other)?;
        let tmp = self.dir.join(format!(
            ".tmp-{}-{}",
            std::process::id(),
            ns_since_epoch(SystemTime::now())
        ));
        let written = write(&tmp, &head, heads.into_iter().chain(bodies)).and_then(|()| {
            // No fsync: this is a cache. A file torn by a crash fails its checksums and is
            // rebuilt; paying for a sync of a corpus-sized file on every start is not worth it.
            fs::rename(&tmp, &self.file)
        });
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written?;
        tracing::debug!(
            file = %crate::ingest::display(&self.file),
            entries = files.len(),
            "index saved"
        );
        self.prune();
        Ok(())
    }

    /// Removes index files of other builds for this corpus, all but the [`KEEP`] most recently
    /// used ones, and temporary files left by a crash more than an hour ago.
    fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let now = SystemTime::now();
        let mut indexes = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let modified = e.metadata().and_then(|m| m.modified()).unwrap_or(now);
            if name.starts_with(".tmp-") {
                let age = now.duration_since(modified).unwrap_or_default();
                if age.as_secs() > 3600 {
                    let _ = fs::remove_file(&path);
                }
            } else if name.starts_with("corpus-") && name.ends_with(".idx") && path != self.file {
                if name.starts_with(&format!("{}-", self.stem)) {
                    let _ = fs::remove_file(&path);
                } else {
                    indexes.push((modified, path));
                }
            }
        }
        indexes.sort_by_key(|x| std::cmp::Reverse(x.0));
        for (_, path) in indexes.into_iter().skip(KEEP.saturating_sub(1)) {
            let _ = fs::remove_file(path);
        }
    }
}

/// Marks a cache file as used now if it was last marked long ago (one `stat`, rarely a write):
/// pruning goes by last use, and an unchanged corpus's files are never rewritten.
pub(crate) fn touch_if_stale(path: &Path) {
    let now = SystemTime::now();
    let stale = fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| {
            now.duration_since(t)
                .is_ok_and(|d| d.as_secs() > TOUCH_AFTER_SECS)
        });
    if stale && let Ok(f) = fs::File::options().append(true).open(path) {
        let _ = f.set_modified(now);
    }
}

/// One file of a load, as it goes into the new index.
pub(crate) enum Save<'a> {
    /// Unchanged: its old entry is copied.
    Old { key: &'a FileKey, entry: usize },
    /// Parsed in this load: its documents without blocks (encoded), and the documents, whose
    /// blocks are encoded as they are written (`None` when the file gave none).
    New {
        key: &'a FileKey,
        hash: u64,
        blob: Vec<u8>,
        docs: Option<&'a [Document]>,
    },
}

/// The links a load writes to the index.
pub(crate) enum SaveLinks<'a> {
    /// Taken from the old index: copied byte for byte, never decoded.
    Stored(&'a StoredLinks),
    /// Computed by this load, for documents of this [`links_shape`].
    Computed { links: &'a Links, shape: u64 },
}

/// Links in a mapped index, checksummed but not decoded (see [`Index::stored_links`]).
pub(crate) struct StoredLinks {
    /// The [`links_key`] of the files they were computed on.
    pub key: u64,
    /// The [`links_shape`] of those files' documents.
    pub shape: u64,
    buf: Arc<Bytes>,
    range: std::ops::Range<usize>,
    check: u64,
    /// What [`StoredLinks::decode_ahead`] decoded, until [`StoredLinks::decode`] takes it.
    ahead: Mutex<Option<Result<Links, String>>>,
}

impl StoredLinks {
    fn bytes(&self) -> &[u8] {
        &self.buf[self.range.clone()]
    }

    fn decode_bytes(&self) -> Result<Links, String> {
        postcard::from_bytes(self.bytes()).map_err(|e| format!("damaged links ({e})"))
    }

    /// Decodes the links now, before it is known whether they apply: on a core that would
    /// otherwise idle, for a caller that will need them (the dashboard). [`StoredLinks::decode`]
    /// takes the result.
    pub fn decode_ahead(&self) {
        let decoded = self.decode_bytes();
        *self.ahead.lock().unwrap_or_else(|e| e.into_inner()) = Some(decoded);
    }

    /// The links, if they decode and fit documents with these takeaway counts.
    pub fn decode(&self, takeaway_counts: &[usize]) -> Result<Links, String> {
        let ahead = self.ahead.lock().unwrap_or_else(|e| e.into_inner()).take();
        let links = ahead.unwrap_or_else(|| self.decode_bytes())?;
        if links.fits(takeaway_counts) {
            Ok(links)
        } else {
            Err("links that do not fit the documents".into())
        }
    }
}

/// A hash of the takeaway counts per document: stored links apply only to documents of the
/// same shape (their addresses are takeaway positions), checked before they are decoded.
pub(crate) fn links_shape(takeaway_counts: &[usize]) -> u64 {
    let mut h = Xxh3::new();
    for &c in takeaway_counts {
        h.update(&(c as u64).to_le_bytes());
    }
    h.digest()
}

/// The key of a corpus for its links: every file's key and whether it has an entry, in walk
/// order (document order, which link addresses depend on).
pub(crate) fn links_key<'a>(files: impl Iterator<Item = (&'a FileKey, bool)>) -> u64 {
    let mut h = Xxh3::new();
    for (k, indexed) in files {
        h.update(path_bytes(&k.canonical));
        h.update(&[0, u8::from(indexed)]);
        h.update(&k.size.to_le_bytes());
        h.update(&k.mtime_ns.to_le_bytes());
    }
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load_paths};

    fn load(dir: &Path, cache: &Path) {
        let opts = LoadOptions {
            cache: Some(cache.to_path_buf()),
            ..LoadOptions::default()
        };
        load_paths(&[dir.to_path_buf()], &opts).unwrap();
    }

    #[test]
    fn saving_prunes_other_builds_and_all_but_the_most_recently_used() {
        let docs = tempfile::tempdir().unwrap();
        fs::write(
            docs.path().join("a.txt"),
            "Title\n\nA body paragraph that is long enough to be read as the text.\n",
        )
        .unwrap();
        let cache = tempfile::tempdir().unwrap();
        let lexicon = crate::analysis::themes::Lexicon::builtin();
        let root = fs::canonicalize(docs.path()).unwrap();
        let ix = Index::open(cache.path(), &[root], lexicon.fingerprint);
        // The same corpus indexed by another build, and many other corpora, oldest first.
        let other_build = cache.path().join(format!("{}-{:016x}.idx", ix.stem, 1));
        fs::write(&other_build, b"old").unwrap();
        let old = SystemTime::now() - std::time::Duration::from_secs(7200);
        for i in 0..KEEP + 5 {
            let p = cache.path().join(format!("corpus-{i:016x}-{:016x}.idx", 2));
            fs::write(&p, b"x").unwrap();
            let when = old + std::time::Duration::from_secs(i as u64);
            fs::File::options()
                .append(true)
                .open(&p)
                .unwrap()
                .set_modified(when)
                .unwrap();
        }
        load(docs.path(), cache.path());
        let names: Vec<String> = fs::read_dir(cache.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), KEEP, "{names:?}");
        assert!(!other_build.exists());
        assert!(ix.path().exists());
        // The oldest others went first.
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with(&format!("corpus-{:016x}", 0)))
        );
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("corpus-{:016x}", KEEP + 4)))
        );
    }
}
