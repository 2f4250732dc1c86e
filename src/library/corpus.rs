//! The loaded corpus: every document, what was skipped and why, the links between takeaways,
//! and the lexicon their themes come from. What every view reads.

use std::sync::{Arc, OnceLock};

use super::notice::{Notice, NoticeKind};
use crate::analysis::links::Links;
use crate::analysis::themes::{Lexicon, ThemeCount, theme_counts};
use crate::model::{Document, Takeaway};

/// Everything loaded, plus what was skipped or guessed and why.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub notices: Vec<Notice>,
    /// Related takeaways across documents; filled by [`Corpus::analyse`].
    pub links: CorpusLinks,
    /// The lexicon the themes come from, so views can show labels and counts for theme ids.
    pub lexicon: Arc<Lexicon>,
    /// The files as the load found them (`None` for in-memory sources): lets a full-text
    /// search see that nothing changed since without loading again.
    pub stamp: Option<super::stamp::FilesStamp>,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus {
            documents: Vec::new(),
            notices: Vec::new(),
            links: Default::default(),
            lexicon: Lexicon::builtin(),
            stamp: None,
        }
    }
}

impl Corpus {
    /// Tags documents and takeaways with themes and computes links (see `analysis::analyse`).
    /// Loading does this already; call it again after changing documents or the lexicon.
    pub fn analyse(&mut self, lexicon: &Arc<Lexicon>) {
        self.links = crate::analysis::analyse(&mut self.documents, lexicon).into();
        self.lexicon = lexicon.clone();
    }

    /// Counts of documents and takeaways per theme (see [`theme_counts`]).
    pub fn theme_counts(&self) -> Vec<ThemeCount> {
        theme_counts(&self.lexicon, &self.documents)
    }

    /// (document index, takeaway index) of a takeaway id: how views keep a selection or a
    /// history across filter changes.
    pub fn takeaway_by_id(&self, id: &str) -> Option<(usize, usize)> {
        let (doc_id, _) = id.rsplit_once('.')?;
        let di = self.documents.iter().position(|d| d.id == doc_id)?;
        let ti = self.documents[di]
            .takeaways
            .iter()
            .position(|t| t.id == id)?;
        Some((di, ti))
    }

    /// Takeaway `takeaway` of document `doc`, if both exist: links, history and stars name
    /// takeaways by these two indices.
    pub fn takeaway(&self, doc: usize, takeaway: usize) -> Option<&Takeaway> {
        self.documents.get(doc)?.takeaways.get(takeaway)
    }

    /// Finds a document by id, unique id prefix, path (as given, as displayed, or the same file),
    /// or unique file name.
    pub fn find(&self, key: &str) -> Option<&Document> {
        if let Some(d) = self.documents.iter().find(|d| d.id == key) {
            return Some(d);
        }
        let by_path = self
            .documents
            .iter()
            .find(|d| d.path_display == key || d.path == std::path::Path::new(key));
        if by_path.is_some() {
            return by_path;
        }
        let canonical = std::fs::canonicalize(key).ok();
        if let Some(c) = &canonical
            && let Some(d) = self
                .documents
                .iter()
                .find(|d| std::fs::canonicalize(&d.path).ok().as_ref() == Some(c))
        {
            return Some(d);
        }
        if key.len() >= 4
            && let Some(d) = self.unique(|d| d.id.starts_with(key))
        {
            return Some(d);
        }
        self.unique(|d| {
            d.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy() == key)
        })
    }

    fn unique(&self, pred: impl Fn(&Document) -> bool) -> Option<&Document> {
        let mut it = self.documents.iter().filter(|d| pred(d));
        match (it.next(), it.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    }

    /// Number of files skipped while loading.
    pub fn skipped(&self) -> usize {
        self.notices
            .iter()
            .filter(|n| n.kind == NoticeKind::Skipped)
            .count()
    }
}

/// A corpus's [`Links`], read as `&Links` (it derefs to them), perhaps still encoded in the
/// on-disk index: `list`, `filter` and most commands never look at links, and decoding them was
/// a fifth of a warm start at 10,000 documents. They are decoded on first use, once, whichever
/// thread asks first (or during the load: see `LoadOptions::links_ahead`).
///
/// Clones share the decoded links.
#[derive(Clone)]
pub struct CorpusLinks(Arc<LinksCell>);

struct LinksCell {
    ready: OnceLock<Links>,
    stored: Option<Box<dyn Fn() -> Links + Send + Sync>>,
}

impl CorpusLinks {
    /// Links that `decode` gives when first needed. It runs at most once and must not fail:
    /// a problem found that late is logged and gives no links.
    pub fn stored(decode: impl Fn() -> Links + Send + Sync + 'static) -> CorpusLinks {
        CorpusLinks(Arc::new(LinksCell {
            ready: OnceLock::new(),
            stored: Some(Box::new(decode)),
        }))
    }

    /// The links, decoding them now if they are still stored.
    pub fn get(&self) -> &Links {
        let cell = &*self.0;
        cell.ready.get_or_init(|| match &cell.stored {
            Some(decode) => decode(),
            None => Links::default(),
        })
    }

    /// Whether the links are decoded already (a log line can count them without decoding).
    pub fn is_ready(&self) -> bool {
        self.0.ready.get().is_some()
    }
}

impl Default for CorpusLinks {
    fn default() -> Self {
        Links::default().into()
    }
}

impl From<Links> for CorpusLinks {
    fn from(links: Links) -> Self {
        CorpusLinks(Arc::new(LinksCell {
            ready: OnceLock::from(links),
            stored: None,
        }))
    }
}

impl std::ops::Deref for CorpusLinks {
    type Target = Links;
    fn deref(&self) -> &Links {
        self.get()
    }
}

impl PartialEq for CorpusLinks {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for CorpusLinks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.ready.get() {
            Some(links) => links.fmt(f),
            None => f.write_str("CorpusLinks(stored)"),
        }
    }
}
