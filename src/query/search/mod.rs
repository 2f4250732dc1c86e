//! Matching and ranking: one `Searcher` per corpus holds every title and takeaway folded, end to
//! end in one buffer, so a keystroke costs one pass (split over the cores) over the texts that
//! can still match, not a re-fold of the corpus. [`Searcher::search`] lists every hit;
//! [`Searcher::search_top`] the best `k`, scoring only what could be among them.
//!
//! A keystroke flows through the files in this order:
//! - `searcher`: the [`Searcher`] API, and what it remembers between keystrokes.
//! - `compile`: the parsed query turned into tests (masks, automata, resolved themes).
//! - `scan`: each candidate text tested, over the folded texts of `buffer`, with `fuzzy`
//!   deciding fuzzy terms by the word rule and `prune` skipping scores that cannot be listed.
//! - `rank`: the best `k` ordered and built into [`Results`] (`results`).
//! - `count`: what a top-k scan left untested (nothing there could be listed), counted in
//!   steps after the keystroke.
//! - `stored`: the folded texts kept on disk per state of the corpus's files, so a warm start
//!   reads them instead of folding again.
//!
//! [`Facts`] (`facts`) is what the searcher asks about themes and reading state; the corpus
//! and state implementations live in [`crate::query::facts`].

mod buffer;
mod compile;
mod count;
mod facts;
#[cfg(test)]
mod fixtures;
mod fuzzy;
mod prune;
mod rank;
mod results;
mod scan;
mod searcher;
mod stored;

pub use compile::LITERAL_SCORE;
pub use count::Counts;
pub use facts::{Facts, NoFacts};
pub use results::{DocHit, Results, TakeawayHit};
pub use searcher::{DEFER_MIN, Searcher};
