//! Reading a catalog file from disk, with the limits that keep a hostile file from
//! stalling a build.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Position};
use crate::file::{self, FileKind, FileProblem};

/// The largest catalog file accepted, in bytes (1 MiB; the Luxxon catalog is about 9 KiB).
pub const MAX_CATALOG_BYTES: u64 = 1024 * 1024;

/// Reads the catalog at `path`; `display` is how the path is named in messages.
pub(crate) fn read(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let at_start = |message: String| Diagnostic::new(display, Position::START, message);
    let bytes = match file::read_regular(path, MAX_CATALOG_BYTES) {
        Ok(bytes) => bytes,
        Err(FileProblem::NotFound) => {
            return Err(at_start(format!(
                "catalog file not found (looked for `{}`)",
                path.display()
            ))
            .with_help("create the file, or fix the path"));
        }
        Err(FileProblem::NotRegular(FileKind::Directory)) => {
            return Err(
                at_start("the path names a directory, not a catalog file".to_owned())
                    .with_help("name the YAML file itself, e.g. `errors.yaml`"),
            );
        }
        Err(FileProblem::NotRegular(kind)) => {
            return Err(at_start(format!(
                "the path names {}, not a catalog file; only regular files are read",
                kind.described()
            ))
            .with_help("name the YAML file itself, e.g. `errors.yaml`"));
        }
        Err(FileProblem::TooLarge(len)) => return Err(too_large(display, len)),
        Err(FileProblem::Io(error)) => return Err(unreadable(display, &error)),
    };
    decode(bytes, display)
}

/// Turns the file's bytes into text, refusing anything that is not UTF-8.
pub(crate) fn decode(bytes: Vec<u8>, display: &str) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let (valid, rest) = bytes.split_at(error.utf8_error().valid_up_to().min(bytes.len()));
        // The prefix is valid UTF-8 by construction; the fallback is never taken.
        let prefix = std::str::from_utf8(valid).unwrap_or("");
        let byte = rest
            .first()
            .map_or_else(String::new, |byte| format!(" (invalid byte 0x{byte:02X})"));
        Diagnostic::new(
            display,
            position_after(prefix),
            format!("the catalog is not valid UTF-8{byte}"),
        )
        .with_help("save the file as UTF-8")
    })
}

/// Checks that a catalog's text has content and fits the size limit.
pub(crate) fn check_text(text: &str, display: &str) -> Result<(), Diagnostic> {
    if text.len() as u64 > MAX_CATALOG_BYTES {
        return Err(too_large(display, text.len() as u64));
    }
    let has_content = text
        .lines()
        .any(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'));
    if !has_content {
        return Err(Diagnostic::new(display, Position::START, "the catalog is empty")
            .with_help("a catalog needs at least `families:` and `codes:`; see the README's catalog schema"));
    }
    Ok(())
}

fn unreadable(display: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        display,
        Position::START,
        format!("cannot read the catalog file: {error}"),
    )
    .with_help("check that the file is readable by the user running the build")
}

fn too_large(display: &str, len: u64) -> Diagnostic {
    Diagnostic::new(
        display,
        Position::START,
        format!("the catalog is {len} bytes, over the limit of {MAX_CATALOG_BYTES} bytes (1 MiB)"),
    )
    .with_help("a catalog is a list of error codes; a file this large is not one")
}

/// The position just after `text`: where the first byte that follows it sits.
fn position_after(text: &str) -> Position {
    let line = text.matches('\n').count() + 1;
    let column = text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    Position::new(line as u64, column as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder for one test's files.
    fn scratch(test: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "luxxon-errors-source-{}-{test}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn invalid_utf8_is_located_at_the_bad_byte() {
        let error = decode(b"codes:\n  - x\xFF".to_vec(), "e.yaml").unwrap_err();
        assert_eq!(error.position, Position { line: 2, column: 6 });
        assert!(error.message.contains("0xFF"), "{}", error.message);
        let truncated = decode(b"a: \xC3".to_vec(), "e.yaml").unwrap_err();
        assert_eq!(truncated.position, Position { line: 1, column: 4 });
    }

    #[test]
    fn comments_only_is_empty() {
        assert!(check_text("# nothing\n\n   \n", "e.yaml").is_err());
        assert!(check_text("", "e.yaml").is_err());
        assert!(check_text("codes: []\n", "e.yaml").is_ok());
    }

    #[test]
    fn files_that_are_not_catalogs_are_refused_with_advice() {
        let dir = scratch("not-catalogs");
        let missing = read(&dir.join("absent.yaml"), "absent.yaml").unwrap_err();
        assert!(
            missing.message.starts_with("catalog file not found"),
            "{missing}"
        );
        let directory = read(&dir, "errors.yaml").unwrap_err();
        assert_eq!(
            directory.message,
            "the path names a directory, not a catalog file"
        );
        for error in [missing, directory] {
            assert_eq!(error.position, Position::START);
            assert!(error.help.is_some(), "{error}");
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_being_opened() {
        let dir = scratch("special");
        let fifo = dir.join("errors.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo");
        // Opening a FIFO blocks until a writer comes: an answer at all proves it was not.
        let error = read(&fifo, "errors.yaml").unwrap_err();
        assert_eq!(
            error.message,
            "the path names a named pipe (FIFO), not a catalog file; only regular files are read"
        );
        let link = dir.join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let error = read(&link, "zero.yaml").unwrap_err();
        assert!(
            error
                .message
                .starts_with("the path names a character device"),
            "{error}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_without_reading_it() {
        let dir = scratch("too-large");
        let path = dir.join("errors.yaml");
        let limit = usize::try_from(MAX_CATALOG_BYTES).unwrap();
        let mut text = "# padding\n".repeat(limit / 10 + 1);
        std::fs::write(&path, &text).unwrap();
        let error = read(&path, "errors.yaml").unwrap_err();
        assert_eq!(
            error.message,
            format!(
                "the catalog is {} bytes, over the limit of {MAX_CATALOG_BYTES} bytes (1 MiB)",
                text.len()
            )
        );
        // A file of exactly the limit is read.
        text.truncate(limit);
        std::fs::write(&path, &text).unwrap();
        assert_eq!(read(&path, "errors.yaml").unwrap().len(), limit);
        // Text handed to `Catalog::parse` is held to the same limit.
        text.push('\n');
        assert!(check_text(&text, "errors.yaml").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
