//! The one-line filter bar: the query being typed, with a cursor, or a hint of the syntax.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::widgets::fit;
use crate::tui::app::App;

/// Draws the filter bar into `area` (one row).
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let f = &app.filter;
    let prompt_style = if f.editing {
        app.palette.warn.add_modifier(Modifier::BOLD)
    } else {
        app.palette.dim
    };
    let mut spans = vec![Span::styled("/ ", prompt_style)];
    if f.input.is_empty() && !f.editing {
        let full = "filter: words · 'exact · !not · ^start · a | b · lang:it · #theme";
        let hint = if full.width() + 2 <= usize::from(area.width) {
            full
        } else {
            "filter (? for the syntax)"
        };
        spans.push(Span::styled(hint, app.palette.dim));
        frame.render_widget(Line::from(spans), area);
        return;
    }
    // Scroll the text sideways so the cursor stays on screen.
    let room = usize::from(area.width).saturating_sub(3);
    let before = &f.input[..f.cursor];
    let mut start = 0;
    while before[start..].width() > room {
        start += before[start..].chars().next().map_or(1, char::len_utf8);
    }
    let shown = &f.input[start..];
    let shown = &shown[..fit(shown, room + 1)];
    spans.push(Span::styled(
        shown,
        Style::new().add_modifier(Modifier::BOLD),
    ));
    if !f.editing {
        spans.push(Span::styled("   Esc clears · / edits", app.palette.dim));
    }
    frame.render_widget(Line::from(spans), area);
    if f.editing {
        let x = area.x + 2 + before[start..].width() as u16;
        if x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}
