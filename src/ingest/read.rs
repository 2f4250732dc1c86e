//! One file's articles made into documents: ids, printable paths, a title for every document.
//! The pure core of loading, used for disk files and the bundled seeds alike.

use std::path::Path;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::article::{Article, ParseError};
use super::formats::reader;
use super::sanitize::{display, sanitize_line};
use crate::model::{Document, Format};

/// Reads one file as `format`; returns its documents, not yet analysed (no takeaways or
/// themes, `lang` as the file states it), and a warning if decoding guessed.
pub fn read(
    path: &Path,
    bytes: &[u8],
    format: Format,
) -> Result<(Vec<Document>, Option<&'static str>), ParseError> {
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
    let id = format!("{:016x}", xxh3_64_with_seed(bytes, index))[..12].to_string();
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
    }
}
