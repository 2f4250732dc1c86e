//! The dashboard's filter reaching into the documents' text (issue 14), driven by keys on the
//! bundled seeds: no title or takeaway names Taiwan, but the Italian article has a section on
//! it, so typing "taiwan" lists that article as a text match, after any title or takeaway
//! match, with its snippet; Enter puts the reader on its first hit and n/N move through them.

mod common;

use briefdeck::keys::Pane;
use briefdeck::tui::App;
use common::{press, screen, seeds_app, type_str};
use ratatui::crossterm::event::KeyCode;

fn indexed(w: u16, h: u16) -> App {
    let mut app = seeds_app(w, h);
    app.index_text_now();
    app
}

fn filter(app: &mut App, q: &str) {
    press(app, KeyCode::Char('/'));
    type_str(app, q);
    press(app, KeyCode::Enter);
}

fn lang_of_row(app: &App, i: usize) -> String {
    app.corpus.documents[app.results.docs[i].doc].lang.clone()
}

/// The text the reader's current match covers.
fn current_hit(app: &App) -> String {
    let doc = app.reader_doc().unwrap();
    let m = &app.reader.matches.as_ref().unwrap()[app.reader.current_match.unwrap()];
    doc.blocks[m.block].text[m.range.clone()].to_string()
}

#[test]
fn a_word_only_in_the_body_lists_the_document_as_a_text_match() {
    let mut app = indexed(120, 40);
    filter(&mut app, "taiwan");
    assert_eq!(app.results.matched_docs, 0, "no title or takeaway matches");
    assert_eq!(app.results.docs.len(), 1);
    assert_eq!(lang_of_row(&app, 0), "it");
    let row = app.text_row(0).expect("row 0 is a text match");
    assert!(row.score > 0.0);
    // The row on screen got its snippet while updating, never while drawing.
    let snippet = row.snippet.clone().flatten().expect("a snippet");
    assert_eq!(&snippet.text[snippet.hit.clone()], "Taiwan");
    let s = screen(&app);
    assert!(s.contains("≡ 1 in text"), "list title counts it:\n{s}");
    assert!(s.contains("≡ Dall’Ucraina a Taiwan"), "snippet line:\n{s}");
    assert!(
        s.contains("0/2 documents") && s.contains("1 in text"),
        "{s}"
    );
    // The reader previews it with the hits highlighted, counted as hits.
    assert!(app.reader.text_hits);
    assert!(s.contains("hits · n"), "{s}");
}

#[test]
fn text_matches_come_after_title_and_takeaway_matches() {
    let mut app = indexed(120, 40);
    // "ucraina" matches an English takeaway fuzzily ("Ukraine"); the Italian article only
    // in its text.
    filter(&mut app, "ucraina");
    assert_eq!(app.results.matched_docs, 1);
    assert_eq!(app.results.docs.len(), 2);
    assert_eq!(lang_of_row(&app, 0), "en");
    assert!(app.text_row(0).is_none());
    assert_eq!(lang_of_row(&app, 1), "it");
    assert!(app.text_row(1).is_some());
    assert!(
        !app.reader.text_hits,
        "the English match shows the filter's own matches"
    );
    press(&mut app, KeyCode::Char('j'));
    assert!(app.reader.text_hits);
    // A text match is taller by its snippet line: title lines, snippet, metadata, blank.
    let w = app.pane_inner(Pane::List).width;
    let title_lines = |i: usize| {
        let title = &app.corpus.documents[app.results.docs[i].doc].title;
        briefdeck::tui::wrap::wrap_ranges(title, usize::from(w) - 2).len()
    };
    assert_eq!(app.list_item_height(0, w), title_lines(0) + 2);
    assert_eq!(app.list_item_height(1, w), title_lines(1) + 3);
}

#[test]
fn enter_opens_a_text_match_on_its_first_hit_and_n_moves_through_them() {
    let mut app = indexed(120, 40);
    filter(&mut app, "taiwan");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Reader);
    assert_eq!(app.reader.current_match, Some(0));
    let hits = app.reader.matches.clone().unwrap();
    assert!(hits.len() >= 2, "{hits:?}");
    assert!(
        hits.windows(2)
            .all(|w| (w[0].block, w[0].range.start) < (w[1].block, w[1].range.start))
    );
    assert_eq!(current_hit(&app).to_lowercase(), "taiwan");
    let n = hits.len();
    assert_eq!(app.message.as_deref(), Some(format!("hit 1/{n}").as_str()));
    let line_of = |app: &App, i: usize| {
        let m = &hits[i];
        app.wrapped()
            .unwrap()
            .line_of(m.block, m.range.start)
            .unwrap()
    };
    let visible = |app: &App, line: usize| {
        let top = app.reader.scroll;
        line >= top && line < top + usize::from(app.pane_inner(Pane::Reader).height)
    };
    assert!(visible(&app, line_of(&app, 0)));
    let s = screen(&app);
    assert!(s.contains(&format!("hit 1/{n}")), "{s}");

    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.current_match, Some(1));
    assert_eq!(app.message.as_deref(), Some(format!("hit 2/{n}").as_str()));
    assert_eq!(current_hit(&app).to_lowercase(), "taiwan");
    assert!(visible(&app, line_of(&app, 1)));
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.reader.current_match, Some(0));
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.reader.current_match, Some(n - 1), "wraps to the last");
}

#[test]
fn field_terms_restrict_text_matches() {
    let mut app = indexed(120, 40);
    filter(&mut app, "lang:en taiwan");
    assert!(
        app.results.docs.is_empty(),
        "the Italian article is not English"
    );
    assert!(app.text.rows.is_empty());
    press(&mut app, KeyCode::Esc);
    filter(&mut app, "lang:it taiwan");
    assert_eq!(app.text.rows.len(), 1);
    press(&mut app, KeyCode::Esc);
    filter(&mut app, "taiwan !stretto");
    assert!(app.text.rows.is_empty(), "!word excludes by the text too");
}

#[test]
fn without_an_index_or_a_real_word_filtering_is_as_before() {
    // No index yet (the event loop builds it on a worker): fuzzy matching only.
    let mut app = seeds_app(120, 40);
    filter(&mut app, "taiwan");
    assert!(app.results.docs.is_empty());
    // The index arrives: the typed query gains its text match at once.
    app.index_text_now();
    assert_eq!(app.text.rows.len(), 1);
    assert_eq!(app.results.docs.len(), 1);
    // One letter is not looked for in the text.
    let mut app = indexed(120, 40);
    filter(&mut app, "ucraina");
    let before = app.results.docs.len();
    press(&mut app, KeyCode::Esc);
    filter(&mut app, "u");
    assert!(app.text.rows.is_empty());
    assert!(app.results.docs.len() >= before - 1);
}

#[test]
fn a_reload_drops_the_old_index_until_the_new_one_is_ready() {
    let mut app = indexed(120, 40);
    filter(&mut app, "taiwan");
    assert_eq!(app.text.rows.len(), 1);
    app.replace_corpus(briefdeck::library::seeds::bundled());
    assert!(app.text.index.is_none() && app.text.rows.is_empty());
    app.index_text_now();
    assert_eq!(app.text.rows.len(), 1);
}
