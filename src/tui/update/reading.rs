//! Reading state from the dashboard's side: marking read, starring, remembering and restoring
//! the reader's place, and saving when something changed.

use super::super::app::App;
use super::super::wrap::Source;
use crate::keys::Pane;
use crate::query::StateFacts;
use crate::query::TermKind;
use crate::state::Place;

impl App {
    /// Records the reader's place and saves the reading state if anything changed since the
    /// last save; the status line shows a failure until a later save succeeds. Called after
    /// each action that marks or stars, and by the event loop at quit. Returns the error, if
    /// any, worded for the user.
    pub fn save_state(&mut self) -> Option<String> {
        self.record_place();
        if !self.store.is_dirty() {
            return None;
        }
        match self.store.save() {
            Ok(saved) => {
                self.state_alert = None;
                self.state_warnings(saved.warnings);
                if saved.merged_from_disk {
                    // Marks from another window: shown at once, filtered by at the next query.
                    self.refresh_state_facts(false);
                }
                None
            }
            Err(e) => {
                let msg = format!("reading state NOT saved: {e}");
                self.state_alert = Some(msg.clone());
                Some(msg)
            }
        }
    }

    /// Hands the searcher a snapshot of the reading state. With `rerun`, a query that asks
    /// about the state (`is:starred`, ...) is run again so the panes follow at once.
    pub(crate) fn refresh_state_facts(&mut self, rerun: bool) {
        let facts = StateFacts::new(self.facts_base.clone(), &self.corpus, self.store.state());
        self.searcher.set_facts(Box::new(facts));
        let asks = self
            .query
            .groups()
            .iter()
            .flatten()
            .any(|t| matches!(t.kind, TermKind::Flag(_)));
        if rerun && asks {
            self.run_query();
        }
    }

    /// Marks the document in the reader read, when it is opened (`Enter`) or a takeaway's
    /// source is shown in it. The query is not re-run, so a document opened from an
    /// `is:unread` list stays there until the filter changes.
    pub(super) fn mark_open_read(&mut self) {
        let Some(id) = self.reader_doc().map(|d| d.id.clone()) else {
            return;
        };
        if self.store.mark_read(&id) {
            self.save_pending = true;
            self.refresh_state_facts(false);
        }
    }

    /// `s`: stars the takeaway selected in the takeaways pane, or unstars it.
    pub(super) fn toggle_star(&mut self) {
        let Some(spot) = self.selected_spot() else {
            self.message = Some("no takeaway to star".into());
            return;
        };
        let doc = &self.corpus.documents[spot.doc];
        let (id, total) = (doc.takeaways[spot.takeaway].id.clone(), doc.takeaways.len());
        let on = self.store.toggle_star(&id);
        self.message = Some(format!(
            "{} takeaway {}/{total}",
            if on { "★ starred" } else { "unstarred" },
            spot.takeaway + 1
        ));
        self.save_pending = true;
        self.refresh_state_facts(true);
    }

    /// Notes the reader's document and top line in the store (not saved by itself).
    pub(super) fn record_place(&mut self) {
        let Some(doc) = self.reader_doc().map(|d| d.id.clone()) else {
            return;
        };
        let line = self.reader.scroll;
        let mut place = Place {
            doc,
            line,
            ..Place::default()
        };
        if let Some(w) = self.wrapped() {
            let below = w.lines.get(line..).unwrap_or_default().iter();
            if let Some((above, b, offset)) = below.enumerate().find_map(|(k, l)| match l.source {
                Source::Block(b) => Some((k, b, l.range.start)),
                _ => None,
            }) {
                (place.above, place.block, place.offset) = (above, Some(b), offset);
            }
        }
        self.store.set_place(place);
    }

    /// Selects the document reading stopped in last time and scrolls the reader back to the
    /// same text, if that document is still loaded (and the filter, empty at start, shows it).
    pub(crate) fn restore_place(&mut self) {
        let Some(place) = self.store.state().last.clone() else {
            return;
        };
        if let Some(doc) = self.corpus.documents.iter().position(|d| d.id == place.doc) {
            self.ensure_listed(doc);
        }
        let Some(row) = self
            .results
            .docs
            .iter()
            .position(|h| self.corpus.documents[h.doc].id == place.doc)
        else {
            return;
        };
        self.list.selected = row;
        self.selection_changed(false);
        self.ensure_wrapped();
        let line = place
            .block
            .and_then(|b| self.wrapped()?.line_of(b, place.offset))
            .map_or(place.line, |l| l.saturating_sub(place.above));
        self.reader.scroll = line.min(self.max_scroll());
        self.focus = Pane::Reader;
        self.message = Some("back where you left off".into());
    }
}
