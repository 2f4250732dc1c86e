//! Ranking and picking: TF-IDF vectors and graph centrality over the candidates, blended with
//! position, names, length and lexicon concepts, then a greedy pick by maximal marginal
//! relevance that never takes near-duplicates.

// Fx: the keys are words and small ids from our own tables; SipHash was a tenth of loading.
use rustc_hash::FxHashMap as HashMap;

use super::candidates::Candidate;
use crate::model::Anchor;

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
    // Each edge carries its source's row sum, which never changes between rounds; all rows in
    // one array (row `j` is `edges[starts[j]..starts[j + 1]]`).
    let mut starts = Vec::with_capacity(n + 1);
    let mut edges: Vec<(u32, f32, f32)> = Vec::with_capacity(rows.iter().map(Vec::len).sum());
    for r in &rows {
        starts.push(edges.len());
        edges.extend(r.iter().map(|&(i, s)| (i as u32, s, sums[i])));
    }
    starts.push(edges.len());
    let row = |j: usize| &edges[starts[j]..starts[j + 1]];
    let dangling_nodes: Vec<usize> = (0..n).filter(|&i| sums[i] == 0.0).collect();
    let mut p = vec![1.0 / n as f32; n];
    let mut next = vec![0f32; n];
    let mut damped = vec![0f32; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f32 = dangling_nodes.iter().map(|&i| p[i]).sum();
        for (d, &x) in damped.iter_mut().zip(&p) {
            *d = DAMPING * x;
        }
        let base = (1.0 - DAMPING) / n as f32;
        let tail = DAMPING * dangling / n as f32;
        // Gathered per target: rows are symmetric and sorted, so `next[j]` adds the same terms
        // in the same order (ascending `i`) as scattering from each `i` would, and stays in a
        // register. `DAMPING * p[i] * s / sum` is evaluated left to right as before. Four rows
        // at a time, each its own chain of additions in its own order (so the same sums, bit
        // for bit): one chain left the adder waiting on itself, this was most of extraction.
        let mut j = 0;
        while j + 4 <= n {
            let rs = [row(j), row(j + 1), row(j + 2), row(j + 3)];
            let common = rs.iter().map(|r| r.len()).min().unwrap_or(0);
            let mut x = [base; 4];
            for k in 0..common {
                for (x, r) in x.iter_mut().zip(&rs) {
                    let (i, s, sum) = r[k];
                    *x += damped[i as usize] * s / sum;
                }
            }
            for (q, (mut x, r)) in x.into_iter().zip(rs).enumerate() {
                for &(i, s, sum) in &r[common..] {
                    x += damped[i as usize] * s / sum;
                }
                next[j + q] = x + tail;
            }
            j += 4;
        }
        for (j, next) in next.iter_mut().enumerate().skip(j) {
            let mut x = base;
            for &(i, s, sum) in row(j) {
                x += damped[i as usize] * s / sum;
            }
            *next = x + tail;
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
pub(super) fn select(cands: &[Candidate], k: usize) -> Vec<Anchor> {
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
    use crate::analysis::extract::extract;
    use crate::analysis::extract::tests::{ctx, para};

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
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 1.0);
    }
}
