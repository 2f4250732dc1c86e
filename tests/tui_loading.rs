//! The loading screen: says what is happening with counts, and draws at any size.

mod common;

use briefdeck::library::progress::{Phase, Snapshot};
use briefdeck::tui::ui::loading;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(w: u16, h: u16, s: &Snapshot) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| loading::draw(f, s)).unwrap();
    common::buffer_text(terminal.backend().buffer())
}

fn snap(phase: Phase, found: usize, total: usize, done: usize, reused: usize) -> Snapshot {
    Snapshot {
        phase,
        found,
        total,
        done,
        reused,
    }
}

#[test]
fn the_gauge_shows_counts_for_each_phase() {
    let screen = draw(120, 40, &snap(Phase::Parsing, 10_000, 10_000, 2_500, 0));
    assert!(screen.contains("Loading briefings"), "{screen}");
    assert!(screen.contains("25%"), "{screen}");
    assert!(screen.contains("reading 2500 / 10000 files"), "{screen}");
    assert!(screen.contains("q quit"));
    let reused = draw(120, 40, &snap(Phase::Parsing, 10, 10, 9, 8));
    assert!(reused.contains("(8 from the index)"), "{reused}");
    assert!(draw(120, 40, &snap(Phase::Walking, 42, 0, 0, 0)).contains("42 found"));
    assert!(draw(120, 40, &snap(Phase::Linking, 9, 9, 9, 0)).contains("linking takeaways"));
}

#[test]
fn the_loading_screen_draws_at_every_size() {
    let s = snap(Phase::Parsing, 50_000, 50_000, 12_345, 6_000);
    for w in 1..=70 {
        for h in 1..=8 {
            let screen = draw(w, h, &s);
            assert_eq!(screen.lines().count(), usize::from(h));
        }
    }
}
