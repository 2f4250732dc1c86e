//! What the tagger finds in a text: the hand-over between matching and its two readers, theme
//! scoring (entities and keywords) and the linker (names and words as well).

/// What one text contains, before scoring: the raw material of themes and links.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// Entity index → mentions.
    pub entities: Vec<(usize, u32)>,
    /// Theme index → keyword hits (entity hits are added when scoring).
    pub keyword_hits: Vec<(usize, u32)>,
    /// Folded surfaces of capitalised or all-caps words that are not sentence starts, stop words
    /// or part of an entity mention: names the lexicon does not know ("Cavour", "Kasumigaseki").
    pub names: Vec<u32>,
    /// Stems of the remaining content words, in the text's language (empty for other languages).
    pub words: Vec<u32>,
    /// Words in the text, for length normalisation.
    pub len: usize,
}
