//! Full-text search over every document's title, byline, source, standfirst and body: an
//! inverted index with positions, written here rather than taken from a search engine crate
//! (tantivy doubled the release build's time and answered a whole-process search no faster,
//! see the README), BM25 ranking, phrases, per-language stemming, segments on disk beside the
//! load index.
//!
//! - [`analyzer`]: text to terms, the same for the index, the query and the snippets.
//! - [`parse`](mod@parse): the query language into a [`TextQuery`].
//! - [`segment`]: one immutable segment's format, its builder and reader.
//! - [`search`](mod@search): a query run over segments, ranked [`Hit`]s, [`Snippet`]s.
//! - [`index`](mod@index): the segments of a corpus, kept in step with it by
//!   [`TextIndex::sync`].
//! - [`filter`](mod@filter): the filter's query searched in the text too: its words as a
//!   [`TextQuery`], the documents that match only in their text ([`TextFilter`]).

pub mod analyzer;
pub mod fields;
pub mod filter;
pub mod index;
pub mod parse;
pub mod search;
pub mod segment;

pub use filter::{SnippetText, TextFilter, TextMatch, location_for};
pub use index::{FOLDER, FORMAT_VERSION, Location, SyncStats, TextIndex, index_dir};
pub use parse::{Item, ParseError, TextQuery};
pub use search::{Hit, Prepared, Snippet};
pub use segment::DocMeta;
