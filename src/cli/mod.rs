//! Headless commands: each prints one view of the corpus as text or JSON, and they share the
//! loading, reporting and exit-code rules scripts depend on.

pub mod args;
pub mod feeds;
mod filter;
pub(crate) mod output;
pub mod search;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::analysis::themes::Lexicon;
use crate::export::{self, Format, Selection, Stamp};
use crate::library::{self, Corpus, LoadOptions, Phase, Progress, Snapshot};
use crate::query::{Query, Searcher};
pub use args::{Cli, Command, USAGE_ERROR};

/// The built-in lexicon plus the `--themes` file if given; reports a bad file on stderr (file,
/// line and column) and returns exit code 2.
pub fn lexicon_or_report(themes: Option<&Path>) -> Result<Arc<Lexicon>, ExitCode> {
    lexicons_or_report(themes.as_slice())
}

/// The built-in lexicon with theme files merged over it in order (the config's, then
/// `--themes`); reports a bad file like [`lexicon_or_report`]. Shared with the dashboard.
pub fn lexicons_or_report<P: AsRef<Path>>(themes: &[P]) -> Result<Arc<Lexicon>, ExitCode> {
    library::lexicon::with_theme_files(themes).map_err(|e| {
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
        library::seeds::bundled_with(opts)
    } else {
        match library::load_paths(paths, opts) {
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

/// Runs a headless command with the settings `loaded` from the config file (its corpus paths
/// when the command names none, its theme files); returns the process exit code.
pub fn run(command: Command, loaded: &crate::config::Loaded) -> ExitCode {
    let config = &loaded.config;
    let Some(shared) = command.corpus() else {
        if let Command::Feeds { action } = &command {
            return feeds::run_feeds(action, loaded);
        }
        if let Command::Fetch { names, json } = &command {
            return feeds::run_fetch(names, *json, loaded);
        }
        if !matches!(command, Command::Config) {
            return describe_program(&command);
        }
        // `config`: the settings in force, written out for the user to start from.
        let text = crate::config::write(
            config,
            &crate::keys::default_bindings(),
            loaded.path.as_deref(),
        );
        let mut out = io::stdout().lock();
        return match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("briefdeck: cannot write output: {e}");
                ExitCode::from(1)
            }
        };
    };
    let json = shared.json;
    let lexicon = match lexicons_or_report(&config.theme_files(shared.themes.as_deref())) {
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
            crate::ingest::display(Path::new(id)),
            valid.join(", ")
        );
        return ExitCode::from(USAGE_ERROR);
    }
    // A bad search query fails before anything is loaded.
    let text_query = match &command {
        Command::Search { query, .. } => match search::prepare(query) {
            Ok(q) => Some(q),
            Err(code) => return code,
        },
        _ => None,
    };
    let mut opts = LoadOptions {
        lexicon: lexicon.clone(),
        // Only `show` needs a body, and it reads its one document's.
        lazy_blocks: true,
        // Only these print links; the others never decode them.
        links_ahead: matches!(command, Command::Links(_) | Command::Export { .. }),
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
        _ => feeds::corpus_paths(loaded, &shared.paths),
    };
    if let (Command::Search { limit, .. }, Some(prepared)) = (&command, &text_query)
        && let Some(found) = search::answer_from_index(prepared, &paths, &opts, *limit as usize)
    {
        let mut out = io::BufWriter::new(io::stdout().lock());
        return finish_output(search::print(&mut out, &found, json).and_then(|()| out.flush()));
    }
    let corpus = match load_with_or_report(&paths, &opts) {
        Ok(c) => c,
        Err(code) => {
            feeds::hint_when_unfetched(loaded, &paths);
            return code;
        }
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
            // Only theme terms ask the corpus's facts (a filter has no reading state), and
            // building them costs a pass over every document's tags.
            let themed = (query.groups().iter().flatten())
                .any(|t| matches!(t.kind, crate::query::TermKind::Theme(_)));
            let facts: Box<dyn crate::query::Facts> = if themed {
                Box::new(crate::query::CorpusFacts::new(&corpus))
            } else {
                Box::new(crate::query::NoFacts)
            };
            let mut searcher = Searcher::with_facts_in(&corpus, facts, opts.cache.as_deref());
            for note in searcher.notes(&query) {
                eprintln!("briefdeck: note: {note}");
            }
            let results = searcher.search(&corpus, &query);
            let text = filter::text_matches(
                &corpus,
                &paths,
                opts.cache.as_deref(),
                &query,
                &searcher,
                &results,
            );
            output::filter(&mut out, &corpus, &results, &text, json)
        }
        Command::Search { limit, .. } => {
            let prepared = text_query.as_ref().expect("prepared above");
            let location = search::location(opts.cache.as_deref(), &paths);
            let found = search::answer_from_corpus(prepared, &corpus, location, *limit as usize);
            search::print(&mut out, &found, json)
        }
        Command::Export {
            query,
            format,
            output,
            ..
        } => {
            let format = if json {
                Format::Json
            } else {
                format.unwrap_or_default()
            };
            let text = export_text(&corpus, query.as_deref(), format);
            match output {
                None => out.write_all(text.as_bytes()),
                Some(path) => {
                    if let Err(e) = write_atomic(path, text.as_bytes()) {
                        eprintln!(
                            "briefdeck: cannot write {}: {e}",
                            crate::ingest::display(path)
                        );
                        return ExitCode::from(1);
                    }
                    tracing::info!(path = %path.display(), bytes = text.len(), "export written");
                    Ok(())
                }
            }
        }
        Command::Completions { .. }
        | Command::Man
        | Command::Config
        | Command::Feeds { .. }
        | Command::Fetch { .. } => {
            return describe_program(&command);
        }
        Command::Show { doc, .. } => match corpus.find(doc) {
            Some(d) => {
                let mut d = d.clone();
                if let Err(why) = d.load_blocks() {
                    eprintln!("briefdeck: {}: {why}", d.path_display);
                    return ExitCode::from(1);
                }
                output::show(&mut out, &d, json)
            }
            None => {
                eprintln!(
                    "briefdeck: no document {} (try `briefdeck list` for ids)",
                    crate::ingest::display(Path::new(doc))
                );
                return ExitCode::from(1);
            }
        },
    };
    let result = result.and_then(|()| out.flush());
    // The process ends here: freeing hundreds of thousands of strings one by one would only
    // delay the exit (by a tenth of a second at 10,000 documents); the OS takes the memory back.
    std::mem::forget(corpus);
    finish_output(result)
}

/// The exit code once a command's output is written (or could not be).
fn finish_output(result: io::Result<()>) -> ExitCode {
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

/// `briefdeck export`'s output: what `query` selects (everything without one), rendered as
/// `format`. Query notes (an unknown theme, a state flag with no state here) go to stderr, as
/// for `briefdeck filter`.
fn export_text(corpus: &Corpus, query: Option<&str>, format: Format) -> String {
    let selection = match query {
        Some(text) => {
            let query = Query::parse(text);
            let mut searcher = Searcher::new(corpus);
            for note in searcher.notes(&query) {
                eprintln!("briefdeck: note: {note}");
            }
            Selection::from_results(&searcher.search(corpus, &query))
        }
        None => Selection::all(corpus),
    };
    let meta = export::Meta {
        query: query.unwrap_or(""),
        exported_at: Stamp::now(),
    };
    match format {
        Format::Md => export::markdown(corpus, &selection, &meta),
        Format::Json => export::json(corpus, &selection, &meta),
    }
}

/// Replaces `path` with `bytes` all at once: a reader (or a crash) sees the old file or the
/// new one, never half of it. The temporary file sits beside the target so the rename stays on
/// one file system, and is removed if anything fails.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The commands about the program rather than the briefings: shell completions and the man
/// page, both generated from the clap definitions so they cannot drift from `--help`.
fn describe_program(command: &Command) -> ExitCode {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    // Rendered in memory first: the generators treat a failed write as a bug and panic, and a
    // closed pipe (`| head`) is not one.
    let mut buf = Vec::new();
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut cli, "briefdeck", &mut buf);
        }
        Command::Man => {
            if let Err(e) = man_page(cli, &mut buf) {
                eprintln!("briefdeck: cannot render the man page: {e}");
                return ExitCode::from(1);
            }
        }
        _ => return ExitCode::from(USAGE_ERROR),
    }
    let mut out = io::stdout().lock();
    match out.write_all(&buf).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("briefdeck: cannot write output: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// One page for the program and every command: clap_mangen's own page would point at a
/// `briefdeck-export(1)` and so on that nobody installs, so each visible command gets a
/// subsection here instead, with its synopsis, description and options.
fn man_page(mut cli: clap::Command, page: &mut Vec<u8>) -> io::Result<()> {
    cli.build();
    let mut rendered = Vec::new();
    let out = &mut rendered;
    let man = clap_mangen::Man::new(cli.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cli.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let sub_man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part)?;
        sub_man.render_description_section(&mut part)?;
        sub_man.render_options_section(&mut part)?;
        let part = String::from_utf8_lossy(&part);
        let name = sub.get_bin_name().unwrap_or(sub.get_name());
        writeln!(out, ".SS \"{name}\"")?;
        for line in part.lines() {
            // The subsection has one heading; its synopsis, description and options follow
            // as paragraphs.
            match line {
                ".SH SYNOPSIS" | ".SH DESCRIPTION" => writeln!(out, ".PP")?,
                ".SH OPTIONS" => writeln!(out, ".PP\nOptions:")?,
                _ => writeln!(out, "{line}")?,
            }
        }
    }
    man.render_extra_section(out)?;
    man.render_version_section(out)?;
    // Every section clap_mangen renders starts with the same string definitions (for a
    // quote mark); once, at the top, is enough.
    let mut seen = std::collections::HashSet::new();
    for line in String::from_utf8_lossy(&rendered).lines() {
        let definition = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if definition && !seen.insert(line.to_string()) {
            continue;
        }
        writeln!(page, "{line}")?;
    }
    Ok(())
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
