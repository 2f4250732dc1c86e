//! Turns cleaned text into a [`Document`]: format-specific readers produce raw blocks, and one
//! shared step (`structure`) finds the title, byline, date, headings and takeaways in them, so the
//! rules for scraped text, Markdown and JSON bodies live in one place.

mod inline;
pub mod json;
mod markdown;
mod structure;
mod text;

pub(crate) use inline::fold_whitespace as fold;
pub(crate) use structure::build;
/// Shared with the extractor, which trims datelines off lead sentences.
pub(crate) use structure::dateline_end;
pub use structure::{Hints, Parsed};

/// The file formats briefdeck reads, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    /// `None` for extensions we do not read, so directory walks skip them silently.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// A block before any meaning is assigned: what the format's syntax alone says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawKind {
    /// `#`-style or setext heading, with its level.
    Heading(u8),
    Paragraph,
    Bullet,
    Quote,
    /// A list marker standing alone on its line (scraped pages): the next block is its text.
    Marker,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: RawKind,
    pub text: String,
}

/// Raw blocks of a plain-text body.
pub(crate) fn text_blocks(text: &str) -> Vec<RawBlock> {
    text::raw_blocks(text)
}

/// Raw blocks of a Markdown body.
pub(crate) fn markdown_blocks(text: &str) -> Vec<RawBlock> {
    markdown::raw_blocks(text)
}
