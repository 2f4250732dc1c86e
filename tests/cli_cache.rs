//! The on-disk index through the real binary, with `XDG_CACHE_HOME` pointed at a temporary
//! folder (set on the child only).

#[path = "common/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use cli::Home;

const BODY: &str = "Italy and Japan deepen their defence ties\n\n\
    Rome and Tokyo are deepening cooperation on the Global Combat Air Programme, officials said \
    on Monday after a meeting of the GCAP steering group.\n\n\
    Leonardo expects the first export rules for the new fighter jet before the summer, with \
    Mitsubishi Heavy Industries and BAE Systems.\n";

/// `briefdeck ARGS` in `home`, without HOME, so no index can go anywhere but its cache folder.
fn run(home: &Home, args: &[&str]) -> Output {
    home.command(args)
        .env_remove("HOME")
        .output()
        .expect("binary runs")
}

/// The files named `*.EXT` in `dir`.
fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect()
        })
        .unwrap_or_default()
}

fn index_files(cache: &Path) -> Vec<PathBuf> {
    files_in(&cache.join("briefdeck"), "idx")
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        fs::write(
            dir.path().join(format!("b{i}.txt")),
            BODY.replace("Monday", &format!("day {i}")),
        )
        .unwrap();
    }
    dir
}

#[test]
fn list_writes_the_index_then_reads_it_and_survives_garbage() {
    let docs = corpus();
    let home = Home::new();
    let path = docs.path().to_str().unwrap();
    let first = run(&home, &["list", path, "--json"]);
    assert!(first.status.success());
    assert_eq!(String::from_utf8_lossy(&first.stderr), "");
    let files = index_files(&home.cache());
    assert_eq!(files.len(), 1, "one index in $XDG_CACHE_HOME/briefdeck");

    let second = run(&home, &["list", path, "--json"]);
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(String::from_utf8_lossy(&second.stderr), "");
    for cmd in ["takeaways", "links", "themes"] {
        let cached = run(&home, &[cmd, path, "--json"]);
        let fresh = run(&home, &[cmd, path, "--json", "--no-cache"]);
        assert_eq!(cached.stdout, fresh.stdout, "{cmd}");
    }

    fs::write(&files[0], b"garbage").unwrap();
    let third = run(&home, &["list", path, "--json"]);
    assert!(third.status.success());
    assert_eq!(first.stdout, third.stdout);
    let err = String::from_utf8_lossy(&third.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("briefdeck: warning: ") && err.contains("index"));
    let fourth = run(&home, &["list", path, "--json"]);
    assert_eq!(String::from_utf8_lossy(&fourth.stderr), "", "rebuilt");
}

#[test]
fn no_cache_neither_reads_nor_writes() {
    let docs = corpus();
    let home = Home::new();
    let path = docs.path().to_str().unwrap();
    let out = run(&home, &["list", path, "--no-cache"]);
    assert!(out.status.success());
    assert!(index_files(&home.cache()).is_empty());
    // The dashboard's form parses too (it then stops: standard output is not a terminal).
    let out = run(&home, &["--no-cache", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
    assert!(index_files(&home.cache()).is_empty());
}

#[test]
fn show_reads_its_body_from_a_warm_index() {
    let docs = corpus();
    let home = Home::new();
    let dir = docs.path().to_str().unwrap();
    let file = docs.path().join("b1.txt");
    let file = file.to_str().unwrap();
    let cold = run(&home, &["show", file, dir, "--json"]);
    assert!(cold.status.success());
    assert_eq!(index_files(&home.cache()).len(), 1);
    // Warm: the listing commands leave bodies in the index; `show` must read its one.
    let warm = run(&home, &["show", file, dir, "--json"]);
    assert_eq!(String::from_utf8_lossy(&warm.stderr), "");
    assert_eq!(cold.stdout, warm.stdout);
    let out = String::from_utf8_lossy(&warm.stdout);
    assert!(
        out.contains("Leonardo expects the first export rules"),
        "{out}"
    );
    let text = run(&home, &["show", file, dir]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Mitsubishi Heavy Industries"));
}

fn fold_files(cache: &Path) -> Vec<PathBuf> {
    files_in(&cache.join("briefdeck").join("texts"), "fold")
}

/// Sets every file's time an hour back, so the stamp is outside the racy window and trusted.
fn age(dir: &Path) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in fs::read_dir(dir).unwrap().flatten() {
        let f = fs::File::options().append(true).open(e.path()).unwrap();
        f.set_modified(then).unwrap();
    }
}

#[test]
fn filter_stores_the_folded_texts_and_refolds_when_a_file_changes_or_they_are_damaged() {
    let docs = corpus();
    age(docs.path());
    let home = Home::new();
    let path = docs.path().to_str().unwrap();
    let first = run(&home, &["filter", "gcap", path, "--json"]);
    assert!(first.status.success());
    let folds = fold_files(&home.cache());
    assert_eq!(folds.len(), 1, "one fold file for the unchanged files");
    let again = run(&home, &["filter", "gcap", path, "--json"]);
    assert_eq!(again.stdout, first.stdout, "read back, the same hits");
    assert_eq!(String::from_utf8_lossy(&again.stderr), "");

    // Damaged: refolded (same output, no message), and replaced by a whole file.
    let mut bytes = fs::read(&folds[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    fs::write(&folds[0], &bytes).unwrap();
    let damaged = run(&home, &["filter", "gcap", path, "--json"]);
    assert_eq!(damaged.stdout, first.stdout);
    assert_eq!(String::from_utf8_lossy(&damaged.stderr), "");
    assert_ne!(fs::read(&folds[0]).unwrap(), bytes, "rewritten");

    // A changed title: another state of the files, another fold, the new title found.
    fs::write(
        docs.path().join("b1.txt"),
        BODY.replace("Italy and Japan", "Zanzibar and Japan"),
    )
    .unwrap();
    age(docs.path());
    let changed = run(&home, &["filter", "zanzibar", path, "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&changed.stdout).unwrap();
    assert_eq!(hits[0]["kind"], "document");
    assert!(hits[0]["text"].as_str().unwrap().starts_with("Zanzibar"));
    assert_eq!(fold_files(&home.cache()).len(), 2);

    // Files changed just now are not trusted: nothing stored for them.
    let fresh = corpus();
    run(&home, &["filter", "gcap", fresh.path().to_str().unwrap()]);
    assert_eq!(fold_files(&home.cache()).len(), 2);
}
