//! The small corpus the search tests share: one Italian and one English briefing with the
//! folds that matter (accents, ß, Œ) and a title with a byline, plus the bundled seeds for tests
//! that need more texts than a screenful.

use std::path::Path;

use crate::library::{Corpus, documents_from_bytes};
use crate::model::Format;
use crate::query::{Query, Results, Searcher};

/// What property tests type queries from, a piece at a time: operators, short fuzzy terms that
/// match much of the seeds, and a field term.
pub(crate) const QUERY_PIECES: &[&str] = &[
    " ", " | ", "!", "'", "^", "ja", "pan", "it", "al", "gc", "ap", "co", "t", "e", "s", "r", "o",
    "i", "a", "lang:it",
];

const IT: &str = "La città di Roma e il Giappone

Sara Gelmini

11 Dicembre 2025

Il ministro Crosetto ha parlato con Shinjirō Koizumi della cooperazione.

Punti chiave:
- La città eterna guarda a Tokyo.
- Straße und Œuvre sono parole straniere.
";

const EN: &str = "Japan and Italy deepen naval ties

The navy of Japan trained with the Italian carrier Cavour in the Pacific.

Key takeaways:
- Japan is a key partner for Italy.
- GCAP is the Global Combat Air Programme.
";

pub(super) fn corpus() -> Corpus {
    let mut documents = Vec::new();
    for (name, text) in [("it.txt", IT), ("en.txt", EN)] {
        let (docs, _) = documents_from_bytes(Path::new(name), text.as_bytes(), Format::Text)
            .expect("test briefing parses");
        documents.extend(docs);
    }
    assert_eq!(documents[0].takeaways.len(), 2);
    assert_eq!(documents[1].takeaways.len(), 2);
    Corpus {
        documents,
        notices: Vec::new(),
        ..Default::default()
    }
}

pub(super) fn search(q: &str) -> Results {
    let c = corpus();
    Searcher::new(&c).search(&c, &Query::parse(q))
}

/// (doc, takeaway) pairs of the takeaway hits, in rank order.
pub(super) fn tk(r: &Results) -> Vec<(usize, usize)> {
    r.takeaways.iter().map(|h| (h.doc, h.takeaway)).collect()
}

pub(super) fn docs(r: &Results) -> Vec<usize> {
    r.docs.iter().map(|h| h.doc).collect()
}

/// The chars of `text` at `positions`.
pub(super) fn picked(text: &str, positions: &[usize]) -> String {
    let chars: Vec<char> = text.chars().collect();
    positions.iter().map(|&i| chars[i]).collect()
}

pub(super) fn seeds_and_corpus() -> Corpus {
    let mut c = crate::library::seeds::bundled();
    c.documents.extend(corpus().documents);
    c
}
