//! End to end in tmux: the pager and the editor take the terminal and give it back to an intact
//! dashboard, and live reload shows briefings added to and removed from a watched folder.
//!
//! Needs tmux and less; set BRIEFDECK_SKIP_TMUX=1 to skip where they cannot be installed.

#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;

use tmux::{Tmux, is_dashboard};

/// A briefing with a title and `n` paragraphs, each naming its number.
fn briefing(title: &str, n: usize) -> String {
    let mut s = format!("{title}\n\n");
    for i in 1..=n {
        s.push_str(&format!(
            "Paragraph number {i} of this briefing notes that the harbour authority approved \
             {i} new berths for container ships.\n\n"
        ));
    }
    s
}

fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write briefing");
    }
    dir
}

fn less_available() -> bool {
    std::process::Command::new("less")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether a process runs the program `path` (its first argument, as the shell started it).
fn runs(path: &str) -> bool {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return false;
    };
    procs.flatten().any(|e| {
        std::fs::read(e.path().join("cmdline"))
            .is_ok_and(|c| c.split(|&b| b == 0).next() == Some(path.as_bytes()))
    })
}

/// Where `less` is, from PATH.
fn which_less() -> std::path::PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("less"))
        .find(|p| p.is_file())
        .expect("less is needed for this test (apt-get install less)")
}

fn p(dir: &Path) -> String {
    dir.to_string_lossy().into_owned()
}

#[test]
fn the_pager_shows_the_document_and_gives_back_an_intact_dashboard() {
    let dir = folder(&[
        ("a.txt", briefing("Alpha harbour review", 3)),
        ("b.txt", briefing("Bravo berths plan", 40)),
    ]);
    let env = [("PAGER", "less"), ("LESS", "-R")];
    let Some(t) = Tmux::launch(&env, &[&p(dir.path())], "Bravo berths plan") else {
        return;
    };
    assert!(
        less_available(),
        "less is needed for this test (apt-get install less)"
    );
    // The second document, then the pager.
    t.keys(&["j"]);
    t.wait_for("the second document in the reader", |s| {
        s.contains("Reader") && s.contains("Paragraph number 1 of")
    });
    t.keys(&["o"]);
    let s = t.wait_for("the text in the pager", |s| {
        s.contains("Bravo berths plan") && !s.contains("Documents")
    });
    assert!(s.contains("Paragraph number 1 of this briefing"), "{s}");
    assert!(
        !s.contains('┌') && !s.contains('┃') && !s.contains('│'),
        "no dashboard borders under the pager:\n{s}"
    );
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "0",
        "mouse reporting off for the pager"
    );

    // Ctrl-C belongs to the pager: briefdeck must not end.
    t.keys(&["C-c"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    t.keys(&["q"]);
    let s = t.wait_for("the dashboard back", is_dashboard);
    assert!(
        !s.contains("EXITED"),
        "briefdeck survived Ctrl-C in the pager:\n{s}"
    );
    let selected = s
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_default()
        .to_string();
    assert!(selected.contains("Bravo"), "same selection:\n{s}");
    assert!(s.contains("Paragraph number 1 of"), "reader intact:\n{s}");
    assert_eq!(t.display("#{alternate_on}"), "1");
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "1",
        "mouse reporting back on"
    );

    // Scrolled to the end of the reader, the pager opens there.
    t.keys(&["2", "G", "o"]);
    let s = t.wait_for("the pager at the reader's place", |s| {
        !s.contains("Documents") && s.contains("Paragraph number 40")
    });
    assert!(!s.contains("Paragraph number 2 of"), "not at the top:\n{s}");
    t.keys(&["q"]);
    t.wait_for("the dashboard back", is_dashboard);

    // Still responsive, and quits cleanly.
    t.keys(&["?"]);
    t.wait_for("the help", |s| s.contains("next pane"));
    t.keys(&["q"]);
    t.wait_for("the help to close", |s| !s.contains("next pane"));
    t.keys(&["q"]);
    t.assert_restored("0");
}

#[test]
fn the_editor_changes_the_file_and_the_dashboard_shows_it() {
    let dir = folder(&[("a.txt", briefing("Alpha harbour review", 3))]);
    let bin = tempfile::tempdir().unwrap();
    let script = bin.path().join("append.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '\\nAppended by the editor about the lighthouse.\\n' >> \"$1\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let env = [("EDITOR", script.to_str().unwrap()), ("VISUAL", "false")];
    let Some(t) = Tmux::launch(&env, &[&p(dir.path())], "Alpha harbour review") else {
        return;
    };
    t.keys(&["E"]);
    t.wait_for("the reload after the editor", |s| {
        is_dashboard(s) && s.contains("reloaded: 1 changed")
    });
    t.keys(&["2", "G"]);
    t.wait_for("the appended text in the reader", |s| {
        s.contains("Appended by the editor about the lighthouse")
    });
    let text = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert!(
        text.ends_with("the lighthouse.\n"),
        "the script ran on the file"
    );

    // An editor that fails: a message, and the dashboard stays.
    t.keys(&["q"]);
    t.assert_restored("0");
    let env = [("EDITOR", "false")];
    let Some(t) = Tmux::launch(&env, &[&p(dir.path())], "Alpha harbour review") else {
        return;
    };
    t.keys(&["E"]);
    t.wait_for("the failure in the status line", |s| {
        is_dashboard(s) && s.contains("editor `false` exited with status 1")
    });
    t.keys(&["q"]);
    t.assert_restored("0");
}

#[test]
fn the_bundled_seeds_have_no_file_to_edit_and_a_failing_pager_is_reported() {
    let env = [("PAGER", "false")];
    let Some(t) = Tmux::launch(&env, &[], "Italy is seeking") else {
        return;
    };
    t.keys(&["E"]);
    t.wait_for("the explanation", |s| {
        s.contains("bundled sample with no file")
    });
    t.keys(&["o"]);
    t.wait_for("the failure", |s| {
        is_dashboard(s) && s.contains("pager `false` exited with status 1")
    });
    t.keys(&["q"]);
    t.assert_restored("0");
}

#[test]
fn sigterm_while_the_pager_runs_ends_both_and_restores_the_terminal() {
    let dir = folder(&[("a.txt", briefing("Alpha harbour review", 60))]);
    // less under a name of its own, to check it does not outlive briefdeck.
    let bin = tempfile::tempdir().unwrap();
    let pager = bin.path().join("less");
    let real = which_less();
    std::os::unix::fs::symlink(&real, &pager).unwrap();
    let pager = p(&pager);
    let env = [("PAGER", pager.as_str()), ("LESS", "-R")];
    let Some(t) = Tmux::launch(&env, &[&p(dir.path())], "Alpha harbour review") else {
        return;
    };
    let pid = t.briefdeck_pid();
    t.keys(&["o"]);
    t.wait_for("the pager", |s| {
        !s.contains("Documents") && s.contains("Paragraph number 1 of")
    });
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let s = t.assert_restored("143");
    assert!(
        !s.contains("Paragraph number 1 of"),
        "the pager is gone:\n{s}"
    );
    assert!(!runs(&pager), "the pager still runs");
    // The shell's terminal modes are back: what is typed is echoed.
    t.keys(&["-l", "echoed-text"]);
    t.wait_for("typing to echo", |s| s.contains("echoed-text"));
}

#[test]
fn live_reload_shows_added_and_removed_briefings() {
    let dir = folder(&[("a.txt", briefing("Alpha harbour review", 3))]);
    let Some(t) = Tmux::launch(&[], &[&p(dir.path())], "Alpha harbour review") else {
        return;
    };
    // What editors leave behind is no briefing and no notice.
    std::fs::write(dir.path().join(".b.txt.swp"), "swap").unwrap();
    std::fs::write(dir.path().join("a.txt~"), "backup").unwrap();
    std::fs::write(dir.path().join("b.txt"), briefing("Bravo berths plan", 3)).unwrap();
    let s = t.wait_for("the added briefing in the list", |s| {
        s.contains("Bravo berths plan") && s.contains("Documents 2/2")
    });
    assert!(s.contains("reloaded: 1 added"), "{s}");
    assert!(!s.contains("skipped"), "no notice for editor files:\n{s}");
    let selected = s.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(selected.contains("Alpha"), "selection kept:\n{s}");

    std::fs::remove_file(dir.path().join("a.txt")).unwrap();
    let s = t.wait_for("the removed briefing gone", |s| {
        !s.contains("Alpha harbour review") && s.contains("Documents 1/1")
    });
    assert!(s.contains("reloaded: 1 removed"), "{s}");
    t.keys(&["q"]);
    t.assert_restored("0");
}
