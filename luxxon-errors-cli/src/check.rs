//! `check`: the catalog is valid and every generated file is fresh.

use std::io;

use luxxon_errors_codegen::{BuildError, Freshness, ShippedCheck, StaleArtifact};
use serde::Serialize;

use crate::args::{CheckArgs, Format};
use crate::console::Console;
use crate::problems::{self, Problem};
use crate::project::{Project, shown};

/// What `check` found.
pub struct CheckReport {
    project: Project,
    result: Result<Vec<StaleArtifact>, BuildError>,
    /// The catalog against the lock file of shipped codes.
    shipped: Result<ShippedCheck, BuildError>,
    format: Format,
}

/// `3 stale files`, `1 breaking change`.
fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// Checks the project named by `args`, writing nothing.
pub fn run(args: &CheckArgs) -> CheckReport {
    let project = Project::new(&args.project);
    CheckReport {
        result: project.builder.check(),
        shipped: project.builder.check_shipped(),
        project,
        format: args.format,
    }
}

impl CheckReport {
    /// Whether anything is wrong: catalog problems, a stale or missing file, or a file
    /// that could not be read.
    pub fn failed(&self) -> bool {
        let fresh = matches!(&self.result, Ok(stale) if stale.is_empty());
        let kept = matches!(&self.shipped, Ok(shipped) if shipped.breaking().next().is_none());
        !(fresh && kept)
    }

    /// Prints the report in its format.
    pub fn print(&self, console: &mut Console) -> io::Result<()> {
        match self.format {
            Format::Human => self.print_human(console),
            Format::Json => console.json(&self.to_json()),
        }
    }

    /// `ok: ...` on stdout; or, on stderr: whether the catalog itself is valid, the stale
    /// files, the broken shipped codes, the hint that fits what was found (the last
    /// problem's), and a summary line.
    fn print_human(&self, console: &mut Console) -> io::Result<()> {
        let stale = match &self.result {
            Ok(stale) => stale,
            Err(error) => {
                return problems::print_build_error(error, console);
            }
        };
        let breaking = self.breaking_changes();
        if stale.is_empty() && matches!(breaking, Ok(0)) {
            return console.success("the catalog is valid and every generated file is fresh");
        }
        // Said first: a new catalog has no generated files yet, and its author wants to
        // know whether the catalog itself is right before anything else.
        console.note(format_args!(
            "{}: the catalog is valid",
            self.project.catalog_name
        ))?;
        for artifact in stale {
            let path = shown(&artifact.path);
            match &artifact.freshness {
                Freshness::Missing => {
                    console.error(format_args!("{path} is missing ({})", artifact.kind))?;
                }
                Freshness::Stale { diff } => {
                    console.error(format_args!("{path} is stale ({})", artifact.kind))?;
                    console.diff(diff)?;
                }
                Freshness::Fresh => {}
            }
        }
        if !stale.is_empty() && !matches!(breaking, Ok(count) if count > 0) {
            console.help(format_args!(
                "run `{}` and commit the result",
                self.project.regenerate_here
            ))?;
        }
        let broken = self.print_breaking(console, !stale.is_empty())?;
        let mut failures = Vec::new();
        match breaking {
            Ok(0) => {}
            Ok(count) => failures.push(counted(count, "breaking change")),
            Err(()) => failures.push("an unreadable lock file".to_owned()),
        }
        let missing = stale
            .iter()
            .filter(|artifact| matches!(artifact.freshness, Freshness::Missing))
            .count();
        if missing > 0 {
            failures.push(counted(missing, "missing file"));
        }
        if stale.len() > missing {
            failures.push(counted(stale.len() - missing, "stale file"));
        }
        debug_assert!(broken || !failures.is_empty());
        console.error(format_args!("check failed: {}", failures.join(", ")))
    }

    /// How many changes break shipped codes; `Err` when the lock file could not be read.
    fn breaking_changes(&self) -> Result<usize, ()> {
        match &self.shipped {
            Ok(shipped) => Ok(shipped.breaking().count()),
            // The catalog's own problems are reported once, from the freshness check.
            Err(BuildError::Catalog(_)) => Ok(0),
            Err(_) => Err(()),
        }
    }

    /// Every breaking change since the shipped codes, or why the lock file could not be
    /// read, with the hint that fits; whether there was any. `also_stale`: generated
    /// files are stale too, which the hint mentions after the break.
    fn print_breaking(&self, console: &mut Console, also_stale: bool) -> io::Result<bool> {
        let shipped = match &self.shipped {
            Ok(shipped) => shipped,
            Err(BuildError::Catalog(_)) => return Ok(false),
            Err(error) => {
                crate::problems::print_build_error(error, console)?;
                return Ok(true);
            }
        };
        let mut broken = false;
        for change in shipped.breaking() {
            broken = true;
            console.error(format_args!(
                "{}: {change} (shipped in {})",
                self.project.catalog_name,
                shown(&shipped.path)
            ))?;
        }
        if broken {
            let then = if also_stale {
                format!(
                    "; then run `{}` for the stale files",
                    self.project.regenerate_here
                )
            } else {
                String::new()
            };
            console.help(format_args!(
                "codes are append-only: restore the shipped code as it shipped (retire a code with `lifecycle: legacy` instead of removing it); only a new major version may break one, with `luxxon-errors ship --allow-breaking`{then}"
            ))?;
        }
        Ok(broken)
    }

    fn to_json(&self) -> CheckJson<'_> {
        let mut json = CheckJson {
            ok: !self.failed(),
            problems: Vec::new(),
            stale: Vec::new(),
            unreadable: Vec::new(),
            breaking: Vec::new(),
        };
        match &self.shipped {
            Ok(shipped) => {
                json.breaking = shipped
                    .breaking()
                    .map(|change| BreakingJson {
                        code: change.code(),
                        kind: change.kind(),
                        message: change.to_string(),
                    })
                    .collect();
            }
            Err(BuildError::Catalog(_)) => {}
            Err(error) => json.unreadable.push(UnreadableJson {
                path: Some(shown(&self.project.builder.shipped_lock_path())),
                message: error.to_string(),
            }),
        }
        match &self.result {
            Ok(stale) => json.stale = stale.iter().map(StaleJson::from).collect(),
            Err(BuildError::Catalog(problems)) => {
                json.problems = problems.iter().map(Problem::from).collect();
            }
            Err(BuildError::Artifact(error)) => json.unreadable.push(UnreadableJson {
                path: Some(shown(&error.path)),
                message: error.source.to_string(),
            }),
            // A kind of failure this build does not know yet: reported, never dropped.
            Err(other) => json.unreadable.push(UnreadableJson {
                path: None,
                message: other.to_string(),
            }),
        }
        json
    }
}

/// `check --format json`: see the crate's README for the shape.
#[derive(Serialize)]
struct CheckJson<'a> {
    ok: bool,
    problems: Vec<Problem<'a>>,
    stale: Vec<StaleJson<'a>>,
    unreadable: Vec<UnreadableJson>,
    /// Changes since the shipped codes (the lock file) that break clients.
    breaking: Vec<BreakingJson<'a>>,
}

#[derive(Serialize)]
struct BreakingJson<'a> {
    code: &'a str,
    kind: &'static str,
    message: String,
}

#[derive(Serialize)]
struct StaleJson<'a> {
    path: String,
    /// The artifact's name in messages, as an identifier (`docs_page`).
    kind: String,
    state: &'static str,
    diff: Option<&'a str>,
}

impl<'a> From<&'a StaleArtifact> for StaleJson<'a> {
    fn from(artifact: &'a StaleArtifact) -> Self {
        let (state, diff) = match &artifact.freshness {
            Freshness::Missing => ("missing", None),
            Freshness::Stale { diff } => ("stale", Some(diff.as_str())),
            Freshness::Fresh => ("fresh", None),
        };
        StaleJson {
            path: shown(&artifact.path),
            kind: artifact.kind.id().to_owned(),
            state,
            diff,
        }
    }
}

#[derive(Serialize)]
struct UnreadableJson {
    path: Option<String>,
    message: String,
}
