//! The status line: what the filter leaves, a problem saving the reading state, the open
//! document's language and date, skipped files, query notes, and the keys that lead further.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;

/// Draws the status line into `area` (one row). The most useful facts come first, so narrow
/// terminals cut only the hints.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let r = &app.results;
    let sep = || Span::styled(" │ ", app.palette.dim);
    let mut spans = vec![Span::raw(format!(
        " {}/{} documents · {}/{} takeaways",
        r.docs.len(),
        r.total_docs,
        r.takeaways.len(),
        r.total_takeaways
    ))];
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
        spans.push(sep());
        spans.push(Span::styled(m.clone(), app.palette.warn));
    }
    for note in &app.query_notes {
        spans.push(sep());
        spans.push(Span::styled(note, app.palette.warn));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + 3);
    let hint = [
        "? help · / filter · t themes · Tab pane · q quit",
        "? help · / filter · Tab pane · q quit",
        "? help · q quit",
        "? help",
    ]
    .into_iter()
    .find(|h| h.width() <= room);
    if let Some(hint) = hint {
        spans.push(sep());
        spans.push(Span::styled(hint, app.palette.dim));
    }
    frame.render_widget(Line::from(spans), area);
}
