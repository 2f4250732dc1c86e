//! `briefdeck feeds ...` and `briefdeck fetch`: subscriptions and fetching from the command
//! line, with the same store and reports the dashboard's `r` uses.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{FeedsAction, USAGE_ERROR};
use crate::config::Loaded;
use crate::feeds::{
    self, FeedReport, Options, Places, Progress, Status, Store, Subscription, Subscriptions,
    SubscriptionsError, opml,
};
use crate::ingest::sanitize::sanitize_line;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("briefdeck: {message}");
    ExitCode::from(1)
}

/// Runs `briefdeck feeds ACTION`.
pub fn run_feeds(action: &FeedsAction, loaded: &Loaded) -> ExitCode {
    let places = match Places::of(loaded.path.as_deref()) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let result = match action {
        FeedsAction::Add {
            url,
            name,
            full_text,
        } => add(&places, url, name.as_deref(), *full_text),
        FeedsAction::List { json } => list(&places, *json),
        FeedsAction::Remove { feed, keep_entries } => remove(&places, feed, *keep_entries),
        FeedsAction::Import { file } => import(&places, file),
        FeedsAction::Export => export(&places),
    };
    result.unwrap_or_else(|code| code)
}

type Done = Result<ExitCode, ExitCode>;

fn subs_error(e: SubscriptionsError) -> ExitCode {
    fail(e)
}

fn add(places: &Places, url: &str, name: Option<&str>, full_text: bool) -> Done {
    let url = url.trim();
    feeds::check_url(url).map_err(|e| {
        eprintln!("briefdeck: {e}");
        ExitCode::from(USAGE_ERROR)
    })?;
    let subs = Subscriptions::load(&places.subscriptions).map_err(subs_error)?;
    if let Some(s) = subs.by_url(url) {
        return Err(fail(format!("already subscribed to {url} as {:?}", s.name)));
    }
    let found = feeds::discover(url, Options::default().limits)
        .map_err(|why| fail(format!("{}: {why}", sanitize_line(url))))?;
    let added = Subscriptions::edit(&places.subscriptions, |subs| {
        if let Some(s) = subs.by_url(&found.url) {
            return Err(SubscriptionsError {
                path: crate::ingest::display(&subs.path),
                reason: format!("already subscribed to {} as {:?}", found.url, s.name),
            });
        }
        let wanted = name
            .map(str::to_string)
            .or(found.title.clone())
            .or_else(|| {
                url::Url::parse(&found.url)
                    .ok()?
                    .host_str()
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "feed".into());
        let sub = Subscription {
            name: subs.unique_name(&wanted),
            url: found.url.clone(),
            full_text,
            html_url: (found.url != url).then(|| url.to_string()),
        };
        subs.feeds.push(sub.clone());
        Ok(sub)
    })
    .map_err(subs_error)?;
    println!(
        "subscribed to {:?} ({}), {} now; `briefdeck fetch` stores them",
        added.name,
        added.url,
        entries(found.entries)
    );
    Ok(ExitCode::SUCCESS)
}

/// One row of `feeds list --json`.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    url: &'a str,
    full_text: bool,
    last_fetch: Option<String>,
    last_ok: Option<String>,
    entries: usize,
    error: Option<String>,
    gone: bool,
}

fn iso(secs: Option<u64>) -> Option<String> {
    let t = chrono::DateTime::from_timestamp(i64::try_from(secs?).ok()?, 0)?;
    Some(t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn list(places: &Places, json: bool) -> Done {
    let subs = Subscriptions::load(&places.subscriptions).map_err(subs_error)?;
    let rows: Vec<Row> = subs
        .feeds
        .iter()
        .map(|f| {
            let folder = f.folder();
            let state = places.store.state(&folder);
            let same = state.url == f.url;
            Row {
                name: &f.name,
                url: &f.url,
                full_text: f.full_text,
                last_fetch: iso(state.last_fetch.filter(|_| same)),
                last_ok: iso(state.last_ok.filter(|_| same)),
                entries: places.store.entry_count(&folder),
                error: state.last_error.filter(|_| same),
                gone: same && state.gone,
            }
        })
        .collect();
    let mut out = io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &rows)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out))
    } else if rows.is_empty() {
        writeln!(
            out,
            "no subscriptions (add one with `briefdeck feeds add URL`; kept in {})",
            crate::ingest::display(&places.subscriptions)
        )
    } else {
        rows.iter().try_for_each(|r| {
            let when = r.last_fetch.as_deref().unwrap_or("never fetched");
            let error = r
                .error
                .as_deref()
                .map_or(String::new(), |e| format!("  error: {e}"));
            writeln!(
                out,
                "{}\t{}\t{when}\t{}{error}",
                sanitize_line(r.name),
                sanitize_line(r.url),
                entries(r.entries)
            )
        })
    };
    finish(written)
}

fn entries(n: usize) -> String {
    format!("{n} entr{}", if n == 1 { "y" } else { "ies" })
}

fn finish(written: io::Result<()>) -> Done {
    match written.and_then(|()| io::stdout().flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(fail(format!("cannot write output: {e}"))),
    }
}

fn remove(places: &Places, key: &str, keep_entries: bool) -> Done {
    let removed = Subscriptions::edit(&places.subscriptions, |subs| {
        let Some(i) = subs.find(key) else {
            return Err(SubscriptionsError {
                path: crate::ingest::display(&subs.path),
                reason: format!(
                    "no feed named {:?} (see `briefdeck feeds list`)",
                    sanitize_line(key)
                ),
            });
        };
        Ok(subs.feeds.remove(i))
    })
    .map_err(subs_error)?;
    let deleted = if keep_entries {
        0
    } else {
        let _lock = places.store.lock(|| {}).map_err(fail)?;
        places.store.remove_feed(&removed.folder()).map_err(fail)?
    };
    if keep_entries {
        println!("unsubscribed from {:?}; its entries are kept", removed.name);
    } else {
        println!(
            "unsubscribed from {:?}; deleted {} stored",
            removed.name,
            entries(deleted)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn import(places: &Places, file: &std::path::Path) -> Done {
    let shown = crate::ingest::display(file);
    let bytes = std::fs::read(file).map_err(|e| fail(format!("{shown}: {e}")))?;
    let imported = opml::parse(&bytes).map_err(|why| fail(format!("{shown}: {why}")))?;
    let (added, already) = Subscriptions::edit(&places.subscriptions, |subs| {
        let (mut added, mut already) = (0, 0);
        for o in &imported.feeds {
            if subs.by_url(&o.url).is_some() {
                already += 1;
                continue;
            }
            let wanted = o
                .name
                .clone()
                .or_else(|| url::Url::parse(&o.url).ok()?.host_str().map(str::to_string))
                .unwrap_or_else(|| "feed".into());
            let name = subs.unique_name(&wanted);
            subs.feeds.push(Subscription {
                name,
                url: o.url.clone(),
                full_text: o.full_text,
                html_url: o.html_url.clone(),
            });
            added += 1;
        }
        Ok((added, already))
    })
    .map_err(subs_error)?;
    for why in &imported.skipped {
        eprintln!("briefdeck: {shown}: skipped {why}");
    }
    println!(
        "imported {added} feeds from {shown}{}{}; `briefdeck fetch` gets their entries",
        if already > 0 {
            format!(", {already} already subscribed")
        } else {
            String::new()
        },
        if imported.skipped.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", imported.skipped.len())
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn export(places: &Places) -> Done {
    let subs = Subscriptions::load(&places.subscriptions).map_err(subs_error)?;
    let feeds: Vec<opml::ExportFeed> = subs
        .feeds
        .iter()
        .map(|f| opml::ExportFeed {
            name: &f.name,
            url: &f.url,
            html_url: f.html_url.as_deref(),
            full_text: f.full_text,
        })
        .collect();
    let date = chrono::Utc::now().to_rfc2822();
    let text = opml::export(&feeds, &date);
    finish(io::stdout().lock().write_all(text.as_bytes()))
}

/// Runs `briefdeck fetch [NAME...]`.
pub fn run_fetch(names: &[String], json: bool, loaded: &Loaded) -> ExitCode {
    let places = match Places::of(loaded.path.as_deref()) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let subs = match Subscriptions::load(&places.subscriptions) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if subs.feeds.is_empty() {
        eprintln!("briefdeck: no subscriptions (add one with `briefdeck feeds add URL`)");
        return ExitCode::from(USAGE_ERROR);
    }
    let mut chosen = Vec::new();
    for name in names {
        match subs.find(name) {
            Some(i) => chosen.push(subs.feeds[i].clone()),
            None => {
                eprintln!(
                    "briefdeck: no feed named {:?} (see `briefdeck feeds list`)",
                    sanitize_line(name)
                );
                return ExitCode::from(USAGE_ERROR);
            }
        }
    }
    if names.is_empty() {
        chosen = subs.feeds.clone();
    }
    let reports = match fetch_reporting(&chosen, &places.store) {
        Ok(r) => r,
        Err(e) => return fail(format!("cannot use the feed store: {e}")),
    };
    if let Err(e) = feeds::record_moves(&places.subscriptions, &reports) {
        eprintln!("briefdeck: could not record a feed's new address: {e}");
    }
    let mut out = io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &reports)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        print_reports(&mut out, &reports)
    };
    if let Err(code) = finish(written) {
        return code;
    }
    if reports.iter().all(|r| r.status.answered()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Fetches with a progress line on stderr when it is a terminal.
fn fetch_reporting(chosen: &[Subscription], store: &Store) -> io::Result<Vec<FeedReport>> {
    let tty = io::stderr().is_terminal();
    let progress = |p: Progress| match p {
        Progress::Waiting => eprintln!("briefdeck: another fetch is running; waiting for it"),
        Progress::Fetched { done, total, .. } if tty => {
            eprint!("\r\x1b[2Kfetching feeds: {done}/{total}");
        }
        Progress::Fetched { .. } => {}
    };
    let reports = feeds::fetch(chosen, store, &Options::default(), &progress);
    if tty {
        eprint!("\r\x1b[2K");
    }
    reports
}

fn print_reports(out: &mut impl Write, reports: &[FeedReport]) -> io::Result<()> {
    for r in reports {
        let name = sanitize_line(&r.feed);
        let what = match r.status {
            Status::Ok => format!("{} new, {} updated", r.new, r.updated),
            Status::NotModified => "not modified".into(),
            Status::Deferred => "not asked".into(),
            Status::Gone => "gone".into(),
            Status::Failed => "failed".into(),
        };
        let error = r
            .error
            .as_deref()
            .map_or(String::new(), |e| format!(": {}", sanitize_line(e)));
        let moved = r.moved_to.as_deref().map_or(String::new(), |m| {
            format!(" (moved to {}; subscription updated)", sanitize_line(m))
        });
        writeln!(out, "{name}: {what}{error}{moved}")?;
    }
    let new: usize = reports.iter().map(|r| r.new).sum();
    let updated: usize = reports.iter().map(|r| r.updated).sum();
    let failed = reports.iter().filter(|r| !r.status.answered()).count();
    writeln!(
        out,
        "fetched {} feeds: {new} new, {updated} updated{}",
        reports.len(),
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        }
    )
}

/// What a command or the dashboard loads: the command line's paths; else the config's corpus
/// paths plus the feed store when there are subscriptions; nothing (the bundled seeds) when
/// there is neither.
pub fn corpus_paths(loaded: &Loaded, cli: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths = loaded.config.corpus_paths(cli);
    if !cli.is_empty() {
        return paths;
    }
    let Ok(places) = Places::of(loaded.path.as_deref()) else {
        return paths;
    };
    match Subscriptions::load(&places.subscriptions) {
        Ok(subs) if !subs.feeds.is_empty() => {
            let root = places.store.root().to_path_buf();
            // Made now, so that a store not fetched into yet is an empty folder, not a
            // missing path.
            if let Err(e) = std::fs::create_dir_all(&root) {
                eprintln!("briefdeck: {}: {e}", crate::ingest::display(&root));
            } else if !paths.contains(&root) {
                paths.push(root);
            }
        }
        Ok(_) => {}
        Err(e) => eprintln!("briefdeck: {e} (feed entries not loaded)"),
    }
    paths
}

/// After "no briefings loaded": when the feed store was among the paths, says how to fill it.
pub fn hint_when_unfetched(loaded: &Loaded, paths: &[PathBuf]) {
    if let Ok(places) = Places::of(loaded.path.as_deref())
        && paths.iter().any(|p| p == places.store.root())
    {
        eprintln!("briefdeck: the subscribed feeds have no entries yet: run `briefdeck fetch`");
    }
}
