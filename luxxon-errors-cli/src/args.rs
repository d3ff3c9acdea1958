//! The command line: `luxxon-errors <check|render> [--catalog PATH] [--root DIR]` and
//! `luxxon-errors diff OLD NEW`.

use std::path::PathBuf;

/// The usage text `--help` prints.
pub const USAGE: &str = "\
luxxon-errors: checks errors.yaml and the files generated from it

Usage: luxxon-errors <COMMAND> [OPTIONS]

Commands:
  check    Validate the catalog and verify every generated file is fresh;
           prints a diff for each stale file (exit 1 when anything is wrong)
  render   Regenerate the files; only files whose content changed are written
  diff OLD NEW
           Compare two versions of a catalog and list what changed; exit 1 when
           a change breaks clients (a shipped code removed, or its status,
           family or Rust variant changed): codes are append-only

Options:
  --catalog PATH   The catalog (default: errors.yaml under the root)
  --root DIR       The repository root the generated files live under (default: .)
  -h, --help       Print this help

Exit status: 0 success, 1 catalog problems or stale files, 2 usage error.
";

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Validate and verify freshness, writing nothing.
    Check,
    /// Write the generated files that changed.
    Render,
    /// Compare two versions of a catalog.
    Diff {
        /// The shipped catalog.
        old: PathBuf,
        /// The proposed catalog.
        new: PathBuf,
    },
}

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Print the usage.
    Help,
    /// Run a command.
    Run {
        /// Which command.
        command: Command,
        /// `--catalog`, when given.
        catalog: Option<PathBuf>,
        /// `--root`, when given.
        root: Option<PathBuf>,
    },
}

/// Parses the arguments after the program name.
///
/// # Errors
/// A message saying what is wrong with the command line.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Invocation, String> {
    let mut command = None;
    let mut positional = Vec::new();
    let mut catalog = None;
    let mut root = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(Invocation::Help),
            "--catalog" | "--root" => {
                let value = args
                    .next()
                    .filter(|value| !value.starts_with("--"))
                    .ok_or_else(|| format!("`{arg}` needs a value"))?;
                set_once(
                    if arg == "--catalog" {
                        &mut catalog
                    } else {
                        &mut root
                    },
                    &arg,
                    value,
                )?;
            }
            _ => {
                if let Some((name, value)) = arg.split_once('=')
                    && matches!(name, "--catalog" | "--root")
                {
                    set_once(
                        if name == "--catalog" {
                            &mut catalog
                        } else {
                            &mut root
                        },
                        name,
                        value.to_owned(),
                    )?;
                    continue;
                }
                let parsed = match arg.as_str() {
                    other if other.starts_with('-') => {
                        return Err(format!("unknown option `{other}`"));
                    }
                    _ if command.is_some() => {
                        positional.push(PathBuf::from(arg));
                        continue;
                    }
                    "check" | "render" | "diff" => arg,
                    other => return Err(format!("unknown command `{other}`")),
                };
                command = Some(parsed);
            }
        }
    }
    let command = match (command.as_deref(), positional.as_slice()) {
        (None, _) => return Err("missing command: `check`, `render` or `diff`".to_owned()),
        (Some("check"), []) => Command::Check,
        (Some("render"), []) => Command::Render,
        (Some("diff"), [old, new]) => Command::Diff {
            old: old.clone(),
            new: new.clone(),
        },
        (Some("diff"), _) => return Err("`diff` takes two catalogs: OLD NEW".to_owned()),
        (Some(_), [extra, ..]) => {
            return Err(format!("unexpected argument `{}`", extra.display()));
        }
        (Some(other), []) => return Err(format!("unknown command `{other}`")),
    };
    Ok(Invocation::Run {
        command,
        catalog,
        root,
    })
}

fn set_once(slot: &mut Option<PathBuf>, name: &str, value: String) -> Result<(), String> {
    if value.is_empty() {
        return Err(format!("`{name}` needs a value"));
    }
    if slot.replace(PathBuf::from(value)).is_some() {
        return Err(format!("`{name}` given twice"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Invocation, String> {
        parse(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn a_command_alone_uses_the_defaults() {
        assert_eq!(
            parse_line("check"),
            Ok(Invocation::Run {
                command: Command::Check,
                catalog: None,
                root: None
            })
        );
    }

    #[test]
    fn options_take_a_value_in_either_spelling() {
        assert_eq!(
            parse_line("--root repo render --catalog=repo/errors.yaml"),
            Ok(Invocation::Run {
                command: Command::Render,
                catalog: Some(PathBuf::from("repo/errors.yaml")),
                root: Some(PathBuf::from("repo")),
            })
        );
    }

    #[test]
    fn diff_takes_two_catalogs() {
        assert_eq!(
            parse_line("diff shipped.yaml errors.yaml"),
            Ok(Invocation::Run {
                command: Command::Diff {
                    old: PathBuf::from("shipped.yaml"),
                    new: PathBuf::from("errors.yaml"),
                },
                catalog: None,
                root: None
            })
        );
    }

    #[test]
    fn help_can_follow_the_command() {
        assert_eq!(parse_line("check --help"), Ok(Invocation::Help));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(
            parse_line(""),
            Err("missing command: `check`, `render` or `diff`".to_owned())
        );
        assert_eq!(
            parse_line("build"),
            Err("unknown command `build`".to_owned())
        );
        assert_eq!(
            parse_line("check --bogus"),
            Err("unknown option `--bogus`".to_owned())
        );
        assert_eq!(
            parse_line("check --root"),
            Err("`--root` needs a value".to_owned())
        );
        assert_eq!(
            parse_line("check render"),
            Err("unexpected argument `render`".to_owned())
        );
        assert_eq!(
            parse_line("diff old.yaml"),
            Err("`diff` takes two catalogs: OLD NEW".to_owned())
        );
        assert_eq!(
            parse_line("check --root a --root b"),
            Err("`--root` given twice".to_owned())
        );
    }
}
