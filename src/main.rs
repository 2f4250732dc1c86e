//! Entry point: parse arguments, then run a headless command or the dashboard.

use std::process::ExitCode;

use clap::Parser;

use briefdeck::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => cli::run(command),
        None => briefdeck::tui::main(&cli.paths, cli.themes.as_deref(), cli.state_file.as_deref()),
    }
}
