//! The reader's wrapped text, computed once per document and width so that drawing a frame only
//! slices lines out of it: re-wrapping a long document on every keystroke would make the whole
//! dashboard lag.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use crate::model::{BlockKind, Document};

/// Byte ranges of `text`, one per line, when wrapped to `width` columns (at least one column).
///
/// Ranges instead of strings so callers can lay highlights (byte ranges into the same text) over
/// the lines without searching for them again.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let base = text.as_ptr() as usize;
    let words: Vec<Word<'_>> = WordSeparator::AsciiSpace.find_words(text).collect();
    let words = break_words(words, width);
    let lines = wrap_first_fit(&words, &[width as f64]);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        let start = first.word.as_ptr() as usize - base;
        let end = last.word.as_ptr() as usize - base + last.word.len();
        out.push(start..end);
    }
    out
}

/// Which text a wrapped line is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The document's title.
    Title,
    /// Metadata line `k` ([`Wrapped::meta`]): byline, date and language; then the file.
    Meta(usize),
    /// Body block number `n`.
    Block(usize),
    /// Vertical space between blocks.
    Blank,
}

/// One screen line of the reader: a byte range of its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// The text the line is cut from.
    pub source: Source,
    /// Byte range of the line in that text.
    pub range: Range<usize>,
    /// The first line of its block, which carries the bullet of a list item.
    pub first: bool,
}

/// Columns taken by a bullet ("• ") or quote bar ("│ ") before a block's text.
pub const PREFIX_WIDTH: usize = 2;

/// A document laid out for one reader width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// Columns the text was wrapped to.
    pub width: u16,
    /// The metadata lines' texts, which the [`Source::Meta`] ranges point into.
    pub meta: Vec<String>,
    /// Every line of the document, in order.
    pub lines: Vec<WrappedLine>,
    /// Index in `lines` of the first line of each block.
    pub block_start: Vec<usize>,
    /// Indices in `lines` of the heading lines, in order, for `[` and `]`.
    pub headings: Vec<usize>,
}

impl Wrapped {
    /// Lays out `doc` (corpus index `index`) for a text area `width` columns wide.
    pub fn new(doc: &Document, index: usize, width: u16) -> Wrapped {
        let w = usize::from(width).max(1);
        let meta = meta_lines(doc);
        let mut lines = Vec::new();
        let push = |lines: &mut Vec<WrappedLine>, source, text: &str, width| {
            for (i, range) in wrap_ranges(text, width).into_iter().enumerate() {
                lines.push(WrappedLine {
                    source,
                    range,
                    first: i == 0,
                });
            }
        };
        push(&mut lines, Source::Title, &doc.title, w);
        for (k, m) in meta.iter().enumerate() {
            push(&mut lines, Source::Meta(k), m, w);
        }
        let mut block_start = Vec::with_capacity(doc.blocks.len());
        let mut headings = Vec::new();
        let mut prev: Option<BlockKind> = None;
        for (i, block) in doc.blocks.iter().enumerate() {
            let list_continues = prev == Some(BlockKind::Bullet) && block.kind == BlockKind::Bullet;
            if !list_continues {
                lines.push(blank());
            }
            block_start.push(lines.len());
            let text_width = match block.kind {
                BlockKind::Bullet | BlockKind::Quote => w.saturating_sub(PREFIX_WIDTH).max(1),
                BlockKind::Heading | BlockKind::Paragraph => w,
            };
            if block.kind == BlockKind::Heading {
                headings.push(lines.len());
            }
            let before = lines.len();
            push(&mut lines, Source::Block(i), &block.text, text_width);
            if lines.len() == before {
                // An empty block still takes a line so block_start stays meaningful.
                lines.push(WrappedLine {
                    source: Source::Block(i),
                    range: 0..0,
                    first: true,
                });
            }
            prev = Some(block.kind);
        }
        Wrapped {
            doc: index,
            width,
            meta,
            lines,
            block_start,
            headings,
        }
    }

    /// The line showing byte `at` of block `block` (the block's first line if out of range).
    pub fn line_of(&self, block: usize, at: usize) -> Option<usize> {
        let start = *self.block_start.get(block)?;
        let end = self
            .block_start
            .get(block + 1)
            .copied()
            .unwrap_or(self.lines.len());
        let within = &self.lines[start..end];
        let n = within
            .iter()
            .take_while(|l| l.source == Source::Block(block))
            .count();
        let k = within[..n].partition_point(|l| l.range.start <= at);
        Some(start + k.saturating_sub(1))
    }
}

fn blank() -> WrappedLine {
    WrappedLine {
        source: Source::Blank,
        range: 0..0,
        first: true,
    }
}

/// Source, byline, contact, date and language, then the file, so the reader says where a text
/// comes from. The file gets its own line: long paths would otherwise wrap mid-list.
fn meta_lines(doc: &Document) -> Vec<String> {
    // A newsletter written by one person names them twice (From as byline and as source).
    let source = doc
        .source
        .clone()
        .filter(|s| Some(s) != doc.byline.as_ref());
    let parts: Vec<String> = [
        source,
        doc.byline.clone(),
        doc.contact.clone(),
        doc.date.map(|d| d.to_iso()),
        Some(doc.lang.clone()),
        doc.url.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    vec![parts.join(" · "), doc.path_display.clone()]
}

/// The few most recent layouts, so toggling full screen or resizing back does not re-wrap.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    entries: Vec<Wrapped>,
}

impl WrapCache {
    const CAPACITY: usize = 4;

    /// The layout of document `doc` at `width`, if it has been computed.
    pub fn get(&self, doc: usize, width: u16) -> Option<&Wrapped> {
        self.entries
            .iter()
            .find(|w| w.doc == doc && w.width == width)
    }

    /// Computes the layout unless it is cached; the most recently ensured entry is kept longest.
    pub fn ensure(&mut self, document: &Document, doc: usize, width: u16) -> &Wrapped {
        if let Some(i) = self
            .entries
            .iter()
            .position(|w| w.doc == doc && w.width == width)
        {
            let hit = self.entries.remove(i);
            self.entries.insert(0, hit);
        } else {
            self.entries.insert(0, Wrapped::new(document, doc, width));
            self.entries.truncate(Self::CAPACITY);
        }
        &self.entries[0]
    }

    /// Number of cached layouts (for tests).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_words_and_respect_width() {
        let t = "alpha beta gamma delta";
        let r = wrap_ranges(t, 11);
        let lines: Vec<&str> = r.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(lines, ["alpha beta", "gamma delta"]);
    }

    #[test]
    fn long_words_are_broken_and_width_one_works() {
        let t = "città";
        let r = wrap_ranges(t, 2);
        let lines: Vec<&str> = r.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(lines, ["ci", "tt", "à"]);
        assert_eq!(wrap_ranges("ab", 0).len(), 2);
        assert!(wrap_ranges("", 10).is_empty());
    }

    #[test]
    fn seeds_wrap_with_headings_and_lookup() {
        let corpus = crate::library::seeds::bundled();
        let doc = &corpus.documents[1];
        let w = Wrapped::new(doc, 1, 40);
        assert!(!w.headings.is_empty());
        for l in &w.lines {
            let text = match l.source {
                Source::Title => &doc.title[l.range.clone()],
                Source::Meta(k) => &w.meta[k][l.range.clone()],
                Source::Block(b) => &doc.blocks[b].text[l.range.clone()],
                Source::Blank => "",
            };
            assert!(unicode_width::UnicodeWidthStr::width(text) <= 40);
        }
        let b = 2;
        let end = doc.blocks[b].text.len() - 1;
        let line = w.line_of(b, end).unwrap();
        assert_eq!(w.lines[line].source, Source::Block(b));
        assert!(w.lines[line].range.contains(&end));
    }

    #[test]
    fn cache_keeps_a_few_entries() {
        let corpus = crate::library::seeds::bundled();
        let mut c = WrapCache::default();
        for width in 10..20 {
            c.ensure(&corpus.documents[0], 0, width);
        }
        assert_eq!(c.len(), WrapCache::CAPACITY);
        assert!(c.get(0, 19).is_some());
        assert!(c.get(0, 10).is_none());
    }

    #[test]
    fn the_reader_header_names_the_source_first() {
        let text =
            "Title\n\nBy Ann Smith\n\nA first paragraph of the body, long enough to be prose.\n";
        let (mut docs, _) = crate::library::documents_from_bytes(
            std::path::Path::new("a.txt"),
            text.as_bytes(),
            crate::model::Format::Text,
        )
        .expect("a document");
        let mut d = docs.remove(0);
        d.source = Some("The Briefing Times".into());
        let lines = meta_lines(&d);
        assert!(lines[0].starts_with("The Briefing Times · "), "{lines:?}");
        assert_eq!(lines[1], d.path_display);
        // A source that is the byline again is said once.
        d.source = d.byline.clone();
        let once = &meta_lines(&d)[0];
        let by = d.byline.clone().unwrap_or_default();
        assert!(!by.is_empty());
        assert_eq!(once.matches(by.as_str()).count(), 1, "{once}");
    }
}
