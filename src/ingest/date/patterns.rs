//! The date forms briefings use (ISO, European numeric, day–month–year, month–day–year, in
//! English, Italian, French, German and Spanish) and the month and weekday names they spell
//! out. Each form reads a fixed handful of tokens from where it starts.

use super::tokens::{
    Kind, Token, adjacent, is_punct, left_clear, left_clear_numeric, prev, right_clear,
    right_clear_numeric, small_number, year_number,
};
use crate::model::Date;

/// Month number and whether the form is an abbreviation (which may take a dot). Names are
/// compared folded, so "décembre", "decembre" and "DÉCEMBRE" are one; German "ae" spellings
/// ("Maerz") stand in for the umlaut on keyboards without one.
fn month_of(t: &Token) -> Option<(u8, bool)> {
    if t.kind != Kind::Word {
        return None;
    }
    let full = match t.folded.as_str() {
        "january" | "gennaio" | "janvier" | "januar" | "janner" | "enero" => Some(1),
        "february" | "febbraio" | "fevrier" | "februar" | "febrero" => Some(2),
        // "mars" and "Mai"/"mai" are also words; like every month name they count only
        // between a day and a four-digit year.
        "march" | "marzo" | "mars" | "marz" | "maerz" => Some(3),
        "april" | "aprile" | "avril" | "abril" => Some(4),
        "maggio" | "mai" | "mayo" => Some(5),
        "june" | "giugno" | "juin" | "juni" | "junio" => Some(6),
        "july" | "luglio" | "juillet" | "juli" | "julio" => Some(7),
        "august" | "agosto" | "aout" => Some(8),
        "september" | "settembre" | "septembre" | "septiembre" | "setiembre" => Some(9),
        "october" | "ottobre" | "octobre" | "oktober" | "octubre" => Some(10),
        "november" | "novembre" | "noviembre" => Some(11),
        "december" | "dicembre" | "decembre" | "dezember" | "diciembre" => Some(12),
        _ => None,
    };
    if let Some(m) = full {
        return Some((m, false));
    }
    let abbrev = match t.folded.as_str() {
        "jan" | "gen" | "janv" | "ene" => 1,
        "feb" | "fev" | "fevr" => 2,
        // "mar" is also Spanish and Italian for "sea": a day must stand in front of it.
        "mar" => 3,
        "apr" | "avr" | "abr" => 4,
        // English "may" is a verb too; Spanish writes it "may." as an abbreviation, so it
        // takes a dot like one, and still needs a day and a year around it.
        "may" | "mag" => 5,
        "jun" | "giu" => 6,
        "jul" | "lug" | "juil" | "juill" => 7,
        "aug" | "ago" => 8,
        "sep" | "sept" | "set" | "sett" => 9,
        "oct" | "ott" | "okt" => 10,
        "nov" => 11,
        "dec" | "dic" | "dez" => 12,
        _ => return None,
    };
    Some((abbrev, true))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weekday {
    Full,
    /// "Thu", "gio": also ordinary words ("sat", "sun"), so trusted only next to punctuation.
    Abbrev,
    /// German "Do.", "Mi.": common words without their dot ("so", "do"), so trusted only
    /// with the dot glued on.
    Short,
}

pub(super) fn weekday(t: &Token) -> Option<Weekday> {
    if t.kind != Kind::Word {
        return None;
    }
    match t.folded.as_str() {
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        | "lunedi" | "martedi" | "mercoledi" | "giovedi" | "venerdi" | "sabato" | "domenica"
        | "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche"
        | "montag" | "dienstag" | "mittwoch" | "donnerstag" | "freitag" | "samstag"
        | "sonnabend" | "sonntag" | "lunes" | "martes" | "miercoles" | "jueves" | "viernes"
        | "sabado" | "domingo" => Some(Weekday::Full),
        "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
        | "lun" | "mar" | "mer" | "gio" | "ven" | "sab" | "dom" | "jeu" | "sam" | "dim" | "mie"
        | "jue" | "vie" => Some(Weekday::Abbrev),
        "mo" | "di" | "mi" | "do" | "fr" | "sa" | "so" => Some(Weekday::Short),
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

/// Skips an ordinal mark glued to a day: "1º", "1°", "14th", "1st", French "1er", and the
/// German ordinal dot ("11. Dezember"), also with a Spanish "º" after it ("1.º"), when `dot`
/// is set: only a day in front of its month may take one, since after "March 14" it is a full
/// stop.
fn skip_ordinal(toks: &[Token], j: usize, day: &Token, dot: bool) -> usize {
    match toks.get(j) {
        Some(t) if dot && adjacent(day, t) && is_punct(t, '.') => match toks.get(j + 1) {
            Some(o) if adjacent(t, o) && matches!(o.kind, Kind::Punct('º' | '°')) => j + 2,
            _ => j + 1,
        },
        Some(t)
            if adjacent(day, t)
                && (matches!(t.kind, Kind::Punct('º' | 'ª' | '°'))
                    || matches!(
                        (t.kind, t.folded.as_str()),
                        (Kind::Word, "st" | "nd" | "rd" | "th" | "er")
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

/// Skips one of the linking words a language puts between the parts of a date: English "of",
/// Spanish "de"/"del" ("11 de diciembre de 2025").
fn skip_word(toks: &[Token], j: usize, words: &[&str]) -> usize {
    match toks.get(j) {
        Some(t) if t.kind == Kind::Word && words.contains(&t.folded.as_str()) => j + 1,
        _ => j,
    }
}

/// Day, month and the index just past the month (and its dot) of a day–month form starting
/// at `i`: "11 dicembre", "1er mars", "11. Dezember", "11 de diciembre", "the 14th of March".
fn day_month(toks: &[Token], i: usize) -> Option<(u8, u8, usize)> {
    let d = toks.get(i)?;
    let day = small_number(d)?;
    if !left_clear(toks, i) {
        return None;
    }
    let j = skip_word(toks, skip_ordinal(toks, i + 1, d, true), &["of", "de"]);
    let m = toks.get(j)?;
    let (month, abbrev) = month_of(m)?;
    Some((day, month, skip_abbrev_dot(toks, j + 1, m, abbrev)))
}

/// "11 Dicembre 2025", "1º marzo 2026", "14th March 2026", "the 14th of March 2026",
/// "11 dic. 2025", "28 ago 2025", "1er mars 2025", "11. Dez. 2025",
/// "11 de diciembre de 2025".
fn match_dmy(toks: &[Token], i: usize) -> Option<Found> {
    let (day, month, j) = day_month(toks, i)?;
    let j = skip_word(toks, skip_comma(toks, j), &["de", "del"]);
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

/// Token indices `first..=last` of a date without a year ("28 ago.", "11 de diciembre",
/// "March 14"), which datelines carry. The day must be one the month can have.
pub(super) fn match_yearless(toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let (day, month, last) = if let Some((day, month, next)) = day_month(toks, i) {
        (day, month, next - 1)
    } else {
        let (month, day, next) = month_day(toks, i)?;
        (day, month, next - 1)
    };
    // Any leap year will do: "29 febbraio" is a day some year has.
    Date::new(2024, month, day)?;
    right_clear(toks, last).then_some((i, last))
}

/// A month name then a day ("March 14", "Mar. 14th"): the month, the day and the index of the
/// token after the day (and its ordinal suffix).
fn month_day(toks: &[Token], i: usize) -> Option<(u8, u8, usize)> {
    let m = toks.get(i)?;
    let (month, abbrev) = month_of(m)?;
    if !left_clear(toks, i) {
        return None;
    }
    let j = skip_abbrev_dot(toks, i + 1, m, abbrev);
    let d = toks.get(j)?;
    Some((month, small_number(d)?, skip_ordinal(toks, j + 1, d, false)))
}

/// "March 14, 2026", "Mar. 14, 2026", "March 14th, 2026", "Dec 11 2025".
fn match_mdy(toks: &[Token], i: usize) -> Option<Found> {
    let (month, day, next) = month_day(toks, i)?;
    let j = skip_comma(toks, next);
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
/// "giovedì 11 dicembre 2025", "Thu, 11 Dec 2025", "jue., 11 dic. 2025", "Do. 11.12.2025".
/// Abbreviations count only with their comma or dot, since "sat"/"sun" are also plain words,
/// and German two-letter ones only with their dot.
pub(super) fn extend_weekday(toks: &[Token], first: usize) -> usize {
    let Some(p) = prev(toks, first) else {
        return first;
    };
    let before = first.saturating_sub(2);
    if matches!(p.kind, Kind::Punct(',' | '.')) {
        match prev(toks, first - 1) {
            Some(w) if weekday(w).is_some() && adjacent(w, p) && is_punct(p, '.') => before,
            Some(w)
                if weekday(w).is_some_and(|k| k != Weekday::Short)
                    && (is_punct(p, ',') || adjacent(w, p)) =>
            {
                before
            }
            // "jue., 11 dic. 2025", "Do., 11. Dez. 2025": the abbreviation's dot, then the
            // comma.
            Some(dot) if is_punct(p, ',') && is_punct(dot, '.') => match prev(toks, first - 2) {
                Some(w) if weekday(w).is_some() && adjacent(w, dot) => first.saturating_sub(3),
                _ => first,
            },
            _ => first,
        }
    } else if weekday(p) == Some(Weekday::Full) {
        first - 1
    } else {
        first
    }
}
