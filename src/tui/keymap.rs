//! Keys to actions: one table that both drives the dashboard and generates the `?` help, so the
//! help can never disagree with what the keys do. [`BINDINGS`] is the built-in table; a
//! [`Keymap`] is the table in force, the built-in one changed by the config's `[keys.*]`.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, Pane};
use crate::config::{DefaultBinding, KeyMod, KeyName, KeySpec, KeysConfig};

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

/// Where a binding applies; also the help's sections, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Whenever no pop-up is open and the filter bar is not being typed in.
    Panes,
    /// Only when the reader has focus.
    Reader,
    /// While typing in the filter bar.
    Filter,
    /// While a pop-up is open.
    Overlay,
}

impl Scope {
    /// Section title in the help.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Panes => "Panes",
            Scope::Reader => "Reader",
            Scope::Filter => "Filter bar",
            Scope::Overlay => "Pop-ups",
        }
    }

    /// The scope's table in the config file: `[keys.panes]` and so on.
    pub fn config_name(self) -> &'static str {
        match self {
            Scope::Panes => "panes",
            Scope::Reader => "reader",
            Scope::Filter => "filter",
            Scope::Overlay => "popups",
        }
    }
}

/// A key a binding listens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A plain key.
    Plain(KeyCode),
    /// The key with Ctrl held.
    Ctrl(char),
    /// The key with Alt held (terminals send Alt-arrows for browser-style history keys).
    Alt(KeyCode),
    /// Any printable character (typing into the filter).
    AnyChar,
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// When the binding applies.
    pub scope: Scope,
    /// Any of these keys triggers it.
    pub keys: &'static [Key],
    /// For [`Key::AnyChar`], the typed character replaces the one in `FilterInsert`.
    pub action: Action,
    /// The help's description.
    pub help: &'static str,
}

use Key::{Alt, AnyChar, Ctrl, Plain};
use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right,
    Tab, Up,
};

const fn b(scope: Scope, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
    }
}

/// The keymap. Earlier rows win within a scope.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Pop-ups first: they take every key.
    b(Scope::Overlay, &[Plain(Esc), Plain(Char('q')), Plain(Char('?')), Plain(Char('!'))], Action::CloseOverlay, "close the pop-up"),
    b(Scope::Overlay, &[Plain(Char('j')), Plain(Down)], Action::Down, "scroll down"),
    b(Scope::Overlay, &[Plain(Char('k')), Plain(Up)], Action::Up, "scroll up"),
    b(Scope::Overlay, &[Plain(PageDown), Plain(Char(' '))], Action::PageDown, "page down"),
    b(Scope::Overlay, &[Plain(PageUp)], Action::PageUp, "page up"),
    b(Scope::Overlay, &[Plain(Char('g')), Plain(Home)], Action::Top, "top"),
    b(Scope::Overlay, &[Plain(Char('G')), Plain(End)], Action::Bottom, "bottom"),
    b(Scope::Overlay, &[Plain(Enter)], Action::Activate, "filter by the theme (themes pop-up)"),
    b(Scope::Overlay, &[Ctrl('c')], Action::Quit, "quit"),
    // The filter bar.
    b(Scope::Filter, &[Plain(Enter)], Action::FilterAccept, "keep the filter, back to the panes"),
    b(Scope::Filter, &[Plain(Esc)], Action::FilterCancel, "clear the filter, back to the panes"),
    b(Scope::Filter, &[Plain(Backspace)], Action::FilterBackspace, "delete before the cursor"),
    b(Scope::Filter, &[Plain(Delete)], Action::FilterDelete, "delete under the cursor"),
    b(Scope::Filter, &[Plain(Left)], Action::FilterLeft, "cursor left"),
    b(Scope::Filter, &[Plain(Right)], Action::FilterRight, "cursor right"),
    b(Scope::Filter, &[Plain(Home), Ctrl('a')], Action::FilterHome, "cursor to start"),
    b(Scope::Filter, &[Plain(End), Ctrl('e')], Action::FilterEnd, "cursor to end"),
    b(Scope::Filter, &[Ctrl('u')], Action::FilterClearInput, "erase the whole query"),
    b(Scope::Filter, &[Ctrl('c')], Action::Quit, "quit"),
    b(Scope::Filter, &[AnyChar], Action::FilterInsert(' '), "type the query; it filters as you type"),
    // Reader only.
    b(Scope::Reader, &[Plain(Char('['))], Action::PrevHeading, "previous section heading"),
    b(Scope::Reader, &[Plain(Char(']'))], Action::NextHeading, "next section heading"),
    // Everywhere else.
    b(Scope::Panes, &[Plain(Tab)], Action::FocusNext, "next pane"),
    b(Scope::Panes, &[Plain(BackTab)], Action::FocusPrev, "previous pane"),
    b(Scope::Panes, &[Plain(Char('1'))], Action::Focus(Pane::List), "documents"),
    b(Scope::Panes, &[Plain(Char('2'))], Action::Focus(Pane::Reader), "reader"),
    b(Scope::Panes, &[Plain(Char('3'))], Action::Focus(Pane::Takeaways), "takeaways"),
    b(Scope::Panes, &[Plain(Char('4'))], Action::Focus(Pane::Links), "linked takeaways"),
    b(Scope::Panes, &[Plain(Char('j')), Plain(Down)], Action::Down, "down one row or line"),
    b(Scope::Panes, &[Plain(Char('k')), Plain(Up)], Action::Up, "up one row or line"),
    b(Scope::Panes, &[Plain(PageDown)], Action::PageDown, "page down"),
    b(Scope::Panes, &[Plain(PageUp)], Action::PageUp, "page up"),
    b(Scope::Panes, &[Ctrl('d')], Action::HalfPageDown, "half a page down"),
    b(Scope::Panes, &[Ctrl('u')], Action::HalfPageUp, "half a page up"),
    b(Scope::Panes, &[Plain(Char('g')), Plain(Home)], Action::Top, "top"),
    b(Scope::Panes, &[Plain(Char('G')), Plain(End)], Action::Bottom, "bottom"),
    b(Scope::Panes, &[Plain(Enter)], Action::Activate, "open · show the source · follow the link"),
    b(Scope::Panes, &[Plain(Backspace), Plain(Char('H')), Alt(Left)], Action::Back, "back along followed links"),
    b(Scope::Panes, &[Plain(Char('L')), Alt(Right)], Action::Forward, "forward again"),
    b(Scope::Panes, &[Plain(Char('t'))], Action::ToggleThemes, "themes, with counts"),
    b(Scope::Panes, &[Plain(Char('s'))], Action::ToggleStar, "star / unstar the selected takeaway"),
    b(Scope::Panes, &[Plain(Char('/'))], Action::FilterStart, "filter documents and takeaways"),
    b(Scope::Panes, &[Plain(Char('n'))], Action::NextMatch, "next match in the reader"),
    b(Scope::Panes, &[Plain(Char('N'))], Action::PrevMatch, "previous match in the reader"),
    b(Scope::Panes, &[Plain(Char('z'))], Action::ToggleZoom, "full-screen reader"),
    b(Scope::Panes, &[Plain(Esc)], Action::Escape, "leave full screen / clear filter"),
    b(Scope::Panes, &[Plain(Char('!'))], Action::ToggleNotices, "skipped files"),
    b(Scope::Panes, &[Plain(Char('e'))], Action::Export, "export the view's takeaways"),
    b(Scope::Panes, &[Plain(Char('o'))], Action::OpenInPager, "document in $PAGER"),
    b(Scope::Panes, &[Plain(Char('E'))], Action::OpenInEditor, "document in $EDITOR"),
    b(Scope::Panes, &[Plain(Char('?'))], Action::ToggleHelp, "this help"),
    b(Scope::Panes, &[Plain(Char('q')), Ctrl('c')], Action::Quit, "quit"),
];

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

fn key_matches(key: Key, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    match key {
        // Shift is part of the character ('G', '?') or of BackTab, so it is not checked.
        Key::Plain(code) => !ctrl && !alt && code == ev.code,
        Key::Ctrl(c) => ctrl && !alt && ev.code == KeyCode::Char(c),
        Key::Alt(code) => alt && !ctrl && ev.code == code,
        Key::AnyChar => !ctrl && !alt && matches!(ev.code, KeyCode::Char(c) if printable(c)),
    }
}

/// Characters that may go into the filter: not control characters, nor the invisible
/// formatting ones (zero-width, bidirectional overrides) that could garble the bar's display.
fn printable(c: char) -> bool {
    !c.is_control()
        && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// One row of a [`Keymap`]: like [`Binding`], with keys the config may have changed.
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
/// [`Keymap::map_key`] and the help alike, so a remapped key shows in the help.
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
                .position(|r| r.scope == scope && r.action == a && !r.keys.contains(&AnyChar))
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
                    .position(|r| r.scope == scope && r.keys.contains(&AnyChar))
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
    pub fn map_key(&self, ctx: KeyContext, ev: KeyEvent) -> Option<Action> {
        for &scope in scopes(ctx) {
            for row in self.rows.iter().filter(|r| r.scope == scope) {
                if let Some(&key) = row.keys.iter().find(|&&k| key_matches(k, &ev)) {
                    return Some(match (key, ev.code) {
                        (Key::AnyChar, KeyCode::Char(c)) => Action::FilterInsert(c),
                        _ => row.action,
                    });
                }
            }
        }
        None
    }

    /// Keys that stop a load in progress and quit: the panes' quit keys (`q` unless remapped),
    /// and always `Esc` and `Ctrl-c`, so a keymap can never trap the user in a long load.
    pub fn is_quit_while_loading(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        (ev.code == KeyCode::Esc && !ctrl)
            || (ctrl && ev.code == KeyCode::Char('c'))
            || self
                .rows
                .iter()
                .filter(|r| r.scope == Scope::Panes && r.action == Action::Quit)
                .any(|r| r.keys.iter().any(|&k| key_matches(k, ev)))
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

impl Key {
    /// The key a config file names.
    pub fn from_spec(spec: KeySpec) -> Key {
        let code = match spec.key {
            KeyName::Char(c) => Char(c),
            KeyName::Enter => Enter,
            KeyName::Esc => Esc,
            KeyName::Tab => Tab,
            KeyName::BackTab => BackTab,
            KeyName::Backspace => Backspace,
            KeyName::Delete => Delete,
            KeyName::Insert => KeyCode::Insert,
            KeyName::Home => Home,
            KeyName::End => End,
            KeyName::PageUp => PageUp,
            KeyName::PageDown => PageDown,
            KeyName::Up => Up,
            KeyName::Down => Down,
            KeyName::Left => Left,
            KeyName::Right => Right,
            KeyName::F(n) => KeyCode::F(n),
        };
        match (spec.modifier, code) {
            (KeyMod::Ctrl, Char(c)) => Ctrl(c),
            (KeyMod::Alt, code) => Alt(code),
            (_, code) => Plain(code),
        }
    }

    /// How a config file names the key; `None` for [`Key::AnyChar`] and keys with no name.
    pub fn spec(self) -> Option<KeySpec> {
        let name = |code: KeyCode| {
            Some(match code {
                Char(c) => KeyName::Char(c),
                Enter => KeyName::Enter,
                Esc => KeyName::Esc,
                Tab => KeyName::Tab,
                BackTab => KeyName::BackTab,
                Backspace => KeyName::Backspace,
                Delete => KeyName::Delete,
                KeyCode::Insert => KeyName::Insert,
                Home => KeyName::Home,
                End => KeyName::End,
                PageUp => KeyName::PageUp,
                PageDown => KeyName::PageDown,
                Up => KeyName::Up,
                Down => KeyName::Down,
                Left => KeyName::Left,
                Right => KeyName::Right,
                KeyCode::F(n) => KeyName::F(n),
                _ => return None,
            })
        };
        match self {
            Plain(code) => name(code).map(KeySpec::plain),
            Ctrl(c) => Some(KeySpec {
                modifier: KeyMod::Ctrl,
                key: KeyName::Char(c),
            }),
            Alt(code) => name(code).map(|key| KeySpec {
                modifier: KeyMod::Alt,
                key,
            }),
            AnyChar => None,
        }
    }
}

/// The built-in bindings key by key, for `briefdeck config` to write out.
pub fn default_bindings() -> Vec<DefaultBinding> {
    let mut out = Vec::new();
    for scope in SCOPES {
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            for key in b.keys.iter().filter_map(|k| k.spec()) {
                out.push(DefaultBinding {
                    scope: scope.config_name(),
                    key,
                    action: b.action,
                    help: b.help,
                });
            }
        }
    }
    out
}

static DEFAULT_KEYMAP: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(Keymap::default);

/// What a key press means in `ctx` with the built-in keymap (see [`Keymap::map_key`]).
pub fn map_key(ctx: KeyContext, ev: KeyEvent) -> Option<Action> {
    DEFAULT_KEYMAP.map_key(ctx, ev)
}

/// Keys that stop a load in progress whatever the keymap: `q`, `Esc` and `Ctrl-c` (nothing
/// else means anything before the panes exist). See [`Keymap::is_quit_while_loading`].
pub fn is_quit_while_loading(ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    matches!(ev.code, KeyCode::Char('q') | KeyCode::Esc) && !ctrl
        || (ctrl && ev.code == KeyCode::Char('c'))
}

/// What a mouse event means: the wheel scrolls and the left button selects.
pub fn map_mouse(ev: MouseEvent) -> Option<Action> {
    let (column, row) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            down: false,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

/// How a key is written in the help.
pub fn key_label(key: Key) -> String {
    match key {
        Key::Ctrl(c) => format!("Ctrl-{c}"),
        Key::Alt(code) => format!("Alt-{}", key_label(Key::Plain(code))),
        Key::AnyChar => "text".into(),
        Key::Plain(code) => match code {
            Char(' ') => "Space".into(),
            Char(c) => c.to_string(),
            Up => "↑".into(),
            Down => "↓".into(),
            Left => "←".into(),
            Right => "→".into(),
            PageUp => "PgUp".into(),
            PageDown => "PgDn".into(),
            Enter => "Enter".into(),
            Esc => "Esc".into(),
            Tab => "Tab".into(),
            BackTab => "Shift-Tab".into(),
            Backspace => "Bksp".into(),
            Delete => "Del".into(),
            Home => "Home".into(),
            End => "End".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        },
    }
}

/// Every scope, in the order the help shows them.
pub const SCOPES: [Scope; 4] = [Scope::Panes, Scope::Reader, Scope::Filter, Scope::Overlay];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }
    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }
    const PANES: KeyContext = KeyContext {
        overlay: false,
        editing: false,
        focus: Pane::List,
    };
    const READER: KeyContext = KeyContext {
        focus: Pane::Reader,
        ..PANES
    };
    const EDITING: KeyContext = KeyContext {
        editing: true,
        ..PANES
    };
    const OVERLAY: KeyContext = KeyContext {
        overlay: true,
        ..PANES
    };

    #[test]
    fn pane_keys() {
        assert_eq!(map_key(PANES, key(Char('j'))), Some(Action::Down));
        assert_eq!(map_key(PANES, key(Down)), Some(Action::Down));
        assert_eq!(map_key(PANES, ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(map_key(PANES, ctrl('c')), Some(Action::Quit));
        assert_eq!(map_key(PANES, key(Char('q'))), Some(Action::Quit));
        assert_eq!(
            map_key(PANES, KeyEvent::new(Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            map_key(PANES, KeyEvent::new(BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            map_key(PANES, key(Char('3'))),
            Some(Action::Focus(Pane::Takeaways))
        );
        assert_eq!(map_key(PANES, key(Char('x'))), None);
    }

    #[test]
    fn links_history_and_themes_keys() {
        assert_eq!(
            map_key(PANES, key(Char('4'))),
            Some(Action::Focus(Pane::Links))
        );
        assert_eq!(map_key(PANES, key(Char('t'))), Some(Action::ToggleThemes));
        assert_eq!(map_key(PANES, key(Char('s'))), Some(Action::ToggleStar));
        assert_eq!(map_key(READER, key(Char('s'))), Some(Action::ToggleStar));
        assert_eq!(
            map_key(EDITING, key(Char('s'))),
            Some(Action::FilterInsert('s'))
        );
        assert_eq!(map_key(PANES, key(Backspace)), Some(Action::Back));
        assert_eq!(map_key(PANES, key(Char('H'))), Some(Action::Back));
        assert_eq!(map_key(PANES, key(Char('L'))), Some(Action::Forward));
        let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
        assert_eq!(map_key(PANES, alt(Left)), Some(Action::Back));
        assert_eq!(map_key(PANES, alt(Right)), Some(Action::Forward));
        assert_eq!(
            map_key(PANES, key(Left)),
            None,
            "plain arrows are not history keys"
        );
        // While typing, Backspace edits the query instead.
        assert_eq!(
            map_key(EDITING, key(Backspace)),
            Some(Action::FilterBackspace)
        );
        assert_eq!(map_key(OVERLAY, key(Enter)), Some(Action::Activate));
        assert_eq!(key_label(Key::Alt(Left)), "Alt-←");
    }

    #[test]
    fn headings_only_in_the_reader() {
        assert_eq!(map_key(PANES, key(Char(']'))), None);
        assert_eq!(map_key(READER, key(Char(']'))), Some(Action::NextHeading));
        assert_eq!(map_key(READER, key(Char('j'))), Some(Action::Down));
    }

    #[test]
    fn typing_goes_to_the_filter() {
        assert_eq!(
            map_key(EDITING, key(Char('q'))),
            Some(Action::FilterInsert('q'))
        );
        assert_eq!(
            map_key(EDITING, key(Char('à'))),
            Some(Action::FilterInsert('à'))
        );
        assert_eq!(map_key(EDITING, key(Enter)), Some(Action::FilterAccept));
        assert_eq!(map_key(EDITING, key(Esc)), Some(Action::FilterCancel));
        assert_eq!(map_key(EDITING, ctrl('u')), Some(Action::FilterClearInput));
        assert_eq!(map_key(EDITING, ctrl('c')), Some(Action::Quit));
        assert_eq!(map_key(EDITING, ctrl('x')), None);
        assert_eq!(map_key(EDITING, key(Char('\u{202E}'))), None);
    }

    #[test]
    fn overlays_take_keys() {
        assert_eq!(map_key(OVERLAY, key(Char('q'))), Some(Action::CloseOverlay));
        assert_eq!(map_key(OVERLAY, key(Esc)), Some(Action::CloseOverlay));
        assert_eq!(map_key(OVERLAY, key(Char('j'))), Some(Action::Down));
        assert_eq!(map_key(OVERLAY, key(Char('/'))), None);
    }

    fn keys_of(rows: &[HelpRow], help: &str) -> Option<String> {
        rows.iter().find_map(|r| match r {
            HelpRow::Binding { keys, help: h, .. } if *h == help => Some(keys.clone()),
            _ => None,
        })
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = Keymap::default().help_rows(&SCOPES);
        for b in BINDINGS {
            assert!(keys_of(&rows, b.help).is_some(), "{} missing", b.help);
        }
        assert_eq!(
            keys_of(&rows, "down one row or line").as_deref(),
            Some("j ↓")
        );
        assert_eq!(
            keys_of(&rows, "half a page down").as_deref(),
            Some("Ctrl-d")
        );
        assert!(rows.iter().any(
            |r| matches!(r, HelpRow::Binding { name: "half_page_down", keys, .. } if keys == "Ctrl-d")
        ));
    }

    fn spec(s: &str) -> KeySpec {
        KeySpec::parse(s).unwrap()
    }

    #[test]
    fn config_changes_rebind_and_unbind() {
        let mut changes = KeysConfig::default();
        changes.panes.insert(spec("ctrl-n"), Some(Action::Down));
        changes.panes.insert(spec("j"), None);
        // `x` is bound to an action that had no pane key; `t` moves from themes to zoom.
        changes.panes.insert(spec("x"), Some(Action::OpenInEditor));
        changes.panes.insert(spec("t"), Some(Action::ToggleZoom));
        changes
            .filter
            .insert(spec("ctrl-k"), Some(Action::FilterClearInput));
        changes.popups.insert(spec("x"), Some(Action::CloseOverlay));
        let map = Keymap::with_config(&changes);
        assert_eq!(map.map_key(PANES, ctrl('n')), Some(Action::Down));
        assert_eq!(map.map_key(PANES, key(Char('j'))), None);
        assert_eq!(map.map_key(PANES, key(Down)), Some(Action::Down));
        assert_eq!(
            map.map_key(PANES, key(Char('x'))),
            Some(Action::OpenInEditor)
        );
        assert_eq!(
            map.map_key(PANES, key(Char('E'))),
            Some(Action::OpenInEditor)
        );
        assert_eq!(map.map_key(PANES, key(Char('t'))), Some(Action::ToggleZoom));
        assert_eq!(map.map_key(PANES, key(Char('z'))), Some(Action::ToggleZoom));
        assert_eq!(
            map.map_key(EDITING, ctrl('k')),
            Some(Action::FilterClearInput)
        );
        // Typing still types everything not bound.
        assert_eq!(
            map.map_key(EDITING, key(Char('x'))),
            Some(Action::FilterInsert('x'))
        );
        assert_eq!(
            map.map_key(OVERLAY, key(Char('x'))),
            Some(Action::CloseOverlay)
        );
        let rows = map.help_rows(&SCOPES);
        assert_eq!(
            keys_of(&rows, "down one row or line").as_deref(),
            Some("↓ Ctrl-n")
        );
        assert_eq!(
            keys_of(&rows, "themes, with counts"),
            None,
            "no key left: row hidden"
        );
        // Unchanged scopes are untouched.
        assert_eq!(
            map.map_key(READER, key(Char(']'))),
            Some(Action::NextHeading)
        );
    }

    #[test]
    fn defaults_reapplied_change_nothing() {
        let mut changes = KeysConfig::default();
        for d in default_bindings() {
            let table = match d.scope {
                "panes" => &mut changes.panes,
                "reader" => &mut changes.reader,
                "filter" => &mut changes.filter,
                _ => &mut changes.popups,
            };
            table.insert(d.key, Some(d.action));
        }
        assert_eq!(Keymap::with_config(&changes), Keymap::default());
    }

    #[test]
    fn quit_while_loading_follows_the_quit_key() {
        let mut changes = KeysConfig::default();
        changes.panes.insert(spec("q"), None);
        changes.panes.insert(spec("x"), Some(Action::Quit));
        let map = Keymap::with_config(&changes);
        assert!(map.is_quit_while_loading(&key(Char('x'))));
        assert!(map.is_quit_while_loading(&key(Esc)));
        assert!(map.is_quit_while_loading(&ctrl('c')));
        assert!(!map.is_quit_while_loading(&key(Char('q'))));
        assert!(!Keymap::default().is_quit_while_loading(&key(Char('x'))));
        assert!(Keymap::default().is_quit_while_loading(&key(Char('q'))));
    }

    #[test]
    fn specs_and_keys_convert_both_ways() {
        for b in BINDINGS {
            for &k in b.keys {
                if let Some(s) = k.spec() {
                    assert_eq!(Key::from_spec(s), k);
                }
            }
        }
        assert_eq!(Key::from_spec(spec("alt-left")), Alt(Left));
        assert_eq!(Key::from_spec(spec("shift-tab")), Plain(BackTab));
        assert_eq!(Key::from_spec(spec("f5")), Plain(KeyCode::F(5)));
    }

    #[test]
    fn mouse() {
        let ev = |kind| MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(
            map_mouse(ev(MouseEventKind::ScrollDown)),
            Some(Action::Wheel {
                column: 3,
                row: 4,
                down: true
            })
        );
        assert_eq!(
            map_mouse(ev(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click { column: 3, row: 4 })
        );
        assert_eq!(map_mouse(ev(MouseEventKind::Moved)), None);
    }
}
