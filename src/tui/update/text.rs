//! The filter in the documents' text: the text matches added after each search, their
//! snippets for the rows on screen, the reader's hits in an open text match, and the index
//! swapped in when its worker is done.

use super::super::app::{App, Match};
use super::super::textsearch::{Indexing, TEXT_ROWS, TextRow};
use crate::fulltext::{TextFilter, TextIndex};
use crate::keys::Pane;
use crate::library::{Notice, NoticeKind};
use crate::query::{DocHit, Results};

/// What the notices name a full-text index problem by.
const INDEX_NOTICE_PATH: &str = "full-text index";

impl App {
    /// The text query of the current filter; call when the query changes.
    pub(super) fn set_text_filter(&mut self) {
        self.text.filter = TextFilter::new(&self.query);
    }

    /// Appends to `results.docs` the documents that match only in their text, best first, once
    /// every title and takeaway match is listed and counted (they come after all of those),
    /// and records them as `text.rows`. Nothing without an index or a text word.
    pub(super) fn add_text_rows(&mut self, results: &mut Results) {
        self.text.rows.clear();
        let (Some(index), Some(filter)) = (&self.text.index, &self.text.filter) else {
            return;
        };
        if !results.all_listed() {
            return;
        }
        let mut listed = vec![false; self.corpus.documents.len()];
        for h in &results.docs {
            if let Some(l) = listed.get_mut(h.doc) {
                *l = true;
            }
        }
        let found = filter.matches(
            index,
            &self.corpus,
            self.searcher.facts(),
            &|d| listed[d],
            TEXT_ROWS,
            0,
        );
        for m in found {
            results.docs.push(DocHit {
                doc: m.doc,
                score: 0,
                title_positions: Vec::new(),
            });
            self.text.rows.push(TextRow {
                doc: m.doc,
                score: m.score,
                snippet: None,
            });
        }
    }

    /// Finds the snippets of the text matches on screen that have none yet (from the list's
    /// first visible row down, as far as the pane reaches).
    pub(super) fn fill_text_snippets(&mut self) {
        let Some(filter) = &self.text.filter else {
            return;
        };
        if self.text.rows.is_empty() {
            return;
        }
        let inner = self.pane_inner(Pane::List);
        let mut y = 0;
        let mut i = self.list.offset;
        while y < usize::from(inner.height) && i < self.results.docs.len() {
            y += self.list_item_height(i, inner.width);
            if let Some(j) = i.checked_sub(self.results.matched_docs)
                && let Some(row) = self.text.rows.get(j)
                && row.snippet.is_none()
            {
                let doc = &self.corpus.documents[row.doc];
                let snippet = filter.best_snippet_text(doc);
                self.text.rows[j].snippet = Some(snippet);
            }
            i += 1;
        }
    }

    /// Whether the document in the reader is listed as a text match.
    pub(super) fn reader_is_text_match(&self) -> bool {
        self.reader
            .doc
            .is_some_and(|d| self.text.rows.iter().any(|r| r.doc == d))
    }

    /// The full-text hits in the reader's document, in reading order.
    pub(super) fn text_hits(&self) -> Vec<Match> {
        let (Some(filter), Some(doc)) = (&self.text.filter, self.reader_doc()) else {
            return Vec::new();
        };
        filter
            .hits(doc)
            .into_iter()
            .map(|s| Match {
                block: s.block,
                range: s.range,
            })
            .collect()
    }

    /// Takes the index the worker built, if it is done, and lists the text matches it finds
    /// for the query typed meanwhile. Returns whether the screen changed.
    pub fn poll_text_index(&mut self) -> bool {
        let Some(built) = self.text.pending.as_ref().and_then(Indexing::try_take) else {
            return false;
        };
        self.text.pending = None;
        let Some(built) = built else {
            self.message = Some("full-text index failed: filtering titles and takeaways".into());
            return true;
        };
        if let Some(reason) = built.warning {
            self.corpus.notices.retain(|n| n.path != INDEX_NOTICE_PATH);
            self.corpus.notices.push(Notice {
                kind: NoticeKind::Warning,
                path: INDEX_NOTICE_PATH.into(),
                reason,
            });
        }
        self.set_text_index(built.index);
        true
    }

    /// Uses `index` (of the corpus shown) from now on, and runs the filter again if it has
    /// words to look for in the text.
    pub fn set_text_index(&mut self, index: TextIndex) {
        self.text.index = Some(index);
        if self.text.filter.is_some() {
            self.run_query();
            self.sync();
        }
    }

    /// Builds the index of the corpus shown in memory, now, on this thread (tests; the event
    /// loop builds it on a worker, see [`Indexing`]).
    pub fn index_text_now(&mut self) {
        self.text.pending = None;
        let index = TextIndex::build(&self.corpus.documents);
        self.set_text_index(index);
    }
}
