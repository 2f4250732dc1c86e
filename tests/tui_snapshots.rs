//! Whole-screen snapshots of the dashboard on the bundled seeds, as plain text, at the three
//! layouts (wide, medium, narrow). Each was read by eye before being accepted.

mod common;

use common::{press, screen, seeds_app, type_str};
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 3] = [(120, 40), (100, 30), (60, 20)];

fn check(name: &str, setup: impl Fn(&mut briefdeck::tui::App)) {
    for (w, h) in SIZES {
        let mut app = seeds_app(w, h);
        setup(&mut app);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

#[test]
fn initial_screen() {
    check("initial", |_| {});
}

#[test]
fn document_open() {
    // The Italian seed: it has a byline, a date and section headings.
    check("open", |app| {
        press(app, KeyCode::Char('j'));
        press(app, KeyCode::Enter);
    });
}

#[test]
fn filter_gcap_typed() {
    check("filter_gcap", |app| {
        press(app, KeyCode::Char('/'));
        type_str(app, "gcap");
    });
}

#[test]
fn help_overlay() {
    check("help", |app| press(app, KeyCode::Char('?')));
}
