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

/// Renders rows (the first is the header) with every column padded to its widest cell.
pub(crate) fn render_table(rows: &[Vec<String>]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|column| {
            rows.iter()
                .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.chars().count())))
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut out = Vec::with_capacity(rows.len() + 1);
    for (index, row) in rows.iter().enumerate() {
        out.push(line(row.clone()));
        if index == 0 {
            out.push(line(
                widths.iter().map(|width| "-".repeat(*width)).collect(),
            ));
        }
    }
    out.join("\n")
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
