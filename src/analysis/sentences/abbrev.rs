//! The abbreviation knowledge: English and Italian words after which a single '.' does not
//! end a sentence (always, only before a number, or unless a typical opener follows), the
//! openers themselves, and the rules for initials and dotted acronyms. What to edit when a
//! briefing's sentence is split in the wrong place.

use super::chars::{char_at, is_closer, is_opener};

/// Longest token (in bytes) still considered as a possible abbreviation;
/// keeps the per-candidate work bounded on pathological input.
const MAX_ABBREV_LEN: usize = 24;

/// Longest word (in chars) read after a candidate boundary when looking for
/// a sentence-starting word; starters are short, so this bounds the work.
const MAX_STARTER_CHARS: usize = 16;

/// Abbreviations that never end a sentence: titles placed before names and
/// Latin/reference markers that always introduce more text. Lowercase.
const ALWAYS_ABBREVS: &[&str] = &[
    // English titles.
    "mr", "mrs", "ms", "messrs", "mmes", "mme", "mlle", "dr", "drs", "prof", "profs", "sen", "sens",
    "rep", "reps", "gen", "col", "lt", "capt", "cmdr", "cdr", "adm", "maj", "sgt", "cpl", "gov",
    "pres", "supt", "hon", "rev", "fr", "msgr", "mt",
    // Italian titles and forms of address.
    "dott", "sig", "sigg", "ing", "avv", "geom", "mons", "onn", "egr", "gent", "spett",
    // Markers that always introduce something.
    "vs", "cf", "cfr", "viz", "e.g", "i.e", "approx", "op",
];

/// Abbreviations that only hold a sentence together before a number
/// ("No. 5", "Fig. 2", "art. 3", "5 ago. 2024") because the bare word can
/// also legitimately end a sentence ("two years ago."). Lowercase.
const DIGIT_ABBREVS: &[&str] = &[
    "no", "nos", "nr", "nn", "fig", "figs", "pag", "pagg", "pp", "vol", "vols", "cap", "capp",
    "par", "art", "artt", "sez", "tab", "lett", "chap", "min", "max", "est", "ca", "tel", "ago",
    "set", "mar",
];

/// Abbreviations that often sit mid-sentence but may also end one
/// ("Acme Inc.", "etc.", "Main St."): they split only before a typical
/// sentence-starting word. Lowercase.
const WEAK_ABBREVS: &[&str] = &[
    "jr", "sr", "inc", "ltd", "corp", "co", "bros", "plc", "llc", "spa", "srl", "st", "ave",
    "blvd", "rd", "dept", "univ", "assn", "ft", "etc", "ecc", "al", "ibid", "cit", "ss", "seg",
    "segg", "on", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mag", "giu", "lug", "sett", "ott", "dic",
];

/// Words that typically open a sentence, used to decide the ambiguous cases
/// ("in the U.S. The next…" splits, "the U.S. Navy" does not).
const STARTERS: &[&str] = &[
    // English.
    "The",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "It",
    "Its",
    "In",
    "At",
    "As",
    "A",
    "An",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Yet",
    "So",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Meanwhile",
    "Still",
    "Now",
    "Then",
    "What",
    "Why",
    "How",
    "Our",
    "His",
    "Her",
    "Their",
    "Next",
    // Italian.
    "Il",
    "Lo",
    "La",
    "Gli",
    "Le",
    "Un",
    "Uno",
    "Una",
    "Ma",
    "E",
    "Ed",
    "Per",
    "Con",
    "Nel",
    "Nella",
    "Nei",
    "Negli",
    "Nelle",
    "Questo",
    "Questa",
    "Questi",
    "Queste",
    "Secondo",
    "Oggi",
    "Poi",
    "Non",
    "Si",
    "Ci",
    "Se",
    "Anche",
    "Inoltre",
    "Intanto",
];

/// Elided Italian openers, recognised only when followed by an apostrophe
/// ("L'Italia", "Nell'incontro").
const ELIDED_STARTERS: &[&str] = &[
    "L", "Dell", "Nell", "All", "Dall", "Sull", "Un", "Quest", "C",
];

/// True when the token before a single '.' is an abbreviation, initial or
/// dotted acronym that should keep the sentence going. `next` is the first
/// character after the whitespace, found at byte offset `next_pos`.
pub(super) fn abbreviation_blocks(text: &str, raw: &str, next: char, next_pos: usize) -> bool {
    if raw.len() > MAX_ABBREV_LEN * 2 {
        return false;
    }
    let tok = raw
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(is_closer);
    // Italian elision: "l'avv.", "dell'on.", "dall'art." -> the abbreviation.
    let tok = tok.rsplit(['\'', '’']).next().unwrap_or(tok);
    if tok.is_empty() || tok.len() > MAX_ABBREV_LEN {
        return false;
    }
    let mut chars = tok.chars();
    if let (Some(ch), None) = (chars.next(), chars.next())
        && ch.is_alphabetic()
    {
        // "p. 12", "n. 5": lowercase single letters are abbreviations;
        // uppercase ones are initials ("J. R. R. Tolkien") unless clearly
        // followed by a new sentence ("Plan B. The…").
        return ch.is_lowercase() || !starts_with_starter(text, next_pos);
    }
    // Italian "On." (onorevole) before a name.
    if tok == "On" {
        return true;
    }
    let lower = tok.to_lowercase();
    let lower = lower.as_str();
    if ALWAYS_ABBREVS.contains(&lower) {
        return true;
    }
    if DIGIT_ABBREVS.contains(&lower) {
        return next.is_numeric();
    }
    if WEAK_ABBREVS.contains(&lower) || is_dotted_acronym(tok) {
        return !starts_with_starter(text, next_pos);
    }
    false
}

/// "U.S", "E.U", "S.p.A", "p.m", "Ph.D": short alphabetic segments joined by dots.
fn is_dotted_acronym(tok: &str) -> bool {
    tok.contains('.')
        && tok.split('.').all(|seg| {
            !seg.is_empty() && seg.chars().count() <= 3 && seg.chars().all(char::is_alphabetic)
        })
}

/// Whether the word at `pos` (after optional opening quotes) is a typical
/// sentence opener. A following '.' marks an initial ("A. Smith"), not a word.
fn starts_with_starter(text: &str, pos: usize) -> bool {
    let mut p = pos;
    while let Some(c) = char_at(text, p)
        && is_opener(c)
    {
        p += c.len_utf8();
    }
    let word_start = p;
    let mut n = 0usize;
    while let Some(c) = char_at(text, p)
        && c.is_alphabetic()
    {
        n += 1;
        if n > MAX_STARTER_CHARS {
            return false;
        }
        p += c.len_utf8();
    }
    let word = match text.get(word_start..p) {
        Some(w) if !w.is_empty() => w,
        _ => return false,
    };
    match char_at(text, p) {
        Some('.') => false,
        Some('\'' | '’') => ELIDED_STARTERS.contains(&word) || STARTERS.contains(&word),
        _ => STARTERS.contains(&word),
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::sentences::tests::sents;

    // ---- Abbreviations, initials, acronyms ---------------------------------

    #[test]
    fn english_titles() {
        let t = "Mr. Smith met Mrs. Jones and Prof. Brown. Sen. Warren joined. Gen. Milley spoke.";
        assert_eq!(
            sents(t),
            [
                "Mr. Smith met Mrs. Jones and Prof. Brown.",
                "Sen. Warren joined.",
                "Gen. Milley spoke."
            ]
        );
    }

    #[test]
    fn italian_titles_and_elision() {
        let t =
            "Il dott. Bianchi e l'avv. Verdi hanno incontrato l'On. Rossi. La riunione è finita.";
        assert_eq!(
            sents(t),
            [
                "Il dott. Bianchi e l'avv. Verdi hanno incontrato l'On. Rossi.",
                "La riunione è finita."
            ]
        );
        let t = "Secondo l’ing. Neri e il Sig. Gialli, va bene. Poi si vedrà.";
        assert_eq!(
            sents(t),
            [
                "Secondo l’ing. Neri e il Sig. Gialli, va bene.",
                "Poi si vedrà."
            ]
        );
    }

    #[test]
    fn reference_abbreviations_before_numbers() {
        let t = "Vedi l'art. 5 e la pag. 12 del rapporto, cfr. Rossi. Fine.";
        assert_eq!(
            sents(t),
            [
                "Vedi l'art. 5 e la pag. 12 del rapporto, cfr. Rossi.",
                "Fine."
            ]
        );
        let t = "See No. 10 and p. 4. Done.";
        assert_eq!(sents(t), ["See No. 10 and p. 4.", "Done."]);
    }

    #[test]
    fn word_like_abbreviation_at_sentence_end() {
        let t = "It happened two years ago. Nobody noticed.";
        assert_eq!(sents(t), ["It happened two years ago.", "Nobody noticed."]);
        let t = "Roma, 5 ago. 2024 – Vertice concluso. Poi la conferenza.";
        assert_eq!(
            sents(t),
            [
                "Roma, 5 ago. 2024 – Vertice concluso.",
                "Poi la conferenza."
            ]
        );
    }

    #[test]
    fn english_months() {
        let t = "On Jan. 5 the deal closed. It held until Dec. 2025 at least.";
        assert_eq!(
            sents(t),
            [
                "On Jan. 5 the deal closed.",
                "It held until Dec. 2025 at least."
            ]
        );
    }

    #[test]
    fn latin_markers() {
        let t = "Use tools, e.g. Hammers, i.e. Heavy ones. Done.";
        assert_eq!(
            sents(t),
            ["Use tools, e.g. Hammers, i.e. Heavy ones.", "Done."]
        );
        let t = "Italy vs. France ended 2-1. Fans cheered.";
        assert_eq!(sents(t), ["Italy vs. France ended 2-1.", "Fans cheered."]);
    }

    #[test]
    fn weak_abbreviations_split_only_before_starter() {
        let t = "We bought pens, paper, etc. The rest waited.";
        assert_eq!(
            sents(t),
            ["We bought pens, paper, etc.", "The rest waited."]
        );
        let t = "He joined Acme Inc. The firm grew.";
        assert_eq!(sents(t), ["He joined Acme Inc.", "The firm grew."]);
        let t = "Acme Inc. Reports grew.";
        assert_eq!(sents(t), [t]);
        let t = "He lives on Main St. The house is red.";
        assert_eq!(sents(t), ["He lives on Main St.", "The house is red."]);
        let t = "St. Peter's Square is big.";
        assert_eq!(sents(t), [t]);
        let t = "Penne, matite, ecc. Poi il resto.";
        assert_eq!(sents(t), ["Penne, matite, ecc.", "Poi il resto."]);
    }

    #[test]
    fn initials() {
        let t = "J. R. R. Tolkien wrote books. He died in 1973.";
        assert_eq!(
            sents(t),
            ["J. R. R. Tolkien wrote books.", "He died in 1973."]
        );
        let t = "Giorgia M. Meloni ha parlato. Poi è partita.";
        assert_eq!(
            sents(t),
            ["Giorgia M. Meloni ha parlato.", "Poi è partita."]
        );
        let t = "Mr. J. A. Smith came.";
        assert_eq!(sents(t), [t]);
        let t = "They chose Plan B. The plan failed.";
        assert_eq!(sents(t), ["They chose Plan B.", "The plan failed."]);
    }

    #[test]
    fn dotted_acronyms() {
        let t = "He lives in the U.S. The next step is hard.";
        assert_eq!(sents(t), ["He lives in the U.S.", "The next step is hard."]);
        let t = "the U.S. Navy sailed. It returned.";
        assert_eq!(sents(t), ["the U.S. Navy sailed.", "It returned."]);
        let t = "The U.K. Foreign Office and the E.U. Commission met. Talks ended.";
        assert_eq!(
            sents(t),
            [
                "The U.K. Foreign Office and the E.U. Commission met.",
                "Talks ended."
            ]
        );
        let t = "Leonardo S.p.A. Il gruppo cresce.";
        assert_eq!(sents(t), ["Leonardo S.p.A.", "Il gruppo cresce."]);
        let t = "At 5 p.m. Then dinner.";
        assert_eq!(sents(t), ["At 5 p.m.", "Then dinner."]);
    }
}
