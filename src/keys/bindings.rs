//! The built-in keymap as data: which key does what in which scope, and how keys are written in
//! the help. No terminal types, so the config file, `briefdeck config` and the dashboard share
//! one table; the dashboard translates terminal key events into these keys.

use super::action::{Action, Pane};
use super::spec::{KeyMod, KeyName, KeySpec};

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
    Plain(KeyName),
    /// The key with Ctrl held.
    Ctrl(char),
    /// The key with Alt held (terminals send Alt-arrows for browser-style history keys).
    Alt(KeyName),
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
use KeyName::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Insert, Left, PageDown,
    PageUp, Right, Tab, Up,
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
    b(Scope::Panes, &[Plain(Char('!'))], Action::ToggleNotices, "skipped files, failed feeds"),
    b(Scope::Panes, &[Plain(Char('e'))], Action::Export, "export the view's takeaways"),
    b(Scope::Panes, &[Plain(Char('r'))], Action::FetchFeeds, "fetch the subscribed feeds"),
    b(Scope::Panes, &[Plain(Char('o'))], Action::OpenInPager, "document in $PAGER"),
    b(Scope::Panes, &[Plain(Char('E'))], Action::OpenInEditor, "document in $EDITOR"),
    b(Scope::Panes, &[Plain(Char('?'))], Action::ToggleHelp, "this help"),
    b(Scope::Panes, &[Plain(Char('q')), Ctrl('c')], Action::Quit, "quit"),
];

impl Key {
    /// The key a config file names.
    pub fn from_spec(spec: KeySpec) -> Key {
        match (spec.modifier, spec.key) {
            (KeyMod::Ctrl, KeyName::Char(c)) => Ctrl(c),
            (KeyMod::Alt, key) => Alt(key),
            (_, key) => Plain(key),
        }
    }

    /// How a config file names the key; `None` for [`Key::AnyChar`].
    pub fn spec(self) -> Option<KeySpec> {
        match self {
            Plain(key) => Some(KeySpec::plain(key)),
            Ctrl(c) => Some(KeySpec {
                modifier: KeyMod::Ctrl,
                key: KeyName::Char(c),
            }),
            Alt(key) => Some(KeySpec {
                modifier: KeyMod::Alt,
                key,
            }),
            AnyChar => None,
        }
    }
}

/// One default key binding, as the built-in keymap has it, for `briefdeck config` to write out.
#[derive(Debug, Clone, Copy)]
pub struct DefaultBinding {
    /// The `[keys.*]` table it belongs in: `panes`, `reader`, `filter` or `popups`.
    pub scope: &'static str,
    /// The key.
    pub key: KeySpec,
    /// What it does.
    pub action: Action,
    /// The help's description.
    pub help: &'static str,
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
            Insert => "Ins".into(),
            F(n) => format!("F{n}"),
        },
    }
}

/// Every scope, in the order the help shows them.
pub const SCOPES: [Scope; 4] = [Scope::Panes, Scope::Reader, Scope::Filter, Scope::Overlay];

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str) -> KeySpec {
        KeySpec::parse(s).unwrap()
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
        assert_eq!(Key::from_spec(spec("f5")), Plain(F(5)));
    }
}
