//! Markdown shared by the docs page and the Rust doc comments, so both say the same.

use crate::model::{Catalog, Family, Lifecycle};

/// The family's table, aligned like the Luxxon docs page: `Code`, `Status`,
/// `What it means`, and `What to do` when the family's codes document it.
pub(crate) fn family_table(catalog: &Catalog, family: &Family) -> String {
    let codes: Vec<_> = catalog.codes_of(family).collect();
    let with_remedy = codes.iter().any(|code| code.remedy().is_some());
    let mut rows: Vec<Vec<String>> = vec![{
        let mut header = vec![
            "Code".to_owned(),
            "Status".to_owned(),
            "What it means".to_owned(),
        ];
        if with_remedy {
            header.push("What to do".to_owned());
        }
        header
    }];
    for code in &codes {
        let mut row = vec![
            format!("`{}`", code.name()),
            code.status().to_string(),
            table_cell(code.meaning()),
        ];
        if with_remedy {
            row.push(table_cell(code.remedy().unwrap_or_default()));
        }
        rows.push(row);
    }
    render_table(&rows)
}

/// The widest column that is padded to align. Alignment is for people reading the
/// Markdown source; padding every row to one very long cell would make the page grow
/// with the square of the catalog, so a wider column is left unpadded (the table renders
/// the same).
const MAX_ALIGNED_WIDTH: usize = 256;

/// Renders rows (the first is the header) with every column padded to its widest cell,
/// up to [`MAX_ALIGNED_WIDTH`].
pub(crate) fn render_table(rows: &[Vec<String>]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|column| {
            let widest = rows
                .iter()
                .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                .max()
                .unwrap_or(0)
                .max(3);
            if widest > MAX_ALIGNED_WIDTH {
                0
            } else {
                widest
            }
        })
        .collect();
    let line = |cells: &[String], out: &mut String| {
        out.push('|');
        for (cell, width) in cells.iter().zip(&widths) {
            out.push(' ');
            out.push_str(cell);
            let padding = width.saturating_sub(cell.chars().count());
            out.extend(std::iter::repeat_n(' ', padding));
            out.push_str(" |");
        }
    };
    let mut out = String::new();
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        line(row, &mut out);
        if index == 0 {
            out.push('\n');
            let rule: Vec<String> = widths
                .iter()
                .map(|width| "-".repeat((*width).max(3)))
                .collect();
            line(&rule, &mut out);
        }
    }
    out
}

/// Text made safe for a table cell: a `|` would end the cell.
pub(crate) fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The note that marks a legacy or reserved code in doc comments; `None` for an active
/// code. The docs page marks such codes in their meaning, as the reference page does.
pub(crate) fn lifecycle_note(lifecycle: Lifecycle) -> Option<&'static str> {
    match lifecycle {
        Lifecycle::Active => None,
        Lifecycle::Legacy => {
            Some("**Legacy:** kept for old clients; new endpoints do not emit it.")
        }
        Lifecycle::Reserved => {
            Some("**Reserved:** defined so that clients can handle it; not emitted yet.")
        }
    }
}

/// How long to wait before retrying the family's codes, when the catalog says: one
/// sentence for the docs page and the family's doc comment.
pub(crate) fn retry_after_note(catalog: &Catalog, family: &Family) -> Option<String> {
    let delays: Vec<(&str, u32)> = catalog
        .codes_of(family)
        .filter_map(|code| Some((code.name(), code.retry_after()?)))
        .collect();
    if delays.is_empty() {
        return None;
    }
    let seconds = |count: u32| match count {
        1 => "1 second".to_owned(),
        count => format!("{count} seconds"),
    };
    let retryable = catalog
        .codes_of(family)
        .filter(|code| code.is_retryable())
        .count();
    let one_delay = delays.iter().all(|(_, delay)| *delay == delays[0].1);
    if one_delay && delays.len() == retryable {
        let delay = delays[0].1;
        return Some(format!(
            "Wait {} before retrying: the API answers these codes with `Retry-After: {delay}`.",
            seconds(delay)
        ));
    }
    let listed: Vec<String> = delays
        .iter()
        .map(|(code, delay)| format!("`{code}` {}", seconds(*delay)))
        .collect();
    Some(format!(
        "Wait before retrying (the API sends it as `Retry-After`): {}.",
        listed.join(", ")
    ))
}
