//! The offending line of a catalog under a problem, with a caret under its column, as
//! rustc shows source. The catalog's text is read again for it: only a regular, UTF-8
//! file of at most a catalog's size, so a problem about a FIFO or a huge file just has no
//! snippet.

use std::cell::OnceCell;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use luxxon_errors_codegen::{MAX_CATALOG_BYTES, Position, Snippet, SnippetPart};

use crate::style::{Paint, Style};

/// The snippet in the terminal's colours.
pub fn painted(snippet: &Snippet, paint: Paint) -> String {
    snippet.render(|part, text| match part {
        SnippetPart::Caret => paint.paint(Style::Error, text).to_string(),
        _ => paint.paint(Style::Gutter, text).to_string(),
    })
}

/// The catalog files that problems may point into, each read at most once, by the name
/// problems call it.
#[derive(Default)]
pub struct Sources {
    files: Vec<(String, PathBuf, OnceCell<Option<String>>)>,
}

impl Sources {
    /// The file at `path`, which problems name `name`.
    pub fn add(&mut self, name: String, path: &Path) {
        self.files.push((name, path.to_path_buf(), OnceCell::new()));
    }

    /// The snippet for a problem at `position` of the file named `name`, if that line
    /// can be shown.
    pub fn snippet(&self, name: &str, position: Position, paint: Paint) -> Option<String> {
        let (_, path, text) = self.files.iter().find(|(known, ..)| known == name)?;
        let text = text.get_or_init(|| read_text(path)).as_deref()?;
        let line_number = usize::try_from(position.line).ok()?;
        let line = text.lines().nth(line_number.checked_sub(1)?)?;
        Some(painted(
            &Snippet::new(line, position.line, position.column),
            paint,
        ))
    }
}

/// The text of a regular file of at most a catalog's size, if it is UTF-8.
fn read_text(path: &Path) -> Option<String> {
    // Checked before opening: opening a FIFO would wait for a writer.
    let metadata = fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_CATALOG_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(MAX_CATALOG_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_cannot_be_shown_have_no_snippet() {
        let mut sources = Sources::default();
        sources.add("missing".to_owned(), Path::new("/no/such/file"));
        sources.add("dir".to_owned(), Path::new("/"));
        let at = Position { line: 1, column: 1 };
        assert_eq!(sources.snippet("missing", at, Paint::PLAIN), None);
        assert_eq!(sources.snippet("dir", at, Paint::PLAIN), None);
        assert_eq!(sources.snippet("unknown", at, Paint::PLAIN), None);
    }
}
