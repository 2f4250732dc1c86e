//! Entry point: parse arguments, then run a headless command or the dashboard.

use std::process::ExitCode;

use briefdeck::cli::{self, Cli};

fn main() -> ExitCode {
    briefdeck::logging::mark_start();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called before any thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
    let cli = Cli::parse_checked();
    // Before anything is loaded or drawn: a log that cannot be opened is said on stderr now.
    briefdeck::logging::init(cli.log.as_ref());
    // A bad config file is a usage error, reported before anything runs.
    // Whether the config's corpus paths will be opened (the command line names none; `show
    // FILE` alone reads that file): only then must they exist.
    let corpus_paths_used = match &cli.command {
        None => cli.paths.is_empty(),
        Some(cli::Command::Show { doc, corpus }) => {
            corpus.paths.is_empty() && !std::path::Path::new(doc).is_file()
        }
        Some(c) => c.corpus().is_some_and(|c| c.paths.is_empty()),
    };
    let loaded = match briefdeck::config::load(cli.config.as_deref())
        .and_then(|l| l.check_paths(corpus_paths_used).map(|()| l))
    {
        Ok(l) => l,
        Err(e) => {
            eprintln!("briefdeck: {e}");
            return ExitCode::from(cli::USAGE_ERROR);
        }
    };
    // One decision about the on-disk index for every load this process makes, the
    // dashboard's included.
    let no_cache = cli.no_cache
        || cli
            .command
            .as_ref()
            .and_then(|c| c.corpus())
            .is_some_and(|c| c.no_cache);
    if !no_cache {
        briefdeck::library::cache::set_default_dir(briefdeck::library::cache::user_cache_dir());
    }
    match cli.command {
        Some(command) => cli::run(command, &loaded),
        None => briefdeck::tui::main(briefdeck::tui::Options::new(
            &loaded,
            &cli.paths,
            cli.themes.as_deref(),
            cli.state_file.as_deref(),
        )),
    }
}
