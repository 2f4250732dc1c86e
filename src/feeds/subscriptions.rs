//! The subscriptions file, `feeds.toml` beside `config.toml`: one `[[feed]]` table per feed,
//! in the order they were added, for the user to read and edit as much as for briefdeck.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::{Lock, write_atomic};
use super::paths::folder_name;
use crate::ingest::display;

/// One feed the user subscribed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// What the user calls it: the source shown for its entries, `feed:NAME`, its folder.
    pub name: String,
    /// The feed's address; updated when the server says it moved for good (301, 308).
    pub url: String,
    /// Entries carry only a summary: fetch each new entry's page and read the article there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_text: bool,
    /// The site the feed is about, kept for OPML export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html_url: Option<String>,
}

impl Subscription {
    /// The folder of the store its entries are kept in.
    pub fn folder(&self) -> String {
        folder_name(&self.name)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default, rename = "feed")]
    feeds: Vec<Subscription>,
}

const HEADER: &str = "\
# briefdeck subscriptions: one [[feed]] per feed, managed by `briefdeck feeds add|remove|import`
# and safe to edit by hand. name = how entries are labelled (and their folder in the store),
# url = the feed, full_text = true to fetch each new entry's page for the whole article.
";

/// A subscriptions file that cannot be used, naming the file and the reason.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct SubscriptionsError {
    pub path: String,
    pub reason: String,
}

impl SubscriptionsError {
    fn new(path: &Path, reason: impl Into<String>) -> SubscriptionsError {
        SubscriptionsError {
            path: display(path),
            reason: reason.into(),
        }
    }
}

/// The subscriptions and the file they are kept in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscriptions {
    pub path: PathBuf,
    pub feeds: Vec<Subscription>,
}

impl Subscriptions {
    /// Reads the file; a missing one is no subscriptions. Every feed is checked (an address
    /// that is not http or https, two feeds with one name), so a hand edit gone wrong is
    /// reported before anything is fetched.
    pub fn load(path: &Path) -> Result<Subscriptions, SubscriptionsError> {
        let text = match std::fs::read(path) {
            Ok(b) => {
                String::from_utf8(b).map_err(|_| SubscriptionsError::new(path, "not UTF-8 text"))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(SubscriptionsError::new(path, e.to_string())),
        };
        let file: File = toml::from_str(&text).map_err(|e| {
            SubscriptionsError::new(path, crate::ingest::sanitize::sanitize_line(e.message()))
        })?;
        let mut folders = std::collections::HashSet::new();
        for (i, f) in file.feeds.iter().enumerate() {
            let which = || format!("feed {} ({:?})", i + 1, f.name);
            if f.name.trim().is_empty() {
                return Err(SubscriptionsError::new(
                    path,
                    format!("{}: empty name", which()),
                ));
            }
            if let Err(why) = check_url(&f.url) {
                return Err(SubscriptionsError::new(path, format!("{}: {why}", which())));
            }
            if !folders.insert(f.folder().to_lowercase()) {
                return Err(SubscriptionsError::new(
                    path,
                    format!("{}: another feed has the same name", which()),
                ));
            }
        }
        Ok(Subscriptions {
            path: path.to_path_buf(),
            feeds: file.feeds,
        })
    }

    /// Reads, changes and writes the file under its lock, so that two commands editing it at
    /// once (a fetch recording a move, an add in another terminal) lose neither change.
    pub fn edit<T>(
        path: &Path,
        change: impl FnOnce(&mut Subscriptions) -> Result<T, SubscriptionsError>,
    ) -> Result<T, SubscriptionsError> {
        let lock_path = path.with_file_name(".feeds.toml.lock");
        let _lock = Lock::take(&lock_path, || {})
            .map_err(|e| SubscriptionsError::new(&lock_path, e.to_string()))?;
        let mut subs = Subscriptions::load(path)?;
        let out = change(&mut subs)?;
        subs.save()?;
        Ok(out)
    }

    fn save(&self) -> Result<(), SubscriptionsError> {
        let body = toml::to_string(&File {
            feeds: self.feeds.clone(),
        })
        .map_err(|e| SubscriptionsError::new(&self.path, e.to_string()))?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| SubscriptionsError::new(dir, e.to_string()))?;
        }
        write_atomic(&self.path, format!("{HEADER}\n{body}").as_bytes())
            .map_err(|e| SubscriptionsError::new(&self.path, e.to_string()))
    }

    /// The feed `key` names: its name (any case), else its URL.
    pub fn find(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        self.feeds
            .iter()
            .position(|f| f.name == key)
            .or_else(|| {
                self.feeds
                    .iter()
                    .position(|f| f.name.to_lowercase() == key.to_lowercase())
            })
            .or_else(|| self.feeds.iter().position(|f| f.url == key))
    }

    /// The feed subscribed at `url`, if any.
    pub fn by_url(&self, url: &str) -> Option<&Subscription> {
        self.feeds.iter().find(|f| f.url == url)
    }

    /// `wanted`, or `wanted (2)`, `(3)` ... when another feed has that name (or folder).
    pub fn unique_name(&self, wanted: &str) -> String {
        let taken = |n: &str| {
            let folder = folder_name(n).to_lowercase();
            self.feeds
                .iter()
                .any(|f| f.folder().to_lowercase() == folder)
        };
        let base = crate::ingest::sanitize::sanitize_line(wanted.trim()).into_owned();
        let base = if base.trim().is_empty() {
            "feed".to_string()
        } else {
            base
        };
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|n| !taken(n))
            .expect("some number is free")
    }
}

/// Only `http` and `https` addresses are fetched.
pub fn check_url(url: &str) -> Result<url::Url, String> {
    let parsed =
        url::Url::parse(url.trim()).map_err(|e| format!("{url:?} is not an address ({e})"))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some() => Ok(parsed),
        "http" | "https" => Err(format!("{url:?} names no host")),
        other => Err(format!("{other}: is not http or https")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(name: &str, url: &str) -> Subscription {
        Subscription {
            name: name.into(),
            url: url.into(),
            full_text: false,
            html_url: None,
        }
    }

    #[test]
    fn edits_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        Subscriptions::edit(&path, |s| {
            s.feeds.push(sub("Desk \"A\"", "https://a.example/feed"));
            s.feeds.push(Subscription {
                full_text: true,
                ..sub("Città", "http://b.example/rss")
            });
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# briefdeck subscriptions"), "{text}");
        let back = Subscriptions::load(&path).unwrap();
        assert_eq!(back.feeds.len(), 2);
        assert_eq!(back.feeds[0].name, "Desk \"A\"");
        assert!(back.feeds[1].full_text && !back.feeds[0].full_text);
        assert_eq!(back.find("città"), Some(1));
        assert_eq!(back.find("https://a.example/feed"), Some(0));
        assert_eq!(back.find("nope"), None);
    }

    #[test]
    fn a_missing_file_is_no_feeds_and_bad_ones_name_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        assert!(Subscriptions::load(&path).unwrap().feeds.is_empty());
        std::fs::write(&path, "[[feed]]\nname = \"x\"\nurl = \"ftp://x/\"\n").unwrap();
        let e = Subscriptions::load(&path).unwrap_err().to_string();
        assert!(e.contains("feeds.toml") && e.contains("ftp"), "{e}");
        std::fs::write(
            &path,
            "[[feed]]\nname = \"x\"\nurl = \"http://a/\"\n[[feed]]\nname = \"X\"\nurl = \"http://b/\"\n",
        )
        .unwrap();
        let e = Subscriptions::load(&path).unwrap_err().to_string();
        assert!(e.contains("same name"), "{e}");
        std::fs::write(&path, "[[feed]]\nname = 3\n").unwrap();
        assert!(Subscriptions::load(&path).is_err());
    }

    #[test]
    fn names_are_made_unique() {
        let s = Subscriptions {
            path: PathBuf::new(),
            feeds: vec![sub("Desk", "http://a/"), sub("Desk (2)", "http://b/")],
        };
        assert_eq!(s.unique_name("Desk"), "Desk (3)");
        assert_eq!(s.unique_name("desk"), "desk (3)");
        assert_eq!(s.unique_name("Other\u{1b}[31m"), "Other");
        assert_eq!(s.unique_name("  "), "feed");
    }

    #[test]
    fn only_http_and_https_are_addresses() {
        assert!(check_url("https://a.example/x").is_ok());
        assert!(check_url("HTTP://a.example/x").is_ok());
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("not a url").is_err());
    }
}
