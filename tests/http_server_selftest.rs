//! The test HTTP server checked with plain `TcpStream`s, so that the feed-fetching tests can
//! trust what it answers: status, framing, conditional requests, keep-alive, the request log,
//! concurrency counting, drips and a prompt stop.

#[path = "common/http_server.rs"]
mod http_server;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use http_server::{Reply, Server, gzip, gzip_bomb, http_date, rss};

/// One response read off `r`: status, headers, body (by Content-Length, else none for
/// 304/HEAD-like answers when `no_body`, else to end of stream).
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

fn read_head(r: &mut impl BufRead) -> (u16, Vec<(String, String)>) {
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 "), "status line {line:?}");
    let status = line[9..12].parse().unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        let l = line.trim_end_matches("\r\n");
        if l.is_empty() {
            break;
        }
        let (n, v) = l.split_once(':').unwrap();
        headers.push((n.to_string(), v.trim().to_string()));
    }
    (status, headers)
}

fn read_response(r: &mut impl BufRead) -> Response {
    let (status, headers) = read_head(r);
    let mut resp = Response {
        status,
        headers,
        body: Vec::new(),
    };
    if let Some(n) = resp.header("Content-Length") {
        resp.body = vec![0; n.parse().unwrap()];
        r.read_exact(&mut resp.body).unwrap();
    } else if status != 304 {
        r.read_to_end(&mut resp.body).unwrap();
    }
    resp
}

/// One request on a fresh connection, closed after.
fn get(server: &Server, path: &str, extra: &[(&str, &str)]) -> Response {
    let mut s = connect(server.addr());
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n", server.addr());
    for (n, v) in extra {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    req.push_str("Connection: close\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    read_response(&mut BufReader::new(s))
}

#[test]
fn fixed_reply_has_status_headers_and_content_length() {
    let server = Server::start();
    server.route("/a.xml", Reply::ok("application/rss+xml", "<rss/>"));
    let r = get(&server, "/a.xml", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("application/rss+xml"));
    assert_eq!(r.header("Content-Length"), Some("6"));
    assert_eq!(r.body, b"<rss/>");
    assert!(server.url("/a.xml").starts_with("http://127.0.0.1:"));
    assert_eq!(server.url("a.xml"), server.url("/a.xml"));

    server.route("/moved", Reply::redirect(301, "/a.xml"));
    let r = get(&server, "/moved", &[]);
    assert_eq!((r.status, r.header("Location")), (301, Some("/a.xml")));
    assert_eq!(r.header("Content-Length"), Some("0"));

    server.route("/busy", Reply::status(503, &[("Retry-After", "120")]));
    let r = get(&server, "/busy", &[]);
    assert_eq!((r.status, r.header("Retry-After")), (503, Some("120")));
}

#[test]
fn unknown_path_is_404_and_routes_replace() {
    let server = Server::start();
    assert_eq!(get(&server, "/nothing", &[]).status, 404);
    server.route("/x", Reply::ok("text/plain", "one"));
    server.route("/x", Reply::ok("text/plain", "two"));
    assert_eq!(get(&server, "/x", &[]).body, b"two");
    // A route without a query answers any query; the log keeps the query.
    assert_eq!(get(&server, "/x?page=2", &[]).body, b"two");
    assert_eq!(server.requests()[2].path, "/x?page=2");
    assert_eq!(server.hits("/x"), 2);
    assert_eq!(server.hits("/x?page=2"), 1);
    assert_eq!(server.hits("/nothing"), 1);
}

#[test]
fn conditional_answers_304_to_matching_validators() {
    let server = Server::start();
    let lm = http_date(1_700_000_000);
    assert_eq!(lm, "Tue, 14 Nov 2023 22:13:20 GMT");
    server.route(
        "/feed.xml",
        Reply::Conditional {
            etag: "\"v1\"".into(),
            last_modified: lm.clone(),
            content_type: "application/rss+xml".into(),
            body: b"<rss version=\"2.0\"/>".to_vec(),
        },
    );
    let first = get(&server, "/feed.xml", &[]);
    assert_eq!(first.status, 200);
    assert_eq!(first.header("ETag"), Some("\"v1\""));
    assert_eq!(first.header("Last-Modified"), Some(lm.as_str()));
    assert_eq!(first.body, b"<rss version=\"2.0\"/>");

    let etag = get(&server, "/feed.xml", &[("If-None-Match", "\"v1\"")]);
    assert_eq!(etag.status, 304);
    assert!(etag.body.is_empty());
    assert_eq!(etag.header("ETag"), Some("\"v1\""));
    let date = get(&server, "/feed.xml", &[("If-Modified-Since", &lm)]);
    assert_eq!(date.status, 304);
    let list = get(&server, "/feed.xml", &[("If-None-Match", "\"v0\", \"v1\"")]);
    assert_eq!(list.status, 304);

    let stale = get(&server, "/feed.xml", &[("If-None-Match", "\"v0\"")]);
    assert_eq!(stale.status, 200);
    let other_date = get(
        &server,
        "/feed.xml",
        &[("If-Modified-Since", &http_date(0))],
    );
    assert_eq!(other_date.status, 200);

    let log = server.requests();
    assert_eq!(log.len(), 6);
    assert_eq!(log[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(log[0].header("If-None-Match"), None);
    assert_eq!(log[0].method, "GET");
}

#[test]
fn keep_alive_serves_several_requests_on_one_connection() {
    let server = Server::start();
    server.route("/1", Reply::ok("text/plain", "first"));
    server.route("/2", Reply::ok("text/plain", "second"));
    let mut s = connect(server.addr());
    let mut r = BufReader::new(s.try_clone().unwrap());

    s.write_all(b"GET /1 HTTP/1.1\r\nHost: t\r\n\r\n").unwrap();
    let a = read_response(&mut r);
    assert_eq!((a.status, a.body.as_slice()), (200, &b"first"[..]));
    assert_eq!(a.header("Connection"), None);

    // Two pipelined, the second asking to close.
    s.write_all(
        b"GET /2 HTTP/1.1\r\nHost: t\r\n\r\nGET /nope HTTP/1.1\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let b = read_response(&mut r);
    assert_eq!((b.status, b.body.as_slice()), (200, &b"second"[..]));
    let c = read_response(&mut r);
    assert_eq!(c.status, 404);
    assert_eq!(c.header("Connection"), Some("close"));
    let mut rest = Vec::new();
    r.read_to_end(&mut rest).unwrap();
    assert!(
        rest.is_empty(),
        "the server closed after `Connection: close`"
    );

    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/1", "/2", "/nope"]);
}

#[test]
fn request_bodies_are_skipped_and_huge_heads_rejected() {
    let server = Server::start();
    server.route("/p", Reply::ok("text/plain", "ok"));
    let mut s = connect(server.addr());
    let mut r = BufReader::new(s.try_clone().unwrap());
    s.write_all(b"POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /p HTTP/1.1\r\n\r\n")
        .unwrap();
    assert_eq!(read_response(&mut r).body, b"ok");
    assert_eq!(read_response(&mut r).body, b"ok");
    assert_eq!(server.hits("/p"), 2);

    let mut s = connect(server.addr());
    let big = format!(
        "GET /p HTTP/1.1\r\nX-Filler: {}\r\n\r\n",
        "x".repeat(70 * 1024)
    );
    // The server may answer and close before reading it all; a failed write is fine.
    let _ = s.write_all(big.as_bytes());
    let r = read_response(&mut BufReader::new(s));
    assert_eq!(r.status, 431);
    assert_eq!(server.hits("/p"), 2);
}

#[test]
fn max_concurrent_counts_requests_in_flight() {
    let server = Server::start();
    server.route("/quick", Reply::ok("text/plain", "q"));
    for _ in 0..3 {
        get(&server, "/quick", &[]);
    }
    assert_eq!(server.max_concurrent(), 1);

    server.route(
        "/slow",
        Reply::delayed(Duration::from_millis(500), Reply::ok("text/plain", "s")),
    );
    thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(get(&server, "/slow", &[]).body, b"s"));
        }
    });
    assert!(server.max_concurrent() >= 2, "{}", server.max_concurrent());
    assert!(server.max_concurrent() <= 4);
    assert_eq!(server.hits("/slow"), 4);
    assert_eq!(server.requests().len(), 7);
}

#[test]
fn drip_sends_headers_then_bytes_slowly() {
    let server = Server::start();
    server.route(
        "/drip",
        Reply::Drip {
            interval: Duration::from_millis(100),
        },
    );
    let mut s = connect(server.addr());
    s.write_all(b"GET /drip HTTP/1.1\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    let (status, headers) = read_head(&mut r);
    assert_eq!(status, 200);
    assert!(
        !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
    );
    let t0 = Instant::now();
    let mut five = [0u8; 5];
    r.read_exact(&mut five).unwrap();
    assert_eq!(&five, b"<?xml");
    assert!(
        t0.elapsed() >= Duration::from_millis(400),
        "{:?}",
        t0.elapsed()
    );
}

#[test]
fn endless_and_silent() {
    let server = Server::start();
    server.route("/endless", Reply::Endless);
    server.route("/silent", Reply::Silent);

    let mut s = connect(server.addr());
    s.write_all(b"GET /endless HTTP/1.1\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    let (status, _) = read_head(&mut r);
    assert_eq!(status, 200);
    let mut got = 0;
    let mut buf = [0u8; 65536];
    while got < 4 << 20 {
        let n = r.read(&mut buf).unwrap();
        assert!(n > 0);
        got += n;
    }

    let mut s = connect(server.addr());
    s.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    s.write_all(b"GET /silent HTTP/1.1\r\n\r\n").unwrap();
    let err = s.read(&mut buf).unwrap_err();
    assert!(matches!(
        err.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    ));
    assert_eq!(server.hits("/silent"), 1);
}

#[test]
fn drop_returns_promptly_with_clients_still_connected() {
    let server = Server::start();
    server.route(
        "/drip",
        Reply::Drip {
            interval: Duration::from_secs(10),
        },
    );
    server.route("/silent", Reply::Silent);
    let mut drip = connect(server.addr());
    drip.write_all(b"GET /drip HTTP/1.1\r\n\r\n").unwrap();
    let mut drip = BufReader::new(drip);
    assert_eq!(read_head(&mut drip).0, 200);
    let mut silent = connect(server.addr());
    silent.write_all(b"GET /silent HTTP/1.1\r\n\r\n").unwrap();
    let _idle = connect(server.addr());
    while server.hits("/silent") == 0 {
        thread::sleep(Duration::from_millis(10));
    }

    let t0 = Instant::now();
    drop(server);
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "drop took {:?}",
        t0.elapsed()
    );
    // The abandoned connections end soon after, well before the 10 s drip.
    let mut rest = Vec::new();
    drip.read_to_end(&mut rest).unwrap();
    assert!(t0.elapsed() < Duration::from_secs(5), "{:?}", t0.elapsed());
}

#[test]
fn rss_gzip_and_bomb() {
    let doc = rss(
        "Policy & Co <brief>",
        &[
            (
                "g-1",
                "First item",
                "A body with <b>markup</b> & ampersands.",
            ),
            ("g-2", "Second", "Another."),
        ],
    );
    let feed = feed_rs::parser::parse(doc.as_bytes()).unwrap();
    assert_eq!(feed.title.unwrap().content, "Policy & Co <brief>");
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["g-1", "g-2"]);
    assert!(feed.entries[0].published > feed.entries[1].published);

    let mut back = Vec::new();
    flate2::read::GzDecoder::new(&gzip(doc.as_bytes())[..])
        .read_to_end(&mut back)
        .unwrap();
    assert_eq!(back, doc.as_bytes());

    // Small ones (the remainder block alone, one whole block) and one of many blocks plus a
    // remainder; GzDecoder checks the CRC and length in the trailer.
    for small in [0, 1, 1000, 1 << 20] {
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gzip_bomb(small)[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back.len(), small);
        assert!(back.iter().all(|&b| b == 0));
    }
    let n = (64 << 20) + 12345;
    let bomb = gzip_bomb(n);
    assert!(bomb.len() < n / 500, "{} bytes", bomb.len());
    let mut dec = flate2::read::GzDecoder::new(&bomb[..]);
    let mut total = 0;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let k = dec.read(&mut buf).unwrap();
        if k == 0 {
            break;
        }
        assert!(buf[..k].iter().all(|&b| b == 0));
        total += k;
    }
    assert_eq!(total, n);
}
