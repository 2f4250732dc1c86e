//! Cold load of a saved news page: decode, parse, find the article, build its structure.
//!
//!     cargo bench --bench html
//!
//! The pages are generated: a ~5 KB article (paragraphs, a heading, a takeaways box, a quote)
//! inside realistic chrome (head with meta, JSON-LD, a stylesheet and scripts; a header with
//! navigation; share widgets; a sidebar; related links; a footer), padded to 100 KB with more
//! of the same chrome, as real pages are. Every page differs, so no run sees a warm cache.

use briefdeck::ingest::{html, reader};
use briefdeck::model::Format;

fn main() {
    divan::main();
}

#[path = "../examples/common/html_page.rs"]
mod html_page;
use html_page::{PAGE_BYTES, page};

fn pages() -> Vec<String> {
    (0..32).map(page).collect()
}

/// The whole reader, as loading a file runs it.
#[divan::bench]
fn read_100kb_page(bencher: divan::Bencher) {
    let read = reader(Format::Html).expect("html reader").read;
    let pages = pages();
    // What is timed must be the real job: the article found, the chrome left out.
    let first = &read(pages[0].as_bytes()).expect("page reads").articles[0].parsed;
    assert!(
        pages[0].len() >= PAGE_BYTES - 1024,
        "{} bytes",
        pages[0].len()
    );
    assert!(first.blocks.len() >= 12, "{:?}", first.blocks);
    assert!(
        first
            .blocks
            .iter()
            .all(|b| !b.text.contains("Section") && !b.text.contains("Most read"))
    );
    let mut i = 0;
    bencher
        .with_inputs(|| {
            i = (i + 1) % pages.len();
            pages[i].clone().into_bytes()
        })
        .bench_local_refs(|bytes| read(bytes).expect("page reads"));
}

/// Parse and extract only (no decoding, no structure step).
#[divan::bench]
fn extract_100kb_page(bencher: divan::Bencher) {
    let pages = pages();
    let mut i = 0;
    bencher
        .with_inputs(|| {
            i = (i + 1) % pages.len();
            pages[i].clone()
        })
        .bench_local_refs(|text| html::page(text));
}
