//! The dashboard's `e`: the filtered view exported to a Markdown file without a terminal, as
//! the event loop's export effect does it.

mod common;

use std::fs;
use std::path::PathBuf;

use briefdeck::export::Stamp;
use briefdeck::tui::Effect;
use briefdeck::tui::export::{export_to_first, export_view_at};
use common::{press, screen, seeds_app, type_str};
use ratatui::crossterm::event::KeyCode;

const ENGLISH_TITLE: &str = "Italy is seeking to anchor its role through key partnerships";
const ITALIAN_TITLE: &str = "Italia e Giappone rafforzano l’alleanza strategica";

fn filtered_to_italian() -> briefdeck::tui::App {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "lang:it");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.results.docs.len(), 1);
    app
}

#[test]
fn e_leaves_the_export_to_the_event_loop() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.effect, Some(Effect::Export));
}

#[test]
fn export_writes_only_the_filtered_documents_and_names_the_file() {
    let mut app = filtered_to_italian();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("exports");
    export_to_first(&mut app, std::slice::from_ref(&dir));

    let files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(
        name.starts_with("briefdeck-export-") && name.ends_with(".md"),
        "{name}"
    );
    let message = app.message.clone().expect("status line says where");
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert!(file.is_absolute());

    let md = fs::read_to_string(file).unwrap();
    assert!(
        md.starts_with("# Briefing export: query `lang:it` ("),
        "{md}"
    );
    assert!(md.contains(&format!("\n## {ITALIAN_TITLE}")), "{md}");
    assert!(!md.contains(&format!("\n## {ENGLISH_TITLE}")), "{md}");
    // All six Italian takeaways, as the takeaways pane lists them.
    assert_eq!(
        md.lines().filter(|l| l.starts_with("- ")).count(),
        6,
        "{md}"
    );
    // Links to the English document are named even though it is not exported.
    assert!(md.contains("  - See also: *Italy is seeking"), "{md}");
}

#[test]
fn an_export_never_replaces_an_existing_file() {
    let app = filtered_to_italian();
    let tmp = tempfile::tempdir().unwrap();
    let at = Stamp::utc(1_709_210_096);
    let first = export_view_at(&app, tmp.path(), at).unwrap();
    assert_eq!(
        first.file_name().unwrap(),
        "briefdeck-export-20240229-123456.md"
    );
    fs::write(&first, "mine").unwrap();
    let second = export_view_at(&app, tmp.path(), at).unwrap();
    assert_eq!(
        second.file_name().unwrap(),
        "briefdeck-export-20240229-123456-2.md"
    );
    assert_eq!(fs::read_to_string(&first).unwrap(), "mine");
}

#[test]
fn an_unwritable_folder_falls_back_and_a_failure_is_only_a_message() {
    let mut app = filtered_to_italian();
    let tmp = tempfile::tempdir().unwrap();
    // A file where a folder should be: neither created nor written into.
    let blocked = tmp.path().join("blocked");
    fs::write(&blocked, "").unwrap();
    let fallback = tmp.path().join("data").join("exports");
    export_to_first(&mut app, &[blocked.clone(), fallback.clone()]);
    assert!(
        app.message.as_deref().unwrap().contains("data/exports/"),
        "{:?}",
        app.message
    );
    assert_eq!(fs::read_dir(&fallback).unwrap().count(), 1);

    export_to_first(&mut app, &[blocked]);
    let message = app.message.as_deref().unwrap();
    assert!(
        message.starts_with("export failed: cannot write in "),
        "{message}"
    );
    assert!(message.contains("blocked"), "{message}");
}

#[test]
fn the_status_line_shows_the_whole_path_of_the_export() {
    let mut app = filtered_to_italian();
    app.update(briefdeck::keys::Action::Focus(
        briefdeck::keys::Pane::Reader,
    ));
    // A folder path as long as a real one under a home folder.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("home/alice/Documents/briefings/weekly");
    export_to_first(&mut app, std::slice::from_ref(&dir));
    let message = app.message.clone().unwrap();
    assert!(message.len() < 118, "{message}");
    let shown = screen(&app);
    let status = shown.lines().last().unwrap();
    assert!(status.contains(&message), "{status}\n{message}");
}
