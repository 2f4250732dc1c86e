//! One file's bytes to its documents: the pure core of loading, used for disk files and the
//! bundled seeds alike.

use std::path::Path;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::date;
use super::decode::{self, DecodeError};
use super::model::{Document, Takeaway, TakeawayKind};
use super::parse::{self, Format, Hints, json};
use super::sanitize::{sanitize, sanitize_line};
use crate::analysis::{extract, lang, takeaways};

/// Why a file gave no document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Json(#[from] json::JsonError),
    #[error("no readable text after cleaning")]
    NoText,
}

/// Decodes, cleans and parses one file; returns its documents and a warning if decoding guessed.
pub fn documents_from_bytes(
    path: &Path,
    bytes: &[u8],
    format: Format,
) -> Result<(Vec<Document>, Option<&'static str>), ParseError> {
    let decoded = decode::decode(bytes)?;
    let text = sanitize(&decoded.text);
    let path_display = sanitize_line(&path.to_string_lossy()).into_owned();
    let mut docs = Vec::new();
    match format {
        Format::Text | Format::Markdown => {
            let raw = if format == Format::Text {
                parse::text_blocks(&text)
            } else {
                parse::markdown_blocks(&text)
            };
            let parsed = parse::build(raw, Hints::default());
            docs.push(assemble(path, &path_display, bytes, 0, parsed, None, None));
        }
        Format::Json => {
            for (i, a) in json::articles(&text)?.into_iter().enumerate() {
                let clean = |s: Option<String>| {
                    s.map(|s| parse::fold(&sanitize_line(&s)))
                        .filter(|s| !s.is_empty())
                };
                let hints = Hints {
                    title: clean(a.title),
                    byline: clean(a.byline),
                    date: a.date.as_deref().and_then(date::find_date).map(|(d, _)| d),
                };
                let parsed = parse::build(parse::text_blocks(&a.body), hints);
                let lang = a.lang.as_deref().and_then(lang::normalise_tag);
                let url = clean(a.url);
                docs.push(assemble(
                    path,
                    &path_display,
                    bytes,
                    i as u64,
                    parsed,
                    lang,
                    url,
                ));
            }
        }
    }
    docs.retain(|d| !d.blocks.is_empty() || !d.title.is_empty());
    if docs.is_empty() {
        return Err(ParseError::NoText);
    }
    Ok((docs, decoded.warning))
}

fn assemble(
    path: &Path,
    path_display: &str,
    bytes: &[u8],
    index: u64,
    mut parsed: parse::Parsed,
    lang: Option<String>,
    url: Option<String>,
) -> Document {
    let id = format!("{:016x}", xxh3_64_with_seed(bytes, index))[..12].to_string();
    if parsed.title.is_empty() {
        parsed.title = path
            .file_stem()
            .map(|s| sanitize_line(&s.to_string_lossy()).into_owned())
            .unwrap_or_default();
    }
    let lang = lang.unwrap_or_else(|| {
        let sample: String = parsed
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .take(12)
            .collect::<Vec<_>>()
            .join(" ");
        lang::detect(if sample.is_empty() {
            &parsed.title
        } else {
            &sample
        })
    });
    let mut found = takeaways::explicit(&mut parsed.blocks);
    // Most briefings (wire copy, press releases, Italian news) list no takeaways: choose some,
    // keeping any bottom line, and number everything in document order.
    let explicit = found
        .iter()
        .filter(|f| f.kind == TakeawayKind::Explicit)
        .count();
    if explicit < 2 {
        let taken: Vec<_> = found.iter().map(|f| f.anchor.clone()).collect();
        let ctx = extract::Context {
            title: &parsed.title,
            byline: parsed.byline.as_deref(),
            lang: &lang,
            taken: &taken,
        };
        found.extend(
            extract::extract(&parsed.blocks, &ctx)
                .into_iter()
                .map(|anchor| takeaways::Found {
                    kind: TakeawayKind::Extracted,
                    anchor,
                }),
        );
        found.sort_by_key(|f| (f.anchor.block, f.anchor.range.start));
    }
    let takeaways = found
        .into_iter()
        .enumerate()
        .map(|(n, f)| Takeaway {
            id: format!("{id}.{}", n + 1),
            kind: f.kind,
            text: parsed.blocks[f.anchor.block].text[f.anchor.range.clone()].to_string(),
            anchor: f.anchor,
            themes: Vec::new(),
        })
        .collect();
    Document {
        id,
        path: path.to_path_buf(),
        path_display: path_display.to_string(),
        title: parsed.title,
        standfirst: parsed.standfirst,
        byline: parsed.byline,
        contact: parsed.contact,
        date: parsed.date,
        lang,
        url,
        blocks: parsed.blocks,
        stored_blocks: None,
        takeaways,
        themes: Vec::new(),
    }
}
