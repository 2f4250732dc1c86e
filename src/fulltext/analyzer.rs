//! How text becomes index terms, one way for the index, the query and the snippets, so a hit
//! the index finds is found again in a block at exact byte offsets.
//!
//! A token is a run of letters and digits (so "dell'Ucraina" is "dell" and "ucraina"); it is
//! folded (lower case, no accents: "Città" → "citta", the filter's own fold) and stemmed with
//! the Snowball stemmer of the document's language (rust-stemmers; languages without one are
//! not stemmed). Tokens over [`MAX_TOKEN_BYTES`] (hashes, base64, URLs) are not indexed but keep
//! their position, so a phrase never jumps one.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use crate::query::fold;

/// Tokens longer than this (in bytes, before folding) are not indexed.
pub const MAX_TOKEN_BYTES: usize = 40;

/// Positions left empty between two texts of a document (title, byline, blocks), so that a
/// phrase never runs from the end of one paragraph into the next.
pub const TEXT_GAP: u32 = 8;

/// The languages stemmed, by ISO 639-1 code; every other language is the last slot
/// ([`UNDETERMINED`]), folded but not stemmed. A term is indexed with its slot, so the
/// Italian stem of a word never meets the English stem of another.
pub const LANGUAGES: &[(&str, Option<Algorithm>)] = &[
    ("en", Some(Algorithm::English)),
    ("it", Some(Algorithm::Italian)),
    ("fr", Some(Algorithm::French)),
    ("de", Some(Algorithm::German)),
    ("es", Some(Algorithm::Spanish)),
    (UNDETERMINED, None),
];

/// The slot of the languages without a stemmer here.
pub const UNDETERMINED: &str = "und";

/// The slot of a document language in [`LANGUAGES`] (the last one for any other code).
pub fn language_slot(lang: &str) -> u8 {
    let slot = LANGUAGES
        .iter()
        .position(|(code, _)| code.eq_ignore_ascii_case(lang))
        .unwrap_or(LANGUAGES.len() - 1);
    slot as u8
}

/// How many positions `text` takes in the index: one per run of letters and digits, the long
/// ones that are not indexed included. Much cheaper than analysing it (no folding, no
/// stemming), so a snippet can find which block holds a position without analysing the others.
pub fn token_count(text: &str) -> u32 {
    // [`word_runs`]'s rule, byte by byte: ASCII (most of a briefing) without decoding.
    let bytes = text.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while let Some(&b) = bytes.get(i) {
        let word = if b.is_ascii() {
            i += 1;
            b.is_ascii_alphanumeric()
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            c.is_alphanumeric()
        };
        n += u32::from(word && !in_word);
        in_word = word;
    }
    n
}

/// Calls `each` with the byte range of every run of letters and digits in `text`, in order:
/// the one definition of a token's extent for the index, the snippets and [`token_count`].
fn word_runs(text: &str, mut each: impl FnMut(Range<usize>)) {
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            each(s..i);
        }
    }
    if let Some(s) = start {
        each(s..text.len());
    }
}

/// One token of a text: its term (stemmed, folded), its byte range in the text and its
/// position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub term: String,
    pub range: Range<usize>,
    pub position: u32,
}

/// Stems more cheaply than word by word: briefings repeat their words, so each distinct
/// folded word is stemmed once per analyzer (the cache is cleared when it grows large).
pub struct Analyzer {
    stemmers: Vec<Option<Stemmer>>,
    cache: Vec<FxHashMap<String, Box<str>>>,
    fold_buf: String,
}

/// Distinct words remembered per language before the cache starts over.
const CACHE_WORDS: usize = 200_000;

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    pub fn new() -> Analyzer {
        Analyzer {
            stemmers: LANGUAGES
                .iter()
                .map(|(_, a)| a.map(Stemmer::create))
                .collect(),
            cache: LANGUAGES.iter().map(|_| FxHashMap::default()).collect(),
            fold_buf: String::new(),
        }
    }

    /// Calls `each(term, byte range, position)` for every indexed token of `text`, in order,
    /// positions counted on from `*next`; `*next` is left after the last token.
    pub fn each_token(
        &mut self,
        slot: u8,
        text: &str,
        next: &mut u32,
        mut each: impl FnMut(&str, Range<usize>, u32),
    ) {
        word_runs(text, |range| {
            let position = *next;
            *next += 1;
            if range.len() > MAX_TOKEN_BYTES {
                return;
            }
            let term = self.term(slot, &text[range.clone()]);
            each(term, range, position);
        });
    }

    /// Every token of `text` (positions from 0).
    pub fn tokens(&mut self, slot: u8, text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut next = 0;
        self.each_token(slot, text, &mut next, |term, range, position| {
            out.push(Tok {
                term: term.to_string(),
                range,
                position,
            })
        });
        out
    }

    /// The term of one word (a run of letters and digits) in language slot `slot`.
    pub fn term(&mut self, slot: u8, word: &str) -> &str {
        let slot = slot as usize;
        self.fold_buf.clear();
        if word.is_ascii() {
            self.fold_buf.push_str(word);
            self.fold_buf.make_ascii_lowercase();
        } else {
            self.fold_buf.push_str(&fold(word));
        }
        let Some(stemmer) = &self.stemmers[slot] else {
            return &self.fold_buf;
        };
        let cache = &mut self.cache[slot];
        if !cache.contains_key(self.fold_buf.as_str()) {
            if cache.len() >= CACHE_WORDS {
                cache.clear();
            }
            let stem: Box<str> = stemmer.stem(&self.fold_buf).into();
            cache.insert(self.fold_buf.clone(), stem);
        }
        &cache[self.fold_buf.as_str()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lang: &str, text: &str) -> Vec<String> {
        Analyzer::new()
            .tokens(language_slot(lang), text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn stems_per_language_and_folds_accents() {
        assert_eq!(terms("en", "Partnerships"), terms("en", "partnership"));
        assert_eq!(terms("it", "alleanze"), terms("it", "alleanza"));
        assert_eq!(terms("it", "Città"), terms("it", "citta"));
        assert_eq!(terms("fr", "alliances"), terms("fr", "alliance"));
        assert_eq!(terms("fr", "Défense"), terms("fr", "defense"));
        assert_eq!(terms("de", "Partnerschaften"), terms("de", "Partnerschaft"));
        assert_eq!(terms("de", "Straße"), terms("de", "strasse"));
        assert_eq!(terms("es", "alianzas"), terms("es", "alianza"));
        assert_eq!(terms("es", "Japón"), terms("es", "japon"));
        assert_eq!(terms("und", "Città"), ["citta"]);
        assert_eq!(
            terms("xx", "Dogs"),
            ["dogs"],
            "unknown languages are not stemmed"
        );
        assert_ne!(terms("en", "partnerships"), terms("und", "partnerships"));
    }

    #[test]
    fn offsets_are_bytes_of_the_original_text() {
        let text = "La città, «Taiwan»! dell'Ucraina";
        let spans: Vec<&str> = Analyzer::new()
            .tokens(language_slot("it"), text)
            .into_iter()
            .map(|t| &text[t.range])
            .collect();
        assert_eq!(spans, ["La", "città", "Taiwan", "dell", "Ucraina"]);
    }

    #[test]
    fn long_tokens_are_dropped_but_keep_their_place() {
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        let toks = Analyzer::new().tokens(5, &format!("x {long} y"));
        let got: Vec<(&str, u32)> = toks.iter().map(|t| (t.term.as_str(), t.position)).collect();
        assert_eq!(got, [("x", 0), ("y", 2)]);
        assert_eq!(terms("und", &"b".repeat(MAX_TOKEN_BYTES)).len(), 1);
    }

    #[test]
    fn token_count_is_the_positions_a_text_takes() {
        let long = "z".repeat(MAX_TOKEN_BYTES + 3);
        for text in [
            "",
            "   ",
            "one",
            "dell'Ucraina, 2025: città!",
            &format!("{long} x {long}"),
            "naïve café — Straße 12b",
            "end with word",
            "…ends with punctuation…",
            "日本 と イタリア",
        ] {
            let mut next = 0;
            Analyzer::new().each_token(1, text, &mut next, |_, _, _| {});
            assert_eq!(token_count(text), next, "{text:?}");
        }
        assert_eq!(token_count("dell'Ucraina, 2025: città!"), 4);
    }

    proptest::proptest! {
        #[test]
        fn token_count_agrees_with_the_analyzer_on_any_text(text in "(\\PC|[a-z0-9 ,.'’é…])*") {
            let mut next = 0;
            Analyzer::new().each_token(0, &text, &mut next, |_, _, _| {});
            proptest::prop_assert_eq!(token_count(&text), next);
        }
    }
}
