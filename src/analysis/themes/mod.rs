//! The theme and entity lexicon, and the matcher that tags texts with it.
//!
//! Readers filter briefings by theme ("naval", "Africa") and follow links made of shared
//! entities, in English and Italian alike. The lexicon (`assets/themes.json`, plus user files
//! given with `--themes`) lists themes with keywords in both languages and entities with their
//! aliases across languages; matching works on folded forms so "Perché"/"perche" and
//! "Italy’s"/"Italy's" agree, and keywords match on Snowball stems so "missili"/"missile" and
//! "deployments"/"deployment" agree.
//!
//! The matcher is a table from a phrase's first word to the phrases starting with it, so tagging
//! is linear in the text whatever the size of the lexicon.
//!
//! The parts, in the order data flows through them: `lexicon` (the files, merged, and the
//! tables built from them), `phrases` (those tables: phrases by first word, with case rules),
//! `tagger` (one text's matches, a `Scan`), `score` (a scan's themes) and `counts` (themes
//! over a corpus).
#![warn(missing_docs)]

mod counts;
mod lexicon;
mod phrases;
mod scan;
mod score;
mod tagger;
#[cfg(test)]
mod testing;

pub use counts::{ThemeCount, theme_counts};
pub use lexicon::{BUILTIN, Entity, Lexicon, LexiconError, Theme, ThemeLookup};
pub use scan::Scan;
pub use score::{THEME_THRESHOLD, THEME_WINDOW, theme_scores};
pub use tagger::Tagger;
