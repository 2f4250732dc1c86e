//! The README's configuration reference is generated from the code's tables; this test fails
//! when they drift apart and prints the tables to paste.

use briefdeck::config::{Role, ThemeName};
use briefdeck::keys::Action;
use briefdeck::keys::default_bindings;

fn actions_table() -> String {
    let mut out = String::from("| Action | Default keys | What it does |\n| --- | --- | --- |\n");
    let defaults = default_bindings();
    for (name, action, description) in Action::NAMED {
        let mut keys: Vec<String> = Vec::new();
        for scope in ["panes", "reader", "filter", "popups"] {
            let these: Vec<String> = defaults
                .iter()
                .filter(|d| d.scope == scope && d.action == *action)
                .map(|d| format!("`{}`", d.key))
                .collect();
            if !these.is_empty() {
                keys.push(format!("{scope}: {}", these.join(" ")));
            }
        }
        let keys = if keys.is_empty() {
            "(none)".to_string()
        } else {
            keys.join("; ")
        };
        out.push_str(&format!("| `{name}` | {keys} | {description} |\n"));
    }
    out
}

fn roles_table() -> String {
    let mut out =
        String::from("| Role | dark | light | Where it shows |\n| --- | --- | --- | --- |\n");
    for &role in Role::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            role.name(),
            role.default_in(ThemeName::Dark),
            role.default_in(ThemeName::Light),
            role.description()
        ));
    }
    out
}

#[test]
fn readme_tables_match_the_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let actions = actions_table();
    let roles = roles_table();
    assert!(
        readme.contains(&actions),
        "README's action table is out of date; it should read:\n\n{actions}"
    );
    assert!(
        readme.contains(&roles),
        "README's colour table is out of date; it should read:\n\n{roles}"
    );
}
