//! Writing an artifact only when its file would change, and checking that a file holds
//! its artifact.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Artifact;
use super::text_diff;
use crate::file::{self, FileProblem};

/// What writing an artifact did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The file was missing or different, and now holds the artifact.
    Written,
    /// The file already held the artifact and was not touched.
    Unchanged,
}

/// Whether a file on disk holds its artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// The file holds exactly the artifact.
    Fresh,
    /// The file is not there.
    Missing,
    /// The file differs; `diff` turns the file on disk into the artifact (unified format).
    Stale {
        /// The line diff from the file on disk to what it should hold.
        diff: String,
    },
}

/// A file that could not be read or written.
#[derive(Debug)]
pub struct ArtifactError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
}

impl fmt::Display for ArtifactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for ArtifactError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl Artifact {
    /// Where the artifact goes under `root`.
    pub(crate) fn path_under(&self, root: &Path) -> PathBuf {
        if Path::new(&self.path).is_absolute() {
            return PathBuf::from(&self.path);
        }
        self.path
            .split('/')
            .fold(root.to_path_buf(), |path, part| path.join(part))
    }

    /// Writes the artifact under `root`, creating folders as needed, unless the file
    /// already holds it: an unchanged file keeps its modification time, so tools that
    /// watch it (cargo, editors, docs builds) are not woken for nothing.
    ///
    /// # Errors
    /// When the file cannot be read, or its folder created, or it cannot be written.
    pub(crate) fn write(&self, root: &Path) -> Result<WriteOutcome, ArtifactError> {
        let path = self.path_under(root);
        write_if_changed(&path, &self.contents).map_err(|source| ArtifactError { path, source })
    }

    /// Whether the file under `root` holds the artifact, with a diff when it doesn't.
    ///
    /// # Errors
    /// When the file exists but cannot be read.
    pub(crate) fn check(&self, root: &Path) -> Result<Freshness, ArtifactError> {
        let path = self.path_under(root);
        let on_disk = read_on_disk(&path, &self.contents).map_err(|source| ArtifactError {
            path: path.clone(),
            source,
        })?;
        Ok(match on_disk {
            OnDisk::Missing => Freshness::Missing,
            OnDisk::TooLarge(len) => Freshness::Stale {
                diff: format!(
                    "{}: the file on disk is {len} bytes, too large to be this artifact ({} bytes); not shown\n",
                    self.path,
                    self.contents.len()
                ),
            },
            OnDisk::Bytes(bytes) if bytes == self.contents.as_bytes() => Freshness::Fresh,
            OnDisk::Bytes(bytes) => {
                let old = String::from_utf8_lossy(&bytes);
                let mut diff = text_diff::unified(
                    &format!("{} (on disk)", self.path),
                    &format!("{} (generated)", self.path),
                    &old,
                    &self.contents,
                );
                if diff.is_empty() {
                    // Same lines, different bytes: line endings or the final newline.
                    diff = format!(
                        "{}: same lines, different line endings or final newline\n",
                        self.path
                    );
                }
                Freshness::Stale { diff }
            }
        })
    }
}

/// Writes `contents` to `path` unless the file already holds it: an unchanged file keeps
/// its modification time, so tools that watch it (cargo, editors, docs builds) are not
/// woken for nothing. A special file at `path` (a FIFO, a device) is refused, not read.
pub(crate) fn write_if_changed(path: &Path, contents: &str) -> io::Result<WriteOutcome> {
    if let OnDisk::Bytes(bytes) = read_on_disk(path, contents)?
        && bytes == contents.as_bytes()
    {
        return Ok(WriteOutcome::Unchanged);
    }
    replace_file(path, contents)?;
    Ok(WriteOutcome::Written)
}

/// Writes `contents` to `path`, creating folders as needed: beside the file, then
/// renamed over it, so that a reader never sees half a file.
fn replace_file(path: &Path, contents: &str) -> io::Result<()> {
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)?;
    }
    let mut temporary = path.to_path_buf().into_os_string();
    temporary.push(format!(".tmp{}", std::process::id()));
    let temporary = PathBuf::from(temporary);
    fs::write(&temporary, contents)?;
    if let Err(error) = fs::rename(&temporary, path) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    Ok(())
}

/// What is at an artifact's path.
enum OnDisk {
    Missing,
    Bytes(Vec<u8>),
    /// A file far larger than the artifact: stale, and not worth reading whole.
    TooLarge(u64),
}

/// The file at `path`, read only when it is a regular file and at most a catalog's size
/// beyond `expected`, what it should hold: a FIFO or a link to a device is refused, not
/// read.
fn read_on_disk(path: &Path, expected: &str) -> io::Result<OnDisk> {
    let limit = (expected.len() as u64).saturating_add(crate::MAX_CATALOG_BYTES);
    match file::read_regular(path, limit) {
        Ok(bytes) => Ok(OnDisk::Bytes(bytes)),
        Err(FileProblem::NotFound) => Ok(OnDisk::Missing),
        Err(FileProblem::TooLarge(len)) => Ok(OnDisk::TooLarge(len)),
        Err(FileProblem::NotRegular(kind)) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the path names {}, not a regular file; remove it so that the file can be written there",
                kind.described()
            ),
        )),
        Err(FileProblem::Io(error)) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;
    use crate::RustOptions;
    use crate::artifacts::{ArtifactKind, DEFAULT_REGENERATE_COMMAND, render};

    /// The docs page of [`catalog`], headed for the regenerate command `x`.
    fn docs_page_artifact() -> Artifact {
        render(
            &catalog(),
            &[ArtifactKind::DocsPage],
            "x",
            &RustOptions::default(),
            |_| None,
        )
        .remove(0)
    }

    fn catalog() -> Catalog {
        Catalog::parse(
            "families:\n  - id: auth\n    title: Auth\ncodes:\n  - code: NOT_AUTHENTICATED\n    status: 401\n    family: auth\n    meaning: Missing credential.\n",
            "errors.yaml",
        )
        .unwrap()
    }

    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "luxxon-errors-codegen-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writing_twice_changes_nothing_the_second_time() {
        let root = scratch_dir("write");
        let artifacts = render(
            &catalog(),
            &ArtifactKind::ALL,
            DEFAULT_REGENERATE_COMMAND,
            &RustOptions::default(),
            |_| None,
        );
        for artifact in &artifacts {
            assert_eq!(artifact.check(&root).unwrap(), Freshness::Missing);
            assert_eq!(artifact.write(&root).unwrap(), WriteOutcome::Written);
            assert_eq!(artifact.write(&root).unwrap(), WriteOutcome::Unchanged);
            assert_eq!(artifact.check(&root).unwrap(), Freshness::Fresh);
        }
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_file_with_other_line_endings_is_stale() {
        let root = scratch_dir("endings");
        let artifact = &docs_page_artifact();
        artifact.write(&root).unwrap();
        fs::write(
            artifact.path_under(&root),
            artifact.contents.replace('\n', "\r\n"),
        )
        .unwrap();
        let Freshness::Stale { diff } = artifact.check(&root).unwrap() else {
            panic!("expected a stale file");
        };
        assert!(diff.contains("line endings"), "{diff}");
        fs::remove_dir_all(&root).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn special_files_at_an_artifact_path_are_refused_not_read() {
        let root = scratch_dir("special");
        let artifact = &docs_page_artifact();
        let path = artifact.path_under(&root);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo");
        for error in [
            artifact.check(&root).unwrap_err(),
            artifact.write(&root).unwrap_err(),
        ] {
            assert!(
                error
                    .to_string()
                    .contains("names a named pipe (FIFO), not a regular file"),
                "{error}"
            );
        }
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let error = artifact.check(&root).unwrap_err();
        assert!(error.to_string().contains("a character device"), "{error}");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_huge_stale_file_is_reported_without_being_read_whole() {
        let root = scratch_dir("huge");
        let artifact = &docs_page_artifact();
        let path = artifact.path_under(&root);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let huge = artifact.contents.len() + usize::try_from(crate::MAX_CATALOG_BYTES).unwrap() + 1;
        fs::write(&path, vec![b'x'; huge]).unwrap();
        let Freshness::Stale { diff } = artifact.check(&root).unwrap() else {
            panic!("expected a stale file");
        };
        assert!(diff.contains("too large to be this artifact"), "{diff}");
        assert_eq!(artifact.write(&root).unwrap(), WriteOutcome::Written);
        assert_eq!(artifact.check(&root).unwrap(), Freshness::Fresh);
        fs::remove_dir_all(&root).unwrap();
    }
}
