//! The offending line of a catalog under a problem, with a caret under its column, as
//! rustc shows source. The catalog's text is read again for it: only a regular, UTF-8
//! file of at most a catalog's size, so a problem about a FIFO or a huge file just has no
//! snippet.

use std::cell::OnceCell;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use luxxon_errors_codegen::{MAX_CATALOG_BYTES, Position};

use crate::console::reorders;
use crate::style::{Paint, Style};

/// At most this many characters of a line are shown: a window around the column.
const MAX_SHOWN_CHARS: usize = 100;
/// How many characters of the window come before the column, when the line is cut.
const CHARS_BEFORE_COLUMN: usize = 40;

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
        let column = usize::try_from(position.column).unwrap_or(usize::MAX);
        Some(render(line, position.line, column, paint))
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

/// Three lines: a bar, the line with its number, and a caret under `column` (1-based,
/// in characters).
fn render(line: &str, line_number: u32, column: usize, paint: Paint) -> String {
    let chars: Vec<char> = line.chars().map(shown_char).collect();
    let column = column.clamp(1, chars.len() + 1) - 1;
    let (start, end) = if chars.len() <= MAX_SHOWN_CHARS {
        (0, chars.len())
    } else {
        let start = column
            .saturating_sub(CHARS_BEFORE_COLUMN)
            .min(chars.len() - MAX_SHOWN_CHARS);
        (start, start + MAX_SHOWN_CHARS)
    };
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    let caret_at = column - start + usize::from(start > 0);
    let number = line_number.to_string();
    let blank = " ".repeat(number.len());
    let bar = paint.paint(Style::Gutter, "|");
    format!(
        "{blank} {bar}\n{} {bar} {shown}\n{blank} {bar} {}{}\n",
        paint.paint(Style::Gutter, &number),
        " ".repeat(caret_at),
        paint.paint(Style::Error, "^"),
    )
}

/// A character as it can be shown on one column of a terminal: a tab as a space, and
/// control and bidirectional-override characters (which could rewrite the terminal or
/// reorder the line) as `�`.
fn shown_char(c: char) -> char {
    match c {
        '\t' => ' ',
        _ if c.is_control() || reorders(c) => '\u{FFFD}',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(line: &str, column: usize) -> String {
        render(line, 12, column, Paint::PLAIN)
    }

    #[test]
    fn the_caret_is_under_the_column() {
        assert_eq!(
            plain("    status: 42", 13),
            "   |\n12 |     status: 42\n   |             ^\n"
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(plain("é: x", 4), "   |\n12 | é: x\n   |    ^\n");
    }

    #[test]
    fn a_column_past_the_end_points_just_after_the_line() {
        assert_eq!(plain("ab", 99), "   |\n12 | ab\n   |   ^\n");
        assert_eq!(plain("ab", 0), "   |\n12 | ab\n   | ^\n");
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let shown = plain(&line, 501);
        let lines: Vec<&str> = shown.lines().collect();
        let text = lines[1].strip_prefix("12 | ").unwrap();
        assert_eq!(text.chars().count(), MAX_SHOWN_CHARS + 2, "{text}");
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        let caret = lines[2].strip_prefix("   | ").unwrap();
        assert_eq!(text.chars().nth(caret.len() - 1), Some('X'), "{shown}");
    }

    #[test]
    fn the_end_of_a_long_line_is_shown_up_to_its_end() {
        let line = "a".repeat(1000);
        let shown = plain(&line, 1000);
        let text = shown.lines().nth(1).unwrap();
        assert!(text.ends_with('a'), "{text}");
    }

    #[test]
    fn escapes_and_overrides_are_not_sent_to_the_terminal() {
        let shown = plain("a\x1b[2Jb\u{202E}c\td", 1);
        assert!(shown.contains("a�[2Jb�c d"), "{shown}");
    }

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
