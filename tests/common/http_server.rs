//! A scriptable HTTP/1.1 server on 127.0.0.1 for the feed-fetching tests and the feed benchmark:
//! routes answer with fixed responses, conditional (ETag / Last-Modified) ones, slow drips,
//! endless bodies or silence, and every request is logged. Plain std threads, one per
//! connection; keep-alive supported.
//!
//! Include with `#[path = "common/http_server.rs"] mod http_server;` (the `feed_server` example
//! includes it too, with `#[path = "../tests/common/http_server.rs"]`).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The most header bytes (request line included) a request may have; more is answered 431.
pub const MAX_HEAD: usize = 64 * 1024;

/// How often blocked connection threads look at the stop flag.
const POLL: Duration = Duration::from_millis(50);

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target as sent: path and query (`/feed/1.xml?x=1`).
    pub path: String,
    /// In the order sent, names as sent.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What a route answers.
#[derive(Clone)]
pub enum Reply {
    /// A complete response. `Content-Length` is set from the body unless `headers` names
    /// `Transfer-Encoding` or `Content-Length` (then the body is sent as given, framing and all),
    /// or the status has no body (1xx, 204, 304).
    Fixed {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// 200 with `ETag`, `Last-Modified`, `Content-Type` and the body; 304 (no body, no
    /// `Content-Length`) when the request's `If-None-Match` lists the etag (or `*`), or, with no
    /// `If-None-Match` (which takes precedence, as in RFC 9110), when `If-Modified-Since` equals
    /// `last_modified` exactly.
    Conditional {
        etag: String,
        last_modified: String,
        content_type: String,
        body: Vec<u8>,
    },
    /// 200 headers promptly (no `Content-Length`, `Connection: close`), then one body byte per
    /// `interval` (the start of an RSS document, then spaces) until the client goes away or the
    /// server is dropped.
    Drip { interval: Duration },
    /// 200 headers (no `Content-Length`, `Connection: close`), then endless bytes (the start of an
    /// RSS document, then `a`s) as fast as the client reads.
    Endless,
    /// Reads the request and never answers; the connection stays open until the client closes it
    /// or the server is dropped.
    Silent,
    /// `reply` after waiting `delay` (the request counts as in flight meanwhile): for tests of
    /// client concurrency limits and timeouts.
    Delayed { delay: Duration, reply: Box<Reply> },
}

impl Reply {
    /// 200 with `Content-Type` and `body`.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Fixed {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// `code` with `headers` and an empty body.
    pub fn status(code: u16, headers: &[(&str, &str)]) -> Reply {
        Reply::Fixed {
            status: code,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: Vec::new(),
        }
    }

    /// `code` (301, 302, 307, 308…) to `location`.
    pub fn redirect(code: u16, location: &str) -> Reply {
        Reply::status(code, &[("Location", location)])
    }

    /// `reply` after `delay`.
    pub fn delayed(delay: Duration, reply: Reply) -> Reply {
        Reply::Delayed {
            delay,
            reply: Box::new(reply),
        }
    }
}

struct Shared {
    routes: Mutex<HashMap<String, Reply>>,
    log: Mutex<Vec<Request>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    stop: AtomicBool,
}

/// A poisoned lock (a panicking test thread) still holds good data.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A request in flight, counted until dropped.
struct InFlight<'a>(&'a Shared);

impl<'a> InFlight<'a> {
    fn new(shared: &'a Shared) -> Self {
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(shared)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The server: a thread accepting on 127.0.0.1, routes and the request log. Dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// A server on a free port of 127.0.0.1 with no routes (every path answers 404).
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            routes: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        });
        let s = Arc::clone(&shared);
        let accept = thread::Builder::new()
            .name("http-server-accept".into())
            .spawn(move || accept_loop(listener, s))
            .expect("spawn the accept thread");
        Server {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/path` (a leading `/` is added when missing).
    pub fn url(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("http://{}{slash}{path}", self.addr)
    }

    /// Makes `path` answer `reply`, replacing any earlier route. A route without `?` also
    /// answers that path with any query; one with `?` answers only that exact target.
    pub fn route(&self, path: &str, reply: Reply) {
        lock(&self.shared.routes).insert(path.to_string(), reply);
    }

    /// Every request read so far, in order (logged before it is answered).
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.log).clone()
    }

    /// How many requests `path` has had (matched as [`Server::route`] matches).
    pub fn hits(&self, path: &str) -> usize {
        lock(&self.shared.log)
            .iter()
            .filter(|r| target_matches(&r.path, path))
            .count()
    }

    /// The most requests in flight at once so far: from being read to the end of the answer
    /// (for `Drip`, `Endless` and `Silent`, to the end of the connection).
    pub fn max_concurrent(&self) -> usize {
        self.shared.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept; it sees the flag and returns.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
        // Connection threads are not joined: they see the flag within `POLL` and end.
    }
}

fn target_matches(target: &str, route: &str) -> bool {
    target == route || (!route.contains('?') && target.split('?').next() == Some(route))
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for conn in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = conn else { continue };
        let s = Arc::clone(&shared);
        let spawned = thread::Builder::new()
            .name("http-server-conn".into())
            .spawn(move || {
                let _ = serve(stream, &s);
            });
        if spawned.is_err() {
            // Out of threads: the stream was dropped with the closure, closing the connection.
            continue;
        }
    }
}

/// A stopped server: connection threads end with this.
fn stopped() -> io::Error {
    io::Error::other("server stopped")
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// A connection: reads bytes with a short timeout so that it can notice the server stopping.
struct Conn<'a> {
    stream: TcpStream,
    buf: Vec<u8>,
    shared: &'a Shared,
}

impl Conn<'_> {
    fn stopping(&self) -> bool {
        self.shared.stop.load(Ordering::SeqCst)
    }

    /// More bytes into `buf`; `Ok(false)` at end of stream.
    fn fill(&mut self) -> io::Result<bool> {
        let mut chunk = [0u8; 8192];
        loop {
            if self.stopping() {
                return Err(stopped());
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(true);
                }
                Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The next request head (up to and without the blank line), `None` at a clean end of
    /// stream, `Err(InvalidData)` past [`MAX_HEAD`].
    fn read_head(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut searched = 0;
        loop {
            if let Some(i) = find(&self.buf[searched..], b"\r\n\r\n") {
                let end = searched + i;
                if end > MAX_HEAD {
                    break;
                }
                let head = self.buf[..end].to_vec();
                self.buf.drain(..end + 4);
                return Ok(Some(head));
            }
            if self.buf.len() > MAX_HEAD + 4 {
                break;
            }
            searched = self.buf.len().saturating_sub(3);
            if !self.fill()? {
                return Ok(None);
            }
        }
        Err(io::Error::new(io::ErrorKind::InvalidData, "head too large"))
    }

    /// Reads and throws away `n` body bytes.
    fn skip(&mut self, mut n: usize) -> io::Result<()> {
        loop {
            let take = n.min(self.buf.len());
            self.buf.drain(..take);
            n -= take;
            if n == 0 {
                return Ok(());
            }
            if !self.fill()? {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
    }

    /// All of `bytes`, patiently (the write timeout only serves to notice the server stopping).
    fn write_all(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            if self.stopping() {
                return Err(stopped());
            }
            match self.stream.write(bytes) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => bytes = &bytes[n..],
                Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Sleeps `d` in short steps, failing when the server stops.
    fn sleep(&self, d: Duration) -> io::Result<()> {
        let end = Instant::now() + d;
        loop {
            if self.stopping() {
                return Err(stopped());
            }
            let now = Instant::now();
            if now >= end {
                return Ok(());
            }
            thread::sleep((end - now).min(POLL));
        }
    }

    /// Answers `msg` and closes without a reset: a request the server did not read to the end
    /// (too large, malformed) would otherwise make the kernel reset the connection, and the
    /// client could lose the answer. Reads what the client still sends for up to a second.
    fn refuse(&mut self, msg: &[u8]) -> io::Result<()> {
        self.write_all(msg)?;
        self.stream.shutdown(Shutdown::Write)?;
        let end = Instant::now() + Duration::from_secs(1);
        while Instant::now() < end && self.fill()? {
            self.buf.clear();
        }
        Ok(())
    }

    /// Waits for the client to close, throwing its bytes away.
    fn hold(&mut self) -> io::Result<()> {
        while self.fill()? {
            self.buf.clear();
        }
        Ok(())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(POLL))?;
    stream.set_write_timeout(Some(POLL))?;
    let _ = stream.set_nodelay(true);
    let mut conn = Conn {
        stream,
        buf: Vec::new(),
        shared,
    };
    let result = serve_requests(&mut conn);
    let _ = conn.stream.shutdown(Shutdown::Write);
    result
}

fn serve_requests(conn: &mut Conn) -> io::Result<()> {
    loop {
        let head = match conn.read_head() {
            Ok(Some(h)) => h,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let msg = simple(431, "request header fields too large\n", true);
                return conn.refuse(&msg);
            }
            Err(e) => return Err(e),
        };
        let Some((req, version_10)) = parse_head(&head) else {
            return conn.refuse(&simple(400, "bad request\n", true));
        };
        lock(&conn.shared.log).push(req.clone());
        let _in_flight = InFlight::new(conn.shared);

        let conn_header = req.header("Connection").unwrap_or("").to_ascii_lowercase();
        let has_token = |t: &str| conn_header.split(',').any(|x| x.trim() == t);
        let close = has_token("close") || (version_10 && !has_token("keep-alive"));

        if req.header("Transfer-Encoding").is_some() {
            return conn.refuse(&simple(501, "chunked request bodies not supported\n", true));
        }
        if let Some(len) = req.header("Content-Length") {
            match len.trim().parse::<usize>() {
                Ok(n) => conn.skip(n)?,
                Err(_) => return conn.refuse(&simple(400, "bad content-length\n", true)),
            }
        }

        let reply = {
            let routes = lock(&conn.shared.routes);
            routes.get(&req.path).cloned().or_else(|| {
                let path = req.path.split('?').next().unwrap_or("");
                routes.get(path).cloned()
            })
        };
        let keep_going = match reply {
            None => {
                conn.write_all(&simple(404, "not found\n", close))?;
                !close
            }
            Some(reply) => answer(conn, &req, reply, close)?,
        };
        if !keep_going {
            return Ok(());
        }
    }
}

/// Answers one request; `Ok(true)` when the connection may carry another.
fn answer(conn: &mut Conn, req: &Request, reply: Reply, close: bool) -> io::Result<bool> {
    let head_only = req.method.eq_ignore_ascii_case("HEAD");
    match reply {
        Reply::Delayed { delay, reply } => {
            conn.sleep(delay)?;
            answer(conn, req, *reply, close)
        }
        Reply::Fixed {
            status,
            headers,
            body,
        } => {
            let named = |n: &str| headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(n));
            let framed = named("Transfer-Encoding") || named("Content-Length");
            let mut out = status_line(status);
            for (n, v) in &headers {
                out.push_str(&format!("{n}: {v}\r\n"));
            }
            if !framed && has_body(status) {
                out.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            finish_head(&mut out, close);
            let mut bytes = out.into_bytes();
            if !head_only && has_body(status) {
                bytes.extend_from_slice(&body);
            }
            conn.write_all(&bytes)?;
            Ok(!close)
        }
        Reply::Conditional {
            etag,
            last_modified,
            content_type,
            body,
        } => {
            let fresh = match req.header("If-None-Match") {
                Some(inm) => inm
                    .split(',')
                    .map(str::trim)
                    .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag.as_str())),
                None => req.header("If-Modified-Since").map(str::trim) == Some(&last_modified),
            };
            let mut out = status_line(if fresh { 304 } else { 200 });
            out.push_str(&format!(
                "ETag: {etag}\r\nLast-Modified: {last_modified}\r\n"
            ));
            if !fresh {
                out.push_str(&format!(
                    "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
                    body.len()
                ));
            }
            finish_head(&mut out, close);
            let mut bytes = out.into_bytes();
            if !fresh && !head_only {
                bytes.extend_from_slice(&body);
            }
            conn.write_all(&bytes)?;
            Ok(!close)
        }
        Reply::Drip { interval } => {
            let mut out = status_line(200);
            out.push_str("Content-Type: application/rss+xml\r\n");
            finish_head(&mut out, true);
            conn.write_all(out.as_bytes())?;
            let prefix = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>";
            for i in 0.. {
                conn.sleep(interval)?;
                conn.write_all(&[*prefix.get(i).unwrap_or(&b' ')])?;
            }
            Ok(false)
        }
        Reply::Endless => {
            let mut out = status_line(200);
            out.push_str("Content-Type: application/rss+xml\r\n");
            finish_head(&mut out, true);
            out.push_str("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>");
            conn.write_all(out.as_bytes())?;
            let chunk = vec![b'a'; 64 * 1024];
            loop {
                conn.write_all(&chunk)?;
            }
        }
        Reply::Silent => {
            conn.hold()?;
            Ok(false)
        }
    }
}

fn has_body(status: u16) -> bool {
    !(status < 200 || status == 204 || status == 304)
}

fn status_line(status: u16) -> String {
    format!("HTTP/1.1 {status} {}\r\n", reason(status))
}

fn finish_head(out: &mut String, close: bool) {
    if close {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
}

/// A whole plain-text response.
fn simple(status: u16, body: &str, close: bool) -> Vec<u8> {
    let mut out = status_line(status);
    out.push_str(&format!(
        "Content-Type: text/plain\r\nContent-Length: {}\r\n",
        body.len()
    ));
    finish_head(&mut out, close);
    out.push_str(body);
    out.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// The request line and headers; the flag says HTTP/1.0. `None` when malformed.
fn parse_head(head: &[u8]) -> Option<(Request, bool)> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next()?.split(' ');
    let (method, path, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || method.is_empty() || path.is_empty() {
        return None;
    }
    let version_10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return None,
    };
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.is_empty() || name.contains(' ') {
            return None;
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let req = Request {
        method: method.to_string(),
        path: path.to_string(),
        headers,
    };
    Some((req, version_10))
}

/// `text` with `& < > " '` escaped for XML.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// `unix_secs` as an HTTP / RFC 822 date: `Mon, 01 Jan 2024 00:00:00 GMT`.
pub fn http_date(unix_secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix_secs / 86_400;
    let secs = unix_secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize],
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// When [`rss`] says its newest item was published: 2024-03-01 09:00 UTC.
pub const RSS_NEWEST: u64 = 1_709_283_600;

/// A small valid RSS 2.0 document: channel `title`, and per `(guid, title, body)` an item with
/// a non-permalink guid, the title, a link under `https://example.invalid/` (never resolvable),
/// `body` as the description and a pubDate an hour earlier than the item before (the first at
/// [`RSS_NEWEST`]). Everything is XML-escaped.
pub fn rss(title: &str, items: &[(&str, &str, &str)]) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
    out.push_str(&format!(
        "<title>{t}</title>\n<link>https://example.invalid/</link>\n<description>{t}</description>\n",
        t = xml_escape(title)
    ));
    for (i, (guid, item_title, body)) in items.iter().enumerate() {
        let guid = xml_escape(guid);
        out.push_str(&format!(
            "<item>\n<guid isPermaLink=\"false\">{guid}</guid>\n<title>{}</title>\n\
             <link>https://example.invalid/items/{guid}</link>\n<pubDate>{}</pubDate>\n\
             <description>{}</description>\n</item>\n",
            xml_escape(item_title),
            http_date(RSS_NEWEST - 3600 * i as u64),
            xml_escape(body)
        ));
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use flate2::{Compression, write::GzEncoder};
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).expect("gzip into memory");
    enc.finish().expect("gzip into memory")
}

/// A gzip member that inflates to `inflated_len` zero bytes, about 1 KB per MB inflated, built
/// without the inflated bytes in memory and fast even unoptimised: one 1 MiB block of zeros is
/// deflated once, ending on a full flush (byte-aligned, no references back), and repeated; the
/// remainder is deflated as the final block; the CRC of the zeros is computed in closed form.
pub fn gzip_bomb(inflated_len: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    const CHUNK: usize = 1 << 20;
    let zeros = vec![0u8; CHUNK];
    let deflate = |input: &[u8], flush: FlushCompress| {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(CHUNK);
        let status = c.compress_vec(input, &mut out, flush).expect("deflate");
        assert_eq!(c.total_in() as usize, input.len());
        assert!(out.len() < out.capacity(), "the flush completed");
        (out, status)
    };
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let whole = inflated_len / CHUNK;
    if whole > 0 {
        let (block, _) = deflate(&zeros, FlushCompress::Full);
        gz.reserve(block.len() * whole + 64);
        for _ in 0..whole {
            gz.extend_from_slice(&block);
        }
    }
    let (last, status) = deflate(&zeros[..inflated_len % CHUNK], FlushCompress::Finish);
    assert_eq!(status, Status::StreamEnd);
    gz.extend_from_slice(&last);
    gz.extend_from_slice(&crc32_of_zeros(inflated_len as u64).to_le_bytes());
    gz.extend_from_slice(&(inflated_len as u32).to_le_bytes());
    gz
}

/// The CRC-32 (gzip's) of `n` zero bytes: the register's update for a zero bit is linear, so
/// `8n` of them are one 32×32 matrix over GF(2) raised to the power `8n` by squaring.
fn crc32_of_zeros(n: u64) -> u32 {
    // A matrix as its 32 columns: column i is the image of bit i.
    type Matrix = [u32; 32];
    fn apply(m: &Matrix, v: u32) -> u32 {
        (0..32)
            .filter(|i| v >> i & 1 == 1)
            .fold(0, |acc, i| acc ^ m[i])
    }
    fn mul(a: &Matrix, b: &Matrix) -> Matrix {
        std::array::from_fn(|i| apply(a, b[i]))
    }
    // One zero bit, reflected CRC-32: shift right, xor the polynomial when a one falls out.
    let mut power: Matrix =
        std::array::from_fn(|i| if i == 0 { 0xEDB8_8320 } else { 1 << (i - 1) });
    let mut reg = 0xFFFF_FFFFu32;
    let mut bits = n * 8;
    while bits > 0 {
        if bits & 1 == 1 {
            reg = apply(&power, reg);
        }
        power = mul(&power, &power);
        bits >>= 1;
    }
    !reg
}
