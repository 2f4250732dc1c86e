//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) through the real binary: each entry one document,
//! the feed's title its source, and every bad feed either loaded safely or skipped with a reason.

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;

use cli::{Home, json, paragraphs, run};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats/feed");

fn good(name: &str) -> String {
    format!("{FIXTURES}/good/{name}")
}

fn bad(name: &str) -> String {
    format!("{FIXTURES}/bad/{name}")
}

fn list(path: &str) -> Vec<Value> {
    json(&["list", path, "--json"]).as_array().unwrap().clone()
}

fn show(id: &str, path: &str) -> Value {
    json(&["show", id, path, "--json"])
}

fn explicit_takeaways(path: &str, doc: &str) -> Vec<String> {
    json(&["takeaways", path, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["doc"] == doc && t["kind"] == "explicit")
        .map(|t| t["text"].as_str().unwrap().to_string())
        .collect()
}

/// Every string anywhere in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn rss_2_entries_with_content_encoded_and_an_escaped_description() {
    let path = good("briefing.rss");
    let docs = list(&path);
    assert_eq!(docs.len(), 2);
    let d = show(docs[0]["id"].as_str().unwrap(), &path);
    assert_eq!(d["title"], "Northern ports agree a shared customs window");
    assert_eq!(d["byline"], "Maren Lindqvist");
    // 22:40 at -05:00 is the next day in UTC; the writer's day is the one shown.
    assert_eq!(d["date"], "2026-03-11");
    assert_eq!(d["lang"], "en");
    assert_eq!(d["source"], "Harbour Policy Weekly");
    assert_eq!(d["format"], "feed");
    assert_eq!(
        d["url"],
        "https://harbour.example.org/2026/03/customs-window"
    );
    let p = paragraphs(&d);
    assert!(
        p[0].starts_with("Five northern ports signed an agreement"),
        "{p:?}"
    );
    assert!(
        p.last()
            .unwrap()
            .starts_with("Officials said the first joint inspections")
    );
    assert!(
        !p.iter().any(|t| t.contains("short summary")),
        "content wins over the description"
    );
    assert_eq!(
        explicit_takeaways(&path, d["id"].as_str().unwrap()),
        [
            "One customs window replaces five separate inspection regimes.",
            "Shippers expect clearance times to fall by about a third.",
        ]
    );
    let d = show(docs[1]["id"].as_str().unwrap(), &path);
    assert_eq!(d["title"], "Dredging budget delayed again");
    assert_eq!(
        d["byline"], "Tomas Reyes",
        "the name, not the e-mail address"
    );
    assert_eq!(d["date"], "2026-03-09");
    let p = paragraphs(&d);
    assert_eq!(
        p.len(),
        2,
        "the entity-escaped HTML is two paragraphs: {p:?}"
    );
    assert!(p[0].starts_with("The regional council postponed"));
    assert!(p[1].ends_with("until the work is done."));
}

#[test]
fn atom_in_italian_with_html_title_and_punti_chiave() {
    let path = good("osservatorio.atom");
    let docs = list(&path);
    assert_eq!(docs.len(), 2);
    let d = show(docs[0]["id"].as_str().unwrap(), &path);
    assert_eq!(d["title"], "Energia: l’accordo con Tunisi prende forma");
    assert_eq!(d["byline"], "Giulia Ferraris");
    assert_eq!(d["date"], "2026-02-19", "published, not updated");
    assert_eq!(d["lang"], "it");
    assert_eq!(d["source"], "Osservatorio Mediterraneo");
    assert_eq!(d["format"], "feed");
    assert_eq!(d["url"], "https://osservatorio.example.it/energia-tunisi");
    let p = paragraphs(&d);
    assert!(p[0].starts_with("Il governo ha presentato ieri il quadro dell’accordo"));
    assert!(p.last().unwrap().starts_with("Le opposizioni chiedono"));
    assert_eq!(
        explicit_takeaways(&path, d["id"].as_str().unwrap()),
        [
            "Il cavo collegherà la Sicilia alla costa tunisina entro il 2030.",
            "Gli investimenti saranno divisi tra fondi pubblici e privati.",
        ]
    );
    // The second entry: summary as the body, the feed's author as its byline.
    let d = show(docs[1]["id"].as_str().unwrap(), &path);
    assert_eq!(d["title"], "Migrazioni, il vertice rinviato a marzo");
    assert_eq!(d["byline"], "Redazione Osservatorio");
    assert_eq!(d["date"], "2026-02-18");
    assert!(paragraphs(&d)[0].starts_with("Il vertice dei ministri dell'interno"));
}

#[test]
fn rss_1_0_rdf_and_rss_0_91() {
    let d = &list(&good("digest.rdf"))[0];
    assert_eq!(d["title"], "Tariff review opens for steel imports");
    assert_eq!(d["byline"], "Priya Natarajan");
    assert_eq!(d["date"], "2026-01-27");
    assert_eq!(d["source"], "Trade Digest");
    assert_eq!(d["format"], "feed");
    let d = show(d["id"].as_str().unwrap(), &good("digest.rdf"));
    assert!(paragraphs(&d)[0].starts_with("The trade ministry opened a review"));

    let d = &list(&good("legacy.xml"))[0];
    assert_eq!(d["title"], "Café owners protest new rules");
    assert_eq!(d["source"], "Old Wire");
    assert_eq!(d["lang"], "en");
    assert_eq!(d["date"], Value::Null);
    // Latin-1 bytes under a Latin-1 declaration.
    let d = &list(&good("latin1.rss"))[0];
    assert_eq!(d["title"], "Naïve pricing");
    assert_eq!(d["source"], "Café Wire");
}

#[test]
fn a_json_feed_is_a_feed_and_other_json_stays_json() {
    let path = good("newsroom.json");
    let docs = list(&path);
    assert_eq!(docs.len(), 2);
    let d = show(docs[0]["id"].as_str().unwrap(), &path);
    assert_eq!(d["title"], "Grid operators plan a winter reserve");
    assert_eq!(d["byline"], "Leo Brandt");
    assert_eq!(d["date"], "2026-01-05");
    assert_eq!(d["lang"], "en");
    assert_eq!(d["source"], "Newsroom Briefs");
    assert_eq!(d["format"], "feed");
    assert_eq!(d["url"], "https://newsroom.example.org/briefs/204");
    let p = paragraphs(&d);
    assert!(p[0].starts_with("Grid operators will keep two gas plants"));
    assert!(p.last().unwrap().starts_with("The cost will be shared"));
    let d = show(docs[1]["id"].as_str().unwrap(), &path);
    assert_eq!(d["byline"], "Newsroom Desk", "the feed's author");
    assert_eq!(
        paragraphs(&d).last().unwrap(),
        "Consumer groups welcomed the decision."
    );

    // Naming jsonfeed.org, even under a nested `version`, does not make a file a feed.
    let d = &list(&good("mentions_jsonfeed.json"))[0];
    assert_eq!(d["format"], "json");
    assert_eq!(d["title"], "How we publish");
    assert_eq!(d["source"], Value::Null);
}

fn write_feed(path: &Path, guids: &[&str]) {
    let items: String = guids
        .iter()
        .map(|g| {
            format!(
                "<item><title>Entry {g}</title><guid>{g}</guid>\
                 <description>The text of entry {g}, long enough to read.</description></item>"
            )
        })
        .collect();
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>Rolling</title>\
         <link>https://rolling.example/</link>{items}</channel></rss>"
    );
    std::fs::write(path, feed).unwrap();
}

fn ids_by_title(path: &str) -> Vec<(String, String)> {
    list(path)
        .iter()
        .map(|d| {
            (
                d["title"].as_str().unwrap().to_string(),
                d["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn document_ids_survive_a_re_fetch_with_a_new_entry_on_top() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rolling.rss");
    let path = file.to_string_lossy().into_owned();
    write_feed(&file, &["b", "a"]);
    let before = ids_by_title(&path);
    write_feed(&file, &["c", "b", "a"]);
    let after = ids_by_title(&path);
    assert_eq!(after.len(), 3);
    assert_eq!(&after[1..], &before[..], "{before:?} -> {after:?}");
    assert!(!before.iter().any(|(_, id)| *id == after[0].1));
}

#[test]
fn billion_laughs_is_not_expanded() {
    let path = bad("billion_laughs.xml");
    let out = run(&["show", &path, "--json"]);
    assert!(out.status.success());
    assert!(out.stdout.len() < 20_000, "{} bytes", out.stdout.len());
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["title"], "Bomb &lol9;", "the entity stays as written");
    assert_eq!(d["source"], "Laughs &lol9;");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("lollol"));
}

#[test]
fn external_entities_are_never_read_nor_shown() {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let path = bad("external_entity.rss");
    let docs = list(&path);
    assert_eq!(docs.len(), 1);
    let id = docs[0]["id"].as_str().unwrap().to_string();
    for args in [
        vec!["list", path.as_str(), "--json"],
        vec!["show", id.as_str(), path.as_str(), "--json"],
        vec!["takeaways", path.as_str(), "--json"],
        vec!["show", id.as_str(), path.as_str()],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}");
        let all = [out.stdout, out.stderr].concat();
        let all = String::from_utf8_lossy(&all);
        assert!(!all.contains("root:"), "{args:?}: {all}");
        if let Some(line) = passwd.lines().find(|l| l.len() > 8) {
            assert!(!all.contains(line), "{args:?} shows /etc/passwd");
        }
    }
    let d = show(&id, &path);
    assert_eq!(d["title"], "Leak &x;");
    assert_eq!(paragraphs(&d), ["Before &x; after."]);
}

#[test]
fn a_broken_date_loads_without_a_date() {
    let d = &list(&bad("broken_date.rss"))[0];
    assert_eq!(d["title"], "Broken date");
    assert_eq!(d["date"], Value::Null);
}

#[test]
fn untitled_entries_get_a_title_from_their_content_or_the_feed() {
    let docs = list(&bad("no_title.rss"));
    assert_eq!(docs.len(), 2);
    assert!(
        docs[0]["title"]
            .as_str()
            .unwrap()
            .starts_with("Ministers agreed on a new framework"),
        "{}",
        docs[0]["title"]
    );
    assert_eq!(docs[1]["title"], "Untitled Feed", "a link-only entry");
}

#[test]
fn ten_thousand_entries_load() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.rss");
    let guids: Vec<String> = (0..10_000).map(|i| format!("g{i}")).collect();
    let guids: Vec<&str> = guids.iter().map(String::as_str).collect();
    write_feed(&file, &guids);
    let docs = list(&file.to_string_lossy());
    assert_eq!(docs.len(), 10_000);
    assert_eq!(docs[9_999]["title"], "Entry g9999");
}

#[test]
fn malformed_xml_and_xml_that_is_no_feed_are_skipped_with_a_reason() {
    let home = Home::new();
    let out = home.run(&["list", &format!("{FIXTURES}/bad"), "--json"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for (file, reason) in [
        ("malformed.rss", "malformed XML: "),
        ("sitemap.xml", "not a feed (no RSS, Atom or RDF root)"),
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
    let docs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(docs.as_array().unwrap().len() >= 6, "the rest loads");
}

#[test]
fn control_characters_spelled_as_entities_or_escapes_never_reach_the_output() {
    for path in [bad("control_entities.rss"), bad("control_escapes.json")] {
        let docs = list(&path);
        assert!(!docs.is_empty());
        for d in &docs {
            let full = show(d["id"].as_str().unwrap(), &path);
            let mut texts = Vec::new();
            strings(&full, &mut texts);
            for t in texts {
                assert!(
                    !t.chars()
                        .any(|c| c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)),
                    "{path}: {t:?}"
                );
            }
        }
        let out = run(&["show", docs[0]["id"].as_str().unwrap(), &path]);
        assert!(out.status.success());
        assert!(
            !out.stdout.contains(&0x1b),
            "{path}: ESC in the plain output"
        );
    }
    let d = &list(&bad("control_escapes.json"))[0];
    assert_eq!(d["format"], "feed");
    assert_eq!(d["title"], "Title here");
    assert_eq!(d["source"], "Esc Feed");
}
