//! The project `check` and `render` work on: its catalog, the root of its generated
//! files, and the command that regenerates them.

use std::fs;
use std::path::{Component, Path, PathBuf};

use luxxon_errors_codegen::Builder;

use crate::args::ProjectArgs;

/// The program as users run it.
const PROGRAM: &str = "luxxon-errors render";

/// The catalog and generated files of one command line.
pub struct Project {
    /// Checks and generates the files.
    pub builder: Builder,
    /// The regenerate command as run from the current directory, for hints.
    pub regenerate_here: String,
    /// The catalog, named as the user would write it.
    pub catalog_name: String,
}

impl Project {
    /// The project of `args`, naming the catalog in messages as the user would write it.
    pub fn new(args: &ProjectArgs) -> Project {
        let catalog = args.catalog_path();
        let name = shown(&catalog);
        let mut builder = Builder::new();
        builder
            .catalog_name(name.clone())
            .catalog(catalog)
            .out_dir(args.root())
            .regenerate_command(regenerate_from_root(args));
        if let Some(lock) = &args.lock {
            builder.shipped_lock(lock);
        }
        if let Some(name) = &args.npm_name {
            builder.npm_name(name.clone());
        }
        Project {
            builder,
            regenerate_here: regenerate_here(args),
            catalog_name: name,
        }
    }
}

/// A path as the user would write it: without the `./` that joining onto `.` adds.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

/// The command the `@generated` headers name. It is read by someone at the root, and
/// must not depend on where `render` was run from (or `check` would find the files stale
/// when run from elsewhere): `--catalog` relative to the root, only when it is not the
/// root's `errors.yaml`.
fn regenerate_from_root(args: &ProjectArgs) -> String {
    if let Some(command) = &args.regenerate_command {
        return command.clone();
    }
    let mut command = match &args.catalog {
        None => PROGRAM.to_owned(),
        Some(catalog) => {
            let from_root = resolved(args.root())
                .zip(resolved(catalog))
                .and_then(|(root, catalog)| relative_path(&root, &catalog));
            match from_root {
                Some(path) if path == Path::new("errors.yaml") => PROGRAM.to_owned(),
                Some(path) => format!("{PROGRAM} --catalog {}", quoted(&slashed(&path))),
                // Unrelated to the root (another drive): as given is the best there is.
                None => format!("{PROGRAM} --catalog {}", quoted(&slashed(catalog))),
            }
        }
    };
    // Regenerating without it would name the package as the catalog does.
    if let Some(name) = &args.npm_name {
        command.push_str(" --npm-name ");
        command.push_str(&quoted(name.as_str()));
    }
    command
}

/// The regenerate command as run from the current directory, with the options the user
/// gave, for hints.
fn regenerate_here(args: &ProjectArgs) -> String {
    if let Some(command) = &args.regenerate_command {
        return command.clone();
    }
    let mut command = PROGRAM.to_owned();
    if let Some(root) = &args.root {
        command.push_str(" --root ");
        command.push_str(&quoted(&root.to_string_lossy()));
    }
    if let Some(catalog) = &args.catalog {
        command.push_str(" --catalog ");
        command.push_str(&quoted(&catalog.to_string_lossy()));
    }
    if let Some(name) = &args.npm_name {
        command.push_str(" --npm-name ");
        command.push_str(&quoted(name.as_str()));
    }
    command
}

/// How many missing folders at the end of a path are resolved by name; a path with
/// more is not worth the system calls.
const MAX_MISSING_COMPONENTS: usize = 64;

/// `path` absolute, with links resolved as far as it exists (`render` creates the root).
fn resolved(path: &Path) -> Option<PathBuf> {
    let mut missing = Vec::new();
    for ancestor in path.ancestors().take(MAX_MISSING_COMPONENTS) {
        let existing = if ancestor.as_os_str().is_empty() {
            Path::new(".")
        } else {
            ancestor
        };
        if let Ok(real) = fs::canonicalize(existing) {
            return Some(
                missing
                    .into_iter()
                    .rev()
                    .fold(real, |path, name| path.join(name)),
            );
        }
        missing.push(ancestor.file_name()?);
    }
    None
}

/// The relative path from the folder `from` to `to`, both absolute and resolved.
fn relative_path(from: &Path, to: &Path) -> Option<PathBuf> {
    let (mut from, mut to) = (from.components().peekable(), to.components().peekable());
    match (from.peek(), to.peek()) {
        (Some(Component::Prefix(a)), Some(Component::Prefix(b))) if a != b => return None,
        _ => {}
    }
    while from.peek().is_some() && from.peek() == to.peek() {
        from.next();
        to.next();
    }
    let up = from.map(|_| Component::ParentDir);
    Some(up.chain(to).collect())
}

/// A relative path with `/` between its parts, as the headers say it on every system.
fn slashed(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// `word` as a POSIX shell reads it back: bare when it is plain, otherwise in single
/// quotes.
fn quoted(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./,:=@%+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_only_when_needed() {
        assert_eq!(quoted("api/errors.yaml"), "api/errors.yaml");
        assert_eq!(quoted("my errors.yaml"), "'my errors.yaml'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
        assert_eq!(quoted(""), "''");
        assert_eq!(quoted("$(rm -rf /)"), "'$(rm -rf /)'");
    }

    #[test]
    fn relative_paths_go_up_then_down() {
        let path = |text: &str| PathBuf::from(text);
        assert_eq!(
            relative_path(&path("/repo"), &path("/repo/api/errors.yaml")),
            Some(path("api/errors.yaml"))
        );
        assert_eq!(
            relative_path(&path("/repo/site"), &path("/repo/errors.yaml")),
            Some(path("../errors.yaml"))
        );
    }

    #[test]
    fn a_missing_root_resolves_from_its_existing_ancestor() {
        let real = fs::canonicalize(".").unwrap();
        assert_eq!(
            resolved(Path::new("no-such-dir/deeper")),
            Some(real.join("no-such-dir/deeper"))
        );
    }

    fn args(line: &[&str]) -> ProjectArgs {
        use clap::Parser;
        let cli = crate::args::Cli::try_parse_from(["luxxon-errors", "render"].iter().chain(line))
            .unwrap();
        match cli.command {
            crate::args::Command::Render(args) => args.project,
            _ => unreachable!(),
        }
    }

    #[test]
    fn headers_name_the_command_as_run_from_the_root() {
        let here = fs::canonicalize(".").unwrap();
        let root = here.display().to_string();
        assert_eq!(regenerate_from_root(&args(&[])), "luxxon-errors render");
        assert_eq!(
            regenerate_from_root(&args(&["--root", &root, "--catalog", "Cargo.toml"])),
            "luxxon-errors render --catalog Cargo.toml"
        );
        assert_eq!(
            regenerate_from_root(&args(&["--root", "src", "--catalog", "Cargo.toml"])),
            "luxxon-errors render --catalog ../Cargo.toml"
        );
        assert_eq!(
            regenerate_from_root(&args(&["--regenerate-command", "make errors"])),
            "make errors"
        );
        assert_eq!(
            regenerate_from_root(&args(&["--npm-name", "@acme/errors"])),
            "luxxon-errors render --npm-name @acme/errors"
        );
    }

    #[test]
    fn hints_name_the_command_as_run_from_here() {
        assert_eq!(regenerate_here(&args(&[])), "luxxon-errors render");
        assert_eq!(
            regenerate_here(&args(&["--root", "my repo", "--catalog", "e.yaml"])),
            "luxxon-errors render --root 'my repo' --catalog e.yaml"
        );
    }
}
