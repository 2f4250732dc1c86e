//! The layout of an index file and nothing of what its entries mean for a load: a magic number
//! and format version, a checksummed postcard header (the program build, the lexicon, one
//! entry per file), then the blobs, each checked (xxh3) when read. A damaged or foreign file is
//! an error worded for the notice, never a panic.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::bytes::Bytes;
use crate::model::{Block, BlockSource, Document};

/// Bumped whenever the layout or the meaning of an entry changes.
pub const FORMAT: u32 = 4;
const MAGIC: &[u8; 8] = b"BDINDEX\0";

/// Nanoseconds since the epoch (0 before 1970): how modification times are compared.
pub(crate) fn ns_since_epoch(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos().min(u64::MAX as u128) as u64)
}

/// This build of the program: its version plus the executable's size and modification time,
/// so results of older code are never served after a rebuild or an upgrade.
pub(crate) fn build_id() -> u64 {
    static ID: OnceLock<u64> = OnceLock::new();
    *ID.get_or_init(|| {
        let mut h = Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        if let Some(m) = std::env::current_exe()
            .ok()
            .and_then(|p| fs::metadata(p).ok())
        {
            h.update(&m.len().to_le_bytes());
            h.update(&m.modified().map_or(0, ns_since_epoch).to_le_bytes());
        }
        h.digest()
    })
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Blob {
    pub(super) offset: u64,
    pub(super) len: u64,
    pub(super) check: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    pub(super) path: Vec<u8>,
    pub(super) size: u64,
    pub(super) mtime_ns: u64,
    /// xxh3 of the file's bytes, for racy entries.
    pub(super) hash: u64,
    /// The file's documents without their blocks (a postcard [`Parsed`]).
    pub(super) blob: Blob,
    /// Their blocks, one list per document (postcard `Vec<Vec<Block>>`), in the second part of
    /// the file: a warm start that needs no body reads none of these pages.
    pub(super) body: Option<Blob>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) program: String,
    pub(super) build: u64,
    pub(super) lexicon: u64,
    /// When the load that wrote this index started: entries modified later than this minus
    /// [`RACY_NS`](super::RACY_NS) are verified by content.
    pub(super) loaded_ns: u64,
    pub(super) entries: Vec<Entry>,
    pub(super) links_key: u64,
    /// [`links_shape`](super::links_shape) of the documents the links were computed on.
    pub(super) links_shape: u64,
    pub(super) links: Option<Blob>,
}

pub(super) struct Old {
    /// Shared with the documents whose blocks are still in it (see [`BlocksRef`]).
    pub(super) buf: Arc<Bytes>,
    pub(super) blobs_at: usize,
    pub(super) header: Header,
    pub(super) by_path: HashMap<Vec<u8>, usize>,
}

pub(super) fn slice(old: &Old, blob: Blob) -> Result<&[u8], String> {
    let bytes = raw_slice(old, blob)?;
    if xxh3_64(bytes) != blob.check {
        return Err("is damaged (checksum mismatch)".into());
    }
    Ok(bytes)
}

/// A blob's bytes, unchecked: for copying a blob whose checksum goes along with it.
pub(super) fn raw_slice(old: &Old, blob: Blob) -> Result<&[u8], String> {
    let start = old.blobs_at as u64 + blob.offset;
    let end = start + blob.len;
    old.buf
        .get(start as usize..end as usize)
        .ok_or_else(|| "is truncated".to_string())
}

/// Where one document's blocks are in a mapped index: read (and checked) on first use. Holds
/// the mapping open, so the index file being replaced meanwhile does not matter (see [`Bytes`]).
#[derive(Clone)]
pub(crate) struct BlocksRef {
    pub(super) buf: Arc<Bytes>,
    pub(super) start: usize,
    pub(super) len: usize,
    pub(super) check: u64,
    /// Which of the file's documents.
    pub(super) nth: usize,
}

impl BlocksRef {
    pub(super) fn read_all(&self) -> Result<Vec<Vec<Block>>, String> {
        let bytes = self
            .buf
            .get(self.start..self.start + self.len)
            .ok_or_else(|| "index is truncated".to_string())?;
        if xxh3_64(bytes) != self.check {
            return Err("index is damaged (checksum mismatch)".into());
        }
        postcard::from_bytes(bytes).map_err(|e| format!("index is damaged ({e})"))
    }
}

impl BlockSource for BlocksRef {
    /// This document's blocks.
    fn read(&self) -> Result<Vec<Block>, String> {
        let mut all = self.read_all()?;
        if self.nth >= all.len() {
            return Err("index is damaged (blocks do not fit)".into());
        }
        Ok(all.swap_remove(self.nth))
    }
}

pub(super) fn parse(buf: Bytes, lexicon: u64) -> Result<Old, String> {
    let truncated = || "is truncated".to_string();
    if buf.len() < MAGIC.len() || &buf[..MAGIC.len()] != MAGIC {
        return Err("is not a briefdeck index".into());
    }
    let mut at = MAGIC.len();
    let mut take = |n: usize| -> Result<&[u8], String> {
        let b = buf.get(at..at + n).ok_or_else(truncated)?;
        at += n;
        Ok(b)
    };
    let format = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
    if format != FORMAT {
        return Err(format!(
            "was written in format {format} (this version reads {FORMAT})"
        ));
    }
    let head_len = u64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
    let head_check = u64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
    let head_len = usize::try_from(head_len).map_err(|_| truncated())?;
    let head = take(head_len)?;
    if xxh3_64(head) != head_check {
        return Err("is damaged (checksum mismatch)".into());
    }
    let header: Header = postcard::from_bytes(head).map_err(|e| format!("is damaged ({e})"))?;
    if header.program != env!("CARGO_PKG_VERSION") || header.build != build_id() {
        return Err(format!(
            "was made by another build of briefdeck ({})",
            header.program
        ));
    }
    if header.lexicon != lexicon {
        return Err("was made with another lexicon".into());
    }
    let blobs_at = at;
    let by_path = header
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.path.clone(), i))
        .collect();
    Ok(Old {
        buf: Arc::new(buf),
        blobs_at,
        header,
        by_path,
    })
}

/// One piece of the blob area as [`write`] puts it in the file: bytes already encoded (heads,
/// old entries, the links), or a fresh file's blocks, encoded only as they are written.
pub(super) enum Piece<'a> {
    Bytes(&'a [u8]),
    Blocks(BlocksOf<'a>),
}

/// The blocks of one file's documents, serialised exactly as a `Vec<Vec<Block>>` of them. A
/// load keeps the documents' blocks anyway; holding a second, encoded copy of every fresh
/// file's body until the index is saved doubled a cold load's memory, so bodies are encoded
/// twice instead (once to learn their length and checksum, once into the file).
#[derive(Clone, Copy)]
pub(super) struct BlocksOf<'a>(pub(super) &'a [Document]);

impl Serialize for BlocksOf<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|d| &d.blocks))
    }
}

impl BlocksOf<'_> {
    /// The encoded length and xxh3 checksum, without keeping the encoding.
    pub(super) fn measure(self) -> io::Result<(u64, u64)> {
        let mut sink = io::BufWriter::with_capacity(64 << 10, HashCount::default());
        postcard::to_io(&self, &mut sink).map_err(io::Error::other)?;
        let sink = sink.into_inner().map_err(|e| e.into_error())?;
        Ok((sink.len, sink.hash.digest()))
    }
}

/// A writer that only counts and hashes what goes through it.
#[derive(Default)]
struct HashCount {
    hash: Xxh3,
    len: u64,
}

impl Write for HashCount {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.hash.update(buf);
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes an index file to `path`: the magic number, the format, the header's length and
/// checksum, the encoded header `head`, then `pieces` back to back at the offsets it gives them.
pub(super) fn write<'a>(
    path: &Path,
    head: &[u8],
    pieces: impl IntoIterator<Item = Piece<'a>>,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, fs::File::create(path)?);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    out.write_all(&(head.len() as u64).to_le_bytes())?;
    out.write_all(&xxh3_64(head).to_le_bytes())?;
    out.write_all(head)?;
    for p in pieces {
        match p {
            Piece::Bytes(b) => out.write_all(b)?,
            Piece::Blocks(blocks) => {
                postcard::to_io(&blocks, &mut out).map_err(io::Error::other)?;
            }
        }
    }
    out.into_inner().map_err(|e| e.into_error())?;
    Ok(())
}
