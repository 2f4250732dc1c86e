//! Dates in bylines, date lines and datelines, normalised to ISO.
//!
//! Briefings in English, Italian, French, German and Spanish write dates as ISO stamps,
//! spelled-out day–month–year or month–day–year forms, or European numeric forms. The text is
//! tokenised once into words, numbers and punctuation with byte offsets; every pattern then
//! looks only a fixed number of tokens ahead, so scanning is linear and cannot panic on any
//! input.
//!
//! - `tokens`: the text as words, numbers and punctuation, and the checks that a match is
//!   not part of a longer word or number.
//! - `patterns`: month and weekday names and the date forms themselves.
//! - `line`: what else a date line may hold (times, zones, "Published", separators).

mod line;
mod patterns;
mod tokens;

use std::ops::Range;

use self::line::{is_filler_word, is_line_punct, match_time, match_zone};
use self::patterns::{extend_weekday, match_at, match_yearless, weekday};
use self::tokens::{Kind, tokenize};
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

/// Byte range of the first date expression in `text`, with or without a year ("11 décembre
/// 2025", "28 ago.", "11. Dezember", "March 14"), weekday included.
///
/// For datelines, which often leave the year out: they are stripped whole, but a yearless date
/// gives no [`Date`], so [`find_date`] keeps skipping it.
pub fn find_date_expression(text: &str) -> Option<Range<usize>> {
    let toks = tokenize(text);
    for i in 0..toks.len() {
        let found = match_at(&toks, i)
            .map(|f| (f.first, f.last))
            .or_else(|| match_yearless(&toks, i));
        if let Some((first, last)) = found {
            let first = extend_weekday(&toks, first);
            return Some(toks.get(first)?.start..toks.get(last)?.end);
        }
    }
    None
}

/// True when `text` is essentially only a date (optionally with a weekday, a "Published"/"Pubblicato il"/"Publié le"/"Veröffentlicht am"/"Publicado el" prefix, a time like "10:32", "ore 8:15" or "10h32", a timezone like "CET"/"UTC"/"GMT", and punctuation such as "|", "-", "–", ","), e.g. a date line under a byline.
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
    fn french_day_month_year() {
        assert_eq!(iso("11 décembre 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("11 decembre 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("11 DÉCEMBRE 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("le 3 mars 2025"), Some("2025-03-03".into()));
        assert_eq!(span("le 3 mars 2025"), Some("3 mars 2025"));
        assert_eq!(iso("1er mars 2025"), Some("2025-03-01".into()));
        assert_eq!(span("depuis le 1er mars 2025"), Some("1er mars 2025"));
        assert_eq!(iso("14 juillet 2025"), Some("2025-07-14".into()));
        assert_eq!(iso("15 août 2025"), Some("2025-08-15".into()));
        assert_eq!(iso("15 aout 2025"), Some("2025-08-15".into()));
        assert_eq!(iso("8 mai 2025"), Some("2025-05-08".into()));
        assert_eq!(iso("2 févr. 2026"), Some("2026-02-02".into()));
        assert_eq!(iso("2 fevr 2026"), Some("2026-02-02".into()));
        assert_eq!(iso("9 janv. 2026"), Some("2026-01-09".into()));
        assert_eq!(iso("9 avr. 2025"), Some("2025-04-09".into()));
        assert_eq!(iso("4 juil. 2025"), Some("2025-07-04".into()));
        assert_eq!(iso("5 sept. 2025"), Some("2025-09-05".into()));
        assert_eq!(iso("30 oct. 2025"), Some("2025-10-30".into()));
        assert_eq!(iso("12 nov. 2025"), Some("2025-11-12".into()));
        assert_eq!(iso("11 déc. 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("11 DEC. 2025"), Some("2025-12-11".into()));
    }

    #[test]
    fn german_day_month_year() {
        assert_eq!(iso("11. Dezember 2025"), Some("2025-12-11".into()));
        assert_eq!(span("am 11. Dezember 2025"), Some("11. Dezember 2025"));
        assert_eq!(iso("11 Dezember 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("11. Dez. 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("3. März 2025"), Some("2025-03-03".into()));
        assert_eq!(iso("3. Maerz 2025"), Some("2025-03-03".into()));
        assert_eq!(iso("3. Marz 2025"), Some("2025-03-03".into()));
        assert_eq!(iso("3. Mär. 2025"), Some("2025-03-03".into()));
        assert_eq!(iso("1. Mai 2025"), Some("2025-05-01".into()));
        assert_eq!(iso("7. Jan. 2026"), Some("2026-01-07".into()));
        assert_eq!(iso("7. Jänner 2026"), Some("2026-01-07".into()));
        assert_eq!(iso("7. Feb. 2026"), Some("2026-02-07".into()));
        assert_eq!(iso("7. Apr. 2026"), Some("2026-04-07".into()));
        assert_eq!(iso("7. Aug. 2025"), Some("2025-08-07".into()));
        assert_eq!(iso("7. Sept. 2025"), Some("2025-09-07".into()));
        assert_eq!(iso("7. Okt. 2025"), Some("2025-10-07".into()));
        assert_eq!(iso("7. Nov. 2025"), Some("2025-11-07".into()));
        assert_eq!(iso("7. OKTOBER 2025"), Some("2025-10-07".into()));
    }

    #[test]
    fn spanish_day_month_year() {
        assert_eq!(iso("11 de diciembre de 2025"), Some("2025-12-11".into()));
        let es = "el 11 de diciembre de 2025 en Madrid";
        assert_eq!(span(es), Some("11 de diciembre de 2025"));
        assert_eq!(iso("11 de diciembre del 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("11 diciembre 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("1.º de marzo de 2026"), Some("2026-03-01".into()));
        assert_eq!(iso("1º de marzo de 2026"), Some("2026-03-01".into()));
        assert_eq!(iso("11 dic. 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("11 Dic. 2025"), Some("2025-12-11".into()));
        assert_eq!(iso("9 ene. 2026"), Some("2026-01-09".into()));
        assert_eq!(iso("9 feb. 2026"), Some("2026-02-09".into()));
        assert_eq!(iso("9 mar. 2026"), Some("2026-03-09".into()));
        assert_eq!(iso("9 abr. 2026"), Some("2026-04-09".into()));
        assert_eq!(iso("9 may. 2026"), Some("2026-05-09".into()));
        assert_eq!(iso("9 jun. 2026"), Some("2026-06-09".into()));
        assert_eq!(iso("9 jul. 2026"), Some("2026-07-09".into()));
        assert_eq!(iso("9 ago. 2025"), Some("2025-08-09".into()));
        assert_eq!(iso("9 sep. 2025"), Some("2025-09-09".into()));
        assert_eq!(iso("9 sept. 2025"), Some("2025-09-09".into()));
        assert_eq!(iso("9 oct. 2025"), Some("2025-10-09".into()));
        assert_eq!(iso("9 nov. 2025"), Some("2025-11-09".into()));
        assert_eq!(iso("9 de setiembre de 2025"), Some("2025-09-09".into()));
        assert_eq!(iso("20 de mayo de 2025"), Some("2025-05-20".into()));
    }

    #[test]
    fn weekdays_in_french_german_spanish() {
        for text in [
            "jeudi 11 décembre 2025",
            "Jeudi, 11 décembre 2025",
            "Donnerstag, 11. Dezember 2025",
            "jueves, 11 de diciembre de 2025",
            "Miércoles 10 de diciembre de 2025",
            "sábado, 13 dic. 2025",
            "jeu. 11 déc. 2025",
            "jue., 11 dic. 2025",
        ] {
            assert_eq!(span(text), Some(text), "{text}");
            assert!(
                iso(text).is_some_and(|d| d.starts_with("2025-12-1")),
                "{text}"
            );
        }
        assert_eq!(
            span("Mittwoch, 10. Dezember 2025"),
            Some("Mittwoch, 10. Dezember 2025")
        );
        assert_eq!(span("Do., 11. Dez. 2025"), Some("Do., 11. Dez. 2025"));
        assert_eq!(span("Do. 11.12.2025"), Some("Do. 11.12.2025"));
        assert_eq!(span("und so, 11 December 2025"), Some("11 December 2025"));
        assert_eq!(span("do 11 dicembre 2025"), Some("11 dicembre 2025"));
    }

    #[test]
    fn false_friends_need_a_day_and_a_year() {
        // Spanish and Italian "mar" is the sea, French "mars" the planet, "mai"/"Mai" a month
        // only with a day in front and a year behind.
        assert_eq!(iso("el mar Mediterráneo en 2025"), None);
        assert_eq!(iso("il mar Tirreno nel 2025"), None);
        assert_eq!(iso("mar 2025"), None);
        assert_eq!(iso("la mission vers mars 2030"), None);
        assert_eq!(iso("im Mai 2025 wurde gewählt"), None);
        assert_eq!(iso("en mai 2025, le traité"), None);
        assert_eq!(iso("3 marées 2025"), None);
        assert_eq!(iso("3 Maisfelder 2025"), None);
        assert_eq!(iso("3 mareas 2025"), None);
        assert_eq!(iso("Kapitel 11. Der Vertrag von 2025"), None);
        assert_eq!(iso("11 de mar de 2025"), Some("2025-03-11".into()));
        assert_eq!(iso("12 mai 2025"), Some("2025-05-12".into()));
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
    fn yearless_dates_are_expressions_but_give_no_date() {
        fn expr(text: &str) -> Option<&str> {
            find_date_expression(text).and_then(|r| text.get(r))
        }
        for (text, want) in [
            ("MADRID, 11 Dic. (EFE) -", "11 Dic."),
            ("PARIS, 11 décembre (AFP) -", "11 décembre"),
            ("BERLIN, 11. Dezember (Reuters) -", "11. Dezember"),
            ("le 3 mars, à Paris", "3 mars"),
            ("Tokyo, 28 ago. (agency) -", "28 ago."),
            ("WASHINGTON, March 14 (Reuters) -", "March 14"),
            ("Madrid, 11 de diciembre (EFE)", "11 de diciembre"),
            ("jeudi 11 décembre à Paris", "jeudi 11 décembre"),
        ] {
            assert_eq!(expr(text), Some(want), "{text}");
            assert_eq!(iso(text), None, "{text}: no year, no date");
        }
        let full = "PARIS, jeudi 11 décembre 2025 (AFP) -";
        assert_eq!(
            expr(full),
            Some("jeudi 11 décembre 2025"),
            "the year is kept"
        );
        assert_eq!(expr("31 febbraio"), None);
        assert_eq!(expr("el mar Mediterráneo"), None);
        assert_eq!(expr("im Mai"), None);
        assert_eq!(expr("3 marées"), None);
        assert_eq!(expr("Berlin (dpa) -"), None);
        assert_eq!(expr("11 dicembre 2025abc"), Some("11 dicembre"));
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
            "1.",
            "1.º",
            "1er",
            "11 de",
            "11 de diciembre de",
            "jue.,",
            ", 11",
            "., 11 dic.",
            "10h",
            "Stand:",
        ] {
            let _ = find_date(text);
            let _ = find_date_expression(text);
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
    fn date_lines_in_french_german_spanish() {
        for line in [
            "Publié le 11 décembre 2025 à 10h32",
            "Mis à jour le jeudi 11 décembre 2025 à 18 h",
            "Veröffentlicht am 11.12.2025, 10:32 Uhr",
            "Aktualisiert am 11. Dezember 2025 um 9 Uhr",
            "Stand: 11. Dez. 2025",
            "Stand: Do., 11.12.2025, 08:15 Uhr",
            "Publicado el 11 de diciembre de 2025, 10:32 CET",
            "Actualizado el jueves, 11 de diciembre de 2025 a las 9:15",
        ] {
            assert!(is_date_line(line), "{line}");
            assert_eq!(iso(line), Some("2025-12-11".into()), "{line}");
        }
        assert!(!is_date_line("Publié le 11 décembre 2025 à Paris"));
        assert!(!is_date_line("Stand: Berlin, 11. Dezember 2025"));
        assert!(!is_date_line("Publicado el 11 de diciembre"), "no year");
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
