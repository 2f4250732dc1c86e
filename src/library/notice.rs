//! What the user is told about a file that was left out or loaded with a caveat: one
//! printable line per file, made by the walk, the load and the index alike.

use std::path::Path;

use crate::ingest::display;

/// Whether a file was left out or loaded with a caveat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Skipped,
    Warning,
}

/// One line for the user about one file; `path` is already safe to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            NoticeKind::Skipped => "skipped",
            NoticeKind::Warning => "warning:",
        };
        write!(f, "{what} {}: {}", self.path, self.reason)
    }
}

/// A notice that `path` was left out and why, logged as it is made.
pub(super) fn skip(path: &Path, reason: String) -> Notice {
    tracing::info!(path = %crate::ingest::display(path), reason = %reason, "file skipped");
    Notice {
        kind: NoticeKind::Skipped,
        path: display(path),
        reason,
    }
}
