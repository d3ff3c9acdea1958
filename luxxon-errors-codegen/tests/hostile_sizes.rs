//! Catalogs built to make work grow faster than the input: huge ids, one huge cell in a
//! long table, many families. Each is refused with a bounded message, or checked and
//! rendered into output that grows in proportion to the input. (How long they take is
//! measured by `cargo bench -p luxxon-errors-benches --bench hostile`, not asserted here.)

use luxxon_errors_codegen::{Catalog, RustOptions, docs_page, typescript_module};

/// Every message of a refused catalog, each at most `bound` bytes.
fn bounded_problems(text: &str, bound: usize) -> Vec<String> {
    let problems = Catalog::parse(text, "hostile.yaml").expect_err("the catalog is refused");
    problems
        .iter()
        .map(|problem| {
            let shown = problem.to_string();
            assert!(
                shown.len() <= bound,
                "a {}-byte message: {}…",
                shown.len(),
                &shown[..200]
            );
            shown
        })
        .collect()
}

#[test]
fn a_huge_family_id_is_refused_with_a_short_message() {
    let id = "a".repeat(20_000);
    let text = format!(
        "families:\n  - id: {id}\n    title: T\ncodes:\n  - code: A\n    status: 400\n    family: {id}x\n    meaning: m\n"
    );
    let problems = bounded_problems(&text, 600);
    assert!(problems[0].contains("over the limit of 63"), "{problems:?}");
    assert!(problems[0].contains("shorten it"), "{problems:?}");
}

#[test]
fn many_undefined_family_references_give_short_messages() {
    let mut text = String::from("families:\n");
    for family in 0..2_000 {
        text.push_str(&format!("  - id: family_{family}\n    title: T\n"));
    }
    text.push_str("codes:\n");
    for code in 0..2_000 {
        text.push_str(&format!(
            "  - code: C{code}\n    status: 400\n    family: nowhere_{code}\n    meaning: m\n"
        ));
    }
    let problems = bounded_problems(&text, 600);
    assert!(
        problems.iter().any(|p| p.contains("and 1988 more")),
        "{:?}",
        &problems[..2]
    );
}

#[test]
fn huge_keys_and_values_are_echoed_in_part() {
    let key = "k".repeat(400_000);
    // An explicit key (`? `): YAML allows an implicit one at most 1024 characters long.
    let text = format!(
        "families:\n  - id: auth\n    title: T\n    ? {key}\n    : 1\ncodes:\n  - code: A\n    status: 400\n    family: auth\n    meaning: m\n    lifecycle: {key}\n"
    );
    let problems = bounded_problems(&text, 600);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("(400000 bytes)"), "{problems:?}");
}

#[test]
fn one_huge_cell_in_a_long_table_keeps_the_output_proportional() {
    let meaning = "m".repeat(600_000);
    let mut text = format!(
        "families:\n  - id: auth\n    title: T\ncodes:\n  - code: HUGE\n    status: 400\n    family: auth\n    meaning: {meaning}\n"
    );
    for code in 0..3_000 {
        text.push_str(&format!(
            "  - code: C{code}\n    status: 400\n    family: auth\n    meaning: short\n"
        ));
    }
    let catalog = Catalog::parse(&text, "hostile.yaml").expect("within the limits");
    let page = docs_page(&catalog);
    // The huge meaning is on the page twice at most (its cell), not once per row.
    assert!(
        page.len() < 3 * text.len(),
        "{} bytes for {} of input",
        page.len(),
        text.len()
    );
    let rust = luxxon_errors_codegen::rust_items(&catalog, &RustOptions::default()).to_string();
    // The meaning is in the variant's doc, the family's table, and two accessor tables.
    assert!(rust.len() < 8 * text.len(), "{} bytes", rust.len());
    let typescript = typescript_module(&catalog);
    assert!(
        typescript.len() < 3 * text.len(),
        "{} bytes",
        typescript.len()
    );
    // Rows keep their column count: the table is still a table.
    let rows: Vec<&str> = page
        .lines()
        .filter(|line| line.starts_with("| `"))
        .collect();
    assert_eq!(rows.len(), 3_001);
    assert!(rows.iter().all(|row| row.matches(" | ").count() == 2));
}
