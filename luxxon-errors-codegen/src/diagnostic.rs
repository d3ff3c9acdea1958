//! Located, fix-it style problems found in a catalog, and the collector that gathers all
//! of them in one pass.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use crate::naming::{self, SuggestionBudget};
use crate::snippet::Snippet;

/// A 1-based line and column in a catalog file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number in characters, starting at 1.
    pub column: u32,
}

impl Position {
    /// The start of a file; used for problems that concern the file as a whole.
    pub const START: Position = Position { line: 1, column: 1 };

    /// A position from 1-based line and column numbers (saturating at `u32::MAX`).
    pub fn new(line: u64, column: u64) -> Self {
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem in a catalog: where it is, what is wrong, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The catalog's path as the user wrote it (e.g. `errors.yaml`).
    pub path: String,
    /// Where in the file the problem is.
    pub position: Position,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something better to say than the message.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `position` of the file at `path`.
    pub fn new(path: impl Into<String>, position: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            position,
            message: message.into(),
            help: None,
        }
    }

    /// Adds the advice on how to fix the problem.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.position, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in a catalog, in file order.
///
/// This is the error type of [`Catalog::load`](crate::Catalog::load) and
/// [`Catalog::parse`](crate::Catalog::parse): loading never stops at the first problem,
/// so one run shows everything there is to fix.
#[derive(Clone, Debug)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// The text of the lines the problems point at, by line number, for snippets.
    lines: BTreeMap<u32, String>,
    /// What could still be read of a catalog that has problems.
    pub(crate) readable: ReadableNames,
}

/// The codes and families of a catalog with problems whose names could be read: enough
/// for stand-in types that keep the code using them from adding errors of its own.
#[derive(Clone, Debug, Default)]
pub(crate) struct ReadableNames {
    /// Each readable code's wire name and Rust variant, in file order, each name and
    /// variant once.
    pub(crate) codes: Vec<(String, String)>,
    /// Each readable family's id and Rust variant, in file order, each id and variant
    /// once.
    pub(crate) families: Vec<(String, String)>,
}

// Equal when they report the same problems: the source lines and readable names follow
// from the file.
impl PartialEq for Diagnostics {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl Eq for Diagnostics {}

impl Diagnostics {
    /// The line `problem` points at, under it a caret at its column, when the problem
    /// came from reading catalog text (not for a file that could not be read at all).
    pub fn snippet(&self, problem: &Diagnostic) -> Option<Snippet> {
        let line = self.lines.get(&problem.position.line)?;
        Some(Snippet::new(
            line,
            problem.position.line,
            problem.position.column,
        ))
    }

    /// Every problem as the CLI prints it without colour: `error: path:line:column:
    /// message`, the source line with a caret, and the help.
    pub fn with_snippets(&self) -> String {
        let mut out = String::new();
        for problem in &self.items {
            let _ = writeln!(
                out,
                "error: {}:{}: {}",
                problem.path, problem.position, problem.message
            );
            if let Some(snippet) = self.snippet(problem) {
                out.push_str(&snippet.to_string());
            }
            if let Some(help) = &problem.help {
                let _ = writeln!(out, "  help: {help}");
            }
        }
        out
    }

    /// Keeps the text of the lines the problems point at, from the catalog `text`.
    pub(crate) fn with_source(mut self, text: &str) -> Self {
        let wanted: BTreeSet<u32> = self.items.iter().map(|item| item.position.line).collect();
        let Some(&last) = wanted.last() else {
            return self;
        };
        for (index, line) in text.lines().enumerate().take(last as usize) {
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            if wanted.contains(&number) {
                self.lines.insert(number, line.to_owned());
            }
        }
        self
    }

    /// The problems, sorted by position.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// How many problems there are (never zero).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Always `false`: a `Diagnostics` value holds at least one problem.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
            lines: BTreeMap::new(),
            readable: ReadableNames::default(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.items.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Collects problems while a catalog is read and checked, so that all of them are
/// reported together.
#[derive(Debug)]
pub(crate) struct Collector {
    path: String,
    items: Vec<Diagnostic>,
    suggestions: SuggestionBudget,
}

impl Collector {
    pub(crate) fn new(path: &str) -> Self {
        Collector {
            path: path.to_owned(),
            items: Vec::new(),
            suggestions: SuggestionBudget::new(),
        }
    }

    /// The candidate `input` is likely a typo of, within this check's budget for such
    /// comparisons (see [`naming::did_you_mean`]).
    pub(crate) fn did_you_mean<'a>(
        &mut self,
        input: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        naming::did_you_mean(input, candidates, &mut self.suggestions)
    }

    /// Whether a problem was recorded.
    pub(crate) fn has_errors(&self) -> bool {
        !self.items.is_empty()
    }

    /// Records a problem and returns it so that advice can be added.
    pub(crate) fn error(
        &mut self,
        position: Position,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.items
            .push(Diagnostic::new(self.path.clone(), position, message));
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    /// `Ok` with what `build` makes when nothing was recorded, otherwise every problem,
    /// sorted by position.
    ///
    /// `build` runs only on input that passed every check, and then makes a value;
    /// should it not, that is a bug here, reported as such rather than as a panic.
    pub(crate) fn finish_with<T>(
        mut self,
        build: impl FnOnce() -> Option<T>,
    ) -> Result<T, Diagnostics> {
        if self.items.is_empty() {
            if let Some(value) = build() {
                return Ok(value);
            }
            self.error(
                Position::START,
                "internal error: the catalog passed every check but could not be assembled",
            )
            .help("please report this catalog to the luxxon-errors maintainers");
        }
        // A stable sort keeps problems at the same position in the order they were found.
        self.items.sort_by_key(|diagnostic| diagnostic.position);
        Err(Diagnostics {
            items: self.items,
            lines: BTreeMap::new(),
            readable: ReadableNames::default(),
        })
    }
}

impl Diagnostic {
    /// Sets the advice on a recorded problem.
    pub(crate) fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
}
