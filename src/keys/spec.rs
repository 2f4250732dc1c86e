//! Key names as config files write them (`q`, `ctrl-n`, `alt-left`, `shift-tab`, `f5`), kept
//! free of any terminal library so the config can be parsed and checked without one; the
//! dashboard turns them into terminal key events.

use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyName {
    /// A character key; `Q` and `q` differ, as they do to the user.
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab: terminals send it as a key of its own.
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    /// A function key, F1 to F24.
    F(u8),
}

/// The modifier held with a key. Only one: terminals do not report most combinations reliably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyMod {
    /// No modifier (Shift is part of the character: `G`, `?`).
    None,
    /// Ctrl, which terminals only send with a character.
    Ctrl,
    /// Alt (or Meta).
    Alt,
}

/// A key as a config file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeySpec {
    /// The modifier.
    pub modifier: KeyMod,
    /// The key.
    pub key: KeyName,
}

/// Named keys and their spellings; the first spelling is the canonical one.
const NAMES: &[(&[&str], KeyName)] = &[
    (&["enter", "return"], KeyName::Enter),
    (&["esc", "escape"], KeyName::Esc),
    (&["tab"], KeyName::Tab),
    (&["shift-tab", "backtab"], KeyName::BackTab),
    (&["backspace", "bksp"], KeyName::Backspace),
    (&["delete", "del"], KeyName::Delete),
    (&["insert", "ins"], KeyName::Insert),
    (&["home"], KeyName::Home),
    (&["end"], KeyName::End),
    (&["pgup", "pageup", "page-up"], KeyName::PageUp),
    (
        &["pgdn", "pagedown", "page-down", "pgdown"],
        KeyName::PageDown,
    ),
    (&["up"], KeyName::Up),
    (&["down"], KeyName::Down),
    (&["left"], KeyName::Left),
    (&["right"], KeyName::Right),
    (&["space"], KeyName::Char(' ')),
];

/// What the error messages suggest, so a user sees the syntax without opening the README.
pub const SYNTAX_HINT: &str = "keys are written like q, Q, ?, space, enter, esc, tab, shift-tab, \
backspace, delete, home, end, pgup, pgdn, up, down, left, right, f1..f24, ctrl-x, alt-x, alt-left";

fn named(s: &str) -> Option<KeyName> {
    if let Some(n) = s.strip_prefix('f')
        && let Ok(n) = n.parse::<u8>()
        && (1..=24).contains(&n)
    {
        return Some(KeyName::F(n));
    }
    NAMES
        .iter()
        .find(|(spellings, _)| spellings.contains(&s))
        .map(|(_, k)| *k)
}

fn one_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && !c.is_whitespace() => Some(c),
        _ => None,
    }
}

impl KeySpec {
    /// A key with no modifier.
    pub const fn plain(key: KeyName) -> KeySpec {
        KeySpec {
            modifier: KeyMod::None,
            key,
        }
    }

    /// Reads a key name; the error says what is wrong with it.
    pub fn parse(s: &str) -> Result<KeySpec, String> {
        let bad = || format!("unknown key name `{}` ({SYNTAX_HINT})", s.escape_debug());
        // A single character is itself, whatever it is (`-`, `Q`, `?`).
        if let Some(c) = one_char(s) {
            return Ok(KeySpec::plain(KeyName::Char(c)));
        }
        let lower = s.to_lowercase();
        if let Some(key) = named(&lower) {
            return Ok(KeySpec::plain(key));
        }
        let (modifier, rest) = if let Some(rest) = lower.strip_prefix("ctrl-") {
            (KeyMod::Ctrl, rest)
        } else if let Some(rest) = lower.strip_prefix("alt-") {
            (KeyMod::Alt, rest)
        } else if let Some(rest) = s.strip_prefix("shift-").or(s.strip_prefix("Shift-")) {
            // Shift with a letter is the capital letter, which is what terminals send.
            return match one_char(rest) {
                Some(c) if c.is_alphabetic() => {
                    let mut upper = c.to_uppercase();
                    match (upper.next(), upper.next()) {
                        (Some(u), None) => Ok(KeySpec::plain(KeyName::Char(u))),
                        _ => Err(bad()),
                    }
                }
                _ => Err(bad()),
            };
        } else {
            return Err(bad());
        };
        // Keep the character's case for Alt (`alt-X` differs from `alt-x`); Ctrl has no case.
        let original_rest = &s[s.len() - rest.len()..];
        let key = match one_char(original_rest) {
            Some(c) if modifier == KeyMod::Ctrl => KeyName::Char(c.to_ascii_lowercase()),
            Some(c) => KeyName::Char(c),
            None => named(rest).ok_or_else(bad)?,
        };
        if modifier == KeyMod::Ctrl && !matches!(key, KeyName::Char(c) if c != ' ') {
            return Err(format!(
                "`{}`: ctrl- goes only with a character key (ctrl-n, ctrl-]), as terminals send no other",
                s.escape_debug()
            ));
        }
        Ok(KeySpec { modifier, key })
    }
}

impl fmt::Display for KeySpec {
    /// The canonical spelling, which [`KeySpec::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.modifier {
            KeyMod::None => {}
            KeyMod::Ctrl => f.write_str("ctrl-")?,
            KeyMod::Alt => f.write_str("alt-")?,
        }
        match self.key {
            KeyName::Char(' ') => f.write_str("space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "f{n}"),
            k => {
                let name = NAMES
                    .iter()
                    .find(|(_, key)| *key == k)
                    .map_or("?", |(s, _)| s[0]);
                f.write_str(name)
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for KeySpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KeySpec::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> KeySpec {
        KeySpec::parse(s).unwrap()
    }

    #[test]
    fn spellings() {
        assert_eq!(k("q"), KeySpec::plain(KeyName::Char('q')));
        assert_eq!(k("Q"), KeySpec::plain(KeyName::Char('Q')));
        assert_eq!(k("shift-q"), KeySpec::plain(KeyName::Char('Q')));
        assert_eq!(k("-"), KeySpec::plain(KeyName::Char('-')));
        assert_eq!(k("space"), KeySpec::plain(KeyName::Char(' ')));
        assert_eq!(k("Enter"), KeySpec::plain(KeyName::Enter));
        assert_eq!(k("shift-tab"), KeySpec::plain(KeyName::BackTab));
        assert_eq!(k("pgdn"), KeySpec::plain(KeyName::PageDown));
        assert_eq!(k("PageDown"), KeySpec::plain(KeyName::PageDown));
        assert_eq!(k("f5"), KeySpec::plain(KeyName::F(5)));
        assert_eq!(
            k("ctrl-N"),
            KeySpec {
                modifier: KeyMod::Ctrl,
                key: KeyName::Char('n')
            }
        );
        assert_eq!(
            k("alt-left"),
            KeySpec {
                modifier: KeyMod::Alt,
                key: KeyName::Left
            }
        );
        assert_eq!(
            k("alt-X"),
            KeySpec {
                modifier: KeyMod::Alt,
                key: KeyName::Char('X')
            }
        );
    }

    #[test]
    fn bad_names_say_why() {
        for s in [
            "",
            "ctrl-",
            "hyper-x",
            "f0",
            "f25",
            "ctrl-left",
            "ctrl-space",
            "qq",
            "\u{7}",
        ] {
            assert!(KeySpec::parse(s).is_err(), "{s:?} accepted");
        }
        assert!(
            KeySpec::parse("flip")
                .unwrap_err()
                .contains("unknown key name `flip`")
        );
        assert!(KeySpec::parse("ctrl-up").unwrap_err().contains("character"));
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "q",
            "Q",
            "?",
            "space",
            "enter",
            "esc",
            "tab",
            "shift-tab",
            "backspace",
            "delete",
            "insert",
            "home",
            "end",
            "pgup",
            "pgdn",
            "up",
            "down",
            "left",
            "right",
            "f12",
            "ctrl-c",
            "alt-left",
            "alt-x",
            "[",
        ] {
            assert_eq!(k(s).to_string(), s);
            assert_eq!(k(&k(s).to_string()), k(s));
        }
    }
}
