//! The candidates: one walk over a document's body that keeps the sentences that may be
//! takeaways (trimmed of datelines, never an anchor already taken), bounded by the candidate
//! caps, and measures what ranking needs of each: its stems, names and lexicon concepts.

use std::ops::Range;

use super::context::Context;
use super::reject::{Title, check_tokens};
use crate::analysis::sentences::split_sentences;
use crate::analysis::text::{self, Lang};
use crate::analysis::themes::{Lexicon, Tagger};
use crate::model::{Anchor, Block, BlockKind};

/// Sentences considered from the start of a document; later ones are only considered when they
/// open a section. Keeps the similarity graph (quadratic in candidates) bounded for 5 MB files.
pub const MAX_LEAD_CANDIDATES: usize = 120;
/// Section-opening sentences considered beyond the lead cap.
pub const MAX_SECTION_CANDIDATES: usize = 40;

/// A sentence that passed the filters.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) block: usize,
    pub(super) range: Range<usize>,
    /// Ordinal among the document's body sentences (0 = the lead).
    pub(super) position: usize,
    pub(super) section_lead: bool,
    pub(super) stems: Vec<u32>,
    /// Names, acronyms and figures per word.
    pub(super) density: f32,
    /// Entity mentions and theme keywords of the built-in lexicon.
    pub(super) concepts: usize,
}

pub(super) fn is_taken(taken: &[Anchor], block: usize, range: &Range<usize>) -> bool {
    taken
        .iter()
        .any(|a| a.block == block && a.range.start < range.end && range.start < a.range.end)
}

/// Walks the body once, filtering and trimming sentences; bounded by the candidate caps.
pub(super) fn candidates(blocks: &[Block], ctx: &Context) -> Vec<Candidate> {
    TAGGER.with_borrow_mut(|tagger| candidates_with(blocks, ctx, tagger))
}

thread_local! {
    /// One tagger over the built-in lexicon per thread, kept across documents: its word cache
    /// (folding, stop words, both stemmers) then pays for each distinct word once per thread
    /// instead of once per document. Ids only need to agree within a document.
    static TAGGER: std::cell::RefCell<Tagger<'static>> =
        std::cell::RefCell::new(Tagger::without_spellings(Lexicon::builtin_static()));
}

fn candidates_with(blocks: &[Block], ctx: &Context, tagger: &mut Tagger) -> Vec<Candidate> {
    let lang = Lang::from_code(ctx.lang);
    let title = Title::of(ctx.title);
    let mut out: Vec<Candidate> = Vec::new();
    let mut position = 0usize;
    let mut section_extra = 0usize;
    let mut after_heading = false;
    // One token buffer for every sentence.
    let mut toks = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        if b.kind == BlockKind::Heading {
            after_heading = true;
            continue;
        }
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet) {
            after_heading = false;
            continue;
        }
        let section_lead_block = after_heading;
        after_heading = false;
        let past_cap = position >= MAX_LEAD_CANDIDATES;
        if past_cap && (!section_lead_block || section_extra >= MAX_SECTION_CANDIDATES) {
            // Still cheap: nothing is split or stemmed past the cap except section openings.
            continue;
        }
        for (si, mut range) in split_sentences(&b.text).into_iter().enumerate() {
            let section_lead = section_lead_block && si == 0;
            // The cap holds within a block too: one paragraph of thousands of sentences must
            // not feed them all to the quadratic centrality step.
            if (past_cap || position >= MAX_LEAD_CANDIDATES) && !section_lead {
                break;
            }
            if is_taken(ctx.taken, bi, &range) {
                continue;
            }
            // "Roma, 11 dicembre 2025 – Stamattina …": the claim starts after the dateline.
            if si == 0
                && let Some(end) = (ctx.dateline)(&b.text[range.clone()])
            {
                let rest = &b.text[range.start + end..range.end];
                range.start += end + (rest.len() - rest.trim_start().len());
            }
            let sentence = &b.text[range.clone()];
            position += 1;
            // Tokens of the trimmed sentence serve the checks and the features alike
            // (whitespace is never a token, so trimming changes no token).
            let sentence = sentence.trim();
            text::tokens_into(sentence, &mut toks);
            if check_tokens(sentence, &toks, ctx, &title).is_err() {
                continue;
            }
            if past_cap {
                section_extra += 1;
            }
            let informative = toks
                .iter()
                .filter(|t| {
                    let w = &sentence[t.range.clone()];
                    t.all_caps
                        || (t.capitalised && t.mid_sentence && !text::is_stop_any(&text::fold(w)))
                        || w.chars().all(|c| c.is_ascii_digit())
                })
                .count();
            let (stems, concepts) = tagger.sentence_features(sentence, &toks, lang);
            out.push(Candidate {
                block: bi,
                range,
                position: position - 1,
                section_lead,
                stems,
                density: informative as f32 / toks.len().max(1) as f32,
                concepts,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::extract::extract;
    use crate::analysis::extract::tests::{ctx, para};

    #[test]
    fn datelines_are_trimmed_and_dateline_only_lines_dropped() {
        let blocks = vec![
            para("ROME – Talks resume."),
            para(
                "Roma, 11 dicembre 2025 – Stamattina si è tenuta una lunga videoconferenza tra i ministri della Difesa di Italia e Giappone.",
            ),
            para(
                "Il confronto ha messo al centro la crescente interdipendenza tra la sicurezza euro-atlantica e quella indo-pacifica.",
            ),
            para(
                "I ministri hanno convenuto sulla necessità di rafforzare la cooperazione operativa nella difesa cibernetica.",
            ),
        ];
        let c = ctx("", None, "it");
        let got = extract(&blocks, &c);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].block, 1);
        assert!(blocks[1].text[got[0].range.clone()].starts_with("Stamattina"));
        assert!(
            got.iter().all(|a| a.block != 0),
            "dateline plus a fragment is not a takeaway"
        );
    }

    #[test]
    fn french_german_spanish_datelines_are_trimmed_from_lead_sentences() {
        for (lang, lead, claim) in [
            (
                "fr",
                "PARIS, 11 décembre (AFP) - Le gouvernement français a présenté jeudi un plan de soutien à l’industrie de défense européenne.",
                "Le gouvernement",
            ),
            (
                "de",
                "BERLIN, 11. Dezember (Reuters) - Die Bundesregierung hat am Donnerstag ein neues Programm für die europäische Rüstungsindustrie beschlossen.",
                "Die Bundesregierung",
            ),
            (
                "de",
                "Berlin (dpa) - Die Bundesregierung hat am Donnerstag ein neues Programm für die europäische Rüstungsindustrie beschlossen.",
                "Die Bundesregierung",
            ),
            (
                "es",
                "MADRID, 11 Dic. (EFE) - El Gobierno español aprobó este jueves un plan de apoyo a la industria europea de defensa.",
                "El Gobierno",
            ),
            (
                "es",
                "Madrid, 11 de diciembre de 2025 (Europa Press).- El Gobierno español aprobó este jueves un plan de apoyo a la industria europea de defensa.",
                "El Gobierno",
            ),
        ] {
            let blocks = vec![para(lead)];
            let got = extract(&blocks, &ctx("", None, lang));
            let first = got.first().map(|a| &blocks[0].text[a.range.clone()]);
            assert!(
                first.is_some_and(|t| t.starts_with(claim)),
                "{lead}: {first:?}"
            );
        }
    }

    #[test]
    fn taken_anchors_and_headings_are_never_picked() {
        let mut blocks = vec![
            Block {
                kind: BlockKind::Heading,
                text: "Italy and Japan agree a new defence industrial roadmap for the decade."
                    .into(),
            },
            para(
                "Italy and Japan agreed to expand joint work on the GCAP fighter programme this year.",
            ),
            para(
                "The navies of both countries will train together in the Pacific during the autumn.",
            ),
        ];
        blocks.push(para(
            "Ministers also discussed supply chains for critical minerals and semiconductors.",
        ));
        let taken = [Anchor {
            block: 1,
            range: 0..blocks[1].text.len(),
        }];
        let c = Context {
            taken: &taken,
            ..ctx("", None, "en")
        };
        let got = extract(&blocks, &c);
        assert!(got.iter().all(|a| a.block >= 2), "{got:?}");
    }

    #[test]
    fn long_documents_stay_bounded() {
        let sentence = "The ministers of Italy and Japan discussed naval cooperation and industrial policy at length. ";
        let blocks: Vec<Block> = (0..20_000)
            .map(|i| {
                para(&format!(
                    "{sentence}Item {i} was closed in the record of the meeting today."
                ))
            })
            .collect();
        let start = std::time::Instant::now();
        let got = extract(&blocks, &ctx("", None, "en"));
        assert!(!got.is_empty());
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }

    #[test]
    fn page_furniture_in_french_german_and_spanish_is_never_a_candidate() {
        // Each furniture line repeats the words of the claims around it, so only the
        // exclusions keep it out: centrality alone would favour it.
        let docs: [(&str, [&str; 3], [&str; 3]); 3] = [
            (
                "fr",
                [
                    "Paris et Berlin relancent le programme du char de combat franco-allemand.",
                    "Le programme du char franco-allemand recevra trois milliards d’euros en 2027.",
                    "Les industriels du char franco-allemand doivent livrer un prototype en 2028.",
                ],
                [
                    "Lire aussi : Paris et Berlin relancent le programme du char franco-allemand.",
                    "Crédit photo : le prototype du char franco-allemand au salon de Paris en 2026.",
                    "Par Jean Dupont",
                ],
            ),
            (
                "de",
                [
                    "Die Bundeswehr bestellt vier neue Fregatten für die Marine in der Ostsee.",
                    "Die neuen Fregatten der Marine sollen ab 2030 in der Ostsee fahren.",
                    "Der Bau der Fregatten für die Marine beginnt im Herbst in Wolgast.",
                ],
                [
                    "Mehr zum Thema: Die Bundeswehr bestellt neue Fregatten für die Marine.",
                    "Foto: Eine Fregatte der Marine läuft in der Ostsee vor Kiel aus.",
                    "Von Anna Schmidt",
                ],
            ),
            (
                "es",
                [
                    "España y Portugal firman un acuerdo naval para patrullar el Atlántico.",
                    "El acuerdo naval entre España y Portugal entra en vigor el próximo año.",
                    "Las armadas de España y Portugal harán maniobras conjuntas en el Atlántico.",
                ],
                [
                    "Lee también: España y Portugal firman un acuerdo naval en el Atlántico.",
                    "Todos los derechos reservados: acuerdo naval de España y Portugal, 2026.",
                    "Por Ana García",
                ],
            ),
        ];
        for (lang, claims, furniture) in docs {
            let blocks: Vec<Block> = furniture
                .iter()
                .zip(claims)
                .flat_map(|(f, c)| [para(f), para(c)])
                .collect();
            let c = ctx("", None, lang);
            let kept: Vec<&str> = candidates(&blocks, &c)
                .iter()
                .map(|k| &blocks[k.block].text[k.range.clone()])
                .collect();
            assert_eq!(kept, claims, "{lang}");
            let got = extract(&blocks, &c);
            assert!(got.iter().all(|a| a.block % 2 == 1), "{lang}: {got:?}");
        }
    }
}
