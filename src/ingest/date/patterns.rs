//! The date forms briefings use (ISO, European numeric, day–month–year, month–day–year, in
//! English and Italian) and the month and weekday names they spell out. Each form reads a
//! fixed handful of tokens from where it starts.

use super::tokens::{
    Kind, Token, adjacent, is_punct, is_word, left_clear, left_clear_numeric, prev, right_clear,
    right_clear_numeric, small_number, year_number,
};
use crate::model::Date;

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
pub(super) enum Weekday {
    Full,
    /// "Thu", "gio": also ordinary words ("sat", "sun"), so trusted only next to punctuation.
    Abbrev,
}

pub(super) fn weekday(t: &Token) -> Option<Weekday> {
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

/// A date found at token indices `first..=last`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub(super) date: Date,
    pub(super) first: usize,
    pub(super) last: usize,
}

/// Tries every pattern that can start at token `i`; at most a handful of tokens are read.
pub(super) fn match_at(toks: &[Token], i: usize) -> Option<Found> {
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
pub(super) fn extend_weekday(toks: &[Token], first: usize) -> usize {
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
