//! `App::replace_corpus`, what live reload and the editor's return do: the new corpus replaces
//! the old one and the reader keeps its place wherever the documents still exist.

use std::path::PathBuf;

use briefdeck::keys::{Action, Pane};
use briefdeck::library::load::{LoadOptions, load_sources};
use briefdeck::library::{Corpus, Notice, NoticeKind};
use briefdeck::tui::App;

/// A briefing long enough to scroll: a title, then `n` numbered paragraphs of `word`.
fn briefing(title: &str, word: &str, n: usize) -> String {
    let mut s = format!(
        "{title}\n\nKey takeaways:\n\n- The {word} plan is late.\n- The {word} costs grew.\n\
         - The {word} vote is next week.\n\n"
    );
    for i in 0..n {
        let (verb, who) = [
            ("agreed", "ministers"),
            ("warned", "analysts"),
            ("announced", "the government"),
            ("rejected", "the opposition"),
        ][i % 4];
        s.push_str(&format!(
            "Paragraph {i} says {who} {verb} on {} million euros for phase {i} of the {word} \
             programme, which will take until {} to deliver in full.\n\n",
            i * 7 + 3,
            2030 + i
        ));
    }
    s
}

/// A corpus of files named `name` with `text`, as the loader would give from a folder.
fn corpus(files: &[(&str, &str)]) -> Corpus {
    let sources = files.iter().map(|(name, text)| {
        (
            PathBuf::from(format!("/b/{name}")),
            text.as_bytes().to_vec(),
        )
    });
    let opts = LoadOptions {
        cache: None,
        ..LoadOptions::default()
    };
    load_sources(sources, &opts)
}

fn app(c: Corpus) -> App {
    let mut app = App::new(c, 120, 40);
    app.update(Action::Resize(120, 40));
    app
}

fn selected_title(app: &App) -> String {
    app.reader_doc()
        .map(|d| d.title.clone())
        .unwrap_or_default()
}

fn base() -> Vec<(&'static str, String)> {
    vec![
        ("a.txt", briefing("Alpha naval review", "naval", 30)),
        ("b.txt", briefing("Bravo budget talks", "budget", 30)),
        ("c.txt", briefing("Charlie chip exports", "chip", 30)),
    ]
}

fn files<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(n, t)| (*n, t.as_str())).collect()
}

#[test]
fn keeps_the_selected_document_and_reader_position_when_others_change() {
    let before = base();
    let mut app = app(corpus(&files(&before)));
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(selected_title(&app), "Charlie chip exports");
    app.update(Action::Focus(Pane::Reader));
    for _ in 0..7 {
        app.update(Action::Down);
    }
    app.update(Action::Focus(Pane::Takeaways));
    app.update(Action::Down);
    let takeaway = app.selected_spot().unwrap().takeaway;
    assert_eq!(app.reader.scroll, 7);

    // A new file sorts first, and another one is edited.
    let mut after = before.clone();
    after.insert(0, ("0.txt", briefing("Zero zone defence", "zone", 5)));
    after[2]
        .1
        .push_str("A new closing paragraph about the budget.\n");
    let summary = app.replace_corpus(corpus(&files(&after)));

    assert_eq!((summary.added, summary.changed, summary.removed), (1, 1, 0));
    assert_eq!(app.results.docs.len(), 4);
    assert_eq!(
        selected_title(&app),
        "Charlie chip exports",
        "same document"
    );
    assert_eq!(app.list.selected, 3, "found in its new row");
    assert_eq!(app.reader.scroll, 7, "reader where it was");
    assert_eq!(app.selected_spot().unwrap().takeaway, takeaway);
    assert_eq!(app.focus, Pane::Takeaways);
    assert_eq!(
        app.message.as_deref(),
        Some("reloaded: 1 added, 1 changed"),
        "the status line says what changed"
    );
    assert!(
        app.wrapped().is_some(),
        "the reader's layout is ready to draw"
    );
}

#[test]
fn an_edited_open_document_keeps_the_text_at_the_top_of_the_reader() {
    let before = base();
    let mut app = app(corpus(&files(&before)));
    app.update(Action::Focus(Pane::Reader));
    let top_text = |app: &App| {
        let w = app.wrapped().unwrap();
        let line = &w.lines[app.reader.scroll];
        match line.source {
            briefdeck::tui::wrap::Source::Block(b) => {
                app.reader_doc().unwrap().blocks[b].text[line.range.clone()].to_string()
            }
            _ => String::new(),
        }
    };
    // Down to the second line of paragraph 1.
    while !top_text(&app).starts_with("Paragraph 1 ") {
        app.update(Action::Down);
    }
    app.update(Action::Down);
    let (scroll, shown) = (app.reader.scroll, top_text(&app));
    assert!(shown.contains("phase 1"), "{shown}");

    // A paragraph inserted above what is on screen: the same text stays at the top.
    let mut after = before.clone();
    after[0].1 = after[0].1.replacen(
        "\n\n",
        "\n\nAn inserted opening paragraph that pushes the rest down by a few lines of text \
         in the reader, long enough to wrap onto a second line at this width for sure.\n\n",
        1,
    );
    let summary = app.replace_corpus(corpus(&files(&after)));
    assert_eq!(summary.changed, 1);
    assert_eq!(selected_title(&app), "Alpha naval review");
    assert_eq!(top_text(&app), shown, "same text at the top");
    assert!(app.reader.scroll > scroll, "moved down with the text");
}

#[test]
fn a_removed_selected_document_gives_way_to_the_next_one() {
    let before = base();
    let mut app = app(corpus(&files(&before)));
    app.update(Action::Down);
    app.update(Action::Focus(Pane::Reader));
    for _ in 0..5 {
        app.update(Action::Down);
    }
    assert_eq!(selected_title(&app), "Bravo budget talks");

    let after: Vec<_> = before
        .iter()
        .filter(|(n, _)| *n != "b.txt")
        .cloned()
        .collect();
    let summary = app.replace_corpus(corpus(&files(&after)));
    assert_eq!((summary.added, summary.changed, summary.removed), (0, 0, 1));
    assert_eq!(app.results.docs.len(), 2);
    assert_eq!(app.list.selected, 1, "the same row");
    assert_eq!(
        selected_title(&app),
        "Charlie chip exports",
        "now holds the next"
    );
    assert_eq!(
        app.reader.scroll, 0,
        "a different document opens at its top"
    );
    assert_eq!(app.message.as_deref(), Some("reloaded: 1 removed"));

    // The last document removed: the selection moves up; everything removed: nothing selected.
    app.replace_corpus(corpus(&files(&after[..1])));
    assert_eq!(selected_title(&app), "Alpha naval review");
    app.replace_corpus(corpus(&[]));
    assert_eq!(app.selected_doc(), None);
    assert!(app.reader_doc().is_none());
    assert_eq!(app.message.as_deref(), Some("reloaded: 1 removed"));
}

#[test]
fn the_filter_is_applied_to_the_new_corpus() {
    let before = base();
    let mut app = app(corpus(&files(&before)));
    app.update(Action::FilterStart);
    for c in "budget".chars() {
        app.update(Action::FilterInsert(c));
    }
    app.update(Action::FilterAccept);
    assert_eq!(app.results.docs.len(), 1);
    let mut after = before.clone();
    after.push(("d.txt", briefing("Delta budget vote", "budget", 3)));
    app.replace_corpus(corpus(&files(&after)));
    assert_eq!(app.filter.input, "budget", "the filter stays");
    assert_eq!(app.results.docs.len(), 2, "and matches the new document");
    assert_eq!(selected_title(&app), "Bravo budget talks");
}

#[test]
fn nothing_changed_says_nothing_and_new_notices_are_counted() {
    let before = base();
    let mut app = app(corpus(&files(&before)));
    app.corpus.notices.push(Notice {
        kind: NoticeKind::Warning,
        path: "reading state".into(),
        reason: "state file was corrupt".into(),
    });
    let summary = app.replace_corpus(corpus(&files(&before)));
    assert!(summary.is_empty(), "{summary:?}");
    assert_eq!(app.message, None);

    let mut c = corpus(&files(&before));
    c.notices.push(Notice {
        kind: NoticeKind::Skipped,
        path: "/b/broken.txt".into(),
        reason: "permission denied".into(),
    });
    let summary = app.replace_corpus(c);
    assert_eq!(summary.new_notices, 1);
    assert_eq!(
        app.message.as_deref(),
        Some("reloaded: no document changed · 1 new notice (! details)")
    );
    assert_eq!(app.skipped(), 1);
    assert!(
        app.corpus.notices.iter().any(|n| n.path == "reading state"),
        "the reading state's notice is kept"
    );
}

#[test]
fn link_history_keeps_only_spots_that_still_exist() {
    let before = base();
    let mut app = app(corpus(&files(&before)));
    let a = app
        .corpus
        .documents
        .iter()
        .position(|d| d.title.starts_with("Alpha"))
        .unwrap();
    let c = app
        .corpus
        .documents
        .iter()
        .position(|d| d.title.starts_with("Charlie"))
        .unwrap();
    app.history.back = vec![
        briefdeck::tui::app::Spot {
            doc: a,
            takeaway: 0,
        },
        briefdeck::tui::app::Spot {
            doc: c,
            takeaway: 1,
        },
    ];
    let after: Vec<_> = before
        .iter()
        .filter(|(n, _)| *n != "a.txt")
        .cloned()
        .collect();
    app.replace_corpus(corpus(&files(&after)));
    let c_now = app
        .corpus
        .documents
        .iter()
        .position(|d| d.title.starts_with("Charlie"))
        .unwrap();
    assert_eq!(
        app.history.back,
        vec![briefdeck::tui::app::Spot {
            doc: c_now,
            takeaway: 1
        }]
    );
}

#[test]
fn a_reload_from_the_index_reads_the_open_documents_body() {
    // What live reload gets from the loader: documents whose bodies wait in the index.
    let dir = tempfile::tempdir().unwrap();
    for (name, word) in [("a.txt", "frigate"), ("b.txt", "satellite")] {
        let text = briefing(&format!("The {word} briefing"), word, 40);
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions {
        cache: Some(cache.path().to_path_buf()),
        lazy_blocks: true,
        ..LoadOptions::default()
    };
    let paths = [dir.path().to_path_buf()];
    let first = briefdeck::library::load_paths(&paths, &opts).unwrap();
    let mut app = app(first);
    let title = selected_title(&app);
    app.update(Action::Focus(Pane::Reader));
    app.update(Action::Down);
    let scroll = app.reader.scroll;
    assert!(scroll > 0);
    let warm = briefdeck::library::load_paths(&paths, &opts).unwrap();
    assert!(warm.documents.iter().all(|d| d.blocks.is_empty()));
    app.replace_corpus(warm);
    assert_eq!(selected_title(&app), title);
    assert!(
        !app.reader_doc().unwrap().blocks.is_empty(),
        "body read again"
    );
    assert_eq!(app.reader.scroll, scroll, "same place");
}
