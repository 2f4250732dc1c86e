//! `briefdeck filter`'s second half: the documents whose text matches the query's words
//! although no title or takeaway does (see [`crate::fulltext::filter`]).

use std::path::{Path, PathBuf};

use crate::fulltext::{TextFilter, TextIndex, TextMatch, location_for};
use crate::library::Corpus;
use crate::query::{Query, Results, Searcher};

/// The text-only matches of `query`, best first, each with its best snippet. The index is
/// brought up to date first (on disk under `cache` for a corpus loaded from `paths`, in memory
/// for the seeds or without a cache); a query with no text word needs none.
pub(crate) fn text_matches(
    corpus: &Corpus,
    paths: &[PathBuf],
    cache: Option<&Path>,
    query: &Query,
    searcher: &Searcher,
    results: &Results,
) -> Vec<TextMatch> {
    let Some(filter) = TextFilter::new(query) else {
        return Vec::new();
    };
    let location = location_for(paths, cache);
    let (index, _, warning): (TextIndex, _, _) =
        TextIndex::sync(location, &corpus.documents, corpus.stamp);
    if let Some(w) = warning {
        eprintln!("briefdeck: note: {w}");
    }
    let mut listed = vec![false; corpus.documents.len()];
    for h in &results.docs {
        listed[h.doc] = true;
    }
    filter.matches(
        &index,
        corpus,
        searcher.facts(),
        &|d| listed[d],
        usize::MAX,
        usize::MAX,
    )
}
