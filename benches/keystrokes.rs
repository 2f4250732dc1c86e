//! Per-keystroke filter latency at scale: typing twenty realistic 12-character queries (English
//! and Italian), one character at a time, over synthetic corpora of 100k and 1M takeaways, and
//! reporting p50 / p95 / max over every keystroke (divan reports medians only, and a keystroke
//! budget is about the slow tail).
//!
//! `cargo bench --bench keystrokes` runs both sizes; `cargo bench --bench keystrokes -- 100k`
//! (or `1m`, or a number of takeaways) runs one. `--app` also times the whole dashboard update
//! (`App::update(FilterInsert)`: search plus the dashboard's own bookkeeping) and how long
//! the counts then take to become exact; `--top-only` skips the complete `Searcher::search`.
//!
//! Each keystroke is timed from the call to `Searcher::search` to the moment the previous
//! results are dropped and the new ones are in place, as the dashboard does on every key, in
//! wall time and in CPU time of the whole process (all threads): on a shared machine the wall
//! time grows with other processes' load, the CPU time much less, and on an idle machine with
//! N cores the wall time of a parallel scan is about the CPU time / N. The
//! first keystroke of each query follows an empty filter, so it scans the whole corpus; the
//! others narrow from the previous keystroke's results.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use cpu_time::ProcessTime;

use briefdeck::keys::Action;
use briefdeck::library::Corpus;
use briefdeck::model::{Anchor, Document, Takeaway, TakeawayKind};
use briefdeck::query::{Query, Results, Searcher};
use briefdeck::tui::App;

#[path = "../examples/common/rng.rs"]
mod rng;
#[path = "../examples/common/vocab.rs"]
mod vocab;

use rng::Rng;

/// Documents a dashboard asks for: a few screenfuls.
const TOP: usize = 200;

/// Twenty 12-character queries someone reading about these briefings would type.
const QUERIES: [&str; 20] = [
    "supply chain",
    "naval diplom",
    "critical min",
    "export contr",
    "cyber defenc",
    "semiconducto",
    "energy secur",
    "taiwan strai",
    "indo-pacific",
    "gcap leonard",
    "sicurezza en",
    "materie prim",
    "diplomazia n",
    "sanzioni rus",
    "aiuti ucrain",
    "giappone dif",
    "portaerei ma",
    "semicondutto",
    "piano mattei",
    "crosetto tok",
];

struct Lang {
    words: vocab::Words,
    lang: &'static str,
}

// The vocabulary of `examples/gen_corpus.rs`, so these texts read like the generated corpus.
const EN: Lang = Lang {
    words: vocab::EN,
    lang: "en",
};

const IT: Lang = Lang {
    words: vocab::IT,
    lang: "it",
};

fn sentence(rng: &mut Rng, l: &Lang) -> String {
    let mut s = vocab::clause(rng, &l.words);
    if rng.chance(30) {
        // Figures make texts differ from one another, as real ones do.
        s.push_str(&format!(
            " ({} bn, {})",
            1 + rng.below(40),
            2020 + rng.below(7)
        ));
    }
    s.push('.');
    s
}

/// Documents with 3–7 takeaways each (5 on average) until there are `takeaways` of them.
/// Built directly rather than parsed: the search reads titles, bylines, languages and
/// takeaways only, and a million takeaways parse slowly.
fn corpus(takeaways: usize) -> Corpus {
    let mut rng = Rng(1);
    let mut documents = Vec::with_capacity(takeaways / 5 + 1);
    let mut n = 0;
    while n < takeaways {
        let l = if rng.chance(55) { &EN } else { &IT };
        let i = documents.len();
        let id = format!("{i:012x}");
        let k = (3 + rng.below(5)).min(takeaways - n);
        let takeaways = (0..k)
            .map(|j| Takeaway {
                id: format!("{id}.{}", j + 1),
                kind: TakeawayKind::Explicit,
                text: sentence(&mut rng, l),
                anchor: Anchor {
                    block: 0,
                    range: 0..0,
                },
                themes: Vec::new(),
            })
            .collect();
        n += k;
        let title = sentence(&mut rng, l).trim_end_matches('.').to_string();
        documents.push(Document {
            version: 0,
            path: PathBuf::from(format!("gen/{i:06}.txt")),
            path_display: format!("gen/{i:06}.txt"),
            id,
            title,
            standfirst: None,
            byline: Some(rng.pick(vocab::NAMES).to_string()),
            contact: None,
            date: None,
            lang: l.lang.to_string(),
            url: None,
            source: None,
            format: Default::default(),
            blocks: Vec::new(),
            stored_blocks: None,
            takeaways,
            themes: Vec::new(),
        });
    }
    Corpus {
        documents,
        notices: Vec::new(),
        ..Default::default()
    }
}

/// Sorted durations in milliseconds.
struct Stats(Vec<f64>);

impl Stats {
    fn new(mut d: Vec<Duration>) -> Stats {
        d.sort();
        Stats(d.iter().map(|d| d.as_secs_f64() * 1e3).collect())
    }
    fn pct(&self, p: f64) -> f64 {
        // Nearest rank.
        let rank = ((p / 100.0) * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }
    fn line(&self) -> String {
        format!(
            "p50 {:7.2} ms   p95 {:7.2} ms   max {:7.2} ms   (n = {})",
            self.pct(50.0),
            self.pct(95.0),
            self.0.last().copied().unwrap_or(0.0),
            self.0.len()
        )
    }
}

/// Types every query, one char at a time after an empty filter; returns the per-keystroke
/// times, indexed by keystroke (0 = first char).
/// With `top`, asks for that many documents (`Searcher::search_top`, what a screenful needs);
/// without, for every match (`Searcher::search`).
fn type_queries(
    corpus: &Corpus,
    rounds: usize,
    top: Option<usize>,
) -> Vec<Vec<(Duration, Duration)>> {
    let mut searcher = Searcher::new(corpus);
    let mut by_key: Vec<Vec<(Duration, Duration)>> = vec![Vec::new(); 12];
    let search = |searcher: &mut Searcher, q: &Query| match top {
        Some(k) => searcher.search_top(corpus, q, k),
        None => searcher.search(corpus, q),
    };
    let mut results: Results = search(&mut searcher, &Query::default());
    for _ in 0..rounds {
        for q in QUERIES {
            results = search(&mut searcher, &Query::default());
            for (k, (end, _)) in q.char_indices().skip(1).chain([(q.len(), ' ')]).enumerate() {
                let query = Query::parse(&q[..end]);
                let (t, cpu) = (Instant::now(), ProcessTime::now());
                results = search(&mut searcher, &query);
                black_box(&results);
                by_key[k].push((t.elapsed(), cpu.elapsed()));
            }
        }
    }
    drop(results);
    by_key
}

/// The same typing through the dashboard: `App::update(FilterInsert)` runs the search, keeps
/// the selection and fills the takeaways pane. Keys follow one another with no pause (the
/// counts a keystroke leaves partial are not finished in between, as when typing fast); after
/// the last one of each query, the time `App::count_matches` takes to make them exact (what
/// the event loop does while no key is waiting) is the second list.
fn type_queries_app(corpus: Corpus) -> (Vec<Duration>, Vec<Duration>) {
    let mut app = App::new(corpus, 120, 40);
    app.update(Action::Resize(120, 40));
    let mut times = Vec::new();
    let mut counted = Vec::new();
    for q in QUERIES {
        app.update(Action::FilterStart);
        for c in q.chars() {
            let t = Instant::now();
            app.update(Action::FilterInsert(c));
            times.push(t.elapsed());
        }
        let t = Instant::now();
        while app.counting() {
            app.count_matches();
        }
        counted.push(t.elapsed());
        app.update(Action::FilterCancel);
    }
    (times, counted)
}

fn run(takeaways: usize, app: bool, top_only: bool) {
    let t = Instant::now();
    let corpus = corpus(takeaways);
    let built = t.elapsed();
    let t = Instant::now();
    let searcher = Searcher::new(&corpus);
    let index = t.elapsed();
    drop(searcher);
    println!("load average: {}", load_average());
    println!(
        "\n{} documents, {} takeaways (generated in {:.1} s; Searcher::new {:.0} ms)",
        corpus.documents.len(),
        takeaways,
        built.as_secs_f64(),
        index.as_secs_f64() * 1e3
    );
    let rounds = if takeaways >= 500_000 { 1 } else { 3 };
    for (name, top) in [
        (format!("Searcher::search_top(k = {TOP})"), Some(TOP)),
        ("Searcher::search (every hit)".to_string(), None),
    ]
    .into_iter()
    .filter(|(_, top)| top.is_some() || !top_only)
    {
        // One untimed round warms caches and the allocator.
        type_queries(&corpus, 1, top);
        let by_key = type_queries(&corpus, rounds, top);
        let wall = Stats::new(by_key.iter().flatten().map(|t| t.0).collect());
        let cpu = Stats::new(by_key.iter().flatten().map(|t| t.1).collect());
        println!("  {name}, all keystrokes, wall: {}", wall.line());
        println!("  {name}, all keystrokes, CPU:  {}", cpu.line());
        for (k, times) in by_key.iter().enumerate() {
            let s = Stats::new(times.iter().map(|t| t.0).collect());
            let c = Stats::new(times.iter().map(|t| t.1).collect());
            println!(
                "    keystroke {:2}: wall p50 {:7.2} p95 {:7.2} max {:7.2} ms | CPU p50 {:7.2} p95 {:7.2} ms",
                k + 1,
                s.pct(50.0),
                s.pct(95.0),
                s.0.last().copied().unwrap_or(0.0),
                c.pct(50.0),
                c.pct(95.0),
            );
        }
    }
    if app {
        let (keys, counted) = type_queries_app(corpus);
        println!(
            "  App::update(FilterInsert), dashboard: {}",
            Stats::new(keys).line()
        );
        println!(
            "  counts exact after the last keystroke:  {}",
            Stats::new(counted).line()
        );
    }
}

/// The machine's load average, to read the wall times by (Linux; empty elsewhere).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn main() {
    for q in QUERIES {
        assert_eq!(q.chars().count(), 12, "{q:?}");
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let app = args.iter().any(|a| a == "--app");
    let top_only = args.iter().any(|a| a == "--top-only");
    let mut sizes: Vec<usize> = args
        .iter()
        .filter_map(|a| match a.to_ascii_lowercase().as_str() {
            "100k" => Some(100_000),
            "1m" => Some(1_000_000),
            other => other.replace('_', "").parse().ok(),
        })
        .collect();
    if sizes.is_empty() {
        sizes = vec![100_000, 1_000_000];
    }
    println!(
        "Per-keystroke filter latency, {} queries × 12 keystrokes, {} threads available",
        QUERIES.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for n in sizes {
        run(n, app, top_only);
    }
}
