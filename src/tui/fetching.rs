//! `r`: the subscribed feeds fetched on a worker while the dashboard stays responsive. The
//! status line counts feeds done; when all are, new entries come in through live reload (the
//! store is one of the watched paths), and failed feeds are listed in the `!` pop-up.

use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Duration;

use super::app::App;
use super::live::Live;
use crate::feeds::{self, FeedReport, Options, Places, Progress, Subscriptions};
use crate::library::{Notice, NoticeKind};

/// How often a running fetch is looked at: progress is a count, so ten times a second is plenty.
const TICK: Duration = Duration::from_millis(100);

/// The start of the `!` pop-up's entries for failed feeds, so a reload keeps them and the next
/// fetch replaces them.
pub const FEED_NOTICE_PREFIX: &str = "feed ";

struct Running {
    progress: Receiver<Progress>,
    worker: JoinHandle<std::io::Result<Vec<FeedReport>>>,
    done: usize,
    total: usize,
}

/// Fetching, owned by the event loop.
pub struct Fetching {
    places: Option<Places>,
    running: Option<Running>,
}

impl Fetching {
    /// Fetching into `places` (none without a home folder: `r` then says so).
    pub fn new(places: Option<Places>) -> Fetching {
        Fetching {
            places,
            running: None,
        }
    }

    /// True when the user subscribes to feeds: an empty store is then no reason not to open
    /// the dashboard (`r` fills it).
    pub fn has_subscriptions(&self) -> bool {
        self.places.as_ref().is_some_and(|p| {
            Subscriptions::load(&p.subscriptions).is_ok_and(|s| !s.feeds.is_empty())
        })
    }

    /// How long the event loop may block while a fetch runs.
    pub fn timeout(&self) -> Option<Duration> {
        self.running.as_ref().map(|_| TICK)
    }

    /// Starts fetching every subscription, unless a fetch already runs.
    pub fn start(&mut self, app: &mut App) {
        if let Some(r) = &self.running {
            app.message = Some(format!("already fetching feeds: {}/{}", r.done, r.total));
            return;
        }
        let Some(places) = self.places.clone() else {
            app.message = Some("cannot fetch: no home folder (set HOME or XDG_DATA_HOME)".into());
            return;
        };
        let subs = match Subscriptions::load(&places.subscriptions) {
            Ok(s) => s,
            Err(e) => {
                app.message = Some(format!("cannot fetch: {e}"));
                return;
            }
        };
        if subs.feeds.is_empty() {
            app.message = Some("no subscriptions: add feeds with `briefdeck feeds add URL`".into());
            return;
        }
        let total = subs.feeds.len();
        let (tx, rx) = mpsc::channel();
        let worker = std::thread::spawn(move || {
            let progress = move |p: Progress| {
                let _ = tx.send(p);
            };
            let progress = std::sync::Mutex::new(progress);
            let reports = feeds::fetch(&subs.feeds, &places.store, &Options::default(), &|p| {
                (progress.lock().unwrap_or_else(|e| e.into_inner()))(p);
            })?;
            if let Err(e) = feeds::record_moves(&places.subscriptions, &reports) {
                tracing::warn!(error = %e, "could not record moved feeds");
            }
            Ok(reports)
        });
        app.message = Some(format!("fetching feeds: 0/{total}"));
        self.running = Some(Running {
            progress: rx,
            worker,
            done: 0,
            total,
        });
    }

    /// Shows progress, and when the fetch is done, its outcome; returns whether to redraw.
    pub fn tick(&mut self, app: &mut App, live: &mut Live) -> bool {
        let Some(running) = &mut self.running else {
            return false;
        };
        let mut redraw = false;
        while let Ok(p) = running.progress.try_recv() {
            match p {
                Progress::Waiting => {
                    app.message = Some("another briefdeck is fetching; waiting for it".into());
                }
                Progress::Fetched { done, total, .. } => {
                    running.done = done;
                    running.total = total;
                    app.message = Some(format!("fetching feeds: {done}/{total}"));
                }
            }
            redraw = true;
        }
        if !running.worker.is_finished() {
            return redraw;
        }
        let Some(running) = self.running.take() else {
            return redraw;
        };
        let reports = match running.worker.join() {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                app.message = Some(format!("fetch failed: cannot use the feed store: {e}"));
                return true;
            }
            Err(e) => std::panic::resume_unwind(e),
        };
        let watched = self
            .places
            .as_ref()
            .is_some_and(|p| app.paths.iter().any(|path| path == p.store.root()));
        let outcome = Outcome::of(&reports);
        app.corpus
            .notices
            .retain(|n| !n.path.starts_with(FEED_NOTICE_PREFIX));
        app.corpus.notices.extend(outcome.notices(&reports));
        let message = outcome.message(watched);
        if outcome.new + outcome.updated > 0 && watched {
            // The entries are on disk: load them now rather than when the watcher notices.
            app.after_reload = Some(message);
            live.reload_now();
        } else {
            app.message = Some(message);
        }
        true
    }
}

/// What a whole fetch did.
#[derive(Debug, Default, PartialEq, Eq)]
struct Outcome {
    new: usize,
    updated: usize,
    /// Feeds that brought new or updated entries.
    from: usize,
    failed: usize,
    feeds: usize,
}

impl Outcome {
    fn of(reports: &[FeedReport]) -> Outcome {
        let mut o = Outcome {
            feeds: reports.len(),
            ..Outcome::default()
        };
        for r in reports {
            o.new += r.new;
            o.updated += r.updated;
            o.from += usize::from(r.new + r.updated > 0);
            o.failed += usize::from(!r.status.answered());
        }
        o
    }

    /// `reloaded: 12 new from 3 feeds; 1 failed (press ! for why)`.
    fn message(&self, watched: bool) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut msg = if self.new + self.updated == 0 {
            format!(
                "feeds: nothing new from {} feed{}",
                self.feeds,
                plural(self.feeds)
            )
        } else {
            let updated = if self.updated > 0 {
                format!(", {} updated", self.updated)
            } else {
                String::new()
            };
            let verb = if watched { "reloaded" } else { "fetched" };
            format!(
                "{verb}: {} new{updated} from {} feed{}",
                self.new,
                self.from,
                plural(self.from)
            )
        };
        if self.failed > 0 {
            msg.push_str(&format!("; {} failed (press ! for why)", self.failed));
        }
        if !watched && self.new + self.updated > 0 {
            msg.push_str(" · not shown: open briefdeck without paths to read them");
        }
        msg
    }

    fn notices(&self, reports: &[FeedReport]) -> Vec<Notice> {
        reports
            .iter()
            .filter(|r| !r.status.answered())
            .map(|r| Notice {
                kind: NoticeKind::Warning,
                path: format!(
                    "{FEED_NOTICE_PREFIX}{} ({})",
                    crate::ingest::sanitize::sanitize_line(&r.feed),
                    crate::ingest::sanitize::sanitize_line(&r.url)
                ),
                reason: crate::ingest::sanitize::sanitize_line(
                    r.error.as_deref().unwrap_or("failed"),
                )
                .into_owned(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::Status;

    fn report(feed: &str, status: Status, new: usize, updated: usize) -> FeedReport {
        FeedReport {
            feed: feed.into(),
            url: format!("http://127.0.0.1/{feed}"),
            status,
            new,
            updated,
            error: (status == Status::Failed).then(|| "HTTP 404 Not Found".into()),
            moved_to: None,
        }
    }

    #[test]
    fn the_message_counts_entries_feeds_and_failures() {
        let reports = [
            report("a", Status::Ok, 10, 0),
            report("b", Status::Ok, 2, 1),
            report("c", Status::NotModified, 0, 0),
            report("d", Status::Failed, 0, 0),
            report("e", Status::Ok, 0, 0),
        ];
        let o = Outcome::of(&reports);
        assert_eq!(
            o.message(true),
            "reloaded: 12 new, 1 updated from 2 feeds; 1 failed (press ! for why)"
        );
        let notices = o.notices(&reports);
        assert_eq!(notices.len(), 1);
        assert_eq!(
            notices[0].to_string(),
            "warning: feed d (http://127.0.0.1/d): HTTP 404 Not Found"
        );
        let quiet = Outcome::of(&reports[2..3]);
        assert_eq!(quiet.message(true), "feeds: nothing new from 1 feed");
        let one = Outcome::of(&reports[..1]);
        assert_eq!(
            one.message(false),
            "fetched: 10 new from 1 feed · not shown: open briefdeck without paths to read them"
        );
    }
}
