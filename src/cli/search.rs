//! `briefdeck search`: the full-text query over the corpus's index, ranked documents printed
//! with snippets.
//!
//! Two ways to an answer, the same answer: when the index on disk was last brought up to date
//! with exactly the files that are there now (same paths, sizes and times: a walk and a `stat`
//! of each, no file read) it answers alone, reading only the files of the results for their
//! snippets; otherwise the corpus is loaded (the load index makes that quick), the index
//! brought up to date, and the query run.

use std::io::{self, IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::args::USAGE_ERROR;
use crate::fulltext::fields::passes_in;
use crate::fulltext::{DocMeta, Location, Prepared, Snippet, TextIndex, TextQuery, index_dir};
use crate::ingest::sanitize::sanitize_line;
use crate::library::{Corpus, LoadOptions, current_stamp};
use crate::model::{Block, Document};
use crate::query::{CorpusFacts, Facts, NoFacts, Searcher};

/// At most this many snippets per document.
pub const SNIPPETS: usize = 3;

/// How far a snippet reaches on each side of its hit, in chars, when the sentence is longer.
const CONTEXT_CHARS: usize = 70;

/// Parses and analyses `query` before anything is loaded, so a bad one fails fast (exit 2).
pub fn prepare(query: &str) -> Result<Prepared, ExitCode> {
    TextQuery::parse(query)
        .and_then(|q| Prepared::new(&q))
        .map_err(|e| {
            eprintln!("briefdeck: search: {e}");
            ExitCode::from(USAGE_ERROR)
        })
}

/// Where the full-text index of a corpus opened from `paths` lives: beside the load index in
/// the cache folder, in memory without one (or for the bundled seeds).
pub fn location(cache: Option<&Path>, paths: &[PathBuf]) -> Location {
    match cache {
        Some(dir) if !paths.is_empty() => {
            let roots: Vec<PathBuf> = paths
                .iter()
                .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
                .collect();
            Location::Disk(index_dir(dir, &roots))
        }
        _ => Location::Memory,
    }
}

/// One result, whichever way it was found.
pub struct Found {
    id: String,
    title: String,
    path: String,
    score: f32,
    blocks: Vec<Block>,
    snippets: Vec<Snippet>,
}

/// Answers from the index alone when it is up to date with the files under `paths`; `None`
/// when it is not, or when the query has field terms (`lang:`, `#theme`, ...): their notes
/// (an unknown language, theme or feed) and themes need the loaded corpus.
pub fn answer_from_index(
    prepared: &Prepared,
    paths: &[PathBuf],
    opts: &LoadOptions,
    limit: usize,
) -> Option<Vec<Found>> {
    let Location::Disk(dir) = location(opts.cache.as_deref(), paths) else {
        return None;
    };
    if !prepared.filters().is_empty() {
        return None;
    }
    let mut laps = Laps::from_env();
    let index = TextIndex::open(&dir)?;
    laps.lap("open");
    let stamp = index.stamp()?;
    let now = current_stamp(paths, opts.max_depth);
    laps.lap("stat");
    if !stamp.unchanged(&now) {
        tracing::debug!("files changed since the full-text index was synced; loading");
        return None;
    }
    let hits = index.search(prepared, &mut |_| true, limit);
    laps.lap("search");
    let metas: Vec<(f32, DocMeta)> = hits
        .iter()
        .map(|h| Some((h.score, index.meta(h.doc)?)))
        .collect::<Option<_>>()?;
    // The results' files are parsed again for their blocks, on all cores.
    let out: Vec<Option<Found>> = crate::library::parallel_map(&metas, |(score, meta)| {
        let path = PathBuf::from(os_string(&meta.path));
        let blocks = blocks_of_file(&path, meta.nth as usize)?;
        let snippets = prepared.snippets(&meta.lang, &blocks, SNIPPETS);
        Some(Found {
            id: meta.id.clone(),
            title: meta.title.clone(),
            path: meta.path_display.clone(),
            score: *score,
            blocks,
            snippets,
        })
    });
    let out: Vec<Found> = out.into_iter().collect::<Option<_>>()?;
    laps.lap("snippets");
    laps.report();
    tracing::info!(hits = out.len(), "search answered from the full-text index");
    Some(out)
}

/// Phase durations on stderr when `BRIEFDECK_TIMINGS` is set (as a load reports its own).
struct Laps {
    last: Option<std::time::Instant>,
    laps: Vec<String>,
}

impl Laps {
    fn from_env() -> Laps {
        Laps {
            last: std::env::var_os("BRIEFDECK_TIMINGS").map(|_| std::time::Instant::now()),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, name: &str) {
        if let Some(last) = self.last {
            let now = std::time::Instant::now();
            let ms = (now - last).as_secs_f64() * 1e3;
            self.laps.push(format!("{name} {ms:.1} ms"));
            self.last = Some(now);
        }
    }

    fn report(&self) {
        if self.last.is_some() {
            eprintln!("briefdeck: search timings: {}", self.laps.join(", "));
        }
    }
}

/// A path stored as OS bytes by this same program on this same system.
fn os_string(bytes: &[u8]) -> std::ffi::OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        std::ffi::OsString::from_vec(bytes.to_vec())
    }
    #[cfg(not(unix))]
    {
        String::from_utf8_lossy(bytes).into_owned().into()
    }
}

/// The blocks of the `nth` document of the file at `path`, read again (only results' files
/// are; the load makes duplicate ids unique, so the place in the file is what identifies the
/// document); `None` if the file no longer gives that document.
fn blocks_of_file(path: &Path, nth: usize) -> Option<Vec<Block>> {
    let bytes = std::fs::read(path).ok()?;
    let format = crate::ingest::format_of(path)?;
    let (mut docs, _) = crate::library::documents_from_bytes(path, &bytes, format).ok()?;
    (nth < docs.len()).then(|| docs.swap_remove(nth).blocks)
}

/// Brings the corpus's index up to date (reporting a damaged one once) and runs the query.
pub fn answer_from_corpus(
    prepared: &Prepared,
    corpus: &Corpus,
    location: Location,
    limit: usize,
) -> Vec<Found> {
    let (index, _, warning) = TextIndex::sync(location, &corpus.documents, corpus.stamp);
    if let Some(w) = warning {
        eprintln!("briefdeck: warning: {}", sanitize_line(&w));
    }
    let filters = prepared.filters();
    let facts: Box<dyn Facts> = if filters.is_empty() {
        Box::new(NoFacts)
    } else {
        for note in Searcher::new(corpus).notes(filters) {
            eprintln!("briefdeck: note: {note}");
        }
        Box::new(CorpusFacts::new(corpus))
    };
    let mut accept = |doc: u32| {
        filters.is_empty()
            || index
                .corpus_doc(doc)
                .is_some_and(|d| passes_in(filters, corpus, &*facts, d))
    };
    let hits = index.search(prepared, &mut accept, limit);
    hits.into_iter()
        .filter_map(|hit| {
            let d: &Document = &corpus.documents[index.corpus_doc(hit.doc)?];
            let blocks = match d.read_blocks() {
                Ok(b) => b.into_owned(),
                Err(why) => {
                    eprintln!("briefdeck: {}: {why}", d.path_display);
                    Vec::new()
                }
            };
            let snippets = prepared.snippets(&d.lang, &blocks, SNIPPETS);
            Some(Found {
                id: d.id.clone(),
                title: d.title.clone(),
                path: d.path_display.clone(),
                score: hit.score,
                blocks,
                snippets,
            })
        })
        .collect()
}

/// One result of `search --json`.
#[derive(Serialize)]
struct ResultJson<'a> {
    doc: &'a str,
    title: &'a str,
    path: &'a str,
    score: f32,
    snippets: Vec<SnippetJson>,
}

/// A hit in its context: `text` is the sentence (or line) around it, `start..end` the hit's
/// UTF-8 byte range in `text`, `block_start..block_end` the same hit in the text of block
/// `block` (as `briefdeck show --json` numbers them).
#[derive(Serialize)]
struct SnippetJson {
    block: usize,
    start: usize,
    end: usize,
    block_start: usize,
    block_end: usize,
    text: String,
}

/// Prints the results as JSON or as a plain list (hits in bold on a terminal).
pub fn print(out: &mut impl Write, found: &[Found], json: bool) -> io::Result<()> {
    if json {
        let rows: Vec<ResultJson> = found
            .iter()
            .map(|f| ResultJson {
                doc: &f.id,
                title: &f.title,
                path: &f.path,
                score: f.score,
                snippets: f
                    .snippets
                    .iter()
                    .filter_map(|s| {
                        let (text, range) = context(&f.blocks.get(s.block)?.text, &s.range);
                        Some(SnippetJson {
                            block: s.block,
                            start: range.start,
                            end: range.end,
                            block_start: s.range.start,
                            block_end: s.range.end,
                            text,
                        })
                    })
                    .collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::new(kind, e),
            None => io::Error::other(e),
        })?;
        return writeln!(out);
    }
    let bold = io::stdout().is_terminal();
    for f in found {
        writeln!(out, "{}", sanitize_line(&f.title))?;
        writeln!(out, "  {}  (score {:.2})", f.path, f.score)?;
        for s in &f.snippets {
            let Some(block) = f.blocks.get(s.block) else {
                continue;
            };
            let (text, r) = context(&block.text, &s.range);
            if bold {
                let (a, b) = (&text[..r.start], &text[r.end..]);
                writeln!(out, "    {a}\x1b[1m{}\x1b[0m{b}", &text[r.clone()])?;
            } else {
                writeln!(out, "    {text}")?;
            }
        }
    }
    Ok(())
}

/// The sentence (or line) around the hit at `range` of `text`, cut to [`CONTEXT_CHARS`] on
/// each side with `…`, control characters removed, and the hit's byte range in it.
pub fn context(text: &str, range: &Range<usize>) -> (String, Range<usize>) {
    let Range { start, end } = range.clone();
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return (sanitize_line(text).into_owned(), 0..0);
    }
    let sentence = sentence_around(text, start, end);
    let mut left_start = sentence.start;
    let mut cut_left = false;
    if text[sentence.start..start].chars().count() > CONTEXT_CHARS {
        left_start = text[..start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(sentence.start, |(i, _)| i);
        cut_left = true;
    }
    let mut right_end = sentence.end;
    let mut cut_right = false;
    if let Some((i, _)) = text[end..sentence.end].char_indices().nth(CONTEXT_CHARS) {
        right_end = end + i;
        cut_right = true;
    }
    let mut out = String::new();
    if cut_left {
        out.push('…');
    }
    out.push_str(sanitize_line(&text[left_start..start]).trim_start());
    let hit_start = out.len();
    out.push_str(&sanitize_line(&text[start..end]));
    let hit_end = out.len();
    out.push_str(sanitize_line(&text[end..right_end]).trim_end());
    if cut_right {
        out.push('…');
    }
    (out, hit_start..hit_end)
}

/// The byte range of the sentence (or line) holding `start..end`: from after the previous
/// `.`, `!` or `?` followed by a space, or a line break, to the next such end.
fn sentence_around(text: &str, start: usize, end: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut from = start;
    while from > 0 {
        let b = bytes[from - 1];
        if b == b'\n' || (from >= 2 && b == b' ' && matches!(bytes[from - 2], b'.' | b'!' | b'?')) {
            break;
        }
        from -= 1;
    }
    let mut to = end;
    while to < bytes.len() {
        let b = bytes[to];
        if b == b'\n' {
            break;
        }
        to += 1;
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(to).is_none_or(|n| *n == b' ') {
            break;
        }
    }
    from..to
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(text: &str, word: &str) -> (String, String) {
        let start = text.find(word).unwrap();
        let (line, r) = context(text, &(start..start + word.len()));
        let hit = line[r].to_string();
        (line, hit)
    }

    #[test]
    fn the_sentence_around_the_hit_is_shown() {
        let text = "First one. Then Taiwan again! And the last.";
        assert_eq!(
            snip(text, "Taiwan"),
            ("Then Taiwan again!".into(), "Taiwan".into())
        );
        assert_eq!(snip("line one\nthe città\nthree", "città").0, "the città");
    }

    #[test]
    fn long_sentences_are_cut_and_controls_dropped() {
        let text = format!("{} hit\x1b[31m {}", "a".repeat(200), "b".repeat(200));
        let (line, hit) = snip(&text, "hit");
        assert_eq!(hit, "hit");
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(!line.contains('\x1b'), "{line:?}");
        assert!(line.chars().count() < 2 * CONTEXT_CHARS + 20);
    }

    #[test]
    fn a_range_that_is_no_hit_is_not_a_panic() {
        assert_eq!(context("città", &(0..5)).1, 0..0);
        assert_eq!(context("abc", &(2..9)).1, 0..0);
    }
}
