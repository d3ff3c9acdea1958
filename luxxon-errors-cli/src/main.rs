//! The `luxxon-errors` command: checks `errors.yaml` and the files generated from it (the
//! docs page, TypeScript types, JSON Schema and OpenAPI fragment), and regenerates them.
//!
//! Run it from the repository root: `cargo run -p luxxon-errors-cli -- check` (what CI
//! runs) or `cargo run -p luxxon-errors-cli -- render`. See `luxxon-errors --help`.

mod args;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use args::{Command, Invocation};
use luxxon_errors_codegen::{BuildError, Builder, Catalog, Freshness, WriteOutcome};

/// Exit status for catalog problems, stale files and I/O failures.
const FAILURE: u8 = 1;
/// Exit status for a command line that could not be understood.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    match args::parse(std::env::args().skip(1)) {
        Ok(Invocation::Help) => {
            print!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(Invocation::Run {
            command,
            catalog,
            root,
        }) => {
            let builder = builder(catalog, root);
            match command {
                Command::Check => check(&builder),
                Command::Render => render(&builder),
                Command::Diff { old, new } => diff(&old, &new),
            }
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{}", args::USAGE);
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// A builder for the catalog and root of the command line: the catalog defaults to
/// `errors.yaml` under the root, named in messages as the user would write it.
fn builder(catalog: Option<PathBuf>, root: Option<PathBuf>) -> Builder {
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let catalog = catalog.unwrap_or_else(|| root.join("errors.yaml"));
    let mut builder = Builder::new();
    builder
        .catalog_name(shown(&catalog))
        .catalog(catalog)
        .out_dir(root);
    builder
}

fn check(builder: &Builder) -> ExitCode {
    let stale = match builder.check() {
        Ok(stale) => stale,
        Err(error) => return failed(&error),
    };
    if stale.is_empty() {
        println!("ok: the catalog is valid and every generated file is fresh");
        return ExitCode::SUCCESS;
    }
    for artifact in &stale {
        match &artifact.freshness {
            Freshness::Missing => {
                eprintln!(
                    "error: {} is missing ({})",
                    shown(&artifact.path),
                    artifact.kind
                );
            }
            Freshness::Stale { diff } => {
                eprintln!(
                    "error: {} is stale ({})",
                    shown(&artifact.path),
                    artifact.kind
                );
                eprint!("{diff}");
            }
            Freshness::Fresh => {}
        }
    }
    eprintln!("  help: run `cargo run -p luxxon-errors-cli -- render` and commit the result");
    ExitCode::from(FAILURE)
}

fn render(builder: &Builder) -> ExitCode {
    match builder.generate() {
        Ok(written) => {
            for file in &written {
                let what = match file.outcome {
                    WriteOutcome::Written => "wrote",
                    WriteOutcome::Unchanged => "unchanged",
                };
                println!("{what}: {}", shown(&file.path));
            }
            ExitCode::SUCCESS
        }
        Err(error) => failed(&error),
    }
}

/// The append-only guard: lists every change from `old` to `new`, failing on breaking ones.
fn diff(old: &Path, new: &Path) -> ExitCode {
    let load = |path: &Path| {
        Catalog::load(path).map_err(|problems| {
            eprintln!("{problems}");
            ExitCode::from(FAILURE)
        })
    };
    let (old, new) = match (load(old), load(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let changes = new.changes_since(&old);
    if changes.is_empty() {
        println!("ok: no changes to the codes");
        return ExitCode::SUCCESS;
    }
    let mut breaking = 0;
    for change in &changes {
        if change.is_breaking() {
            breaking += 1;
            eprintln!("error: {change}");
        } else {
            println!("{change}");
        }
    }
    if breaking == 0 {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "error: {breaking} breaking change{}: shipped codes are append-only",
        if breaking == 1 { "" } else { "s" }
    );
    ExitCode::from(FAILURE)
}

fn failed(error: &BuildError) -> ExitCode {
    eprintln!("{error}");
    if let BuildError::Catalog(problems) = error {
        let count = problems.len();
        eprintln!(
            "error: {count} problem{} in the catalog",
            if count == 1 { "" } else { "s" }
        );
    }
    ExitCode::from(FAILURE)
}

/// A path as the user would write it: without the `./` that joining onto `.` adds.
fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}
