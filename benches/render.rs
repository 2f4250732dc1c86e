//! One frame's render time at 120×40 into a TestBackend: a ~5 MB document scrolled to its end
//! (with and without query highlights) against a short one. The frame must cost the same
//! whatever the document's length, since only visible lines are built; the one-off cost of
//! wrapping the long document (paid once per document and width) is measured separately.
//! `frame_at_end` compares a 5 KB and a 5 MB document at 120×40 and 250×80 (issue 5, d: the
//! 5 MB frame within 1.5× of the 5 KB one, both ≤ 2 ms).
//!
//! Run: `cargo bench --bench render`.

use briefdeck::keys::{Action, Pane};
use briefdeck::library::Corpus;
use briefdeck::model::Document;
use briefdeck::tui::wrap::Wrapped;
use briefdeck::tui::{App, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// The Italian seed with its body repeated until the text reaches about 5 MB.
fn long_document() -> Document {
    let seeds = briefdeck::library::seeds::bundled();
    let mut doc = seeds.documents[1].clone();
    let body = doc.blocks.clone();
    let mut size: usize = body.iter().map(|b| b.text.len()).sum();
    let step = size;
    while size < 5_000_000 {
        doc.blocks.extend(body.iter().cloned());
        size += step;
    }
    doc.id = "long".into();
    doc
}

/// The Italian seed's body repeated, or cut at a block, to about `bytes` bytes of text.
fn document_of(bytes: usize) -> Document {
    let seeds = briefdeck::library::seeds::bundled();
    let mut doc = seeds.documents[1].clone();
    let body = doc.blocks.clone();
    doc.blocks.clear();
    let mut size = 0;
    for b in body.iter().cycle() {
        if size >= bytes {
            break;
        }
        size += b.text.len();
        doc.blocks.push(b.clone());
    }
    doc.id = format!("doc{bytes}");
    doc
}

/// The app at `width`×`height` with a document of about `bytes` bytes open in the reader and
/// scrolled to its end.
fn sized_app(bytes: usize, width: u16, height: u16) -> (App, usize) {
    let doc = document_of(bytes);
    let size = doc.blocks.iter().map(|b| b.text.len()).sum();
    let corpus = Corpus {
        documents: vec![doc],
        notices: Vec::new(),
        ..Default::default()
    };
    let mut app = App::new(corpus, width, height);
    app.update(Action::Resize(width, height));
    app.update(Action::Focus(Pane::Reader));
    app.update(Action::Bottom);
    (app, size)
}

/// A document of 5 KB or 5 MB, at the end, at 120×40 and 250×80.
#[divan::bench(
    args = ["5KB 120x40", "5MB 120x40", "5KB 250x80", "5MB 250x80"],
    sample_count = 300
)]
fn frame_at_end(bencher: divan::Bencher, case: &str) {
    let bytes = if case.starts_with("5KB") {
        5_000
    } else {
        5_000_000
    };
    let (width, height) = if case.ends_with("120x40") {
        (120, 40)
    } else {
        (250, 80)
    };
    let (app, size) = sized_app(bytes, width, height);
    assert!(size >= bytes && size < bytes + bytes / 2 + 4_000, "{size}");
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
    bencher.bench_local(|| {
        terminal
            .draw(|f| ui::draw(f, divan::black_box(&app)))
            .expect("draw");
    });
}

fn corpus() -> Corpus {
    let seeds = briefdeck::library::seeds::bundled();
    Corpus {
        documents: vec![long_document(), seeds.documents[1].clone()],
        notices: Vec::new(),
        ..Default::default()
    }
}

/// The app with document `index` open in the reader, scrolled to the end.
fn app_with(index: usize, query: &str) -> App {
    let mut app = App::new(corpus(), 120, 40);
    app.update(Action::Resize(120, 40));
    if !query.is_empty() {
        app.update(Action::FilterStart);
        for c in query.chars() {
            app.update(Action::FilterInsert(c));
        }
        app.update(Action::FilterAccept);
    }
    if index == 1 {
        app.update(Action::Down);
    }
    app.update(Action::Focus(Pane::Reader));
    app.update(Action::Bottom);
    app
}

fn bench_frame(bencher: divan::Bencher, app: App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    bencher.bench_local(|| {
        terminal
            .draw(|f| ui::draw(f, divan::black_box(&app)))
            .expect("draw");
    });
}

#[divan::bench(sample_count = 500)]
fn frame_long_doc_at_end(bencher: divan::Bencher) {
    bench_frame(bencher, app_with(0, ""));
}

#[divan::bench(sample_count = 500)]
fn frame_long_doc_at_end_with_query(bencher: divan::Bencher) {
    bench_frame(bencher, app_with(0, "roma"));
}

#[divan::bench(sample_count = 500)]
fn frame_short_doc_at_end(bencher: divan::Bencher) {
    bench_frame(bencher, app_with(1, ""));
}

/// The one-off cost when a long document is opened or the width changes.
#[divan::bench(sample_count = 10)]
fn wrap_long_doc_once(bencher: divan::Bencher) {
    let doc = long_document();
    bencher.bench_local(|| Wrapped::new(divan::black_box(&doc), 0, 51));
}

/// `n` copies of the seeds, as a corpus of a few thousand documents.
fn many_docs(n: usize) -> Corpus {
    let seeds = briefdeck::library::seeds::bundled();
    let documents = (0..n)
        .map(|i| {
            let mut d = seeds.documents[i % seeds.documents.len()].clone();
            d.id = format!("{i:012}");
            d
        })
        .collect();
    Corpus {
        documents,
        notices: Vec::new(),
        ..Default::default()
    }
}

fn typed(corpus: Corpus, query: &str) -> App {
    let mut app = App::new(corpus, 120, 40);
    app.update(Action::Resize(120, 40));
    app.update(Action::FilterStart);
    for c in query.chars() {
        app.update(Action::FilterInsert(c));
    }
    app
}

/// Two keystrokes (type a character, delete it) in the filter over 3,000 documents: the
/// dashboard's share plus the query module's (the stand-in until the real engine lands).
#[divan::bench(sample_count = 20)]
fn two_keystrokes_3000_docs(bencher: divan::Bencher) {
    let mut app = typed(many_docs(3000), "gca");
    bencher.bench_local(|| {
        app.update(Action::FilterInsert('p'));
        app.update(Action::FilterBackspace);
    });
}

/// Two keystrokes with the 5 MB document open: re-finding the reader's matches dominates.
#[divan::bench(sample_count = 20)]
fn two_keystrokes_long_doc_open(bencher: divan::Bencher) {
    let mut app = typed(corpus(), "rom");
    bencher.bench_local(|| {
        app.update(Action::FilterInsert('a'));
        app.update(Action::FilterBackspace);
    });
}
