//! What the themes' tests share: the built-in lexicon and the ids a text is tagged with.

use std::sync::Arc;

use super::{Lexicon, Tagger};
use crate::analysis::text::Lang;

pub(super) fn lex() -> Arc<Lexicon> {
    Lexicon::builtin()
}

/// The entities found in `text`, by id, sorted.
pub(super) fn entity_ids(text: &str, lang: Lang) -> Vec<String> {
    let lex = lex();
    let mut tagger = Tagger::new(&lex);
    let scan = tagger.scan(text, lang);
    let mut ids: Vec<String> = scan
        .entities
        .iter()
        .map(|(e, _)| lex.entities[*e].id.clone())
        .collect();
    ids.sort();
    ids
}

/// The themes of `text`, best first.
pub(super) fn theme_ids(text: &str, lang: Lang) -> Vec<String> {
    let lex = lex();
    let mut tagger = Tagger::new(&lex);
    let scan = tagger.scan(text, lang);
    tagger
        .themes(&scan)
        .into_iter()
        .map(|t| t.id.to_string())
        .collect()
}
