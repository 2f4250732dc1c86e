//! The status line: what the filter leaves, a problem saving the reading state, the open
//! document's language and date, skipped files, query notes, and the keys that lead further.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use crate::keys::Action;
use crate::keys::Scope;
use crate::tui::app::App;

/// Draws the status line into `area` (one row). The most useful facts come first, so narrow
/// terminals cut only the hints; a message too long to fit after them goes first.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let r = &app.results;
    let sep = || Span::styled(" │ ", app.palette.dim);
    let ge = super::list::at_least(app);
    let mut counts = format!(
        " {ge}{}/{} documents · {ge}{}/{} takeaways",
        r.matched_docs, r.total_docs, r.matched_takeaways, r.total_takeaways
    );
    if !app.text.rows.is_empty() {
        counts.push_str(&format!(" · {} in text", app.text.rows.len()));
    } else if app.text.filter.is_some() && app.text.is_pending() {
        // Typed words are looked for in the text once the index is ready.
        counts.push_str(" · indexing text…");
    }
    let mut spans = vec![Span::raw(counts)];
    // A state file that cannot be written matters more than anything after it.
    if let Some(alert) = &app.state_alert {
        spans.push(sep());
        spans.push(Span::styled(alert.clone(), app.palette.error));
    }
    if let Some(doc) = app.reader_doc() {
        spans.push(sep());
        let date = doc
            .date
            .map_or_else(|| "no date".to_string(), |d| d.to_iso());
        spans.push(Span::raw(format!("{} · {date}", doc.lang)));
    }
    let skipped = app.skipped();
    if skipped > 0 {
        spans.push(sep());
        spans.push(Span::styled(
            format!("{skipped} skipped (! details)"),
            app.palette.warn,
        ));
    }
    if let Some(m) = &app.message {
        let message = Span::styled(m.clone(), app.palette.warn);
        let used: usize = spans.iter().map(Span::width).sum();
        if used + 3 + message.width() <= usize::from(area.width) {
            spans.push(sep());
            spans.push(message);
        } else {
            // The message answers the key just pressed (an export's file path, a failed
            // pager) and is gone at the next one, so it goes first rather than be cut; the
            // counts come back with the next key.
            spans.insert(0, Span::raw(" "));
            spans.insert(1, message);
            // The counts open with a space of their own.
            spans.insert(2, Span::styled(" │", app.palette.dim));
        }
    }
    for note in &app.query_notes {
        spans.push(sep());
        spans.push(Span::styled(note, app.palette.warn));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + 3);
    // Hints name the keys in force, so a remapped key is what the status line suggests.
    let label = |action, what: &str| {
        app.keymap
            .first_key_label(Scope::Panes, action)
            .map(|k| format!("{k} {what}"))
    };
    let help = label(Action::ToggleHelp, "help");
    let filter = label(Action::FilterStart, "filter");
    let themes = label(Action::ToggleThemes, "themes");
    let pane = label(Action::FocusNext, "pane");
    let quit = label(Action::Quit, "quit");
    let join = |parts: &[&Option<String>]| {
        parts
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let hint = [
        join(&[&help, &filter, &themes, &pane, &quit]),
        join(&[&help, &filter, &pane, &quit]),
        join(&[&help, &quit]),
        join(&[&help]),
    ]
    .into_iter()
    .find(|h| !h.is_empty() && h.width() <= room);
    if let Some(hint) = hint {
        spans.push(sep());
        spans.push(Span::styled(hint, app.palette.dim));
    }
    frame.render_widget(Line::from(spans), area);
}
