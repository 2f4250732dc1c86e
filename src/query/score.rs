//! The fuzzy scorer: how well a pattern's chars align with a short window of folded text.
//!
//! The automaton in `search` decides *whether* a fuzzy term matches (chars in order, no whole
//! word skipped) and cuts the text down to the few words where the match lies; this module then
//! ranks that window with skim's V2 scheme (affine gaps, bonuses for word starts and for
//! consecutive chars) and, when asked, backtracks the best alignment for highlighting.
//!
//! It was `fuzzy_matcher::SkimMatcherV2`; this is the same dynamic programme with three
//! differences that matter per keystroke over a million texts: no allocation and no
//! thread-local lookups per call (buffers live in a [`Scorer`] each thread owns), ASCII
//! windows are scored on bytes without decoding, and a consecutive char's bonus comes from the
//! match it extends (as in fzf), where skim read a cell its cache may have left from an
//! earlier call, so a score no longer depends on which texts were scored before it.

/// Score of one matched char.
const MATCH: i32 = 16;
/// Opening a gap between matched chars, on top of `GAP_EXTENSION` per skipped char.
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
/// A match at a word start (after a space, a bracket, a slash, or at the window's start).
const BONUS_HEAD: i32 = MATCH / 2;
/// A match after other punctuation (`-`, `.`, `'`, ...).
const BONUS_BREAK: i32 = MATCH / 2 + GAP_EXTENSION;
/// An upper-case char after a lower-case one or a digit (folded text has none, kept for
/// unfolded callers).
const BONUS_CAMEL: i32 = MATCH / 2 + 2 * GAP_EXTENSION;
/// Least bonus of a char matched right after the previous one.
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
/// The window's first char counts double.
const FIRST_CHAR_MULTIPLIER: i32 = 2;
/// Far below any real score, and safe to add a few hundred to without overflow.
const NEG: i32 = i32::MIN / 4;

/// The highest score a pattern of `chars` chars can get: all of them in a row from the
/// window's first char (a word start, with its doubled bonus, which a run carries on).
pub(crate) fn best_possible(chars: usize) -> i32 {
    if chars == 0 {
        return 0;
    }
    let first = GAP_EXTENSION + BONUS_HEAD * FIRST_CHAR_MULTIPLIER + MATCH;
    let next = BONUS_HEAD * FIRST_CHAR_MULTIPLIER + MATCH;
    first + next * (chars as i32 - 1)
}

/// skim's char classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

/// A text unit the scorer aligns: a byte of an ASCII window or a char of any other.
trait Sym: Copy + Eq {
    fn class(self) -> Class;
}

impl Sym for u8 {
    #[inline]
    fn class(self) -> Class {
        match self {
            b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::HardSep,
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Class::SoftSep,
            b'0'..=b'9' => Class::Number,
            b'A'..=b'Z' => Class::Upper,
            _ => Class::Lower,
        }
    }
}

impl Sym for char {
    #[inline]
    fn class(self) -> Class {
        if self.is_ascii() {
            (self as u8).class()
        } else {
            Class::Lower
        }
    }
}

#[inline]
fn bonus(prev: Class, cur: Class) -> i32 {
    match (prev, cur) {
        (Class::Empty | Class::HardSep, _) => BONUS_HEAD,
        (Class::SoftSep, _) => BONUS_BREAK,
        (Class::Lower | Class::Number, Class::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// Reusable buffers for scoring; one per thread, so the hot loop never allocates once they
/// have grown to the longest window seen.
#[derive(Debug, Default)]
pub(crate) struct Scorer {
    chars: Vec<char>,
    pat_chars: Vec<char>,
    bonus: Vec<i32>,
    first: Vec<usize>,
    /// Rows of the previous and the current pattern char: best score ending in a match at
    /// each column (`m`), best score with that column skipped (`p`), and the bonus the
    /// match's run of consecutive chars carries (`b`).
    m: [Vec<i32>; 2],
    p: [Vec<i32>; 2],
    b: [Vec<i32>; 2],
    /// Per cell, bit 0: the match extends the previous char's match; bit 1: the gap opens
    /// right after a match. Only what backtracking needs.
    moves: Vec<u8>,
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
        if window.is_ascii() && pat.is_ascii() {
            return self.align(window.as_bytes(), pat.as_bytes(), positions);
        }
        let mut chars = std::mem::take(&mut self.chars);
        let mut pat_chars = std::mem::take(&mut self.pat_chars);
        chars.clear();
        chars.extend(window.chars());
        pat_chars.clear();
        pat_chars.extend(pat.chars());
        let r = self.align(&chars, &pat_chars, positions);
        self.chars = chars;
        self.pat_chars = pat_chars;
        r
    }

    fn align<T: Sym>(
        &mut self,
        text: &[T],
        pat: &[T],
        positions: Option<&mut Vec<usize>>,
    ) -> Option<i32> {
        let (n, m) = (text.len(), pat.len());
        if m == 0 {
            return Some(0);
        }
        // Earliest column each pattern char can take: nothing to the left of it can match.
        self.first.clear();
        let mut at = 0;
        for &pc in pat {
            at += text[at..].iter().position(|&c| c == pc)?;
            self.first.push(at);
            at += 1;
        }
        self.bonus.clear();
        let mut prev = Class::Empty;
        for &c in text {
            let class = c.class();
            self.bonus.push(bonus(prev, class));
            prev = class;
        }
        self.bonus[0] *= FIRST_CHAR_MULTIPLIER;
        for row in [&mut self.m, &mut self.p, &mut self.b] {
            for r in row.iter_mut() {
                if r.len() < n {
                    r.resize(n, 0);
                }
            }
        }
        let track = positions.is_some();
        if track {
            self.moves.clear();
            self.moves.resize(n * m, 0);
        }
        for (i, &pc) in pat.iter().enumerate() {
            let (cur, prv) = (i & 1, (i & 1) ^ 1);
            // Columns that leave room for the rest of the pattern.
            let (lo, hi) = (self.first[i], n - (m - i));
            let (mut m_left, mut p_left) = (NEG, NEG);
            for (c, &tc) in text.iter().enumerate().take(hi + 1).skip(lo) {
                // Diagonal predecessor: the previous pattern char at the previous column; before
                // the first pattern char every column is a gap of the empty alignment.
                let (dm, dp, db) = if i == 0 {
                    (NEG, GAP_EXTENSION, 0)
                } else {
                    (self.m[prv][c - 1], self.p[prv][c - 1], self.b[prv][c - 1])
                };
                let mut mv = 0u8;
                let (mc, bc) = if tc == pc {
                    let in_place = self.bonus[c];
                    let consecutive = db.max(in_place).max(BONUS_CONSECUTIVE);
                    let (extend, restart) = (dm + consecutive, dp + in_place);
                    if extend >= restart {
                        mv |= 1;
                        (extend + MATCH, consecutive)
                    } else {
                        (restart + MATCH, in_place)
                    }
                } else {
                    (NEG, 0)
                };
                let (open, extend) = (GAP_START + GAP_EXTENSION + m_left, GAP_EXTENSION + p_left);
                let pc_score = if open >= extend {
                    mv |= 2;
                    open
                } else {
                    extend
                };
                self.m[cur][c] = mc;
                self.p[cur][c] = pc_score;
                self.b[cur][c] = bc;
                if track {
                    self.moves[i * n + c] = mv;
                }
                (m_left, p_left) = (mc, pc_score);
            }
        }
        let last = (m - 1) & 1;
        let (mut best, mut best_col) = (NEG, 0);
        for c in self.first[m - 1]..n {
            // Ties go to the later column, as in skim.
            if self.m[last][c] >= best {
                (best, best_col) = (self.m[last][c], c);
            }
        }
        if best <= NEG / 2 {
            return None;
        }
        if let Some(out) = positions {
            let start = out.len();
            let (mut i, mut c, mut in_match) = (m - 1, best_col, true);
            loop {
                let mv = self.moves[i * n + c];
                if in_match {
                    out.push(c);
                    if i == 0 {
                        break;
                    }
                    in_match = mv & 1 != 0;
                    i -= 1;
                } else {
                    in_match = mv & 2 != 0;
                }
                if c == 0 {
                    break;
                }
                c -= 1;
            }
            out[start..].reverse();
        }
        Some(best)
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
        assert_eq!(
            score("supply chains", "supply").unwrap().0,
            best_possible(6)
        );
        assert_eq!(score("s", "s").unwrap().0, best_possible(1));
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
