//! End to end: the real binary in a real terminal (tmux), driven by keys like a user. Checks
//! that the dashboard shows the seeds, filters live, shows help, quits, and leaves the terminal
//! as it found it (no alternate screen, no mouse reporting), and that reading state saved at
//! quit is back at the next start. Each run keeps its state in a fresh `XDG_STATE_HOME`.
//!
//! Needs tmux; set BRIEFDECK_SKIP_TMUX=1 to skip where it cannot be installed.

#[path = "common/cli.rs"]
mod cli;
#[path = "common/tmux.rs"]
mod tmux;

use std::process::Command;

use tmux::Tmux;

#[test]
fn dashboard_in_a_real_terminal() {
    let Some(tmux) = Tmux::launch_with(&[], &[], "Documents", (120, 40), None) else {
        return;
    };

    // Both seed titles appear.
    tmux.wait_for("both seed titles", |s| {
        s.contains("Italy is seeking") && s.contains("Italia e Giappone")
    });
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "1",
        "dashboard on the alternate screen"
    );
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1", "mouse reporting on");

    // Typing a filter narrows live. `gcap` is in one takeaway of each seed (the English
    // "anchor partner" one and the Italian extracted one), so both documents stay and the
    // takeaways narrow from 12 to 2.
    tmux.keys(&["/"]);
    tmux.text("gcap");
    // Wait for the whole query: a prefix ("gc") already narrows.
    let s = tmux.wait_for("the takeaways to narrow", |s| {
        s.contains("/ gcap") && s.contains("2/12 takeaways")
    });
    assert!(
        s.contains("Takeaways 1/6"),
        "one matching takeaway shown:\n{s}"
    );
    // A query that only the Italian seed's title matches narrows the document list.
    tmux.keys(&["C-u"]);
    tmux.text("rafforzano");
    let s = tmux.wait_for("the list to narrow", |s| {
        s.contains("/ rafforzano") && s.contains("Documents 1/2")
    });
    assert!(
        !s.contains("Italy is seeking"),
        "the English seed is filtered out:\n{s}"
    );
    tmux.keys(&["Enter"]);

    // Help opens, and q closes it before quitting.
    tmux.keys(&["?"]);
    tmux.wait_for("the help", |s| {
        s.contains("Keys") && s.contains("next pane")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the help to close", |s| !s.contains("next pane"));
    tmux.keys(&["q"]);

    // The program exits cleanly and the shell's normal screen is back.
    let s = tmux.assert_restored("0");
    assert!(!s.contains("Reader"), "dashboard left on screen:\n{s}");
}

#[test]
fn without_a_terminal_it_points_to_the_headless_commands() {
    let out = cli::run(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    for cmd in [
        "briefdeck list",
        "briefdeck show",
        "briefdeck takeaways",
        "briefdeck filter",
    ] {
        assert!(err.contains(cmd), "mentions {cmd}: {err}");
    }
}

/// The dashboard on the seeds at 100×30 with `env` set and a fresh state folder.
fn start(env: &[(&str, &str)]) -> Option<Tmux> {
    Tmux::launch(env, &[], "Documents")
}

/// The dashboard on the seeds at 100×30 with its reading state under `state_home`.
fn start_in(state_home: &std::path::Path) -> Option<Tmux> {
    Tmux::launch_with(&[], &[], "Documents", (100, 30), Some(state_home))
}

#[test]
fn a_large_corpus_shows_a_gauge_and_q_quits_while_loading() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Rome and Tokyo agreed to deepen cooperation on naval diplomacy. ".repeat(40);
    for i in 0..6000 {
        let sub = dir.path().join(format!("{:02}", i / 500));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("{i}.txt")),
            format!("Briefing {i}\n\n{body}\n"),
        )
        .unwrap();
    }
    let corpus = dir.path().to_string_lossy();
    let Some(tmux) = Tmux::launch(&[], &["--no-cache", &corpus], "Loading briefings") else {
        return;
    };
    let s = tmux.capture();
    assert!(
        s.contains("files") && s.contains("q quit"),
        "counts and the way out:\n{s}"
    );
    tmux.keys(&["q"]);
    tmux.assert_restored("0");
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_in_the_event_loop_restores_the_terminal() {
    let Some(tmux) = start(&[("BRIEFDECK_DEBUG_PANIC", "1")]) else {
        return;
    };
    tmux.keys(&["F12"]);
    let s = tmux.assert_restored("101");
    assert!(
        s.contains("debug panic trigger"),
        "the panic message is readable:\n{s}"
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (signal, status) in [("TERM", "143"), ("HUP", "129")] {
        let Some(tmux) = start(&[]) else {
            return;
        };
        let shell_pid = tmux.display("#{pane_pid}");
        let killed = Command::new("pkill")
            .args([&format!("-{signal}"), "-P", &shell_pid, "briefdeck"])
            .status()
            .expect("run pkill");
        assert!(killed.success(), "pkill found the dashboard");
        tmux.assert_restored(status);
    }
}

#[test]
fn reading_state_is_saved_at_quit_and_restored_at_start() {
    let home = tempfile::tempdir().expect("temp dir");
    let Some(tmux) = start_in(home.path()) else {
        return;
    };
    // Open the Italian seed (marks it read), star its first takeaway, scroll the reader, quit.
    tmux.keys(&["j", "Enter", "3", "s"]);
    tmux.wait_for("the star", |s| s.contains("★ 1/6"));
    tmux.keys(&["2", "j", "j", "j", "j", "j", "q"]);
    tmux.assert_restored("0");
    drop(tmux);
    let file = home.path().join("briefdeck").join("state.json");
    let saved = std::fs::read_to_string(&file).expect("state.json written");
    let v: serde_json::Value = serde_json::from_str(&saved).expect("valid JSON");
    assert_eq!(v["read"].as_array().map(Vec::len), Some(1), "{saved}");
    assert_eq!(v["last"]["line"], 5, "{saved}");

    let Some(tmux) = start_in(home.path()) else {
        return;
    };
    let s = tmux.wait_for("the restored place", |s| {
        s.contains("back where you left off")
    });
    assert!(s.contains("★ 1/6"), "the star is back:\n{s}");
    assert!(s.contains("✓ it"), "the read mark is back:\n{s}");
    assert!(
        s.contains("Roma, 11 dicembre") && !s.contains("001_fecae6dcc9ec738c"),
        "the reader is scrolled past the title and file name, as it was:\n{s}"
    );
    tmux.keys(&["q"]);
    tmux.assert_restored("0");
}
