//! Generating the artifacts from a build script, or from any program.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     luxxon_errors_codegen::Builder::new()
//!         .catalog("errors.yaml")
//!         .out_dir(std::env::var("OUT_DIR")?)
//!         .emit_rerun_if_changed(true)
//!         .generate()?;
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::path::PathBuf;

use crate::Catalog;
use crate::artifacts::{
    self, ArtifactError, ArtifactKind, DEFAULT_REGENERATE_COMMAND, Freshness, WriteOutcome,
};
use crate::diagnostic::Diagnostics;

/// Configures and runs artifact generation, in the style of `prost-build`.
///
/// The defaults suit the repository root: catalog `errors.yaml`, output root `.`, every
/// [`ArtifactKind`].
#[derive(Clone, Debug)]
pub struct Builder {
    catalog: PathBuf,
    catalog_name: Option<String>,
    out_dir: PathBuf,
    kinds: Vec<ArtifactKind>,
    regenerate_command: String,
    emit_rerun_if_changed: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

/// What [`Builder::generate`] did to one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The artifact.
    pub kind: ArtifactKind,
    /// Where it is.
    pub path: PathBuf,
    /// Whether the file was written or already held the artifact.
    pub outcome: WriteOutcome,
}

/// A file that [`Builder::check`] found missing or stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleArtifact {
    /// The artifact.
    pub kind: ArtifactKind,
    /// Where it is.
    pub path: PathBuf,
    /// Missing, or stale with the diff that would bring it up to date.
    pub freshness: Freshness,
}

/// Why generating or checking could not be done.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The catalog could not be read, or has problems.
    Catalog(Diagnostics),
    /// A generated file could not be read or written.
    Artifact(ArtifactError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Catalog(problems) => problems.fmt(f),
            BuildError::Artifact(error) => write!(f, "error: {error}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Catalog(problems) => Some(problems),
            BuildError::Artifact(error) => Some(error),
        }
    }
}

impl From<Diagnostics> for BuildError {
    fn from(problems: Diagnostics) -> Self {
        BuildError::Catalog(problems)
    }
}

impl From<ArtifactError> for BuildError {
    fn from(error: ArtifactError) -> Self {
        BuildError::Artifact(error)
    }
}

impl Builder {
    /// A builder with the defaults.
    pub fn new() -> Builder {
        Builder {
            catalog: PathBuf::from("errors.yaml"),
            catalog_name: None,
            out_dir: PathBuf::from("."),
            kinds: ArtifactKind::ALL.to_vec(),
            regenerate_command: DEFAULT_REGENERATE_COMMAND.to_owned(),
            emit_rerun_if_changed: false,
        }
    }

    /// The catalog file (default `errors.yaml`).
    pub fn catalog(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.catalog = path.into();
        self
    }

    /// How messages name the catalog (default: its path as given to
    /// [`Builder::catalog`]).
    pub fn catalog_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.catalog_name = Some(name.into());
        self
    }

    /// The root the artifacts' relative paths start from (default `.`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = dir.into();
        self
    }

    /// Which artifacts to generate or check (default: all), in this order.
    pub fn artifacts(&mut self, kinds: impl IntoIterator<Item = ArtifactKind>) -> &mut Self {
        self.kinds.clear();
        for kind in kinds {
            if !self.kinds.contains(&kind) {
                self.kinds.push(kind);
            }
        }
        self
    }

    /// The command the `@generated` headers name (default
    /// [`DEFAULT_REGENERATE_COMMAND`]).
    pub fn regenerate_command(&mut self, command: impl Into<String>) -> &mut Self {
        self.regenerate_command = command.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed=<catalog>`, so a build script reruns
    /// when the catalog changes (default `false`: only build scripts want it).
    pub fn emit_rerun_if_changed(&mut self, emit: bool) -> &mut Self {
        self.emit_rerun_if_changed = emit;
        self
    }

    /// Loads the catalog, as [`Builder::generate`] and [`Builder::check`] do.
    ///
    /// # Errors
    /// Every problem of the catalog.
    pub fn load(&self) -> Result<Catalog, Diagnostics> {
        if self.emit_rerun_if_changed {
            println!("cargo:rerun-if-changed={}", self.catalog.display());
        }
        let name = self
            .catalog_name
            .clone()
            .unwrap_or_else(|| self.catalog.display().to_string());
        Catalog::load_named(&self.catalog, &name)
    }

    /// Writes every artifact whose file is missing or different; leaves the others
    /// untouched. Returns what happened to each, in order.
    ///
    /// # Errors
    /// The catalog's problems (then nothing is written), or the first file that could
    /// not be written.
    pub fn generate(&self) -> Result<Vec<Written>, BuildError> {
        let catalog = self.load()?;
        let mut written = Vec::with_capacity(self.kinds.len());
        for artifact in artifacts::render(&catalog, &self.kinds, &self.regenerate_command) {
            let outcome = artifact.write(&self.out_dir)?;
            written.push(Written {
                kind: artifact.kind,
                path: artifact.path_under(&self.out_dir),
                outcome,
            });
        }
        Ok(written)
    }

    /// The artifacts whose files are missing or stale (empty when all are fresh);
    /// writes nothing.
    ///
    /// # Errors
    /// The catalog's problems, or a file that exists but could not be read.
    pub fn check(&self) -> Result<Vec<StaleArtifact>, BuildError> {
        let catalog = self.load()?;
        let mut stale = Vec::new();
        for artifact in artifacts::render(&catalog, &self.kinds, &self.regenerate_command) {
            let freshness = artifact.check(&self.out_dir)?;
            if freshness != Freshness::Fresh {
                stale.push(StaleArtifact {
                    kind: artifact.kind,
                    path: artifact.path_under(&self.out_dir),
                    freshness,
                });
            }
        }
        Ok(stale)
    }
}
