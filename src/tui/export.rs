//! The dashboard's `e`: the filtered view written as a Markdown brief to a new file, whose
//! full path the status line then shows. Runs from the event loop (an [`Effect`]), never from
//! `update`, and needs no terminal, so tests call it directly.
//!
//! Where the file goes: the current folder, where a user who just typed `briefdeck` in it
//! looks first; if that cannot be written (a read-only checkout, `/`), the XDG data folder,
//! `$XDG_DATA_HOME/briefdeck/exports` (else `~/.local/share/briefdeck/exports`). The name is
//! `briefdeck-export-YYYYMMDD-HHMMSS.md` in local time, with `-2`, `-3`… added rather than
//! ever replacing a file that exists.
//!
//! [`Effect`]: super::Effect

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::app::App;
use crate::export::{self, Meta, Selection, Stamp};

/// Most numbered variants tried when files of the same second exist already.
const MAX_SUFFIX: usize = 100;

/// Writes what the dashboard shows (the documents the filter leaves, each with the takeaways
/// it matched) as Markdown to a new file in `dir`, and returns that file's path. Exports the
/// documents listed; [`export_to_first`] lists every match first.
pub fn export_view(app: &App, dir: &Path) -> io::Result<PathBuf> {
    export_view_at(app, dir, Stamp::now())
}

/// [`export_view`] at a given time, so tests can name the file they expect.
pub fn export_view_at(app: &App, dir: &Path, at: Stamp) -> io::Result<PathBuf> {
    let selection = Selection::from_results(&app.results);
    let text = export::markdown(
        &app.corpus,
        &selection,
        &Meta {
            query: &app.filter.input,
            exported_at: at,
        },
    );
    let stem = format!("briefdeck-export-{}", at.compact());
    for n in 1..=MAX_SUFFIX {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        // create_new: the existence check and the creation are one step, so a file that
        // appears meanwhile is never overwritten either.
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        if let Err(e) = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
        {
            // A half-written brief is worse than none.
            let _ = fs::remove_file(&path);
            return Err(e);
        }
        return Ok(path);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{MAX_SUFFIX} exports named {stem}… exist already"),
    ))
}

/// The folders an export is tried in, in order: the current folder, then the XDG data
/// folder's `briefdeck/exports`.
pub fn export_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push(cwd);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|h| h.is_absolute())
                .map(|h| h.join(".local").join("share"))
        });
    if let Some(data) = data {
        dirs.push(data.join("briefdeck").join("exports"));
    }
    dirs
}

/// Carries out the export effect: writes the view to the first of `dirs` that takes it
/// (creating that folder if needed) and says in the status line where the file is, or why
/// no folder took it. Never panics; the dashboard goes on either way.
pub fn export_to_first(app: &mut App, dirs: &[PathBuf]) {
    // The list holds the best few matches until scrolled; the export is of all of them.
    app.list_more(usize::MAX);
    let mut first_error: Option<(PathBuf, io::Error)> = None;
    for dir in dirs {
        let written = fs::create_dir_all(dir).and_then(|()| export_view(app, dir));
        match written {
            Ok(path) => {
                let shown = crate::ingest::display(&path);
                let docs = app.results.docs.len();
                tracing::info!(path = %shown, documents = docs, "view exported");
                app.message = Some(format!(
                    "exported {docs} document{} to {shown}",
                    if docs == 1 { "" } else { "s" }
                ));
                return;
            }
            Err(e) => {
                tracing::warn!(
                    dir = %crate::ingest::display(dir),
                    error = %e,
                    "export folder refused"
                );
                first_error.get_or_insert((dir.clone(), e));
            }
        }
    }
    app.message = Some(match first_error {
        Some((dir, e)) => format!(
            "export failed: cannot write in {}: {}",
            crate::ingest::display(&dir),
            crate::ingest::sanitize::sanitize_line(&e.to_string())
        ),
        None => "export failed: no folder to write to (no current folder, no HOME)".into(),
    });
}
