//! The linked pane: for the selected takeaway, related takeaways in other documents (either
//! language), each with its document, language and the concepts that justify the link.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{self, Mode};
use super::widgets::{draw_item, pane_block};
use crate::keys::Pane;
use crate::tui::app::{App, LINK_TEXT_LINES, first_visible, shared_label};
use crate::tui::wrap::wrap_ranges;

/// Draws the linked pane into `area`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, mode: Mode) {
    let links = app.shown_links();
    let back = app.history.back.len();
    let title = if back > 0 {
        format!("Linked {} · Bksp back ({back})", links.len())
    } else {
        format!("Linked {}", links.len())
    };
    frame.render_widget(pane_block(app, Pane::Links, mode, title), area);
    let inner = layout::list_inner(area);
    if inner.is_empty() {
        return;
    }
    if links.is_empty() {
        let msg = if app.selected_spot().is_none() {
            "Select a takeaway to see related ones."
        } else {
            "No related takeaway in other documents."
        };
        frame.render_widget(
            Paragraph::new(Line::styled(msg, app.palette.dim))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = inner.width;
    let text_width = usize::from(width).saturating_sub(2);
    let offset = first_visible(
        |i| app.link_height(i, width),
        app.links.selected,
        app.links.offset,
        usize::from(inner.height),
    );
    let mut y = inner.y;
    for (i, link) in links.iter().enumerate().skip(offset) {
        let (doc_i, t_i) = app.corpus.links.target(link);
        let Some(doc) = app.corpus.documents.get(doc_i) else {
            continue;
        };
        let Some(t) = doc.takeaways.get(t_i) else {
            continue;
        };
        let selected = i == app.links.selected;
        let marker = if selected { "▶ " } else { "  " };
        let mut lines = vec![Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{} · ", doc.lang), app.palette.dim),
            Span::styled(
                doc.title.clone(),
                Style::new().add_modifier(Modifier::ITALIC),
            ),
        ])];
        let base = if selected {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let ranges = wrap_ranges(&t.text, text_width.saturating_sub(1));
        let cut = ranges.len() > LINK_TEXT_LINES;
        for (n, r) in ranges.into_iter().take(LINK_TEXT_LINES).enumerate() {
            let mut text = t.text[r].trim_end().to_string();
            if cut && n + 1 == LINK_TEXT_LINES {
                text.push('…');
            }
            lines.push(Line::from(vec![Span::raw("  "), Span::styled(text, base)]));
        }
        let shared = shared_label(link);
        for r in wrap_ranges(&shared, text_width) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(shared[r].to_string(), app.palette.source),
            ]));
        }
        if !draw_item(frame, inner, &mut y, lines, selected, &app.palette) {
            return;
        }
    }
}
