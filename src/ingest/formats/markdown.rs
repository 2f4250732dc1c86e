//! Markdown into raw blocks, through pulldown-cmark: emphasis, links and nesting are its job.
//! HTML and images are dropped (untrusted markup, and alt text is rarely prose).

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::ingest::article::{Article, Articles, ParseError, clean_text};
use crate::ingest::inline::{fold_whitespace, starts_with_dotted_date};
use crate::ingest::raw::{RawBlock, RawKind};
use crate::ingest::structure::{Hints, build};

/// The Markdown reader: one article.
pub fn read(bytes: &[u8]) -> Result<Articles, ParseError> {
    let (text, warning) = clean_text(bytes)?;
    Ok(Articles {
        articles: vec![Article::from(build(raw_blocks(&text), Hints::default()))],
        warning,
    })
}

pub(crate) fn raw_blocks(text: &str) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut kind: Option<RawKind> = None;
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut image_depth = 0usize;
    // An item whose first paragraph has not been seen yet: that paragraph is the bullet text.
    let mut item_open = false;

    let flush = |kind: &mut Option<RawKind>, buf: &mut String, out: &mut Vec<RawBlock>| {
        if let Some(k) = kind.take() {
            let text = fold_whitespace(buf);
            if !text.is_empty() {
                out.push(RawBlock { kind: k, text });
            } else if k == RawKind::Bullet {
                out.push(RawBlock {
                    kind: RawKind::Marker,
                    text: String::new(),
                });
            }
        }
        buf.clear();
    };

    let text = normalise_scraped_lists(text);
    for event in Parser::new(&text) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut kind, &mut buf, &mut out);
                kind = Some(RawKind::Heading(level as u8));
            }
            Event::Start(Tag::Paragraph) => {
                if item_open && kind == Some(RawKind::Bullet) {
                    item_open = false;
                    continue;
                }
                flush(&mut kind, &mut buf, &mut out);
                kind = Some(if quote_depth > 0 {
                    RawKind::Quote
                } else {
                    RawKind::Paragraph
                });
            }
            Event::Start(Tag::Item) => {
                flush(&mut kind, &mut buf, &mut out);
                item_depth += 1;
                item_open = true;
                kind = Some(RawKind::Bullet);
            }
            Event::End(TagEnd::Item) => {
                item_depth = item_depth.saturating_sub(1);
                item_open = false;
                flush(&mut kind, &mut buf, &mut out);
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut kind, &mut buf, &mut out);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut kind, &mut buf, &mut out);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut kind, &mut buf, &mut out);
                kind = Some(RawKind::Paragraph);
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            // Inside a list item, text after the first paragraph stays with the bullet.
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock)
                if item_depth == 0 || kind != Some(RawKind::Bullet) =>
            {
                flush(&mut kind, &mut buf, &mut out);
            }
            Event::Text(t) | Event::Code(t) if image_depth == 0 => {
                if kind.is_none() {
                    // Text in a tight list item or after a nested block: keep it.
                    kind = Some(if item_depth > 0 {
                        RawKind::Bullet
                    } else {
                        RawKind::Paragraph
                    });
                }
                buf.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut kind, &mut buf, &mut out);
    out
}

/// Rewrites list shapes that scraped Markdown has but CommonMark reads otherwise: a marker alone
/// on its line followed by the item's text (CommonMark would take `-` for a heading underline),
/// `•` / `–` bullets (not list markers in CommonMark), and German dates ("11. Dezember 2025")
/// that CommonMark would take for the 11th item of a numbered list.
///
/// Also caps blockquote nesting at [`MAX_QUOTE_DEPTH`]: CommonMark parsing cost grows faster
/// than linearly with depth, and no briefing quotes that deep, so the excess markers are
/// dropped (the text stays).
fn normalise_scraped_lists(text: &str) -> Cow<'_, str> {
    let needs = text.lines().any(|l| {
        let t = l.trim();
        matches!(t, "-" | "*" | "+" | "•" | "–" | "—")
            || t.starts_with("• ")
            || t.starts_with("– ")
            || quote_depth(t).0 > MAX_QUOTE_DEPTH
            || starts_with_dotted_date(t)
    });
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut pending_marker = false;
    for line in text.lines() {
        let t = line.trim();
        if matches!(t, "-" | "*" | "+" | "•" | "–" | "—") {
            pending_marker = true;
            continue;
        }
        if pending_marker {
            pending_marker = false;
            if t.is_empty() {
                out.push_str("-\n");
                continue;
            }
            out.push_str("- ");
            out.push_str(t);
            out.push('\n');
            continue;
        }
        let (depth, rest) = quote_depth(t);
        if depth > MAX_QUOTE_DEPTH {
            out.push_str(&"> ".repeat(MAX_QUOTE_DEPTH));
            out.push_str(rest);
        } else if let Some(rest) = t.strip_prefix("• ").or_else(|| t.strip_prefix("– ")) {
            out.push_str("- ");
            out.push_str(rest);
        } else if starts_with_dotted_date(t) {
            // "11\. Dezember 2025": escaped, the day's dot no longer opens a numbered list.
            let dot = t.find('.').expect("a dotted date has its dot");
            out.push_str(&t[..dot]);
            out.push_str("\\.");
            out.push_str(&t[dot + 1..]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if pending_marker {
        out.push_str("-\n");
    }
    Cow::Owned(out)
}

/// Deepest blockquote nesting passed to the CommonMark parser.
const MAX_QUOTE_DEPTH: usize = 32;

/// How many `>` markers open the line, and the text after them.
fn quote_depth(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line;
    while let Some(r) = rest.strip_prefix('>') {
        depth += 1;
        rest = r.trim_start_matches(' ');
    }
    (depth, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(RawKind, String)> {
        raw_blocks(text)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_emphasis() {
        let md =
            "# Title\n\nSome *emphasis* and **strong** with a [link](http://x).\n\n## Section\n";
        assert_eq!(
            kinds(md),
            vec![
                (RawKind::Heading(1), "Title".into()),
                (
                    RawKind::Paragraph,
                    "Some emphasis and strong with a link.".into()
                ),
                (RawKind::Heading(2), "Section".into()),
            ]
        );
    }

    #[test]
    fn tight_and_loose_lists_and_numbering() {
        let md = "- one\n- two *x*\n\n1. first\n2) second\n\n* loose\n\n* list\n";
        let got = kinds(md);
        let bullets: Vec<&str> = got
            .iter()
            .filter(|(k, _)| *k == RawKind::Bullet)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            bullets,
            ["one", "two x", "first", "second", "loose", "list"]
        );
    }

    #[test]
    fn nested_list_items_each_become_bullets() {
        let md = "- parent\n  - child\n- next\n";
        let got = kinds(md);
        assert_eq!(
            got.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            ["parent", "child", "next"]
        );
    }

    #[test]
    fn quotes_images_and_html_are_handled() {
        let md = "> A quote\n> goes on\n\n![credit: Reuters](x.png)\n\n<div>html</div>\n\nText.\n";
        assert_eq!(
            kinds(md),
            vec![
                (RawKind::Quote, "A quote goes on".into()),
                (RawKind::Paragraph, "Text.".into()),
            ]
        );
    }

    #[test]
    fn scraped_lone_markers_become_items_not_setext_headings() {
        let got = kinds("Key Takeaways:\n-\nFirst point.\n-\nSecond point.\n");
        assert_eq!(
            got,
            vec![
                (RawKind::Paragraph, "Key Takeaways:".into()),
                (RawKind::Bullet, "First point.".into()),
                (RawKind::Bullet, "Second point.".into()),
            ]
        );
    }

    #[test]
    fn a_german_date_line_is_not_a_numbered_item() {
        let got = kinds("# Titel\n\n11. Dezember 2025\n\n1. Erster Punkt\n2. Zweiter Punkt\n");
        assert_eq!(
            got,
            [
                (RawKind::Heading(1), "Titel".to_string()),
                (RawKind::Paragraph, "11. Dezember 2025".to_string()),
                (RawKind::Bullet, "Erster Punkt".to_string()),
                (RawKind::Bullet, "Zweiter Punkt".to_string()),
            ]
        );
    }

    #[test]
    fn unicode_bullets_become_items() {
        let got = kinds("• one\n• two\n");
        assert_eq!(
            got,
            vec![
                (RawKind::Bullet, "one".into()),
                (RawKind::Bullet, "two".into())
            ]
        );
    }

    #[test]
    fn deep_nesting_does_not_blow_up() {
        let md = format!("{}deep\n", "> ".repeat(5000));
        let got = kinds(&md);
        assert_eq!(got, vec![(RawKind::Quote, "deep".into())]);
        let md = format!("{}x\n", "- ".repeat(2000));
        assert!(!kinds(&md).is_empty());
    }
}
