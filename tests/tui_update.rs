//! The dashboard driven by keys, mouse and actions without a terminal: each test states what a
//! user does and what the state must then be.

mod common;

use briefdeck::keys::{Action, Pane};
use briefdeck::tui::App;
use briefdeck::tui::app::Overlay;
use briefdeck::tui::ui::layout::Mode;
use common::{press, press_mod, seeds_app, type_str};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn reader_height(app: &App) -> usize {
    usize::from(app.pane_inner(Pane::Reader).height)
}

fn line_visible(app: &App, line: usize) -> bool {
    let top = app.reader.scroll;
    line >= top && line < top + reader_height(app)
}

#[test]
fn starts_on_the_list_with_the_first_document_previewed() {
    let app = seeds_app(120, 40);
    assert_eq!(app.focus, Pane::List);
    assert_eq!(app.results.docs.len(), 2);
    assert_eq!(app.reader.doc, Some(app.results.docs[0].doc));
    assert_eq!(app.shown_takeaways.len(), 6);
    assert!(
        app.wrapped().is_some(),
        "reader layout computed by update, not render"
    );
}

#[test]
fn moving_in_the_list_changes_reader_and_takeaways() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.list.selected, 1);
    assert_eq!(app.reader_doc().unwrap().lang, "it");
    // Five extracted takeaways and the "In sintesi" bottom line.
    assert_eq!(app.shown_takeaways.len(), 6);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.list.selected, 1, "stops at the last row");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.list.selected, 0);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.list.selected, 1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Reader);
}

#[test]
fn focus_cycles_and_jumps() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Reader);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Takeaways);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Links);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::List);
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus, Pane::Links);
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus, Pane::Takeaways);
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.focus, Pane::Links);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.focus, Pane::Reader);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn narrow_terminals_show_one_pane_switched_by_number() {
    let mut app = seeds_app(60, 20);
    assert_eq!(app.areas().mode, Mode::Narrow);
    assert!(app.areas().list.is_some() && app.areas().reader.is_none());
    press(&mut app, KeyCode::Char('2'));
    assert!(app.areas().reader.is_some() && app.areas().list.is_none());
    press(&mut app, KeyCode::Char('4'));
    assert!(app.areas().links.is_some() && app.areas().takeaways.is_none());
    press(&mut app, KeyCode::Char('3'));
    assert!(app.areas().takeaways.is_some());
    // Jumping to a takeaway's source shows the reader, since it would be hidden otherwise.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Reader);
}

#[test]
fn typing_a_filter_narrows_live_and_escape_clears_it() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    assert!(app.filter.editing);
    type_str(&mut app, "gcaq");
    assert!(app.results.docs.is_empty());
    assert_eq!(app.reader.doc, None);
    press(&mut app, KeyCode::Backspace);
    type_str(&mut app, "p");
    assert_eq!(app.filter.input, "gcap");
    // One takeaway in each seed names GCAP (the Italian one is extracted), so both
    // documents stay and each shows just that takeaway.
    assert_eq!(app.results.docs.len(), 2);
    assert_eq!(app.results.takeaways.len(), 2);
    assert_eq!(app.shown_takeaways.len(), 1);
    // 'q' was text, not quit.
    assert!(!app.quit);
    press(&mut app, KeyCode::Enter);
    assert!(!app.filter.editing);
    assert_eq!(app.results.takeaways.len(), 2, "Enter keeps the filter");
    press(&mut app, KeyCode::Esc);
    assert!(app.filter.input.is_empty());
    assert_eq!(app.results.takeaways.len(), 12);

    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "gcap");
    press(&mut app, KeyCode::Esc);
    assert!(!app.filter.editing);
    assert_eq!(app.results.takeaways.len(), 12, "Esc in the bar clears too");
}

#[test]
fn filter_cursor_edits_in_place() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "cità");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    type_str(&mut app, "t");
    assert_eq!(app.filter.input, "città");
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Delete);
    assert_eq!(app.filter.input, "ittà");
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(app.filter.input.is_empty() && app.filter.editing);
}

#[test]
fn field_terms_and_notes() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "lang:it");
    assert_eq!(app.results.docs.len(), 1);
    assert_eq!(app.reader_doc().unwrap().lang, "it");
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_str(&mut app, "#difesa");
    assert!(app.results.docs.is_empty());
    assert!(!app.query.notes().is_empty());
}

#[test]
fn the_selected_document_survives_filtering_when_it_still_matches() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('j'));
    let it = app.selected_doc();
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "roma");
    assert_eq!(app.selected_doc(), it);
}

#[test]
fn reader_scrolls_within_bounds() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.reader.scroll, 1);
    press(&mut app, KeyCode::Char('G'));
    let total = app.wrapped().unwrap().lines.len();
    assert_eq!(app.reader.scroll, total - reader_height(&app));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.reader.scroll, total - reader_height(&app));
    press_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(app.reader.scroll < total - reader_height(&app));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.reader.scroll, 0);
}

#[test]
fn brackets_jump_between_headings() {
    let mut app = seeds_app(100, 30);
    press(&mut app, KeyCode::Char('j')); // the Italian seed has several headings
    press(&mut app, KeyCode::Enter);
    let headings = app.wrapped().unwrap().headings.clone();
    assert!(headings.len() >= 3);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.reader.scroll, headings[0]);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.reader.scroll, headings[1]);
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.reader.scroll, headings[0]);
}

#[test]
fn enter_on_a_takeaway_shows_and_highlights_its_source() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('G'));
    let t = app.shown_takeaways[app.takeaways.selected].takeaway;
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.reader.active_takeaway, Some(t));
    let anchor = app.reader_doc().unwrap().takeaways[t].anchor.clone();
    let line = app
        .wrapped()
        .unwrap()
        .line_of(anchor.block, anchor.range.start)
        .unwrap();
    assert!(line_visible(&app, line), "source line {line} on screen");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.reader.active_takeaway, None);
}

#[test]
fn n_and_shift_n_step_through_query_matches() {
    let mut app = seeds_app(100, 30);
    press(&mut app, KeyCode::Char('n'));
    assert!(app.message.is_some(), "says there is no query");
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "japan");
    press(&mut app, KeyCode::Enter);
    let n = app.reader.matches.as_ref().unwrap().len();
    assert!(n >= 3, "{n} matches");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.current_match, Some(0));
    for _ in 0..n - 1 {
        press(&mut app, KeyCode::Char('n'));
        let m = app.reader.matches.as_ref().unwrap()[app.reader.current_match.unwrap()].clone();
        let line = app
            .wrapped()
            .unwrap()
            .line_of(m.block, m.range.start)
            .unwrap();
        assert!(line_visible(&app, line));
    }
    assert_eq!(app.reader.current_match, Some(n - 1));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.current_match, Some(0), "wraps around");
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.reader.current_match, Some(n - 1));
}

#[test]
fn zoom_and_overlays() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('z'));
    assert!(app.zoom);
    assert_eq!(app.areas().mode, Mode::Zoom);
    assert!(app.wrapped().is_some(), "re-wrapped for the full width");
    press(&mut app, KeyCode::Esc);
    assert!(!app.zoom);

    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.overlay, None);
    assert!(!app.quit, "q closes the pop-up first");

    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.overlay, Some(Overlay::Notices));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);

    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    press_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_selects() {
    let mut app = seeds_app(120, 40);
    let areas = app.areas();
    let reader = areas.reader.unwrap();
    app.update(Action::Wheel {
        column: reader.x + 5,
        row: reader.y + 5,
        down: true,
    });
    assert_eq!(app.reader.scroll, 3);
    assert_eq!(app.focus, Pane::List, "the wheel does not move focus");

    // The second document's title starts after the first item (2 title lines + meta + gap).
    let list = areas.list.unwrap();
    let h0 = app.list_item_height(0, app.pane_inner(Pane::List).width) as u16;
    app.update(Action::Click {
        column: list.x + 3,
        row: list.y + 1 + h0,
    });
    assert_eq!(app.list.selected, 1);
    assert_eq!(app.reader.scroll, 0, "new document starts at the top");

    let t = areas.takeaways.unwrap();
    app.update(Action::Click {
        column: t.x + 2,
        row: t.y + 1,
    });
    assert_eq!(app.focus, Pane::Takeaways);
    assert_eq!(app.takeaways.selected, 0);
}

#[test]
fn resizing_rewraps_once_per_width() {
    let mut app = seeds_app(120, 40);
    let w1 = app.wrapped().unwrap().width;
    app.update(Action::Resize(100, 30));
    let w2 = app.wrapped().unwrap().width;
    assert_ne!(w1, w2);
    app.update(Action::Resize(120, 40));
    assert_eq!(app.wrapped().unwrap().width, w1);
    assert_eq!(
        app.reader.cache.len(),
        2,
        "the earlier width came from the cache"
    );
}

#[test]
fn update_reports_when_nothing_changed() {
    let mut app = seeds_app(120, 40);
    assert!(!app.update(Action::Up), "already at the top");
    assert!(app.update(Action::Down));
}

#[test]
fn long_documents_find_matches_only_when_asked() {
    let seeds = briefdeck::library::seeds::bundled();
    let mut doc = seeds.documents[1].clone();
    let body = doc.blocks.clone();
    for _ in 0..100 {
        doc.blocks.extend(body.iter().cloned());
    }
    let corpus = briefdeck::library::Corpus {
        documents: vec![doc],
        notices: Vec::new(),
        ..Default::default()
    };
    let mut app = App::new(corpus, 120, 40);
    app.update(Action::Resize(120, 40));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "roma");
    press(&mut app, KeyCode::Enter);
    assert!(app.reader.matches.is_none(), "not searched per keystroke");
    // Drawing still highlights what is on screen.
    let text = common::screen(&app);
    assert!(text.contains("Roma"));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('N'));
    let ms = app.reader.matches.as_ref().expect("found on demand");
    assert!(ms.len() > 100);
    let i = app.reader.current_match.unwrap();
    assert_eq!(i, ms.len() - 1, "N from the end goes to the last match");
}

/// Selects the English seed's "anchor partner" takeaway (the second) in the takeaways pane.
fn on_anchor_partner_takeaway(app: &mut App) {
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Char('g'));
    press(app, KeyCode::Char('3'));
    press(app, KeyCode::Char('j'));
    let spot = app.selected_spot().unwrap();
    let t = &app.corpus.documents[spot.doc].takeaways[spot.takeaway];
    assert!(t.text.starts_with("Japan is Italy’s anchor partner"));
}

#[test]
fn following_a_link_jumps_across_languages_and_back_and_forward_return() {
    let mut app = seeds_app(120, 40);
    on_anchor_partner_takeaway(&mut app);
    let from = app.selected_spot().unwrap();
    let links = app.shown_links();
    assert!(!links.is_empty(), "the GCAP takeaway has a link");
    assert!(
        links[0].shared.iter().any(|s| s.label == "GCAP"),
        "GCAP explains the link"
    );
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    let to = app.selected_spot().unwrap();
    let doc = &app.corpus.documents[to.doc];
    assert_eq!(doc.lang, "it");
    assert!(doc.takeaways[to.takeaway].text.contains("GCAP"));
    assert_eq!(app.reader.doc, Some(to.doc), "the reader shows the target");
    assert_eq!(
        app.reader.active_takeaway,
        Some(to.takeaway),
        "its source is highlighted"
    );
    let anchor = &doc.takeaways[to.takeaway].anchor;
    let line = app
        .wrapped()
        .unwrap()
        .line_of(anchor.block, anchor.range.start)
        .unwrap();
    assert!(
        line_visible(&app, line),
        "the reader scrolled to the source"
    );
    assert_eq!(app.history.back, vec![from]);

    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.selected_spot(), Some(from));
    assert_eq!(app.history.forward, vec![to]);
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.selected_spot(), Some(to));
    press_mod(&mut app, KeyCode::Left, KeyModifiers::ALT);
    assert_eq!(app.selected_spot(), Some(from), "Alt-Left goes back too");
    press(&mut app, KeyCode::Backspace);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("nothing to go back to")
    );
}

#[test]
fn history_survives_filter_changes_and_a_hidden_target_clears_the_filter() {
    let mut app = seeds_app(120, 40);
    on_anchor_partner_takeaway(&mut app);
    let from = app.selected_spot().unwrap();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    let to = app.selected_spot().unwrap();
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.selected_spot(), Some(from));
    // Filter to English only: the Italian target disappears from the list.
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "lang:en");
    press(&mut app, KeyCode::Enter);
    assert!(app.results.docs.iter().all(|h| h.doc != to.doc));
    assert_eq!(
        app.history.forward,
        vec![to],
        "the filter change kept the history"
    );
    let here = app.selected_spot().unwrap();
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(
        app.selected_spot(),
        Some(to),
        "forward reaches the filtered-out takeaway"
    );
    assert!(app.filter.input.is_empty());
    assert!(app.message.as_deref().unwrap().contains("filter cleared"));
    // Back returns to where Forward was pressed (typing the filter moved the selection).
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.selected_spot(), Some(here));
    assert_eq!(here.doc, from.doc);
}

#[test]
fn themes_popup_lists_counts_and_enter_filters_by_the_theme() {
    let mut app = seeds_app(120, 40);
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.overlay, Some(Overlay::Themes));
    assert!(!app.theme_rows.is_empty());
    let naval = app.theme_rows.iter().position(|r| r.id == "naval").unwrap();
    for _ in 0..naval {
        press(&mut app, KeyCode::Char('j'));
    }
    let row = app.theme_rows[naval].clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, None);
    assert_eq!(app.filter.input, "#naval");
    assert_eq!(
        app.results.takeaways.len(),
        row.takeaways,
        "pop-up count = filter result"
    );
    for hit in &app.results.takeaways {
        let t = &app.corpus.documents[hit.doc].takeaways[hit.takeaway];
        assert!(t.themes.iter().any(|s| s.id == "naval"), "{}", t.text);
    }
    assert!(app.query_notes.is_empty(), "{:?}", app.query_notes);
    // Choosing another theme replaces the theme term and keeps the rest of the query.
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, " italy");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Enter);
    let first = app.theme_rows[0].id.clone();
    assert_eq!(app.filter.input, format!("italy #{first}"));
}

#[test]
fn takeaways_carry_theme_chips_that_fit_the_pane() {
    let app = seeds_app(120, 40);
    let doc = app.selected_doc().unwrap();
    let width = usize::from(app.pane_inner(Pane::Takeaways).width) - 2;
    let chips = app.chips(doc, 0, width);
    assert!(!chips.is_empty());
    let used: usize = chips.iter().map(|c| c.chars().count() + 1).sum::<usize>() + chips.len() - 1;
    assert!(used <= width, "{chips:?} in {width}");
    let tags = &app.corpus.documents[doc].takeaways[0].themes;
    assert_eq!(chips[0], tags[0].id, "strongest first");
}

/// A corpus of `n` short briefings that all mention supply chains, so any query for that
/// matches more documents than the list asks the searcher for at once.
fn many_docs_app(n: usize) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let text = format!(
            "Briefing {i:04} on supply chains\n\nEuropean ministers reviewed supply chains for \
             critical minerals in meeting number {i}. Officials said stockpiles would grow.\n"
        );
        std::fs::write(dir.path().join(format!("b{i:04}.txt")), text).unwrap();
    }
    let opts = briefdeck::library::LoadOptions::default();
    let corpus = briefdeck::library::load_paths(&[dir.path().to_path_buf()], &opts).unwrap();
    assert_eq!(corpus.documents.len(), n);
    let mut app = App::new(corpus, 120, 40);
    app.update(Action::Resize(120, 40));
    (app, dir)
}

#[test]
fn a_query_lists_the_best_documents_first_and_more_on_scrolling() {
    use briefdeck::tui::app::LIST_BATCH;
    let n = LIST_BATCH * 2 + 50;
    let (mut app, _dir) = many_docs_app(n);
    // No query: every document is listed, so `G` and restored places reach any of them.
    assert_eq!(app.results.docs.len(), n);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "supply");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.results.matched_docs, n);
    assert_eq!(
        app.results.docs.len(),
        LIST_BATCH,
        "only the best few are ranked"
    );
    // The counts say how many match, not how many are listed.
    let shown = common::screen(&app);
    assert!(shown.contains(&format!("Documents {n}/{n}")), "{shown}");
    assert!(shown.contains(&format!("{n}/{n} documents")), "{shown}");
    // Paging down through the list lists more before the end is reached.
    while app.list.selected + 1 < LIST_BATCH {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(app.results.docs.len() > LIST_BATCH);
    assert_eq!(app.results.matched_docs, n);
    // `G` goes to the last matching document, not the last listed one.
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.results.docs.len(), n);
    assert_eq!(app.list.selected, n - 1);
    // The extended list is the same ranking, extended: no document twice.
    let mut seen: Vec<usize> = app.results.docs.iter().map(|h| h.doc).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), n);
    // A new query starts again from the best few.
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, " min");
    assert_eq!(app.results.docs.len(), LIST_BATCH);
}

#[test]
fn export_from_the_dashboard_holds_every_match_not_only_the_listed_ones() {
    use briefdeck::tui::app::LIST_BATCH;
    let n = LIST_BATCH + 30;
    let (mut app, _dir) = many_docs_app(n);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "supply");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.results.docs.len(), LIST_BATCH);
    let out = tempfile::tempdir().unwrap();
    briefdeck::tui::export::export_to_first(&mut app, &[out.path().to_path_buf()]);
    let file = std::fs::read_dir(out.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let text = std::fs::read_to_string(file.path()).unwrap();
    for i in [0, LIST_BATCH - 1, LIST_BATCH, n - 1] {
        assert!(
            text.contains(&format!("Briefing {i:04} on supply chains")),
            "{i}"
        );
    }
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains(&format!("exported {n} documents"))
    );
}

#[test]
fn the_reader_reads_each_body_from_the_index_when_it_opens_the_document() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        let text = format!(
            "Briefing {i} on naval patrols\n\nItaly sent a carrier group to the Indo-Pacific \
             in patrol {i}. The ships will call at Tokyo and Manila.\n"
        );
        std::fs::write(dir.path().join(format!("n{i}.txt")), text).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let opts = briefdeck::library::LoadOptions {
        cache: Some(cache.path().to_path_buf()),
        lazy_blocks: true,
        ..Default::default()
    };
    let paths = [dir.path().to_path_buf()];
    briefdeck::library::load_paths(&paths, &opts).unwrap();
    let warm = briefdeck::library::load_paths(&paths, &opts).unwrap();
    assert!(
        warm.documents.iter().all(|d| d.blocks.is_empty()),
        "bodies left in the index"
    );
    let mut app = App::new(warm, 120, 40);
    app.update(Action::Resize(120, 40));
    let first = app.reader_doc().unwrap();
    assert!(!first.blocks.is_empty());
    let title = first.title.clone();
    let n = app
        .corpus
        .documents
        .iter()
        .filter(|d| d.blocks.is_empty())
        .count();
    assert_eq!(n, 2, "only the open document's body is read");
    assert!(common::screen(&app).contains("The ships will call at Tokyo"));
    press(&mut app, KeyCode::Char('j'));
    assert_ne!(app.reader_doc().unwrap().title, title);
    assert!(!app.reader_doc().unwrap().blocks.is_empty());
    assert!(common::screen(&app).contains("The ships will call at Tokyo"));
}

#[test]
fn g_and_shift_g_jump_to_the_ends_of_a_popup() {
    let mut app = seeds_app(100, 30);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, KeyCode::Char('G'));
    let end = app.overlay_scroll;
    assert!(end > 0, "the help is longer than the screen");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.overlay_scroll, end, "G went to the very end");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.overlay_scroll, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.overlay_scroll, end);
    assert_eq!(app.overlay, Some(Overlay::Help), "still open");
}
