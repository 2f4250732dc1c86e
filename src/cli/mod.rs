//! Headless commands: each prints one view of the corpus as text or JSON, and they share the
//! loading, reporting and exit-code rules scripts depend on.

pub mod args;
mod output;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::analysis::themes::Lexicon;
use crate::corpus::{self, Corpus, LoadOptions};
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

/// [`load_or_report`] with explicit options (a `--themes` lexicon).
pub fn load_with_or_report(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, ExitCode> {
    let corpus = load_with(paths, opts)?;
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

/// Runs a headless command; returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let shared = match &command {
        Command::List(c) | Command::Themes(c) | Command::Links(c) => c,
        Command::Takeaways { corpus, .. }
        | Command::Show { corpus, .. }
        | Command::Filter { corpus, .. } => corpus,
    };
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
    let opts = LoadOptions {
        lexicon: lexicon.clone(),
        ..LoadOptions::default()
    };
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
    let mut out = io::stdout().lock();
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
