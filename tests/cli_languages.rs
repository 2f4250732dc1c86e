//! French, German and Spanish briefings through the real binary (issue 15): the evaluation
//! fixtures `tests/fixtures/eval/{fr,de,es}-*.md` and the cross-language set
//! `tests/fixtures/languages/` (three articles on Italy–Japan defence cooperation, one per
//! language, and two unrelated ones on vineyards and football).
//!
//! The expected values below are what the fixtures say: each file's language, date (written in
//! the language's own form), title and the label of its takeaway list; the bullets expected
//! back are read from the file under that label, as written. Every run uses a fresh XDG home
//! (`tests/common/cli.rs`), so no index or state of the user's is read.

#[path = "common/cli.rs"]
mod cli;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use cli::Home;
use serde_json::Value;

/// What a fixture says about itself.
struct Fixture {
    /// Folder under `tests/fixtures`.
    dir: &'static str,
    file: &'static str,
    lang: &'static str,
    /// ISO form of the date the fixture writes in its language.
    date: &'static str,
    title: &'static str,
    /// The line that introduces the takeaway list, exactly as in the file (a `## ` heading or
    /// a paragraph).
    label: &'static str,
}

const fn fx(
    dir: &'static str,
    file: &'static str,
    lang: &'static str,
    date: &'static str,
    title: &'static str,
    label: &'static str,
) -> Fixture {
    Fixture {
        dir,
        file,
        lang,
        date,
        title,
        label,
    }
}

const FIXTURES: &[Fixture] = &[
    // French: "11 décembre 2025"; the space before the colon is French typography.
    fx(
        "eval",
        "fr-defense-europeenne.md",
        "fr",
        "2025-12-11",
        "Défense européenne : l'heure des commandes communes",
        "Points clés :",
    ),
    fx(
        "eval",
        "fr-nucleaire-epr.md",
        "fr",
        "2026-03-03",
        "Nucléaire : la relance des EPR2 suspendue au financement",
        "À retenir :",
    ),
    fx(
        "eval",
        "fr-mer-rouge-fret.md",
        "fr",
        "2026-01-27",
        "Mer Rouge : les armateurs ne reviennent pas à Suez",
        "## L'essentiel",
    ),
    fx(
        "eval",
        "fr-spatial-ariane.md",
        "fr",
        "2025-11-19",
        "Spatial : l'Europe veut garder son accès autonome à l'orbite",
        "Ce qu'il faut retenir :",
    ),
    // German: "11. Dezember 2025".
    fx(
        "eval",
        "de-halbleiter-dresden.md",
        "de",
        "2025-12-11",
        "Chipfabriken in Sachsen: Europas teure Wette auf Halbleiter",
        "## Das Wichtigste in Kürze",
    ),
    fx(
        "eval",
        "de-bundeswehr-beschaffung.md",
        "de",
        "2026-02-04",
        "Bundeswehr: Schneller beschaffen, aber wie?",
        "Kernaussagen:",
    ),
    fx(
        "eval",
        "de-wasserstoff-netz.md",
        "de",
        "2025-10-23",
        "Wasserstoff: Das Kernnetz steht, die Kunden fehlen",
        "Auf einen Blick",
    ),
    fx(
        "eval",
        "de-asyl-reform.md",
        "de",
        "2026-03-02",
        "Asylreform: Was das neue europäische System in Deutschland verändert",
        "Zusammenfassung:",
    ),
    // Spanish: "11 de diciembre de 2025".
    fx(
        "eval",
        "es-migracion-canarias.md",
        "es",
        "2025-12-11",
        "Canarias, frontera sur: la ruta atlántica pone a prueba el reparto de menores",
        "Puntos clave:",
    ),
    fx(
        "eval",
        "es-litio-minerales.md",
        "es",
        "2026-01-14",
        "Litio y tierras raras: España busca su sitio en la carrera por los minerales críticos",
        "Claves",
    ),
    fx(
        "eval",
        "es-renovables-red.md",
        "es",
        "2025-11-05",
        "Renovables: la red eléctrica, el cuello de botella de la transición",
        "En resumen:",
    ),
    fx(
        "eval",
        "es-defensa-gasto.md",
        "es",
        "2025-06-20",
        "Gasto en defensa: España, entre la presión de la OTAN y los límites del presupuesto",
        "## Lo esencial",
    ),
    // The cross-language set.
    fx(
        "languages",
        "fr-italie-japon-gcap.md",
        "fr",
        "2025-12-09",
        "Italie et Japon, un partenariat de défense qui prend de l'altitude",
        "Points clés :",
    ),
    fx(
        "languages",
        "de-italien-japan-gcap.md",
        "de",
        "2025-12-10",
        "Italien und Japan: Ein Kampfjet als Kern einer neuen Partnerschaft",
        "## Das Wichtigste in Kürze",
    ),
    fx(
        "languages",
        "es-italia-japon-gcap.md",
        "es",
        "2025-12-12",
        "Italia y Japón sellan una alianza de defensa en torno al caza del futuro",
        "Puntos clave:",
    ),
    fx(
        "languages",
        "fr-vignes-secheresse.md",
        "fr",
        "2025-09-02",
        "Dans les vignes du Languedoc, la sécheresse redessine les vendanges",
        "À retenir :",
    ),
    fx(
        "languages",
        "de-bundesliga-heimspiel.md",
        "de",
        "2025-11-15",
        "Ausverkauft im Regen: Wie ein Aufsteiger die Bundesliga aufmischt",
        "Auf einen Blick",
    ),
];

/// The Italy–Japan articles, which must link to the seeds.
const GCAP_ARTICLES: &[&str] = &[
    "fr-italie-japon-gcap.md",
    "de-italien-japan-gcap.md",
    "es-italia-japon-gcap.md",
];

/// The unrelated articles, which must link to nothing and nothing to them.
const UNRELATED: &[&str] = &["fr-vignes-secheresse.md", "de-bundesliga-heimspiel.md"];

/// Closing verdicts written into three eval fixtures: (file, label, the paragraph). A label
/// followed by a colon may be left out of the takeaway, as "The bottom line:" is.
const BOTTOM_LINES: &[(&str, &str, &str)] = &[
    (
        "fr-defense-europeenne.md",
        "En somme,",
        "En somme, l'Europe dépense davantage pour sa défense, mais elle n'a pas encore appris à acheter ensemble, et c'est là que se jouera l'efficacité de chaque euro supplémentaire.",
    ),
    (
        "de-wasserstoff-netz.md",
        "Fazit:",
        "Fazit: Die Leitungen entstehen schneller als der Markt, der sie füllen soll, und ohne klare Förderzusagen für die Abnehmer bleibt das Kernnetz vorerst eine teure Vorleistung.",
    ),
    (
        "es-defensa-gasto.md",
        "En definitiva,",
        "En definitiva, España tendrá que elegir entre un aumento sostenido y planificado del gasto o seguir negociando excepciones en cada cumbre, con un coste político creciente ante sus aliados.",
    ),
];

fn fixtures(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// `briefdeck ARGS` in a fresh home, which must succeed, parsed as JSON.
fn json_in(home: &Home, args: &[&str]) -> Value {
    let out = home.run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn array(v: &Value) -> &Vec<Value> {
    v.as_array().expect("a JSON array")
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// File name of a listed document's path.
fn file_name(doc: &Value) -> String {
    Path::new(str_of(doc, "path"))
        .file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

/// Document id → file name, from `list --json`.
fn doc_files(list: &Value) -> HashMap<String, String> {
    array(list)
        .iter()
        .map(|d| (str_of(d, "id").to_string(), file_name(d)))
        .collect()
}

/// The listed document read from `file`.
fn doc_for<'a>(list: &'a Value, file: &str) -> &'a Value {
    let hits: Vec<&Value> = array(list)
        .iter()
        .filter(|d| file_name(d) == file)
        .collect();
    assert_eq!(hits.len(), 1, "one document from {file}");
    hits[0]
}

/// Document id of a takeaway id (`DOCID.N`).
fn doc_of(takeaway: &str) -> &str {
    takeaway.rsplit_once('.').expect("DOCID.N").0
}

/// The bullets of the list under `label` in `path`, as written (without the `- ` marker).
fn listed_bullets(path: &Path, label: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == label)
        .unwrap_or_else(|| panic!("{}: no line {label:?}", path.display()));
    let bullets: Vec<String> = lines[at + 1..]
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with("- "))
        .map(|l| l[2..].to_string())
        .collect();
    assert!(
        (3..=5).contains(&bullets.len()),
        "{}: 3–5 bullets under {label:?}",
        path.display()
    );
    bullets
}

fn eval_and_languages() -> (PathBuf, PathBuf) {
    (fixtures("eval"), fixtures("languages"))
}

/// `list --json` over both fixture folders.
fn list_all(home: &Home) -> Value {
    let (eval, langs) = eval_and_languages();
    json_in(home, &["list", s(&eval), s(&langs), "--json"])
}

/// Panics with every mismatch at once, so one run shows all that is missing.
fn report(what: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{what}: {} wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every fixture whose `field` in `list --json` is not what `want` says it wrote.
fn check_field(field: &str, want: fn(&Fixture) -> &'static str) {
    let list = list_all(&Home::new());
    let failures: Vec<String> = FIXTURES
        .iter()
        .filter_map(|f| {
            let got = &doc_for(&list, f.file)[field];
            (got.as_str() != Some(want(f)))
                .then(|| format!("{}: {field} {got}, want {:?}", f.file, want(f)))
        })
        .collect();
    report(field, failures);
}

#[test]
fn every_fixture_is_detected_in_its_language() {
    check_field("lang", |f| f.lang);
}

#[test]
fn dates_written_in_french_german_and_spanish_are_read() {
    check_field("date", |f| f.date);
}

#[test]
fn titles_are_the_headings() {
    check_field("title", |f| f.title);
}

#[test]
fn every_labelled_list_comes_back_as_explicit_takeaways_in_order() {
    let home = Home::new();
    let list = list_all(&home);
    let (eval, langs) = eval_and_languages();
    let takeaways = json_in(&home, &["takeaways", s(&eval), s(&langs), "--json"]);
    let mut failures = Vec::new();
    for f in FIXTURES {
        let want = listed_bullets(&fixtures(f.dir).join(f.file), f.label);
        let doc = str_of(doc_for(&list, f.file), "id");
        let mine: Vec<&Value> = array(&takeaways)
            .iter()
            .filter(|t| t["doc"] == doc)
            .collect();
        let explicit: Vec<&str> = mine
            .iter()
            .filter(|t| t["kind"] == "explicit")
            .map(|t| str_of(t, "text"))
            .collect();
        if explicit != want {
            failures.push(format!(
                "{} ({:?}): explicit {explicit:#?}, want {want:#?}",
                f.file, f.label
            ));
        }
        // With the author's list found, nothing is chosen by the extractor.
        let extracted = mine.iter().filter(|t| t["kind"] == "extracted").count();
        if extracted > 0 {
            failures.push(format!("{}: {extracted} extracted takeaways", f.file));
        }
    }
    report("explicit lists", failures);
}

#[test]
fn closing_verdicts_are_bottom_lines() {
    let home = Home::new();
    let list = json_in(&home, &["list", s(&fixtures("eval")), "--json"]);
    let takeaways = json_in(&home, &["takeaways", s(&fixtures("eval")), "--json"]);
    let mut failures = Vec::new();
    for (file, label, paragraph) in BOTTOM_LINES {
        let doc = str_of(doc_for(&list, file), "id");
        let bottom: Vec<&str> = array(&takeaways)
            .iter()
            .filter(|t| t["doc"] == doc && t["kind"] == "bottom_line")
            .map(|t| str_of(t, "text"))
            .collect();
        let rest = paragraph[label.len()..].trim_start();
        // "En somme, …" keeps its opener (as "In sintesi," does); "Fazit: …" may drop it.
        let ok = bottom.len() == 1 && (bottom[0] == *paragraph || bottom[0] == rest);
        if !ok {
            failures.push(format!("{file} ({label:?}): bottom lines {bottom:?}"));
        }
    }
    report("bottom lines", failures);
}

/// The eval fixtures with their labelled list and bottom line removed, as `eval_extract` hides
/// them, in a temporary folder: what the extractor then chooses.
fn extracted_without_lists(home: &Home) -> (tempfile::TempDir, Value, Value) {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in FIXTURES.iter().filter(|f| f.dir == "eval") {
        let text = std::fs::read_to_string(fixtures("eval").join(f.file)).unwrap();
        let bullets = listed_bullets(&fixtures("eval").join(f.file), f.label);
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| {
                *l != f.label
                    && !bullets.iter().any(|b| l.strip_prefix("- ") == Some(b))
                    && !BOTTOM_LINES.iter().any(|(_, _, p)| l == p)
            })
            .collect();
        std::fs::write(dir.path().join(f.file), kept.join("\n")).unwrap();
    }
    let list = json_in(home, &["list", s(dir.path()), "--json"]);
    let takeaways = json_in(home, &["takeaways", s(dir.path()), "--json"]);
    (dir, list, takeaways)
}

#[test]
fn without_their_lists_the_extractor_chooses_whole_sentences() {
    let home = Home::new();
    let (_dir, list, takeaways) = extracted_without_lists(&home);
    let files = doc_files(&list);
    // Abbreviations the splitter must not end a sentence on (the word before a final period).
    const ABBREVIATIONS: &[&str] = &["M", "Mme", "Dr", "B", "z", "bzw", "Sr", "Sra", "EE", "UU"];
    let mut failures = Vec::new();
    let mut per_doc: HashMap<&str, usize> = HashMap::new();
    for t in array(&takeaways) {
        let file = &files[str_of(t, "doc")];
        let text = str_of(t, "text");
        *per_doc.entry(file.as_str()).or_default() += 1;
        if t["kind"] != "extracted" {
            failures.push(format!("{file}: a {} takeaway {text:?}", t["kind"]));
        }
        let first = text.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || first.is_ascii_digit() || "«„“¿¡\"".contains(first)) {
            failures.push(format!("{file}: starts mid-sentence: {text:?}"));
        }
        let last_word = text
            .trim_end_matches(['.', '»', '“', '"', ' '])
            .rsplit([' ', '.'])
            .next()
            .unwrap_or("");
        if text.ends_with('.') && ABBREVIATIONS.contains(&last_word) {
            failures.push(format!("{file}: ends on an abbreviation: {text:?}"));
        }
        for boilerplate in ["Lire aussi", "Mehr zum Thema", "Leer más"] {
            if text.starts_with(boilerplate) {
                failures.push(format!("{file}: boilerplate chosen: {text:?}"));
            }
        }
        let datelines = ["(AFP)", "(dpa)", "(EFE)", "PARIS,", "Berlin (", "MADRID,"];
        if datelines.iter().any(|d| text.contains(d)) {
            failures.push(format!("{file}: dateline kept: {text:?}"));
        }
        for byline in ["Par ", "Von ", "Por "] {
            if text.starts_with(byline) {
                failures.push(format!("{file}: byline chosen: {text:?}"));
            }
        }
    }
    for f in FIXTURES.iter().filter(|f| f.dir == "eval") {
        let n = per_doc.get(f.file).copied().unwrap_or(0);
        if !(3..=5).contains(&n) {
            failures.push(format!("{}: {n} extracted takeaways, want 3–5", f.file));
        }
    }
    report("extracted takeaways", failures);
}

/// `list`, `takeaways` and `links` over the seeds and the cross-language set.
struct Mixed {
    files: HashMap<String, String>,
    takeaways: Value,
    links: Value,
}

fn mixed() -> Mixed {
    let home = Home::new();
    let (seeds, langs) = (seeds(), fixtures("languages"));
    let paths = [s(&seeds), s(&langs)];
    let run = |cmd: &str| json_in(&home, &[&[cmd][..], &paths[..], &["--json"]].concat());
    Mixed {
        files: doc_files(&run("list")),
        takeaways: run("takeaways"),
        links: run("links"),
    }
}

impl Mixed {
    fn file_of(&self, takeaway: &str) -> &str {
        &self.files[doc_of(takeaway)]
    }

    fn text_of(&self, takeaway: &str) -> &str {
        array(&self.takeaways)
            .iter()
            .find(|t| t["id"] == takeaway)
            .map(|t| str_of(t, "text"))
            .unwrap_or_else(|| panic!("takeaway {takeaway}"))
    }

    fn is_seed(&self, takeaway: &str) -> bool {
        self.file_of(takeaway).ends_with(".txt")
    }

    /// The seeds' takeaways on GCAP and Japan (either seed, either language).
    fn is_seed_gcap_or_japan(&self, takeaway: &str) -> bool {
        self.is_seed(takeaway)
            && ["GCAP", "Japan", "Giappone", "Cavour"]
                .iter()
                .any(|w| self.text_of(takeaway).contains(w))
    }

    /// The `n`th takeaway (1-based) of the document read from `file`.
    fn takeaway(&self, file: &str, n: usize) -> String {
        let doc = self
            .files
            .iter()
            .find(|(_, f)| *f == file)
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("{file} listed"));
        format!("{doc}.{n}")
    }
}

#[test]
fn the_italy_japan_articles_link_to_the_seeds_gcap_and_japan_takeaways() {
    let m = mixed();
    let mut failures = Vec::new();
    for file in GCAP_ARTICLES {
        let to_seeds: Vec<&Value> = array(&m.links)
            .iter()
            .filter(|l| {
                m.file_of(str_of(l, "from")) == *file && m.is_seed_gcap_or_japan(str_of(l, "to"))
            })
            .collect();
        if to_seeds.is_empty() {
            failures.push(format!("{file}: no link to a seed GCAP/Japan takeaway"));
        }
        // And back: some seed takeaway lists this article among its related ones.
        let back = array(&m.links).iter().any(|l| {
            m.file_of(str_of(l, "to")) == *file && m.is_seed_gcap_or_japan(str_of(l, "from"))
        });
        if !back {
            failures.push(format!("{file}: no seed GCAP/Japan takeaway links to it"));
        }
    }
    report("links to the seeds", failures);
}

#[test]
fn each_articles_gcap_takeaway_links_to_a_seed_over_gcap() {
    // The first bullet of each Italy–Japan article names GCAP, Japan and Italy in its own
    // language; it must reach a seed takeaway that names GCAP too, sharing the programme.
    let m = mixed();
    let mut failures = Vec::new();
    for file in GCAP_ARTICLES {
        let first = m.takeaway(file, 1);
        let gcap = array(&m.links).iter().any(|l| {
            l["from"] == first.as_str()
                && m.is_seed(str_of(l, "to"))
                && m.text_of(str_of(l, "to")).contains("GCAP")
                && array(&l["shared"]).iter().any(|c| c == "GCAP")
        });
        if !gcap {
            failures.push(format!(
                "{file}: {first} ({:?}) has no GCAP link to a seed",
                m.text_of(&first)
            ));
        }
    }
    report("GCAP links", failures);
}

#[test]
fn the_italy_japan_articles_link_to_each_other_over_the_companies() {
    // The second bullet of each names Leonardo, Mitsubishi Heavy Industries and BAE Systems.
    let m = mixed();
    let mut failures = Vec::new();
    for a in GCAP_ARTICLES {
        for b in GCAP_ARTICLES.iter().filter(|b| *b != a) {
            let (from, to) = (m.takeaway(a, 2), m.takeaway(b, 2));
            let link = array(&m.links)
                .iter()
                .find(|l| l["from"] == from.as_str() && l["to"] == to.as_str());
            let Some(link) = link else {
                failures.push(format!("{a} → {b}: no link between the company bullets"));
                continue;
            };
            let shared: Vec<&str> = array(&link["shared"])
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            if !shared.contains(&"BAE Systems") || !shared.contains(&"Leonardo S.p.A.") {
                failures.push(format!("{a} → {b}: shared {shared:?}"));
            }
        }
    }
    report("links between the articles", failures);
}

#[test]
fn the_farming_and_football_articles_link_to_nothing() {
    let m = mixed();
    let touching: Vec<String> = array(&m.links)
        .iter()
        .filter(|l| {
            UNRELATED.contains(&m.file_of(str_of(l, "from")))
                || UNRELATED.contains(&m.file_of(str_of(l, "to")))
        })
        .map(|l| l.to_string())
        .collect();
    assert!(touching.is_empty(), "{touching:#?}");
    // They do have takeaways to link from.
    for file in UNRELATED {
        assert!(m.text_of(&m.takeaway(file, 1)).len() > 20, "{file}");
    }
}

#[test]
fn the_defence_industry_theme_selects_takeaways_in_five_languages() {
    let home = Home::new();
    let (seeds, langs) = (seeds(), fixtures("languages"));
    let list = json_in(&home, &["list", s(&seeds), s(&langs), "--json"]);
    let lang_of: HashMap<&str, &str> = array(&list)
        .iter()
        .map(|d| (str_of(d, "id"), str_of(d, "lang")))
        .collect();
    let files = doc_files(&list);

    let hits = json_in(
        &home,
        &[
            "filter",
            "#defence-industry",
            s(&seeds),
            s(&langs),
            "--json",
        ],
    );
    let langs_hit: BTreeSet<&str> = array(&hits)
        .iter()
        .filter(|h| h["kind"] == "takeaway")
        .map(|h| lang_of[str_of(h, "doc")])
        .collect();
    assert_eq!(
        langs_hit,
        BTreeSet::from(["de", "en", "es", "fr", "it"]),
        "{hits:#}"
    );
    for h in array(&hits) {
        let file = &files[str_of(h, "doc")];
        assert!(
            !UNRELATED.contains(&file.as_str()),
            "{file} is no defence story: {h}"
        );
    }
    // Each Italy–Japan article has a matching takeaway, not only a matching title.
    for file in GCAP_ARTICLES {
        assert!(
            array(&hits)
                .iter()
                .any(|h| h["kind"] == "takeaway" && files[str_of(h, "doc")] == *file),
            "a takeaway of {file} in {hits:#}"
        );
    }

    // The theme's French, German and Spanish labels name it too, as prefixes.
    for key in ["#rüstung", "#industrie\\ de", "#industria\\ de\\ defensa"] {
        let by_label = json_in(&home, &["filter", key, s(&seeds), s(&langs), "--json"]);
        assert_eq!(by_label, hits, "{key} selects what #defence-industry does");
    }

    // `themes` counts the five defence documents (both seeds and the three articles).
    let themes = json_in(&home, &["themes", s(&seeds), s(&langs), "--json"]);
    let industry = array(&themes)
        .iter()
        .find(|t| t["id"] == "defence-industry")
        .expect("defence-industry present");
    assert_eq!(industry["documents"], 5, "{industry}");

    // A language narrows the theme to that language's article.
    let fr = json_in(
        &home,
        &[
            "filter",
            "lang:fr #defence-industry",
            s(&seeds),
            s(&langs),
            "--json",
        ],
    );
    let fr_docs: BTreeSet<&str> = array(&fr)
        .iter()
        .map(|h| files[str_of(h, "doc")].as_str())
        .collect();
    assert_eq!(
        fr_docs,
        BTreeSet::from(["fr-italie-japon-gcap.md"]),
        "{fr:#}"
    );
}

/// Full-text search stems each document in its own language: a plural finds the singular the
/// article wrote, and the hit's byte range covers that word in the snippet.
#[test]
fn search_stems_french_german_and_spanish() {
    let home = Home::new();
    let dir = fixtures("languages");
    for (query, file, written) in [
        ("partenaires", "fr-italie-japon-gcap.md", "partenaire"),
        (
            "Partnerschaften",
            "de-italien-japan-gcap.md",
            "Partnerschaft",
        ),
        ("alianzas", "es-italia-japon-gcap.md", "alianza"),
    ] {
        let hits = json_in(&home, &["search", query, s(&dir), "--json"]);
        let first = &array(&hits)[0];
        assert!(str_of(first, "path").ends_with(file), "{query}: {first:#}");
        let snippet = &array(&first["snippets"])[0];
        let text = str_of(snippet, "text");
        let (start, end) = (
            snippet["start"].as_u64().unwrap() as usize,
            snippet["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], written, "{query}");
    }
}
