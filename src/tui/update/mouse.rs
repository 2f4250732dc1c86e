//! Mouse input: the wheel scrolls the pane under it, a click selects or focuses.

use super::super::app::App;
use crate::keys::Action;
use crate::keys::Pane;

/// Lines the wheel scrolls the reader per notch.
const WHEEL_LINES: usize = 3;

impl App {
    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) -> bool {
        let step = if down { Action::Down } else { Action::Up };
        if self.overlay.is_some() {
            return self.step(step);
        }
        let Some(pane) = self.areas().pane_at(column, row) else {
            return false;
        };
        let focus = self.focus;
        self.focus = pane;
        let mut changed = false;
        let times = if pane == Pane::Reader { WHEEL_LINES } else { 1 };
        for _ in 0..times {
            changed |= self.step(step);
        }
        self.focus = focus;
        changed
    }

    pub(super) fn click(&mut self, column: u16, row: u16) -> bool {
        if self.overlay.is_some() {
            self.overlay = None;
            return true;
        }
        let areas = self.areas();
        let pos = ratatui::layout::Position::new(column, row);
        if areas.filter.is_some_and(|r| r.contains(pos)) {
            self.filter.editing = true;
            return true;
        }
        let Some(pane) = areas.pane_at(column, row) else {
            return false;
        };
        self.filter.editing = false;
        self.focus = pane;
        let inner = self.pane_inner(pane);
        if pane == Pane::Reader || !inner.contains(pos) {
            return true;
        }
        let rel = usize::from(row - inner.y);
        match pane {
            Pane::List => {
                let mut y = 0;
                for i in self.list.offset..self.results.docs.len() {
                    y += self.list_item_height(i, inner.width);
                    if rel < y {
                        if i != self.list.selected {
                            self.list.selected = i;
                            self.selection_changed(false);
                        }
                        break;
                    }
                }
            }
            Pane::Takeaways => {
                let mut y = 0;
                for i in self.takeaways.offset..self.shown_takeaways.len() {
                    y += self.takeaway_height(i, inner.width);
                    if rel < y {
                        if i != self.takeaways.selected {
                            self.takeaways.selected = i;
                            self.links = Default::default();
                        }
                        break;
                    }
                }
            }
            Pane::Links => {
                let mut y = 0;
                for i in self.links.offset..self.shown_links().len() {
                    y += self.link_height(i, inner.width);
                    if rel < y {
                        self.links.selected = i;
                        break;
                    }
                }
            }
            Pane::Reader => {}
        }
        true
    }
}
