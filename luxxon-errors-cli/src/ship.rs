//! `ship`: record the catalog's codes as shipped, at a release.

use std::io;

use luxxon_errors_codegen::{BuildError, WriteOutcome};

use crate::args::RenderArgs;
use crate::console::Console;
use crate::project::{Project, shown};

/// What the lock file's header names as the command that writes it.
const COMMAND: &str = "luxxon-errors ship";

/// What `ship` did.
pub struct ShipReport {
    project: Project,
    result: Result<WriteOutcome, BuildError>,
}

/// Writes the lock file of shipped codes of the project named by `args`.
pub fn run(args: &RenderArgs) -> ShipReport {
    let project = Project::new(&args.project);
    ShipReport {
        result: project.builder.ship(COMMAND),
        project,
    }
}

impl ShipReport {
    /// Whether the catalog had problems or the lock file could not be written.
    pub fn failed(&self) -> bool {
        self.result.is_err()
    }

    /// `wrote: PATH` or `unchanged: PATH`.
    pub fn print(&self, console: &mut Console) -> io::Result<()> {
        let path = shown(&self.project.builder.shipped_lock_path());
        match &self.result {
            Ok(WriteOutcome::Written) => console.line(format_args!("wrote: {path}")),
            Ok(WriteOutcome::Unchanged) => console.line(format_args!("unchanged: {path}")),
            Err(error) => crate::problems::print_build_error(error, &self.project.sources, console),
        }
    }
}
