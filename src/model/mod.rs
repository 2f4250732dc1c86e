//! The ground floor: what a briefing is once read (documents, blocks, takeaways, anchors, ids,
//! theme scores, dates). Plain data that every other layer shares; it imports nothing else of
//! the crate, so ingest, analysis, the library and the views can all depend on it.

mod date;
mod document;
mod format;
mod interned;

pub use date::Date;
pub use document::{
    Anchor, Block, BlockKind, BlockSource, Document, StoredBlocks, Takeaway, TakeawayKind,
    ThemeScore,
};
pub use format::Format;
pub use interned::{Interned, ThemeId};
