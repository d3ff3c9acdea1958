//! Text inside the comments of generated files: the `@generated` header names the
//! catalog's file and the regenerate command, which may hold anything a path can. One
//! function per comment syntax makes any text stay inside its comment.

use std::fmt::Write as _;

/// `text` for a comment that ends at the end of its line (`// …` in TypeScript, `# …`
/// in YAML): every line terminator either language knows, and every other control
/// character, is written as an escape (`\n`, `\u{2028}`), so the text stays on one line.
pub(crate) fn to_end_of_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` inside an HTML comment (`<!-- … -->`, the Markdown page's): on one line, and
/// without what would end the comment early (`-->`, or `--!>` to an HTML parser).
pub(crate) fn inside_html(text: &str) -> String {
    let mut out = to_end_of_line(text);
    while out.contains("-->") || out.contains("--!>") {
        out = out.replace("-->", "- ->").replace("--!>", "- -!>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_text_stays_on_one_line_and_inside_its_comment() {
        assert_eq!(
            to_end_of_line("a\nb\rc\u{2028}d\u{85}e\u{0}"),
            "a\\nb\\rc\\u{2028}d\\u{85}e\\u{0}"
        );
        assert_eq!(inside_html("x --> y --!> z -- w"), "x - -> y - -!> z -- w");
        assert!(!inside_html("------>").contains("-->"));
    }
}
