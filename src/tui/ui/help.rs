//! The pop-ups: the key reference, generated from the keymap table, and the loading notices.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::layout;
use crate::keys::{HelpRow, Scope};
use crate::library::NoticeKind;
use crate::tui::app::{App, Overlay};
use crate::tui::wrap::wrap_ranges;

fn section_lines(app: &App, scopes: &[Scope], extra: &[&'static str]) -> Vec<Line<'static>> {
    let rows = app.keymap.help_rows(scopes);
    let (mut key_width, mut name_width) = (0, 0);
    for r in &rows {
        if let HelpRow::Binding { keys, name, .. } = r {
            key_width = key_width.max(keys.width());
            name_width = name_width.max(name.width());
        }
    }
    let p = &app.palette;
    let mut lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|row| match row {
            HelpRow::Title(t) => Line::styled(t, Style::new().add_modifier(Modifier::BOLD)),
            // The action's name, to write in the config file's [keys.*] tables.
            HelpRow::Binding { keys, name, help } => Line::from(vec![
                Span::styled(format!("  {keys:<key_width$}  "), p.key),
                Span::styled(format!("{name:<name_width$}  "), p.dim),
                Span::raw(help),
            ]),
        })
        .collect();
    for e in extra {
        lines.push(Line::styled(*e, p.dim));
    }
    lines
}

/// The help's lines, straight from the keymap in force: two columns when `width` allows, else
/// one.
pub fn help_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let left = section_lines(
        app,
        &[Scope::Panes, Scope::Reader],
        &[
            "",
            "Mouse: the wheel scrolls the pane under it;",
            "a click selects a row.",
        ],
    );
    let right = section_lines(
        app,
        &[Scope::Filter, Scope::Overlay],
        &[
            "",
            "Query: words must all match (fuzzy);",
            "'word exact · !word not · ^word starts",
            "a | b either · lang:it · #theme",
            "is:read · is:unread · is:starred",
            "≡ rows match in the text only (words",
            "of 2+ letters): Enter opens the first hit",
            "",
            "Keys are set in [keys.*] of the config file",
            "by the names in the second column",
            "(`briefdeck config` prints them all).",
        ],
    );
    let lw = left.iter().map(Line::width).max().unwrap_or(0);
    let rw = right.iter().map(Line::width).max().unwrap_or(0);
    let gap = 4;
    if usize::from(width) < lw + gap + rw {
        let mut all = left;
        all.push(Line::default());
        all.extend(right);
        return all;
    }
    let n = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    (0..n)
        .map(|_| {
            let l = left.next().unwrap_or_default();
            let pad = " ".repeat(lw + gap - l.width());
            let mut spans = l.spans;
            spans.push(Span::raw(pad));
            if let Some(r) = right.next() {
                let st = r.style;
                spans.extend(r.spans.into_iter().map(|s| s.patch_style(st)));
            }
            Line::from(spans)
        })
        .collect()
}

fn notice_lines(app: &App, width: usize) -> Vec<Line<'_>> {
    if app.corpus.notices.is_empty() {
        return vec![Line::styled("No file was skipped.", app.palette.dim)];
    }
    let mut lines = Vec::new();
    for n in &app.corpus.notices {
        let s = if n.kind == NoticeKind::Skipped {
            app.palette.warn
        } else {
            Style::new()
        };
        let text = n.to_string();
        for r in wrap_ranges(&text, width) {
            lines.push(Line::styled(text[r].to_string(), s));
        }
    }
    lines
}

/// One line per theme: label, id, and document / takeaway counts; the selected one marked.
fn theme_lines(app: &App) -> Vec<Line<'_>> {
    if app.theme_rows.is_empty() {
        return vec![Line::styled(
            "No themes in these briefings.",
            app.palette.dim,
        )];
    }
    let label_w = app
        .theme_rows
        .iter()
        .map(|r| r.label.width())
        .max()
        .unwrap_or(0);
    let id_w = app
        .theme_rows
        .iter()
        .map(|r| r.id.width() + 1)
        .max()
        .unwrap_or(0);
    app.theme_rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let selected = i == app.theme_selected;
            let line = Line::from(vec![
                Span::raw(if selected { "▶ " } else { "  " }),
                Span::raw(format!("{:<label_w$}  ", r.label)),
                Span::styled(
                    format!("{:<id_w$}  ", format!("#{}", r.id)),
                    app.palette.chip,
                ),
                Span::styled(
                    format!(
                        "{:>4} {:<4} {:>5} {}",
                        r.documents,
                        if r.documents == 1 { "doc" } else { "docs" },
                        r.takeaways,
                        if r.takeaways == 1 {
                            "takeaway"
                        } else {
                            "takeaways"
                        }
                    ),
                    app.palette.dim,
                ),
            ]);
            if selected {
                line.style(app.palette.selected)
            } else {
                line
            }
        })
        .collect()
}

/// Widest a notices pop-up gets, so long paths wrap instead of stretching across wide screens.
const NOTICES_MAX_WIDTH: u16 = 100;

/// The open pop-up's rectangle on the screen `area`, sized to its content. Shared with
/// `update`, which bounds scrolling by it.
pub fn overlay_rect(app: &App, area: Rect) -> Rect {
    let max_w = area.width.saturating_sub(4);
    let max_h = area.height.saturating_sub(2);
    let widest = |lines: &[Line]| lines.iter().map(Line::width).max().unwrap_or(0);
    let (w, h) = match app.overlay {
        Some(Overlay::Help) => {
            let lines = help_lines(app, max_w.saturating_sub(2));
            (widest(&lines), lines.len())
        }
        Some(Overlay::Notices) => {
            let inner = max_w.min(NOTICES_MAX_WIDTH).saturating_sub(2);
            let lines = notice_lines(app, usize::from(inner));
            (widest(&lines).max(40), lines.len())
        }
        Some(Overlay::Themes) => {
            let lines = theme_lines(app);
            (widest(&lines).max(40), lines.len())
        }
        None => (0, 0),
    };
    let w = u16::try_from(w + 2).unwrap_or(u16::MAX).min(max_w);
    let h = u16::try_from(h + 2).unwrap_or(u16::MAX).min(max_h);
    layout::centered(area, w, h)
}

/// Lines in the open pop-up when drawn in `popup`.
pub fn overlay_line_count(app: &App, popup: Rect) -> usize {
    let inner = popup.width.saturating_sub(2);
    match app.overlay {
        Some(Overlay::Help) => help_lines(app, inner).len(),
        Some(Overlay::Notices) => notice_lines(app, usize::from(inner)).len(),
        Some(Overlay::Themes) => theme_lines(app).len(),
        None => 0,
    }
}

fn popup_frame(frame: &mut Frame, popup: Rect, title: &str, app: &App, total: usize) -> Rect {
    frame.render_widget(Clear, popup);
    let visible = usize::from(popup.height.saturating_sub(2));
    let hint = if total > visible {
        let first = app.overlay_scroll + 1;
        let last = (app.overlay_scroll + visible).min(total);
        format!(" {first}-{last}/{total} · j/k scroll · Esc close ")
    } else {
        " Esc close ".to_string()
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.palette.focus_border)
        .title(Span::styled(
            format!(" {title} "),
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Line::styled(hint, app.palette.dim).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    inner
}

/// Draws the key reference over the screen `area`.
pub fn render_help(frame: &mut Frame, area: Rect, app: &App) {
    let popup = overlay_rect(app, area);
    let lines = help_lines(app, popup.width.saturating_sub(2));
    let inner = popup_frame(frame, popup, "Keys", app, lines.len());
    let scroll = u16::try_from(app.overlay_scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// Draws the loading notices over the screen `area`.
pub fn render_notices(frame: &mut Frame, area: Rect, app: &App) {
    let popup = overlay_rect(app, area);
    let lines = notice_lines(app, usize::from(popup.width.saturating_sub(2)));
    let feeds = app
        .corpus
        .notices
        .iter()
        .filter(|n| n.path.starts_with(crate::tui::fetching::FEED_NOTICE_PREFIX))
        .count();
    let title = if feeds == 0 {
        format!("Skipped files: {}", app.skipped())
    } else {
        format!("Skipped files: {} · failed feeds: {feeds}", app.skipped())
    };
    let inner = popup_frame(frame, popup, &title, app, lines.len());
    let scroll = u16::try_from(app.overlay_scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// Draws the themes pop-up over the screen `area`.
pub fn render_themes(frame: &mut Frame, area: Rect, app: &App) {
    let popup = overlay_rect(app, area);
    let lines = theme_lines(app);
    let title = format!("Themes: {} · Enter filters", app.theme_rows.len());
    let inner = popup_frame(frame, popup, &title, app, lines.len());
    let scroll = u16::try_from(app.overlay_scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
