//! The selected document's takeaways (those matching the filter, when there is one), each under
//! a dim header with its number and kind.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{self, Mode};
use super::widgets::{char_ranges, draw_item, pane_block, styled_spans};
use crate::keys::Pane;
use crate::model::TakeawayKind;
use crate::tui::app::{App, first_visible};
use crate::tui::wrap::wrap_ranges;

fn kind_label(kind: TakeawayKind) -> &'static str {
    match kind {
        TakeawayKind::Explicit => "key takeaway",
        TakeawayKind::BottomLine => "bottom line",
        TakeawayKind::Extracted => "extracted",
    }
}

/// Draws the takeaways pane into `area`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, mode: Mode) {
    let doc_index = app.selected_doc().unwrap_or(0);
    let doc = app.selected_doc().and_then(|d| app.corpus.documents.get(d));
    let total = doc.map_or(0, |d| d.takeaways.len());
    let shown = &app.shown_takeaways;
    let title = if app.query.is_empty() {
        format!("Takeaways {total}")
    } else {
        format!("Takeaways {}/{total}", shown.len())
    };
    frame.render_widget(pane_block(app, Pane::Takeaways, mode, title), area);
    let inner = layout::list_inner(area);
    if inner.is_empty() {
        return;
    }
    let Some(doc) = doc else {
        frame.render_widget(
            Paragraph::new(Line::styled("No document.", app.palette.dim)),
            inner,
        );
        return;
    };
    if shown.is_empty() {
        let msg = if total == 0 {
            "No takeaways in this document."
        } else {
            "No takeaway matches the filter."
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, app.palette.dim)), inner);
        return;
    }
    let width = inner.width;
    let offset = first_visible(
        |i| app.takeaway_height(i, width),
        app.takeaways.selected,
        app.takeaways.offset,
        usize::from(inner.height),
    );
    let mut y = inner.y;
    for (i, s) in shown.iter().enumerate().skip(offset) {
        let Some(t) = doc.takeaways.get(s.takeaway) else {
            continue;
        };
        let selected = i == app.takeaways.selected;
        let active = app.reader.active_takeaway == Some(s.takeaway);
        let marker = if selected { "▶ " } else { "  " };
        let mut header = vec![Span::raw(marker)];
        if app.is_starred(doc_index, s.takeaway) {
            header.push(Span::styled("★ ", app.palette.star));
        }
        header.extend([Span::styled(
            format!("{}/{total} · {}", s.takeaway + 1, kind_label(t.kind)),
            app.palette.dim,
        )]);
        if active {
            header.push(Span::styled(" · shown", app.palette.source));
        }
        let mut lines = vec![Line::from(header)];
        let highlights = char_ranges(&t.text, &s.positions);
        let base = if selected {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        for r in wrap_ranges(&t.text, usize::from(width).saturating_sub(2)) {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(styled_spans(
                &t.text,
                r,
                base,
                &[(&highlights, app.palette.fuzzy)],
            ));
            lines.push(Line::from(spans));
        }
        let chips = app.chips(doc_index, s.takeaway, usize::from(width).saturating_sub(2));
        if !chips.is_empty() {
            let mut spans = vec![Span::raw("  ")];
            for (n, id) in chips.iter().enumerate() {
                if n > 0 {
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::styled(format!("#{id}"), app.palette.chip));
            }
            lines.push(Line::from(spans));
        }
        if !draw_item(frame, inner, &mut y, lines, selected, &app.palette) {
            return;
        }
    }
}
