//! Exact counts after the first frame: a top-k scan over many texts stops testing once nothing
//! else can be listed (see `Prune`), and [`Searcher::count_more`] tests the rest in steps, so
//! the dashboard can show the best matches at once and the exact counts a moment later,
//! between keystrokes.

use super::scan::{Counting, Ids};
use super::searcher::Searcher;
use crate::library::Corpus;
use crate::query::parse::Query;

/// The counts of a search once they are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub matched_docs: usize,
    pub matched_takeaways: usize,
}

impl Searcher {
    /// Counts up to `budget` more of the texts the last search of `query` left untested (see
    /// [`Searcher::search_top`]); returns the exact counts once none is left (at once when
    /// none was), `None` while some are. Over large steps the work is split over the cores.
    ///
    /// When the last search was of another query (or forgotten, after [`Searcher::set_facts`]),
    /// it searches `query` again, listing nothing, and counts from there.
    pub fn count_more(&mut self, corpus: &Corpus, query: &Query, budget: usize) -> Option<Counts> {
        if query.is_empty() {
            return Some(Counts {
                matched_docs: corpus.documents.len(),
                matched_takeaways: corpus.documents.iter().map(|d| d.takeaways.len()).sum(),
            });
        }
        if !self.last.as_ref().is_some_and(|l| l.query == *query) {
            self.search_top(corpus, query, 0);
        }
        let mut last = self.last.take()?;
        let compiled = self.compile(query);
        let found = &mut last.found;
        let c = last.counting.get_or_insert_with(Counting::default);
        let mut left = budget.max(1);
        while left > 0 && c.range < found.untested.len() {
            let (from, to) = found.untested[c.range];
            let (from, to) = (from as usize, to as usize);
            if c.at < from {
                c.done.extend_from_slice(&found.passed[c.at..from]);
                c.at = from;
            }
            let end = to.min(c.at + left);
            // k = 0: whether each matches, no scores; and no deferring this time.
            let part = self.scan(&compiled, Ids::List(&found.passed[c.at..end]), 0, false);
            debug_assert!(part.untested.is_empty());
            c.done.extend_from_slice(&part.passed);
            found.matched_takeaways += part.matched_takeaways;
            for (a, b) in found.doc_bits.iter_mut().zip(&part.doc_bits) {
                *a |= b;
            }
            left -= end - c.at;
            c.at = end;
            if end == to {
                c.range += 1;
            }
        }
        let counts = (c.range == found.untested.len()).then(|| {
            c.done.extend_from_slice(&found.passed[c.at..]);
            found.passed = std::mem::take(&mut c.done);
            found.untested.clear();
            found.matched_docs = found.doc_bits.iter().map(|w| w.count_ones() as usize).sum();
            Counts {
                matched_docs: found.matched_docs,
                matched_takeaways: found.matched_takeaways,
            }
        });
        if counts.is_some() {
            last.counting = None;
        }
        self.last = Some(last);
        counts
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::query::search::fixtures::{QUERY_PIECES, seeds_and_corpus};
    use crate::query::search::{Results, TakeawayHit};

    /// A searcher that defers at any size, as one over a million texts does.
    fn deferring(c: &Corpus) -> Searcher {
        let mut s = Searcher::new(c);
        s.defer_min = 0;
        s
    }

    fn count_all(s: &mut Searcher, c: &Corpus, q: &Query, budget: usize) -> Counts {
        loop {
            if let Some(counts) = s.count_more(c, q, budget) {
                return counts;
            }
        }
    }

    /// What `t`, the top `k` of a search, must list: the complete results' first `k`
    /// documents, their first `k` takeaways plus every matching one of those documents.
    fn assert_listed_as_complete(t: &Results, f: &Results, k: usize) {
        assert_eq!(&t.docs[..], &f.docs[..k.min(f.docs.len())]);
        let listed: Vec<usize> = t.docs.iter().map(|d| d.doc).collect();
        let expected: Vec<TakeawayHit> = f
            .takeaways
            .iter()
            .enumerate()
            .filter(|(i, h)| *i < k || listed.contains(&h.doc))
            .map(|(_, h)| h.clone())
            .collect();
        assert_eq!(t.takeaways, expected);
    }

    #[test]
    fn a_short_query_lists_at_once_and_counts_its_matches_later() {
        let c = seeds_and_corpus();
        let mut s = deferring(&c);
        let q = Query::parse("i");
        let full = Searcher::new(&c).search(&c, &q);
        let r = s.search_top(&c, &q, 1);
        assert!(r.partial_counts, "the rest of the texts was left for later");
        assert!(!full.partial_counts);
        assert!(r.matched_takeaways < full.takeaways.len());
        assert!(r.matched_docs <= full.docs.len());
        assert_listed_as_complete(&r, &full, 1);
        // Counting in small steps: not done after one, exact when done.
        assert_eq!(s.count_more(&c, &q, 2), None);
        let counts = count_all(&mut s, &c, &q, 2);
        assert_eq!(
            counts,
            Counts {
                matched_docs: full.docs.len(),
                matched_takeaways: full.takeaways.len(),
            }
        );
        // Counted: asking again (for as many or more) says so, and lists the same.
        let again = s.search_top(&c, &q, 1);
        assert_eq!(
            again,
            Results {
                partial_counts: false,
                ..full_top(&full, &r, counts)
            }
        );
        let more = s.search_top(&c, &q, 3);
        assert!(!more.partial_counts);
        assert_eq!(more.matched_takeaways, full.takeaways.len());
        assert_listed_as_complete(&more, &full, 3);
        assert_eq!(
            s.count_more(&c, &q, 2),
            Some(counts),
            "nothing left to count"
        );
    }

    /// `r` (the top of `full`) with the exact counts.
    fn full_top(full: &Results, r: &Results, counts: Counts) -> Results {
        Results {
            matched_docs: counts.matched_docs,
            matched_takeaways: counts.matched_takeaways,
            total_docs: full.total_docs,
            total_takeaways: full.total_takeaways,
            ..r.clone()
        }
    }

    #[test]
    fn counting_leaves_exactly_what_passed_for_the_next_keystroke() {
        let c = seeds_and_corpus();
        let mut s = deferring(&c);
        let mut exact = Searcher::new(&c);
        for q in ["t", "ta", "tal"] {
            let q = Query::parse(q);
            s.search_top(&c, &q, 2);
            count_all(&mut s, &c, &q, 7);
            exact.search_top(&c, &q, 2);
            let passed = |s: &Searcher| s.last.as_ref().unwrap().found.passed.clone();
            assert_eq!(passed(&s), passed(&exact));
        }
    }

    #[test]
    fn counting_another_query_than_the_last_searches_it_again() {
        let c = seeds_and_corpus();
        let mut s = deferring(&c);
        let full = Searcher::new(&c).search(&c, &Query::parse("la"));
        s.search_top(&c, &Query::parse("i"), 1);
        s.set_facts(Box::new(crate::query::NoFacts));
        let counts = count_all(&mut s, &c, &Query::parse("la"), 1000);
        assert_eq!(counts.matched_takeaways, full.takeaways.len());
        assert_eq!(counts.matched_docs, full.docs.len());
        let empty = s.count_more(&c, &Query::default(), 1);
        assert_eq!(empty.map(|e| e.matched_docs), Some(c.documents.len()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Typing char by char with counting cut short or finished between keystrokes (as the
        /// dashboard does when the user pauses): every keystroke lists what a complete search
        /// lists, its counts never exceed the exact ones, and once counted they are exact.
        #[test]
        fn deferred_counts_list_the_same_and_end_exact(
            pieces in proptest::collection::vec(
                proptest::sample::select(QUERY_PIECES),
                1..6,
            ),
            k in 1usize..4,
            steps in proptest::collection::vec(0usize..4, 12),
            budget in 1usize..40,
        ) {
            let q: String = pieces.concat();
            let c = seeds_and_corpus();
            let mut top = deferring(&c);
            let mut full = Searcher::new(&c);
            let chars: Vec<char> = q.chars().collect();
            for n in 0..=chars.len() {
                let prefix: String = chars[..n].iter().collect();
                let query = Query::parse(&prefix);
                let t = top.search_top(&c, &query, k);
                full.last = None;
                let f = full.search(&c, &query);
                assert_listed_as_complete(&t, &f, k);
                prop_assert!(t.matched_docs <= f.docs.len());
                prop_assert!(t.matched_takeaways <= f.takeaways.len());
                if !t.partial_counts {
                    prop_assert_eq!(t.matched_docs, f.docs.len());
                    prop_assert_eq!(t.matched_takeaways, f.takeaways.len());
                }
                // 0: type on at once; 1–2: count a step or two; 3: count everything.
                let exact = Counts {
                    matched_docs: f.docs.len(),
                    matched_takeaways: f.takeaways.len(),
                };
                match steps[n % steps.len()] {
                    0 => {}
                    3 => prop_assert_eq!(count_all(&mut top, &c, &query, budget), exact),
                    m => {
                        for _ in 0..m {
                            if let Some(counts) = top.count_more(&c, &query, budget) {
                                prop_assert_eq!(counts, exact);
                            }
                        }
                    }
                }
            }
        }
    }
}
