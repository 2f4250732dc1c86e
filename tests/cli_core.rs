//! The headless contract scripts rely on: run the real binary and check its JSON and exit codes.

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;

use cli::{json, run};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/core");

fn fixture(name: &str) -> String {
    Path::new(FIXTURES)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn show(name: &str) -> Value {
    json(&["show", &fixture(name), "--json"])
}

fn takeaway_texts(doc: &Value) -> Vec<(String, String)> {
    doc["takeaways"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["kind"].as_str().unwrap().to_string(),
                t["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn seed_000_is_english_with_five_explicit_takeaways_and_a_bottom_line() {
    let docs = json(&["list", "--json"]);
    let doc = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("000_96d7c4557528d75c.txt")
        })
        .expect("seed 000 bundled");
    assert_eq!(doc["lang"], "en");
    let full = json(&["show", doc["id"].as_str().unwrap(), "--json"]);
    let tk = takeaway_texts(&full);
    let starts = [
        "Italy’s Indo-Pacific is an Indo-Mediterranean strategy",
        "Japan is Italy’s anchor partner",
        "Security engagement is selective",
        "Economic security drives the partnership",
        "Italy acts as a connector across regions",
    ];
    let explicit: Vec<&(String, String)> = tk.iter().filter(|(k, _)| k == "explicit").collect();
    assert_eq!(explicit.len(), 5, "{tk:#?}");
    for ((_, text), start) in explicit.iter().zip(starts) {
        assert!(
            text.starts_with(start),
            "{text:?} should start with {start:?}"
        );
    }
    let bottom: Vec<_> = tk.iter().filter(|(k, _)| k == "bottom_line").collect();
    assert_eq!(bottom.len(), 1);
    assert!(
        bottom[0]
            .1
            .starts_with("“Selectivity, however, does not mean disengagement.")
    );
    assert_eq!(
        full["standfirst"]
            .as_str()
            .map(|s| s.starts_with("Italy is seeking")),
        Some(true)
    );
}

#[test]
fn seed_001_is_italian_with_title_byline_date_headings_and_bottom_line() {
    let doc = json(&["show", "001_fecae6dcc9ec738c.txt", "--json"]);
    assert_eq!(doc["lang"], "it");
    assert_eq!(
        doc["title"],
        "Italia e Giappone rafforzano l’alleanza strategica: Indo-Pacifico protagonista nella nuova visione di Roma"
    );
    assert_eq!(doc["byline"], "Sara Gelmini");
    assert_eq!(doc["contact"], "info@esploragiappone.it");
    assert_eq!(doc["date"], "2025-12-11");
    let headings: Vec<&str> = doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "heading")
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Roma e Tokyo sempre più vicine su sicurezza e difesa",
            "Dall’Ucraina a Taiwan: le crisi che uniscono",
            "Industria militare e scambi tecnologici",
            "Una postura globale per la politica estera italiana",
            "Reazioni e prospettive",
        ]
    );
    let bottom: Vec<_> = takeaway_texts(&doc)
        .into_iter()
        .filter(|(k, _)| k == "bottom_line")
        .collect();
    assert_eq!(bottom.len(), 1);
    assert!(
        bottom[0]
            .1
            .starts_with("In sintesi, oggi si è fatto un passo avanti")
    );
    let all = serde_json::to_string(&doc).unwrap();
    assert!(!all.contains('×'), "page furniture must be dropped");
}

#[test]
fn list_fields_and_ids_are_stable() {
    let a = json(&["list", "--json"]);
    let b = json(&["list", "--json"]);
    assert_eq!(a, b);
    for doc in a.as_array().unwrap() {
        for key in [
            "id",
            "path",
            "title",
            "lang",
            "date",
            "byline",
            "takeaway_count",
            "themes",
        ] {
            assert!(doc.get(key).is_some(), "missing {key} in {doc}");
        }
        assert!(doc["themes"].is_array());
        assert!(doc["id"].as_str().unwrap().len() <= 16);
    }
}

#[test]
fn takeaways_json_shape() {
    let all = json(&["takeaways", "--json"]);
    let all = all.as_array().unwrap();
    assert!(all.len() >= 7);
    for t in all {
        for key in ["id", "doc", "kind", "text", "themes"] {
            assert!(t.get(key).is_some(), "missing {key} in {t}");
        }
        assert!(
            t["id"]
                .as_str()
                .unwrap()
                .starts_with(t["doc"].as_str().unwrap())
        );
        assert!(["explicit", "bottom_line", "extracted"].contains(&t["kind"].as_str().unwrap()));
    }
}

#[test]
fn byline_with_date_and_title() {
    let d = show("title_and_byline.txt");
    assert_eq!(d["title"], "Rome and Tokyo sign a new defence accord");
    assert_eq!(d["byline"], "Jane Doe");
    assert_eq!(d["date"], "2026-03-14");
}

#[test]
fn standfirst_gives_a_short_title_and_keeps_the_full_text() {
    let d = show("standfirst.txt");
    let title = d["title"].as_str().unwrap();
    assert!(title.starts_with("Italy is seeking to anchor its role") && title.ends_with('…'));
    assert!(
        d["blocks"][0]["text"]
            .as_str()
            .unwrap()
            .ends_with("economic security overlap.")
    );
}

#[test]
fn markdown_headings_emphasis_lists_quotes_and_takeaways() {
    let d = show("markdown.md");
    assert_eq!(d["title"], "Europe's chip gambit");
    assert_eq!(d["byline"], "Marco Rossi");
    assert_eq!(d["date"], "2026-03-14");
    let blocks = d["blocks"].as_array().unwrap();
    assert!(
        blocks[0]["text"]
            .as_str()
            .unwrap()
            .contains("a bigger share of global chip output")
    );
    assert!(
        blocks[0]["text"]
            .as_str()
            .unwrap()
            .contains("real money behind the plan.")
    );
    let bullets = blocks.iter().filter(|b| b["kind"] == "bullet").count();
    assert_eq!(bullets, 8, "six list styles plus two takeaways");
    assert!(blocks.iter().any(|b| b["kind"] == "quote"));
    assert_eq!(
        takeaway_texts(&d),
        [
            (
                "explicit".into(),
                "Europe is betting on subsidies to rebuild its chip industry.".into()
            ),
            (
                "explicit".into(),
                "Skills, not money, may be the binding constraint.".into()
            ),
        ]
    );
}

#[test]
fn scraped_lone_markers_and_bottom_line() {
    let d = show("scraped_bullets.txt");
    assert_eq!(d["title"], "Naval diplomacy in the Indo-Pacific");
    let tk = takeaway_texts(&d);
    assert_eq!(tk.len(), 4, "{tk:#?}");
    assert_eq!(
        tk[2],
        (
            "explicit".into(),
            "Industrial cooperation follows naval visits.".into()
        )
    );
    assert_eq!(
        tk[3],
        (
            "bottom_line".into(),
            "Rome wants visibility at a cost it can sustain.".into()
        )
    );
}

#[test]
fn italian_name_email_date_dateline_heading_and_furniture() {
    let d = show("name_email_date.txt");
    assert_eq!(
        d["title"],
        "Italia e Giappone rafforzano l’alleanza strategica"
    );
    assert_eq!(d["byline"], "Sara Gelmini");
    assert_eq!(d["contact"], "info@esploragiappone.it");
    assert_eq!(d["date"], "2026-02-03");
    assert_eq!(d["lang"], "it");
    let kinds: Vec<&str> = d["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["paragraph", "heading", "paragraph", "paragraph"]);
    assert!(!serde_json::to_string(&d).unwrap().contains('×'));
}

#[test]
fn redazione_byline_caps_dateline_and_italian_label() {
    let d = show("redazione_dateline.txt");
    assert_eq!(d["byline"], "Redazione Esteri");
    assert!(!d["title"].as_str().unwrap().starts_with("ROMA"));
    assert_eq!(takeaway_texts(&d).len(), 2);
}

#[test]
fn agency_dateline_is_not_the_title() {
    let d = show("agency_dateline.txt");
    let title = d["title"].as_str().unwrap();
    assert!(title.starts_with("Japan and Italy agreed"), "{title}");
}

#[test]
fn us_dates_and_inline_labels() {
    let d = show("dates_us.md");
    assert_eq!(d["date"], "2026-03-14");
    assert_eq!(d["byline"], "Emily Carter");
    let tk = takeaway_texts(&d);
    assert_eq!(
        tk[0].1,
        "Expect tighter rules on chip exports within weeks."
    );
    assert_eq!(
        tk[1].1,
        "Allies in Europe and Asia would have to follow suit."
    );
}

#[test]
fn iso_date_line() {
    assert_eq!(show("iso_date.txt")["date"], "2025-08-30");
}

#[test]
fn encodings_bom_crlf_latin1() {
    assert_eq!(show("bom.txt")["title"], "Title after a BOM");
    assert_eq!(show("crlf.txt")["title"], "Title with CRLF line endings");
    let out = run(&["show", &fixture("latin1.txt"), "--json"]);
    assert!(out.status.success());
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["title"], "Città e sicurezza");
    assert_eq!(
        d["blocks"][0]["text"],
        "La città – dicono “fonti” – è pronta a collaborare con i partner europei."
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("latin1.txt") && err.contains("Windows-1252"),
        "{err}"
    );
}

#[test]
fn escapes_never_reach_the_output() {
    for json_flag in [true, false] {
        let mut args = vec!["show", FIXTURES_ESC];
        if json_flag {
            args.push("--json");
        }
        let out = run(&args);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
        assert!(
            !text.contains("\\u001b") && !text.contains("\\u0007"),
            "no escaped controls in JSON"
        );
        assert!(text.contains("Title with escapes"));
        assert!(
            !text.contains("pwned") && !text.contains("ZXZpbA"),
            "OSC payloads removed whole"
        );
    }
}
const FIXTURES_ESC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/core/escapes.txt"
);

#[test]
fn json_articles_object_array_and_html() {
    let d = show("article.json");
    assert_eq!(d["title"], "Lobito Corridor gains momentum");
    assert_eq!(d["byline"], "Ada Obi");
    assert_eq!(d["date"], "2026-01-12");
    assert_eq!(d["url"], "https://example.org/lobito");
    assert_eq!(takeaway_texts(&d).len(), 2);
    let docs = json(&["list", &fixture("articles.json"), "--json"]);
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["date"], "2025-12-11");
    assert_eq!(docs[0]["lang"], "it");
    assert_eq!(docs[1]["title"], "Second article");
    assert_ne!(docs[0]["id"], docs[1]["id"]);
}

#[test]
fn bad_files_are_skipped_with_one_line_each_and_the_rest_loads() {
    let out = run(&["list", FIXTURES, "--json"]);
    assert!(out.status.success());
    let docs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(docs.as_array().unwrap().len() >= 15);
    let err = String::from_utf8_lossy(&out.stderr);
    for (file, reason) in [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("blank.txt", "whitespace"),
        ("malformed.json", "malformed JSON"),
        ("wrong_shape.json", "not an article"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no line for {file} in {err}"));
        assert!(
            line.starts_with("briefdeck: skipped ") && line.contains(reason),
            "{line}"
        );
    }
    assert!(
        !err.contains("notes.csv"),
        "other extensions are ignored silently"
    );
}

#[test]
fn exit_codes() {
    let missing = run(&["list", "/definitely/not/here"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/definitely/not/here"));
    let nothing = run(&["list", &fixture("empty.txt")]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("no briefings loaded"));
    assert_eq!(run(&["list", "--bogus"]).status.code(), Some(2));
    assert_eq!(run(&["show"]).status.code(), Some(2));
    assert_eq!(run(&["show", "nope-not-an-id"]).status.code(), Some(1));
    assert_eq!(
        run(&["list", &fixture("binary.txt"), &fixture("bom.txt")])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn plain_text_outputs_are_readable() {
    let list = String::from_utf8(run(&["list"]).stdout).unwrap();
    assert!(list.lines().next().unwrap().contains("TITLE"));
    assert!(list.contains("Italia e Giappone rafforzano"));
    let show = String::from_utf8(run(&["show", "001_fecae6dcc9ec738c.txt"]).stdout).unwrap();
    assert!(show.starts_with("Italia e Giappone"));
    assert!(show.contains("## Industria militare e scambi tecnologici"));
    assert!(
        show.lines().all(|l| unicode_width(l) <= 80),
        "wrapped to 80 columns"
    );
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    // Output far larger than a pipe's buffer, so writes really hit the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let para = "A paragraph about naval diplomacy and industrial policy in Rome and Tokyo.\n\n";
    std::fs::write(&big, format!("Title\n\n{}", para.repeat(20_000))).unwrap();
    let home = cli::Home::new();
    let mut child = home
        .command(&["show", big.to_str().unwrap(), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte and hang up, as `| head -c1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
