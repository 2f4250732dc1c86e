//! JSON articles (feed exports, scraper output): one object, an array of them, or an object
//! holding such an array under `articles`, `items`, `entries` or `posts`.

use serde_json::Value;

use crate::ingest::article::{Article, Articles, ParseError, clean_text};
use crate::ingest::date::find_date;
use crate::ingest::inline::fold_whitespace;
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
                // The file was cleaned before parsing, but JSON's `\u001b` escapes and the
                // HTML entities decoded since (`&#27;`) make control characters anew.
                parsed: build(raw_blocks(&sanitize(&a.body)), hints),
                lang: a.lang,
                url: clean(a.url),
                source: None,
            }
        })
        .collect();
    Ok(Articles { articles, warning })
}

/// One article's fields, before its body is parsed as plain text.
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
        body: strip_html(&body),
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

/// Feed bodies are often HTML: block tags become paragraph breaks, other tags vanish, and the
/// common entities are decoded. Not an HTML parser; enough for `<p>`-and-`<br>` bodies.
pub(crate) fn strip_html(body: &str) -> String {
    if !body.contains('<') || !body.contains('>') {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let name = tag
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        match name {
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "ul" | "ol" => {
                out.push_str("\n\n")
            }
            "br" | "li" => out.push('\n'),
            _ => {}
        }
        if name == "li" && !rest[open + 1..].starts_with('/') {
            out.push_str("- ");
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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
    fn html_bodies_become_paragraphs() {
        let a = articles(
            r#"{"content":"<p>One &amp; two.</p><p>Three<br>four</p><ul><li>x</li></ul>"}"#,
        )
        .unwrap();
        let blocks: Vec<(crate::ingest::RawKind, String)> =
            super::super::text::raw_blocks(&a[0].body)
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
