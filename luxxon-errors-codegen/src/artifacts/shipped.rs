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
    /// # Errors
    /// The catalog's problems, or the file that could not be written.
    pub fn ship(&self, command: &str) -> Result<WriteOutcome, BuildError> {
        let catalog = self.load()?;
        let path = self.shipped_lock_path();
        let text = ShippedCodes::of(&catalog).to_text(command);
        write_if_changed(&path, &text)
            .map_err(|source| BuildError::Artifact(ArtifactError { path, source }))
    }
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
