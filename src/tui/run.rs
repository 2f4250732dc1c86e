//! The event loop: block on the next terminal event, turn it into an action, update, and draw
//! only when something changed. No ticks and no polling once loaded from the bundled seeds, so
//! an idle dashboard uses no CPU; over files on disk it also wakes four times a second to look
//! for file changes (see [`super::live`]), which costs microseconds. While a large corpus
//! loads, a gauge redraws ten times a second and `q` still quits. After a keystroke over a
//! large corpus, the loop counts its matches in steps of a few milliseconds while no key is
//! waiting (see [`App::count_matches`]).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use super::app::{App, Settings};
use super::effect::Effect;
use super::keymap::KeyEvents;
use super::live::Live;
use super::loader::Loader;
use super::textsearch::Indexing;
use super::{keymap, shell, ui};
use crate::keys::Action;
use crate::library::{Corpus, LoadError};
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

/// What `briefdeck [PATH...]` runs with: the command line merged with the config file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Files or folders to load; the bundled seeds when empty.
    pub paths: Vec<std::path::PathBuf>,
    /// Theme lexicon files, merged in order over the built-in one.
    pub theme_files: Vec<std::path::PathBuf>,
    /// Where reading state lives; the XDG state folder when `None` (see [`crate::state`]).
    pub state_file: Option<std::path::PathBuf>,
    /// Keymap, colours, mouse and reader width.
    pub settings: super::app::Settings,
    /// Where subscriptions and fetched entries are, for `r`.
    pub feeds: Option<crate::feeds::Places>,
}

impl Options {
    /// The command line's `paths`, `--themes` and `--state-file` over the config's settings,
    /// with colours as the environment allows (`NO_COLOR`, `COLORTERM`).
    pub fn new(
        loaded: &crate::config::Loaded,
        paths: &[std::path::PathBuf],
        themes: Option<&std::path::Path>,
        state_file: Option<&std::path::Path>,
    ) -> Options {
        let config = &loaded.config;
        Options {
            paths: crate::cli::feeds::corpus_paths(loaded, paths),
            feeds: crate::feeds::Places::of(loaded.path.as_deref()).ok(),
            theme_files: config.theme_files(themes),
            state_file: state_file.map(Into::into),
            settings: super::app::Settings::from_config(
                config,
                super::palette::ColorMode::from_env(),
            ),
        }
    }
}

/// Entry point of `briefdeck [PATH...]`: checks for a terminal, loads, runs the dashboard.
pub fn main(opts: Options) -> ExitCode {
    let Options {
        paths,
        theme_files,
        state_file,
        settings,
        feeds,
    } = opts;
    // Bad arguments are reported before anything else, terminal or not.
    let lexicon = match crate::cli::lexicons_or_report(&theme_files) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if !io::stdout().is_terminal() {
        let _ = writeln!(
            io::stderr(),
            "briefdeck: the dashboard needs a terminal, and standard output is not one.\n\
             For scripts and pipes use the headless commands: \
             `briefdeck list`, `briefdeck show DOC`, `briefdeck takeaways`, \
             `briefdeck filter QUERY`, `briefdeck export` (see `briefdeck --help`)."
        );
        return ExitCode::from(1);
    }
    // A mistyped path is reported on the normal screen, before the dashboard starts.
    for path in &paths {
        if std::fs::symlink_metadata(path).is_err() {
            eprintln!(
                "briefdeck: {}: no such file or directory",
                crate::ingest::display(path)
            );
            return ExitCode::from(1);
        }
    }
    let loader = Loader::start(paths, lexicon);
    let store = match state_file.or_else(crate::state::default_path) {
        Some(path) => Store::open(path),
        None => {
            let mut store = Store::in_memory();
            store.add_warning(
                "neither XDG_STATE_HOME nor HOME is set: read marks and stars last until you quit",
            );
            store
        }
    };
    let fetching = super::fetching::Fetching::new(feeds);
    match run(loader, store, &settings, fetching) {
        Ok(Ended::Quit(None) | Ended::Cancelled) => ExitCode::SUCCESS,
        Ok(Ended::Quit(Some(unsaved))) => {
            // The dashboard has closed; the user must not miss that their marks were not saved.
            eprintln!("briefdeck: {unsaved}");
            ExitCode::from(1)
        }
        Ok(Ended::NothingLoaded(corpus)) => {
            for notice in &corpus.notices {
                eprintln!("briefdeck: {notice}");
            }
            eprintln!("briefdeck: no briefings loaded");
            ExitCode::from(1)
        }
        Ok(Ended::LoadFailed(e)) => {
            eprintln!("briefdeck: {e}");
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
/// screen. Runs on its own thread because the event loop blocks in `read`. While a pager or
/// editor runs, [`shell::on_signal`] ends it first (and leaves Ctrl-C to it).
fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if !shell::on_signal(signal) {
                continue;
            }
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

/// Does the work an action left for the event loop (see [`Effect`]); returns whether to redraw.
fn carry_out(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    effect: Effect,
) -> io::Result<bool> {
    tracing::debug!(?effect, "carrying out");
    match effect {
        Effect::Export => {
            super::export::export_to_first(app, &super::export::export_dirs());
            Ok(true)
        }
        Effect::Pager { doc } => shell::pager(terminal, app, doc),
        // Started by the event loop, which owns the fetch.
        Effect::Fetch => Ok(false),
        Effect::Editor { doc } => shell::editor(terminal, app, doc),
    }
}

/// How often the event loop looks whether the full-text index is ready, while it is built.
const INDEXING_TICK: std::time::Duration = std::time::Duration::from_millis(50);

/// How long the loop may block while an index is on its way (`None`: none is).
fn text_timeout(app: &App) -> Option<std::time::Duration> {
    app.text.is_pending().then_some(INDEXING_TICK)
}

/// Don't block while the counts are partial: count more whenever no event is waiting.
fn count_timeout(app: &App) -> Option<std::time::Duration> {
    app.counting().then_some(std::time::Duration::ZERO)
}

/// How a dashboard session ended, for the caller to report on the restored screen.
pub enum Ended {
    /// The user quit; carries why the reading state could not be saved, if it could not.
    Quit(Option<String>),
    /// The user quit while loading.
    Cancelled,
    /// Loading finished with no document; the corpus holds the notices saying why.
    NothingLoaded(Corpus),
    /// Loading failed outright.
    LoadFailed(LoadError),
}

/// Shows the loading gauge until `loader` finishes; `None` when the user quit meanwhile. Polls
/// with a timeout (ten redraws a second while loading, no busy loop) because progress arrives
/// from another thread, not as terminal events.
fn wait_for_load(
    terminal: &mut ratatui::DefaultTerminal,
    loader: Loader,
    settings: &Settings,
) -> io::Result<Option<Result<(Corpus, Indexing), LoadError>>> {
    // Poll often, so a load that ends between two gauge frames is shown at once (a warm start
    // takes a tenth of a second: waiting out a 100 ms poll would add up to that much again),
    // but draw the gauge only ten times a second.
    const POLL: std::time::Duration = std::time::Duration::from_millis(10);
    const FRAME: std::time::Duration = std::time::Duration::from_millis(100);
    let mut drawn: Option<std::time::Instant> = None;
    while !loader.is_finished() {
        // No gauge for a load that ends within the first frame's time: it would only flash.
        let due = drawn.map_or(loader.started.elapsed() >= FRAME, |t| t.elapsed() >= FRAME);
        if due {
            let snapshot = loader.progress.snapshot();
            terminal.draw(|f| ui::loading::draw_with(f, &snapshot, &settings.palette))?;
            drawn = Some(std::time::Instant::now());
        }
        if event::poll(POLL)?
            && let Event::Key(k) = event::read()?
            && k.kind != KeyEventKind::Release
            && settings.keymap.is_quit_while_loading(&k)
        {
            loader.progress.cancel();
            return Ok(None);
        }
    }
    Ok(Some(loader.finish()))
}

/// Runs the dashboard with `settings`: the loading gauge, then the panes until the user quits,
/// then saves the reading state.
pub fn run(
    loader: Loader,
    store: Store,
    settings: &Settings,
    mut fetching: super::fetching::Fetching,
) -> io::Result<Ended> {
    let _guard = TerminalGuard;
    restore_on_signals()?;
    let mut terminal = ratatui::try_init()?;
    if settings.mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // Watching starts before loading ends, so a file saved meanwhile is not missed.
    let paths = loader.paths.clone();
    let mut live = Live::start(&paths);
    let (corpus, indexing) = match wait_for_load(&mut terminal, loader, settings)? {
        None | Some(Err(LoadError::Cancelled)) => return Ok(Ended::Cancelled),
        Some(Err(e)) => return Ok(Ended::LoadFailed(e)),
        Some(Ok((c, _))) if c.documents.is_empty() && !fetching.has_subscriptions() => {
            return Ok(Ended::NothingLoaded(c));
        }
        Some(Ok(loaded)) => loaded,
    };
    let size = terminal.size()?;
    let mut app = App::with_settings(corpus, size.width, size.height, store, settings);
    app.paths = paths;
    // Until the index is ready the filter matches titles and takeaways only.
    app.text.pending = Some(indexing);
    // Compute what the first frame needs (the reader's layout) before drawing it.
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|f| ui::draw(f, &app))?;
    // The warm-start figure a user can check: `briefdeck --log info DIR`, then the log.
    tracing::info!(
        ms = crate::logging::since_start().as_millis() as u64,
        documents = app.corpus.documents.len(),
        "first frame drawn"
    );
    loop {
        // Block for the next terminal event, or, while watching for file changes, fetching,
        // building the full-text index or counting a search's matches, only until that needs
        // looking at (see `Live::timeout` for why that costs nothing).
        let timeout = [
            live.timeout(),
            fetching.timeout(),
            text_timeout(&app),
            count_timeout(&app),
        ]
        .into_iter()
        .flatten()
        .min();
        let event = match timeout {
            None => Some(event::read()?),
            Some(t) if event::poll(t)? => Some(event::read()?),
            Some(_) => None,
        };
        let action = match event {
            Some(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                #[cfg(debug_assertions)]
                debug_panic_trigger(&k);
                app.map_key(k)
            }
            Some(Event::Mouse(m)) => keymap::map_mouse(m),
            Some(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
            _ => None,
        };
        let mut redraw = live.tick(&mut app);
        redraw |= fetching.tick(&mut app, &mut live);
        redraw |= app.poll_text_index();
        if event.is_none() {
            // Keys first: counting the last keystroke's matches waits for a quiet moment.
            redraw |= app.count_matches();
        }
        if event.is_none() && !redraw {
            continue; // an idle tick: nothing to do
        }
        if let Some(action) = action {
            redraw |= app.update(action);
        }
        if app.quit {
            return Ok(Ended::Quit(app.save_state()));
        }
        if app.effect == Some(Effect::Fetch) {
            app.effect = None;
            fetching.start(&mut app);
            redraw = true;
        }
        if let Some(effect) = app.effect.take() {
            // The file may have changed in the editor: load it again (at once, not waiting
            // for the watcher, which may be off).
            let edited = matches!(effect, Effect::Editor { .. });
            redraw |= carry_out(&mut terminal, &mut app, effect)?;
            if edited {
                live.reload_now();
            }
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
