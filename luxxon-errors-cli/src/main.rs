//! The `luxxon-errors` command: checks `errors.yaml` and the files generated from it,
//! regenerates them, guards the catalog's append-only rule, and serves the catalog's
//! errors to client authors. See `luxxon-errors --help`.
//!
//! Each command first works out its result, which decides the exit status, and then
//! prints it: output that cannot be written (a closed pipe, a full disk) never changes
//! what was found, and never panics.

mod args;
mod check;
mod console;
mod diff;
mod problems;
mod project;
mod render;
#[cfg(feature = "serve")]
mod serve;
mod ship;
mod snippet;
mod style;

use std::io;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use console::Console;

/// Exit status for catalog problems, stale files, breaking changes and I/O failures.
const FAILURE: u8 = 1;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    let mut console = Console::new();
    let (failed, printed) = match cli.command {
        Command::Check(args) => {
            let report = check::run(&args);
            (report.failed(), report.print(&mut console))
        }
        Command::Render(args) => {
            let report = render::run(&args);
            (report.failed(), report.print(&mut console))
        }
        Command::Ship(args) => {
            let report = ship::run(&args);
            (report.failed(), report.print(&mut console))
        }
        Command::Diff(args) => {
            let report = diff::run(&args);
            (report.failed(), report.print(&mut console))
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => match serve::run(&args, &mut console) {
            Ok(served) => (!served, Ok(())),
            Err(error) => (true, Err(error)),
        },
    };
    let status = if failed {
        ExitCode::from(FAILURE)
    } else {
        ExitCode::SUCCESS
    };
    match printed.and_then(|()| console.flush()) {
        Ok(()) => status,
        // The reader stopped reading (`| head`): what was found still decides the status.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            console.unwritable_output(&error);
            ExitCode::from(FAILURE)
        }
    }
}

/// `--help`, `--version` (exit 0) or a usage error (exit 2), as clap prints them.
fn usage(error: &clap::Error) -> ExitCode {
    let status = error.exit_code();
    match error.print() {
        // Help that could not be written is not a success.
        Err(print_error) if status == 0 && print_error.kind() != io::ErrorKind::BrokenPipe => {
            ExitCode::from(FAILURE)
        }
        _ => ExitCode::from(u8::try_from(status).unwrap_or(FAILURE)),
    }
}
