//! The facts a corpus knows about itself (theme tags from its lexicon), and the reader's saved
//! state on top of them (read, starred), in the shape the searcher asks for them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::parse::Flag;
use super::search::Facts;
use crate::analysis::themes::{Lexicon, ThemeLookup};
use crate::library::Corpus;
use crate::state::State;

/// Theme tags of every document and takeaway, as lexicon indices, plus the lexicon to resolve
/// `#key` terms against (id, or unique prefix of an id or an English or Italian label).
pub struct CorpusFacts {
    lexicon: Arc<Lexicon>,
    docs: Vec<Vec<u16>>,
    takeaways: Vec<Vec<Vec<u16>>>,
}

impl CorpusFacts {
    /// Indexes the tags once, so a search tests a theme with a short slice scan.
    pub fn new(corpus: &Corpus) -> CorpusFacts {
        let lexicon = corpus.lexicon.clone();
        // A quarter of a million theme scores at 10,000 documents: a hash lookup each, not a
        // scan of the lexicon's themes (that was 30 ms of the dashboard's first frame).
        let mut by_id: FxHashMap<&str, u16> = FxHashMap::default();
        for (i, t) in lexicon.themes.iter().enumerate() {
            if let Ok(i) = u16::try_from(i) {
                // The first theme with an id, as `Lexicon::theme_index` finds it.
                by_id.entry(t.id.as_str()).or_insert(i);
            }
        }
        let index = |ids: &[crate::model::ThemeScore]| -> Vec<u16> {
            ids.iter()
                .filter_map(|t| by_id.get(t.id.as_str()).copied())
                .collect()
        };
        let docs = corpus.documents.iter().map(|d| index(&d.themes)).collect();
        let takeaways = corpus
            .documents
            .iter()
            .map(|d| d.takeaways.iter().map(|t| index(&t.themes)).collect())
            .collect();
        CorpusFacts {
            lexicon,
            docs,
            takeaways,
        }
    }
}

impl Facts for CorpusFacts {
    fn has_themes(&self) -> bool {
        !self.lexicon.themes.is_empty()
    }

    fn resolve_theme(&self, key: &str) -> Option<usize> {
        match self.lexicon.theme_by_prefix(key) {
            ThemeLookup::Unique(i) => Some(i),
            _ => None,
        }
    }

    fn theme_note(&self, key: &str) -> Option<String> {
        match self.lexicon.theme_by_prefix(key) {
            ThemeLookup::Unique(_) => None,
            ThemeLookup::None => Some(format!(
                "#{key}: no such theme (see `briefdeck themes` or press t)"
            )),
            ThemeLookup::Ambiguous(hits) => {
                let ids: Vec<&str> = hits
                    .iter()
                    .filter_map(|&i| self.lexicon.themes.get(i))
                    .map(|t| t.id.as_str())
                    .collect();
                Some(format!("#{key}: ambiguous, could be {}", ids.join(", ")))
            }
        }
    }

    fn has_theme(&self, doc: usize, takeaway: Option<usize>, theme: usize) -> bool {
        let tags = match takeaway {
            None => self.docs.get(doc),
            Some(t) => self.takeaways.get(doc).and_then(|d| d.get(t)),
        };
        tags.is_some_and(|tags| tags.iter().any(|&i| usize::from(i) == theme))
    }
}

/// A corpus's facts plus reading state, so `is:read`, `is:unread` and `is:starred` match:
/// read and unread test a text's document; starred tests a takeaway itself, and a title when
/// its document holds a starred takeaway. A snapshot: build a new one when the state changes
/// (cheap: the themes are shared, and the state costs one pass over the documents).
pub struct StateFacts {
    base: Arc<CorpusFacts>,
    read: Vec<bool>,
    starred_docs: Vec<bool>,
    starred: HashSet<(usize, usize)>,
}

impl StateFacts {
    /// Resolves `state`'s document and takeaway ids against `corpus`; marks of documents not in
    /// it are ignored.
    pub fn new(base: Arc<CorpusFacts>, corpus: &Corpus, state: &State) -> StateFacts {
        let read = corpus
            .documents
            .iter()
            .map(|d| state.is_read(&d.id))
            .collect();
        let mut starred_docs = vec![false; corpus.documents.len()];
        let mut starred = HashSet::new();
        let mut ids: Option<HashMap<&str, usize>> = None;
        for id in state.starred() {
            let Some((doc_id, _)) = id.rsplit_once('.') else {
                continue;
            };
            let ids = ids.get_or_insert_with(|| {
                corpus
                    .documents
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.id.as_str(), i))
                    .collect()
            });
            let Some(&doc) = ids.get(doc_id) else {
                continue;
            };
            if let Some(t) = corpus.documents[doc]
                .takeaways
                .iter()
                .position(|t| t.id == id)
            {
                starred_docs[doc] = true;
                starred.insert((doc, t));
            }
        }
        StateFacts {
            base,
            read,
            starred_docs,
            starred,
        }
    }
}

impl Facts for StateFacts {
    fn has_themes(&self) -> bool {
        self.base.has_themes()
    }

    fn resolve_theme(&self, key: &str) -> Option<usize> {
        self.base.resolve_theme(key)
    }

    fn theme_note(&self, key: &str) -> Option<String> {
        self.base.theme_note(key)
    }

    fn has_theme(&self, doc: usize, takeaway: Option<usize>, theme: usize) -> bool {
        self.base.has_theme(doc, takeaway, theme)
    }

    fn has_state(&self) -> bool {
        true
    }

    fn flag(&self, doc: usize, flag: Flag) -> bool {
        self.flag_at(doc, None, flag)
    }

    fn flag_at(&self, doc: usize, takeaway: Option<usize>, flag: Flag) -> bool {
        let read = self.read.get(doc).copied().unwrap_or(false);
        match (flag, takeaway) {
            (Flag::Read, _) => read,
            (Flag::Unread, _) => !read,
            (Flag::Starred, None) => self.starred_docs.get(doc).copied().unwrap_or(false),
            (Flag::Starred, Some(t)) => self.starred.contains(&(doc, t)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Query, Searcher};
    use crate::state::Store;

    #[test]
    fn flags_select_read_documents_and_starred_takeaways() {
        let corpus = crate::library::seeds::bundled();
        let base = Arc::new(CorpusFacts::new(&corpus));
        let (d0, d1) = (&corpus.documents[0], &corpus.documents[1]);
        let mut store = Store::in_memory();
        store.mark_read(&d1.id);
        store.set_star(&d0.takeaways[2].id, true);
        store.set_star(&d1.takeaways[0].id, true);
        store.set_star(&d1.takeaways[0].id, false);
        let mut s = Searcher::new(&corpus);
        s.set_facts(Box::new(StateFacts::new(base, &corpus, store.state())));
        let mut run = |q: &str| {
            let r = s.search(&corpus, &Query::parse(q));
            let docs: Vec<usize> = r.docs.iter().map(|h| h.doc).collect();
            let takeaways: Vec<(usize, usize)> =
                r.takeaways.iter().map(|t| (t.doc, t.takeaway)).collect();
            (docs, takeaways)
        };
        assert_eq!(run("is:read").0, vec![1]);
        assert_eq!(run("is:unread").0, vec![0]);
        assert_eq!(run("!is:read").0, vec![0]);
        assert_eq!(
            run("is:starred"),
            (vec![0], vec![(0, 2)]),
            "the unstar holds"
        );
        assert_eq!(run("is:starred | is:read").0, vec![0, 1]);
        assert!(s.notes(&Query::parse("is:starred")).is_empty());
    }
}
