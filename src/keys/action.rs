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
    /// Fetch the subscribed feeds in the background; new entries arrive by live reload.
    FetchFeeds,
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

impl Action {
    /// The actions a key can be bound to, by the name the config file and the help use, with
    /// what each does. The names are a promise to users' config files: never rename one, only
    /// add. Actions that carry data (typed characters, mouse cells, sizes) are left out because
    /// a key alone cannot supply it.
    pub const NAMED: &'static [(&'static str, Action, &'static str)] = &[
        ("quit", Action::Quit, "leave the dashboard"),
        ("focus_next", Action::FocusNext, "focus the next pane"),
        ("focus_prev", Action::FocusPrev, "focus the previous pane"),
        (
            "focus_list",
            Action::Focus(Pane::List),
            "focus the documents pane",
        ),
        (
            "focus_reader",
            Action::Focus(Pane::Reader),
            "focus the reader",
        ),
        (
            "focus_takeaways",
            Action::Focus(Pane::Takeaways),
            "focus the takeaways pane",
        ),
        (
            "focus_links",
            Action::Focus(Pane::Links),
            "focus the linked takeaways pane",
        ),
        ("down", Action::Down, "down one row or line"),
        ("up", Action::Up, "up one row or line"),
        ("page_down", Action::PageDown, "down a page"),
        ("page_up", Action::PageUp, "up a page"),
        ("half_page_down", Action::HalfPageDown, "down half a page"),
        ("half_page_up", Action::HalfPageUp, "up half a page"),
        ("top", Action::Top, "first row, top of the text"),
        ("bottom", Action::Bottom, "last row, end of the text"),
        (
            "activate",
            Action::Activate,
            "open the document, show the takeaway's source, follow the link, pick the theme",
        ),
        (
            "prev_heading",
            Action::PrevHeading,
            "reader: previous section heading",
        ),
        (
            "next_heading",
            Action::NextHeading,
            "reader: next section heading",
        ),
        (
            "filter_start",
            Action::FilterStart,
            "start typing in the filter bar",
        ),
        (
            "filter_backspace",
            Action::FilterBackspace,
            "filter bar: delete before the cursor",
        ),
        (
            "filter_delete",
            Action::FilterDelete,
            "filter bar: delete under the cursor",
        ),
        ("filter_left", Action::FilterLeft, "filter bar: cursor left"),
        (
            "filter_right",
            Action::FilterRight,
            "filter bar: cursor right",
        ),
        (
            "filter_home",
            Action::FilterHome,
            "filter bar: cursor to the start",
        ),
        (
            "filter_end",
            Action::FilterEnd,
            "filter bar: cursor to the end",
        ),
        (
            "filter_clear_input",
            Action::FilterClearInput,
            "filter bar: erase the whole query",
        ),
        (
            "filter_accept",
            Action::FilterAccept,
            "filter bar: keep the filter, back to the panes",
        ),
        (
            "filter_cancel",
            Action::FilterCancel,
            "filter bar: clear the filter, back to the panes",
        ),
        (
            "escape",
            Action::Escape,
            "leave full screen, else clear the filter, else drop the highlight",
        ),
        (
            "next_match",
            Action::NextMatch,
            "reader: next place the query matches",
        ),
        (
            "prev_match",
            Action::PrevMatch,
            "reader: previous place the query matches",
        ),
        (
            "toggle_zoom",
            Action::ToggleZoom,
            "full-screen reader on or off",
        ),
        ("toggle_help", Action::ToggleHelp, "the key reference"),
        (
            "toggle_themes",
            Action::ToggleThemes,
            "the themes pop-up, with counts",
        ),
        ("back", Action::Back, "back along followed links"),
        (
            "forward",
            Action::Forward,
            "forward again along followed links",
        ),
        (
            "toggle_star",
            Action::ToggleStar,
            "star or unstar the selected takeaway",
        ),
        (
            "toggle_notices",
            Action::ToggleNotices,
            "the pop-up of skipped files and failed feeds",
        ),
        (
            "fetch_feeds",
            Action::FetchFeeds,
            "fetch the subscribed feeds in the background",
        ),
        (
            "export",
            Action::Export,
            "export the view's takeaways to Markdown",
        ),
        (
            "open_in_pager",
            Action::OpenInPager,
            "read the document in $PAGER",
        ),
        (
            "open_in_editor",
            Action::OpenInEditor,
            "open the document's file in $EDITOR",
        ),
        (
            "close_overlay",
            Action::CloseOverlay,
            "close the open pop-up",
        ),
    ];

    /// The action's name in config files and the help; `None` for actions no key can trigger.
    pub fn name(self) -> Option<&'static str> {
        Action::NAMED
            .iter()
            .find(|(_, a, _)| *a == self)
            .map(|(n, _, _)| *n)
    }

    /// The action a config file names, if any.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::NAMED
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, a, _)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_round_trip() {
        for (i, (name, action, _)) in Action::NAMED.iter().enumerate() {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            assert_eq!(Action::from_name(name), Some(*action));
            assert_eq!(action.name(), Some(*name));
            assert!(
                Action::NAMED[..i]
                    .iter()
                    .all(|(n, a, _)| n != name && a != action),
                "{name} twice"
            );
        }
        assert_eq!(Action::FilterInsert('x').name(), None);
        assert_eq!(Action::Resize(1, 1).name(), None);
        assert_eq!(Action::from_name("FilterInsert"), None);
    }
}
