//! Catalog text made safe for rustdoc, the one place that knows how: rustdoc compiles
//! every Rust code block of a doc comment as a doc test of the crate that invokes
//! `catalog!`, so prose from the catalog must never open one by accident.

/// The info strings rustdoc takes for Rust (an empty one included): the first word of
/// a fence's info string, or the whole of it.
const RUST_INFO_WORDS: &[&str] = &[
    "",
    "rust",
    "ignore",
    "should_panic",
    "no_run",
    "compile_fail",
    "test_harness",
    "standalone_crate",
    "allow_fail",
    "edition2015",
    "edition2018",
    "edition2021",
    "edition2024",
];

/// One line of text (a meaning, a title) as the first line of a doc paragraph: leading
/// spaces would make it an indented code block, and a leading fence would open one.
pub(crate) fn line(text: &str) -> String {
    let text = text.trim_start();
    if text.starts_with("```") || text.starts_with("~~~") {
        format!("\\{text}")
    } else {
        text.to_owned()
    }
}

/// Markdown prose (a family's description) with every code block made text: fences
/// rustdoc would take for Rust get the `text` info string, and indented code blocks
/// become `text` fences. (A fence left open never gets here: checking the catalog
/// refuses it.)
pub(crate) fn markdown(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // The open fence's character and length.
    let mut fence: Option<(char, usize)> = None;
    let mut indented = false;
    let mut previous_blank = true;
    for line in text.lines() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let blank = line.trim().is_empty();
        if indented && !blank && indent < 4 && !line.starts_with('\t') {
            out.push("```".to_owned());
            indented = false;
        }
        match fence {
            Some((mark, length)) => {
                let run = trimmed.chars().take_while(|c| *c == mark).count();
                if indent <= 3 && run >= length && trimmed[run..].trim().is_empty() {
                    fence = None;
                }
                out.push(line.to_owned());
            }
            None if indented => out.push(dedent(line)),
            None => match opening_fence(trimmed).filter(|_| indent <= 3) {
                Some((mark, length, info)) => {
                    fence = Some((mark, length));
                    let first_word = info.split([' ', ',', '\t']).next().unwrap_or_default();
                    if RUST_INFO_WORDS.contains(&first_word) {
                        let marks: String = std::iter::repeat_n(mark, length).collect();
                        out.push(format!("{}{marks}text", &line[..indent]));
                    } else {
                        out.push(line.to_owned());
                    }
                }
                None if previous_blank && !blank && (indent >= 4 || line.starts_with('\t')) => {
                    out.push("```text".to_owned());
                    out.push(dedent(line));
                    indented = true;
                }
                None => out.push(line.to_owned()),
            },
        }
        previous_blank = blank;
    }
    if indented {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// A fence that opens a code block: its character, length and info string.
fn opening_fence(trimmed: &str) -> Option<(char, usize, &str)> {
    let mark = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.chars().take_while(|c| *c == mark).count();
    let info = trimmed[length..].trim();
    // A backtick fence's info string may not hold a backtick (that is inline code).
    (length >= 3 && !(mark == '`' && info.contains('`'))).then_some((mark, length, info))
}

/// An indented code block's line without its four spaces (or tab) of indentation.
fn dedent(line: &str) -> String {
    line.strip_prefix("    ")
        .or_else(|| line.strip_prefix('\t'))
        .unwrap_or(line.trim_start())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_fences_become_text_and_others_stay() {
        let text = "Prose:\n\n```\nlet x = 1;\n```\n\n```ts\nconst y = 2;\n```\n\n~~~rust,ignore\nz\n~~~\n\n````\n```\n````";
        assert_eq!(
            markdown(text),
            "Prose:\n\n```text\nlet x = 1;\n```\n\n```ts\nconst y = 2;\n```\n\n~~~text\nz\n~~~\n\n````text\n```\n````"
        );
    }

    #[test]
    fn indented_code_is_fenced() {
        assert_eq!(
            markdown("a\n\n    let x = 1;\n    x\n\nb"),
            "a\n\n```text\nlet x = 1;\nx\n\n```\nb"
        );
        // A paragraph's continuation line is not a code block.
        assert_eq!(markdown("a\n    b"), "a\n    b");
    }

    #[test]
    fn one_line_never_opens_a_block() {
        assert_eq!(line("    indented"), "indented");
        assert_eq!(line("```rust"), "\\```rust");
        assert_eq!(line("~~~"), "\\~~~");
        assert_eq!(line("plain `code`"), "plain `code`");
    }
}
