//! Walking real folders: hidden entries, symlink loops, FIFOs, broken links and size limits.

use std::fs;
use std::path::PathBuf;

use briefdeck::library::{LoadError, LoadOptions, NoticeKind, load_paths};

const BODY: &str = "Title\n\nA body paragraph that is long enough to be read as the text.\n";

fn reasons(corpus: &briefdeck::library::Corpus) -> Vec<(String, String)> {
    corpus
        .notices
        .iter()
        .map(|n| {
            (
                n.path.rsplit('/').next().unwrap_or("").to_string(),
                n.reason.clone(),
            )
        })
        .collect()
}

#[test]
fn walks_recursively_skipping_hidden_and_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("a/b")).unwrap();
    fs::create_dir_all(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("a/b/deep.md"), BODY).unwrap();
    fs::write(dir.path().join("top.txt"), BODY).unwrap();
    fs::write(dir.path().join(".hidden.txt"), BODY).unwrap();
    fs::write(dir.path().join(".git/x.txt"), BODY).unwrap();
    fs::write(dir.path().join("image.png"), b"\x89PNG").unwrap();
    let corpus = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let names: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| d.path_display.clone())
        .collect();
    assert_eq!(corpus.documents.len(), 2, "{names:?}");
    assert!(corpus.notices.is_empty(), "{:?}", corpus.notices);
    // A hidden file named explicitly is loaded: the user asked for it.
    let named = load_paths(&[dir.path().join(".hidden.txt")], &LoadOptions::default()).unwrap();
    assert_eq!(named.documents.len(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loops_broken_links_and_fifos_do_not_hang() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("sub/doc.txt"), BODY).unwrap();
    symlink(root, root.join("sub/loop")).unwrap(); // points back up: a cycle
    symlink(root.join("sub/doc.txt"), root.join("alias.txt")).unwrap(); // same file twice
    symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();
    let fifo = root.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());

    let corpus = load_paths(&[root.to_path_buf()], &LoadOptions::default()).unwrap();
    assert_eq!(corpus.documents.len(), 1, "the linked file is loaded once");
    let reasons = reasons(&corpus);
    assert!(
        reasons.contains(&("broken.txt".into(), "broken symbolic link".into())),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(p, r)| p == "pipe.txt" && r.contains("not a regular file")),
        "{reasons:?}"
    );
    // Named directly, the FIFO is refused too, without being opened for reading.
    let named = load_paths(
        &[fifo.clone(), root.join("sub/doc.txt")],
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(named.documents.len(), 1);
    assert_eq!(named.notices[0].kind, NoticeKind::Skipped);
}

#[test]
fn oversized_files_are_skipped_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), "x ".repeat(2 * 1024 * 1024)).unwrap();
    fs::write(dir.path().join("ok.txt"), BODY).unwrap();
    let opts = LoadOptions {
        max_file_bytes: 1024 * 1024,
        ..LoadOptions::default()
    };
    let corpus = load_paths(&[dir.path().to_path_buf()], &opts).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    let r = reasons(&corpus);
    assert_eq!(r[0].0, "big.txt");
    assert!(
        r[0].1.contains("too large") && r[0].1.contains("limit is 1 MiB"),
        "{r:?}"
    );
}

#[test]
fn a_missing_named_path_is_an_error() {
    let err = load_paths(
        &[PathBuf::from("/no/such/briefings")],
        &LoadOptions::default(),
    );
    assert!(matches!(err, Err(LoadError::Missing(p)) if p == "/no/such/briefings"));
}

#[test]
fn identical_files_get_distinct_ids() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "T\n\nKey points:\n- One point here.\n- Two.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.txt"),
        "T\n\nKey points:\n- One point here.\n- Two.\n",
    )
    .unwrap();
    let corpus = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let (a, b) = (&corpus.documents[0], &corpus.documents[1]);
    assert_ne!(a.id, b.id);
    assert!(
        b.takeaways
            .iter()
            .all(|t| t.id.starts_with(&format!("{}.", b.id)))
    );
}

#[test]
fn file_names_with_escapes_are_printed_clean() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}]0;owned\u{7}.txt");
    fs::write(&evil, "").unwrap();
    let corpus = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let line = corpus.notices[0].to_string();
    assert!(
        !line.contains('\u{1b}') && !line.contains('\u{7}'),
        "{line:?}"
    );
    assert!(
        line.contains("evil") && line.contains("empty file"),
        "{line}"
    );
}

#[test]
fn a_named_file_no_reader_takes_is_skipped_with_the_extensions_that_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("minutes.docx");
    fs::write(&doc, BODY).unwrap();
    let corpus = load_paths(std::slice::from_ref(&doc), &LoadOptions::default()).unwrap();
    assert!(corpus.documents.is_empty());
    let (name, reason) = &reasons(&corpus)[0];
    assert_eq!(name, "minutes.docx");
    for ext in [
        ".txt", ".md", ".json", ".html", ".xml", ".eml", ".mbox", ".pdf",
    ] {
        assert!(reason.contains(ext), "{reason}");
    }
    assert!(
        reason.starts_with("unsupported file type (expected "),
        "{reason}"
    );
}
