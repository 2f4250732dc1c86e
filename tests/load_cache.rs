//! The on-disk index through the library API: each test names its own cache directory (no
//! environment variables, so tests can run in parallel).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use briefdeck::library::{Corpus, LoadError, LoadOptions, NoticeKind, Phase, Progress, load_paths};

fn body(title: &str, extra: &str) -> String {
    format!(
        "{title}\n\nItaly and Japan are deepening cooperation on the Global Combat Air Programme, \
         officials in Rome said on Monday. {extra}\n\nThe GCAP consortium expects Leonardo and \
         Mitsubishi to agree on export rules for the new fighter jet before the summer.\n\n\
         Key takeaways:\n\n- GCAP export rules are the next test for Rome and Tokyo.\n\
         - Leonardo expects new orders from the programme.\n"
    )
}

/// A corpus of `n` small briefings in a fresh folder.
fn corpus_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        fs::write(
            dir.path().join(format!("doc{i}.txt")),
            body(&format!("Briefing number {i}"), &format!("Note {i}.")),
        )
        .unwrap();
    }
    dir
}

/// Loads `dir` with the index in `cache` (or none), returning the corpus and the progress.
fn load(dir: &Path, cache: Option<&Path>) -> (Corpus, Arc<Progress>) {
    let progress = Arc::new(Progress::default());
    let opts = LoadOptions {
        cache: cache.map(Path::to_path_buf),
        progress: Some(progress.clone()),
        ..LoadOptions::default()
    };
    let corpus = load_paths(&[dir.to_path_buf()], &opts).unwrap();
    (corpus, progress)
}

fn index_files(cache: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(cache)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|e| e == "idx"));
    out
}

fn warnings(corpus: &Corpus) -> Vec<String> {
    corpus
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Warning)
        .map(|n| n.to_string())
        .collect()
}

/// Same documents (ids, text, takeaways, themes) and the same links.
fn assert_same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.documents, b.documents);
    assert_eq!(a.links, b.links);
}

#[test]
fn second_load_reuses_every_file_and_the_links() {
    let dir = corpus_dir(5);
    let cache = tempfile::tempdir().unwrap();
    let (cold, p1) = load(dir.path(), Some(cache.path()));
    let s1 = p1.snapshot();
    assert_eq!((s1.total, s1.done, s1.reused), (5, 5, 0));
    assert_eq!(s1.phase, Phase::Done);
    assert_eq!(index_files(cache.path()).len(), 1);
    let (warm, p2) = load(dir.path(), Some(cache.path()));
    let s2 = p2.snapshot();
    assert_eq!((s2.total, s2.done, s2.reused), (5, 5, 5));
    assert_same(&cold, &warm);
    assert!(warm.links.count() > 0, "the fixture links across documents");
    let (uncached, _) = load(dir.path(), None);
    assert_same(&cold, &uncached);
    assert!(warnings(&warm).is_empty(), "{:?}", warnings(&warm));
}

#[test]
fn stored_links_are_decoded_only_when_asked_and_copied_when_the_index_is_rewritten() {
    let dir = corpus_dir(5);
    let cache = tempfile::tempdir().unwrap();
    let (cold, _) = load(dir.path(), Some(cache.path()));
    assert!(cold.links.is_ready(), "computed links are ready");
    let first = fs::read(&index_files(cache.path())[0]).unwrap();
    // The files were written just now, so this load verifies them by content and rewrites
    // the index: the links it writes are the old bytes, never decoded.
    let (warm, _) = load(dir.path(), Some(cache.path()));
    let second = fs::read(&index_files(cache.path())[0]).unwrap();
    assert_ne!(first, second, "the index was rewritten");
    assert!(
        !warm.links.is_ready(),
        "a load that needs no links leaves them stored"
    );
    let (third, _) = load(dir.path(), Some(cache.path()));
    assert!(!third.links.is_ready());
    assert!(warnings(&third).is_empty(), "{:?}", warnings(&third));
    assert_eq!(
        *third.links, *cold.links,
        "decoded on first use, the same links"
    );
    assert!(third.links.is_ready());
    assert_eq!(*warm.links, *cold.links);
    // Decoded during the load when the caller asks for that.
    let opts = LoadOptions {
        cache: Some(cache.path().to_path_buf()),
        links_ahead: true,
        ..LoadOptions::default()
    };
    let ahead = load_paths(&[dir.path().to_path_buf()], &opts).unwrap();
    assert_eq!(*ahead.links, *cold.links);
}

#[test]
fn an_edited_file_is_parsed_again_and_only_it() {
    let dir = corpus_dir(4);
    let cache = tempfile::tempdir().unwrap();
    load(dir.path(), Some(cache.path()));
    fs::write(
        dir.path().join("doc2.txt"),
        body("A rewritten briefing", "Fincantieri joins."),
    )
    .unwrap();
    let (warm, p) = load(dir.path(), Some(cache.path()));
    assert_eq!(p.snapshot().reused, 3);
    assert!(
        warm.documents
            .iter()
            .any(|d| d.title == "A rewritten briefing")
    );
    let (fresh, _) = load(dir.path(), None);
    assert_same(&fresh, &warm);
    // And the edit is indexed now.
    let (_, p) = load(dir.path(), Some(cache.path()));
    assert_eq!(p.snapshot().reused, 4);
}

#[test]
fn an_edit_keeping_size_and_time_is_caught_by_content() {
    // Written just now, the file is "racy": its entry is trusted only after comparing hashes.
    let dir = corpus_dir(2);
    let cache = tempfile::tempdir().unwrap();
    load(dir.path(), Some(cache.path()));
    let path = dir.path().join("doc1.txt");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Note 1.", "Note 9.");
    fs::write(&path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let (warm, p) = load(dir.path(), Some(cache.path()));
    assert_eq!(p.snapshot().reused, 1);
    let (fresh, _) = load(dir.path(), None);
    assert_same(&fresh, &warm);
}

#[test]
fn removed_files_drop_out() {
    let dir = corpus_dir(3);
    let cache = tempfile::tempdir().unwrap();
    load(dir.path(), Some(cache.path()));
    fs::remove_file(dir.path().join("doc0.txt")).unwrap();
    let (warm, p) = load(dir.path(), Some(cache.path()));
    assert_eq!(warm.documents.len(), 2);
    assert_eq!(p.snapshot().reused, 2);
    let (fresh, _) = load(dir.path(), None);
    assert_same(&fresh, &warm);
}

/// Damages the one index file in `cache` with `damage`, then checks the next load: correct
/// corpus, exactly one warning naming the index, and a sound index again afterwards.
fn survives(damage: impl Fn(&Path)) {
    let dir = corpus_dir(3);
    let cache = tempfile::tempdir().unwrap();
    let (cold, _) = load(dir.path(), Some(cache.path()));
    let files = index_files(cache.path());
    assert_eq!(files.len(), 1);
    damage(&files[0]);
    let (rebuilt, p) = load(dir.path(), Some(cache.path()));
    assert_same(&cold, &rebuilt);
    assert_eq!(p.snapshot().done, 3);
    let w = warnings(&rebuilt);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("index"), "{w:?}");
    // Entries that still check out may be reused; what was damaged was not trusted (the
    // corpus equals the cold one).
    let (again, p) = load(dir.path(), Some(cache.path()));
    assert!(warnings(&again).is_empty());
    assert_eq!(p.snapshot().reused, 3);
}

#[test]
fn a_truncated_index_is_rebuilt_with_one_warning() {
    survives(|f| {
        let len = fs::metadata(f).unwrap().len();
        fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
    });
    survives(|f| fs::write(f, b"").unwrap());
}

#[test]
fn a_garbage_index_is_rebuilt_with_one_warning() {
    survives(|f| fs::write(f, b"this is not an index at all, just some bytes\n").unwrap());
    // Right magic, garbage after it.
    survives(|f| {
        let mut b = fs::read(f).unwrap();
        for x in b.iter_mut().skip(12) {
            *x = x.wrapping_mul(31).wrapping_add(7);
        }
        fs::write(f, b).unwrap();
    });
    // One flipped byte near the end (the links): caught by its checksum.
    survives(|f| {
        let mut b = fs::read(f).unwrap();
        let at = b.len() - 200;
        b[at] ^= 0x55;
        fs::write(f, b).unwrap();
    });
}

#[test]
fn an_index_of_another_format_is_rebuilt_with_one_warning() {
    survives(|f| {
        let mut b = fs::read(f).unwrap();
        b[8..12].copy_from_slice(&0u32.to_le_bytes());
        fs::write(f, b).unwrap();
    });
}

#[test]
fn no_cache_writes_nothing() {
    let dir = corpus_dir(2);
    let cache = tempfile::tempdir().unwrap();
    let (_, p) = load(dir.path(), None);
    assert_eq!(p.snapshot().reused, 0);
    assert!(fs::read_dir(cache.path()).unwrap().next().is_none());
}

#[test]
fn an_unwritable_cache_dir_is_a_warning_not_an_error() {
    let dir = corpus_dir(2);
    let cache = tempfile::tempdir().unwrap();
    let blocker = cache.path().join("file");
    fs::write(&blocker, b"x").unwrap();
    // A directory that cannot be created: its parent is a regular file.
    let (corpus, _) = load(dir.path(), Some(&blocker.join("briefdeck")));
    assert_eq!(corpus.documents.len(), 2);
    assert_eq!(warnings(&corpus).len(), 1, "{:?}", warnings(&corpus));
}

#[test]
fn a_cancelled_load_stops() {
    let dir = corpus_dir(3);
    let progress = Arc::new(Progress::default());
    progress.cancel();
    let opts = LoadOptions {
        cache: None,
        progress: Some(progress.clone()),
        ..LoadOptions::default()
    };
    let got = load_paths(&[dir.path().to_path_buf()], &opts);
    assert!(matches!(got, Err(LoadError::Cancelled)));
    assert_eq!(progress.snapshot().phase, Phase::Done);
}

fn load_lazy(dir: &Path, cache: &Path) -> Corpus {
    let opts = LoadOptions {
        cache: Some(cache.to_path_buf()),
        lazy_blocks: true,
        ..LoadOptions::default()
    };
    load_paths(&[dir.to_path_buf()], &opts).unwrap()
}

/// A JSON file of two articles: one index entry, two documents, so each must get its own
/// blocks back.
fn add_json_pair(dir: &Path) {
    let json = r#"[{"title": "Rome and Tokyo sign GCAP export rules", "body": "The GCAP partners agreed export rules on Monday.\n\nLeonardo welcomed the deal."},
                   {"title": "Naval patrols in the Indo-Pacific", "body": "Italy sent a carrier group to the Indo-Pacific.\n\nThe ships will call at Tokyo."}]"#;
    fs::write(dir.join("pair.json"), json).unwrap();
}

#[test]
fn a_lazy_warm_load_leaves_bodies_in_the_index_until_asked() {
    let dir = corpus_dir(3);
    add_json_pair(dir.path());
    let cache = tempfile::tempdir().unwrap();
    let (cold, _) = load(dir.path(), Some(cache.path()));
    assert_eq!(cold.documents.len(), 5);
    assert!(cold.documents.iter().all(|d| !d.blocks.is_empty()));
    let mut warm = load_lazy(dir.path(), cache.path());
    // Everything but the bodies is there at once.
    assert_eq!(warm.links, cold.links);
    for (w, c) in warm.documents.iter().zip(&cold.documents) {
        assert!(w.blocks.is_empty(), "{}", w.title);
        assert!(w.stored_blocks.is_some());
        assert_eq!(
            (&w.id, &w.title, &w.takeaways),
            (&c.id, &c.title, &c.takeaways)
        );
    }
    // Each document gets its own body back, the two from one JSON file included.
    for d in &mut warm.documents {
        d.load_blocks().unwrap();
        assert!(d.stored_blocks.is_none());
    }
    assert_same(&warm, &cold);
    // An eager warm load reads them at once.
    let (eager, p) = load(dir.path(), Some(cache.path()));
    assert_eq!(p.snapshot().reused, 4);
    assert_same(&eager, &cold);
}

#[test]
fn a_damaged_body_is_an_error_for_that_document_only() {
    let dir = corpus_dir(3);
    let cache = tempfile::tempdir().unwrap();
    let (cold, _) = load(dir.path(), Some(cache.path()));
    // Bodies sit between the documents' part and the links at the end: flip a byte in the
    // last body, found by its text (the documents' part may quote it too).
    let file = &index_files(cache.path())[0];
    let mut bytes = fs::read(file).unwrap();
    let needle = b"officials in Rome said";
    let at = bytes
        .windows(needle.len())
        .rposition(|w| w == needle)
        .expect("body text in the index");
    bytes[at] ^= 0x20;
    fs::write(file, bytes).unwrap();
    // A lazy load does not read bodies, so it does not notice...
    let mut warm = load_lazy(dir.path(), cache.path());
    assert!(warnings(&warm).is_empty());
    // ...until the damaged one is asked for; the others are fine.
    let results: Vec<Result<(), String>> =
        warm.documents.iter_mut().map(|d| d.load_blocks()).collect();
    let failed = results.iter().filter(|r| r.is_err()).count();
    assert_eq!(failed, 1, "{results:?}");
    let why = results.iter().find_map(|r| r.clone().err()).unwrap();
    assert!(why.contains("damaged"), "{why}");
    // An eager load notices, warns once and parses that file again.
    let (rebuilt, _) = load(dir.path(), Some(cache.path()));
    assert_same(&rebuilt, &cold);
    assert_eq!(warnings(&rebuilt).len(), 1, "{:?}", warnings(&rebuilt));
}

/// The index writes each fresh file's blocks from the loaded corpus, found by counting
/// documents per file: a file that gave none (a broken one) or two (a JSON pair) between
/// others must not shift the bodies of the files after it.
#[test]
fn bodies_stay_with_their_documents_around_broken_and_multi_document_files() {
    let dir = corpus_dir(2);
    add_json_pair(dir.path());
    fs::write(dir.path().join("broken.json"), "{\"title\": ").unwrap();
    fs::write(dir.path().join("empty.md"), "").unwrap();
    fs::write(
        dir.path().join("zz.txt"),
        body("Last of all", "A closing paragraph."),
    )
    .unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (cold, _) = load(dir.path(), Some(cache.path()));
    assert!(cold.documents.len() >= 5, "{}", cold.documents.len());
    let mut warm = load_lazy(dir.path(), cache.path());
    for d in &mut warm.documents {
        d.load_blocks().unwrap();
    }
    assert_same(&warm, &cold);
    let said: Vec<String> = warm.notices.iter().map(|n| n.to_string()).collect();
    assert!(said.iter().any(|n| n.contains("broken.json")), "{said:?}");
}
