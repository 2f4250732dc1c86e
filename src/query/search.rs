//! Matching and ranking: one `Searcher` per corpus holds the folded texts and the fuzzy matcher,
//! so a keystroke costs one pass over the texts that can still match, not a re-fold of the corpus.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::{memchr, memmem};

use super::fold::Folded;
use super::parse::{Flag, Query, Term, TermKind, TextMode};
use crate::corpus::Corpus;

/// Score of a matching exact, boundary, prefix, suffix or whole-text term: a fixed bonus about
/// the size of a good fuzzy match of a short word, so literal terms rank with fuzzy ones.
pub const LITERAL_SCORE: i64 = 100;

/// Knowledge about documents that lives outside the corpus: themes (a later analysis module)
/// and saved reading state. Until a source says it has a kind of fact, terms asking for it
/// (`#theme`, `is:read`, ...) match nothing, negated or not, and `Searcher::notes` says why.
pub trait Facts: Send {
    /// Whether theme tags exist at all.
    fn has_themes(&self) -> bool {
        false
    }
    /// The theme a `#key` term names (an id, or a unique prefix of an id or label), as an
    /// opaque index for [`Facts::has_theme`]; `None` when it names no theme or several.
    fn resolve_theme(&self, _key: &str) -> Option<usize> {
        None
    }
    /// Why `#key` selects nothing, when it names no theme or several.
    fn theme_note(&self, _key: &str) -> Option<String> {
        None
    }
    /// Whether a text carries theme `theme`: document `doc`'s title when `takeaway` is `None`,
    /// else that takeaway of the document, so `#naval` narrows the takeaways pane too.
    fn has_theme(&self, _doc: usize, _takeaway: Option<usize>, _theme: usize) -> bool {
        false
    }
    /// Whether saved state (read, starred) exists at all.
    fn has_state(&self) -> bool {
        false
    }
    /// Whether document `doc` has `flag` in the saved state.
    fn flag(&self, _doc: usize, _flag: Flag) -> bool {
        false
    }
    /// [`Facts::flag`] for one text: document `doc`'s title when `takeaway` is `None`, else that
    /// takeaway, so `is:starred` can select single takeaways. Defaults to the document's flag.
    fn flag_at(&self, doc: usize, _takeaway: Option<usize>, flag: Flag) -> bool {
        self.flag(doc, flag)
    }
}

/// The facts we have today: none.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFacts;

impl Facts for NoFacts {}

/// Ranked results of one search; every index points into the corpus the searcher was built on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Matching documents, best first: a document matches when its title (or title+byline)
    /// matches, or it holds a matching takeaway; its score is the max of those. Empty query:
    /// every document, in corpus order, score 0.
    pub docs: Vec<DocHit>,
    /// Matching takeaways of all matching documents, best first. Empty query: all takeaways in
    /// corpus order.
    pub takeaways: Vec<TakeawayHit>,
    pub total_docs: usize,
    pub total_takeaways: usize,
}

/// A matching document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocHit {
    /// Index into `corpus.documents`.
    pub doc: usize,
    pub score: i64,
    /// Char indices into the title to highlight (empty when only takeaways matched).
    pub title_positions: Vec<usize>,
}

/// A matching takeaway.
#[derive(Debug, Clone, PartialEq)]
pub struct TakeawayHit {
    /// Index into `corpus.documents`.
    pub doc: usize,
    /// Index into that document's `takeaways`.
    pub takeaway: usize,
    pub score: i64,
    /// Char indices into the takeaway text to highlight.
    pub positions: Vec<usize>,
}

impl Results {
    /// The hits of document `doc`'s takeaways, best first (what the takeaways pane shows for the
    /// selected document).
    pub fn takeaways_of(&self, doc: usize) -> impl Iterator<Item = &TakeawayHit> {
        self.takeaways.iter().filter(move |t| t.doc == doc)
    }
}

/// One searchable text: a document's title (with its byline after a line break) or a takeaway.
struct Candidate {
    folded: Folded,
    /// Chars of `folded.text` present, hashed into 64 bits: a term whose chars are not all
    /// here cannot match, and the test costs one AND.
    mask: u64,
    /// Folded bytes and chars of the part positions refer to (the title, for documents); prefix,
    /// suffix and whole-text terms test this part.
    head_len: usize,
    head_chars: usize,
    doc: u32,
    /// `NO_TAKEAWAY` for a document's title candidate.
    takeaway: u32,
}

const NO_TAKEAWAY: u32 = u32::MAX;

/// What the last search left behind for the next keystroke.
struct Last {
    query: Query,
    /// Candidates (ascending) that passed the last query's necessary conditions: a superset of
    /// what any narrower query can match.
    passed: Vec<u32>,
}

/// Finds and ranks matches of a `Query` over one corpus; build once, search per keystroke.
pub struct Searcher {
    matcher: SkimMatcherV2,
    /// Title candidates of every document (in corpus order), then every takeaway (in corpus
    /// order).
    candidates: Vec<Candidate>,
    n_docs: usize,
    /// Each document's language, folded.
    doc_langs: Vec<String>,
    /// The distinct languages, sorted (for notes).
    langs: Vec<String>,
    facts: Box<dyn Facts>,
    last: Option<Last>,
    /// Reused per candidate so the hot loop does not allocate for its own bookkeeping.
    scratch: Vec<usize>,
    best: Vec<usize>,
    positions: Vec<usize>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("candidates", &self.candidates.len())
            .field("n_docs", &self.n_docs)
            .finish_non_exhaustive()
    }
}

impl Searcher {
    /// Folds every title and takeaway of `corpus` once.
    pub fn new(corpus: &Corpus) -> Searcher {
        let n_docs = corpus.documents.len();
        let n_takeaways: usize = corpus.documents.iter().map(|d| d.takeaways.len()).sum();
        let mut candidates = Vec::with_capacity(n_docs + n_takeaways);
        for (i, d) in corpus.documents.iter().enumerate() {
            let title = Folded::new(&d.title);
            let (head_len, head_chars) = (title.text.len(), title.char_count());
            let folded = match d.byline.as_deref().filter(|b| !b.is_empty()) {
                Some(byline) => Folded::new(&format!("{}\n{byline}", d.title)),
                None => title,
            };
            candidates.push(Candidate {
                mask: mask_of(&folded.text),
                folded,
                head_len,
                head_chars,
                doc: i as u32,
                takeaway: NO_TAKEAWAY,
            });
        }
        for (i, d) in corpus.documents.iter().enumerate() {
            for (j, t) in d.takeaways.iter().enumerate() {
                let folded = Folded::new(&t.text);
                candidates.push(Candidate {
                    mask: mask_of(&folded.text),
                    head_len: folded.text.len(),
                    head_chars: folded.char_count(),
                    folded,
                    doc: i as u32,
                    takeaway: j as u32,
                });
            }
        }
        let doc_langs: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| super::fold(&d.lang))
            .collect();
        let mut langs = doc_langs.clone();
        langs.sort();
        langs.dedup();
        Searcher {
            matcher: SkimMatcherV2::default().ignore_case(),
            candidates,
            n_docs,
            doc_langs,
            langs,
            facts: Box::new(super::facts::CorpusFacts::new(corpus)),
            last: None,
            scratch: Vec::new(),
            best: Vec::new(),
            positions: Vec::new(),
        }
    }

    /// Plugs in themes and saved state; later searches use them.
    pub fn set_facts(&mut self, facts: Box<dyn Facts>) {
        self.facts = facts;
        self.last = None;
    }

    /// Notes for the status line: the query's own, less those the facts answer, plus languages
    /// no document has.
    pub fn notes(&self, query: &Query) -> Vec<String> {
        let mut notes = query.notes_with(self.facts.has_themes(), self.facts.has_state());
        for term in query.groups().iter().flatten() {
            if let TermKind::Theme(key) = &term.kind
                && let Some(note) = self.facts.theme_note(key)
                && !notes.contains(&note)
            {
                notes.push(note);
            }
        }
        let distinct = &self.langs;
        for term in query.groups().iter().flatten() {
            if let TermKind::Lang(code) = &term.kind
                && !distinct.contains(code)
            {
                let note = format!(
                    "lang:{code}: no documents in that language (there are: {})",
                    distinct.join(", ")
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        notes
    }

    /// Ranked results for `query`. When the new query only narrows the previous one (same terms
    /// with a positive text term extended, or terms added), only the texts that could still
    /// match are re-matched; the results are the same as a fresh search's.
    pub fn search(&mut self, corpus: &Corpus, query: &Query) -> Results {
        let corpus_takeaways: usize = corpus.documents.iter().map(|d| d.takeaways.len()).sum();
        if corpus.documents.len() != self.n_docs
            || corpus_takeaways != self.candidates.len() - self.n_docs
        {
            // A different corpus: start over rather than index out of bounds.
            let facts = std::mem::replace(&mut self.facts, Box::new(NoFacts));
            *self = Searcher::new(corpus);
            self.facts = facts;
        }
        let n_takeaways = self.candidates.len() - self.n_docs;
        let mut results = Results {
            total_docs: self.n_docs,
            total_takeaways: n_takeaways,
            ..Results::default()
        };
        if query.is_empty() {
            self.last = None;
            results.docs = (0..self.n_docs)
                .map(|doc| DocHit {
                    doc,
                    score: 0,
                    title_positions: Vec::new(),
                })
                .collect();
            results.takeaways = self.candidates[self.n_docs..]
                .iter()
                .map(|c| TakeawayHit {
                    doc: c.doc as usize,
                    takeaway: c.takeaway as usize,
                    score: 0,
                    positions: Vec::new(),
                })
                .collect();
            return results;
        }

        let compiled = compile(query, &*self.facts);
        let previous = self.last.take().filter(|l| narrows(&l.query, query));
        let mut passed: Vec<u32> = Vec::with_capacity(match &previous {
            Some(l) => l.passed.len(),
            None => self.candidates.len(),
        });
        let mut doc_slot: Vec<u32> = vec![u32::MAX; self.n_docs];
        let mut scan = |this: &mut Searcher, id: u32| {
            let c = &this.candidates[id as usize];
            if !compiled
                .iter()
                .all(|g| g.iter().any(|t| this.relaxed(t, c)))
            {
                return;
            }
            passed.push(id);
            let Some(score) = this.evaluate(&compiled, id as usize) else {
                return;
            };
            let c = &this.candidates[id as usize];
            let doc = c.doc as usize;
            let mut positions = std::mem::take(&mut this.positions);
            positions.sort_unstable();
            positions.dedup();
            if c.takeaway == NO_TAKEAWAY {
                positions.retain(|&p| p < c.head_chars);
                c.folded.to_original(&mut positions);
                doc_slot[doc] = results.docs.len() as u32;
                results.docs.push(DocHit {
                    doc,
                    score,
                    title_positions: positions,
                });
            } else {
                c.folded.to_original(&mut positions);
                results.takeaways.push(TakeawayHit {
                    doc,
                    takeaway: c.takeaway as usize,
                    score,
                    positions,
                });
                match doc_slot[doc] {
                    u32::MAX => {
                        doc_slot[doc] = results.docs.len() as u32;
                        results.docs.push(DocHit {
                            doc,
                            score,
                            title_positions: Vec::new(),
                        });
                    }
                    slot => {
                        let hit = &mut results.docs[slot as usize];
                        hit.score = hit.score.max(score);
                    }
                }
            }
        };
        match &previous {
            Some(last) => last.passed.iter().for_each(|&id| scan(self, id)),
            None => (0..self.candidates.len() as u32).for_each(|id| scan(self, id)),
        }
        results
            .docs
            .sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        results.takeaways.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.doc.cmp(&b.doc))
                .then(a.takeaway.cmp(&b.takeaway))
        });
        self.last = Some(Last {
            query: query.clone(),
            passed,
        });
        results
    }

    /// A cheap necessary condition for `t` to match `c`, monotone in the term's text (a longer
    /// fuzzy, exact, prefix or suffix term passes fewer candidates), so the candidates that passed
    /// one query are all that a narrower query needs to look at.
    #[inline]
    fn relaxed(&self, t: &Compiled, c: &Candidate) -> bool {
        let text = c.folded.text.as_bytes();
        match &t.test {
            Test::Fuzzy { pat, mask, nfa } => {
                c.mask & mask == *mask
                    && nfa.first_end(text).is_some()
                    && (pat.len() <= 64 || subsequence(text, pat.as_bytes()))
            }
            Test::Lit { mode, pat, mask } if !t.negated => match mode {
                TextMode::Prefix => text.starts_with(pat.as_bytes()),
                TextMode::Suffix => ends_with(c, pat),
                _ => c.mask & mask == *mask && memmem::find(text, pat.as_bytes()).is_some(),
            },
            // A negated term must be tested exactly: "contains less" is not a superset there.
            Test::Lit { .. } | Test::Field(_) => self.term_matches(t, c).is_some(),
        }
    }

    /// Score of candidate `id` against every group, or `None`; the positions of the best term of
    /// each group end up in `self.positions` (folded char indices, unsorted).
    fn evaluate(&mut self, groups: &[Vec<Compiled>], id: usize) -> Option<i64> {
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut best = std::mem::take(&mut self.best);
        self.positions.clear();
        let mut total = 0i64;
        let mut matched = true;
        for group in groups {
            let mut group_best: Option<i64> = None;
            for term in group {
                scratch.clear();
                let c = &self.candidates[id];
                let score = match &term.test {
                    Test::Fuzzy { pat, nfa, .. } => {
                        fuzzy(&self.matcher, nfa, &c.folded.text, pat, &mut scratch)
                    }
                    Test::Lit { mode, pat, .. } if !term.negated => {
                        literal_at(c, *mode, pat).map(|at| {
                            let first = c.folded.text[..at].chars().count();
                            scratch.extend(first..first + pat.chars().count());
                            LITERAL_SCORE
                        })
                    }
                    _ => self.term_matches(term, c),
                };
                if let Some(s) = score
                    && group_best.is_none_or(|b| s > b)
                {
                    group_best = Some(s);
                    std::mem::swap(&mut best, &mut scratch);
                }
            }
            match group_best {
                Some(s) => {
                    total += s;
                    self.positions.extend_from_slice(&best);
                    best.clear();
                }
                None => {
                    matched = false;
                    break;
                }
            }
        }
        self.scratch = scratch;
        self.best = best;
        matched.then_some(total)
    }

    /// Field terms and negated literals: a yes or no without positions, score 0.
    fn term_matches(&self, t: &Compiled, c: &Candidate) -> Option<i64> {
        let doc = c.doc as usize;
        let hit = match &t.test {
            Test::Lit { mode, pat, .. } => literal_at(c, *mode, pat).is_some(),
            Test::Fuzzy { .. } => unreachable!("fuzzy terms are scored by the matcher"),
            Test::Field(Field::Lang(code)) => self.doc_langs[doc] == *code,
            Test::Field(Field::Theme(theme)) => {
                let Some(theme) = theme else {
                    return None;
                };
                let takeaway = (c.takeaway != NO_TAKEAWAY).then_some(c.takeaway as usize);
                self.facts.has_theme(doc, takeaway, *theme)
            }
            Test::Field(Field::Flag(flag)) => {
                if !self.facts.has_state() {
                    return None;
                }
                let takeaway = (c.takeaway != NO_TAKEAWAY).then_some(c.takeaway as usize);
                self.facts.flag_at(doc, takeaway, *flag)
            }
            Test::Field(Field::Never) => return None,
        };
        (hit != t.negated).then_some(0)
    }
}

/// A term ready to test: borrowed text plus its char mask.
struct Compiled<'q> {
    negated: bool,
    test: Test<'q>,
}

enum Test<'q> {
    Fuzzy {
        pat: &'q str,
        mask: u64,
        nfa: WordNfa,
    },
    Lit {
        mode: TextMode,
        pat: &'q str,
        mask: u64,
    },
    Field(Field<'q>),
}

enum Field<'q> {
    Lang(&'q str),
    /// The resolved theme; `None` matches nothing.
    Theme(Option<usize>),
    Flag(Flag),
    Never,
}

fn compile<'q>(query: &'q Query, facts: &dyn Facts) -> Vec<Vec<Compiled<'q>>> {
    query
        .groups()
        .iter()
        .map(|g| {
            g.iter()
                .map(|t| Compiled {
                    negated: t.negated,
                    test: match &t.kind {
                        TermKind::Text {
                            mode: TextMode::Fuzzy,
                            text,
                        } => Test::Fuzzy {
                            pat: text,
                            mask: mask_of(text),
                            nfa: WordNfa::new(text.as_bytes()),
                        },
                        TermKind::Text { mode, text } => Test::Lit {
                            mode: *mode,
                            pat: text,
                            mask: mask_of(text),
                        },
                        TermKind::Lang(code) => Test::Field(Field::Lang(code)),
                        TermKind::Theme(key) => Test::Field(Field::Theme(facts.resolve_theme(key))),
                        TermKind::Flag(f) => Test::Field(Field::Flag(*f)),
                        TermKind::UnknownFlag(_) => Test::Field(Field::Never),
                    },
                })
                .collect()
        })
        .collect()
}

/// True when every candidate `new` can match, `old` could too (so re-matching `old`'s survivors
/// is enough): same groups in the same order, each term equal or a positive text term whose
/// text grew in a way that only narrows, plus any number of new groups at the end.
fn narrows(old: &Query, new: &Query) -> bool {
    let (old, new) = (old.groups(), new.groups());
    new.len() >= old.len()
        && old
            .iter()
            .zip(new)
            .all(|(o, n)| o.len() == n.len() && o.iter().zip(n).all(|(a, b)| term_narrows(a, b)))
}

fn term_narrows(old: &Term, new: &Term) -> bool {
    if old == new {
        return true;
    }
    match (&old.kind, &new.kind) {
        (TermKind::Text { mode: m1, text: a }, TermKind::Text { mode: m2, text: b })
            if m1 == m2 && !old.negated && !new.negated =>
        {
            match m1 {
                // Only a longer prefix: a valid match of "gcap" (initials of four words) minus
                // its "c" would skip the word "combat", so "gap" need not match where it does.
                TextMode::Fuzzy => b.starts_with(a.as_str()),
                TextMode::Exact | TextMode::Boundary | TextMode::Whole => b.contains(a.as_str()),
                TextMode::Prefix => b.starts_with(a.as_str()),
                TextMode::Suffix => b.ends_with(a.as_str()),
            }
        }
        _ => false,
    }
}

/// Where a literal term matches `c`: a byte offset into the folded text.
fn literal_at(c: &Candidate, mode: TextMode, pat: &str) -> Option<usize> {
    let text = c.folded.text.as_str();
    let head = &text[..c.head_len];
    match mode {
        TextMode::Exact => memmem::find(text.as_bytes(), pat.as_bytes()),
        TextMode::Boundary => text.match_indices(pat).map(|(i, _)| i).find(|&i| {
            !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[i + pat.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        }),
        TextMode::Prefix => text.starts_with(pat).then_some(0),
        TextMode::Suffix if head.ends_with(pat) => Some(head.len() - pat.len()),
        TextMode::Suffix => text.ends_with(pat).then(|| text.len() - pat.len()),
        TextMode::Whole => (head == pat || text == pat).then_some(0),
        TextMode::Fuzzy => unreachable!("fuzzy terms are scored by the matcher"),
    }
}

fn ends_with(c: &Candidate, pat: &str) -> bool {
    c.folded.text[..c.head_len].ends_with(pat) || c.folded.text.ends_with(pat)
}

/// Matches and scores fuzzy term `pat` on `text`.
///
/// A fuzzy match may skip the rest of a word and anything that is not a word, but never a whole
/// word: no skipped char may start one. So `gcap` finds "GCAP" and "Global Combat Air
/// Programme" but not a g, c, a and p strewn over a paragraph, which fzf's rule (chars in order,
/// anywhere) accepts for almost any short word in a long takeaway.
///
/// Like fzf's fast path for long items, it finds the first place a valid match ends, walks back
/// to the tightest start, and runs the scorer on just the words between: a few dozen chars
/// instead of a whole takeaway (the scorer's cost grows with the text's length times the
/// pattern's). Appends folded char positions to `pos`.
fn fuzzy(
    matcher: &SkimMatcherV2,
    nfa: &WordNfa,
    text: &str,
    pat: &str,
    pos: &mut Vec<usize>,
) -> Option<i64> {
    let bytes = text.as_bytes();
    let (start, end) = if pat.len() <= 64 {
        let end = nfa.first_end(bytes)?;
        let start = nfa.last_start(bytes, end);
        // Widen to whole words (stopping only at ASCII non-word bytes, so on char boundaries):
        // the scorer's bonuses for word starts need to see where words begin.
        let start = bytes[..start]
            .iter()
            .rposition(|&b| !wordish(b))
            .map_or(0, |i| i + 1);
        let end = bytes[end + 1..]
            .iter()
            .position(|&b| !wordish(b))
            .map_or(bytes.len(), |i| end + 1 + i);
        (start, end)
    } else {
        // Past 64 bytes the automaton checks the first 64 only; the scorer sees everything.
        nfa.first_end(bytes)?;
        (0, bytes.len())
    };
    // The scorer picks its best alignment in the window, which may skip a word where a valid
    // one exists (it likes "a,cCA" better than "a,Cca" for "aca"): the automaton has decided
    // the match, the scorer only ranks and highlights it.
    let (score, found) = matcher.fuzzy_indices(&text[start..end], pat)?;
    let offset = if start == 0 {
        0
    } else {
        text[..start].chars().count()
    };
    pos.extend(found.iter().map(|p| p + offset));
    Some(score)
}

/// A byte that can be inside a word: ASCII letters and digits, and any non-ASCII byte.
#[inline]
fn wordish(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A bit-parallel (Shift-And) automaton for "the bytes of the pattern occur in order and no
/// skipped byte starts a word", run in one pass over the bytes with a few instructions each.
/// A word starts at an ASCII letter or digit after a byte that is neither (nor non-ASCII):
/// folded Latin text is nearly all ASCII, and other scripts fall back to fzf's plain rule. Only
/// the first 64 bytes of a pattern take part (one bit each); longer patterns must also pass a
/// plain subsequence test.
#[derive(Debug, Clone)]
struct WordNfa {
    /// For each byte value, the pattern positions holding it, forwards and backwards.
    fwd: Box<[u64; 256]>,
    rev: Box<[u64; 256]>,
    last: u64,
}

impl WordNfa {
    fn new(pat: &[u8]) -> WordNfa {
        let pat = &pat[..pat.len().min(64)];
        let mut fwd = Box::new([0u64; 256]);
        let mut rev = Box::new([0u64; 256]);
        for (j, &b) in pat.iter().enumerate() {
            fwd[b as usize] |= 1 << j;
            rev[b as usize] |= 1 << (pat.len() - 1 - j);
        }
        WordNfa {
            fwd,
            rev,
            last: 1u64 << (pat.len().max(1) - 1),
        }
    }

    /// Index of the byte where the first valid match ends.
    #[inline]
    fn first_end(&self, text: &[u8]) -> Option<usize> {
        let mut live: u64 = 0;
        let mut prev_word = false;
        for (i, &b) in text.iter().enumerate() {
            let starts_word = b.is_ascii_alphanumeric() && !prev_word;
            prev_word = wordish(b);
            let matched = ((live << 1) | 1) & self.fwd[b as usize];
            live = if starts_word { matched } else { matched | live };
            if live & self.last != 0 {
                return Some(i);
            }
        }
        None
    }

    /// The latest start of a valid match that ends at `end` (found by `first_end`).
    fn last_start(&self, text: &[u8], end: usize) -> usize {
        let mut live: u64 = self.rev[text[end] as usize] & 1;
        if live & self.last != 0 {
            return end;
        }
        for i in (0..end).rev() {
            let b = text[i];
            let starts_word = b.is_ascii_alphanumeric() && (i == 0 || !wordish(text[i - 1]));
            let matched = (live << 1) & self.rev[b as usize];
            live = if starts_word { matched } else { matched | live };
            if live & self.last != 0 {
                return i;
            }
        }
        0
    }
}

/// Whether the bytes of `pat` occur in `hay` in order: necessary for the chars to (UTF-8 keeps
/// each char's bytes together), and memchr makes it a few vector scans.
#[inline]
fn subsequence(hay: &[u8], pat: &[u8]) -> bool {
    let mut at = 0;
    for &b in pat {
        match memchr(b, &hay[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

#[inline]
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + c as u32 % 28),
    }
}

fn mask_of(folded: &str) -> u64 {
    folded.chars().fold(0, |m, c| m | char_bit(c))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::corpus::documents_from_bytes;
    use crate::corpus::parse::Format;

    const IT: &str = "La città di Roma e il Giappone

Sara Gelmini

11 Dicembre 2025

Il ministro Crosetto ha parlato con Shinjirō Koizumi della cooperazione.

Punti chiave:
- La città eterna guarda a Tokyo.
- Straße und Œuvre sono parole straniere.
";

    const EN: &str = "Japan and Italy deepen naval ties

The navy of Japan trained with the Italian carrier Cavour in the Pacific.

Key takeaways:
- Japan is a key partner for Italy.
- GCAP is the Global Combat Air Programme.
";

    fn corpus() -> Corpus {
        let mut documents = Vec::new();
        for (name, text) in [("it.txt", IT), ("en.txt", EN)] {
            let (docs, _) = documents_from_bytes(Path::new(name), text.as_bytes(), Format::Text)
                .expect("test briefing parses");
            documents.extend(docs);
        }
        assert_eq!(documents[0].takeaways.len(), 2);
        assert_eq!(documents[1].takeaways.len(), 2);
        Corpus {
            documents,
            notices: Vec::new(),
            ..Default::default()
        }
    }

    fn search(q: &str) -> Results {
        let c = corpus();
        Searcher::new(&c).search(&c, &Query::parse(q))
    }

    /// (doc, takeaway) pairs of the takeaway hits, in rank order.
    fn tk(r: &Results) -> Vec<(usize, usize)> {
        r.takeaways.iter().map(|h| (h.doc, h.takeaway)).collect()
    }

    fn docs(r: &Results) -> Vec<usize> {
        r.docs.iter().map(|h| h.doc).collect()
    }

    /// The chars of `text` at `positions`.
    fn picked(text: &str, positions: &[usize]) -> String {
        let chars: Vec<char> = text.chars().collect();
        positions.iter().map(|&i| chars[i]).collect()
    }

    #[test]
    fn empty_query_lists_everything_in_corpus_order() {
        for q in ["", "  ", "! ' |"] {
            let r = search(q);
            assert_eq!(docs(&r), vec![0, 1]);
            assert_eq!(tk(&r), vec![(0, 0), (0, 1), (1, 0), (1, 1)]);
            assert!(
                r.docs
                    .iter()
                    .all(|h| h.score == 0 && h.title_positions.is_empty())
            );
            assert!(
                r.takeaways
                    .iter()
                    .all(|h| h.score == 0 && h.positions.is_empty())
            );
            assert_eq!((r.total_docs, r.total_takeaways), (2, 4));
        }
    }

    #[test]
    fn matching_ignores_case_and_accents_and_highlights_the_original() {
        let c = corpus();
        for q in ["citta", "CITTÀ", "Città"] {
            let r = search(q);
            assert_eq!(docs(&r), vec![0], "{q}");
            assert_eq!(
                picked(&c.documents[0].title, &r.docs[0].title_positions),
                "città"
            );
            assert_eq!(tk(&r), vec![(0, 0)]);
            let text = &c.documents[0].takeaways[0].text;
            assert_eq!(picked(text, &r.takeaways[0].positions), "città");
        }
        assert_eq!(search("Giappone"), search("giappone"));
        assert_eq!(docs(&search("giappone")), vec![0]);
    }

    #[test]
    fn multi_char_folds_map_back_to_one_original_char() {
        let c = corpus();
        let r = search("strasse");
        assert_eq!(tk(&r), vec![(0, 1)]);
        let text = &c.documents[0].takeaways[1].text;
        assert_eq!(r.takeaways[0].positions, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(picked(text, &r.takeaways[0].positions), "Straße");
        assert_eq!(tk(&search("'oeuvre")), vec![(0, 1)]);
    }

    #[test]
    fn body_text_is_not_searched_but_the_byline_is() {
        // "Crosetto" and "Cavour" appear only in bodies.
        assert!(search("crosetto").docs.is_empty());
        assert!(search("'cavour").docs.is_empty());
        let r = search("gelmini");
        assert_eq!(docs(&r), vec![0]);
        assert!(
            r.docs[0].title_positions.is_empty(),
            "byline chars are not title chars"
        );
        assert!(r.takeaways.is_empty());
    }

    #[test]
    fn a_document_matches_through_its_takeaways_with_their_best_score() {
        let r = search("gcap");
        assert_eq!(docs(&r), vec![1]);
        assert_eq!(tk(&r), vec![(1, 1)]);
        assert_eq!(r.docs[0].score, r.takeaways[0].score);
        assert!(r.docs[0].title_positions.is_empty());
    }

    #[test]
    fn ranking_is_by_score_then_corpus_order() {
        let r = search("japan");
        // The EN title and its first takeaway start with "Japan"; the IT title has no "japan".
        assert_eq!(docs(&r), vec![1]);
        assert_eq!(tk(&r), vec![(1, 0)]);
        let r = search("la");
        for w in r.takeaways.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(
                a.score > b.score
                    || (a.score == b.score && (a.doc, a.takeaway) < (b.doc, b.takeaway))
            );
        }
        for w in r.docs.windows(2) {
            assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].doc < w[1].doc));
        }
    }

    #[test]
    fn all_terms_must_match_the_same_text() {
        assert_eq!(tk(&search("japan partner")), vec![(1, 0)]);
        assert_eq!(tk(&search("japan programme")), vec![]);
        assert_eq!(docs(&search("japan programme")), Vec::<usize>::new());
    }

    #[test]
    fn exclusions_or_groups_prefix_and_suffix() {
        // `!` tests each text: the EN title survives, its GCAP takeaway does not.
        let r = search("japan | gcap !gcap");
        assert_eq!(docs(&r), vec![1]);
        assert_eq!(tk(&r), vec![(1, 0)]);
        assert_eq!(tk(&search("!'citta")), vec![(0, 1), (1, 0), (1, 1)]);
        let r = search("tokyo | gcap");
        assert_eq!(docs(&r), vec![0, 1]);
        assert_eq!(tk(&r), vec![(0, 0), (1, 1)]);
        let r = search("^la");
        assert_eq!(docs(&r), vec![0]);
        assert_eq!(r.docs[0].title_positions, vec![0, 1]);
        assert_eq!(tk(&r), vec![(0, 0)]);
        let r = search("giappone$");
        assert_eq!(docs(&r), vec![0]);
        assert!(r.takeaways.is_empty());
        assert_eq!(tk(&search("tokyo.$")), vec![(0, 0)]);
        assert_eq!(
            docs(&search("^japan and italy deepen naval ties$")),
            vec![1]
        );
        assert_eq!(tk(&search("'key'")), vec![(1, 0)]);
        assert!(
            tk(&search("'ke'")).is_empty(),
            "boundary terms need whole words"
        );
    }

    #[test]
    fn literal_terms_score_a_fixed_bonus_summed_over_terms() {
        let r = search("'japan 'partner");
        assert_eq!(r.takeaways[0].score, 2 * LITERAL_SCORE);
        let c = corpus();
        let text = &c.documents[1].takeaways[0].text;
        assert_eq!(picked(text, &r.takeaways[0].positions), "Japanpartner");
    }

    #[test]
    fn lang_field_compares_the_document_language() {
        let r = search("lang:it");
        assert_eq!(docs(&r), vec![0]);
        assert_eq!(tk(&r), vec![(0, 0), (0, 1)]);
        assert_eq!(docs(&search("lang:EN")), vec![1]);
        assert_eq!(docs(&search("!lang:en")), vec![0]);
        assert_eq!(docs(&search("lang:it | lang:en")), vec![0, 1]);
        assert_eq!(tk(&search("lang:it tokyo")), vec![(0, 0)]);
        let c = corpus();
        let s = Searcher::new(&c);
        let q = Query::parse("lang:xx");
        assert!(search("lang:xx").docs.is_empty());
        assert_eq!(
            s.notes(&q),
            vec!["lang:xx: no documents in that language (there are: en, it)"]
        );
        assert!(s.notes(&Query::parse("lang:it")).is_empty());
    }

    struct Known;
    impl Facts for Known {
        fn has_themes(&self) -> bool {
            true
        }
        fn resolve_theme(&self, key: &str) -> Option<usize> {
            ["naval", "defence"]
                .iter()
                .position(|id| id.starts_with(key))
        }
        fn has_theme(&self, doc: usize, takeaway: Option<usize>, _theme: usize) -> bool {
            // Document 1 and its first takeaway carry both themes.
            doc == 1 && matches!(takeaway, None | Some(0))
        }
        fn has_state(&self) -> bool {
            true
        }
        fn flag(&self, doc: usize, flag: Flag) -> bool {
            matches!(
                (doc, flag),
                (0, Flag::Starred) | (0, Flag::Read) | (1, Flag::Unread)
            )
        }
    }

    #[test]
    fn themes_and_state_match_nothing_without_facts() {
        let c = corpus();
        let mut s = Searcher::new(&c);
        s.set_facts(Box::new(NoFacts));
        for q in ["#naval", "!#naval", "is:starred", "!is:read", "is:bogus"] {
            let r = s.search(&c, &Query::parse(q));
            assert!(r.docs.is_empty() && r.takeaways.is_empty(), "{q}");
        }
        assert_eq!(
            s.notes(&Query::parse("#naval")),
            vec!["#naval: themes are not available yet"]
        );
        s.set_facts(Box::new(Known));
        assert!(s.notes(&Query::parse("#naval is:read")).is_empty());
        let mut run = |q: &str| docs(&s.search(&c, &Query::parse(q)));
        assert_eq!(run("#naval"), vec![1]);
        assert_eq!(run("#nav"), vec![1], "theme terms resolve prefixes");
        assert_eq!(run("#def japan"), vec![1]);
        // Exclusion drops texts, not documents: document 1's second takeaway is untagged.
        assert_eq!(run("!#naval"), vec![0, 1]);
        assert_eq!(run("is:starred"), vec![0]);
        assert_eq!(run("is:unread"), vec![1]);
        assert_eq!(run("!is:read"), vec![1]);
        assert_eq!(run("is:bogus"), Vec::<usize>::new());
        let tk = s.search(&c, &Query::parse("#naval"));
        let hits: Vec<(usize, usize)> = tk.takeaways.iter().map(|t| (t.doc, t.takeaway)).collect();
        assert_eq!(hits, vec![(1, 0)], "only the takeaway carrying the theme");
    }

    #[test]
    fn fuzzy_matches_may_not_skip_whole_words() {
        // A scattered match over a title is rejected as a whole.
        assert!(search("gcap").docs.iter().all(|h| h.doc == 1));
        assert_eq!(docs(&search("gcap")), vec![1]);
        // Initials are fine, and so is skipping the rest of a word.
        let c = corpus();
        let r = search("gcaprog");
        assert_eq!(tk(&r), vec![(1, 1)]);
        let text = &c.documents[1].takeaways[1].text;
        assert_eq!(picked(text, &r.takeaways[0].positions), "GCAProg");
        let r = search("glcoairpro");
        assert_eq!(tk(&r), vec![(1, 1)]);
        assert_eq!(picked(text, &r.takeaways[0].positions), "GlCoAirPro");
        assert!(
            search("glairpro").takeaways.is_empty(),
            "skips the word Combat"
        );
    }

    #[test]
    fn prefilter_helpers() {
        assert!(subsequence(b"japan and italy", b"jpi"));
        assert!(!subsequence(b"japan and italy", b"ijp"));
        assert!(subsequence(b"abc", b""));
        assert_eq!(mask_of("ab") & mask_of("abc"), mask_of("ab"));
    }

    #[test]
    fn narrowing_rules() {
        let n = |a: &str, b: &str| narrows(&Query::parse(a), &Query::parse(b));
        assert!(n("ja", "jap"));
        assert!(n("ja", "ja pa"));
        assert!(!n("ja", "jxa"), "only a longer prefix narrows a fuzzy term");
        assert!(n("'ja", "'xjay"));
        assert!(n("^ja", "^jap"));
        assert!(n("an$", "pan$"));
        assert!(n("lang:it ja", "lang:it jap"));
        assert!(n("a | b", "a | bc"));
        assert!(!n("ja", "j"));
        assert!(!n("a", "a | b"), "an OR widens");
        assert!(!n("!ja", "!jap"), "a longer exclusion excludes less");
        assert!(!n("ja", "'ja"));
        assert!(!n("ja pa", "ja"));
        assert!(!n("lang:it", "lang:i"));
    }

    #[test]
    fn typing_narrows_the_candidates_it_rescans() {
        let c = corpus();
        let mut s = Searcher::new(&c);
        let mut sizes = Vec::new();
        for q in ["j", "ja", "jap", "japa", "japan"] {
            s.search(&c, &Query::parse(q));
            sizes.push(s.last.as_ref().map(|l| l.passed.len()));
        }
        assert!(sizes.windows(2).all(|w| w[1] <= w[0]), "{sizes:?}");
        assert_eq!(sizes.last(), Some(&Some(2)));
    }

    #[test]
    fn a_different_corpus_rebuilds_instead_of_panicking() {
        let c = corpus();
        let mut s = Searcher::new(&c);
        s.search(&c, &Query::parse("la"));
        let mut small = c.clone();
        small.documents.truncate(1);
        let r = s.search(&small, &Query::parse("la"));
        assert_eq!((r.total_docs, r.total_takeaways), (1, 2));
        assert_eq!(docs(&r), vec![0]);
        assert_eq!(r, Searcher::new(&small).search(&small, &Query::parse("la")));
    }

    fn seeds_and_corpus() -> Corpus {
        let mut c = crate::corpus::seeds::bundled();
        c.documents.extend(corpus().documents);
        c
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Typing a query char by char gives, at every step, what a fresh search gives.
        #[test]
        fn incremental_typing_equals_fresh_search(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    " ", " | ", "!", "'", "^", "$", "ja", "pan", "it", "al", "gc", "ap", "co",
                    "t", "e", "s", "r", "o", "lang:it", "#n", "\\ ",
                ]),
                0..8,
            )
        ) {
            let q: String = pieces.concat();
            let c = seeds_and_corpus();
            let mut incremental = Searcher::new(&c);
            let mut fresh = Searcher::new(&c);
            let chars: Vec<char> = q.chars().collect();
            for n in 0..=chars.len() {
                let prefix: String = chars[..n].iter().collect();
                let query = Query::parse(&prefix);
                let a = incremental.search(&c, &query);
                fresh.last = None;
                let b = fresh.search(&c, &query);
                prop_assert_eq!(a, b, "query {:?}", prefix);
            }
        }

        /// Any sequence of queries (edits, deletions, rewrites) gives what fresh searches give.
        #[test]
        fn any_query_sequence_equals_fresh_search(
            qs in proptest::collection::vec("(lang:it |!|')?[jaipntcgo]{0,5}( [|^]?[jaipntcgo]{1,4}\\$?)?", 1..6)
        ) {
            let c = seeds_and_corpus();
            let mut incremental = Searcher::new(&c);
            for q in &qs {
                let query = Query::parse(q);
                let a = incremental.search(&c, &query);
                let b = Searcher::new(&c).search(&c, &query);
                prop_assert_eq!(a, b, "query {:?}", q);
            }
        }
    }
}

#[cfg(test)]
mod nfa_tests {
    use super::*;
    use proptest::prelude::*;

    /// The word rule on chars, the way a person states it: whether a fuzzy match (ascending char `positions` in `text`) skips no whole word: between
    /// two matched chars it may pass over the rest of a word and anything that is not a word, but no
    /// skipped char may start a word. So `gcap` finds "GCAP" and "Global Combat Air Programme" but
    /// not a g, c, a and p strewn over a paragraph, which fzf's rule (chars in order, anywhere)
    /// accepts for almost any short word in a long takeaway.
    fn skips_no_word(text: &str, positions: &[usize]) -> bool {
        let (Some(&first), Some(&last)) = (positions.first(), positions.last()) else {
            return true;
        };
        let mut matched = positions.iter().peekable();
        let mut prev_word = false;
        for (i, c) in text.chars().enumerate().take(last + 1) {
            let word = c.is_alphanumeric();
            let is_match = matched.next_if_eq(&&i).is_some();
            if i > first && !is_match && word && !prev_word {
                return false;
            }
            prev_word = word;
        }
        true
    }

    /// Every way `pat` occurs in order in `text` (char positions), by brute force.
    fn alignments(
        text: &[char],
        pat: &[char],
        from: usize,
        out: &mut Vec<Vec<usize>>,
        cur: &mut Vec<usize>,
    ) {
        if cur.len() == pat.len() {
            out.push(cur.clone());
            return;
        }
        for i in from..text.len() {
            if text[i] == pat[cur.len()] {
                cur.push(i);
                alignments(text, pat, i + 1, out, cur);
                cur.pop();
            }
        }
    }

    #[test]
    fn the_char_rule_in_words() {
        let text = "global combat air programme";
        // g-c-a-p on word starts: every skipped char is inside a word or a space.
        assert!(skips_no_word(text, &[0, 7, 14, 18]));
        // Skipping "combat" entirely (its first char) is not allowed.
        assert!(!skips_no_word(text, &[0, 14]));
        assert!(skips_no_word("crosetto", &[0, 1, 3, 5, 6, 7]));
        assert!(skips_no_word("", &[]));
        // What comes before the first matched char is not skipped.
        assert!(skips_no_word("ab cd", &[3]));
    }

    #[test]
    fn nfa_finds_the_first_valid_end_and_its_tightest_start() {
        let nfa = WordNfa::new(b"gcap");
        let text = b"the global combat air programme; gcap";
        assert_eq!(nfa.first_end(text), Some(22));
        assert_eq!(nfa.last_start(text, 22), 4);
        // Strewn letters that skip whole words do not count.
        assert_eq!(WordNfa::new(b"gcap").first_end(b"go to cat and play"), None);
        assert_eq!(WordNfa::new(b"ab").first_end(b"a xb ab"), Some(6));
        assert_eq!(WordNfa::new(b"ab").last_start(b"a xb ab", 6), 5);
        assert_eq!(WordNfa::new(b"a").first_end(b"xyz a"), Some(4));
        assert_eq!(WordNfa::new(b"a").last_start(b"xyz a", 4), 4);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// On ASCII, the automaton accepts exactly when some alignment obeys the char rule,
        /// its start..end holds one, and the windowed scorer then always finds a match.
        #[test]
        fn nfa_is_the_char_rule(text in "[abc ,-]{0,16}", pat in "[abc-]{1,4}") {
            let chars: Vec<char> = text.chars().collect();
            let p: Vec<char> = pat.chars().collect();
            let mut all = Vec::new();
            alignments(&chars, &p, 0, &mut all, &mut Vec::new());
            let valid: Vec<&Vec<usize>> =
                all.iter().filter(|a| skips_no_word(&text, a)).collect();
            let nfa = WordNfa::new(pat.as_bytes());
            let end = nfa.first_end(text.as_bytes());
            prop_assert_eq!(end.is_some(), !valid.is_empty());
            if let Some(end) = end {
                prop_assert_eq!(Some(end), valid.iter().map(|a| a[a.len() - 1]).min());
                let start = nfa.last_start(text.as_bytes(), end);
                let tightest = valid
                    .iter()
                    .filter(|a| a[a.len() - 1] == end)
                    .map(|a| a[0])
                    .max();
                prop_assert_eq!(Some(start), tightest);
            }
            let matcher = SkimMatcherV2::default().ignore_case();
            let windowed = fuzzy(&matcher, &nfa, &text, &pat, &mut Vec::new());
            prop_assert_eq!(windowed.is_some(), end.is_some());
        }
    }
}
