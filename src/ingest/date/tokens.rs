//! The tokenizer the date patterns read: words (case- and accent-folded), numbers and single
//! punctuation marks with their byte offsets, and the boundary checks every pattern shares, so
//! that "x11 dicembre" or "1.11.12.2025" is never read as a date.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of letters (accents and combining marks included).
    Word,
    /// A run of ASCII digits.
    Number,
    /// Any other single non-space character.
    Punct(char),
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Digit count for numbers; leading zeros matter ("08" is a month, "2025" a year).
    pub(super) digits: usize,
    /// Numeric value for numbers (saturating; only short numbers are ever used).
    pub(super) value: u32,
    /// Lower-cased, accent-stripped form for short words; empty otherwise.
    pub(super) folded: String,
}

/// No month, weekday or filler word is longer than this; longer words are never folded.
const MAX_FOLDED_CHARS: usize = 16;

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut toks = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        if c.is_ascii_digit() {
            let mut digits = 1usize;
            let mut value = c.to_digit(10).unwrap_or(0);
            while let Some(&(pos, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                digits += 1;
                value = value
                    .saturating_mul(10)
                    .saturating_add(d.to_digit(10).unwrap_or(0));
                end = pos + d.len_utf8();
                chars.next();
            }
            toks.push(Token {
                kind: Kind::Number,
                start,
                end,
                digits,
                value,
                folded: String::new(),
            });
        } else if is_word_char(c) {
            while let Some(&(pos, d)) = chars.peek() {
                if !is_word_char(d) {
                    break;
                }
                end = pos + d.len_utf8();
                chars.next();
            }
            toks.push(Token {
                kind: Kind::Word,
                start,
                end,
                digits: 0,
                value: 0,
                folded: fold(text.get(start..end).unwrap_or("")),
            });
        } else if !is_space(c) {
            toks.push(Token {
                kind: Kind::Punct(c),
                start,
                end,
                digits: 0,
                value: 0,
                folded: String::new(),
            });
        }
    }
    toks
}

/// Letters and combining marks; ordinal indicators are kept apart so "1º" reads as day + mark.
fn is_word_char(c: char) -> bool {
    (c.is_alphabetic() && !matches!(c, 'º' | 'ª')) || is_combining(c)
}

/// Decomposed accents ("i" + U+0300) belong to their word.
fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Invisible joiners from scraped HTML count as spacing, not punctuation.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Lower-cases and strips accents so "Giovedì", "GIOVEDI" and "giovedi" compare equal.
fn fold(word: &str) -> String {
    let mut out = String::new();
    for (n, c) in word.chars().enumerate() {
        if n >= MAX_FOLDED_CHARS {
            return String::new();
        }
        if is_combining(c) {
            continue;
        }
        for l in c.to_lowercase() {
            out.push(match l {
                'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
                'è' | 'é' | 'ê' | 'ë' => 'e',
                'ì' | 'í' | 'î' | 'ï' => 'i',
                'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
                'ù' | 'ú' | 'û' | 'ü' => 'u',
                other => other,
            });
        }
    }
    out
}

/// No whitespace between the two tokens.
pub(super) fn adjacent(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

pub(super) fn is_punct(t: &Token, c: char) -> bool {
    t.kind == Kind::Punct(c)
}

pub(super) fn is_word(t: &Token, w: &str) -> bool {
    t.kind == Kind::Word && t.folded == w
}

/// A one- or two-digit number: a day, month, hour or minute.
pub(super) fn small_number(t: &Token) -> Option<u8> {
    if t.kind == Kind::Number && (1..=2).contains(&t.digits) {
        u8::try_from(t.value).ok()
    } else {
        None
    }
}

/// Exactly four digits: two-digit years are too ambiguous to guess.
pub(super) fn year_number(t: &Token) -> Option<u16> {
    if t.kind == Kind::Number && t.digits == 4 {
        u16::try_from(t.value).ok()
    } else {
        None
    }
}

/// Separators that chain numbers into versions, IPs or serials ("1.11.12.2025").
fn is_numeric_sep(t: &Token) -> bool {
    matches!(t.kind, Kind::Punct('.' | '/' | '-' | ':'))
}

pub(super) fn prev(toks: &[Token], i: usize) -> Option<&Token> {
    i.checked_sub(1).and_then(|p| toks.get(p))
}

/// The token at `i` does not continue a word or number ("x11 dicembre", "5March").
pub(super) fn left_clear(toks: &[Token], i: usize) -> bool {
    match (prev(toks, i), toks.get(i)) {
        (Some(p), Some(t)) => !(adjacent(p, t) && matches!(p.kind, Kind::Word | Kind::Number)),
        _ => true,
    }
}

/// Like [`left_clear`], and the number is not the tail of a longer numeric chain.
pub(super) fn left_clear_numeric(toks: &[Token], i: usize) -> bool {
    if !left_clear(toks, i) {
        return false;
    }
    let chained = match (prev(toks, i), i.checked_sub(2).and_then(|p| toks.get(p))) {
        (Some(sep), Some(num)) => {
            toks.get(i).is_some_and(|t| adjacent(sep, t))
                && adjacent(num, sep)
                && is_numeric_sep(sep)
                && num.kind == Kind::Number
        }
        _ => false,
    };
    !chained
}

/// The token at `last` is not glued to a following word or number ("2025abc").
pub(super) fn right_clear(toks: &[Token], last: usize) -> bool {
    match (toks.get(last), toks.get(last + 1)) {
        (Some(l), Some(n)) => !(adjacent(l, n) && matches!(n.kind, Kind::Word | Kind::Number)),
        _ => true,
    }
}

/// Like [`right_clear`], and no numeric chain continues ("11.12.2025.3"). `allow_t` lets an
/// ISO date run into its time ("2025-08-30T10:00").
pub(super) fn right_clear_numeric(toks: &[Token], last: usize, allow_t: bool) -> bool {
    let (Some(l), Some(n)) = (toks.get(last), toks.get(last + 1)) else {
        return true;
    };
    if !adjacent(l, n) {
        return true;
    }
    match n.kind {
        Kind::Number => false,
        Kind::Word => allow_t && n.folded == "t",
        Kind::Punct(_) => {
            let chained = is_numeric_sep(n)
                && toks
                    .get(last + 2)
                    .is_some_and(|nn| nn.kind == Kind::Number && adjacent(n, nn));
            !chained
        }
    }
}
