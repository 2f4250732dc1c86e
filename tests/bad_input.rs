//! Hostile and broken input: every case gets its documented outcome (loaded, or skipped with a
//! one-line reason naming the file), the rest of the corpus still loads, nothing panics and
//! nothing hangs. The README's "Bad input" table lists the same cases and outcomes.

#[path = "common/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefdeck::library::{Corpus, LoadOptions, NoticeKind, load_paths};

const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");

fn bad(name: &str) -> PathBuf {
    Path::new(BAD).join(name)
}

fn load(paths: &[PathBuf]) -> Corpus {
    load_paths(paths, &LoadOptions::default()).expect("named paths exist")
}

/// Loads `file` next to a good briefing: the good one must always load.
fn with_good(file: &Path) -> Corpus {
    let corpus = load(&[file.to_path_buf(), bad("good.txt")]);
    assert!(
        corpus.documents.iter().any(|d| d.title == "Good title"),
        "the good file next to {} did not load",
        file.display()
    );
    corpus
}

/// Asserts `file` was skipped with exactly one notice containing `reason` and its name.
fn skipped(file: &Path, reason: &str) {
    let corpus = with_good(file);
    let name = file.file_name().unwrap().to_string_lossy();
    let notices: Vec<_> = corpus
        .notices
        .iter()
        .filter(|n| n.path.ends_with(&*name))
        .collect();
    assert_eq!(notices.len(), 1, "{name}: {notices:?}");
    assert_eq!(notices[0].kind, NoticeKind::Skipped, "{name}");
    assert!(
        notices[0].reason.contains(reason),
        "{name}: {:?}",
        notices[0].reason
    );
    assert!(!notices[0].to_string().contains('\n'), "one line");
    assert_eq!(corpus.documents.len(), 1, "{name} produced a document");
}

/// Asserts `file` loaded as one document; returns it.
fn loaded(file: &Path) -> briefdeck::model::Document {
    let corpus = with_good(file);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let mut docs: Vec<_> = corpus
        .documents
        .into_iter()
        .filter(|d| d.path_display.ends_with(&name))
        .collect();
    assert_eq!(docs.len(), 1, "{name} did not load");
    docs.remove(0)
}

#[test]
fn empty_and_whitespace_only_files_are_skipped() {
    skipped(&bad("empty.txt"), "empty file");
    skipped(&bad("whitespace.txt"), "only whitespace");
}

#[test]
fn binary_files_are_skipped() {
    skipped(&bad("binary.txt"), "binary file");
}

#[test]
fn latin1_loads_with_a_warning_and_random_bytes_are_not_text() {
    let corpus = with_good(&bad("latin1.txt"));
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.title == "Città e sicurezza")
        .unwrap();
    assert!(doc.blocks[0].text.contains("dicono “fonti” – è pronta"));
    let warning = corpus
        .notices
        .iter()
        .find(|n| n.path.ends_with("latin1.txt"))
        .unwrap();
    assert_eq!(warning.kind, NoticeKind::Warning);
    assert!(warning.reason.contains("Windows-1252"));
    skipped(&bad("random_bytes.txt"), "does not look like text");
}

#[test]
fn byte_order_marks_and_utf16() {
    assert_eq!(loaded(&bad("utf8_bom.txt")).title, "BOM title");
    for f in ["utf16le_bom.txt", "utf16be_bom.txt"] {
        let d = loaded(&bad(f));
        assert_eq!(d.title, "UTF-16 title", "{f}");
        assert!(d.blocks[0].text.contains("città, perché"), "{f}");
    }
}

#[test]
fn crlf_and_lone_cr() {
    let d = loaded(&bad("crlf.txt"));
    assert_eq!(d.title, "CRLF title");
    assert!(d.blocks.iter().all(|b| !b.text.contains('\r')));
    let d = loaded(&bad("lone_cr.txt"));
    assert_eq!(d.title, "CR title");
    assert_eq!(d.blocks[0].text, "Old Mac line endings in this body.");
}

#[test]
fn malformed_wrong_shape_and_deeply_nested_json_are_skipped() {
    skipped(&bad("malformed.json"), "malformed JSON");
    skipped(&bad("wrong_shape.json"), "not an article");
    skipped(&bad("deep.json"), "recursion limit");
    skipped(&bad("deep_object.json"), "recursion limit");
}

#[test]
fn deeply_nested_markdown_loads() {
    let d = loaded(&bad("deep_nesting.md"));
    assert!(d.blocks.iter().any(|b| b.text == "deep quote"));
    assert!(d.blocks.iter().any(|b| b.text == "level 149"));
}

#[test]
fn huge_inputs_load_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    let para = "The ministers agreed to deepen cooperation on naval diplomacy and industry.\n\n";
    // A 20 MB document.
    let big = dir.path().join("twenty_mb.txt");
    fs::write(
        &big,
        format!(
            "Big title\n\n{}",
            para.repeat(20 * 1024 * 1024 / para.len())
        ),
    )
    .unwrap();
    let d = loaded(&big);
    assert!(d.blocks.len() > 200_000);
    // A single 2 MB line.
    let line = dir.path().join("one_line.txt");
    fs::write(&line, "word ".repeat(2 * 1024 * 1024 / 5)).unwrap();
    let d = loaded(&line);
    assert!(
        d.title.chars().count() <= 80,
        "a short title is made from it"
    );
    // 50,000 bullets and 10,000 headings.
    let bullets = dir.path().join("bullets.md");
    let items: String = (0..50_000).map(|i| format!("- point {i}\n")).collect();
    fs::write(&bullets, format!("# Bullets\n\nKey takeaways:\n\n{items}")).unwrap();
    let d = loaded(&bullets);
    assert_eq!(
        d.blocks
            .iter()
            .filter(|b| b.text.starts_with("point "))
            .count(),
        50_000
    );
    let headings = dir.path().join("headings.md");
    let hs: String = (0..10_000)
        .map(|i| format!("## Heading {i}\n\nText {i}.\n\n"))
        .collect();
    fs::write(&headings, format!("# Headings\n\n{hs}")).unwrap();
    let d = loaded(&headings);
    assert_eq!(
        d.blocks
            .iter()
            .filter(|b| b.kind == briefdeck::model::BlockKind::Heading)
            .count(),
        10_000
    );
    // Past the size limit: skipped with the limit named.
    let opts = LoadOptions {
        max_file_bytes: 1024 * 1024,
        ..LoadOptions::default()
    };
    let corpus = load_paths(&[big], &opts).unwrap();
    assert!(corpus.documents.is_empty());
    assert!(corpus.notices[0].reason.contains("limit is 1 MiB"));
}

#[cfg(unix)]
#[test]
fn unreadable_files_links_loops_fifos_and_missing_paths() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::copy(bad("good.txt"), root.join("good.txt")).unwrap();
    let locked = root.join("locked.txt");
    fs::write(&locked, "Locked\n\nSecret text here.\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    symlink(root, root.join("sub/loop")).unwrap();
    let fifo = root.join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );

    let corpus = load(&[root.to_path_buf()]);
    let reason = |name: &str| {
        corpus
            .notices
            .iter()
            .find(|n| n.path.ends_with(name))
            .map(|n| n.reason.clone())
    };
    // Root reads everything, so the permission case only shows as a user.
    let is_root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    if is_root {
        assert!(corpus.documents.iter().any(|d| d.title == "Locked"));
    } else {
        assert_eq!(reason("locked.txt").as_deref(), Some("permission denied"));
    }
    assert_eq!(
        reason("broken.txt").as_deref(),
        Some("broken symbolic link")
    );
    assert!(reason("pipe.txt").unwrap().contains("not a regular file"));
    assert!(corpus.documents.iter().any(|d| d.title == "Good title"));
    let missing = load_paths(&[root.join("not-there")], &LoadOptions::default());
    assert!(missing.is_err());
}

#[test]
fn the_binary_on_the_whole_bad_folder_finishes_and_reports_each_file_once() {
    let home = cli::Home::new();
    let mut child = home
        .command(&["list", BAD, "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "briefdeck hung on the bad fixtures"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        docs.as_array()
            .unwrap()
            .iter()
            .any(|d| d["title"] == "Good title")
    );
    let err = String::from_utf8(out.stderr).unwrap();
    for name in [
        "empty.txt",
        "whitespace.txt",
        "binary.txt",
        "random_bytes.txt",
        "malformed.json",
        "wrong_shape.json",
        "deep.json",
        "deep_object.json",
    ] {
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "{name}: {lines:?}");
        assert!(lines[0].starts_with("briefdeck: skipped "), "{}", lines[0]);
    }
}
