//! Reading state in the dashboard, driven by keys without a terminal: read marks, stars, the
//! `is:` filters, saving on each mark, restoring the last place, and what the user sees when the
//! state file is corrupt or cannot be written.

mod common;

use std::path::{Path, PathBuf};

use briefdeck::keys::{Action, Pane};
use briefdeck::state::Store;
use briefdeck::tui::App;
use briefdeck::tui::app::Overlay;
use common::{press, screen, seeds_app, type_str};
use ratatui::crossterm::event::KeyCode;

/// The seeds at `w`×`h` with reading state in `path`, as the binary starts them.
fn app_at(path: &Path, w: u16, h: u16) -> App {
    let mut app = App::with_store(
        briefdeck::library::seeds::bundled(),
        w,
        h,
        Store::open(path),
    );
    app.update(Action::Resize(w, h));
    app
}

fn temp_state() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("briefdeck").join("state.json");
    (dir, path)
}

fn doc_id(app: &App, doc: usize) -> String {
    app.corpus.documents[doc].id.clone()
}

fn takeaway_id(app: &App, doc: usize, t: usize) -> String {
    app.corpus.documents[doc].takeaways[t].id.clone()
}

fn filter(app: &mut App, query: &str) {
    press(app, KeyCode::Char('/'));
    press(app, KeyCode::Char('u'));
    app.update(Action::FilterClearInput);
    type_str(app, query);
    press(app, KeyCode::Enter);
}

fn listed(app: &App) -> Vec<usize> {
    app.results.docs.iter().map(|h| h.doc).collect()
}

#[test]
fn opening_a_document_marks_it_read_and_previewing_does_not() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('j'));
    assert!(!app.is_read(1), "moving the selection only previews");
    assert!(!screen(&app).contains("✓ "));
    press(&mut app, KeyCode::Enter);
    assert!(app.is_read(1));
    assert!(!app.is_read(0));
    assert!(
        screen(&app).contains("│✓ it · 2025-12-11"),
        "the ✓ sits in the list's gutter:\n{}",
        screen(&app)
    );
}

#[test]
fn showing_a_takeaways_source_marks_its_document_read() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.reader.active_takeaway, Some(1));
    assert!(app.is_read(0));
}

#[test]
fn s_stars_and_unstars_the_selected_takeaway() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('s'));
    assert!(app.is_starred(0, 1));
    assert_eq!(app.message.as_deref(), Some("★ starred takeaway 2/6"));
    let s = screen(&app);
    assert!(s.contains("▶ ★ 2/6 · key takeaway"), "{s}");
    assert!(s.contains("★ 1"), "the list counts the star:\n{s}");
    // From another pane, s still means the takeaway selected in the takeaways pane.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('s'));
    assert!(!app.is_starred(0, 1));
    assert_eq!(app.message.as_deref(), Some("unstarred takeaway 2/6"));
    assert!(!screen(&app).contains('★'));
    // Starring is not reading.
    assert!(!app.is_read(0));
}

#[test]
fn is_starred_selects_starred_takeaways_and_follows_each_toggle() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('s'));
    filter(&mut app, "is:starred");
    assert!(app.query_notes.is_empty(), "{:?}", app.query_notes);
    assert_eq!(listed(&app), vec![1]);
    let shown: Vec<usize> = app.shown_takeaways.iter().map(|s| s.takeaway).collect();
    assert_eq!(shown, vec![5], "only the starred takeaway");
    assert_eq!(app.results.takeaways.len(), 1);
    // Unstarring re-runs the query at once: nothing is starred any more.
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('s'));
    assert!(listed(&app).is_empty());
    assert!(screen(&app).contains("No document matches."));
    // And the negation: every takeaway, since none is starred.
    filter(&mut app, "!is:starred");
    assert_eq!(app.results.takeaways.len(), 12);
}

#[test]
fn is_unread_keeps_the_open_document_until_the_filter_changes() {
    let mut app = seeds_app(120, 40);
    filter(&mut app, "is:unread");
    assert_eq!(listed(&app), vec![0, 1]);
    press(&mut app, KeyCode::Enter);
    assert!(app.is_read(0));
    assert_eq!(
        listed(&app),
        vec![0, 1],
        "the document being read does not vanish from under the reader"
    );
    assert_eq!(app.reader.doc, Some(0));
    filter(&mut app, "is:unread");
    assert_eq!(listed(&app), vec![1]);
    filter(&mut app, "is:read");
    assert_eq!(listed(&app), vec![0]);
    filter(&mut app, "is:read | is:unread");
    assert_eq!(listed(&app), vec![0, 1]);
    filter(&mut app, "is:bogus");
    assert!(app.query_notes[0].contains("unknown flag"));
}

#[test]
fn every_mark_is_on_disk_when_the_key_returns() {
    let (_dir, path) = temp_state();
    let mut app = app_at(&path, 120, 40);
    assert!(!path.exists(), "nothing written before anything changed");
    press(&mut app, KeyCode::Enter);
    let disk = Store::open(&path);
    assert!(disk.state().is_read(&doc_id(&app, 0)));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('s'));
    let disk = Store::open(&path);
    assert!(disk.state().is_starred(&takeaway_id(&app, 0, 0)));
    assert!(app.state_alert.is_none());
    assert!(!app.store.is_dirty());
}

#[test]
fn the_last_place_is_restored_at_the_next_start() {
    let (_dir, path) = temp_state();
    let mut app = app_at(&path, 120, 40);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    for _ in 0..9 {
        press(&mut app, KeyCode::Char('j'));
    }
    let scroll = app.reader.scroll;
    assert_eq!(scroll, 9);
    assert_eq!(app.save_state(), None, "quit saves");

    let again = app_at(&path, 120, 40);
    assert_eq!(again.selected_doc(), Some(1));
    assert_eq!(again.reader.doc, Some(1));
    assert_eq!(again.reader.scroll, scroll);
    assert_eq!(again.focus, Pane::Reader);
    assert_eq!(again.message.as_deref(), Some("back where you left off"));
    assert!(screen(&again).contains("back where you left off"));

    // At another width the same text is on the top line, whose number differs.
    let top = |app: &App| {
        let w = app.wrapped().unwrap();
        w.lines[app.reader.scroll].clone()
    };
    let wide = top(&again);
    let narrow = app_at(&path, 100, 30);
    assert_eq!(narrow.reader.doc, Some(1));
    let line = top(&narrow);
    assert_eq!(line.source, wide.source);
    assert!(
        line.range.contains(&wide.range.start),
        "{line:?} holds the start of {wide:?}"
    );
    assert_ne!(narrow.reader.scroll, scroll);
}

#[test]
fn a_place_in_a_document_no_longer_loaded_is_ignored() {
    let (_dir, path) = temp_state();
    let mut store = Store::open(&path);
    store.set_place(briefdeck::state::Place {
        doc: "000000000000".into(),
        line: 40,
        ..Default::default()
    });
    store.save().unwrap();
    let app = app_at(&path, 120, 40);
    assert_eq!(app.selected_doc(), Some(0));
    assert_eq!(app.reader.scroll, 0);
    assert_eq!(app.focus, Pane::List);
    assert!(app.message.is_none());
}

#[test]
fn a_failed_write_is_shown_until_a_save_succeeds_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where the state folder should be: creating it fails, even for root.
    let blocker = dir.path().join("briefdeck");
    std::fs::write(&blocker, "not a folder").unwrap();
    let path = blocker.join("state.json");
    let mut app = app_at(&path, 120, 40);
    press(&mut app, KeyCode::Enter);
    let alert = app.state_alert.clone().expect("alert");
    assert!(
        alert.starts_with("reading state NOT saved: cannot create folder"),
        "{alert}"
    );
    assert!(app.is_read(0), "the mark stays in memory");
    assert!(app.store.is_dirty());
    let s = screen(&app);
    assert!(s.contains("reading state NOT saved"), "{s}");
    // The alert outlives the next keys, unlike a one-off message.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('k'));
    assert!(app.state_alert.is_some());

    // The disk is fixed; the next mark saves both.
    std::fs::remove_file(&blocker).unwrap();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('s'));
    assert!(app.state_alert.is_none(), "{:?}", app.state_alert);
    let disk = Store::open(&path);
    assert!(disk.state().is_read(&doc_id(&app, 0)));
    assert!(disk.state().is_starred(&takeaway_id(&app, 0, 0)));
}

#[test]
fn a_failed_save_at_quit_is_returned_for_printing() {
    let mut app = app_at(Path::new("/proc/briefdeck-no-such/state.json"), 120, 40);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    let err = app.save_state().expect("an error to print");
    assert!(err.contains("NOT saved"), "{err}");
}

#[test]
fn a_corrupt_file_is_moved_aside_with_a_notice_and_reading_goes_on() {
    let (dir, path) = temp_state();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "{\"read\": [\"abc\"").unwrap();
    let mut app = app_at(&path, 120, 40);
    assert!(!path.exists());
    let alert = app.state_alert.clone().expect("alert");
    assert!(alert.contains("! details"), "{alert}");
    assert!(screen(&app).contains("reading state: a problem"));
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.overlay, Some(Overlay::Notices));
    let s = screen(&app);
    assert!(s.contains("not a valid state file"), "{s}");
    press(&mut app, KeyCode::Esc);
    // Reading goes on, and the next mark writes a fresh file.
    press(&mut app, KeyCode::Enter);
    assert!(Store::open(&path).state().is_read(&doc_id(&app, 0)));
    assert!(app.state_alert.is_none());
    let aside = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("state.json.corrupt-")
        })
        .count();
    assert_eq!(aside, 1);
    drop(dir);
}

#[test]
fn two_windows_merge_and_an_unstar_is_not_undone_by_the_other() {
    let (_dir, path) = temp_state();
    let mut a = app_at(&path, 120, 40);
    let mut b = app_at(&path, 120, 40);
    // a stars the first takeaway; b, open since before, opens the second document.
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('s'));
    press(&mut b, KeyCode::Char('j'));
    press(&mut b, KeyCode::Enter);
    assert!(b.is_starred(0, 0), "b's save merged a's star");
    filter(&mut b, "is:starred");
    assert_eq!(listed(&b), vec![0], "and b's filter sees it");
    // a unstars; then b saves again, still holding the old star in memory.
    press(&mut a, KeyCode::Char('s'));
    filter(&mut b, "");
    press(&mut b, KeyCode::Char('1'));
    press(&mut b, KeyCode::Char('k'));
    press(&mut b, KeyCode::Enter);
    let disk = Store::open(&path);
    assert!(!disk.state().is_starred(&takeaway_id(&a, 0, 0)));
    assert!(disk.state().is_read(&doc_id(&a, 0)));
    assert!(disk.state().is_read(&doc_id(&a, 1)));
    assert!(!b.is_starred(0, 0), "b learned of the unstar");
}

#[test]
fn renamed_files_keep_their_marks() {
    let (dir, path) = temp_state();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let text = "A title about GCAP\n\nKey takeaways:\n- Japan and Italy build a fighter together.\n- The programme runs to 2035.\n";
    std::fs::write(docs.join("before.txt"), text).unwrap();
    let load = || {
        briefdeck::library::load_paths(std::slice::from_ref(&docs), &Default::default())
            .expect("loads")
    };
    let mut app = App::with_store(load(), 120, 40, Store::open(&path));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('s'));
    std::fs::rename(docs.join("before.txt"), docs.join("after.txt")).unwrap();
    let app = App::with_store(load(), 120, 40, Store::open(&path));
    assert!(app.corpus.documents[0].path.ends_with("after.txt"));
    assert!(app.is_read(0));
    assert!(app.is_starred(0, 0));
}
