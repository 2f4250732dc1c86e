//! Headless commands: each prints one view of the corpus as text or JSON, and they share the
//! loading, reporting and exit-code rules scripts depend on.

pub mod args;
mod output;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::corpus::{self, Corpus, LoadOptions};
use crate::query::{Query, Searcher};
pub use args::{Cli, Command};

/// Loads the corpus a command names (the bundled seeds when no path is given) and reports
/// skipped files on stderr. `Err` carries the exit code when nothing usable was loaded.
pub fn load_or_report(paths: &[PathBuf]) -> Result<Corpus, ExitCode> {
    let corpus = load(paths)?;
    let mut stderr = io::stderr().lock();
    for notice in &corpus.notices {
        let _ = writeln!(stderr, "briefdeck: {notice}");
    }
    Ok(corpus)
}

/// Loads like [`load_or_report`] but leaves per-file notices to the caller (the dashboard shows
/// them in its own popup); fatal problems are still printed.
pub fn load(paths: &[PathBuf]) -> Result<Corpus, ExitCode> {
    let corpus = if paths.is_empty() {
        corpus::seeds::bundled()
    } else {
        match corpus::load_paths(paths, &LoadOptions::default()) {
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
    let (paths, json) = match &command {
        Command::List(c) | Command::Takeaways(c) => (c.paths.clone(), c.json),
        // `show FILE` alone reads that file rather than looking for it in the seeds.
        Command::Show { doc, corpus } if corpus.paths.is_empty() && Path::new(doc).is_file() => {
            (vec![PathBuf::from(doc)], corpus.json)
        }
        Command::Show { corpus, .. } | Command::Filter { corpus, .. } => {
            (corpus.paths.clone(), corpus.json)
        }
    };
    let corpus = match load_or_report(&paths) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut out = io::stdout().lock();
    let result = match &command {
        Command::List(_) => output::list(&mut out, &corpus, json),
        Command::Takeaways(_) => output::takeaways(&mut out, &corpus, json),
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
