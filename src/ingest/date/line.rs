//! What a date line may carry besides its date: a time ("10:32", "ore 8"), a timezone or
//! offset ("CET", "+01:00"), filler words ("Published", "Aggiornato il", "Mis à jour le",
//! "Veröffentlicht am", "Publicado el") and separators. Only
//! [`is_date_line`](super::is_date_line) asks for these; finding a date never does.

use super::tokens::{Kind, Token, adjacent, is_punct, is_word, prev, small_number};

/// Words that date lines carry besides the date itself (folded: "Publié" is "publie").
/// Articles and prepositions ("le", "am", "el", "à") count only because every other word of
/// the line must be a date, a time or one of these.
pub(super) fn is_filler_word(w: &str) -> bool {
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
            // French: "Publié le", "Mis à jour le", "à 10h32".
            | "publie"
            | "publiee"
            | "mis"
            | "mise"
            | "a"
            | "jour"
            | "le"
            // German: "Veröffentlicht am", "Aktualisiert am", "Stand:", "um 10:32 Uhr".
            | "veroffentlicht"
            | "veroeffentlicht"
            | "aktualisiert"
            | "zuletzt"
            | "stand"
            | "um"
            | "uhr"
            // Spanish: "Publicado el", "Actualizado el", "a las 10:32".
            | "publicado"
            | "publicada"
            | "actualizado"
            | "actualizada"
            | "el"
            | "las"
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
pub(super) fn is_line_punct(c: char) -> bool {
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

/// "10:32", "8.15", "10h32", "10:00:00.000Z", "T10:00:00+02:00", and a bare hour next to a
/// cue ("ore 8", "9 am", "10 h"). Returns the index after the time.
pub(super) fn match_time(toks: &[Token], i: usize) -> Option<usize> {
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
        && (matches!(sep.kind, Kind::Punct(':' | '.')) || is_word(sep, "h"))
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
            p.kind == Kind::Word
                && matches!(
                    p.folded.as_str(),
                    "ore" | "alle" | "at" | "h" | "um" | "las"
                )
        });
        let cue_after = toks.get(j).is_some_and(|n| {
            n.kind == Kind::Word && matches!(n.folded.as_str(), "am" | "pm" | "h" | "uhr")
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
pub(super) fn match_zone(toks: &[Token], i: usize) -> Option<usize> {
    let z = toks.get(i)?;
    if z.kind != Kind::Word || !is_zone_word(&z.folded) {
        return None;
    }
    Some(match_offset(toks, i + 1, z).unwrap_or(i + 1))
}
