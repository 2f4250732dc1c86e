//! Work an action leaves for the event loop: what needs the terminal or the file system.

/// Work an action asks for that needs the terminal or the file system, so `update` cannot do
/// it: [`App::update`](super::App::update) leaves it in `App::effect` and the event loop carries
/// it out (suspending the dashboard where a child program takes the terminal), then reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Fetch the subscribed feeds (see [`crate::tui::fetching`]).
    Fetch,
    /// Export the current filtered view (see [`Action::Export`](crate::keys::Action::Export)).
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
