//! Counts after the first frame: over a corpus large enough that a keystroke lists its best
//! matches without testing every text, the dashboard shows the counts as lower bounds ("≥")
//! and makes them exact once `count_matches` has run (the event loop calls it whenever no key
//! is waiting), while listing exactly what a complete search lists.

mod common;

use std::path::PathBuf;

use briefdeck::keys::Action;
use briefdeck::library::Corpus;
use briefdeck::model::{Anchor, Block, BlockKind, Document, Takeaway, TakeawayKind};
use briefdeck::query::{DEFER_MIN, Query, Results, Searcher};
use briefdeck::tui::App;
use briefdeck::tui::app::LIST_BATCH;
use common::{press, type_str};
use ratatui::crossterm::event::KeyCode;

const SUBJECTS: [&str; 4] = [
    "Supply chains",
    "Naval diplomacy",
    "Chip exports",
    "Sanctions",
];
const TAILS: [&str; 4] = [
    "in Asia",
    "for critical minerals",
    "after the summit",
    "in spring",
];

/// `n` documents of three takeaways each, built in memory (parsing this many files would
/// make the test slow, and the search reads titles and takeaways only).
fn corpus(n: usize) -> Corpus {
    let text = |i: usize, j: usize| {
        format!(
            "{} {} ({} bn).",
            SUBJECTS[(i + j) % 4],
            TAILS[(i * 7 + j) % 4],
            i % 97
        )
    };
    let documents = (0..n)
        .map(|i| Document {
            version: 0,
            path: PathBuf::from(format!("gen/{i:06}.txt")),
            path_display: format!("gen/{i:06}.txt"),
            id: format!("{i:012x}"),
            title: format!("Briefing {i}: {}", text(i * 3, 1).trim_end_matches('.')),
            standfirst: None,
            byline: None,
            contact: None,
            date: None,
            lang: "en".into(),
            url: None,
            source: None,
            format: Default::default(),
            blocks: Vec::new(),
            stored_blocks: None,
            takeaways: (0..3)
                .map(|j| Takeaway {
                    id: format!("{i:012x}.{}", j + 1),
                    kind: TakeawayKind::Explicit,
                    text: text(i, j),
                    anchor: Anchor {
                        block: 0,
                        range: 0..0,
                    },
                    themes: Vec::new(),
                })
                .collect(),
            themes: Vec::new(),
        })
        .collect();
    Corpus {
        documents,
        notices: Vec::new(),
        ..Default::default()
    }
}

/// Enough documents that their titles and takeaways pass `DEFER_MIN` twice over (a keystroke
/// that narrows below it counts everything at once).
fn big() -> (App, Corpus) {
    let c = corpus(DEFER_MIN / 2);
    let mut app = App::new(c.clone(), 120, 40);
    app.update(Action::Resize(120, 40));
    (app, c)
}

fn complete(c: &Corpus, q: &str) -> Results {
    Searcher::new(c).search(c, &Query::parse(q))
}

/// The dashboard's list is the complete results' first documents, in order, with the same
/// highlights, and the selected document's takeaways are all of its matching ones.
fn assert_lists_as_complete(app: &App, full: &Results) {
    assert_eq!(app.results.docs[..], full.docs[..app.results.docs.len()]);
    let doc = app.results.docs[app.list.selected].doc;
    let shown: Vec<_> = app.results.takeaways_of(doc).collect();
    let want: Vec<_> = full.takeaways_of(doc).collect();
    assert_eq!(shown, want);
}

fn count_all(app: &mut App) {
    let mut steps = 0;
    while app.counting() {
        let done = app.count_matches();
        assert_eq!(
            done,
            !app.counting(),
            "the screen changes when the counts are exact"
        );
        steps += 1;
        assert!(steps < 1000, "counting never ends");
    }
}

#[test]
fn a_short_query_shows_lower_bounds_then_exact_counts() {
    let (mut app, c) = big();
    let total_docs = c.documents.len();
    let total_takeaways = total_docs * 3;
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "su");
    let full = complete(&c, "su");
    assert!(
        app.counting(),
        "a two-letter query is counted after the keystroke"
    );
    assert!(app.results.matched_docs < full.docs.len());
    assert!(app.results.matched_docs >= LIST_BATCH);
    assert_eq!(app.results.docs.len(), LIST_BATCH);
    assert_lists_as_complete(&app, &full);
    let shown = common::screen(&app);
    let partial = app.results.matched_docs;
    assert!(
        shown.contains(&format!("Documents ≥ {partial}/{total_docs}")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("≥ {partial}/{total_docs} documents · ≥ ")),
        "{shown}"
    );
    // Once no key is waiting, the event loop counts: then the counts are exact.
    count_all(&mut app);
    assert_eq!(app.results.matched_docs, full.docs.len());
    assert_eq!(app.results.matched_takeaways, full.takeaways.len());
    assert_lists_as_complete(&app, &full);
    let shown = common::screen(&app);
    assert!(!shown.contains('≥'), "{shown}");
    let (docs, takeaways) = (full.docs.len(), full.takeaways.len());
    assert!(
        shown.contains(&format!("Documents {docs}/{total_docs}")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "{docs}/{total_docs} documents · {takeaways}/{total_takeaways} takeaways"
        )),
        "{shown}"
    );
}

#[test]
fn typing_on_before_the_counts_are_done_lists_what_a_complete_search_does() {
    let (mut app, c) = big();
    press(&mut app, KeyCode::Char('/'));
    let mut typed = String::new();
    let mut partial = 0;
    for (i, ch) in "supply ch".chars().enumerate() {
        type_str(&mut app, &ch.to_string());
        typed.push(ch);
        partial += usize::from(app.counting());
        // Sometimes a pause long enough for a counting step or all of them, sometimes none.
        match i % 3 {
            0 => {}
            1 => {
                app.count_matches();
            }
            _ => count_all(&mut app),
        }
        let full = complete(&c, &typed);
        assert_lists_as_complete(&app, &full);
        assert!(app.results.matched_docs <= full.docs.len(), "{typed:?}");
        count_all(&mut app);
        assert_eq!(app.results.matched_docs, full.docs.len(), "{typed:?}");
        assert_eq!(app.results.matched_takeaways, full.takeaways.len());
    }
    // A pause that counts everything leaves few enough candidates to count at once after.
    assert!(
        partial >= 2,
        "keystrokes left counting for later: {partial}"
    );
}

#[test]
fn text_matches_follow_once_the_counts_show_every_match_listed() {
    let mut c = corpus(DEFER_MIN / 2);
    // Exactly a list's worth of documents with a zebra in a takeaway, and one more with the
    // word "zeb" in its body only.
    for d in &mut c.documents[..LIST_BATCH] {
        d.takeaways[0].text = "Zebra crossings were repainted.".into();
    }
    c.documents[LIST_BATCH + 7].blocks = vec![Block {
        kind: BlockKind::Paragraph,
        text: "The ZEB accord was signed after the summit.".into(),
    }];
    let mut app = App::new(c.clone(), 120, 40);
    app.update(Action::Resize(120, 40));
    app.index_text_now();
    press(&mut app, KeyCode::Char('/'));
    // A query typed over (not narrowing the last one) is a scan of every text: it finds its
    // best first (the zebras) and leaves the rest for counting.
    type_str(&mut app, "zebx");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.filter.input, "zeb");
    assert!(app.counting());
    assert_eq!(app.results.docs.len(), LIST_BATCH);
    assert!(app.text.rows.is_empty(), "more may match: no text rows yet");
    count_all(&mut app);
    assert_eq!(app.results.matched_docs, LIST_BATCH);
    assert_eq!(app.results.docs.len(), LIST_BATCH + 1);
    assert_eq!(
        app.text_row(LIST_BATCH).map(|r| r.doc),
        Some(LIST_BATCH + 7)
    );
    let shown = common::screen(&app);
    let total = c.documents.len();
    assert!(
        shown.contains(&format!("{LIST_BATCH}/{total} documents")) && shown.contains("1 in text"),
        "{shown}"
    );
}

#[test]
fn paging_and_g_while_counting_reach_every_match() {
    let (mut app, c) = big();
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "ch");
    press(&mut app, KeyCode::Enter);
    assert!(app.counting());
    let full = complete(&c, "ch");
    // Partial counts do not stop the list from growing towards the end.
    while app.list.selected + 1 < LIST_BATCH {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(app.results.docs.len() > LIST_BATCH);
    assert_lists_as_complete(&app, &full);
    // `G` lists every match, so it counts them all too.
    press(&mut app, KeyCode::Char('G'));
    assert!(!app.counting());
    assert_eq!(app.results.docs, full.docs);
    assert_eq!(app.results.matched_docs, full.docs.len());
    assert_eq!(app.list.selected, full.docs.len() - 1);
}

#[test]
fn a_small_corpus_counts_everything_at_once() {
    let c = corpus(100);
    let mut app = App::new(c.clone(), 120, 40);
    app.update(Action::Resize(120, 40));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "su");
    assert!(!app.counting());
    assert_eq!(app.results.matched_docs, complete(&c, "su").docs.len());
    assert!(!app.count_matches(), "nothing to count");
}
