//! How many requests may be in flight: at most a few per host (politeness) and a few more in
//! all (this machine's share of the network). A request waits for its slot here.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

/// Counts requests in flight, per host and in all.
#[derive(Debug)]
pub struct Limiter {
    per_host: usize,
    total: usize,
    busy: Mutex<(usize, HashMap<String, usize>)>,
    freed: Condvar,
}

/// A slot held for one request; dropping it frees the slot.
#[derive(Debug)]
pub struct Slot<'a> {
    limiter: &'a Limiter,
    host: String,
}

impl Limiter {
    pub fn new(per_host: usize, total: usize) -> Limiter {
        Limiter {
            per_host: per_host.max(1),
            total: total.max(1),
            busy: Mutex::new((0, HashMap::new())),
            freed: Condvar::new(),
        }
    }

    /// Waits for a slot for a request to `host`.
    pub fn slot(&self, host: &str) -> Slot<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let at_host = busy.1.get(host).copied().unwrap_or(0);
            if busy.0 < self.total && at_host < self.per_host {
                busy.0 += 1;
                *busy.1.entry(host.to_string()).or_default() += 1;
                return Slot {
                    limiter: self,
                    host: host.to_string(),
                };
            }
            busy = self.freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// True when a request to `host` would get a slot now: lets a worker pick a feed it can
    /// fetch at once over one that would wait.
    pub fn is_free(&self, host: &str) -> bool {
        let busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        busy.0 < self.total && busy.1.get(host).copied().unwrap_or(0) < self.per_host
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut busy = self.limiter.busy.lock().unwrap_or_else(|p| p.into_inner());
        busy.0 -= 1;
        if let Some(n) = busy.1.get_mut(&self.host) {
            *n -= 1;
            if *n == 0 {
                busy.1.remove(&self.host);
            }
        }
        drop(busy);
        self.limiter.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn no_more_than_the_limits_at_once() {
        let limiter = Limiter::new(2, 3);
        let in_a = AtomicUsize::new(0);
        let max_a = AtomicUsize::new(0);
        let in_all = AtomicUsize::new(0);
        let max_all = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for i in 0..12 {
                let host = if i % 2 == 0 {
                    "a"
                } else {
                    ["b", "c", "d"][i % 3]
                };
                let (limiter, in_a, max_a, in_all, max_all) =
                    (&limiter, &in_a, &max_a, &in_all, &max_all);
                s.spawn(move || {
                    let _slot = limiter.slot(host);
                    let all = in_all.fetch_add(1, Ordering::SeqCst) + 1;
                    max_all.fetch_max(all, Ordering::SeqCst);
                    if host == "a" {
                        let a = in_a.fetch_add(1, Ordering::SeqCst) + 1;
                        max_a.fetch_max(a, Ordering::SeqCst);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    if host == "a" {
                        in_a.fetch_sub(1, Ordering::SeqCst);
                    }
                    in_all.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert!(max_a.load(Ordering::SeqCst) <= 2);
        assert!(max_all.load(Ordering::SeqCst) <= 3);
        assert!(
            max_all.load(Ordering::SeqCst) >= 2,
            "slots are shared, not serialised"
        );
        assert!(limiter.is_free("a"));
    }
}
