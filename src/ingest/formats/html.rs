//! Web pages (`.html`, `.htm`, `.xhtml`): the article found in the page, its metadata from
//! JSON-LD, OpenGraph and meta tags (see [`crate::ingest::html`]).

use std::borrow::Cow;

use crate::ingest::article::{Article, Articles, ParseError, clean_text};
use crate::ingest::html::page;
use crate::ingest::structure::{Hints, build};

/// How far into the file a `<meta charset>` is looked for (browsers look at 1024 bytes).
const CHARSET_SNIFF: usize = 4096;

/// The web-page reader: one article per page.
pub fn read(bytes: &[u8]) -> Result<Articles, ParseError> {
    let (text, warning) = clean_text(&transcode(bytes))?;
    let web = page(&text);
    if web.blocks.is_empty() && web.title.is_none() {
        return Err(ParseError::NoText);
    }
    let hints = Hints {
        title: web.title,
        byline: web.author,
        date: web.date,
    };
    Ok(Articles {
        articles: vec![Article {
            parsed: build(web.blocks, hints),
            lang: web.lang,
            url: web.url,
            source: web.site,
            entry_id: None,
        }],
        warning,
    })
}

/// A fetched page as text: in the charset the server named (unless a BOM says otherwise),
/// else as a file on disk would be read. What the fetcher hands to [`page`] and
/// [`crate::ingest::html::feed_links`].
pub fn page_text(bytes: &[u8], charset: Option<&str>) -> Result<String, ParseError> {
    let told = crate::ingest::decode::server_charset(bytes, charset);
    let bytes = match told {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            Cow::Owned(enc.decode(bytes).0.into_owned().into_bytes())
        }
        _ => transcode(bytes),
    };
    Ok(clean_text(&bytes)?.0)
}

/// UTF-8 as it is; other bytes in the charset the page names (`<meta charset>`), when it
/// names one encoding_rs knows; else left to the shared decoder's guess.
fn transcode(bytes: &[u8]) -> Cow<'_, [u8]> {
    if std::str::from_utf8(bytes).is_ok()
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
    {
        return Cow::Borrowed(bytes);
    }
    let head = &bytes[..bytes.len().min(CHARSET_SNIFF)];
    let lower = head.to_ascii_lowercase();
    let Some(at) = memchr::memmem::find(&lower, b"charset=") else {
        return Cow::Borrowed(bytes);
    };
    let label: Vec<u8> = lower[at + 8..]
        .iter()
        .copied()
        .skip_while(|b| *b == b'"' || *b == b'\'')
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .collect();
    match encoding_rs::Encoding::for_label(&label) {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let (text, _, _) = enc.decode(bytes);
            Cow::Owned(text.into_owned().into_bytes())
        }
        _ => Cow::Borrowed(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_charset_decodes_the_page() {
        let mut page = b"<meta charset=\"shift_jis\"><p>".to_vec();
        page.extend_from_slice(&[0x93, 0xfa, 0x96, 0x7b]); // 日本
        page.extend_from_slice(b"</p>");
        let read = read(&page).unwrap();
        assert_eq!(read.articles[0].parsed.title, "日本");
    }

    #[test]
    fn a_page_of_only_scripts_has_no_text() {
        let read = read(b"<html><head><script>document.write('x')</script></head></html>");
        assert_eq!(read.err(), Some(ParseError::NoText));
    }
}
