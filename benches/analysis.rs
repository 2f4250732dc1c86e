//! Tagging and linking time at 10,000 and 100,000 takeaways.
//!
//!     cargo bench --bench analysis
//!
//! Takeaways come from a deterministic generator: English and Italian sentence templates filled
//! with the built-in lexicon's entity aliases and theme keywords, common words, figures and a
//! long tail of made-up names (so that, as in a real corpus, some concepts are rare and most
//! are common). Five takeaways make a document; links never stay inside one.

use briefdeck::analysis::links::{self, Concepts, Item};
use briefdeck::analysis::takeaway_concepts;
use briefdeck::analysis::text::Lang;
use briefdeck::analysis::themes::{BUILTIN, Lexicon, Tagger};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [10_000, 100_000];

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[(self.next() % items.len() as u64) as usize]
    }
    /// Zipf-like pick: low indices much more often, so a few concepts are everywhere.
    fn skewed<'a>(&mut self, items: &'a [String]) -> &'a str {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        let i = ((items.len() as f64).powf(u) - 1.0) as usize;
        &items[i.min(items.len() - 1)]
    }
}

struct Vocabulary {
    entities: Vec<String>,
    keywords_en: Vec<String>,
    keywords_it: Vec<String>,
    names: Vec<String>,
}

fn vocabulary() -> Vocabulary {
    let lexicon: serde_json::Value = serde_json::from_str(BUILTIN).expect("lexicon");
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(String::from))
            .collect()
    };
    let mut entities = Vec::new();
    for e in lexicon["entities"].as_array().unwrap() {
        entities.extend(strings(&e["aliases"]));
    }
    let (mut keywords_en, mut keywords_it) = (Vec::new(), Vec::new());
    for t in lexicon["themes"].as_array().unwrap() {
        keywords_en.extend(strings(&t["keywords"]["en"]));
        keywords_it.extend(strings(&t["keywords"]["it"]));
    }
    // A long tail of names no lexicon knows: programme names, places, ships.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let syllables = [
        "ka", "lo", "ri", "ta", "ven", "mar", "zu", "bel", "sor", "ni", "qua", "do",
    ];
    let names = (0..20_000)
        .map(|_| {
            let n = 2 + rng.next() % 2;
            let mut s: String = (0..n)
                .map(|_| syllables[(rng.next() % syllables.len() as u64) as usize])
                .collect();
            s[..1].make_ascii_uppercase();
            s
        })
        .collect();
    Vocabulary {
        entities,
        keywords_en,
        keywords_it,
        names,
    }
}

const EN_TEMPLATES: &[&str] = &[
    "{E} and {E} agreed to expand {K} and {K}, officials said after talks on the {N} project.",
    "The {N} agreement links {K} with {K}, giving {E} a larger role alongside {E}.",
    "Analysts expect {K} to dominate the agenda as {E} weighs {K} in the {N} talks.",
    "{E} will spend {D} billion on {K} by 2030, while {E} focuses on {K}.",
    "Without progress on {K}, the {N} initiative risks stalling and {E} may turn to {E}.",
];

const IT_TEMPLATES: &[&str] = &[
    "{E} e {E} hanno concordato di rafforzare {K} e {K}, secondo fonti vicine al dossier {N}.",
    "L'accordo {N} collega {K} e {K}, con un ruolo maggiore per {E} accanto a {E}.",
    "Gli analisti si aspettano che {K} domini l'agenda mentre {E} valuta {K} nel negoziato {N}.",
    "{E} investirà {D} miliardi in {K} entro il 2030, mentre {E} punta su {K}.",
    "Senza progressi su {K}, l'iniziativa {N} rischia di fermarsi e {E} potrebbe guardare a {E}.",
];

/// `n` takeaways as (document index, language, text); every third document is Italian.
fn generate(n: usize) -> Vec<(usize, Lang, String)> {
    let v = vocabulary();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    (0..n)
        .map(|i| {
            let doc = i / 5;
            let italian = doc % 3 == 2;
            let (templates, keywords) = if italian {
                (IT_TEMPLATES, &v.keywords_it)
            } else {
                (EN_TEMPLATES, &v.keywords_en)
            };
            let template = templates[(rng.next() % templates.len() as u64) as usize];
            let mut out = String::with_capacity(160);
            let mut rest = template;
            while let Some(p) = rest.find('{') {
                out.push_str(&rest[..p]);
                let slot = &rest[p + 1..p + 2];
                match slot {
                    "E" => out.push_str(rng.skewed(&v.entities)),
                    "K" => out.push_str(rng.pick(keywords)),
                    "N" => out.push_str(rng.skewed(&v.names)),
                    _ => out.push_str(&(rng.next() % 90 + 10).to_string()),
                }
                rest = &rest[p + 3..];
            }
            out.push_str(rest);
            let lang = if italian { Lang::It } else { Lang::En };
            (doc, lang, out)
        })
        .collect()
}

/// Tagging: entity, keyword, name and word matching plus theme scoring, from a cold cache.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn tag(bencher: divan::Bencher, n: usize) {
    let lexicon = Lexicon::builtin();
    let takeaways = generate(n);
    bencher.bench_local(|| {
        let mut tagger = Tagger::new(&lexicon);
        let mut themes = 0usize;
        for (_, lang, text) in &takeaways {
            let scan = tagger.scan(text, *lang);
            themes += tagger.themes(&scan).len();
        }
        divan::black_box(themes)
    });
}

/// Linking: concept weighting, the inverted index, candidate gathering and exact rescoring.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn link(bencher: divan::Bencher, n: usize) {
    let lexicon = Lexicon::builtin();
    let takeaways = generate(n);
    let mut tagger = Tagger::new(&lexicon);
    let mut concepts = Concepts::default();
    let items: Vec<Item> = takeaways
        .iter()
        .map(|(doc, lang, text)| {
            let scan = tagger.scan(text, *lang);
            let themes = tagger.themes(&scan);
            Item {
                doc: *doc,
                lang: *lang,
                concepts: takeaway_concepts(&tagger, &mut concepts, &scan, &themes, *lang),
            }
        })
        .collect();
    bencher.bench_local(|| {
        let all = links::link_all(&items, &concepts);
        divan::black_box(all.iter().map(Vec::len).sum::<usize>())
    });
}
