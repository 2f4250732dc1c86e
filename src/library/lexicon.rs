//! The lexicon in force: the built-in one with the user's theme files merged over it. Reading
//! those files is the library's job, so analysis never touches the file system.

use std::path::Path;
use std::sync::Arc;

use crate::analysis::themes::{BUILTIN, Lexicon, LexiconError};
use crate::ingest::display;

/// The built-in lexicon with `paths` merged over it in order, so a later file wins: the
/// config file's theme files, then `--themes`.
pub fn with_theme_files<P: AsRef<Path>>(paths: &[P]) -> Result<Arc<Lexicon>, LexiconError> {
    if paths.is_empty() {
        return Ok(Lexicon::builtin());
    }
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        let path = path.as_ref();
        let file = display(path);
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError::Io {
            file: file.clone(),
            reason: match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".into(),
                std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
                _ => e.to_string(),
            },
        })?;
        texts.push((file, text));
    }
    let mut sources: Vec<(&str, &str)> = vec![("<built-in>", BUILTIN)];
    sources.extend(texts.iter().map(|(f, t)| (f.as_str(), t.as_str())));
    Lexicon::from_sources(&sources).map(Arc::new)
}
