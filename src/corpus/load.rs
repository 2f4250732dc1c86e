//! Finding and reading files: the only part of the core that touches the file system.
//!
//! Every failure becomes a [`Notice`] naming the file and the reason, and the rest of the corpus
//! still loads. Nothing here blocks on a FIFO or follows a symlink loop forever.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Corpus;
use super::document::documents_from_bytes;
use super::parse::Format;
use super::sanitize::sanitize_line;
use crate::analysis::themes::Lexicon;

/// Limits that keep one bad file from stalling or exhausting the program.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Larger files are skipped with a notice.
    pub max_file_bytes: u64,
    /// Deeper directory trees are not walked further.
    pub max_depth: usize,
    /// Themes and entities to tag with (the built-in lexicon plus any `--themes` file).
    pub lexicon: Arc<Lexicon>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 32 * 1024 * 1024,
            max_depth: 64,
            lexicon: Lexicon::builtin(),
        }
    }
}

/// Whether a file was left out or loaded with a caveat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Skipped,
    Warning,
}

/// One line for the user about one file; `path` is already safe to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            NoticeKind::Skipped => "skipped",
            NoticeKind::Warning => "warning:",
        };
        write!(f, "{what} {}: {}", self.path, self.reason)
    }
}

/// A named path could not be used at all: the user made a typo, so we stop.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    Missing(String),
}

/// Loads every briefing under `paths` (files, or directories walked recursively).
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, LoadError> {
    let mut notices = Vec::new();
    let mut files = Vec::new();
    let mut walk = Walk {
        opts,
        seen_dirs: HashSet::new(),
        seen_files: HashSet::new(),
        files: &mut files,
        notices: &mut notices,
    };
    for path in paths {
        if fs::symlink_metadata(path).is_err() {
            return Err(LoadError::Missing(display(path)));
        }
        walk.named(path);
    }
    let results = parallel_map(&files, |(path, format)| {
        let bytes = read_limited(path, opts.max_file_bytes)?;
        Ok(parse_one(path, &bytes, *format))
    });
    let mut corpus = Corpus::default();
    for ((path, _), result) in files.iter().zip(results) {
        match result {
            Ok(parsed) => absorb(&mut corpus, path, parsed),
            Err(reason) => corpus.notices.push(skip(path, reason)),
        }
    }
    dedupe_ids(&mut corpus);
    notices.append(&mut corpus.notices);
    corpus.notices = notices;
    corpus.analyse(&opts.lexicon);
    Ok(corpus)
}

type Parsed = Result<(Vec<super::Document>, Option<&'static str>), String>;

fn parse_one(path: &Path, bytes: &[u8], format: Format) -> Parsed {
    documents_from_bytes(path, bytes, format).map_err(|e| e.to_string())
}

fn absorb(corpus: &mut Corpus, path: &Path, parsed: Parsed) {
    match parsed {
        Ok((docs, warning)) => {
            if let Some(w) = warning {
                corpus.notices.push(Notice {
                    kind: NoticeKind::Warning,
                    path: display(path),
                    reason: w.to_string(),
                });
            }
            corpus.documents.extend(docs);
        }
        Err(reason) => corpus.notices.push(skip(path, reason)),
    }
}

/// Maps `f` over `items` on all cores, keeping the input order in the output. Files vary
/// wildly in size, so workers take the next item from a shared counter instead of fixed chunks.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            // A panicking parser is a bug; re-raise it rather than lose documents silently.
            let done = worker
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            for (i, r) in done {
                slots[i] = Some(r);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// Parses in-memory sources (the bundled seeds); the format comes from each path's extension.
pub fn load_sources(
    sources: impl Iterator<Item = (PathBuf, Vec<u8>)>,
    opts: &LoadOptions,
) -> Corpus {
    let mut corpus = parse_all(
        sources
            .filter_map(|(p, b)| Format::from_path(&p).map(|f| (p, b, f)))
            .collect(),
    );
    corpus.analyse(&opts.lexicon);
    corpus
}

fn parse_all(sources: Vec<(PathBuf, Vec<u8>, Format)>) -> Corpus {
    let results = parallel_map(&sources, |(path, bytes, format)| {
        parse_one(path, bytes, *format)
    });
    let mut corpus = Corpus::default();
    for ((path, _, _), parsed) in sources.iter().zip(results) {
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

struct Walk<'a> {
    opts: &'a LoadOptions,
    seen_dirs: HashSet<PathBuf>,
    seen_files: HashSet<PathBuf>,
    files: &'a mut Vec<(PathBuf, Format)>,
    notices: &'a mut Vec<Notice>,
}

impl Walk<'_> {
    /// A path the user named: loaded even if hidden; an unknown extension is reported.
    fn named(&mut self, path: &Path) {
        match fs::metadata(path) {
            Err(_) => self.notices.push(skip(path, "broken symbolic link".into())),
            Ok(m) if m.is_dir() => self.dir(path, 0),
            Ok(m) if m.is_file() => match Format::from_path(path) {
                Some(f) => self.file(path, f),
                None => self.notices.push(skip(
                    path,
                    "unsupported file type (expected .txt, .md, .markdown or .json)".into(),
                )),
            },
            Ok(_) => self.notices.push(skip(path, NOT_REGULAR.into())),
        }
    }

    fn file(&mut self, path: &Path, format: Format) {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen_files.insert(key) {
            self.files.push((path.to_path_buf(), format));
        }
    }

    fn dir(&mut self, dir: &Path, depth: usize) {
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(key) {
            return; // a symlink loop or a second link to a folder already walked
        }
        if depth > self.opts.max_depth {
            self.notices
                .push(skip(dir, "folder nested too deeply".into()));
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.notices.push(skip(dir, io_reason(&e)));
                return;
            }
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            let format = Format::from_path(&path);
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.dir(&path, depth + 1),
                Ok(m) if m.is_file() => {
                    if let Some(f) = format {
                        self.file(&path, f);
                    }
                }
                Ok(_) if format.is_some() => self.notices.push(skip(&path, NOT_REGULAR.into())),
                Err(_) if format.is_some() => self
                    .notices
                    .push(skip(&path, "broken symbolic link".into())),
                _ => {}
            }
        }
    }
}

const NOT_REGULAR: &str = "not a regular file (FIFO, socket or device)";

/// Reads at most `limit` bytes, refusing non-regular files even if one was swapped in after the
/// walk looked (opened non-blocking so a FIFO cannot hang us).
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file: File = opts.open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(NOT_REGULAR.into());
    }
    if meta.len() > limit {
        return Err(format!(
            "too large ({} MiB; the limit is {} MiB)",
            meta.len() / (1024 * 1024),
            limit / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err("grew past the size limit while being read".into());
    }
    Ok(bytes)
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "disappeared while loading".into(),
        _ => sanitize_line(&e.to_string()).into_owned(),
    }
}

fn skip(path: &Path, reason: String) -> Notice {
    Notice {
        kind: NoticeKind::Skipped,
        path: display(path),
        reason,
    }
}

/// A path made safe to print: file names can hold escape sequences too.
pub fn display(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy()).into_owned()
}
