//! The corpus loading on a worker thread while the dashboard shows its gauge; live reload
//! starts one again. Once loaded, the same worker hands a copy of the documents to another
//! that brings the full-text index up to date, so the dashboard starts without waiting for it.

use std::sync::Arc;

use super::textsearch::{Indexing, for_index};
use crate::library::{Corpus, LoadError, LoadOptions, Progress};

/// Loading on a worker thread, with counters the gauge reads and a flag `q` sets.
pub struct Loader {
    handle: std::thread::JoinHandle<Result<(Corpus, Indexing), LoadError>>,
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
            // The links pane shows them in the first frame, but `App` decodes them beside
            // the facts: during the load they would compete with its parse for the cores.
            ..LoadOptions::default()
        };
        let named = paths.clone();
        let handle = std::thread::spawn(move || {
            let corpus = if paths.is_empty() {
                crate::library::seeds::bundled_with(&opts)
            } else {
                crate::library::load_paths(&paths, &opts)?
            };
            let location = crate::fulltext::location_for(&paths, opts.cache.as_deref());
            let docs = corpus.documents.iter().map(for_index).collect();
            let indexing = Indexing::start(docs, corpus.stamp, location);
            Ok((corpus, indexing))
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

    /// Waits for the result: the corpus, and its full-text index on its way. A panic while
    /// loading is re-raised here.
    pub fn finish(self) -> Result<(Corpus, Indexing), LoadError> {
        self.handle
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    }
}
