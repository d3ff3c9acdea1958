//! A catalog's problems, for people (with the offending line) and as JSON.

use std::io;

use luxxon_errors_codegen::{BuildError, Diagnostic, Diagnostics};
use serde::Serialize;

use crate::console::Console;
use crate::snippet::painted;

/// Prints the catalog's problems with their count, or the file that could not be read
/// or written.
pub fn print_build_error(error: &BuildError, console: &mut Console) -> io::Result<()> {
    match error {
        BuildError::Catalog(problems) => {
            print(problems, console)?;
            let count = problems.len();
            console.error(format_args!(
                "{count} problem{} in the catalog",
                if count == 1 { "" } else { "s" }
            ))
        }
        BuildError::Artifact(error) => console.error(error),
        // A failure this build does not know yet prints as the codegen crate says it.
        other => console.error(other.to_string().trim_start_matches("error: ")),
    }
}

/// Prints every problem: where it is, what is wrong, the line it is on (which the
/// problems keep from the text they were found in), and how to fix it.
pub fn print(problems: &Diagnostics, console: &mut Console) -> io::Result<()> {
    for problem in problems {
        console.error(format_args!(
            "{}:{}: {}",
            problem.path, problem.position, problem.message
        ))?;
        let paint = console.err_paint();
        if let Some(snippet) = problems.snippet(problem) {
            console.snippet(&painted(&snippet, paint))?;
        }
        if let Some(help) = &problem.help {
            console.help(help)?;
        }
    }
    Ok(())
}

/// One problem as JSON: `{"path", "line", "column", "message", "help"}`.
#[derive(Serialize)]
pub struct Problem<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for Problem<'a> {
    fn from(diagnostic: &'a Diagnostic) -> Self {
        Problem {
            path: &diagnostic.path,
            line: diagnostic.position.line,
            column: diagnostic.position.column,
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
        }
    }
}
