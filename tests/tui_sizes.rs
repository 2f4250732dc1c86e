//! No screen size may panic: every size from 1×1 to 40×15 and a few common larger ones, with
//! each pane focused, each pop-up open, the filter being typed and the full-screen reader.

mod common;

use briefdeck::keys::{Action, Pane};
use briefdeck::library::{Notice, NoticeKind};
use briefdeck::tui::App;
use common::screen;

/// A state to draw at every size.
struct Case {
    name: &'static str,
    actions: &'static [Action],
}

const CASES: &[Case] = &[
    Case {
        name: "list",
        actions: &[],
    },
    Case {
        name: "reader",
        actions: &[Action::Focus(Pane::Reader), Action::Bottom],
    },
    Case {
        name: "takeaways",
        actions: &[
            Action::Focus(Pane::Takeaways),
            Action::Bottom,
            Action::Activate,
        ],
    },
    Case {
        name: "help",
        actions: &[Action::ToggleHelp, Action::Bottom],
    },
    Case {
        name: "notices",
        actions: &[Action::ToggleNotices, Action::Bottom],
    },
    Case {
        name: "linked, after a jump",
        actions: &[
            Action::Focus(Pane::Takeaways),
            Action::Down,
            Action::Focus(Pane::Links),
            Action::Activate,
            Action::Bottom,
        ],
    },
    Case {
        name: "themes",
        actions: &[Action::ToggleThemes, Action::Bottom],
    },
    Case {
        name: "zoom",
        actions: &[Action::ToggleZoom, Action::PageDown],
    },
    Case {
        name: "filter",
        actions: &[
            Action::FilterStart,
            Action::FilterInsert('j'),
            Action::FilterInsert('a'),
            Action::FilterInsert('p'),
            Action::NextMatch,
        ],
    },
    Case {
        name: "no match",
        actions: &[
            Action::FilterStart,
            Action::FilterInsert('§'),
            Action::FilterAccept,
        ],
    },
];

fn app_for(case: &Case) -> App {
    let mut corpus = briefdeck::library::seeds::bundled();
    corpus.notices.push(Notice {
        kind: NoticeKind::Skipped,
        path: "some/rather/long/path/to/a/folder/with/a/broken-briefing.txt".into(),
        reason: "not valid UTF-8, UTF-16 or a known legacy encoding".into(),
    });
    let mut app = App::new(corpus, 120, 40);
    for &a in case.actions {
        app.update(a);
    }
    app
}

fn sizes() -> Vec<(u16, u16)> {
    let mut v: Vec<(u16, u16)> = (1..=40)
        .flat_map(|w| (1..=15).map(move |h| (w, h)))
        .collect();
    v.extend([
        (80, 24),
        (79, 24),
        (119, 30),
        (120, 40),
        (100, 30),
        (250, 80),
        (300, 3),
        (3, 120),
    ]);
    v
}

#[test]
fn every_size_draws_without_panic() {
    for case in CASES {
        let mut app = app_for(case);
        for (w, h) in sizes() {
            app.update(Action::Resize(w, h));
            let text = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| screen(&app)))
                .unwrap_or_else(|_| panic!("case {} panicked at {w}x{h}", case.name));
            assert_eq!(text.lines().count(), usize::from(h));
        }
    }
}

#[test]
fn actions_at_tiny_sizes_do_not_panic() {
    let all = [
        Action::Down,
        Action::PageDown,
        Action::HalfPageDown,
        Action::Bottom,
        Action::NextHeading,
        Action::PrevHeading,
        Action::NextMatch,
        Action::Activate,
        Action::FocusNext,
        Action::ToggleZoom,
        Action::Wheel {
            column: 0,
            row: 0,
            down: true,
        },
        Action::Click { column: 0, row: 0 },
        Action::ToggleHelp,
        Action::Down,
        Action::CloseOverlay,
    ];
    for (w, h) in [(1, 1), (2, 2), (19, 5), (20, 6), (21, 7)] {
        let mut app = app_for(&CASES[0]);
        app.update(Action::Resize(w, h));
        for a in all {
            app.update(a);
            screen(&app);
        }
    }
}

#[test]
fn tiny_terminals_say_so() {
    let mut app = app_for(&CASES[0]);
    app.update(Action::Resize(19, 10));
    assert!(screen(&app).contains("too small"));
}

/// Random jumps between tiny and huge sizes, with scrolling and jumps in between, so offsets
/// computed for one size meet a much smaller screen on the next frame.
#[test]
fn a_storm_of_random_resizes_between_frames() {
    let mut seed: u32 = 0x5eed;
    let mut next = |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % n
    };
    let moves = [
        Action::Bottom,
        Action::PageDown,
        Action::Down,
        Action::FocusNext,
        Action::Activate,
        Action::NextMatch,
        Action::Back,
        Action::Forward,
    ];
    for case in CASES {
        let mut app = app_for(case);
        for _ in 0..300 {
            let (w, h) = if next(4) == 0 {
                (1 + next(30) as u16, 1 + next(10) as u16)
            } else {
                (1 + next(300) as u16, 1 + next(100) as u16)
            };
            app.update(Action::Resize(w, h));
            app.update(moves[next(moves.len() as u32) as usize]);
            let text = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| screen(&app)))
                .unwrap_or_else(|_| panic!("case {} panicked at {w}x{h}", case.name));
            assert_eq!(text.lines().count(), usize::from(h));
        }
    }
}
