//! Per-keystroke filter time: typing a 12-character query into the filter bar over a synthetic
//! corpus of 3,000 briefings (half English, half Italian) with 5 takeaways each.
//!
//! `cargo bench --bench filter`. `keystroke(k)` times the search for the first k characters
//! right after the search for k-1 (what the dashboard does on each key, narrowing from the
//! previous results); `keystroke(1)` is a full scan. `typing` times all twelve in a row,
//! `fresh_full_query` the whole query without narrowing, `build` the one-time `Searcher::new`.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::LazyLock;

use briefdeck::library::{Corpus, documents_from_bytes};
use briefdeck::model::Format;
use briefdeck::query::{Query, Searcher};
use divan::Bencher;

fn main() {
    divan::main();
}

const DOCS: usize = 3_000;
const TAKEAWAYS: usize = 5;
/// Twelve characters, two terms: a long Italian word, then the start of another.
const QUERY: &str = "sicurezza ja";

const EN: &[&str] = &[
    "Italy",
    "Japan",
    "security",
    "defence",
    "partnership",
    "strategy",
    "maritime",
    "trade",
    "routes",
    "energy",
    "supply",
    "chains",
    "industrial",
    "cooperation",
    "Indo-Pacific",
    "Rome",
    "Tokyo",
    "naval",
    "diplomacy",
    "technology",
    "semiconductors",
    "minerals",
    "resilience",
    "alliance",
    "programme",
    "ministers",
    "agreement",
    "economic",
    "regional",
    "policy",
    "the",
    "of",
    "and",
    "with",
    "across",
    "between",
    "towards",
    "growing",
    "critical",
    "European",
    "Mediterranean",
    "interoperability",
    "deployment",
    "carrier",
    "summit",
    "framework",
];
const IT: &[&str] = &[
    "Italia",
    "Giappone",
    "sicurezza",
    "difesa",
    "alleanza",
    "strategia",
    "marittima",
    "commercio",
    "rotte",
    "energia",
    "catene",
    "industriale",
    "cooperazione",
    "Indo-Pacifico",
    "Roma",
    "Tokyo",
    "navale",
    "diplomazia",
    "tecnologia",
    "città",
    "perché",
    "più",
    "già",
    "ministro",
    "accordo",
    "economica",
    "politica",
    "il",
    "la",
    "di",
    "e",
    "con",
    "tra",
    "verso",
    "crescente",
    "critica",
    "europea",
    "Mediterraneo",
    "interoperabilità",
    "missione",
    "portaerei",
    "vertice",
    "quadro",
    "capacità",
    "società",
];

/// A small deterministic generator (64-bit LCG): the same corpus on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn sentence(&mut self, words: &[&str], min: usize, max: usize) -> String {
        let n = min + self.next() % (max - min + 1);
        let mut s: Vec<&str> = (0..n).map(|_| words[self.next() % words.len()]).collect();
        s[0] = words[self.next() % 20];
        let mut out = s.join(" ");
        out.push('.');
        out
    }
}

fn briefing(rng: &mut Rng, italian: bool) -> String {
    let words = if italian { IT } else { EN };
    let label = if italian {
        "Punti chiave:"
    } else {
        "Key takeaways:"
    };
    let mut text = rng.sentence(words, 6, 11);
    text.pop(); // Titles end without a full stop.
    text.push_str("\n\n");
    for _ in 0..2 {
        text.push_str(&rng.sentence(words, 30, 50));
        text.push_str("\n\n");
    }
    text.push_str(label);
    text.push('\n');
    for _ in 0..TAKEAWAYS {
        text.push_str("- ");
        text.push_str(&rng.sentence(words, 18, 40));
        text.push('\n');
    }
    text
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let mut rng = Rng(0x5eed);
    let mut documents = Vec::with_capacity(DOCS);
    for i in 0..DOCS {
        let text = briefing(&mut rng, i % 2 == 1);
        let path = PathBuf::from(format!("gen/{i:04}.txt"));
        let (docs, _) =
            documents_from_bytes(&path, text.as_bytes(), Format::Text).expect("generated text");
        documents.extend(docs);
    }
    let takeaways: usize = documents.iter().map(|d| d.takeaways.len()).sum();
    assert_eq!(documents.len(), DOCS);
    assert!(
        takeaways >= DOCS * TAKEAWAYS * 9 / 10,
        "{takeaways} takeaways"
    );
    Corpus {
        documents,
        notices: Vec::new(),
        ..Default::default()
    }
});

fn prefix(k: usize) -> Query {
    Query::parse(&QUERY[..k])
}

/// The search for the first `k` characters, right after the one for `k - 1`.
#[divan::bench(args = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], sample_count = 40, sample_size = 1)]
fn keystroke(bencher: Bencher, k: usize) {
    let corpus = &*CORPUS;
    let searcher = RefCell::new(Searcher::new(corpus));
    let (before, now) = (prefix(k - 1), prefix(k));
    bencher
        .with_inputs(|| {
            searcher.borrow_mut().search(corpus, &before);
        })
        .bench_local_values(|()| searcher.borrow_mut().search(corpus, &now));
}

/// All twelve keystrokes in a row, from an empty filter.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn typing(bencher: Bencher) {
    let corpus = &*CORPUS;
    let queries: Vec<Query> = (1..=QUERY.len()).map(prefix).collect();
    let mut searcher = Searcher::new(corpus);
    bencher.bench_local(|| {
        searcher.search(corpus, &Query::default());
        let mut hits = 0;
        for q in &queries {
            hits = searcher.search(corpus, q).takeaways.len();
        }
        hits
    });
}

/// The whole query searched from scratch: what every keystroke would cost without narrowing.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn fresh_full_query(bencher: Bencher) {
    let corpus = &*CORPUS;
    let searcher = RefCell::new(Searcher::new(corpus));
    let query = prefix(QUERY.len());
    bencher
        .with_inputs(|| {
            // An empty search drops the narrowing state, so the next one scans everything.
            searcher.borrow_mut().search(corpus, &Query::default());
        })
        .bench_local_values(|()| searcher.borrow_mut().search(corpus, &query));
}

/// Folding every title and takeaway once, when the corpus loads.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn build(bencher: Bencher) {
    let corpus = &*CORPUS;
    bencher.bench_local(|| Searcher::new(corpus));
}
