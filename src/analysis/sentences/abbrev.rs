//! The abbreviation knowledge: English, Italian, French, German and Spanish words after which a
//! single '.' does not end a sentence (always, only before a number, or unless a typical opener
//! follows), the openers themselves, and the rules for initials, dotted acronyms, Spanish
//! doubled plurals ("EE. UU.") and German ordinals ("11. Dezember"). What to edit when a
//! briefing's sentence is split in the wrong place.

use super::chars::{char_at, is_closer, is_guillemet_space, is_opener};

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
    // French ("Mlles", "av. J.-C.", "p. ex."); "M." and "MM." are checked by case below.
    "mlles", "av", "ex", // German ("z.B.", "d.h.", "bzw.", "vgl.", "Hr." before a name).
    "hr", "hrn", "bzw", "vgl", "ggf", "evtl", "inkl", "zzgl", "bspw", "sog", "insb", "z.b", "d.h",
    "u.a", "o.g", "i.d.r",
    // Spanish titles and markers ("Sra.", "Dra.", "p. ej.", "Excmo.").
    "sra", "sras", "srta", "srtas", "sres", "srs", "dra", "dras", "dña", "lic", "excmo", "excma",
    "ej", "p.ej", "aprox", // Markers that always introduce something.
    "vs", "cf", "cfr", "viz", "e.g", "i.e", "approx", "op",
];

/// Abbreviations that only hold a sentence together before a number
/// ("No. 5", "Fig. 2", "art. 3", "5 ago. 2024") because the bare word can
/// also legitimately end a sentence ("two years ago."). Lowercase.
const DIGIT_ABBREVS: &[&str] = &[
    "no", "nos", "nr", "nn", "fig", "figs", "pag", "pagg", "pp", "vol", "vols", "cap", "capp",
    "par", "art", "artt", "sez", "tab", "lett", "chap", "min", "max", "est", "ca", "tel", "ago",
    "set", "mar",
    // French, German and Spanish: "env. 300", "Abs. 2", "núm. 5", "pág. 12", "9 may. 2026"
    // ("may." also ends English sentences).
    "env", "abs", "num", "núm", "pág", "págs", "may",
];

/// Abbreviations that often sit mid-sentence but may also end one
/// ("Acme Inc.", "etc.", "Main St."): they split only before a typical
/// sentence-starting word. Lowercase.
const WEAK_ABBREVS: &[&str] = &[
    "jr", "sr", "inc", "ltd", "corp", "co", "bros", "plc", "llc", "spa", "srl", "st", "ave",
    "blvd", "rd", "dept", "univ", "assn", "ft", "etc", "ecc", "al", "ibid", "cit", "ss", "seg",
    "segg", "on", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mag", "giu", "lug", "sett", "ott", "dic",
    // French, German and Spanish: "J.-C.", "usw.", "5 Mio. Euro", "Str.", "Ud.", month
    // abbreviations ("déc.", "Dez.", "ene.").
    "j.-c", "ste", "bd", "usw", "mio", "mrd", "str", "jh", "ud", "uds", "janv", "févr", "fév",
    "avr", "juil", "déc", "mär", "okt", "dez", "ene", "abr",
];

/// German month names and abbreviations: "11. Dezember" is a date, not a sentence end.
const GERMAN_MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "maerz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "jan",
    "feb",
    "mär",
    "apr",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dez",
];

/// German articles and contractions before an ordinal: "der 3. Weg", "im 2. Quartal".
const GERMAN_ORDINAL_CUES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "am", "im", "vom", "zum", "zur", "beim",
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
    // French.
    "Les",
    "Elle",
    "Ils",
    "Elles",
    "Une",
    "Mais",
    "Et",
    "Ce",
    "Cette",
    "Ces",
    "Cet",
    "En",
    "Dans",
    "Selon",
    "Nous",
    "On",
    "Depuis",
    "Après",
    "Pour",
    "Au",
    "Aux",
    "Du",
    "Des",
    "Ainsi",
    "Cependant",
    "Puis",
    // German.
    "Der",
    "Die",
    "Das",
    "Den",
    "Dem",
    "Ein",
    "Eine",
    "Er",
    "Sie",
    "Es",
    "Wir",
    "Ich",
    "Aber",
    "Und",
    "Doch",
    "Auch",
    "Im",
    "Am",
    "Nach",
    "Seit",
    "Diese",
    "Dieser",
    "Dieses",
    "Dabei",
    "Zudem",
    "Laut",
    // Spanish.
    "El",
    "Los",
    "Las",
    "Pero",
    "Y",
    "Por",
    "Para",
    "Según",
    "Este",
    "Esta",
    "Estos",
    "Estas",
    "No",
    "También",
    "Además",
    "Del",
    "Al",
];

/// Elided Italian and French openers, recognised only when followed by an apostrophe
/// ("L'Italia", "Nell'incontro").
const ELIDED_STARTERS: &[&str] = &[
    "L", "Dell", "Nell", "All", "Dall", "Sull", "Un", "Quest", "C", "D", "Qu", "J", "N", "S",
];

/// True when the token before a single '.' is an abbreviation, initial or
/// dotted acronym that should keep the sentence going. The token starts at byte
/// `token_start`; `next` is the first character after the whitespace, found at
/// byte offset `next_pos`.
pub(super) fn abbreviation_blocks(
    text: &str,
    token_start: usize,
    raw: &str,
    next: char,
    next_pos: usize,
) -> bool {
    if raw.len() > MAX_ABBREV_LEN * 2 {
        return false;
    }
    let tok = raw
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(is_closer);
    // Italian and French elision: "l'avv.", "dell'on.", "dall'art." -> the abbreviation.
    let tok = tok.rsplit(['\'', '’']).next().unwrap_or(tok);
    if tok.is_empty() || tok.len() > MAX_ABBREV_LEN {
        return false;
    }
    let mut chars = tok.chars();
    if let (Some(ch), None) = (chars.next(), chars.next())
        && ch.is_alphabetic()
    {
        // German "z. B.": the capital is the second half of the abbreviation.
        if ch == 'B'
            && word_before(text, token_start)
                .is_some_and(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()) == "z.")
        {
            return true;
        }
        // French "M. Macron": monsieur before a name, even before "Le Maire".
        if ch == 'M' {
            return true;
        }
        // "p. 12", "n. 5": lowercase single letters are abbreviations;
        // uppercase ones are initials ("J. R. R. Tolkien") unless clearly
        // followed by a new sentence ("Plan B. The…").
        return ch.is_lowercase() || !starts_with_starter(text, next_pos);
    }
    // Italian "On." (onorevole) and French "MM." (messieurs) before a name; the case
    // keeps "5 mm." a sentence end.
    if tok == "On" || tok == "MM" {
        return true;
    }
    // Spanish doubled plurals: "EE. UU.", "FF. AA." hold together; the last pair is
    // weak like a dotted acronym ("en EE. UU. El presidente" splits). A pair alone is
    // left alone: "Phase II. Italy joined" is two sentences.
    if is_doubled_pair(tok) {
        if doubled_pair_at(text, next_pos) {
            return true;
        }
        let after_pair = word_before(text, token_start)
            .and_then(|w| w.strip_suffix('.'))
            .is_some_and(is_doubled_pair);
        if after_pair {
            return !starts_with_starter(text, next_pos);
        }
    }
    if is_german_ordinal(text, token_start, tok, next_pos) {
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
    // German street names abbreviate inside the compound: "Hauptstr.", "Bahnhofstr.".
    let street = lower.ends_with("str");
    if WEAK_ABBREVS.contains(&lower) || street || is_dotted_acronym(tok) {
        return !starts_with_starter(text, next_pos);
    }
    false
}

/// The whitespace-delimited word ending just before `token_start` (its separating
/// whitespace skipped), if it is short.
fn word_before(text: &str, token_start: usize) -> Option<&str> {
    let head = text.get(..token_start)?.trim_end();
    let start = head
        .char_indices()
        .rev()
        .take(MAX_ABBREV_LEN)
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = head.get(start..)?;
    (head.len() - start < MAX_ABBREV_LEN && !word.is_empty()).then_some(word)
}

/// The letters starting at `pos`, if at most [`MAX_STARTER_CHARS`] of them.
fn word_at(text: &str, pos: usize) -> Option<&str> {
    let mut p = pos;
    let mut n = 0usize;
    while let Some(c) = char_at(text, p)
        && c.is_alphabetic()
    {
        n += 1;
        if n > MAX_STARTER_CHARS {
            return None;
        }
        p += c.len_utf8();
    }
    text.get(pos..p).filter(|w| !w.is_empty())
}

/// "EE", "UU", "FF": one capital written twice, the Spanish plural abbreviation.
fn is_doubled_pair(tok: &str) -> bool {
    let mut chars = tok.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(a), Some(b), None) if a == b && a.is_uppercase()
    )
}

/// A doubled pair with its dot at `pos`: the "UU." after "EE.".
fn doubled_pair_at(text: &str, pos: usize) -> bool {
    let mut chars = text.get(pos..).unwrap_or("").chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(a), Some(b), Some('.')) if a == b && a.is_uppercase()
    )
}

/// German writes ordinals as a number and a dot: "am 11. Dezember", "der 3. Weg",
/// "im 2. Quartal". A short number is one before a month, or after an article.
fn is_german_ordinal(text: &str, token_start: usize, tok: &str, next_pos: usize) -> bool {
    if tok.is_empty() || tok.len() > 3 || !tok.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let month_next =
        word_at(text, next_pos).is_some_and(|w| GERMAN_MONTHS.contains(&w.to_lowercase().as_str()));
    let article_before = word_before(text, token_start)
        .is_some_and(|w| GERMAN_ORDINAL_CUES.contains(&w.to_lowercase().as_str()));
    month_next || article_before
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
    // Openers, and the no-break space French puts inside guillemets ("« Le").
    while let Some(c) = char_at(text, p)
        && (is_opener(c) || (p > pos && is_guillemet_space(c)))
    {
        p += c.len_utf8();
    }
    let Some(word) = word_at(text, p) else {
        return false;
    };
    match char_at(text, p + word.len()) {
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

    // ---- French, German, Spanish ---------------------------------------------

    #[test]
    fn french_titles_and_markers() {
        let t = "M. Barrot a reçu MM. Dupont et Durand, puis Mme Leroy. La séance a été levée.";
        assert_eq!(
            sents(t),
            [
                "M. Barrot a reçu MM. Dupont et Durand, puis Mme Leroy.",
                "La séance a été levée."
            ]
        );
        let t = "M. Le Maire a répondu au Dr Martin. Puis le débat a repris.";
        assert_eq!(
            sents(t),
            [
                "M. Le Maire a répondu au Dr Martin.",
                "Puis le débat a repris."
            ]
        );
        let t =
            "Les secteurs clés, p. ex. Airbus ou Thales, sont cités, cf. Annexe 2. Le texte suit.";
        assert_eq!(
            sents(t),
            [
                "Les secteurs clés, p. ex. Airbus ou Thales, sont cités, cf. Annexe 2.",
                "Le texte suit."
            ]
        );
        let t = "La ville fut fondée en 52 av. J.-C. Elle devint ensuite romaine.";
        assert_eq!(
            sents(t),
            [
                "La ville fut fondée en 52 av. J.-C.",
                "Elle devint ensuite romaine."
            ]
        );
        let t = "Le plan couvre l’énergie, les transports, etc. Les détails viendront.";
        assert_eq!(
            sents(t),
            [
                "Le plan couvre l’énergie, les transports, etc.",
                "Les détails viendront."
            ]
        );
        let t = "Il pleut 5 mm. Le vent souffle.";
        assert_eq!(sents(t), ["Il pleut 5 mm.", "Le vent souffle."]);
    }

    #[test]
    fn german_abbreviations() {
        let t = "Rüstungsgüter, z. B. Drohnen, und Bauteile, z.B. Chips, sind betroffen. Die Liste wächst.";
        assert_eq!(
            sents(t),
            [
                "Rüstungsgüter, z. B. Drohnen, und Bauteile, z.B. Chips, sind betroffen.",
                "Die Liste wächst."
            ]
        );
        let t = "Exporte, z. B. Die Lieferungen nach Asien, sinken. Sie fallen.";
        assert_eq!(
            sents(t),
            [
                "Exporte, z. B. Die Lieferungen nach Asien, sinken.",
                "Sie fallen."
            ]
        );
        let t = "Dr. Weber und Prof. Schulz bzw. ihre Teams, d. h. Forscher u. a. aus Bonn, reisten ab. Sie kamen spät.";
        assert_eq!(
            sents(t),
            [
                "Dr. Weber und Prof. Schulz bzw. ihre Teams, d. h. Forscher u. a. aus Bonn, reisten ab.",
                "Sie kamen spät."
            ]
        );
        let t = "Der Etat steigt um ca. 300 Mio. Euro bzw. 1,2 Mrd. Euro, vgl. Nr. 4 des Plans. Das Ministerium schweigt.";
        assert_eq!(
            sents(t),
            [
                "Der Etat steigt um ca. 300 Mio. Euro bzw. 1,2 Mrd. Euro, vgl. Nr. 4 des Plans.",
                "Das Ministerium schweigt."
            ]
        );
        let t = "Das Büro liegt in der Hauptstr. Berlin-Mitte, Länder usw. Die Miete ist hoch.";
        assert_eq!(
            sents(t),
            [
                "Das Büro liegt in der Hauptstr. Berlin-Mitte, Länder usw.",
                "Die Miete ist hoch."
            ]
        );
    }

    #[test]
    fn german_ordinals() {
        let t = "Am 11. Dezember tagt der Rat. Der 3. Weg bleibt offen. Im 2. Quartal wächst die Wirtschaft.";
        assert_eq!(
            sents(t),
            [
                "Am 11. Dezember tagt der Rat.",
                "Der 3. Weg bleibt offen.",
                "Im 2. Quartal wächst die Wirtschaft."
            ]
        );
        let t = "Die Sitzung beginnt am 3. März um 10 Uhr, die Abstimmung am 4. Mär. 2026. Danach folgt die Pause.";
        assert_eq!(
            sents(t),
            [
                "Die Sitzung beginnt am 3. März um 10 Uhr, die Abstimmung am 4. Mär. 2026.",
                "Danach folgt die Pause."
            ]
        );
        let t = "Die Partei landete auf Platz 3. Die Sieger feierten.";
        assert_eq!(
            sents(t),
            ["Die Partei landete auf Platz 3.", "Die Sieger feierten."]
        );
    }

    #[test]
    fn spanish_abbreviations() {
        let t = "El Sr. García y la Sra. Ruiz, con la Srta. Vega y la Dra. Mora, viajaron a EE. UU. en marzo. La visita fue breve.";
        assert_eq!(
            sents(t),
            [
                "El Sr. García y la Sra. Ruiz, con la Srta. Vega y la Dra. Mora, viajaron a EE. UU. en marzo.",
                "La visita fue breve."
            ]
        );
        let t = "El acuerdo con EE.UU. Llegará pronto, dijo el Dr. Soto. Nadie lo cree.";
        assert_eq!(
            sents(t),
            [
                "El acuerdo con EE.UU. Llegará pronto, dijo el Dr. Soto.",
                "Nadie lo cree."
            ]
        );
        let t = "La cumbre se celebró en EE. UU. El presidente no asistió.";
        assert_eq!(
            sents(t),
            [
                "La cumbre se celebró en EE. UU.",
                "El presidente no asistió."
            ]
        );
        let t = "Sectores como la energía, p. ej. Iberdrola, figuran en el núm. 7 del anexo, etc. Los detalles, mañana.";
        assert_eq!(
            sents(t),
            [
                "Sectores como la energía, p. ej. Iberdrola, figuran en el núm. 7 del anexo, etc.",
                "Los detalles, mañana."
            ]
        );
        let t = "Las FF. AA. Desfilaron. Phase II. Italy joined later.";
        assert_eq!(
            sents(t),
            [
                "Las FF. AA. Desfilaron.",
                "Phase II.",
                "Italy joined later."
            ]
        );
        let t = "Si Ud. Quiere venir, Uds. Pueden llamar. Gracias.";
        assert_eq!(
            sents(t),
            ["Si Ud. Quiere venir, Uds. Pueden llamar.", "Gracias."]
        );
        let t = "La reunión fue el 9 may. 2026 en Lima. Todo salió bien.";
        assert_eq!(
            sents(t),
            ["La reunión fue el 9 may. 2026 en Lima.", "Todo salió bien."]
        );
    }
}
