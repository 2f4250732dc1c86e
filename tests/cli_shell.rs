//! Shell integration and the log: completions and the man page generated from the command
//! line's definition, and `--log` writing to the XDG state folder, never to the terminal.

#[path = "common/cli.rs"]
mod cli;

use cli::{Home, run, run_ok};

/// Standard output of a successful run that wrote nothing to standard error.
fn ok(args: &[&str]) -> String {
    let out = run_ok(args);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish"] {
        let script = ok(&["completions", shell]);
        assert!(script.lines().count() > 50, "{shell}: {script}");
        for word in [
            "export",
            "filter",
            "takeaways",
            "completions",
            "query",
            "state-file",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    assert!(ok(&["completions", "bash"]).contains("complete -F"));
    assert!(ok(&["completions", "zsh"]).starts_with("#compdef briefdeck"));
    assert!(ok(&["completions", "fish"]).contains("complete -c briefdeck"));
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page_is_roff_with_every_command() {
    let page = ok(&["man"]);
    assert!(page.contains(".TH briefdeck 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    for command in [
        "list",
        "show",
        "takeaways",
        "filter",
        "themes",
        "links",
        "export",
    ] {
        assert!(
            page.contains(&format!(".SS \"briefdeck {command}\"")),
            "no subsection for {command}"
        );
    }
    // Options of the commands are there, not only their names.
    assert!(page.contains("\\-\\-query"), "{page}");
    // The page is the reference: `man` itself is hidden from --help but documented.
    let help = ok(&["--help"]);
    assert!(help.contains("export") && help.contains("completions"));
    assert!(
        !help.lines().any(|l| l.trim_start().starts_with("man ")),
        "{help}"
    );
}

#[test]
fn log_goes_to_the_state_folder_and_never_to_the_terminal() {
    let home = Home::new();
    let out = home.run(&["--log", "debug", "list", "--json"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str::<serde_json::Value>(&stdout).expect("stdout is only the JSON");
    for level in ["DEBUG", "INFO"] {
        assert!(!stdout.contains(level), "{stdout}");
    }

    let log = std::fs::read_to_string(home.state().join("briefdeck").join("briefdeck.log"))
        .expect("log file created");
    assert!(log.contains("load started"), "{log}");
    let finished = log
        .lines()
        .find(|l| l.contains("load finished"))
        .unwrap_or_else(|| panic!("{log}"));
    assert!(
        finished.contains("documents=2") && finished.contains("takeaways=12"),
        "{finished}"
    );

    // Appended, not replaced; and the flag may follow the command.
    let before = log.lines().count();
    let out = home.run(&["export", "--log", "info"]);
    assert!(out.status.success() && out.stderr.is_empty());
    let log =
        std::fs::read_to_string(home.state().join("briefdeck").join("briefdeck.log")).unwrap();
    assert!(log.lines().count() > before);
}

#[test]
fn log_is_off_by_default_and_a_bad_level_is_a_usage_error() {
    let home = Home::new();
    let out = home.run(&["list"]);
    assert!(out.status.success());
    assert!(
        !home
            .state()
            .join("briefdeck")
            .join("briefdeck.log")
            .exists()
    );

    let out = home.run(&["--log", "loud", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loud"));
}

#[test]
fn an_unopenable_log_is_one_warning_and_the_command_still_runs() {
    let home = Home::new();
    let tmp = tempfile::tempdir().unwrap();
    // The state folder is a file: the log cannot be created under it.
    let blocked = tmp.path().join("state");
    std::fs::write(&blocked, "").unwrap();
    let out = home
        .command(&["list", "--json"])
        .env("RUST_LOG", "debug")
        .env("XDG_STATE_HOME", &blocked)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("warning: no log written"), "{err}");
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("output unchanged");
}
