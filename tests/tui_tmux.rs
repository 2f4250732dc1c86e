//! End to end: the real binary in a real terminal (tmux), driven by keys like a user. Checks
//! that the dashboard shows the seeds, filters live, shows help, quits, and leaves the terminal
//! as it found it (no alternate screen, no mouse reporting), and that reading state saved at
//! quit is back at the next start. Each run keeps its state in a fresh `XDG_STATE_HOME`.
//!
//! Needs tmux; set BRIEFDECK_SKIP_TMUX=1 to skip where it cannot be installed.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private tmux server, killed however the test ends.
struct Tmux {
    socket: String,
}

/// A fresh XDG state folder, so no run reads or writes the real user's reading state.
fn state_home() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(!dir.path().to_string_lossy().contains('\''));
    dir
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status.success(), "send-keys {keys:?}");
    }

    fn text(&self, text: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    /// Polls the screen until `pred` holds; fails with the last screen after a deadline.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn dashboard_in_a_real_terminal() {
    if std::env::var_os("BRIEFDECK_SKIP_TMUX").is_some_and(|v| v == "1") {
        eprintln!("skipped: BRIEFDECK_SKIP_TMUX=1");
        return;
    }
    assert!(
        tmux_available(),
        "tmux is needed for this end-to-end test: install it (apt-get install tmux), \
         or set BRIEFDECK_SKIP_TMUX=1 to skip it"
    );
    let bin = env!("CARGO_BIN_EXE_briefdeck");
    assert!(!bin.contains('\''), "binary path with a quote: {bin}");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmux = Tmux {
        socket: format!("briefdeck-test-{}-{nanos}", std::process::id()),
    };
    let home = state_home();
    let shell = format!(
        "XDG_STATE_HOME='{}' '{bin}'; echo EXITED $?; sleep 30",
        home.path().display()
    );
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "120",
        "-y",
        "40",
        "sh",
        "-c",
        &shell,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");

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
    let s = tmux.wait_for("the program to exit", |s| s.contains("EXITED"));
    assert!(s.contains("EXITED 0"), "exit status 0:\n{s}");
    assert!(
        !s.contains("Documents") && !s.contains("Reader"),
        "dashboard left on screen:\n{s}"
    );
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "alternate screen left"
    );
    assert_eq!(
        tmux.display("#{mouse_any_flag}"),
        "0",
        "mouse reporting switched off"
    );
}

#[test]
fn without_a_terminal_it_points_to_the_headless_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_briefdeck"))
        .output()
        .expect("run briefdeck");
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

/// Starts the real binary in a private tmux server at 100×30 with `env` set and a throwaway
/// state folder; waits for the dashboard. The shell prints EXITED and the status when the
/// binary ends.
fn start(env: &str) -> Option<Tmux> {
    let home = state_home();
    start_in(env, home.path())
}

/// [`start`] with reading state under `state_home`.
fn start_in(env: &str, state_home: &std::path::Path) -> Option<Tmux> {
    launch(env, "", state_home, "Documents")
}

/// Runs the binary with `env` and `args` in a private tmux server at 100×30 and waits until the
/// screen shows `ready`.
fn launch(env: &str, args: &str, state_home: &std::path::Path, ready: &str) -> Option<Tmux> {
    if std::env::var_os("BRIEFDECK_SKIP_TMUX").is_some_and(|v| v == "1") {
        eprintln!("skipped: BRIEFDECK_SKIP_TMUX=1");
        return None;
    }
    assert!(tmux_available(), "tmux is needed for this end-to-end test");
    let bin = env!("CARGO_BIN_EXE_briefdeck");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmux = Tmux {
        socket: format!("briefdeck-sig-{}-{nanos}", std::process::id()),
    };
    let shell = format!(
        "XDG_STATE_HOME='{}' {env} '{bin}' {args}; echo EXITED $?; sleep 30",
        state_home.display()
    );
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &shell,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
    tmux.wait_for(ready, |s| s.contains(ready));
    Some(tmux)
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
    let home = state_home();
    let args = format!("--no-cache '{}'", dir.path().display());
    let Some(tmux) = launch("", &args, home.path(), "Loading briefings") else {
        return;
    };
    let s = tmux.capture();
    assert!(
        s.contains("files") && s.contains("q quit"),
        "counts and the way out:\n{s}"
    );
    tmux.keys(&["q"]);
    assert_restored(&tmux, "0");
}

/// After the program ended: the shell's screen is back, raw mode and mouse reporting are off.
fn assert_restored(tmux: &Tmux, status: &str) -> String {
    let s = tmux.wait_for("the program to exit", |s| s.contains("EXITED"));
    assert!(
        s.contains(&format!("EXITED {status}")),
        "exit status {status}:\n{s}"
    );
    assert!(!s.contains("Documents"), "dashboard left on screen:\n{s}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "alternate screen left"
    );
    assert_eq!(
        tmux.display("#{mouse_any_flag}"),
        "0",
        "mouse reporting left on"
    );
    s
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_in_the_event_loop_restores_the_terminal() {
    let Some(tmux) = start("BRIEFDECK_DEBUG_PANIC=1") else {
        return;
    };
    tmux.keys(&["F12"]);
    let s = assert_restored(&tmux, "101");
    assert!(
        s.contains("debug panic trigger"),
        "the panic message is readable:\n{s}"
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (signal, status) in [("TERM", "143"), ("HUP", "129")] {
        let Some(tmux) = start("") else {
            return;
        };
        let shell_pid = tmux.display("#{pane_pid}");
        let killed = Command::new("pkill")
            .args([&format!("-{signal}"), "-P", &shell_pid, "briefdeck"])
            .status()
            .expect("run pkill");
        assert!(killed.success(), "pkill found the dashboard");
        assert_restored(&tmux, status);
    }
}

#[test]
fn reading_state_is_saved_at_quit_and_restored_at_start() {
    let home = state_home();
    let Some(tmux) = start_in("", home.path()) else {
        return;
    };
    // Open the Italian seed (marks it read), star its first takeaway, scroll the reader, quit.
    tmux.keys(&["j", "Enter", "3", "s"]);
    tmux.wait_for("the star", |s| s.contains("★ 1/6"));
    tmux.keys(&["2", "j", "j", "j", "j", "j", "q"]);
    assert_restored(&tmux, "0");
    drop(tmux);
    let file = home.path().join("briefdeck").join("state.json");
    let saved = std::fs::read_to_string(&file).expect("state.json written");
    let v: serde_json::Value = serde_json::from_str(&saved).expect("valid JSON");
    assert_eq!(v["read"].as_array().map(Vec::len), Some(1), "{saved}");
    assert_eq!(v["last"]["line"], 5, "{saved}");

    let Some(tmux) = start_in("", home.path()) else {
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
    assert_restored(&tmux, "0");
}
