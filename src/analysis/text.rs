//! Words as the analysis sees them: folded (case, accents, apostrophes), tokenised with byte
//! ranges, stop-worded and stemmed per language.
//!
//! The extractor, the theme matcher and the linker all compare words; doing it through one
//! module means "Perché" and "perche", "Italy’s" and "Italy's" are the same word everywhere.
#![warn(missing_docs)]

use std::borrow::Cow;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

mod lists;

use lists::NOT_NAMES;
pub use lists::{DE_STOP, EN_STOP, ES_STOP, FR_STOP, IT_STOP};

/// The languages the analysis knows words of; everything else is matched on folded forms only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English: Snowball English stemmer and English stop words.
    En,
    /// Italian: Snowball Italian stemmer and Italian stop words.
    It,
    /// French: Snowball French stemmer and French stop words.
    Fr,
    /// German: Snowball German stemmer and German stop words.
    De,
    /// Spanish: Snowball Spanish stemmer and Spanish stop words.
    Es,
    /// Anything else or undetected: folded forms, the English and Italian stop lists, no
    /// stemming.
    #[default]
    Other,
}

impl Lang {
    /// Every language with a stemmer and stop words, in the order of [`Lang::slot`].
    pub const KNOWN: [Lang; 5] = [Lang::En, Lang::It, Lang::Fr, Lang::De, Lang::Es];

    /// From a document's ISO 639-1 code.
    pub fn from_code(code: &str) -> Lang {
        match code {
            "en" => Lang::En,
            "it" => Lang::It,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "es" => Lang::Es,
            _ => Lang::Other,
        }
    }

    /// The ISO 639-1 code ("und" for `Other`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Other => "und",
        }
    }

    /// Position in [`Lang::KNOWN`]: what per-language tables are indexed by.
    pub fn slot(self) -> Option<usize> {
        match self {
            Lang::En => Some(0),
            Lang::It => Some(1),
            Lang::Fr => Some(2),
            Lang::De => Some(3),
            Lang::Es => Some(4),
            Lang::Other => None,
        }
    }

    /// The Snowball stemmer for this language, if there is one.
    pub fn stemmer(self) -> Option<Stemmer> {
        self.algorithm().map(Stemmer::create)
    }

    /// The Snowball algorithm for this language, if there is one.
    pub fn algorithm(self) -> Option<Algorithm> {
        match self {
            Lang::En => Some(Algorithm::English),
            Lang::It => Some(Algorithm::Italian),
            Lang::Fr => Some(Algorithm::French),
            Lang::De => Some(Algorithm::German),
            Lang::Es => Some(Algorithm::Spanish),
            Lang::Other => None,
        }
    }

    /// Whether `folded` is a function word here. For `Other`, English or Italian: unknown
    /// languages in this corpus are mostly misdetected short English or Italian texts.
    pub fn is_stop(self, folded: &str) -> bool {
        let list = match self {
            Lang::En => EN_STOP,
            Lang::It => IT_STOP,
            Lang::Fr => FR_STOP,
            Lang::De => DE_STOP,
            Lang::Es => ES_STOP,
            Lang::Other => return is_stop_any(folded),
        };
        list.binary_search(&folded).is_ok()
    }

    /// Whether a capitalised word in the middle of a sentence says "name". Not in German,
    /// which capitalises every noun: there only acronyms stand out.
    pub fn capitals_mark_names(self) -> bool {
        self != Lang::De
    }
}

/// A function word in English or Italian.
pub fn is_stop_any(folded: &str) -> bool {
    EN_STOP.binary_search(&folded).is_ok() || IT_STOP.binary_search(&folded).is_ok()
}

/// One word of a text: its byte range and what its surface looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text, on char boundaries.
    pub range: Range<usize>,
    /// Starts with an uppercase letter.
    pub capitalised: bool,
    /// Two or more letters, all uppercase (acronyms: GCAP, NATO, UE).
    pub all_caps: bool,
    /// No sentence punctuation between the previous token and this one, so capitalisation here
    /// says "name" rather than "sentence start".
    pub mid_sentence: bool,
}

const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
/// Sentence punctuation: a capitalised word after it is a sentence start, not a name.
const PUNCT: u8 = 8;

/// What [`tokens`] needs to know about each ASCII byte.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_digit() {
            t[b] = ALNUM;
        } else if c.is_ascii_lowercase() {
            t[b] = ALNUM | ALPHA;
        } else if c.is_ascii_uppercase() {
            t[b] = ALNUM | ALPHA | UPPER;
        } else if matches!(c, b'.' | b'!' | b'?' | b':' | b';' | b'"' | b'(' | b'[') {
            t[b] = PUNCT;
        }
        b += 1;
    }
    t
};

/// Splits `text` into runs of letters and digits. Apostrophes (’ and '), hyphens, slashes and
/// dots separate words, which normalises "Italy’s"/"Italy's" and "dell’Italia"/"dell'Italia" and
/// lets "co-production" match as the phrase "co production". Linear in the text.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokens_into(text, &mut out);
    out
}

/// [`tokens`] into `out` (cleared first), so a caller tokenising many texts reuses one buffer.
pub fn tokens_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut start: Option<usize> = None;
    // Whether sentence punctuation (or the start of text) came since the last token.
    let mut boundary = true;
    let mut upper = 0usize;
    let mut letters = 0usize;
    let mut first_upper = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Classify one character; ASCII (most of any English or Italian text) by table, without
        // decoding it: this was the single most expensive function of a cold load.
        let b = bytes[i];
        let (len, class) = if b < 0x80 {
            (1, ASCII_CLASS[b as usize])
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            let mut class = 0;
            if c.is_alphanumeric() {
                class |= ALNUM;
            }
            if c.is_alphabetic() {
                class |= ALPHA;
            }
            if c.is_uppercase() {
                class |= UPPER;
            }
            if matches!(c, '…' | '“' | '«' | '—' | '–') {
                class |= PUNCT;
            }
            (c.len_utf8(), class)
        };
        if class & ALNUM != 0 {
            let is_upper = class & UPPER != 0;
            if start.is_none() {
                start = Some(i);
                upper = 0;
                letters = 0;
                first_upper = is_upper;
            }
            if class & ALPHA != 0 {
                letters += 1;
                if is_upper {
                    upper += 1;
                }
            }
            i += len;
            // The rest of a lower-case ASCII run needs no bookkeeping beyond counting.
            let run = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase())
                .count();
            letters += run;
            i += run;
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Token {
                range: s..i,
                capitalised: first_upper,
                all_caps: letters >= 2 && upper == letters,
                mid_sentence: !boundary,
            });
            boundary = false;
        }
        if class & PUNCT != 0 {
            boundary = true;
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Token {
            range: s..text.len(),
            capitalised: first_upper,
            all_caps: letters >= 2 && upper == letters,
            mid_sentence: !boundary,
        });
    }
}

/// Lower-cases and strips accents ("Perché" → "perche", "Shinjirō" → "shinjiro"); typographic
/// apostrophes become ASCII ones. Borrowed when the word is already folded ASCII.
pub fn fold(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(word);
    }
    if word.is_ascii() {
        return Cow::Owned(word.to_ascii_lowercase());
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '’' | '‘' | 'ʼ' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// Folds into `buf` (cleared first): the allocation-free form of [`fold`] for hot loops.
pub fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    match fold(word) {
        Cow::Borrowed(s) => buf.push_str(s),
        Cow::Owned(s) => buf.push_str(&s),
    }
}

/// Folded, stop-word-free, stemmed words of `text`: the bag of words sentences are compared by.
pub fn content_stems(text: &str, lang: Lang, stemmer: Option<&Stemmer>) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter_map(|t| {
            let f = fold(&text[t.range]);
            if lang.is_stop(&f) || !is_contentful(&f) {
                return None;
            }
            Some(match stemmer {
                Some(s) => s.stem(&f).into_owned(),
                None => f.into_owned(),
            })
        })
        .collect()
}

/// A folded word worth counting as content: not a lone letter, not a bare number of one or two
/// digits (years and figures of three digits or more do carry meaning).
pub fn is_contentful(folded: &str) -> bool {
    let n = folded.chars().count();
    if folded.bytes().all(|b| b.is_ascii_digit()) {
        return n >= 3;
    }
    n >= 2
}

/// Capitalised words that are not names: months, days and titles start sentences and datelines
/// in all five languages, and must not count as shared "names" between briefings.
pub fn is_common_capitalised(folded: &str) -> bool {
    NOT_NAMES.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward char-by-char tokenizer the table-driven one replaced.
    fn tokens_reference(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut boundary = true;
        let (mut upper, mut letters, mut first_upper) = (0usize, 0usize, false);
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                    upper = 0;
                    letters = 0;
                    first_upper = c.is_uppercase();
                }
                if c.is_alphabetic() {
                    letters += 1;
                    if c.is_uppercase() {
                        upper += 1;
                    }
                }
            } else {
                if let Some(s) = start.take() {
                    out.push(Token {
                        range: s..i,
                        capitalised: first_upper,
                        all_caps: letters >= 2 && upper == letters,
                        mid_sentence: !boundary,
                    });
                    boundary = false;
                }
                if matches!(
                    c,
                    '.' | '!' | '?' | ':' | ';' | '…' | '“' | '"' | '«' | '(' | '[' | '—' | '–'
                ) {
                    boundary = true;
                }
            }
        }
        if let Some(s) = start {
            out.push(Token {
                range: s..text.len(),
                capitalised: first_upper,
                all_caps: letters >= 2 && upper == letters,
                mid_sentence: !boundary,
            });
        }
        out
    }

    #[test]
    fn tokens_agree_with_the_reference() {
        let texts = [
            "",
            "a",
            "Italy’s GCAP deal. NATO and the UE: «Perché» Shinjirō Koizumi — 2025 (F-35) x",
            "ÀÉÎ ÕÜ ß straße ΣΊΣΥΦΟΣ Москва 東京 ١٢٣ abcDEF dell’Italia co-production!",
            "  trailing space and digits 123abc ABC1 A1b2 …end",
            "A.B.C. U.S. e.g. \"quoted\" [bracket] ;semi ?q !x",
        ];
        for t in texts {
            assert_eq!(tokens(t), tokens_reference(t), "{t:?}");
        }
    }

    #[test]
    fn stop_lists_are_sorted_for_binary_search() {
        for list in [EN_STOP, IT_STOP, FR_STOP, DE_STOP, ES_STOP, NOT_NAMES] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                list.windows(2).find(|w| w[0] >= w[1])
            );
        }
    }

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Perché"), "perche");
        assert_eq!(fold("Shinjirō"), "shinjiro");
        assert_eq!(fold("PIÙ"), "piu");
        assert_eq!(fold("d’Italia"), "d'italia");
        assert!(matches!(fold("gcap"), Cow::Borrowed(_)));
    }

    #[test]
    fn tokens_split_on_apostrophes_and_hyphens() {
        let text = "L’Italia e il GCAP: co-production, Italy's U.S.-backed plan.";
        let words: Vec<&str> = tokens(text)
            .iter()
            .map(|t| &text[t.range.clone()])
            .collect();
        assert_eq!(
            words,
            [
                "L",
                "Italia",
                "e",
                "il",
                "GCAP",
                "co",
                "production",
                "Italy",
                "s",
                "U",
                "S",
                "backed",
                "plan"
            ]
        );
        let t = tokens(text);
        assert!(t[4].all_caps && t[4].mid_sentence);
        assert!(!t[0].mid_sentence && t[1].capitalised);
        assert!(!t[5].mid_sentence, "after a colon");
        assert!(!t[9].all_caps, "a single letter is not an acronym");
    }

    #[test]
    fn slots_follow_the_known_order() {
        for (i, lang) in Lang::KNOWN.iter().enumerate() {
            assert_eq!(lang.slot(), Some(i));
            assert_eq!(Lang::from_code(lang.code()), *lang);
        }
        assert_eq!(Lang::Other.slot(), None);
    }

    #[test]
    fn content_stems_drop_stop_words_and_stem() {
        let en = Lang::En.stemmer();
        assert_eq!(
            content_stems("The partnerships of Italy", Lang::En, en.as_ref()),
            ["partnership", "itali"]
        );
        let it = Lang::It.stemmer();
        assert_eq!(
            content_stems("Le alleanze dell’Italia", Lang::It, it.as_ref()),
            ["alleanz", "ital"]
        );
        for (lang, text, plural) in [
            (Lang::Fr, "Les alliances de la France", "alliance"),
            (Lang::De, "Die Partnerschaften der Länder", "Partnerschaft"),
            (Lang::Es, "Las alianzas de España", "alianza"),
        ] {
            let stemmer = lang.stemmer();
            let stems = content_stems(text, lang, stemmer.as_ref());
            assert_eq!(stems.len(), 2, "{text}: the function words go, {stems:?}");
            assert_eq!(
                stems[0],
                content_stems(plural, lang, stemmer.as_ref())[0],
                "{text}: plural and singular share a stem"
            );
        }
    }
}
