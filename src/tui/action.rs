//! Everything the user can ask the dashboard to do, as data: keys and mouse events map to these,
//! and [`App::update`](super::App::update) is the only place that acts on them, so behaviour can
//! be tested without a terminal.

/// One of the four content panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The documents that match the filter.
    List,
    /// The open document's text.
    Reader,
    /// The selected document's key takeaways.
    Takeaways,
    /// Takeaways in other documents related to the selected one, and why.
    Links,
}

impl Pane {
    /// Focus order for `Tab`.
    pub const ALL: [Pane; 4] = [Pane::List, Pane::Reader, Pane::Takeaways, Pane::Links];

    /// The name shown in titles and narrow-layout tabs.
    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "Documents",
            Pane::Reader => "Reader",
            Pane::Takeaways => "Takeaways",
            Pane::Links => "Linked",
        }
    }
}

/// A request to change the dashboard's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the dashboard and restore the terminal.
    Quit,
    /// Focus the next pane (in narrow terminals, show it).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus one pane directly (`1` `2` `3`).
    Focus(Pane),
    /// Select the next row, or scroll the reader or pop-up down one line.
    Down,
    /// Select the previous row, or scroll up one line.
    Up,
    /// Move down by a page.
    PageDown,
    /// Move up by a page.
    PageUp,
    /// Move down by half a page.
    HalfPageDown,
    /// Move up by half a page.
    HalfPageUp,
    /// Go to the first row or the top of the text.
    Top,
    /// Go to the last row or the end of the text.
    Bottom,
    /// Open the selected document, or show the selected takeaway's source in the reader.
    Activate,
    /// Scroll the reader to the previous section heading.
    PrevHeading,
    /// Scroll the reader to the next section heading.
    NextHeading,
    /// Start typing in the filter bar.
    FilterStart,
    /// Insert a character at the filter cursor (and filter live).
    FilterInsert(char),
    /// Delete the character before the filter cursor.
    FilterBackspace,
    /// Delete the character under the filter cursor.
    FilterDelete,
    /// Move the filter cursor one character left.
    FilterLeft,
    /// Move the filter cursor one character right.
    FilterRight,
    /// Move the filter cursor to the start.
    FilterHome,
    /// Move the filter cursor to the end.
    FilterEnd,
    /// Delete the whole filter text but keep typing.
    FilterClearInput,
    /// Keep the filter and give focus back to the pane that had it.
    FilterAccept,
    /// Clear the filter and give focus back.
    FilterCancel,
    /// Step back: leave the full-screen reader, else clear the filter, else drop the highlight.
    Escape,
    /// Scroll the reader to the next place the query's words occur.
    NextMatch,
    /// Scroll the reader to the previous place the query's words occur.
    PrevMatch,
    /// Show the reader over the whole screen, or go back to the panes.
    ToggleZoom,
    /// Show or hide the key reference.
    ToggleHelp,
    /// Show or hide the themes present, with counts; `Enter` there filters by one.
    ToggleThemes,
    /// Return to the takeaway the last jump along a link left from.
    Back,
    /// Redo the jump that `Back` undid.
    Forward,
    /// Star the takeaway selected in the takeaways pane, or unstar it; saved at once with the
    /// rest of the reading state, and `is:starred` in the filter selects starred takeaways.
    ToggleStar,
    /// Show or hide the files that were skipped while loading.
    ToggleNotices,
    /// Write the takeaways of the current filtered view to a Markdown file and say where.
    Export,
    /// Read the open document in the user's pager (`$PAGER`, else `less`).
    OpenInPager,
    /// Open the document's file in the user's editor (`$EDITOR`).
    OpenInEditor,
    /// Close the open pop-up.
    CloseOverlay,
    /// The mouse wheel turned over a screen cell.
    Wheel {
        /// Cell column.
        column: u16,
        /// Cell row.
        row: u16,
        /// Towards the end of the content.
        down: bool,
    },
    /// The left button was pressed on a screen cell.
    Click {
        /// Cell column.
        column: u16,
        /// Cell row.
        row: u16,
    },
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}

/// Work an action asks for that needs the terminal or the file system, so `update` cannot do
/// it: [`App::update`](super::App::update) leaves it in `App::effect` and the event loop carries
/// it out (suspending the dashboard where a child program takes the terminal), then reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Export the current filtered view (see [`Action::Export`]).
    Export,
    /// Show document `doc` (index into the corpus) in the pager.
    Pager {
        /// Index of the document in `Corpus::documents`.
        doc: usize,
    },
    /// Open document `doc` (index into the corpus) in the editor.
    Editor {
        /// Index of the document in `Corpus::documents`.
        doc: usize,
    },
}
