//! The diagnostic log: `tracing` events appended to a file in the XDG state folder, so a
//! problem (a slow load, a cache that never hits, a state file that will not save) can be
//! looked into after the fact. Off unless asked for with `--log` or `RUST_LOG`: a user who did
//! not ask should not find files growing. Never written to the terminal, where it would tear
//! the dashboard or mix with a headless command's output.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

/// When the process started (as near as `main` can tell), so the log can say how long start-up
/// took: the first frame's time is the warm-start figure users and benchmarks check.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Marks the process start; called first thing in `main`. Later calls change nothing.
pub fn mark_start() {
    STARTED.get_or_init(std::time::Instant::now);
}

/// Time since [`mark_start`] (or since the first call here, in a process that never marked it).
pub fn since_start() -> std::time::Duration {
    STARTED.get_or_init(std::time::Instant::now).elapsed()
}

/// A parsed `--log` value: a level for everything (`debug`) and/or per-target levels
/// (`info,briefdeck::library=trace`), as `RUST_LOG` has them (without span filters).
#[derive(Debug, Clone)]
pub struct Spec {
    targets: Targets,
}

impl Spec {
    /// Whether the spec enables nothing (`off`, or empty): no file is then opened.
    pub fn is_off(&self) -> bool {
        self.targets
            .default_level()
            .is_none_or(|l| l == LevelFilter::OFF)
            && self.targets.iter().all(|(_, l)| l == LevelFilter::OFF)
    }
}

/// Parses a `--log` value; the error says what is accepted (clap prints it with exit code 2).
pub fn parse_spec(text: &str) -> Result<Spec, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Spec {
            targets: Targets::new(),
        });
    }
    // `Targets` takes any word as a target name, so a typo like `debgu` would silently mean
    // "everything from a module named debgu": accept a bare word only when it is a level.
    let plain_word = !text.contains(['=', ',', ':']);
    if plain_word && LevelFilter::from_str(text).is_err() {
        return Err(format!(
            "{text:?} is not a level: use off, error, warn, info, debug, trace \
             or TARGET=LEVEL pairs like briefdeck=debug"
        ));
    }
    Targets::from_str(text)
        .map(|targets| Spec { targets })
        .map_err(|e| format!("{e}: use off, error, warn, info, debug, trace or TARGET=LEVEL"))
}

/// Where the log goes: `$XDG_STATE_HOME/briefdeck/briefdeck.log` when that variable is an
/// absolute path, else `~/.local/state/briefdeck/briefdeck.log`; next to the reading state.
pub fn default_path() -> Option<PathBuf> {
    let dir = crate::state::default_path()?;
    Some(dir.parent()?.join("briefdeck.log"))
}

/// Starts logging as `flag` (else `$RUST_LOG`) asks, to the file at [`default_path`].
/// Returns the file's path when logging is on. Problems (a bad `RUST_LOG`, a file that cannot
/// be opened) are one line on stderr, before any dashboard is drawn, and logging stays off.
pub fn init(flag: Option<&Spec>) -> Option<PathBuf> {
    let spec = match flag {
        Some(spec) => spec.clone(),
        None => match std::env::var("RUST_LOG") {
            Ok(text) if !text.trim().is_empty() => match parse_spec(&text) {
                Ok(spec) => spec,
                Err(e) => {
                    eprintln!("briefdeck: warning: RUST_LOG ignored: {e}");
                    return None;
                }
            },
            _ => return None,
        },
    };
    if spec.is_off() {
        return None;
    }
    let Some(path) = default_path() else {
        eprintln!("briefdeck: warning: no log written: neither XDG_STATE_HOME nor HOME is set");
        return None;
    };
    match init_at(&path, spec) {
        Ok(()) => Some(path),
        Err(e) => {
            eprintln!(
                "briefdeck: warning: no log written: cannot open {}: {e}",
                crate::ingest::display(&path)
            );
            None
        }
    }
}

/// Appends events that pass `spec` to the file at `path` (its folder created if needed).
fn init_at(path: &Path, spec: Spec) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new().create(true).append(true).open(path)?;
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(file)
        .with_ansi(false)
        .with_target(true);
    tracing_subscriber::registry()
        .with(spec.targets)
        .with(layer)
        .try_init()
        .map_err(std::io::Error::other)?;
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        pid = std::process::id(),
        "briefdeck started"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_take_levels_and_targets_and_reject_typos() {
        assert!(!parse_spec("debug").unwrap().is_off());
        assert!(!parse_spec("info,briefdeck=debug").unwrap().is_off());
        assert!(!parse_spec("briefdeck=trace").unwrap().is_off());
        assert!(parse_spec("off").unwrap().is_off());
        assert!(parse_spec("").unwrap().is_off());
        assert!(parse_spec("debgu").is_err());
        assert!(parse_spec("briefdeck=loud").is_err());
    }
}
