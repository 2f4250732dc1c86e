//! What a format reader hands back, and the one signature every reader has.

use super::decode::{self, DecodeError};
use super::sanitize::sanitize;
use super::structure::Parsed;

/// Reads one file's bytes into its articles: the signature of every format in
/// [`READERS`](super::formats::READERS). Bytes, not text, so that a format can decode them its
/// own way (a PDF is not text; an HTML page names its charset).
pub type ReadFn = fn(&[u8]) -> Result<Articles, ParseError>;

/// One file's articles, and the caveat when decoding had to guess.
#[derive(Debug, Clone, Default)]
pub struct Articles {
    pub articles: Vec<Article>,
    pub warning: Option<&'static str>,
}

/// One article: its structure, plus what the file states that the structure step cannot find.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub parsed: Parsed,
    /// The language as the file names it ("it-IT", "Italian"); analysis normalises or detects.
    pub lang: Option<String>,
    pub url: Option<String>,
    /// The publication: a site, feed or newsletter name.
    pub source: Option<String>,
    /// What names the article across fetches of the same file (a feed entry's id, with its
    /// feed's), so that its document id does not change when entries are added on top.
    pub entry_id: Option<String>,
}

impl From<Parsed> for Article {
    fn from(parsed: Parsed) -> Article {
        Article {
            parsed,
            ..Article::default()
        }
    }
}

/// Why a file gave no document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The format's own reason ("malformed JSON: …"), worded by its reader.
    #[error("{0}")]
    Invalid(String),
    #[error("no readable text after cleaning")]
    NoText,
    #[error("no reader for this format")]
    NoReader,
}

/// Decoded and sanitised text, with the decoder's caveat: where every text-based reader starts.
pub fn clean_text(bytes: &[u8]) -> Result<(String, Option<&'static str>), DecodeError> {
    let decoded = decode::decode(bytes)?;
    let text = sanitize(&decoded.text).into_owned();
    Ok((text, decoded.warning))
}
