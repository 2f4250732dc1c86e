//! Fetching against HTTP servers the tests start on 127.0.0.1: what a feed server can do wrong
//! (hang, drip, send forever, inflate to gigabytes, redirect in circles or off the web, lie
//! about its charset) and what a polite client must do (conditional requests, limits on
//! requests in flight), through the library's `feeds::fetch`.

#[path = "common/http_server.rs"]
mod http_server;

use std::time::{Duration, Instant};

use briefdeck::feeds::http::Limits;
use briefdeck::feeds::{self, FeedReport, Options, Status, Store, Subscription};
use http_server::{Reply, Server, gzip, gzip_bomb, rss};

fn sub(name: &str, url: &str) -> Subscription {
    Subscription {
        name: name.into(),
        url: url.into(),
        full_text: false,
        html_url: None,
    }
}

/// Short limits, so that the timeout cases take a second, not thirty.
fn quick() -> Options {
    Options {
        limits: Limits {
            connect: Duration::from_secs(2),
            total: Duration::from_secs(2),
            ..Limits::default()
        },
        ..Options::default()
    }
}

fn run(store: &Store, subs: &[Subscription], options: &Options) -> Vec<FeedReport> {
    feeds::fetch(subs, store, options, &|_| {}).expect("the store can be locked")
}

fn one(store: &Store, s: Subscription) -> FeedReport {
    run(store, &[s], &quick()).remove(0)
}

/// The documents the loader reads from the store, as titles.
fn stored_titles(store: &Store) -> Vec<String> {
    let corpus = briefdeck::library::load_paths(
        &[store.root().to_path_buf()],
        &briefdeck::library::LoadOptions {
            cache: None,
            ..Default::default()
        },
    )
    .expect("the store loads");
    let mut t: Vec<String> = corpus.documents.iter().map(|d| d.title.clone()).collect();
    t.sort();
    t
}

fn three_items() -> String {
    rss(
        "Desk",
        &[
            (
                "a",
                "Ports agree a customs window",
                "<p>Five ports signed.</p>",
            ),
            ("b", "Dredging delayed", "<p>The budget slipped.</p>"),
            ("c", "Tariff review opens", "<p>Steel imports.</p>"),
        ],
    )
}

#[test]
fn a_gzipped_feed_is_stored_and_an_unchanged_one_costs_a_304() {
    let server = Server::start();
    let body = three_items().into_bytes();
    server.route(
        "/feed.xml",
        Reply::Fixed {
            status: 200,
            headers: vec![
                ("Content-Type".into(), "application/rss+xml".into()),
                ("Content-Encoding".into(), "gzip".into()),
                ("ETag".into(), "\"v1\"".into()),
            ],
            body: gzip(&body),
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let r = one(&store, sub("Desk", &server.url("/feed.xml")));
    assert_eq!((r.status, r.new, r.updated), (Status::Ok, 3, 0), "{r:?}");
    let first = &server.requests()[0];
    assert!(
        first
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("briefdeck/")),
        "{first:?}"
    );
    assert!(
        first
            .header("accept-encoding")
            .is_some_and(|e| e.contains("gzip"))
    );
    assert_eq!(stored_titles(&store).len(), 3);

    server.route(
        "/feed.xml",
        Reply::Conditional {
            etag: "\"v1\"".into(),
            last_modified: "Tue, 01 Dec 2026 10:00:00 GMT".into(),
            content_type: "application/rss+xml".into(),
            body,
        },
    );
    let r = one(&store, sub("Desk", &server.url("/feed.xml")));
    assert_eq!(r.status, Status::NotModified, "{r:?}");
    assert_eq!(server.requests()[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(stored_titles(&store).len(), 3);
}

#[test]
fn a_server_that_drips_or_never_answers_times_out() {
    let server = Server::start();
    server.route(
        "/drip.xml",
        Reply::Drip {
            interval: Duration::from_secs(1),
        },
    );
    server.route("/silent.xml", Reply::Silent);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let started = Instant::now();
    let reports = run(
        &store,
        &[
            sub("Drip", &server.url("/drip.xml")),
            sub("Silent", &server.url("/silent.xml")),
        ],
        &quick(),
    );
    for r in &reports {
        assert_eq!(r.status, Status::Failed, "{r:?}");
        assert!(
            r.error.as_deref().unwrap().contains("no answer within 2 s"),
            "{r:?}"
        );
    }
    // A hang guard, not a benchmark: both ran at once and stopped at their 2 s limit.
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn bodies_stop_at_the_size_limit_even_when_they_inflate() {
    let server = Server::start();
    server.route("/endless.xml", Reply::Endless);
    server.route(
        "/bomb.xml",
        Reply::Fixed {
            status: 200,
            headers: vec![
                ("Content-Type".into(), "application/rss+xml".into()),
                ("Content-Encoding".into(), "gzip".into()),
            ],
            body: gzip_bomb(1 << 30),
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let options = Options {
        limits: Limits {
            total: Duration::from_secs(20),
            ..Limits::default()
        },
        ..Options::default()
    };
    let reports = run(
        &store,
        &[
            sub("Endless", &server.url("/endless.xml")),
            sub("Bomb", &server.url("/bomb.xml")),
        ],
        &options,
    );
    for r in &reports {
        assert_eq!(r.status, Status::Failed, "{r:?}");
        assert!(
            r.error.as_deref().unwrap().contains("larger than 20 MB"),
            "{r:?}"
        );
    }
}

#[test]
fn redirects_are_followed_counted_and_kept_on_the_web() {
    let server = Server::start();
    server.route("/feed.xml", Reply::ok("application/rss+xml", three_items()));
    server.route("/hop1", Reply::redirect(302, "/hop2"));
    server.route("/hop2", Reply::redirect(307, &server.url("/feed.xml")));
    server.route("/loop-a", Reply::redirect(302, "/loop-b"));
    server.route("/loop-b", Reply::redirect(302, "/loop-a"));
    server.route("/off", Reply::redirect(301, "ftp://127.0.0.1/feed.xml"));
    server.route("/file", Reply::redirect(302, "file:///etc/passwd"));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let r = one(&store, sub("Hops", &server.url("/hop1")));
    assert_eq!((r.status, r.new), (Status::Ok, 3), "{r:?}");
    assert_eq!(
        r.moved_to, None,
        "temporary redirects do not move the subscription"
    );

    let r = one(&store, sub("Loop", &server.url("/loop-a")));
    assert_eq!(r.status, Status::Failed);
    assert_eq!(r.error.as_deref(), Some("more than 5 redirects"));
    // The first request and five redirects followed, then it stopped.
    assert_eq!(server.hits("/loop-a") + server.hits("/loop-b"), 6);

    for path in ["/off", "/file"] {
        let r = one(&store, sub("Off", &server.url(path)));
        assert_eq!(r.status, Status::Failed);
        assert!(
            r.error
                .as_deref()
                .unwrap()
                .contains("not http or https: refused"),
            "{r:?}"
        );
    }
}

#[test]
fn http_errors_are_reported_and_the_rest_is_stored() {
    let server = Server::start();
    server.route("/good.xml", Reply::ok("application/rss+xml", three_items()));
    server.route("/boom.xml", Reply::status(500, &[]));
    server.route("/busy.xml", Reply::status(503, &[("Retry-After", "120")]));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let reports = run(
        &store,
        &[
            sub("Good", &server.url("/good.xml")),
            sub("Boom", &server.url("/boom.xml")),
            sub("Busy", &server.url("/busy.xml")),
            sub("Missing", &server.url("/missing.xml")),
        ],
        &quick(),
    );
    let summary: Vec<(Status, Option<&str>)> = reports
        .iter()
        .map(|r| (r.status, r.error.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            (Status::Ok, None),
            (Status::Failed, Some("HTTP 500 Internal Server Error")),
            (
                Status::Failed,
                Some("HTTP 503 Service Unavailable; asked to wait 120 s")
            ),
            (Status::Failed, Some("HTTP 404 Not Found")),
        ]
    );
    assert_eq!(stored_titles(&store).len(), 3);
    // The 503 is not asked again before its time; the others are.
    let again = run(&store, &[sub("Busy", &server.url("/busy.xml"))], &quick());
    assert_eq!(again[0].status, Status::Deferred);
    assert_eq!(server.hits("/busy.xml"), 1);
}

#[test]
fn what_is_not_a_feed_or_hostile_xml_stores_nothing() {
    let server = Server::start();
    server.route(
        "/broken.xml",
        Reply::ok(
            "application/rss+xml",
            "<rss><channel><title>x</title><item><title>a",
        ),
    );
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"{}\">\n{}]>\n\
         <rss version=\"2.0\"><channel><title>Bomb &j;</title><item><guid>1</guid>\
         <title>Laugh &j;</title><description>&j;</description></item></channel></rss>",
        "ha".repeat(50),
        (b'b'..=b'j')
            .map(|c| {
                let prev = (c - 1) as char;
                format!(
                    "<!ENTITY {} \"{}\">\n",
                    c as char,
                    format!("&{prev};").repeat(10)
                )
            })
            .collect::<String>()
    );
    server.route("/laughs.xml", Reply::ok("application/rss+xml", laughs));
    server.route(
        "/page.html",
        Reply::ok("text/html", "<html><body><p>Hello</p></body></html>"),
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let broken = one(&store, sub("Broken", &server.url("/broken.xml")));
    assert_eq!(broken.status, Status::Failed);
    assert!(
        broken.error.as_deref().unwrap().starts_with("not a feed"),
        "{broken:?}"
    );
    let page = one(&store, sub("Page", &server.url("/page.html")));
    assert_eq!(page.status, Status::Failed);
    // The entity bomb is read with its entities left unexpanded: one small entry.
    let bomb = one(&store, sub("Bomb", &server.url("/laughs.xml")));
    assert_eq!((bomb.status, bomb.new), (Status::Ok, 1), "{bomb:?}");
    let dir_bytes: u64 = std::fs::read_dir(dir.path().join("Bomb"))
        .unwrap()
        .flatten()
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(
        dir_bytes < 10_000,
        "entities were expanded: {dir_bytes} bytes"
    );
    assert_eq!(stored_titles(&store), ["Laugh &j;"]);
}

#[test]
fn the_servers_charset_wins_over_the_xml_declaration() {
    let server = Server::start();
    // Latin-1 bytes in a file that declares UTF-8: the header tells the truth.
    let mut body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Caf\xe9</title><item><guid>1</guid><title>Citt\xe0 e porti</title><description>Na\xefve.</description></item></channel></rss>".to_vec();
    server.route(
        "/latin1.xml",
        Reply::Fixed {
            status: 200,
            headers: vec![(
                "Content-Type".into(),
                "application/rss+xml; charset=ISO-8859-1".into(),
            )],
            body: body.clone(),
        },
    );
    // The other way round: UTF-8 bytes, a declaration saying Latin-1, a header saying UTF-8.
    body = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Caffè</title><item><guid>1</guid><title>Perché Roma</title><description>Sì.</description></item></channel></rss>".as_bytes().to_vec();
    server.route(
        "/utf8.xml",
        Reply::Fixed {
            status: 200,
            headers: vec![("Content-Type".into(), "text/xml; charset=utf-8".into())],
            body,
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    assert_eq!(one(&store, sub("Latin", &server.url("/latin1.xml"))).new, 1);
    assert_eq!(one(&store, sub("Utf", &server.url("/utf8.xml"))).new, 1);
    assert_eq!(stored_titles(&store), ["Città e porti", "Perché Roma"]);
}

#[test]
fn no_more_than_two_requests_at_once_per_host_nor_the_total_in_all() {
    let server = Server::start();
    for i in 0..6 {
        server.route(
            &format!("/f{i}.xml"),
            Reply::delayed(
                Duration::from_millis(150),
                Reply::ok("application/rss+xml", three_items()),
            ),
        );
    }
    let on = |host: &str, prefix: &str| -> Vec<Subscription> {
        (0..6)
            .map(|i| {
                let url = server.url(&format!("/f{i}.xml")).replace("127.0.0.1", host);
                sub(&format!("{prefix}{i}"), &url)
            })
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    // One host: two at a time, though eight workers could ask.
    let reports = run(&store, &on("127.0.0.1", "A"), &Options::default());
    assert!(
        reports.iter().all(|r| r.status == Status::Ok),
        "{reports:?}"
    );
    assert_eq!(server.max_concurrent(), 2);
    // Two host names for the same server: two each, but three in all when that is the limit.
    let server = Server::start();
    for i in 0..6 {
        server.route(
            &format!("/f{i}.xml"),
            Reply::delayed(
                Duration::from_millis(150),
                Reply::ok("application/rss+xml", three_items()),
            ),
        );
    }
    let mut subs: Vec<Subscription> = (0..6)
        .map(|i| sub(&format!("B{i}"), &server.url(&format!("/f{i}.xml"))))
        .collect();
    subs.extend((0..6).map(|i| {
        let url = server
            .url(&format!("/f{i}.xml"))
            .replace("127.0.0.1", "localhost");
        sub(&format!("C{i}"), &url)
    }));
    let options = Options {
        total: 3,
        ..Options::default()
    };
    let reports = run(&store, &subs, &options);
    assert!(
        reports.iter().all(|r| r.status == Status::Ok),
        "{reports:?}"
    );
    assert_eq!(
        server.max_concurrent(),
        3,
        "both hosts at once, never past the total"
    );
}

#[test]
fn full_text_feeds_read_each_new_entrys_page_once() {
    let server = Server::start();
    let page = "<html><head><title>Ports agree | Desk</title></head><body><nav>Home News</nav>\
        <article><h1>Ports agree a customs window</h1><p>Five northern ports signed an agreement \
        on Tuesday to run a single customs window for container traffic, ending years of \
        duplicated inspections along the coast.</p><p>The window opens in the autumn, once the \
        shared software is tested by all five port authorities.</p></article></body></html>";
    server.route("/a.html", Reply::ok("text/html; charset=utf-8", page));
    let item_url = server.url("/a.html");
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>Desk</title><item><guid>a</guid>\
         <title>Ports agree a customs window</title><link>{item_url}</link>\
         <description>Short summary.</description></item>\
         <item><guid>b</guid><title>No page</title><link>{}</link>\
         <description>Only this.</description></item></channel></rss>",
        server.url("/gone.html")
    );
    server.route("/feed.xml", Reply::ok("application/rss+xml", feed));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut s = sub("Desk", &server.url("/feed.xml"));
    s.full_text = true;
    let r = one(&store, s.clone());
    assert_eq!((r.status, r.new), (Status::Ok, 2), "{r:?}");
    assert!(
        r.error
            .as_deref()
            .unwrap()
            .contains("1 entry kept as the feed's summary"),
        "{r:?}"
    );
    let corpus = briefdeck::library::load_paths(
        &[dir.path().to_path_buf()],
        &briefdeck::library::LoadOptions {
            cache: None,
            ..Default::default()
        },
    )
    .unwrap();
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.title.starts_with("Ports"))
        .unwrap();
    let text: String = doc
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("shared software is tested"), "{text}");
    assert!(!text.contains("Short summary"), "{text}");
    assert!(
        !text.contains("Home News"),
        "page chrome is left out: {text}"
    );
    // The page is not fetched again for an entry already read in full.
    let again = one(&store, s);
    assert_eq!((again.new, again.updated), (0, 0));
    assert_eq!(server.hits("/a.html"), 1);
}

#[test]
fn a_closed_port_is_said_in_plain_words() {
    // A port that was just free: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let r = one(
        &store,
        sub("Closed", &format!("http://127.0.0.1:{port}/feed.xml")),
    );
    assert_eq!(r.status, Status::Failed);
    assert_eq!(r.error.as_deref(), Some("connection refused"), "{r:?}");
}
