//! The only place state changes: one action in, the new state out, plus whether the screen
//! needs redrawing. Whatever drawing needs that is costly (wrapping, matching) is computed here.
//!
//! This file dispatches actions and moves selections and scroll positions; the concerns with
//! more to them have a file each: [`filter`] (the query and what it selects), [`text`] (its
//! matches in the documents' text), [`links`] (following links, history), [`reading`] (read
//! marks, stars, places, saving), [`mouse`], and [`reload`] (a new corpus swapped in).

mod filter;
mod links;
mod mouse;
mod reading;
mod reload;
mod text;

use super::app::{App, Overlay, ThemeRow, first_visible};
use super::effect::Effect;
use super::ui::{overlay_line_count, overlay_rect};
use crate::keys::{Action, Pane};

impl App {
    /// Applies `action`; returns true when the screen should be redrawn.
    pub fn update(&mut self, action: Action) -> bool {
        // A resize is not the user's next step: the remark stays for them to read.
        let had_message = !matches!(action, Action::Resize(..)) && self.message.take().is_some();
        let changed = self.apply(action);
        self.sync();
        if std::mem::take(&mut self.save_pending) {
            self.save_state();
        }
        changed || had_message
    }

    fn apply(&mut self, action: Action) -> bool {
        use Action as A;
        match action {
            A::Quit => self.quit = true,
            A::Resize(w, h) => self.size = (w, h),
            A::FocusNext | A::FocusPrev => {
                let n = Pane::ALL.len();
                let i = Pane::ALL.iter().position(|&p| p == self.focus).unwrap_or(0);
                let step = if action == A::FocusNext { 1 } else { n - 1 };
                self.set_focus(Pane::ALL[(i + step) % n]);
            }
            A::Focus(p) => self.set_focus(p),
            A::Down | A::Up | A::PageDown | A::PageUp | A::HalfPageDown | A::HalfPageUp => {
                return self.step(action);
            }
            A::Top | A::Bottom => return self.step(action),
            A::Activate if self.overlay == Some(Overlay::Themes) => self.apply_theme(),
            A::Activate => self.activate(),
            A::Back => return self.back(),
            A::Forward => return self.forward(),
            A::ToggleThemes => {
                self.toggle_overlay(Overlay::Themes);
                if self.overlay == Some(Overlay::Themes) {
                    self.theme_rows = theme_rows(&self.corpus);
                    self.theme_selected = 0;
                }
            }
            A::PrevHeading | A::NextHeading => return self.heading(action == A::NextHeading),
            A::FilterStart => self.filter.editing = true,
            A::FilterInsert(c) => {
                self.filter.input.insert(self.filter.cursor, c);
                self.filter.cursor += c.len_utf8();
                self.run_query();
            }
            A::FilterBackspace => {
                let Some(c) = self.filter.input[..self.filter.cursor].chars().next_back() else {
                    return false;
                };
                self.filter.cursor -= c.len_utf8();
                self.filter.input.remove(self.filter.cursor);
                self.run_query();
            }
            A::FilterDelete => {
                if self.filter.cursor >= self.filter.input.len() {
                    return false;
                }
                self.filter.input.remove(self.filter.cursor);
                self.run_query();
            }
            A::FilterLeft => {
                if let Some(c) = self.filter.input[..self.filter.cursor].chars().next_back() {
                    self.filter.cursor -= c.len_utf8();
                }
            }
            A::FilterRight => {
                if let Some(c) = self.filter.input[self.filter.cursor..].chars().next() {
                    self.filter.cursor += c.len_utf8();
                }
            }
            A::FilterHome => self.filter.cursor = 0,
            A::FilterEnd => self.filter.cursor = self.filter.input.len(),
            A::FilterClearInput => self.clear_filter(),
            A::FilterAccept => self.filter.editing = false,
            A::FilterCancel => {
                self.filter.editing = false;
                self.clear_filter();
            }
            A::Escape => {
                if self.zoom {
                    self.zoom = false;
                } else if !self.filter.input.is_empty() {
                    self.clear_filter();
                } else if self.reader.active_takeaway.is_some() {
                    self.reader.active_takeaway = None;
                } else {
                    return false;
                }
            }
            A::NextMatch | A::PrevMatch => self.step_match(action == A::NextMatch),
            A::ToggleZoom => {
                self.zoom = !self.zoom;
                if self.zoom {
                    self.focus = Pane::Reader;
                }
            }
            A::ToggleHelp => self.toggle_overlay(Overlay::Help),
            A::ToggleNotices => self.toggle_overlay(Overlay::Notices),
            A::Export => self.effect = Some(Effect::Export),
            A::FetchFeeds => self.effect = Some(Effect::Fetch),
            A::OpenInPager | A::OpenInEditor => match self.reader.doc.or(self.selected_doc()) {
                Some(doc) if action == A::OpenInPager => self.effect = Some(Effect::Pager { doc }),
                Some(doc) => self.effect = Some(Effect::Editor { doc }),
                None => self.message = Some("no document selected".into()),
            },
            A::ToggleStar => self.toggle_star(),
            A::CloseOverlay => self.overlay = None,
            A::Wheel { column, row, down } => return self.wheel(column, row, down),
            A::Click { column, row } => return self.click(column, row),
        }
        true
    }

    fn set_focus(&mut self, pane: Pane) {
        if pane != Pane::Reader {
            self.zoom = false;
        }
        self.focus = pane;
    }

    fn toggle_overlay(&mut self, o: Overlay) {
        self.overlay = if self.overlay == Some(o) {
            None
        } else {
            Some(o)
        };
        self.overlay_scroll = 0;
    }

    /// Reads the open document's body from the on-disk index if the load left it there (a
    /// warm start reads no body); a damaged entry leaves the reader empty and says so.
    pub(crate) fn load_reader_blocks(&mut self) {
        if let Some(d) = self.reader.doc
            && let Some(doc) = self.corpus.documents.get_mut(d)
            && let Err(why) = doc.load_blocks()
        {
            self.message = Some(format!("{}: {why}", doc.path_display));
        }
    }

    /// Rows (list, takeaways) or lines (reader, pop-up) a page moves, for the pane in focus.
    fn page(&self, pane: Pane) -> usize {
        let rows = usize::from(self.pane_inner(pane).height);
        match pane {
            Pane::List => (rows / 4).max(1),
            Pane::Takeaways | Pane::Links => (rows / 4).max(1),
            Pane::Reader => rows.saturating_sub(1).max(1),
        }
    }

    fn step(&mut self, action: Action) -> bool {
        if self.overlay == Some(Overlay::Themes) {
            let popup = overlay_rect(self, self.screen());
            let page = usize::from(popup.height.saturating_sub(2)).max(1);
            let before = self.theme_selected;
            let last = self.theme_rows.len().saturating_sub(1);
            self.theme_selected = moved(before, action, page, last);
            // Rows are one line each: keep the selected one inside the visible window.
            if self.theme_selected < self.overlay_scroll {
                self.overlay_scroll = self.theme_selected;
            } else if self.theme_selected >= self.overlay_scroll + page {
                self.overlay_scroll = self.theme_selected + 1 - page;
            }
            return self.theme_selected != before;
        }
        if self.overlay.is_some() {
            let popup = overlay_rect(self, self.screen());
            let page = usize::from(popup.height.saturating_sub(2)).max(1);
            let before = self.overlay_scroll;
            self.overlay_scroll = moved(before, action, page, usize::MAX / 2);
            return self.overlay_scroll != before;
        }
        let pane = self.focus;
        let page = self.page(pane);
        match pane {
            Pane::List => {
                // Scrolling towards the end of the listed documents lists more of them.
                let want = match action {
                    Action::Bottom => usize::MAX,
                    _ => self.list.selected.saturating_add(2 * page),
                };
                self.list_more(want);
                let last = self.results.docs.len().saturating_sub(1);
                let before = self.list.selected;
                self.list.selected = moved(before, action, page, last);
                if self.list.selected != before {
                    self.selection_changed(false);
                }
                self.list.selected != before
            }
            Pane::Takeaways => {
                let last = self.shown_takeaways.len().saturating_sub(1);
                let before = self.takeaways.selected;
                self.takeaways.selected = moved(before, action, page, last);
                if self.takeaways.selected != before {
                    self.links = Default::default();
                }
                self.takeaways.selected != before
            }
            Pane::Links => {
                let last = self.shown_links().len().saturating_sub(1);
                let before = self.links.selected;
                self.links.selected = moved(before, action, page, last);
                self.links.selected != before
            }
            Pane::Reader => {
                let before = self.reader.scroll;
                self.reader.scroll = moved(before, action, page, self.max_scroll());
                self.reader.scroll != before
            }
        }
    }

    fn heading(&mut self, next: bool) -> bool {
        let scroll = self.reader.scroll;
        let target = self.wrapped().and_then(|w| {
            if next {
                w.headings.iter().copied().find(|&h| h > scroll)
            } else {
                w.headings.iter().copied().rev().find(|&h| h < scroll)
            }
        });
        match target {
            Some(line) => {
                self.reader.scroll = line.min(self.max_scroll());
                if self.reader.scroll == scroll {
                    self.message = Some("no further heading".into());
                }
            }
            None => self.message = Some("no further heading".into()),
        }
        true
    }

    /// Scrolls the reader so `line` is on screen, a third of the way down, if it is not already.
    fn show_line(&mut self, line: usize) {
        let height = usize::from(self.pane_inner(Pane::Reader).height);
        let top = self.reader.scroll;
        if line < top || line >= top + height {
            self.reader.scroll = line.saturating_sub(height / 3).min(self.max_scroll());
        }
    }

    fn max_scroll(&self) -> usize {
        let height = usize::from(self.pane_inner(Pane::Reader).height);
        self.wrapped()
            .map_or(0, |w| w.lines.len().saturating_sub(height))
    }

    fn ensure_wrapped(&mut self) {
        let width = self.reader_text_width(self.pane_inner(Pane::Reader).width);
        if let Some(d) = self.reader.doc
            && let Some(doc) = self.corpus.documents.get(d)
        {
            self.reader.cache.ensure(doc, d, width);
        }
    }

    /// Re-establishes what drawing relies on after any change: the reader's layout for the
    /// current width exists, and scroll positions keep the selections in view.
    fn sync(&mut self) {
        self.ensure_wrapped();
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());

        let inner = self.pane_inner(Pane::List);
        self.list.selected = self
            .list
            .selected
            .min(self.results.docs.len().saturating_sub(1));
        self.list.offset = first_visible(
            |i| self.list_item_height(i, inner.width),
            self.list.selected,
            self.list.offset,
            usize::from(inner.height),
        );
        self.fill_text_snippets();

        let inner = self.pane_inner(Pane::Takeaways);
        self.takeaways.selected = self
            .takeaways
            .selected
            .min(self.shown_takeaways.len().saturating_sub(1));
        self.takeaways.offset = first_visible(
            |i| self.takeaway_height(i, inner.width),
            self.takeaways.selected,
            self.takeaways.offset,
            usize::from(inner.height),
        );

        let inner = self.pane_inner(Pane::Links);
        self.links.selected = self
            .links
            .selected
            .min(self.shown_links().len().saturating_sub(1));
        self.links.offset = first_visible(
            |i| self.link_height(i, inner.width),
            self.links.selected,
            self.links.offset,
            usize::from(inner.height),
        );

        if self.overlay.is_some() {
            let popup = overlay_rect(self, self.screen());
            let lines = overlay_line_count(self, popup);
            let max = lines.saturating_sub(usize::from(popup.height.saturating_sub(2)));
            self.overlay_scroll = self.overlay_scroll.min(max);
        }
    }
}

/// The themes pop-up's rows: themes present in the corpus, most documents first.
fn theme_rows(corpus: &crate::library::Corpus) -> Vec<ThemeRow> {
    corpus
        .theme_counts()
        .into_iter()
        .map(|c| ThemeRow {
            id: c.id,
            label: c.label,
            documents: c.documents,
            takeaways: c.takeaways,
        })
        .collect()
}

/// `current` moved by a step, page or half page, or to an end, within `0..=last`.
fn moved(current: usize, action: Action, page: usize, last: usize) -> usize {
    let n = match action {
        Action::Down => current.saturating_add(1),
        Action::Up => current.saturating_sub(1),
        Action::PageDown => current.saturating_add(page),
        Action::PageUp => current.saturating_sub(page),
        Action::HalfPageDown => current.saturating_add(page.div_ceil(2)),
        Action::HalfPageUp => current.saturating_sub(page.div_ceil(2)),
        Action::Top => 0,
        Action::Bottom => last,
        _ => current,
    };
    n.min(last)
}
