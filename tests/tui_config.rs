//! The config's effect on the dashboard: remapped keys drive actions and show in the help,
//! NO_COLOR draws no colour at all, the light theme differs from the dark one, and the reader
//! keeps to the wrap width.

mod common;

use std::path::Path;

use briefdeck::config::{self, Config};
use briefdeck::keys::{Action, Pane};
use briefdeck::state::Store;
use briefdeck::tui::palette::ColorMode;
use briefdeck::tui::{App, Settings, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use common::buffer_text;

fn config(text: &str) -> Config {
    config::parse(text, Path::new("/tmp/briefdeck/config.toml")).unwrap_or_else(|e| panic!("{e}"))
}

fn app_with(text: &str, mode: ColorMode, w: u16, h: u16) -> App {
    let settings = Settings::from_config(&config(text), mode);
    let mut app = App::with_settings(
        briefdeck::library::seeds::bundled(),
        w,
        h,
        Store::in_memory(),
        &settings,
    );
    app.update(Action::Resize(w, h));
    app
}

fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Option<Action> {
    let action = app.map_key(KeyEvent::new(code, mods));
    if let Some(a) = action {
        app.update(a);
    }
    action
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The part of the help line describing `help`, up to the description.
fn help_keys<'a>(screen: &'a str, help: &str) -> &'a str {
    let line = screen
        .lines()
        .find(|l| l.contains(help))
        .unwrap_or_else(|| panic!("no `{help}` in\n{screen}"));
    &line[..line.find(help).unwrap()]
}

const REMAP: &str = r#"
[keys.panes]
"f1" = "toggle_help"
"?" = "none"
"ctrl-n" = "down"
"j" = "none"
"#;

#[test]
fn remapped_keys_drive_actions_and_show_in_the_help() {
    let mut app = app_with(REMAP, ColorMode::Indexed, 200, 90);
    // The old keys do nothing now; the new ones do what they were bound to.
    assert_eq!(
        press(&mut app, KeyCode::Char('?'), KeyModifiers::NONE),
        None
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('j'), KeyModifiers::NONE),
        None
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL),
        Some(Action::Down)
    );
    assert_eq!(app.list.selected, 1, "ctrl-n moved the selection");
    assert_eq!(
        press(&mut app, KeyCode::F(1), KeyModifiers::NONE),
        Some(Action::ToggleHelp)
    );
    let screen = buffer_text(&draw(&app));
    assert!(screen.contains("Keys"), "{screen}");
    let keys = help_keys(&screen, "this help");
    assert!(
        keys.contains("F1") && keys.contains("toggle_help"),
        "{keys:?}"
    );
    assert!(!keys.contains('?'), "{keys:?}");
    let keys = help_keys(&screen, "down one row or line");
    assert!(keys.contains("↓ Ctrl-n"), "{keys:?}");
    assert!(!keys.contains('j'), "{keys:?}");
    // The status line's hint names the key in force too.
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("F1 help ·") && !status.contains("? help"),
        "{status}"
    );

    // The same help with the default keymap shows the default keys: the check can fail.
    let mut plain = app_with("", ColorMode::Indexed, 200, 90);
    press(&mut plain, KeyCode::Char('?'), KeyModifiers::NONE);
    let screen = buffer_text(&draw(&plain));
    assert!(help_keys(&screen, "this help").contains('?'));
    assert!(help_keys(&screen, "down one row or line").contains("j ↓"));
}

#[test]
fn a_key_bound_to_an_action_new_to_its_scope_gets_a_help_row() {
    let mut app = app_with(
        "[keys.reader]\n\"x\" = \"toggle_zoom\"\n",
        ColorMode::Indexed,
        200,
        90,
    );
    press(&mut app, KeyCode::Char('2'), KeyModifiers::NONE);
    assert_eq!(app.focus, Pane::Reader);
    assert_eq!(
        press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE),
        Some(Action::ToggleZoom)
    );
    assert!(app.zoom);
    press(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
    let screen = buffer_text(&draw(&app));
    let reader = &screen[screen.find("Reader\n").or(screen.find("│Reader")).unwrap()..];
    assert!(reader.contains("toggle_zoom"), "{screen}");
}

fn colours_in(buf: &Buffer) -> usize {
    buf.content
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .count()
}

fn has_modifier(buf: &Buffer, m: Modifier) -> bool {
    buf.content.iter().any(|c| c.modifier.contains(m))
}

#[test]
fn no_color_draws_no_colour_but_keeps_selection_and_matches_visible() {
    for mode in [ColorMode::None, ColorMode::Indexed] {
        let mut app = app_with("", mode, 120, 40);
        // A filter with reader matches, the reader open, then the help over it all.
        press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
        for c in "italy".chars() {
            press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
        }
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
        let panes = draw(&app);
        press(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
        let help = draw(&app);
        if mode == ColorMode::None {
            assert_eq!(colours_in(&panes), 0);
            assert_eq!(colours_in(&help), 0);
            assert!(
                has_modifier(&panes, Modifier::REVERSED),
                "selection and matches must still show"
            );
        } else {
            assert!(colours_in(&panes) > 0);
            assert!(colours_in(&help) > 0);
        }
    }
}

#[test]
fn light_theme_differs_from_dark_in_colour_only() {
    let dark = draw(&app_with("", ColorMode::Indexed, 120, 40));
    let light = draw(&app_with(
        "[colors]\ntheme = \"light\"\n",
        ColorMode::Indexed,
        120,
        40,
    ));
    assert_eq!(buffer_text(&dark), buffer_text(&light));
    assert_ne!(dark, light);
    // A role override shows where that role is drawn: the focused border.
    let yellow = draw(&app_with(
        "[colors]\naccent = \"#ffaa00\"\n",
        ColorMode::Indexed,
        120,
        40,
    ));
    assert!(yellow.content.iter().any(|c| c.fg == Color::Indexed(214)));
    let truecolor = draw(&app_with(
        "[colors]\naccent = \"#ffaa00\"\n",
        ColorMode::TrueColor,
        120,
        40,
    ));
    assert!(
        truecolor
            .content
            .iter()
            .any(|c| c.fg == Color::Rgb(0xff, 0xaa, 0))
    );
}

#[test]
fn the_reader_wraps_at_the_configured_width() {
    let widest = |app: &App| {
        let w = app.wrapped().expect("laid out");
        (
            w.width,
            w.lines.iter().map(|l| l.range.len()).max().unwrap_or(0),
        )
    };
    let mut wide = app_with("", ColorMode::Indexed, 200, 40);
    let mut narrow = app_with("[ui]\nwrap_width = 40\n", ColorMode::Indexed, 200, 40);
    for app in [&mut wide, &mut narrow] {
        press(app, KeyCode::Enter, KeyModifiers::NONE);
    }
    let (w, longest) = widest(&wide);
    assert!(w > 40 && longest > 40, "{w} {longest}");
    let (w, _) = widest(&narrow);
    assert_eq!(w, 40);
    // A pane narrower than the limit wraps at the pane's width.
    let mut small = app_with("[ui]\nwrap_width = 500\n", ColorMode::Indexed, 120, 40);
    press(&mut small, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        small.wrapped().unwrap().width,
        small.pane_inner(Pane::Reader).width
    );
}
