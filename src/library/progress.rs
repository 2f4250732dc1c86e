//! Loading progress that another thread can watch, and a way to ask loading to stop.
//!
//! Loading tens of thousands of files takes seconds, and a dashboard must not look frozen
//! meanwhile: the loader bumps plain atomic counters as it goes (no locks, no channel, no
//! callback on the hot path), and whoever wants a gauge polls [`Progress::snapshot`] from its
//! own thread as often as it redraws. [`Progress::cancel`] is how a user's `q` stops a load
//! early: workers look at the flag between files.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

/// What the loader is doing now, for the gauge's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Walking folders; `found` grows, `total` is not known yet.
    Walking,
    /// Reading and parsing files (or taking them from the index); `done` grows to `total`.
    Parsing,
    /// Linking takeaways across documents: one corpus-wide step with no per-file count.
    Linking,
    /// Writing the on-disk index.
    Saving,
    /// Finished (or cancelled).
    Done,
}

impl Phase {
    fn from_u8(v: u8) -> Phase {
        match v {
            0 => Phase::Walking,
            1 => Phase::Parsing,
            2 => Phase::Linking,
            3 => Phase::Saving,
            _ => Phase::Done,
        }
    }

    /// A short label for a gauge or a progress line ("reading", "linking").
    pub fn label(self) -> &'static str {
        match self {
            Phase::Walking => "finding files",
            Phase::Parsing => "reading",
            Phase::Linking => "linking",
            Phase::Saving => "saving index",
            Phase::Done => "done",
        }
    }
}

/// Shared counters of one load. Create one, put it in `LoadOptions::progress` (as an
/// `Arc<Progress>`), start loading on a worker thread, and poll [`Progress::snapshot`].
#[derive(Debug, Default)]
pub struct Progress {
    phase: AtomicU8,
    found: AtomicUsize,
    total: AtomicUsize,
    done: AtomicUsize,
    reused: AtomicUsize,
    cancelled: AtomicBool,
}

/// One consistent-enough reading of [`Progress`] (each counter is read once; they only grow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    /// What the loader is doing.
    pub phase: Phase,
    /// Briefing files found so far by the walk.
    pub found: usize,
    /// Files to read: 0 while walking, then fixed.
    pub total: usize,
    /// Files finished (parsed, taken from the index, or skipped), out of `total`.
    pub done: usize,
    /// Of `done`, how many came from the on-disk index without being parsed again.
    pub reused: usize,
}

impl Snapshot {
    /// `done / total` in 0.0..=1.0 for a gauge (0 until the total is known).
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0)
        }
    }
}

impl Progress {
    /// The current counts; cheap enough to call on every frame.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            phase: Phase::from_u8(self.phase.load(Ordering::Relaxed)),
            found: self.found.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            done: self.done.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }

    /// Asks the loader to stop as soon as it can; it then returns `LoadError::Cancelled`.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(crate) fn set_phase(&self, phase: Phase) {
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    pub(crate) fn found_one(&self) {
        self.found.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub(crate) fn done_one(&self, reused: bool) {
        if reused {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_phases_read_back() {
        let p = Progress::default();
        assert_eq!(p.snapshot().phase, Phase::Walking);
        assert_eq!(p.snapshot().ratio(), 0.0);
        p.found_one();
        p.found_one();
        p.set_total(2);
        p.set_phase(Phase::Parsing);
        p.done_one(true);
        let s = p.snapshot();
        assert_eq!((s.found, s.total, s.done, s.reused), (2, 2, 1, 1));
        assert_eq!(s.phase, Phase::Parsing);
        assert_eq!(s.ratio(), 0.5);
        assert!(!p.is_cancelled());
        p.cancel();
        assert!(p.is_cancelled());
    }
}
