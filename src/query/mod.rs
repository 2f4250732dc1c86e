//! Stand-in for the query engine, written so the dashboard can be built and tested before the
//! real engine lands. It has the real engine's API and naive behaviour: every word must occur as
//! a substring of the folded title or of one folded takeaway. Drop this file when merging.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::corpus::Corpus;

/// Lowercases and strips accents, so "Città" and "citta" compare equal.
pub fn fold(s: &str) -> String {
    s.chars().flat_map(fold_char).collect()
}

/// One character folded; may be empty (a lone combining mark) or several characters.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase()
        .flat_map(|l| std::iter::once(l).nfd())
        .filter(|c| !is_combining_mark(*c))
}

/// A parsed filter: positive words, excluded words and field terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<String>,
    excluded: Vec<String>,
    lang: Option<String>,
    themes: Vec<String>,
}

impl Query {
    /// Parses the filter bar's text; never fails (unknown syntax is matched literally).
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        for raw in input.split_whitespace() {
            if raw == "|" {
                continue;
            }
            if let Some(l) = raw.strip_prefix("lang:") {
                if !l.is_empty() {
                    q.lang = Some(fold(l));
                }
            } else if let Some(t) = raw.strip_prefix('#') {
                if !t.is_empty() {
                    q.themes.push(fold(t));
                }
            } else if let Some(w) = raw.strip_prefix('!') {
                if !w.is_empty() {
                    q.excluded.push(fold(w));
                }
            } else {
                let w = raw.trim_start_matches(['\'', '^']);
                if !w.is_empty() {
                    q.words.push(fold(w));
                }
            }
        }
        q
    }

    /// True when the query selects everything.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.excluded.is_empty()
            && self.lang.is_none()
            && self.themes.is_empty()
    }

    /// Words to highlight literally in the reader.
    pub fn highlight_words(&self) -> Vec<String> {
        self.words.clone()
    }

    /// Remarks for the status line, e.g. terms that cannot match yet.
    pub fn notes(&self) -> Vec<String> {
        if self.themes.is_empty() {
            Vec::new()
        } else {
            vec!["#themes are not available yet: they match nothing".to_string()]
        }
    }

    fn matches(&self, f: &str) -> bool {
        self.words.iter().all(|w| f.contains(w.as_str()))
            && !self.excluded.iter().any(|w| f.contains(w.as_str()))
    }
}

/// Runs queries over one corpus; keeps the folded titles and takeaways so typing does not
/// re-fold the corpus on every keystroke.
pub struct Searcher {
    titles: Vec<String>,
    takeaways: Vec<Vec<String>>,
}

impl Searcher {
    /// Prepares a searcher for `corpus`.
    pub fn new(corpus: &Corpus) -> Searcher {
        Searcher {
            titles: corpus.documents.iter().map(|d| fold(&d.title)).collect(),
            takeaways: corpus
                .documents
                .iter()
                .map(|d| d.takeaways.iter().map(|t| fold(&t.text)).collect())
                .collect(),
        }
    }

    /// Matching documents (ranked) and the matching takeaways of those documents.
    pub fn search(&mut self, corpus: &Corpus, query: &Query) -> Results {
        if self.titles.len() != corpus.documents.len() {
            *self = Searcher::new(corpus);
        }
        let mut results = Results {
            total_docs: corpus.documents.len(),
            total_takeaways: corpus.documents.iter().map(|d| d.takeaways.len()).sum(),
            ..Results::default()
        };
        for (di, d) in corpus.documents.iter().enumerate() {
            if query.lang.as_ref().is_some_and(|l| fold(&d.lang) != *l) || !query.themes.is_empty()
            {
                continue;
            }
            let title_hit = query.matches(&self.titles[di]);
            let mut hits = Vec::new();
            for (ti, t) in d.takeaways.iter().enumerate() {
                if query.matches(&self.takeaways[di][ti]) {
                    hits.push(TakeawayHit {
                        doc: di,
                        takeaway: ti,
                        score: 1,
                        positions: char_positions(&t.text, &query.words),
                    });
                }
            }
            if title_hit || !hits.is_empty() {
                results.docs.push(DocHit {
                    doc: di,
                    score: 2 * i64::from(title_hit) + hits.len() as i64,
                    title_positions: char_positions(&d.title, &query.words),
                });
                results.takeaways.extend(hits);
            }
        }
        if !query.is_empty() {
            results.docs.sort_by_key(|h| std::cmp::Reverse(h.score));
        }
        results
    }
}

/// What a search found, with totals for the status line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub docs: Vec<DocHit>,
    pub takeaways: Vec<TakeawayHit>,
    pub total_docs: usize,
    pub total_takeaways: usize,
}

/// A matching document; `title_positions` are char indices into its title.
#[derive(Debug, Clone, PartialEq)]
pub struct DocHit {
    pub doc: usize,
    pub score: i64,
    pub title_positions: Vec<usize>,
}

/// A matching takeaway; `positions` are char indices into its text.
#[derive(Debug, Clone, PartialEq)]
pub struct TakeawayHit {
    pub doc: usize,
    pub takeaway: usize,
    pub score: i64,
    pub positions: Vec<usize>,
}

fn char_positions(text: &str, words: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    for r in find_literal(text, words) {
        let start = text[..r.start].chars().count();
        let len = text[r].chars().count();
        out.extend(start..start + len);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Byte ranges of `text` where any of `words` occurs, ignoring case and accents; sorted and
/// non-overlapping.
pub fn find_literal(text: &str, words: &[String]) -> Vec<Range<usize>> {
    // Folded text plus, for each folded byte, the original char's byte range.
    let mut folded = String::new();
    let mut origin: Vec<Range<usize>> = Vec::new();
    for (i, c) in text.char_indices() {
        for f in fold_char(c) {
            folded.push(f);
            for _ in 0..f.len_utf8() {
                origin.push(i..i + c.len_utf8());
            }
        }
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for w in words {
        let w = fold(w);
        if w.is_empty() {
            continue;
        }
        for (at, m) in folded.match_indices(w.as_str()) {
            ranges.push(origin[at].start..origin[at + m.len() - 1].end);
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Città"), "citta");
    }

    #[test]
    fn finds_literal_ranges_in_original_text() {
        let t = "La città e la CITTA";
        let r = find_literal(t, &["citta".to_string()]);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].clone()], "città");
        assert_eq!(&t[r[1].clone()], "CITTA");
    }

    #[test]
    fn gcap_narrows_the_seeds() {
        let corpus = crate::corpus::seeds::bundled();
        let mut s = Searcher::new(&corpus);
        let all = s.search(&corpus, &Query::parse(""));
        assert_eq!(all.docs.len(), 2);
        let r = s.search(&corpus, &Query::parse("gcap"));
        assert_eq!(r.docs.len(), 1);
        assert_eq!(r.total_docs, 2);
    }
}
