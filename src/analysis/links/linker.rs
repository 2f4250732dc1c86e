//! The linking itself: rarity weights, an inverted index visited rarest concept first under a
//! budget, exact rescoring of the best candidates, and the explanation of each link kept.

use super::concepts::{ConceptKind, Concepts, Item};
use super::store::{Link, Shared};
use crate::analysis::text::Lang;

/// At most this many links per takeaway.
pub const MAX_LINKS: usize = 5;
/// Links scoring below this are noise (one shared common word, one broad theme).
pub const MIN_SCORE: f32 = 0.15;
/// Concepts held by more takeaways than this do not generate candidates.
pub const MAX_POSTINGS: usize = 1_000;
/// Postings visited per takeaway while gathering candidates.
const VISIT_BUDGET: usize = 2_000;
/// Candidates rescored exactly per takeaway. The estimate already counts every shared concept
/// but the very common ones, which weigh little, so a few times [`MAX_LINKS`] is enough.
const RESCORE: usize = 20;

/// Links for every item, computed from its concepts. Deterministic.
pub fn link_all(items: &[Item], concepts: &Concepts) -> Vec<Vec<Link>> {
    let n = items.len();
    if n == 0 {
        return Vec::new();
    }
    // Sorted, de-duplicated concept lists and document frequencies.
    let sets: Vec<Vec<u32>> = items
        .iter()
        .map(|it| {
            let mut c = it.concepts.clone();
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    let mut df = vec![0u32; concepts.len()];
    for s in &sets {
        for &c in s {
            df[c as usize] += 1;
        }
    }
    let weight: Vec<f32> = (0..concepts.len())
        .map(|c| {
            let idf = (1.0 + n as f32 / df[c].max(1) as f32).ln();
            concepts.kind(c as u32).weight() * idf
        })
        .collect();
    // Two norms per takeaway. Words no other takeaway holds are left out: a one-off word (a
    // rare inflection, a typo) cannot be shared and would only dilute every score, while a
    // one-off entity, name or theme is real content that a link should be judged against.
    // Pairs in one language use everything. Pairs across languages can never share words, yet
    // their words would have matched in translation: ignoring them would inflate those scores
    // above same-language ones, counting them fully would bury every cross-language link, so
    // they count half.
    let norm = |s: &Vec<u32>, word_share: f32| {
        s.iter()
            .filter(|&&c| df[c as usize] >= 2 || concepts.kind(c) != ConceptKind::Word)
            .map(|&c| {
                let w2 = weight[c as usize].powi(2);
                if concepts.kind(c) == ConceptKind::Word {
                    word_share * w2
                } else {
                    w2
                }
            })
            .sum::<f32>()
            .sqrt()
    };
    let norms: Vec<[f32; 2]> = sets.iter().map(|s| [norm(s, 1.0), norm(s, 0.5)]).collect();
    // Inverted index of concepts shared by at least two takeaways and not too common.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); concepts.len()];
    for (i, s) in sets.iter().enumerate() {
        for &c in s {
            let d = df[c as usize] as usize;
            if (2..=MAX_POSTINGS).contains(&d) {
                postings[c as usize].push(i as u32);
            }
        }
    }
    let docs: Vec<u32> = items.iter().map(|it| it.doc as u32).collect();
    let langs: Vec<Lang> = items.iter().map(|it| it.lang).collect();
    let ctx = Ctx {
        items,
        docs: &docs,
        langs: &langs,
        df: &df,
        sets: &sets,
        weight: &weight,
        norms: &norms,
        postings: &postings,
        concepts,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, 8);
    if threads == 1 || n < 2_000 {
        let mut acc = Accumulator::new(n);
        return (0..n).map(|i| ctx.links_of(i, &mut acc)).collect();
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let ctx = &ctx;
                scope.spawn(move || {
                    let mut acc = Accumulator::new(n);
                    (t * chunk..((t + 1) * chunk).min(n))
                        .map(|i| ctx.links_of(i, &mut acc))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("linker thread panicked"))
            .collect()
    })
}

struct Ctx<'a> {
    items: &'a [Item],
    /// Compact copies of each item's document and language for the hot loops.
    docs: &'a [u32],
    langs: &'a [Lang],
    df: &'a [u32],
    sets: &'a [Vec<u32>],
    weight: &'a [f32],
    /// [same-language norm, cross-language norm] per takeaway.
    norms: &'a [[f32; 2]],
    postings: &'a [Vec<u32>],
    concepts: &'a Concepts,
}

/// Dense score accumulator reused across takeaways: no hashing in the inner loop.
struct Accumulator {
    score: Vec<f32>,
    touched: Vec<u32>,
    /// The candidates' [`descending_key`]s.
    keys: Vec<u64>,
}

impl Accumulator {
    fn new(n: usize) -> Self {
        Accumulator {
            score: vec![0.0; n],
            touched: Vec::new(),
            keys: Vec::new(),
        }
    }
}

/// `(estimate, b)` as an integer whose ascending order is `estimate` descending by
/// `f32::total_cmp`, then `b` ascending: the high half is the estimate's bits mapped so that
/// unsigned order is IEEE total order (negatives flipped whole, positives with the sign bit
/// set), then inverted for descending order; the low half is `b`.
fn descending_key(estimate: f32, b: u32) -> u64 {
    let bits = estimate.to_bits();
    let ascending = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 0x8000_0000
    };
    (u64::from(!ascending) << 32) | u64::from(b)
}

impl Ctx<'_> {
    fn links_of(&self, a: usize, acc: &mut Accumulator) -> Vec<Link> {
        let set = &self.sets[a];
        if set.is_empty() || self.norms[a] == [0.0, 0.0] {
            return Vec::new();
        }
        // Rarest (heaviest) concepts first, so the visit budget goes where evidence is.
        let mut order: Vec<u32> = set
            .iter()
            .copied()
            .filter(|&c| !self.postings[c as usize].is_empty())
            .collect();
        order.sort_by(|x, y| {
            self.weight[*y as usize]
                .total_cmp(&self.weight[*x as usize])
                .then(x.cmp(y))
        });
        let doc = self.docs[a];
        let mut visited = 0usize;
        for c in order {
            let w2 = self.weight[c as usize].powi(2);
            for &b in &self.postings[c as usize] {
                let b = b as usize;
                if self.docs[b] == doc {
                    continue;
                }
                if acc.score[b] == 0.0 {
                    acc.touched.push(b as u32);
                }
                acc.score[b] += w2;
            }
            visited += self.postings[c as usize].len();
            if visited >= VISIT_BUDGET {
                break;
            }
        }
        // Each candidate as one integer that sorts by estimate (highest first), then index:
        // selecting among plain integers is several times cheaper than through a comparator of
        // floats, and the order is the same total order (see `descending_key`).
        let mut cands = std::mem::take(&mut acc.keys);
        cands.clear();
        cands.extend(acc.touched.drain(..).map(|b| {
            let s = acc.score[b as usize];
            acc.score[b as usize] = 0.0;
            let d = self.denominator(a, b as usize);
            descending_key(if d > 0.0 { s / d } else { 0.0 }, b)
        }));
        if cands.len() > RESCORE {
            // Partial selection: sorting thousands of touched candidates would dominate.
            cands.select_nth_unstable(RESCORE);
            cands.truncate(RESCORE);
        }
        let mut scored: Vec<(f32, usize)> = cands
            .iter()
            .filter_map(|&key| {
                let b = key as u32 as usize;
                self.exact_score(a, b)
                    .filter(|s| *s >= MIN_SCORE)
                    .map(|s| (s, b))
            })
            .collect();
        acc.keys = cands;
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        scored.truncate(MAX_LINKS);
        scored
            .into_iter()
            .map(|(score, b)| self.explain(a, b, score))
            .collect()
    }

    /// The cosine denominator of a pair: norms over what the two can share.
    fn denominator(&self, a: usize, b: usize) -> f32 {
        let k = usize::from(self.langs[a] != self.langs[b]);
        self.norms[a][k] * self.norms[b][k]
    }

    /// Concepts of `a` and `b` in common (both lists are sorted).
    fn shared_ids(&self, a: usize, b: usize) -> impl Iterator<Item = u32> + '_ {
        let (x, y) = (&self.sets[a], &self.sets[b]);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < x.len() && j < y.len() {
                match x[i].cmp(&y[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        i += 1;
                        j += 1;
                        return Some(x[i - 1]);
                    }
                }
            }
            None
        })
    }

    /// The exact score over all shared concepts (common ones included), or `None` when the
    /// pair lacks evidence. Allocation-free: it runs for every rescored candidate.
    fn exact_score(&self, a: usize, b: usize) -> Option<f32> {
        let denom = self.denominator(a, b);
        if denom == 0.0 {
            return None;
        }
        // Shared themes say two claims are on the same subject, and a concept most takeaways
        // hold ("Italy" in an Italian corpus) says nothing: only distinctive concepts count as
        // evidence. One shared generic word ("remain", "costs") is chance; an entity, a name or
        // two words are evidence.
        let n = self.items.len();
        let (mut sum, mut strong, mut words) = (0.0f32, 0usize, 0usize);
        for c in self.shared_ids(a, b) {
            sum += self.weight[c as usize].powi(2);
            let kind = self.concepts.kind(c);
            let distinctive =
                kind != ConceptKind::Theme && (n < 10 || 2 * self.df[c as usize] as usize <= n);
            if distinctive {
                if kind == ConceptKind::Word {
                    words += 1;
                } else {
                    strong += 1;
                }
            }
        }
        (strong > 0 || words >= 2).then(|| (sum / denom).min(1.0))
    }

    /// The link with its explanation: one line per label (an entity and a theme can both be
    /// "Mediterranean"), strongest first; contributions under 5% of the score explain nothing
    /// and are left out.
    fn explain(&self, a: usize, b: usize, score: f32) -> Link {
        let denom = self.denominator(a, b);
        let mut merged: Vec<Shared> = Vec::new();
        for c in self.shared_ids(a, b) {
            let kind = self.concepts.kind(c);
            let label = self.concepts.label(c);
            let weight = self.weight[c as usize].powi(2) / denom;
            match merged.iter_mut().find(|m| m.label == label) {
                Some(m) => {
                    if weight > m.weight {
                        m.kind = kind;
                    }
                    m.weight += weight;
                }
                None => merged.push(Shared {
                    kind,
                    label: crate::model::Interned::new(label),
                    weight,
                }),
            }
        }
        merged.sort_by(|p, q| {
            q.weight
                .total_cmp(&p.weight)
                .then(p.kind.cmp(&q.kind))
                .then(p.label.cmp(&q.label))
        });
        let floor = 0.05 * score;
        let shared = merged
            .into_iter()
            .enumerate()
            .filter(|(i, s)| *i == 0 || s.weight >= floor)
            .map(|(_, mut s)| {
                s.weight = round3(s.weight);
                s
            })
            .collect();
        Link {
            target: b,
            score: round3(score),
            shared,
        }
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::ConceptKey;
    use rustc_hash::FxHashMap as HashMap;

    #[test]
    fn descending_keys_sort_like_the_estimate_comparator() {
        let values = [
            0.0,
            -0.0,
            1.0,
            0.5,
            -1.0,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            -f32::NAN,
            1e-30,
        ];
        let mut pairs: Vec<(f32, u32)> = Vec::new();
        for (i, &v) in values.iter().enumerate() {
            pairs.push((v, i as u32));
            pairs.push((v, 100 + i as u32));
        }
        let mut by_comparator = pairs.clone();
        by_comparator.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut by_key = pairs;
        by_key.sort_by_key(|&(v, b)| descending_key(v, b));
        let bits = |p: &[(f32, u32)]| p.iter().map(|&(v, b)| (v.to_bits(), b)).collect::<Vec<_>>();
        assert_eq!(bits(&by_key), bits(&by_comparator));
    }

    /// Builds items from (doc, [(key, label)]) with readable keys.
    fn setup(spec: &[(usize, &[(&str, &str)])]) -> (Vec<Item>, Concepts) {
        let mut concepts = Concepts::default();
        let mut names: HashMap<String, u32> = HashMap::default();
        let items = spec
            .iter()
            .map(|(doc, cs)| Item {
                doc: *doc,
                lang: if cs.iter().any(|(k, _)| *k == "w-it") {
                    Lang::It
                } else {
                    Lang::En
                },
                concepts: cs
                    .iter()
                    .map(|(kind, label)| {
                        let next = names.len() as u32;
                        let n = *names.entry(format!("{kind}:{label}")).or_insert(next);
                        let key = match *kind {
                            "e" => ConceptKey::Entity(n as usize),
                            "t" => ConceptKey::Theme(n as usize),
                            "n" => ConceptKey::Name(n),
                            "w-en" => ConceptKey::Word(Lang::En, n),
                            "w-it" => ConceptKey::Word(Lang::It, n),
                            _ => unreachable!(),
                        };
                        concepts.id(key, || label.to_string())
                    })
                    .collect(),
            })
            .collect();
        (items, concepts)
    }

    fn labels(link: &Link) -> Vec<&str> {
        link.shared.iter().map(|s| s.label.as_str()).collect()
    }

    #[test]
    fn rare_shared_entity_outweighs_common_one_and_explains_itself() {
        // Every takeaway mentions Italy; only two mention GCAP.
        let mut spec: Vec<(usize, &[(&str, &str)])> = vec![
            (
                0,
                &[
                    ("e", "Italy"),
                    ("e", "GCAP"),
                    ("e", "Japan"),
                    ("t", "Defence industry"),
                ],
            ),
            (1, &[("e", "Italy"), ("e", "GCAP"), ("w-it", "caccia")]),
            (2, &[("e", "Italy"), ("e", "Japan"), ("w-en", "tariffs")]),
            (3, &[("e", "Italy"), ("w-en", "gas")]),
            (4, &[("e", "Italy"), ("w-en", "migration")]),
        ];
        // A larger corpus about Italy, so that "Italy" is common and weighs little.
        let filler: Vec<(usize, Vec<(&str, &str)>)> =
            (5..14).map(|d| (d, vec![("e", "Italy")])).collect();
        spec.extend(filler.iter().map(|(d, c)| (*d, &c[..])));
        let (items, concepts) = setup(&spec);
        let links = link_all(&items, &concepts);
        let from0 = &links[0];
        assert_eq!(from0[0].target, 1, "{from0:?}");
        assert_eq!(labels(&from0[0]), ["GCAP", "Italy"]);
        assert!(from0[0].shared[0].weight > 5.0 * from0[0].shared[1].weight);
        let total: f32 = from0[0].shared.iter().map(|s| s.weight).sum();
        assert!(
            (total - from0[0].score).abs() < 0.01,
            "explanation adds up to the score"
        );
        // Sharing only the ubiquitous "Italy" is not a link.
        assert!(links[3].is_empty(), "{:?}", links[3]);
    }

    #[test]
    fn never_within_one_document_and_at_most_five() {
        let spec: Vec<(usize, &[(&str, &str)])> = (0..8)
            .map(|i| (i % 7, &[("n", "Cavour"), ("n", "Lobito")][..]))
            .collect();
        let (items, concepts) = setup(&spec);
        let links = link_all(&items, &concepts);
        for (i, ls) in links.iter().enumerate() {
            assert!(ls.len() <= MAX_LINKS);
            assert!(ls.iter().all(|l| items[l.target].doc != items[i].doc));
        }
        assert_eq!(links[0].len(), MAX_LINKS);
    }

    #[test]
    fn words_link_only_within_a_language_and_themes_alone_never() {
        let (items, concepts) = setup(&[
            (
                0,
                &[("w-en", "frigate"), ("w-en", "escort"), ("t", "Naval")],
            ),
            (
                1,
                &[("w-it", "frigate"), ("w-it", "escort"), ("t", "Naval")],
            ),
            (
                2,
                &[("w-en", "frigate"), ("w-en", "escort"), ("t", "Naval")],
            ),
            (3, &[("t", "Energy"), ("w-en", "costs")]),
            (4, &[("t", "Energy"), ("w-en", "costs")]),
        ]);
        let links = link_all(&items, &concepts);
        let targets: Vec<usize> = links[0].iter().map(|l| l.target).collect();
        assert_eq!(targets, [2], "the Italian stems are different concepts");
        assert_eq!(labels(&links[0][0]), ["escort", "frigate", "Naval"]);
        assert!(links[1].is_empty(), "only a theme in common");
        assert!(
            links[3].is_empty(),
            "a theme and one generic word are not evidence"
        );
    }

    #[test]
    fn deterministic_and_symmetric_scores() {
        let (items, concepts) = setup(&[
            (0, &[("e", "Japan"), ("n", "Cavour"), ("w-en", "carrier")]),
            (1, &[("e", "Japan"), ("n", "Cavour"), ("w-it", "portaerei")]),
            (2, &[("e", "China"), ("w-en", "carrier")]),
        ]);
        let a = link_all(&items, &concepts);
        assert_eq!(a, link_all(&items, &concepts));
        let ab = a[0].iter().find(|l| l.target == 1).unwrap().score;
        let ba = a[1].iter().find(|l| l.target == 0).unwrap().score;
        assert_eq!(ab, ba);
    }
}
