//! The only place state changes: one action in, the new state out, plus whether the screen
//! needs redrawing. Whatever drawing needs that is costly (wrapping, matching) is computed here.

use std::collections::HashMap;
use std::sync::Arc;

use super::app::{
    App, HISTORY_LIMIT, LIST_BATCH, Match, Overlay, Reloaded, STATE_NOTICE_PATH, ShownTakeaway,
    Spot, ThemeRow, first_visible,
};
use super::effect::Effect;
use super::ui::layout::Mode;
use super::ui::{overlay_line_count, overlay_rect};
use super::wrap::{Source, WrapCache};
use crate::keys::{Action, Pane};
use crate::library::Corpus;
use crate::query::{CorpusFacts, Query, Results, Searcher, StateFacts, TermKind, find_literal};
use crate::state::Place;

/// Documents up to this much text get their query matches found on every keystroke (so the
/// reader can show a count); longer ones only when `n`/`N` asks.
const EAGER_MATCH_BYTES: usize = 256 * 1024;

/// Lines the wheel scrolls the reader per notch.
const WHEEL_LINES: usize = 3;

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
    fn mark_open_read(&mut self) {
        let Some(id) = self.reader_doc().map(|d| d.id.clone()) else {
            return;
        };
        if self.store.mark_read(&id) {
            self.save_pending = true;
            self.refresh_state_facts(false);
        }
    }

    /// `s`: stars the takeaway selected in the takeaways pane, or unstars it.
    fn toggle_star(&mut self) {
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
    fn record_place(&mut self) {
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

    fn clear_filter(&mut self) {
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

    /// The current query's results with the best `k` documents listed. The empty query lists
    /// everything: that costs no matching, and `G` or a restored place can reach any document.
    fn search(&mut self, k: usize) -> Results {
        let k = if self.query.is_empty() { usize::MAX } else { k };
        self.searcher.search_top(&self.corpus, &self.query, k)
    }

    /// Lists at least `upto + 1` documents (all of them for `usize::MAX`) when more match than
    /// are listed. Asking again for the same query only re-ranks what it matched, so this is
    /// cheap next to the keystroke that produced the results. The selection stays on its row:
    /// a larger top `k` is an extension of the smaller one.
    pub fn list_more(&mut self, upto: usize) {
        if self.results.docs.len() >= self.results.matched_docs || upto < self.results.docs.len() {
            return;
        }
        self.list_k = upto
            .saturating_add(1)
            .max(self.list_k.saturating_mul(2))
            .max(LIST_BATCH);
        self.results = self.search(self.list_k);
    }

    /// Lists `doc` if it matches the query but is beyond the listed top `k`.
    fn ensure_listed(&mut self, doc: usize) {
        if !self.results.docs.iter().any(|h| h.doc == doc) {
            self.list_more(usize::MAX);
        }
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

    /// Brings the reader and the takeaways pane in line with the list's selection.
    fn selection_changed(&mut self, query_changed: bool) {
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

    fn takeaways_of(&self, doc: Option<usize>) -> Vec<ShownTakeaway> {
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

    fn find_matches(&self) -> Vec<Match> {
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

    fn activate(&mut self) {
        match self.focus {
            Pane::List => {
                if self.reader.doc.is_some() {
                    self.focus = Pane::Reader;
                    self.mark_open_read();
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
    fn show_source(&mut self, t: usize) {
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
    fn follow_link(&mut self) {
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

    fn back(&mut self) -> bool {
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

    fn forward(&mut self) -> bool {
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
    fn go_to(&mut self, spot: Spot) {
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

    /// Puts `#id` of the selected theme in the filter (replacing any other theme term).
    fn apply_theme(&mut self) {
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

    fn step_match(&mut self, next: bool) {
        let matches = match self.reader.matches.take() {
            Some(m) => m,
            None => self.find_matches(),
        };
        self.step_match_in(&matches, next);
        self.reader.matches = Some(matches);
    }

    fn step_match_in(&mut self, matches: &[Match], next: bool) {
        let n = matches.len();
        if n == 0 {
            self.message = Some(if self.query.highlight_words().is_empty() {
                "no query: press / to type one".into()
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
        self.reader.current_match = Some(i);
        let m = &matches[i];
        if let Some(line) = self
            .wrapped()
            .and_then(|w| w.line_of(m.block, m.range.start))
        {
            self.show_line(line);
        }
        self.message = Some(format!("match {}/{n}", i + 1));
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

    fn wheel(&mut self, column: u16, row: u16, down: bool) -> bool {
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

    fn click(&mut self, column: u16, row: u16) -> bool {
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
                .filter(|n| n.path == STATE_NOTICE_PATH)
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
        self.searcher = Searcher::with_facts(&self.corpus, Box::new(crate::query::NoFacts));
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
            self.theme_rows = theme_rows(&self.corpus);
        }

        self.query = Query::parse(&self.filter.input);
        self.highlight_words = self.query.highlight_words();
        self.query_notes = self.searcher.notes(&self.query);
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
        if !summary.is_empty() {
            self.message = Some(summary.message());
        }
        summary
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
