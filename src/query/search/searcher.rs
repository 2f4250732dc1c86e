//! The [`Searcher`]: built once per corpus, asked once per keystroke. It remembers what the
//! last search found, so a query that only narrows the last one re-matches its survivors, and
//! the same query asked for more results costs a ranking, not a scan.

use super::buffer::{NO_TAKEAWAY, Texts};
use super::compile::{Compiled, compile, needs_facts};
use super::facts::{Facts, NoFacts};
use super::prune::{Prune, best_possible};
use super::results::{DocHit, Results, TakeawayHit};
use super::scan::{Counting, Found, Ids, PARALLEL_MIN, Scan};
use crate::library::Corpus;
use crate::query::facts::CorpusFacts;
use crate::query::parse::{Query, Term, TermKind, TextMode};

/// Candidates a top-k scan must have for it to leave texts untested (see
/// [`Searcher::search_top`]): below this, testing them all costs about a millisecond.
pub const DEFER_MIN: usize = PARALLEL_MIN;

/// What the last search left behind for the next keystroke.
pub(super) struct Last {
    pub(super) query: Query,
    /// What its scan found: asking again for the same query and no more results costs a
    /// ranking, not a scan.
    pub(super) found: Found,
    /// The `k` it was scored for.
    k: usize,
    /// How far counting what the scan left untested has come (`Searcher::count_more`).
    pub(super) counting: Option<Counting>,
}

/// Finds and ranks matches of a `Query` over one corpus; build once, search per keystroke.
pub struct Searcher {
    /// Title candidates of every document (in corpus order), then every takeaway (in corpus
    /// order).
    pub(super) texts: Texts,
    /// Where each document's takeaways start among the takeaway candidates (one more entry
    /// than documents), so a document's takeaway hits are one binary search away.
    doc_takeaways: Vec<u32>,
    n_docs: usize,
    /// Each document's language, folded.
    doc_langs: Vec<String>,
    /// Each document's feed key, for `feed:` (entries of feeds only), and the distinct keys.
    doc_feeds: Vec<Option<String>>,
    feeds: Vec<String>,
    /// The distinct languages, sorted (for notes).
    langs: Vec<String>,
    facts: Box<dyn Facts>,
    pub(super) last: Option<Last>,
    /// Threads a large scan is split over.
    threads: usize,
    /// A top-k scan of at least this many candidates leaves the texts that cannot be listed
    /// untested, for [`Searcher::count_more`]; smaller ones count everything at once.
    pub(super) defer_min: usize,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("candidates", &self.texts.len())
            .field("n_docs", &self.n_docs)
            .finish_non_exhaustive()
    }
}

impl Searcher {
    /// Folds every title and takeaway of `corpus` once; themes come from the corpus's tags.
    pub fn new(corpus: &Corpus) -> Searcher {
        Searcher::with_facts(corpus, Box::new(CorpusFacts::new(corpus)))
    }

    /// [`Searcher::new`] with the facts given, for a caller that has them already (the
    /// dashboard builds its own, with the reading state, and should not build them twice).
    pub fn with_facts(corpus: &Corpus, facts: Box<dyn Facts>) -> Searcher {
        Searcher::with_facts_in(corpus, facts, None)
    }

    /// [`Searcher::with_facts`] with the folded texts kept under `cache` (the index's
    /// directory): read from there when they were stored for these very files, folded and
    /// stored otherwise (see `stored`). A corpus without a trusted stamp (the seeds, files
    /// just changed) is folded and nothing is stored.
    pub fn with_facts_in(
        corpus: &Corpus,
        facts: Box<dyn Facts>,
        cache: Option<&std::path::Path>,
    ) -> Searcher {
        let n_docs = corpus.documents.len();
        let n_takeaways: usize = corpus.documents.iter().map(|d| d.takeaways.len()).sum();
        let mut doc_takeaways = Vec::with_capacity(n_docs + 1);
        // Every text as (document, takeaway or NO_TAKEAWAY), in id order.
        let mut items: Vec<(u32, u32)> = Vec::with_capacity(n_docs + n_takeaways);
        items.extend((0..n_docs as u32).map(|i| (i, NO_TAKEAWAY)));
        for (i, d) in corpus.documents.iter().enumerate() {
            doc_takeaways.push((items.len() - n_docs) as u32);
            items.extend((0..d.takeaways.len() as u32).map(|j| (i as u32, j)));
        }
        doc_takeaways.push((items.len() - n_docs) as u32);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let stored_at = cache.and_then(|c| super::stored::path_for(c, corpus));
        let stored = stored_at
            .as_deref()
            .and_then(|p| super::stored::load(p, &items));
        let from_disk = stored.is_some();
        // Folding a million texts takes a while: one contiguous share per thread, then joined.
        let texts = if let Some(texts) = stored {
            texts
        } else if threads < 2 || items.len() < PARALLEL_MIN {
            Texts::fold(corpus, &items)
        } else {
            let chunk = items.len().div_ceil(threads);
            std::thread::scope(|s| {
                let parts: Vec<_> = items
                    .chunks(chunk)
                    .map(|part| s.spawn(move || Texts::fold(corpus, part)))
                    .collect();
                let mut texts = Texts::default();
                for p in parts {
                    texts.append(p.join().expect("indexing thread panicked"));
                }
                texts
            })
        };
        if let (Some(path), false) = (&stored_at, from_disk) {
            super::stored::save(path, &texts);
        }
        let doc_langs: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| crate::query::fold(&d.lang))
            .collect();
        let mut langs = doc_langs.clone();
        langs.sort();
        langs.dedup();
        let doc_feeds: Vec<Option<String>> = corpus
            .documents
            .iter()
            .map(|d| {
                (d.format == crate::model::Format::Feed)
                    .then(|| d.source.as_deref().map(crate::query::parse::feed_key))
                    .flatten()
            })
            .collect();
        let mut feeds: Vec<String> = doc_feeds.iter().flatten().cloned().collect();
        feeds.sort();
        feeds.dedup();
        Searcher {
            texts,
            doc_takeaways,
            n_docs,
            doc_langs,
            langs,
            doc_feeds,
            feeds,
            facts,
            last: None,
            threads,
            defer_min: DEFER_MIN,
        }
    }

    /// Plugs in themes and saved state; later searches use them.
    pub fn set_facts(&mut self, facts: Box<dyn Facts>) {
        self.facts = facts;
        self.last = None;
    }

    /// The facts searches ask (themes, reading state), for a caller that tests the same
    /// terms elsewhere (the full-text matches' field terms).
    pub fn facts(&self) -> &dyn Facts {
        &*self.facts
    }

    /// Notes for the status line: the query's own, less those the facts answer, plus languages
    /// no document has.
    pub fn notes(&self, query: &Query) -> Vec<String> {
        let mut notes = query.notes_with(self.facts.has_themes(), self.facts.has_state());
        for term in query.groups().iter().flatten() {
            if let TermKind::Theme(key) = &term.kind
                && let Some(note) = self.facts.theme_note(key)
                && !notes.contains(&note)
            {
                notes.push(note);
            }
        }
        let distinct = &self.langs;
        for term in query.groups().iter().flatten() {
            if let TermKind::Lang(code) = &term.kind
                && !distinct.contains(code)
            {
                let note = format!(
                    "lang:{code}: no documents in that language (there are: {})",
                    distinct.join(", ")
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        for term in query.groups().iter().flatten() {
            if let TermKind::Feed(key) = &term.kind
                && !self.feeds.iter().any(|f| f.starts_with(key.as_str()))
            {
                let note = if self.feeds.is_empty() {
                    format!("feed:{key}: no feed entries are loaded")
                } else {
                    format!(
                        "feed:{key}: no such feed (there are: {})",
                        self.feeds.join(", ")
                    )
                };
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        notes
    }

    /// Every match of `query`, ranked, with highlight positions for each: what
    /// `briefdeck filter` prints. When the new query only narrows the previous one (same terms
    /// with a positive text term extended, or terms added), only the texts that could still
    /// match are re-matched; the results are the same as a fresh search's.
    ///
    /// Over a large corpus a short query matches most texts, and building a hit (with its
    /// positions) for each costs more than finding them: a view that shows a screenful should
    /// call [`Searcher::search_top`].
    pub fn search(&mut self, corpus: &Corpus, query: &Query) -> Results {
        self.search_top(corpus, query, usize::MAX)
    }

    /// Like [`Searcher::search`], but `docs` holds only the best `k` documents and
    /// `takeaways` the best `k` takeaways plus every matching takeaway of those documents,
    /// ranked exactly as in the complete results (they are a prefix of them); only the listed
    /// hits get highlight positions. Asking again with the same query and a larger `k` (a list
    /// scrolled to its end) re-ranks without re-matching.
    ///
    /// Over many candidates (at least [`DEFER_MIN`]) the scan stops testing texts once none
    /// of the rest can be listed: then `partial_counts` is set, `matched_docs` and
    /// `matched_takeaways` count only what was tested (lower bounds), and
    /// [`Searcher::count_more`] finishes the counts in steps, off the keystroke. A short
    /// query matches most of the corpus and finds its `k` best within the first few thousand
    /// texts, so this is what makes its keystroke cheap. Otherwise the counts are exact.
    pub fn search_top(&mut self, corpus: &Corpus, query: &Query, k: usize) -> Results {
        if !self.built_on(corpus) {
            // A different corpus: start over rather than index out of bounds.
            let facts = std::mem::replace(&mut self.facts, Box::new(NoFacts));
            *self = Searcher::new(corpus);
            self.facts = facts;
        }
        if query.is_empty() {
            self.last = None;
            return self.everything(k);
        }
        let compiled = compile(query, &*self.facts);
        let defer = |ids: &Ids| k != usize::MAX && ids.len() >= self.defer_min;
        let (found, counting) = match self.last.take() {
            Some(last) if last.query == *query && k <= last.k => (last.found, last.counting),
            Some(last) if narrows(&last.query, query) => {
                let ids = Ids::List(&last.found.passed);
                let mut found = self.scan(&compiled, ids.clone(), k, defer(&ids));
                if last.query == *query && last.found.untested.is_empty() {
                    // The same query, counted already: its candidates and counts stand.
                    found.passed = last.found.passed;
                    found.untested.clear();
                    found.matched_docs = last.found.matched_docs;
                    found.matched_takeaways = last.found.matched_takeaways;
                    found.doc_bits = last.found.doc_bits;
                }
                (found, None)
            }
            _ => {
                let all = Ids::All(0..self.texts.len() as u32);
                (self.scan(&compiled, all.clone(), k, defer(&all)), None)
            }
        };
        let results = self.rank(&compiled, &found, k);
        self.last = Some(Last {
            query: query.clone(),
            found,
            k,
            counting,
        });
        results
    }

    /// Whether `corpus` looks like the one this searcher was built on: the same number of
    /// documents, and the same number of takeaways in up to 64 of them spread over the corpus
    /// (all of them would cost a pass over every document per keystroke).
    fn built_on(&self, corpus: &Corpus) -> bool {
        let n = corpus.documents.len();
        n == self.n_docs
            && (0..n.min(64)).all(|i| {
                let d = if n <= 64 { i } else { i * (n - 1) / 63 };
                let have = self.doc_takeaways[d + 1] - self.doc_takeaways[d];
                corpus.documents[d].takeaways.len() == have as usize
            })
    }

    /// Results of the empty query: everything in corpus order, the first `k` documents.
    fn everything(&self, k: usize) -> Results {
        let n_takeaways = self.texts.len() - self.n_docs;
        let listed = k.min(self.n_docs);
        // The listed documents' takeaways and the first k takeaways: one prefix.
        let shown = (self.doc_takeaways[listed] as usize).max(k.min(n_takeaways));
        Results {
            docs: (0..listed)
                .map(|doc| DocHit {
                    doc,
                    score: 0,
                    title_positions: Vec::new(),
                })
                .collect(),
            takeaways: self.texts.info[self.n_docs..self.n_docs + shown]
                .iter()
                .map(|c| TakeawayHit {
                    doc: c.doc as usize,
                    takeaway: c.takeaway as usize,
                    score: 0,
                    positions: Vec::new(),
                })
                .collect(),
            total_docs: self.n_docs,
            total_takeaways: n_takeaways,
            matched_docs: self.n_docs,
            matched_takeaways: n_takeaways,
            partial_counts: false,
        }
    }

    /// Tests every candidate in `ids`: those that pass the query's necessary conditions (for
    /// the next keystroke) and those that match, with scores, both ascending. Large scans are
    /// split into one contiguous chunk per thread, unless a term needs the facts, which need
    /// not be shareable across threads. With `defer`, what cannot be listed is left untested.
    pub(super) fn scan(&self, groups: &[Vec<Compiled>], ids: Ids, k: usize, defer: bool) -> Found {
        let needs_facts = needs_facts(groups);
        let prune = Prune::new(k, best_possible(groups), self.n_docs, defer);
        let scan = Scan {
            texts: &self.texts,
            doc_langs: &self.doc_langs,
            doc_feeds: &self.doc_feeds,
            groups,
        };
        let len = ids.len();
        let threads = if needs_facts || len < PARALLEL_MIN {
            1
        } else {
            self.threads
        };
        let mut found = if threads == 1 {
            let facts = needs_facts.then_some(&*self.facts);
            scan.run(ids, facts, prune)
        } else {
            let chunk = len.div_ceil(threads);
            std::thread::scope(|s| {
                let scan = &scan;
                let workers: Vec<_> = (1..threads)
                    .map(|t| {
                        let part = ids.part(t * chunk, (t + 1) * chunk);
                        s.spawn(move || scan.run(part, None, prune))
                    })
                    .collect();
                let mut found = scan.run(ids.part(0, chunk), None, prune);
                for w in workers {
                    found.append(w.join().expect("search thread panicked"));
                }
                found
            })
        };
        found.matched_docs = found.doc_bits.iter().map(|w| w.count_ones() as usize).sum();
        found
    }

    /// The compiled query, for `count_more`.
    pub(super) fn compile<'q>(&self, query: &'q Query) -> Vec<Vec<Compiled<'q>>> {
        compile(query, &*self.facts)
    }

    /// Ranks the hits: the best `k` documents (each scored by its best text) and takeaways,
    /// with positions for those only.
    fn rank(&self, groups: &[Vec<Compiled>], found: &Found, k: usize) -> Results {
        let facts = needs_facts(groups).then_some(&*self.facts);
        let scan = Scan {
            texts: &self.texts,
            doc_langs: &self.doc_langs,
            doc_feeds: &self.doc_feeds,
            groups,
        };
        let (n_docs, threads) = (self.n_docs, self.threads);
        super::rank::rank(&scan, n_docs, &self.doc_takeaways, facts, threads, found, k)
    }
}

/// True when every candidate `new` can match, `old` could too (so re-matching `old`'s survivors
/// is enough): same groups in the same order, each term equal or a positive text term whose
/// text grew in a way that only narrows, plus any number of new groups at the end.
fn narrows(old: &Query, new: &Query) -> bool {
    let (old, new) = (old.groups(), new.groups());
    new.len() >= old.len()
        && old
            .iter()
            .zip(new)
            .all(|(o, n)| o.len() == n.len() && o.iter().zip(n).all(|(a, b)| term_narrows(a, b)))
}

fn term_narrows(old: &Term, new: &Term) -> bool {
    if old == new {
        return true;
    }
    match (&old.kind, &new.kind) {
        (TermKind::Text { mode: m1, text: a }, TermKind::Text { mode: m2, text: b })
            if m1 == m2 && !old.negated && !new.negated =>
        {
            match m1 {
                // Only a longer prefix: a valid match of "gcap" (initials of four words) minus
                // its "c" would skip the word "combat", so "gap" need not match where it does.
                TextMode::Fuzzy => b.starts_with(a.as_str()),
                TextMode::Exact | TextMode::Boundary | TextMode::Whole => b.contains(a.as_str()),
                TextMode::Prefix => b.starts_with(a.as_str()),
                TextMode::Suffix => b.ends_with(a.as_str()),
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::query::search::fixtures::{corpus, docs, search, seeds_and_corpus, tk};

    #[test]
    fn empty_query_lists_everything_in_corpus_order() {
        for q in ["", "  ", "! ' |"] {
            let r = search(q);
            assert_eq!(docs(&r), vec![0, 1]);
            assert_eq!(tk(&r), vec![(0, 0), (0, 1), (1, 0), (1, 1)]);
            assert!(
                r.docs
                    .iter()
                    .all(|h| h.score == 0 && h.title_positions.is_empty())
            );
            assert!(
                r.takeaways
                    .iter()
                    .all(|h| h.score == 0 && h.positions.is_empty())
            );
            assert_eq!((r.total_docs, r.total_takeaways), (2, 4));
        }
    }

    #[test]
    fn narrowing_rules() {
        let n = |a: &str, b: &str| narrows(&Query::parse(a), &Query::parse(b));
        assert!(n("ja", "jap"));
        assert!(n("ja", "ja pa"));
        assert!(!n("ja", "jxa"), "only a longer prefix narrows a fuzzy term");
        assert!(n("'ja", "'xjay"));
        assert!(n("^ja", "^jap"));
        assert!(n("an$", "pan$"));
        assert!(n("lang:it ja", "lang:it jap"));
        assert!(n("a | b", "a | bc"));
        assert!(!n("ja", "j"));
        assert!(!n("a", "a | b"), "an OR widens");
        assert!(!n("!ja", "!jap"), "a longer exclusion excludes less");
        assert!(!n("ja", "'ja"));
        assert!(!n("ja pa", "ja"));
        assert!(!n("lang:it", "lang:i"));
    }

    #[test]
    fn typing_narrows_the_candidates_it_rescans() {
        let c = corpus();
        let mut s = Searcher::new(&c);
        let mut sizes = Vec::new();
        for q in ["j", "ja", "jap", "japa", "japan"] {
            s.search(&c, &Query::parse(q));
            sizes.push(s.last.as_ref().map(|l| l.found.passed.len()));
        }
        assert!(sizes.windows(2).all(|w| w[1] <= w[0]), "{sizes:?}");
        assert_eq!(sizes.last(), Some(&Some(2)));
    }

    #[test]
    fn a_different_corpus_rebuilds_instead_of_panicking() {
        let c = corpus();
        let mut s = Searcher::new(&c);
        s.search(&c, &Query::parse("la"));
        let mut small = c.clone();
        small.documents.truncate(1);
        let r = s.search(&small, &Query::parse("la"));
        assert_eq!((r.total_docs, r.total_takeaways), (1, 2));
        assert_eq!(docs(&r), vec![0]);
        assert_eq!(r, Searcher::new(&small).search(&small, &Query::parse("la")));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Typing a query char by char gives, at every step, what a fresh search gives.
        #[test]
        fn incremental_typing_equals_fresh_search(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    " ", " | ", "!", "'", "^", "$", "ja", "pan", "it", "al", "gc", "ap", "co",
                    "t", "e", "s", "r", "o", "lang:it", "#n", "\\ ",
                ]),
                0..8,
            )
        ) {
            let q: String = pieces.concat();
            let c = seeds_and_corpus();
            let mut incremental = Searcher::new(&c);
            let mut fresh = Searcher::new(&c);
            let chars: Vec<char> = q.chars().collect();
            for n in 0..=chars.len() {
                let prefix: String = chars[..n].iter().collect();
                let query = Query::parse(&prefix);
                let a = incremental.search(&c, &query);
                fresh.last = None;
                let b = fresh.search(&c, &query);
                prop_assert_eq!(a, b, "query {:?}", prefix);
            }
        }

        /// Any sequence of queries (edits, deletions, rewrites) gives what fresh searches give.
        #[test]
        fn any_query_sequence_equals_fresh_search(
            qs in proptest::collection::vec("(lang:it |!|')?[jaipntcgo]{0,5}( [|^]?[jaipntcgo]{1,4}\\$?)?", 1..6)
        ) {
            let c = seeds_and_corpus();
            let mut incremental = Searcher::new(&c);
            for q in &qs {
                let query = Query::parse(q);
                let a = incremental.search(&c, &query);
                let b = Searcher::new(&c).search(&c, &query);
                prop_assert_eq!(a, b, "query {:?}", q);
            }
        }
    }
}
