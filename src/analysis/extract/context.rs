//! What the extractor is told about a document besides its blocks: the title, byline and
//! anchors it must not pick, the language it stems in, and how to see a dateline.

use crate::model::Anchor;

/// What the extractor knows about the document besides its blocks.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// Never picked as a takeaway, nor a sentence it was truncated from ("…").
    pub title: &'a str,
    /// Lines that are mostly the byline are never picked.
    pub byline: Option<&'a str>,
    /// ISO 639-1 code: chooses the stemmer and stop words.
    pub lang: &'a str,
    /// Anchors already used by explicit takeaways or a bottom line: never picked again.
    pub taken: &'a [Anchor],
    /// Where a lead sentence's dateline ends ("Roma, 11 dicembre 2025 – "), so the claim after
    /// it is what is picked. Datelines are the ingest layer's knowledge; the library passes its
    /// recogniser in.
    pub dateline: Dateline,
}

/// Byte length of a dateline at the start of a text, if it has one.
pub type Dateline = fn(&str) -> Option<usize>;
