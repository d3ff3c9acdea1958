//! The offending line of a catalog under a problem, with a caret under its column, as
//! rustc shows source: one rendering for the CLI and for build scripts.

use std::fmt;

/// At most this many characters of a line are shown: a window around the column.
const MAX_SHOWN_CHARS: usize = 100;
/// How many characters of the window come before the column, when the line is cut.
const CHARS_BEFORE_COLUMN: usize = 40;

/// A part of a snippet that a terminal may colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SnippetPart {
    /// The line number and the bars beside the source.
    Gutter,
    /// The caret under the column.
    Caret,
}

/// One line of a catalog, made safe to show, with the column to point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    line_number: u32,
    shown: String,
    caret_at: usize,
}

impl Snippet {
    /// The snippet of `line`, line `line_number` of its file, pointing at `column`
    /// (1-based, in characters; clamped to the line). A long line is cut to a window
    /// around the column; tabs show as spaces, and control and bidirectional-override
    /// characters (which could rewrite the terminal or reorder the line) as `�`.
    pub fn new(line: &str, line_number: u32, column: u32) -> Snippet {
        let chars: Vec<char> = line.chars().map(shown_char).collect();
        let column = usize::try_from(column).unwrap_or(usize::MAX);
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
        Snippet {
            line_number,
            shown,
            caret_at: column - start + usize::from(start > 0),
        }
    }

    /// Three lines, each ending with a line break: a bar, the line with its number, and
    /// a caret under the column. `paint` styles each part (e.g. with terminal colours).
    pub fn render(&self, paint: impl Fn(SnippetPart, &str) -> String) -> String {
        let number = self.line_number.to_string();
        let blank = " ".repeat(number.len());
        let bar = paint(SnippetPart::Gutter, "|");
        format!(
            "{blank} {bar}\n{} {bar} {}\n{blank} {bar} {}{}\n",
            paint(SnippetPart::Gutter, &number),
            self.shown,
            " ".repeat(self.caret_at),
            paint(SnippetPart::Caret, "^"),
        )
    }
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(|_, text| text.to_owned()))
    }
}

/// Whether `c` changes the direction text is shown in (the "Trojan Source" characters).
pub fn reorders(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character as it can be shown on one column of a terminal.
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

    fn plain(line: &str, column: u32) -> String {
        Snippet::new(line, 12, column).to_string()
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
    fn parts_are_painted() {
        let painted = Snippet::new("x", 3, 1).render(|part, text| match part {
            SnippetPart::Gutter => format!("<{text}>"),
            SnippetPart::Caret => format!("[{text}]"),
        });
        assert_eq!(painted, "  <|>\n<3> <|> x\n  <|> [^]\n");
    }
}
