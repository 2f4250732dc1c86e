//! What a page states about its article: JSON-LD (`NewsArticle`, `Article`, …), OpenGraph and
//! `article:*` meta, `<meta name=author>`, `<time datetime>`, `<html lang>`, the canonical link
//! and `<title>`. Each source fills only what the ones before it left empty.

use serde_json::Value;

use super::dom::{Data, Dom, Id};
use crate::ingest::date::find_date;

/// A page's metadata, raw (not yet cleaned for display).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// Weaker date sources, in order: other meta tags naming a publication date, then the
    /// text of elements whose class names a date.
    pub more_dates: Vec<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    /// `<title>`, the fallback title (usually with the site's name after a separator).
    pub doc_title: Option<String>,
    /// The first `<h1>` outside chrome.
    pub h1: Option<String>,
}

/// JSON-LD types that describe an article.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting"
        )
}

/// JSON-LD blocks bigger than this are skipped (they are catalogues, not article metadata).
const MAX_JSON_LD: usize = 1 << 20;

pub fn read(dom: &Dom, junk: &[bool]) -> Meta {
    let mut m = Meta::default();
    let mut og = Meta::default();
    let mut named = Meta::default();
    let mut time: Option<String> = None;
    let mut dated_text: Option<String> = None;
    let mut h1s: Vec<Id> = Vec::new();
    // Every element in creation order (document order, near enough), no walk needed.
    #[allow(clippy::needless_range_loop)]
    for id in 0..dom.nodes.len() {
        let Some(tag) = dom.tag(id) else { continue };
        let attr = |n: &str| dom.attr(id, n).map(str::trim).filter(|v| !v.is_empty());
        match tag {
            "html" => {
                if m.lang.is_none() {
                    m.lang = attr("lang").or(attr("xml:lang")).map(String::from);
                }
            }
            "title" if m.doc_title.is_none() && !in_svg(dom, id) => {
                m.doc_title = Some(dom_text(dom, id)).filter(|t| !t.trim().is_empty());
            }
            "h1" => {
                if m.h1.is_none() && !junk[id] {
                    m.h1 = Some(dom.text(id)).filter(|t| !t.trim().is_empty());
                }
                if h1s.len() < 3 {
                    h1s.push(id);
                }
            }
            "time" if time.is_none() && !junk[id] => time = attr("datetime").map(String::from),
            "link" => {
                if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    m.url = m.url.take().or(attr("href").map(String::from));
                }
            }
            "meta" => {
                let Some(content) = attr("content") else {
                    continue;
                };
                let key = attr("property")
                    .or(attr("name"))
                    .or(attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let set = |slot: &mut Option<String>| {
                    slot.get_or_insert_with(|| content.to_string());
                };
                match key.as_str() {
                    "og:title" => set(&mut og.title),
                    "twitter:title" | "dc.title" | "headline" => set(&mut named.title),
                    "og:site_name" | "application-name" => set(&mut og.site),
                    "og:url" => set(&mut og.url),
                    "og:locale" | "content-language" | "dc.language" | "inlanguage" => {
                        set(&mut named.lang)
                    }
                    "article:published_time" | "og:article:published_time" => set(&mut og.date),
                    "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.date"
                    | "parsely-pub-date"
                    | "sailthru.date"
                    | "article.published"
                    | "citation_publication_date"
                    | "og:published_time"
                    | "published_time" => set(&mut named.date),
                    "author" | "article:author" | "dc.creator" | "parsely-author"
                    | "sailthru.author" | "byl" | "citation_author" | "twitter:creator"
                        if !content.starts_with("http") && !content.starts_with('@') =>
                    {
                        set(&mut named.author)
                    }
                    k if k.contains("publish") || k.contains("date_original") => {
                        m.more_dates.push(content.to_string())
                    }
                    _ => {}
                }
            }
            "script" => {
                let is_ld =
                    attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    let text = dom_text(dom, id);
                    if text.len() <= MAX_JSON_LD
                        && let Ok(v) = serde_json::from_str::<Value>(&text)
                    {
                        json_ld(&v, &mut m, 0);
                    }
                }
            }
            _ => {
                if dated_text.is_none() && names_a_date(dom, id) {
                    let text = dom.text_prefix(id, 80);
                    if find_date(&text).is_some() {
                        dated_text = Some(text);
                    }
                }
            }
        }
    }
    m.more_dates.extend(dated_text);
    // Last: a date among the few elements right after a headline (`<h1>…</h1><div>date`).
    m.more_dates.extend(h1s.into_iter().find_map(|h1| {
        std::iter::successors(dom.next_sibling(h1), |&s| dom.next_sibling(s))
            .filter(|&s| dom.tag(s).is_some())
            .take(3)
            .map(|s| dom.text_prefix(s, 80))
            .find(|t| find_date(t).is_some())
    }));
    let Meta {
        title,
        author,
        date,
        lang,
        url,
        site,
        ..
    } = og;
    m.title = m.title.or(title).or(named.title);
    m.author = m.author.or(named.author).or(author);
    m.date = m.date.or(date).or(named.date).or(time);
    m.lang = m.lang.or(lang).or(named.lang);
    m.url = m.url.or(url);
    m.site = m.site.or(site);
    m
}

/// An element whose class or id says it holds the date (`date`, `time`, `publish`).
fn names_a_date(dom: &Dom, id: Id) -> bool {
    ["class", "id"].iter().any(|a| {
        dom.attr(id, a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("date") || v.contains("time") || v.contains("publish")
        })
    })
}

fn in_svg(dom: &Dom, id: Id) -> bool {
    dom.parent(id)
        .is_some_and(|p| dom.tag(p) == Some("foreign"))
}

/// Raw text of a script or title: its text children, unfiltered.
fn dom_text(dom: &Dom, id: Id) -> String {
    dom.children(id)
        .filter_map(|c| match &dom.nodes[c].data {
            Data::Text(t) => Some(&**t),
            _ => None,
        })
        .collect()
}

/// Walks a JSON-LD value (an object, an array of them, or an `@graph`) for the article.
fn json_ld(v: &Value, m: &mut Meta, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| json_ld(i, m, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, m, depth + 1);
            }
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if !is_article || m.title.is_some() {
                return;
            }
            m.title = string(o.get("headline")).or_else(|| string(o.get("name")));
            m.author = m.author.take().or_else(|| names(o.get("author")));
            m.date = m
                .date
                .take()
                .or_else(|| string(o.get("datePublished")))
                .or_else(|| string(o.get("dateCreated")));
            m.lang = m.lang.take().or_else(|| string(o.get("inLanguage")));
            m.site = m.site.take().or_else(|| names(o.get("publisher")));
            m.url = m.url.take().or_else(|| string(o.get("url")));
        }
        _ => {}
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(|x| string(Some(x))),
        _ => None,
    }
}

/// A person or organisation (`"Name"`, `{"name": …}`) or a list of them, joined.
fn names(v: Option<&Value>) -> Option<String> {
    let list: Vec<String> = match v? {
        Value::Array(a) => a.iter().filter_map(|x| names(Some(x))).collect(),
        Value::Object(o) => string(o.get("name")).into_iter().collect(),
        Value::String(s) if !s.trim().is_empty() && !s.starts_with("http") => {
            vec![s.trim().to_string()]
        }
        _ => Vec::new(),
    };
    (!list.is_empty()).then(|| list.join(", "))
}

/// The title without the site's name after it: "Headline | Site" or "Headline - The Paper".
pub fn strip_site_suffix(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let title = title.trim();
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // The page's own headline is the title when the document title starts with it.
    if let Some(h1) = h1.map(str::trim).filter(|h| h.chars().count() >= 10)
        && norm(title).starts_with(&norm(h1))
    {
        return h1.to_string();
    }
    const SEPARATORS: &[&str] = &[
        " | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", "｜",
    ];
    for sep in SEPARATORS {
        let Some(at) = title.rfind(sep) else { continue };
        let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
        if head.is_empty() {
            continue;
        }
        let tail_is_site = site.is_some_and(|s| {
            let (s, t) = (norm(s), norm(tail));
            !t.is_empty() && (s.contains(&t) || t.contains(&s))
        });
        let short_tail =
            tail.split_whitespace().count() <= 4 && head.chars().count() > tail.chars().count();
        if tail_is_site || (*sep == " | " && short_tail) {
            return strip_site_suffix(head, site, None);
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::dom::parse;
    use super::*;

    fn meta(html: &str) -> Meta {
        let dom = parse(html);
        read(&dom, &vec![false; dom.nodes.len()])
    }

    #[test]
    fn json_ld_wins_then_opengraph_then_meta() {
        let m = meta(
            r#"<html lang="it"><head><title>T | Site</title>
            <meta property="og:title" content="OG title"><meta property="og:site_name" content="The Paper">
            <meta name="author" content="Meta Author"><meta property="article:published_time" content="2026-01-02T10:00:00Z">
            <link rel="canonical" href="https://example.org/a">
            <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"W"},
              {"@type":["NewsArticle"],"headline":"LD headline","author":[{"@type":"Person","name":"Ada"},{"name":"Bo"}],
               "datePublished":"2026-01-03","publisher":{"name":"LD Paper"}}]}</script></head>
            <body><h1>H</h1><time datetime="2020-01-01">x</time></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.author.as_deref(), Some("Ada, Bo"));
        assert_eq!(m.date.as_deref(), Some("2026-01-03"));
        assert_eq!(m.site.as_deref(), Some("LD Paper"));
        assert_eq!(m.lang.as_deref(), Some("it"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(m.doc_title.as_deref(), Some("T | Site"));
    }

    #[test]
    fn without_json_ld_opengraph_and_time() {
        let m = meta(
            r#"<head><meta property="og:title" content="OG"><meta name="author" content="https://x/y"></head>
            <body><time datetime="2020-01-01">x</time></body>"#,
        );
        assert_eq!(m.title.as_deref(), Some("OG"));
        assert_eq!(m.author, None);
        assert_eq!(m.date.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn a_date_right_after_the_headline_is_the_last_resort() {
        let m = meta(
            "<body><h1>Headline</h1><div class=info>2023-11-17 20:52:15 <span>Source</span></div></body>",
        );
        assert_eq!(m.date, None);
        assert_eq!(m.more_dates, ["2023-11-17 20:52:15 Source"]);
    }

    #[test]
    fn site_suffixes_are_stripped() {
        let s = |t, site| strip_site_suffix(t, site, None);
        assert_eq!(
            s("Rome sets a course | Site News", None),
            "Rome sets a course"
        );
        assert_eq!(
            s("Rome sets a course - The Paper", Some("The Paper")),
            "Rome sets a course"
        );
        assert_eq!(
            s("Rome - Tokyo: a partnership", None),
            "Rome - Tokyo: a partnership"
        );
        assert_eq!(
            strip_site_suffix(
                "Rome sets a course - Politics - Paper",
                None,
                Some("Rome sets a course")
            ),
            "Rome sets a course"
        );
    }
}
