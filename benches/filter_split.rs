//! Where `briefdeck filter QUERY DIR` spends its time, measured inside one process: loading the
//! corpus (read, parse, extract, tag, link: what the on-disk index will replace), building the
//! search index (folding every title and takeaway), and the search itself, as the command runs
//! it (complete results, every hit with its positions).
//!
//! `cargo bench --bench filter_split -- DIR QUERY...` prints one line per phase and per query:
//! `load_ms`, `index_ms`, then `search QUERY median_ms min_ms hits` over 11 runs each (a fresh
//! `Searcher` state per run, so each is a cold search of the whole query as the command does).
//! `benches/vs_fzf.sh` reads these lines.

use std::path::PathBuf;
use std::time::Instant;

use briefdeck::library::LoadOptions;
use briefdeck::query::{Query, Searcher};

const RUNS: usize = 11;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some((dir, queries)) = args.split_first() else {
        eprintln!("usage: cargo bench --bench filter_split -- DIR QUERY...");
        return;
    };
    let t = Instant::now();
    let corpus = match briefdeck::cli::load_with(&[PathBuf::from(dir)], &LoadOptions::default()) {
        Ok(c) => c,
        Err(_) => std::process::exit(1),
    };
    println!("load_ms {:.1}", t.elapsed().as_secs_f64() * 1e3);
    let takeaways: usize = corpus.documents.iter().map(|d| d.takeaways.len()).sum();
    println!("documents {} takeaways {takeaways}", corpus.documents.len());
    let t = Instant::now();
    let mut searcher = Searcher::new(&corpus);
    println!("index_ms {:.1}", t.elapsed().as_secs_f64() * 1e3);
    for q in queries {
        let query = Query::parse(q);
        let mut times = Vec::with_capacity(RUNS);
        let mut hits = 0;
        for _ in 0..RUNS {
            // The empty query drops the narrowing state: each run searches from scratch.
            searcher.search(&corpus, &Query::default());
            let t = Instant::now();
            let r = searcher.search(&corpus, &query);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            hits = r.docs.len() + r.takeaways.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "search\t{q}\t{:.2}\t{:.2}\t{hits}",
            times[RUNS / 2],
            times[0]
        );
    }
}
