//! Running the `luxxon-errors` binary as a process, never for longer than a deadline.

#![allow(dead_code)] // Each test file uses its own part of these helpers.

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long one run may take before the test kills it and fails: a hang is a bug.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The exit code; `None` when a signal ended the process.
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the CLI is inside the workspace")
        .to_path_buf()
}

/// The binary, started in `dir` with `args`, with no input and no `NO_COLOR` choice
/// inherited from the test's environment.
pub fn command(dir: &Path, args: &[impl AsRef<OsStr>]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_luxxon-errors"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs the binary in `dir` with `args` and waits for it, up to [`DEADLINE`].
pub fn run(dir: &Path, args: &[impl AsRef<OsStr>]) -> Run {
    finish(command(dir, args).spawn().expect("the binary starts"), args)
}

/// Waits for a started binary, up to [`DEADLINE`]; kills it and fails the test when it
/// takes longer. Its output is read while it runs, so a full pipe cannot stall it.
pub fn finish(mut child: Child, what: &[impl AsRef<OsStr>]) -> Run {
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            let args: Vec<_> = what.iter().map(|arg| arg.as_ref().to_owned()).collect();
            panic!("`luxxon-errors {args:?}` did not answer within {DEADLINE:?}");
        }
        thread::sleep(Duration::from_millis(10));
    };
    Run {
        status,
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
    }
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// A scratch folder, removed when dropped (also when the test fails).
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// An empty scratch folder, unique to this test process and `name`.
pub fn scratch_dir(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("luxxon-errors-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch folder");
    Scratch(dir)
}

/// A scratch folder holding a copy of the repository's catalog, with nothing generated.
pub fn scratch_repo(name: &str) -> Scratch {
    let dir = scratch_dir(name);
    fs::copy(
        workspace_root().join("errors.yaml"),
        dir.join("errors.yaml"),
    )
    .expect("the catalog is copied");
    dir
}
