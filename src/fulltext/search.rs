//! A [`TextQuery`] run over segments: each word or phrase analysed the way of every language
//! slot, looked up per segment, documents ranked by BM25; and the snippets that show each hit.

use std::ops::Range;

use super::analyzer::{Analyzer, LANGUAGES, language_slot};
use super::parse::{Item, ParseError, TextQuery};
use super::segment::Segment;
use crate::model::Block;
use crate::query::Query;

thread_local! {
    static SNIPPET_ANALYZER: std::cell::RefCell<Analyzer> = std::cell::RefCell::new(Analyzer::new());
}

/// BM25's term-frequency saturation and length normalisation (the usual values).
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// One word or phrase analysed for every language slot: the terms' keys (slot byte, then the
/// term) and their positions relative to the first.
#[derive(Debug, Clone)]
struct Analysed {
    per_slot: Vec<Vec<(u32, Vec<u8>)>>,
}

impl Analysed {
    fn of(analyzer: &mut Analyzer, item: &Item) -> Analysed {
        let per_slot = (0..LANGUAGES.len() as u8)
            .map(|slot| {
                let toks = analyzer.tokens(slot, item.text());
                let first = toks.first().map_or(0, |t| t.position);
                toks.into_iter()
                    .map(|t| {
                        let mut key = vec![slot];
                        key.extend_from_slice(t.term.as_bytes());
                        (t.position - first, key)
                    })
                    .collect()
            })
            .collect();
        Analysed { per_slot }
    }

    fn is_empty(&self) -> bool {
        self.per_slot.iter().all(Vec::is_empty)
    }
}

/// A query ready to run (analysed once, searched on every keystroke or segment).
#[derive(Debug, Clone)]
pub struct Prepared {
    groups: Vec<Vec<Analysed>>,
    excluded: Vec<Analysed>,
    filters: Query,
}

/// One ranked document: its number across the index's segments, and its BM25 score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// Where a hit is: block `block`'s text, and the hit's byte range within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub block: usize,
    pub range: Range<usize>,
}

/// The segments a search runs over, each with the documents still live in it (`None`: all)
/// and the number its first document has across them.
pub struct View<'a> {
    pub segment: &'a Segment,
    pub live: Option<&'a [bool]>,
    pub base: u32,
}

impl Prepared {
    /// Analyses `query`'s words and phrases; an item with no term in any language is an error.
    pub fn new(query: &TextQuery) -> Result<Prepared, ParseError> {
        let mut analyzer = Analyzer::new();
        let mut groups = Vec::new();
        for group in &query.groups {
            let mut items = Vec::new();
            for item in group {
                let a = Analysed::of(&mut analyzer, item);
                if a.is_empty() {
                    return Err(ParseError::NothingToSearch(item.text().to_string()));
                }
                items.push(a);
            }
            groups.push(items);
        }
        let excluded = query
            .excluded
            .iter()
            .map(|i| Analysed::of(&mut analyzer, i))
            .filter(|a| !a.is_empty())
            .collect();
        Ok(Prepared {
            groups,
            excluded,
            filters: Query::parse(&query.filters),
        })
    }

    /// The field terms (`lang:`, `#theme`, ...) in the filter's form.
    pub fn filters(&self) -> &Query {
        &self.filters
    }

    /// The documents across `views` that hold every group and no excluded item and that
    /// `accept` lets through, best first, at most `limit`.
    pub fn search(
        &self,
        views: &[View<'_>],
        accept: &mut dyn FnMut(u32) -> bool,
        limit: usize,
    ) -> Vec<Hit> {
        let total: u32 = views.iter().map(|v| v.segment.n_docs()).sum();
        let n = total as usize;
        let live_docs = views
            .iter()
            .map(|v| match v.live {
                None => v.segment.n_docs() as usize,
                Some(l) => l.iter().filter(|x| **x).count(),
            })
            .sum::<usize>()
            .max(1) as f32;
        let total_len: u64 = views.iter().map(|v| v.segment.total_len()).sum();
        let avg_len = (total_len as f32 / total.max(1) as f32).max(1.0);
        let mut scores = vec![0f32; n];
        let mut groups_hit = vec![0u16; n];
        let mut matches: Vec<(u32, u32)> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let want = g as u16;
            for item in group {
                matches.clear();
                for v in views {
                    item_matches(v, item, &mut matches);
                }
                let df = matches.len() as f32;
                let idf = (1.0 + (live_docs - df + 0.5) / (df + 0.5)).ln().max(0.01);
                for &(doc, tf) in &matches {
                    let d = doc as usize;
                    // Documents that missed an earlier group are out already.
                    if groups_hit[d] < want {
                        continue;
                    }
                    let len = doc_len(views, doc) as f32;
                    let tf = tf as f32;
                    scores[d] += idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len));
                    groups_hit[d] = want + 1;
                }
            }
        }
        let need = self.groups.len() as u16;
        for item in &self.excluded {
            matches.clear();
            for v in views {
                item_matches(v, item, &mut matches);
            }
            for &(doc, _) in &matches {
                groups_hit[doc as usize] = 0;
            }
        }
        let mut hits: Vec<Hit> = Vec::new();
        for v in views {
            for ordinal in 0..v.segment.n_docs() {
                let doc = v.base + ordinal;
                if groups_hit[doc as usize] == need
                    && v.live
                        .is_none_or(|l| l.get(ordinal as usize) == Some(&true))
                    && accept(doc)
                {
                    hits.push(Hit {
                        doc,
                        score: scores[doc as usize],
                    });
                }
            }
        }
        let by_score = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc));
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, by_score);
            hits.truncate(limit);
        }
        hits.truncate(limit);
        hits.sort_by(by_score);
        hits
    }

    /// For each of `docs` (numbers across `views`), the sorted positions of every term of the
    /// query's words and phrases: where its hits can be, so a snippet analyses only the blocks
    /// that hold one. Each term's postings are walked once per segment.
    pub fn positions(&self, views: &[View<'_>], docs: &[u32]) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new(); docs.len()];
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_unstable_by_key(|&i| docs[i]);
        let mut keys: Vec<&[u8]> = Vec::new();
        for item in self.groups.iter().flatten() {
            for (_, key) in item.per_slot.iter().flatten() {
                if !keys.contains(&key.as_slice()) {
                    keys.push(key);
                }
            }
        }
        let mut buf = Vec::new();
        for v in views {
            let end = v.base + v.segment.n_docs();
            let from = order.partition_point(|&i| docs[i] < v.base);
            let to = order.partition_point(|&i| docs[i] < end);
            let wanted = &order[from..to];
            if wanted.is_empty() {
                continue;
            }
            for key in &keys {
                let Some(info) = v.segment.term(key) else {
                    continue;
                };
                let mut postings = v.segment.postings(info);
                let mut k = 0;
                while let Some((d, tf)) = postings.next_doc() {
                    let doc = v.base + d;
                    while k < wanted.len() && docs[wanted[k]] < doc {
                        k += 1;
                    }
                    let Some(&i) = wanted.get(k) else {
                        break;
                    };
                    if docs[i] == doc {
                        postings.positions(tf, &mut buf);
                        out[i].extend_from_slice(&buf);
                    }
                }
            }
        }
        for p in &mut out {
            p.sort_unstable();
            p.dedup();
        }
        out
    }

    /// The hits in `blocks` (of a document in language `lang`), at most `max`, in reading
    /// order: the first hit of each block before a second hit of any. Ranges are exact: the
    /// blocks go through the index's own analysis.
    pub fn snippets(&self, lang: &str, blocks: &[Block], max: usize) -> Vec<Snippet> {
        let slot = language_slot(lang) as usize;
        let mut per_block: Vec<Vec<Range<usize>>> = Vec::new();
        // Every word the query looks for in this language: a token that is none of them can
        // take part in no hit, so only the others are kept (their positions say what is next
        // to what), and no token is copied.
        let mut keys: Vec<&[u8]> = Vec::new();
        for item in self.groups.iter().flatten() {
            for (_, key) in &item.per_slot[slot] {
                if !keys.contains(&&key[1..]) {
                    keys.push(&key[1..]);
                }
            }
        }
        let mut toks: Vec<(u32, Range<usize>, usize)> = Vec::new();
        for block in blocks {
            toks.clear();
            let mut next = 0;
            // One analyzer per thread: its stem cache is what makes re-analysing bodies cheap.
            SNIPPET_ANALYZER.with_borrow_mut(|a| {
                a.each_token(
                    slot as u8,
                    &block.text,
                    &mut next,
                    |term, range, position| {
                        if let Some(k) = keys.iter().position(|k| *k == term.as_bytes()) {
                            toks.push((position, range, k));
                        }
                    },
                );
            });
            let key_of = |key: &[u8]| keys.iter().position(|k| *k == &key[1..]);
            let mut found: Vec<Range<usize>> = Vec::new();
            for item in self.groups.iter().flatten() {
                let want = &item.per_slot[slot];
                let Some((_, first)) = want.first() else {
                    continue;
                };
                let first = key_of(first);
                for (start, tok) in toks.iter().enumerate() {
                    if Some(tok.2) != first {
                        continue;
                    }
                    let mut end = start;
                    let ok = want[1..].iter().all(|(rel, key)| {
                        let p = tok.0 + rel;
                        match toks[end + 1..].iter().position(|t| t.0 >= p) {
                            Some(k)
                                if toks[end + 1 + k].0 == p
                                    && Some(toks[end + 1 + k].2) == key_of(key) =>
                            {
                                end += 1 + k;
                                true
                            }
                            _ => false,
                        }
                    });
                    if ok {
                        found.push(tok.1.start..toks[end].1.end);
                    }
                }
            }
            found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
            // A phrase and a word inside it: keep the longer, earlier hit.
            found.dedup_by(|later, kept| later.start < kept.end);
            per_block.push(found);
        }
        let mut out = Vec::new();
        for round in 0.. {
            let mut any = false;
            for (block, found) in per_block.iter().enumerate() {
                if let Some(range) = found.get(round) {
                    any = true;
                    if out.len() < max {
                        out.push(Snippet {
                            block,
                            range: range.clone(),
                        });
                    }
                }
            }
            if !any || out.len() >= max {
                break;
            }
        }
        out.sort_by_key(|s| (s.block, s.range.start));
        out
    }
}

fn doc_len(views: &[View<'_>], doc: u32) -> u32 {
    views
        .iter()
        .rev()
        .find(|v| v.base <= doc)
        .map_or(0, |v| v.segment.doc_len(doc - v.base))
}

/// Appends `(doc, occurrences)` for every document of `view` that holds `item`.
fn item_matches(view: &View<'_>, item: &Analysed, out: &mut Vec<(u32, u32)>) {
    let seg = view.segment;
    for terms in &item.per_slot {
        match terms.as_slice() {
            [] => {}
            [(_, key)] => {
                if let Some(info) = seg.term(key) {
                    let mut p = seg.postings(info);
                    while let Some((d, tf)) = p.next_doc() {
                        out.push((view.base + d, tf));
                    }
                }
            }
            many => phrase_matches(view, many, out),
        }
    }
}

/// The documents where the terms stand at their relative positions, and how often: the
/// terms' postings walked together, positions decoded only where all of them are.
fn phrase_matches(view: &View<'_>, terms: &[(u32, Vec<u8>)], out: &mut Vec<(u32, u32)>) {
    let seg = view.segment;
    let mut lists = Vec::with_capacity(terms.len());
    for (_, key) in terms {
        let Some(info) = seg.term(key) else {
            return;
        };
        lists.push(seg.postings(info));
    }
    let mut current: Vec<(u32, u32)> = Vec::with_capacity(lists.len());
    for p in &mut lists {
        match p.next_doc() {
            Some(d) => current.push(d),
            None => return,
        }
    }
    let mut positions: Vec<Vec<u32>> = vec![Vec::new(); lists.len()];
    loop {
        let target = current.iter().map(|c| c.0).max().unwrap_or(0);
        let mut aligned = true;
        for (p, c) in lists.iter_mut().zip(current.iter_mut()) {
            while c.0 < target {
                match p.next_doc() {
                    Some(d) => *c = d,
                    None => return,
                }
            }
            aligned &= c.0 == target;
        }
        if !aligned {
            continue;
        }
        for ((p, c), buf) in lists.iter_mut().zip(&current).zip(&mut positions) {
            p.positions(c.1, buf);
        }
        let count = positions[0]
            .iter()
            .filter(|&&p0| {
                terms
                    .iter()
                    .zip(&positions)
                    .skip(1)
                    .all(|((rel, _), pos)| pos.binary_search(&(p0 + rel)).is_ok())
            })
            .count();
        if count > 0 {
            out.push((view.base + target, count as u32));
        }
        // On to the next document of the first term.
        match lists[0].next_doc() {
            Some(d) => current[0] = d,
            None => return,
        }
    }
}
