//! Extracted takeaways: the sentences a reader should see first in a briefing whose author did
//! not list any.
//!
//! Method (deterministic, linear in the document beyond a fixed candidate cap):
//! 1. candidates are whole sentences of body paragraphs and bullets, minus everything that is
//!    not a claim: titles, bylines, datelines, e-mails and links, image credits and licences,
//!    boilerplate, questions, heading-like and fragmentary lines (see [`Reject`]);
//! 2. each candidate becomes a bag of stemmed content words (Snowball stemmer and stop words of
//!    the document's language) and a TF-IDF vector over them;
//! 3. centrality in the TextRank/LexRank family: power iteration over the graph of TextRank
//!    similarities, so a sentence scores high when it says what many others say;
//! 4. centrality is blended with a position prior (news is written lead-first: on CNN/DailyMail
//!    Lead-3 beats plain TextRank) that also favours the first sentence of each section, and
//!    with content richness: names and acronyms per word, content length, and mentions of the
//!    built-in lexicon's entities and theme keywords (the built-in one on purpose, so that
//!    `--themes` never changes which sentences are takeaways, nor their ids);
//! 5. 3–5 are taken greedily by maximal marginal relevance (cosine to the chosen ones), never
//!    near-duplicates (Jaccard over stems), and returned in document order.
//!
//! `examples/eval_extract.rs` compares this with Lead-3 on briefings whose own lists are hidden.
//!
//! This file holds the entry points (the extractor, its fixed-size variant, the Lead-k baseline);
//! `reject` says which sentences can never be takeaways (step 1), `candidates` walks a
//! document into the sentences that can, with their features (steps 1–2), and `rank` scores
//! and picks among them (steps 2–5). `context` is what the caller tells all three.
#![warn(missing_docs)]

mod candidates;
mod context;
mod rank;
mod reject;

pub use candidates::{MAX_LEAD_CANDIDATES, MAX_SECTION_CANDIDATES};
pub use context::{Context, Dateline};
pub use rank::{NEAR_DUPLICATE_JACCARD, jaccard};
pub use reject::{MAX_WORDS, MIN_WORDS, Reject, check};

use super::sentences::split_sentences;
use crate::model::{Anchor, Block, BlockKind};
use candidates::{candidates, is_taken};
use rank::select;

/// 3–5 sentences (fewer only when the document has fewer acceptable ones), in document order.
pub fn extract(blocks: &[Block], ctx: &Context) -> Vec<Anchor> {
    let candidates = candidates(blocks, ctx);
    let k = match candidates.len() {
        0..12 => 3,
        12..25 => 4,
        _ => 5,
    };
    select(&candidates, k)
}

/// Exactly `k` sentences when there are enough: for comparing with Lead-k at equal length.
pub fn extract_k(blocks: &[Block], ctx: &Context, k: usize) -> Vec<Anchor> {
    select(&candidates(blocks, ctx), k)
}

/// The Lead-k baseline: the first `k` body sentences (headings, taken anchors and the title
/// excluded, nothing else filtered).
pub fn lead(blocks: &[Block], ctx: &Context, k: usize) -> Vec<Anchor> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet) {
            continue;
        }
        for range in split_sentences(&b.text) {
            if out.len() == k {
                return out;
            }
            if is_taken(ctx.taken, bi, &range)
                || check(&b.text[range.clone()], ctx) == Err(Reject::Title)
            {
                continue;
            }
            out.push(Anchor { block: bi, range });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn ctx<'a>(title: &'a str, byline: Option<&'a str>, lang: &'a str) -> Context<'a> {
        Context {
            title,
            byline,
            lang,
            taken: &[],
            dateline: crate::ingest::dateline_end,
        }
    }

    pub(super) fn para(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }

    #[test]
    fn lead_baseline_takes_the_first_sentences() {
        let blocks = vec![
            para("First sentence of the article is here. Second one follows it."),
            para("Third sentence closes the lead. Fourth is not in Lead-3."),
        ];
        let got = lead(&blocks, &ctx("", None, "en"), 3);
        assert_eq!(got.len(), 3);
        assert_eq!(
            &blocks[1].text[got[2].range.clone()],
            "Third sentence closes the lead."
        );
    }
}
