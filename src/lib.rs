//! briefdeck's core: loading briefings, finding what matters in them, and querying them.
//! Terminal code lives only in `tui`, so every part is testable
//! on plain data.

pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod query;
pub mod tui;
