//! briefdeck's core: loading briefings, finding what matters in them, and querying them.
//! Only `tui` touches the terminal (ratatui, crossterm); everything else is plain data in and
//! out, testable without one.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod export;
pub mod logging;
pub mod query;
pub mod state;
pub mod tui;
