//! The document list: up to four lines of title with matched characters marked (dim once the
//! document has been read), then a dim line of language, source, date, takeaway count and "★ N" for
//! starred takeaways, with "✓" in the gutter before it once the document has been read. A
//! document that matches only in its text has "≡" in the gutter of a line between the two,
//! which shows its best snippet with the hit highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{self, Mode};
use super::widgets::{char_ranges, fit, pane_block, styled_spans};
use crate::keys::Pane;
use crate::model::Document;
use crate::tui::app::{App, LIST_TITLE_LINES, first_visible};
use crate::tui::textsearch::TextRow;
use crate::tui::wrap::wrap_ranges;
use unicode_width::UnicodeWidthStr;

/// What precedes a count that is still a lower bound (see [`App::count_matches`]).
pub fn at_least(app: &App) -> &'static str {
    if app.results.partial_counts {
        "≥ "
    } else {
        ""
    }
}

/// Draws the list pane into `area`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, mode: Mode) {
    let docs = &app.results.docs;
    let mut title = format!(
        "Documents {}{}/{}",
        at_least(app),
        app.results.matched_docs,
        app.results.total_docs
    );
    if !app.text.rows.is_empty() {
        title.push_str(&format!(" · {TEXT_MARK} {} in text", app.text.rows.len()));
    }
    frame.render_widget(pane_block(app, Pane::List, mode, title), area);
    let inner = layout::list_inner(area);
    if inner.is_empty() {
        return;
    }
    if app.corpus.documents.is_empty() {
        let msg = Paragraph::new(vec![
            Line::from("No briefings yet."),
            Line::styled("r fetches the subscribed feeds.", app.palette.dim),
        ]);
        frame.render_widget(msg, inner);
        return;
    }
    if docs.is_empty() {
        let msg = Paragraph::new(vec![
            Line::from("No document matches."),
            Line::styled("Esc clears the filter.", app.palette.dim),
        ]);
        frame.render_widget(msg, inner);
        return;
    }
    let offset = first_visible(
        |i| app.list_item_height(i, inner.width),
        app.list.selected,
        app.list.offset,
        usize::from(inner.height),
    );
    let width = usize::from(inner.width);
    let mut y = inner.y;
    for (i, hit) in docs.iter().enumerate().skip(offset) {
        let Some(doc) = app.corpus.documents.get(hit.doc) else {
            continue;
        };
        let selected = i == app.list.selected;
        let marker = if selected { "▶ " } else { "  " };
        let text_width = width.saturating_sub(2).max(1);
        let highlights = char_ranges(&doc.title, &hit.title_positions);
        let read = app.is_read(hit.doc);
        let title_style = if selected {
            Style::new().add_modifier(Modifier::BOLD)
        } else if read {
            app.palette.dim
        } else {
            Style::new()
        };
        let mut lines: Vec<Line> = Vec::with_capacity(LIST_TITLE_LINES + 2);
        let wrapped = wrap_ranges(&doc.title, text_width);
        for (k, r) in wrapped.iter().take(LIST_TITLE_LINES).enumerate() {
            let more = k + 1 == LIST_TITLE_LINES && wrapped.len() > LIST_TITLE_LINES;
            let mut r = r.clone();
            if more {
                // Leave room for the ellipsis on the last title line.
                r.end = r.start + fit(&doc.title[r.clone()], text_width.saturating_sub(1));
            }
            let mut spans = vec![Span::raw(if k == 0 { marker } else { "  " })];
            spans.extend(styled_spans(
                &doc.title,
                r,
                title_style,
                &[(&highlights, app.palette.fuzzy)],
            ));
            if more {
                spans.push(Span::raw("…"));
            }
            lines.push(Line::from(spans));
        }
        if let Some(row) = app.text_row(i) {
            lines.push(snippet_line(app, row, text_width));
        }
        // The read mark sits in the gutter under "▶", so it costs the metadata no room.
        let gutter = if read {
            Span::styled("✓ ", app.palette.read)
        } else {
            Span::raw("  ")
        };
        lines.push(Line::from(vec![
            gutter,
            Span::styled(
                meta(doc, app.stars_in(hit.doc), text_width),
                app.palette.dim,
            ),
        ]));
        lines.push(Line::default());
        let n = lines.len();
        for (k, line) in lines.into_iter().enumerate() {
            let is_last_row = k + 1 == n;
            if y >= inner.bottom() {
                return;
            }
            let row = Rect::new(inner.x, y, inner.width, 1);
            if selected && !is_last_row {
                frame.buffer_mut().set_style(row, app.palette.selected);
            }
            frame.render_widget(line, row);
            y += 1;
        }
    }
}

/// What marks a document that matches only in its text.
pub const TEXT_MARK: &str = "≡";

/// A text match's second line: "≡" in the gutter, then its snippet cut to `width` columns
/// so that the hit shows, the hit highlighted.
fn snippet_line<'a>(app: &App, row: &'a TextRow, width: usize) -> Line<'a> {
    let mark = Span::styled(format!("{TEXT_MARK} "), app.palette.key);
    let Some(Some(s)) = &row.snippet else {
        return Line::from(vec![mark, Span::styled("in the text", app.palette.dim)]);
    };
    let (text, hit) = (s.text.as_str(), s.hit.clone());
    // Drop context from the front until the hit's end fits (a narrow pane, a long run-up).
    let mut start = 0;
    // Text after the hit leaves a column for the "…" below.
    let room = if hit.end < text.len() {
        width.saturating_sub(1)
    } else {
        width
    };
    while start < hit.start && text[start..hit.end].width() > room {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let mut end = start + fit(&text[start..], width);
    let cut = end < text.len();
    if cut {
        // Room for the "…" that says the line goes on.
        end = start + fit(&text[start..], width.saturating_sub(1));
    }
    let hit = hit.start.clamp(start, end)..hit.end.clamp(start, end);
    // The context dim, the hit in the reader's match style (not dimmed).
    let mut spans = vec![mark];
    for (range, style) in [
        (start..hit.start, app.palette.dim),
        (hit.clone(), app.palette.matched),
        (hit.end..end, app.palette.dim),
    ] {
        if !range.is_empty() {
            spans.push(Span::styled(&text[range], style));
        }
    }
    if cut {
        spans.push(Span::styled("…", app.palette.dim));
    }
    Line::from(spans)
}

/// Language, date, source (site, feed or newsletter), takeaway count and stars, dropping what
/// does not fit rather than cutting a word; only the source, a name of any length, is shortened
/// with "…" to the room left.
fn meta(doc: &Document, stars: usize, width: usize) -> String {
    let n = doc.takeaways.len();
    let source = doc.source.as_deref().filter(|s| !s.is_empty());
    let parts = [
        Some(doc.lang.clone()),
        doc.date.map(|d| d.to_iso()),
        source.map(str::to_string),
        Some(format!("{n} takeaway{}", if n == 1 { "" } else { "s" })),
        (stars > 0).then(|| format!("★ {stars}")),
    ];
    let mut out = String::new();
    for p in parts.into_iter().flatten() {
        let sep = if out.is_empty() { "" } else { " · " };
        let next = format!("{out}{sep}{p}");
        if next.width() <= width {
            out = next;
            continue;
        }
        // A source too long for the room left: as much of it as fits, if that is a word's worth.
        let room = width.saturating_sub(out.width() + sep.width());
        if source == Some(p.as_str()) && room >= 6 {
            out = format!("{out}{sep}{}", shorten(&p, room));
        }
        break;
    }
    out
}

/// `text` cut to `width` columns with a closing "…".
fn shorten(text: &str, width: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: Option<&str>) -> Document {
        let text = "Title\n\nA first paragraph of the body, long enough to be read as prose.\n";
        let (mut docs, _) = crate::library::documents_from_bytes(
            std::path::Path::new("a.txt"),
            text.as_bytes(),
            crate::model::Format::Text,
        )
        .expect("a document");
        let mut d = docs.remove(0);
        d.source = source.map(str::to_string);
        d
    }

    #[test]
    fn a_snippet_line_keeps_its_hit_in_a_narrow_pane() {
        let app = App::new(crate::library::seeds::bundled(), 80, 24);
        let text = format!("{}Taiwan and more words after it", "run up ".repeat(6));
        let at = text.find("Taiwan").unwrap();
        let row = TextRow {
            doc: 0,
            score: 1.0,
            snippet: Some(Some(crate::fulltext::SnippetText {
                text: text.clone(),
                hit: at..at + 6,
            })),
        };
        for width in [12, 20, 40, 200] {
            let line = snippet_line(&app, &row, width);
            let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(shown.starts_with("≡ "), "{shown}");
            assert!(shown.contains("Taiwan"), "{width}: {shown}");
            assert!(shown.width() <= width + 2, "{width}: {shown}");
            assert_eq!(shown.ends_with('…'), width < 80, "{width}: {shown}");
            let hit = line.spans.iter().find(|s| s.content == "Taiwan").unwrap();
            assert_eq!(hit.style, app.palette.matched);
        }
    }

    #[test]
    fn the_second_line_names_the_source_after_the_date() {
        let mut d = doc(Some("Harbour Policy Weekly"));
        d.date = crate::model::Date::new(2026, 3, 11);
        let n = d.takeaways.len();
        let count = format!("{n} takeaway{}", if n == 1 { "" } else { "s" });
        let head = format!("{} · 2026-03-11", d.lang);
        assert_eq!(
            meta(&d, 0, 80),
            format!("{head} · Harbour Policy Weekly · {count}")
        );
        // Without a source the line is as it always was.
        let plain = meta(&doc(None), 0, 80);
        assert!(
            !plain.contains("Harbour") && !plain.contains(" ·  · "),
            "{plain}"
        );
        // A narrow pane: the source is shortened to the room left, the rest dropped.
        let width = head.width() + 3 + 8;
        assert_eq!(meta(&d, 0, width), format!("{head} · Harbour…"));
        // Too narrow even for that: dropped whole, and the other fields are never cut.
        assert_eq!(meta(&d, 0, head.width() + 5), head);
    }
}
