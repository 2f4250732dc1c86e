//! The formats briefdeck reads, one module each, and the registry that picks one by file
//! extension. A new format is a module here with a [`ReadFn`] and one row in [`READERS`].

pub mod json;
mod markdown;
mod text;

use super::article::ReadFn;

/// The file formats briefdeck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

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
];

impl Format {
    /// `None` for extensions we do not read, so directory walks skip them silently.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        READERS
            .iter()
            .find(|r| r.extensions.contains(&ext.as_str()))
            .map(|r| r.format)
    }

    /// The format's reader.
    pub fn reader(self) -> &'static Reader {
        READERS
            .iter()
            .find(|r| r.format == self)
            .expect("every format has a reader")
    }
}
