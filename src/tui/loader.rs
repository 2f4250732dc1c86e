//! The corpus loading on a worker thread while the dashboard shows its gauge; live reload
//! starts one again.

use std::sync::Arc;

use crate::library::{Corpus, LoadError, LoadOptions, Progress};

/// Loading on a worker thread, with counters the gauge reads and a flag `q` sets.
pub struct Loader {
    handle: std::thread::JoinHandle<Result<Corpus, LoadError>>,
    pub(super) progress: Arc<Progress>,
    /// What is being loaded (empty: the bundled seeds), for live reload to load again.
    pub(super) paths: Vec<std::path::PathBuf>,
    /// When loading began, for the log's start-up time.
    pub(super) started: std::time::Instant,
}

impl Loader {
    /// Starts loading `paths` (the bundled seeds when empty) in the background.
    pub fn start(
        paths: Vec<std::path::PathBuf>,
        lexicon: Arc<crate::analysis::themes::Lexicon>,
    ) -> Loader {
        let progress = Arc::new(Progress::default());
        let opts = LoadOptions {
            lexicon,
            progress: Some(progress.clone()),
            // The reader reads each document's body when it opens it.
            lazy_blocks: true,
            ..LoadOptions::default()
        };
        let named = paths.clone();
        let handle = std::thread::spawn(move || {
            if paths.is_empty() {
                Ok(crate::library::seeds::bundled_with(&opts))
            } else {
                crate::library::load_paths(&paths, &opts)
            }
        });
        Loader {
            handle,
            progress,
            paths: named,
            started: std::time::Instant::now(),
        }
    }

    /// Whether loading is done (then [`Loader::finish`] does not block).
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the result; a panic while loading is re-raised here.
    pub fn finish(self) -> Result<Corpus, LoadError> {
        self.handle
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    }
}
