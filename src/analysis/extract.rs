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
#![warn(missing_docs)]

// Fx: the keys are words and small ids from our own tables; SipHash was a tenth of loading.
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::sentences::split_sentences;
use super::text::{self, Lang};
use super::themes::{Lexicon, Tagger};
use crate::model::{Anchor, Block, BlockKind};

/// Sentences considered from the start of a document; later ones are only considered when they
/// open a section. Keeps the similarity graph (quadratic in candidates) bounded for 5 MB files.
pub const MAX_LEAD_CANDIDATES: usize = 120;
/// Section-opening sentences considered beyond the lead cap.
pub const MAX_SECTION_CANDIDATES: usize = 40;
/// Fewer words than this is a fragment, not a claim.
pub const MIN_WORDS: usize = 8;
/// More words than this is a run-on list or a parsing accident.
pub const MAX_WORDS: usize = 80;
/// Sentences sharing this share of their stems with a chosen one add nothing.
pub const NEAR_DUPLICATE_JACCARD: f32 = 0.5;

const DAMPING: f32 = 0.85;
// Blend weights, chosen on tests/fixtures/eval (see examples/eval_extract.rs): centrality,
// a lead-first position prior (e^(-position/POSITION_DECAY), or SECTION_LEAD_PRIOR for the
// first sentence under a heading), names per word, content length saturating at
// FULL_LENGTH_STEMS stems, and lexicon concepts saturating at FULL_CONCEPTS.
const W_CENTRALITY: f32 = 0.5;
const W_POSITION: f32 = 0.35;
const W_DENSITY: f32 = 0.6;
const W_LENGTH: f32 = 0.3;
const W_CONCEPTS: f32 = 0.4;
/// Maximal marginal relevance: a candidate loses this much per unit of cosine similarity to
/// the closest sentence already chosen, so the picks cover the briefing instead of restating
/// its lead.
const W_REDUNDANCY: f32 = 0.5;
const POSITION_DECAY: f32 = 6.0;
const SECTION_LEAD_PRIOR: f32 = 0.35;
const FULL_LENGTH_STEMS: f32 = 15.0;
const FULL_CONCEPTS: f32 = 6.0;
const MAX_ITERATIONS: usize = 60;
const SIMILARITY_FLOOR: f32 = 0.05;

/// What the extractor knows about the document besides its blocks.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// Never picked as a takeaway, nor a sentence it was truncated from ("…").
    pub title: &'a str,
    /// Lines that are mostly the byline are never picked.
    pub byline: Option<&'a str>,
    /// ISO 639-1 code: chooses the stemmer and stop words.
    pub lang: &'a str,
    /// Anchors already used by explicit takeaways or a bottom line: never picked again.
    pub taken: &'a [Anchor],
    /// Where a lead sentence's dateline ends ("Roma, 11 dicembre 2025 – "), so the claim after
    /// it is what is picked. Datelines are the ingest layer's knowledge; the library passes its
    /// recogniser in.
    pub dateline: Dateline,
}

/// Byte length of a dateline at the start of a text, if it has one.
pub type Dateline = fn(&str) -> Option<usize>;

/// Why a sentence can never be a takeaway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reject {
    /// Ends with a question mark: briefings answer, takeaways do not ask.
    Question,
    /// Fewer than [`MIN_WORDS`] words.
    Fragment,
    /// More than [`MAX_WORDS`] words.
    TooLong,
    /// No closing punctuation and short: a heading or a caption.
    HeadingLike,
    /// Contains an e-mail address or a URL.
    EmailOrLink,
    /// Photo credits, copyright and licence lines.
    Credit,
    /// "By Jane Doe", "di Marta Giordano", or mostly the document's byline.
    Byline,
    /// The document's title.
    Title,
    /// "Read more", "Leggi anche", subscription prompts.
    Boilerplate,
}

/// A sentence that passed the filters.
#[derive(Debug, Clone)]
struct Candidate {
    block: usize,
    range: Range<usize>,
    /// Ordinal among the document's body sentences (0 = the lead).
    position: usize,
    section_lead: bool,
    stems: Vec<u32>,
    /// Names, acronyms and figures per word.
    density: f32,
    /// Entity mentions and theme keywords of the built-in lexicon.
    concepts: usize,
}

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

/// Whether `sentence` may be a takeaway at all, and if not why.
pub fn check(sentence: &str, ctx: &Context) -> Result<(), Reject> {
    check_with(sentence, ctx, &Title::of(ctx.title))
}

/// The document's title, tokenized once for every sentence's title check.
struct Title<'a> {
    /// Without a closing "…" or ".".
    text: &'a str,
    toks: Vec<text::Token>,
    /// Ends with "…": sentences starting with it are the title too.
    truncated: bool,
}

impl<'a> Title<'a> {
    fn of(title: &'a str) -> Self {
        let text = title.trim_end_matches(['…', '.', ' ']);
        Title {
            text,
            toks: text::tokens(text),
            truncated: title.ends_with('…'),
        }
    }
}

fn check_with(sentence: &str, ctx: &Context, title: &Title) -> Result<(), Reject> {
    let s = sentence.trim();
    check_tokens(s, &text::tokens(s), ctx, title)
}

/// [`check`] of a trimmed sentence `s` whose tokens are `toks` (the extractor needs them too).
fn check_tokens(s: &str, toks: &[text::Token], ctx: &Context, title: &Title) -> Result<(), Reject> {
    let lower = s.to_lowercase();
    let words = toks
        .iter()
        .filter(|t| s[t.range.clone()].chars().any(char::is_alphabetic))
        .count();
    if !ctx.title.is_empty() && is_title(s, toks, title) {
        return Err(Reject::Title);
    }
    if is_email_or_link(&lower) {
        return Err(Reject::EmailOrLink);
    }
    if is_credit(&lower) {
        return Err(Reject::Credit);
    }
    if BOILERPLATE.iter().any(|b| lower.starts_with(b)) {
        return Err(Reject::Boilerplate);
    }
    if is_byline(s, &lower, words, ctx.byline) {
        return Err(Reject::Byline);
    }
    let end = s.trim_end_matches(CLOSERS);
    if end.ends_with('?') {
        return Err(Reject::Question);
    }
    let (letters, upper) = letters_and_capitals(s);
    let ends_like_sentence = end.ends_with(['.', '!', '…']);
    if (!ends_like_sentence && words < 15) || (letters > 0 && upper * 10 > letters * 7) {
        return Err(Reject::HeadingLike);
    }
    if words < MIN_WORDS {
        return Err(Reject::Fragment);
    }
    if words > MAX_WORDS {
        return Err(Reject::TooLong);
    }
    Ok(())
}

const CLOSERS: &[char] = &['”', '’', '"', '\'', '»', ')', ']', ' '];

const BOILERPLATE: &[&str] = &[
    "read more",
    "read also",
    "see also",
    "related:",
    "subscribe",
    "sign up",
    "follow us",
    "click here",
    "advertisement",
    "leggi anche",
    "leggi di più",
    "vedi anche",
    "iscriviti",
    "seguici",
    "clicca qui",
    "pubblicità",
    "correlati:",
    "articoli correlati",
];

const CREDIT_STARTS: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "foto:",
    "foto di",
    "image:",
    "image credit",
    "immagine:",
    "credit",
    "crediti",
    "copyright",
    "(c) ",
    "source:",
    "fonte:",
    "getty",
    "reuters/",
    "afp/",
    "ansa/",
    "ap photo",
    "licensed under",
    "licence:",
    "license:",
];

const CREDIT_ANYWHERE: &[&str] = &[
    "©",
    "getty images",
    "all rights reserved",
    "riproduzione riservata",
    "tutti i diritti riservati",
    "creative commons",
    "cc by",
    "reuters/",
    "afp/",
    "ansa/",
    "(ap photo",
    "shutterstock",
];

fn is_credit(lower: &str) -> bool {
    CREDIT_STARTS.iter().any(|c| lower.starts_with(c))
        || CREDIT_ANYWHERE.iter().any(|c| lower.contains(c))
}

/// Letters and upper-case letters in `s`, in one pass (bytes when `s` is ASCII): the check
/// runs on every sentence of every document.
fn letters_and_capitals(s: &str) -> (usize, usize) {
    if s.is_ascii() {
        s.bytes().fold((0, 0), |(l, u), b| {
            (
                l + usize::from(b.is_ascii_alphabetic()),
                u + usize::from(b.is_ascii_uppercase()),
            )
        })
    } else {
        s.chars().fold((0, 0), |(l, u), c| {
            (
                l + usize::from(c.is_alphabetic()),
                u + usize::from(c.is_uppercase()),
            )
        })
    }
}

fn is_email_or_link(lower: &str) -> bool {
    if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") {
        return true;
    }
    // Most sentences have no '@' at all: one memchr instead of splitting into words.
    memchr::memchr(b'@', lower.as_bytes()).is_some()
        && lower.split_whitespace().any(|w| {
            w.split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        })
}

fn is_byline(s: &str, lower: &str, words: usize, byline: Option<&str>) -> bool {
    if let Some(b) = byline.filter(|b| !b.is_empty())
        && s.contains(b)
        && words <= b.split_whitespace().count() + 4
    {
        return true;
    }
    let names_follow = |rest: &str| {
        let ws: Vec<&str> = rest.split_whitespace().collect();
        !ws.is_empty()
            && ws.len() <= 6
            && ws
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.len() <= 3)
    };
    (lower.starts_with("by ") && names_follow(&s[3..]))
        || (lower.starts_with("di ") && names_follow(&s[3..]))
        || lower.starts_with("a cura di ")
}

/// Whether `s` (with tokens `st`) is the title, word for word once folded, or starts with a
/// title truncated with "…". Compares word by word and stops at the first difference: it runs
/// for every candidate sentence, and almost all differ in their first word.
fn is_title(s: &str, st: &[text::Token], title: &Title) -> bool {
    let tt = &title.toks;
    if tt.is_empty() || st.len() < tt.len() || (!title.truncated && st.len() != tt.len()) {
        return false;
    }
    tt.iter()
        .zip(st)
        .all(|(a, b)| text::fold(&title.text[a.range.clone()]) == text::fold(&s[b.range.clone()]))
}

fn is_taken(taken: &[Anchor], block: usize, range: &Range<usize>) -> bool {
    taken
        .iter()
        .any(|a| a.block == block && a.range.start < range.end && range.start < a.range.end)
}

/// Walks the body once, filtering and trimming sentences; bounded by the candidate caps.
fn candidates(blocks: &[Block], ctx: &Context) -> Vec<Candidate> {
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
            let toks = text::tokens(sentence);
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

/// Sparse TF-IDF vector: sorted (term, weight), unit length.
fn vectors(cands: &[Candidate]) -> Vec<Vec<(u32, f32)>> {
    let n = cands.len() as f32;
    let mut df: HashMap<u32, u32> = HashMap::default();
    for c in cands {
        let mut seen = c.stems.clone();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *df.entry(s).or_default() += 1;
        }
    }
    cands
        .iter()
        .map(|c| {
            let mut tf: Vec<(u32, f32)> = Vec::new();
            let mut stems = c.stems.clone();
            stems.sort_unstable();
            for s in stems {
                match tf.last_mut() {
                    Some((t, w)) if *t == s => *w += 1.0,
                    _ => tf.push((s, 1.0)),
                }
            }
            for (t, w) in &mut tf {
                *w = (1.0 + w.ln()) * (1.0 + n / df[t] as f32).ln();
            }
            let norm = tf.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                tf.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            tf
        })
        .collect()
}

fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Centrality: stationary distribution of a damped random walk on the similarity graph (power
/// iteration, at most [`MAX_ITERATIONS`] rounds), scaled so the mean is 1.
fn centrality(vecs: &[Vec<(u32, f32)>], lens: &[usize]) -> Vec<f32> {
    let n = vecs.len();
    if n == 0 {
        return Vec::new();
    }
    // TextRank's sentence similarity: shared words over the log of the lengths. Unlike cosine
    // it does not reward short sentences for sharing one common word, so the walk settles on
    // sentences that say much of what the document says. Shared terms of every pair are
    // counted from term → sentences lists: the cost is the sum of the squared list lengths
    // rather than a merge of two vectors for each of the n² pairs.
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::default();
    for (i, v) in vecs.iter().enumerate() {
        for &(t, _) in v {
            postings.entry(t).or_default().push(i as u32);
        }
    }
    let mut shared = vec![0u16; n * n];
    for list in postings.values() {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                shared[a as usize * n + b as usize] += 1;
            }
        }
    }
    let log_len: Vec<f32> = lens.iter().map(|&l| (l.max(2) as f32).ln()).collect();
    let mut rows: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in i + 1..n {
            let count = shared[i * n + j];
            if count == 0 {
                continue;
            }
            let s = count as f32 / (log_len[i] + log_len[j]);
            if s >= SIMILARITY_FLOOR {
                rows[i].push((j, s));
                rows[j].push((i, s));
            }
        }
    }
    let sums: Vec<f32> = rows
        .iter()
        .map(|r| r.iter().map(|(_, s)| s).sum())
        .collect();
    // Each edge carries its source's row sum, which never changes between rounds.
    let edges: Vec<Vec<(usize, f32, f32)>> = rows
        .iter()
        .map(|r| r.iter().map(|&(i, s)| (i, s, sums[i])).collect())
        .collect();
    let mut p = vec![1.0 / n as f32; n];
    let mut next = vec![0f32; n];
    let mut damped = vec![0f32; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f32 = (0..n).filter(|&i| sums[i] == 0.0).map(|i| p[i]).sum();
        for (d, &x) in damped.iter_mut().zip(&p) {
            *d = DAMPING * x;
        }
        // Gathered per target: rows are symmetric and sorted, so `next[j]` adds the same terms
        // in the same order (ascending `i`) as scattering from each `i` would, and stays in a
        // register. `DAMPING * p[i] * s / sums[i]` is evaluated left to right as before.
        for (j, row) in edges.iter().enumerate() {
            let mut x = (1.0 - DAMPING) / n as f32;
            for &(i, s, sum) in row {
                x += damped[i] * s / sum;
            }
            next[j] = x + DAMPING * dangling / n as f32;
        }
        let delta: f32 = next.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if delta < 1e-6 {
            break;
        }
    }
    p.iter().map(|x| x * n as f32).collect()
}

/// Blends centrality, position, names, length and lexicon concepts, then picks greedily by
/// maximal marginal relevance, never taking near-duplicates.
fn select(cands: &[Candidate], k: usize) -> Vec<Anchor> {
    if cands.is_empty() || k == 0 {
        return Vec::new();
    }
    let vecs = vectors(cands);
    let lens: Vec<usize> = cands.iter().map(|c| c.stems.len()).collect();
    let central = centrality(&vecs, &lens);
    let max_c = central.iter().cloned().fold(f32::MIN, f32::max).max(1e-6);
    let mut scored: Vec<(f32, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let position = (-(c.position as f32) / POSITION_DECAY).exp();
            let section = if c.section_lead {
                SECTION_LEAD_PRIOR
            } else {
                0.0
            };
            let prior = position.max(section);
            let length = (c.stems.len() as f32 / FULL_LENGTH_STEMS).min(1.0);
            let concepts = (c.concepts as f32 / FULL_CONCEPTS).min(1.0);
            let score = W_CENTRALITY * central[i] / max_c
                + W_POSITION * prior
                + W_DENSITY * c.density.min(0.25)
                + W_LENGTH * length
                + W_CONCEPTS * concepts;
            (score, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Maximal marginal relevance, evaluated lazily: a candidate's value (its score less its
    // redundancy, the highest cosine to a chosen sentence) never exceeds its score, so each
    // round walks candidates best score first and stops once no later one can beat the best
    // value found; each candidate is brought up to date with the picks made since it was
    // last looked at (redundancy, and whether it nearly duplicates one). The same picks as
    // comparing every candidate with every pick, at a fraction of the cost.
    let sets: Vec<Vec<u32>> = cands
        .iter()
        .map(|c| {
            let mut x = c.stems.clone();
            x.sort_unstable();
            x.dedup();
            x
        })
        .collect();
    let mut out = vec![false; cands.len()];
    let mut redundancy = vec![0f32; cands.len()];
    let mut seen = vec![0usize; cands.len()];
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < k {
        let mut best: Option<(f32, usize)> = None;
        for &(score, i) in &scored {
            if out[i] {
                continue;
            }
            if best.is_some_and(|(bv, _)| score < bv) {
                break;
            }
            for &j in &chosen[seen[i]..] {
                if jaccard_sets(&sets[i], &sets[j]) >= NEAR_DUPLICATE_JACCARD {
                    out[i] = true;
                    break;
                }
                redundancy[i] = redundancy[i].max(cosine(&vecs[i], &vecs[j]));
            }
            seen[i] = chosen.len();
            if out[i] {
                continue;
            }
            let v = score - W_REDUNDANCY * redundancy[i];
            if best.is_none_or(|(bv, bi)| v > bv || (v == bv && i < bi)) {
                best = Some((v, i));
            }
        }
        let Some((_, j)) = best else { break };
        chosen.push(j);
        out[j] = true;
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|i| Anchor {
            block: cands[i].block,
            range: cands[i].range.clone(),
        })
        .collect()
}

/// Jaccard similarity of two stem bags as sets.
pub fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    let mut x = a.to_vec();
    let mut y = b.to_vec();
    x.sort_unstable();
    x.dedup();
    y.sort_unstable();
    y.dedup();
    jaccard_sets(&x, &y)
}

/// [`jaccard`] of two sorted, de-duplicated sets, without allocating.
fn jaccard_sets(x: &[u32], y: &[u32]) -> f32 {
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = x.len() + y.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f32 / union as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(title: &'a str, byline: Option<&'a str>, lang: &'a str) -> Context<'a> {
        Context {
            title,
            byline,
            lang,
            taken: &[],
            dateline: crate::ingest::dateline_end,
        }
    }

    fn para(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }

    #[test]
    fn exclusions() {
        let c = ctx(
            "Italy and Japan deepen their partnership",
            Some("Jane Doe"),
            "en",
        );
        let cases: &[(&str, Reject)] = &[
            ("Italy and Japan deepen their partnership", Reject::Title),
            (
                "Will Rome keep its promises to Tokyo on defence spending next year?",
                Reject::Question,
            ),
            (
                "«Quanto costerà davvero il programma GCAP ai contribuenti italiani?»",
                Reject::Question,
            ),
            (
                "Photo: the Cavour carrier leaving Taranto for its long Pacific deployment.",
                Reject::Credit,
            ),
            (
                "Foto: la portaerei Cavour lascia Taranto per il lungo dispiegamento nel Pacifico.",
                Reject::Credit,
            ),
            (
                "The carrier leaves Taranto in a picture taken on Monday (Reuters/Remo Casilli).",
                Reject::Credit,
            ),
            (
                "© 2025 Example Media Group, all rights reserved, reproduction prohibited.",
                Reject::Credit,
            ),
            (
                "Getty Images via the Italian Ministry of Defence press office archive.",
                Reject::Credit,
            ),
            (
                "Riproduzione riservata di questo articolo e delle immagini che lo accompagnano.",
                Reject::Credit,
            ),
            (
                "Write to the desk at briefings@example.org for corrections and comments.",
                Reject::EmailOrLink,
            ),
            (
                "The full text of the agreement is at https://example.org/agreement today.",
                Reject::EmailOrLink,
            ),
            ("By Jane Doe and John Smith", Reject::Byline),
            ("Jane Doe, Senior Fellow.", Reject::Byline),
            (
                "Industria militare e scambi tecnologici",
                Reject::HeadingLike,
            ),
            (
                "THE CARRIER STRIKE GROUP SAILS EAST FOR THE FIRST TIME IN YEARS.",
                Reject::HeadingLike,
            ),
            ("Italy signed it.", Reject::Fragment),
            (
                "Leggi anche: il piano Mattei e la strategia italiana verso l’Africa subsahariana.",
                Reject::Boilerplate,
            ),
        ];
        for (s, want) in cases {
            assert_eq!(check(s, &c), Err(*want), "{s}");
        }
        assert_eq!(
            check(
                "Japan is Italy’s anchor partner beyond Europe, and the partnership keeps growing.",
                &c
            ),
            Ok(())
        );
        let long = "word ".repeat(90) + ".";
        assert_eq!(check(&long, &c), Err(Reject::TooLong));
    }

    #[test]
    fn truncated_title_excludes_the_standfirst_it_came_from() {
        let c = ctx(
            "Italy is seeking to anchor its role through key partnerships…",
            None,
            "en",
        );
        assert_eq!(
            check(
                "Italy is seeking to anchor its role through key partnerships across an increasingly interconnected space.",
                &c
            ),
            Err(Reject::Title)
        );
    }

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
    fn near_duplicates_are_skipped_and_order_is_document_order() {
        let blocks = vec![
            para(
                "Italy and Japan agreed to expand joint work on the GCAP fighter programme this year.",
            ),
            para(
                "Italy and Japan agreed to expand joint work on the GCAP fighter programme this year, officials said.",
            ),
            para(
                "The navies of both countries will train together in the Pacific during the autumn.",
            ),
            para(
                "Ministers also discussed supply chains for critical minerals and semiconductors in detail.",
            ),
            para(
                "A follow-up visit by the Italian defence minister to Tokyo is planned for early next year.",
            ),
        ];
        let got = extract(&blocks, &ctx("", None, "en"));
        let blocks_picked: Vec<usize> = got.iter().map(|a| a.block).collect();
        assert!(
            !(blocks_picked.contains(&0) && blocks_picked.contains(&1)),
            "{blocks_picked:?}"
        );
        assert!(blocks_picked.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(got, extract(&blocks, &ctx("", None, "en")), "deterministic");
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

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 1.0);
    }
}
