//! The dashboard's full-text side: the index of the corpus shown, built or synced on a worker
//! after each load (so filtering works as before until it is ready), the text query the
//! filter implies, and the list rows of the documents that match only in their text.
//!
//! Plain state: [`App::update`](super::App::update) fills it (see `update/text.rs`), drawing
//! reads it. No index query or file read happens while drawing.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::fulltext::{Location, SnippetText, TextFilter, TextIndex};
use crate::library::FilesStamp;
use crate::model::Document;

/// Most text matches listed after the title and takeaway matches.
pub const TEXT_ROWS: usize = 200;

/// A list row of a document that matches only in its text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRow {
    /// Corpus index of the document.
    pub doc: usize,
    /// Its BM25 score in this search.
    pub score: f32,
    /// Its best snippet as one safe line: `None` until the row is on screen (snippets cost a
    /// pass over the body, so only visible rows get one), `Some(None)` when its body has no
    /// hit (the word is in its byline or source).
    pub snippet: Option<Option<SnippetText>>,
}

/// What the index needs of `d`: everything but its takeaways and themes, which are most of
/// what a copy of a lazily loaded document costs (the copy is made before the dashboard gets
/// its corpus, so it delays the first frame: about 15 ms at 10,000 documents rather than 60).
pub fn for_index(d: &Document) -> Document {
    Document {
        id: d.id.clone(),
        path: d.path.clone(),
        path_display: d.path_display.clone(),
        title: d.title.clone(),
        standfirst: d.standfirst.clone(),
        byline: d.byline.clone(),
        contact: None,
        date: d.date,
        lang: d.lang.clone(),
        url: None,
        source: d.source.clone(),
        format: d.format,
        blocks: d.blocks.clone(),
        stored_blocks: d.stored_blocks.clone(),
        takeaways: Vec::new(),
        themes: Vec::new(),
        version: d.version,
    }
}

/// An index being built or synced on a worker thread.
pub struct Indexing {
    rx: Receiver<Built>,
}

/// What the worker hands back.
pub struct Built {
    /// The index, in step with the documents it was given.
    pub index: TextIndex,
    /// Why the index is in memory although a folder was asked for, if it is.
    pub warning: Option<String>,
}

impl Indexing {
    /// Syncs the index at `location` with `docs` (a copy of a load's documents, whose files
    /// had `stamp`) on a new thread.
    pub fn start(docs: Vec<Document>, stamp: Option<FilesStamp>, location: Location) -> Indexing {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let (index, stats, warning) = TextIndex::sync(location, &docs, stamp);
            tracing::info!(
                ms = started.elapsed().as_millis() as u64,
                added = stats.added,
                kept = stats.kept,
                deleted = stats.deleted,
                "full-text index ready"
            );
            let _ = tx.send(Built { index, warning });
        });
        Indexing { rx }
    }

    /// The built index once it is there; `Some(None)` if the worker died without one.
    pub fn try_take(&self) -> Option<Option<Built>> {
        match self.rx.try_recv() {
            Ok(b) => Some(Some(b)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

/// The full-text state of the dashboard.
#[derive(Default)]
pub struct TextSearch {
    /// The index of the corpus shown; `None` until it is built (and after a reload, until the
    /// new corpus's is).
    pub index: Option<TextIndex>,
    /// The worker building the next one.
    pub pending: Option<Indexing>,
    /// The text query the filter implies; `None` when it has no text word.
    pub filter: Option<TextFilter>,
    /// The text matches listed, in list order: they are `results.docs` from
    /// `results.matched_docs` on.
    pub rows: Vec<TextRow>,
}

impl TextSearch {
    /// Whether an index is on its way (the event loop then wakes up to look for it).
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }
}
