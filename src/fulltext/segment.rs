//! One immutable segment of the full-text index: a few documents' postings, written once and
//! then only read (from a mapped file or from memory). New documents go to new segments and
//! removed ones are marked deleted in the manifest, so an update never rewrites what it kept.
//!
//! Layout (little-endian):
//!
//! ```text
//! header   MAGIC, n_docs u32, n_terms u32, total_len u64, then the offsets of the sections
//! lens     u32 per document: its number of positions (BM25's document length)
//! metas    (n_docs + 1) u64 offsets, then one postcard DocMeta per document
//! terms    n_terms rows of 28 bytes: key offset u32, key length u32, postings offset u64,
//!          doc-stream length u32, position-stream length u32, document frequency u32
//! keys     the terms' keys, sorted: language slot byte, then the term's UTF-8
//! postings per term: the doc stream (varint doc delta, tf, and the byte length of the
//!          document's positions), then the position stream (tf varint position deltas per
//!          document, from 0 each time): a phrase skips the positions of the documents that
//!          lack one of its terms without decoding them
//! ```
//!
//! Every read is bounds-checked: a damaged file is an error ([`Damaged`]), never a panic.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::analyzer::{Analyzer, TEXT_GAP, language_slot, token_count};
use crate::library::cache::Bytes;
use crate::model::{Block, Document, Format};

const MAGIC: &[u8; 8] = b"BDFTSEG2";
const HEADER: usize = 8 + 4 + 4 + 8 + 6 * 8;
const TERM_ROW: usize = 28;

/// What a result needs to be shown without loading the corpus: who it is and where it came
/// from (the `nth` document of the file at `path`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    /// The document's [`Document::version`]: with `id`, what tells it from an edited self.
    pub version: u64,
    pub title: String,
    pub path_display: String,
    /// The file's path as the load found it, as OS bytes.
    pub path: Vec<u8>,
    /// Which of the file's documents (a feed or a JSON array holds several).
    pub nth: u32,
    pub lang: String,
    pub format: Format,
    /// The document's source (a feed's name for feed entries).
    pub source: Option<String>,
}

/// A segment file that cannot be read as one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("damaged full-text segment ({0})")]
pub struct Damaged(pub &'static str);

/// The texts indexed before the body, in the order their positions are counted.
fn head_texts(doc: &Document) -> impl Iterator<Item = &str> {
    [Some(&doc.title), doc.byline.as_ref(), doc.source.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(doc.standfirst.as_deref())
}

/// The position of the first token of `doc`'s first block (title, byline, source and
/// standfirst come first, each followed by [`TEXT_GAP`]); each block takes
/// [`token_count`] positions and a gap after it.
pub fn body_start(doc: &Document) -> u32 {
    head_texts(doc).map(|t| token_count(t) + TEXT_GAP).sum()
}

/// Collects documents, then writes them as one segment.
#[derive(Default)]
pub struct SegmentBuilder {
    analyzer: Analyzer,
    ids: FxHashMap<Box<[u8]>, u32>,
    posts: Vec<Building>,
    touched: Vec<u32>,
    metas: Vec<DocMeta>,
    lens: Vec<u32>,
    total: u64,
    key: Vec<u8>,
}

/// One term's postings while the segment is built.
#[derive(Default)]
struct Building {
    docs: Vec<u8>,
    pos: Vec<u8>,
    last_doc: Option<u32>,
    df: u32,
    current: Vec<u32>,
}

impl SegmentBuilder {
    pub fn new() -> SegmentBuilder {
        SegmentBuilder::default()
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.metas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    /// Adds `doc`, the `nth` of its file, with its body `blocks`.
    pub fn add(&mut self, doc: &Document, nth: u32, blocks: &[Block]) {
        let ordinal = self.metas.len() as u32;
        let slot = language_slot(&doc.lang);
        let mut next = 0u32;
        let texts = head_texts(doc).chain(blocks.iter().map(|b| b.text.as_str()));
        let SegmentBuilder {
            analyzer,
            ids,
            posts,
            touched,
            key,
            ..
        } = self;
        for text in texts {
            analyzer.each_token(slot, text, &mut next, |term, _, position| {
                key.clear();
                key.push(slot);
                key.extend_from_slice(term.as_bytes());
                let id = match ids.get(key.as_slice()) {
                    Some(&id) => id,
                    None => {
                        let id = posts.len() as u32;
                        ids.insert(key.as_slice().into(), id);
                        posts.push(Building::default());
                        id
                    }
                };
                let post = &mut posts[id as usize];
                if post.current.is_empty() {
                    touched.push(id);
                }
                post.current.push(position);
            });
            next += TEXT_GAP;
        }
        for id in self.touched.drain(..) {
            let post = &mut self.posts[id as usize];
            let delta = match post.last_doc {
                Some(last) => ordinal - last,
                None => ordinal,
            };
            put_varint(&mut post.docs, delta);
            put_varint(&mut post.docs, post.current.len() as u32);
            let before = post.pos.len();
            let mut prev = 0;
            for &p in &post.current {
                put_varint(&mut post.pos, p - prev);
                prev = p;
            }
            put_varint(&mut post.docs, (post.pos.len() - before) as u32);
            post.current.clear();
            post.last_doc = Some(ordinal);
            post.df += 1;
        }
        self.lens.push(next);
        self.total += u64::from(next);
        self.metas.push(DocMeta {
            id: doc.id.clone(),
            version: doc.version,
            title: doc.title.clone(),
            path_display: doc.path_display.clone(),
            path: doc.path.as_os_str().as_encoded_bytes().to_vec(),
            nth,
            lang: doc.lang.clone(),
            format: doc.format,
            source: doc.source.clone(),
        });
    }

    /// The segment's bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut order: Vec<(&[u8], u32)> = self.ids.iter().map(|(k, &v)| (&**k, v)).collect();
        order.sort_unstable();
        let mut out = vec![0u8; HEADER];
        let lens_off = out.len();
        for l in &self.lens {
            out.extend_from_slice(&l.to_le_bytes());
        }
        let metas_off = out.len();
        let mut blobs = Vec::new();
        let mut offsets = Vec::with_capacity(self.metas.len() + 1);
        for m in &self.metas {
            offsets.push(blobs.len() as u64);
            blobs.extend(postcard::to_allocvec(m).unwrap_or_default());
        }
        offsets.push(blobs.len() as u64);
        for o in offsets {
            out.extend_from_slice(&o.to_le_bytes());
        }
        out.extend(blobs);
        let terms_off = out.len();
        out.resize(terms_off + order.len() * TERM_ROW, 0);
        let keys_off = out.len();
        let mut key_pos = Vec::with_capacity(order.len());
        for (key, _) in &order {
            key_pos.push((out.len() - keys_off) as u32);
            out.extend_from_slice(key);
        }
        let post_off = out.len();
        for (row, ((key, id), kp)) in order.iter().zip(key_pos).enumerate() {
            let post = &self.posts[*id as usize];
            let at = (out.len() - post_off) as u64;
            out.extend_from_slice(&post.docs);
            out.extend_from_slice(&post.pos);
            let r = terms_off + row * TERM_ROW;
            out[r..r + 4].copy_from_slice(&kp.to_le_bytes());
            out[r + 4..r + 8].copy_from_slice(&(key.len() as u32).to_le_bytes());
            out[r + 8..r + 16].copy_from_slice(&at.to_le_bytes());
            out[r + 16..r + 20].copy_from_slice(&(post.docs.len() as u32).to_le_bytes());
            out[r + 20..r + 24].copy_from_slice(&(post.pos.len() as u32).to_le_bytes());
            out[r + 24..r + 28].copy_from_slice(&post.df.to_le_bytes());
        }
        let end = out.len();
        let mut h = Vec::with_capacity(HEADER);
        h.extend_from_slice(MAGIC);
        h.extend_from_slice(&(self.metas.len() as u32).to_le_bytes());
        h.extend_from_slice(&(order.len() as u32).to_le_bytes());
        h.extend_from_slice(&self.total.to_le_bytes());
        for o in [lens_off, metas_off, terms_off, keys_off, post_off, end] {
            h.extend_from_slice(&(o as u64).to_le_bytes());
        }
        out[..HEADER].copy_from_slice(&h);
        out
    }
}

/// Where a segment's bytes are.
pub enum Source {
    Memory(Vec<u8>),
    File(Bytes),
}

impl std::ops::Deref for Source {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Source::Memory(v) => v,
            Source::File(b) => b,
        }
    }
}

/// A segment ready to be searched; cheap to clone (the bytes are shared).
#[derive(Clone)]
pub struct Segment {
    bytes: Arc<Source>,
    n_docs: u32,
    n_terms: u32,
    total_len: u64,
    lens: usize,
    metas: usize,
    terms: usize,
    keys: usize,
    post: usize,
    end: usize,
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// One term's entry in a segment.
#[derive(Debug, Clone, Copy)]
pub struct TermInfo {
    post: usize,
    docs_len: usize,
    pos_len: usize,
    pub df: u32,
}

impl Segment {
    /// Checks the header and the sections' bounds; the rest is checked as it is read.
    pub fn open(source: Source) -> Result<Segment, Damaged> {
        let b: &[u8] = &source;
        if b.get(..8) != Some(MAGIC.as_slice()) {
            return Err(Damaged("not a segment"));
        }
        let short = Damaged("truncated header");
        let n_docs = u32_at(b, 8).ok_or(short.clone())?;
        let n_terms = u32_at(b, 12).ok_or(short.clone())?;
        let total_len = u64_at(b, 16).ok_or(short.clone())?;
        let mut offs = [0usize; 6];
        for (i, o) in offs.iter_mut().enumerate() {
            *o = usize::try_from(u64_at(b, 24 + i * 8).ok_or(short.clone())?)
                .map_err(|_| Damaged("offset"))?;
        }
        let [lens, metas, terms, keys, post, end] = offs;
        let ordered = HEADER <= lens
            && lens <= metas
            && metas <= terms
            && terms <= keys
            && keys <= post
            && post <= end
            && end == b.len();
        let sized = metas - lens == n_docs as usize * 4
            && keys - terms == n_terms as usize * TERM_ROW
            && terms - metas >= (n_docs as usize + 1) * 8;
        if !ordered || !sized {
            return Err(Damaged("section bounds"));
        }
        Ok(Segment {
            bytes: Arc::new(source),
            n_docs,
            n_terms,
            total_len,
            lens,
            metas,
            terms,
            keys,
            post,
            end,
        })
    }

    pub fn n_docs(&self) -> u32 {
        self.n_docs
    }

    pub fn total_len(&self) -> u64 {
        self.total_len
    }

    /// The segment as written.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn size_bytes(&self) -> usize {
        self.end
    }

    /// The length (in positions) of document `ordinal`.
    pub fn doc_len(&self, ordinal: u32) -> u32 {
        u32_at(&self.bytes, self.lens + ordinal as usize * 4).unwrap_or(0)
    }

    /// Document `ordinal`'s metadata.
    pub fn meta(&self, ordinal: u32) -> Result<DocMeta, Damaged> {
        let b = &self.bytes;
        let table = self.metas;
        let blobs = table + (self.n_docs as usize + 1) * 8;
        let at = |i: usize| u64_at(b, table + i * 8).and_then(|o| usize::try_from(o).ok());
        let (Some(from), Some(to)) = (at(ordinal as usize), at(ordinal as usize + 1)) else {
            return Err(Damaged("document table"));
        };
        let blob = b
            .get(blobs + from..blobs + to)
            .filter(|_| blobs + to <= self.terms)
            .ok_or(Damaged("document table"))?;
        postcard::from_bytes(blob).map_err(|_| Damaged("document entry"))
    }

    fn key(&self, row: u32) -> Option<&[u8]> {
        let r = self.terms + row as usize * TERM_ROW;
        let off = u32_at(&self.bytes, r)? as usize;
        let len = u32_at(&self.bytes, r + 4)? as usize;
        let from = self.keys + off;
        self.bytes
            .get(from..from + len)
            .filter(|_| from + len <= self.post)
    }

    /// The entry of term `key` (slot byte, then the term), if the segment has it.
    pub fn term(&self, key: &[u8]) -> Option<TermInfo> {
        let (mut lo, mut hi) = (0u32, self.n_terms);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.key(mid)?.cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let r = self.terms + mid as usize * TERM_ROW;
                    let b = &self.bytes;
                    return Some(TermInfo {
                        post: usize::try_from(u64_at(b, r + 8)?).ok()?,
                        docs_len: u32_at(b, r + 16)? as usize,
                        pos_len: u32_at(b, r + 20)? as usize,
                        df: u32_at(b, r + 24)?,
                    });
                }
            }
        }
        None
    }

    /// The postings of a term found with [`Segment::term`].
    pub fn postings(&self, info: TermInfo) -> Postings<'_> {
        let from = self.post + info.post;
        let docs_end = from + info.docs_len;
        let pos_end = docs_end + info.pos_len;
        let ok = pos_end <= self.end;
        let docs = if ok { &self.bytes[from..docs_end] } else { &[] };
        let pos = if ok {
            &self.bytes[docs_end..pos_end]
        } else {
            &[]
        };
        Postings {
            docs,
            pos,
            doc: None,
            n_docs: self.n_docs,
            pending: 0,
        }
    }
}

/// A term's documents in order, and each one's positions on demand.
pub struct Postings<'a> {
    docs: &'a [u8],
    pos: &'a [u8],
    doc: Option<u32>,
    n_docs: u32,
    /// Bytes of the current document's positions not read yet.
    pending: usize,
}

impl Postings<'_> {
    /// The next document and the term's frequency in it; `None` at the end (or at damage).
    pub fn next_doc(&mut self) -> Option<(u32, u32)> {
        self.pos = self.pos.get(self.pending..).unwrap_or(&[]);
        self.pending = 0;
        let delta = take_varint(&mut self.docs)?;
        let tf = take_varint(&mut self.docs)?;
        self.pending = take_varint(&mut self.docs)? as usize;
        let doc = match self.doc {
            None => delta,
            Some(d) => d.checked_add(delta).filter(|_| delta > 0)?,
        };
        if doc >= self.n_docs || tf == 0 {
            self.docs = &[];
            return None;
        }
        self.doc = Some(doc);
        Some((doc, tf))
    }

    /// The `tf` positions of the document [`Postings::next_doc`] just gave (those of the
    /// documents passed over are skipped, not decoded).
    pub fn positions(&mut self, tf: u32, out: &mut Vec<u32>) {
        out.clear();
        let mut mine = self.pos.get(..self.pending).unwrap_or(&[]);
        self.pos = self.pos.get(self.pending..).unwrap_or(&[]);
        self.pending = 0;
        let mut p = 0u32;
        for _ in 0..tf {
            let Some(d) = take_varint(&mut mine) else {
                return;
            };
            p = p.saturating_add(d);
            out.push(p);
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn take_varint(b: &mut &[u8]) -> Option<u32> {
    let mut v: u32 = 0;
    for (i, &byte) in b.iter().enumerate().take(5) {
        v |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            *b = &b[i + 1..];
            return Some(v);
        }
    }
    *b = &[];
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    pub(crate) fn doc(id: &str, lang: &str, title: &str, body: &[&str]) -> (Document, Vec<Block>) {
        let d = Document {
            id: id.into(),
            path: format!("/x/{id}.txt").into(),
            path_display: format!("/x/{id}.txt"),
            title: title.into(),
            standfirst: None,
            byline: None,
            contact: None,
            date: None,
            lang: lang.into(),
            url: None,
            source: None,
            format: Format::Text,
            blocks: Vec::new(),
            stored_blocks: None,
            takeaways: Vec::new(),
            themes: Vec::new(),
            version: 0,
        };
        let blocks = body
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
            })
            .collect();
        (d, blocks)
    }

    #[test]
    fn round_trip_of_postings_and_metas() {
        let mut b = SegmentBuilder::new();
        let (d0, b0) = doc("a", "en", "Ports", &["The harbour and the harbour master."]);
        let (d1, b1) = doc("b", "it", "Porti", &["Il porto."]);
        b.add(&d0, 0, &b0);
        b.add(&d1, 2, &b1);
        let seg = Segment::open(Source::Memory(b.finish())).unwrap();
        assert_eq!(seg.n_docs(), 2);
        assert_eq!(seg.meta(1).unwrap().nth, 2);
        assert_eq!(seg.meta(0).unwrap().id, "a");
        let mut key = vec![language_slot("en")];
        key.extend_from_slice(b"harbour");
        let info = seg.term(&key).unwrap();
        assert_eq!(info.df, 1);
        let mut p = seg.postings(info);
        let (d, tf) = p.next_doc().unwrap();
        assert_eq!((d, tf), (0, 2));
        let mut pos = Vec::new();
        p.positions(tf, &mut pos);
        // Title "Ports" is position 0, then a gap, then "The"(9) "harbour"(10) ... "harbour"(13).
        assert_eq!(pos, [1 + TEXT_GAP + 1, 1 + TEXT_GAP + 4]);
        assert!(p.next_doc().is_none());
        assert!(seg.term(b"\x00nothing").is_none());
    }

    #[test]
    fn damaged_bytes_are_errors_not_panics() {
        let mut b = SegmentBuilder::new();
        let (d0, b0) = doc("a", "en", "Ports", &["The harbour and the harbour master."]);
        b.add(&d0, 0, &b0);
        let good = b.finish();
        assert!(Segment::open(Source::Memory(good[..good.len() - 1].to_vec())).is_err());
        assert!(Segment::open(Source::Memory(b"garbage".to_vec())).is_err());
        // Flipping any byte after the header may give wrong answers but never a panic.
        for i in HEADER..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0xff;
            if let Ok(seg) = Segment::open(Source::Memory(bad)) {
                let _ = seg.meta(0);
                if let Some(info) = seg.term(b"\x00harbour") {
                    let mut p = seg.postings(info);
                    let mut pos = Vec::new();
                    while let Some((_, tf)) = p.next_doc() {
                        p.positions(tf.min(1000), &mut pos);
                    }
                }
            }
        }
    }
}
