//! What keys mean, with no terminal in sight: the actions the dashboard understands, by the
//! names config files use, the built-in keymap, key names as config files write them, and the
//! keymap in force. The config, the headless commands and the dashboard all import it; only the
//! dashboard translates terminal events into it.

mod action;
mod bindings;
mod keymap;
mod spec;

pub use action::{Action, Pane};
pub use bindings::{
    BINDINGS, Binding, DefaultBinding, Key, SCOPES, Scope, default_bindings, key_label,
};
pub use keymap::{HelpRow, KeyContext, Keymap, KeysConfig, Pressed, Row};
pub use spec::{KeyMod, KeyName, KeySpec, SYNTAX_HINT};
