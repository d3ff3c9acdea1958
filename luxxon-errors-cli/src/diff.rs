//! `diff OLD NEW`: the append-only guard.

use std::io;
use std::path::Path;

use luxxon_errors_codegen::{Catalog, Change, Diagnostics};
use serde::Serialize;

use crate::args::{DiffArgs, Format};
use crate::console::Console;
use crate::problems::{self, Problem};
use crate::project::shown;

/// What `diff` found.
pub struct DiffReport {
    /// The changes, or the problems of whichever catalogs could not be loaded.
    result: Result<Vec<Change>, Vec<Diagnostics>>,
    format: Format,
}

/// Compares the two catalogs of `args`.
pub fn run(args: &DiffArgs) -> DiffReport {
    let load = |path: &Path| Catalog::load_named(path, &shown(path));
    let result = match (load(&args.old), load(&args.new)) {
        (Ok(old), Ok(new)) => Ok(new.changes_since(&old)),
        (old, new) => Err([old.err(), new.err()].into_iter().flatten().collect()),
    };
    DiffReport {
        result,
        format: args.format,
    }
}

impl DiffReport {
    /// Whether a catalog had problems or a change breaks clients.
    pub fn failed(&self) -> bool {
        match &self.result {
            Ok(changes) => breaking(changes) > 0,
            Err(_) => true,
        }
    }

    /// Prints the report in its format.
    pub fn print(&self, console: &mut Console) -> io::Result<()> {
        match self.format {
            Format::Human => self.print_human(console),
            Format::Json => console.json(&self.to_json()),
        }
    }

    /// Compatible changes on stdout, breaking ones and problems on stderr.
    fn print_human(&self, console: &mut Console) -> io::Result<()> {
        let changes = match &self.result {
            Ok(changes) => changes,
            Err(problems) => {
                for problems in problems {
                    problems::print(problems, console)?;
                }
                return Ok(());
            }
        };
        if changes.is_empty() {
            return console.success("no changes to the codes");
        }
        for change in changes {
            if change.is_breaking() {
                console.error(change)?;
            } else {
                console.line(change)?;
            }
        }
        match breaking(changes) {
            0 => Ok(()),
            count => console.error(format_args!(
                "{count} breaking change{}: shipped codes are append-only",
                if count == 1 { "" } else { "s" }
            )),
        }
    }

    fn to_json(&self) -> DiffJson<'_> {
        let (changes, problems) = match &self.result {
            Ok(changes) => (changes.iter().map(ChangeJson::from).collect(), Vec::new()),
            Err(problems) => (
                Vec::new(),
                problems.iter().flatten().map(Problem::from).collect(),
            ),
        };
        DiffJson {
            ok: !self.failed(),
            breaking: changes
                .iter()
                .any(|change: &ChangeJson<'_>| change.breaking),
            problems,
            changes,
        }
    }
}

/// How many of `changes` break clients.
fn breaking(changes: &[Change]) -> usize {
    changes.iter().filter(|change| change.is_breaking()).count()
}

/// `diff --format json`: see the crate's README for the shape.
#[derive(Serialize)]
struct DiffJson<'a> {
    ok: bool,
    breaking: bool,
    problems: Vec<Problem<'a>>,
    changes: Vec<ChangeJson<'a>>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    code: &'a str,
    kind: &'static str,
    breaking: bool,
    message: String,
}

impl<'a> From<&'a Change> for ChangeJson<'a> {
    fn from(change: &'a Change) -> Self {
        ChangeJson {
            code: change.code(),
            kind: change.kind(),
            breaking: change.is_breaking(),
            message: change.to_string(),
        }
    }
}
