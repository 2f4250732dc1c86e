//! The linker's input: concepts interned once for the corpus, each with its kind and the label
//! that explains a link, and each takeaway as a document, a language and a bag of concept ids.

// Fx: the keys are words and small ids from our own tables; SipHash was a tenth of loading.
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::analysis::text::Lang;

/// What kind of concept two takeaways share; views show kinds differently (entity chips vs
/// plain words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConceptKind {
    /// A lexicon entity, canonical across languages ("Japan" for Giappone, Tokyo, Japanese).
    Entity,
    /// A capitalised or all-caps word the lexicon does not know ("Cavour", "PLA").
    Name,
    /// A lexicon theme both takeaways are tagged with.
    Theme,
    /// A stemmed content word, comparable only within one language.
    Word,
}

impl ConceptKind {
    /// How much a shared concept of this kind says about two claims being related, before
    /// rarity: a shared entity or name is strong evidence, a shared broad theme weak.
    pub fn weight(self) -> f32 {
        match self {
            ConceptKind::Entity => 1.0,
            ConceptKind::Name => 1.0,
            ConceptKind::Word => 0.7,
            ConceptKind::Theme => 0.5,
        }
    }
}

/// What identifies a concept across takeaways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConceptKey {
    /// Index into the lexicon's entities.
    Entity(usize),
    /// Index into the lexicon's themes.
    Theme(usize),
    /// Folded surface id from the tagger.
    Name(u32),
    /// Stem id from the tagger, in a language.
    Word(Lang, u32),
}

/// Interns concepts and remembers how to show them.
#[derive(Debug, Clone, Default)]
pub struct Concepts {
    index: HashMap<ConceptKey, u32>,
    kinds: Vec<ConceptKind>,
    labels: Vec<String>,
}

impl Concepts {
    /// The id of `key`, registering it with `label` (computed only the first time).
    pub fn id(&mut self, key: ConceptKey, label: impl FnOnce() -> String) -> u32 {
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = self.kinds.len() as u32;
        self.index.insert(key, id);
        self.kinds.push(match key {
            ConceptKey::Entity(_) => ConceptKind::Entity,
            ConceptKey::Theme(_) => ConceptKind::Theme,
            ConceptKey::Name(_) => ConceptKind::Name,
            ConceptKey::Word(..) => ConceptKind::Word,
        });
        self.labels.push(label());
        id
    }

    /// The kind of concept `id`.
    pub fn kind(&self, id: u32) -> ConceptKind {
        self.kinds[id as usize]
    }

    /// How concept `id` is shown to readers.
    pub fn label(&self, id: u32) -> &str {
        &self.labels[id as usize]
    }

    /// Number of distinct concepts.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether no concept was registered.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }
}

/// One takeaway as the linker sees it.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// Index of its document in the corpus: links never stay inside one document.
    pub doc: usize,
    /// Its document's language: words only compare within one.
    pub lang: Lang,
    /// Concept ids; duplicates are fine.
    pub concepts: Vec<u32>,
}
