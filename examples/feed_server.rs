//! Serves generated RSS feeds on 127.0.0.1 for the fetch benchmark (`benches/feeds.sh`).
//!
//! `cargo run --release --example feed_server -- --feeds 100 --entries 50 --opml OUT.opml [--seed 1]`
//!
//! Binds a free port of 127.0.0.1, writes an OPML 2.0 list of `http://127.0.0.1:PORT/feed/N.xml`
//! (outlines `Feed 1` … `Feed N`), then prints `listening on 127.0.0.1:PORT` and serves until
//! killed. Each feed is RSS 2.0 with `--entries` items (guids `feed-N-item-M`, a title, an
//! hourly pubDate, a description of about 600 bytes of prose from the corpus generator's
//! vocabulary), sent with an ETag and Last-Modified and answered 304 to a matching conditional
//! request. The same seed gives the same bytes. The server is the tests' one
//! (`tests/common/http_server.rs`).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../tests/common/http_server.rs"]
mod http_server;
#[path = "common/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "common/vocab.rs"]
mod vocab;

use http_server::{RSS_NEWEST, Reply, Server, http_date, rss, xml_escape};
use rng::Rng;

struct Args {
    feeds: usize,
    entries: usize,
    opml: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        feeds: 100,
        entries: 50,
        opml: PathBuf::new(),
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} takes a value"))?;
        match flag.as_str() {
            "--feeds" => args.feeds = value.parse().map_err(|_| "--feeds takes a number")?,
            "--entries" => args.entries = value.parse().map_err(|_| "--entries takes a number")?,
            "--seed" => args.seed = value.parse().map_err(|_| "--seed takes a number")?,
            "--opml" => args.opml = PathBuf::from(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if args.opml.as_os_str().is_empty() {
        return Err("--opml OUT.opml is required".into());
    }
    Ok(args)
}

/// A clause fit to follow a comma: "The Commission" becomes "the Commission".
fn inner_clause(rng: &mut Rng) -> String {
    let c = vocab::clause(rng, &vocab::EN);
    match c.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => c,
    }
}

/// One sentence of two clauses joined the way news copy joins them.
fn sentence(rng: &mut Rng) -> String {
    const JOINS: &[&str] = &[
        ", while ",
        "; meanwhile, ",
        ", and officials said ",
        ", even as ",
        ", a move that means ",
        "; analysts expect ",
    ];
    let first = vocab::clause(rng, &vocab::EN);
    let join = rng.pick(JOINS);
    format!("{first}{join}{}.", inner_clause(rng))
}

/// About 600 bytes: three sentences, more while it is short.
fn description(rng: &mut Rng) -> String {
    let mut s = String::new();
    let mut n = 0;
    while n < 3 || s.len() < 540 {
        if n > 0 {
            s.push(' ');
        }
        s.push_str(&sentence(rng));
        n += 1;
    }
    s
}

/// Feed `n` (1-based) as RSS 2.0.
fn feed(n: usize, entries: usize, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(n as u64));
    let items: Vec<(String, String, String)> = (1..=entries)
        .map(|m| {
            let title = vocab::clause(&mut rng, &vocab::EN);
            (format!("feed-{n}-item-{m}"), title, description(&mut rng))
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|(g, t, d)| (g.as_str(), t.as_str(), d.as_str()))
        .collect();
    rss(&format!("Feed {n}"), &refs)
}

fn opml(server: &Server, feeds: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head>\n\
         <title>briefdeck benchmark feeds</title>\n</head>\n<body>\n",
    );
    for n in 1..=feeds {
        let url = xml_escape(&server.url(&format!("/feed/{n}.xml")));
        let _ = writeln!(
            s,
            "<outline type=\"rss\" text=\"Feed {n}\" title=\"Feed {n}\" xmlUrl=\"{url}\"/>"
        );
    }
    s.push_str("</body>\n</opml>\n");
    s
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("feed_server: {e}");
            eprintln!("usage: feed_server --feeds N --entries M --opml OUT.opml [--seed S]");
            return ExitCode::from(2);
        }
    };
    let server = Server::start();
    for n in 1..=args.feeds {
        server.route(
            &format!("/feed/{n}.xml"),
            Reply::Conditional {
                etag: format!("\"feed-{n}-v1\""),
                last_modified: http_date(RSS_NEWEST),
                content_type: "application/rss+xml; charset=utf-8".into(),
                body: feed(n, args.entries, args.seed).into_bytes(),
            },
        );
    }
    if let Err(e) = std::fs::write(&args.opml, opml(&server, args.feeds)) {
        eprintln!("feed_server: writing {}: {e}", args.opml.display());
        return ExitCode::FAILURE;
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "listening on {}", server.addr());
    let _ = out.flush();
    loop {
        std::thread::park();
    }
}
