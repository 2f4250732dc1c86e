//! The command line, defined once so help, completions and the man page agree.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal dashboard for policy and news briefings.
#[derive(Debug, Parser)]
#[command(
    name = "briefdeck",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders of briefings (.txt, .md, .json); the bundled seeds when none.
    pub paths: Vec<PathBuf>,
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
    Takeaways(Corpus),
}

/// Options shared by every headless command.
#[derive(Debug, Args)]
pub struct Corpus {
    /// Files or folders of briefings; the bundled seeds when none.
    pub paths: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}
