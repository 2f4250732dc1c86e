//! End to end: the real binary on the bundled seeds in a real terminal (tmux), typing a word
//! that only the Italian article's body holds ("taiwan"), as a user would: the article shows
//! as a text match with its snippet, Enter opens it on the first hit and n moves to the next.
//!
//! Needs tmux; set BRIEFDECK_SKIP_TMUX=1 to skip where it cannot be installed.

#[path = "common/tmux.rs"]
mod tmux;

use tmux::Tmux;

#[test]
fn typing_a_word_of_the_body_lists_a_text_match_and_enter_opens_its_first_hit() {
    let Some(tmux) = Tmux::launch_with(&[], &[], "Documents", (120, 40), None) else {
        return;
    };
    tmux.keys(&["/"]);
    tmux.text("taiwan");
    // The index is built on a worker after the load; the list gains the text match once it
    // is ready (at once, for the two seeds).
    let s = tmux.wait_for("the text match", |s| {
        s.contains("/ taiwan") && s.contains("≡ 1 in text")
    });
    assert!(
        s.contains("Documents 0/2"),
        "no title or takeaway matches:\n{s}"
    );
    assert!(
        s.contains("▶ Italia e Giappone"),
        "the Italian article is listed:\n{s}"
    );
    assert!(
        s.contains("≡ Dall’Ucraina a Taiwan"),
        "its second line is the snippet:\n{s}"
    );
    assert!(
        s.contains("0/2 documents · 0/12 takeaways · 1 in text"),
        "{s}"
    );
    assert!(s.contains("2 hits · n"), "the reader counts the hits:\n{s}");

    // Enter leaves the filter bar, Enter again opens the document on its first hit.
    tmux.keys(&["Enter"]);
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the first hit", |s| s.contains("hit 1/2"));
    assert!(s.contains("Dall’Ucraina a Taiwan: le crisi"), "{s}");
    tmux.keys(&["n"]);
    let s = tmux.wait_for("the second hit", |s| s.contains("hit 2/2"));
    assert!(
        s.contains("stretto di Taiwan"),
        "the second hit is on screen:\n{s}"
    );
    tmux.keys(&["N"]);
    tmux.wait_for("back to the first hit", |s| s.contains("hit 1/2"));

    // Narrowing to English leaves nothing: field terms restrict text matches too.
    tmux.keys(&["/"]);
    tmux.keys(&["C-u"]);
    tmux.text("lang:en taiwan");
    let s = tmux.wait_for("the English-only query", |s| {
        s.contains("/ lang:en taiwan") && s.contains("No document matches")
    });
    assert!(!s.contains("in text"), "{s}");
    // Esc clears the filter and leaves the bar. Wait for that before `q`: an Esc followed at
    // once by another key reads as Alt and that key, as in any terminal.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the filter to clear", |s| {
        s.contains("Documents 2/2") && !s.contains("/ lang:en taiwan")
    });
    tmux.keys(&["q"]);
    tmux.assert_restored("0");
}
