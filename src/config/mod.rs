//! The user's settings file (`$XDG_CONFIG_HOME/briefdeck/config.toml`): corpus paths, theme
//! lexicons, mouse, reader width, colours and key bindings.
//!
//! Plain data in and out: [`parse`] takes the file's text and name, so every rule (defaults,
//! path resolution, the file:line:column of a mistake) is testable with strings. The dashboard
//! turns the result into a keymap and styles; [`write`] prints it back as a commented file.

pub mod colors;
pub mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use colors::{Ansi, ColorValue, Role, ThemeName};
pub use write::write;

use crate::keys::{Action, KeySpec, KeysConfig};

/// Everything the file can set, with the defaults filled in and paths made absolute.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `[corpus]`.
    pub corpus: CorpusConfig,
    /// `[ui]`.
    pub ui: UiConfig,
    /// `[colors]`.
    pub colors: ColorsConfig,
    /// `[keys.*]`.
    pub keys: KeysConfig,
}

/// What to load when the command line names nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusConfig {
    /// Files or folders opened when no PATH is given; empty means the bundled seeds.
    pub paths: Vec<PathBuf>,
    /// Theme lexicon files merged in order, before any `--themes` file.
    pub themes: Vec<PathBuf>,
}

/// How the dashboard behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiConfig {
    /// Capture the mouse (wheel, clicks). Off leaves it to the terminal, for selecting text.
    pub mouse: bool,
    /// Widest the reader's text (and the pager's, `o`) gets, in columns, so long lines stay
    /// readable on wide terminals; 0 means the pane's width.
    pub wrap_width: u16,
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig {
            mouse: true,
            wrap_width: 0,
        }
    }
}

/// The colour scheme: a built-in theme and the roles set by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColorsConfig {
    /// The built-in theme the roles start from.
    pub theme: ThemeName,
    /// Roles whose colour the user chose.
    pub roles: BTreeMap<Role, ColorValue>,
}

impl ColorsConfig {
    /// The colour `role` ends up with.
    pub fn color(&self, role: Role) -> ColorValue {
        self.roles
            .get(&role)
            .copied()
            .unwrap_or_else(|| role.default_in(self.theme))
    }
}

impl Config {
    /// What to load: the command line's paths, else the config's, else nothing (the seeds).
    pub fn corpus_paths(&self, cli: &[PathBuf]) -> Vec<PathBuf> {
        if cli.is_empty() {
            self.corpus.paths.clone()
        } else {
            cli.to_vec()
        }
    }

    /// Theme lexicon files in merge order: the config's, then `--themes`, which so wins.
    pub fn theme_files(&self, cli: Option<&Path>) -> Vec<PathBuf> {
        let mut files = self.corpus.themes.clone();
        files.extend(cli.map(Path::to_path_buf));
        files
    }
}

/// A config file that cannot be used, with where in it the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, as shown to the user.
    pub file: String,
    /// 1-based line and column, when the problem is at a place in the file.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The file as written; every section optional, every unknown key an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default, deserialize_with = "table")]
    corpus: RawCorpus,
    #[serde(default, deserialize_with = "table")]
    ui: RawUi,
    #[serde(default, deserialize_with = "table")]
    colors: colors::RawColors,
    #[serde(default, deserialize_with = "table")]
    keys: RawKeys,
}

/// A section, only as a table: serde would also read a struct from an array
/// (`ui = [false, 80]` as mouse and width), which no one writing TOML means.
fn table<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Table<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Table<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a table")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(Table(std::marker::PhantomData))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawCorpus {
    #[serde(default)]
    paths: Vec<toml::Spanned<String>>,
    #[serde(default)]
    themes: Vec<toml::Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawUi {
    mouse: Option<bool>,
    wrap_width: Option<u16>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawKeys {
    #[serde(default, deserialize_with = "table")]
    panes: BTreeMap<KeySpec, Bound>,
    #[serde(default, deserialize_with = "table")]
    reader: BTreeMap<KeySpec, Bound>,
    #[serde(default, deserialize_with = "table")]
    filter: BTreeMap<KeySpec, Bound>,
    #[serde(default, deserialize_with = "table")]
    popups: BTreeMap<KeySpec, Bound>,
}

/// An action name, or `none` to unbind the key.
#[derive(Debug, Clone, Copy)]
struct Bound(Option<Action>);

impl<'de> Deserialize<'de> for Bound {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "none" {
            return Ok(Bound(None));
        }
        Action::from_name(&s)
            .map(|a| Bound(Some(a)))
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown action `{}` (the help, `?`, shows each key's action name; \
                 \"none\" unbinds the key)",
                    s.escape_debug()
                ))
            })
    }
}

/// Where the file names a path (`[corpus] paths` or `themes`), so that a path that does not
/// exist can be reported at its line, like any other bad value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathOrigin {
    /// The path as resolved.
    pub path: PathBuf,
    /// `paths` or `themes`.
    pub key: &'static str,
    /// 1-based line and column of the entry.
    pub at: (usize, usize),
}

/// Reads a config file's text; `file` names it in errors and anchors its relative paths.
pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    parse_with_origins(text, file).map(|(config, _)| config)
}

/// [`parse`], also saying where each corpus path and theme file was written.
fn parse_with_origins(text: &str, file: &Path) -> Result<(Config, Vec<PathOrigin>), ConfigError> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| located(text, file, &e))?;
    let base = file.parent().unwrap_or(Path::new(""));
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let resolve = |p: &toml::Spanned<String>| resolve_path(p.get_ref(), base, home.as_deref());
    let scope = |m: BTreeMap<KeySpec, Bound>| m.into_iter().map(|(k, b)| (k, b.0)).collect();
    let mut origins = Vec::new();
    for (key, list) in [("paths", &raw.corpus.paths), ("themes", &raw.corpus.themes)] {
        for p in list {
            origins.push(PathOrigin {
                path: resolve(p),
                key,
                at: line_col(text, p.span().start),
            });
        }
    }
    let config = Config {
        corpus: CorpusConfig {
            paths: raw.corpus.paths.iter().map(resolve).collect(),
            themes: raw.corpus.themes.iter().map(resolve).collect(),
        },
        ui: UiConfig {
            mouse: raw.ui.mouse.unwrap_or(true),
            wrap_width: raw.ui.wrap_width.unwrap_or(0),
        },
        colors: ColorsConfig {
            theme: raw.colors.theme.unwrap_or_default(),
            roles: raw.colors.roles().into_iter().collect(),
        },
        keys: KeysConfig {
            panes: scope(raw.keys.panes),
            reader: scope(raw.keys.reader),
            filter: scope(raw.keys.filter),
            popups: scope(raw.keys.popups),
        },
    };
    Ok((config, origins))
}

/// 1-based line and column (in chars) of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

/// `~` is the home folder; a relative path is relative to the config file's folder, so the
/// file means the same whatever folder briefdeck is started from.
fn resolve_path(p: &str, base: &Path, home: Option<&Path>) -> PathBuf {
    let expanded = match (p.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(&rest[1..]),
        _ => PathBuf::from(p),
    };
    if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    }
}

/// Turns toml's error into "file:line:col: what, which key, in which table".
fn located(text: &str, file: &Path, e: &toml::de::Error) -> ConfigError {
    let file_name = crate::ingest::display(file);
    // serde says "map" for the [keys.*] tables; the file's language is TOML's.
    let message = e
        .message()
        .trim_end()
        .replace("expected a map", "expected a table");
    let Some(span) = e.span() else {
        return ConfigError {
            file: file_name,
            at: None,
            message,
        };
    };
    let start = span.start.min(text.len());
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..start].chars().count() + 1;
    let line_text = &text[line_start..];
    let table = if line_text.trim_start().starts_with('[') {
        // The error is in a header (`[keys.everywhere]`): the table is the part before it.
        let head = &text[line_start..start];
        let head = head.trim().trim_start_matches('[').trim_end_matches('.');
        (!head.is_empty()).then(|| head.replace(' ', ""))
    } else {
        table_at(text, line_start)
    };
    let place = match &table {
        Some(t) => format!("in [{t}]"),
        None => "at the top level".to_string(),
    };
    let after = text[span.end.min(text.len())..].trim_start();
    let on_key = after.starts_with('=') || after.starts_with('.');
    let spanned = text[start..span.end.min(text.len())]
        .trim()
        .trim_matches('"');
    let message = if let Some(rest) = message.strip_prefix("unknown field ") {
        // "unknown field `x`, expected one of `a`, `b`" → "unknown key `x` in [t] (expected ...)"
        let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        let expected = if expected.is_empty() {
            String::new()
        } else {
            format!(" ({expected})")
        };
        format!("unknown key {name} {place}{expected}")
    } else if on_key && !spanned.is_empty() {
        // A key that is not a key name ([keys.*] tables): name the table before the hint.
        match message.split_once(" (") {
            Some((head, hint)) => format!("{head} {place} ({hint}"),
            None => format!("{message} {place}"),
        }
    } else {
        match key_of_value(text, line_start) {
            Some(key) => format!("bad value for `{key}` {place}: {message}"),
            // A syntax error: no key to name.
            None => message,
        }
    };
    ConfigError {
        file: file_name,
        at: Some((line, col)),
        message,
    }
}

/// The `[table]` header in force at byte `pos` of `text`, if any.
fn table_at(text: &str, pos: usize) -> Option<String> {
    text[..pos].lines().rev().find_map(|l| {
        let l = l.trim();
        let inner = l.strip_prefix('[')?.trim_start_matches('[');
        let end = inner.find(']')?;
        let name = inner[..end].trim();
        (!name.is_empty()).then(|| name.replace(' ', ""))
    })
}

/// The key whose value starts on the line at `line_start` (or, inside a multi-line array, the
/// nearest line above that has one).
fn key_of_value(text: &str, line_start: usize) -> Option<String> {
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let upto = &text[..line_end];
    for l in upto.lines().rev() {
        let t = l.trim();
        if t.starts_with('[') && t.ends_with(']') {
            return None;
        }
        if let Some((k, _)) = t.split_once('=')
            && !k.trim().is_empty()
        {
            return Some(k.trim().trim_matches('"').trim_matches('\'').to_string());
        }
    }
    None
}

/// Where the config file is looked for when `--config` is not given: under `$XDG_CONFIG_HOME`
/// when set to an absolute path, else `~/.config`.
pub fn default_path() -> Option<PathBuf> {
    default_path_from(
        std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

/// [`default_path`] with the environment passed in, for tests.
pub fn default_path_from(xdg: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    let dir = match xdg {
        Some(x) if x.is_absolute() => x,
        _ => home?.join(".config"),
    };
    Some(dir.join("briefdeck").join("config.toml"))
}

/// The settings in force and the file they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The settings.
    pub config: Config,
    /// The file read, absolute; `None` when there was none and the defaults apply.
    pub path: Option<PathBuf>,
    /// Where the file names each corpus path and theme file.
    pub origins: Vec<PathOrigin>,
}

impl Loaded {
    /// Checks that the paths the file names exist: its theme files always, its corpus paths
    /// when they are used (the command line named none). A missing one is a bad value of the
    /// file, reported at its line rather than as a path from nowhere.
    pub fn check_paths(&self, corpus_paths_used: bool) -> Result<(), ConfigError> {
        let Some(file) = &self.path else {
            return Ok(());
        };
        for o in &self.origins {
            if (o.key == "paths" && !corpus_paths_used)
                || std::fs::symlink_metadata(&o.path).is_ok()
            {
                continue;
            }
            return Err(ConfigError {
                file: crate::ingest::display(file),
                at: Some(o.at),
                message: format!(
                    "bad value in [corpus] {}: {}: no such file or directory",
                    o.key,
                    crate::ingest::display(&o.path)
                ),
            });
        }
        Ok(())
    }
}

/// The settings to run with: `explicit` (`--config`) must exist; the default file may not, and
/// then the defaults apply.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
    let (path, required) = match explicit {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Loaded::default()),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok(Loaded::default());
        }
        Err(e) => {
            return Err(ConfigError {
                file: crate::ingest::display(&path),
                at: None,
                message: match e.kind() {
                    std::io::ErrorKind::NotFound => "no such config file".into(),
                    std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
                    _ => e.to_string(),
                },
            });
        }
    };
    // Relative paths in the file are anchored to its folder, so it needs an absolute name.
    let absolute = std::path::absolute(&path).unwrap_or(path);
    parse_with_origins(&text, &absolute).map(|(config, origins)| Loaded {
        config,
        path: Some(absolute),
        origins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_then_home() {
        assert_eq!(
            default_path_from(Some("/x".into()), Some("/h".into())),
            Some(PathBuf::from("/x/briefdeck/config.toml"))
        );
        assert_eq!(
            default_path_from(Some("rel".into()), Some("/h".into())),
            Some(PathBuf::from("/h/.config/briefdeck/config.toml"))
        );
        assert_eq!(default_path_from(None, None), None);
    }

    #[test]
    fn paths_resolve_against_the_file_and_home() {
        let base = Path::new("/etc/bd");
        let home = Some(Path::new("/home/u"));
        assert_eq!(resolve_path("b", base, home), PathBuf::from("/etc/bd/b"));
        assert_eq!(resolve_path("/abs", base, home), PathBuf::from("/abs"));
        assert_eq!(resolve_path("~/n", base, home), PathBuf::from("/home/u/n"));
        assert_eq!(resolve_path("~", base, home), PathBuf::from("/home/u"));
        assert_eq!(resolve_path("~x", base, home), PathBuf::from("/etc/bd/~x"));
    }

    #[test]
    fn table_headers() {
        let t = "a = 1\n[ui]\nx = 1\n[keys.panes]\n\"q\" = \"quit\"\n";
        assert_eq!(table_at(t, 0), None);
        assert_eq!(table_at(t, t.find("x =").unwrap()), Some("ui".into()));
        assert_eq!(
            table_at(t, t.find("\"q\"").unwrap()),
            Some("keys.panes".into())
        );
    }
}
