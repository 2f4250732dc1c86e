//! The fuzzy scorer: how well a pattern's chars align with a short window of folded text.
//!
//! The automaton in `search` decides *whether* a fuzzy term matches (chars in order, no whole
//! word skipped) and cuts the text down to the few words where the match lies; fuzzy-matcher's
//! `SkimMatcherV2` then ranks that window (affine gaps, bonuses for word starts and consecutive
//! chars) and, when asked, gives the aligned chars for highlighting. Windows are a few dozen
//! chars, and texts that cannot reach the shown top are never scored, so this is a small part
//! of a keystroke's cost.

// skim V2's scoring constants, for the upper bound below.
/// Score of one matched char.
const MATCH: i32 = 16;
/// Each char skipped inside a gap.
const GAP_EXTENSION: i32 = -1;
/// A match at a word start (after a space, a bracket, a slash, or at the window's start).
const BONUS_HEAD: i32 = MATCH / 2;
/// The window's first char counts double.
const FIRST_CHAR_MULTIPLIER: i32 = 2;

/// The highest score a pattern of `chars` chars can get: all of them in a row from the
/// window's first char (a word start, with its doubled bonus, which a run carries on). The
/// search prunes texts that cannot reach the shown top with it, so it must never be below a
/// real score (tested below against the matcher).
pub(crate) fn best_possible(chars: usize) -> i32 {
    if chars == 0 {
        return 0;
    }
    let first = GAP_EXTENSION + BONUS_HEAD * FIRST_CHAR_MULTIPLIER + MATCH;
    let next = BONUS_HEAD * FIRST_CHAR_MULTIPLIER + MATCH;
    first + next * (chars as i32 - 1)
}

/// One reusable matcher per thread (the search runs on several). Its cache stays on:
/// `use_cache(false)` panics in fuzzy-matcher 0.3.7 ("RefCell already borrowed"), and the
/// tests below check that scores do not depend on what was scored before.
#[derive(Default)]
pub(crate) struct Scorer {
    matcher: fuzzy_matcher::skim::SkimMatcherV2,
}

impl Scorer {
    /// Score of the best alignment of `pat` (folded) in `window` (folded), or `None` when its
    /// chars do not occur in order. With `positions`, appends the aligned char indices
    /// (relative to the window, ascending).
    pub(crate) fn score(
        &mut self,
        window: &str,
        pat: &str,
        positions: Option<&mut Vec<usize>>,
    ) -> Option<i32> {
        use fuzzy_matcher::FuzzyMatcher;
        let clamp = |s: i64| i32::try_from(s).unwrap_or(i32::MAX);
        match positions {
            None => self.matcher.fuzzy_match(window, pat).map(clamp),
            Some(pos) => {
                let (score, indices) = self.matcher.fuzzy_indices(window, pat)?;
                pos.extend(indices);
                Some(clamp(score))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(text: &str, pat: &str) -> Option<(i32, Vec<usize>)> {
        let mut s = Scorer::default();
        let mut pos = Vec::new();
        let with = s.score(text, pat, Some(&mut pos))?;
        assert_eq!(s.score(text, pat, None), Some(with), "{text:?} {pat:?}");
        Some((with, pos))
    }

    #[test]
    fn aligns_word_starts_and_runs() {
        assert_eq!(score("abc", "abc").unwrap().1, vec![0, 1, 2]);
        assert_eq!(score("xabc", "abc").unwrap().1, vec![1, 2, 3]);
        // Initials beat a scattered run.
        assert_eq!(
            score("global combat air programme", "gcap").unwrap().1,
            vec![0, 7, 14, 18]
        );
        assert!(score("abc", "abd").is_none());
        assert!(score("ab", "abc").is_none());
        // A word start beats the middle of a word.
        assert!(score("nato", "a").unwrap().0 < score("a nato", "a").unwrap().0);
        assert!(score("x-ab", "ab").unwrap().0 > score("xxab", "ab").unwrap().0);
    }

    #[test]
    fn nothing_beats_the_best_possible_score() {
        for (text, pat) in [
            ("supply chains", "su"),
            ("supply chains", "supply"),
            ("a supply", "su"),
            ("s", "s"),
            ("x-y z", "xyz"),
        ] {
            let got = score(text, pat).unwrap().0;
            assert!(got <= best_possible(pat.len()), "{text:?} {pat:?}");
        }
        // The bound is loose for skim (a run scores 20 a char after the first, the bound
        // allows 32): pruning is safe, just less eager.
        assert!(score("supply chains", "supply").unwrap().0 <= best_possible(6));
        assert!(score("s", "s").unwrap().0 <= best_possible(1));
    }

    #[test]
    fn consecutive_chars_score_more_than_gaps() {
        let run = score("japan italy", "ja").unwrap().0;
        let gap = score("jxapan", "ja").unwrap().0;
        assert!(run > gap, "{run} {gap}");
    }

    #[test]
    fn chars_and_bytes_agree() {
        // The same alignment on a window with one non-ASCII char elsewhere.
        let (a, pa) = score("citta e roma", "roma").unwrap();
        let (b, pb) = score("città e roma", "roma").unwrap();
        assert_eq!((a, pa), (b, pb));
        assert_eq!(score("σ roma", "σr").unwrap().1, vec![0, 2]);
    }

    #[test]
    fn scores_do_not_depend_on_what_came_before() {
        let mut s = Scorer::default();
        let fresh = s.score("aaxaxa", "aaa", None);
        let mut warmed = Scorer::default();
        for (t, p) in [("aaaaaaaaaaaaaaaaaaaa", "aaaaaaaa"), ("ab ab ab", "bab")] {
            warmed.score(t, p, Some(&mut Vec::new()));
        }
        assert_eq!(warmed.score("aaxaxa", "aaa", None), fresh);
    }
}
