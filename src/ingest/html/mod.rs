//! HTML as briefings carry it: whole saved pages (find the article, drop the rest) and
//! fragments (a feed entry's content, an e-mail's HTML part, a JSON article's body).
//!
//! html5ever parses (as browsers do, so malformed and unclosed markup still gives a tree) into
//! a flat arena ([`dom`]); [`extract`] measures it and finds the article readability-style;
//! [`blocks`] turns the chosen elements into raw blocks; [`meta`] reads what the page states
//! about itself. No step recurses, so nesting depth cannot overflow the stack.

mod blocks;
mod dom;
mod extract;
mod meta;

use self::blocks::Blocks;
use self::dom::Dom;
use self::extract::Page;
use super::date::find_date;
use super::inline::fold_whitespace;
use super::raw::RawBlock;
use super::sanitize::sanitize_line;
use crate::model::Date;

/// An article found in a web page: its blocks and what the page states about it, every
/// field cleaned for display.
#[derive(Debug, Clone, Default)]
pub struct WebArticle {
    pub blocks: Vec<RawBlock>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<Date>,
    pub lang: Option<String>,
    pub url: Option<String>,
    /// The site or publication.
    pub site: Option<String>,
}

/// The article in a whole page, with the page's metadata.
pub fn page(html: &str) -> WebArticle {
    let dom = dom::parse(html);
    let page = Page::new(&dom);
    let meta = meta::read(&dom, &page.junk);
    let line = |s: Option<String>| {
        s.map(|s| fold_whitespace(&sanitize_line(&s)))
            .filter(|s| !s.is_empty())
    };
    let site = line(meta.site);
    let h1 = line(meta.h1);
    // A title longer than this is an unclosed `<title>` that swallowed the page.
    const TITLE_MAX: usize = 400;
    let title = line(meta.title.or(meta.doc_title))
        .filter(|t| t.len() <= TITLE_MAX)
        .map(|t| meta::strip_site_suffix(&t, site.as_deref(), h1.as_deref()))
        .or(h1);
    WebArticle {
        blocks: article_blocks(&dom, &page),
        title,
        author: line(meta.author).map(|a| strip_by(&a).to_string()),
        date: meta
            .date
            .iter()
            .chain(&meta.more_dates)
            .find_map(|d| parse_date(d)),
        lang: line(meta.lang),
        url: line(meta.url),
        site,
    }
}

/// The feeds a page advertises with `<link rel="alternate" type="application/rss+xml">` (or
/// Atom, or JSON Feed), hrefs as written, in page order: how a user subscribes by giving the
/// site's address.
pub fn feed_links(html: &str) -> Vec<String> {
    const FEED_TYPES: &[&str] = &[
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
    ];
    let dom = dom::parse(html);
    let mut links = Vec::new();
    dom.descendants(
        0,
        |_| false,
        |id| {
            if dom.tag(id) != Some("link") {
                return;
            }
            let alternate = dom.attr(id, "rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("alternate"))
            });
            let feed_type = dom
                .attr(id, "type")
                .is_some_and(|t| FEED_TYPES.iter().any(|f| t.trim().eq_ignore_ascii_case(f)));
            if let Some(href) = dom.attr(id, "href").map(str::trim)
                && alternate
                && feed_type
                && !href.is_empty()
            {
                links.push(href.to_string());
            }
        },
    );
    links
}

/// Raw blocks of an HTML fragment: its text as blocks, chrome (scripts, styles, navigation,
/// share widgets) left out, and what entities spelled (`&#27;`) cleaned again. A whole page
/// (a saved page wrapped in JSON) gives its article only.
pub fn fragment(html: &str) -> Vec<RawBlock> {
    let dom = dom::parse(html);
    let page = Page::new(&dom);
    if is_whole_page(html) {
        return article_blocks(&dom, &page);
    }
    let mut b = Blocks::new(&dom);
    b.add(0, |id| page.junk[id]);
    b.finish()
}

/// True when the markup is a document, not a fragment: it opens with a doctype, `<html>` or
/// `<head>`.
fn is_whole_page(html: &str) -> bool {
    let head: String = html
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype")
        || head.starts_with("<html")
        || head.starts_with("<head")
        || head.starts_with("<?xml")
}

/// The article's blocks, or the whole page's text without chrome when no container stands
/// out.
fn article_blocks(dom: &Dom, page: &Page) -> Vec<RawBlock> {
    let mut b = Blocks::new(dom);
    match page.article() {
        Some(nodes) => nodes.into_iter().for_each(|id| b.add(id, |c| page.junk[c])),
        None => b.add(0, |c| page.junk[c]),
    }
    b.finish()
}

/// A date as pages state it: ISO stamps (also the compact `20180619T055000+0900`) and the
/// written forms [`find_date`] knows.
fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && b.get(8).is_none_or(|c| *c == b'T')
    {
        return Date::new(
            t[..4].parse().ok()?,
            t[4..6].parse().ok()?,
            t[6..8].parse().ok()?,
        );
    }
    find_date(t).map(|(d, _)| d)
}

/// "By Jane Doe" as "Jane Doe".
fn strip_by(author: &str) -> &str {
    for by in ["By ", "by ", "BY ", "Di ", "di "] {
        if let Some(rest) = author.strip_prefix(by) {
            return rest.trim();
        }
    }
    author
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::raw::RawKind;

    #[test]
    fn fragments_keep_their_text_and_lose_their_chrome() {
        let b = fragment(
            "<p>One &amp; two.</p><script>alert(1)</script><div class=share-buttons>Share</div>\
             <ul><li>x</li></ul>",
        );
        let b: Vec<_> = b.into_iter().map(|b| (b.kind, b.text)).collect();
        assert_eq!(
            b,
            [
                (RawKind::Paragraph, "One & two.".into()),
                (RawKind::Bullet, "x".into())
            ]
        );
    }

    #[test]
    fn a_whole_page_in_a_fragment_gives_its_article_not_its_styles() {
        let para = "The article has sentences, clauses, and enough words to score well here.";
        let html = format!(
            "<!DOCTYPE html><html><head><style>body {{ color: red }}</style>\
             <script>var x = 1;</script></head><body><nav><a href=/>Home</a></nav>\
             <article><p>{para}</p><p>{para}</p></article><footer>Copyright</footer></body></html>"
        );
        let b = fragment(&html);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b.iter().all(|b| b.text == para));
    }

    #[test]
    fn page_metadata_is_cleaned_and_the_title_loses_its_site() {
        let a = page(
            "<html lang=en><head><title>Talks resume&#27;[2J | The Paper</title>\
             <meta property=og:site_name content='The Paper'><meta name=author content='By Jane Doe'>\
             </head><body><p>Text.</p></body></html>",
        );
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.site.as_deref(), Some("The Paper"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.lang.as_deref(), Some("en"));
    }

    #[test]
    fn dates_in_every_form_pages_use() {
        let d = |s| parse_date(s).map(|d: Date| (d.year, d.month, d.day));
        assert_eq!(d("2026-03-14T10:00:00+01:00"), Some((2026, 3, 14)));
        assert_eq!(d("20180619T055000+0900"), Some((2018, 6, 19)));
        assert_eq!(
            d("Saturday, December 27, 2014, 12:06 PM"),
            Some((2014, 12, 27))
        );
        assert_eq!(d("1529283660000"), None);
        let a = page(
            "<head><meta name='cXenseParse:recs:publishtime' content='2018-06-18T10:01:00Z'></head><p>x</p>",
        );
        assert_eq!(a.date.map(|d| d.day), Some(18));
        let a = page(
            "<body><div class=article-date>Published 2023-11-17 20:52:15</div><p>x</p></body>",
        );
        assert_eq!(a.date.map(|d| d.day), Some(17));
    }
}
