//! Dates in bylines, date lines and datelines, normalised to ISO.
//!
//! Briefings in English and Italian write dates as ISO stamps, spelled-out day–month–year or
//! month–day–year forms, or European numeric forms. The text is tokenised once into words,
//! numbers and punctuation with byte offsets; every pattern then looks only a fixed number of
//! tokens ahead, so scanning is linear and cannot panic on any input.
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
use self::patterns::{extend_weekday, match_at, weekday};
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
