//! Markdown as plain text, for what must not be Markdown: an envelope's `message` made
//! from a code's meaning (the API's users read it in logs and UIs, not rendered).

/// Markdown made plain text, for an envelope's `message`: code spans keep their text
/// without the backticks, emphasis marks and link targets go, and escapes are undone.
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                // A code span: its text, verbatim, up to the closing backtick.
                for inner in chars.by_ref() {
                    if inner == '`' {
                        break;
                    }
                    out.push(inner);
                }
            }
            '\\' => {
                if let Some(&next) = chars.peek()
                    && next.is_ascii_punctuation()
                {
                    out.push(next);
                    chars.next();
                } else {
                    out.push('\\');
                }
            }
            // `**bold**` and `*emphasis*`; a lone `*` between spaces is text.
            '*' if chars
                .peek()
                .is_some_and(|next| *next == '*' || !next.is_whitespace()) =>
            {
                if chars.peek() == Some(&'*') {
                    chars.next();
                }
            }
            '[' => {
                // `[text](target)` keeps the text; other brackets are text.
                let rest: String = chars.clone().collect();
                match link(&rest) {
                    Some((text, consumed)) => {
                        out.push_str(&plain_text(text));
                        for _ in 0..consumed {
                            chars.next();
                        }
                    }
                    None => out.push('['),
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The text of a link `text](target)` at the start of `rest` (after its `[`), and how many
/// characters the link takes.
fn link(rest: &str) -> Option<(&str, usize)> {
    let close = rest.find("](")?;
    let end = rest[close + 2..].find(')')? + close + 2;
    let text = &rest[..close];
    (!text.contains('[')).then(|| (text, rest[..=end].chars().count()))
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            plain_text("Body / query failed validation. `detail` says which field."),
            "Body / query failed validation. detail says which field."
        );
        assert_eq!(
            plain_text("These mean **our** side is *sad*, not yours: 2 * 3."),
            "These mean our side is sad, not yours: 2 * 3."
        );
        assert_eq!(
            plain_text("See [the docs](https://x.y/z) and a \\| bar; keep `a*b` and [x]."),
            "See the docs and a | bar; keep a*b and [x]."
        );
        assert_eq!(
            plain_text("Once `state === \"LIVE\"`, go"),
            "Once state === \"LIVE\", go"
        );
    }
}
