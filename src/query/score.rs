//! The fuzzy scorer: how well a pattern's chars align with a short window of folded text.
//!
//! The automaton in `search` decides *whether* a fuzzy term matches (chars in order, no whole
//! word skipped) and cuts the text down to the few words where the match lies; fuzzy-matcher's
//! `SkimMatcherV2` then ranks that window (affine gaps, bonuses for word starts and consecutive
//! chars) and, when asked, gives the aligned chars for highlighting. Windows are a few dozen
//! chars, and texts that cannot reach the shown top are never scored, so this is a small part
//! of a keystroke's cost.

// skim V2's scoring, for the upper bound below (see `SkimScoreConfig::default`).
/// The first char: a match (16) at the window's first column, whose word-start bonus (8) counts
/// double, after the one-char gap skim charges before it (-1).
const FIRST: i32 = 16 + 2 * 8 - 1;
/// A later char after a letter or digit: a match (16) plus at most the bonus for following the
/// previous match (4), or after a gap (-3 start, -1 a char) a word-start bonus (8).
const NEXT_IN_WORD: i32 = 16 + 4;
/// A later char after a separator in the pattern, which can also start a word right after the
/// previous match: 16 + 8.
const NEXT_AFTER_SEPARATOR: i32 = 16 + 8;
/// A later char after one of skim's soft separators (`-`, `.`, `'`, ...): right after the
/// matched separator it gets the bonus for a broken word (7), not a word start's 8; after a gap
/// (-3) a word start gives no more (16 + 8 - 3). `indo-p` reaches it in "indo-pacific".
const NEXT_AFTER_SOFT_SEPARATOR: i32 = 16 + 7;

/// skim's soft separators: punctuation that breaks a word less than a space or a slash does.
fn soft_separator(c: char) -> bool {
    matches!(c, '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~')
}

/// The highest score `pat` can get in any window. The search stops scoring texts once enough
/// have reached it (ties keep corpus order), so it must never be below a real score — a
/// property test below checks it against the matcher on random windows — and the tighter it
/// is, the sooner pruning starts: a letters-only pattern reaches exactly this at a word start.
pub(crate) fn best_possible(pat: &str) -> i32 {
    let mut prev: Option<char> = None;
    let mut best = 0i32;
    for c in pat.chars() {
        best = best.saturating_add(match prev {
            None => FIRST,
            // skim's word characters: letters (any script) and digits; only an upper-case
            // char could get a camel-case bonus, and folded patterns have none.
            Some(p) if (p.is_alphanumeric() || !p.is_ascii()) && !c.is_ascii_uppercase() => {
                NEXT_IN_WORD
            }
            Some(p) if soft_separator(p) => NEXT_AFTER_SOFT_SEPARATOR,
            Some(_) => NEXT_AFTER_SEPARATOR,
        });
        prev = Some(c);
    }
    best
}

/// One reusable matcher per thread (the search runs on several). Its cache stays on:
/// `use_cache(false)` panics in fuzzy-matcher 0.3.7 ("RefCell already borrowed").
///
/// The cache has a flaw this works around: the score matrix is resized, not cleared, between
/// calls, and the alignment reads a cell's consecutive-match bonus before this call has written
/// it, so a score depends on what was scored before (in a long run, "aaaaaab" in
/// "abaaaaaab1" went from 144 to 158). Scoring a one-char text first shrinks the cached matrix,
/// so the real call starts from default cells, exactly as a fresh matcher would; the property
/// test below compares the two.
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
        // Shrink the cached matrix (see above); costs a 2×2 alignment.
        let _ = self.matcher.fuzzy_match("a", "a");
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

    proptest::proptest! {
        /// Over windows of letters, digits, separators and an accented letter (skim's char
        /// classes), no alignment, with or without positions, beats the bound.
        #[test]
        fn nothing_beats_the_best_possible_score(
            text in "[ab1 ./é-]{1,18}",
            pat in "[ab1 ./é-]{1,8}",
        ) {
            let mut s = Scorer::default();
            let bound = best_possible(&pat);
            if let Some(got) = s.score(&text, &pat, None) {
                proptest::prop_assert!(got <= bound, "{} > {}", got, bound);
            }
            if let Some(got) = s.score(&text, &pat, Some(&mut Vec::new())) {
                proptest::prop_assert!(got <= bound, "{} > {}", got, bound);
            }
        }

        /// A reused scorer gives what a fresh matcher gives, whatever it scored before.
        #[test]
        fn scores_do_not_depend_on_what_came_before(
            pairs in proptest::collection::vec(("[ab1 ./-]{1,16}", "[ab1 ./-]{1,6}"), 1..40),
        ) {
            use fuzzy_matcher::FuzzyMatcher;
            let mut reused = Scorer::default();
            for (text, pat) in &pairs {
                let fresh = fuzzy_matcher::skim::SkimMatcherV2::default();
                let want = fresh.fuzzy_match(text, pat).map(|s| s as i32);
                proptest::prop_assert_eq!(reused.score(text, pat, None), want);
                let fresh = fuzzy_matcher::skim::SkimMatcherV2::default();
                let want = fresh.fuzzy_indices(text, pat).map(|(s, _)| s as i32);
                proptest::prop_assert_eq!(reused.score(text, pat, Some(&mut Vec::new())), want);
            }
        }
    }

    #[test]
    fn letters_at_a_word_start_reach_the_bound() {
        // The bound is exact for what users mostly type, so pruning starts early.
        assert_eq!(
            score("supply chains", "supply").unwrap().0,
            best_possible("supply")
        );
        assert_eq!(score("s", "s").unwrap().0, best_possible("s"));
        assert_eq!(
            score("critical minerals", "cri").unwrap().0,
            best_possible("cri")
        );
        assert!(score("a supply", "su").unwrap().0 < best_possible("su"));
        // And after a hyphen or an apostrophe, where skim's bonus is a point lower (windows
        // start at the matched word, as the search cuts them).
        for (text, pat) in [
            ("indo-pacific", "indo-p"),
            ("nell'indo-pacifico", "nell'i"),
            ("u.s. export", "u.s"),
        ] {
            assert_eq!(score(text, pat).unwrap().0, best_possible(pat), "{pat}");
        }
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
}
