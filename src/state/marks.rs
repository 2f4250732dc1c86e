//! The marks as data: what is read, starred and where reading stopped, and the merge that
//! joins two copies of them (a union for reads, a last-writer-wins register with a timestamp
//! for each star and for the place). Pure values: the file and the lock are elsewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The file format this build writes. A file with a higher version is read as far as it is
/// understood but never overwritten, so an older briefdeck cannot destroy a newer one's state.
pub const VERSION: u32 = 1;

/// A star on a takeaway, or the record that it was removed: the later `at` wins a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Star {
    /// Starred (`true`) or unstarred (`false`, kept so a merge cannot resurrect the star).
    pub on: bool,
    /// When it was set, in milliseconds since 1970 (see [`Store`](super::Store) for the clock).
    pub at: u64,
}

impl Star {
    /// Whether `self` wins a merge against `other`: the later one, and on a tie the unstar
    /// (any fixed rule keeps the merge order-independent; this one errs towards removal).
    pub(super) fn beats(&self, other: &Star) -> bool {
        self.at > other.at || (self.at == other.at && !self.on && other.on)
    }
}

/// Where reading stopped: the document in the reader and its top line, as a line number and,
/// so that a different terminal width finds the same text, as a place in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    /// When it was recorded (the later one wins a merge; [`Store::set_place`](super::Store::set_place) sets it).
    pub at: u64,
    /// Document id.
    pub doc: String,
    /// First line shown, at the width it was read at (the fallback when `block` is `None`).
    pub line: usize,
    /// The first text block at or below the top line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    /// Byte offset into `block`'s text of the first line of it shown.
    #[serde(default)]
    pub offset: usize,
    /// Lines above that one at the top (a blank line or the title before a block).
    #[serde(default)]
    pub above: usize,
}

impl Place {
    /// The later place wins; on a tie, a fixed order of the other fields.
    pub(super) fn beats(&self, other: &Place) -> bool {
        self > other
    }

    /// The same place, whenever it was recorded.
    pub(super) fn same_spot(&self, other: &Place) -> bool {
        Place {
            at: 0,
            ..self.clone()
        } == Place {
            at: 0,
            ..other.clone()
        }
    }
}

/// Everything saved, as it is in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Format version ([`VERSION`] when written by this build).
    #[serde(default = "version_one")]
    pub version: u32,
    /// Ids of the documents opened in the reader.
    #[serde(default)]
    pub read: BTreeSet<String>,
    /// Stars and unstars by takeaway id (`DOCID.N`).
    #[serde(default)]
    pub stars: BTreeMap<String, Star>,
    /// Where reading stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Place>,
}

fn version_one() -> u32 {
    1
}

impl Default for State {
    fn default() -> State {
        State {
            version: VERSION,
            read: BTreeSet::new(),
            stars: BTreeMap::new(),
            last: None,
        }
    }
}

impl State {
    /// Whether document `id` was opened.
    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    /// Whether takeaway `id` is starred now.
    pub fn is_starred(&self, id: &str) -> bool {
        self.stars.get(id).is_some_and(|s| s.on)
    }

    /// Ids of the takeaways starred now.
    pub fn starred(&self) -> impl Iterator<Item = &str> {
        self.stars
            .iter()
            .filter(|(_, s)| s.on)
            .map(|(k, _)| k.as_str())
    }

    /// Folds `other` into `self` (see the module docs); returns whether `self` changed.
    pub fn merge(&mut self, other: &State) -> bool {
        let mut changed = false;
        for id in &other.read {
            if !self.read.contains(id) {
                self.read.insert(id.clone());
                changed = true;
            }
        }
        for (id, theirs) in &other.stars {
            match self.stars.get_mut(id) {
                Some(mine) if !theirs.beats(mine) => {}
                Some(mine) => {
                    *mine = *theirs;
                    changed = true;
                }
                None => {
                    self.stars.insert(id.clone(), *theirs);
                    changed = true;
                }
            }
        }
        if let Some(theirs) = &other.last
            && self.last.as_ref().is_none_or(|mine| theirs.beats(mine))
        {
            self.last = Some(theirs.clone());
            changed = true;
        }
        self.version = self.version.max(other.version);
        changed
    }

    /// The latest timestamp in the state.
    pub(super) fn clock(&self) -> u64 {
        let stars = self.stars.values().map(|s| s.at).max().unwrap_or(0);
        stars.max(self.last.as_ref().map_or(0, |p| p.at))
    }
}

/// Milliseconds since 1970 by the wall clock (0 if it is set before 1970).
pub(super) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Shared with the store's tests.
#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::state) fn star(on: bool, at: u64) -> Star {
        Star { on, at }
    }

    pub(in crate::state) fn state(read: &[&str], stars: &[(&str, bool, u64)]) -> State {
        State {
            read: read.iter().map(|s| s.to_string()).collect(),
            stars: stars
                .iter()
                .map(|&(k, on, at)| (k.to_string(), star(on, at)))
                .collect(),
            ..State::default()
        }
    }

    pub(in crate::state) fn place(
        doc: &str,
        line: usize,
        block: Option<usize>,
        offset: usize,
    ) -> Place {
        Place {
            doc: doc.into(),
            line,
            block,
            offset,
            ..Place::default()
        }
    }

    #[test]
    fn merge_unions_reads_and_keeps_the_later_star() {
        let mut a = state(&["d1", "d2"], &[("d1.1", true, 10), ("d1.2", false, 30)]);
        let b = state(&["d2", "d3"], &[("d1.1", false, 20), ("d1.2", true, 25)]);
        assert!(a.merge(&b));
        assert_eq!(a.read, ["d1", "d2", "d3"].map(String::from).into());
        assert_eq!(a.stars["d1.1"], star(false, 20), "the later unstar wins");
        assert_eq!(
            a.stars["d1.2"],
            star(false, 30),
            "an older star does not resurrect"
        );
        assert!(!a.merge(&b), "merging again changes nothing");
    }

    #[test]
    fn merge_is_order_independent() {
        let a = state(&["x"], &[("k", true, 5), ("m", true, 7)]);
        let b = state(&["y"], &[("k", false, 5), ("n", false, 1)]);
        let c = State {
            last: Some(Place {
                at: 9,
                ..place("y", 3, Some(1), 0)
            }),
            ..state(&[], &[("m", false, 8)])
        };
        let fold = |order: [&State; 3]| {
            let mut s = State::default();
            for x in order {
                s.merge(x);
            }
            s
        };
        let first = fold([&a, &b, &c]);
        for order in [[&b, &c, &a], [&c, &a, &b], [&c, &b, &a], [&a, &c, &b]] {
            assert_eq!(fold(order), first);
        }
        assert_eq!(first.stars["k"], star(false, 5), "a tie goes to the unstar");
        assert!(!first.is_starred("m"));
        assert_eq!(first.last.as_ref().map(|p| p.line), Some(3));
    }
}
