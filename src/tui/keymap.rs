//! Terminal key and mouse events to actions: the crossterm side of the keymap in
//! [`crate::keys`], which holds the table, the config's changes and the help.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::keys::{Action, KeyContext, KeyName, Keymap, Pressed};

/// The key as the keymap names it; `None` for keys it has no name for (media keys, Caps Lock),
/// which no binding can hold.
pub fn pressed(ev: &KeyEvent) -> Option<Pressed> {
    let key = match ev.code {
        KeyCode::Char(c) => KeyName::Char(c),
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Tab => KeyName::Tab,
        KeyCode::BackTab => KeyName::BackTab,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::Insert => KeyName::Insert,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::F(n) => KeyName::F(n),
        _ => return None,
    };
    Some(Pressed {
        key,
        ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
        alt: ev.modifiers.contains(KeyModifiers::ALT),
    })
}

/// A [`Keymap`] asked with terminal events.
pub trait KeyEvents {
    /// What a key press means in `ctx`; `None` for keys the dashboard ignores.
    fn map_key(&self, ctx: KeyContext, ev: KeyEvent) -> Option<Action>;
    /// Whether the key stops a load in progress (see [`Keymap::quits_while_loading`]).
    fn is_quit_while_loading(&self, ev: &KeyEvent) -> bool;
}

impl KeyEvents for Keymap {
    fn map_key(&self, ctx: KeyContext, ev: KeyEvent) -> Option<Action> {
        self.action_for(ctx, pressed(&ev)?)
    }

    fn is_quit_while_loading(&self, ev: &KeyEvent) -> bool {
        pressed(ev).is_some_and(|p| self.quits_while_loading(p))
    }
}

static DEFAULT_KEYMAP: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(Keymap::default);

/// What a key press means in `ctx` with the built-in keymap (see [`KeyEvents::map_key`]).
pub fn map_key(ctx: KeyContext, ev: KeyEvent) -> Option<Action> {
    DEFAULT_KEYMAP.map_key(ctx, ev)
}

/// Keys that stop a load in progress whatever the keymap: `q`, `Esc` and `Ctrl-c` (nothing
/// else means anything before the panes exist). See [`KeyEvents::is_quit_while_loading`].
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{
        BINDINGS, HelpRow, Key, KeySpec, KeysConfig, Pane, SCOPES, default_bindings, key_label,
    };
    use KeyCode::{BackTab, Backspace, Char, Down, Enter, Esc, Left, Right};

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
        assert_eq!(key_label(Key::Alt(KeyName::Left)), "Alt-←");
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
