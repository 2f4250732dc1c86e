//! The analysis views through the real binary: `themes`, `links`, `takeaways --theme` and
//! `--themes FILE`, on fixtures with known answers (tests/fixtures/analysis: an English and an
//! Italian briefing on the Lobito Corridor that must link, a chip-plant story and an Italian
//! navy story without takeaway lists) and on the bundled seeds.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use cli::{json, run};
use serde_json::Value;

fn fixtures(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
}

fn analysis_dir() -> String {
    fixtures("analysis").to_string_lossy().into_owned()
}

/// Id of the one takeaway whose text starts with `prefix`.
fn takeaway_id(takeaways: &Value, prefix: &str) -> String {
    let hits: Vec<&Value> = takeaways
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["text"].as_str().unwrap().starts_with(prefix))
        .collect();
    assert_eq!(hits.len(), 1, "one takeaway starts with {prefix:?}");
    hits[0]["id"].as_str().unwrap().to_string()
}

fn theme<'a>(themes: &'a Value, id: &str) -> Option<&'a Value> {
    themes.as_array().unwrap().iter().find(|t| t["id"] == id)
}

#[test]
fn themes_counts_documents_and_takeaways() {
    let dir = analysis_dir();
    let themes = json(&["themes", &dir, "--json"]);
    let minerals = theme(&themes, "critical-minerals").expect("critical-minerals present");
    assert_eq!(minerals["label"], "Critical minerals and raw materials");
    assert_eq!(minerals["documents"], 2, "both Lobito briefings");
    assert_eq!(minerals["takeaways"], 4);
    let chips = theme(&themes, "semiconductors").expect("semiconductors present");
    assert_eq!(chips["documents"], 1);
    assert_eq!(chips["takeaways"], 3, "every extracted chip-plant takeaway");
    assert_eq!(theme(&themes, "naval").unwrap()["documents"], 1);
    assert!(
        theme(&themes, "space").is_none(),
        "absent themes are not listed"
    );
    for t in themes.as_array().unwrap() {
        for key in ["id", "label", "documents", "takeaways"] {
            assert!(t.get(key).is_some(), "{key} in {t}");
        }
    }
}

#[test]
fn list_and_takeaways_json_fill_theme_arrays() {
    let dir = analysis_dir();
    let docs = json(&["list", &dir, "--json"]);
    for d in docs.as_array().unwrap() {
        assert!(
            !d["themes"].as_array().unwrap().is_empty(),
            "{}",
            d["title"]
        );
    }
    let takeaways = json(&["takeaways", &dir, "--json"]);
    let id = takeaway_id(&takeaways, "The Lobito Corridor rail link");
    let t = takeaways
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id.as_str())
        .unwrap();
    let themes: Vec<&str> = t["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(themes.contains(&"critical-minerals"), "{themes:?}");
    assert!(themes.contains(&"africa"), "{themes:?}");
}

#[test]
fn cross_language_pair_links_both_ways_with_its_reasons() {
    let dir = analysis_dir();
    let takeaways = json(&["takeaways", &dir, "--json"]);
    let en = takeaway_id(&takeaways, "The Lobito Corridor rail link");
    let it = takeaway_id(&takeaways, "Il Corridoio di Lobito porterà");
    let links = json(&["links", &dir, "--json"]);
    let find = |from: &str, to: &str| {
        links
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["from"] == from && l["to"] == to)
            .cloned()
    };
    for (from, to) in [(&en, &it), (&it, &en)] {
        let link = find(from, to).unwrap_or_else(|| panic!("{from} → {to} in {links}"));
        let shared: Vec<&str> = link["shared"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(shared.contains(&"Lobito Corridor"), "{shared:?}");
        assert!(shared.contains(&"Zambia"), "{shared:?}");
        assert!(link["score"].as_f64().unwrap() > 0.5);
    }
    // The strongest link of the English takeaway is its Italian counterpart.
    let first = links
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["from"] == en.as_str())
        .unwrap();
    assert_eq!(first["to"], it.as_str());
    // Never within one document, never more than five per takeaway.
    for l in links.as_array().unwrap() {
        let doc = |id: &Value| id.as_str().unwrap().rsplit_once('.').unwrap().0.to_string();
        assert_ne!(doc(&l["from"]), doc(&l["to"]));
    }
}

#[test]
fn takeaways_filtered_by_theme() {
    let dir = analysis_dir();
    let all = json(&["takeaways", &dir, "--json"]);
    let minerals = json(&["takeaways", &dir, "--theme", "critical-minerals", "--json"]);
    let mut got: Vec<&str> = minerals
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    got.sort();
    let mut want = vec![
        takeaway_id(&all, "The Lobito Corridor rail link"),
        takeaway_id(&all, "Washington and Brussels present"),
        takeaway_id(&all, "Local processing of critical minerals"),
        takeaway_id(&all, "Il Corridoio di Lobito porterà"),
    ];
    want.sort();
    assert_eq!(got, want);
    let text = run(&["takeaways", &dir, "--theme", "naval"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("portaerei Cavour"), "{text}");
    assert!(!text.contains("Lobito"), "{text}");
}

#[test]
fn unknown_theme_is_a_usage_error_listing_valid_ids() {
    let out = run(&["takeaways", &analysis_dir(), "--theme", "navall"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown theme \"navall\""), "{err}");
    assert!(
        err.contains("naval") && err.contains("critical-minerals"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn user_themes_add_and_override() {
    let dir = analysis_dir();
    let user = fixtures("themes/user-themes.json");
    let themes = json(&["themes", &dir, "--themes", user.to_str().unwrap(), "--json"]);
    let rail = theme(&themes, "railways").expect("user theme added");
    assert_eq!(rail["label"], "Railways");
    assert_eq!(rail["label_it"], "Ferrovie");
    assert_eq!(
        rail["documents"], 2,
        "railway and ferrovia, English and Italian"
    );
    assert_eq!(
        theme(&themes, "naval").unwrap()["label"],
        "Navies",
        "overridden"
    );
    // The filter accepts the user's theme too.
    let rail_takeaways = json(&[
        "takeaways",
        &dir,
        "--themes",
        user.to_str().unwrap(),
        "--theme",
        "railways",
        "--json",
    ]);
    assert!(!rail_takeaways.as_array().unwrap().is_empty());
}

#[test]
fn malformed_theme_file_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad-themes.json");
    std::fs::write(
        &bad,
        "{\n  \"themes\": [\n    {\"id\": \"x\" \"label\": {\"en\": \"X\"}}\n  ]\n}\n",
    )
    .unwrap();
    for args in [
        vec!["themes", "--themes", bad.to_str().unwrap()],
        vec!["links", "--json", "--themes", bad.to_str().unwrap()],
        vec!["--themes", bad.to_str().unwrap()],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bad-themes.json:3:16: expected"), "{err}");
    }
}

#[test]
fn seeds_extract_and_link_gcap_across_languages() {
    let takeaways = json(&["takeaways", "--json"]);
    let all = takeaways.as_array().unwrap();
    let sintesi = all
        .iter()
        .find(|t| t["text"].as_str().unwrap().starts_with("In sintesi,"))
        .expect("seed 001's bottom line");
    assert_eq!(sintesi["kind"], "bottom_line");
    let italian: Vec<&Value> = all.iter().filter(|t| t["doc"] == sintesi["doc"]).collect();
    assert!(italian.len() >= 3, "{italian:?}");
    let gcap: Vec<&&Value> = italian
        .iter()
        .filter(|t| t["kind"] == "extracted" && t["text"].as_str().unwrap().contains("GCAP"))
        .collect();
    assert_eq!(gcap.len(), 1);

    let anchor = takeaway_id(&takeaways, "Japan is Italy’s anchor partner");
    let links = json(&["links", "--json"]);
    let link = links
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["from"] == anchor.as_str() && l["to"] == gcap[0]["id"])
        .unwrap_or_else(|| panic!("no link from {anchor} to the GCAP takeaway: {links}"));
    assert!(
        link["shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "GCAP")
    );
}
