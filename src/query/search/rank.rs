//! Ranking and top-k: orders what a scan found (documents by their best text, ties in corpus
//! order), keeps the best `k` of each list, and builds the listed hits with their highlights,
//! split over the cores when there are many.

use super::facts::Facts;
use super::results::{DocHit, Results, TakeawayHit};
use super::scan::{Found, PARALLEL_MIN, Scan, Scratch};

/// Ranks the hits: the best `k` documents (each scored by its best text) and takeaways,
/// with positions for those only. `scan` finds the positions the scan did not keep; `facts`
/// is there only when a term asks them, and then the work stays on one thread.
pub(super) fn rank(
    scan: &Scan,
    n_docs: usize,
    doc_takeaways: &[u32],
    facts: Option<&dyn Facts>,
    threads: usize,
    found: &Found,
    k: usize,
) -> Results {
    let hits = &found.hits;
    // Documents scored through at least one text; those with none cannot be listed.
    let mut doc_best = vec![i32::MIN; n_docs];
    let mut scored_docs = 0;
    for h in hits {
        let best = &mut doc_best[scan.texts.info[h.id as usize].doc as usize];
        scored_docs += usize::from(*best == i32::MIN);
        *best = (*best).max(h.score);
    }
    // Titles first: candidate ids below `n_docs`.
    let split = hits.partition_point(|h| (h.id as usize) < n_docs);
    let (title_hits, takeaway_hits) = hits.split_at(split);
    let doc_keys = best_keys(
        doc_best
            .iter()
            .enumerate()
            .filter(|&(_, &s)| s != i32::MIN)
            .map(|(d, &s)| key(s, d as u32)),
        scored_docs,
        k,
    );
    // Takeaways: the best k, plus every matching takeaway of each listed document.
    let mut tk_keys = best_keys(
        takeaway_hits.iter().map(|h| key(h.score, h.id)),
        takeaway_hits.len(),
        k,
    );
    if tk_keys.len() < takeaway_hits.len() {
        for &dk in &doc_keys {
            let (_, doc) = unkey(dk);
            let lo = n_docs as u32 + doc_takeaways[doc as usize];
            let hi = n_docs as u32 + doc_takeaways[doc as usize + 1];
            let from = takeaway_hits.partition_point(|h| h.id < lo);
            let to = takeaway_hits.partition_point(|h| h.id < hi);
            tk_keys.extend(takeaway_hits[from..to].iter().map(|h| key(h.score, h.id)));
        }
        tk_keys.sort_unstable();
        tk_keys.dedup();
    }
    // Positions found by the scan (a complete search), by hit index.
    let stored = |i: usize| -> Option<Vec<usize>> {
        let &(a, b) = found.spans.get(i)?;
        Some(
            found.arena[a as usize..b as usize]
                .iter()
                .map(|&p| p as usize)
                .collect(),
        )
    };
    let docs = par_map(&doc_keys, threads, facts, |dk, facts, s| {
        let (score, doc) = unkey(dk);
        let title_positions = match title_hits.binary_search_by_key(&doc, |h| h.id) {
            Ok(i) => stored(i).unwrap_or_else(|| scan.positions(doc as usize, facts, s)),
            Err(_) => Vec::new(),
        };
        DocHit {
            doc: doc as usize,
            score: i64::from(score),
            title_positions,
        }
    });
    let takeaways = par_map(&tk_keys, threads, facts, |tk, facts, s| {
        let (score, id) = unkey(tk);
        let c = &scan.texts.info[id as usize];
        TakeawayHit {
            doc: c.doc as usize,
            takeaway: c.takeaway as usize,
            score: i64::from(score),
            positions: takeaway_hits
                .binary_search_by_key(&id, |h| h.id)
                .ok()
                .and_then(|i| stored(split + i))
                .unwrap_or_else(|| scan.positions(id as usize, facts, s)),
        }
    });
    Results {
        docs,
        takeaways,
        total_docs: n_docs,
        total_takeaways: scan.texts.len() - n_docs,
        matched_docs: found.matched_docs,
        matched_takeaways: found.matched_takeaways,
        partial_counts: !found.untested.is_empty(),
    }
}

/// Sort key of a hit: best score first, then lowest index (corpus order); smaller is better.
#[inline]
fn key(score: i32, index: u32) -> u64 {
    (((i64::from(i32::MAX) - i64::from(score)) as u64) << 32) | u64::from(index)
}

#[inline]
fn unkey(key: u64) -> (i32, u32) {
    let score = i64::from(i32::MAX) - (key >> 32) as i64;
    (score as i32, key as u32)
}

/// The `k` smallest of `count` keys, ascending. Keys arrive in index order, so among equal
/// scores a later one never displaces an earlier one and the heap is rarely touched.
fn best_keys(keys: impl Iterator<Item = u64>, count: usize, k: usize) -> Vec<u64> {
    if k >= count {
        let mut all: Vec<u64> = keys.collect();
        all.sort_unstable();
        return all;
    }
    let mut heap = std::collections::BinaryHeap::with_capacity(k + 1);
    for key in keys {
        if heap.len() < k {
            heap.push(key);
        } else if let Some(mut worst) = heap.peek_mut()
            && key < *worst
        {
            *worst = key;
        }
    }
    let mut best = heap.into_vec();
    best.sort_unstable();
    best
}

/// `f` over `items` in order, split over `threads` when there are many and no facts are
/// needed (they need not be shareable across threads).
fn par_map<T: Send>(
    items: &[u64],
    threads: usize,
    facts: Option<&dyn Facts>,
    f: impl Fn(u64, Option<&dyn Facts>, &mut Scratch) -> T + Sync,
) -> Vec<T> {
    if facts.is_some() || threads <= 1 || items.len() < PARALLEL_MIN / 4 {
        let mut s = Scratch::default();
        return items.iter().map(|&i| f(i, facts, &mut s)).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let workers: Vec<_> = items
            .chunks(chunk)
            .skip(1)
            .map(|part| {
                scope.spawn(move || {
                    let mut s = Scratch::default();
                    part.iter().map(|&i| f(i, None, &mut s)).collect::<Vec<T>>()
                })
            })
            .collect();
        let mut s = Scratch::default();
        let mut out: Vec<T> = Vec::with_capacity(items.len());
        out.extend(items[..chunk].iter().map(|&i| f(i, None, &mut s)));
        for w in workers {
            out.extend(w.join().expect("ranking thread panicked"));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::query::Query;
    use crate::query::search::fixtures::{QUERY_PIECES, docs, search, seeds_and_corpus, tk};
    use crate::query::search::{Searcher, TakeawayHit};

    #[test]
    fn a_document_matches_through_its_takeaways_with_their_best_score() {
        let r = search("gcap");
        assert_eq!(docs(&r), vec![1]);
        assert_eq!(tk(&r), vec![(1, 1)]);
        assert_eq!(r.docs[0].score, r.takeaways[0].score);
        assert!(r.docs[0].title_positions.is_empty());
    }

    #[test]
    fn ranking_is_by_score_then_corpus_order() {
        let r = search("japan");
        // The EN title and its first takeaway start with "Japan"; the IT title has no "japan".
        assert_eq!(docs(&r), vec![1]);
        assert_eq!(tk(&r), vec![(1, 0)]);
        let r = search("la");
        for w in r.takeaways.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(
                a.score > b.score
                    || (a.score == b.score && (a.doc, a.takeaway) < (b.doc, b.takeaway))
            );
        }
        for w in r.docs.windows(2) {
            assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].doc < w[1].doc));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// The best k of a search (typed char by char, so narrowing and pruning both run) are
        /// the complete search's first k documents, its first k takeaways plus every matching
        /// takeaway of those documents, in the same order, with the same counts.
        #[test]
        fn top_k_is_a_prefix_of_the_complete_results(
            pieces in proptest::collection::vec(
                proptest::sample::select(QUERY_PIECES),
                1..6,
            ),
            k in 1usize..4,
        ) {
            let q: String = pieces.concat();
            let c = seeds_and_corpus();
            let mut top = Searcher::new(&c);
            let mut full = Searcher::new(&c);
            let chars: Vec<char> = q.chars().collect();
            for n in 0..=chars.len() {
                let prefix: String = chars[..n].iter().collect();
                let query = Query::parse(&prefix);
                let t = top.search_top(&c, &query, k);
                full.last = None;
                let f = full.search(&c, &query);
                prop_assert_eq!(t.matched_docs, f.docs.len());
                prop_assert_eq!(t.matched_takeaways, f.takeaways.len());
                prop_assert_eq!(f.matched_docs, f.docs.len());
                prop_assert_eq!(&t.docs[..], &f.docs[..k.min(f.docs.len())], "{:?}", prefix);
                let listed: Vec<usize> = t.docs.iter().map(|d| d.doc).collect();
                let expected: Vec<TakeawayHit> = f
                    .takeaways
                    .iter()
                    .enumerate()
                    .filter(|(i, h)| *i < k || listed.contains(&h.doc))
                    .map(|(_, h)| h.clone())
                    .collect();
                prop_assert_eq!(&t.takeaways, &expected, "{:?}", prefix);
                // Asking again for more re-ranks what the last scan found.
                let more = top.search_top(&c, &query, k + 5);
                prop_assert_eq!(&more.docs[..], &f.docs[..(k + 5).min(f.docs.len())]);
            }
        }
    }
}
