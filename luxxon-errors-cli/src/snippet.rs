//! The offending line of a catalog under a problem, as the codegen core keeps it with the
//! problem, in the terminal's colours.

use luxxon_errors_codegen::{Snippet, SnippetPart};

use crate::style::{Paint, Style};

/// The snippet in the terminal's colours.
pub fn painted(snippet: &Snippet, paint: Paint) -> String {
    snippet.render(|part, text| match part {
        SnippetPart::Caret => paint.paint(Style::Error, text).to_string(),
        _ => paint.paint(Style::Gutter, text).to_string(),
    })
}
