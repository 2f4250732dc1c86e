//! An entry as the store keeps it: a JSON Feed 1.1 file of one item, which the loader's feed
//! reader reads as it would have read the entry in the fetched feed. The feed's title is the
//! subscription's name, so the entries' source and document ids stay put whatever the server
//! renames its feed to.

use serde_json::{Map, Value, json};

use crate::ingest::html::WebArticle;
use crate::ingest::{RawKind, RemoteEntry};

/// The file for `entry` of the feed the user calls `feed`.
pub fn entry_file(feed: &str, feed_lang: Option<&str>, entry: &RemoteEntry) -> Vec<u8> {
    let mut item = Map::new();
    item.insert("id".into(), json!(entry.id));
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            item.insert(k.into(), json!(v));
        }
    };
    put("url", &entry.url);
    put("title", &entry.title);
    put("date_modified", &entry.updated);
    put("language", &entry.lang);
    if let Some(d) = entry.date {
        item.insert(
            "date_published".into(),
            json!(format!(
                "{:04}-{:02}-{:02}T00:00:00Z",
                d.year, d.month, d.day
            )),
        );
    }
    if !entry.authors.is_empty() {
        let authors: Vec<Value> = entry.authors.iter().map(|a| json!({ "name": a })).collect();
        item.insert("authors".into(), Value::Array(authors));
    }
    match &entry.body {
        Some((body, true)) => item.insert("content_html".into(), json!(body)),
        Some((body, false)) => item.insert("content_text".into(), json!(body)),
        None => None,
    };
    let mut file = Map::new();
    file.insert("version".into(), json!("https://jsonfeed.org/version/1.1"));
    file.insert("title".into(), json!(feed));
    if let Some(lang) = feed_lang {
        file.insert("language".into(), json!(lang));
    }
    file.insert("items".into(), Value::Array(vec![Value::Object(item)]));
    let mut bytes = serde_json::to_vec_pretty(&Value::Object(file)).expect("JSON values serialise");
    bytes.push(b'\n');
    bytes
}

/// The entry with its body replaced by the article read from its page (for feeds whose
/// entries carry only a summary); what the feed said wins over what the page says.
pub fn with_page(entry: &RemoteEntry, page: &WebArticle) -> RemoteEntry {
    let mut out = entry.clone();
    out.body = Some((blocks_html(page), true));
    if out.title.is_none() {
        out.title = page.title.clone();
    }
    if out.authors.is_empty() {
        out.authors.extend(page.author.clone());
    }
    if out.date.is_none() {
        out.date = page.date;
    }
    if out.lang.is_none() {
        out.lang = page.lang.clone();
    }
    out
}

/// The page's article blocks written back as plain HTML (headings, paragraphs, list items,
/// quotes), which the reader's HTML path reads into the same blocks.
fn blocks_html(page: &WebArticle) -> String {
    let mut html = String::new();
    let mut in_list = false;
    for b in &page.blocks {
        let bullet = matches!(b.kind, RawKind::Bullet);
        if bullet != in_list {
            html.push_str(if bullet { "<ul>\n" } else { "</ul>\n" });
            in_list = bullet;
        }
        let text = super::opml::escaped(&b.text);
        match b.kind {
            RawKind::Heading(level) => {
                let l = level.clamp(1, 6);
                html.push_str(&format!("<h{l}>{text}</h{l}>\n"));
            }
            RawKind::Bullet => html.push_str(&format!("<li>{text}</li>\n")),
            RawKind::Quote => html.push_str(&format!("<blockquote><p>{text}</p></blockquote>\n")),
            RawKind::Paragraph | RawKind::Marker => html.push_str(&format!("<p>{text}</p>\n")),
        }
    }
    if in_list {
        html.push_str("</ul>\n");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawBlock;
    use crate::model::Date;

    fn entry() -> RemoteEntry {
        RemoteEntry {
            id: "urn:x:1".into(),
            title: Some("Ports & power".into()),
            url: Some("https://desk.example/1".into()),
            body: Some(("<p>First <b>para</b>.</p><p>Second.</p>".into(), true)),
            authors: vec!["Ada Rossi".into()],
            date: Date::new(2026, 11, 30),
            updated: None,
            lang: Some("en".into()),
        }
    }

    #[test]
    fn a_stored_entry_reads_back_as_the_entry() {
        let bytes = entry_file("Desk", Some("en"), &entry());
        let path = std::path::Path::new("x.json");
        let (docs, _) = crate::ingest::read(path, &bytes, crate::model::Format::Json).unwrap();
        let d = &docs[0];
        assert_eq!(d.title, "Ports & power");
        assert_eq!(d.source.as_deref(), Some("Desk"));
        assert_eq!(d.url.as_deref(), Some("https://desk.example/1"));
        assert_eq!(d.byline.as_deref(), Some("Ada Rossi"));
        assert_eq!(d.date, Date::new(2026, 11, 30));
        // The id comes from the entry id, not the bytes: an updated entry keeps its id.
        let mut changed = entry();
        changed.body = Some(("Other text.".into(), false));
        let (again, _) = crate::ingest::read(
            path,
            &entry_file("Desk", None, &changed),
            crate::model::Format::Json,
        )
        .unwrap();
        assert_eq!(again[0].id, d.id);
        assert_eq!(again[0].format, crate::model::Format::Feed);
    }

    #[test]
    fn a_page_replaces_the_summary_and_fills_gaps() {
        let page = WebArticle {
            blocks: vec![
                RawBlock {
                    kind: RawKind::Heading(2),
                    text: "Why <now>".into(),
                },
                RawBlock {
                    kind: RawKind::Paragraph,
                    text: "Body text.".into(),
                },
                RawBlock {
                    kind: RawKind::Bullet,
                    text: "one".into(),
                },
                RawBlock {
                    kind: RawKind::Bullet,
                    text: "two".into(),
                },
            ],
            title: Some("Page title".into()),
            author: Some("Page Author".into()),
            ..WebArticle::default()
        };
        let mut e = entry();
        e.authors.clear();
        let full = with_page(&e, &page);
        assert_eq!(full.title.as_deref(), Some("Ports & power"));
        assert_eq!(full.authors, ["Page Author"]);
        let (html, is_html) = full.body.unwrap();
        assert!(is_html);
        assert_eq!(
            html,
            "<h2>Why &lt;now&gt;</h2>\n<p>Body text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
    }
}
