//! A corpus's links as views and the on-disk index hold them: per takeaway, addressed by
//! (document, takeaway), each link with the shared concepts that explain it.

use serde::{Deserialize, Serialize};

use super::concepts::ConceptKind;

/// A concept two linked takeaways share, with its share of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// What kind of concept: views may style entities, names, themes and words differently.
    pub kind: ConceptKind,
    /// Human-readable: an entity's short label ("GCAP"), a theme's label, a name or word as
    /// written.
    pub label: crate::model::Interned,
    /// This concept's contribution to the link's score.
    pub weight: f32,
}

/// A link from one takeaway to a takeaway of another document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Index of the target in the linker's items (for a corpus: the global takeaway index).
    pub target: usize,
    /// Cosine of the weighted concept sets, in (0, 1].
    pub score: f32,
    /// Why: the shared concepts, strongest first.
    pub shared: Vec<Shared>,
}

/// The links of a whole corpus, addressed by (document index, takeaway index) so views can go
/// from the selected takeaway to its links and from a link to the takeaway to jump to.
///
/// Valid for the corpus it was computed on: rebuild (see `Corpus::analyse`) after adding or
/// removing documents. Serializable so the on-disk index can keep it for an unchanged corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// Global index of each document's first takeaway.
    starts: Vec<usize>,
    links: Vec<Vec<Link>>,
}

impl Links {
    /// Wraps per-item links; `takeaway_counts[d]` is the number of takeaways of document `d`,
    /// and items are in document order.
    pub fn new(takeaway_counts: &[usize], links: Vec<Vec<Link>>) -> Links {
        let mut starts = Vec::with_capacity(takeaway_counts.len());
        let mut total = 0;
        for c in takeaway_counts {
            starts.push(total);
            total += c;
        }
        debug_assert_eq!(total, links.len());
        Links { starts, links }
    }

    /// Whether these links can belong to a corpus with these takeaway counts per document:
    /// the same shape, and every target inside it. The on-disk index checks this before
    /// trusting stored links.
    pub fn fits(&self, takeaway_counts: &[usize]) -> bool {
        let total: usize = takeaway_counts.iter().sum();
        let mut start = 0;
        self.starts.len() == takeaway_counts.len()
            && self.links.len() == total
            && self.starts.iter().zip(takeaway_counts).all(|(&s, &c)| {
                let ok = s == start;
                start += c;
                ok
            })
            && self.links.iter().flatten().all(|l| l.target < total)
    }

    /// Links of takeaway `takeaway` of document `doc`, strongest first (empty when unknown).
    pub fn of(&self, doc: usize, takeaway: usize) -> &[Link] {
        self.global(doc, takeaway)
            .and_then(|g| self.links.get(g))
            .map_or(&[], Vec::as_slice)
    }

    /// The (document, takeaway) a link points at.
    pub fn target(&self, link: &Link) -> (usize, usize) {
        self.locate(link.target)
    }

    /// Global takeaway index of (document, takeaway).
    pub fn global(&self, doc: usize, takeaway: usize) -> Option<usize> {
        let g = self.starts.get(doc)? + takeaway;
        let end = self
            .starts
            .get(doc + 1)
            .copied()
            .unwrap_or(self.links.len());
        (g < end).then_some(g)
    }

    /// (document, takeaway) of a global takeaway index.
    pub fn locate(&self, global: usize) -> (usize, usize) {
        let doc = self.starts.partition_point(|&s| s <= global) - 1;
        // Skip documents without takeaways that start at the same index.
        (doc, global - self.starts[doc])
    }

    /// Every link as (from document, from takeaway, link), in corpus order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, &Link)> {
        self.links.iter().enumerate().flat_map(move |(g, ls)| {
            let (d, t) = self.locate(g);
            ls.iter().map(move |l| (d, t, l))
        })
    }

    /// Number of links in the corpus.
    pub fn count(&self) -> usize {
        self.links.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_addressing_skips_documents_without_takeaways() {
        let link = |target| Link {
            target,
            score: 0.5,
            shared: Vec::new(),
        };
        // Documents with 2, 0 and 1 takeaways; global indices 0, 1 | - | 2.
        let links = Links::new(&[2, 0, 1], vec![vec![link(2)], vec![], vec![link(0)]]);
        assert_eq!(links.of(0, 0).len(), 1);
        assert!(links.of(1, 0).is_empty(), "no takeaway 0 in document 1");
        assert_eq!(links.target(&links.of(0, 0)[0]), (2, 0));
        assert_eq!(links.target(&links.of(2, 0)[0]), (0, 0));
        assert_eq!(links.global(2, 0), Some(2));
        assert_eq!(links.global(0, 2), None);
        let all: Vec<(usize, usize)> = links.iter().map(|(d, t, _)| (d, t)).collect();
        assert_eq!(all, [(0, 0), (2, 0)]);
        assert_eq!(links.count(), 2);
    }
}
