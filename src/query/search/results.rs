//! What a search hands back: documents and takeaways as indices into the corpus, with scores,
//! highlight positions and match counts. Plain data, so the dashboard, the CLI and the export
//! read them without knowing how they were found.

/// Ranked results of one search; every index points into the corpus the searcher was built on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Matching documents, best first (ties in corpus order): a document matches when its title
    /// (or title+byline) matches, or it holds a matching takeaway; its score is the max of
    /// those. Empty query: every document, in corpus order, score 0. From
    /// [`Searcher::search_top`](super::Searcher::search_top), only the best `k` of them
    /// (`matched_docs` counts them all).
    pub docs: Vec<DocHit>,
    /// Matching takeaways of all matching documents, best first (ties in corpus order). Empty
    /// query: all takeaways in corpus order. From
    /// [`Searcher::search_top`](super::Searcher::search_top), the best `k` of them plus every
    /// matching takeaway of the documents in `docs`, so [`Results::takeaways_of`] is complete
    /// for any listed document.
    pub takeaways: Vec<TakeawayHit>,
    /// Documents in the corpus.
    pub total_docs: usize,
    /// Takeaways in the corpus.
    pub total_takeaways: usize,
    /// Documents that match, all of them, even when `docs` lists only the best few.
    pub matched_docs: usize,
    /// Takeaways that match, all of them, even when `takeaways` lists only some.
    pub matched_takeaways: usize,
    /// Whether `matched_docs` and `matched_takeaways` are only lower bounds: a top-k search
    /// left texts that cannot be listed uncounted, and
    /// [`Searcher::count_more`](super::Searcher::count_more) counts them.
    pub partial_counts: bool,
}

/// A matching document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocHit {
    /// Index into `corpus.documents`.
    pub doc: usize,
    pub score: i64,
    /// Char indices into the title to highlight (empty when only takeaways matched).
    pub title_positions: Vec<usize>,
}

/// A matching takeaway.
#[derive(Debug, Clone, PartialEq)]
pub struct TakeawayHit {
    /// Index into `corpus.documents`.
    pub doc: usize,
    /// Index into that document's `takeaways`.
    pub takeaway: usize,
    pub score: i64,
    /// Char indices into the takeaway text to highlight.
    pub positions: Vec<usize>,
}

impl Results {
    /// Whether every document that matches a title or takeaway is in `docs` (as far as the
    /// counts know: not while they are partial).
    pub fn all_listed(&self) -> bool {
        !self.partial_counts && self.docs.len() >= self.matched_docs
    }

    /// The hits of document `doc`'s takeaways, best first (what the takeaways pane shows for the
    /// selected document).
    pub fn takeaways_of(&self, doc: usize) -> impl Iterator<Item = &TakeawayHit> {
        self.takeaways.iter().filter(move |t| t.doc == doc)
    }
}
