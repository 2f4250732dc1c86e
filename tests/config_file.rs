//! The config file: defaults, overrides, errors that point at the file, line and key, the
//! `briefdeck config` output reading back as the same settings, and the binary's exit codes.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::Output;

use briefdeck::config::{self, ColorValue, Config, Role, ThemeName, parse};
use briefdeck::keys::{Action, KeyMod, KeyName, KeySpec, default_bindings};

const FILE: &str = "/home/u/.config/briefdeck/config.toml";

fn ok(text: &str) -> Config {
    parse(text, Path::new(FILE)).unwrap_or_else(|e| panic!("{e}"))
}

fn err(text: &str) -> String {
    parse(text, Path::new(FILE))
        .expect_err("should be refused")
        .to_string()
}

#[test]
fn an_empty_file_is_the_defaults() {
    let c = ok("");
    assert_eq!(c, Config::default());
    assert!(c.ui.mouse);
    assert_eq!(c.ui.wrap_width, 0);
    assert_eq!(c.colors.theme, ThemeName::Dark);
    assert!(c.corpus.paths.is_empty() && c.corpus.themes.is_empty());
    assert!(c.keys.panes.is_empty());
    assert_eq!(
        c.colors.color(Role::Accent),
        Role::Accent.default_in(ThemeName::Dark)
    );
}

#[test]
fn every_section_overrides() {
    let c = ok(r##"
[corpus]
paths = ["briefings", "/srv/news", "~/notes"]
themes = ["lexicon.json"]

[ui]
mouse = false
wrap_width = 88

[colors]
theme = "light"
accent = "yellow"
chip = 214
match = "#ffaa00"

[keys.panes]
"ctrl-n" = "down"
"x" = "none"
"alt-left" = "back"

[keys.popups]
"space" = "close_overlay"
"##);
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap();
    assert_eq!(
        c.corpus.paths,
        vec![
            PathBuf::from("/home/u/.config/briefdeck/briefings"),
            PathBuf::from("/srv/news"),
            home.join("notes"),
        ]
    );
    assert_eq!(
        c.corpus.themes,
        vec![PathBuf::from("/home/u/.config/briefdeck/lexicon.json")]
    );
    assert!(!c.ui.mouse);
    assert_eq!(c.ui.wrap_width, 88);
    assert_eq!(c.colors.theme, ThemeName::Light);
    assert_eq!(
        c.colors.color(Role::Accent),
        ColorValue::Named(config::Ansi::Yellow)
    );
    assert_eq!(c.colors.color(Role::Chip), ColorValue::Indexed(214));
    assert_eq!(c.colors.color(Role::Match), ColorValue::Rgb(0xff, 0xaa, 0));
    assert_eq!(
        c.colors.color(Role::Title),
        Role::Title.default_in(ThemeName::Light)
    );
    let ctrl_n = KeySpec {
        modifier: KeyMod::Ctrl,
        key: KeyName::Char('n'),
    };
    assert_eq!(c.keys.panes.get(&ctrl_n), Some(&Some(Action::Down)));
    assert_eq!(
        c.keys.panes.get(&KeySpec::plain(KeyName::Char('x'))),
        Some(&None)
    );
    assert_eq!(
        c.keys.popups.get(&KeySpec::plain(KeyName::Char(' '))),
        Some(&Some(Action::CloseOverlay))
    );
}

#[test]
fn command_line_wins_over_config_paths_and_themes_come_last() {
    let c = ok("[corpus]\npaths = [\"a\"]\nthemes = [\"t1.json\", \"t2.json\"]\n");
    assert_eq!(
        c.corpus_paths(&[]),
        vec![PathBuf::from("/home/u/.config/briefdeck/a")]
    );
    assert_eq!(
        c.corpus_paths(&[PathBuf::from("cli")]),
        vec![PathBuf::from("cli")]
    );
    let files = c.theme_files(Some(Path::new("cli.json")));
    assert_eq!(files.len(), 3);
    assert_eq!(files[2], PathBuf::from("cli.json"));
}

#[test]
fn unknown_key_names_file_line_table_and_the_choices() {
    let e = err("[ui]\nmouse = true\n\ncolour = 1\n");
    assert!(
        e.starts_with(&format!("{FILE}:4:1: unknown key `colour` in [ui]")),
        "{e}"
    );
    assert!(e.contains("mouse") && e.contains("wrap_width"), "{e}");
    let e = err("theme = \"dark\"\n");
    assert!(
        e.starts_with(&format!("{FILE}:1:1: unknown key `theme` at the top level")),
        "{e}"
    );
    let e = err("[colors]\ncolour = \"red\"\n");
    assert!(
        e.starts_with(&format!("{FILE}:2:1: unknown key `colour` in [colors]")),
        "{e}"
    );
    let e = err("[keys.everywhere]\n\"q\" = \"quit\"\n");
    assert!(
        e.contains(":1:7: unknown key `everywhere` in [keys]"),
        "{e}"
    );
}

#[test]
fn bad_values_name_the_key() {
    let e = err("[ui]\nmouse = \"yes\"\n");
    assert!(
        e.starts_with(&format!("{FILE}:2:9: bad value for `mouse` in [ui]")),
        "{e}"
    );
    let e = err("[ui]\nwrap_width = -3\n");
    assert!(
        e.contains(":2:14: bad value for `wrap_width` in [ui]"),
        "{e}"
    );
    let e = err("\n[colors]\naccent = \"purple\"\n");
    assert!(
        e.contains(":3:10: bad value for `accent` in [colors]: unknown colour `purple`"),
        "{e}"
    );
    let e = err("[colors]\ntheme = \"solarized\"\n");
    assert!(e.contains(":2:9: bad value for `theme` in [colors]"), "{e}");
    let e = err("[colors]\nchip = 300\n");
    assert!(
        e.contains(":2:8: bad value for `chip`") && e.contains("0-255"),
        "{e}"
    );
}

#[test]
fn a_table_given_a_value_says_a_table_is_expected() {
    for (text, key) in [
        ("ui = 3\n", "ui"),
        ("corpus = \"x\"\n", "corpus"),
        ("colors = 1\n", "colors"),
        ("keys = 2\n", "keys"),
        ("[keys]\npanes = 1\n", "panes"),
        // An array is not a table either, though serde would read a struct from one.
        ("ui = [false, 80]\n", "ui"),
        ("keys = []\n", "keys"),
        ("[keys]\nreader = [\"x\"]\n", "reader"),
    ] {
        let e = err(text);
        assert!(e.contains(&format!("bad value for `{key}`")), "{e}");
        assert!(e.ends_with("expected a table"), "{e}");
        assert!(!e.contains("Raw"), "{e}");
    }
}

#[test]
fn unknown_actions_and_key_names_are_pointed_at() {
    let e = err("[keys.panes]\n\"j\" = \"down\"\n\"x\" = \"jump\"\n");
    assert!(
        e.starts_with(&format!(
            "{FILE}:3:7: bad value for `x` in [keys.panes]: unknown action `jump`"
        )),
        "{e}"
    );
    let e = err("[keys.reader]\n\"ctrl-foo\" = \"down\"\n");
    assert!(
        e.starts_with(&format!(
            "{FILE}:2:1: unknown key name `ctrl-foo` in [keys.reader]"
        )),
        "{e}"
    );
    // Actions that need data a key cannot give are not bindable.
    let e = err("[keys.filter]\n\"x\" = \"filter_insert\"\n");
    assert!(e.contains("unknown action `filter_insert`"), "{e}");
}

#[test]
fn syntax_errors_have_a_place_too() {
    let e = err("[ui\nmouse = true\n");
    assert!(e.starts_with(&format!("{FILE}:1:")), "{e}");
}

fn written(c: &Config) -> String {
    config::write(c, &default_bindings(), Some(Path::new(FILE)))
}

#[test]
fn written_defaults_read_back_the_same_and_list_every_default() {
    let text = written(&Config::default());
    assert_eq!(ok(&text), Config::default());
    for key in ["paths", "themes", "mouse", "wrap_width", "theme"] {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{key} = "))),
            "{key} not written:\n{text}"
        );
    }
    for &role in Role::ALL {
        let line = format!(
            "# {} = {}",
            role.name(),
            role.default_in(ThemeName::Dark).to_toml()
        );
        assert!(text.contains(&line), "{line} missing");
    }
    for d in default_bindings() {
        let line = format!("# \"{}\" = \"{}\"", d.key, d.action.name().unwrap());
        assert!(text.contains(&line), "{line} missing");
    }
    for table in [
        "[corpus]",
        "[ui]",
        "[colors]",
        "[keys.panes]",
        "[keys.reader]",
        "[keys.filter]",
        "[keys.popups]",
    ] {
        assert!(text.contains(table), "{table} missing");
    }
}

#[test]
fn written_overrides_read_back_the_same() {
    let c = ok(r##"
[corpus]
paths = ["/srv/a \"quoted\"", "rel\\dir"]
[ui]
mouse = false
wrap_width = 72
[colors]
theme = "light"
accent = "#102030"
chip = 99
[keys.panes]
"ctrl-n" = "down"
"j" = "none"
"?" = "toggle_help"
"\\" = "filter_start"
[keys.filter]
"ctrl-k" = "filter_clear_input"
"##);
    let text = written(&c);
    assert_eq!(ok(&text), c, "{text}");
    // The unbound default no longer appears as a commented default in its table.
    let panes =
        &text[text.find("\n[keys.panes]\n").unwrap()..text.find("\n[keys.reader]\n").unwrap()];
    assert!(!panes.contains("# \"j\" = \"down\""), "{panes}");
    assert!(panes.contains("\"j\" = \"none\""));
}

// The binary in a fresh XDG environment, with XDG_CONFIG_HOME pointed at the test's temporary
// folder so no real config is read.

fn run_in(xdg: &Path, args: &[&str]) -> Output {
    cli::Home::new()
        .command(args)
        .env("XDG_CONFIG_HOME", xdg)
        .output()
        .expect("binary runs")
}

#[test]
fn explicit_config_with_a_bad_value_exits_2_with_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[ui]\nmouse = true\nwrap_width = \"wide\"\n").unwrap();
    let out = run_in(dir.path(), &["--config", file.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "briefdeck: {}:3:14: bad value for `wrap_width` in [ui]",
            file.display()
        )),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // After the subcommand too (the flag is global), and for the dashboard.
    let out = run_in(dir.path(), &["list", "--config", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_in(dir.path(), &["--config", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_explicit_file_is_an_error_and_a_missing_default_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let out = run_in(dir.path(), &["--config", missing.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such config file"));
    // Dashboard options before a subcommand are refused rather than ignored.
    let out = run_in(dir.path(), &["--themes", "x.json", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_in(dir.path(), &["list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn config_command_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("briefdeck");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("config.toml"),
        "[ui]\nwrap_width = 80\n[keys.panes]\n\"ctrl-n\" = \"down\"\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["config"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("wrap_width = 80"));
    assert!(text.contains("\"ctrl-n\" = \"down\""));
    // `briefdeck config > config.toml` then gives the same output again.
    let again = dir.path().join("again.toml");
    std::fs::write(&again, &text).unwrap();
    // `--config` also goes before the subcommand.
    let out = run_in(dir.path(), &["--config", again.to_str().unwrap(), "config"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let second = String::from_utf8(out.stdout).unwrap();
    let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&second), body(&text));
}

#[test]
fn config_paths_are_used_when_no_path_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("briefdeck");
    std::fs::create_dir_all(folder.join("docs")).unwrap();
    std::fs::write(
        folder.join("docs/one.md"),
        "# A config-chosen briefing\n\nItaly and Japan sign a pact.\n",
    )
    .unwrap();
    std::fs::write(folder.join("config.toml"), "[corpus]\npaths = [\"docs\"]\n").unwrap();
    let out = run_in(dir.path(), &["list", "--json", "--no-cache"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0]["title"], "A config-chosen briefing");
}

#[test]
fn a_missing_path_in_the_file_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("briefings");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Rome and Tokyo agree GCAP rules\n\nThe partners agreed export rules.\n",
    )
    .unwrap();
    let file = dir.path().join("config.toml");
    let config = file.to_str().unwrap();
    std::fs::write(&file, "[corpus]\npaths = [\"briefings\",\n  \"gone\"]\n").unwrap();
    let out = run_in(dir.path(), &["--config", config, "list"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let gone = dir.path().join("gone");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "briefdeck: {config}:3:3: bad value in [corpus] paths: {}: no such file or directory",
            gone.display()
        )
    );
    // The config's paths are not used when the command line names some: no error then.
    let out = run_in(
        dir.path(),
        &["--config", config, "list", corpus.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Theme files are always used.
    std::fs::write(&file, "[corpus]\nthemes = [\"extra.json\"]\n").unwrap();
    let out = run_in(
        dir.path(),
        &["--config", config, "list", corpus.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(":2:11: bad value in [corpus] themes: "),
        "{stderr}"
    );
}
