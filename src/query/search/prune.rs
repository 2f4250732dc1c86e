//! Top-k pruning: a scan that lists only the best `k` stops scoring texts once their place
//! in the ranking is settled, bounded by the best score the query allows.

use super::compile::{Compiled, LITERAL_SCORE, Test};

/// Skips scoring what cannot make the best `k` of a scan.
///
/// No text scores more than the query's `best` possible score, and ties go to corpus order.
/// So once a scan (in ascending ids) has seen `k` takeaways with the best score, no later
/// takeaway can be among the best `k` takeaways; once it has seen `k` documents whose title,
/// or `k` documents one of whose takeaways, has the best score, no later document can be among
/// the best `k` documents. A later text whose place in both rankings is settled this way needs
/// only to be matched (for the counts), not scored. Short queries, which match most of the
/// corpus, find `k` perfect matches early, so a keystroke skips most scoring.
///
/// With `defer`, such texts are not even matched: the scan leaves them for
/// `Searcher::count_more` (the counts are then lower bounds), since matching a million texts
/// for a two-letter term is what a keystroke at that scale costs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Prune {
    pub(super) k: usize,
    /// Whether texts that need no score may be left untested (see above).
    pub(super) defer: bool,
    best: i32,
    pub(super) n_docs: u32,
    titles_best: usize,
    takeaways_best: usize,
    docs_best: usize,
    last_best_doc: u32,
}

impl Prune {
    pub(super) fn new(k: usize, best: i32, n_docs: usize, defer: bool) -> Prune {
        Prune {
            k,
            defer,
            best,
            n_docs: n_docs as u32,
            titles_best: 0,
            takeaways_best: 0,
            docs_best: 0,
            last_best_doc: u32::MAX,
        }
    }

    #[inline]
    pub(super) fn needs_score(&self, id: u32, doc: u32) -> bool {
        if id < self.n_docs {
            self.titles_best < self.k
        } else {
            // Strictly earlier documents: a listed document gets all its takeaways scored.
            self.takeaways_best < self.k || self.docs_best < self.k || self.last_best_doc == doc
        }
    }

    /// Whether no later title needs a score: `k` titles had the best one.
    #[inline]
    pub(super) fn titles_settled(&self) -> bool {
        self.titles_best >= self.k
    }

    /// Whether no takeaway from this one on (of document `doc`, in ascending order) needs a
    /// score: `needs_score` says no to it, and nothing unscored changes its answer.
    #[inline]
    pub(super) fn takeaways_settled(&self, doc: u32) -> bool {
        self.takeaways_best >= self.k && self.docs_best >= self.k && self.last_best_doc != doc
    }

    #[inline]
    pub(super) fn record(&mut self, id: u32, doc: u32, score: i32) {
        if score < self.best {
            return;
        }
        if id < self.n_docs {
            self.titles_best += 1;
        } else {
            self.takeaways_best += 1;
            if doc != self.last_best_doc {
                self.docs_best += 1;
                self.last_best_doc = doc;
            }
        }
    }
}

/// The best score a text can get from `groups`: each group's best term at its best (a fuzzy
/// term of n chars: all of them in a row from a word's start, see `score`).
pub(super) fn best_possible(groups: &[Vec<Compiled>]) -> i32 {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|t| match &t.test {
                    Test::Fuzzy { pat, .. } => crate::query::score::best_possible(pat),
                    Test::Lit { .. } if !t.negated => LITERAL_SCORE as i32,
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        })
        .fold(0i32, |a, b| a.saturating_add(b))
}

#[cfg(test)]
mod tests {
    use crate::query::Query;
    use crate::query::search::Searcher;
    use crate::query::search::fixtures::seeds_and_corpus;

    #[test]
    fn top_k_skips_scoring_what_cannot_be_listed() {
        let c = seeds_and_corpus();
        let mut s = Searcher::new(&c);
        let full = Searcher::new(&c).search(&c, &Query::parse("i"));
        let r = s.search_top(&c, &Query::parse("i"), 1);
        let found = &s.last.as_ref().unwrap().found;
        assert!(found.hits.len() < found.matched_takeaways, "nothing pruned");
        assert_eq!(r.docs[..], full.docs[..1]);
        assert_eq!(r.matched_takeaways, full.takeaways.len());
        // More than was scored for: a new scan, not the pruned hits.
        let more = s.search_top(&c, &Query::parse("i"), 100);
        assert_eq!(more, full);
    }
}
