//! The two briefings bundled into the binary, so `briefdeck` shows something from any folder.

use super::Corpus;
use super::load::{self, LoadOptions};

/// File name and bytes of each bundled seed, exactly as in `seeds/`.
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "000_96d7c4557528d75c.txt",
        include_bytes!("../../seeds/000_96d7c4557528d75c.txt"),
    ),
    (
        "001_fecae6dcc9ec738c.txt",
        include_bytes!("../../seeds/001_fecae6dcc9ec738c.txt"),
    ),
];

/// The bundled corpus, parsed through the same path as files on disk.
pub fn bundled() -> Corpus {
    bundled_with(&LoadOptions::default())
}

/// The bundled corpus, tagged with the lexicon in `opts` (for `--themes` without paths).
pub fn bundled_with(opts: &LoadOptions) -> Corpus {
    let sources = SEEDS.iter().map(|(name, bytes)| {
        (
            std::path::PathBuf::from(format!("seeds/{name}")),
            bytes.to_vec(),
        )
    });
    load::load_sources(sources, opts)
}
