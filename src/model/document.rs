//! The document model every layer reads and writes: plain data, no behaviour beyond lookups.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::format::Format;

/// What a block is, so the reader can style it and the extractor can skip non-prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    Bullet,
    Quote,
}

/// One unit of body text; `text` is clean (sanitised, whitespace folded, markup removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// Where a takeaway came from: written by the author, a closing verdict, or chosen by us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TakeawayKind {
    Explicit,
    BottomLine,
    Extracted,
}

/// Points at the source of a takeaway so the reader can scroll to it and highlight it.
///
/// `range` is a byte range into `blocks[block].text`, always on char boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub block: usize,
    pub range: Range<usize>,
}

/// A claim worth reading first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Takeaway {
    /// `DOCID.N`, N counting from 1 in document order: stable as long as the file is.
    pub id: String,
    pub kind: TakeawayKind,
    pub text: String,
    pub anchor: Anchor,
    /// Themes this takeaway is about, best first (see `analysis::themes`); filled by
    /// `Corpus::analyse`, empty until then.
    pub themes: Vec<ThemeScore>,
}

/// A theme attached to a text, with the strength of the evidence, so views can show the
/// strongest chips first and filters can use any of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeScore {
    /// The theme's id in the lexicon.
    pub id: super::ThemeId,
    /// Keyword and entity hits normalised by length; always finite.
    pub score: f32,
}

/// Scores are never NaN (they are sums and quotients of positive counts), so equality is an
/// equivalence and documents can stay `Eq`.
impl Eq for ThemeScore {}

/// One briefing after loading and parsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Short content hash: stable across runs and renames, unique within a corpus.
    pub id: String,
    /// Where it was read from (for I/O; never printed raw: see `path_display`).
    #[serde(skip)]
    pub path: PathBuf,
    /// `path` made safe to print: lossy UTF-8 with control characters removed.
    pub path_display: String,
    pub title: String,
    /// The long opening sentence when the file starts with one instead of a title.
    pub standfirst: Option<String>,
    pub byline: Option<String>,
    /// An e-mail address printed with the byline.
    pub contact: Option<String>,
    pub date: Option<Date>,
    /// ISO 639-1 code (ISO 639-3 when there is no two-letter code), or "und".
    pub lang: String,
    pub url: Option<String>,
    /// The publication it came from: a site, a feed or a newsletter's name.
    pub source: Option<String>,
    /// The kind of file it was read from.
    pub format: Format,
    /// The body. Stored apart from the rest in the on-disk index, so that a warm start reads
    /// only what lists and searches need; empty until [`Document::load_blocks`] when the load
    /// left them there (see `LoadOptions::lazy_blocks`).
    #[serde(skip)]
    pub blocks: Vec<Block>,
    /// Where the blocks are when they have not been read yet.
    #[serde(skip)]
    pub stored_blocks: Option<StoredBlocks>,
    pub takeaways: Vec<Takeaway>,
    /// Themes of the whole document, best first; filled by `Corpus::analyse`.
    pub themes: Vec<ThemeScore>,
    /// A hash of the bytes of the file it came from, set by the load (0 otherwise): a feed
    /// entry keeps its `id` when the entry is updated, so the full-text index tells an edited
    /// document from an unchanged one by `(id, version)`.
    #[serde(skip)]
    pub version: u64,
}

/// A document's blocks left in the on-disk index: a shared view of the mapped index file and
/// where in it they are. Documents compare equal whatever their `StoredBlocks`: this is about
/// where content waits, not what it is.
#[derive(Clone)]
pub struct StoredBlocks(Arc<dyn BlockSource>);

/// Where a body waits to be read: the library's on-disk index implements it, so the model need
/// not know how the index is laid out.
pub trait BlockSource: Send + Sync {
    /// The blocks, or why they cannot be had (a damaged entry).
    fn read(&self) -> Result<Vec<Block>, String>;
}

impl StoredBlocks {
    /// Blocks that `source` will hand over when the document is opened.
    pub fn new(source: impl BlockSource + 'static) -> StoredBlocks {
        StoredBlocks(Arc::new(source))
    }
}

impl std::fmt::Debug for StoredBlocks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoredBlocks")
    }
}

impl PartialEq for StoredBlocks {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for StoredBlocks {}

impl Document {
    /// Reads the blocks from the on-disk index if the load left them there; a no-op once
    /// they are in. A damaged index entry leaves the body empty and says why.
    pub fn load_blocks(&mut self) -> Result<(), String> {
        match self.stored_blocks.take() {
            None => Ok(()),
            Some(s) => {
                self.blocks = s.0.read()?;
                Ok(())
            }
        }
    }

    /// The blocks without keeping them: those in memory, or read from where the load left
    /// them (for indexing a whole corpus without holding every body at once).
    pub fn read_blocks(&self) -> Result<std::borrow::Cow<'_, [Block]>, String> {
        match &self.stored_blocks {
            Some(s) if self.blocks.is_empty() => Ok(std::borrow::Cow::Owned(s.0.read()?)),
            _ => Ok(std::borrow::Cow::Borrowed(&self.blocks)),
        }
    }

    /// The text a takeaway's anchor points at.
    pub fn anchor_text(&self, anchor: &Anchor) -> Option<&str> {
        self.blocks
            .get(anchor.block)?
            .text
            .get(anchor.range.clone())
    }
}
