//! Takeaways the author wrote: lists under labels such as "Key takeaways" or "In sintesi", and
//! closing verdicts such as "The bottom line:".

use super::extract::{self, Dateline};
use super::text;
use crate::model::{Anchor, Block, BlockKind, Document, Takeaway, TakeawayKind};

/// Labels that introduce a list of takeaways, as [`label_key`] writes them: folded (case,
/// accents, apostrophes), hyphens as spaces, without emphasis or colon.
const LIST_LABELS: &[&str] = &[
    "key takeaways",
    "takeaways",
    "key takeaway",
    "takeaway",
    "key points",
    "highlights",
    "key highlights",
    "main points",
    "tl;dr",
    "tldr",
    "summary",
    "in brief",
    "why it matters",
    "at a glance",
    "punti chiave",
    "in sintesi",
    "in breve",
    "da sapere",
    "perche conta",
    "i punti chiave",
    "cosa sapere",
    // French: "Points clés", "Points-clés", "À retenir", "L’essentiel", "Ce qu’il faut retenir".
    "points cles",
    "les points cles",
    "a retenir",
    "l'essentiel",
    "en bref",
    "ce qu'il faut retenir",
    // German; "Kürze" is also written "Kuerze" where umlauts are unavailable.
    "das wichtigste in kurze",
    "das wichtigste in kuerze",
    "das wichtigste",
    "kernaussagen",
    "auf einen blick",
    "zusammenfassung",
    "kernpunkte",
    // Spanish.
    "puntos clave",
    "claves",
    "las claves",
    "en resumen",
    "lo esencial",
    "ideas clave",
];

/// Labels whose inline or single-paragraph text is one takeaway rather than a list.
const SINGLE_LABELS: &[&str] = &[
    "tl;dr",
    "tldr",
    "summary",
    "in brief",
    "why it matters",
    "in sintesi",
    "in breve",
    "perche conta",
    "en bref",
    "zusammenfassung",
    "en resumen",
];

/// Openers of a closing verdict paragraph, folded like [`label_key`] but keeping punctuation;
/// `true` when the opener is a label to leave out of the takeaway text ("The bottom line:"),
/// `false` when it belongs to the sentence ("In sintesi,"). An opener ending in a letter must
/// end a word too ("Unterm Strich bleibt", not "Unterm Strichcode").
const BOTTOM_LINE_OPENERS: &[(&str, bool)] = &[
    ("the bottom line:", true),
    ("bottom line:", true),
    ("the bottom line is", false),
    ("in sintesi,", false),
    ("in conclusione,", false),
    ("in conclusion,", false),
    ("in short,", false),
    ("en somme,", false),
    ("au total,", false),
    ("en definitive,", false),
    ("au bout du compte,", false),
    ("fazit:", true),
    // Before the bare form, so the colon is left out of the text.
    ("unterm strich:", true),
    ("unterm strich", false),
    ("alles in allem", false),
    ("en conclusion,", false),
    ("en definitiva,", false),
    ("en suma,", false),
];

/// A takeaway found in the blocks, before it gets an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: TakeawayKind,
    pub anchor: Anchor,
}

/// Gives `doc` its takeaways, numbered in document order: the explicit ones and any bottom
/// line, and chosen ones when the author listed fewer than two. Needs the document's language.
pub fn find(doc: &mut Document, dateline: Dateline) {
    let mut found = explicit(&mut doc.blocks);
    // Most briefings (wire copy, press releases, Italian news) list no takeaways: choose some,
    // keeping any bottom line, and number everything in document order.
    let explicit = found
        .iter()
        .filter(|f| f.kind == TakeawayKind::Explicit)
        .count();
    if explicit < 2 {
        let taken: Vec<_> = found.iter().map(|f| f.anchor.clone()).collect();
        let ctx = extract::Context {
            title: &doc.title,
            byline: doc.byline.as_deref(),
            lang: &doc.lang,
            taken: &taken,
            dateline,
        };
        found.extend(
            extract::extract(&doc.blocks, &ctx)
                .into_iter()
                .map(|anchor| Found {
                    kind: TakeawayKind::Extracted,
                    anchor,
                }),
        );
        found.sort_by_key(|f| (f.anchor.block, f.anchor.range.start));
    }
    let id = &doc.id;
    doc.takeaways = found
        .into_iter()
        .enumerate()
        .map(|(n, f)| Takeaway {
            id: format!("{id}.{}", n + 1),
            kind: f.kind,
            text: doc.blocks[f.anchor.block].text[f.anchor.range.clone()].to_string(),
            anchor: f.anchor,
            themes: Vec::new(),
        })
        .collect();
}

/// Finds explicit and bottom-line takeaways; label paragraphs become headings so the reader
/// shows them as such.
pub fn explicit(blocks: &mut [Block]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if let Some((label, inline_start)) = label_of(&block.text) {
            if let Some(start) = inline_start {
                // "Why it matters: text" — the text is the takeaway.
                let end = blocks[i].text.len();
                found.push(Found {
                    kind: TakeawayKind::Explicit,
                    anchor: Anchor {
                        block: i,
                        range: start..end,
                    },
                });
                i += 1;
                continue;
            }
            blocks[i].kind = BlockKind::Heading;
            let mut j = i + 1;
            while j < blocks.len() && blocks[j].kind == BlockKind::Bullet {
                found.push(whole(TakeawayKind::Explicit, j, &blocks[j]));
                j += 1;
            }
            if j == i + 1 {
                // No list: scraped pages lose bullet markers. A single-point label takes the
                // next paragraph; a list label takes the following paragraphs up to a heading.
                let max = if SINGLE_LABELS.contains(&label) { 1 } else { 7 };
                while j < blocks.len() && j - i <= max && blocks[j].kind == BlockKind::Paragraph {
                    if label_of(&blocks[j].text).is_some() || opener_of(&blocks[j].text).is_some() {
                        break;
                    }
                    found.push(whole(TakeawayKind::Explicit, j, &blocks[j]));
                    j += 1;
                }
            }
            i = j.max(i + 1);
            continue;
        }
        if block.kind == BlockKind::Paragraph
            && let Some(start) = opener_of(&block.text)
        {
            found.push(Found {
                kind: TakeawayKind::BottomLine,
                anchor: Anchor {
                    block: i,
                    range: start..block.text.len(),
                },
            });
        }
        i += 1;
    }
    found.retain(|f| !f.anchor.range.is_empty());
    found
}

fn whole(kind: TakeawayKind, index: usize, block: &Block) -> Found {
    Found {
        kind,
        anchor: Anchor {
            block: index,
            range: 0..block.text.len(),
        },
    }
}

/// How a label is compared: folded (so "POINTS CLÉS", "Points clés" and "points cles" agree,
/// and "L’essentiel" with "L'essentiel"), hyphens as spaces ("Points-clés"), runs of white space
/// as one space, and without the trailing colon, stop or dash ("À retenir :", "Takeaways —").
fn label_key(text: &str) -> String {
    let folded = text::fold(text.trim());
    let mut key = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}'))
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    let bare = key.trim_end_matches([':', '.', '—', '–', ' ']);
    key.truncate(bare.len());
    key
}

/// Longest text worth folding to compare with a label: the longest label is under 30 bytes,
/// so anything much longer is prose and is not folded at all.
const MAX_LABEL_BYTES: usize = 60;

/// The label a block is, and where inline text after "Label:" starts if there is any. A label
/// counts only when it is the whole block, or a single-point label before a colon: "En bref,
/// le gouvernement…" or "Zusammenfassung der Ergebnisse zeigt…" are prose.
fn label_of(text: &str) -> Option<(&'static str, Option<usize>)> {
    let t = text.trim();
    if t.len() <= MAX_LABEL_BYTES {
        let key = label_key(t);
        if let Some(label) = LIST_LABELS.iter().find(|l| **l == key) {
            return Some((label, None));
        }
    }
    // "Why it matters: ..." with the text inline.
    let colon = text.find(':').filter(|&c| c <= MAX_LABEL_BYTES)?;
    let head = label_key(&text[..colon]);
    let label = SINGLE_LABELS.iter().find(|l| **l == head)?;
    let rest = &text[colon + 1..];
    let start = colon + 1 + (rest.len() - rest.trim_start().len());
    (start < text.len()).then_some((label, Some(start)))
}

/// Where the takeaway text of a closing-verdict paragraph starts, if the paragraph is one.
fn opener_of(text: &str) -> Option<usize> {
    let head_end = text.char_indices().nth(24).map_or(text.len(), |(i, _)| i);
    let head = text::fold(&text[..head_end]);
    let (opener, drop) = BOTTOM_LINE_OPENERS.iter().find(|(o, _)| {
        head.strip_prefix(o).is_some_and(|rest| {
            !o.ends_with(char::is_alphanumeric) || !rest.starts_with(char::is_alphanumeric)
        })
    })?;
    if !drop {
        return Some(0);
    }
    // Folding can change lengths (a decomposed "é" is two chars and folds to one): walk the
    // original until its folded form covers the opener.
    let want = opener.chars().count();
    let mut covered = 0;
    let mut cut = text.len();
    for (i, c) in text.char_indices() {
        if covered >= want {
            cut = i;
            break;
        }
        covered += text::fold(&text[i..i + c.len_utf8()]).chars().count();
    }
    let rest = &text[cut..];
    Some(cut + (rest.len() - rest.trim_start().len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(kind: BlockKind, text: &str) -> Block {
        Block {
            kind,
            text: text.to_string(),
        }
    }
    use BlockKind::*;

    fn texts(blocks: &[Block], found: &[Found]) -> Vec<(TakeawayKind, String)> {
        found
            .iter()
            .map(|f| {
                (
                    f.kind,
                    blocks[f.anchor.block].text[f.anchor.range.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn bullets_after_a_label_in_any_case_and_language() {
        for label in [
            "Key Takeaways:",
            "KEY POINTS",
            "Highlights",
            "TL;DR",
            "Punti chiave:",
            "In sintesi:",
            "Da sapere",
            "Perché conta:",
        ] {
            let mut blocks = vec![
                b(Paragraph, "Intro."),
                b(Paragraph, label),
                b(Bullet, "One."),
                b(Bullet, "Two."),
                b(Paragraph, "After."),
            ];
            let found = explicit(&mut blocks);
            assert_eq!(
                texts(&blocks, &found),
                [
                    (TakeawayKind::Explicit, "One.".into()),
                    (TakeawayKind::Explicit, "Two.".into())
                ],
                "{label}"
            );
            assert_eq!(blocks[1].kind, Heading, "label shown as heading");
        }
    }

    #[test]
    fn bullets_without_a_label_are_not_takeaways() {
        let mut blocks = vec![b(Paragraph, "Intro."), b(Bullet, "One."), b(Bullet, "Two.")];
        assert!(explicit(&mut blocks).is_empty());
    }

    #[test]
    fn inline_label_text_is_one_takeaway() {
        let mut blocks = vec![b(Paragraph, "Why it matters: Rome bets on Tokyo.")];
        let found = explicit(&mut blocks);
        assert_eq!(
            texts(&blocks, &found),
            [(TakeawayKind::Explicit, "Rome bets on Tokyo.".into())]
        );
        assert_eq!(blocks[0].kind, Paragraph);
    }

    #[test]
    fn paragraphs_after_a_list_label_when_markers_were_lost() {
        let mut blocks = vec![
            b(Heading, "Key points"),
            b(Paragraph, "First."),
            b(Paragraph, "Second."),
            b(Heading, "Next section"),
            b(Paragraph, "Body."),
        ];
        let found = explicit(&mut blocks);
        assert_eq!(found.len(), 2);
        let mut blocks = vec![
            b(Paragraph, "Summary:"),
            b(Paragraph, "Only one."),
            b(Paragraph, "Body."),
        ];
        assert_eq!(explicit(&mut blocks).len(), 1);
    }

    #[test]
    fn bottom_lines() {
        let mut blocks = vec![
            b(
                Paragraph,
                "The bottom line: “Selectivity does not mean disengagement.”",
            ),
            b(Paragraph, "In sintesi, oggi si è fatto un passo avanti."),
            b(Paragraph, "Bottom line:   Tokyo matters."),
            b(Paragraph, "In conclusione, Roma guarda a Est."),
            b(
                Paragraph,
                "A paragraph that mentions the bottom line: not an opener.",
            ),
        ];
        let found = explicit(&mut blocks);
        assert_eq!(
            texts(&blocks, &found),
            [
                (
                    TakeawayKind::BottomLine,
                    "“Selectivity does not mean disengagement.”".into()
                ),
                (
                    TakeawayKind::BottomLine,
                    "In sintesi, oggi si è fatto un passo avanti.".into()
                ),
                (TakeawayKind::BottomLine, "Tokyo matters.".into()),
                (
                    TakeawayKind::BottomLine,
                    "In conclusione, Roma guarda a Est.".into()
                ),
            ]
        );
    }

    #[test]
    fn label_with_emphasis_already_stripped_and_trailing_dash() {
        let mut blocks = vec![b(Heading, "Takeaways —"), b(Bullet, "A.")];
        assert_eq!(explicit(&mut blocks).len(), 1);
    }

    /// Label forms of the three new languages: each case, colon, apostrophe and accent variant
    /// a page may use, with the bullets of the language after it.
    const NEW_LABELS: &[(&str, [&str; 2])] = &[
        ("Points clés", FR),
        ("POINTS CLÉS :", FR),
        ("Points-clés:", FR),
        ("points cles", FR),
        ("Les points clés", FR),
        ("À retenir", FR),
        ("A retenir :", FR),
        ("L’essentiel", FR),
        ("L'essentiel :", FR),
        ("En bref", FR),
        ("Ce qu’il faut retenir :", FR),
        ("Ce qu'il faut retenir", FR),
        ("Das Wichtigste in Kürze", DE),
        ("DAS WICHTIGSTE IN KÜRZE:", DE),
        ("Das Wichtigste in Kuerze", DE),
        ("Das Wichtigste", DE),
        ("Kernaussagen:", DE),
        ("Auf einen Blick", DE),
        ("Zusammenfassung", DE),
        ("Kernpunkte —", DE),
        ("Puntos clave", ES),
        ("PUNTOS CLAVE:", ES),
        ("Claves", ES),
        ("Las claves:", ES),
        ("En resumen", ES),
        ("Lo esencial", ES),
        ("Ideas clave:", ES),
    ];
    const FR: [&str; 2] = [
        "Paris et Berlin relancent le char commun.",
        "Le budget de défense augmente de 7 %.",
    ];
    const DE: [&str; 2] = [
        "Berlin verdoppelt die Mittel für Munition.",
        "Die Marine bekommt vier neue Fregatten.",
    ];
    const ES: [&str; 2] = [
        "Madrid firma el acuerdo con Lisboa.",
        "El gasto en defensa sube un 10 %.",
    ];

    #[test]
    fn french_german_and_spanish_labels_in_every_form() {
        for &(label, bullets) in NEW_LABELS {
            for kind in [Paragraph, Heading] {
                let mut blocks = vec![
                    b(Paragraph, "Intro."),
                    b(kind, label),
                    b(Bullet, bullets[0]),
                    b(Bullet, bullets[1]),
                    b(Paragraph, "Après."),
                ];
                let found = explicit(&mut blocks);
                assert_eq!(
                    texts(&blocks, &found),
                    [
                        (TakeawayKind::Explicit, bullets[0].into()),
                        (TakeawayKind::Explicit, bullets[1].into())
                    ],
                    "{label:?} as {kind:?}"
                );
                assert_eq!(blocks[1].kind, Heading, "{label:?} shown as heading");
            }
        }
    }

    #[test]
    fn labels_from_markdown_headings_and_bold_lines() {
        let md = "# Défense européenne\n\n\
                  Les ministres se sont réunis à Paris.\n\n\
                  ## Points clés\n\n\
                  - Paris et Berlin relancent le char commun.\n\
                  - Le budget de défense augmente de 7 %.\n\n\
                  **Das Wichtigste in Kürze:**\n\n\
                  * Berlin verdoppelt die Mittel für Munition.\n\n\
                  __Las claves__\n\n\
                  1. Madrid firma el acuerdo con Lisboa.\n";
        let reader = crate::ingest::formats::READERS
            .iter()
            .find(|r| r.extensions.contains(&"md"))
            .expect("a Markdown reader");
        let mut articles = (reader.read)(md.as_bytes()).expect("Markdown parses");
        let mut blocks = std::mem::take(&mut articles.articles[0].parsed.blocks);
        let found = explicit(&mut blocks);
        let got: Vec<String> = texts(&blocks, &found).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            got,
            [
                "Paris et Berlin relancent le char commun.",
                "Le budget de défense augmente de 7 %.",
                "Berlin verdoppelt die Mittel für Munition.",
                "Madrid firma el acuerdo con Lisboa.",
            ]
        );
    }

    #[test]
    fn prose_that_starts_like_a_label_is_not_one() {
        for prose in [
            "En bref, le gouvernement a présenté son plan de défense mardi.",
            "Zusammenfassung der Ergebnisse zeigt, dass die Bundeswehr mehr Personal braucht.",
            "Das Wichtigste ist jetzt, die Lieferketten zu sichern.",
            "Claves para entender la reforma: el gasto y la industria.",
            "À retenir de ce sommet : peu de décisions concrètes.",
            "En resumen de prensa: el ministro viaja hoy a Bruselas.",
        ] {
            let mut blocks = vec![
                b(Paragraph, prose),
                b(Bullet, "Un point."),
                b(Bullet, "Un autre point."),
            ];
            let found = explicit(&mut blocks);
            assert!(found.is_empty(), "{prose}: {:?}", texts(&blocks, &found));
            assert_eq!(blocks[0].kind, Paragraph, "{prose}");
        }
    }

    #[test]
    fn single_point_labels_inline_in_the_new_languages() {
        for (line, want) in [
            (
                "En bref : Paris mise sur Berlin pour le char.",
                "Paris mise sur Berlin pour le char.",
            ),
            (
                "Zusammenfassung: Berlin investiert in die Marine.",
                "Berlin investiert in die Marine.",
            ),
            (
                "EN RESUMEN: Madrid apuesta por la industria.",
                "Madrid apuesta por la industria.",
            ),
        ] {
            let mut blocks = vec![b(Paragraph, line)];
            let found = explicit(&mut blocks);
            assert_eq!(
                texts(&blocks, &found),
                [(TakeawayKind::Explicit, want.into())],
                "{line}"
            );
        }
        // A list label with inline text is not a single takeaway (as "Key points: …" is not).
        let mut blocks = vec![b(Paragraph, "Points clés : le char, le budget.")];
        assert!(explicit(&mut blocks).is_empty());
    }

    #[test]
    fn new_labels_without_bullet_markers_take_paragraphs() {
        let mut blocks = vec![
            b(Heading, "Zusammenfassung"),
            b(Paragraph, "Nur ein Punkt."),
            b(Paragraph, "Fließtext."),
        ];
        assert_eq!(explicit(&mut blocks).len(), 1, "single-point label");
        let mut blocks = vec![
            b(Heading, "Ce qu’il faut retenir"),
            b(Paragraph, "Premier."),
            b(Paragraph, "Second."),
            b(Heading, "Contexte"),
            b(Paragraph, "Corps."),
        ];
        assert_eq!(explicit(&mut blocks).len(), 2, "list label");
    }

    #[test]
    fn bottom_lines_in_french_german_and_spanish() {
        let cases = [
            (
                "En somme, Paris et Berlin restent alliés.",
                "En somme, Paris et Berlin restent alliés.",
            ),
            (
                "Au total, le plan coûte 3 milliards.",
                "Au total, le plan coûte 3 milliards.",
            ),
            (
                "En définitive, l’Europe doit investir.",
                "En définitive, l’Europe doit investir.",
            ),
            (
                "EN DEFINITIVE, rien ne change.",
                "EN DEFINITIVE, rien ne change.",
            ),
            (
                "Au bout du compte, c’est Bruxelles qui décide.",
                "Au bout du compte, c’est Bruxelles qui décide.",
            ),
            ("Fazit: Berlin muss mehr tun.", "Berlin muss mehr tun."),
            ("Unterm Strich: Die Marine wächst.", "Die Marine wächst."),
            (
                "Unterm Strich bleibt die Lage angespannt.",
                "Unterm Strich bleibt die Lage angespannt.",
            ),
            (
                "Alles in allem ist der Haushalt solide.",
                "Alles in allem ist der Haushalt solide.",
            ),
            (
                "Alles in allem, ein guter Gipfel.",
                "Alles in allem, ein guter Gipfel.",
            ),
            (
                "En conclusión, España gana peso en la OTAN.",
                "En conclusión, España gana peso en la OTAN.",
            ),
            (
                "En definitiva, Madrid y Lisboa cooperan.",
                "En definitiva, Madrid y Lisboa cooperan.",
            ),
            ("En suma, el plan avanza.", "En suma, el plan avanza."),
            // A decomposed accent ("e" and a combining acute) folds like the composed one.
            (
                "En de\u{301}finitive, tout se joue a\u{300} Paris.",
                "En de\u{301}finitive, tout se joue a\u{300} Paris.",
            ),
        ];
        for (para, want) in cases {
            let mut blocks = vec![b(Paragraph, para)];
            let found = explicit(&mut blocks);
            assert_eq!(
                texts(&blocks, &found),
                [(TakeawayKind::BottomLine, want.into())],
                "{para}"
            );
        }
    }

    #[test]
    fn paragraphs_that_only_look_like_bottom_lines() {
        for para in [
            "En sommeil depuis 2019, le projet de char commun repart.",
            "Au totalitarisme, l’Europe oppose le droit.",
            "Der Bericht zieht ein Fazit: Die Marine braucht Schiffe.",
            "Unterm Strichcode steht der Preis.",
            "Alles in allemannischer Mundart erzählt.",
            "En sumario, el juez cita al ministro.",
            "Le rapport dresse, en somme, un bilan mitigé.",
        ] {
            let mut blocks = vec![b(Paragraph, para)];
            let found = explicit(&mut blocks);
            assert!(found.is_empty(), "{para}: {:?}", texts(&blocks, &found));
        }
    }
}
