//! `render`: write the generated files whose content changed.

use std::io;

use luxxon_errors_codegen::{BuildError, WriteOutcome, Written};

use crate::args::RenderArgs;
use crate::console::Console;
use crate::project::{Project, shown};

/// What `render` did.
pub struct RenderReport {
    result: Result<Vec<Written>, BuildError>,
}

/// Regenerates the files of the project named by `args`.
pub fn run(args: &RenderArgs) -> RenderReport {
    RenderReport {
        result: Project::new(&args.project).builder.generate(),
    }
}

impl RenderReport {
    /// Whether the catalog had problems or a file could not be written.
    pub fn failed(&self) -> bool {
        self.result.is_err()
    }

    /// One line per file: `wrote: PATH` or `unchanged: PATH`.
    pub fn print(&self, console: &mut Console) -> io::Result<()> {
        match &self.result {
            Ok(written) => {
                for file in written {
                    let what = match file.outcome {
                        WriteOutcome::Written => "wrote",
                        WriteOutcome::Unchanged => "unchanged",
                    };
                    console.line(format_args!("{what}: {}", shown(&file.path)))?;
                }
                Ok(())
            }
            Err(error) => crate::problems::print_build_error(error, console),
        }
    }
}
