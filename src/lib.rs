//! briefdeck's core: loading briefings, finding what matters in them, and querying them.
//! No terminal code lives here (see `tui` in the binary for that), so every part is testable
//! on plain data.

pub mod analysis;
pub mod cli;
pub mod corpus;
