//! JSON articles (feed exports, scraper output): one object, an array of them, or an object
//! holding such an array under `articles`, `items`, `entries` or `posts`.

use serde_json::Value;

use crate::ingest::article::{Article, Articles, ParseError, clean_text};
use crate::ingest::date::find_date;
use crate::ingest::html::fragment;
use crate::ingest::inline::fold_whitespace;
use crate::ingest::raw::RawBlock;
use crate::ingest::sanitize::{sanitize, sanitize_line};
use crate::ingest::structure::{Hints, build};

use super::text::raw_blocks;

/// The JSON reader: every article in the file, its fields as hints over what its body (read
/// as plain text) suggests.
pub fn read(bytes: &[u8]) -> Result<Articles, ParseError> {
    let (text, warning) = clean_text(bytes)?;
    let clean = |s: Option<String>| {
        s.map(|s| fold_whitespace(&sanitize_line(&s)))
            .filter(|s| !s.is_empty())
    };
    let articles = articles(&text)
        .map_err(|e| ParseError::Invalid(e.to_string()))?
        .into_iter()
        .map(|a| {
            let hints = Hints {
                title: clean(a.title),
                byline: clean(a.byline),
                date: a.date.as_deref().and_then(find_date).map(|(d, _)| d),
            };
            Article {
                parsed: build(body_blocks(&a.body), hints),
                lang: a.lang,
                url: clean(a.url),
                source: None,
                entry_id: None,
            }
        })
        .collect();
    Ok(Articles { articles, warning })
}

/// A body's blocks: HTML through the shared HTML reader, plain text as plain text. The file
/// was cleaned before parsing, but JSON's `\u001b` escapes and the HTML entities decoded since
/// (`&#27;`) make control characters anew, so both paths clean again.
fn body_blocks(body: &str) -> Vec<RawBlock> {
    if looks_like_html(body) {
        fragment(body)
    } else {
        raw_blocks(&sanitize(body))
    }
}

/// A body holding markup: a tag (`<p>`, `</div>`, `<br/>`) or a comment or doctype, not just
/// a `<` in prose ("a < b").
fn looks_like_html(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|i| {
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        let tag = next.is_ascii_alphabetic()
            || ((next == b'/' || next == b'!')
                && bytes
                    .get(i + 2)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-'));
        tag && body[i..].contains('>')
    })
}

/// One article's fields, before its body is parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonArticle {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub body: String,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// Why a JSON file holds no article we can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    #[error("malformed JSON: {0}")]
    Syntax(String),
    #[error("JSON is not an article or a list of articles (no content/body/text field)")]
    Shape,
}

/// Parses the articles; serde_json's recursion limit turns absurd nesting into an error.
pub fn articles(text: &str) -> Result<Vec<JsonArticle>, JsonError> {
    let value: Value = serde_json::from_str(text).map_err(|e| JsonError::Syntax(e.to_string()))?;
    let items: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match ["articles", "items", "entries", "posts"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_array))
        {
            Some(items) => items.iter().collect(),
            None => vec![&value],
        },
        _ => return Err(JsonError::Shape),
    };
    let found: Vec<JsonArticle> = items.into_iter().filter_map(article).collect();
    if found.is_empty() {
        return Err(JsonError::Shape);
    }
    Ok(found)
}

fn article(value: &Value) -> Option<JsonArticle> {
    let map = value.as_object()?;
    let text = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| map.get(*k).and_then(string_of))
            .filter(|s| !s.trim().is_empty())
    };
    let body = text(&[
        "content",
        "body",
        "text",
        "article",
        "content_text",
        "description",
    ])?;
    Some(JsonArticle {
        title: text(&["title", "headline"]),
        byline: text(&["author", "byline", "authors", "creator"]),
        date: text(&[
            "date",
            "published",
            "published_at",
            "pubDate",
            "datePublished",
            "updated",
        ]),
        body,
        url: text(&["url", "link"]),
        lang: text(&["lang", "language"]),
    })
}

/// Strings as they are; authors given as `{"name": ...}` or a list of either, joined.
fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(string_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_with_common_fields() {
        let a = articles(
            r#"{"title":"T","author":{"name":"Jane"},"published":"2026-03-14","body":"Text.","url":"u","lang":"en"}"#,
        )
        .unwrap();
        assert_eq!(
            a,
            vec![JsonArticle {
                title: Some("T".into()),
                byline: Some("Jane".into()),
                date: Some("2026-03-14".into()),
                body: "Text.".into(),
                url: Some("u".into()),
                lang: Some("en".into()),
            }]
        );
    }

    #[test]
    fn arrays_and_wrapped_arrays() {
        assert_eq!(
            articles(r#"[{"content":"a"},{"text":"b"}]"#).unwrap().len(),
            2
        );
        assert_eq!(articles(r#"{"items":[{"content":"a"}]}"#).unwrap().len(), 1);
        assert_eq!(
            articles(r#"{"authors":["A","B"],"text":"x"}"#).unwrap()[0]
                .byline
                .as_deref(),
            Some("A, B")
        );
    }

    #[test]
    fn bad_shapes_and_syntax_are_errors() {
        assert_eq!(articles("[1,2,3]"), Err(JsonError::Shape));
        assert_eq!(articles(r#"{"title":"no body"}"#), Err(JsonError::Shape));
        assert_eq!(articles("42"), Err(JsonError::Shape));
        assert!(matches!(
            articles("{\"title\": "),
            Err(JsonError::Syntax(_))
        ));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(articles(&deep), Err(JsonError::Syntax(_))));
    }

    #[test]
    fn escapes_spelled_in_json_or_html_never_reach_the_text() {
        let file = r#"{"title":"t","content":"<p>Hello \u001b]0;pwned\u0007 world.</p><p>&#27;[31mred&#x9b;2J \u009b1m</p>"}"#;
        let read = read(file.as_bytes()).unwrap();
        let blocks = &read.articles[0].parsed.blocks;
        assert!(!blocks.is_empty());
        for b in blocks {
            assert!(
                !b.text
                    .chars()
                    .any(|c| c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)),
                "{:?}",
                b.text
            );
        }
    }

    #[test]
    fn plain_bodies_stay_plain_text_even_with_angle_brackets() {
        assert!(!looks_like_html("a < b and c > d"));
        assert!(!looks_like_html("Key takeaways:\n- one\n- two <3"));
        assert!(looks_like_html("<p>x</p>"));
        assert!(looks_like_html("text<br/>more"));
        let blocks = body_blocks("Title\n\n- one < two\n- three > two");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].text, "one < two");
    }

    #[test]
    fn a_saved_page_in_json_gives_its_article_not_its_stylesheet() {
        let para = "The minister said the talks, held over two days, had ended well for everyone.";
        let page = format!(
            "<!DOCTYPE html><html><head><style>.masthead{{font:12px serif}}</style>\
             <script>window.dataLayer=[];</script></head><body><nav><a href='/'>Home</a></nav>\
             <article><p>{para}</p><p>{para}</p></article></body></html>"
        );
        let file = serde_json::json!([{ "content": page }]).to_string();
        let read = read(file.as_bytes()).unwrap();
        let a = &read.articles[0].parsed;
        assert!(a.title.starts_with("The minister said"), "{:?}", a.title);
        assert!(
            a.blocks
                .iter()
                .all(|b| !b.text.contains('{') && !b.text.contains("dataLayer"))
        );
    }

    #[test]
    fn html_bodies_become_paragraphs() {
        let a = articles(
            r#"{"content":"<p>One &amp; two.</p><p>Three<br>four</p><ul><li>x</li></ul>"}"#,
        )
        .unwrap();
        let blocks: Vec<(crate::ingest::RawKind, String)> = body_blocks(&a[0].body)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect();
        use crate::ingest::RawKind::*;
        assert_eq!(
            blocks,
            [
                (Paragraph, "One & two.".into()),
                (Paragraph, "Three".into()),
                (Paragraph, "four".into()),
                (Bullet, "x".into()),
            ]
        );
    }
}
