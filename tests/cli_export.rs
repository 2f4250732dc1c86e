//! `briefdeck export` on the bundled seeds: the Markdown brief and the JSON contract, narrowed
//! by a query, written to a file, and refused with a usage error for an unknown format.

#[path = "common/cli.rs"]
mod cli;

use cli::{json, ok, run};
use serde_json::Value;

const ENGLISH_TITLE: &str = "Italy is seeking to anchor its role through key partnerships…";
const ITALIAN_TITLE: &str = "Italia e Giappone rafforzano l’alleanza strategica: Indo-Pacifico \
                             protagonista nella nuova visione di Roma";
const ANCHOR_PARTNER: &str = "Japan is Italy’s anchor partner beyond Europe.";

fn docs(v: &Value) -> &Vec<Value> {
    v["documents"].as_array().expect("documents array")
}

fn takeaway<'a>(v: &'a Value, start: &str) -> &'a Value {
    docs(v)
        .iter()
        .flat_map(|d| d["takeaways"].as_array().unwrap())
        .find(|t| t["text"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no takeaway starting {start:?}"))
}

#[test]
fn json_export_has_both_seeds_with_metadata_themes_and_links() {
    let v = json(&["export", "--format", "json"]);
    assert_eq!(v["query"], "");
    assert!(v["exported_at"].as_str().unwrap().contains('T'));
    let docs = docs(&v);
    assert_eq!(docs.len(), 2);
    let en = &docs[0];
    assert_eq!(en["title"], ENGLISH_TITLE);
    assert_eq!(en["lang"], "en");
    assert!(
        en["path"]
            .as_str()
            .unwrap()
            .ends_with("000_96d7c4557528d75c.txt")
    );
    assert_eq!(en["takeaways"].as_array().unwrap().len(), 6);
    assert!(
        en["themes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "indo-pacific")
    );
    let it = &docs[1];
    assert_eq!(it["title"], ITALIAN_TITLE);
    assert_eq!(it["lang"], "it");
    assert_eq!(it["date"], "2025-12-11");
    assert_eq!(it["byline"], "Sara Gelmini");

    // The English and Italian GCAP takeaways name each other, with what they share.
    let anchor = takeaway(&v, ANCHOR_PARTNER);
    assert_eq!(anchor["kind"], "explicit");
    assert!(
        anchor["themes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "defence-industry")
    );
    let gcap = takeaway(&v, "Crosetto ha evidenziato");
    let link = anchor["see_also"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == gcap["id"])
        .expect("English anchor-partner takeaway links to the Italian GCAP one");
    assert_eq!(link["doc"], it["id"]);
    assert_eq!(link["doc_title"], ITALIAN_TITLE);
    assert_eq!(link["lang"], "it");
    assert_eq!(link["exported"], true);
    assert!(
        link["shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "GCAP")
    );
    assert!(
        gcap["see_also"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == anchor["id"])
    );
    // `--json` is short for `--format json`.
    let short = json(&["export", "--json"]);
    assert_eq!(short["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn markdown_export_is_a_brief_with_sections_bullets_tags_and_see_also() {
    let md = ok(&["export"]);
    let today_title = md.lines().next().unwrap();
    assert!(
        today_title.starts_with("# Briefing export: all briefings ("),
        "{today_title}"
    );
    assert!(md.contains("2 documents, 12 takeaways"), "{md}");
    assert!(md.contains(&format!("\n## {ENGLISH_TITLE}\n")), "{md}");
    assert!(md.contains(&format!("\n## {ITALIAN_TITLE}\n")), "{md}");
    assert!(md.contains("· 2025-12-11 · by Sara Gelmini ·"), "{md}");
    assert!(md.contains(&format!("\n- {ANCHOR_PARTNER}")), "{md}");
    assert!(md.contains("`#defence-industry`"), "{md}");
    assert!(md.contains("- **Bottom line:** In sintesi,"), "{md}");
    let see_also = md
        .lines()
        .find(|l| l.starts_with("  - See also: *Italia e Giappone") && l.contains("GCAP"))
        .expect("a see-also line from English to the Italian GCAP takeaway");
    assert!(see_also.contains("“Crosetto ha evidenziato"), "{see_also}");
    // Sections follow the query's order: with no query, the corpus order.
    assert!(md.find(ENGLISH_TITLE).unwrap() < md.find("## Italia e Giappone").unwrap());
    assert_eq!(
        ok(&["export", "--format", "md"]).lines().count(),
        md.lines().count()
    );
}

#[test]
fn query_narrows_the_export() {
    let v = json(&["export", "--query", "lang:it", "--json"]);
    assert_eq!(v["query"], "lang:it");
    let italian = docs(&v);
    assert_eq!(italian.len(), 1);
    assert_eq!(italian[0]["lang"], "it");
    assert_eq!(italian[0]["takeaways"].as_array().unwrap().len(), 6);

    let md = ok(&["export", "-q", "lang:it"]);
    assert!(
        md.starts_with("# Briefing export: query `lang:it` ("),
        "{md}"
    );
    assert!(md.contains("\n## Italia e Giappone"), "{md}");
    assert!(!md.contains(&format!("\n## {ENGLISH_TITLE}")), "{md}");

    // A word keeps only the takeaways that match it, across both documents.
    let v = json(&["export", "--query", "'GCAP", "--json"]);
    let texts: Vec<&str> = docs(&v)
        .iter()
        .flat_map(|d| d["takeaways"].as_array().unwrap())
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert!(!texts.is_empty());
    assert!(texts.iter().all(|t| t.contains("GCAP")), "{texts:?}");
}

#[test]
fn output_writes_the_file_and_nothing_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("brief.md");
    std::fs::write(&file, "old contents").unwrap();
    let out = ok(&[
        "export",
        "-q",
        "lang:it",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(out.is_empty(), "{out}");
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(md.starts_with("# Briefing export: query `lang:it`"), "{md}");
    // Only the file itself: no temporary file left beside it.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);

    let json_file = tmp.path().join("brief.json");
    ok(&[
        "export",
        "--format",
        "json",
        "-o",
        json_file.to_str().unwrap(),
    ]);
    let v: Value = serde_json::from_slice(&std::fs::read(&json_file).unwrap()).unwrap();
    assert_eq!(docs(&v).len(), 2);
}

#[test]
fn output_errors_name_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("no-such-folder").join("brief.md");
    let out = run(&["export", "--output", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot write") && err.contains("brief.md"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_format_is_a_usage_error() {
    let out = run(&["export", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("xml") && err.contains("md") && err.contains("json"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
