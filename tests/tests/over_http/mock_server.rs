//! `luxxon-errors serve`, the CLI's mock server, as a client author runs it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::support::{cargo, probe_target, target_dir, workspace_root};

pub struct MockServer {
    pub base_url: String,
    child: Child,
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The CLI binary: the workspace build's (`cargo test --workspace` builds it), or one
/// built now into the probes' target folder.
fn binary() -> PathBuf {
    let built = target_dir().join("debug/luxxon-errors");
    if built.exists() {
        return built;
    }
    let probe_target = probe_target();
    let status = cargo()
        .args([
            "build",
            "--quiet",
            "-p",
            "luxxon-errors-cli",
            "--target-dir",
        ])
        .arg(&probe_target)
        .current_dir(workspace_root())
        .env_remove("CARGO_TARGET_DIR")
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the CLI builds");
    probe_target.join("debug/luxxon-errors")
}

/// Starts `luxxon-errors serve` on the repository's catalog, on a free loopback port.
pub fn start() -> MockServer {
    let mut child = Command::new(binary())
        .args(["serve", "--catalog"])
        .arg(workspace_root().join("errors.yaml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the mock server starts");
    let stdout = child.stdout.take().expect("its stdout");
    let mut first_line = String::new();
    BufReader::new(stdout)
        .read_line(&mut first_line)
        .expect("it prints where it listens");
    let base_url = first_line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first_line:?}"))
        .to_owned();
    MockServer { base_url, child }
}
