//! Matching and ranking: one `Searcher` per corpus holds every title and takeaway folded, end to
//! end in one buffer, so a keystroke costs one pass (split over the cores) over the texts that
//! can still match, not a re-fold of the corpus. [`Searcher::search`] lists every hit;
//! [`Searcher::search_top`] the best `k`, scoring only what could be among them.

mod buffer;
mod compile;
mod facts;
#[cfg(test)]
mod fixtures;
mod fuzzy;
mod prune;
mod rank;
mod results;
mod scan;
mod searcher;

pub use compile::LITERAL_SCORE;
pub use facts::{Facts, NoFacts};
pub use results::{DocHit, Results, TakeawayHit};
pub use searcher::Searcher;
