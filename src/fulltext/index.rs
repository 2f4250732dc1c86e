//! The full-text index of a corpus: segments on disk (or in memory) and a manifest that lists
//! them with their deleted documents, brought up to date with a loaded corpus by
//! [`TextIndex::sync`]: documents are known by `(id, version)`, so an edited file (or an updated
//! feed entry) is deleted and added again, and nothing unchanged is analysed twice.
//!
//! On disk, in `<cache>/fulltext/v2-<hash of the opened paths>/` (v: [`FORMAT_VERSION`]): `manifest.json`, one
//! `seg-N.bdft` per segment, `.lock` (writers hold it while they sync). Files are written
//! whole and renamed into place; a segment is removed only after a manifest no longer names it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::search::{Hit, Prepared, View};
use super::segment::{DocMeta, Segment, SegmentBuilder, Source};
use crate::feeds::{Lock, sweep_temps, write_atomic};
use crate::library::FilesStamp;
use crate::library::cache::Bytes;
use crate::model::Document;

/// The folder under the cache directory that holds the full-text indexes.
pub const FOLDER: &str = "fulltext";

/// Bumped when the segment format or the analysis changes: an index of another version is
/// in another folder, never read, and removed when found.
pub const FORMAT_VERSION: u32 = 2;

/// More segments than this and the small ones are merged into one.
const MAX_SEGMENTS: usize = 8;

/// Where an index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Disk(PathBuf),
    Memory,
}

/// What a sync changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncStats {
    pub added: usize,
    pub deleted: usize,
    pub kept: usize,
    pub segments: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    next: u64,
    segments: Vec<SegmentEntry>,
    /// The files of the corpus this index was last brought up to date with.
    stamp: Option<FilesStamp>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SegmentEntry {
    file: String,
    deleted: Vec<u32>,
}

/// One segment and which of its documents are still live.
struct Part {
    segment: Segment,
    file: Option<String>,
    live: Vec<bool>,
    base: u32,
}

/// A corpus's full-text index, ready to search.
pub struct TextIndex {
    parts: Vec<Part>,
    location: Location,
    /// For each document number, its index in the corpus it was synced with (`u32::MAX`:
    /// none, or opened without a corpus).
    corpus_of: Vec<u32>,
    stamp: Option<FilesStamp>,
    next: u64,
}

/// The index folder of a corpus opened from `roots` (canonical paths), under cache `cache`.
pub fn index_dir(cache: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut key = Vec::new();
    for root in roots {
        key.extend_from_slice(root.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    let name = format!(
        "v{FORMAT_VERSION}-{:016x}",
        xxhash_rust::xxh3::xxh3_64(&key)
    );
    cache.join(FOLDER).join(name)
}

/// Why an index on disk was not used as it was (it is rebuilt).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("{0}")]
    Damaged(String),
}

impl TextIndex {
    /// An empty index at `location`.
    fn empty(location: Location) -> TextIndex {
        TextIndex {
            parts: Vec::new(),
            location,
            corpus_of: Vec::new(),
            stamp: None,
            next: 0,
        }
    }

    /// An index of `docs` in memory (the bundled seeds, `--no-cache`, tests).
    pub fn build(docs: &[Document]) -> TextIndex {
        let mut ix = TextIndex::empty(Location::Memory);
        ix.add(docs, (0..docs.len()).collect());
        ix.renumber();
        ix
    }

    /// Opens the index in `dir` as it was last synced, without a corpus: results are
    /// described by [`TextIndex::meta`]. `None` when there is none or it cannot be read.
    pub fn open(dir: &Path) -> Option<TextIndex> {
        let manifest = read_manifest(dir).ok()??;
        let mut ix = TextIndex::empty(Location::Disk(dir.to_path_buf()));
        ix.load_parts(dir, &manifest).ok()?;
        ix.stamp = manifest.stamp;
        ix.next = manifest.next;
        ix.renumber();
        Some(ix)
    }

    /// The index at `location` brought up to date with `docs` (a load's documents, whose files
    /// had `stamp`): deleted documents marked, new ones analysed into a new segment, small
    /// segments merged. A damaged or unreadable index is rebuilt and the second value says
    /// why; an index that cannot be written is kept in memory for this run.
    pub fn sync(
        location: Location,
        docs: &[Document],
        stamp: Option<FilesStamp>,
    ) -> (TextIndex, SyncStats, Option<String>) {
        let Location::Disk(dir) = &location else {
            let ix = TextIndex::build(docs);
            let stats = SyncStats {
                added: docs.len(),
                segments: ix.parts.len(),
                ..SyncStats::default()
            };
            return (ix, stats, None);
        };
        match sync_disk(dir, docs, stamp) {
            Ok(done) => done,
            Err(e) => {
                let ix = TextIndex::build(docs);
                let stats = SyncStats {
                    added: docs.len(),
                    segments: ix.parts.len(),
                    ..SyncStats::default()
                };
                let why = format!(
                    "{}: cannot write the full-text index ({e}); searching in memory",
                    crate::ingest::display(dir)
                );
                (ix, stats, Some(why))
            }
        }
    }

    /// Where this index lives.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The files it was last synced with.
    pub fn stamp(&self) -> Option<FilesStamp> {
        self.stamp
    }

    /// Live documents.
    pub fn len(&self) -> usize {
        self.parts
            .iter()
            .map(|p| p.live.iter().filter(|l| **l).count())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of the segments.
    pub fn size_bytes(&self) -> usize {
        self.parts.iter().map(|p| p.segment.size_bytes()).sum()
    }

    /// The documents that match `prepared` and that `accept` lets through, best first.
    pub fn search(
        &self,
        prepared: &Prepared,
        accept: &mut dyn FnMut(u32) -> bool,
        limit: usize,
    ) -> Vec<Hit> {
        prepared.search(&self.views(), accept, limit)
    }

    /// Where in each of `docs` (document numbers) the terms of `prepared` stand: see
    /// [`Prepared::positions`].
    pub fn positions(&self, prepared: &Prepared, docs: &[u32]) -> Vec<Vec<u32>> {
        prepared.positions(&self.views(), docs)
    }

    fn views(&self) -> Vec<View<'_>> {
        self.parts
            .iter()
            .map(|p| View {
                segment: &p.segment,
                live: Some(&p.live),
                base: p.base,
            })
            .collect()
    }

    /// The corpus index of document number `doc` (after a sync or a build).
    pub fn corpus_doc(&self, doc: u32) -> Option<usize> {
        self.corpus_of
            .get(doc as usize)
            .filter(|&&i| i != u32::MAX)
            .map(|&i| i as usize)
    }

    /// What the index knows of document number `doc`.
    pub fn meta(&self, doc: u32) -> Option<DocMeta> {
        let part = self.parts.iter().rev().find(|p| p.base <= doc)?;
        part.segment.meta(doc - part.base).ok()
    }

    /// Analyses `docs[i]` for each `i` in `which` into new segments (one per core for big
    /// batches) and records their corpus indexes.
    fn add(&mut self, docs: &[Document], which: Vec<usize>) {
        if which.is_empty() {
            return;
        }
        let nth = nth_in_file(docs);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunks = if which.len() < 2_000 { 1 } else { threads };
        let size = which.len().div_ceil(chunks);
        let built: Vec<(Vec<u8>, &[usize])> = std::thread::scope(|scope| {
            let handles: Vec<_> = which
                .chunks(size)
                .map(|chunk| {
                    let nth = &nth;
                    scope.spawn(move || {
                        let mut b = SegmentBuilder::new();
                        for &i in chunk {
                            let blocks = docs[i].read_blocks().unwrap_or_else(|why| {
                                tracing::warn!(doc = %docs[i].id, error = %why, "body not indexed");
                                std::borrow::Cow::Owned(Vec::new())
                            });
                            b.add(&docs[i], nth[i], &blocks);
                        }
                        (b.finish(), chunk)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (bytes, chunk) in built {
            let Ok(segment) = Segment::open(Source::Memory(bytes)) else {
                continue;
            };
            let n = segment.n_docs() as usize;
            self.renumber();
            let base = self.corpus_of.len();
            self.corpus_of.extend(chunk.iter().map(|&i| i as u32));
            debug_assert_eq!(self.corpus_of.len(), base + n);
            self.parts.push(Part {
                segment,
                file: None,
                live: vec![true; n],
                base: base as u32,
            });
        }
    }

    /// Sets each part's base from the parts before it and sizes `corpus_of` to match.
    fn renumber(&mut self) {
        let mut base = 0u32;
        for p in &mut self.parts {
            p.base = base;
            base += p.segment.n_docs();
        }
        self.corpus_of.resize(base as usize, u32::MAX);
    }

    fn load_parts(&mut self, dir: &Path, manifest: &Manifest) -> Result<(), IndexError> {
        for entry in &manifest.segments {
            let bytes = Bytes::read(&dir.join(&entry.file))?;
            let segment = Segment::open(Source::File(bytes))
                .map_err(|e| IndexError::Damaged(format!("{}: {e}", entry.file)))?;
            let mut live = vec![true; segment.n_docs() as usize];
            for &d in &entry.deleted {
                match live.get_mut(d as usize) {
                    Some(l) => *l = false,
                    None => return Err(IndexError::Damaged("manifest".into())),
                }
            }
            self.parts.push(Part {
                segment,
                file: Some(entry.file.clone()),
                live,
                base: 0,
            });
        }
        Ok(())
    }

    fn manifest(&self) -> Manifest {
        Manifest {
            format: FORMAT_VERSION,
            next: self.next,
            segments: self
                .parts
                .iter()
                .filter_map(|p| {
                    Some(SegmentEntry {
                        file: p.file.clone()?,
                        deleted: (0..p.live.len() as u32)
                            .filter(|&i| !p.live[i as usize])
                            .collect(),
                    })
                })
                .collect(),
            stamp: self.stamp,
        }
    }
}

/// Each document's place among the documents of its file (they are next to each other).
fn nth_in_file(docs: &[Document]) -> Vec<u32> {
    let mut out = Vec::with_capacity(docs.len());
    let mut n = 0;
    for (i, d) in docs.iter().enumerate() {
        n = if i > 0 && docs[i - 1].path == d.path {
            n + 1
        } else {
            0
        };
        out.push(n);
    }
    out
}

fn read_manifest(dir: &Path) -> Result<Option<Manifest>, IndexError> {
    let bytes = match fs::read(dir.join("manifest.json")) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let m: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| IndexError::Damaged(format!("manifest.json: {e}")))?;
    if m.format != FORMAT_VERSION {
        return Err(IndexError::Damaged("manifest.json: another format".into()));
    }
    Ok(Some(m))
}

/// Removes the index folders of other format versions beside `dir`.
fn prune_old_versions(dir: &Path) {
    let Some(parent) = dir.parent() else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let current = format!("v{FORMAT_VERSION}-");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('v') && !name.starts_with(&current) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

type Synced = (TextIndex, SyncStats, Option<String>);

fn sync_disk(dir: &Path, docs: &[Document], stamp: Option<FilesStamp>) -> io::Result<Synced> {
    fs::create_dir_all(dir)?;
    prune_old_versions(dir);
    let _lock = Lock::take(
        &dir.join(".lock"),
        || tracing::info!(dir = %dir.display(), "waiting for another briefdeck to update the full-text index"),
    )?;
    sweep_temps(dir);
    let mut warning = None;
    let mut ix = TextIndex::empty(Location::Disk(dir.to_path_buf()));
    let opened = read_manifest(dir).and_then(|m| {
        if let Some(m) = &m {
            ix.load_parts(dir, m)?;
            ix.next = m.next;
        }
        Ok(())
    });
    if let Err(e) = opened {
        warning = Some(format!(
            "{}: full-text index unreadable ({e}); rebuilt",
            crate::ingest::display(dir)
        ));
        tracing::warn!(dir = %dir.display(), error = %e, "full-text index unreadable; rebuilding");
        ix.parts.clear();
    }
    ix.renumber();
    let mut stats = reconcile(&mut ix, docs)?;
    // Too many segments: merge all but the largest into one, or everything when the largest
    // is mostly deleted.
    if ix.parts.len() > MAX_SEGMENTS {
        let largest = (0..ix.parts.len())
            .max_by_key(|&i| ix.parts[i].segment.n_docs())
            .unwrap_or(0);
        let big = &ix.parts[largest];
        let keep_big = big.live.iter().filter(|l| **l).count() * 2 > big.live.len();
        let mut again = Vec::new();
        let mut parts = Vec::new();
        let mut corpus_of = Vec::new();
        for (i, p) in std::mem::take(&mut ix.parts).into_iter().enumerate() {
            let of = &ix.corpus_of[p.base as usize..(p.base + p.segment.n_docs()) as usize];
            if keep_big && i == largest {
                corpus_of.extend_from_slice(of);
                parts.push(p);
            } else {
                again.extend(
                    of.iter()
                        .zip(&p.live)
                        .filter(|(_, l)| **l)
                        .map(|(&c, _)| c as usize),
                );
            }
        }
        ix.parts = parts;
        ix.corpus_of = corpus_of;
        ix.renumber();
        again.sort_unstable();
        ix.add(docs, again);
        stats.segments = ix.parts.len();
    }
    // New segments to files.
    let mut names = Vec::new();
    for p in &mut ix.parts {
        if p.file.is_none() {
            ix.next += 1;
            let name = format!("seg-{}.bdft", ix.next);
            // Written from memory, then read back mapped: the heap copy is freed.
            let path = dir.join(&name);
            write_atomic(&path, p.segment.bytes())?;
            p.segment = Segment::open(Source::File(Bytes::read(&path)?))
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            p.file = Some(name.clone());
            names.push(name);
        }
    }
    if stamp.is_some() {
        ix.stamp = stamp;
    }
    let manifest = serde_json::to_vec(&ix.manifest()).map_err(io::Error::other)?;
    write_atomic(&dir.join("manifest.json"), &manifest)?;
    // Segments no manifest names any more.
    let named: Vec<&str> = ix.parts.iter().filter_map(|p| p.file.as_deref()).collect();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let n = e.file_name();
            let n = n.to_string_lossy();
            if n.starts_with("seg-") && !named.contains(&n.as_ref()) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    stats.segments = ix.parts.len();
    tracing::info!(
        added = stats.added,
        deleted = stats.deleted,
        kept = stats.kept,
        segments = stats.segments,
        "full-text index synced"
    );
    Ok((ix, stats, warning))
}

/// Marks the documents no longer in `docs` deleted, maps the others to their corpus index,
/// and adds the new ones.
fn reconcile(ix: &mut TextIndex, docs: &[Document]) -> io::Result<SyncStats> {
    let mut known: FxHashMap<(String, u64), u32> = FxHashMap::default();
    for p in &ix.parts {
        for (o, live) in p.live.iter().enumerate() {
            if *live {
                let meta = p
                    .segment
                    .meta(o as u32)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                known.insert((meta.id, meta.version), p.base + o as u32);
            }
        }
    }
    let mut stats = SyncStats::default();
    let mut fresh = Vec::new();
    let mut used = vec![false; ix.corpus_of.len()];
    for (i, d) in docs.iter().enumerate() {
        match known.get(&(d.id.clone(), d.version)) {
            Some(&g) if !used[g as usize] => {
                used[g as usize] = true;
                ix.corpus_of[g as usize] = i as u32;
                stats.kept += 1;
            }
            _ => fresh.push(i),
        }
    }
    for p in &mut ix.parts {
        for (o, live) in p.live.iter_mut().enumerate() {
            if *live && !used[p.base as usize + o] {
                *live = false;
                stats.deleted += 1;
            }
        }
    }
    // Segments with nothing live go.
    ix.parts.retain(|p| p.live.iter().any(|l| *l));
    let corpus_of = std::mem::take(&mut ix.corpus_of);
    let mut kept_of = Vec::new();
    for p in &ix.parts {
        kept_of
            .extend_from_slice(&corpus_of[p.base as usize..(p.base + p.segment.n_docs()) as usize]);
    }
    ix.corpus_of = kept_of;
    ix.renumber();
    stats.added = fresh.len();
    ix.add(docs, fresh);
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fulltext::{Prepared, TextQuery};
    use crate::model::{Block, BlockKind, Format};

    fn doc(id: &str, lang: &str, title: &str, body: &[&str]) -> Document {
        Document {
            id: id.into(),
            path: format!("/x/{id}.txt").into(),
            path_display: format!("/x/{id}.txt"),
            title: title.into(),
            standfirst: None,
            byline: None,
            contact: None,
            date: None,
            lang: lang.into(),
            url: None,
            source: None,
            format: Format::Text,
            blocks: body
                .iter()
                .map(|t| Block {
                    kind: BlockKind::Paragraph,
                    text: t.to_string(),
                })
                .collect(),
            stored_blocks: None,
            takeaways: Vec::new(),
            themes: Vec::new(),
            version: 1,
        }
    }

    fn corpus() -> Vec<Document> {
        vec![
            doc(
                "en1",
                "en",
                "Harbour partnerships",
                &[
                    "Japan is Italy's anchor partner in the harbour deal.",
                    "Drones over the strait.",
                ],
            ),
            doc(
                "it1",
                "it",
                "Le alleanze",
                &[
                    "Dall'Ucraina a Taiwan: lo stretto di Taiwan e la città.",
                    "Un'alleanza nuova.",
                ],
            ),
            doc(
                "en2",
                "en",
                "Budget",
                &["The budget for drones grew; no partner was named."],
            ),
        ]
    }

    fn ids(ix: &TextIndex, docs: &[Document], q: &str) -> Vec<String> {
        let p = Prepared::new(&TextQuery::parse(q).unwrap()).unwrap();
        ix.search(&p, &mut |_| true, 100)
            .into_iter()
            .map(|h| docs[ix.corpus_doc(h.doc).unwrap()].id.clone())
            .collect()
    }

    #[test]
    fn words_phrases_exclusions_or_stems_and_accents() {
        let docs = corpus();
        let ix = TextIndex::build(&docs);
        assert_eq!(ids(&ix, &docs, "taiwan"), ["it1"]);
        assert_eq!(ids(&ix, &docs, "TAIWAN"), ["it1"]);
        assert_eq!(ids(&ix, &docs, "citta"), ["it1"], "accents folded");
        assert_eq!(
            ids(&ix, &docs, "alleanza"),
            ["it1"],
            "Italian stems: alleanze"
        );
        assert_eq!(
            ids(&ix, &docs, "partnership"),
            ["en1"],
            "English stems: partnerships"
        );
        assert_eq!(ids(&ix, &docs, "\"stretto di Taiwan\""), ["it1"]);
        assert!(ids(&ix, &docs, "\"Taiwan di stretto\"").is_empty());
        // A phrase never runs from one block into the next.
        assert!(ids(&ix, &docs, "\"deal drones\"").is_empty());
        let mut both = ids(&ix, &docs, "drones");
        both.sort();
        assert_eq!(both, ["en1", "en2"]);
        assert_eq!(ids(&ix, &docs, "drones -budget"), ["en1"]);
        assert_eq!(ids(&ix, &docs, "drones harbour"), ["en1"]);
        let mut either = ids(&ix, &docs, "taiwan OR budget");
        either.sort();
        assert_eq!(either, ["en2", "it1"]);
        assert!(ids(&ix, &docs, "nothingatall").is_empty());
    }

    #[test]
    fn phrases_walk_the_postings_together() {
        let docs = vec![
            doc("d1", "en", "One", &["Military aid arrives."]),
            doc("d2", "en", "Two", &["Aid for the military."]),
            doc("d3", "en", "Three", &["A military parade; aid later."]),
            doc(
                "d4",
                "en",
                "Four",
                &["The military aid package, then more military aid."],
            ),
            doc("d5", "en", "Five", &["Nothing military here."]),
        ];
        let ix = TextIndex::build(&docs);
        assert_eq!(ids(&ix, &docs, "\"military aid\""), ["d4", "d1"]);
        assert_eq!(ids(&ix, &docs, "\"aid for the military\""), ["d2"]);
        assert!(ids(&ix, &docs, "\"aid military\"").is_empty());
    }

    #[test]
    fn ranking_prefers_more_and_rarer_hits() {
        let docs = vec![
            doc(
                "a",
                "en",
                "One",
                &["harbour once, and many other words besides here"],
            ),
            doc("b", "en", "Two", &["harbour harbour harbour"]),
            doc("c", "en", "Three", &["nothing"]),
        ];
        let ix = TextIndex::build(&docs);
        assert_eq!(ids(&ix, &docs, "harbour"), ["b", "a"]);
    }

    #[test]
    fn sync_adds_edits_and_removes_incrementally() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("test");
        let mut docs = corpus();
        let (_, stats, warning) = TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
        assert_eq!((stats.added, stats.kept, warning), (3, 0, None));
        // Unchanged: nothing analysed again.
        let (ix, stats, _) = TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
        assert_eq!((stats.added, stats.kept, stats.deleted), (0, 3, 0));
        assert_eq!(ids(&ix, &docs, "taiwan"), ["it1"]);
        // Edited (same id, new version, as a feed entry updated), removed, added.
        docs[1].version = 2;
        docs[1].blocks[0].text = "Ora si parla di Corea.".into();
        docs.remove(2);
        docs.push(doc("en3", "en", "New", &["A fresh note on Taiwan."]));
        let (ix, stats, _) = TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
        assert_eq!((stats.added, stats.kept, stats.deleted), (2, 1, 2));
        assert_eq!(ids(&ix, &docs, "taiwan"), ["en3"]);
        assert_eq!(ids(&ix, &docs, "corea"), ["it1"]);
        assert!(ids(&ix, &docs, "budget").is_empty());
        // The same answers from the files alone.
        let reopened = TextIndex::open(&dir).unwrap();
        assert_eq!(reopened.len(), 3);
        let p = Prepared::new(&TextQuery::parse("taiwan").unwrap()).unwrap();
        let hits = reopened.search(&p, &mut |_| true, 10);
        assert_eq!(reopened.meta(hits[0].doc).unwrap().id, "en3");
    }

    #[test]
    fn many_updates_merge_segments() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("merge");
        let mut docs = corpus();
        for round in 0..(MAX_SEGMENTS + 3) {
            docs.push(doc(
                &format!("n{round}"),
                "en",
                "More",
                &[&format!("word{round} harbour")],
            ));
            let (ix, stats, _) = TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
            assert!(stats.segments <= MAX_SEGMENTS, "{stats:?}");
            assert_eq!(ix.len(), docs.len());
        }
        let ix = TextIndex::open(&dir).unwrap();
        assert_eq!(ix.len(), docs.len());
        let (ix, _, _) = TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
        assert_eq!(ids(&ix, &docs, "word0"), ["n0"]);
        assert_eq!(ids(&ix, &docs, "harbour").len(), MAX_SEGMENTS + 4);
        let files = fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("seg-")
            })
            .count();
        assert_eq!(files, ix.parts.len(), "merged-away segments are removed");
    }

    #[test]
    fn a_damaged_index_is_rebuilt_with_one_warning() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("bad");
        let docs = corpus();
        TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
        let seg = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("seg-"))
            .unwrap();
        fs::write(&seg, b"BDFTSEG2 not really").unwrap();
        let (ix, stats, warning) = TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
        assert!(warning.unwrap().contains("unreadable"));
        assert_eq!(stats.added, 3);
        assert_eq!(ids(&ix, &docs, "taiwan"), ["it1"]);
        let (_, _, warning) = TextIndex::sync(Location::Disk(dir.clone()), &docs, None);
        assert_eq!(warning, None, "once rebuilt, no more warnings");
        fs::write(dir.join("manifest.json"), b"{not json").unwrap();
        let (ix, _, warning) = TextIndex::sync(Location::Disk(dir), &docs, None);
        assert!(warning.is_some());
        assert_eq!(ids(&ix, &docs, "drones").len(), 2);
    }
}
