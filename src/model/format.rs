//! Which kind of file a document was read from: shown to users and scripts, and the key the
//! ingest layer's registry picks a reader by.

use serde::{Deserialize, Serialize};

/// The file formats briefdeck reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text: scraped pages, wire copy, e-mail digests.
    #[default]
    Text,
    Markdown,
    /// JSON articles: feed exports, scraper output.
    Json,
    /// A saved web page.
    Html,
    /// An RSS, Atom or JSON Feed entry.
    Feed,
    /// An e-mail message (newsletter).
    Email,
    /// A PDF report.
    Pdf,
}

impl Format {
    /// The name `list --json` and the dashboard use.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Email => "email",
            Format::Pdf => "pdf",
        }
    }
}
