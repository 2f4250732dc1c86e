//! The keymap in force: the built-in table with a config file's changes applied, what a key
//! press means in each context, and the rows of the help. Terminal-free: the dashboard turns a
//! terminal's key event into a [`Pressed`] key and asks [`Keymap::action_for`].

use std::collections::BTreeMap;

use super::action::{Action, Pane};
use super::bindings::{BINDINGS, Key, SCOPES, Scope, key_label};
use super::spec::{KeyName, KeySpec};

/// The part of the state that decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyContext {
    /// A pop-up is open.
    pub overlay: bool,
    /// The filter bar has the keys.
    pub editing: bool,
    /// The pane with focus, for keys that only apply to one pane.
    pub focus: Pane,
}

/// A key as pressed: the key and whether Ctrl or Alt was held (Shift is part of the character,
/// as in `G` or `?`, or of Shift-Tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pressed {
    /// The key.
    pub key: KeyName,
    /// Ctrl was held.
    pub ctrl: bool,
    /// Alt was held.
    pub alt: bool,
}

/// Key binding changes per scope: a key mapped to an action (`Some`) or unbound (`None`); what
/// a config file's `[keys.*]` tables say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeysConfig {
    /// `[keys.panes]`: whenever no pop-up is open and the filter bar is not being typed in.
    pub panes: BTreeMap<KeySpec, Option<Action>>,
    /// `[keys.reader]`: when the reader has focus, before the panes' keys.
    pub reader: BTreeMap<KeySpec, Option<Action>>,
    /// `[keys.filter]`: while typing in the filter bar.
    pub filter: BTreeMap<KeySpec, Option<Action>>,
    /// `[keys.popups]`: while a pop-up is open.
    pub popups: BTreeMap<KeySpec, Option<Action>>,
}

impl KeysConfig {
    /// The scopes' table names with their changes, in file order.
    pub fn scopes(&self) -> [(&'static str, &BTreeMap<KeySpec, Option<Action>>); 4] {
        [
            ("panes", &self.panes),
            ("reader", &self.reader),
            ("filter", &self.filter),
            ("popups", &self.popups),
        ]
    }
}

/// The scopes that apply in `ctx`, most specific first.
fn scopes(ctx: KeyContext) -> &'static [Scope] {
    if ctx.overlay {
        &[Scope::Overlay]
    } else if ctx.editing {
        &[Scope::Filter]
    } else if ctx.focus == Pane::Reader {
        &[Scope::Reader, Scope::Panes]
    } else {
        &[Scope::Panes]
    }
}

fn key_matches(key: Key, pressed: Pressed) -> bool {
    let Pressed {
        key: name,
        ctrl,
        alt,
    } = pressed;
    match key {
        // Shift is part of the character ('G', '?') or of BackTab, so it is not checked.
        Key::Plain(k) => !ctrl && !alt && k == name,
        Key::Ctrl(c) => ctrl && !alt && name == KeyName::Char(c),
        Key::Alt(k) => alt && !ctrl && name == k,
        Key::AnyChar => !ctrl && !alt && matches!(name, KeyName::Char(c) if printable(c)),
    }
}

/// Characters that may go into the filter: not control characters, nor the invisible
/// formatting ones (zero-width, bidirectional overrides) that could garble the bar's display.
fn printable(c: char) -> bool {
    !c.is_control()
        && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// One row of a [`Keymap`]: like [`Binding`](super::bindings::Binding), with keys the config may have changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// When the row applies.
    pub scope: Scope,
    /// Any of these keys triggers it; empty once the config unbound them all.
    pub keys: Vec<Key>,
    /// What it does.
    pub action: Action,
    /// The help's description.
    pub help: &'static str,
}

/// The keymap in force: the built-in table with the config's changes applied. Drives
/// [`Keymap::action_for`] and the help alike, so a remapped key shows in the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    rows: Vec<Row>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            rows: BINDINGS
                .iter()
                .map(|b| Row {
                    scope: b.scope,
                    keys: b.keys.to_vec(),
                    action: b.action,
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The built-in keymap with `changes` applied, scope by scope: a key bound to an action is
    /// taken from whatever else it did in that scope, and an unbound key does nothing there.
    pub fn with_config(changes: &KeysConfig) -> Keymap {
        let mut map = Keymap::default();
        for scope in SCOPES {
            let table = match scope {
                Scope::Panes => &changes.panes,
                Scope::Reader => &changes.reader,
                Scope::Filter => &changes.filter,
                Scope::Overlay => &changes.popups,
            };
            for (spec, action) in table {
                map.bind(scope, Key::from_spec(*spec), *action);
            }
        }
        map
    }

    /// Binds `key` to `action` in `scope` (unbinds it for `None`).
    pub fn bind(&mut self, scope: Scope, key: Key, action: Option<Action>) {
        let target = action.and_then(|a| {
            self.rows
                .iter()
                .position(|r| r.scope == scope && r.action == a && !r.keys.contains(&Key::AnyChar))
        });
        for (i, row) in self.rows.iter_mut().enumerate() {
            if row.scope == scope && Some(i) != target {
                row.keys.retain(|&k| k != key);
            }
        }
        let Some(action) = action else {
            return;
        };
        match target {
            Some(i) if self.rows[i].keys.contains(&key) => {}
            Some(i) => self.rows[i].keys.push(key),
            None => {
                // A new row for the scope: after its other rows but before typing (which
                // takes every character, so must come last).
                let at = self
                    .rows
                    .iter()
                    .position(|r| r.scope == scope && r.keys.contains(&Key::AnyChar))
                    .or_else(|| {
                        self.rows
                            .iter()
                            .rposition(|r| r.scope == scope)
                            .map(|i| i + 1)
                    })
                    .unwrap_or(self.rows.len());
                let help = Action::NAMED
                    .iter()
                    .find(|(_, a, _)| *a == action)
                    .map_or("", |(_, _, h)| *h);
                self.rows.insert(
                    at,
                    Row {
                        scope,
                        keys: vec![key],
                        action,
                        help,
                    },
                );
            }
        }
    }

    /// How the help writes the first key bound to `action` in `scope`, for hints that must
    /// name the key the user actually has; `None` when no key does it there.
    pub fn first_key_label(&self, scope: Scope, action: Action) -> Option<String> {
        self.rows
            .iter()
            .filter(|r| r.scope == scope && r.action == action)
            .find_map(|r| r.keys.first())
            .map(|&k| key_label(k))
    }

    /// The rows in force, in order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// What a key press means in `ctx`; `None` for keys the dashboard ignores.
    pub fn action_for(&self, ctx: KeyContext, pressed: Pressed) -> Option<Action> {
        for &scope in scopes(ctx) {
            for row in self.rows.iter().filter(|r| r.scope == scope) {
                if let Some(&key) = row.keys.iter().find(|&&k| key_matches(k, pressed)) {
                    return Some(match (key, pressed.key) {
                        (Key::AnyChar, KeyName::Char(c)) => Action::FilterInsert(c),
                        _ => row.action,
                    });
                }
            }
        }
        None
    }

    /// Keys that stop a load in progress and quit: the panes' quit keys (`q` unless remapped),
    /// and always `Esc` and `Ctrl-c`, so a keymap can never trap the user in a long load.
    pub fn quits_while_loading(&self, pressed: Pressed) -> bool {
        (pressed.key == KeyName::Esc && !pressed.ctrl)
            || (pressed.ctrl && pressed.key == KeyName::Char('c'))
            || self
                .rows
                .iter()
                .filter(|r| r.scope == Scope::Panes && r.action == Action::Quit)
                .any(|r| r.keys.iter().any(|&k| key_matches(k, pressed)))
    }

    /// The help's rows for `scopes`: a section title, or a binding's keys, action name and
    /// description. Rows whose keys were all unbound are left out.
    pub fn help_rows(&self, scopes: &[Scope]) -> Vec<HelpRow> {
        let mut rows = Vec::new();
        for &scope in scopes {
            if !rows.is_empty() {
                rows.push(HelpRow::Title(""));
            }
            rows.push(HelpRow::Title(scope.title()));
            for r in self
                .rows
                .iter()
                .filter(|r| r.scope == scope && !r.keys.is_empty())
            {
                let keys: Vec<String> = r.keys.iter().map(|&k| key_label(k)).collect();
                rows.push(HelpRow::Binding {
                    keys: keys.join(" "),
                    name: r.action.name().unwrap_or(""),
                    help: r.help,
                });
            }
        }
        rows
    }
}

/// A line of the help, before styling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A section title, or an empty separator line.
    Title(&'static str),
    /// A binding.
    Binding {
        /// The keys, as [`key_label`] writes them.
        keys: String,
        /// The action's config name (empty for typing into the filter).
        name: &'static str,
        /// What it does.
        help: &'static str,
    },
}
