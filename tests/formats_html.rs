//! Web pages through the real binary: the article found, its metadata, its takeaways, and the
//! page's chrome left out; plus every bad case of the format (each must finish and load or be
//! skipped with a reason; none may panic or hang).

#[path = "common/cli.rs"]
mod cli;

use std::fs;
use std::path::Path;

use cli::{explicit_texts, json, run};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats/html");

fn fixture(name: &str) -> String {
    Path::new(FIXTURES)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn texts(doc: &Value) -> Vec<(String, String)> {
    doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["kind"].as_str().unwrap().to_string(),
                b["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// True when no control character, C1 control or bidi override is in `s`.
fn is_clean(s: &str) -> bool {
    !s.chars().any(|c| {
        c.is_control() && c != '\n'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[test]
fn a_news_page_gives_its_article_and_metadata() {
    let list = json(&["list", &fixture("article.html"), "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let entry = &list[0];
    assert_eq!(entry["title"], "Rome and Tokyo sign a chip pact");
    assert_eq!(entry["byline"], "Giulia Conti, Kenji Mori");
    assert_eq!(entry["date"], "2026-03-14");
    assert_eq!(entry["lang"], "en");
    // The list names where a page came from, as the reader does.
    assert_eq!(entry["source"], "The Harbour Gazette");
    assert_eq!(entry["format"], "html");
    assert_eq!(
        entry["url"],
        "https://gazette.example/2026/03/rome-tokyo-chips"
    );

    let doc = json(&["show", &fixture("article.html"), "--json"]);
    assert_eq!(doc["title"], "Rome and Tokyo sign a chip pact");
    assert_eq!(doc["source"], "The Harbour Gazette");
    assert_eq!(doc["format"], "html");
    assert_eq!(
        doc["url"],
        "https://gazette.example/2026/03/rome-tokyo-chips"
    );
    let blocks = texts(&doc);
    assert!(
        blocks[0]
            .1
            .starts_with("Italy and Japan signed an agreement on semiconductors"),
        "{blocks:#?}"
    );
    assert_eq!(
        blocks.last().unwrap().1,
        "Both governments said the fund would start with 400 million euros and could double by 2028."
    );
    assert!(
        blocks.contains(&("heading".into(), "What comes next".into())),
        "{blocks:#?}"
    );
    assert!(
        blocks
            .iter()
            .any(|(k, t)| k == "quote" && t.starts_with("This is industrial policy"))
    );
    let all = serde_json::to_string(&doc["blocks"]).unwrap();
    for chrome in [
        "cookies",
        "Share on",
        "Politics",
        "Search",
        "Subscribe",
        "morning briefing",
        "Related",
        "five charts",
        "Most read",
        "All rights reserved",
        "Photo: Archive",
        "dataLayer",
        "font:",
        "pwned",
        "By Giulia",
    ] {
        assert!(!all.contains(chrome), "{chrome:?} leaked into {all}");
    }

    let tk = json(&["takeaways", &fixture("article.html"), "--json"]);
    let explicit = explicit_texts(&tk);
    assert_eq!(
        explicit,
        [
            "Italy and Japan will fund pilot chip lines together.",
            "Supply-chain data will be shared between the two ministries.",
            "The pact is open to other G7 partners from next year.",
        ]
    );
}

#[test]
fn a_saved_pages_files_folder_is_skipped() {
    let list = json(&["list", &fixture("saved"), "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["title"], "Porto di Trieste, nuovi investimenti");
    assert_eq!(list[0]["lang"], "it");
    let doc = json(&[
        "show",
        list[0]["id"].as_str().unwrap(),
        &fixture("saved"),
        "--json",
    ]);
    assert_eq!(doc["source"], "Il Giornale del Porto");
}

#[test]
fn malformed_and_unclosed_html_still_loads() {
    let doc = json(&["show", &fixture("bad/malformed.html"), "--json"]);
    let blocks = texts(&doc);
    let all: String = blocks
        .iter()
        .map(|b| b.1.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // The unclosed `<title>` did not swallow the page: its first paragraph is the title.
    let title = doc["title"].as_str().unwrap();
    assert!(title.contains("bold and italic misnested"), "{title}");
    assert!(all.contains("cell one"), "{all}");
    assert!(all.contains("Text after the end of the document"), "{all}");
}

#[test]
fn scripts_styles_and_control_entities_never_reach_the_text() {
    let doc = json(&["show", &fixture("bad/escapes.html"), "--json"]);
    let all = serde_json::to_string(&doc).unwrap();
    let decoded: Value = serde_json::from_str(&all).unwrap();
    let title = decoded["title"].as_str().unwrap();
    assert!(is_clean(title), "{title:?}");
    assert!(title.starts_with("Escapes"), "{title:?}");
    for (_, text) in texts(&doc) {
        assert!(is_clean(&text), "{text:?}");
        assert!(!text.contains("not text"), "{text:?}");
        assert!(!text.contains("content:"), "{text:?}");
    }
    let blocks = texts(&doc);
    assert!(blocks[0].1.starts_with("Before"), "{blocks:?}");
    assert!(
        blocks
            .iter()
            .any(|b| b.1 == "Plain second paragraph that should survive as text.")
    );
}

#[test]
fn a_hundred_thousand_nested_tags_load_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    let mut page = String::from("<html><body>");
    for tag in ["div", "span", "b", "blockquote"] {
        page.push_str(&format!("<{tag}>").repeat(25_000));
    }
    page.push_str("<p>The text at the bottom of the nesting, which is long enough to count.</p>");
    page.push_str("<p>And its last paragraph.</p>");
    fs::write(&path, page).unwrap();
    let doc = json(&["show", path.to_str().unwrap(), "--json"]);
    let blocks = texts(&doc);
    assert_eq!(
        blocks.last().map(|b| b.1.as_str()),
        Some("And its last paragraph."),
        "{blocks:?}"
    );
}

#[test]
fn a_twenty_megabyte_page_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    let para =
        "<p>A paragraph of the very long page, with commas, clauses, and enough words.</p>\n";
    let mut page = String::from("<html><head><title>Big page | Site</title></head><body><article>");
    while page.len() < 20 * 1024 * 1024 {
        page.push_str(
            "<div class=share><a href=/x>Share</a></div><script>var a = '<p>x</p>';</script>",
        );
        page.push_str(para);
    }
    page.push_str("<p>The last paragraph.</p></article></body></html>");
    fs::write(&path, page).unwrap();
    let doc = json(&["show", path.to_str().unwrap(), "--json"]);
    assert_eq!(doc["title"], "Big page");
    let blocks = texts(&doc);
    assert_eq!(blocks.last().unwrap().1, "The last paragraph.");
    assert!(blocks.iter().all(|b| b.1 != "Share" && b.1 != "x"));
}

#[test]
fn a_page_without_text_is_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.html");
    fs::write(
        &path,
        "<html><head><script>var x = 1;</script><style>p{}</style></head><body></body></html>",
    )
    .unwrap();
    let out = run(&["list", path.to_str().unwrap(), "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("empty.html") && stderr.contains("no readable text"),
        "{stderr}"
    );
}
