//! Where output goes: results on stdout, problems on stderr, each coloured only when it
//! is a terminal, and never carrying a control character from a catalog or a file to the
//! terminal.

use std::borrow::Cow;
use std::fmt::{Display, Write as _};
use std::io::{self, Write};

use luxxon_errors_codegen::reorders;
use serde::Serialize;

use crate::style::{Paint, Style};

/// The process's standard output and error, locked for the command's lifetime.
pub struct Console {
    /// Results: what `render` wrote, what `diff` found, JSON documents.
    out: io::StdoutLock<'static>,
    /// Problems and hints.
    err: io::StderrLock<'static>,
    out_paint: Paint,
    err_paint: Paint,
}

impl Console {
    /// The process's console.
    pub fn new() -> Console {
        let (out, err) = (io::stdout(), io::stderr());
        Console {
            out_paint: Paint::for_stream(&out),
            err_paint: Paint::for_stream(&err),
            out: out.lock(),
            err: err.lock(),
        }
    }

    /// Whether stderr is coloured.
    pub fn err_paint(&self) -> Paint {
        self.err_paint
    }

    /// Writes `error: MESSAGE` on stderr.
    pub fn error(&mut self, message: impl Display) -> io::Result<()> {
        let label = self.err_paint.paint(Style::Error, "error");
        writeln!(self.err, "{label}: {}", escaped(&message.to_string()))
    }

    /// Writes `warning: MESSAGE` on stderr.
    pub fn warning(&mut self, message: impl Display) -> io::Result<()> {
        let label = self.err_paint.paint(Style::Warning, "warning");
        writeln!(self.err, "{label}: {}", escaped(&message.to_string()))
    }

    /// Writes `note: MESSAGE` on stderr: context for the errors around it.
    pub fn note(&mut self, message: impl Display) -> io::Result<()> {
        let label = self.err_paint.paint(Style::Help, "note");
        writeln!(self.err, "{label}: {}", escaped(&message.to_string()))
    }

    /// Writes `  help: MESSAGE` on stderr.
    pub fn help(&mut self, message: impl Display) -> io::Result<()> {
        let label = self.err_paint.paint(Style::Help, "help");
        writeln!(self.err, "  {label}: {}", escaped(&message.to_string()))
    }

    /// Writes `ok: MESSAGE` on stdout.
    pub fn success(&mut self, message: impl Display) -> io::Result<()> {
        let label = self.out_paint.paint(Style::Success, "ok");
        writeln!(self.out, "{label}: {}", escaped(&message.to_string()))
    }

    /// Writes a line of results on stdout.
    pub fn line(&mut self, message: impl Display) -> io::Result<()> {
        writeln!(self.out, "{}", escaped(&message.to_string()))
    }

    /// Writes source lines that [`crate::snippet`] made safe to show, on stderr.
    pub fn snippet(&mut self, snippet: &str) -> io::Result<()> {
        self.err.write_all(snippet.as_bytes())
    }

    /// Writes a unified diff on stderr, its file names, hunk headers, and added and
    /// removed lines coloured.
    pub fn diff(&mut self, diff: &str) -> io::Result<()> {
        let mut in_hunks = false;
        for line in diff.lines() {
            in_hunks |= line.starts_with("@@");
            let style = if line.starts_with("@@")
                || (!in_hunks && (line.starts_with("---") || line.starts_with("+++")))
            {
                Some(Style::Hunk)
            } else if line.starts_with('+') {
                Some(Style::Added)
            } else if line.starts_with('-') {
                Some(Style::Removed)
            } else {
                None
            };
            let line = escaped(line);
            match style {
                Some(style) => writeln!(self.err, "{}", self.err_paint.paint(style, &line))?,
                None => writeln!(self.err, "{line}")?,
            }
        }
        Ok(())
    }

    /// Writes `document` as one line of JSON on stdout.
    pub fn json(&mut self, document: &impl Serialize) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, document)?;
        writeln!(self.out)
    }

    /// Writes out what is buffered, so that a failure to write is seen.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.err.flush()
    }

    /// Says, if stderr still works, that the output could not be written.
    pub fn unwritable_output(&mut self, error: &io::Error) {
        // Nothing is left to tell it to when stderr fails too.
        let _ = self.error(format_args!("could not write the output: {error}"));
    }
}

/// `text` with control characters (but line breaks and tabs) and bidirectional
/// overrides written as `\u{…}` escapes: text from a catalog or a file could otherwise
/// move the cursor, clear the screen or reorder what the terminal shows.
fn escaped(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || reorders(c);
    if !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(safe, "\\u{{{:x}}}", u32::from(c));
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

#[cfg(test)]
mod tests {
    use super::escaped;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escaped("plain `CODE`\n"), "plain `CODE`\n");
        assert_eq!(escaped("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escaped("x\u{202e}y\r"), "x\\u{202e}y\\u{d}");
    }
}
