//! `briefdeck filter` end to end: the real binary on the bundled seeds (no PATH) and on small
//! briefings written to a temp dir.
//!
//! What the seeds hold, and so what these tests expect: only titles (with bylines) and
//! takeaways are searched, never body text. "GCAP" occurs in one English takeaway (Japan as
//! Italy's anchor partner) and in the Italian article's body, so `gcap` finds the English
//! takeaway and its document but not the Italian document. Neither seed has "città" in a title
//! or takeaway.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const EN_DOC: &str = "a43feac413b0";
const IT_DOC: &str = "582ede86ae7e";

fn run(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_briefdeck"))
        .args(args)
        .output()
        .expect("briefdeck runs");
    assert!(
        out.status.success(),
        "briefdeck {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(args: &[&str]) -> Vec<Value> {
    let out = run(args);
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("stdout is a JSON array")
}

/// (kind, id, doc) of each hit, in order.
fn keys(hits: &[Value]) -> Vec<(String, String, String)> {
    hits.iter()
        .map(|h| {
            let s = |k: &str| h[k].as_str().expect("string field").to_string();
            (s("kind"), s("id"), s("doc"))
        })
        .collect()
}

fn key(kind: &str, id: &str, doc: &str) -> (String, String, String) {
    (kind.into(), id.into(), doc.into())
}

#[test]
fn gcap_finds_the_english_takeaway_and_its_document() {
    let hits = json(&["filter", "gcap", "--json"]);
    assert_eq!(
        keys(&hits),
        vec![
            key("document", EN_DOC, EN_DOC),
            key("takeaway", &format!("{EN_DOC}.2"), EN_DOC),
        ]
    );
    let takeaway = &hits[1];
    assert!(
        takeaway["text"]
            .as_str()
            .unwrap()
            .starts_with("Japan is Italy’s anchor partner")
    );
    // The document holds the matching takeaway: same score; on a tie documents come first.
    assert_eq!(hits[0]["score"], takeaway["score"]);
    assert!(takeaway["score"].as_i64().unwrap() > 0);
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Italy is seeking")
    );
    for h in &hits {
        let fields: Vec<&str> = h.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(fields.len(), 5, "{fields:?}");
    }
}

#[test]
fn lang_it_lists_the_italian_document_and_its_takeaway() {
    let hits = json(&["filter", "lang:it", "--json"]);
    assert_eq!(
        keys(&hits),
        vec![
            key("document", IT_DOC, IT_DOC),
            key("takeaway", &format!("{IT_DOC}.1"), IT_DOC),
        ]
    );
    assert!(hits.iter().all(|h| h["score"] == 0));
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Italia e Giappone")
    );
    assert!(hits[1]["text"].as_str().unwrap().starts_with("In sintesi"));
}

#[test]
fn case_and_accents_do_not_matter() {
    // "Giappone" is in the Italian title only.
    let lower = json(&["filter", "giappone", "--json"]);
    assert_eq!(keys(&lower), vec![key("document", IT_DOC, IT_DOC)]);
    assert_eq!(json(&["filter", "GIAPPONÉ", "--json"]), lower);
    // The seeds have no "città" in a title or takeaway: nothing Italian matches.
    let citta = json(&["filter", "citta", "--json"]);
    assert!(citta.iter().all(|h| h["doc"] != IT_DOC), "{citta:?}");

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "citta.txt",
        "La città eterna e il Giappone\n\nUn articolo.\n\nPunti chiave:\n- La città di Roma.\n- Altro punto.\n",
    );
    let path = dir.path().to_str().unwrap();
    let hits = json(&["filter", "citta", path, "--json"]);
    let kinds: Vec<&str> = hits.iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["document", "takeaway"]);
    assert_eq!(hits[1]["text"], "La città di Roma.");
    assert_eq!(json(&["filter", "CITTÀ", path, "--json"]), hits);
}

#[test]
fn unavailable_themes_print_a_note_and_no_hits() {
    let out = run(&["filter", "#naval", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "briefdeck: note: #naval: themes are not available yet"
    );
    // Text output: no lines, the same note, still success.
    let out = run(&["filter", "#naval"]);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("themes are not available yet"));
}

#[test]
fn text_output_is_one_ranked_line_per_hit() {
    let out = run(&["filter", "gcap"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[0][1..3], ["document", EN_DOC]);
    assert_eq!(
        lines[1][1..4],
        ["takeaway", &format!("{EN_DOC}.2"), "Japan"]
    );
    assert!(lines.iter().all(|l| l[0].parse::<i64>().is_ok()));
    // Long takeaways are cut to about 100 chars.
    let width = stdout.lines().nth(1).unwrap().chars().count();
    assert!(width <= 5 + 2 + 8 + 2 + 15 + 2 + 100, "{width}");
    assert!(stdout.lines().nth(1).unwrap().ends_with('…'));
}

#[test]
fn empty_query_lists_everything_and_exclusions_work() {
    let all = json(&["filter", "", "--json"]);
    assert_eq!(all.len(), 2 + 7);
    assert_eq!(all[0]["id"], EN_DOC);
    assert_eq!(all[1]["id"], IT_DOC);
    // Takeaway 5 of the English briefing is the only one that names China.
    let hits = json(&["filter", "!china", "--json"]);
    assert_eq!(hits.len(), 2 + 6);
    assert!(hits.iter().all(|h| h["id"] != format!("{EN_DOC}.5")));
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}
