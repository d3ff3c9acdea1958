//! `ship`: record the catalog's codes as shipped, at a release.

use std::io;

use luxxon_errors_codegen::{BuildError, Shipped, WriteOutcome};

use crate::args::ShipArgs;
use crate::console::Console;
use crate::project::{Project, shown};

/// What the lock file's header names as the command that writes it.
const COMMAND: &str = "luxxon-errors ship";

/// What `ship` did.
pub struct ShipReport {
    project: Project,
    result: Result<Shipped, BuildError>,
}

/// Writes the lock file of shipped codes of the project named by `args`; refuses a
/// catalog that breaks a shipped code unless `--allow-breaking` is given.
pub fn run(args: &ShipArgs) -> ShipReport {
    let project = Project::new(&args.project);
    let result = if args.allow_breaking {
        project.builder.ship_breaking(COMMAND)
    } else {
        project.builder.ship(COMMAND)
    };
    ShipReport { result, project }
}

impl ShipReport {
    /// Whether the catalog had problems, broke a shipped code, or the lock file could not
    /// be written.
    pub fn failed(&self) -> bool {
        self.result.is_err()
    }

    /// `wrote: PATH` or `unchanged: PATH`, after what a breaking release dropped; or why
    /// nothing was written.
    pub fn print(&self, console: &mut Console) -> io::Result<()> {
        let path = shown(&self.project.builder.shipped_lock_path());
        match &self.result {
            Ok(shipped) => {
                for change in &shipped.broken {
                    console.warning(format_args!(
                        "`{}` {}: accepted as a breaking change",
                        change.code(),
                        change.kind().replace('_', " ")
                    ))?;
                }
                if !shipped.broken.is_empty() {
                    let count = shipped.broken.len();
                    console.help(format_args!(
                        "{count} breaking change{} recorded: publish this as a new major version",
                        if count == 1 { "" } else { "s" }
                    ))?;
                }
                match shipped.outcome {
                    WriteOutcome::Written => console.line(format_args!("wrote: {path}")),
                    WriteOutcome::Unchanged => console.line(format_args!("unchanged: {path}")),
                }
            }
            Err(BuildError::BreaksShipped { changes, .. }) => {
                for change in changes {
                    console.error(format_args!(
                        "{}: {change} (shipped in {path})",
                        self.project.catalog_name
                    ))?;
                }
                console.help(format_args!(
                    "{path} was left as it is. Codes are append-only: restore the shipped code (retire it with `lifecycle: legacy` instead of removing it); only a new major version may break one, with `luxxon-errors ship --allow-breaking`"
                ))
            }
            Err(error) => crate::problems::print_build_error(error, console),
        }
    }
}
