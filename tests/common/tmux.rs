//! The real binary in a private tmux server, driven by keys and read back from the screen.
//! Each run gets fresh XDG config, cache, state and data folders, so no test reads or writes
//! the user's; a test that needs reading state across runs passes its own state folder.
//!
//! Include with `#[path = "common/tmux.rs"] mod tmux;`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private tmux server running one session `t`, killed however the test ends.
pub struct Tmux {
    socket: String,
    /// Holds the run's XDG folders: `config`, `cache`, `data` and (unless given) `state`.
    pub xdg: tempfile::TempDir,
    /// XDG_STATE_HOME of the run.
    pub state: PathBuf,
}

impl Tmux {
    /// Starts `briefdeck ARGS` at 100×30 with `env` set, and waits until the screen shows
    /// `ready`. The shell prints `EXITED status` when the binary ends. `None` (the test skips)
    /// when BRIEFDECK_SKIP_TMUX=1.
    pub fn launch(env: &[(&str, &str)], args: &[&str], ready: &str) -> Option<Tmux> {
        Self::launch_with(env, args, ready, (100, 30), None)
    }

    /// [`Tmux::launch`] at `width`×`height`, with XDG_STATE_HOME at `state` when given (so
    /// reading state saved by one run is there for the next), else in a fresh folder.
    pub fn launch_with(
        env: &[(&str, &str)],
        args: &[&str],
        ready: &str,
        (width, height): (u16, u16),
        state: Option<&Path>,
    ) -> Option<Tmux> {
        if std::env::var_os("BRIEFDECK_SKIP_TMUX").is_some_and(|v| v == "1") {
            eprintln!("skipped: BRIEFDECK_SKIP_TMUX=1");
            return None;
        }
        assert!(
            Command::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "tmux is needed for this end-to-end test: install it (apt-get install tmux), \
             or set BRIEFDECK_SKIP_TMUX=1 to skip it"
        );
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let xdg = tempfile::tempdir().expect("temp dir");
        let state = state.map_or_else(|| xdg.path().join("state"), Path::to_path_buf);
        for sub in ["config", "cache", "data", "state"] {
            std::fs::create_dir(xdg.path().join(sub)).expect("create XDG folder");
        }
        let tmux = Tmux {
            socket: format!("briefdeck-t-{}-{n}-{nanos}", std::process::id()),
            xdg,
            state,
        };
        let q = |s: &str| {
            assert!(!s.contains('\''), "a quote in {s}");
            format!("'{s}'")
        };
        let dir = |sub: &str| q(&tmux.xdg.path().join(sub).to_string_lossy());
        // The shell shares briefdeck's process group (no job control in `sh -c`), so Ctrl-C
        // typed to a pager would end it too and no EXITED line would follow: a trap keeps it.
        // (Children still get SIGINT's default action: only ignored signals are inherited.)
        let mut shell = format!(
            "trap : INT; XDG_CONFIG_HOME={} XDG_CACHE_HOME={} XDG_DATA_HOME={} XDG_STATE_HOME={}",
            dir("config"),
            dir("cache"),
            dir("data"),
            q(&tmux.state.to_string_lossy())
        );
        for (k, v) in env {
            shell.push_str(&format!(" {k}={}", q(v)));
        }
        shell.push_str(&format!(" {}", q(env!("CARGO_BIN_EXE_briefdeck"))));
        for a in args {
            shell.push_str(&format!(" {}", q(a)));
        }
        shell.push_str("; echo EXITED $?; sleep 60");
        let (width, height) = (width.to_string(), height.to_string());
        let out = tmux.cmd(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &width,
            "-y",
            &height,
            "sh",
            "-c",
            &shell,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        tmux.wait_for(ready, |s| s.contains(ready));
        Some(tmux)
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// A tmux format for the pane (`#{alternate_on}`, `#{mouse_any_flag}`, `#{pane_pid}`).
    pub fn display(&self, format: &str) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Sends tmux key names (`q`, `Enter`, `C-c`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types `text` literally (no key names).
    pub fn text(&self, text: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "t", "-l", text])
                .status
                .success(),
            "send-keys -l {text:?}"
        );
    }

    /// Polls the screen until `pred` holds; fails with the last screen after 15 s.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    /// Process id of briefdeck, the pane shell's child.
    pub fn briefdeck_pid(&self) -> String {
        let shell = self.display("#{pane_pid}");
        let out = Command::new("pgrep")
            .args(["-P", &shell, "briefdeck"])
            .output()
            .expect("run pgrep");
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(!pid.is_empty(), "briefdeck is running");
        pid
    }

    /// After the program ended: exit `status`, the shell's screen back, alternate screen and
    /// mouse reporting off.
    pub fn assert_restored(&self, status: &str) -> String {
        let s = self.wait_for("the program to exit", |s| s.contains("EXITED"));
        assert!(
            s.contains(&format!("EXITED {status}")),
            "exit status {status}:\n{s}"
        );
        assert!(!s.contains("Documents"), "dashboard left on screen:\n{s}");
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "alternate screen left"
        );
        assert_eq!(
            self.display("#{mouse_any_flag}"),
            "0",
            "mouse reporting left on"
        );
        s
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// Whether the screen shows the dashboard's frame: pane titles and box borders.
pub fn is_dashboard(s: &str) -> bool {
    s.contains("Documents") && s.contains("Reader") && s.contains('┐') && s.contains('┘')
}
