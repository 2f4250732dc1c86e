//! Blocks as a format's syntax alone gives them, before the shared structure step assigns
//! meaning (title, byline, headings, furniture).

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
