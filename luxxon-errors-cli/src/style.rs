//! Colour for people at a terminal: ANSI codes on a terminal, none when `NO_COLOR` is set
//! (<https://no-color.org>) or the output is a pipe or a file.

use std::env;
use std::fmt;
use std::io::IsTerminal;

/// What a piece of text is, which decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `error:` and the caret under a problem.
    Error,
    /// `warning:`.
    Warning,
    /// `help:`.
    Help,
    /// `ok:`.
    Success,
    /// The line numbers and bars beside a source line.
    Gutter,
    /// A diff's added line.
    Added,
    /// A diff's removed line.
    Removed,
    /// A diff's hunk header and file names.
    Hunk,
}

impl Style {
    fn ansi(self) -> &'static str {
        match self {
            Style::Error => "\x1b[1;31m",
            Style::Warning => "\x1b[1;33m",
            Style::Help => "\x1b[1;36m",
            Style::Success => "\x1b[1;32m",
            Style::Gutter => "\x1b[1;34m",
            Style::Added => "\x1b[32m",
            Style::Removed => "\x1b[31m",
            Style::Hunk => "\x1b[36m",
        }
    }
}

const RESET: &str = "\x1b[0m";

/// Whether one output stream is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paint {
    enabled: bool,
}

impl Paint {
    /// Colour for a stream that is `terminal`, unless `NO_COLOR` is set to anything but
    /// the empty string or the terminal is `dumb`.
    pub fn for_stream(stream: &impl IsTerminal) -> Paint {
        let opted_out = env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let dumb = env::var_os("TERM").is_some_and(|term| term == "dumb");
        Paint {
            enabled: stream.is_terminal() && !opted_out && !dumb,
        }
    }

    /// No colour.
    #[cfg(test)]
    pub const PLAIN: Paint = Paint { enabled: false };

    /// Colour.
    #[cfg(test)]
    pub const COLOURED: Paint = Paint { enabled: true };

    /// `text` in `style`, when colour is on.
    pub fn paint(self, style: Style, text: &str) -> Painted<'_> {
        Painted {
            text,
            style: self.enabled.then_some(style),
        }
    }
}

/// Text that displays with its colour, if any.
pub struct Painted<'a> {
    text: &'a str,
    style: Option<Style>,
}

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            Some(style) => write!(f, "{}{}{RESET}", style.ansi(), self.text),
            None => f.write_str(self.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_has_no_codes() {
        assert_eq!(
            Paint::PLAIN.paint(Style::Error, "error").to_string(),
            "error"
        );
        assert_eq!(
            Paint::COLOURED.paint(Style::Error, "error").to_string(),
            "\x1b[1;31merror\x1b[0m"
        );
    }
}
