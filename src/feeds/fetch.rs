//! Fetching subscriptions: every feed on a small pool of workers under the [`Limiter`], each
//! answer turned into stored entries and a [`FeedReport`]. A fetch holds the store's lock from
//! start to end, so a second one (another terminal) waits and then finds everything current.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::entry::{entry_file, with_page};
use super::http::{Client, HttpError, Limits, Response, Validators};
use super::limiter::Limiter;
use super::store::{FeedState, Put, Store};
use super::subscriptions::Subscription;
use crate::ingest::{RemoteFeed, page_text, remote_feed};

/// How a fetch is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub limits: Limits,
    /// Requests in flight at once to one host, and in all.
    pub per_host: usize,
    pub total: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            limits: Limits::default(),
            per_host: 2,
            total: 8,
        }
    }
}

/// How one feed's fetch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The feed answered with its entries.
    Ok,
    /// 304: nothing changed since the last fetch.
    NotModified,
    /// Not asked: the server asked to wait (`Retry-After`) and the time has not come.
    Deferred,
    /// 410, now or at an earlier fetch: the feed is not asked again.
    Gone,
    /// No usable answer (network, HTTP error, not a feed).
    Failed,
}

impl Status {
    /// True when the feed answered (or was rightly not asked).
    pub fn answered(self) -> bool {
        matches!(self, Status::Ok | Status::NotModified | Status::Deferred)
    }
}

/// What fetching one feed did, as `briefdeck fetch --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedReport {
    pub feed: String,
    pub url: String,
    pub status: Status,
    pub new: usize,
    pub updated: usize,
    pub error: Option<String>,
    /// The feed moved for good (301, 308): the address to subscribe to from now on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
}

/// What the caller hears while a fetch runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Another fetch holds the store; this one waits for it.
    Waiting,
    /// `done` of `total` feeds are fetched; `report` is the last one.
    Fetched {
        done: usize,
        total: usize,
        report: FeedReport,
    },
}

/// Fetches `feeds` into `store`, reports in the order of `feeds`. Fails only when the store
/// cannot be locked; every feed's own failure is in its report.
pub fn fetch(
    feeds: &[Subscription],
    store: &Store,
    options: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> std::io::Result<Vec<FeedReport>> {
    let _lock = store.lock(|| progress(Progress::Waiting))?;
    let net = Net {
        store,
        client: Client::new(options.limits),
        limiter: Limiter::new(options.per_host, options.total),
    };
    let queue: Mutex<Vec<usize>> = Mutex::new((0..feeds.len()).rev().collect());
    let reports: Mutex<Vec<Option<FeedReport>>> = Mutex::new(vec![None; feeds.len()]);
    let done = AtomicUsize::new(0);
    let workers = options.total.clamp(1, feeds.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(i) = next_job(&queue, feeds, &net.limiter) {
                    let report = net.fetch_one(&feeds[i]);
                    tracing::info!(
                        feed = %report.feed,
                        status = ?report.status,
                        new = report.new,
                        updated = report.updated,
                        error = report.error.as_deref().unwrap_or(""),
                        "feed fetched"
                    );
                    let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                    progress(Progress::Fetched {
                        done: n,
                        total: feeds.len(),
                        report: report.clone(),
                    });
                    reports.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(report);
                }
            });
        }
    });
    Ok(reports
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .flatten()
        .collect())
}

/// The next feed to fetch: the first whose host has a free slot, else the first (its worker
/// then waits for a slot).
fn next_job(queue: &Mutex<Vec<usize>>, feeds: &[Subscription], limiter: &Limiter) -> Option<usize> {
    let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
    let pick = q
        .iter()
        .rposition(|&i| limiter.is_free(&host_of(&feeds[i].url)))
        .unwrap_or(q.len().checked_sub(1)?);
    Some(q.remove(pick))
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What every worker of one fetch shares: the store, the client and its connection pool,
/// and the limits on requests in flight.
struct Net<'a> {
    store: &'a Store,
    client: Client,
    limiter: Limiter,
}

impl Net<'_> {
    /// One GET under a slot for its host.
    fn get(&self, url: &str, v: &Validators) -> Result<Response, HttpError> {
        let _slot = self.limiter.slot(&host_of(url));
        self.client.get(url, v)
    }

    fn fetch_one(&self, sub: &Subscription) -> FeedReport {
        let store = self.store;
        let folder = sub.folder();
        store.sweep(&folder);
        let mut state = store.state(&folder);
        if state.url != sub.url {
            state = FeedState {
                url: sub.url.clone(),
                ..FeedState::default()
            };
        }
        let mut report = FeedReport {
            feed: sub.name.clone(),
            url: sub.url.clone(),
            status: Status::Failed,
            new: 0,
            updated: 0,
            error: None,
            moved_to: None,
        };
        let now = now();
        if state.gone {
            report.status = Status::Gone;
            report.error = Some(gone_message(sub));
            return report;
        }
        if let Some(until) = state.retry_after.filter(|&t| t > now) {
            report.status = Status::Deferred;
            report.error = Some(format!(
                "the server asked to wait; next try in {} s or later",
                until - now
            ));
            return report;
        }
        let validators = Validators {
            etag: state.etag.clone(),
            last_modified: state.last_modified.clone(),
        };
        state.last_fetch = Some(now);
        state.retry_after = None;
        let outcome = match self.get(&sub.url, &validators) {
            Err(e) => Err(e.to_string()),
            Ok(r) => {
                if let Some(to) = &r.moved_to {
                    report.moved_to = Some(to.clone());
                    state.url = to.clone();
                }
                self.answer(sub, &folder, r, &mut state, &mut report)
            }
        };
        match outcome {
            Ok(status) => {
                report.status = status;
                state.last_error = None;
                if status != Status::Gone {
                    state.last_ok = Some(now);
                }
            }
            Err(why) => {
                report.status = if state.gone {
                    Status::Gone
                } else {
                    Status::Failed
                };
                report.error = Some(why.clone());
                state.last_error = Some(why);
            }
        }
        if let Err(e) = store.save_state(&folder, &state) {
            report.status = Status::Failed;
            report.error = Some(format!("could not record the fetch: {e}"));
        }
        report
    }

    /// What a response means for the feed.
    fn answer(
        &self,
        sub: &Subscription,
        folder: &str,
        r: Response,
        state: &mut FeedState,
        report: &mut FeedReport,
    ) -> Result<Status, String> {
        match r.status {
            304 => Ok(Status::NotModified),
            200..=299 => {
                let feed =
                    remote_feed(&r.body, r.charset()).map_err(|e| format!("not a feed: {e}"))?;
                let (new, updated, page_errors) = self
                    .keep(sub, folder, &feed)
                    .map_err(|e| format!("could not store entries: {e}"))?;
                report.new = new;
                report.updated = updated;
                if page_errors > 0 {
                    report.error = Some(format!(
                        "{page_errors} entr{} kept as the feed's summary: the page could not be read",
                        if page_errors == 1 { "y" } else { "ies" }
                    ));
                }
                state.etag = r.validators.etag;
                state.last_modified = r.validators.last_modified;
                Ok(Status::Ok)
            }
            410 => {
                state.gone = true;
                Err(gone_message(sub))
            }
            429 | 503 => {
                let wait = r.retry_after;
                if let Some(secs) = wait {
                    state.retry_after = Some(now() + secs);
                }
                Err(format!(
                    "HTTP {} {}{}",
                    r.status,
                    reason(r.status),
                    wait.map_or(String::new(), |s| format!("; asked to wait {s} s"))
                ))
            }
            s => Err(format!("HTTP {s} {}", reason(s))),
        }
    }

    /// Stores the feed's entries: (new, updated, entries whose page could not be read).
    fn keep(
        &self,
        sub: &Subscription,
        folder: &str,
        feed: &RemoteFeed,
    ) -> std::io::Result<(usize, usize, usize)> {
        let store = self.store;
        store.open_feed(folder)?;
        let (mut new, mut updated, mut page_errors) = (0, 0, 0);
        let mut seen = HashSet::new();
        for e in &feed.entries {
            if !seen.insert(e.id.as_str()) {
                continue; // A feed that lists an entry twice: the first is the one it shows.
            }
            let entry = if sub.full_text {
                if store.has(folder, &e.id) {
                    continue; // Read in full when it was new; the summary would only lose that.
                }
                match e.url.as_deref().map(|u| self.full_page(u)) {
                    Some(Ok(page)) => with_page(e, &page),
                    _ => {
                        page_errors += 1;
                        e.clone()
                    }
                }
            } else {
                e.clone()
            };
            let bytes = entry_file(&sub.name, feed.lang.as_deref(), &entry);
            match store.put(folder, &e.id, &bytes)? {
                Put::New => new += 1,
                Put::Updated => updated += 1,
                Put::Unchanged => {}
            }
        }
        Ok((new, updated, page_errors))
    }

    /// An entry's page, read as the web-page reader reads a saved page.
    fn full_page(&self, url: &str) -> Result<crate::ingest::html::WebArticle, String> {
        let r = self
            .get(url, &Validators::default())
            .map_err(|e| e.to_string())?;
        if !(200..300).contains(&r.status) {
            return Err(format!("HTTP {}", r.status));
        }
        let text = page_text(&r.body, r.charset()).map_err(|e| e.to_string())?;
        let page = crate::ingest::html::page(&text);
        if page.blocks.is_empty() {
            return Err("no article in the page".into());
        }
        Ok(page)
    }
}

fn gone_message(sub: &Subscription) -> String {
    format!(
        "the server says the feed is gone (410); `briefdeck feeds remove {:?}` unsubscribes",
        sub.name
    )
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Subscribes the feeds that moved for good (301, 308) at their new addresses.
pub fn record_moves(
    subscriptions: &std::path::Path,
    reports: &[FeedReport],
) -> Result<(), super::SubscriptionsError> {
    if reports.iter().all(|r| r.moved_to.is_none()) {
        return Ok(());
    }
    super::Subscriptions::edit(subscriptions, |subs| {
        for r in reports {
            if let (Some(to), Some(sub)) =
                (&r.moved_to, subs.feeds.iter_mut().find(|s| s.url == r.url))
            {
                sub.url = to.clone();
            }
        }
        Ok(())
    })
}

/// A feed found for an address the user gave: the feed's own address and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub url: String,
    pub title: Option<String>,
    pub entries: usize,
}

/// Checks that `url` answers with a feed, or finds the feed the page there advertises
/// (`<link rel="alternate" type="application/rss+xml">`), as `feeds add` needs.
pub fn discover(url: &str, limits: Limits) -> Result<Found, String> {
    let client = Client::new(limits);
    let r = client
        .get(url, &Validators::default())
        .map_err(|e| e.to_string())?;
    if !(200..300).contains(&r.status) {
        return Err(format!("HTTP {} {}", r.status, reason(r.status)));
    }
    let base = r.moved_to.clone().unwrap_or_else(|| url.trim().to_string());
    match remote_feed(&r.body, r.charset()) {
        Ok(feed) => Ok(Found {
            url: base,
            title: feed.title,
            entries: feed.entries.len(),
        }),
        Err(not_feed) => {
            let text = page_text(&r.body, r.charset()).map_err(|e| e.to_string())?;
            let links = crate::ingest::html::feed_links(&text);
            if links.is_empty() {
                return Err(if r.is_html() {
                    "a web page that names no feed (no <link rel=\"alternate\" type=\"application/rss+xml\">)".into()
                } else {
                    format!("not a feed: {not_feed}")
                });
            }
            let page = url::Url::parse(&r.url).map_err(|e| e.to_string())?;
            let mut last = String::new();
            for link in links {
                let Ok(feed_url) = page.join(&link) else {
                    continue;
                };
                let r = match client.get(feed_url.as_str(), &Validators::default()) {
                    Ok(r) if (200..300).contains(&r.status) => r,
                    Ok(r) => {
                        last = format!("{feed_url}: HTTP {}", r.status);
                        continue;
                    }
                    Err(e) => {
                        last = format!("{feed_url}: {e}");
                        continue;
                    }
                };
                match remote_feed(&r.body, r.charset()) {
                    Ok(feed) => {
                        return Ok(Found {
                            url: r.moved_to.unwrap_or_else(|| feed_url.to_string()),
                            title: feed.title,
                            entries: feed.entries.len(),
                        });
                    }
                    Err(e) => last = format!("{feed_url}: not a feed: {e}"),
                }
            }
            Err(format!(
                "the page names a feed, but it cannot be read ({last})"
            ))
        }
    }
}
