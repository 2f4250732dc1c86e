//! Live reload: watch the named files and folders, and when briefings are added, changed or
//! removed, load again on a worker (the on-disk index makes that re-read only changed files)
//! and swap the new corpus in with [`App::replace_corpus`].
//!
//! The watcher's events arrive on its own thread and only set a flag; the event loop looks at it
//! between terminal events ([`Live::timeout`] says how long it may block), waits for a burst
//! of events to settle ([`DEBOUNCE`]), starts one reload, and swaps the result in when it is
//! done, so input is never blocked by loading.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use super::app::App;
use super::loader::Loader;
use crate::library::{Corpus, Notice, NoticeKind};

/// Quiet time after the last file event before reloading: an editor's save (write a temporary
/// file, rename it over, delete a backup) or a copy of many files is one reload, not dozens.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// A steady stream of events (a long copy) still reloads this often.
const MAX_DELAY: Duration = Duration::from_secs(2);

/// How long the event loop may wait for a key while only watching: four wake-ups a second, each
/// a check of a flag and nothing else (no drawing). Measured on an idle dashboard (debug build,
/// /proc/PID/schedstat over 20 s): 81 wake-ups and 5 ms of CPU, 0.025 % of one core. In
/// exchange a reload starts within `IDLE_TICK + DEBOUNCE` of a save, and no input thread has
/// to be paused while a pager or editor has the terminal.
pub const IDLE_TICK: Duration = Duration::from_millis(250);

/// How often a running reload is checked for completion.
const LOADING_TICK: Duration = Duration::from_millis(50);

/// A path the user named, as the watcher reports paths under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// A folder: briefings anywhere below it that the loader would read.
    Dir(PathBuf),
    /// One file, watched through its folder so that an editor's save by rename is seen.
    File(PathBuf),
}

impl Root {
    /// The root for a named path, canonical as the watcher reports it.
    pub fn of(path: &Path) -> Root {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if canonical.is_dir() {
            Root::Dir(canonical)
        } else {
            Root::File(canonical)
        }
    }

    /// Whether a change at `path` can change what loading gives. Hidden files and folders (an
    /// editor's `.x.swp`, `.#x`, `.git`) are never loaded; neither are names with another
    /// extension (`x.txt~`, `#x.txt#`, `x.tmp`). Names without an extension count, since they
    /// may be folders that were moved in or out with briefings inside.
    pub fn covers(&self, path: &Path) -> bool {
        match self {
            Root::File(f) => path == f,
            Root::Dir(d) => {
                let Ok(rel) = path.strip_prefix(d) else {
                    return false;
                };
                let hidden = rel
                    .components()
                    .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."));
                !hidden
                    && (crate::ingest::format_of(path).is_some()
                        || path.extension().is_none()
                        || path.is_dir())
            }
        }
    }
}

/// Whether a watcher event can change the corpus. Reading a file (which loading itself does)
/// cannot; an event without paths (the watcher lost track: queue overflow) may.
pub fn relevant(kind: &EventKind, paths: &[PathBuf], roots: &[Root]) -> bool {
    if let EventKind::Access(a) = kind
        && *a != AccessKind::Close(AccessMode::Write)
    {
        return false;
    }
    paths.is_empty() || paths.iter().any(|p| roots.iter().any(|r| r.covers(p)))
}

/// The watcher: starting (watching a big tree walks it, so that runs on a worker), running, or
/// failed.
enum Watch {
    Starting(JoinHandle<notify::Result<notify::RecommendedWatcher>>),
    Running(#[allow(dead_code)] notify::RecommendedWatcher),
    Off,
}

/// Watching and reloading, owned by the event loop.
pub struct Live {
    paths: Vec<PathBuf>,
    watch: Watch,
    /// Set by the watcher's thread when something relevant happened.
    dirty: Arc<AtomicBool>,
    /// First and last event of the burst being waited out.
    burst: Option<(Instant, Instant)>,
    loading: Option<Loader>,
    /// Something changed while a reload ran: reload again when it is done.
    again: bool,
}

impl Live {
    /// Starts watching `paths` (nothing, for the bundled seeds' empty list).
    pub fn start(paths: &[PathBuf]) -> Live {
        let dirty = Arc::new(AtomicBool::new(false));
        let watch = if paths.is_empty() {
            Watch::Off
        } else {
            let roots: Vec<Root> = paths.iter().map(|p| Root::of(p)).collect();
            let flag = dirty.clone();
            Watch::Starting(std::thread::spawn(move || watch(roots, flag)))
        };
        Live {
            paths: paths.to_vec(),
            watch,
            dirty,
            burst: None,
            loading: None,
            again: false,
        }
    }

    /// How long the event loop may block waiting for a terminal event before calling
    /// [`Live::tick`]; `None` when nothing can happen without one (no watcher, nothing
    /// pending), so an idle dashboard over the bundled seeds never wakes up.
    pub fn timeout(&self) -> Option<Duration> {
        if self.loading.is_some() {
            return Some(LOADING_TICK);
        }
        if let Some((first, last)) = self.burst {
            let due = (last + DEBOUNCE).min(first + MAX_DELAY);
            return Some(due.saturating_duration_since(Instant::now()).min(IDLE_TICK));
        }
        match self.watch {
            Watch::Off => None,
            Watch::Starting(_) | Watch::Running(_) => Some(IDLE_TICK),
        }
    }

    /// Asks for a reload now (after the editor), watched or not.
    pub fn reload_now(&mut self) {
        if self.paths.is_empty() {
            return;
        }
        let now = Instant::now();
        self.burst = Some((now - MAX_DELAY, now - DEBOUNCE));
    }

    /// Notes events, starts a reload when a burst has settled, and swaps in a finished one.
    /// Returns whether the screen should be redrawn.
    pub fn tick(&mut self, app: &mut App) -> bool {
        let mut redraw = false;
        if let Watch::Starting(h) = &self.watch
            && h.is_finished()
        {
            let Watch::Starting(h) = std::mem::replace(&mut self.watch, Watch::Off) else {
                unreachable!()
            };
            match h.join() {
                Ok(Ok(w)) => self.watch = Watch::Running(w),
                Ok(Err(e)) => {
                    app.corpus.notices.push(Notice {
                        kind: NoticeKind::Warning,
                        path: self
                            .paths
                            .iter()
                            .map(|p| crate::ingest::display(p))
                            .collect::<Vec<_>>()
                            .join(", "),
                        reason: format!("not watched for changes (live reload is off): {e}"),
                    });
                    app.message = Some("live reload is off (! details)".into());
                    redraw = true;
                }
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        let now = Instant::now();
        if self.dirty.swap(false, Ordering::Relaxed) {
            if self.loading.is_some() {
                self.again = true;
            } else {
                let first = self.burst.map_or(now, |(f, _)| f);
                self.burst = Some((first, now));
            }
        }
        if let Some(loader) = self.loading.take_if(|l| l.is_finished()) {
            match loader.finish() {
                Ok((corpus, indexing)) => {
                    app.replace_corpus(with_missing(corpus, &self.paths));
                    app.text.pending = Some(indexing);
                    redraw = true;
                }
                Err(e) => {
                    app.message = Some(format!("reload failed: {e}"));
                    redraw = true;
                }
            }
            if std::mem::take(&mut self.again) {
                self.burst = Some((now, now));
            }
        }
        if let Some((first, last)) = self.burst
            && self.loading.is_none()
            && (now >= last + DEBOUNCE || now >= first + MAX_DELAY)
        {
            self.burst = None;
            self.start_reload(app, &mut redraw);
        }
        redraw
    }

    fn start_reload(&mut self, app: &mut App, redraw: &mut bool) {
        // A named path that is gone is no reason to stop: load the others (all gone: nothing).
        let present: Vec<PathBuf> = self
            .paths
            .iter()
            .filter(|p| std::fs::symlink_metadata(p).is_ok())
            .cloned()
            .collect();
        if present.is_empty() {
            let empty = Corpus {
                lexicon: app.corpus.lexicon.clone(),
                ..Corpus::default()
            };
            app.replace_corpus(with_missing(empty, &self.paths));
            *redraw = true;
            return;
        }
        self.loading = Some(Loader::start(present, app.corpus.lexicon.clone()));
    }
}

/// Adds a notice for each named path that no longer exists.
fn with_missing(mut corpus: Corpus, paths: &[PathBuf]) -> Corpus {
    for p in paths {
        if std::fs::symlink_metadata(p).is_err() {
            corpus.notices.push(Notice {
                kind: NoticeKind::Skipped,
                path: crate::ingest::display(p),
                reason: "no longer exists".into(),
            });
        }
    }
    corpus
}

/// Creates the watcher and watches each root; relevant events set `dirty`.
fn watch(roots: Vec<Root>, dirty: Arc<AtomicBool>) -> notify::Result<notify::RecommendedWatcher> {
    let filter = roots.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let hit = match res {
            Ok(e) => relevant(&e.kind, &e.paths, &filter),
            Err(_) => true,
        };
        if hit {
            dirty.store(true, Ordering::Relaxed);
        }
    })?;
    for root in &roots {
        match root {
            Root::Dir(d) => watcher.watch(d, RecursiveMode::Recursive)?,
            Root::File(f) => match f.parent() {
                Some(dir) => watcher.watch(dir, RecursiveMode::NonRecursive)?,
                None => watcher.watch(f, RecursiveMode::NonRecursive)?,
            },
        }
    }
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RemoveKind};

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn editor_droppings_and_reads_are_ignored() {
        let roots = [Root::Dir(p("/b")), Root::File(p("/one/x.md"))];
        let create = EventKind::Create(CreateKind::File);
        let yes = |path: &str| relevant(&create, &[p(path)], &roots);
        assert!(yes("/b/new.txt"));
        assert!(yes("/b/sub/new.json"));
        assert!(yes("/b/moved-in-folder"), "a folder may hold briefings");
        assert!(yes("/one/x.md"));
        assert!(!yes("/one/other.md"), "only the named file in its folder");
        assert!(!yes("/b/.x.txt.swp"));
        assert!(!yes("/b/.git/index"));
        assert!(!yes("/b/.hidden/a.txt"));
        assert!(!yes("/b/x.txt~"));
        assert!(!yes("/b/#x.txt#"));
        assert!(!yes("/b/x.txt.tmp"));
        assert!(!yes("/elsewhere/a.txt"));

        let path = [p("/b/a.txt")];
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let written = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(!relevant(&open, &path, &roots), "loading opens files");
        assert!(!relevant(&read, &path, &roots));
        assert!(relevant(&written, &path, &roots));
        let modify = EventKind::Modify(ModifyKind::Any);
        assert!(relevant(&modify, &path, &roots));
        assert!(relevant(
            &EventKind::Remove(RemoveKind::File),
            &path,
            &roots
        ));
        assert!(relevant(&EventKind::Other, &[], &roots), "lost track");
    }

    #[test]
    fn nothing_to_watch_never_wakes_the_loop() {
        let live = Live::start(&[]);
        assert_eq!(live.timeout(), None);
    }
}
