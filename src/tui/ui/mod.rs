//! Drawing: one function per pane, each reading `&App` only. Nothing here wraps whole
//! documents, searches or touches files, so a frame costs the same however long the text is.

mod filter_bar;
mod help;
pub mod layout;
mod links;
mod list;
pub mod loading;
mod reader;
mod status;
mod takeaways;
mod widgets;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub use help::{help_lines, overlay_line_count, overlay_rect};
use layout::Mode;

use super::app::{App, Overlay};

/// Draws the whole screen from `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let areas = layout::areas(area, app.focus, app.zoom);
    if areas.mode == Mode::TooSmall {
        let msg = Paragraph::new(vec![
            Line::from("Terminal too small"),
            Line::styled(
                format!("need {}×{}", layout::MIN_WIDTH, layout::MIN_HEIGHT),
                app.palette.dim,
            ),
        ])
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
        let y = area.height.saturating_sub(2) / 2;
        frame.render_widget(
            msg,
            Rect::new(area.x, area.y + y, area.width, area.height - y),
        );
        return;
    }
    if let Some(r) = areas.list {
        list::render(frame, r, app, areas.mode);
    }
    if let Some(r) = areas.reader {
        reader::render(frame, r, app, areas.mode);
    }
    if let Some(r) = areas.takeaways {
        takeaways::render(frame, r, app, areas.mode);
    }
    if let Some(r) = areas.links {
        links::render(frame, r, app, areas.mode);
    }
    if let Some(r) = areas.filter {
        filter_bar::render(frame, r, app);
    }
    if let Some(r) = areas.status {
        status::render(frame, r, app);
    }
    match app.overlay {
        Some(Overlay::Help) => help::render_help(frame, area, app),
        Some(Overlay::Notices) => help::render_notices(frame, area, app),
        Some(Overlay::Themes) => help::render_themes(frame, area, app),
        None => {}
    }
}
