//! Feeds: RSS 0.9x, 1.0 (RDF) and 2.0, Atom, and JSON Feed, parsed by `feed-rs`. Each entry
//! is one article: its title, author, date and link as hints, its content (else its summary)
//! through the HTML path, the feed's title as its source, and its entry id kept so that the
//! document id survives a re-fetch that adds entries on top.
//!
//! XML entities: `feed-rs` reads with `quick-xml`, which resolves only the five predefined
//! entities and character references; a DTD's entities, internal or external, are never
//! expanded or fetched (an unknown `&name;` stays as that literal text), so neither "billion
//! laughs" nor `SYSTEM "file:///etc/passwd"` can do anything. The tests hold it to that.

use chrono::{DateTime, Datelike, TimeZone, Utc};
use feed_rs::model::{Entry, Feed, Person, Text};
use feed_rs::parser::{Builder, ParseErrorKind, ParseFeedError};

use crate::ingest::article::{Article, Articles, ParseError, clean_text};
use crate::ingest::date::find_date;
use crate::ingest::html::fragment;
use crate::ingest::inline::fold_whitespace;
use crate::ingest::raw::RawBlock;
use crate::ingest::sanitize::{sanitize, sanitize_line};
use crate::ingest::structure::{Hints, build};
use crate::model::Date;

use super::text::raw_blocks;

/// The versions a JSON Feed declares in its top-level `version` (1.1 keeps the 1 prefix).
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1";

/// The feed reader: every entry of the feed, in the feed's order.
pub fn read(bytes: &[u8]) -> Result<Articles, ParseError> {
    let (text, warning) = feed_text(bytes, None)?;
    let feed = parse(&text)?;
    if feed.entries.is_empty() {
        return Err(ParseError::Invalid("feed has no entries".to_string()));
    }
    let context = FeedContext::of(&feed);
    let articles = feed
        .entries
        .into_iter()
        .filter_map(|e| article(e, &context))
        .collect();
    Ok(Articles { articles, warning })
}

/// One parse for files and fetched feeds alike: entry ids fall back to the entry's link, dates
/// are read as written.
fn parse(text: &str) -> Result<Feed, ParseError> {
    Builder::new()
        .id_generator(|links, _title, _base| {
            links.first().map(|l| l.href.clone()).unwrap_or_default()
        })
        .timestamp_parser(as_written_date)
        .build()
        .parse(text.as_bytes())
        .map_err(|e| ParseError::Invalid(reason(&e)))
}

/// A feed as fetched, kept close to what it said, so that the fetcher can store each entry as a
/// file of its own that this reader then reads as it would have read the entry in the feed.
#[derive(Debug, Clone, Default)]
pub struct RemoteFeed {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub entries: Vec<RemoteEntry>,
}

/// One entry of a fetched feed. Text fields are as the feed wrote them (the reader cleans them
/// when it reads the stored file); `id` is never empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemoteEntry {
    /// The entry's id, else its link, else a hash of its title and date: what tells a new entry
    /// from an updated one.
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The content (else the summary), and whether it is HTML.
    pub body: Option<(String, bool)>,
    pub authors: Vec<String>,
    /// The day the entry was published (else updated), as written.
    pub date: Option<Date>,
    /// When it was last updated, RFC 3339, for telling an updated entry apart.
    pub updated: Option<String>,
    pub lang: Option<String>,
}

/// Parses a fetched feed. `charset` is the one the server's `Content-Type` names: it wins over
/// the file's own XML declaration (RFC 7303), as in browsers and other feed readers.
pub fn remote(bytes: &[u8], charset: Option<&str>) -> Result<RemoteFeed, ParseError> {
    let (text, _) = feed_text(bytes, charset)?;
    let feed = parse(&text)?;
    let line = |t: &Option<Text>| t.as_ref().and_then(line_of);
    let entries = feed
        .entries
        .iter()
        .map(|e| {
            let title = line(&e.title);
            let date = e.published.or(e.updated).and_then(|d| {
                Date::new(
                    u16::try_from(d.year()).ok()?,
                    d.month() as u8,
                    d.day() as u8,
                )
            });
            let id = match e.id.trim() {
                "" => {
                    let key = format!("{}\n{:?}", title.as_deref().unwrap_or(""), date);
                    format!("hash:{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
                }
                id => id.to_string(),
            };
            RemoteEntry {
                id,
                title,
                url: entry_link(e),
                body: e
                    .content
                    .as_ref()
                    .and_then(|c| {
                        let html = c.content_type.to_string().contains("html");
                        c.body.clone().map(|b| (b, html))
                    })
                    .filter(|(b, _)| !b.trim().is_empty())
                    .or_else(|| {
                        e.summary.as_ref().map(|s| {
                            (
                                s.content.clone(),
                                s.content_type.to_string().contains("html"),
                            )
                        })
                    }),
                authors: e
                    .authors
                    .iter()
                    .filter_map(|p| names(std::slice::from_ref(p)))
                    .collect(),
                date,
                updated: e.updated.map(|d| d.to_rfc3339()),
                lang: e.language.as_deref().and_then(clean_line),
            }
        })
        .collect();
    Ok(RemoteFeed {
        title: line(&feed.title),
        lang: feed.language.as_deref().and_then(clean_line),
        entries,
    })
}

/// The entry's own page: its `alternate` link, else its first.
fn entry_link(entry: &Entry) -> Option<String> {
    entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .and_then(|l| clean_line(&l.href))
}

/// True when `bytes` are a JSON object whose top-level `version` is a JSON Feed version, so a
/// `.json` file is read as a feed rather than as JSON articles.
pub fn is_json_feed(bytes: &[u8]) -> bool {
    // Cheap test first: most JSON files never name jsonfeed.org, and are parsed once only.
    if memchr::memmem::find(bytes, b"jsonfeed.org/version/").is_none() {
        return false;
    }
    #[derive(serde::Deserialize)]
    struct Version {
        version: Option<String>,
    }
    let Ok(text) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) else {
        return false;
    };
    serde_json::from_str::<Version>(text).is_ok_and(|v| {
        v.version
            .is_some_and(|v| v.trim_end_matches('/').starts_with(JSON_FEED_VERSION))
    })
}

/// What every entry of one feed shares.
struct FeedContext {
    /// The feed's title: the documents' source, and the title of an entry with no other.
    title: Option<String>,
    /// What tells this feed from another with the same entry ids ("1", "2", ...).
    key: String,
    authors: Option<String>,
    lang: Option<String>,
}

impl FeedContext {
    fn of(feed: &Feed) -> FeedContext {
        let title = feed.title.as_ref().and_then(line_of);
        let key = if feed.id.is_empty() {
            title.clone().unwrap_or_default()
        } else {
            feed.id.clone()
        };
        FeedContext {
            key,
            authors: names(&feed.authors),
            lang: feed.language.as_deref().and_then(clean_line),
            title,
        }
    }
}

fn article(entry: Entry, feed: &FeedContext) -> Option<Article> {
    let title = entry.title.as_ref().and_then(line_of);
    let url = entry_link(&entry);
    let body = entry
        .content
        .as_ref()
        .and_then(|c| {
            let html = c.content_type.to_string().contains("html");
            c.body.as_deref().map(|b| blocks(b, html))
        })
        .filter(|b| !b.is_empty())
        .or_else(|| entry.summary.as_ref().map(text_blocks))
        .unwrap_or_default();
    // An entry with nothing to read and nowhere to read it is no document.
    if title.is_none() && body.is_empty() && url.is_none() {
        return None;
    }
    let hints = Hints {
        title: title.or_else(|| body.is_empty().then(|| feed.title.clone()).flatten()),
        byline: names(&entry.authors).or_else(|| feed.authors.clone()),
        date: entry.published.or(entry.updated).and_then(|d| {
            Date::new(
                u16::try_from(d.year()).ok()?,
                d.month() as u8,
                d.day() as u8,
            )
        }),
    };
    let mut parsed = build(body, hints);
    if parsed.title.is_empty()
        && let Some(t) = &feed.title
    {
        parsed.title = t.clone();
    }
    let entry_id = (!entry.id.trim().is_empty()).then(|| format!("{}\n{}", feed.key, entry.id));
    Some(Article {
        parsed,
        lang: entry
            .language
            .as_deref()
            .and_then(clean_line)
            .or_else(|| feed.lang.clone()),
        url,
        source: feed.title.clone(),
        entry_id,
    })
}

/// A body's raw blocks: HTML through the shared fragment path, plain text as paragraphs.
/// Cleaned again here whatever the path: XML character references (`&#x9b;`) and CDATA make
/// control characters after the file-level cleaning.
fn blocks(body: &str, html: bool) -> Vec<RawBlock> {
    let mut out = if html {
        fragment(body)
    } else {
        raw_blocks(&sanitize(body))
    };
    for b in &mut out {
        if let std::borrow::Cow::Owned(clean) = sanitize(&b.text) {
            b.text = clean;
        }
    }
    out.retain(|b| !b.text.trim().is_empty());
    out
}

fn text_blocks(text: &Text) -> Vec<RawBlock> {
    blocks(
        &text.content,
        text.content_type.to_string().contains("html"),
    )
}

/// A one-line field (title, name, language, URL), markup and control characters removed.
fn line_of(text: &Text) -> Option<String> {
    if text.content_type.to_string().contains("html") {
        let joined: Vec<String> = fragment(&text.content)
            .into_iter()
            .map(|b| b.text)
            .collect();
        clean_line(&joined.join(" "))
    } else {
        clean_line(&text.content)
    }
}

fn clean_line(s: &str) -> Option<String> {
    Some(fold_whitespace(&sanitize_line(s))).filter(|s| !s.is_empty())
}

/// Authors' names (else their e-mail addresses), joined.
fn names(people: &[Person]) -> Option<String> {
    let names: Vec<String> = people
        .iter()
        .filter_map(|p| {
            // RSS writes `desk@example.org (Jane Doe)`, which leaves the name in brackets.
            p.name
                .as_deref()
                .map(|n| n.trim().trim_start_matches('(').trim_end_matches(')'))
                .and_then(clean_line)
                .or_else(|| p.email.as_deref().and_then(clean_line))
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The date as the feed writes it, at midnight: the calendar day of the writer's time zone (a
/// late-evening post is not moved to the next day by a conversion to UTC), read by the same
/// date finder as every other format. A date it cannot read is no date.
fn as_written_date(text: &str) -> Option<DateTime<Utc>> {
    let (d, _) = find_date(text)?;
    Utc.with_ymd_and_hms(
        i32::from(d.year),
        u32::from(d.month),
        u32::from(d.day),
        0,
        0,
        0,
    )
    .single()
}

/// The file as UTF-8 text, cleaned, with its XML declaration dropped: the text is UTF-8 now, so
/// a declared `encoding="ISO-8859-1"` must not make the parser decode it a second time. A
/// server's `charset` is honoured unless a BOM says otherwise; a declared encoding when the
/// bytes are not UTF-8 and carry no BOM.
fn feed_text(
    bytes: &[u8],
    charset: Option<&str>,
) -> Result<(String, Option<&'static str>), ParseError> {
    let told = crate::ingest::decode::server_charset(bytes, charset);
    let (mut text, warning) = match told.or_else(|| declared_encoding(bytes)) {
        Some(enc) if std::str::from_utf8(bytes).is_err() || told.is_some() => {
            let (decoded, _, had_errors) = enc.decode(bytes);
            let (text, _) = clean_text(decoded.as_bytes())?;
            let warning = had_errors.then_some("malformed text in the declared encoding");
            (text, warning)
        }
        _ => clean_text(bytes)?,
    };
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with("<?xml")
        && let Some(end) = text[start..].find("?>")
    {
        text.replace_range(..start + end + 2, "");
    }
    Ok((text, warning))
}

/// The encoding named in a leading `<?xml ... encoding="..."?>`, if it is one we can decode
/// byte-wise (not UTF-8 or UTF-16, which the file-level decoder already handles).
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(256))?;
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let value = decl
        .split("encoding")
        .nth(1)?
        .trim_start()
        .strip_prefix('=')?;
    let value = value.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = value[1..].split(quote).next()?;
    let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    let byte_wise = ![
        encoding_rs::UTF_8,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
    ]
    .contains(&enc);
    byte_wise.then_some(enc)
}

/// feed-rs's error, worded for someone looking at a file that was skipped.
fn reason(e: &ParseFeedError) -> String {
    match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "not a feed (no RSS, Atom or RDF root)".to_string()
        }
        ParseFeedError::XmlReader(x) => {
            let why = x.to_string();
            let why = why.trim_start_matches("Parser error: ");
            format!("malformed XML: {}", sanitize_line(why))
        }
        ParseFeedError::JsonSerde(j) => {
            format!("malformed JSON Feed: {}", sanitize_line(&j.to_string()))
        }
        ParseFeedError::JsonUnsupportedVersion(v) => {
            format!("unsupported JSON Feed version {}", sanitize_line(v))
        }
        other => format!("unreadable feed: {}", sanitize_line(&other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rss(items: &str) -> String {
        format!(
            "<rss version=\"2.0\"><channel><title>Desk</title><link>https://desk.example/</link>\
             {items}</channel></rss>"
        )
    }

    fn first(feed: &str) -> Article {
        read(feed.as_bytes()).unwrap().articles.remove(0)
    }

    #[test]
    fn json_feed_is_told_by_its_top_level_version_only() {
        for version in ["1", "1.1", "1/"] {
            let file = format!(
                r#"{{"version": "https://jsonfeed.org/version/{version}", "title": "F", "items": []}}"#
            );
            assert!(is_json_feed(file.as_bytes()), "{file}");
        }
        for file in [
            r#"{"content": "see https://jsonfeed.org/version/1", "title": "x"}"#,
            r#"{"meta": {"version": "https://jsonfeed.org/version/1"}, "content": "x"}"#,
            r#"{"version": "https://jsonfeed.org/version/2", "items": []}"#,
            r#"[{"version": "https://jsonfeed.org/version/1"}]"#,
            "{\"version\": \"https://jsonfeed.org/version/1\"",
        ] {
            assert!(!is_json_feed(file.as_bytes()), "{file}");
        }
    }

    #[test]
    fn the_date_is_the_day_the_writer_wrote_not_the_utc_day() {
        let a = first(&rss("<item><title>Late</title><guid>1</guid>\
             <pubDate>Wed, 11 Mar 2026 22:40:00 -0500</pubDate></item>"));
        assert_eq!(
            a.parsed.date.map(|d| d.to_iso()).as_deref(),
            Some("2026-03-11")
        );
        let a = first(&rss(
            "<item><title>Bad</title><guid>1</guid><pubDate>99 Foo 20XX</pubDate>\
             <description>Body text of the entry.</description></item>",
        ));
        assert_eq!(a.parsed.date, None);
    }

    #[test]
    fn entry_ids_name_the_feed_too_and_missing_ones_fall_back_to_the_link() {
        let a = first(&rss("<item><title>A</title><guid>42</guid></item>"));
        assert_eq!(a.entry_id.as_deref(), Some("https://desk.example/\n42"));
        let a = first(&rss(
            "<item><title>A</title><link>https://desk.example/a</link></item>",
        ));
        assert_eq!(
            a.entry_id.as_deref(),
            Some("https://desk.example/\nhttps://desk.example/a")
        );
        // No guid and no link: no id of its own, rather than feed-rs's random UUID.
        let a = first(&rss(
            "<item><title>A</title><description>x</description></item>",
        ));
        assert_eq!(a.entry_id, None);
    }

    #[test]
    fn content_wins_over_summary_and_rss_names_lose_their_brackets() {
        let a = first(
            "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
             <channel><title>Desk</title><item><title>T</title><guid>1</guid>\
             <author>desk@example.org (Jane Doe)</author>\
             <description>Summary only.</description>\
             <content:encoded>&lt;p&gt;Full text.&lt;/p&gt;</content:encoded></item></channel></rss>",
        );
        let texts: Vec<&str> = a.parsed.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Full text."]);
        assert_eq!(a.parsed.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(a.source.as_deref(), Some("Desk"));
    }

    #[test]
    fn an_untitled_entry_takes_its_title_from_its_content_else_the_feed() {
        let read = read(
            rss(
                "<item><guid>1</guid><description>Ministers agreed on a framework.</description>\
                 </item><item><guid>2</guid><link>https://desk.example/x</link></item>\
                 <item><guid>3</guid></item>",
            )
            .as_bytes(),
        )
        .unwrap();
        let titles: Vec<&str> = read
            .articles
            .iter()
            .map(|a| a.parsed.title.as_str())
            .collect();
        assert_eq!(titles, ["Ministers agreed on a framework.", "Desk"]);
    }

    #[test]
    fn declared_encodings_are_honoured_and_then_dropped() {
        let mut file = b"<?xml version=\"1.0\" encoding=\"ISO-8859-5\"?>\
            <rss version=\"2.0\"><channel><title>"
            .to_vec();
        file.extend([0xDC, 0xD8, 0xE0]); // "мир" in ISO-8859-5
        file.extend(b"</title><item><title>t</title><guid>1</guid></item></channel></rss>");
        assert_eq!(first_bytes(&file).source.as_deref(), Some("мир"));
        // Valid UTF-8 under a wrong declaration is read as the UTF-8 it is.
        let file = "<?xml version='1.0' encoding='ISO-8859-1'?><rss version=\"2.0\"><channel>\
                    <title>Caffè</title><item><title>t</title><guid>1</guid></item></channel></rss>";
        assert_eq!(first(file).source.as_deref(), Some("Caffè"));
    }

    fn first_bytes(file: &[u8]) -> Article {
        read(file).unwrap().articles.remove(0)
    }

    #[test]
    fn dtd_entities_are_never_expanded_nor_fetched() {
        let file = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n\
                    <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n\
                    <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n\
                    <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n\
                    <!ENTITY p SYSTEM \"file:///etc/passwd\">\n]>\n\
                    <rss version=\"2.0\"><channel><title>F &p;</title><item><title>T &c;</title>\
                    <guid>1</guid><description>Body &c; &p; end.</description></item></channel></rss>";
        let a = first(file);
        assert_eq!(a.parsed.title, "T &c;");
        assert_eq!(a.source.as_deref(), Some("F &p;"));
        assert_eq!(a.parsed.blocks[0].text, "Body &c; &p; end.");
    }

    #[test]
    fn control_characters_from_references_and_cdata_never_reach_the_text() {
        let a = first(&rss(
            "<item><title>A &#27;]0;x&#7; b &#x9b;2J</title><guid>1</guid>\
             <author>e@x (N &#x1b;[5m)</author>\
             <description><![CDATA[<p>&#27;[31m c &#x9b;1m d \u{1b}[1m</p>]]></description></item>",
        ));
        let mut texts = vec![a.parsed.title.clone(), a.parsed.byline.clone().unwrap()];
        texts.extend(a.parsed.blocks.iter().map(|b| b.text.clone()));
        for t in &texts {
            assert!(
                !t.chars()
                    .any(|c| c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)),
                "{t:?}"
            );
        }
        assert_eq!(a.parsed.title, "A b");
    }

    #[test]
    fn what_is_not_a_feed_says_so() {
        let not_feed = read(b"<urlset><url><loc>https://x/</loc></url></urlset>").unwrap_err();
        assert_eq!(
            not_feed,
            ParseError::Invalid("not a feed (no RSS, Atom or RDF root)".into())
        );
        let ParseError::Invalid(why) =
            read(b"<rss version=\"2.0\"><channel><title>x</title><item></channel>").unwrap_err()
        else {
            panic!("not Invalid");
        };
        assert!(why.starts_with("malformed XML: "), "{why}");
        let empty = read(rss("").as_bytes()).unwrap_err();
        assert_eq!(empty, ParseError::Invalid("feed has no entries".into()));
    }
}
