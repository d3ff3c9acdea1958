//! Reading files that may be hostile: the catalog, and the generated files `check`
//! compares. Only regular files are read, and never more than a limit, so that a path
//! naming a FIFO, a device (`/dev/zero`, or a link to it) or a huge file gets an answer
//! instead of a hang or an exhausted memory.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub(crate) enum FileProblem {
    /// Nothing is at the path.
    NotFound,
    /// Something other than a regular file is at the path.
    NotRegular(FileKind),
    /// The file holds more bytes than the limit (at least this many).
    TooLarge(u64),
    /// Reading failed.
    Io(io::Error),
}

/// The contents of the regular file at `path` (following links), at most `limit` bytes.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, FileProblem> {
    let metadata = fs::metadata(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => FileProblem::NotFound,
        _ => FileProblem::Io(error),
    })?;
    // Checked before opening: opening a FIFO blocks until something writes to it.
    if !metadata.is_file() {
        return Err(FileProblem::NotRegular(kind(&metadata)));
    }
    if metadata.len() > limit {
        return Err(FileProblem::TooLarge(metadata.len()));
    }
    let file = fs::File::open(path).map_err(FileProblem::Io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // The limit holds for what is read too: the file may grow after `metadata`.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(FileProblem::Io)?;
    if bytes.len() as u64 > limit {
        return Err(FileProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What is at a path that is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

impl FileKind {
    /// The kind, as messages say it ("the path names a directory").
    pub(crate) fn described(self) -> &'static str {
        match self {
            FileKind::Directory => "a directory",
            FileKind::Fifo => "a named pipe (FIFO)",
            FileKind::CharacterDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Socket => "a socket",
            FileKind::Other => "something other than a regular file",
        }
    }
}

fn kind(metadata: &fs::Metadata) -> FileKind {
    if metadata.is_dir() {
        return FileKind::Directory;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return FileKind::Fifo;
        }
        if file_type.is_char_device() {
            return FileKind::CharacterDevice;
        }
        if file_type.is_block_device() {
            return FileKind::BlockDevice;
        }
        if file_type.is_socket() {
            return FileKind::Socket;
        }
    }
    FileKind::Other
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn devices_and_directories_are_refused_without_reading() {
        match read_regular(Path::new("/dev/zero"), 10) {
            Err(FileProblem::NotRegular(kind)) => assert_eq!(kind, FileKind::CharacterDevice),
            other => panic!("{other:?}"),
        }
        match read_regular(Path::new("/"), 10) {
            Err(FileProblem::NotRegular(kind)) => assert_eq!(kind, FileKind::Directory),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_regular(Path::new("/no/such/file"), 10),
            Err(FileProblem::NotFound)
        ));
    }
}
