//! Links between takeaways of different briefings, in either language, each with the concepts
//! that justify it.
//!
//! A takeaway is a set of concepts: entities (canonical ids, so "Giappone" and "Tokyo" are
//! "Japan"), themes, names the lexicon does not know (capitalised or all-caps words such as
//! "Cavour" or "Kasumigaseki", the same in every language) and stemmed content words (only
//! comparable within one language, so they are keyed by language). Concepts are weighted by
//! rarity, `kind weight × ln(1 + N / df)`, so "Italy" in an Italy-focused corpus counts for
//! little, and two takeaways score the cosine of their weighted concept sets.
//!
//! Candidates come from an inverted index (concept → takeaways), visiting rare concepts first
//! and skipping the posting lists of very common ones (they still count in the final score),
//! so the cost per takeaway is bounded and linking stays near-linear at 100,000 takeaways.
//!
//! `concepts` is what the linker is given (the concept vocabulary and one item per takeaway),
//! `linker` computes the links, and `store` keeps a corpus's links addressed by document and
//! takeaway, the form views read and the on-disk index stores.
#![warn(missing_docs)]

mod concepts;
mod linker;
mod store;

pub use concepts::{ConceptKey, ConceptKind, Concepts, Item};
pub use linker::{MAX_LINKS, MAX_POSTINGS, MIN_SCORE, link_all};
pub use store::{Link, Links, Shared};
