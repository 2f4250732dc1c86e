//! Dates in bylines, date lines and datelines, normalised to ISO.
//!
//! Briefings in English and Italian write dates as ISO stamps, spelled-out day–month–year or
//! month–day–year forms, or European numeric forms. The text is tokenised once into words,
//! numbers and punctuation with byte offsets; every pattern then looks only a fixed number of
//! tokens ahead, so scanning is linear and cannot panic on any input.

use std::ops::Range;

use crate::model::Date;

/// Finds the first date expression in `text`; returns it and the byte range it spans.
///
/// The range covers the date proper plus a weekday directly in front of it ("Thursday, 11
/// December 2025"), since callers strip whole date expressions from datelines. Dates without
/// a year ("28 ago.") are skipped: the year cannot be known.
pub fn find_date(text: &str) -> Option<(Date, Range<usize>)> {
    let toks = tokenize(text);
    for i in 0..toks.len() {
        if let Some(found) = match_at(&toks, i) {
            let first = extend_weekday(&toks, found.first);
            let start = toks.get(first)?.start;
            let end = toks.get(found.last)?.end;
            return Some((found.date, start..end));
        }
    }
    None
}

/// True when `text` is essentially only a date (optionally with a weekday, "Published"/"Updated"/"Pubblicato il"/"Aggiornato il" prefix, a time like "10:32" or "ore 8:15", a timezone like "CET"/"UTC"/"GMT", and punctuation such as "|", "-", "–", ","), e.g. a date line under a byline.
///
/// Every token must be part of a date, a time, a timezone, a known filler word or separator
/// punctuation; any other word (a place, a name, prose) makes it a text line, not a date line.
pub fn is_date_line(text: &str) -> bool {
    let toks = tokenize(text);
    let mut i = 0;
    let mut dates = 0usize;
    while let Some(tok) = toks.get(i) {
        if let Some(found) = match_at(&toks, i) {
            dates += 1;
            i = found.last + 1;
            continue;
        }
        if let Some(next) = match_time(&toks, i).or_else(|| match_zone(&toks, i)) {
            i = next;
            continue;
        }
        let allowed = match tok.kind {
            Kind::Punct(c) => is_line_punct(c),
            Kind::Word => is_filler_word(&tok.folded) || weekday(tok).is_some(),
            Kind::Number => false,
        };
        if !allowed {
            return false;
        }
        i += 1;
    }
    dates > 0
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A run of letters (accents and combining marks included).
    Word,
    /// A run of ASCII digits.
    Number,
    /// Any other single non-space character.
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    /// Digit count for numbers; leading zeros matter ("08" is a month, "2025" a year).
    digits: usize,
    /// Numeric value for numbers (saturating; only short numbers are ever used).
    value: u32,
    /// Lower-cased, accent-stripped form for short words; empty otherwise.
    folded: String,
}

/// No month, weekday or filler word is longer than this; longer words are never folded.
const MAX_FOLDED_CHARS: usize = 16;

fn tokenize(text: &str) -> Vec<Token> {
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

// ---------------------------------------------------------------------------------------------
// Token helpers

/// No whitespace between the two tokens.
fn adjacent(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

fn is_punct(t: &Token, c: char) -> bool {
    t.kind == Kind::Punct(c)
}

fn is_word(t: &Token, w: &str) -> bool {
    t.kind == Kind::Word && t.folded == w
}

/// A one- or two-digit number: a day, month, hour or minute.
fn small_number(t: &Token) -> Option<u8> {
    if t.kind == Kind::Number && (1..=2).contains(&t.digits) {
        u8::try_from(t.value).ok()
    } else {
        None
    }
}

/// Exactly four digits: two-digit years are too ambiguous to guess.
fn year_number(t: &Token) -> Option<u16> {
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

fn prev(toks: &[Token], i: usize) -> Option<&Token> {
    i.checked_sub(1).and_then(|p| toks.get(p))
}

/// The token at `i` does not continue a word or number ("x11 dicembre", "5March").
fn left_clear(toks: &[Token], i: usize) -> bool {
    match (prev(toks, i), toks.get(i)) {
        (Some(p), Some(t)) => !(adjacent(p, t) && matches!(p.kind, Kind::Word | Kind::Number)),
        _ => true,
    }
}

/// Like [`left_clear`], and the number is not the tail of a longer numeric chain.
fn left_clear_numeric(toks: &[Token], i: usize) -> bool {
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
fn right_clear(toks: &[Token], last: usize) -> bool {
    match (toks.get(last), toks.get(last + 1)) {
        (Some(l), Some(n)) => !(adjacent(l, n) && matches!(n.kind, Kind::Word | Kind::Number)),
        _ => true,
    }
}

/// Like [`right_clear`], and no numeric chain continues ("11.12.2025.3"). `allow_t` lets an
/// ISO date run into its time ("2025-08-30T10:00").
fn right_clear_numeric(toks: &[Token], last: usize, allow_t: bool) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// Month number and whether the form is an abbreviation (which may take a dot).
fn month_of(t: &Token) -> Option<(u8, bool)> {
    if t.kind != Kind::Word {
        return None;
    }
    let full = match t.folded.as_str() {
        "january" | "gennaio" => Some(1),
        "february" | "febbraio" => Some(2),
        "march" | "marzo" => Some(3),
        "april" | "aprile" => Some(4),
        // "may" needs a day and a four-digit year around it to count, like every month name.
        "may" | "maggio" => Some(5),
        "june" | "giugno" => Some(6),
        "july" | "luglio" => Some(7),
        "august" | "agosto" => Some(8),
        "september" | "settembre" => Some(9),
        "october" | "ottobre" => Some(10),
        "november" | "novembre" => Some(11),
        "december" | "dicembre" => Some(12),
        _ => None,
    };
    if let Some(m) = full {
        return Some((m, false));
    }
    let abbrev = match t.folded.as_str() {
        "jan" | "gen" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "mag" => 5,
        "jun" | "giu" => 6,
        "jul" | "lug" => 7,
        "aug" | "ago" => 8,
        "sep" | "sept" | "set" | "sett" => 9,
        "oct" | "ott" => 10,
        "nov" => 11,
        "dec" | "dic" => 12,
        _ => return None,
    };
    Some((abbrev, true))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weekday {
    Full,
    /// "Thu", "gio": also ordinary words ("sat", "sun"), so trusted only next to punctuation.
    Abbrev,
}

fn weekday(t: &Token) -> Option<Weekday> {
    if t.kind != Kind::Word {
        return None;
    }
    match t.folded.as_str() {
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        | "lunedi" | "martedi" | "mercoledi" | "giovedi" | "venerdi" | "sabato" | "domenica" => {
            Some(Weekday::Full)
        }
        "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
        | "lun" | "mar" | "mer" | "gio" | "ven" | "sab" | "dom" => Some(Weekday::Abbrev),
        _ => None,
    }
}

/// Words that date lines carry besides the date itself.
fn is_filler_word(w: &str) -> bool {
    matches!(
        w,
        "published"
            | "updated"
            | "posted"
            | "modified"
            | "last"
            | "on"
            | "at"
            | "date"
            | "pubblicato"
            | "pubblicata"
            | "aggiornato"
            | "aggiornata"
            | "aggiornamento"
            | "ultimo"
            | "data"
            | "il"
            | "ore"
            | "alle"
            | "h"
            | "am"
            | "pm"
    )
}

fn is_zone_word(w: &str) -> bool {
    matches!(
        w,
        "utc"
            | "gmt"
            | "cet"
            | "cest"
            | "bst"
            | "wet"
            | "west"
            | "eet"
            | "eest"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "z"
    )
}

/// Separators seen around dates in bylines ("|", dashes, bullets, brackets).
fn is_line_punct(c: char) -> bool {
    matches!(
        c,
        '|' | '-'
            | '–'
            | '—'
            | '−'
            | ','
            | '.'
            | ':'
            | ';'
            | '/'
            | '('
            | ')'
            | '['
            | ']'
            | '·'
            | '•'
            | '\''
            | '’'
    )
}

// ---------------------------------------------------------------------------------------------
// Date patterns

/// A date found at token indices `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Found {
    date: Date,
    first: usize,
    last: usize,
}

/// Tries every pattern that can start at token `i`; at most a handful of tokens are read.
fn match_at(toks: &[Token], i: usize) -> Option<Found> {
    match_iso(toks, i)
        .or_else(|| match_numeric(toks, i))
        .or_else(|| match_dmy(toks, i))
        .or_else(|| match_mdy(toks, i))
}

/// "2025-08-30", "2025/08/30", also the date part of "2025-08-30T10:00:00Z".
fn match_iso(toks: &[Token], i: usize) -> Option<Found> {
    let y = toks.get(i)?;
    let year = year_number(y)?;
    let s1 = toks.get(i + 1)?;
    let Kind::Punct(sep @ ('-' | '/')) = s1.kind else {
        return None;
    };
    let m = toks.get(i + 2)?;
    let s2 = toks.get(i + 3)?;
    let d = toks.get(i + 4)?;
    let glued = adjacent(y, s1) && adjacent(s1, m) && adjacent(m, s2) && adjacent(s2, d);
    if !glued || !is_punct(s2, sep) {
        return None;
    }
    let (month, day) = (small_number(m)?, small_number(d)?);
    if !left_clear_numeric(toks, i) || !right_clear_numeric(toks, i + 4, true) {
        return None;
    }
    Some(Found {
        date: Date::new(year, month, day)?,
        first: i,
        last: i + 4,
    })
}

/// "11/12/2025", "11.12.2025": always day/month/year, since briefings are European; a
/// combination that is not a valid d/m/y ("12/31/2025") is rejected rather than reinterpreted.
fn match_numeric(toks: &[Token], i: usize) -> Option<Found> {
    let d = toks.get(i)?;
    let day = small_number(d)?;
    let s1 = toks.get(i + 1)?;
    let Kind::Punct(sep @ ('/' | '.')) = s1.kind else {
        return None;
    };
    let m = toks.get(i + 2)?;
    let s2 = toks.get(i + 3)?;
    let y = toks.get(i + 4)?;
    let glued = adjacent(d, s1) && adjacent(s1, m) && adjacent(m, s2) && adjacent(s2, y);
    if !glued || !is_punct(s2, sep) {
        return None;
    }
    let (month, year) = (small_number(m)?, year_number(y)?);
    if !left_clear_numeric(toks, i) || !right_clear_numeric(toks, i + 4, false) {
        return None;
    }
    Some(Found {
        date: Date::new(year, month, day)?,
        first: i,
        last: i + 4,
    })
}

/// Skips an ordinal mark glued to a day: "1º", "1°", "14th", "1st".
fn skip_ordinal(toks: &[Token], j: usize, day: &Token) -> usize {
    match toks.get(j) {
        Some(t)
            if adjacent(day, t)
                && (matches!(t.kind, Kind::Punct('º' | 'ª' | '°'))
                    || matches!(
                        (t.kind, t.folded.as_str()),
                        (Kind::Word, "st" | "nd" | "rd" | "th")
                    )) =>
        {
            j + 1
        }
        _ => j,
    }
}

/// Skips the dot of an abbreviated month ("dic.", "Mar.").
fn skip_abbrev_dot(toks: &[Token], j: usize, month: &Token, abbrev: bool) -> usize {
    match toks.get(j) {
        Some(t) if abbrev && is_punct(t, '.') && adjacent(month, t) => j + 1,
        _ => j,
    }
}

fn skip_comma(toks: &[Token], j: usize) -> usize {
    match toks.get(j) {
        Some(t) if is_punct(t, ',') => j + 1,
        _ => j,
    }
}

/// "11 Dicembre 2025", "1º marzo 2026", "14th March 2026", "the 14th of March 2026",
/// "11 dic. 2025", "28 ago 2025".
fn match_dmy(toks: &[Token], i: usize) -> Option<Found> {
    let d = toks.get(i)?;
    let day = small_number(d)?;
    if !left_clear(toks, i) {
        return None;
    }
    let mut j = skip_ordinal(toks, i + 1, d);
    if toks.get(j).is_some_and(|t| is_word(t, "of")) {
        j += 1;
    }
    let m = toks.get(j)?;
    let (month, abbrev) = month_of(m)?;
    j = skip_abbrev_dot(toks, j + 1, m, abbrev);
    j = skip_comma(toks, j);
    let year = year_number(toks.get(j)?)?;
    if !right_clear(toks, j) {
        return None;
    }
    Some(Found {
        date: Date::new(year, month, day)?,
        first: i,
        last: j,
    })
}

/// "March 14, 2026", "Mar. 14, 2026", "March 14th, 2026", "Dec 11 2025".
fn match_mdy(toks: &[Token], i: usize) -> Option<Found> {
    let m = toks.get(i)?;
    let (month, abbrev) = month_of(m)?;
    if !left_clear(toks, i) {
        return None;
    }
    let j = skip_abbrev_dot(toks, i + 1, m, abbrev);
    let d = toks.get(j)?;
    let day = small_number(d)?;
    let j = skip_comma(toks, skip_ordinal(toks, j + 1, d));
    let year = year_number(toks.get(j)?)?;
    if !right_clear(toks, j) {
        return None;
    }
    Some(Found {
        date: Date::new(year, month, day)?,
        first: i,
        last: j,
    })
}

/// Moves the start back over a weekday in front of the date: "Thursday, 11 December 2025",
/// "giovedì 11 dicembre 2025", "Thu, 11 Dec 2025". Abbreviations count only with their comma
/// or dot, since "sat"/"sun" are also plain words.
fn extend_weekday(toks: &[Token], first: usize) -> usize {
    let Some(p) = prev(toks, first) else {
        return first;
    };
    let before = first.saturating_sub(2);
    if matches!(p.kind, Kind::Punct(',' | '.')) {
        match prev(toks, first - 1) {
            Some(w) if weekday(w).is_some() && (is_punct(p, ',') || adjacent(w, p)) => before,
            _ => first,
        }
    } else if weekday(p) == Some(Weekday::Full) {
        first - 1
    } else {
        first
    }
}

// ---------------------------------------------------------------------------------------------
// Times and zones (date lines only)

/// "+01:00", "-5" glued to the token before it.
fn match_offset(toks: &[Token], j: usize, last: &Token) -> Option<usize> {
    let sign = toks.get(j)?;
    if !matches!(sign.kind, Kind::Punct('+' | '-' | '−')) || !adjacent(last, sign) {
        return None;
    }
    let n = toks.get(j + 1)?;
    if n.kind != Kind::Number || !(1..=4).contains(&n.digits) || !adjacent(sign, n) {
        return None;
    }
    match (toks.get(j + 2), toks.get(j + 3)) {
        (Some(c), Some(mm))
            if is_punct(c, ':') && adjacent(n, c) && adjacent(c, mm) && mm.digits == 2 =>
        {
            Some(j + 4)
        }
        _ => Some(j + 2),
    }
}

/// "10:32", "8.15", "10:00:00.000Z", "T10:00:00+02:00", and a bare hour next to a cue
/// ("ore 8", "9 am"). Returns the index after the time.
fn match_time(toks: &[Token], i: usize) -> Option<usize> {
    let mut j = i;
    if toks.get(j).is_some_and(|t| is_word(t, "t")) {
        j += 1;
    }
    let h = toks.get(j)?;
    let hour = small_number(h)?;
    if hour > 24 || (j > i && toks.get(i).is_some_and(|t| !adjacent(t, h))) {
        return None;
    }
    let mut last = h;
    j += 1;
    let mut minutes = false;
    if let (Some(sep), Some(m)) = (toks.get(j), toks.get(j + 1))
        && matches!(sep.kind, Kind::Punct(':' | '.'))
        && adjacent(last, sep)
        && adjacent(sep, m)
        && m.kind == Kind::Number
        && m.digits == 2
        && m.value <= 59
    {
        minutes = true;
        last = m;
        j += 2;
        if let (Some(sep), Some(s)) = (toks.get(j), toks.get(j + 1))
            && is_punct(sep, ':')
            && adjacent(last, sep)
            && adjacent(sep, s)
            && s.kind == Kind::Number
            && s.digits == 2
            && s.value <= 60
        {
            last = s;
            j += 2;
            if let (Some(dot), Some(frac)) = (toks.get(j), toks.get(j + 1))
                && matches!(dot.kind, Kind::Punct('.' | ','))
                && adjacent(last, dot)
                && adjacent(dot, frac)
                && frac.kind == Kind::Number
            {
                last = frac;
                j += 2;
            }
        }
    }
    if !minutes {
        let cue_before = prev(toks, i).is_some_and(|p| {
            p.kind == Kind::Word && matches!(p.folded.as_str(), "ore" | "alle" | "at" | "h")
        });
        let cue_after = toks.get(j).is_some_and(|n| {
            n.kind == Kind::Word && matches!(n.folded.as_str(), "am" | "pm" | "h")
        });
        if !(cue_before || cue_after) {
            return None;
        }
    }
    if let Some(z) = toks.get(j)
        && adjacent(last, z)
        && is_word(z, "z")
    {
        last = z;
        j += 1;
    }
    Some(match_offset(toks, j, last).unwrap_or(j))
}

/// "CET", "UTC+1", "GMT".
fn match_zone(toks: &[Token], i: usize) -> Option<usize> {
    let z = toks.get(i)?;
    if z.kind != Kind::Word || !is_zone_word(&z.folded) {
        return None;
    }
    Some(match_offset(toks, i + 1, z).unwrap_or(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        find_date(text).map(|(d, _)| d.to_iso())
    }

    fn span(text: &str) -> Option<&str> {
        find_date(text).and_then(|(_, r)| text.get(r))
    }

    #[test]
    fn iso_forms() {
        assert_eq!(iso("2025-08-30"), Some("2025-08-30".into()));
        assert_eq!(iso("Filed 2025/08/30."), Some("2025-08-30".into()));
        assert_eq!(iso("2025-8-3"), Some("2025-08-03".into()));
        let ts = "at 2025-08-30T10:00:00Z in Brussels";
        assert_eq!(iso(ts), Some("2025-08-30".into()));
        assert_eq!(span(ts), Some("2025-08-30"));
    }

    #[test]
    fn iso_rejects_bad_shapes() {
        assert_eq!(iso("2025-08/30"), None, "mixed separators");
        assert_eq!(iso("12025-08-30"), None, "five-digit year");
        assert_eq!(iso("2025-02-30"), None);
        assert_eq!(iso("id2025-08-30"), None);
        assert_eq!(iso("2025-08-30-7"), None, "serial, not a date");
        assert_eq!(iso("Regulation (EU) 2024/1689"), None);
    }

    #[test]
    fn italian_day_month_year() {
        assert_eq!(iso("11 Dicembre 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("3 febbraio 2026"), Some("2026-02-03".into()));
        assert_eq!(iso("7 MAGGIO 2025"), Some("2025-05-07".into()));
        assert_eq!(iso("1º marzo 2026"), Some("2026-03-01".into()));
        assert_eq!(iso("1° marzo 2026"), Some("2026-03-01".into()));
        assert_eq!(iso("11 dic. 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("28 ago 2025"), Some("2025-08-28".into()));
        assert_eq!(iso("5 sett. 2025"), Some("2025-09-05".into()));
        assert_eq!(iso("5 set 2025"), Some("2025-09-05".into()));
        assert_eq!(iso("2 gen 2026"), Some("2026-01-02".into()));
        assert_eq!(iso("9 giu 2025"), Some("2025-06-09".into()));
        assert_eq!(iso("9 lug. 2025"), Some("2025-07-09".into()));
        assert_eq!(iso("30 ott 2025"), Some("2025-10-30".into()));
        assert_eq!(iso("4 mag 2025"), Some("2025-05-04".into()));
        assert_eq!(
            iso("la riunione dell'11 dicembre 2025"),
            Some("2025-12-11".into())
        );
    }

    #[test]
    fn english_day_month_year() {
        assert_eq!(iso("14 March 2026"), Some("2026-03-14".into()));
        assert_eq!(iso("14th March 2026"), Some("2026-03-14".into()));
        assert_eq!(iso("1st May 2026"), Some("2026-05-01".into()));
        assert_eq!(iso("22nd Jan 2026"), Some("2026-01-22".into()));
        assert_eq!(iso("3rd Sept. 2025"), Some("2025-09-03".into()));
        assert_eq!(iso("the 14th of March 2026"), Some("2026-03-14".into()));
        assert_eq!(iso("11 December, 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("05 may 2026"), Some("2026-05-05".into()));
    }

    #[test]
    fn english_month_day_year() {
        assert_eq!(iso("March 14, 2026"), Some("2026-03-14".into()));
        assert_eq!(iso("Mar. 14, 2026"), Some("2026-03-14".into()));
        assert_eq!(iso("March 14th, 2026"), Some("2026-03-14".into()));
        assert_eq!(iso("Dec 11 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("May 5, 2026"), Some("2026-05-05".into()));
        assert_eq!(
            iso("Meeting of 11 March 14, 2026"),
            Some("2026-03-14".into())
        );
        assert_eq!(span("Posted Mar. 14, 2026 by staff"), Some("Mar. 14, 2026"));
    }

    #[test]
    fn numeric_european() {
        assert_eq!(iso("11/12/2025"), Some("2025-12-11".into()));
        assert_eq!(iso("11.12.2025"), Some("2025-12-11".into()));
        assert_eq!(iso("on 1.2.2025."), Some("2025-02-01".into()));
        assert_eq!(iso("12/31/2025"), None, "not a valid d/m/y");
        assert_eq!(iso("31.04.2025"), None);
        assert_eq!(iso("00/12/2025"), None, "day 0");
        assert_eq!(iso("11/12.2025"), None, "mixed separators");
        assert_eq!(iso("1.11.12.2025"), None, "numeric chain");
        assert_eq!(iso("11.12.2025.3"), None, "numeric chain");
        assert_eq!(iso("v1.2.2025"), None);
    }

    #[test]
    fn weekday_prefixes_are_part_of_the_range() {
        let en = "Thursday, 11 December 2025";
        assert_eq!(iso(en), Some("2025-12-11".into()));
        assert_eq!(span(en), Some(en));
        let it = "giovedì 11 dicembre 2025";
        assert_eq!(span(it), Some(it));
        let caps = "Giovedi 11 Dicembre 2025";
        assert_eq!(span(caps), Some(caps));
        let nfd = "giovedi\u{300} 11 dicembre 2025";
        assert_eq!(span(nfd), Some(nfd));
        assert_eq!(span("Thu, 11 Dec 2025 09:00"), Some("Thu, 11 Dec 2025"));
        assert_eq!(span("we sat 11 December 2025"), Some("11 December 2025"));
    }

    #[test]
    fn words_match_on_boundaries() {
        assert_eq!(iso("marine 2025"), None);
        assert_eq!(iso("3 marine 2025"), None);
        assert_eq!(iso("3 Marzotto 2025"), None);
        assert_eq!(iso("x11 dicembre 2025"), None);
        assert_eq!(iso("11 dicembre 2025abc"), None);
        assert_eq!(
            iso("11dicembre 2025 vs 3 maggio 2025"),
            Some("2025-12-11".into())
        );
    }

    #[test]
    fn may_alone_never_matches() {
        assert_eq!(iso("Ministers may meet again"), None);
        assert_eq!(iso("Prices may 2026"), None);
        assert_eq!(iso("It may 5 times"), None);
        assert_eq!(iso("5 May 2026"), Some("2026-05-05".into()));
    }

    #[test]
    fn invalid_calendar_dates() {
        assert_eq!(iso("31 febbraio 2026"), None);
        assert_eq!(iso("February 31, 2026"), None);
        assert_eq!(iso("29 febbraio 2024"), Some("2024-02-29".into()));
        assert_eq!(iso("29 febbraio 2025"), None);
        assert_eq!(iso("0 marzo 2026"), None);
        assert_eq!(iso("11 dicembre 1850"), None);
    }

    #[test]
    fn partial_dates_return_none() {
        assert_eq!(iso("28 ago."), None);
        assert_eq!(iso("Tokyo, 28 ago. (agency) - markets fell"), None);
        assert_eq!(iso("11 dicembre"), None);
        assert_eq!(iso("March 14"), None);
        assert_eq!(
            iso("Tokyo, 28 ago. (agency) - the report of 3 March 2026"),
            Some("2026-03-03".into())
        );
    }

    #[test]
    fn range_slices_back_to_the_date() {
        let text = "Roma, 11 dicembre 2025 – Stamattina";
        let found = find_date(text);
        assert_eq!(
            found.as_ref().map(|(d, _)| d.to_iso()),
            Some("2025-12-11".into())
        );
        assert_eq!(
            found.and_then(|(_, r)| text.get(r)),
            Some("11 dicembre 2025")
        );
        assert_eq!(span("Bruxelles, 1º marzo 2026 –"), Some("1º marzo 2026"));
        assert_eq!(span("(11 dic. 2025)"), Some("11 dic. 2025"));
    }

    #[test]
    fn first_date_wins() {
        assert_eq!(
            iso("from 3 March 2026 to 2026-04-01"),
            Some("2026-03-03".into())
        );
        assert_eq!(
            iso("2026-04-01 then 3 March 2026"),
            Some("2026-04-01".into())
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "º°ª",
            "2025-",
            "2025-08-",
            "31/",
            "1º",
            "14th",
            "dic.",
            "Mar.",
            "99999999999999999999999 marzo 2026",
            "11 marzo 99999999999",
            "\u{300}\u{301} 11",
            "é,",
            "T10:00",
            "+",
            "ore",
        ] {
            let _ = find_date(text);
            let _ = is_date_line(text);
        }
        assert_eq!(iso("99999999999999999999999 marzo 2026"), None);
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("11 Dicembre 2025"));
        assert!(is_date_line("Published March 14, 2026 | 10:32 CET"));
        assert!(is_date_line("giovedì 11 dicembre 2025, ore 8:15"));
        assert!(is_date_line("Aggiornato il 3 febbraio 2026 alle 10.32"));
        assert!(is_date_line("Pubblicato il 1º marzo 2026 – ore 8"));
        assert!(is_date_line("Updated: Thu, 11 Dec 2025 09:00 GMT"));
        assert!(is_date_line("2025-08-30T10:00:00Z"));
        assert!(is_date_line("2025-08-30T10:00:00.000+02:00"));
        assert!(is_date_line("11/12/2025 - 10:32 UTC+1"));
        assert!(is_date_line(
            "Published 3 March 2026 | Updated 4 March 2026"
        ));
    }

    #[test]
    fn not_date_lines() {
        assert!(!is_date_line(
            "Roma, 11 dicembre 2025 – Stamattina, poco dopo le 8, si è tenuta una videoconferenza"
        ));
        assert!(!is_date_line("Sara Gelmini"));
        assert!(!is_date_line(""));
        assert!(!is_date_line("| 10:32 CET"));
        assert!(!is_date_line("11 dicembre 2025 12"));
        assert!(!is_date_line("28 ago."));
        assert!(!is_date_line("Roma, 11 dicembre 2025"));
    }
}
