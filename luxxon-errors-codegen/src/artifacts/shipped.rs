//! The append-only guard in a repository: the lock file of shipped codes beside the
//! catalog, written at a release ([`Builder::ship`]) and compared with the catalog on
//! every check ([`Builder::check_shipped`]).

use std::path::{Path, PathBuf};

use super::write::write_if_changed;
use super::{ArtifactError, BuildError, Builder, WriteOutcome};
use crate::compat::{Change, ShippedCodes};
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::file::{self, FileProblem};
use crate::load::MAX_CATALOG_BYTES;

/// What comparing the catalog with the lock file of shipped codes found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShippedCheck {
    /// The lock file.
    pub path: PathBuf,
    /// Whether it exists; without one, nothing has shipped and nothing can break.
    pub found: bool,
    /// Every change since the shipped codes; [`Change::is_breaking`] tells which break
    /// clients.
    pub changes: Vec<Change>,
}

impl ShippedCheck {
    /// The changes that break clients.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|change| change.is_breaking())
    }
}

impl Builder {
    /// The lock file of shipped codes (default: the catalog's path with the extension
    /// `.lock`, e.g. `errors.lock` beside `errors.yaml`).
    pub fn shipped_lock(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.shipped_lock = Some(path.into());
        self
    }

    /// Where the lock file of shipped codes is.
    pub fn shipped_lock_path(&self) -> PathBuf {
        self.shipped_lock
            .clone()
            .unwrap_or_else(|| self.catalog.with_extension("lock"))
    }

    /// Compares the catalog with the lock file of shipped codes. Writes nothing.
    ///
    /// # Errors
    /// The catalog's problems, or the lock file's (unreadable, or a line that is not a
    /// shipped code).
    pub fn check_shipped(&self) -> Result<ShippedCheck, BuildError> {
        let catalog = self.load()?;
        let path = self.shipped_lock_path();
        let Some(shipped) = read_lock(&path)? else {
            return Ok(ShippedCheck {
                path,
                found: false,
                changes: Vec::new(),
            });
        };
        Ok(ShippedCheck {
            changes: catalog.changes_since_shipped(&shipped),
            path,
            found: true,
        })
    }

    /// Writes the lock file of shipped codes from the catalog: run at a release, after
    /// which `check` holds the catalog to it. `command` is named in the file's header.
    ///
    /// Refuses a catalog that breaks a code the existing lock file lists: rewriting the
    /// lock would launder the break, and `check` would pass. A deliberate break, at a new
    /// major version, goes through [`Builder::ship_breaking`].
    ///
    /// # Errors
    /// The catalog's problems, the lock file's, [`BuildError::BreaksShipped`] with every
    /// breaking change, or the file that could not be written.
    pub fn ship(&self, command: &str) -> Result<Shipped, BuildError> {
        self.ship_with(command, false)
    }

    /// Writes the lock file of shipped codes even when the catalog breaks codes it lists:
    /// for a new major version, which may drop or change shipped codes. The result lists
    /// what the new lock no longer promises.
    ///
    /// # Errors
    /// The catalog's problems, the lock file's, or the file that could not be written.
    pub fn ship_breaking(&self, command: &str) -> Result<Shipped, BuildError> {
        self.ship_with(command, true)
    }

    fn ship_with(&self, command: &str, breaking_allowed: bool) -> Result<Shipped, BuildError> {
        let catalog = self.load()?;
        let path = self.shipped_lock_path();
        let broken: Vec<Change> = match read_lock(&path)? {
            Some(shipped) => catalog
                .changes_since_shipped(&shipped)
                .into_iter()
                .filter(Change::is_breaking)
                .collect(),
            None => Vec::new(),
        };
        if !broken.is_empty() && !breaking_allowed {
            return Err(BuildError::BreaksShipped {
                lock: path,
                changes: broken,
            });
        }
        let text = ShippedCodes::of(&catalog).to_text(command);
        let outcome = write_if_changed(&path, &text)
            .map_err(|source| BuildError::Artifact(ArtifactError { path, source }))?;
        Ok(Shipped { outcome, broken })
    }
}

/// What [`Builder::ship`] or [`Builder::ship_breaking`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Shipped {
    /// Whether the lock file was written or already said the same.
    pub outcome: WriteOutcome,
    /// The breaking changes the new lock file accepted (only with
    /// [`Builder::ship_breaking`]): what clients of the previous release lose.
    pub broken: Vec<Change>,
}

/// The lock file at `path`, or `None` when there is none.
fn read_lock(path: &Path) -> Result<Option<ShippedCodes>, BuildError> {
    let name = path.display().to_string();
    let problem = |message: String| {
        BuildError::ShippedLock(Diagnostics::from(
            Diagnostic::new(&name, Position::START, message).with_help(
                "restore it from version control, or rewrite it with `luxxon-errors ship`",
            ),
        ))
    };
    let bytes = match file::read_regular(path, MAX_CATALOG_BYTES) {
        Ok(bytes) => bytes,
        Err(FileProblem::NotFound) => return Ok(None),
        Err(FileProblem::NotRegular(kind)) => {
            return Err(problem(format!(
                "the path names {}, not a lock file",
                kind.described()
            )));
        }
        Err(FileProblem::TooLarge(len)) => {
            return Err(problem(format!(
                "the lock file is {len} bytes, too large to be one"
            )));
        }
        Err(FileProblem::Io(error)) => {
            return Err(problem(format!("cannot read the lock file: {error}")));
        }
    };
    let text =
        String::from_utf8(bytes).map_err(|_| problem("the lock file is not UTF-8".to_owned()))?;
    ShippedCodes::parse(&text, &name)
        .map(Some)
        .map_err(BuildError::ShippedLock)
}
