//! `briefdeck search` through the real binary: the seeds' Taiwan section, phrases, exclusion,
//! OR, accents, stemming in English and Italian (`tests/fixtures/search/`), field terms, the
//! on-disk index kept in step with a folder, and bad queries.

#[path = "common/cli.rs"]
mod cli;

use std::fs;
use std::path::Path;

use cli::Home;
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/search");

/// `search ARGS --json` in `home`; must succeed.
fn search(home: &Home, args: &[&str]) -> Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    let all: Vec<&str> = all;
    let out = home.run(&all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The file names of the results, in rank order.
fn names(results: &Value) -> Vec<String> {
    results
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            let path = r["path"].as_str().expect("path");
            Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// What each snippet of `result` marks: `text[start..end]`.
fn marked(result: &Value) -> Vec<String> {
    result["snippets"]
        .as_array()
        .expect("snippets")
        .iter()
        .map(|s| {
            let text = s["text"].as_str().unwrap();
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            text.get(start..end)
                .unwrap_or_else(|| panic!("{start}..{end} not on char boundaries of {text:?}"))
                .to_string()
        })
        .collect()
}

/// Sets a file's time an hour back, so the index trusts it at once (a file changed within two
/// seconds of indexing is always checked again, however it looks).
fn age(path: &Path) {
    let file = fs::File::options().append(true).open(path).unwrap();
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    file.set_modified(past).unwrap();
}

/// How many searches the index answered without a load, by the log.
fn answered_from_index(home: &Home) -> usize {
    fs::read_to_string(home.state().join("briefdeck").join("briefdeck.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("search answered from the full-text index"))
        .count()
}

/// Lines of the log file that report a sync of the full-text index.
fn sync_lines(home: &Home) -> Vec<String> {
    let log = fs::read_to_string(home.state().join("briefdeck").join("briefdeck.log"))
        .unwrap_or_default();
    log.lines()
        .filter(|l| l.contains("full-text index synced"))
        .map(str::to_string)
        .collect()
}

#[test]
fn taiwan_is_found_in_the_italian_seed_with_exact_snippets() {
    let home = Home::new();
    let results = search(&home, &["Taiwan"]);
    assert_eq!(results.as_array().unwrap().len(), 1, "{results:#}");
    let r = &results[0];
    assert!(
        r["title"]
            .as_str()
            .unwrap()
            .starts_with("Italia e Giappone")
    );
    let hits = marked(r);
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h == "Taiwan"),
        "{hits:?}"
    );
    // `block` is the index in `show --json`'s blocks: `block_start..block_end` marks the hit
    // in that block's text, and `text` (the sentence around it) is part of that text.
    let doc = r["doc"].as_str().unwrap();
    let shown = cli::json(&["show", doc, "--json"]);
    for s in r["snippets"].as_array().unwrap() {
        let b = s["block"].as_u64().unwrap() as usize;
        let block = shown["blocks"][b]["text"].as_str().unwrap();
        let (from, to) = (
            s["block_start"].as_u64().unwrap() as usize,
            s["block_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&block[from..to], "Taiwan");
        let text = s["text"].as_str().unwrap();
        assert!(
            block.contains(text.trim_matches('…')),
            "{text:?} in {block:?}"
        );
    }
    // Any case, and the score is a number.
    assert_eq!(names(&search(&home, &["taiwan"])), names(&results));
    assert!(r["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn phrases_must_be_in_order() {
    let home = Home::new();
    let results = search(&home, &["\"stretto di Taiwan\""]);
    assert_eq!(results.as_array().unwrap().len(), 1);
    assert_eq!(marked(&results[0]), ["stretto di Taiwan"]);
    assert!(
        search(&home, &["\"Taiwan di stretto\""])
            .as_array()
            .unwrap()
            .is_empty()
    );
    // A phrase of one folder's Italian words across fixtures.
    let results = search(&home, &["\"stretto di messina\"", FIXTURES]);
    assert_eq!(names(&results), ["citta.txt"]);
}

#[test]
fn exclusion_and_or() {
    let home = Home::new();
    let mut both = names(&search(&home, &["partnership OR drone", FIXTURES]));
    both.sort();
    assert_eq!(both, ["drones.txt", "harbour.txt"]);
    assert_eq!(
        names(&search(&home, &["genoa -drone", FIXTURES])),
        ["harbour.txt"]
    );
    assert!(
        search(&home, &["partnership -yokohama", FIXTURES])
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        search(&home, &["partnership -\"green fuels\"", FIXTURES])
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Words must all appear: harbour mentions Genoa, but not Japan.
    assert!(
        search(&home, &["genoa japan", FIXTURES])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn accents_and_stemming_in_both_languages() {
    let home = Home::new();
    let results = search(&home, &["citta", FIXTURES]);
    assert_eq!(names(&results), ["citta.txt"]);
    assert_eq!(marked(&results[0]), ["città"]);
    // English: the plural finds the singular; Italian: "alleanze" finds "alleanza".
    let results = search(&home, &["partnerships", FIXTURES]);
    assert_eq!(names(&results), ["harbour.txt"]);
    assert_eq!(marked(&results[0]), ["partnership"]);
    let results = search(&home, &["alleanze", FIXTURES]);
    assert_eq!(names(&results), ["citta.txt"]);
    assert_eq!(marked(&results[0]), ["alleanza"]);
    // Each language stems its own words: "drones" finds "drone" and "drones".
    let results = search(&home, &["drones", FIXTURES]);
    assert_eq!(names(&results), ["drones.txt"]);
    assert_eq!(marked(&results[0]), ["drone", "drones"]);
}

#[test]
fn field_terms_and_limit_restrict_the_results() {
    let home = Home::new();
    assert_eq!(
        names(&search(&home, &["genova OR genoa lang:it", FIXTURES])),
        ["citta.txt"]
    );
    assert_eq!(
        names(&search(&home, &["genova OR genoa -lang:it", FIXTURES])),
        ["harbour.txt"]
    );
    let limited = search(&home, &["genova OR genoa", FIXTURES, "--limit", "1"]);
    assert_eq!(limited.as_array().unwrap().len(), 1);
    // An unknown language is a note, not an error.
    let out = home.run(&["search", "genoa lang:xx", FIXTURES, "--json"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("lang:xx"));
}

#[test]
fn the_index_follows_the_folder_and_is_reused() {
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    for f in ["harbour.txt", "citta.txt"] {
        fs::copy(Path::new(FIXTURES).join(f), dir.path().join(f)).unwrap();
        age(&dir.path().join(f));
    }
    let path = dir.path().to_str().unwrap();
    let run = |q: &str| search(&home, &["--log", "info", q, path]);
    assert!(run("drone").as_array().unwrap().is_empty());
    assert!(
        sync_lines(&home)[0].contains("added=2"),
        "{:?}",
        sync_lines(&home)
    );
    let fulltext = home.cache().join("briefdeck").join("fulltext");
    assert_eq!(
        fs::read_dir(&fulltext).unwrap().count(),
        1,
        "one index folder"
    );

    // Nothing changed: the index answers alone, no load, no sync, the same results.
    let first = run("genoa");
    let syncs = sync_lines(&home).len();
    assert_eq!(run("genoa"), first);
    assert_eq!(
        sync_lines(&home).len(),
        syncs,
        "no sync when nothing changed"
    );
    assert!(answered_from_index(&home) >= 1);
    assert_eq!(names(&first), ["harbour.txt"]);

    // A new file is found; an edited file replaces its old self; a deleted one is gone.
    fs::copy(
        Path::new(FIXTURES).join("drones.txt"),
        dir.path().join("drones.txt"),
    )
    .unwrap();
    assert_eq!(names(&run("drone")), ["drones.txt"]);
    assert!(
        sync_lines(&home)
            .pop()
            .unwrap()
            .contains("added=1 deleted=0")
    );
    let harbour = dir.path().join("harbour.txt");
    let text = fs::read_to_string(&harbour).unwrap();
    fs::write(&harbour, text.replace("Yokohama", "Kobe")).unwrap();
    assert_eq!(names(&run("kobe")), ["harbour.txt"]);
    let edit = sync_lines(&home).pop().unwrap();
    assert!(edit.contains("added=1 deleted=1 kept=2"), "{edit}");
    assert!(run("yokohama").as_array().unwrap().is_empty());
    fs::remove_file(dir.path().join("drones.txt")).unwrap();
    assert!(run("drone").as_array().unwrap().is_empty());
    assert!(
        sync_lines(&home)
            .pop()
            .unwrap()
            .contains("added=0 deleted=1 kept=2")
    );
}

#[test]
fn no_cache_keeps_the_index_in_memory() {
    let home = Home::new();
    let results = search(&home, &["Taiwan", "--no-cache"]);
    assert_eq!(results.as_array().unwrap().len(), 1);
    assert!(!home.cache().join("briefdeck").join("fulltext").exists());
}

#[test]
fn plain_output_lists_title_path_and_marked_snippets() {
    let out = cli::ok(&["search", "alleanze", FIXTURES]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Le città portuali rafforzano le alleanze");
    assert!(lines[1].contains("citta.txt") && lines[1].contains("score"));
    assert!(lines[2].contains("un'alleanza per la logistica"), "{out}");
    assert!(!out.contains('\x1b'), "no ANSI into a pipe");
}

#[test]
fn bad_queries_are_clear_messages() {
    for (query, says) in [
        ("", "empty query"),
        ("-word", "only excludes"),
        ("\"stretto di", "unbalanced quote"),
        ("a OR", "OR needs"),
        ("...", "no letters or digits"),
    ] {
        let out = cli::run(&["search", "--", query]);
        assert_eq!(out.status.code(), Some(2), "{query:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("briefdeck: search: ") && err.contains(says),
            "{query:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_damaged_index_is_rebuilt_with_one_warning() {
    let home = Home::new();
    let run = || home.run(&["search", "genoa", FIXTURES, "--json"]);
    assert!(run().status.success());
    let fulltext = home.cache().join("briefdeck").join("fulltext");
    let folder = fs::read_dir(&fulltext)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for e in fs::read_dir(&folder).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap().to_string_lossy().starts_with("seg-") {
            fs::write(&p, b"BDFTSEG2 and then nothing that makes sense").unwrap();
        }
    }
    let out = run();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("full-text index unreadable").count(),
        1,
        "{err}"
    );
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(names(&results), ["harbour.txt"]);
    let again = run();
    assert!(
        again.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn hostile_text_never_reaches_a_snippet() {
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("hostile.txt"),
        "Escapes\n\nThe \x1b[2J\x1b]0;owned\x07 harbour \x1b[31mred\x1b[0m and \u{9b}31m more.\n",
    )
    .unwrap();
    let results = search(&home, &["harbour", dir.path().to_str().unwrap()]);
    assert_eq!(results.as_array().unwrap().len(), 1);
    let text = results.to_string();
    for s in results[0]["snippets"].as_array().unwrap() {
        let t = s["text"].as_str().unwrap();
        assert!(!t.chars().any(|c| c.is_control()), "{t:?}");
    }
    assert!(!text.contains('\x1b') && !text.contains('\u{9b}'), "{text}");
    assert_eq!(marked(&results[0]), ["harbour"]);
    let plain = home.run(&["search", "harbour", dir.path().to_str().unwrap()]);
    let plain = String::from_utf8_lossy(&plain.stdout);
    assert!(
        !plain.chars().any(|c| c.is_control() && c != '\n'),
        "{plain:?}"
    );
}
