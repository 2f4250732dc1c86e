//! The folded text buffer: every searchable text (titles with their bylines, then takeaways)
//! folded once, end to end in one string, with what a scan tests before reading a text (a char
//! mask) and what maps a match back to the original chars.

use crate::library::Corpus;

/// Every searchable text (each document's title with its byline after a line break, then
/// every takeaway), folded, end to end in one buffer: a keystroke streams through memory in
/// order instead of chasing a pointer per text, which is what a scan of a million texts is
/// bound by.
#[derive(Default)]
pub(super) struct Texts {
    pub(super) text: String,
    /// Where text `i` starts in `text`; one more entry than texts.
    pub(super) bounds: Vec<usize>,
    /// Chars present in each text, hashed into 64 bits: a term whose chars are not all there
    /// cannot match, and the test costs one AND without touching the text.
    pub(super) masks: Vec<u64>,
    pub(super) info: Vec<Info>,
    /// Char maps back to the original text, for the few texts whose fold is not one-to-one,
    /// by id (ascending).
    pub(super) maps: Vec<(u32, Box<[u32]>)>,
}

/// What a text is and where its head ends.
#[derive(Debug, Clone, Copy)]
pub(super) struct Info {
    /// Folded bytes and chars of the part positions refer to (the title, for documents);
    /// prefix, suffix and whole-text terms test this part.
    pub(super) head_len: u32,
    pub(super) head_chars: u32,
    pub(super) doc: u32,
    /// `NO_TAKEAWAY` for a document's title.
    pub(super) takeaway: u32,
}

impl Texts {
    pub(super) fn len(&self) -> usize {
        self.info.len()
    }

    /// Texts read back from their parts (see `stored`), which checked that they fit.
    pub(super) fn from_parts(
        text: String,
        bounds: Vec<usize>,
        masks: Vec<u64>,
        info: Vec<Info>,
        maps: Vec<(u32, Box<[u32]>)>,
    ) -> Texts {
        Texts {
            text,
            bounds,
            masks,
            info,
            maps,
        }
    }

    /// Folds the texts `items` names: a document's title (with its byline) or a takeaway.
    pub(super) fn fold(corpus: &Corpus, items: &[(u32, u32)]) -> Texts {
        let docs = &corpus.documents;
        let bytes: usize = items
            .iter()
            .map(|&(d, t)| {
                let d = &docs[d as usize];
                match d.takeaways.get(t as usize) {
                    Some(t) => t.text.len(),
                    None => d.title.len() + d.byline.as_ref().map_or(0, |b| b.len() + 1),
                }
            })
            .sum();
        let mut texts = Texts {
            text: String::with_capacity(bytes + bytes / 16),
            bounds: Vec::with_capacity(items.len() + 1),
            masks: Vec::with_capacity(items.len()),
            info: Vec::with_capacity(items.len()),
            maps: Vec::new(),
        };
        let mut title = String::new();
        for &(i, j) in items {
            let d = &docs[i as usize];
            if j != NO_TAKEAWAY {
                texts.push(d.takeaways[j as usize].text.chars(), None, i, j);
                continue;
            }
            title.clear();
            let (head_chars, _) = crate::query::fold::fold_into(d.title.chars(), &mut title);
            let head = Some((title.len() as u32, head_chars));
            match d.byline.as_deref().filter(|b| !b.is_empty()) {
                Some(byline) => {
                    let chars = d.title.chars().chain(['\n']).chain(byline.chars());
                    texts.push(chars, head, i, NO_TAKEAWAY);
                }
                None => texts.push(d.title.chars(), head, i, NO_TAKEAWAY),
            }
        }
        texts
    }

    /// Appends `other`'s texts after these.
    pub(super) fn append(&mut self, other: Texts) {
        let (ids, bytes) = (self.len() as u32, self.text.len());
        if self.bounds.is_empty() {
            self.bounds.push(0);
        }
        self.text.push_str(&other.text);
        self.bounds
            .extend(other.bounds.iter().skip(1).map(|b| b + bytes));
        self.masks.extend_from_slice(&other.masks);
        self.info.extend_from_slice(&other.info);
        self.maps
            .extend(other.maps.into_iter().map(|(id, m)| (id + ids, m)));
    }

    /// Folds `chars` as text number `self.len()`.
    fn push(
        &mut self,
        chars: impl Iterator<Item = char>,
        head: Option<(u32, u32)>,
        doc: u32,
        takeaway: u32,
    ) {
        let start = self.text.len();
        if self.bounds.is_empty() {
            self.bounds.push(0);
        }
        let (n, map) = crate::query::fold::fold_into(chars, &mut self.text);
        let text = &self.text[start..];
        if let Some(map) = map {
            self.maps.push((self.info.len() as u32, map));
        }
        let (head_len, head_chars) = head.unwrap_or((text.len() as u32, n));
        self.masks.push(mask_of(text));
        self.bounds.push(self.text.len());
        self.info.push(Info {
            head_len,
            head_chars,
            doc,
            takeaway,
        });
    }

    /// Text `id`, without touching its bytes yet: a mask test may settle it.
    #[inline]
    pub(super) fn get(&self, id: usize) -> Cand<'_> {
        Cand {
            all: &self.text,
            start: self.bounds[id],
            end: self.bounds[id + 1],
            mask: self.masks[id],
            info: self.info[id],
        }
    }

    /// Maps folded char positions of text `id` back to its original chars.
    pub(super) fn to_original(&self, id: usize, positions: &mut Vec<usize>) {
        let map = self
            .maps
            .binary_search_by_key(&(id as u32), |m| m.0)
            .ok()
            .map(|i| &*self.maps[i].1);
        crate::query::fold::map_to_original(map, positions);
    }
}

/// One text, as a search tests it.
#[derive(Clone, Copy)]
pub(super) struct Cand<'a> {
    all: &'a str,
    start: usize,
    end: usize,
    pub(super) mask: u64,
    pub(super) info: Info,
}

impl<'a> Cand<'a> {
    /// The folded bytes (no char-boundary checks, which would read them).
    #[inline]
    pub(super) fn bytes(&self) -> &'a [u8] {
        &self.all.as_bytes()[self.start..self.end]
    }

    pub(super) fn text(&self) -> &'a str {
        &self.all[self.start..self.end]
    }
}

/// `Info::takeaway` of a document's title.
pub(super) const NO_TAKEAWAY: u32 = u32::MAX;

#[inline]
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + c as u32 % 28),
    }
}

/// The chars of `folded`, hashed into 64 bits (see `Texts::masks`).
pub(super) fn mask_of(folded: &str) -> u64 {
    folded.chars().fold(0, |m, c| m | char_bit(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::search::Searcher;
    use crate::query::search::fixtures::{corpus, docs, picked, search, seeds_and_corpus, tk};

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
    fn texts_folded_in_parts_join_into_the_whole() {
        let c = seeds_and_corpus();
        let whole = Searcher::new(&c);
        let mut items: Vec<(u32, u32)> = (0..c.documents.len() as u32)
            .map(|i| (i, NO_TAKEAWAY))
            .collect();
        for (i, d) in c.documents.iter().enumerate() {
            items.extend((0..d.takeaways.len() as u32).map(|j| (i as u32, j)));
        }
        for cut in [0, 1, c.documents.len(), items.len() - 1] {
            let mut joined = Texts::default();
            joined.append(Texts::fold(&c, &items[..cut]));
            joined.append(Texts::fold(&c, &items[cut..]));
            let w = &whole.texts;
            assert_eq!(joined.text, w.text);
            assert_eq!(joined.bounds, w.bounds);
            assert_eq!(joined.masks, w.masks);
            let ids = |t: &Texts| t.maps.iter().map(|m| m.0).collect::<Vec<_>>();
            assert_eq!(ids(&joined), ids(w), "cut {cut}");
            assert!(
                !w.maps.is_empty(),
                "the corpus has a text whose fold is not 1:1"
            );
        }
    }
}
