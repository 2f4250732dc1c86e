//! HTML as briefings carry it: whole saved pages (find the article, drop the rest) and
//! fragments (a feed entry's content, an e-mail's HTML part, a JSON article's body).
//!
//! For now a fragment is read by the tag stripper the JSON reader has always used; the web-page
//! reader replaces it with a real HTML parser.

use super::formats::json::strip_html;
use super::formats::text::raw_blocks;
use super::raw::RawBlock;
use super::sanitize::sanitize;

/// Raw blocks of an HTML fragment: block tags become paragraph breaks, other tags vanish,
/// common entities are decoded, and what the entities spelled (`&#27;`) is cleaned again.
pub fn fragment(html: &str) -> Vec<RawBlock> {
    raw_blocks(&sanitize(&strip_html(html)))
}
