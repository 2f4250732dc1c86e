//! Headless commands: each prints one view of the corpus as text or JSON, and they share the
//! loading, reporting and exit-code rules scripts depend on.

pub mod args;
pub(crate) mod output;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::analysis::themes::Lexicon;
use crate::corpus::{self, Corpus, LoadOptions, Phase, Progress, Snapshot};
use crate::query::{Query, Searcher};
pub use args::{Cli, Command};

/// Exit code for a usage error the user can fix (bad theme file, unknown theme id), as
/// distinct from 1, "nothing could be loaded".
pub const USAGE_ERROR: u8 = 2;

/// The built-in lexicon plus the `--themes` file if given; reports a bad file on stderr (file,
/// line and column) and returns exit code 2. Shared with the dashboard.
pub fn lexicon_or_report(themes: Option<&Path>) -> Result<Arc<Lexicon>, ExitCode> {
    Lexicon::with_user_file(themes).map_err(|e| {
        eprintln!("briefdeck: {e}");
        ExitCode::from(USAGE_ERROR)
    })
}

/// Loads the corpus a command names (the bundled seeds when no path is given) and reports
/// skipped files on stderr. `Err` carries the exit code when nothing usable was loaded.
pub fn load_or_report(paths: &[PathBuf]) -> Result<Corpus, ExitCode> {
    load_with_or_report(paths, &LoadOptions::default())
}

/// [`load_or_report`] with explicit options (a `--themes` lexicon). While a folder loads, a
/// progress line is kept on stderr when stderr is a terminal (never in pipes or logs).
pub fn load_with_or_report(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, ExitCode> {
    let corpus = if !paths.is_empty() && opts.progress.is_none() && io::stderr().is_terminal() {
        with_progress_line(opts, |opts| load_with(paths, opts))?
    } else {
        load_with(paths, opts)?
    };
    let mut stderr = io::stderr().lock();
    for notice in &corpus.notices {
        let _ = writeln!(stderr, "briefdeck: {notice}");
    }
    Ok(corpus)
}

/// Loads like [`load_with_or_report`] but leaves per-file notices to the caller (the dashboard
/// shows them in its own popup); fatal problems are still printed.
pub fn load_with(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, ExitCode> {
    let corpus = if paths.is_empty() {
        corpus::seeds::bundled_with(opts)
    } else {
        match corpus::load_paths(paths, opts) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("briefdeck: {e}");
                return Err(ExitCode::from(1));
            }
        }
    };
    if corpus.documents.is_empty() {
        let mut stderr = io::stderr().lock();
        for notice in &corpus.notices {
            let _ = writeln!(stderr, "briefdeck: {notice}");
        }
        let _ = writeln!(stderr, "briefdeck: no briefings loaded");
        return Err(ExitCode::from(1));
    }
    Ok(corpus)
}

/// How often the progress line is redrawn, and how long a load may take before it appears
/// (a warm start should not flash a line).
const PROGRESS_TICK: Duration = Duration::from_millis(100);
const PROGRESS_DELAY: Duration = Duration::from_millis(250);

/// Runs `load` with a progress counter and a thread that keeps one line on stderr up to date
/// (`\r`, no newline), then erases it, so the terminal shows only the final notices.
fn with_progress_line<T>(opts: &LoadOptions, load: impl FnOnce(&LoadOptions) -> T) -> T {
    let progress = Arc::new(Progress::default());
    let opts = LoadOptions {
        progress: Some(progress.clone()),
        ..opts.clone()
    };
    let (stop, stopped) = mpsc::channel::<()>();
    let painter = std::thread::spawn(move || {
        let started = Instant::now();
        let mut shown = false;
        while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(PROGRESS_TICK) {
            if started.elapsed() < PROGRESS_DELAY {
                continue;
            }
            let line = progress_text(&progress.snapshot());
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{line}");
            let _ = err.flush();
            shown = true;
        }
        if shown {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    });
    let out = load(&opts);
    drop(stop);
    let _ = painter.join();
    out
}

/// The progress line's text: "briefdeck: reading 1,234/10,000 files (900 from the index)".
pub fn progress_text(s: &Snapshot) -> String {
    let mut line = format!("briefdeck: {}", s.phase.label());
    match s.phase {
        Phase::Walking => line.push_str(&format!(" ({} found)", s.found)),
        _ if s.total > 0 => {
            line.push_str(&format!(" {}/{} files", s.done, s.total));
            if s.reused > 0 {
                line.push_str(&format!(" ({} from the index)", s.reused));
            }
        }
        _ => {}
    }
    line
}

/// Runs a headless command; returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let shared = command.corpus();
    let json = shared.json;
    let lexicon = match lexicon_or_report(shared.themes.as_deref()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if let Command::Takeaways {
        theme: Some(id), ..
    } = &command
        && lexicon.theme_index(id).is_none()
    {
        let valid: Vec<&str> = lexicon.themes.iter().map(|t| t.id.as_str()).collect();
        eprintln!(
            "briefdeck: unknown theme \"{}\"; valid themes: {}",
            corpus::load::display(Path::new(id)),
            valid.join(", ")
        );
        return ExitCode::from(USAGE_ERROR);
    }
    let mut opts = LoadOptions {
        lexicon: lexicon.clone(),
        ..LoadOptions::default()
    };
    if shared.no_cache {
        opts.cache = None;
    }
    let paths = match &command {
        // `show FILE` alone reads that file rather than looking for it in the seeds.
        Command::Show { doc, corpus } if corpus.paths.is_empty() && Path::new(doc).is_file() => {
            vec![PathBuf::from(doc)]
        }
        _ => shared.paths.clone(),
    };
    let corpus = match load_with_or_report(&paths, &opts) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Buffered: stdout alone is line-buffered, and a JSON array of 10,000 documents is 100,000
    // lines, one write(2) each.
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let result = match &command {
        Command::List(_) => output::list(&mut out, &corpus, json),
        Command::Takeaways { theme, .. } => {
            output::takeaways(&mut out, &corpus, theme.as_deref(), json)
        }
        Command::Themes(_) => output::themes(&mut out, &corpus, json),
        Command::Links(_) => output::links(&mut out, &corpus, json),
        Command::Filter { query, .. } => {
            let query = Query::parse(query);
            let mut searcher = Searcher::new(&corpus);
            for note in searcher.notes(&query) {
                eprintln!("briefdeck: note: {note}");
            }
            let results = searcher.search(&corpus, &query);
            output::filter(&mut out, &corpus, &results, json)
        }
        Command::Show { doc, .. } => match corpus.find(doc) {
            Some(d) => output::show(&mut out, d, json),
            None => {
                eprintln!(
                    "briefdeck: no document {} (try `briefdeck list` for ids)",
                    corpus::load::display(Path::new(doc))
                );
                return ExitCode::from(1);
            }
        },
    };
    let result = result.and_then(|()| out.flush());
    // The process ends here: freeing hundreds of thousands of strings one by one would only
    // delay the exit (by a tenth of a second at 10,000 documents); the OS takes the memory back.
    std::mem::forget(corpus);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefdeck: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_line_says_phase_counts_and_reuse() {
        let mut s = Snapshot {
            phase: Phase::Walking,
            found: 12,
            total: 0,
            done: 0,
            reused: 0,
        };
        assert_eq!(progress_text(&s), "briefdeck: finding files (12 found)");
        s.phase = Phase::Parsing;
        s.total = 40;
        s.done = 10;
        assert_eq!(progress_text(&s), "briefdeck: reading 10/40 files");
        s.reused = 7;
        assert_eq!(
            progress_text(&s),
            "briefdeck: reading 10/40 files (7 from the index)"
        );
        s.phase = Phase::Linking;
        assert!(progress_text(&s).starts_with("briefdeck: linking"));
    }
}
