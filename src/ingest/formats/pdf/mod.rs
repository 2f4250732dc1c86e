//! PDF reports: the text layer in reading order, rebuilt into headings, bullets and paragraphs.
//!
//! lopdf opens the file (lenient about damaged cross-references, decrypting files that need no
//! password, every decompression bounded), [`extract`] interprets the content streams into
//! positioned text, and [`layout`] turns that into blocks: columns, running headers and footers,
//! page numbers, hyphenation. Title, author and date come from the document information
//! dictionary; without a title, the largest text on the first page is one.

mod extract;
mod layout;

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use lopdf::{Document, LoadOptions, Object};

use extract::STREAM_LIMIT;

use crate::ingest::article::{Article, Articles, ParseError};
use crate::ingest::inline::fold_whitespace;
use crate::ingest::sanitize::{sanitize, sanitize_line};
use crate::ingest::structure::{Hints, build};
use crate::model::Date;

/// The most all of a file's page and form content may decompress to, together.
const CONTENT_LIMIT: usize = 64 << 20;

/// The PDF reader: one article per file.
pub fn read(bytes: &[u8]) -> Result<Articles, ParseError> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(invalid("not a PDF (no %PDF- header)"));
    }
    // lopdf is written to return errors, but a parser of hostile input may still panic on a
    // case it did not foresee: that is one skipped file, not a crash, and nothing printed.
    quietly(|| read_pdf(bytes))
        .unwrap_or_else(|| Err(invalid("malformed PDF (the parser gave up)")))
}

fn invalid(reason: &str) -> ParseError {
    ParseError::Invalid(reason.to_string())
}

fn read_pdf(bytes: &[u8]) -> Result<Articles, ParseError> {
    let options = LoadOptions {
        max_decompressed_size: Some(STREAM_LIMIT),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(_) => too_large(),
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => invalid("encrypted"),
        e => invalid(&format!("malformed PDF: {}", first_line(&e.to_string()))),
    })?;
    // lopdf decrypts a file that opens with the empty password (an owner password only
    // restricts printing or copying); one still encrypted needs a password we do not have.
    if doc.is_encrypted() {
        return Err(invalid("encrypted"));
    }
    if doc.page_iter().next().is_none() {
        return Err(invalid("malformed PDF: no pages"));
    }
    let pages = extract::pages(&doc, CONTENT_LIMIT).map_err(|_| too_large())?;
    if pages.iter().all(|p| p.spans.is_empty()) {
        return Err(invalid("no text layer (scanned?)"));
    }
    let mut laid = layout::layout(&pages);
    for b in &mut laid.blocks {
        b.text = unligature(&fold_whitespace(&sanitize(&b.text)));
    }
    let info = Info::of(&doc);
    let title = match info.title {
        Some(t) => Some(t),
        None => laid
            .largest_on_first_page
            .map(|i| laid.blocks.remove(i).text),
    };
    let hints = Hints {
        title,
        byline: info.author,
        date: info.date,
    };
    let article = Article {
        parsed: build(laid.blocks, hints),
        lang: info.lang,
        url: None,
        source: None,
        entry_id: None,
    };
    Ok(Articles {
        articles: vec![article],
        warning: None,
    })
}

/// Typographic ligatures as the letters they join, so that words match when searched.
fn unligature(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            c => out.push(c),
        }
    }
    out
}

fn too_large() -> ParseError {
    invalid(&format!(
        "content decompresses past the {} MiB limit",
        CONTENT_LIMIT >> 20
    ))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(120).collect()
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `None` without the panic message reaching the terminal: a
/// hook installed once defers to the previous one except on a thread inside `quietly`.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.ok()
}

/// What the document information dictionary and the catalog state.
#[derive(Debug, Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    date: Option<Date>,
    lang: Option<String>,
}

impl Info {
    fn of(doc: &Document) -> Info {
        let deref = |o: &Object| doc.dereference(o).ok().map(|(_, o)| o.clone());
        let info = doc
            .trailer
            .get(b"Info")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_dict().ok().cloned())
            .unwrap_or_default();
        let field = |key: &[u8]| {
            let o = deref(info.get(key).ok()?)?;
            let text = lopdf::decode_text_string(&o).ok()?;
            let text = fold_whitespace(&sanitize_line(&text));
            (!text.is_empty()).then_some(text)
        };
        let lang = doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Lang").ok())
            .and_then(deref)
            .and_then(|o| lopdf::decode_text_string(&o).ok())
            .map(|l| fold_whitespace(&sanitize_line(&l)))
            .filter(|l| !l.is_empty() && l.len() <= 35);
        Info {
            title: field(b"Title").filter(|t| !is_placeholder_title(t)),
            author: field(b"Author"),
            date: field(b"CreationDate")
                .or_else(|| field(b"ModDate"))
                .and_then(|d| pdf_date(&d)),
            lang,
        }
    }
}

/// Titles that word processors fill in: a file name, "Untitled", "Microsoft Word - x.docx".
fn is_placeholder_title(t: &str) -> bool {
    let lower = t.to_lowercase();
    let file_like = [
        ".doc", ".docx", ".pdf", ".indd", ".rtf", ".odt", ".tex", ".dvi",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    file_like || lower.starts_with("microsoft word") || lower == "untitled" || t.chars().count() < 3
}

/// A PDF date, `D:YYYYMMDDHHmmSS…`: the day, when the month and day are given.
fn pdf_date(s: &str) -> Option<Date> {
    let s = s.trim().strip_prefix("D:").unwrap_or(s.trim());
    let digits = s.get(..8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::new(
        digits[..4].parse().ok()?,
        digits[4..6].parse().ok()?,
        digits[6..8].parse().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_give_their_day() {
        assert_eq!(pdf_date("D:20240315120000+01'00'"), Date::new(2024, 3, 15));
        assert_eq!(pdf_date("20231102"), Date::new(2023, 11, 2));
        assert_eq!(pdf_date("D:2024"), None);
        assert_eq!(pdf_date("D:20241399"), None);
    }

    #[test]
    fn word_processor_titles_are_placeholders() {
        assert!(is_placeholder_title("Microsoft Word - draft7.docx"));
        assert!(is_placeholder_title("report_final.pdf"));
        assert!(!is_placeholder_title("Water policy outlook 2025"));
    }

    #[test]
    fn a_panic_becomes_none_and_the_next_call_works() {
        assert_eq!(quietly(|| -> u8 { panic!("boom") }), None);
        assert_eq!(quietly(|| 7), Some(7));
    }

    #[test]
    fn not_a_pdf_is_refused_before_parsing() {
        let err = read(b"hello, world").unwrap_err();
        assert_eq!(err.to_string(), "not a PDF (no %PDF- header)");
    }
}
