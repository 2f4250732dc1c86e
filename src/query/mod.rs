//! The query engine the dashboard and `briefdeck filter` share: fzf-style syntax, case- and
//! accent-insensitive matching of titles and takeaways, ranking, and literal highlights for the
//! reader. Pure data in, data out: no terminal code here, so every rule is testable.
//!
//! - [`parse`]: the syntax, turned into a [`Query`] (see that module for the table).
//! - [`fold`](mod@fold): how texts and queries meet (lower case, no accents) and how a
//!   match on folded text maps back to the original chars.
//! - [`search`]: the [`Searcher`] that ranks [`Results`] and narrows them keystroke by
//!   keystroke (a private `score` module scores fuzzy matches).
//! - [`facts`]: the corpus's theme tags and the reader's saved state, as the [`Facts`] the
//!   searcher asks (the trait lives with the searcher, so neither file imports the other back).

pub mod facts;
pub mod fold;
pub mod parse;
mod score;
pub mod search;

pub use facts::{CorpusFacts, StateFacts};
pub use fold::{Folded, find_literal, fold};
pub use parse::{Flag, Query, Term, TermKind, TextMode};
pub use search::{
    Counts, DEFER_MIN, DocHit, Facts, LITERAL_SCORE, NoFacts, Results, Searcher, TakeawayHit,
};
