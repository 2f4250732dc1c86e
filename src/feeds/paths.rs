//! Where subscriptions and fetched entries live: the XDG folders, as other terminal readers
//! keep them (config is what the user edits, data is what briefdeck fetched).

use std::path::{Path, PathBuf};

/// Where this run keeps subscriptions and fetched entries.
#[derive(Debug, Clone)]
pub struct Places {
    pub subscriptions: PathBuf,
    pub store: super::Store,
}

impl Places {
    /// The subscriptions file beside the config file in use (`config_file`, else the default
    /// one), the store under the XDG data folder.
    pub fn of(config_file: Option<&Path>) -> Result<Places, String> {
        let subscriptions =
            subscriptions_path(config_file).ok_or("no home folder: set XDG_CONFIG_HOME or HOME")?;
        let store = store_root().ok_or("no home folder: set XDG_DATA_HOME or HOME")?;
        Ok(Places {
            subscriptions,
            store: super::Store::new(store),
        })
    }
}

/// The subscriptions file: `feeds.toml` beside the config file in use (the one `--config`
/// names, else `$XDG_CONFIG_HOME/briefdeck/config.toml`).
pub fn subscriptions_path(config_file: Option<&Path>) -> Option<PathBuf> {
    let config = match config_file {
        Some(p) => p.to_path_buf(),
        None => crate::config::default_path()?,
    };
    Some(config.with_file_name("feeds.toml"))
}

/// The store of fetched entries: `$XDG_DATA_HOME/briefdeck/feeds` when that is an absolute
/// path, else `~/.local/share/briefdeck/feeds`.
pub fn store_root() -> Option<PathBuf> {
    store_root_from(
        std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

fn store_root_from(xdg: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    let base = match xdg.filter(|p| p.is_absolute()) {
        Some(x) => x,
        None => home
            .filter(|h| h.is_absolute())?
            .join(".local")
            .join("share"),
    };
    Some(base.join("briefdeck").join("feeds"))
}

/// A feed's folder name: its subscription name with what a file name cannot hold (`/`, NUL,
/// control characters, a leading dot that would hide it) replaced, at most 100 bytes.
pub fn folder_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let trimmed = out.trim().trim_start_matches('.').trim();
    out = trimmed.to_string();
    if out.len() > 100 {
        let mut end = 100;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
    }
    if out.is_empty() { "feed".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_follows_xdg_data_home_else_home() {
        assert_eq!(
            store_root_from(Some("/x".into()), Some("/h".into())),
            Some(PathBuf::from("/x/briefdeck/feeds"))
        );
        assert_eq!(
            store_root_from(Some("rel".into()), Some("/h".into())),
            Some(PathBuf::from("/h/.local/share/briefdeck/feeds"))
        );
        assert_eq!(store_root_from(None, None), None);
    }

    #[test]
    fn folder_names_are_safe_and_visible() {
        assert_eq!(folder_name("Foreign Affairs"), "Foreign Affairs");
        assert_eq!(folder_name("a/b\\c\u{1b}d"), "a-b-c-d");
        assert_eq!(folder_name("..hidden"), "hidden");
        assert_eq!(folder_name(" / "), "-");
        assert_eq!(folder_name(""), "feed");
        let long = "é".repeat(80);
        let f = folder_name(&long);
        assert!(f.len() <= 100 && f.chars().all(|c| c == 'é'));
    }
}
