//! The real binary run headless, in a fresh XDG environment: its config, cache, state and data
//! folders are empty temporary ones, so no test reads or writes the user's settings, index,
//! reading state or log, and no `RUST_LOG` of the caller turns logging on.
//!
//! Include with `#[path = "common/cli.rs"] mod cli;`.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

/// A throwaway home for runs of the binary: `config`, `cache`, `state` and `data` folders under
/// one temporary folder, removed when dropped. Runs that share a `Home` share its index and state.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Default for Home {
    fn default() -> Self {
        Self::new()
    }
}

impl Home {
    pub fn new() -> Home {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["config", "cache", "state", "data"] {
            std::fs::create_dir(dir.path().join(sub)).expect("create XDG folder");
        }
        Home { dir }
    }

    /// XDG_CONFIG_HOME of the runs.
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// XDG_CACHE_HOME of the runs.
    pub fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// XDG_STATE_HOME of the runs.
    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// XDG_DATA_HOME of the runs.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `briefdeck ARGS` with this home's XDG folders, started from an unrelated folder (so the
    /// seeds must come from the binary, not the checkout). Add or override `env` before running.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefdeck"));
        cmd.args(args)
            .current_dir(std::env::temp_dir())
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_CACHE_HOME", self.cache())
            .env("XDG_STATE_HOME", self.state())
            .env("XDG_DATA_HOME", self.data())
            .env_remove("RUST_LOG");
        cmd
    }

    /// Runs `briefdeck ARGS` to the end in this home.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("binary runs")
    }
}

/// Runs `briefdeck ARGS` to the end in a fresh [`Home`].
pub fn run(args: &[&str]) -> Output {
    Home::new().run(args)
}

/// [`run`], which must succeed; fails with its standard error otherwise.
pub fn run_ok(args: &[&str]) -> Output {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Standard output of [`run_ok`].
pub fn ok(args: &[&str]) -> String {
    String::from_utf8(run_ok(args).stdout).expect("UTF-8")
}

/// [`ok`], parsed as JSON.
pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).expect("valid JSON")
}

/// The texts of a `show --json` document's paragraph blocks, in order.
pub fn paragraphs(doc: &Value) -> Vec<String> {
    doc["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter(|b| b["kind"] == "paragraph")
        .map(|b| b["text"].as_str().expect("block text").to_string())
        .collect()
}

/// Every block's text of a `show --json` document, one per line.
pub fn all_text(doc: &Value) -> String {
    doc["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| b["text"].as_str().expect("block text"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The texts of the explicit takeaways in a `takeaways --json` array, in order.
pub fn explicit_texts(takeaways: &Value) -> Vec<&str> {
    takeaways
        .as_array()
        .expect("an array of takeaways")
        .iter()
        .filter(|t| t["kind"] == "explicit")
        .map(|t| t["text"].as_str().expect("takeaway text"))
        .collect()
}
