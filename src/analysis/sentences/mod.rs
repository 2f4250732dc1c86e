//! Sentence segmentation for English, Italian, French, German and Spanish briefing
//! paragraphs.
//!
//! The takeaway extractor picks whole sentences and the reader highlights
//! them, so boundaries are reported as byte ranges into the original text
//! rather than as copied strings.
//!
//! The splitter is a single forward scan (linear time, no allocation per
//! character). A boundary is a run of terminators (`.`, `!`, `?`, `…`),
//! optionally followed by closing quotes/brackets, then whitespace and a
//! sentence-looking start (uppercase letter, digit or opening quote/bracket),
//! or the end of the text. A small set of heuristics suppresses the classic
//! false positives: abbreviations, initials, dotted acronyms, decimals and
//! German ordinals. A French closing guillemet after its no-break space
//! (« Oui. ») stays with its sentence; a Spanish ¿ or ¡ opens a new one even
//! without a space before it. Line breaks always end a sentence.
//!
//! This file holds the scan and the boundary decision; `abbrev` knows the words (titles,
//! reference and weak abbreviations, initials, dotted acronyms, sentence openers) that decide
//! whether a single '.' ends a sentence, and `chars` what each punctuation character is.

mod abbrev;
mod chars;

use std::ops::Range;

use abbrev::abbreviation_blocks;
use chars::{
    char_at, char_before, is_closer, is_guillemet_space, is_inverted_mark, is_line_break,
    is_opener, is_terminator,
};

/// Byte ranges of the sentences of `text`, in order, each trimmed of surrounding whitespace, never empty, on char boundaries.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    // Start of the current whitespace-delimited token, for abbreviation checks.
    let mut token_start = 0usize;
    let mut pos = 0usize;
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits are never breaks, spaces or terminators: skip the run
        // without decoding it (most of any text; this loop ran on every byte of every block).
        let run = bytes[pos..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        pos += run;
        let Some(c) = char_at(text, pos) else { break };
        let len = c.len_utf8();
        if is_line_break(c) {
            push_trimmed(text, start, pos, &mut out);
            pos += len;
            start = pos;
            token_start = pos;
        } else if c.is_whitespace() {
            pos += len;
            token_start = pos;
        } else if is_terminator(c) {
            let cand = scan_candidate(text, pos);
            if is_boundary(text, token_start, &cand) {
                push_trimmed(text, start, cand.close_end, &mut out);
                start = cand.close_end;
            }
            // Never step backwards: the run and its closers are consumed once.
            pos = cand.close_end.max(pos + len);
        } else {
            pos += len;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// A run of terminators plus trailing closing quotes/brackets.
struct Candidate {
    /// Byte offset of the first terminator.
    term_start: usize,
    /// Byte offset just past the terminator run.
    term_end: usize,
    /// Byte offset just past the closers (the sentence would end here).
    close_end: usize,
    /// The run is exactly one '.', the only case where abbreviations matter.
    single_dot: bool,
}

/// Collects the terminator run starting at `pos` and any closers after it.
fn scan_candidate(text: &str, pos: usize) -> Candidate {
    let mut p = pos;
    let mut count = 0usize;
    let mut all_dots = true;
    while let Some(t) = char_at(text, p)
        && is_terminator(t)
    {
        all_dots &= t == '.';
        count += 1;
        p += t.len_utf8();
    }
    let term_end = p;
    loop {
        match char_at(text, p) {
            Some(q) if is_closer(q) => p += q.len_utf8(),
            // "« Nous avons fini. »": one space, then a guillemet that closes (nothing
            // glued after it; a German »Wir… opens the next sentence instead).
            Some(s) if is_guillemet_space(s) => {
                let g = p + s.len_utf8();
                match char_at(text, g) {
                    Some(q @ ('»' | '›'))
                        if char_at(text, g + q.len_utf8()).is_none_or(|a| !a.is_alphanumeric()) =>
                    {
                        p = g + q.len_utf8();
                    }
                    _ => break,
                }
            }
            _ => break,
        }
    }
    Candidate {
        term_start: pos,
        term_end,
        close_end: p,
        single_dot: all_dots && count == 1,
    }
}

/// Decides whether the candidate really ends a sentence.
fn is_boundary(text: &str, token_start: usize, cand: &Candidate) -> bool {
    // Skip horizontal whitespace; a line break is handled by the caller anyway.
    let mut w = cand.close_end;
    let mut saw_space = false;
    while let Some(s) = char_at(text, w)
        && s.is_whitespace()
        && !is_line_break(s)
    {
        saw_space = true;
        w += s.len_utf8();
    }
    let next = match char_at(text, w) {
        None => return true,
        Some(nc) if is_line_break(nc) => return true,
        Some(nc) => nc,
    };
    // "3.5", "U.S.-backed", "11.12.2025", "Hello.World": no gap, no split; but
    // "¿Vienes?¿Cuándo?" is two questions.
    if !saw_space {
        return is_inverted_mark(next);
    }
    if !(next.is_uppercase() || next.is_numeric() || is_opener(next)) {
        return false;
    }
    // "[…]" / "(...)" mark an omission, not a sentence end.
    if matches!(char_before(text, cand.term_start), Some('[' | '('))
        && cand.close_end > cand.term_end
    {
        return false;
    }
    if cand.single_dot && cand.close_end == cand.term_end {
        let token = text.get(token_start..cand.term_start).unwrap_or("");
        return !abbreviation_blocks(text, token_start, token, next, w);
    }
    true
}

/// Pushes `start..end` trimmed of whitespace, if anything remains.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let Some(seg) = text.get(start..end) else {
        return;
    };
    let lead = seg.len() - seg.trim_start().len();
    let kept = seg.trim().len();
    if kept > 0 {
        out.push(start + lead..start + lead + kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Maps ranges back to text so expectations read naturally.
    pub(super) fn sents(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| text.get(r).unwrap_or("<invalid range>"))
            .collect()
    }

    /// Checks every structural guarantee of `split_sentences` on `text`.
    fn check_invariants(text: &str) {
        let ranges = split_sentences(text);
        let mut prev_end = 0usize;
        let mut covered = vec![false; text.len()];
        for r in &ranges {
            assert!(r.start < r.end, "empty range {r:?} in {text:?}");
            assert!(r.start >= prev_end, "overlap/order {r:?} in {text:?}");
            assert!(r.end <= text.len(), "out of bounds {r:?} in {text:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = text.get(r.clone()).unwrap_or("");
            assert_eq!(s, s.trim(), "untrimmed {s:?} in {text:?}");
            assert!(!s.is_empty());
            assert!(!s.contains('\n'), "newline inside {s:?}");
            for slot in covered.iter_mut().take(r.end).skip(r.start) {
                *slot = true;
            }
            prev_end = r.end;
        }
        // Nothing but whitespace may fall between sentences.
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                assert!(
                    covered.get(i).copied().unwrap_or(false),
                    "{c:?} lost in {text:?}"
                );
            }
        }
    }

    // ---- Required examples -------------------------------------------------

    #[test]
    fn english_two_sentences() {
        let t = "Japan is Italy’s anchor partner beyond Europe. The density of political engagement with Tokyo under Giorgia Meloni signals intent.";
        assert_eq!(
            sents(t),
            [
                "Japan is Italy’s anchor partner beyond Europe.",
                "The density of political engagement with Tokyo under Giorgia Meloni signals intent."
            ]
        );
    }

    #[test]
    fn italian_quotes_period_after_closing_quote() {
        let t = "Crosetto ha sottolineato – come riportato dalla nota ufficiale – che “quello che succede in Ucraina non può essere separato dalle dinamiche del Pacifico”. Koizumi ha parlato invece di una “comune percezione delle minacce e delle sfide”.";
        let s = sents(t);
        assert_eq!(s.len(), 2);
        let (first, second) = (s.first().copied(), s.get(1).copied());
        assert!(first.is_some_and(|f| f.ends_with("Pacifico”.")));
        assert!(second.is_some_and(|f| f.starts_with("Koizumi") && f.ends_with("sfide”.")));
    }

    #[test]
    fn italian_sig_decimal_ecc_is_one() {
        let t = "Il sig. Rossi ha speso 3.5 milioni di euro, ecc. ma non basta.";
        assert_eq!(sents(t), [t]);
    }

    #[test]
    fn dr_initial_pm_is_one() {
        let t = "Dr. J. Smith arrived at 5 p.m. on Friday.";
        assert_eq!(sents(t), [t]);
    }

    #[test]
    fn dotted_acronym_with_hyphen() {
        let t = "The U.S.-backed Pax Silica logic matters. It is new.";
        assert_eq!(
            sents(t),
            ["The U.S.-backed Pax Silica logic matters.", "It is new."]
        );
    }

    #[test]
    fn question_in_quote_followed_by_lowercase() {
        let t = "He asked: “Why now?” and left. Then silence.";
        assert_eq!(
            sents(t),
            ["He asked: “Why now?” and left.", "Then silence."]
        );
        let t = "“Why now?” he asked. Nobody answered.";
        assert_eq!(sents(t), ["“Why now?” he asked.", "Nobody answered."]);
    }

    #[test]
    fn decimal_and_year() {
        let t = "Growth was 2.5% in 2025. Inflation fell.";
        assert_eq!(sents(t), ["Growth was 2.5% in 2025.", "Inflation fell."]);
    }

    #[test]
    fn italian_month_abbreviation_before_year() {
        let t = "Roma, 11 dic. 2025 – Stamattina si è tenuta una riunione. Poi la nota.";
        assert_eq!(
            sents(t),
            [
                "Roma, 11 dic. 2025 – Stamattina si è tenuta una riunione.",
                "Poi la nota."
            ]
        );
    }

    // ---- Quotes and brackets ------------------------------------------------

    #[test]
    fn period_inside_closing_quote_splits_after_quote() {
        let t = "Hanno parlato di “risposte comuni.” Poi è seguita la cena.";
        assert_eq!(
            sents(t),
            [
                "Hanno parlato di “risposte comuni.”",
                "Poi è seguita la cena."
            ]
        );
    }

    #[test]
    fn guillemets_and_opening_quote_start() {
        let t = "«Basta così.» Poi ha lasciato la sala.";
        assert_eq!(sents(t), ["«Basta così.»", "Poi ha lasciato la sala."]);
        let t = "Il ministro ha chiuso. «Ora si cambia», ha detto.";
        assert_eq!(
            sents(t),
            ["Il ministro ha chiuso.", "«Ora si cambia», ha detto."]
        );
        let t = "He stopped. “Enough,” he said.";
        assert_eq!(sents(t), ["He stopped.", "“Enough,” he said."]);
    }

    #[test]
    fn straight_quotes() {
        let t = "She said \"stop.\" Then she left. 'Fine.' It ended.";
        assert_eq!(
            sents(t),
            [
                "She said \"stop.\"",
                "Then she left.",
                "'Fine.'",
                "It ended."
            ]
        );
    }

    #[test]
    fn question_in_quote_followed_by_uppercase_splits() {
        let t = "“Why now?” Meloni asked.";
        assert_eq!(sents(t), ["“Why now?”", "Meloni asked."]);
    }

    #[test]
    fn parenthesised_figure_stays() {
        let t = "The chart (see Fig. 2.) shows growth. Next year differs.";
        assert_eq!(
            sents(t),
            [
                "The chart (see Fig. 2.) shows growth.",
                "Next year differs."
            ]
        );
    }

    #[test]
    fn closing_bracket_after_period_splits() {
        let t = "(Lo ha confermato il ministero.) Poi basta.";
        assert_eq!(sents(t), ["(Lo ha confermato il ministero.)", "Poi basta."]);
    }

    #[test]
    fn bracketed_omission_does_not_split() {
        let t = "The text reads […] The rest is missing.";
        assert_eq!(sents(t), [t]);
        let t = "Il testo dice (...) Poi continua.";
        assert_eq!(sents(t), [t]);
    }

    #[test]
    fn french_guillemets_with_no_break_spaces() {
        let t = "Le ministre a déclaré\u{00A0}: «\u{202F}Nous avons tenu parole.\u{202F}» Les syndicats ont protesté.";
        assert_eq!(
            sents(t),
            [
                "Le ministre a déclaré\u{00A0}: «\u{202F}Nous avons tenu parole.\u{202F}»",
                "Les syndicats ont protesté."
            ]
        );
        let t = "« Est-ce la fin ? » a-t-il demandé. « Non. » Le débat continue.";
        assert_eq!(
            sents(t),
            [
                "« Est-ce la fin ? » a-t-il demandé.",
                "« Non. »",
                "Le débat continue."
            ]
        );
        let t = "Il a dit «\u{00A0}oui\u{00A0}». Puis il est parti\u{202F}! Pourquoi\u{202F}? Personne ne sait.";
        assert_eq!(
            sents(t),
            [
                "Il a dit «\u{00A0}oui\u{00A0}».",
                "Puis il est parti\u{202F}!",
                "Pourquoi\u{202F}?",
                "Personne ne sait."
            ]
        );
    }

    #[test]
    fn german_quotes() {
        let t = "Die Kanzlerin sagte: „Wir haben geliefert.“ Danach schwieg sie.";
        assert_eq!(
            sents(t),
            [
                "Die Kanzlerin sagte: „Wir haben geliefert.“",
                "Danach schwieg sie."
            ]
        );
        let t = "Er nickte. »Das reicht nicht.« Sie widersprach. »Doch«, sagte er.";
        assert_eq!(
            sents(t),
            [
                "Er nickte.",
                "»Das reicht nicht.«",
                "Sie widersprach.",
                "»Doch«, sagte er."
            ]
        );
        let t = "Sie fragte: »Und dann?« Er sagte: ›Nein.‹ Ende.";
        assert_eq!(
            sents(t),
            ["Sie fragte: »Und dann?«", "Er sagte: ›Nein.‹", "Ende."]
        );
        let t = "„Kommt ihr?“, fragte sie. ‚Gleich.‘ Dann gingen sie.";
        assert_eq!(
            sents(t),
            ["„Kommt ihr?“, fragte sie.", "‚Gleich.‘", "Dann gingen sie."]
        );
    }

    #[test]
    fn spanish_inverted_marks() {
        let t = "¿Qué hará el Gobierno ahora? Nadie lo sabe. ¡Es urgente! El plazo vence hoy.";
        assert_eq!(
            sents(t),
            [
                "¿Qué hará el Gobierno ahora?",
                "Nadie lo sabe.",
                "¡Es urgente!",
                "El plazo vence hoy."
            ]
        );
        let t = "¿Habrá acuerdo?¿Cuándo? No se sabe.";
        assert_eq!(sents(t), ["¿Habrá acuerdo?", "¿Cuándo?", "No se sabe."]);
        let t = "El ministro dudó. ¿por qué ahora?, preguntó un periodista.";
        assert_eq!(
            sents(t),
            [
                "El ministro dudó.",
                "¿por qué ahora?, preguntó un periodista."
            ]
        );
        let t = "Dijo «¡basta ya!» y se fue. Fin.";
        assert_eq!(sents(t), ["Dijo «¡basta ya!» y se fue.", "Fin."]);
    }

    // ---- Ellipses ----------------------------------------------------------

    #[test]
    fn ellipsis_mid_quote_lowercase() {
        let t = "“Forse… vedremo,” disse. Poi andò via.";
        assert_eq!(sents(t), ["“Forse… vedremo,” disse.", "Poi andò via."]);
        let t = "“Well... maybe,” she said.";
        assert_eq!(sents(t), [t]);
    }

    #[test]
    fn ellipsis_ends_sentence_before_uppercase() {
        let t = "He paused... Then he spoke.";
        assert_eq!(sents(t), ["He paused...", "Then he spoke."]);
        let t = "Aspettava… Poi arrivò.";
        assert_eq!(sents(t), ["Aspettava…", "Poi arrivò."]);
    }

    #[test]
    fn ellipsis_at_end() {
        assert_eq!(sents("And then…"), ["And then…"]);
        assert_eq!(sents("...and then"), ["...and then"]);
    }

    // ---- Numbers -------------------------------------------------------------

    #[test]
    fn numbers_with_dots() {
        let t = "Costa 1.000 euro. Il prezzo sale.";
        assert_eq!(sents(t), ["Costa 1.000 euro.", "Il prezzo sale."]);
        let t = "Il 11.12.2025 è una data. Bene.";
        assert_eq!(sents(t), ["Il 11.12.2025 è una data.", "Bene."]);
        let t = "Rates hit 3.5%. 2026 looks better.";
        assert_eq!(sents(t), ["Rates hit 3.5%.", "2026 looks better."]);
    }

    // ---- Other punctuation and structure -------------------------------------

    #[test]
    fn exclamations_and_questions() {
        assert_eq!(sents("Really? Yes! Fine."), ["Really?", "Yes!", "Fine."]);
        assert_eq!(sents("What?! No way."), ["What?!", "No way."]);
        assert_eq!(sents("Davvero? sì, certo."), ["Davvero? sì, certo."]);
    }

    #[test]
    fn lowercase_or_no_space_does_not_split() {
        assert_eq!(sents("Fine. e poi basta."), ["Fine. e poi basta."]);
        assert_eq!(sents("Hello.World is a name."), ["Hello.World is a name."]);
        assert_eq!(
            sents("Visit example.com. It works."),
            ["Visit example.com.", "It works."]
        );
    }

    #[test]
    fn newline_always_ends_sentence() {
        assert_eq!(
            sents("First line without period\nsecond line"),
            ["First line without period", "second line"]
        );
        assert_eq!(sents("A.\n\nB."), ["A.", "B."]);
        assert_eq!(sents("Mr.\nSmith"), ["Mr.", "Smith"]);
        assert_eq!(sents("One\r\nTwo\rThree"), ["One", "Two", "Three"]);
        assert_eq!(sents("\n\n\n"), Vec::<&str>::new());
    }

    #[test]
    fn no_end_punctuation_is_one_sentence() {
        let t = "Un titolo senza punto finale";
        assert_eq!(sents(t), [t]);
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("   \t \u{00A0} \u{3000} ").is_empty());
    }

    #[test]
    fn ranges_are_trimmed_byte_offsets() {
        assert_eq!(split_sentences("  Hi. Yo.  "), [2..5, 6..9]);
        assert_eq!(split_sentences("\t È così. Sì. "), [2..11, 12..16]);
    }

    #[test]
    fn punctuation_only_sentence() {
        assert_eq!(sents("... !!! ???"), ["... !!! ???"]);
        assert_eq!(sents("Ok. . Fine."), ["Ok. .", "Fine."]);
    }

    // ---- Unicode -------------------------------------------------------------

    #[test]
    fn unicode_heavy_without_ascii() {
        // Ellipsis + no-break space + uppercase Greek/Cyrillic: splits.
        let t = "Ελλάδα…\u{00A0}Ρώμη…\u{3000}Москва";
        assert_eq!(sents(t), ["Ελλάδα…", "Ρώμη…", "Москва"]);
        // CJK full stops are not terminators here: one sentence.
        let t = "東京は大きい。大阪も。🙂";
        assert_eq!(sents(t), [t]);
        // Lowercase after the ellipsis: no split.
        let t = "Ελλάδα… ρώμη";
        assert_eq!(sents(t), [t]);
        check_invariants("Ελλάδα…\u{00A0}Ρώμη…\u{2028}Москва»…");
    }

    #[test]
    fn punctuation_soup_never_panics() {
        let pieces = [
            ".", "!", "?", "…", "”", "“", "\"", "'", "’", "‘", "«", "»", "(", ")", "[", "]", " ",
            "\n", "A", "é", "U.S.", "Mr.", "l'", "\u{00A0}", "🙂", "1", "‹", "›", "„", "‚", "¿",
            "¡", "\u{202F}", "EE.", "z.", "B.", "M.", "11.", "Dezember",
        ];
        let mut s = String::new();
        for (i, a) in pieces.iter().enumerate() {
            for b in pieces.iter().skip(i) {
                s.push_str(a);
                s.push_str(b);
                s.push_str(a);
                check_invariants(&s);
                check_invariants(&format!("{a}{b}"));
                check_invariants(&format!("{b} {a}"));
            }
        }
        check_invariants(".!?…”“\"'’‘«»()[]");
        check_invariants("[...]. (…) [.] (.) .) .] .”");
    }

    /// Tiny deterministic LCG so the property test needs no crates.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }

        fn below(&mut self, n: usize) -> usize {
            if n == 0 {
                0
            } else {
                (self.next() % n as u64) as usize
            }
        }
    }

    #[test]
    fn property_generated_strings() {
        let alphabet: Vec<&str> = vec![
            "a", "b", "z", "A", "T", "I", "L", "è", "Ä", "Ω", "ж", "日", "🙂", "0", "7", ".", ".",
            ".", "!", "?", "…", "...", "”", "“", "\"", "'", "’", "‘", "«", "»", "(", ")", "[", "]",
            " ", " ", " ", "\t", "\n", "\r", "\u{00A0}", "\u{2028}", "-", "–", ",", "Mr", "U.S",
            "dic", "ecc", "The", "Il", "etc", "p", "No", "l'", "S.p.A", "„", "¿", "¡", "\u{202F}",
            "EE", "UU", "z", "B", "M", "MM", "der", "Mai", "3",
        ];
        let mut rng = Lcg(0x5eed_b41e_fdec_0001);
        for _ in 0..5000 {
            let len = rng.below(40);
            let mut s = String::new();
            for _ in 0..len {
                let idx = rng.below(alphabet.len());
                s.push_str(alphabet.get(idx).copied().unwrap_or("x"));
            }
            check_invariants(&s);
        }
    }

    #[test]
    fn huge_single_line_inputs_are_linear() {
        const SIZE: usize = 2 * 1024 * 1024;
        let patterns = [
            "a. ",
            "Mr. ",
            "U.S. ",
            ".",
            "…",
            "x",
            " ",
            "A. The ",
            "3.5 ",
            ")”",
            "?” he ",
            "l'on. ",
            "(",
            "EE. UU. ",
            "der 3. ",
            "z. B. ",
            ". » ",
            "?¿",
            "\u{00A0}» ",
        ];
        for p in patterns {
            let s = p.repeat(SIZE / p.len());
            check_invariants(&s);
        }
        // One enormous token followed by a candidate boundary.
        let mut s = "x".repeat(SIZE);
        s.push_str(". The end.");
        assert_eq!(split_sentences(&s).len(), 2);
        let mut s = "U.S".repeat(SIZE / 3);
        s.push_str(". The end.");
        assert_eq!(split_sentences(&s).len(), 2);
    }
}
