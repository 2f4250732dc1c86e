//! A parsed query compiled for the scan: each term's folded text with its char mask and, for a
//! fuzzy term, its automaton; theme keys resolved once against the facts; and what literal
//! terms score.

use super::buffer::mask_of;
use super::facts::Facts;
use super::fuzzy::WordNfa;
use crate::query::parse::{Flag, Query, TermKind, TextMode};

/// Score of a matching exact, boundary, prefix, suffix or whole-text term: a fixed bonus about
/// the size of a good fuzzy match of a short word, so literal terms rank with fuzzy ones.
pub const LITERAL_SCORE: i64 = 100;

/// A term ready to test: borrowed text plus its char mask.
pub(super) struct Compiled<'q> {
    pub(super) negated: bool,
    pub(super) test: Test<'q>,
}

pub(super) enum Test<'q> {
    Fuzzy {
        pat: &'q str,
        mask: u64,
        nfa: WordNfa,
        /// One char with a bit of its own in the mask (a-z, 0-9): the mask alone says
        /// whether it matches (one char skips no word).
        by_mask: bool,
    },
    Lit {
        mode: TextMode,
        pat: &'q str,
        mask: u64,
    },
    Field(Field<'q>),
}

pub(super) enum Field<'q> {
    Lang(&'q str),
    /// A [`crate::query::parse::feed_key`] prefix.
    Feed(&'q str),
    /// The resolved theme; `None` matches nothing.
    Theme(Option<usize>),
    Flag(Flag),
    Never,
}

pub(super) fn compile<'q>(query: &'q Query, facts: &dyn Facts) -> Vec<Vec<Compiled<'q>>> {
    query
        .groups()
        .iter()
        .map(|g| {
            g.iter()
                .map(|t| Compiled {
                    negated: t.negated,
                    test: match &t.kind {
                        TermKind::Text {
                            mode: TextMode::Fuzzy,
                            text,
                        } => Test::Fuzzy {
                            pat: text,
                            mask: mask_of(text),
                            nfa: WordNfa::new(text.as_bytes()),
                            by_mask: text.len() == 1 && text.as_bytes()[0].is_ascii_alphanumeric(),
                        },
                        TermKind::Text { mode, text } => Test::Lit {
                            mode: *mode,
                            pat: text,
                            mask: mask_of(text),
                        },
                        TermKind::Lang(code) => Test::Field(Field::Lang(code)),
                        TermKind::Feed(key) => Test::Field(Field::Feed(key)),
                        TermKind::Theme(key) => Test::Field(Field::Theme(facts.resolve_theme(key))),
                        TermKind::Flag(f) => Test::Field(Field::Flag(*f)),
                        TermKind::UnknownFlag(_) => Test::Field(Field::Never),
                    },
                })
                .collect()
        })
        .collect()
}

/// Whether a term asks the facts (themes, saved state) about each text.
pub(super) fn needs_facts(groups: &[Vec<Compiled>]) -> bool {
    groups
        .iter()
        .flatten()
        .any(|t| matches!(t.test, Test::Field(Field::Theme(Some(_)) | Field::Flag(_))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::search::fixtures::{corpus, picked, search};

    #[test]
    fn literal_terms_score_a_fixed_bonus_summed_over_terms() {
        let r = search("'japan 'partner");
        assert_eq!(r.takeaways[0].score, 2 * LITERAL_SCORE);
        let c = corpus();
        let text = &c.documents[1].takeaways[0].text;
        assert_eq!(picked(text, &r.takeaways[0].positions), "Japanpartner");
    }
}
