//! The facts a corpus knows about itself (theme tags from its lexicon), in the shape the
//! searcher asks for them.

use std::sync::Arc;

use super::search::Facts;
use crate::analysis::themes::{Lexicon, ThemeLookup};
use crate::corpus::Corpus;

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
        let index = |ids: &[crate::corpus::model::ThemeScore]| -> Vec<u16> {
            ids.iter()
                .filter_map(|t| lexicon.theme_index(&t.id))
                .filter_map(|i| u16::try_from(i).ok())
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
