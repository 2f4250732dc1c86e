//! The matcher's table: lexicon phrases (entity aliases, theme keywords) as sequences of word
//! ids, indexed by their first word, each with the case an alias must have in the text. What
//! keeps tagging linear in the text whatever the size of the lexicon.

use crate::analysis::text::Token;

/// How strictly an alias's case must agree with the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CaseRule {
    /// Multi-word names and lower-case adjectives ("giapponese", "Corridoio di Lobito").
    Any,
    /// One capitalised word ("Tempest", "Quad", "Eni"): the common noun must not match.
    Capitalised,
    /// Short acronyms ("US", "UE", "UN"): the surface must be identical, or else "us" and the
    /// Italian article "un" would be countries; four-letter ones also match in title case
    /// ("Nato", as Italian papers write it).
    Acronym(Vec<String>),
}

#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub(super) ids: Vec<u32>,
    /// Theme indices for keywords, the entity index for aliases.
    pub(super) targets: Vec<usize>,
    pub(super) case: CaseRule,
}

/// First word → phrases starting with it, longest first.
#[derive(Debug, Clone, Default)]
pub(super) struct PhraseIndex {
    /// By word id (the lexicon's vocabulary numbers its words densely from 0): the index in
    /// `lists` of the phrases starting with that word, or [`NONE`]. An array index per token
    /// instead of a hash lookup; ids past the end (words the lexicon does not know) start none.
    first: Vec<u32>,
    lists: Vec<Vec<Phrase>>,
}

const NONE: u32 = u32::MAX;

impl PhraseIndex {
    pub(super) fn insert(&mut self, ids: Vec<u32>, target: usize, case: CaseRule) {
        let Some(&first) = ids.first() else { return };
        let first = first as usize;
        if self.first.len() <= first {
            self.first.resize(first + 1, NONE);
        }
        if self.first[first] == NONE {
            self.first[first] = self.lists.len() as u32;
            self.lists.push(Vec::new());
        }
        let list = &mut self.lists[self.first[first] as usize];
        if let Some(p) = list.iter_mut().find(|p| p.ids == ids && p.case == case) {
            if !p.targets.contains(&target) {
                p.targets.push(target);
            }
            return;
        }
        list.push(Phrase {
            ids,
            targets: vec![target],
            case,
        });
        list.sort_by_key(|p| std::cmp::Reverse(p.ids.len()));
    }

    /// The longest phrase matching at `i`; `ids_at(j)` gives the id of token `j` in this index's
    /// vocabulary and `case_ok` checks a phrase's case rule against the tokens it would cover.
    #[inline]
    pub(super) fn longest_at(
        &self,
        i: usize,
        n: usize,
        ids_at: impl Fn(usize) -> u32,
        case_ok: impl Fn(&CaseRule, usize) -> bool,
    ) -> Option<&Phrase> {
        let at = *self.first.get(ids_at(i) as usize)?;
        if at == NONE {
            return None;
        }
        self.lists[at as usize].iter().find(|p| {
            i + p.ids.len() <= n
                && p.ids
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, id)| ids_at(i + k) == *id)
                && case_ok(&p.case, i)
        })
    }
}

pub(super) fn case_ok(case: &CaseRule, text: &str, toks: &[Token], at: usize) -> bool {
    match case {
        CaseRule::Any => true,
        CaseRule::Capitalised => toks[at].capitalised,
        CaseRule::Acronym(surfaces) => surfaces.iter().enumerate().all(|(k, s)| {
            let got = &text[toks[at + k].range.clone()];
            got == s
                || (s.chars().count() == 4
                    && surfaces.len() == 1
                    && toks[at].capitalised
                    && got.chars().skip(1).all(char::is_lowercase)
                    && got.to_uppercase() == *s)
        }),
    }
}
