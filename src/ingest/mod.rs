//! One file's bytes to its documents, and nothing more: decode, sanitise, recognise the format,
//! find the structure (title, byline, date, datelines, headings, furniture). No analysis: the
//! language a file does not state, takeaways, themes and links come after, in `analysis`, and
//! the `library` runs the two in turn.
//!
//! - [`formats`]: one module per format behind one signature ([`ReadFn`]), and the registry.
//! - [`structure`](Parsed): the step all formats share, from raw blocks to a [`Parsed`] body.
//! - [`read()`]: a file's articles made into [`Document`](crate::model::Document)s with ids.
//! - [`decode`], [`sanitize`], [`date`]: bytes to clean text, and dates and datelines in it.

mod article;
pub mod date;
pub mod decode;
pub mod formats;
pub mod html;
mod inline;
mod raw;
mod read;
pub mod sanitize;
mod structure;

pub use article::{Article, Articles, ParseError, ReadFn, clean_text};
pub use formats::{
    READERS, Reader, RemoteEntry, RemoteFeed, format_of, page_text, reader, remote_feed,
};
pub use raw::{RawBlock, RawKind};
pub use read::read;
pub use sanitize::display;
pub use structure::{Hints, Parsed, build, dateline_end};
