//! Case and accent folding with a way back: queries and texts are compared folded, but matches
//! are shown on the original text, whose characters may fold to zero, one or several chars.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Feeds `emit` the folded form of one character: lower case, canonical decomposition without
/// combining marks, plus a few letters and punctuation that NFD leaves alone but that a reader
/// types differently (`ß` as `ss`, `’` as `'`).
#[inline]
pub(crate) fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    if let Some(s) = special(c) {
        s.chars().for_each(emit);
        return;
    }
    // Hangul syllables decompose into jamo under NFD; keep them whole so Korean reads as typed.
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        emit(c);
        return;
    }
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if !is_combining_mark(d) {
                emit(d);
            }
        });
    }
}

/// Folds NFD does not do, chosen for what users type on an ordinary keyboard.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'ħ' | 'Ħ' => "h",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        'ς' => "σ",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '´' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => " ",
        _ => return None,
    })
}

/// Lowercase + strip accents/diacritics (NFD via unicode-normalization, drop combining marks),
/// so "città" ~ "citta", "Giappone" ~ "giappone", "Shinjirō" ~ "shinjiro". Queries and texts
/// go through this same function, so they always meet in the same form.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

/// A folded text that remembers, for each folded char, the original char it came from, so a
/// match found on the folded text can be highlighted on the original.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Original char index of each folded char; `None` when the fold is one-to-one (the usual
    /// case, accents included), which saves a word per char over a whole corpus.
    map: Option<Box<[u32]>>,
    /// Number of chars in `text`.
    chars: u32,
}

impl Folded {
    /// Folds `s`, keeping the char map only when some char did not fold to exactly one char.
    pub fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let (chars, map) = fold_into(s.chars(), &mut text);
        Folded { text, map, chars }
    }

    /// Number of chars in the folded text.
    pub fn char_count(&self) -> usize {
        self.chars as usize
    }

    /// The original char index of folded char `i`.
    #[inline]
    pub fn original(&self, i: usize) -> usize {
        match &self.map {
            None => i,
            Some(m) => m[i] as usize,
        }
    }

    /// Maps folded char positions (ascending) to original char positions in place, dropping
    /// duplicates (two folded chars of one original, like the "ss" of "ß").
    pub fn to_original(&self, positions: &mut Vec<usize>) {
        map_to_original(self.map.as_deref(), positions);
    }
}

/// Folds `chars` onto the end of `out` (so many texts can share one buffer): returns the number
/// of folded chars added and, only when some char did not fold to exactly one char, the
/// original char index of each of them.
pub(crate) fn fold_into(
    chars: impl Iterator<Item = char>,
    out: &mut String,
) -> (u32, Option<Box<[u32]>>) {
    let mut map: Vec<u32> = Vec::new();
    let mut identity = true;
    let mut n: u32 = 0;
    for (i, c) in chars.enumerate() {
        if identity && c.is_ascii() {
            // Nearly every char of a Latin text: one char in, one lower-case char out.
            out.push(c.to_ascii_lowercase());
            n += 1;
            continue;
        }
        let mut produced = 0u32;
        fold_char(c, |f| {
            out.push(f);
            produced += 1;
            if !identity {
                map.push(i as u32);
            }
        });
        if identity && produced != 1 {
            // First char that breaks the one-to-one fold: backfill the identity so far.
            identity = false;
            map.extend(0..n);
            map.extend(std::iter::repeat_n(i as u32, produced as usize));
        }
        n += produced;
    }
    (n, (!identity).then(|| map.into_boxed_slice()))
}

/// Maps folded char positions (ascending) to original ones in place through a map from
/// [`fold_into`] (`None`: the identity), dropping duplicates.
pub(crate) fn map_to_original(map: Option<&[u32]>, positions: &mut Vec<usize>) {
    if let Some(m) = map {
        for p in positions.iter_mut() {
            *p = m[*p] as usize;
        }
        positions.dedup();
    }
}

/// Case- and accent-insensitive literal occurrences of any of `words` (already folded) in `text`,
/// as byte ranges into `text` on char boundaries, sorted, non-overlapping (for the reader's
/// highlights and n/N). Overlapping occurrences of different words merge into one range.
pub fn find_literal(text: &str, words: &[String]) -> Vec<Range<usize>> {
    if text.is_empty() || words.iter().all(|w| w.is_empty()) {
        return Vec::new();
    }
    // Per folded char: its byte offset in the folded text and the original char's byte range.
    let mut folded = String::with_capacity(text.len());
    let mut spans: Vec<(usize, usize, usize)> = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        fold_char(c, |f| {
            spans.push((folded.len(), start, end));
            folded.push(f);
        });
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for word in words {
        // Folding is idempotent, so a caller who passed raw words still gets what they meant.
        let word = fold(word);
        if word.is_empty() {
            continue;
        }
        for (at, m) in folded.match_indices(word.as_str()) {
            let first = spans.partition_point(|s| s.0 < at);
            let last = spans.partition_point(|s| s.0 < at + m.len()) - 1;
            ranges.push(spans[first].1..spans[last].2);
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(prev) if r.start < prev.end => prev.end = prev.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Città"), "citta");
        assert_eq!(fold("Giappone"), "giappone");
        assert_eq!(fold("Shinjirō Koizumi"), "shinjiro koizumi");
        assert_eq!(fold("PERCHÉ è così"), "perche e cosi");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Italy’s “anchor”"), "italy's \"anchor\"");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ﬁne"), "fine");
        assert_eq!(fold("한국"), "한국");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        // "è" written as e + COMBINING GRAVE ACCENT.
        assert_eq!(fold("perche\u{300}"), fold("perché"));
    }

    #[test]
    fn fold_is_idempotent() {
        for s in ["Città", "Straße", "İ", "ﬃ", "Œuvre", "Shinjirō", "e\u{301}"] {
            assert_eq!(fold(&fold(s)), fold(s), "{s}");
        }
    }

    #[test]
    fn one_to_one_fold_keeps_no_map() {
        let f = Folded::new("Città è già");
        assert_eq!(f.text, "citta e gia");
        assert!(f.map.is_none());
        assert_eq!(f.original(4), 4);
        assert_eq!(f.char_count(), 11);
    }

    #[test]
    fn map_points_back_across_multi_char_folds() {
        // "Straße" -> "strasse": folded chars 4 and 5 both come from "ß" (original char 4).
        let f = Folded::new("Straße x");
        assert_eq!(f.text, "strasse x");
        let back: Vec<usize> = (0..f.char_count()).map(|i| f.original(i)).collect();
        assert_eq!(back, vec![0, 1, 2, 3, 4, 4, 5, 6, 7]);
        let mut pos = vec![3, 4, 5, 6];
        f.to_original(&mut pos);
        assert_eq!(pos, vec![3, 4, 5]);
    }

    #[test]
    fn map_skips_lone_combining_marks() {
        // A combining mark that is its own char in the original folds to nothing.
        let f = Folded::new("ca\u{300}sa");
        assert_eq!(f.text, "casa");
        let back: Vec<usize> = (0..f.char_count()).map(|i| f.original(i)).collect();
        assert_eq!(back, vec![0, 1, 3, 4]);
    }

    #[test]
    fn literal_is_case_and_accent_insensitive() {
        let text = "La Città e la città; CITTA!";
        let r = find_literal(text, &["citta".into()]);
        let found: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, vec!["Città", "città", "CITTA"]);
    }

    #[test]
    fn literal_ranges_cover_whole_original_chars() {
        let text = "Die Straße, strasse";
        let r = find_literal(text, &["ss".into()]);
        let found: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, vec!["ß", "ss"]);
        // Half of a multi-char fold still highlights the whole original char.
        let r = find_literal("aß", &["s".into()]);
        assert_eq!(r, vec![1..3]);
    }

    #[test]
    fn literal_overlaps_merge_and_stay_sorted() {
        let text = "abcd abcd";
        let r = find_literal(text, &["bc".into(), "ab".into(), "cd".into()]);
        assert_eq!(r, vec![0..4, 5..9]);
        // Repeats of one word do not overlap each other.
        assert_eq!(find_literal("aaaa", &["aa".into()]), vec![0..2, 2..4]);
    }

    #[test]
    fn literal_handles_empty_and_raw_words() {
        assert!(find_literal("text", &[]).is_empty());
        assert!(find_literal("text", &["".into()]).is_empty());
        assert!(find_literal("", &["a".into()]).is_empty());
        // Unfolded words still work: they are folded again.
        assert_eq!(find_literal("la città", &["CITTÀ".into()]), vec![3..9]);
    }

    #[test]
    fn literal_matches_typographic_apostrophe() {
        let text = "Italy’s anchor";
        assert_eq!(find_literal(text, &["italy's".into()]), vec![0..9]);
    }
}
