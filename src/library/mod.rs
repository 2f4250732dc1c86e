//! Paths to a [`Corpus`]: walk the folders, consult and write the on-disk index, run ingest then
//! analysis per file on all cores, link, and report progress and notices. The only module that
//! knows ingest, analysis and the index together.
//!
//! - [`load`]: options and the load itself, spread over all cores by `parallel`; `walk`
//!   finds the files and reads each one safely; [`Notice`]s tell the user what was left out.
//! - `read`: one file's bytes through ingest and analysis (the seeds and the fuzzer use it).
//! - [`cache`]: the on-disk index; [`lexicon`]: theme files; [`seeds`]: the bundled briefings.

pub mod cache;
mod corpus;
pub mod lexicon;
pub mod load;
mod notice;
mod parallel;
pub mod progress;
mod read;
pub mod seeds;
mod stamp;
mod walk;

pub use corpus::{Corpus, CorpusLinks};
pub use load::{LoadError, LoadOptions, load_paths};
pub use notice::{Notice, NoticeKind};
pub use parallel::parallel_map;
pub use progress::{Phase, Progress, Snapshot};
pub use read::documents_from_bytes;
pub use stamp::{FilesStamp, current_stamp};
