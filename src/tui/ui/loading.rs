//! The screen shown while a corpus loads: what is happening, how far along, and how to quit.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Gauge, Paragraph};

use super::layout;
use crate::library::progress::{Phase, Snapshot};
use crate::tui::palette::Palette;

/// The gauge's caption: counts while reading, what is being done otherwise.
pub fn caption(s: &Snapshot) -> String {
    match s.phase {
        Phase::Walking => format!("finding files: {} found", s.found),
        Phase::Parsing if s.reused > 0 => format!(
            "reading {} / {} files ({} from the index)",
            s.done, s.total, s.reused
        ),
        Phase::Parsing => format!("reading {} / {} files", s.done, s.total),
        Phase::Linking => format!("linking takeaways across {} files", s.total),
        Phase::Saving => "saving the index".to_string(),
        Phase::Done => "done".to_string(),
    }
}

/// Draws the loading screen for progress `s` over the whole frame, in the default colours.
pub fn draw(frame: &mut Frame, s: &Snapshot) {
    draw_with(frame, s, &Palette::default());
}

/// Draws the loading screen for progress `s` with the user's `palette`.
pub fn draw_with(frame: &mut Frame, s: &Snapshot, palette: &Palette) {
    let area = frame.area();
    let text = caption(s);
    if area.width < layout::MIN_WIDTH || area.height < 5 {
        let line = Line::from(format!("loading: {text}"));
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let popup = layout::centered(area, 64.min(area.width), 5);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(palette.focus_border)
        .title(Line::styled(
            " Loading briefings ",
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Line::styled(" q quit ", palette.dim).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [bar, label] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(Rect {
        y: inner.y + u16::from(inner.height > 2),
        ..inner
    });
    frame.render_widget(
        Gauge::default()
            .gauge_style(palette.source)
            .ratio(s.ratio())
            .label(format!("{:.0}%", s.ratio() * 100.0)),
        bar,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(text, palette.dim)).alignment(Alignment::Center),
        label,
    );
}
