//! The dashboard's whole state. Rendering reads it, [`App::update`] changes it; nothing else
//! does, so every screen is a function of this struct.

use std::ops::Range;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::effect::Effect;
use super::keymap::KeyEvents;
use super::palette::{ColorMode, Palette};
use super::textsearch::{TextRow, TextSearch};
use super::ui::layout::{self, Areas};
use super::wrap::{WrapCache, Wrapped, wrap_ranges};
use crate::keys::Pane;
use crate::keys::{KeyContext, Keymap};
use crate::library::{Corpus, Notice, NoticeKind};
use crate::model::Document;
use crate::query::{CorpusFacts, Query, Results, Searcher};
use crate::state::Store;

/// What the notices about the reading state file name instead of a path: they are not the
/// corpus's, so a reload keeps them.
pub(crate) const STATE_NOTICE_PATH: &str = "reading state";

/// Most lines of title a document gets in the list before it is cut with "…".
pub const LIST_TITLE_LINES: usize = 4;

/// Most theme chips shown under a takeaway.
pub const CHIPS: usize = 3;

/// Most lines of a linked takeaway's text shown in the linked pane before "…".
pub const LINK_TEXT_LINES: usize = 3;

/// "shared: GCAP · Defence industry · Italy": why two takeaways are linked, in one line of text
/// that the linked pane wraps and measures the same way.
pub fn shared_label(link: &crate::analysis::links::Link) -> String {
    let names: Vec<&str> = link.shared.iter().map(|s| s.label.as_str()).collect();
    format!("shared: {}", names.join(" · "))
}

/// The user's preferences the dashboard runs with, from the config file: built once at start
/// so that neither key handling nor drawing looks anything up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The keymap in force.
    pub keymap: Keymap,
    /// The styles to draw with.
    pub palette: Palette,
    /// Widest the reader's text gets (0: the pane's width).
    pub wrap_width: u16,
    /// Whether to capture the mouse.
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keymap: Keymap::default(),
            palette: Palette::default(),
            wrap_width: 0,
            mouse: true,
        }
    }
}

impl Settings {
    /// The settings `config` asks for, with colours as the terminal allows (`mode`).
    pub fn from_config(config: &crate::config::Config, mode: ColorMode) -> Settings {
        Settings {
            keymap: Keymap::with_config(&config.keys),
            palette: Palette::new(&config.colors, mode),
            wrap_width: config.ui.wrap_width,
            mouse: config.ui.mouse,
        }
    }
}

/// A pop-up drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key reference generated from the keymap.
    Help,
    /// The files skipped or loaded with a warning.
    Notices,
    /// The themes present, with counts; `Enter` filters by the selected one.
    Themes,
}

/// A takeaway as a place to return to: survives filter changes because it names the corpus
/// position, not a row on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    /// Corpus index of the document.
    pub doc: usize,
    /// Index of the takeaway in the document.
    pub takeaway: usize,
}

/// Where link jumps came from and went, like a browser's back and forward.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Spots to return to with `Back`, most recent last.
    pub back: Vec<Spot>,
    /// Spots `Back` left, for `Forward`, most recent last.
    pub forward: Vec<Spot>,
}

/// How many jumps back the history keeps.
pub const HISTORY_LIMIT: usize = 100;

/// Documents the list asks the searcher for at first: several screenfuls. Ranking and
/// highlighting only these keeps a keystroke fast over a large corpus; scrolling near the end
/// asks for more (see `App::list_more`).
pub const LIST_BATCH: usize = 200;

/// One row of the themes pop-up, computed when it opens (never while drawing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeRow {
    /// Theme id, as `#id` takes it.
    pub id: String,
    /// English label.
    pub label: String,
    /// Documents tagged with it.
    pub documents: usize,
    /// Takeaways tagged with it.
    pub takeaways: usize,
}

/// The filter bar's text and whether keys go to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterState {
    /// The query as typed.
    pub input: String,
    /// Byte offset of the cursor in `input`, on a char boundary.
    pub cursor: usize,
    /// Keys are typed into the bar rather than driving the panes.
    pub editing: bool,
}

/// A selection in a list whose first shown item is `offset`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    /// Index of the highlighted row.
    pub selected: usize,
    /// Index of the first row on screen, kept by `update` so scrolling moves as little as possible.
    pub offset: usize,
}

/// A takeaway shown in the takeaways pane, with the characters the query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownTakeaway {
    /// Index into the document's takeaways.
    pub takeaway: usize,
    /// Char indices into its text to highlight.
    pub positions: Vec<usize>,
}

/// A place in the open document where a query word occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the block in the document.
    pub block: usize,
    /// Byte range in the block's text.
    pub range: Range<usize>,
}

/// The reader: which document, where it is scrolled, and what is highlighted.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    /// Corpus index of the document shown.
    pub doc: Option<usize>,
    /// First line shown.
    pub scroll: usize,
    /// Takeaway (index in the document) whose source was jumped to.
    pub active_takeaway: Option<usize>,
    /// Query word occurrences in the document, in reading order. `None` for a long document
    /// until `n`/`N` needs them: finding them folds the whole text, too slow for every
    /// keystroke, so drawing then highlights just the visible lines itself.
    pub matches: Option<Vec<Match>>,
    /// Index in `matches` that `n`/`N` last moved to.
    pub current_match: Option<usize>,
    /// The document is a text match: `matches` are its full-text hits (stemmed words, as
    /// the index found them) rather than the query's literal words.
    pub text_hits: bool,
    /// Wrapped layouts; filled by `update`, only read while drawing.
    pub cache: WrapCache,
}

/// What a reload changed, counted in documents; a file's documents are matched by its path, so a
/// renamed file counts as one removed and one added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reloaded {
    /// Documents in files that were not loaded before.
    pub added: usize,
    /// Documents whose text changed.
    pub changed: usize,
    /// Documents whose file is gone (or no longer holds them).
    pub removed: usize,
    /// Notices (skipped files, warnings) that the last load did not have.
    pub new_notices: usize,
}

impl Reloaded {
    /// Whether the user has anything to be told.
    pub fn is_empty(&self) -> bool {
        *self == Reloaded::default()
    }

    /// "reloaded: 1 added, 1 changed · 1 new notice (! details)", for the status line.
    pub fn message(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.added, "added"),
            (self.changed, "changed"),
            (self.removed, "removed"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if parts.is_empty() {
            parts.push("no document changed".into());
        }
        let mut msg = format!("reloaded: {}", parts.join(", "));
        if self.new_notices > 0 {
            let s = if self.new_notices == 1 { "" } else { "s" };
            msg.push_str(&format!(
                " · {} new notice{s} (! details)",
                self.new_notices
            ));
        }
        msg
    }
}

/// Everything the dashboard shows and remembers.
///
/// Not `Debug`: the query engine's `Searcher` makes no promise to be.
pub struct App {
    /// Everything loaded, including the notices the `!` pop-up lists.
    pub corpus: Corpus,
    pub(crate) searcher: Searcher,
    /// The parsed filter, re-parsed on every edit.
    pub query: Query,
    /// `query.highlight_words()`, kept so drawing does not rebuild it per line.
    pub highlight_words: Vec<String>,
    /// What the status line says about the query (unknown theme, empty language, ...),
    /// computed when the query changes.
    pub query_notes: Vec<String>,
    /// What the filter leaves; the list shows `results.docs`, the best `list_k` of the
    /// `results.matched_docs` documents that match.
    pub results: Results,
    /// How many documents the list holds for a non-empty query: [`LIST_BATCH`] after each
    /// edit, more once the user scrolls towards the end.
    pub list_k: usize,
    /// The full-text index and the documents that match only in their text, listed after
    /// the others once every one of those is listed.
    pub text: TextSearch,
    /// The pane that receives movement keys (and the one shown in narrow terminals).
    pub focus: Pane,
    /// The pop-up that takes the keys, if one is open.
    pub overlay: Option<Overlay>,
    /// Scroll offset of the open pop-up.
    pub overlay_scroll: usize,
    /// Reader over the whole screen.
    pub zoom: bool,
    /// The filter bar.
    pub filter: FilterState,
    /// Selection in `results.docs`.
    pub list: ListState,
    /// Selection in `shown_takeaways`.
    pub takeaways: ListState,
    /// The takeaways pane's rows: the selected document's (matching) takeaways.
    pub shown_takeaways: Vec<ShownTakeaway>,
    /// Selection in the linked pane (the selected takeaway's links).
    pub links: ListState,
    /// Back and forward along followed links.
    pub history: History,
    /// The themes pop-up's rows and selection.
    pub theme_rows: Vec<ThemeRow>,
    /// Selected row of the themes pop-up.
    pub theme_selected: usize,
    /// The reader pane.
    pub reader: ReaderState,
    /// Screen size in cells, as last reported.
    pub size: (u16, u16),
    /// A one-off remark for the status line (e.g. "no match"), cleared by the next action.
    pub message: Option<String>,
    /// The status line to show when the next reload is swapped in, instead of its own count
    /// (a fetch's "12 new from 3 feeds").
    pub after_reload: Option<String>,
    /// Set by `q`; the event loop ends when it sees it.
    pub quit: bool,
    /// Work for the event loop that `update` cannot do itself (see [`Effect`]).
    pub effect: Option<Effect>,
    /// The reader's own marks (documents read, takeaways starred, the last place) and the file
    /// they are saved to.
    pub store: Store,
    /// A problem with the state file (a failed write, a corrupt file moved aside), shown in the
    /// status line until a save succeeds.
    pub state_alert: Option<String>,
    /// Read or star changes made by the last action, to be saved when it is done.
    pub(crate) save_pending: bool,
    /// The corpus's theme facts, shared by each snapshot of the state given to the searcher.
    pub(crate) facts_base: Arc<CorpusFacts>,
    /// What keys do (the built-in keymap changed by the config).
    pub keymap: Keymap,
    /// The styles drawing uses.
    pub palette: Palette,
    /// Widest the reader's text gets, in columns; 0 for the pane's width.
    pub wrap_width: u16,
    /// Whether the mouse is captured (given back to the terminal after a pager or editor).
    pub mouse: bool,
    /// The files and folders named on the command line, which live reload watches and loads
    /// again. Empty for the bundled seeds: they have no file to edit, watch or reload.
    pub paths: Vec<std::path::PathBuf>,
}

impl App {
    /// Builds the dashboard for a screen of `width`×`height` cells, first document selected,
    /// with reading state kept in memory only.
    pub fn new(corpus: Corpus, width: u16, height: u16) -> App {
        App::with_store(corpus, width, height, Store::in_memory())
    }

    /// Like [`App::new`] with reading state from `store`: its marks show at once, its problems
    /// (a corrupt file moved aside) go to the notices and the status line, and the last
    /// document and reader position are restored if that document is still loaded.
    pub fn with_store(corpus: Corpus, width: u16, height: u16, store: Store) -> App {
        App::with_settings(corpus, width, height, store, &Settings::default())
    }

    /// Like [`App::with_store`] with the user's keymap, colours and reader width.
    pub fn with_settings(
        corpus: Corpus,
        width: u16,
        height: u16,
        mut store: Store,
        settings: &Settings,
    ) -> App {
        // The first frame waits for the facts, the searcher and the links (the linked pane):
        // independent, so built side by side, the facts on their own core (about 25 ms at
        // 10,000 documents), the searcher (read back from the cache when the files are
        // unchanged) and then the stored links decoded on this one (about 30 ms). Decoding the
        // links during the load instead competes with its parallel parse for the same cores.
        let (searcher, facts) = std::thread::scope(|s| {
            let facts = s.spawn(|| CorpusFacts::new(&corpus));
            // Facts come with the reading state just below (`refresh_state_facts`).
            let cache = crate::library::cache::default_dir();
            let searcher =
                Searcher::with_facts_in(&corpus, Box::new(crate::query::NoFacts), cache.as_deref());
            corpus.links.get();
            let facts = facts
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (searcher, facts)
        });
        let warnings = store.take_warnings();
        let facts_base = Arc::new(facts);
        let mut app = App {
            corpus,
            searcher,
            query: Query::default(),
            highlight_words: Vec::new(),
            query_notes: Vec::new(),
            results: Results::default(),
            list_k: LIST_BATCH,
            text: TextSearch::default(),
            focus: Pane::List,
            overlay: None,
            overlay_scroll: 0,
            zoom: false,
            filter: FilterState::default(),
            list: ListState::default(),
            takeaways: ListState::default(),
            shown_takeaways: Vec::new(),
            links: ListState::default(),
            history: History::default(),
            theme_rows: Vec::new(),
            theme_selected: 0,
            reader: ReaderState::default(),
            size: (width, height),
            message: None,
            after_reload: None,
            quit: false,
            effect: None,
            store,
            state_alert: None,
            save_pending: false,
            facts_base,
            keymap: settings.keymap.clone(),
            palette: settings.palette,
            wrap_width: settings.wrap_width,
            mouse: settings.mouse,
            paths: Vec::new(),
        };
        app.state_warnings(warnings);
        app.refresh_state_facts(false);
        app.run_query();
        app.restore_place();
        app
    }

    /// Puts problems met with the state file in the notices (`!`) and says so in the status
    /// line.
    pub(crate) fn state_warnings(&mut self, warnings: Vec<String>) {
        if warnings.is_empty() {
            return;
        }
        for reason in warnings {
            self.corpus.notices.push(Notice {
                kind: NoticeKind::Warning,
                path: STATE_NOTICE_PATH.into(),
                reason,
            });
        }
        self.state_alert = Some("reading state: a problem with its file (! details)".into());
    }

    /// Whether document `doc` (a corpus index) has been opened.
    pub fn is_read(&self, doc: usize) -> bool {
        self.corpus
            .documents
            .get(doc)
            .is_some_and(|d| self.store.state().is_read(&d.id))
    }

    /// Whether takeaway `takeaway` of document `doc` is starred.
    pub fn is_starred(&self, doc: usize, takeaway: usize) -> bool {
        self.corpus
            .takeaway(doc, takeaway)
            .is_some_and(|t| self.store.state().is_starred(&t.id))
    }

    /// How many takeaways of document `doc` are starred.
    pub fn stars_in(&self, doc: usize) -> usize {
        self.corpus.documents.get(doc).map_or(0, |d| {
            d.takeaways
                .iter()
                .filter(|t| self.store.state().is_starred(&t.id))
                .count()
        })
    }

    /// What the keymap needs to know to interpret a key.
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            overlay: self.overlay.is_some(),
            editing: self.filter.editing,
            focus: self.focus,
        }
    }

    /// What a key press means now, with the keymap in force.
    pub fn map_key(&self, ev: ratatui::crossterm::event::KeyEvent) -> Option<crate::keys::Action> {
        self.keymap.map_key(self.key_context(), ev)
    }

    /// Columns the reader wraps its text to when its text area is `inner_width` wide: the
    /// configured limit keeps lines readable on wide screens.
    pub fn reader_text_width(&self, inner_width: u16) -> u16 {
        match self.wrap_width {
            0 => inner_width,
            limit => inner_width.min(limit),
        }
    }

    /// The whole screen.
    pub fn screen(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// The current arrangement of panes.
    pub fn areas(&self) -> Areas {
        layout::areas(self.screen(), self.focus, self.zoom)
    }

    /// Inner rectangle a pane has (or would have if it were focused in a narrow terminal).
    pub fn pane_inner(&self, pane: Pane) -> Rect {
        let zoom = self.zoom && pane == Pane::Reader;
        let outer = layout::areas(self.screen(), pane, zoom)
            .pane(pane)
            .unwrap_or_default();
        match pane {
            Pane::Reader => layout::reader_inner(outer),
            Pane::List | Pane::Takeaways | Pane::Links => layout::list_inner(outer),
        }
    }

    /// Corpus index of the selected document, if any matches.
    pub fn selected_doc(&self) -> Option<usize> {
        self.results.docs.get(self.list.selected).map(|h| h.doc)
    }

    /// The document in the reader.
    pub fn reader_doc(&self) -> Option<&Document> {
        self.reader.doc.and_then(|d| self.corpus.documents.get(d))
    }

    /// The reader's layout at its current width, once `update` has computed it.
    pub fn wrapped(&self) -> Option<&Wrapped> {
        let doc = self.reader.doc?;
        self.reader.cache.get(
            doc,
            self.reader_text_width(self.pane_inner(Pane::Reader).width),
        )
    }

    /// The text match list row `i` shows, if it is one (they follow the title and takeaway
    /// matches).
    pub fn text_row(&self, i: usize) -> Option<&TextRow> {
        i.checked_sub(self.results.matched_docs)
            .and_then(|j| self.text.rows.get(j))
    }

    /// Screen rows taken by list row `i` at inner width `width`: its title lines, a snippet
    /// line for a text match, a metadata line and a blank separator.
    pub fn list_item_height(&self, i: usize, width: u16) -> usize {
        let Some(doc) = self
            .results
            .docs
            .get(i)
            .and_then(|h| self.corpus.documents.get(h.doc))
        else {
            return 1;
        };
        let title = wrap_ranges(&doc.title, usize::from(width).saturating_sub(2)).len();
        let snippet = usize::from(self.text_row(i).is_some());
        title.clamp(1, LIST_TITLE_LINES) + snippet + 2
    }

    /// The takeaway selected in the takeaways pane, as a corpus position.
    pub fn selected_spot(&self) -> Option<Spot> {
        let doc = self.selected_doc()?;
        let takeaway = self.shown_takeaways.get(self.takeaways.selected)?.takeaway;
        Some(Spot { doc, takeaway })
    }

    /// Links of the selected takeaway, strongest first.
    pub fn shown_links(&self) -> &[crate::analysis::links::Link] {
        self.selected_spot()
            .map_or(&[], |s| self.corpus.links.of(s.doc, s.takeaway))
    }

    /// Theme chips for a takeaway: its strongest themes, at most [`CHIPS`], as many as fit on
    /// one line of `width` cells (at least one, cut by the pane if even that is too wide).
    pub fn chips(&self, doc: usize, takeaway: usize, width: usize) -> Vec<&str> {
        let Some(t) = self.corpus.takeaway(doc, takeaway) else {
            return Vec::new();
        };
        let mut used = 0;
        let mut out = Vec::new();
        for s in t.themes.iter().take(CHIPS) {
            let w = s.id.chars().count() + 1 + usize::from(!out.is_empty());
            if !out.is_empty() && used + w > width {
                break;
            }
            used += w;
            out.push(s.id.as_str());
        }
        out
    }

    /// Screen rows taken by linked item `i` at inner width `width`: a header with the target's
    /// document and language, its text (at most [`LINK_TEXT_LINES`]), and the shared concepts.
    pub fn link_height(&self, i: usize, width: u16) -> usize {
        let Some(link) = self.shown_links().get(i) else {
            return 1;
        };
        let (doc, takeaway) = self.corpus.links.target(link);
        let Some(t) = self.corpus.takeaway(doc, takeaway) else {
            return 1;
        };
        let w = usize::from(width).saturating_sub(2);
        // One cell kept free for the "…" that marks a cut text.
        let text = wrap_ranges(&t.text, w.saturating_sub(1))
            .len()
            .clamp(1, LINK_TEXT_LINES);
        let shared = wrap_ranges(&shared_label(link), w).len().max(1);
        1 + text + shared
    }

    /// Screen rows taken by shown takeaway `i` at inner width `width`.
    pub fn takeaway_height(&self, i: usize, width: u16) -> usize {
        let Some(doc) = self
            .selected_doc()
            .and_then(|d| self.corpus.documents.get(d))
        else {
            return 1;
        };
        let Some(t) = self
            .shown_takeaways
            .get(i)
            .and_then(|s| doc.takeaways.get(s.takeaway))
        else {
            return 1;
        };
        let chips = usize::from(!t.themes.is_empty());
        1 + wrap_ranges(&t.text, usize::from(width).saturating_sub(2)).len() + chips
    }

    /// Number of files skipped while loading.
    pub fn skipped(&self) -> usize {
        self.corpus.skipped()
    }
}

/// First item to show so that `selected` is visible in `viewport` rows, moving as little as
/// possible from `offset`. Shared by `update` (which stores it) and drawing (which trusts it).
pub fn first_visible(
    height: impl Fn(usize) -> usize,
    selected: usize,
    offset: usize,
    viewport: usize,
) -> usize {
    if selected <= offset {
        return selected;
    }
    let mut off = offset;
    let mut total: usize = (off..=selected).map(&height).sum();
    while total > viewport && off < selected {
        total -= height(off);
        off += 1;
    }
    off
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_visible_scrolls_minimally() {
        let h = |_| 3;
        assert_eq!(first_visible(h, 0, 0, 9), 0);
        assert_eq!(first_visible(h, 2, 0, 9), 0);
        assert_eq!(first_visible(h, 3, 0, 9), 1);
        assert_eq!(first_visible(h, 1, 2, 9), 1);
        // An item taller than the viewport is shown from its top.
        assert_eq!(first_visible(|_| 20, 4, 0, 9), 4);
    }
}
