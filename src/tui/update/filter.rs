//! The filter as the dashboard runs it: the query on every keystroke, ranking only what is
//! listed, the selected document's takeaways and query matches, and themes from the pop-up.

use super::super::app::App;
use super::super::app::LIST_BATCH;
use super::super::app::Match;
use super::super::app::ShownTakeaway;
use crate::keys::Pane;
use crate::query::Query;
use crate::query::Results;
use crate::query::find_literal;

/// Documents up to this much text get their query matches found on every keystroke (so the
/// reader can show a count); longer ones only when `n`/`N` asks.
const EAGER_MATCH_BYTES: usize = 256 * 1024;

/// Texts [`App::count_matches`] tests per call: a few milliseconds over two cores.
const COUNT_STEP: usize = 1 << 16;

impl App {
    pub(super) fn clear_filter(&mut self) {
        self.filter.input.clear();
        self.filter.cursor = 0;
        self.run_query();
    }

    /// Re-runs the query after the filter text changed, keeping the selected document if it
    /// still matches.
    pub(crate) fn run_query(&mut self) {
        let before = self.selected_doc();
        self.query = Query::parse(&self.filter.input);
        self.highlight_words = self.query.highlight_words();
        self.query_notes = self.searcher.notes(&self.query);
        self.set_text_filter();
        self.list_k = LIST_BATCH;
        self.results = self.search(self.list_k);
        self.list.selected = before
            .and_then(|d| self.results.docs.iter().position(|h| h.doc == d))
            .unwrap_or(0);
        if before.is_none() || self.selected_doc() != before {
            self.list.offset = 0;
        }
        self.selection_changed(true);
    }

    /// The current query's results with the best `k` documents listed, then the documents
    /// that match only in their text (once all the others are listed). The empty query lists
    /// everything: that costs no matching, and `G` or a restored place can reach any document.
    pub(super) fn search(&mut self, k: usize) -> Results {
        let k = if self.query.is_empty() { usize::MAX } else { k };
        let mut results = self.searcher.search_top(&self.corpus, &self.query, k);
        self.add_text_rows(&mut results);
        results
    }

    /// Lists at least `upto + 1` documents (all of them for `usize::MAX`) when more match than
    /// are listed. Asking again for the same query only re-ranks what it matched, so this is
    /// cheap next to the keystroke that produced the results. The selection stays on its row:
    /// a larger top `k` is an extension of the smaller one.
    pub fn list_more(&mut self, upto: usize) {
        if self.results.all_listed() || upto < self.results.docs.len() {
            return;
        }
        self.list_k = upto
            .saturating_add(1)
            .max(self.list_k.saturating_mul(2))
            .max(LIST_BATCH);
        self.results = self.search(self.list_k);
    }

    /// Whether the counts shown are still lower bounds (the event loop then calls
    /// [`App::count_matches`] whenever no key is waiting).
    pub fn counting(&self) -> bool {
        self.results.partial_counts
    }

    /// Counts more of the matches the last search left uncounted (over a large corpus a
    /// keystroke lists the best matches and counts only what it tested); returns whether the
    /// screen changed, i.e. the counts are exact now. Each call takes a few milliseconds, so
    /// a key pressed meanwhile is not kept waiting. The list itself does not change, except
    /// that the documents matching only in their text follow once every other match turns out
    /// to be listed.
    pub fn count_matches(&mut self) -> bool {
        if !self.results.partial_counts {
            return false;
        }
        let Some(counts) = self
            .searcher
            .count_more(&self.corpus, &self.query, COUNT_STEP)
        else {
            return false;
        };
        let mut results = std::mem::take(&mut self.results);
        results.matched_docs = counts.matched_docs;
        results.matched_takeaways = counts.matched_takeaways;
        results.partial_counts = false;
        self.add_text_rows(&mut results);
        self.results = results;
        true
    }

    /// Lists `doc` if it matches the query but is beyond the listed top `k`.
    pub(super) fn ensure_listed(&mut self, doc: usize) {
        if !self.results.docs.iter().any(|h| h.doc == doc) {
            self.list_more(usize::MAX);
        }
    }

    /// Brings the reader and the takeaways pane in line with the list's selection.
    pub(super) fn selection_changed(&mut self, query_changed: bool) {
        let doc = self.selected_doc();
        let doc_changed = doc != self.reader.doc;
        if doc_changed {
            self.reader.doc = doc;
            self.reader.scroll = 0;
            self.reader.active_takeaway = None;
            self.load_reader_blocks();
        }
        if doc_changed || query_changed {
            self.reader.current_match = None;
            self.reader.text_hits = self.reader_is_text_match();
            let size: usize = self
                .reader_doc()
                .map_or(0, |d| d.blocks.iter().map(|b| b.text.len()).sum());
            self.reader.matches = (size <= EAGER_MATCH_BYTES).then(|| self.find_matches());
            let previous = self
                .shown_takeaways
                .get(self.takeaways.selected)
                .map(|s| s.takeaway);
            self.shown_takeaways = self.takeaways_of(doc);
            self.takeaways.selected = previous
                .filter(|_| !doc_changed)
                .and_then(|p| self.shown_takeaways.iter().position(|s| s.takeaway == p))
                .unwrap_or(0);
            self.takeaways.offset = 0;
            self.links = Default::default();
        }
    }

    pub(super) fn takeaways_of(&self, doc: Option<usize>) -> Vec<ShownTakeaway> {
        let Some(d) = doc else {
            return Vec::new();
        };
        if self.query.is_empty() {
            let n = self.corpus.documents[d].takeaways.len();
            return (0..n)
                .map(|takeaway| ShownTakeaway {
                    takeaway,
                    positions: Vec::new(),
                })
                .collect();
        }
        self.results
            .takeaways
            .iter()
            .filter(|t| t.doc == d)
            .map(|t| ShownTakeaway {
                takeaway: t.takeaway,
                positions: t.positions.clone(),
            })
            .collect()
    }

    pub(super) fn find_matches(&self) -> Vec<Match> {
        if self.reader.text_hits {
            return self.text_hits();
        }
        let words = &self.highlight_words;
        let Some(doc) = self.reader_doc() else {
            return Vec::new();
        };
        if words.is_empty() {
            return Vec::new();
        }
        doc.blocks
            .iter()
            .enumerate()
            .flat_map(|(block, b)| {
                find_literal(&b.text, words)
                    .into_iter()
                    .map(move |range| Match { block, range })
            })
            .collect()
    }

    pub(super) fn step_match(&mut self, next: bool) {
        let matches = match self.reader.matches.take() {
            Some(m) => m,
            None => self.find_matches(),
        };
        self.step_match_in(&matches, next);
        self.reader.matches = Some(matches);
    }

    /// Puts the reader on the first text hit, highlighted (`Enter` on a text match).
    pub(super) fn first_text_hit(&mut self) {
        self.reader.current_match = None;
        let matches = match self.reader.matches.take() {
            Some(m) => m,
            None => self.find_matches(),
        };
        if !matches.is_empty() {
            self.show_match(&matches, 0);
        }
        self.reader.matches = Some(matches);
    }

    pub(super) fn step_match_in(&mut self, matches: &[Match], next: bool) {
        let n = matches.len();
        if n == 0 {
            self.message = Some(if self.query.highlight_words().is_empty() {
                "no query: press / to type one".into()
            } else if self.reader.text_hits {
                "no hit in this document's body".into()
            } else {
                "no match in this document".into()
            });
            return;
        }
        let i = match self.reader.current_match {
            Some(i) if next => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => {
                // Start from what is on screen: the first match from its top, or the last up
                // to its bottom.
                let top = self.reader.scroll;
                let bottom = top + usize::from(self.pane_inner(Pane::Reader).height);
                let line_of = |m: &Match| {
                    self.wrapped()
                        .and_then(|w| w.line_of(m.block, m.range.start))
                        .unwrap_or(0)
                };
                let ms = matches;
                if next {
                    ms.iter().position(|m| line_of(m) >= top).unwrap_or(0)
                } else {
                    ms.iter()
                        .rposition(|m| line_of(m) < bottom)
                        .unwrap_or(n - 1)
                }
            }
        };
        self.show_match(matches, i);
    }

    /// Makes match `i` the current one and scrolls it into view, saying which it is.
    fn show_match(&mut self, matches: &[Match], i: usize) {
        self.reader.current_match = Some(i);
        let m = &matches[i];
        if let Some(line) = self
            .wrapped()
            .and_then(|w| w.line_of(m.block, m.range.start))
        {
            self.show_line(line);
        }
        let what = if self.reader.text_hits {
            "hit"
        } else {
            "match"
        };
        self.message = Some(format!("{what} {}/{}", i + 1, matches.len()));
    }

    /// Puts `#id` of the selected theme in the filter (replacing any other theme term).
    pub(super) fn apply_theme(&mut self) {
        let Some(row) = self.theme_rows.get(self.theme_selected) else {
            return;
        };
        let mut words: Vec<&str> = self
            .filter
            .input
            .split_whitespace()
            .filter(|w| !w.starts_with('#'))
            .collect();
        let term = format!("#{}", row.id);
        words.push(&term);
        self.filter.input = words.join(" ");
        self.filter.cursor = self.filter.input.len();
        self.overlay = None;
        self.run_query();
    }
}
