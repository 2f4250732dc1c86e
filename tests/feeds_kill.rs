//! The feed store under SIGKILL: `briefdeck fetch` is killed at pseudo-random moments while it
//! stores 20 feeds × 30 entries from the test server (slowed so a fetch takes about a second),
//! with some entries changed between rounds so that kills land in updates too. After every kill
//! the store must be one the loader reads whole: every visible `.json` file a complete JSON Feed
//! item, `briefdeck list` working and listing no more than there are entries. At the end one
//! fetch run to completion must leave exactly one file per (feed, guid), each the latest
//! version, and no temp file a killed fetch left behind.
//!
//! The moments come from a seeded generator; the seed is printed, and `BRIEFDECK_KILL_SEED`
//! repeats a run.

#[path = "common/cli.rs"]
mod cli;
#[path = "common/http_server.rs"]
mod http_server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use cli::Home;
use http_server::{Reply, Server, http_date, rss};
use serde_json::Value;

const FEEDS: usize = 20;
const ENTRIES: usize = 30;
const ROUNDS: usize = 15;
/// Per reply; two requests at a time to one host make a fetch about FEEDS / 2 × this.
const DELAY: Duration = Duration::from_millis(60);

/// A small deterministic generator (xorshift64*), so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn feed_name(f: usize) -> String {
    format!("Desk {f:02}")
}

fn body(f: usize, e: usize, version: u32) -> String {
    format!(
        "Desk {f} reports on harbour traffic, entry {e}. Version {version} of this report says \
         that container volumes changed again this week."
    )
}

/// What the server serves for feed `f`, given each entry's version. The guids are the same in
/// every feed (`e0`..), as in small feeds that number their entries.
fn reply(f: usize, versions: &[u32], etag: u64) -> Reply {
    let items: Vec<(String, String, String)> = versions
        .iter()
        .enumerate()
        .map(|(e, &v)| {
            (
                format!("e{e}"),
                format!("Harbour traffic {f}/{e}"),
                body(f, e, v),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|(g, t, b)| (g.as_str(), t.as_str(), b.as_str()))
        .collect();
    Reply::delayed(
        DELAY,
        Reply::Conditional {
            etag: format!("\"{f}-{etag}\""),
            last_modified: http_date(http_server::RSS_NEWEST + etag),
            content_type: "application/rss+xml".into(),
            body: rss(&feed_name(f), &refs).into_bytes(),
        },
    )
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn hidden(p: &Path) -> bool {
    p.file_name().unwrap().to_string_lossy().starts_with('.')
}

/// Checks every visible `.json` file of the store is a whole JSON Feed of one item with an
/// id, and every `.feed.json` is whole JSON; returns (feed, guid) → the item's text.
fn check_store(store: &Path, when: &str) -> BTreeMap<(String, String), String> {
    let mut entries = BTreeMap::new();
    for p in files_under(store) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name == ".feed.json" {
            let bytes = std::fs::read(&p).unwrap();
            assert!(
                serde_json::from_slice::<Value>(&bytes).is_ok(),
                "{when}: {} is not whole JSON: {:?}",
                p.display(),
                String::from_utf8_lossy(&bytes)
            );
            continue;
        }
        if hidden(&p) || !name.ends_with(".json") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let v: Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "{when}: {} is not JSON ({e}): {:?}",
                p.display(),
                String::from_utf8_lossy(&bytes)
            )
        });
        assert!(
            v["version"]
                .as_str()
                .is_some_and(|s| s.starts_with("https://jsonfeed.org/version/1")),
            "{when}: {} is no JSON Feed: {v}",
            p.display()
        );
        let items = v["items"].as_array().expect("items");
        assert_eq!(items.len(), 1, "{when}: {}: {v}", p.display());
        let feed = v["title"].as_str().expect("feed title").to_string();
        let folder = p.parent().unwrap().file_name().unwrap().to_string_lossy();
        assert_eq!(feed, folder, "{when}: {}", p.display());
        let guid = items[0]["id"].as_str().expect("item id").to_string();
        let text = items[0]["content_text"]
            .as_str()
            .or(items[0]["content_html"].as_str())
            .unwrap_or_else(|| panic!("{when}: {}: no content: {v}", p.display()))
            .to_string();
        let dup = entries.insert((feed, guid), text);
        assert!(dup.is_none(), "{when}: {} duplicates an entry", p.display());
    }
    entries
}

/// `briefdeck list --json` with no PATH (the store), which must work: how many documents.
/// `stored` is how many entries the store holds: with none (a fetch killed before it stored
/// one), list exits 1 saying "no briefings loaded", as it does for any empty corpus.
fn listed(home: &Home, when: &str, stored: usize) -> usize {
    let out = home.run(&["list", "--json"]);
    if stored == 0 {
        assert_eq!(out.status.code(), Some(1), "{when}: an empty store");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no briefings loaded"),
            "{when}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return 0;
    }
    assert!(
        out.status.success(),
        "{when}: list failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("list --json is JSON");
    let docs = v.as_array().expect("an array");
    assert!(
        docs.iter()
            .all(|d| d["source"].as_str().is_some_and(|s| s.starts_with("Desk "))),
        "{when}: only feed entries, each with its feed as source"
    );
    docs.len()
}

#[test]
fn a_fetch_killed_at_any_moment_leaves_a_readable_store() {
    let started = Instant::now();
    let seed = std::env::var("BRIEFDECK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00FE_EDC0_FFEE_0015_u64);
    println!("seed {seed} (BRIEFDECK_KILL_SEED={seed} repeats this run)");
    let mut rng = Rng(seed.max(1));

    let server = Server::start();
    let home = Home::new();
    let mut versions = vec![vec![1u32; ENTRIES]; FEEDS];
    let mut etags = [1u64; FEEDS];
    let mut toml = String::new();
    for f in 0..FEEDS {
        let path = format!("/feeds/{f}.xml");
        server.route(&path, reply(f, &versions[f], etags[f]));
        toml.push_str(&format!(
            "[[feed]]\nname = {:?}\nurl = {:?}\n\n",
            feed_name(f),
            server.url(&path)
        ));
    }
    let dir = home.config().join("briefdeck");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("feeds.toml"), toml).unwrap();
    let store = home.data().join("briefdeck").join("feeds");

    let mut kills_during_fetch = 0;
    for round in 0..ROUNDS {
        // A few feeds change a few entries, so kills land in updates as well as first stores.
        if round > 0 {
            for _ in 0..4 {
                let f = rng.below(FEEDS as u64) as usize;
                for _ in 0..5 {
                    versions[f][rng.below(ENTRIES as u64) as usize] += 1;
                }
                etags[f] += 1;
                server.route(&format!("/feeds/{f}.xml"), reply(f, &versions[f], etags[f]));
            }
        }
        let wait = Duration::from_millis(rng.below(800));
        let mut child = home
            .command(&["fetch"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn fetch");
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            kills_during_fetch += 1;
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let when = format!("round {round} (killed after {} ms)", wait.as_millis());
        let entries = check_store(&store, &when);
        assert!(entries.len() <= FEEDS * ENTRIES, "{when}");
        let docs = listed(&home, &when, entries.len());
        assert!(docs <= FEEDS * ENTRIES, "{when}: {docs} documents");
        let current = entries
            .iter()
            .filter(|((feed, guid), text)| {
                let f: usize = feed["Desk ".len()..].parse().unwrap();
                let e: usize = guid[1..].parse().unwrap();
                **text == body(f, e, versions[f][e])
            })
            .count();
        println!(
            "{when}: {} entries stored ({current} at their latest version), {docs} listed",
            entries.len()
        );
    }
    assert!(
        kills_during_fetch >= ROUNDS / 2,
        "most kills must land while the fetch runs ({kills_during_fetch} of {ROUNDS})"
    );

    let t = Instant::now();
    let out = home.run(&["fetch"]);
    println!("the last fetch took {} ms", t.elapsed().as_millis());
    assert!(
        out.status.success(),
        "the fetch after the kills: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let entries = check_store(&store, "after the last fetch");
    assert_eq!(entries.len(), FEEDS * ENTRIES);
    for f in 0..FEEDS {
        for e in 0..ENTRIES {
            let text = &entries[&(feed_name(f), format!("e{e}"))];
            assert_eq!(
                text,
                &body(f, e, versions[f][e]),
                "{} e{e} is the latest version",
                feed_name(f)
            );
        }
    }
    let visible_json = files_under(&store)
        .into_iter()
        .filter(|p| !hidden(p) && p.extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(visible_json, FEEDS * ENTRIES, "exactly one file per entry");
    assert_eq!(
        listed(&home, "after the last fetch", entries.len()),
        FEEDS * ENTRIES
    );
    let temps: Vec<PathBuf> = files_under(&store)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(temps.is_empty(), "temp files left behind: {temps:?}");
    println!("{:.1} s", started.elapsed().as_secs_f64());
}
