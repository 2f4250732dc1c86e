//! Following links and the history they leave: opening what is selected, jumping to a takeaway's
//! source or a linked takeaway, and going back and forward.

use super::super::app::App;
use super::super::app::HISTORY_LIMIT;
use super::super::app::Spot;
use super::super::ui::layout::Mode;
use crate::keys::Pane;

impl App {
    pub(super) fn activate(&mut self) {
        match self.focus {
            Pane::List => {
                if self.reader.doc.is_some() {
                    self.focus = Pane::Reader;
                    self.mark_open_read();
                    if self.reader.text_hits {
                        self.first_text_hit();
                    }
                }
            }
            Pane::Takeaways => {
                let Some(t) = self
                    .shown_takeaways
                    .get(self.takeaways.selected)
                    .map(|s| s.takeaway)
                else {
                    return;
                };
                self.show_source(t);
                if self.areas().mode == Mode::Narrow {
                    self.focus = Pane::Reader;
                }
            }
            Pane::Links => self.follow_link(),
            Pane::Reader => {}
        }
    }

    /// Highlights takeaway `t` of the open document and scrolls the reader to its source.
    pub(super) fn show_source(&mut self, t: usize) {
        self.reader.active_takeaway = Some(t);
        self.mark_open_read();
        let anchor = self
            .reader_doc()
            .and_then(|d| d.takeaways.get(t))
            .map(|t| t.anchor.clone());
        if let Some(a) = anchor {
            self.ensure_wrapped();
            if let Some(line) = self
                .wrapped()
                .and_then(|w| w.line_of(a.block, a.range.start))
            {
                self.show_line(line);
            }
        }
    }

    /// Jumps to the selected link's takeaway, remembering where we were for `Back`.
    pub(super) fn follow_link(&mut self) {
        let (Some(from), Some(link)) = (
            self.selected_spot(),
            self.shown_links().get(self.links.selected),
        ) else {
            self.message = Some("no linked takeaway selected".into());
            return;
        };
        let (doc, takeaway) = self.corpus.links.target(link);
        push_capped(&mut self.history.back, from);
        self.history.forward.clear();
        self.go_to(Spot { doc, takeaway });
    }

    pub(super) fn back(&mut self) -> bool {
        let Some(spot) = self.history.back.pop() else {
            self.message = Some("nothing to go back to: follow a link first (4, Enter)".into());
            return true;
        };
        if let Some(here) = self.selected_spot() {
            push_capped(&mut self.history.forward, here);
        }
        self.go_to(spot);
        true
    }

    pub(super) fn forward(&mut self) -> bool {
        let Some(spot) = self.history.forward.pop() else {
            self.message = Some("nothing to go forward to".into());
            return true;
        };
        if let Some(here) = self.selected_spot() {
            push_capped(&mut self.history.back, here);
        }
        self.go_to(spot);
        true
    }

    /// Selects `spot`'s document and takeaway and shows its source. If the filter hides it,
    /// the filter is cleared (and the status line says so): the jump wins over the filter.
    pub(super) fn go_to(&mut self, spot: Spot) {
        self.ensure_listed(spot.doc);
        let visible = |app: &App| {
            app.results.docs.iter().any(|h| h.doc == spot.doc)
                && (app.query.is_empty()
                    || app
                        .results
                        .takeaways
                        .iter()
                        .any(|t| t.doc == spot.doc && t.takeaway == spot.takeaway))
        };
        if !visible(self) {
            self.clear_filter();
            self.message = Some("filter cleared to show the linked takeaway".into());
        }
        let Some(row) = self.results.docs.iter().position(|h| h.doc == spot.doc) else {
            return;
        };
        self.list.selected = row;
        self.selection_changed(false);
        if let Some(i) = self
            .shown_takeaways
            .iter()
            .position(|s| s.takeaway == spot.takeaway)
        {
            self.takeaways.selected = i;
        }
        self.links = Default::default();
        self.ensure_wrapped();
        self.show_source(spot.takeaway);
        if self.areas().mode == Mode::Narrow {
            self.focus = Pane::Reader;
        }
    }
}

/// Pushes onto a history stack, dropping the oldest entry past [`HISTORY_LIMIT`].
fn push_capped(stack: &mut Vec<Spot>, spot: Spot) {
    if stack.last() != Some(&spot) {
        stack.push(spot);
    }
    if stack.len() > HISTORY_LIMIT {
        stack.remove(0);
    }
}
