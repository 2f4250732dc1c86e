//! Helpers shared by the dashboard tests: drive the app with keys and render it to plain text.

#![allow(dead_code)]

use briefdeck::tui::{App, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The dashboard on the bundled seeds at `w`×`h`, ready to draw.
pub fn seeds_app(w: u16, h: u16) -> App {
    let mut app = App::new(briefdeck::library::seeds::bundled(), w, h);
    app.update(briefdeck::keys::Action::Resize(w, h));
    app
}

/// Feeds one key through the app's keymap and update, as the event loop does.
pub fn press(app: &mut App, code: KeyCode) {
    press_mod(app, code, KeyModifiers::NONE);
}

/// Like [`press`] with modifiers.
pub fn press_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(a) = app.map_key(KeyEvent::new(code, mods)) {
        app.update(a);
    }
}

/// Types each character of `s` as a key press.
pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Renders `app` at its size and returns the screen as text lines (no styles), trailing
/// spaces trimmed.
pub fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(|f| ui::draw(f, app)).expect("draw");
    buffer_text(terminal.backend().buffer())
}

/// Plain text of a buffer, skipping the cells hidden behind wide characters.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
