//! The terminal dashboard: the only module that knows about ratatui and crossterm.
//!
//! Data flows one way: a terminal event becomes an [`Action`](crate::keys::Action) ([`keymap`]), [`App::update`]
//! applies it (in `update.rs`), and [`ui::draw`] paints the new state. Each step is testable without
//! a terminal; only [`run()`] touches one.

#![warn(missing_docs)]

pub mod app;
pub mod effect;
pub mod export;
pub mod fetching;
pub mod keymap;
pub mod live;
mod loader;
pub mod palette;
pub mod run;
pub mod shell;
pub mod textsearch;
pub mod ui;
mod update;
pub mod wrap;

pub use app::{App, Settings};
pub use effect::Effect;
pub use run::{Options, main, run};
