//! `briefdeck filter` end to end: the real binary on the bundled seeds (no PATH) and on small
//! briefings written to a temp dir.
//!
//! What the seeds hold, and so what these tests expect: titles (with bylines) and takeaways are
//! matched first; the body text only adds documents none of those matched, after them, marked
//! `"match": "text"` (the Italian article's section on Taiwan). "GCAP" occurs in one English takeaway (Japan as
//! Italy's anchor partner) and in the Italian article's sentence on GCAP, which the extractor
//! picks as its fourth takeaway. The Italian article has six takeaways (five extracted, one
//! "In sintesi" bottom line), the English one six (five explicit, one bottom line).

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;

use cli::run_ok;
use serde_json::Value;

const EN_DOC: &str = "a43feac413b0";
const IT_DOC: &str = "582ede86ae7e";

fn json(args: &[&str]) -> Vec<Value> {
    serde_json::from_str(&cli::ok(args)).expect("stdout is a JSON array")
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
fn gcap_finds_both_languages_takeaways_and_their_documents() {
    let hits = json(&["filter", "gcap", "--json"]);
    assert_eq!(
        keys(&hits),
        vec![
            key("document", EN_DOC, EN_DOC),
            key("takeaway", &format!("{EN_DOC}.2"), EN_DOC),
            key("document", IT_DOC, IT_DOC),
            key("takeaway", &format!("{IT_DOC}.4"), IT_DOC),
        ]
    );
    let text = |i: usize| hits[i]["text"].as_str().unwrap();
    assert!(text(1).starts_with("Japan is Italy’s anchor partner"));
    assert!(text(3).contains("Global Combat Air Programme (GCAP)"));
    // A document holding the matching takeaway has its score; on a tie documents come first.
    assert_eq!(hits[0]["score"], hits[1]["score"]);
    assert_eq!(hits[2]["score"], hits[3]["score"]);
    assert!(hits.iter().all(|h| h["score"].as_i64().unwrap() > 0));
    assert!(text(0).starts_with("Italy is seeking"));
    for h in &hits {
        let fields: Vec<&str> = h.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(fields.len(), 5, "{fields:?}");
    }
}

#[test]
fn lang_it_lists_the_italian_document_and_its_takeaways() {
    let hits = json(&["filter", "lang:it", "--json"]);
    let mut expected = vec![key("document", IT_DOC, IT_DOC)];
    expected.extend((1..=6).map(|n| key("takeaway", &format!("{IT_DOC}.{n}"), IT_DOC)));
    assert_eq!(keys(&hits), expected);
    assert!(
        hits.iter().all(|h| h["score"] == 0),
        "field terms do not score"
    );
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Italia e Giappone")
    );
    assert!(hits[6]["text"].as_str().unwrap().starts_with("In sintesi"));
}

#[test]
fn case_and_accents_do_not_matter() {
    // "Giappone" / "giapponese" occur only in the Italian title and takeaways.
    let lower = json(&["filter", "giappone", "--json"]);
    assert!(lower.len() >= 2);
    assert!(lower.iter().all(|h| h["doc"] == IT_DOC), "{lower:?}");
    assert!(lower.iter().all(|h| {
        let t = h["text"].as_str().unwrap().to_lowercase();
        t.contains("giappone")
    }));
    assert_eq!(json(&["filter", "GIAPPONÉ", "--json"]), lower);

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
fn themes_select_tagged_takeaways_and_explain_unknown_keys() {
    // Every takeaway `#naval` returns is tagged naval in `takeaways --json`, and vice versa.
    let tagged: Vec<String> = json(&["takeaways", "--json"])
        .iter()
        .filter(|t| t["themes"].as_array().unwrap().iter().any(|x| x == "naval"))
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!tagged.is_empty());
    let hits = json(&["filter", "#naval", "--json"]);
    let got: Vec<String> = hits
        .iter()
        .filter(|h| h["kind"] == "takeaway")
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, tagged);
    // A unique prefix of a label works too ("Navale e marittimo" in Italian).
    assert_eq!(json(&["filter", "#navale", "--json"]), hits);

    let out = run_ok(&["filter", "#xyz", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("#xyz: no such theme"), "{err}");
    let out = run_ok(&["filter", "#def"]);
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("#def: ambiguous") && err.contains("defence-industry"),
        "{err}"
    );
}

#[test]
fn text_output_is_one_ranked_line_per_hit() {
    let out = run_ok(&["filter", "gcap"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines.len(), 4, "{stdout}");
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
    assert_eq!(all.len(), 2 + 12);
    assert_eq!(all[0]["id"], EN_DOC);
    assert_eq!(all[1]["id"], IT_DOC);
    // Takeaway 5 of the English briefing is the only one that names China.
    let hits = json(&["filter", "!china", "--json"]);
    assert_eq!(hits.len(), 2 + 11);
    assert!(hits.iter().all(|h| h["id"] != format!("{EN_DOC}.5")));
}

#[test]
fn words_only_in_the_body_find_the_document_after_the_other_matches() {
    // No title or takeaway names Taiwan; the Italian article has a section on it.
    let hits = json(&["filter", "Taiwan", "--json"]);
    assert_eq!(keys(&hits), vec![key("document", IT_DOC, IT_DOC)]);
    let h = &hits[0];
    assert_eq!(h["match"], "text");
    assert!(h["score"].as_f64().unwrap() > 0.0);
    assert!(h["text"].as_str().unwrap().starts_with("Italia e Giappone"));
    let snippet = h["snippet"]["text"].as_str().unwrap();
    let (a, b) = (
        h["snippet"]["start"].as_u64().unwrap() as usize,
        h["snippet"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&snippet[a..b], "Taiwan", "{snippet}");
    assert!(h["snippet"]["block"].as_u64().is_some());
    // Field terms restrict the text matches too.
    assert_eq!(
        json(&["filter", "lang:en taiwan", "--json"]),
        Vec::<Value>::new()
    );
    assert_eq!(json(&["filter", "lang:it taiwan", "--json"]), hits);
    // Title and takeaway matches come first, text matches after them: "ucraina" matches an
    // English takeaway fuzzily ("Ukraine"), and the Italian article only in its body.
    let hits = json(&["filter", "ucraina", "--json"]);
    assert!(hits.len() >= 3, "{hits:?}");
    assert!(
        hits[..hits.len() - 1]
            .iter()
            .all(|h| h["doc"] == EN_DOC && h.get("match").is_none())
    );
    let last = hits.last().unwrap();
    assert_eq!(
        (last["doc"].as_str(), last["match"].as_str()),
        (Some(IT_DOC), Some("text"))
    );
    // The text output marks it too.
    let out = run_ok(&["filter", "taiwan"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout.lines().next().unwrap();
    assert_eq!(line.split_whitespace().nth(1), Some("text"), "{stdout}");
    assert!(line.contains("Taiwan"), "{line}");
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}
