//! Takeaways the author wrote: lists under labels such as "Key takeaways" or "In sintesi", and
//! closing verdicts such as "The bottom line:".

use super::extract::{self, Dateline};
use crate::model::{Anchor, Block, BlockKind, Document, Takeaway, TakeawayKind};

/// Labels that introduce a list of takeaways (compared lower-case, without emphasis or colon).
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
    "perché conta",
    "perche conta",
    "i punti chiave",
    "cosa sapere",
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
    "perché conta",
    "perche conta",
];

/// Openers of a closing verdict paragraph; `true` when the opener is a label to leave out of
/// the takeaway text ("The bottom line:"), `false` when it belongs to the sentence ("In sintesi,").
const BOTTOM_LINE_OPENERS: &[(&str, bool)] = &[
    ("the bottom line:", true),
    ("bottom line:", true),
    ("the bottom line is", false),
    ("in sintesi,", false),
    ("in conclusione,", false),
    ("in conclusion,", false),
    ("in short,", false),
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

/// The label a block is, and where inline text after "Label:" starts if there is any.
fn label_of(text: &str) -> Option<(&'static str, Option<usize>)> {
    let t = text.trim();
    if t.len() > 60 && !t.contains(':') {
        return None;
    }
    let lower = t.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', ' ', '—', '–']);
    if let Some(label) = LIST_LABELS.iter().find(|l| **l == bare) {
        return Some((label, None));
    }
    // "Why it matters: ..." with the text inline.
    let (head, _) = lower.split_once(':')?;
    let label = SINGLE_LABELS.iter().find(|l| **l == head.trim())?;
    let colon = text.find(':')?;
    let start = colon + 1 + (text[colon + 1..].len() - text[colon + 1..].trim_start().len());
    (start < text.len()).then_some((label, Some(start)))
}

/// Where the takeaway text of a closing-verdict paragraph starts, if the paragraph is one.
fn opener_of(text: &str) -> Option<usize> {
    let lower_head: String = text.chars().take(24).collect::<String>().to_lowercase();
    let (opener, drop) = BOTTOM_LINE_OPENERS
        .iter()
        .find(|(o, _)| lower_head.starts_with(o))?;
    if !drop {
        return Some(0);
    }
    // Lower-casing can change byte lengths; count the opener in chars on the original.
    let cut = text
        .char_indices()
        .nth(opener.chars().count())
        .map_or(text.len(), |(i, _)| i);
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
}
