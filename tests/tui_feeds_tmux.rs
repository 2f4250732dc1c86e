//! End to end: `r` in the real dashboard (tmux) fetches the subscribed feeds from a server this
//! test starts on 127.0.0.1, the entries arrive through live reload, and a failed feed is in
//! the `!` pop-up. Needs tmux; BRIEFDECK_SKIP_TMUX=1 skips it.

#[path = "common/http_server.rs"]
mod http_server;
#[path = "common/tmux.rs"]
mod tmux;

use http_server::{Reply, Server, rss};
use tmux::Tmux;

fn subscribe(config: &std::path::Path, feeds: &[(&str, String)]) {
    let dir = config.join("briefdeck");
    std::fs::create_dir_all(&dir).unwrap();
    let body: String = feeds
        .iter()
        .map(|(name, url)| format!("[[feed]]\nname = \"{name}\"\nurl = \"{url}\"\n\n"))
        .collect();
    std::fs::write(dir.join("feeds.toml"), body).unwrap();
}

#[test]
fn r_fetches_in_the_background_and_failures_are_in_the_notices() {
    let server = Server::start();
    server.route(
        "/desk.xml",
        Reply::ok(
            "application/rss+xml",
            rss(
                "Harbour Desk",
                &[
                    (
                        "a",
                        "Ports agree a customs window",
                        "<p>Five ports signed.</p>",
                    ),
                    ("b", "Dredging budget delayed", "<p>The budget slipped.</p>"),
                    (
                        "c",
                        "Tariff review opens",
                        "<p>Steel imports are reviewed.</p>",
                    ),
                ],
            ),
        ),
    );
    let xdg = tempfile::tempdir().unwrap();
    let (config, data) = (xdg.path().join("config"), xdg.path().join("data"));
    subscribe(&config, &[("Harbour Desk", server.url("/desk.xml"))]);
    let env = [
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
    ];
    // Subscribed, nothing fetched yet: the dashboard opens empty and says what to do.
    let Some(tmux) = Tmux::launch_with(&env, &[], "No briefings yet", (120, 40), None) else {
        return;
    };
    assert!(tmux.capture().contains("r fetches the subscribed feeds"));
    tmux.keys(&["r"]);
    let s = tmux.wait_for("the fetched entries", |s| {
        s.contains("reloaded: 3 new from 1 feed") && s.contains("Tariff review opens")
    });
    assert!(s.contains("Ports agree a customs window"), "{s}");
    assert!(
        s.contains("Harbour Desk"),
        "the feed is each entry's source:\n{s}"
    );
    assert_eq!(server.hits("/desk.xml"), 1);

    // A second feed that fails: said in the status line, explained in `!`.
    subscribe(
        &config,
        &[
            ("Harbour Desk", server.url("/desk.xml")),
            ("Broken Wire", server.url("/missing.xml")),
        ],
    );
    tmux.keys(&["r"]);
    tmux.wait_for("the failure in the status line", |s| {
        s.contains("nothing new from 2 feeds; 1 failed (press ! for why)")
    });
    tmux.keys(&["!"]);
    let s = tmux.wait_for("the notices pop-up", |s| s.contains("failed feeds: 1"));
    assert!(s.contains("feed Broken Wire"), "{s}");
    assert!(s.contains("HTTP 404 Not Found"), "{s}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the pop-up to close", |s| !s.contains("failed feeds: 1"));
    tmux.keys(&["q"]);
    tmux.assert_restored("0");
}
