//! One file's articles made into documents: ids, printable paths, a title for every document.
//! The pure core of loading, used for disk files and the bundled seeds alike.

use std::path::Path;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::article::{Article, ParseError};
use super::formats::{feed, reader};
use super::sanitize::{display, sanitize_line};
use crate::model::{Document, Format};

/// Seeds the hash of an entry id, apart from the file-content hashes (seeded by the index).
const ENTRY_ID_SEED: u64 = 0x6665_6564_2d69_6473;

/// Reads one file as `format`; returns its documents, not yet analysed (no takeaways or
/// themes, `lang` as the file states it), and a warning if decoding guessed.
pub fn read(
    path: &Path,
    bytes: &[u8],
    format: Format,
) -> Result<(Vec<Document>, Option<&'static str>), ParseError> {
    // `.json` is both JSON articles and JSON Feed; a file that declares a JSON Feed version
    // is a feed, and its documents say so.
    let format = if format == Format::Json && feed::is_json_feed(bytes) {
        Format::Feed
    } else {
        format
    };
    let read = (reader(format).ok_or(ParseError::NoReader)?.read)(bytes)?;
    let path_display = display(path);
    let mut docs: Vec<Document> = read
        .articles
        .into_iter()
        .enumerate()
        .map(|(i, a)| document(path, &path_display, bytes, i as u64, format, a))
        .collect();
    docs.retain(|d| !d.blocks.is_empty() || !d.title.is_empty());
    if docs.is_empty() {
        return Err(ParseError::NoText);
    }
    Ok((docs, read.warning))
}

fn document(
    path: &Path,
    path_display: &str,
    bytes: &[u8],
    index: u64,
    format: Format,
    a: Article,
) -> Document {
    let mut parsed = a.parsed;
    // An article that names itself (a feed entry) keeps its id when the file changes around
    // it; any other is its file's content and its place in the file.
    let hash = match &a.entry_id {
        Some(entry) => xxh3_64_with_seed(entry.as_bytes(), ENTRY_ID_SEED),
        None => xxh3_64_with_seed(bytes, index),
    };
    let id = format!("{hash:016x}")[..12].to_string();
    if parsed.title.is_empty() {
        parsed.title = path
            .file_stem()
            .map(|s| sanitize_line(&s.to_string_lossy()).into_owned())
            .unwrap_or_default();
    }
    Document {
        id,
        path: path.to_path_buf(),
        path_display: path_display.to_string(),
        title: parsed.title,
        standfirst: parsed.standfirst,
        byline: parsed.byline,
        contact: parsed.contact,
        date: parsed.date,
        lang: a.lang.unwrap_or_default(),
        url: a.url,
        source: a.source,
        format,
        blocks: parsed.blocks,
        stored_blocks: None,
        takeaways: Vec::new(),
        themes: Vec::new(),
        version: 0,
    }
}
