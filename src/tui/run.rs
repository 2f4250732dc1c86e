//! The event loop: block on the next terminal event, turn it into an action, update, and draw
//! only when something changed. No ticks and no polling, so an idle dashboard uses no CPU.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use super::action::Action;
use super::app::App;
use super::{keymap, ui};
use crate::corpus::Corpus;
use crate::state::Store;

/// Puts the terminal back however the loop ends: normal return, error or panic unwinding.
///
/// Created before the terminal is switched, so a half-finished setup is undone too. Errors are
/// ignored: there is nothing better to do with them while leaving.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        let _ = ratatui::try_restore();
    }
}

/// Entry point of `briefdeck [PATH...]`: checks for a terminal, loads, runs the dashboard.
/// Reading state lives in `state_file`, else in the XDG state folder (see [`crate::state`]).
pub fn main(
    paths: &[std::path::PathBuf],
    themes: Option<&std::path::Path>,
    state_file: Option<&std::path::Path>,
) -> ExitCode {
    // Bad arguments are reported before anything else, terminal or not.
    let lexicon = match crate::cli::lexicon_or_report(themes) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if !io::stdout().is_terminal() {
        let _ = writeln!(
            io::stderr(),
            "briefdeck: the dashboard needs a terminal, and standard output is not one.\n\
             For scripts and pipes use the headless commands: \
             `briefdeck list`, `briefdeck show DOC`, `briefdeck takeaways`, \
             `briefdeck filter QUERY` (see `briefdeck --help`)."
        );
        return ExitCode::from(1);
    }
    let opts = crate::corpus::LoadOptions {
        lexicon,
        ..crate::corpus::LoadOptions::default()
    };
    let corpus = match crate::cli::load_with(paths, &opts) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let store = match state_file
        .map(Into::into)
        .or_else(crate::state::default_path)
    {
        Some(path) => Store::open(path),
        None => {
            let mut store = Store::in_memory();
            store.add_warning(
                "neither XDG_STATE_HOME nor HOME is set: read marks and stars last until you quit",
            );
            store
        }
    };
    match run(corpus, store) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(unsaved)) => {
            // The dashboard has closed; the user must not miss that their marks were not saved.
            eprintln!("briefdeck: {unsaved}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("briefdeck: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Restores the terminal and exits when the process is told to stop (`kill`, a closed terminal
/// window): without this, SIGTERM or SIGHUP would leave the shell in raw mode on the alternate
/// screen. Runs on its own thread because the event loop blocks in `read`.
fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            let _ = ratatui::try_restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// A deliberate panic for testing that the panic hook restores the terminal: F12, only in debug
/// builds and only with `BRIEFDECK_DEBUG_PANIC` set, so no user can trip it.
#[cfg(debug_assertions)]
fn debug_panic_trigger(key: &event::KeyEvent) {
    if key.code == event::KeyCode::F(12) && std::env::var_os("BRIEFDECK_DEBUG_PANIC").is_some() {
        panic!("debug panic trigger (F12 with BRIEFDECK_DEBUG_PANIC set)");
    }
}

/// Runs the dashboard on `corpus` until the user quits, then saves the reading state. Returns
/// the reason the state could not be saved, if it could not, for the caller to print once the
/// terminal is restored.
pub fn run(corpus: Corpus, store: Store) -> io::Result<Option<String>> {
    let _guard = TerminalGuard;
    restore_on_signals()?;
    let mut terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    let mut app = App::with_store(corpus, size.width, size.height, store);
    // Compute what the first frame needs (the reader's layout) before drawing it.
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|f| ui::draw(f, &app))?;
    loop {
        let action = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                #[cfg(debug_assertions)]
                debug_panic_trigger(&k);
                keymap::map_key(app.key_context(), k)
            }
            Event::Mouse(m) => keymap::map_mouse(m),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        let Some(action) = action else {
            continue;
        };
        let mut redraw = app.update(action);
        if app.quit {
            return Ok(app.save_state());
        }
        // The size the frame will have can differ from the last Resize event (events can be
        // coalesced); bring the state in line before drawing.
        let size = terminal.size()?;
        if (size.width, size.height) != app.size {
            redraw |= app.update(Action::Resize(size.width, size.height));
        }
        if redraw {
            terminal.draw(|f| ui::draw(f, &app))?;
        }
    }
}
