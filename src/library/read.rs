//! One file's bytes to its analysed documents: ingest reads them, analysis finds their
//! language and takeaways. Themes come after, with the loading thread's tagger.

use std::path::Path;

use crate::ingest::{self, ParseError};
use crate::model::Document;
use crate::model::Format;

/// Decodes, cleans and parses one file, then finds each document's language and takeaways;
/// returns its documents and a warning if decoding guessed.
pub fn documents_from_bytes(
    path: &Path,
    bytes: &[u8],
    format: Format,
) -> Result<(Vec<Document>, Option<&'static str>), ParseError> {
    let (mut docs, warning) = ingest::read(path, bytes, format)?;
    for doc in &mut docs {
        crate::analysis::document(doc, ingest::dateline_end);
    }
    Ok((docs, warning))
}
