//! briefdeck's core: loading briefings, finding what matters in them, and querying them.
//! Only `tui` touches the terminal (ratatui, crossterm); everything else is plain data in and
//! out, testable without one.
//!
//! The layers, each importing only those below it:
//! - [`model`] (documents, blocks, takeaways, dates) and [`keys`] (action names, default keys);
//! - [`ingest`] (one file's bytes to documents) beside [`analysis`] (language, takeaways,
//!   themes, links), neither knowing the other;
//! - [`library`] (paths to a corpus: walk, index, ingest then analysis on all cores), with
//!   [`query`], [`state`], [`config`], [`export`] and [`logging`];
//! - the two views: [`cli`] (headless commands) and [`tui`] (the dashboard).

pub mod analysis;
pub mod cli;
pub mod config;
pub mod export;
pub mod feeds;
pub mod fulltext;
pub mod ingest;
pub mod keys;
pub mod library;
pub mod logging;
pub mod model;
pub mod query;
pub mod state;
pub mod tui;
