//! The field terms of a text query (`lang:`, `feed:`, `#theme`, `is:`), tested on whole
//! documents as `briefdeck filter` tests them, so text search and the filter agree.

use crate::library::Corpus;
use crate::model::Format;
use crate::query::parse::feed_key;
use crate::query::{Facts, Query, TermKind, fold};

/// What a field term needs to know of a document.
pub struct Fields<'a> {
    pub lang: &'a str,
    pub format: Format,
    pub source: Option<&'a str>,
}

/// Whether the query has terms that need more than [`Fields`] (themes, reading state).
pub fn needs_facts(filters: &Query) -> bool {
    filters.groups().iter().flatten().any(|t| {
        matches!(
            t.kind,
            TermKind::Theme(_) | TermKind::Flag(_) | TermKind::UnknownFlag(_)
        )
    })
}

/// Whether document `doc` passes `filters`: every group has a term that holds (a negated term
/// holds when its test fails; a theme that names nothing, or reading state where there is
/// none, holds for no document, negated or not, as in `briefdeck filter`). `facts` answers
/// themes and state; without it (`None`) those terms hold for nothing.
pub fn passes(filters: &Query, fields: &Fields<'_>, facts: Option<(&dyn Facts, usize)>) -> bool {
    filters.groups().iter().all(|group| {
        group.iter().any(|term| {
            let hit = match &term.kind {
                TermKind::Lang(code) => fold(fields.lang) == *code,
                TermKind::Feed(key) => {
                    fields.format == Format::Feed
                        && fields
                            .source
                            .is_some_and(|s| feed_key(s).starts_with(key.as_str()))
                }
                TermKind::Theme(key) => {
                    let Some((facts, doc)) = facts else {
                        return false;
                    };
                    match facts.resolve_theme(key) {
                        Some(theme) => facts.has_theme(doc, None, theme),
                        None => return false,
                    }
                }
                TermKind::Flag(flag) => match facts {
                    Some((facts, doc)) if facts.has_state() => facts.flag(doc, *flag),
                    _ => return false,
                },
                TermKind::UnknownFlag(_) => return false,
                // Text terms are the index's business, never the fields'.
                TermKind::Text { .. } => !term.negated,
            };
            hit != term.negated
        })
    })
}

/// [`passes`] for document `doc` of `corpus`.
pub fn passes_in(filters: &Query, corpus: &Corpus, facts: &dyn Facts, doc: usize) -> bool {
    let d = &corpus.documents[doc];
    let fields = Fields {
        lang: &d.lang,
        format: d.format,
        source: d.source.as_deref(),
    };
    passes(filters, &fields, Some((facts, doc)))
}
