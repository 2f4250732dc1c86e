//! Handing the terminal to the user's pager or editor and taking it back.
//!
//! The dashboard is suspended the way a shell expects a well-behaved full-screen program to
//! be: mouse reporting off, the alternate screen left, raw mode off, the cursor shown. The child
//! inherits the real terminal and runs in the foreground; nothing of ours reads the terminal
//! meanwhile (the event loop is this thread, and it is waiting for the child). Then the
//! dashboard takes the terminal back and redraws every cell.
//!
//! A signal that ends briefdeck while a child runs (see [`on_signal`]) ends the child first and
//! puts the terminal modes back as they were before it started, so a pager killed mid-screen
//! cannot leave the shell without echo.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::app::App;
use super::wrap::Source;

/// What the signal thread needs to know about a running child.
struct Running {
    /// Process id of the child (`sh`), 0 when none runs.
    pid: u32,
    /// Set once a signal is ending briefdeck: the loop must not take the terminal back.
    stopping: bool,
    /// The terminal's modes before the child started (cooked, as a shell has them).
    modes: Option<libc::termios>,
}

/// Shared by the event loop (which starts and waits for children) and the signal thread.
/// Taking the terminal back happens while holding it, so a signal's restore cannot interleave.
static RUNNING: Mutex<Running> = Mutex::new(Running {
    pid: 0,
    stopping: false,
    modes: None,
});

fn running() -> std::sync::MutexGuard<'static, Running> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// The terminal's file descriptor for saving and restoring its modes: standard input when it is
/// the terminal (as crossterm uses it), else nothing to do.
fn tty_fd() -> Option<libc::c_int> {
    // SAFETY: isatty only inspects the descriptor.
    (unsafe { libc::isatty(libc::STDIN_FILENO) } == 1).then_some(libc::STDIN_FILENO)
}

fn save_modes() -> Option<libc::termios> {
    let fd = tty_fd()?;
    // SAFETY: termios is plain data; tcgetattr fills it or fails.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    (unsafe { libc::tcgetattr(fd, &mut t) } == 0).then_some(t)
}

fn restore_modes(t: &libc::termios) {
    if let Some(fd) = tty_fd() {
        // SAFETY: `t` came from tcgetattr on the same terminal.
        unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, t) };
    }
}

/// Called by the signal thread for SIGTERM, SIGHUP, SIGINT and SIGQUIT; returns whether to go
/// on and end briefdeck. While a child runs, SIGINT and SIGQUIT are the child's (Ctrl-C in
/// `less` or `vi` reaches the whole foreground group), so they are ignored as `system(3)` does.
/// Any other signal is passed on to the child, which gets two seconds to end; then the
/// terminal's modes are put back as they were before it started, whatever it left.
pub(crate) fn on_signal(signal: i32) -> bool {
    let mut r = running();
    if r.pid == 0 {
        r.stopping = true;
        return true;
    }
    if signal == libc::SIGINT || signal == libc::SIGQUIT {
        return false;
    }
    r.stopping = true;
    // SAFETY: sends a signal to our own child, which has not been reaped (pid is cleared first).
    unsafe { libc::kill(r.pid as libc::pid_t, signal) };
    drop(r);
    let deadline = Instant::now() + Duration::from_secs(2);
    while running().pid != 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    if let Some(t) = running().modes {
        restore_modes(&t);
    }
    true
}

/// Leaves the dashboard's terminal state for a child program.
fn suspend() -> io::Result<()> {
    let mut out = io::stdout();
    execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show)?;
    disable_raw_mode()?;
    out.flush()
}

/// Takes the terminal back; the next draw repaints every cell.
fn resume(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    terminal.clear()
}

/// Runs `cmd` with the real terminal, feeding it `input` on standard input when given, and
/// takes the terminal back afterwards, however the child ended. `Err` only for terminal errors;
/// the child's own failure is in the inner result.
fn run_child(
    terminal: &mut ratatui::DefaultTerminal,
    mut cmd: Command,
    input: Option<Vec<u8>>,
    mouse: bool,
) -> io::Result<io::Result<ExitStatus>> {
    suspend()?;
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let outcome = {
        let mut r = running();
        r.modes = save_modes();
        let spawned = cmd.spawn();
        if let Ok(child) = &spawned {
            r.pid = child.id();
        }
        drop(r);
        spawned.and_then(|mut child| {
            // A pager reads as it shows: write from another thread so a long text cannot
            // block us, and stop quietly when the pager quits early (a broken pipe).
            let feeder = child.stdin.take().zip(input).map(|(mut stdin, text)| {
                std::thread::spawn(move || {
                    let _ = stdin.write_all(&text);
                })
            });
            let status = child.wait();
            if let Some(f) = feeder {
                let _ = f.join();
            }
            status
        })
    };
    let mut r = running();
    r.pid = 0;
    if r.stopping {
        // A signal is ending briefdeck and restores the terminal itself.
        drop(r);
        loop {
            std::thread::park();
        }
    }
    // Whatever modes the child left (one killed mid-screen leaves no echo), start from the
    // shell's.
    if let Some(t) = r.modes.take() {
        restore_modes(&t);
    }
    resume(terminal, mouse)?;
    drop(r);
    Ok(outcome)
}

/// The first set, non-empty value among `vars` (as given by `get`), else `default`.
fn command_from(get: impl Fn(&str) -> Option<String>, vars: &[&str], default: &str) -> String {
    vars.iter()
        .filter_map(|v| get(v))
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// The pager command: `$PAGER`, else `less`. Like git and man, the value is a shell command
/// (`less -R`, `most -s`), run with `sh -c`.
pub fn pager_command(get: impl Fn(&str) -> Option<String>) -> String {
    command_from(get, &["PAGER"], "less")
}

/// The editor command: `$EDITOR`, else `$VISUAL`, else `vi`; a shell command too.
pub fn editor_command(get: impl Fn(&str) -> Option<String>) -> String {
    command_from(get, &["EDITOR", "VISUAL"], "vi")
}

/// Whether `command` runs `less` (possibly by path, possibly with options), which takes `+N`
/// to open at line N.
pub fn is_less(command: &str) -> bool {
    command
        .split_whitespace()
        .next()
        .is_some_and(|w| Path::new(w).file_name().is_some_and(|n| n == "less"))
}

/// `sh -c 'COMMAND "$@"' sh ARGS...`: the user's command as the shell reads it, with our
/// arguments passed as arguments, never pasted into the command text (a file name with a quote
/// or `$(...)` in it stays a file name).
///
/// A plain command (`less -R`, `vim`) is `exec`ed, so the child is the program itself and a
/// signal passed on to it reaches it, not just the shell in between (not every `sh` does that
/// by itself).
pub fn shell_command(command: &str, args: &[&std::ffi::OsStr]) -> Command {
    let plain = !command.contains(|c: char| ";&|<>()`$\n\\".contains(c));
    let exec = if plain { "exec " } else { "" };
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{exec}{command} \"$@\""))
        .arg("sh");
    cmd.args(args);
    cmd
}

/// The status line's report of a child that failed, `None` when it succeeded.
pub fn failure(what: &str, command: &str, status: &io::Result<ExitStatus>) -> Option<String> {
    use std::os::unix::process::ExitStatusExt;
    let status = match status {
        Ok(s) if s.success() => return None,
        Ok(s) => s,
        Err(e) => return Some(format!("{what} `{command}` could not start: {e}")),
    };
    Some(match (status.code(), status.signal()) {
        (Some(127), _) => format!("{what} `{command}`: command not found (set ${})", env(what)),
        (Some(126), _) => format!("{what} `{command}`: cannot be run"),
        (Some(code), _) => format!("{what} `{command}` exited with status {code}"),
        (None, Some(sig)) => format!("{what} `{command}` was ended by signal {sig}"),
        (None, None) => format!("{what} `{command}` failed"),
    })
}

fn env(what: &str) -> &'static str {
    if what == "editor" { "EDITOR" } else { "PAGER" }
}

/// The line of the pager's text (from 1) that shows what is at the top of the reader, when the
/// reader is scrolled into the body of document `doc`.
fn reader_line(app: &App, doc: usize, block_lines: &[usize]) -> Option<usize> {
    if app.reader.doc != Some(doc) || app.reader.scroll == 0 {
        return None;
    }
    let w = app.wrapped()?;
    let block = w
        .lines
        .get(app.reader.scroll..)?
        .iter()
        .find_map(|l| match l.source {
            Source::Block(b) => Some(b),
            _ => None,
        })?;
    Some(block_lines.get(block)? + 1)
}

/// Columns the pager's text is wrapped to on a terminal `columns` wide: one less than the
/// terminal (less wants the last column free), at most 100 — or at most the config's
/// `wrap_width` when the user set one, since a reading width chosen for the reader is as much
/// about the pager, the same text read elsewhere. Never below 20.
fn pager_width(columns: u16, wrap_width: u16) -> usize {
    let limit = match wrap_width {
        0 => 100,
        w => usize::from(w),
    };
    usize::from(columns).saturating_sub(1).min(limit).max(20)
}

/// `o`: the document's clean text (what `briefdeck show` prints, wrapped to the terminal) piped
/// into the pager, at the reader's place when the pager is `less`. Returns whether to redraw.
pub(crate) fn pager(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    doc: usize,
) -> io::Result<bool> {
    // The body may still be in the on-disk index (the reader reads it when it opens a
    // document; this one may not have been opened).
    let Some(d) = app.corpus.documents.get_mut(doc) else {
        return Ok(false);
    };
    if let Err(why) = d.load_blocks() {
        app.message = Some(format!("{}: {why}", d.path_display));
        return Ok(true);
    }
    let d = &app.corpus.documents[doc];
    let width = pager_width(app.size.0, app.wrap_width);
    let plain = crate::cli::output::plain(d, width);
    let command = pager_command(|v| std::env::var(v).ok());
    let start = reader_line(app, doc, &plain.block_lines)
        .filter(|_| is_less(&command))
        .map(|n| format!("+{n}"));
    let args: Vec<&std::ffi::OsStr> = start.iter().map(|s| s.as_ref()).collect();
    let mut cmd = shell_command(&command, &args);
    // The text is UTF-8 whatever the locale says; without this, less in a C locale shows
    // accented letters as <C3><A8>. A user's own setting wins.
    if std::env::var_os("LESSCHARSET").is_none() && std::env::var_os("LESSCHARDEF").is_none() {
        cmd.env("LESSCHARSET", "utf-8");
    }
    let status = run_child(terminal, cmd, Some(plain.text.into_bytes()), app.mouse)?;
    app.message = failure("pager", &command, &status);
    Ok(true)
}

/// `E`: the document's file in the editor. The bundled seeds have no file; a file that is gone
/// is not recreated. The event loop reloads afterwards. Returns whether to redraw.
pub(crate) fn editor(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    doc: usize,
) -> io::Result<bool> {
    let Some(d) = app.corpus.documents.get(doc) else {
        return Ok(false);
    };
    if app.paths.is_empty() {
        app.message = Some(
            "this is a bundled sample with no file to edit: open your own briefings with \
             `briefdeck FOLDER`"
                .into(),
        );
        return Ok(true);
    }
    if !d.path.is_file() {
        app.message = Some(format!("{}: the file is gone", d.path_display));
        return Ok(true);
    }
    // A relative name starting with '-' would read as an option.
    let path = if d.path.is_relative() && d.path.as_os_str().as_encoded_bytes().starts_with(b"-") {
        Path::new(".").join(&d.path)
    } else {
        PathBuf::from(&d.path)
    };
    let command = editor_command(|v| std::env::var(v).ok());
    let cmd = shell_command(&command, &[path.as_os_str()]);
    let status = run_child(terminal, cmd, None, app.mouse)?;
    app.message = failure("editor", &command, &status);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |v| {
            pairs
                .iter()
                .find(|(k, _)| *k == v)
                .map(|(_, x)| x.to_string())
        }
    }

    #[test]
    fn commands_fall_back_in_order_and_skip_empty_values() {
        assert_eq!(pager_command(vars(&[])), "less");
        assert_eq!(pager_command(vars(&[("PAGER", " ")])), "less");
        assert_eq!(pager_command(vars(&[("PAGER", "less -R")])), "less -R");
        assert_eq!(editor_command(vars(&[])), "vi");
        assert_eq!(editor_command(vars(&[("VISUAL", "nano")])), "nano");
        assert_eq!(
            editor_command(vars(&[("VISUAL", "nano"), ("EDITOR", "ed")])),
            "ed"
        );
        assert_eq!(
            editor_command(vars(&[("VISUAL", "nano"), ("EDITOR", "")])),
            "nano"
        );
    }

    #[test]
    fn the_pager_wraps_at_the_configured_width_too() {
        assert_eq!(pager_width(120, 0), 100);
        assert_eq!(pager_width(80, 0), 79);
        assert_eq!(pager_width(120, 60), 60);
        assert_eq!(pager_width(80, 90), 79);
        assert_eq!(pager_width(200, 140), 140);
        assert_eq!(pager_width(120, 5), 20);
        assert_eq!(pager_width(10, 0), 20);
    }

    #[test]
    fn less_is_recognised_by_its_name() {
        assert!(is_less("less"));
        assert!(is_less("/usr/bin/less -R"));
        assert!(!is_less("lesspipe"));
        assert!(!is_less("most"));
        assert!(!is_less(""));
    }

    #[test]
    fn paths_are_arguments_not_shell_text() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let evil = dir.path().join("a 'b' $(touch pwned) \"c\".txt");
        let cmd = format!("printf '%s' > '{}'", out.display());
        let status = shell_command(&cmd, &[evil.as_os_str()]).status().unwrap();
        assert!(status.success());
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            evil.to_str().unwrap()
        );
        assert!(!std::path::Path::new("pwned").exists());
        assert!(!dir.path().join("pwned").exists());
        // A compound command still works (not exec'ed).
        let cmd = format!("true; printf '%s' > '{}'", out.display());
        assert!(
            shell_command(&cmd, &[evil.as_os_str()])
                .status()
                .unwrap()
                .success()
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            evil.to_str().unwrap()
        );
    }

    #[test]
    fn a_plain_command_is_the_child_itself() {
        let out = shell_command("echo", &[]).arg("x").output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "x\n");
        let cmd = shell_command("less -R", &[]);
        let script = cmd
            .get_args()
            .nth(1)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(script, "exec less -R \"$@\"");
        let cmd = shell_command("less -R; true", &[]);
        let script = cmd
            .get_args()
            .nth(1)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(!script.starts_with("exec"), "{script}");
    }

    #[test]
    fn failures_are_worded_for_the_status_line() {
        let run = |c: &str| Command::new("sh").arg("-c").arg(c).status();
        assert_eq!(failure("pager", "less", &run("true")), None);
        assert_eq!(
            failure("editor", "ed", &run("exit 3")).unwrap(),
            "editor `ed` exited with status 3"
        );
        let nf = failure("pager", "nope", &run("exit 127")).unwrap();
        assert!(
            nf.contains("command not found") && nf.contains("$PAGER"),
            "{nf}"
        );
        let killed = failure("pager", "x", &run("kill -TERM $$")).unwrap();
        assert!(killed.contains("signal 15"), "{killed}");
    }
}
