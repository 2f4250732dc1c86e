//! The formats briefdeck reads, one module each, and the registry that picks one by file
//! extension. A new format is a module here with a [`ReadFn`] and one row in [`READERS`].

mod email;
pub(crate) mod feed;
mod html;
pub mod json;
mod markdown;
mod pdf;
pub(crate) mod text;

pub use feed::{RemoteEntry, RemoteFeed, remote as remote_feed};
pub use html::page_text;

use super::article::ReadFn;
use crate::model::Format;

/// One format: the extensions that select it (lower case) and its reader.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub format: Format,
    pub extensions: &'static [&'static str],
    pub read: ReadFn,
}

/// Every format, looked up by extension.
pub const READERS: &[Reader] = &[
    Reader {
        format: Format::Text,
        extensions: &["txt", "text"],
        read: text::read,
    },
    Reader {
        format: Format::Markdown,
        extensions: &["md", "markdown"],
        read: markdown::read,
    },
    Reader {
        format: Format::Json,
        extensions: &["json"],
        read: json::read,
    },
    Reader {
        format: Format::Pdf,
        extensions: &["pdf"],
        read: pdf::read,
    },
    Reader {
        format: Format::Feed,
        extensions: &["xml", "rss", "atom", "rdf"],
        read: feed::read,
    },
    Reader {
        format: Format::Email,
        extensions: &["eml", "mbox"],
        read: email::read,
    },
    Reader {
        format: Format::Html,
        extensions: &["html", "htm", "xhtml"],
        read: html::read,
    },
];

/// The format a file's extension selects; `None` for files briefdeck does not read, so
/// directory walks skip them silently.
pub fn format_of(path: &std::path::Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    READERS
        .iter()
        .find(|r| r.extensions.contains(&ext.as_str()))
        .map(|r| r.format)
}

/// The reader of `format`, if briefdeck has one.
pub fn reader(format: Format) -> Option<&'static Reader> {
    READERS.iter().find(|r| r.format == format)
}
