//! `briefdeck feeds ...` and `briefdeck fetch` as a new user tries them, against the test HTTP
//! server on 127.0.0.1: subscribing (by feed address or by a page that links to its feed),
//! fetching into the store (conditional requests, updates, failures, moves, 410, 429), the
//! stored entries loaded by the other commands, OPML import and export, unsubscribing, and two
//! fetches at once. Every run has its own XDG folders ([`cli::Home`]).

#[path = "common/cli.rs"]
mod cli;
#[path = "common/http_server.rs"]
mod http_server;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use cli::Home;
use http_server::{Reply, Server, http_date, rss};
use serde_json::Value;

const RSS: &str = "application/rss+xml";

/// `n` items `(guid, title, body)`: `g1`..`gn`, with bodies long enough to be documents.
fn items(n: usize) -> Vec<(String, String, String)> {
    (1..=n)
        .map(|i| {
            (
                format!("g{i}"),
                format!("Port report number {i}"),
                format!("The port authority published report {i} on shipping volumes today."),
            )
        })
        .collect()
}

fn feed_body(title: &str, items: &[(String, String, String)]) -> String {
    let refs: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|(g, t, b)| (g.as_str(), t.as_str(), b.as_str()))
        .collect();
    rss(title, &refs)
}

/// A feed answering conditionally with ETag `"etag"`.
fn conditional(etag: &str, title: &str, items: &[(String, String, String)]) -> Reply {
    Reply::Conditional {
        etag: format!("\"{etag}\""),
        last_modified: http_date(http_server::RSS_NEWEST),
        content_type: RSS.into(),
        body: feed_body(title, items).into_bytes(),
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

/// Runs `args`, which must exit 0.
fn ok(home: &Home, args: &[&str]) -> Output {
    let out = home.run(args);
    assert_eq!(
        code(&out),
        0,
        "{args:?}\nstdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    out
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

/// `fetch ARGS --json`: its exit code and reports.
fn fetch(home: &Home, names: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["fetch", "--json"];
    args.extend_from_slice(names);
    let out = home.run(&args);
    let reports = json_of(&out)
        .as_array()
        .unwrap_or_else(|| panic!("an array: {}", stdout(&out)))
        .clone();
    (code(&out), reports)
}

fn report<'a>(reports: &'a [Value], feed: &str) -> &'a Value {
    reports
        .iter()
        .find(|r| r["feed"] == feed)
        .unwrap_or_else(|| panic!("no report for {feed}: {reports:?}"))
}

fn subscriptions_file(home: &Home) -> PathBuf {
    home.config().join("briefdeck").join("feeds.toml")
}

/// The subscriptions as `feeds.toml` holds them: (name, url), in order.
fn subscribed(home: &Home) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(subscriptions_file(home)).expect("feeds.toml");
    let value: toml::Value = toml::from_str(&text).expect("feeds.toml is TOML");
    value
        .get("feed")
        .and_then(|f| f.as_array())
        .map(|feeds| {
            feeds
                .iter()
                .map(|f| {
                    (
                        f["name"].as_str().expect("name").to_string(),
                        f["url"].as_str().expect("url").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Subscribes to `feeds` by writing `feeds.toml` by hand (as its header says one may), for
/// the tests about fetching rather than adding.
fn subscribe(home: &Home, feeds: &[(&str, String)]) {
    let mut text = String::new();
    for (name, url) in feeds {
        text.push_str(&format!("[[feed]]\nname = {name:?}\nurl = {url:?}\n\n"));
    }
    let path = subscriptions_file(home);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn store(home: &Home) -> PathBuf {
    home.data().join("briefdeck").join("feeds")
}

/// The entry files of a feed's folder: visible `.json` files.
fn entry_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && name.ends_with(".json")
        })
        .collect();
    files.sort();
    files
}

/// Every file under `dir` whose name marks it a temp file.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if e.file_name().to_string_lossy().contains(".tmp-") {
                out.push(p);
            }
        }
    }
    out
}

/// A stored entry's single item.
fn item_of(path: &Path) -> Value {
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    assert_eq!(v["items"].as_array().map(Vec::len), Some(1), "{v}");
    v["items"][0].clone()
}

/// The stored items of a feed by their id.
fn items_by_id(dir: &Path) -> BTreeMap<String, Value> {
    entry_files(dir)
        .iter()
        .map(|p| {
            let item = item_of(p);
            (item["id"].as_str().expect("id").to_string(), item)
        })
        .collect()
}

/// Requests the server has had for `path` (query ignored), in order.
fn requests_to(server: &Server, path: &str) -> Vec<http_server::Request> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.path.split('?').next() == Some(path))
        .collect()
}

#[test]
fn add_stores_the_feed_under_its_title_or_the_given_name_and_refuses_it_twice() {
    let server = Server::start();
    server.route("/desk.xml", conditional("v1", "Harbour Desk", &items(3)));
    server.route("/rail.xml", conditional("v1", "Rail Wire", &items(2)));
    let home = Home::new();
    let url = server.url("/desk.xml");

    let out = ok(&home, &["feeds", "add", &url]);
    assert!(stdout(&out).contains("Harbour Desk"), "{}", stdout(&out));
    assert_eq!(
        subscribed(&home),
        [("Harbour Desk".to_string(), url.clone())]
    );

    let rail = server.url("/rail.xml");
    ok(&home, &["feeds", "add", &rail, "--name", "Trains"]);
    assert_eq!(
        subscribed(&home),
        [
            ("Harbour Desk".to_string(), url.clone()),
            ("Trains".to_string(), rail.clone())
        ]
    );

    let again = home.run(&["feeds", "add", &url]);
    assert_eq!(code(&again), 1, "{}", stderr(&again));
    assert!(
        stderr(&again).contains("Harbour Desk"),
        "names the existing subscription: {}",
        stderr(&again)
    );
    assert_eq!(subscribed(&home).len(), 2, "nothing added");

    let list = json_of(&ok(&home, &["feeds", "list", "--json"]));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Harbour Desk", "Trains"]);
}

#[test]
fn add_of_a_page_subscribes_to_the_feed_it_links() {
    let server = Server::start();
    server.route(
        "/news/index.html",
        Reply::ok(
            "text/html; charset=utf-8",
            "<!doctype html><html><head><title>Harbour news</title>\
             <link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/feed.xml\">\
             </head><body><p>Welcome to the harbour news.</p></body></html>",
        ),
    );
    server.route("/feed.xml", conditional("v1", "Harbour Desk", &items(2)));
    let home = Home::new();
    ok(&home, &["feeds", "add", &server.url("/news/index.html")]);
    assert_eq!(
        subscribed(&home),
        [("Harbour Desk".to_string(), server.url("/feed.xml"))]
    );
}

#[test]
fn add_refuses_a_missing_feed_a_page_without_one_and_another_scheme() {
    let server = Server::start();
    server.route(
        "/plain.html",
        Reply::ok(
            "text/html",
            "<html><head><title>No feed here</title></head><body><p>Hello.</p></body></html>",
        ),
    );
    let home = Home::new();
    for path in ["/missing.xml", "/plain.html"] {
        let url = server.url(path);
        let out = home.run(&["feeds", "add", &url]);
        assert_eq!(code(&out), 1, "{path}: {}", stderr(&out));
        assert!(stderr(&out).contains(&url), "names {url}: {}", stderr(&out));
    }
    assert!(stderr(&home.run(&["feeds", "add", &server.url("/missing.xml")])).contains("404"));
    let out = home.run(&["feeds", "add", "ftp://x"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        !subscriptions_file(&home).exists() || subscribed(&home).is_empty(),
        "nothing subscribed"
    );
}

#[test]
fn fetch_stores_entries_then_asks_conditionally_then_replaces_an_updated_entry() {
    let server = Server::start();
    let mut entries = items(5);
    server.route("/desk.xml", conditional("v1", "Harbour Desk", &entries));
    let home = Home::new();
    ok(&home, &["feeds", "add", &server.url("/desk.xml")]);
    let folder = store(&home).join("Harbour Desk");

    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 0, "{reports:?}");
    let r = report(&reports, "Harbour Desk");
    assert_eq!(r["status"], "ok", "{r}");
    assert_eq!(r["new"], 5, "{r}");
    assert_eq!(r["updated"], 0, "{r}");
    assert_eq!(entry_files(&folder).len(), 5);
    let first = items_by_id(&folder);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        ["g1", "g2", "g3", "g4", "g5"]
    );

    let before = requests_to(&server, "/desk.xml").len();
    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 0, "{reports:?}");
    let r = report(&reports, "Harbour Desk");
    assert_eq!(r["status"], "not_modified", "{r}");
    assert_eq!(
        (r["new"].as_u64(), r["updated"].as_u64()),
        (Some(0), Some(0))
    );
    let asked = requests_to(&server, "/desk.xml");
    assert_eq!(asked.len(), before + 1);
    assert_eq!(
        asked.last().unwrap().header("If-None-Match"),
        Some("\"v1\""),
        "the second fetch sends the ETag: {:?}",
        asked.last().unwrap().headers
    );

    entries[2].2 = "The port authority revised report 3: volumes fell by a tenth.".into();
    server.route("/desk.xml", conditional("v2", "Harbour Desk", &entries));
    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 0, "{reports:?}");
    let r = report(&reports, "Harbour Desk");
    assert_eq!(r["status"], "ok", "{r}");
    assert_eq!(
        (r["new"].as_u64(), r["updated"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(entry_files(&folder).len(), 5, "replaced, not duplicated");
    let second = items_by_id(&folder);
    let text = second["g3"].to_string();
    assert!(text.contains("volumes fell by a tenth"), "{text}");
    for id in ["g1", "g2", "g4", "g5"] {
        assert_eq!(second[id], first[id], "{id} untouched");
    }

    // No PATH: the other commands load the store.
    let docs = json_of(&ok(&home, &["list", "--json"]));
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 5, "{docs:?}");
    assert!(
        docs.iter().all(|d| d["source"] == "Harbour Desk"),
        "{docs:?}"
    );
    assert!(
        docs.iter().any(|d| d["title"] == "Port report number 3"),
        "{docs:?}"
    );
}

#[test]
fn feed_terms_keep_one_feeds_entries() {
    let server = Server::start();
    // The same guids in both feeds: the entries must still be told apart.
    server.route("/desk.xml", conditional("v1", "Harbour Desk", &items(3)));
    let rail: Vec<_> = items(4)
        .into_iter()
        .map(|(g, t, b)| (g, t.replace("Port", "Rail"), b.replace("port", "rail")))
        .collect();
    server.route("/rail.xml", conditional("v1", "Rail Wire", &rail));
    let home = Home::new();
    ok(&home, &["feeds", "add", &server.url("/desk.xml")]);
    ok(&home, &["feeds", "add", &server.url("/rail.xml")]);
    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 0, "{reports:?}");

    let docs = json_of(&ok(&home, &["list", "--json"]));
    let source: BTreeMap<String, String> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["source"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(source.len(), 7, "every entry of both feeds: {docs}");
    for (query, feed, n) in [
        ("feed:harbour-desk", "Harbour Desk", 3),
        ("feed:rail", "Rail Wire", 4),
    ] {
        let hits = json_of(&ok(&home, &["filter", query, "--json"]));
        let docs: BTreeSet<&str> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["doc"].as_str().unwrap())
            .collect();
        assert_eq!(docs.len(), n, "{query}: {hits}");
        assert!(
            docs.iter().all(|d| source[*d] == feed),
            "{query} keeps only {feed}: {hits}"
        );
    }
}

#[test]
fn a_failing_feed_does_not_stop_the_others_and_names_can_be_chosen() {
    let server = Server::start();
    server.route("/good.xml", conditional("v1", "Good", &items(3)));
    let home = Home::new();
    subscribe(
        &home,
        &[
            ("Good", server.url("/good.xml")),
            ("Broken", server.url("/broken.xml")),
        ],
    );
    let out = home.run(&["fetch"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.starts_with("Broken:") && l.contains("404")),
        "the text names the error: {text}"
    );
    assert!(text.contains("Good: 3 new"), "{text}");
    assert_eq!(entry_files(&store(&home).join("Good")).len(), 3);
    assert!(entry_files(&store(&home).join("Broken")).is_empty());

    let (good, broken) = (server.hits("/good.xml"), server.hits("/broken.xml"));
    let (rc, reports) = fetch(&home, &["Good"]);
    assert_eq!(rc, 0, "{reports:?}");
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0]["feed"], "Good");
    assert_eq!(server.hits("/good.xml"), good + 1);
    assert_eq!(server.hits("/broken.xml"), broken, "Broken not asked");

    let out = home.run(&["fetch", "nosuch"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("nosuch"), "{}", stderr(&out));
    assert_eq!(server.hits("/good.xml"), good + 1, "nothing fetched");
}

#[test]
fn a_permanent_move_updates_the_subscription() {
    let server = Server::start();
    server.route("/old.xml", Reply::redirect(301, "/new.xml"));
    server.route("/new.xml", conditional("v1", "Desk", &items(2)));
    let home = Home::new();
    subscribe(&home, &[("Desk", server.url("/old.xml"))]);
    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 0, "{reports:?}");
    assert_eq!(reports[0]["status"], "ok");
    assert_eq!(reports[0]["moved_to"], server.url("/new.xml").as_str());
    assert_eq!(
        subscribed(&home),
        [("Desk".to_string(), server.url("/new.xml"))]
    );
    assert_eq!(entry_files(&store(&home).join("Desk")).len(), 2);

    // From now on the new address, conditionally: the move kept the validators.
    let old = server.hits("/old.xml");
    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 0, "{reports:?}");
    assert_eq!(reports[0]["status"], "not_modified", "{reports:?}");
    assert_eq!(server.hits("/old.xml"), old);
}

#[test]
fn a_gone_feed_is_not_asked_again() {
    let server = Server::start();
    server.route("/gone.xml", Reply::status(410, &[]));
    let home = Home::new();
    subscribe(&home, &[("Old desk", server.url("/gone.xml"))]);
    let (_, reports) = fetch(&home, &[]);
    assert_eq!(reports[0]["status"], "gone", "{reports:?}");
    assert_eq!(server.hits("/gone.xml"), 1);
    let (_, reports) = fetch(&home, &[]);
    assert_eq!(reports[0]["status"], "gone", "{reports:?}");
    assert_eq!(server.hits("/gone.xml"), 1, "no request after a 410");
}

#[test]
fn too_many_requests_defers_the_next_fetch() {
    let server = Server::start();
    server.route("/busy.xml", Reply::status(429, &[("Retry-After", "3600")]));
    let home = Home::new();
    subscribe(&home, &[("Busy", server.url("/busy.xml"))]);
    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 1, "{reports:?}");
    assert_eq!(reports[0]["status"], "failed", "{reports:?}");
    assert!(
        reports[0]["error"].as_str().unwrap_or("").contains("429"),
        "{reports:?}"
    );
    // The server is fine now, but asked for an hour's rest.
    server.route("/busy.xml", conditional("v1", "Busy", &items(1)));
    let (rc, reports) = fetch(&home, &[]);
    assert_eq!(rc, 0, "{reports:?}");
    assert_eq!(reports[0]["status"], "deferred", "{reports:?}");
    assert_eq!(server.hits("/busy.xml"), 1, "no request while deferred");
}

fn opml_of(feeds: &[(String, String)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head><title>From \
         another reader</title></head>\n<body>\n<outline text=\"Policy\">\n",
    );
    for (name, url) in feeds {
        out.push_str(&format!(
            "  <outline type=\"rss\" text=\"{}\" xmlUrl=\"{}\"/>\n",
            http_server::xml_escape(name),
            http_server::xml_escape(url)
        ));
    }
    out.push_str("</outline>\n</body>\n</opml>\n");
    out
}

fn listed(home: &Home) -> Vec<(String, String)> {
    json_of(&ok(home, &["feeds", "list", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["url"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn opml_import_is_idempotent_and_export_reads_back() {
    let feeds: Vec<(String, String)> = (0..200)
        .map(|i| {
            (
                format!("Desk {i:03} & Co"),
                format!("http://127.0.0.1:9/feeds/{i}.xml?lang=en&n={i}"),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("subs.opml");
    std::fs::write(&file, opml_of(&feeds)).unwrap();
    let file = file.to_str().unwrap();

    let home = Home::new();
    let out = ok(&home, &["feeds", "import", file]);
    assert!(stdout(&out).contains("imported 200"), "{}", stdout(&out));
    assert_eq!(listed(&home), feeds);
    let out = ok(&home, &["feeds", "import", file]);
    assert!(stdout(&out).contains("imported 0"), "{}", stdout(&out));
    assert_eq!(listed(&home).len(), 200, "importing again adds none");

    let exported = dir.path().join("export.opml");
    std::fs::write(&exported, ok(&home, &["feeds", "export"]).stdout).unwrap();
    let fresh = Home::new();
    ok(&fresh, &["feeds", "import", exported.to_str().unwrap()]);
    assert_eq!(listed(&fresh), feeds, "same URLs and names");
}

#[test]
fn remove_deletes_the_entries_unless_asked_to_keep_them() {
    let server = Server::start();
    server.route("/a.xml", conditional("v1", "Alpha", &items(2)));
    server.route("/b.xml", conditional("v1", "Beta", &items(3)));
    let home = Home::new();
    ok(&home, &["feeds", "add", &server.url("/a.xml")]);
    ok(&home, &["feeds", "add", &server.url("/b.xml")]);
    assert_eq!(fetch(&home, &[]).0, 0);
    let (alpha, beta) = (store(&home).join("Alpha"), store(&home).join("Beta"));
    assert_eq!(entry_files(&alpha).len(), 2);
    assert_eq!(entry_files(&beta).len(), 3);

    ok(&home, &["feeds", "remove", "Alpha"]);
    assert!(!alpha.exists(), "the folder is deleted");
    assert_eq!(
        subscribed(&home),
        [("Beta".to_string(), server.url("/b.xml"))]
    );

    ok(&home, &["feeds", "remove", "Beta", "--keep-entries"]);
    assert_eq!(entry_files(&beta).len(), 3, "kept");
    assert!(subscribed(&home).is_empty());

    let out = home.run(&["feeds", "remove", "Alpha"]);
    assert_eq!(code(&out), 1, "no such feed any more: {}", stderr(&out));
}

#[test]
fn two_fetches_at_once_store_every_entry_once() {
    let server = Server::start();
    let home = Home::new();
    let mut subs = Vec::new();
    for f in 0..3 {
        let path = format!("/slow/{f}.xml");
        let reply = conditional("v1", &format!("Slow {f}"), &items(10));
        server.route(&path, Reply::delayed(Duration::from_millis(300), reply));
        subs.push((["Slow 0", "Slow 1", "Slow 2"][f], server.url(&path)));
    }
    subscribe(&home, &subs);
    let children: Vec<_> = (0..2)
        .map(|_| {
            home.command(&["fetch", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn fetch")
        })
        .collect();
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let mut new = 0;
    for out in &outs {
        assert_eq!(code(out), 0, "{}{}", stdout(out), stderr(out));
        for r in json_of(out).as_array().unwrap() {
            assert!(r["status"] == "ok" || r["status"] == "not_modified", "{r}");
            new += r["new"].as_u64().unwrap();
        }
    }
    assert_eq!(new, 30, "each entry is new once, to one of the fetches");
    assert!(
        outs.iter()
            .any(|o| stderr(o).contains("another fetch is running")),
        "the fetches overlapped: one waited for the other's lock"
    );
    let mut total = 0;
    for (name, _) in &subs {
        let by_id = items_by_id(&store(&home).join(name));
        assert_eq!(by_id.len(), 10, "{name}");
        total += entry_files(&store(&home).join(name)).len();
    }
    assert_eq!(total, 30);
    assert_eq!(temp_files(&store(&home)), Vec::<PathBuf>::new());
    assert_eq!(temp_files(&home.config()), Vec::<PathBuf>::new());
}

#[test]
fn the_next_fetch_sweeps_what_a_killed_fetch_left() {
    let server = Server::start();
    server.route("/desk.xml", conditional("v1", "Desk", &items(2)));
    server.route("/gone.xml", Reply::status(410, &[]));
    let home = Home::new();
    subscribe(
        &home,
        &[
            ("Desk", server.url("/desk.xml")),
            ("Gone", server.url("/gone.xml")),
        ],
    );
    fetch(&home, &[]);
    // What a fetch killed mid-write leaves: a temp entry, a temp state file (a state is
    // written at every fetch, 304 or not).
    let (desk, gone) = (store(&home).join("Desk"), store(&home).join("Gone"));
    std::fs::write(desk.join(".0123456789abcdef.json.tmp-999999-0"), b"{\"ver").unwrap();
    std::fs::write(desk.join("..feed.json.tmp-999999-1"), b"{").unwrap();
    std::fs::write(gone.join("..feed.json.tmp-999999-2"), b"{").unwrap();
    let (_, reports) = fetch(&home, &[]);
    assert_eq!(report(&reports, "Desk")["status"], "not_modified");
    assert_eq!(report(&reports, "Gone")["status"], "gone");
    assert_eq!(temp_files(&store(&home)), Vec::<PathBuf>::new());
    assert_eq!(entry_files(&desk).len(), 2);
}
