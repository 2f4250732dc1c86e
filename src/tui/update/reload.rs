//! A corpus loaded again (live reload, after the editor) swapped in without losing the reader's
//! place.

use std::collections::HashMap;
use std::sync::Arc;

use super::super::app::App;
use super::super::app::LIST_BATCH;
use super::super::app::Overlay;
use super::super::app::Reloaded;
use super::super::app::STATE_NOTICE_PATH;
use super::super::app::Spot;
use super::super::wrap::Source;
use super::super::wrap::WrapCache;
use crate::library::Corpus;
use crate::query::CorpusFacts;
use crate::query::Query;
use crate::query::Searcher;

impl App {
    /// Swaps in a corpus loaded again from the same paths (live reload, or after the editor)
    /// without losing the reader's place: the selected document, the reader's position, and
    /// the takeaway and link selections stay where they still exist. Documents are matched by
    /// file path (and order within the file), else by id (a renamed file); a selected document
    /// that is gone gives way to the one now in its row. The filter is run again on the new
    /// corpus, and the status line says what changed. Reading-state notices are kept: they are
    /// not the corpus's.
    pub fn replace_corpus(&mut self, mut corpus: Corpus) -> Reloaded {
        // Where each old document is in the new corpus.
        let key = |docs: &[crate::model::Document]| {
            let mut nth: HashMap<&std::path::Path, usize> = HashMap::new();
            docs.iter()
                .map(|d| {
                    let n = nth.entry(d.path.as_path()).or_default();
                    *n += 1;
                    (d.path.clone(), *n)
                })
                .collect::<Vec<_>>()
        };
        let (old_keys, new_keys) = (key(&self.corpus.documents), key(&corpus.documents));
        let new_at: HashMap<&(std::path::PathBuf, usize), usize> =
            new_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let new_by_id: HashMap<&str, usize> = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let mut summary = Reloaded::default();
        let mut matched = vec![false; corpus.documents.len()];
        let remap: Vec<Option<usize>> = old_keys
            .iter()
            .zip(&self.corpus.documents)
            .map(|(k, d)| match new_at.get(k) {
                Some(&i) => {
                    matched[i] = true;
                    if corpus.documents[i].id != d.id {
                        summary.changed += 1;
                    }
                    Some(i)
                }
                None => {
                    summary.removed += 1;
                    new_by_id.get(d.id.as_str()).copied()
                }
            })
            .collect();
        summary.added = matched.iter().filter(|m| !**m).count();
        summary.new_notices = corpus
            .notices
            .iter()
            .filter(|n| !self.corpus.notices.contains(n))
            .count();
        corpus.notices.extend(
            self.corpus
                .notices
                .iter()
                .filter(|n| {
                    n.path == STATE_NOTICE_PATH
                        || n.path
                            .starts_with(super::super::fetching::FEED_NOTICE_PREFIX)
                })
                .cloned(),
        );

        // What to find again, named by content rather than position.
        let old_row = self.list.selected;
        let old_reader = self.reader.doc;
        let old_id = self.reader_doc().map(|d| d.id.clone());
        let takeaway_text = |app: &App, t: usize| {
            app.reader_doc()
                .and_then(|d| d.takeaways.get(t))
                .map(|t| t.text.clone())
        };
        let selected_takeaway = self
            .shown_takeaways
            .get(self.takeaways.selected)
            .and_then(|s| takeaway_text(self, s.takeaway));
        let active_takeaway = self
            .reader
            .active_takeaway
            .and_then(|t| takeaway_text(self, t));
        let selected_link = self.shown_links().get(self.links.selected).map(|l| {
            let (doc, t) = self.corpus.links.target(l);
            let text = self.corpus.documents[doc].takeaways[t].text.clone();
            (remap[doc], text)
        });
        let (old_takeaway_row, old_link_row) = (self.takeaways.selected, self.links.selected);
        let old_scroll = self.reader.scroll;
        // The block at the top of the reader, by index and text, and the offset shown.
        let top = self.wrapped().and_then(|w| {
            let (b, at) = w
                .lines
                .get(old_scroll..)?
                .iter()
                .find_map(|l| match l.source {
                    Source::Block(b) => Some((b, l.range.start)),
                    _ => None,
                })?;
            Some((b, self.reader_doc()?.blocks.get(b)?.text.clone(), at))
        });

        self.corpus = corpus;
        // The index numbers the old corpus's documents; the new one's comes from a worker.
        self.text.index = None;
        self.text.pending = None;
        let cache = crate::library::cache::default_dir();
        self.searcher = Searcher::with_facts_in(
            &self.corpus,
            Box::new(crate::query::NoFacts),
            cache.as_deref(),
        );
        self.facts_base = Arc::new(CorpusFacts::new(&self.corpus));
        self.refresh_state_facts(false);
        self.reader.cache = WrapCache::default();
        let keep = |spots: &mut Vec<Spot>, corpus: &Corpus| {
            spots.retain_mut(|s| match remap.get(s.doc).copied().flatten() {
                Some(d) if s.takeaway < corpus.documents[d].takeaways.len() => {
                    s.doc = d;
                    true
                }
                _ => false,
            });
        };
        keep(&mut self.history.back, &self.corpus);
        keep(&mut self.history.forward, &self.corpus);
        if self.overlay == Some(Overlay::Themes) {
            self.theme_rows = super::theme_rows(&self.corpus);
        }

        self.query = Query::parse(&self.filter.input);
        self.highlight_words = self.query.highlight_words();
        self.query_notes = self.searcher.notes(&self.query);
        self.set_text_filter();
        self.list_k = LIST_BATCH;
        self.results = self.search(self.list_k);
        let reader = old_reader.and_then(|d| remap[d]);
        if let Some(d) = reader {
            self.ensure_listed(d);
        }
        self.list.selected = reader
            .and_then(|d| self.results.docs.iter().position(|h| h.doc == d))
            .unwrap_or(old_row);
        self.list.selected = self
            .list
            .selected
            .min(self.results.docs.len().saturating_sub(1));
        let same = self.selected_doc().is_some() && self.selected_doc() == reader;
        // The same document stays open (no reset of its scroll); any other is opened afresh.
        self.reader.doc = if same { reader } else { None };
        // The new corpus may have left the open document's body in the index.
        self.load_reader_blocks();
        self.selection_changed(true);
        if same {
            let text_at = |app: &App, text: &Option<String>| {
                let d = app.reader_doc()?;
                let text = text.as_ref()?;
                d.takeaways.iter().position(|t| &t.text == text)
            };
            let unchanged = self.reader_doc().map(|d| &d.id) == old_id.as_ref();
            self.reader.active_takeaway = text_at(self, &active_takeaway);
            self.takeaways.selected = text_at(self, &selected_takeaway)
                .and_then(|t| self.shown_takeaways.iter().position(|s| s.takeaway == t))
                .unwrap_or(old_takeaway_row);
            self.ensure_wrapped();
            self.reader.scroll = match top {
                // An edited document keeps the text at the top of the reader there: the same
                // block text nearest where it was, else whatever block now has its number.
                Some((b, text, at)) if !unchanged => self
                    .reader_doc()
                    .and_then(|d| {
                        let same = d.blocks.iter().enumerate().filter(|(_, x)| x.text == text);
                        match same.min_by_key(|(i, _)| i.abs_diff(b)) {
                            Some((i, _)) => Some((i, at)),
                            None => Some((b, at.min(d.blocks.get(b)?.text.len()))),
                        }
                    })
                    .and_then(|(b, at)| self.wrapped()?.line_of(b, at))
                    .unwrap_or(old_scroll),
                _ => old_scroll,
            };
            self.links.selected = selected_link
                .and_then(|(doc, text)| {
                    self.shown_links().iter().position(|l| {
                        let (d, t) = self.corpus.links.target(l);
                        Some(d) == doc && self.corpus.documents[d].takeaways[t].text == text
                    })
                })
                .unwrap_or(old_link_row);
        }
        self.sync();
        if let Some(message) = self.after_reload.take() {
            self.message = Some(message);
        } else if !summary.is_empty() {
            self.message = Some(summary.message());
        }
        summary
    }
}
