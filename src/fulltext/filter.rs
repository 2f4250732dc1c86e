//! The filter's query (the dashboard's, `briefdeck filter`'s) reaching into the documents'
//! text: which of its terms become full-text words, and the documents that match only there.
//!
//! The rules, in the README's query syntax table:
//!
//! - a plain text term (`word`, `'word`, `'word'`) that is not negated becomes a full-text word
//!   (stemmed, any case, any accents; `a\ b` is a phrase);
//! - `a | b` is an OR of the words; an alternative that cannot be searched in the text is left
//!   out of the OR, and a group with a field term in it (`lang:it | word`) is left to the
//!   fields;
//! - `!word` (also `!'word`, `!'word'`) alone in its group excludes documents whose text holds
//!   the word;
//! - `^word`, `word$` and `^word$` describe a whole title or takeaway, so they are not text
//!   words;
//! - only words with at least [`MIN_WORD_CHARS`] letters or digits count, so a half-typed
//!   single character does not flood the list; without a word left, nothing matches in text;
//! - field terms (`lang:`, `feed:`, `#theme`, `is:`) restrict the text matches as they
//!   restrict the rest ([`fields::passes_in`]).
//!
//! A text match is a document the title and takeaway filter did not list: those come first.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::analyzer::{MAX_TOKEN_BYTES, TEXT_GAP, token_count};
use super::fields;
use super::index::{Location, TextIndex, index_dir};
use super::parse::{Item, TextQuery};
use super::search::{Prepared, Snippet};
use super::segment::body_start;
use crate::ingest::sanitize::sanitize_line;
use crate::library::Corpus;
use crate::model::Document;
use crate::query::{Facts, Query, TermKind, TextMode};

/// Fewest letters or digits a filter word needs to be searched in the text.
pub const MIN_WORD_CHARS: usize = 2;

/// Most characters of context a snippet keeps before its hit.
pub const SNIPPET_BEFORE: usize = 40;

/// Most characters a snippet keeps from the start of its hit on.
pub const SNIPPET_AFTER: usize = 200;

impl TextQuery {
    /// The text words of a filter query (see the module docs); `None` when no word is left.
    pub fn from_filter(query: &Query) -> Option<TextQuery> {
        let mut out = TextQuery::default();
        for group in query.groups() {
            if let [term] = group.as_slice()
                && term.negated
            {
                if let Some(word) = text_word(&term.kind) {
                    out.excluded.push(Item::Word(word.to_string()));
                }
                continue;
            }
            if group
                .iter()
                .any(|t| !matches!(t.kind, TermKind::Text { .. }))
            {
                continue;
            }
            let words: Vec<Item> = group
                .iter()
                .filter(|t| !t.negated)
                .filter_map(|t| text_word(&t.kind))
                .map(|w| Item::Word(w.to_string()))
                .collect();
            if !words.is_empty() {
                out.groups.push(words);
            }
        }
        (!out.groups.is_empty()).then_some(out)
    }
}

/// The text of a term that can be a full-text word: a plain text term long enough to search.
fn text_word(kind: &TermKind) -> Option<&str> {
    let TermKind::Text { mode, text } = kind else {
        return None;
    };
    let plain = matches!(mode, TextMode::Fuzzy | TextMode::Exact | TextMode::Boundary);
    let alnum = text.chars().filter(|c| c.is_alphanumeric()).count();
    // A token over the analyzer's limit is never indexed: a word made only of those finds
    // nothing, so it is no word here.
    let indexable = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|t| !t.is_empty() && t.len() <= MAX_TOKEN_BYTES);
    (plain && alnum >= MIN_WORD_CHARS && indexable).then_some(text.as_str())
}

/// A filter query ready to search the text with, once per keystroke.
#[derive(Debug, Clone)]
pub struct TextFilter {
    text: TextQuery,
    prepared: Prepared,
    /// The whole filter: its field terms decide which text matches pass.
    filter: Query,
    has_fields: bool,
}

/// A document that matches in its text only.
#[derive(Debug, Clone, PartialEq)]
pub struct TextMatch {
    /// Index into `corpus.documents`.
    pub doc: usize,
    /// BM25: higher is better, comparable only within one search.
    pub score: f32,
    /// The best hit, when asked for and the body has one (a word only in the byline or the
    /// source has none).
    pub snippet: Option<Snippet>,
    /// The snippet's text, read with it (so a printer need not read the body again).
    pub snippet_text: Option<SnippetText>,
}

/// A snippet as one line of safe text around its hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetText {
    /// Sanitized, on one line; starts or ends with "…" where the block's text was cut.
    pub text: String,
    /// The hit's bytes in `text`.
    pub hit: Range<usize>,
}

impl TextFilter {
    /// The text search `query` implies; `None` when it has no text word.
    pub fn new(query: &Query) -> Option<TextFilter> {
        let text = TextQuery::from_filter(query)?;
        let prepared = Prepared::new(&text).ok()?;
        let has_fields = query
            .groups()
            .iter()
            .flatten()
            .any(|t| !matches!(t.kind, TermKind::Text { .. }));
        Some(TextFilter {
            text,
            prepared,
            filter: query.clone(),
            has_fields,
        })
    }

    /// The full-text query searched.
    pub fn text_query(&self) -> &TextQuery {
        &self.text
    }

    /// The documents of `corpus` that match in `index` but not by title or takeaway
    /// (`listed` says which did), that pass the field terms (`facts` answers themes and
    /// reading state), best first, at most `limit`; the first `snippets` of them with their
    /// best snippet.
    pub fn matches(
        &self,
        index: &TextIndex,
        corpus: &Corpus,
        facts: &dyn Facts,
        listed: &dyn Fn(usize) -> bool,
        limit: usize,
        snippets: usize,
    ) -> Vec<TextMatch> {
        let mut accept = |n: u32| {
            index.corpus_doc(n).is_some_and(|d| {
                d < corpus.documents.len()
                    && !listed(d)
                    && (!self.has_fields || fields::passes_in(&self.filter, corpus, facts, d))
            })
        };
        let found: Vec<(u32, usize, f32)> = index
            .search(&self.prepared, &mut accept, limit)
            .into_iter()
            .filter_map(|hit| index.corpus_doc(hit.doc).map(|d| (hit.doc, d, hit.score)))
            .collect();
        // Each snippet reads a body and analyses the blocks the postings put a query term in:
        // `briefdeck filter` asks for thousands, so they are found on all cores.
        let shown = &found[..snippets.min(found.len())];
        let numbers: Vec<u32> = shown.iter().map(|&(n, _, _)| n).collect();
        let positions = index.positions(&self.prepared, &numbers);
        let work: Vec<(usize, &[u32])> = shown
            .iter()
            .zip(&positions)
            .map(|(&(_, doc, _), p)| (doc, p.as_slice()))
            .collect();
        let mut snippets = crate::library::parallel_map(&work, |&(doc, positions)| {
            self.snippet_with_text(&corpus.documents[doc], Some(positions))
        })
        .into_iter();
        found
            .into_iter()
            .map(|(_, doc, score)| {
                let (snippet, snippet_text) = snippets.next().flatten().unzip();
                TextMatch {
                    doc,
                    score,
                    snippet,
                    snippet_text,
                }
            })
            .collect()
    }

    /// Every hit in `doc`'s body, in reading order (its blocks are read from the load's index
    /// when they were left there; a body that cannot be read has none).
    pub fn hits(&self, doc: &Document) -> Vec<Snippet> {
        match doc.read_blocks() {
            Ok(blocks) => self.prepared.snippets(&doc.lang, &blocks, usize::MAX),
            Err(_) => Vec::new(),
        }
    }

    /// The hit that best shows why `doc` matched: the first in the block that holds the most
    /// different query words (the first hit for a one-word query). Blocks are read in order
    /// and the search stops at a block that holds every word, so a snippet usually costs the
    /// analysis of the first few blocks, not of the whole body.
    pub fn best_snippet(&self, doc: &Document) -> Option<Snippet> {
        self.snippet_among(doc, None)
    }

    /// [`TextFilter::best_snippet`], analysing only the blocks that hold one of `positions`
    /// (the index's positions of the query's terms in `doc`, sorted) when they are known: a
    /// block without one has no hit, and after the last one none has.
    fn snippet_among(&self, doc: &Document, positions: Option<&[u32]>) -> Option<Snippet> {
        self.snippet_with_text(doc, positions).map(|(s, _)| s)
    }

    /// [`TextFilter::best_snippet`] with its text, from one reading of the body.
    pub fn best_snippet_text(&self, doc: &Document) -> Option<SnippetText> {
        self.snippet_with_text(doc, None).map(|(_, t)| t)
    }

    fn snippet_with_text(
        &self,
        doc: &Document,
        positions: Option<&[u32]>,
    ) -> Option<(Snippet, SnippetText)> {
        let blocks = doc.read_blocks().ok()?;
        let with_text = |s: Snippet| {
            let text = SnippetText::of(&blocks[s.block].text, s.range.clone());
            (s, text)
        };
        let all = self.text.positive_items().count();
        let mut best: Option<(usize, Snippet)> = None;
        let mut next = positions.map(|_| body_start(doc));
        for (b, block) in blocks.iter().enumerate() {
            if let (Some(positions), Some(next)) = (positions, next.as_mut()) {
                let start = *next;
                let len = token_count(&block.text);
                *next = start + len + TEXT_GAP;
                let first = positions.partition_point(|&p| p < start);
                match positions.get(first) {
                    None => break,
                    Some(&p) if p >= start + len => continue,
                    Some(_) => {}
                }
            }
            let hits = self
                .prepared
                .snippets(&doc.lang, std::slice::from_ref(block), usize::MAX);
            let Some(first) = hits.first() else {
                continue;
            };
            let mut words: Vec<String> = hits
                .iter()
                .map(|s| crate::query::fold(block.text.get(s.range.clone()).unwrap_or("")))
                .collect();
            words.sort();
            words.dedup();
            if best.as_ref().is_none_or(|(n, _)| words.len() > *n) {
                let snippet = Snippet {
                    block: b,
                    range: first.range.clone(),
                };
                if words.len() >= all {
                    return Some(with_text(snippet));
                }
                best = Some((words.len(), snippet));
            }
        }
        best.map(|(_, s)| with_text(s))
    }
}

impl SnippetText {
    /// The text around `range` of `text` (a block's): up to [`SNIPPET_BEFORE`] characters
    /// before it, from a word's start, and up to [`SNIPPET_AFTER`] from it on, with control
    /// characters and escape sequences removed.
    pub fn of(text: &str, range: Range<usize>) -> SnippetText {
        let range = range.start.min(text.len())..range.end.min(text.len());
        let mut start = text[..range.start]
            .char_indices()
            .rev()
            .nth(SNIPPET_BEFORE.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        if start > 0 {
            // From the next word's start, so the snippet opens on a whole word.
            if let Some(sp) = text[start..range.start].find(char::is_whitespace) {
                start += sp;
            }
        }
        let end = text[range.start..]
            .char_indices()
            .nth(SNIPPET_AFTER)
            .map_or(text.len(), |(i, _)| range.start + i)
            .max(range.end);
        let before = sanitize_line(text[start..range.start].trim_start());
        let hit = sanitize_line(&text[range.clone()]);
        let after = sanitize_line(&text[range.end..end]);
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.push_str(&before);
        let from = out.len();
        out.push_str(&hit);
        let to = out.len();
        out.push_str(after.trim_end());
        if end < text.len() {
            out.push('…');
        }
        SnippetText {
            text: out,
            hit: from..to,
        }
    }
}

/// Where the full-text index of a corpus loaded from `paths` lives: in memory for the bundled
/// seeds (no paths) or without a cache folder, else in the cache beside the load index.
pub fn location_for(paths: &[PathBuf], cache: Option<&Path>) -> Location {
    match cache {
        Some(cache) if !paths.is_empty() => {
            let roots: Vec<PathBuf> = paths
                .iter()
                .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
                .collect();
            Location::Disk(index_dir(cache, &roots))
        }
        _ => Location::Memory,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::NoFacts;

    fn w(s: &str) -> Item {
        Item::Word(s.into())
    }

    fn text(q: &str) -> Option<TextQuery> {
        TextQuery::from_filter(&Query::parse(q))
    }

    #[test]
    fn plain_words_become_text_words_and_bars_or() {
        let q = text("Taiwan 'stretto 'koizumi' cina | giappone").unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![w("taiwan")],
                vec![w("stretto")],
                vec![w("koizumi")],
                vec![w("cina"), w("giappone")],
            ]
        );
        assert!(q.excluded.is_empty());
        assert_eq!(q.filters, "");
    }

    #[test]
    fn negations_exclude_and_anchors_fields_and_short_words_are_left_out() {
        let q = text("taiwan !cina !'usa ^roma tokyo$ ^x$ lang:it #naval is:read t").unwrap();
        assert_eq!(q.groups, vec![vec![w("taiwan")]]);
        assert_eq!(q.excluded, vec![w("cina"), w("usa")]);
        // A field term in an OR leaves the group to the fields; an anchored or negated
        // alternative is dropped from the OR.
        let q = text("taiwan lang:it | ucraina ^roma | cina !x | pechino").unwrap();
        assert_eq!(
            q.groups,
            vec![vec![w("taiwan")], vec![w("cina")], vec![w("pechino")]]
        );
        // Nothing searchable: no text query.
        for q in [
            "", "t", "lang:it", "!cina", "^roma", "roma$", "a | b", "#naval x",
        ] {
            assert_eq!(text(q), None, "{q:?}");
        }
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(text(&long), None);
        // Two letters or digits are enough, wherever they are.
        assert_eq!(text("g7").unwrap().groups, vec![vec![w("g7")]]);
        assert_eq!(
            text(r"indo\ pacific").unwrap().groups,
            vec![vec![w("indo pacific")]]
        );
    }

    fn corpus() -> Corpus {
        let mut docs = Vec::new();
        for (name, body) in [
            (
                "en.md",
                "# Japan and Italy\n\nRome and Tokyo work on a fighter jet together. \
                 The partnership grows every year.\n\nTaiwan is mentioned once here, \
                 beside the strait.\n",
            ),
            (
                "it.md",
                "# Italia e Giappone\n\nUn'alleanza strategica per l'Indo-Pacifico e il Mediterraneo.\n\n\
                 La tensione nello stretto di Taiwan riguarda anche l'Europa; Taiwan torna \
                 spesso nei colloqui con Pechino.\n",
            ),
            (
                "other.md",
                "# Harbours\n\nShips and ports of the Mediterranean, nothing about Asia.\n",
            ),
        ] {
            let (mut d, _) = crate::library::documents_from_bytes(
                Path::new(name),
                body.as_bytes(),
                crate::model::Format::Markdown,
            )
            .expect("a document");
            docs.append(&mut d);
        }
        docs[1].lang = "it".into();
        docs[0].lang = "en".into();
        docs[2].lang = "en".into();
        Corpus {
            documents: docs,
            ..Corpus::default()
        }
    }

    fn search(corpus: &Corpus, q: &str, listed: &[usize]) -> Vec<TextMatch> {
        let index = TextIndex::build(&corpus.documents);
        let f = TextFilter::new(&Query::parse(q)).expect("a text query");
        f.matches(&index, corpus, &NoFacts, &|d| listed.contains(&d), 10, 10)
    }

    #[test]
    fn text_matches_skip_listed_documents_and_obey_the_fields() {
        let corpus = corpus();
        let hits = search(&corpus, "taiwan", &[]);
        let docs: Vec<usize> = hits.iter().map(|h| h.doc).collect();
        assert_eq!(docs.len(), 2);
        assert!(docs.contains(&0) && docs.contains(&1));
        // Two occurrences in a short text rank above one.
        assert_eq!(docs[0], 1, "{hits:?}");
        assert!(hits[0].score > hits[1].score);
        // Documents the title/takeaway filter listed are not text matches.
        let docs: Vec<usize> = search(&corpus, "taiwan", &[1])
            .iter()
            .map(|h| h.doc)
            .collect();
        assert_eq!(docs, vec![0]);
        // Field terms restrict, negated or not.
        let docs: Vec<usize> = search(&corpus, "lang:en taiwan", &[])
            .iter()
            .map(|h| h.doc)
            .collect();
        assert_eq!(docs, vec![0]);
        let docs: Vec<usize> = search(&corpus, "!lang:en taiwan", &[])
            .iter()
            .map(|h| h.doc)
            .collect();
        assert_eq!(docs, vec![1]);
        // Exclusions and ORs.
        let docs: Vec<usize> = search(&corpus, "taiwan !pechino", &[])
            .iter()
            .map(|h| h.doc)
            .collect();
        assert_eq!(docs, vec![0]);
        let mut docs: Vec<usize> = search(&corpus, "asia | pechino", &[])
            .iter()
            .map(|h| h.doc)
            .collect();
        docs.sort();
        assert_eq!(docs, vec![1, 2]);
        // Stemmed: "partnerships" finds "partnership".
        let docs: Vec<usize> = search(&corpus, "partnerships", &[])
            .iter()
            .map(|h| h.doc)
            .collect();
        assert_eq!(docs, vec![0]);
    }

    /// The text of `doc`'s best snippet for `q`, as the dashboard asks it.
    fn f_text(corpus: &Corpus, q: &str, doc: usize) -> Option<SnippetText> {
        TextFilter::new(&Query::parse(q))?.best_snippet_text(&corpus.documents[doc])
    }

    #[test]
    fn the_best_snippet_covers_the_word() {
        let corpus = corpus();
        let hits = search(&corpus, "taiwan", &[]);
        for h in &hits {
            let s = h.snippet.as_ref().expect("a snippet");
            let d = &corpus.documents[h.doc];
            assert_eq!(&d.blocks[s.block].text[s.range.clone()], "Taiwan");
            let st = h.snippet_text.as_ref().expect("its text");
            assert_eq!(&st.text[st.hit.clone()], "Taiwan");
            assert_eq!(f_text(&corpus, "taiwan", h.doc).as_ref(), Some(st));
        }
        // Two words: the block that holds both wins over an earlier one with one.
        let f = TextFilter::new(&Query::parse("mediterraneo | pechino | taiwan")).unwrap();
        let s = f.best_snippet(&corpus.documents[1]).unwrap();
        let block = &corpus.documents[1].blocks[s.block].text;
        assert!(block.contains("Pechino"), "{block}");
        assert_eq!(&block[s.range.clone()], "Taiwan");
        // Only the first `snippets` matches get one.
        let index = TextIndex::build(&corpus.documents);
        let f = TextFilter::new(&Query::parse("taiwan")).unwrap();
        let hits = f.matches(&index, &corpus, &NoFacts, &|_| false, 10, 1);
        assert!(hits[0].snippet.is_some() && hits[1].snippet.is_none());
        assert_eq!(f.hits(&corpus.documents[1]).len(), 2);
    }

    #[test]
    fn snippet_text_is_cut_around_the_hit_and_safe() {
        let text = format!(
            "{} the \x1b]0;evil\x07Taiwan\tstrait {}",
            "word ".repeat(30),
            "more ".repeat(60)
        );
        let at = text.find("Taiwan").unwrap();
        let s = SnippetText::of(&text, at..at + 6);
        assert_eq!(&s.text[s.hit.clone()], "Taiwan");
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(!s.text.chars().any(char::is_control), "{:?}", s.text);
        assert!(s.text[..s.hit.start].chars().count() <= SNIPPET_BEFORE + 1);
        assert!(
            s.text.starts_with("…word"),
            "opens on a whole word: {}",
            s.text
        );
        // A short block is whole.
        let s = SnippetText::of("Dall’Ucraina a Taiwan", 17..23);
        assert_eq!(s.text, "Dall’Ucraina a Taiwan");
        assert_eq!(&s.text[s.hit], "Taiwan");
    }

    #[test]
    fn snippets_found_through_the_postings_are_those_of_the_whole_body() {
        let mut corpus = corpus();
        // Texts before the body and tokens too long to index still take positions.
        let long = "q".repeat(MAX_TOKEN_BYTES + 5);
        for d in &mut corpus.documents {
            d.byline = Some(format!("By Anna Rossi-Bianchi {long}"));
            d.source = Some("Città & Co. 2025".into());
        }
        corpus.documents[2].standfirst = Some("Un'introduzione naïve: Taiwan, again".into());
        corpus.documents[0].blocks.push(crate::model::Block {
            kind: crate::model::BlockKind::Paragraph,
            text: format!("Later, {long} the fighter jet again; then Taiwan."),
        });
        let index = TextIndex::build(&corpus.documents);
        let mut late = 0;
        for q in [
            "taiwan",
            "again",
            "fighter jet",
            "\"fighter jet\"",
            "jet | taiwan",
            "pechino taiwan",
            "mediterranean",
            "citta",
            "rossi",
        ] {
            let f = TextFilter::new(&Query::parse(q)).expect("a text query");
            let hits = f.matches(&index, &corpus, &NoFacts, &|_| false, 10, 10);
            assert!(!hits.is_empty(), "{q}");
            for h in &hits {
                let whole = f.best_snippet(&corpus.documents[h.doc]);
                assert_eq!(h.snippet, whole, "{q} in document {}", h.doc);
                late += usize::from(whole.is_some_and(|s| s.block >= 2));
            }
        }
        // "again" is only in the added last block of the first document (and in the third's
        // standfirst, which is no block): the postings must place it past the long token.
        let f = TextFilter::new(&Query::parse("again")).unwrap();
        let hits = f.matches(&index, &corpus, &NoFacts, &|_| false, 10, 10);
        let mut got: Vec<(usize, Option<usize>)> = hits
            .iter()
            .map(|h| (h.doc, h.snippet.as_ref().map(|s| s.block)))
            .collect();
        got.sort();
        let last = corpus.documents[0].blocks.len() - 1;
        assert_eq!(got, vec![(0, Some(last)), (2, None)]);
        assert!(late >= 2, "some hits are in a third block: {late}");
    }

    #[test]
    fn seeds_and_no_cache_index_in_memory() {
        let cache = Path::new("/tmp/cache");
        assert_eq!(location_for(&[], Some(cache)), Location::Memory);
        assert_eq!(location_for(&[PathBuf::from("x")], None), Location::Memory);
        assert!(matches!(
            location_for(&[PathBuf::from("x")], Some(cache)),
            Location::Disk(d) if d.starts_with(cache)
        ));
    }
}
