//! Generating the artifacts from a build script, or from any program.
//!
//! In a build script, [`Builder::build_script`] writes the Rust module (the items
//! `catalog!` emits) into `OUT_DIR`, reruns when the catalog changes, and writes nothing
//! else:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), luxxon_errors_codegen::BuildError> {
//!     luxxon_errors_codegen::Builder::build_script()?.generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/errors.rs
//! include!(concat!(env!("OUT_DIR"), "/luxxon_errors.rs"));
//! ```
//!
//! A failure prints the catalog's problems located by line and column, as `catalog!` and
//! the CLI do: [`BuildError`]'s `Debug` is its `Display`, which is what `main` prints.

use std::fmt;
use std::path::PathBuf;

use crate::Catalog;
use crate::artifacts::{
    self, ArtifactError, ArtifactKind, DEFAULT_REGENERATE_COMMAND, Freshness, WriteOutcome,
};
use crate::compat::Change;
use crate::diagnostic::Diagnostics;
use crate::emit::rust::RustOptions;
use crate::model::NpmName;

/// Configures and runs artifact generation, in the style of `prost-build`.
///
/// The defaults suit the repository root: catalog `errors.yaml`, output root `.`, every
/// [`ArtifactKind`].
#[derive(Clone, Debug)]
pub struct Builder {
    pub(super) catalog: PathBuf,
    catalog_name: Option<String>,
    out_dir: PathBuf,
    kinds: Vec<ArtifactKind>,
    paths: Vec<(ArtifactKind, String)>,
    regenerate_command: String,
    emit_rerun_if_changed: bool,
    rust: RustOptions,
    npm_name: Option<NpmName>,
    pub(super) shipped_lock: Option<PathBuf>,
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
///
/// Its `Debug` is its `Display` (every problem, located) under a count: `main` and `?`
/// print `Debug`, and a build script's failure should read like the compiler's.
#[non_exhaustive]
pub enum BuildError {
    /// The catalog could not be read, or has problems.
    Catalog(Diagnostics),
    /// A generated file could not be read or written.
    Artifact(ArtifactError),
    /// The lock file of shipped codes could not be read, or has problems.
    ShippedLock(Diagnostics),
    /// `ship` was asked to rewrite the lock file for a catalog that breaks codes it
    /// lists (see [`Builder::ship_breaking`] for a new major version).
    BreaksShipped {
        /// The lock file.
        lock: PathBuf,
        /// Every breaking change since the shipped codes.
        changes: Vec<Change>,
    },
    /// An environment variable a build script needs (`OUT_DIR`, `CARGO_MANIFEST_DIR`) is
    /// not set: the program is not run by cargo as a build script.
    MissingEnvironment(&'static str),
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `main` prints `Error: ` first: a line of its own keeps the problems aligned.
        if let BuildError::Catalog(problems) = self {
            let count = problems.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            writeln!(f, "{count} {noun} in the catalog")?;
        }
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // As the CLI prints them: each problem's line under it, with a caret.
            BuildError::Catalog(problems) | BuildError::ShippedLock(problems) => {
                f.write_str(problems.with_snippets().trim_end())
            }
            BuildError::Artifact(error) => write!(f, "error: {error}"),
            BuildError::BreaksShipped { lock, changes } => {
                for (index, change) in changes.iter().enumerate() {
                    if index > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "error: {change} (shipped in {})", lock.display())?;
                }
                write!(
                    f,
                    "\n  help: the lock file was left as it is: restore the shipped codes (retire a code with `lifecycle: legacy` instead of removing it), or, for a new major version, accept the break with `luxxon-errors ship --allow-breaking` (`Builder::ship_breaking`)"
                )
            }
            BuildError::MissingEnvironment(variable) => write!(
                f,
                "error: `{variable}` is not set: `Builder::build_script` is for build scripts run by cargo"
            ),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Catalog(problems) => Some(problems),
            BuildError::Artifact(error) => Some(error),
            BuildError::ShippedLock(problems) => Some(problems),
            BuildError::BreaksShipped { .. } | BuildError::MissingEnvironment(_) => None,
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
            paths: Vec::new(),
            regenerate_command: DEFAULT_REGENERATE_COMMAND.to_owned(),
            emit_rerun_if_changed: false,
            rust: RustOptions::default(),
            npm_name: None,
            shipped_lock: None,
        }
    }

    /// A builder for a build script: the catalog `errors.yaml` of the crate being built
    /// (`CARGO_MANIFEST_DIR`), only the Rust module, written to
    /// `$OUT_DIR/luxxon_errors.rs` (include it with
    /// `include!(concat!(env!("OUT_DIR"), "/luxxon_errors.rs"))`), and
    /// `cargo:rerun-if-changed` for the catalog. Change any of it with the other methods.
    ///
    /// # Errors
    /// When `OUT_DIR` or `CARGO_MANIFEST_DIR` is not set (not run by cargo).
    pub fn build_script() -> Result<Builder, BuildError> {
        let variable = |name: &'static str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .ok_or(BuildError::MissingEnvironment(name))
        };
        let manifest_dir = variable("CARGO_MANIFEST_DIR")?;
        let out_dir = variable("OUT_DIR")?;
        let mut builder = Builder::new();
        builder
            .catalog(manifest_dir.join("errors.yaml"))
            .catalog_name("errors.yaml")
            .out_dir(out_dir)
            .artifacts([ArtifactKind::RustModule])
            .artifact_path(ArtifactKind::RustModule, "luxxon_errors.rs")
            .regenerate_command("cargo build (a build script writes this file)")
            .emit_rerun_if_changed(true);
        Ok(builder)
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

    /// Where the artifact `kind` goes: a path relative to the output root,
    /// `/`-separated, or an absolute path (default [`ArtifactKind::path`]).
    pub fn artifact_path(&mut self, kind: ArtifactKind, path: impl Into<String>) -> &mut Self {
        self.paths.retain(|(other, _)| *other != kind);
        self.paths.push((kind, path.into()));
        self
    }

    /// How the Rust module is emitted: the runtime crate's path, the generated types'
    /// names (default [`RustOptions::default`]).
    pub fn rust_options(&mut self, options: RustOptions) -> &mut Self {
        self.rust = options;
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

    /// Writes the catalog format's JSON Schema ([`ArtifactKind::CatalogSchema`]) too, at
    /// `path`: relative to the output root, or absolute. Editors check the catalog against
    /// it as it is typed once the catalog's first line names it:
    /// `# yaml-language-server: $schema=errors.schema.json` (relative to the catalog).
    ///
    /// A build script's output root is `OUT_DIR`, where no editor looks: give a path in
    /// the crate, e.g. `concat!(env!("CARGO_MANIFEST_DIR"), "/errors.schema.json")`, and
    /// commit the file. It is written only when its content changes.
    pub fn catalog_schema(&mut self, path: impl Into<String>) -> &mut Self {
        if !self.kinds.contains(&ArtifactKind::CatalogSchema) {
            self.kinds.push(ArtifactKind::CatalogSchema);
        }
        self.artifact_path(ArtifactKind::CatalogSchema, path)
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

    /// The npm package's name, in place of the catalog's `npm.name` (default: the
    /// catalog's, else `@luxxon/errors`). `check` must be given the same name, or it
    /// finds the package's files stale.
    pub fn npm_name(&mut self, name: NpmName) -> &mut Self {
        self.npm_name = Some(name);
        self
    }

    fn render(&self, catalog: &Catalog) -> Vec<artifacts::Artifact> {
        let renamed;
        let catalog = match &self.npm_name {
            Some(name) => {
                let mut copy = catalog.clone();
                copy.npm = catalog.npm.renamed(name);
                renamed = copy;
                &renamed
            }
            None => catalog,
        };
        artifacts::render(
            catalog,
            &self.kinds,
            &self.regenerate_command,
            &self.rust,
            |kind| {
                self.paths
                    .iter()
                    .find(|(other, _)| *other == kind)
                    .map(|(_, path)| path.clone())
            },
        )
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
        for artifact in self.render(&catalog) {
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
        for artifact in self.render(&catalog) {
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
