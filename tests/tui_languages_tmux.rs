//! End to end: the real binary in a real terminal (tmux) on a folder mixing the two seeds
//! (English, Italian) with the French, German and Spanish articles of
//! `tests/fixtures/languages/`. Filtering by `#defence-industry` keeps the five Italy–Japan
//! defence stories, one per language, and drops the vineyard and football ones; from the
//! French article, following a link lands on a seed.
//!
//! Needs tmux; set BRIEFDECK_SKIP_TMUX=1 to skip where it cannot be installed.

#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;

use tmux::Tmux;

/// Title openings short enough for the documents pane's first line.
const DEFENCE_TITLES: &[(&str, &str)] = &[
    ("en", "Italy is seeking"),
    ("it", "Italia e Giappone"),
    ("fr", "Italie et Japon"),
    ("de", "Italien und Japan"),
    ("es", "Italia y Japón"),
];
const OTHER_TITLES: &[&str] = &["Dans les vignes", "Ausverkauft im Regen"];

/// A temporary folder holding the seeds and the language fixtures.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["seeds", "tests/fixtures/languages"] {
        for entry in std::fs::read_dir(root.join(sub)).expect("fixture folder") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).expect("copy");
        }
    }
    dir
}

#[test]
fn the_defence_filter_spans_five_languages_and_a_french_link_lands_on_a_seed() {
    let folder = mixed_folder();
    let path = folder.path().to_string_lossy().into_owned();
    let Some(tmux) = Tmux::launch_with(&[], &[&path], "Documents", (160, 50), None) else {
        return;
    };
    tmux.wait_for("all seven documents", |s| {
        s.contains(" 7/7 documents")
            && OTHER_TITLES.iter().all(|t| s.contains(t))
            && DEFENCE_TITLES.iter().all(|(_, t)| s.contains(t))
    });

    // The theme filter keeps the five defence stories, in five languages.
    tmux.keys(&["/"]);
    tmux.text("#defence-industry");
    let s = tmux.wait_for("the theme filter", |s| {
        s.contains("/ #defence-industry") && s.contains(" 5/7 documents")
    });
    for (lang, title) in DEFENCE_TITLES {
        assert!(s.contains(title), "{title} listed:\n{s}");
        // Each list entry's second line starts with its language.
        assert!(s.contains(&format!("  {lang} · ")), "a {lang} entry:\n{s}");
    }
    for title in OTHER_TITLES {
        assert!(!s.contains(title), "{title} filtered out:\n{s}");
    }
    tmux.keys(&["Enter"]);

    // Narrow to the French article, then follow one of its takeaway's links to a seed.
    tmux.keys(&["/"]);
    tmux.keys(&["C-u"]);
    tmux.text("lang:fr #defence-industry");
    let s = tmux.wait_for("the French article alone", |s| {
        s.contains("/ lang:fr #defence-industry") && s.contains(" 1/7 documents")
    });
    assert!(s.contains("▶ Italie et Japon"), "{s}");
    tmux.keys(&["Enter", "3", "4"]);
    // The Linked pane lists the takeaway's related ones, best first; move to the first one
    // in a seed (English or Italian).
    let on_seed = |s: &str| s.contains("▶ en · ") || s.contains("▶ it · ");
    let mut s = tmux.wait_for("the Linked pane", |s| {
        s.contains("Linked") && (s.contains("▶ es · ") || s.contains("▶ de · ") || on_seed(s))
    });
    for _ in 0..5 {
        if on_seed(&s) {
            break;
        }
        // Wait for the selection to move, not for any change: a status line update (the
        // full-text index getting ready) would otherwise stand in for the keypress.
        let selected = |s: &str| -> Vec<String> {
            s.lines()
                .filter(|l| l.contains('▶'))
                .map(str::to_string)
                .collect()
        };
        let before = selected(&s);
        tmux.keys(&["j"]);
        s = tmux.wait_for("the next link", |now| selected(now) != before);
    }
    assert!(on_seed(&s), "a link to a seed in the Linked pane:\n{s}");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the jump to a seed", |s| {
        s.contains("│ en · no date") || s.contains("│ it · 2025-12-11")
    });
    assert!(
        s.contains("▶ Italy is seeking") || s.contains("▶ Italia e Giappone"),
        "the seed is the selected document:\n{s}"
    );
    assert!(
        s.contains("filter cleared to show the linked takeaway"),
        "the French-only filter hid the seed, so it was cleared:\n{s}"
    );
    tmux.keys(&["q"]);
    tmux.assert_restored("0");
}
