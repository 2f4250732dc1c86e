//! The folded texts kept on disk, so that a warm start reads one buffer instead of folding
//! every title and takeaway again (40 ms at 10,000 documents, the larger part of a warm
//! `filter` and of the dashboard's first frame).
//!
//! One file per state of a corpus's files, named by a key of its [`FilesStamp`], the build and
//! the lexicon: the same key means the same files parsed by the same code, hence the same
//! texts. A stamp is trusted only as [`FilesStamp::unchanged`] trusts one: taken with no file
//! changed within the racy window and no notices, otherwise nothing is saved. The file ends
//! with a checksum; a damaged, truncated or mismatched file is folded again and replaced,
//! never trusted. Only the most recently used [`KEEP`] files are kept.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::buffer::{Info, Texts};
use crate::library::cache::{RACY_NS, build_id, ns_since_epoch, touch_if_stale};
use crate::library::{Corpus, FilesStamp};

const MAGIC: &[u8; 8] = b"BDTEXTS1";
/// Fold files kept (one per corpus state); older ones are removed when one is saved.
pub const KEEP: usize = 8;
/// Where the fold files live, under the cache directory.
const DIR: &str = "texts";

/// The file holding `corpus`'s folded texts under `cache`, if its stamp can be trusted.
pub(super) fn path_for(cache: &Path, corpus: &Corpus) -> Option<PathBuf> {
    let stamp = corpus.stamp?;
    trusted(&stamp).then(|| {
        let mut h = Xxh3::new();
        h.update(MAGIC);
        h.update(&stamp.hash.to_le_bytes());
        h.update(&build_id().to_le_bytes());
        h.update(&corpus.lexicon.fingerprint.to_le_bytes());
        cache.join(DIR).join(format!("{:016x}.fold", h.digest()))
    })
}

/// The rule of [`FilesStamp::unchanged`] for the stamp taken first: no change within the racy
/// window (a file rewritten within one clock tick keeps its key) and no notices.
fn trusted(stamp: &FilesStamp) -> bool {
    stamp.notices == 0 && stamp.newest_ns.saturating_add(RACY_NS) <= stamp.taken_ns
}

/// The texts stored at `path`, if they are whole and are `items` (each text's document and
/// takeaway, in id order). Anything else is `None`, logged: the caller folds anew.
pub(super) fn load(path: &Path, items: &[(u32, u32)]) -> Option<Texts> {
    let bytes = fs::read(path).ok()?;
    match decode(bytes, items) {
        Ok(texts) => {
            touch_if_stale(path);
            Some(texts)
        }
        Err(why) => {
            tracing::warn!(file = %crate::ingest::display(path), problem = why, "stored texts not usable; folding again");
            None
        }
    }
}

/// Writes `texts` to `path` atomically (a temporary file renamed over it), then prunes; a
/// failure is logged and costs only the next start's fold.
pub(super) fn save(path: &Path, texts: &Texts) {
    let Some(dir) = path.parent() else { return };
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        ns_since_epoch(SystemTime::now())
    ));
    let written = fs::create_dir_all(dir)
        .and_then(|()| fs::write(&tmp, encode(texts)))
        .and_then(|()| fs::rename(&tmp, path));
    match written {
        Ok(()) => prune(dir, path),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            tracing::warn!(file = %crate::ingest::display(path), problem = %e, "cannot save the folded texts");
        }
    }
}

fn encode(t: &Texts) -> Vec<u8> {
    let n = t.info.len();
    let map_chars: usize = t.maps.iter().map(|m| m.1.len()).sum();
    let mut out = Vec::with_capacity(64 + t.text.len() + n * 32 + t.maps.len() * 8 + map_chars * 4);
    out.extend_from_slice(MAGIC);
    for x in [n, t.text.len(), t.maps.len(), map_chars] {
        out.extend_from_slice(&(x as u64).to_le_bytes());
    }
    out.extend_from_slice(t.text.as_bytes());
    for &b in &t.bounds {
        out.extend_from_slice(&(b as u64).to_le_bytes());
    }
    for &m in &t.masks {
        out.extend_from_slice(&m.to_le_bytes());
    }
    for i in &t.info {
        for x in [i.head_len, i.head_chars, i.doc, i.takeaway] {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    for (id, map) in &t.maps {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&(map.len() as u32).to_le_bytes());
    }
    for map in &t.maps {
        for c in map.1.iter() {
            out.extend_from_slice(&c.to_le_bytes());
        }
    }
    let check = xxh3_64(&out);
    out.extend_from_slice(&check.to_le_bytes());
    out
}

/// Reads little-endian numbers off the front of a byte slice, failing on a short one.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], &'static str> {
        if self.0.len() < n {
            return Err("truncated");
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u64(&mut self) -> Result<u64, &'static str> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn u32(&mut self) -> Result<u32, &'static str> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    /// A count of items of `size` bytes that the rest of the input can hold.
    fn count(&mut self, size: usize) -> Result<usize, &'static str> {
        let n = usize::try_from(self.u64()?).map_err(|_| "implausible count")?;
        if n.checked_mul(size).is_none_or(|b| b > self.0.len()) {
            return Err("implausible count");
        }
        Ok(n)
    }
}

fn decode(mut bytes: Vec<u8>, items: &[(u32, u32)]) -> Result<Texts, &'static str> {
    let body_len = bytes.len().checked_sub(8).ok_or("truncated")?;
    let check = u64::from_le_bytes(bytes[body_len..].try_into().expect("8 bytes"));
    if !bytes.starts_with(MAGIC) || xxh3_64(&bytes[..body_len]) != check {
        return Err("damaged (checksum)");
    }
    let text_start = MAGIC.len() + 32;
    let mut r = Reader(&bytes[MAGIC.len()..body_len]);
    let n = r.count(32)?;
    let text_len = r.count(1)?;
    let n_maps = r.count(8)?;
    let map_chars = r.count(4)?;
    if n != items.len() {
        return Err("for other documents");
    }
    r.take(text_len)?;
    let bounds: Vec<usize> = (0..=n)
        .map(|_| r.u64().map(|b| b as usize))
        .collect::<Result<_, _>>()?;
    let masks: Vec<u64> = (0..n).map(|_| r.u64()).collect::<Result<_, _>>()?;
    let mut info = Vec::with_capacity(n);
    for &(doc, takeaway) in items {
        let (head_len, head_chars) = (r.u32()?, r.u32()?);
        if (r.u32()?, r.u32()?) != (doc, takeaway) {
            return Err("for other documents");
        }
        info.push(Info {
            head_len,
            head_chars,
            doc,
            takeaway,
        });
    }
    let mut heads = Vec::with_capacity(n_maps);
    for _ in 0..n_maps {
        heads.push((r.u32()?, r.u32()? as usize));
    }
    if heads.iter().map(|h| h.1).sum::<usize>() != map_chars {
        return Err("damaged (char maps)");
    }
    let mut maps = Vec::with_capacity(n_maps);
    for (id, len) in heads {
        let map: Box<[u32]> = (0..len).map(|_| r.u32()).collect::<Result<_, _>>()?;
        maps.push((id, map));
    }
    if !r.0.is_empty() {
        return Err("damaged (trailing bytes)");
    }
    // Now the text itself, moved rather than copied: everything before and after it goes.
    bytes.truncate(text_start + text_len);
    bytes.drain(..text_start);
    let text = String::from_utf8(bytes).map_err(|_| "damaged (not UTF-8)")?;
    let fits = bounds.first() == Some(&0)
        && bounds.last() == Some(&text.len())
        && bounds.windows(2).all(|w| w[0] <= w[1])
        && bounds.iter().all(|&b| text.is_char_boundary(b))
        && info
            .iter()
            .zip(bounds.windows(2))
            .all(|(i, w)| w[0] + i.head_len as usize <= w[1])
        && maps.windows(2).all(|w| w[0].0 < w[1].0)
        && maps.last().is_none_or(|m| (m.0 as usize) < n);
    if !fits {
        return Err("damaged (bounds)");
    }
    Ok(Texts::from_parts(text, bounds, masks, info, maps))
}

/// Keeps the [`KEEP`] most recently used fold files in `dir` (`kept` among them) and removes
/// temporary files a crash left over an hour ago.
fn prune(dir: &Path, kept: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    let mut folds = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let modified = e.metadata().and_then(|m| m.modified()).unwrap_or(now);
        if name.starts_with(".tmp-") {
            if now
                .duration_since(modified)
                .is_ok_and(|d| d.as_secs() > 3600)
            {
                let _ = fs::remove_file(&path);
            }
        } else if name.ends_with(".fold") && path != kept {
            folds.push((modified, path));
        }
    }
    folds.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, path) in folds.into_iter().skip(KEEP - 1) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::search::Searcher;
    use crate::query::search::fixtures::seeds_and_corpus;

    fn same(a: &Texts, b: &Texts) {
        assert_eq!(a.text, b.text);
        assert_eq!(a.bounds, b.bounds);
        assert_eq!(a.masks, b.masks);
        assert_eq!(items_of(a), items_of(b));
        let heads = |t: &Texts| {
            t.info
                .iter()
                .map(|i| (i.head_len, i.head_chars))
                .collect::<Vec<_>>()
        };
        assert_eq!(heads(a), heads(b));
        assert_eq!(a.maps, b.maps);
    }

    fn items_of(t: &Texts) -> Vec<(u32, u32)> {
        t.info.iter().map(|i| (i.doc, i.takeaway)).collect()
    }

    #[test]
    fn stored_texts_read_back_as_folded() {
        let c = seeds_and_corpus();
        let s = Searcher::new(&c);
        assert!(!s.texts.maps.is_empty(), "a text whose fold is not 1:1");
        let back = decode(encode(&s.texts), &items_of(&s.texts)).expect("decodes");
        same(&back, &s.texts);
    }

    #[test]
    fn any_damage_or_other_documents_is_refused() {
        let c = seeds_and_corpus();
        let s = Searcher::new(&c);
        let items = items_of(&s.texts);
        let good = encode(&s.texts);
        // Every byte flipped in turn (a sample across the file) fails the checksum.
        for at in (0..good.len()).step_by(good.len() / 97 + 1) {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(decode(bad, &items).is_err(), "flipped byte {at}");
        }
        for cut in [0, 7, 8, 40, good.len() / 2, good.len() - 1] {
            assert!(decode(good[..cut].to_vec(), &items).is_err(), "cut {cut}");
        }
        // Whole, but for documents of another shape.
        let mut other = items.clone();
        other.pop();
        assert_eq!(
            decode(good.clone(), &other).err(),
            Some("for other documents")
        );
        let mut moved = items.clone();
        moved.swap(0, 1);
        assert_eq!(decode(good, &moved).err(), Some("for other documents"));
    }

    #[test]
    fn pruning_keeps_the_most_recent_and_the_one_saved() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - std::time::Duration::from_secs(7200);
        for i in 0..KEEP + 3 {
            let p = dir.path().join(format!("{i:016x}.fold"));
            fs::write(&p, b"x").unwrap();
            let f = fs::File::options().append(true).open(&p).unwrap();
            f.set_modified(old + std::time::Duration::from_secs(i as u64))
                .unwrap();
        }
        // The one just saved is the oldest by time here, and still kept.
        let kept = dir.path().join(format!("{:016x}.fold", 0));
        prune(dir.path(), &kept);
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), KEEP);
        assert!(kept.exists());
        assert!(!dir.path().join(format!("{:016x}.fold", 1)).exists());
        assert!(dir.path().join(format!("{:016x}.fold", KEEP + 2)).exists());
    }
}
