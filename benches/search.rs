//! In-process full-text queries over a generated corpus (issue 14's "a query ≤ 10 ms p95"):
//! the corpus is loaded once (warm, through the on-disk index), its full-text index synced,
//! then each query is prepared and searched `RUNS` times; prints median and p95 per query,
//! with and without the snippets of the first 20 results.
//!
//!   BENCH_DIR=/tmp/briefdeck-bench/corpus-100000 cargo bench --bench search
//!
//! `benches/search.sh` makes the corpora (examples/gen_corpus) and runs this after the
//! whole-process comparison with rg. The caches go to `$BENCH_CACHE` (default: a folder
//! beside the corpus), never the user's.

use std::path::PathBuf;
use std::time::Instant;

use briefdeck::fulltext::{Location, Prepared, TextIndex, TextQuery, index_dir};
use briefdeck::library::{LoadOptions, load_paths};

const QUERIES: &[&str] = &[
    "Taiwan",
    "semiconduttori",
    "sanctions Meloni",
    "\"military aid\"",
    "drones OR droni",
    "sicurezza -Taiwan",
    "zzqxnotaword",
];
const RUNS: usize = 200;
const LIMIT: usize = 20;

fn main() {
    let dir = PathBuf::from(
        std::env::var_os("BENCH_DIR").unwrap_or("/tmp/briefdeck-bench/corpus-10000".into()),
    );
    if !dir.is_dir() {
        eprintln!(
            "search bench: no corpus at {} (set BENCH_DIR, or run benches/search.sh)",
            dir.display()
        );
        std::process::exit(2);
    }
    let cache = std::env::var_os("BENCH_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.with_extension("bench-cache"));
    let opts = LoadOptions {
        cache: Some(cache.clone()),
        lazy_blocks: true,
        ..LoadOptions::default()
    };
    let started = Instant::now();
    let corpus = load_paths(std::slice::from_ref(&dir), &opts).expect("corpus loads");
    let loaded = started.elapsed();
    let roots = vec![std::fs::canonicalize(&dir).expect("canonical")];
    let started = Instant::now();
    let (index, stats, _) = TextIndex::sync(
        Location::Disk(index_dir(&cache, &roots)),
        &corpus.documents,
        corpus.stamp,
    );
    println!(
        "{} documents: load {:.0} ms, index sync {:.0} ms ({} added), index {:.1} MB in {} segments",
        corpus.documents.len(),
        loaded.as_secs_f64() * 1e3,
        started.elapsed().as_secs_f64() * 1e3,
        stats.added,
        index.size_bytes() as f64 / 1e6,
        stats.segments,
    );
    println!(
        "{:<22} {:>8} {:>10} {:>10} {:>16}",
        "query", "hits", "median ms", "p95 ms", "+snippets p95"
    );
    for q in QUERIES {
        let mut plain = Vec::with_capacity(RUNS);
        let mut with_snippets = Vec::with_capacity(RUNS);
        let mut count = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let prepared = Prepared::new(&TextQuery::parse(q).expect("query")).expect("terms");
            let hits = index.search(&prepared, &mut |_| true, LIMIT);
            plain.push(t.elapsed().as_secs_f64() * 1e3);
            for h in &hits {
                let d = &corpus.documents[index.corpus_doc(h.doc).expect("in corpus")];
                let blocks = d.read_blocks().expect("blocks");
                std::hint::black_box(prepared.snippets(&d.lang, &blocks, 3));
            }
            with_snippets.push(t.elapsed().as_secs_f64() * 1e3);
            count = hits.len();
        }
        println!(
            "{:<22} {:>8} {:>10.2} {:>10.2} {:>16.2}",
            q,
            count,
            percentile(&mut plain, 0.5),
            percentile(&mut plain, 0.95),
            percentile(&mut with_snippets, 0.95),
        );
    }
}

fn percentile(xs: &mut [f64], p: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[((xs.len() - 1) as f64 * p).round() as usize]
}
