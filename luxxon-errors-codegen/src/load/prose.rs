//! Prose fields are Markdown, written into the docs page and the doc comments verbatim,
//! and the page goes on after them. Markdown that leaves a block open (a code fence, an
//! HTML comment or a `<pre>`) would swallow everything after it: the next family's
//! table, the rest of the page. Such prose is refused here, where the line can be named.

/// A block left open: on which line of the text it opens, what it is, and what ends it.
pub(crate) struct Unclosed {
    pub(crate) line: usize,
    pub(crate) what: String,
    pub(crate) end: String,
}

/// What `markdown` leaves open at its end.
pub(crate) fn unclosed_block(markdown: &str) -> Option<Unclosed> {
    let mut open: Option<(usize, Block)> = None;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        match &open {
            Some((_, Block::Fence { mark, length })) => {
                let run = trimmed.chars().take_while(|c| c == mark).count();
                if indent <= 3 && run >= *length && trimmed[run..].trim().is_empty() {
                    open = None;
                }
            }
            Some((_, Block::Html { end, .. })) if line.to_ascii_lowercase().contains(end) => {
                open = None;
            }
            Some((_, Block::Html { .. })) => {}
            None if indent <= 3 => {
                open = opening(trimmed).map(|block| (index + 1, block));
                // An HTML block ends on the line that opens it when its end is there.
                if let Some((_, Block::Html { start_len, end, .. })) = &open
                    && trimmed.to_ascii_lowercase()[*start_len..].contains(end)
                {
                    open = None;
                }
            }
            None => {}
        }
    }
    open.map(|(line, block)| {
        let (what, end) = block.describe();
        Unclosed { line, what, end }
    })
}

enum Block {
    Fence {
        mark: char,
        length: usize,
    },
    Html {
        start_len: usize,
        end: &'static str,
        name: &'static str,
    },
}

impl Block {
    /// What the block is, and what ends it.
    fn describe(&self) -> (String, String) {
        match self {
            Block::Fence { mark, length } => {
                let marks: String = std::iter::repeat_n(*mark, *length).collect();
                (
                    format!("a code block (`{marks}`)"),
                    format!("`{marks}` on a line of its own"),
                )
            }
            Block::Html { end, name, .. } => ((*name).to_owned(), format!("`{end}`")),
        }
    }
}

/// The block a line opens, among those that only their own end marker closes
/// (CommonMark's fenced code blocks and HTML blocks of types 1 to 5).
fn opening(trimmed: &str) -> Option<Block> {
    let mark = trimmed.chars().next()?;
    if matches!(mark, '`' | '~') {
        let length = trimmed.chars().take_while(|c| *c == mark).count();
        let info = &trimmed[length..];
        if length >= 3 && !(mark == '`' && info.contains('`')) {
            return Some(Block::Fence { mark, length });
        }
        return None;
    }
    let lower = trimmed.to_ascii_lowercase();
    const HTML: &[(&str, &str, &str)] = &[
        ("<!--", "-->", "an HTML comment (`<!--`)"),
        ("<![cdata[", "]]>", "a CDATA section (`<![CDATA[`)"),
        ("<?", "?>", "a processing instruction (`<?`)"),
        ("<script", "</script>", "a `<script>` block"),
        ("<pre", "</pre>", "a `<pre>` block"),
        ("<style", "</style>", "a `<style>` block"),
        ("<textarea", "</textarea>", "a `<textarea>` block"),
    ];
    for (start, end, name) in HTML {
        if let Some(rest) = lower.strip_prefix(start) {
            // `<pre>` and friends open a block only as a whole tag name.
            let whole_name = start.ends_with(['-', '[', '?'])
                || rest.is_empty()
                || rest.starts_with([' ', '\t', '>']);
            if whole_name {
                return Some(Block::Html {
                    start_len: start.len(),
                    end,
                    name,
                });
            }
        }
    }
    if lower.starts_with("<!") && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(Block::Html {
            start_len: 2,
            end: ">",
            name: "a declaration (`<!`)",
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::unclosed_block;

    #[test]
    fn blocks_left_open_are_found_with_their_line() {
        let line = |text: &str| unclosed_block(text).map(|open| open.line);
        assert_eq!(line("a\n\n```rust\nx"), Some(3));
        assert_eq!(line("<!-- note"), Some(1));
        assert_eq!(line("x\n<pre>\ny"), Some(2));
        assert_eq!(line("````\n```\n"), Some(1));
    }

    #[test]
    fn closed_blocks_and_inline_html_are_fine() {
        for fine in [
            "a\n\n```\nx\n```\n",
            "~~~ts\ny\n~~~",
            "<!-- a --> b",
            "<!--\nnote\n-->",
            "<pre>x</pre>",
            "use <b>bold</b> and `code` and <prefix",
            "    ```\n    indented, not a fence",
            "``inline ` code``",
        ] {
            assert!(unclosed_block(fine).is_none(), "{fine}");
        }
    }
}
