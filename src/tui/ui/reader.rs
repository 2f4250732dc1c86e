//! The reader: slices the visible lines out of the cached layout and styles them (title,
//! metadata, headings, bullets, quotes, takeaway sources, query matches), plus a scroll bar and
//! position.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::layout::{self, Mode};
use super::widgets::{pane_block, styled_spans};
use crate::keys::Pane;
use crate::model::{BlockKind, Document};
use crate::query::find_literal;
use crate::tui::app::App;
use crate::tui::wrap::{Source, Wrapped, WrappedLine};

/// Where the view is in the text: "All", "Top", "Bot" or a percentage, as in `less` and vim.
pub fn position_label(scroll: usize, total: usize, height: usize) -> String {
    let max = total.saturating_sub(height);
    if max == 0 {
        "All".into()
    } else if scroll == 0 {
        "Top".into()
    } else if scroll >= max {
        "Bot".into()
    } else {
        format!("{}%", scroll * 100 / max)
    }
}

/// Draws the reader pane into `area`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, mode: Mode) {
    let inner = layout::reader_inner(area);
    let doc = app.reader_doc();
    let wrapped = app
        .reader
        .doc
        .and_then(|d| app.reader.cache.get(d, app.reader_text_width(inner.width)));
    let height = usize::from(inner.height);
    let total = wrapped.map_or(0, |w| w.lines.len());
    let scroll = app.reader.scroll.min(total.saturating_sub(height));

    let mut block = pane_block(app, Pane::Reader, mode, "Reader".into());
    if let Some(w) = wrapped {
        let mut bottom = Vec::new();
        let ms = app.reader.matches.as_deref();
        // A text match's hits are the index's words, not the filter's literal ones.
        let (one, many) = if app.reader.text_hits {
            ("hit", "hits")
        } else {
            ("match", "matches")
        };
        match (app.reader.current_match, ms.map_or(0, <[_]>::len)) {
            (_, 0) => {}
            (Some(i), n) => {
                bottom.push(Span::styled(
                    format!(" {one} {}/{n} ", i + 1),
                    app.palette.warn,
                ));
            }
            (None, n) => {
                let word = if n == 1 { one } else { many };
                bottom.push(Span::styled(format!(" {n} {word} · n "), app.palette.warn));
            }
        }
        bottom.push(Span::raw(format!(
            " {} ",
            position_label(scroll, w.lines.len(), height)
        )));
        block = block.title_bottom(Line::from(bottom).right_aligned());
    }
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let (Some(doc), Some(w)) = (doc, wrapped) else {
        let msg = if app.results.docs.is_empty() {
            "Nothing to read: no document matches."
        } else {
            "…"
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, app.palette.dim)), inner);
        return;
    };
    let end = (scroll + height).min(total);
    for (row, line) in w.lines[scroll..end].iter().enumerate() {
        let rect = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        frame.render_widget(styled_line(app, doc, w, line), rect);
    }
    if total > height {
        let mut state = ScrollbarState::new(total.saturating_sub(height))
            .position(scroll)
            .viewport_content_length(height);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(app.palette.focus_border)
            .track_style(app.palette.border);
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}

/// One visible line with its styles; costs only the highlights that touch its block.
fn styled_line<'a>(app: &App, doc: &'a Document, w: &'a Wrapped, line: &WrappedLine) -> Line<'a> {
    match line.source {
        Source::Blank => Line::default(),
        Source::Title => Line::from(styled_spans(
            &doc.title,
            line.range.clone(),
            app.palette.title,
            &[],
        )),
        Source::Meta(k) => match w.meta.get(k) {
            Some(m) => Line::from(styled_spans(m, line.range.clone(), app.palette.dim, &[])),
            None => Line::default(),
        },
        Source::Block(b) => {
            let Some(block) = doc.blocks.get(b) else {
                return Line::default();
            };
            let (prefix, base) = match block.kind {
                BlockKind::Heading => ("", app.palette.heading),
                BlockKind::Paragraph => ("", Style::new()),
                BlockKind::Bullet if line.first => ("• ", Style::new()),
                BlockKind::Bullet => ("  ", Style::new()),
                BlockKind::Quote => ("│ ", app.palette.quote),
            };
            let mut sources: Vec<Range<usize>> = Vec::new();
            let mut active: Vec<Range<usize>> = Vec::new();
            for (i, t) in doc.takeaways.iter().enumerate() {
                if t.anchor.block == b {
                    if app.reader.active_takeaway == Some(i) {
                        active.push(t.anchor.range.clone());
                    } else {
                        sources.push(t.anchor.range.clone());
                    }
                }
            }
            sources.sort_by_key(|r| r.start);
            let ms = app.reader.matches.as_deref().unwrap_or_default();
            let matches: Vec<Range<usize>> = match app.reader.matches.as_deref() {
                Some(ms) => {
                    let from = ms.partition_point(|m| m.block < b);
                    let to = ms.partition_point(|m| m.block <= b);
                    ms[from..to].iter().map(|m| m.range.clone()).collect()
                }
                None => matches_near(&block.text, line.range.clone(), &app.highlight_words),
            };
            let current: Vec<Range<usize>> = app
                .reader
                .current_match
                .and_then(|i| ms.get(i))
                .filter(|m| m.block == b)
                .map(|m| m.range.clone())
                .into_iter()
                .collect();
            let mut spans = Vec::new();
            if !prefix.is_empty() {
                let s = if block.kind == BlockKind::Quote {
                    app.palette.dim
                } else {
                    Style::new()
                };
                spans.push(Span::styled(prefix, s));
            }
            spans.extend(styled_spans(
                &block.text,
                line.range.clone(),
                base,
                &[
                    (&sources, app.palette.source),
                    (&active, app.palette.active_source),
                    (&matches, app.palette.matched),
                    (&current, app.palette.current_match),
                ],
            ));
            Line::from(spans)
        }
    }
}

/// Query matches overlapping `line` in `text`, searched in a window around the line only, so
/// the cost is bounded by the screen and not by the block's length.
fn matches_near(text: &str, line: Range<usize>, words: &[String]) -> Vec<Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    // A match of an n-byte folded word spans at most 4n bytes of the original text.
    let margin = 4 * words.iter().map(String::len).max().unwrap_or(0);
    let mut start = line.start.saturating_sub(margin);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (line.end + margin).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    find_literal(&text[start..end], words)
        .into_iter()
        .map(|r| r.start + start..r.end + start)
        .filter(|r| r.start < line.end && r.end > line.start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{matches_near, position_label};

    #[test]
    fn matches_near_a_line_agree_with_the_whole_text() {
        let text = "la città, la CITTÀ e la citta ".repeat(20);
        let words = vec!["citta".to_string()];
        let all = crate::query::find_literal(&text, &words);
        let line = 100..160;
        let want: Vec<_> = all
            .into_iter()
            .filter(|r| r.start < line.end && r.end > line.start)
            .collect();
        assert!(!want.is_empty());
        assert_eq!(matches_near(&text, line, &words), want);
    }

    #[test]
    fn positions() {
        assert_eq!(position_label(0, 10, 20), "All");
        assert_eq!(position_label(0, 100, 20), "Top");
        assert_eq!(position_label(40, 100, 20), "50%");
        assert_eq!(position_label(80, 100, 20), "Bot");
    }
}
