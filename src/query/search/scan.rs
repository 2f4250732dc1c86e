//! The scan: tests candidate texts against a compiled query, in one pass over the folded
//! buffer, and says which pass its necessary conditions (for the next keystroke), which match,
//! and with what score and highlights.

use memchr::memmem;

use super::buffer::{Cand, NO_TAKEAWAY, Texts};
use super::compile::{Compiled, Field, LITERAL_SCORE, Test};
use super::facts::Facts;
use super::fuzzy::{fuzzy, subsequence};
use super::prune::Prune;
use crate::query::parse::TextMode;
use crate::query::score::Scorer;

/// Below this many candidates to scan, one thread is faster than starting another.
pub(super) const PARALLEL_MIN: usize = 16_384;

/// A candidate that matched, with its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub(super) id: u32,
    pub(super) score: i32,
}

/// What a scan found.
#[derive(Default)]
pub(super) struct Found {
    /// Candidates (ascending) that passed the query's necessary conditions, or were left
    /// untested: a superset of what any narrower query can match.
    pub(super) passed: Vec<u32>,
    /// Ranges of `passed` (by index) that a top-k scan left untested because no text there
    /// could be listed: their matches are not counted yet (see `Searcher::count_more`).
    pub(super) untested: Vec<(u32, u32)>,
    /// Candidates (ascending) that matched and could be among the best `k`, with scores.
    pub(super) hits: Vec<Hit>,
    /// Every matching takeaway and document, counted (documents as a bit set while scanning).
    pub(super) matched_takeaways: usize,
    pub(super) matched_docs: usize,
    pub(super) doc_bits: Vec<u64>,
    /// For a complete search (every hit listed), each hit's highlight positions, found in the
    /// same pass as its score: `spans[i]` is the range of hit `i`'s in `arena`.
    pub(super) spans: Vec<(u32, u32)>,
    pub(super) arena: Vec<u32>,
}

impl Found {
    pub(super) fn append(&mut self, other: Found) {
        let at = self.passed.len() as u32;
        self.untested
            .extend(other.untested.iter().map(|&(a, b)| (a + at, b + at)));
        self.passed.extend_from_slice(&other.passed);
        self.hits.extend_from_slice(&other.hits);
        let base = self.arena.len() as u32;
        self.spans
            .extend(other.spans.iter().map(|&(a, b)| (a + base, b + base)));
        self.arena.extend_from_slice(&other.arena);
        self.matched_takeaways += other.matched_takeaways;
        for (a, b) in self.doc_bits.iter_mut().zip(&other.doc_bits) {
            *a |= b;
        }
    }

    /// Entries `from..to` of `ids` go into `passed` untested.
    fn leave_untested(&mut self, ids: &Ids, from: usize, to: usize) {
        let at = self.passed.len() as u32;
        match ids.part(from, to) {
            Ids::All(r) => self.passed.extend(r),
            Ids::List(l) => self.passed.extend_from_slice(l),
        }
        if self.passed.len() as u32 > at {
            self.untested.push((at, self.passed.len() as u32));
        }
    }
}

/// How far counting the untested texts of the last search has come (`Searcher::count_more`).
#[derive(Debug, Default)]
pub(super) struct Counting {
    /// The last search's `passed`, rebuilt up to `at` with the untested texts that fail
    /// dropped: it replaces `passed` once counting is done, so the next keystroke narrows
    /// from exactly what passed.
    pub(super) done: Vec<u32>,
    /// The next untested range (index into `Found::untested`) and position in `passed`.
    pub(super) range: usize,
    pub(super) at: usize,
}

/// Candidate ids to scan: all of them, or the survivors of the previous keystroke.
#[derive(Clone)]
pub(super) enum Ids<'a> {
    All(std::ops::Range<u32>),
    List(&'a [u32]),
}

impl Ids<'_> {
    pub(super) fn len(&self) -> usize {
        match self {
            Ids::All(r) => r.len(),
            Ids::List(l) => l.len(),
        }
    }

    /// Entry `i`.
    #[inline]
    fn at(&self, i: usize) -> u32 {
        match self {
            Ids::All(r) => r.start + i as u32,
            Ids::List(l) => l[i],
        }
    }

    /// How many entries are below `id`.
    fn below(&self, id: u32) -> usize {
        match self {
            Ids::All(r) => (id.clamp(r.start, r.end) - r.start) as usize,
            Ids::List(l) => l.partition_point(|&i| i < id),
        }
    }

    /// Entries `from..to` (clamped).
    pub(super) fn part(&self, from: usize, to: usize) -> Ids<'_> {
        let to = to.min(self.len());
        let from = from.min(to);
        match self {
            Ids::All(r) => Ids::All(r.start + from as u32..r.start + to as u32),
            Ids::List(l) => Ids::List(&l[from..to]),
        }
    }
}

/// How much testing a candidate should find out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Whether it matches (its score is then meaningless).
    Match,
    Score,
    /// The score, and the matched chars in `Scratch::positions`.
    Positions,
}

/// Per-thread buffers, so testing a candidate allocates nothing once they have grown.
#[derive(Default)]
pub(super) struct Scratch {
    scorer: Scorer,
    term: Vec<usize>,
    best: Vec<usize>,
    positions: Vec<usize>,
}

/// What testing a candidate needs: shareable across threads (the facts are passed apart,
/// only on one thread).
pub(super) struct Scan<'a, 'q> {
    pub(super) texts: &'a Texts,
    pub(super) doc_langs: &'a [String],
    /// Each document's feed key (entries of feeds only).
    pub(super) doc_feeds: &'a [Option<String>],
    pub(super) groups: &'a [Vec<Compiled<'q>>],
}

impl Scan<'_, '_> {
    /// Tests `ids` in order: which pass (for narrowing) and which match. Matches are scored
    /// and kept while `prune` says they may still be among the best `k`; the others are only
    /// counted, or, when `prune.defer` allows, left untested: once `k` titles have the best
    /// score the other titles are skipped, and once the takeaways are settled too, everything
    /// after them (they go into `passed` untested, and into `untested`).
    pub(super) fn run(&self, ids: Ids, facts: Option<&dyn Facts>, mut prune: Prune) -> Found {
        let mut s = Scratch::default();
        let n_docs = prune.n_docs as usize;
        let mut found = Found {
            passed: Vec::with_capacity(ids.len()),
            doc_bits: vec![0; n_docs.div_ceil(64)],
            ..Found::default()
        };
        let len = ids.len();
        let mut i = 0;
        while i < len {
            let id = ids.at(i);
            if prune.defer {
                let skip_to = if id < prune.n_docs {
                    prune.titles_settled().then(|| ids.below(prune.n_docs))
                } else {
                    let doc = self.texts.info[id as usize].doc;
                    prune.takeaways_settled(doc).then_some(len)
                };
                if let Some(to) = skip_to {
                    found.leave_untested(&ids, i, to);
                    i = to;
                    continue;
                }
            }
            self.one(id, facts, &mut s, &mut prune, &mut found);
            i += 1;
        }
        found
    }

    /// Tests candidate `id` for `run`.
    #[inline]
    fn one(
        &self,
        id: u32,
        facts: Option<&dyn Facts>,
        s: &mut Scratch,
        prune: &mut Prune,
        found: &mut Found,
    ) {
        // Every hit will be listed: find its positions now rather than in a second pass.
        let complete = prune.k == usize::MAX;
        let c = self.texts.get(id as usize);
        let want = if complete {
            Want::Positions
        } else if prune.needs_score(id, c.info.doc) {
            Want::Score
        } else {
            Want::Match
        };
        let (pass, score) = self.test(&c, facts, s, want);
        if !pass {
            return;
        }
        found.passed.push(id);
        let Some(score) = score else {
            return;
        };
        let doc = c.info.doc as usize;
        found.doc_bits[doc / 64] |= 1 << (doc % 64);
        found.matched_takeaways += usize::from(id >= prune.n_docs);
        if want != Want::Match {
            prune.record(id, c.info.doc, score);
            found.hits.push(Hit { id, score });
        }
        if complete {
            let from = found.arena.len() as u32;
            self.finish_positions(id as usize, &c, &mut s.positions);
            found.arena.extend(s.positions.iter().map(|&p| p as u32));
            found.spans.push((from, found.arena.len() as u32));
        }
    }

    /// Original char positions to highlight in matching candidate `id` (its title, for a
    /// document).
    pub(super) fn positions(
        &self,
        id: usize,
        facts: Option<&dyn Facts>,
        s: &mut Scratch,
    ) -> Vec<usize> {
        let c = self.texts.get(id);
        if self.test(&c, facts, s, Want::Positions).1.is_none() {
            return Vec::new();
        }
        self.finish_positions(id, &c, &mut s.positions);
        s.positions.clone()
    }

    /// Turns the matched chars `test` left (folded, unsorted) into original char positions
    /// within the part shown (the title, for a document).
    fn finish_positions(&self, id: usize, c: &Cand, positions: &mut Vec<usize>) {
        positions.sort_unstable();
        positions.dedup();
        if c.info.takeaway == NO_TAKEAWAY {
            positions.retain(|&p| p < c.info.head_chars as usize);
        }
        self.texts.to_original(id, positions);
    }

    /// Whether `c` passes every group's necessary condition (cheap, and monotone in each
    /// term's text, so the candidates that passed one query are all a narrower query needs to
    /// look at), and its score when it matches: the sum over groups of the best matching
    /// term's score. With `want_positions`, the best terms' matched chars end up in
    /// `s.positions` (folded char indices, unsorted).
    #[inline]
    fn test(
        &self,
        c: &Cand,
        facts: Option<&dyn Facts>,
        s: &mut Scratch,
        want: Want,
    ) -> (bool, Option<i32>) {
        let want_positions = want == Want::Positions;
        let mut matched = true;
        let mut total = 0i32;
        if want_positions {
            s.positions.clear();
        }
        for group in self.groups {
            let mut relaxed = false;
            let mut best: Option<i32> = None;
            for term in group {
                s.term.clear();
                let score = match &term.test {
                    Test::Fuzzy {
                        pat,
                        mask,
                        nfa,
                        by_mask,
                    } => {
                        if c.mask & mask != *mask {
                            continue;
                        }
                        if *by_mask && (want == Want::Match || !matched) {
                            relaxed = true;
                            if !matched {
                                break;
                            }
                            best = Some(0);
                            continue;
                        }
                        let text = c.bytes();
                        let Some(end) = nfa.first_end(text) else {
                            continue;
                        };
                        if pat.len() > 64 && !subsequence(text, pat.as_bytes()) {
                            continue;
                        }
                        // The automaton has decided: this is a match.
                        relaxed = true;
                        if !matched {
                            break;
                        }
                        if want == Want::Match {
                            best = Some(0);
                            continue;
                        }
                        let pos = want_positions.then_some(&mut s.term);
                        fuzzy(&mut s.scorer, nfa, c.text(), pat, end, pos)
                    }
                    Test::Lit { mode, pat, mask } if !term.negated => {
                        let text = c.bytes();
                        let maybe = match mode {
                            TextMode::Prefix => text.starts_with(pat.as_bytes()),
                            TextMode::Suffix => ends_with(c, pat),
                            _ => {
                                c.mask & mask == *mask
                                    && memmem::find(text, pat.as_bytes()).is_some()
                            }
                        };
                        if !maybe {
                            continue;
                        }
                        relaxed = true;
                        if !matched {
                            break;
                        }
                        literal_at(c, *mode, pat).map(|at| {
                            if want_positions {
                                let first = c.text()[..at].chars().count();
                                s.term.extend(first..first + pat.chars().count());
                            }
                            LITERAL_SCORE as i32
                        })
                    }
                    // Exact tests: passing is matching.
                    _ => {
                        let hit = self.term_matches(term, c, facts);
                        relaxed |= hit.is_some();
                        hit
                    }
                };
                if let Some(score) = score
                    && best.is_none_or(|b| score > b)
                {
                    best = Some(score);
                    std::mem::swap(&mut s.best, &mut s.term);
                }
            }
            if !relaxed {
                return (false, None);
            }
            match best {
                Some(b) if matched => {
                    total = total.saturating_add(b);
                    if want_positions {
                        s.positions.extend_from_slice(&s.best);
                    }
                }
                _ => matched = false,
            }
        }
        (true, matched.then_some(total))
    }

    /// Field terms and negated literals: a yes or no without positions, score 0.
    fn term_matches(&self, t: &Compiled, c: &Cand, facts: Option<&dyn Facts>) -> Option<i32> {
        let doc = c.info.doc as usize;
        let hit = match &t.test {
            Test::Lit { mode, pat, .. } => literal_at(c, *mode, pat).is_some(),
            Test::Fuzzy { .. } => unreachable!("fuzzy terms are scored by the matcher"),
            Test::Field(Field::Lang(code)) => self.doc_langs[doc] == *code,
            Test::Field(Field::Feed(key)) => self.doc_feeds[doc]
                .as_deref()
                .is_some_and(|f| f.starts_with(key)),
            Test::Field(Field::Theme(theme)) => {
                let (Some(theme), Some(facts)) = (theme, facts) else {
                    return None;
                };
                let takeaway = (c.info.takeaway != NO_TAKEAWAY).then_some(c.info.takeaway as usize);
                facts.has_theme(doc, takeaway, *theme)
            }
            Test::Field(Field::Flag(flag)) => {
                let takeaway = (c.info.takeaway != NO_TAKEAWAY).then_some(c.info.takeaway as usize);
                facts
                    .filter(|f| f.has_state())?
                    .flag_at(doc, takeaway, *flag)
            }
            Test::Field(Field::Never) => return None,
        };
        (hit != t.negated).then_some(0)
    }
}

/// Where a literal term matches `c`: a byte offset into the folded text.
fn literal_at(c: &Cand, mode: TextMode, pat: &str) -> Option<usize> {
    let text = c.text();
    let head = &text[..c.info.head_len as usize];
    match mode {
        TextMode::Exact => memmem::find(text.as_bytes(), pat.as_bytes()),
        TextMode::Boundary => text.match_indices(pat).map(|(i, _)| i).find(|&i| {
            !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[i + pat.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        }),
        TextMode::Prefix => text.starts_with(pat).then_some(0),
        TextMode::Suffix if head.ends_with(pat) => Some(head.len() - pat.len()),
        TextMode::Suffix => text.ends_with(pat).then(|| text.len() - pat.len()),
        TextMode::Whole => (head == pat || text == pat).then_some(0),
        TextMode::Fuzzy => unreachable!("fuzzy terms are scored by the matcher"),
    }
}

fn ends_with(c: &Cand, pat: &str) -> bool {
    let text = c.text();
    text[..c.info.head_len as usize].ends_with(pat) || text.ends_with(pat)
}

#[cfg(test)]
mod tests {
    use crate::query::Query;
    use crate::query::search::Searcher;
    use crate::query::search::fixtures::{corpus, docs, picked, search, tk};

    #[test]
    fn matching_ignores_case_and_accents_and_highlights_the_original() {
        let c = corpus();
        for q in ["citta", "CITTÀ", "Città"] {
            let r = search(q);
            assert_eq!(docs(&r), vec![0], "{q}");
            assert_eq!(
                picked(&c.documents[0].title, &r.docs[0].title_positions),
                "città"
            );
            assert_eq!(tk(&r), vec![(0, 0)]);
            let text = &c.documents[0].takeaways[0].text;
            assert_eq!(picked(text, &r.takeaways[0].positions), "città");
        }
        assert_eq!(search("Giappone"), search("giappone"));
        assert_eq!(docs(&search("giappone")), vec![0]);
    }

    #[test]
    fn all_terms_must_match_the_same_text() {
        assert_eq!(tk(&search("japan partner")), vec![(1, 0)]);
        assert_eq!(tk(&search("japan programme")), vec![]);
        assert_eq!(docs(&search("japan programme")), Vec::<usize>::new());
    }

    #[test]
    fn exclusions_or_groups_prefix_and_suffix() {
        // `!` tests each text: the EN title survives, its GCAP takeaway does not.
        let r = search("japan | gcap !gcap");
        assert_eq!(docs(&r), vec![1]);
        assert_eq!(tk(&r), vec![(1, 0)]);
        assert_eq!(tk(&search("!'citta")), vec![(0, 1), (1, 0), (1, 1)]);
        let r = search("tokyo | gcap");
        assert_eq!(docs(&r), vec![0, 1]);
        assert_eq!(tk(&r), vec![(0, 0), (1, 1)]);
        let r = search("^la");
        assert_eq!(docs(&r), vec![0]);
        assert_eq!(r.docs[0].title_positions, vec![0, 1]);
        assert_eq!(tk(&r), vec![(0, 0)]);
        let r = search("giappone$");
        assert_eq!(docs(&r), vec![0]);
        assert!(r.takeaways.is_empty());
        assert_eq!(tk(&search("tokyo.$")), vec![(0, 0)]);
        assert_eq!(
            docs(&search("^japan and italy deepen naval ties$")),
            vec![1]
        );
        assert_eq!(tk(&search("'key'")), vec![(1, 0)]);
        assert!(
            tk(&search("'ke'")).is_empty(),
            "boundary terms need whole words"
        );
    }

    #[test]
    fn lang_field_compares_the_document_language() {
        let r = search("lang:it");
        assert_eq!(docs(&r), vec![0]);
        assert_eq!(tk(&r), vec![(0, 0), (0, 1)]);
        assert_eq!(docs(&search("lang:EN")), vec![1]);
        assert_eq!(docs(&search("!lang:en")), vec![0]);
        assert_eq!(docs(&search("lang:it | lang:en")), vec![0, 1]);
        assert_eq!(tk(&search("lang:it tokyo")), vec![(0, 0)]);
        let c = corpus();
        let s = Searcher::new(&c);
        let q = Query::parse("lang:xx");
        assert!(search("lang:xx").docs.is_empty());
        assert_eq!(
            s.notes(&q),
            vec!["lang:xx: no documents in that language (there are: en, it)"]
        );
        assert!(s.notes(&Query::parse("lang:it")).is_empty());
    }
}
