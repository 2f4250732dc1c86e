//! The command line, defined once so help, completions and the man page agree.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

/// Exit code for a usage error the user can fix (bad theme file, unknown theme id), as
/// distinct from 1, "nothing could be loaded".
pub const USAGE_ERROR: u8 = 2;

/// A terminal dashboard for policy and news briefings.
#[derive(Debug, Parser)]
// Not `args_conflicts_with_subcommands`: it would also refuse the global `--config` before a
// subcommand; `Cli::parse_checked` refuses the dashboard's own options there instead.
#[command(name = "briefdeck", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders of briefings (text, Markdown, JSON, web pages, feeds, e-mail, PDF); the
    /// bundled seeds when none.
    pub paths: Vec<PathBuf>,
    /// A JSON file of themes and entities that adds to or overrides the built-in lexicon.
    #[arg(long, value_name = "FILE")]
    pub themes: Option<PathBuf>,
    /// Keep reading state (read marks, stars, last place) in FILE instead of
    /// $XDG_STATE_HOME/briefdeck/state.json.
    #[arg(long, value_name = "FILE")]
    pub state_file: Option<PathBuf>,
    /// Neither read nor write the on-disk index: parse every file now.
    #[arg(long)]
    pub no_cache: bool,
    /// Read settings from FILE instead of $XDG_CONFIG_HOME/briefdeck/config.toml
    /// (see `briefdeck config`).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Write a log to $XDG_STATE_HOME/briefdeck/briefdeck.log (~/.local/state/briefdeck/…):
    /// off, error, warn, info, debug, trace, or targets like `briefdeck=debug,info`.
    /// Defaults to $RUST_LOG, else off. Never written to the terminal.
    #[arg(long, global = true, value_name = "LEVEL", value_parser = crate::logging::parse_spec)]
    pub log: Option<crate::logging::Spec>,
}

impl Cli {
    /// Parses the command line, exiting with a usage error (code 2) when a dashboard-only
    /// option comes before a subcommand, where it would otherwise be silently ignored.
    pub fn parse_checked() -> Cli {
        let cli = Cli::parse();
        let stray = if cli.command.is_none() {
            None
        } else if cli.themes.is_some() {
            Some("--themes")
        } else if cli.state_file.is_some() {
            Some("--state-file")
        } else {
            None
        };
        if let Some(arg) = stray {
            Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("{arg} goes after the subcommand's name (briefdeck list {arg} ...)"),
                )
                .exit();
        }
        cli
    }
}

/// Headless views: the same data as the dashboard, for scripts and tests.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the documents.
    List(Corpus),
    /// Show one document: its metadata, blocks and takeaways.
    Show {
        /// Document id (or unique prefix of at least 4 characters) or path.
        doc: String,
        #[command(flatten)]
        corpus: Corpus,
    },
    /// List the takeaways of every document.
    Takeaways {
        /// Only takeaways tagged with this theme id (see `briefdeck themes`).
        #[arg(long, value_name = "ID")]
        theme: Option<String>,
        #[command(flatten)]
        corpus: Corpus,
    },
    /// Filter documents and takeaways with the dashboard's query syntax.
    ///
    /// Words must all match (fuzzy, case- and accent-insensitive); 'word exact, ^word prefix,
    /// word$ suffix, !word excludes, a | b either; lang:it, #theme, is:read|unread|starred.
    Filter {
        /// The query, as typed in the dashboard's filter bar (quote it for the shell).
        query: String,
        #[command(flatten)]
        corpus: Corpus,
    },
    /// Search the full text of the briefings (bodies, titles, bylines, sources), best first.
    ///
    /// Words must all appear (stemmed per language, case- and accent-insensitive); "exact
    /// phrase"; -word excludes; a OR b either; lang:it, feed:name, #theme restrict the
    /// documents. Each result shows up to 3 snippets with the hits marked.
    Search {
        /// The query (quote it for the shell: briefdeck search '"stretto di Taiwan" -cina').
        query: String,
        /// At most N documents.
        #[arg(long, value_name = "N", default_value_t = 20,
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        #[command(flatten)]
        corpus: Corpus,
    },
    /// Count documents and takeaways per theme.
    Themes(Corpus),
    /// Show related takeaways across documents and the concepts they share.
    Links(Corpus),
    /// Write the takeaways a query selects as a Markdown brief or JSON.
    ///
    /// One section per document (title, metadata, takeaways with theme tags and "see also"
    /// links to related takeaways). Without --query, everything loaded.
    Export {
        /// Only what this query selects, in `briefdeck filter` syntax (quote it for the shell).
        #[arg(long, short, value_name = "QUERY")]
        query: Option<String>,
        /// md (the default) or json; `--json` is short for `--format json`.
        #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "json")]
        format: Option<crate::export::Format>,
        /// Write to FILE (replaced atomically) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        corpus: Corpus,
    },
    /// Manage feed subscriptions (kept in feeds.toml beside config.toml).
    Feeds {
        #[command(subcommand)]
        action: FeedsAction,
    },
    /// Fetch subscribed feeds (all, or those named) into the feed store.
    ///
    /// Prints per feed the new and updated entries, "not modified", or the error; exits 1 when
    /// some feed failed (the others are still stored).
    Fetch {
        /// Feeds to fetch, by name or address; all when none.
        names: Vec<String>,
        /// Print JSON: [{"feed","url","status","new","updated","error"}].
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `briefdeck man | man -l -`.
    #[command(hide = true)]
    Man,
    /// Print the settings in force as a commented config file, every default written out:
    /// `briefdeck config > ~/.config/briefdeck/config.toml` to start your own.
    Config,
}

/// `briefdeck feeds ...`.
#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// Subscribe to a feed, or to the feed a web page advertises (<link rel="alternate">).
    Add {
        /// The feed's address, or a page that links to its feed.
        url: String,
        /// What to call it (its entries' source, `feed:NAME`); the feed's title when omitted.
        #[arg(long)]
        name: Option<String>,
        /// The feed's entries are summaries: fetch each new entry's page for the whole article.
        #[arg(long)]
        full_text: bool,
    },
    /// List subscriptions: name, address, last fetch, entries stored, last error.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe, by name or address, and delete the feed's stored entries.
    Remove {
        /// The feed's name or address.
        feed: String,
        /// Keep the stored entries (they stay in the feed store's folder).
        #[arg(long)]
        keep_entries: bool,
    },
    /// Subscribe to every feed an OPML file lists (exported from another feed reader).
    Import {
        /// The OPML file.
        file: PathBuf,
    },
    /// Print the subscriptions as OPML 2.0, for another feed reader.
    Export,
}

/// Options shared by every headless command.
#[derive(Debug, Args)]
pub struct Corpus {
    /// Files or folders of briefings; the bundled seeds when none.
    pub paths: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// A JSON file of themes and entities that adds to or overrides the built-in lexicon.
    #[arg(long, value_name = "FILE")]
    pub themes: Option<PathBuf>,
    /// Neither read nor write the on-disk index (in $XDG_CACHE_HOME/briefdeck or
    /// ~/.cache/briefdeck): parse every file now.
    #[arg(long)]
    pub no_cache: bool,
}

impl Command {
    /// The options every command that reads briefings shares; `None` for the commands that
    /// describe the program itself (config, completions, man page).
    pub fn corpus(&self) -> Option<&Corpus> {
        match self {
            Command::List(c) | Command::Themes(c) | Command::Links(c) => Some(c),
            Command::Takeaways { corpus, .. }
            | Command::Show { corpus, .. }
            | Command::Filter { corpus, .. }
            | Command::Search { corpus, .. }
            | Command::Export { corpus, .. } => Some(corpus),
            Command::Config
            | Command::Completions { .. }
            | Command::Man
            | Command::Feeds { .. }
            | Command::Fetch { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Cli {
        Cli::parse_from(args.iter().copied())
    }

    #[test]
    fn log_may_come_before_or_after_the_command() {
        for args in [
            &["briefdeck", "--log", "debug", "list"][..],
            &["briefdeck", "--log=debug", "list"],
            &["briefdeck", "list", "--log", "debug"],
            &["briefdeck", "--config", "c.toml", "--log", "debug", "list"],
        ] {
            let cli = parse(args);
            assert!(matches!(cli.command, Some(Command::List(_))), "{args:?}");
            assert!(cli.log.is_some(), "{args:?}");
        }
        let cli = parse(&["briefdeck", "--log", "info", "some/dir"]);
        assert!(cli.command.is_none());
        assert_eq!(cli.paths, [PathBuf::from("some/dir")]);
        // After `--` everything is a path, `--log` included.
        let cli = parse(&["briefdeck", "list", "--", "--log"]);
        let Some(Command::List(c)) = cli.command else {
            panic!("list expected")
        };
        assert_eq!(c.paths, [PathBuf::from("--log")]);
    }
}
