//! Fuzzy terms: the word rule (a match may skip the rest of a word, never a whole word) as a
//! bit-parallel automaton that decides whether a text matches, and the windowed scoring that
//! ranks and highlights the match it found.

use memchr::memchr;

use crate::query::score::Scorer;

/// Scores fuzzy term `pat` on `text`, where the automaton found the first valid match ending
/// at byte `end`.
///
/// A fuzzy match may skip the rest of a word and anything that is not a word, but never a whole
/// word: no skipped char may start one. So `gcap` finds "GCAP" and "Global Combat Air
/// Programme" but not a g, c, a and p strewn over a paragraph, which fzf's rule (chars in order,
/// anywhere) accepts for almost any short word in a long takeaway.
///
/// Like fzf's fast path for long items, it walks back from the first place a valid match ends
/// to the tightest start, and runs the scorer on just the words between: a few dozen chars
/// instead of a whole takeaway (the scorer's cost grows with the text's length times the
/// pattern's). With `pos`, appends folded char positions to it.
pub(super) fn fuzzy(
    scorer: &mut Scorer,
    nfa: &WordNfa,
    text: &str,
    pat: &str,
    end: usize,
    pos: Option<&mut Vec<usize>>,
) -> Option<i32> {
    let bytes = text.as_bytes();
    let (start, end) = if pat.len() <= 64 {
        let start = nfa.last_start(bytes, end);
        // Widen to whole words (stopping only at ASCII non-word bytes, so on char boundaries):
        // the scorer's bonuses for word starts need to see where words begin.
        let start = bytes[..start]
            .iter()
            .rposition(|&b| !wordish(b))
            .map_or(0, |i| i + 1);
        let end = bytes[end + 1..]
            .iter()
            .position(|&b| !wordish(b))
            .map_or(bytes.len(), |i| end + 1 + i);
        (start, end)
    } else {
        // Past 64 bytes the automaton checks the first 64 only; the scorer sees everything.
        (0, bytes.len())
    };
    // The scorer picks its best alignment in the window, which may skip a word where a valid
    // one exists (it likes "a,cCA" better than "a,Cca" for "aca"): the automaton has decided
    // the match, the scorer only ranks and highlights it.
    let window = &text[start..end];
    let Some(pos) = pos else {
        return scorer.score(window, pat, None);
    };
    let from = pos.len();
    let score = scorer.score(window, pat, Some(pos))?;
    if start > 0 {
        let offset = text[..start].chars().count();
        pos[from..].iter_mut().for_each(|p| *p += offset);
    }
    Some(score)
}

/// A byte that can be inside a word: ASCII letters and digits, and any non-ASCII byte.
#[inline]
fn wordish(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A bit-parallel (Shift-And) automaton for "the bytes of the pattern occur in order and no
/// skipped byte starts a word", run in one pass over the bytes with a few instructions each.
/// A word starts at an ASCII letter or digit after a byte that is neither (nor non-ASCII):
/// folded Latin text is nearly all ASCII, and other scripts fall back to fzf's plain rule. Only
/// the first 64 bytes of a pattern take part (one bit each); longer patterns must also pass a
/// plain subsequence test.
#[derive(Debug, Clone)]
pub(super) struct WordNfa {
    /// For each byte value, the pattern positions holding it, forwards and backwards.
    fwd: Box<[u64; 256]>,
    rev: Box<[u64; 256]>,
    last: u64,
    /// The pattern's first byte: while no partial match is alive, the scan jumps to its next
    /// occurrence with memchr instead of stepping the automaton byte by byte.
    first: u8,
}

impl WordNfa {
    pub(super) fn new(pat: &[u8]) -> WordNfa {
        let pat = &pat[..pat.len().min(64)];
        let mut fwd = Box::new([0u64; 256]);
        let mut rev = Box::new([0u64; 256]);
        for (j, &b) in pat.iter().enumerate() {
            fwd[b as usize] |= 1 << j;
            rev[b as usize] |= 1 << (pat.len() - 1 - j);
        }
        WordNfa {
            fwd,
            rev,
            last: 1u64 << (pat.len().max(1) - 1),
            first: pat.first().copied().unwrap_or(0),
        }
    }

    /// Index of the byte where the first valid match ends.
    #[inline]
    pub(super) fn first_end(&self, text: &[u8]) -> Option<usize> {
        let mut live: u64 = 0;
        let mut prev_word = false;
        let mut i = 0;
        while i < text.len() {
            if live == 0 {
                // Nothing alive: only the pattern's first byte can start something.
                i += memchr(self.first, &text[i..])?;
                prev_word = i > 0 && wordish(text[i - 1]);
            }
            let b = text[i];
            let starts_word = b.is_ascii_alphanumeric() && !prev_word;
            prev_word = wordish(b);
            let matched = ((live << 1) | 1) & self.fwd[b as usize];
            live = if starts_word { matched } else { matched | live };
            if live & self.last != 0 {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The latest start of a valid match that ends at `end` (found by `first_end`).
    pub(super) fn last_start(&self, text: &[u8], end: usize) -> usize {
        let mut live: u64 = self.rev[text[end] as usize] & 1;
        if live & self.last != 0 {
            return end;
        }
        for i in (0..end).rev() {
            let b = text[i];
            let starts_word = b.is_ascii_alphanumeric() && (i == 0 || !wordish(text[i - 1]));
            let matched = (live << 1) & self.rev[b as usize];
            live = if starts_word { matched } else { matched | live };
            if live & self.last != 0 {
                return i;
            }
        }
        0
    }
}

/// Whether the bytes of `pat` occur in `hay` in order: necessary for the chars to (UTF-8 keeps
/// each char's bytes together), and memchr makes it a few vector scans.
#[inline]
pub(super) fn subsequence(hay: &[u8], pat: &[u8]) -> bool {
    let mut at = 0;
    for &b in pat {
        match memchr(b, &hay[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::query::search::buffer::mask_of;
    use crate::query::search::fixtures::{corpus, docs, picked, search, tk};

    #[test]
    fn fuzzy_matches_may_not_skip_whole_words() {
        // A scattered match over a title is rejected as a whole.
        assert!(search("gcap").docs.iter().all(|h| h.doc == 1));
        assert_eq!(docs(&search("gcap")), vec![1]);
        // Initials are fine, and so is skipping the rest of a word.
        let c = corpus();
        let r = search("gcaprog");
        assert_eq!(tk(&r), vec![(1, 1)]);
        let text = &c.documents[1].takeaways[1].text;
        assert_eq!(picked(text, &r.takeaways[0].positions), "GCAProg");
        let r = search("glcoairpro");
        assert_eq!(tk(&r), vec![(1, 1)]);
        assert_eq!(picked(text, &r.takeaways[0].positions), "GlCoAirPro");
        assert!(
            search("glairpro").takeaways.is_empty(),
            "skips the word Combat"
        );
    }

    #[test]
    fn prefilter_helpers() {
        assert!(subsequence(b"japan and italy", b"jpi"));
        assert!(!subsequence(b"japan and italy", b"ijp"));
        assert!(subsequence(b"abc", b""));
        assert_eq!(mask_of("ab") & mask_of("abc"), mask_of("ab"));
    }

    /// The word rule on chars, the way a person states it: whether a fuzzy match (ascending char `positions` in `text`) skips no whole word: between
    /// two matched chars it may pass over the rest of a word and anything that is not a word, but no
    /// skipped char may start a word. So `gcap` finds "GCAP" and "Global Combat Air Programme" but
    /// not a g, c, a and p strewn over a paragraph, which fzf's rule (chars in order, anywhere)
    /// accepts for almost any short word in a long takeaway.
    fn skips_no_word(text: &str, positions: &[usize]) -> bool {
        let (Some(&first), Some(&last)) = (positions.first(), positions.last()) else {
            return true;
        };
        let mut matched = positions.iter().peekable();
        let mut prev_word = false;
        for (i, c) in text.chars().enumerate().take(last + 1) {
            let word = c.is_alphanumeric();
            let is_match = matched.next_if_eq(&&i).is_some();
            if i > first && !is_match && word && !prev_word {
                return false;
            }
            prev_word = word;
        }
        true
    }

    /// Every way `pat` occurs in order in `text` (char positions), by brute force.
    fn alignments(
        text: &[char],
        pat: &[char],
        from: usize,
        out: &mut Vec<Vec<usize>>,
        cur: &mut Vec<usize>,
    ) {
        if cur.len() == pat.len() {
            out.push(cur.clone());
            return;
        }
        for i in from..text.len() {
            if text[i] == pat[cur.len()] {
                cur.push(i);
                alignments(text, pat, i + 1, out, cur);
                cur.pop();
            }
        }
    }

    #[test]
    fn the_char_rule_in_words() {
        let text = "global combat air programme";
        // g-c-a-p on word starts: every skipped char is inside a word or a space.
        assert!(skips_no_word(text, &[0, 7, 14, 18]));
        // Skipping "combat" entirely (its first char) is not allowed.
        assert!(!skips_no_word(text, &[0, 14]));
        assert!(skips_no_word("crosetto", &[0, 1, 3, 5, 6, 7]));
        assert!(skips_no_word("", &[]));
        // What comes before the first matched char is not skipped.
        assert!(skips_no_word("ab cd", &[3]));
    }

    #[test]
    fn nfa_finds_the_first_valid_end_and_its_tightest_start() {
        let nfa = WordNfa::new(b"gcap");
        let text = b"the global combat air programme; gcap";
        assert_eq!(nfa.first_end(text), Some(22));
        assert_eq!(nfa.last_start(text, 22), 4);
        // Strewn letters that skip whole words do not count.
        assert_eq!(WordNfa::new(b"gcap").first_end(b"go to cat and play"), None);
        assert_eq!(WordNfa::new(b"ab").first_end(b"a xb ab"), Some(6));
        assert_eq!(WordNfa::new(b"ab").last_start(b"a xb ab", 6), 5);
        assert_eq!(WordNfa::new(b"a").first_end(b"xyz a"), Some(4));
        assert_eq!(WordNfa::new(b"a").last_start(b"xyz a", 4), 4);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// On ASCII, the automaton accepts exactly when some alignment obeys the char rule,
        /// its start..end holds one, and the windowed scorer then always finds a match.
        #[test]
        fn nfa_is_the_char_rule(text in "[abc ,-]{0,16}", pat in "[abc-]{1,4}") {
            let chars: Vec<char> = text.chars().collect();
            let p: Vec<char> = pat.chars().collect();
            let mut all = Vec::new();
            alignments(&chars, &p, 0, &mut all, &mut Vec::new());
            let valid: Vec<&Vec<usize>> =
                all.iter().filter(|a| skips_no_word(&text, a)).collect();
            let nfa = WordNfa::new(pat.as_bytes());
            let end = nfa.first_end(text.as_bytes());
            prop_assert_eq!(end.is_some(), !valid.is_empty());
            if let Some(end) = end {
                prop_assert_eq!(Some(end), valid.iter().map(|a| a[a.len() - 1]).min());
                let start = nfa.last_start(text.as_bytes(), end);
                let tightest = valid
                    .iter()
                    .filter(|a| a[a.len() - 1] == end)
                    .map(|a| a[0])
                    .max();
                prop_assert_eq!(Some(start), tightest);
            }
            if let Some(end) = end {
                let windowed = fuzzy(&mut Scorer::default(), &nfa, &text, &pat, end, None);
                prop_assert!(windowed.is_some());
            }
        }
    }
}
