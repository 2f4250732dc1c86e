//! `briefdeck config`: the settings in force as a complete, commented config file. Scalar
//! settings are written as values; colours and keys that are still the defaults are written as
//! comments, so a file started from this output keeps following the theme and the built-in
//! keymap, and parsing it gives back the same [`Config`].

use std::fmt::Write as _;
use std::path::Path;

use super::{Config, Role};
use crate::keys::{Action, DefaultBinding};

/// A TOML basic string.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn path_list(paths: &[std::path::PathBuf]) -> String {
    let items: Vec<String> = paths.iter().map(|p| quote(&p.to_string_lossy())).collect();
    format!("[{}]", items.join(", "))
}

/// The config file for `config`; `defaults` is the built-in keymap, `source` the file read.
pub fn write(config: &Config, defaults: &[DefaultBinding], source: Option<&Path>) -> String {
    let mut o = String::new();
    let from = match source {
        Some(p) => format!("settings read from {}", crate::ingest::display(p)),
        None => "no config file was read: these are the defaults".to_string(),
    };
    let _ = writeln!(
        o,
        "# briefdeck configuration: {from}.\n\
         # Save as $XDG_CONFIG_HOME/briefdeck/config.toml (else ~/.config/briefdeck/config.toml),\n\
         # or pass another file with --config FILE. Lines starting with # are comments: the\n\
         # commented colours and keys are the defaults; remove the # to change one."
    );

    let _ = writeln!(o, "\n[corpus]");
    let _ = writeln!(
        o,
        "# Files or folders opened when no PATH is given on the command line; [] loads the\n\
         # bundled sample briefings. Relative paths are relative to this file's folder; ~ is home."
    );
    let _ = writeln!(o, "paths = {}", path_list(&config.corpus.paths));
    let _ = writeln!(
        o,
        "# JSON files of themes and entities, merged in order over the built-in lexicon\n\
         # (like --themes FILE, which is applied after these)."
    );
    let _ = writeln!(o, "themes = {}", path_list(&config.corpus.themes));

    let _ = writeln!(o, "\n[ui]");
    let _ = writeln!(
        o,
        "# Capture the mouse: the wheel scrolls, a click selects. false leaves the mouse to the\n\
         # terminal, so text can be selected and copied."
    );
    let _ = writeln!(o, "mouse = {}", config.ui.mouse);
    let _ = writeln!(
        o,
        "# Widest the reader's and the pager's lines get, in columns; 0 = as wide as the\n\
         # pane (the pager: the terminal, at most 100)."
    );
    let _ = writeln!(o, "wrap_width = {}", config.ui.wrap_width);

    let _ = writeln!(o, "\n[colors]");
    let _ = writeln!(
        o,
        "# Built-in colour scheme: \"dark\" or \"light\" (for light terminal backgrounds).\n\
         # NO_COLOR=1 in the environment turns every colour off.\n\
         # A role below takes a colour name (black red green yellow blue magenta cyan gray\n\
         # dark_gray light_red light_green light_yellow light_blue light_magenta light_cyan\n\
         # white, or default for the terminal's own), a 256-colour index (214) or \"#rrggbb\"\n\
         # (shown as the nearest of 256 colours unless COLORTERM is truecolor or 24bit)."
    );
    let _ = writeln!(o, "theme = {}", quote(config.colors.theme.name()));
    let width = Role::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0) + 16;
    for &role in Role::ALL {
        let (prefix, value) = match config.colors.roles.get(&role) {
            Some(c) => ("", *c),
            None => ("# ", role.default_in(config.colors.theme)),
        };
        let line = format!("{prefix}{} = {}", role.name(), value.to_toml());
        let _ = writeln!(o, "{line:<width$}  # {}", role.description());
    }

    let _ = writeln!(
        o,
        "\n# Keys: \"key\" = \"action\" binds a key (taking it from any other action in the same\n\
         # table); \"key\" = \"none\" unbinds it. Keys: q Q ? space enter esc tab shift-tab\n\
         # backspace delete insert home end pgup pgdn up down left right f1..f24 ctrl-x alt-x\n\
         # alt-left. The help (?) shows each key's action name. [keys.reader] keys apply when\n\
         # the reader has focus, on top of [keys.panes]."
    );
    for (scope, changes) in config.keys.scopes() {
        let _ = writeln!(o, "\n[keys.{scope}]");
        for d in defaults.iter().filter(|d| d.scope == scope) {
            if changes.contains_key(&d.key) {
                continue;
            }
            let name = d.action.name().unwrap_or("none");
            let line = format!("# {} = {}", quote(&d.key.to_string()), quote(name));
            let _ = writeln!(o, "{line:<32}  # {}", d.help);
        }
        for (key, action) in changes {
            let name = action.and_then(Action::name).unwrap_or("none");
            let _ = writeln!(o, "{} = {}", quote(&key.to_string()), quote(name));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("\u{1b}"), r#""\u001B""#);
    }
}
