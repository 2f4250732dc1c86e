//! The load itself: from the paths the user named to a [`Corpus`], on all cores. The walk
//! finds the files; each is then taken from the on-disk index when it has not changed, or
//! read, parsed and tagged; the takeaways are linked across documents (or the links taken
//! from the index when no file changed); and the index is saved if anything changed. Every
//! failure becomes a [`Notice`] and the rest of the corpus still loads.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::cache::{FileKey, Index, Parsed, Save, SaveLinks, StoredLinks};
use super::corpus::{Corpus, CorpusLinks};
use super::notice::{Notice, NoticeKind, skip};
use super::parallel::parallel_map_with;
use super::progress::{Phase, Progress};
use super::read::documents_from_bytes;
use super::walk::{Found, NOT_REGULAR, io_reason, read_limited, walk};
use crate::analysis::links::Links;
use crate::analysis::themes::{Lexicon, Tagger};
use crate::ingest::sanitize::sanitize_line;
use crate::ingest::{display, format_of};
use crate::model::Document;
use crate::model::Format;

/// Limits that keep one bad file from stalling or exhausting the program, plus where the
/// on-disk index lives and who watches progress.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Larger files are skipped with a notice.
    pub max_file_bytes: u64,
    /// Deeper directory trees are not walked further.
    pub max_depth: usize,
    /// Themes and entities to tag with (the built-in lexicon plus any `--themes` file).
    pub lexicon: Arc<Lexicon>,
    /// Directory of the on-disk index (see [`super::cache`]); `None` reads and writes none.
    /// Defaults to what the binary set with [`super::cache::set_default_dir`], else `None`.
    pub cache: Option<PathBuf>,
    /// Counters to poll from another thread (a dashboard's gauge), and a cancel flag.
    pub progress: Option<Arc<Progress>>,
    /// Leave the blocks of documents taken from the index there until
    /// [`Document::load_blocks`] asks for them. Lists, searches and links need no body,
    /// and reading every body is most of a warm start's work; off by default so that a
    /// library caller gets complete documents.
    pub lazy_blocks: bool,
    /// Decode the links stored in the index during the walk, on a core that would idle,
    /// rather than when first used. For callers that will show links (the dashboard, `links`);
    /// a caller that never reads them (`list`) is faster without.
    pub links_ahead: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 32 * 1024 * 1024,
            max_depth: 64,
            lexicon: Lexicon::builtin(),
            cache: super::cache::default_dir(),
            progress: None,
            lazy_blocks: false,
            links_ahead: false,
        }
    }
}

/// A named path could not be used at all (the user made a typo, so we stop), or the caller
/// cancelled the load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    Missing(String),
    #[error("loading was cancelled")]
    Cancelled,
}

/// What a file gives the next index: its old entry, or the bytes' hash and a new head blob
/// (its documents without blocks), with whether it gave documents whose blocks go in too.
enum Kept {
    Old(usize),
    New(u64, Vec<u8>, bool),
}

/// What became of one file.
enum Outcome {
    /// Taken from the index (`entry`); `verified` when a racy entry was checked by content.
    Reused {
        parsed: Parsed,
        entry: usize,
        verified: bool,
    },
    /// Read and parsed now; `blob` is its index entry's head (documents without blocks) when
    /// there is an index. Blocks are encoded only when the index is written.
    Fresh {
        parsed: Parsed,
        hash: u64,
        blob: Option<Vec<u8>>,
    },
    /// Could not be read (permissions, size, gone): not indexed, tried again next time.
    Unreadable(String),
    Cancelled,
}

/// Loads every briefing under `paths` (files, or directories walked recursively): walk, then
/// read, clean, parse, extract and tag each file on all cores (or take it from the on-disk
/// index when it has not changed), then link takeaways across documents (or take the links
/// from the index when no file changed), and save the index if anything changed.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, LoadError> {
    let started = std::time::Instant::now();
    tracing::info!(
        paths = paths.len(),
        index = opts.cache.is_some(),
        "load started"
    );
    let progress = opts.progress.clone().unwrap_or_default();
    let result = load_inner(paths, opts, &progress);
    progress.set_phase(Phase::Done);
    match &result {
        Ok(corpus) => log_loaded(corpus, started),
        Err(e) => tracing::warn!(error = %e, "load failed"),
    }
    result
}

/// The one event that sums a load up: what came in, what was left out, how long it took.
fn log_loaded(corpus: &Corpus, started: std::time::Instant) {
    tracing::info!(
        documents = corpus.documents.len(),
        takeaways = corpus
            .documents
            .iter()
            .map(|d| d.takeaways.len())
            .sum::<usize>(),
        // Counted only when decoded: stored links wait until a view needs them.
        links = corpus.links.is_ready().then(|| corpus.links.count()),
        skipped = corpus.skipped(),
        notices = corpus.notices.len(),
        ms = started.elapsed().as_millis() as u64,
        "load finished"
    );
}

fn load_inner(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: &Progress,
) -> Result<Corpus, LoadError> {
    let loaded_ns = super::cache::ns_since_epoch(std::time::SystemTime::now());
    let mut timings = Timings::from_env();
    let mut roots = Vec::with_capacity(paths.len());
    for path in paths {
        if fs::symlink_metadata(path).is_err() {
            return Err(LoadError::Missing(display(path)));
        }
        roots.push(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
    }
    let lexicon = &opts.lexicon;
    let index = opts
        .cache
        .as_deref()
        .map(|dir| Index::open(dir, &roots, lexicon.fingerprint));
    let stored_links = index.as_ref().and_then(Index::stored_links).map(Arc::new);
    let (files, mut notices) = std::thread::scope(|scope| {
        if opts.links_ahead
            && let Some(stored) = &stored_links
        {
            // The walk is the one single-threaded phase.
            scope.spawn(|| stored.decode_ahead());
        }
        walk(paths, opts.max_depth, progress)
    });
    if progress.is_cancelled() {
        return Err(LoadError::Cancelled);
    }
    progress.set_total(files.len());
    progress.set_phase(Phase::Parsing);
    timings.lap("walk");
    let outcomes = parallel_map_with(
        &files,
        || Tagger::without_spellings(lexicon),
        |tagger, f| {
            let key = FileKey {
                canonical: f.canonical.clone(),
                size: 0,
                mtime_ns: 0,
            };
            if progress.is_cancelled() {
                return (key, Outcome::Cancelled);
            }
            let done = process(f, key, opts, index.as_ref(), tagger, loaded_ns);
            progress.done_one(matches!(done.1, Outcome::Reused { .. }));
            done
        },
    );
    let (keys, outcomes): (Vec<FileKey>, Vec<Outcome>) = outcomes.into_iter().unzip();
    if progress.is_cancelled() {
        return Err(LoadError::Cancelled);
    }
    if let Some(ix) = &index {
        let hits = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Reused { .. }))
            .count();
        let misses = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Fresh { .. }))
            .count();
        ix.log_use(hits, misses);
    }

    timings.lap("files");
    let mut corpus = Corpus::default();
    let mut changed = index.as_ref().is_some_and(|ix| ix.len() != files.len());
    // What each file contributes to the new index; documents move into the corpus.
    let mut kept: Vec<Option<Kept>> = Vec::with_capacity(files.len());
    // Where each file's documents end in `corpus.documents`: a fresh file's blocks are saved
    // from there.
    let mut docs_end: Vec<usize> = Vec::with_capacity(files.len());
    // Most files give one document: growing by doubling would briefly hold the list twice.
    corpus.documents.reserve(files.len());
    for (f, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Outcome::Reused {
                parsed,
                entry,
                verified,
            } => {
                changed |= verified;
                absorb(&mut corpus, &f.path, parsed);
                kept.push(Some(Kept::Old(entry)));
            }
            Outcome::Fresh { parsed, hash, blob } => {
                changed = true;
                let has_docs = matches!(parsed, Parsed::Docs { .. });
                absorb(&mut corpus, &f.path, parsed);
                kept.push(blob.map(|blob| Kept::New(hash, blob, has_docs)));
            }
            Outcome::Unreadable(reason) => {
                corpus.notices.push(skip(&f.path, reason));
                kept.push(None);
            }
            Outcome::Cancelled => return Err(LoadError::Cancelled),
        }
        docs_end.push(corpus.documents.len());
    }
    dedupe_ids(&mut corpus);
    notices.append(&mut corpus.notices);
    corpus.notices = notices;
    corpus.lexicon = lexicon.clone();

    timings.lap("assemble");
    progress.set_phase(Phase::Linking);
    let links_key =
        super::cache::links_key(keys.iter().zip(&kept).map(|(k, kept)| (k, kept.is_some())));
    let counts: Vec<usize> = corpus.documents.iter().map(|d| d.takeaways.len()).collect();
    let shape = super::cache::links_shape(&counts);
    let reused = stored_links.filter(|s| s.key == links_key && s.shape == shape);
    match &reused {
        Some(stored) => corpus.links = lazy_links(stored.clone(), counts),
        None => {
            changed = true;
            corpus.links = crate::analysis::link(&corpus.documents, lexicon).into();
            tracing::debug!(
                links = corpus.links.count(),
                "links computed (none stored for these files)"
            );
        }
    }
    timings.lap("link");
    if let Some(ix) = &index {
        let notice = ix.notice();
        if changed {
            progress.set_phase(Phase::Saving);
            let starts = std::iter::once(0).chain(docs_end.iter().copied());
            let saves: Vec<Save> = keys
                .iter()
                .zip(kept)
                .zip(starts.zip(&docs_end))
                .filter_map(|((key, k), (start, &end))| match k? {
                    Kept::Old(entry) => Some(Save::Old { key, entry }),
                    Kept::New(hash, blob, has_docs) => Some(Save::New {
                        key,
                        hash,
                        blob,
                        docs: has_docs.then(|| &corpus.documents[start..end]),
                    }),
                })
                .collect();
            let links = match &reused {
                Some(stored) => SaveLinks::Stored(stored),
                None => SaveLinks::Computed {
                    links: &corpus.links,
                    shape,
                },
            };
            let saved = ix.save(&saves, links_key, links, loaded_ns);
            // One warning about the index per load at most: a damaged index that then cannot be
            // rewritten is one problem to the user.
            if let (Err(e), None) = (saved, &notice) {
                corpus.notices.push(Notice {
                    kind: NoticeKind::Warning,
                    path: display(ix.path()),
                    reason: format!("cannot save the index: {}", sanitize_line(&e.to_string())),
                });
            }
        }
        corpus.notices.extend(notice);
        timings.lap("save");
    }
    timings.report(files.len());
    corpus.stamp = Some(super::stamp::FilesStamp::of(
        &keys,
        corpus.notices.len(),
        loaded_ns,
    ));
    Ok(corpus)
}

/// Links taken from the index, decoded when first needed. Their checksum and shape were
/// checked already; should they still not decode, that is logged and the corpus has no links.
fn lazy_links(stored: Arc<StoredLinks>, counts: Vec<usize>) -> CorpusLinks {
    CorpusLinks::stored(move || {
        let started = std::time::Instant::now();
        match stored.decode(&counts) {
            Ok(links) => {
                tracing::debug!(
                    links = links.count(),
                    ms = started.elapsed().as_millis() as u64,
                    "stored links decoded"
                );
                links
            }
            Err(why) => {
                tracing::warn!(problem = %why, "stored links not usable; showing none");
                Links::default()
            }
        }
    })
}

/// Phase durations on stderr when `BRIEFDECK_TIMINGS` is set: what benchmarks and profiling
/// sessions need to see where a load's time goes, without a profiler.
struct Timings {
    last: Option<std::time::Instant>,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    fn from_env() -> Timings {
        Timings {
            last: std::env::var_os("BRIEFDECK_TIMINGS").map(|_| std::time::Instant::now()),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        if let Some(last) = self.last {
            let now = std::time::Instant::now();
            self.laps.push((name, now - last));
            self.last = Some(now);
        }
    }

    fn report(&self, files: usize) {
        if self.last.is_none() {
            return;
        }
        let laps: Vec<String> = self
            .laps
            .iter()
            .map(|(n, d)| format!("{n} {:.1} ms", d.as_secs_f64() * 1e3))
            .collect();
        eprintln!("briefdeck: timings ({files} files): {}", laps.join(", "));
    }
}

/// One file: its size and time (looked up here, on all cores, rather than in the walk), then
/// its entry in the index if that still describes it, else read, parse and tag it.
fn process(
    f: &Found,
    mut key: FileKey,
    opts: &LoadOptions,
    index: Option<&Index>,
    tagger: &mut Tagger,
    now_ns: u64,
) -> (FileKey, Outcome) {
    match fs::metadata(&f.path) {
        Ok(m) if m.is_file() => {
            key.size = m.len();
            key.mtime_ns = m.modified().map_or(0, super::cache::ns_since_epoch);
        }
        Ok(_) => return (key, Outcome::Unreadable(NOT_REGULAR.into())),
        Err(e) => return (key, Outcome::Unreadable(io_reason(&e))),
    }
    let outcome = process_file(f, &key, opts, index, tagger, now_ns);
    (key, outcome)
}

fn process_file(
    f: &Found,
    key: &FileKey,
    opts: &LoadOptions,
    index: Option<&Index>,
    tagger: &mut Tagger,
    now_ns: u64,
) -> Outcome {
    let mut bytes = None;
    if let Some(ix) = index
        && let Some(hit) = ix.lookup(key, now_ns)
    {
        let trusted = if hit.racy {
            match read_limited(&f.path, opts.max_file_bytes) {
                Ok(b) => {
                    let same = xxh3_64(&b) == hit.hash;
                    bytes = Some(b);
                    same
                }
                Err(reason) => return Outcome::Unreadable(reason),
            }
        } else {
            true
        };
        if trusted && let Some(parsed) = ix.decode(hit.entry, opts.lazy_blocks) {
            return Outcome::Reused {
                parsed: with_version(with_path(parsed, &f.path), hit.hash),
                entry: hit.entry,
                verified: hit.racy,
            };
        }
    }
    let bytes = match bytes {
        Some(b) => b,
        None => match read_limited(&f.path, opts.max_file_bytes) {
            Ok(b) => b,
            Err(reason) => return Outcome::Unreadable(reason),
        },
    };
    let parsed = match parse_one(&f.path, &bytes, f.format) {
        Ok((mut docs, warning)) => {
            for d in &mut docs {
                crate::analysis::tag_document(tagger, d);
            }
            Parsed::Docs {
                docs,
                warning: warning.map(str::to_string),
            }
        }
        Err(reason) => Parsed::Failed(reason),
    };
    // Blocks are not in `parsed`'s serialisation (see `Document::blocks`): they go apart,
    // encoded from the corpus when the index is written.
    let blob = index.and_then(|_| postcard::to_allocvec(&parsed).ok());
    let hash = xxh3_64(&bytes);
    Outcome::Fresh {
        parsed: with_version(parsed, hash),
        hash,
        blob,
    }
}

/// Each document's [`Document::version`]: the hash of its file's bytes.
fn with_version(mut parsed: Parsed, hash: u64) -> Parsed {
    if let Parsed::Docs { docs, .. } = &mut parsed {
        for d in docs {
            d.version = hash;
        }
    }
    parsed
}

/// Paths are not stored in the index: documents get the path the file was found under now.
fn with_path(mut parsed: Parsed, path: &Path) -> Parsed {
    if let Parsed::Docs { docs, .. } = &mut parsed {
        let shown = display(path);
        for d in docs {
            d.path = path.to_path_buf();
            d.path_display.clone_from(&shown);
        }
    }
    parsed
}

type ParseResult = Result<(Vec<Document>, Option<&'static str>), String>;

fn parse_one(path: &Path, bytes: &[u8], format: Format) -> ParseResult {
    documents_from_bytes(path, bytes, format).map_err(|e| e.to_string())
}

fn absorb(corpus: &mut Corpus, path: &Path, parsed: Parsed) {
    match parsed {
        Parsed::Docs { docs, warning } => {
            if let Some(w) = warning {
                corpus.notices.push(Notice {
                    kind: NoticeKind::Warning,
                    path: display(path),
                    reason: w,
                });
            }
            corpus.documents.extend(docs);
        }
        Parsed::Failed(reason) => corpus.notices.push(skip(path, reason)),
    }
}

/// Parses in-memory sources (the bundled seeds); the format comes from each path's extension.
pub fn load_sources(
    sources: impl Iterator<Item = (PathBuf, Vec<u8>)>,
    opts: &LoadOptions,
) -> Corpus {
    let started = std::time::Instant::now();
    tracing::info!("load started (in-memory sources)");
    let mut corpus = parse_all(
        sources
            .filter_map(|(p, b)| format_of(&p).map(|f| (p, b, f)))
            .collect(),
    );
    corpus.analyse(&opts.lexicon);
    log_loaded(&corpus, started);
    corpus
}

fn parse_all(sources: Vec<(PathBuf, Vec<u8>, Format)>) -> Corpus {
    let results = parallel_map_with(
        &sources,
        || (),
        |_, (path, bytes, format)| parse_one(path, bytes, *format),
    );
    let mut corpus = Corpus::default();
    for ((path, _, _), parsed) in sources.iter().zip(results) {
        let parsed = match parsed {
            Ok((docs, warning)) => Parsed::Docs {
                docs,
                warning: warning.map(str::to_string),
            },
            Err(reason) => Parsed::Failed(reason),
        };
        absorb(&mut corpus, path, parsed);
    }
    dedupe_ids(&mut corpus);
    corpus
}

/// Identical files share a content hash; later copies get a suffix so ids stay unique.
fn dedupe_ids(corpus: &mut Corpus) {
    let mut seen: HashSet<String> = HashSet::new();
    for doc in &mut corpus.documents {
        if seen.insert(doc.id.clone()) {
            continue;
        }
        let mut n = 2;
        let id = loop {
            let candidate = format!("{}-{n}", doc.id);
            if seen.insert(candidate.clone()) {
                break candidate;
            }
            n += 1;
        };
        for t in &mut doc.takeaways {
            if let Some((_, num)) = t.id.rsplit_once('.') {
                t.id = format!("{id}.{num}");
            }
        }
        doc.id = id;
    }
}
