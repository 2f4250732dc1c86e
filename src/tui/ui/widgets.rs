//! Pieces every pane draws with: its bordered frame, list items, highlighted spans, and fitting
//! text to a width.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::layout::Mode;
use crate::keys::Pane;
use crate::tui::app::App;
use crate::tui::palette::Palette;

/// Draws one list item's `lines` from row `*y` down, stopping at the bottom of `inner`; the
/// selected item gets the selection background across the full width. Returns false once the
/// pane is full, so callers stop looping over items.
pub(super) fn draw_item(
    frame: &mut Frame,
    inner: Rect,
    y: &mut u16,
    lines: Vec<Line<'_>>,
    selected: bool,
    palette: &Palette,
) -> bool {
    for line in lines {
        if *y >= inner.bottom() {
            return false;
        }
        let row = Rect::new(inner.x, *y, inner.width, 1);
        if selected {
            frame.buffer_mut().set_style(row, palette.selected);
        }
        frame.render_widget(line, row);
        *y += 1;
    }
    true
}

/// The bordered frame of a pane; the focused one is drawn thick so focus shows without colour.
pub(super) fn pane_block<'a>(app: &App, pane: Pane, mode: Mode, title: String) -> Block<'a> {
    let focused = app.focus == pane && !app.filter.editing;
    let mut block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            app.palette.focus_border
        } else {
            app.palette.border
        });
    if mode == Mode::Narrow {
        // One pane at a time: the title doubles as tabs, showing how to reach the others.
        let mut spans = vec![Span::raw(" ")];
        for (i, p) in Pane::ALL.into_iter().enumerate() {
            let label = format!("{} {}", i + 1, p.name());
            spans.push(if p == pane {
                Span::styled(
                    label,
                    Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                )
            } else {
                Span::styled(label, app.palette.dim)
            });
            spans.push(Span::raw(" "));
        }
        block = block.title(Line::from(spans));
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {title} "), app.palette.dim)).right_aligned(),
        );
    } else {
        let title_style = if focused {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        block = block.title(Span::styled(format!(" {title} "), title_style));
    }
    block
}

/// Sorted, merged byte ranges of the chars at `positions` (char indices) in `text`.
pub(crate) fn char_ranges(text: &str, positions: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    if positions.is_empty() {
        return out;
    }
    let mut wanted = positions.iter().copied().peekable();
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        while wanted.peek().is_some_and(|&p| p < ci) {
            wanted.next();
        }
        if wanted.peek() == Some(&ci) {
            let r = bi..bi + c.len_utf8();
            match out.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => out.push(r),
            }
        }
    }
    out
}

/// Spans for `text[line]`, styled `base` and patched by every layer whose sorted,
/// non-overlapping ranges cover a piece (later layers win).
pub(crate) fn styled_spans<'a>(
    text: &'a str,
    line: Range<usize>,
    base: Style,
    layers: &[(&[Range<usize>], Style)],
) -> Vec<Span<'a>> {
    let mut cuts = vec![line.start, line.end];
    for (ranges, _) in layers {
        for r in *ranges {
            for p in [r.start, r.end] {
                if p > line.start && p < line.end && text.is_char_boundary(p) {
                    cuts.push(p);
                }
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut s = base;
        for (ranges, layer) in layers {
            let i = ranges.partition_point(|r| r.end <= a);
            if ranges.get(i).is_some_and(|r| r.start <= a) {
                s = s.patch(*layer);
            }
        }
        if let Some(piece) = text.get(a..b) {
            spans.push(Span::styled(piece, s));
        }
    }
    spans
}

/// The byte length of the longest prefix of `text` that fits in `width` columns.
pub(crate) fn fit(text: &str, width: usize) -> usize {
    let mut w = 0;
    for (i, c) in text.char_indices() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            return i;
        }
        w += cw;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ranges_merge_runs() {
        assert_eq!(char_ranges("città x", &[2, 3, 4, 6]), vec![2..6, 7..8]);
        assert!(char_ranges("abc", &[]).is_empty());
    }

    #[test]
    fn spans_split_at_layers() {
        let text = "hello world";
        let world = 6..11;
        let m = std::slice::from_ref(&world);
        let matched = Palette::default().matched;
        let spans = styled_spans(text, 0..11, Style::new(), &[(m, matched)]);
        let pieces: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(pieces, ["hello ", "world"]);
        assert_eq!(spans[1].style, matched);
    }

    #[test]
    fn fitting() {
        assert_eq!(fit("città", 4), 4);
    }
}
