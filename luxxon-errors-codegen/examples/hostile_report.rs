//! How long checking and rendering the worst catalogs within the limits takes: the
//! figures behind `docs/performance.md`'s "Hostile catalogs".
//!
//! ```text
//! cargo run --release -p luxxon-errors-codegen --example hostile_report
//! /usr/bin/time -v target/release/examples/hostile_report CASE   # one case's peak memory
//! ```

use std::time::{Duration, Instant};

use luxxon_errors_codegen::{
    Catalog, RustOptions, docs_page, json_schema, openapi_components, rust_items, typescript_module,
};

/// The catalogs: a name and the text.
fn cases() -> Vec<(&'static str, String)> {
    let mut cases = Vec::new();

    // One 600 KB meaning in a family of 3,000 codes: the table that padded every row.
    let mut text = format!(
        "families:\n  - id: auth\n    title: T\ncodes:\n  - code: HUGE\n    status: 400\n    family: auth\n    meaning: {}\n",
        "m".repeat(600_000)
    );
    for code in 0..3_000 {
        text.push_str(&format!(
            "  - code: C{code}\n    status: 400\n    family: auth\n    meaning: short\n"
        ));
    }
    cases.push(("huge-cell", text));

    // As many codes as the value limit allows, each in its own family.
    let mut text = String::from("families:\n");
    for family in 0..2_500 {
        text.push_str(&format!("  - id: f{family}\n    title: Family {family}\n"));
    }
    text.push_str("codes:\n");
    for code in 0..2_500 {
        text.push_str(&format!(
            "  - code: CODE_{code}\n    status: {}\n    family: f{code}\n    meaning: The code number {code}.\n",
            400 + code % 200
        ));
    }
    cases.push(("many-codes", text));

    // Thousands of codes naming families that are not there: suggestions for each.
    let mut text = String::from("families:\n");
    for family in 0..2_000 {
        text.push_str(&format!("  - id: family_{family}\n    title: T\n"));
    }
    text.push_str("codes:\n");
    for code in 0..2_000 {
        text.push_str(&format!(
            "  - code: C{code}\n    status: 400\n    family: famliy_{code}\n    meaning: m\n"
        ));
    }
    cases.push(("misspelt-families", text));

    // Unknown keys everywhere, each close to a real one.
    let mut text = String::from("families:\n  - id: auth\n    title: T\ncodes:\n");
    for code in 0..2_500 {
        text.push_str(&format!(
            "  - code: C{code}\n    stauts: 400\n    famly: auth\n    meanin: m\n"
        ));
    }
    cases.push(("misspelt-keys", text));
    cases
}

fn run(text: &str) -> (Duration, usize, bool) {
    let started = Instant::now();
    let mut output = 0;
    let accepted = match Catalog::parse(text, "errors.yaml") {
        Ok(catalog) => {
            output += docs_page(&catalog).len();
            output += typescript_module(&catalog).len();
            output += json_schema(&catalog).len();
            output += openapi_components(&catalog).len();
            output += rust_items(&catalog, &RustOptions::default())
                .to_string()
                .len();
            true
        }
        Err(problems) => {
            output += problems.to_string().len();
            false
        }
    };
    (started.elapsed(), output, accepted)
}

fn main() {
    let only = std::env::args().nth(1);
    println!("| catalog | input | checked | output | time |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, text) in cases() {
        if only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let (time, output, accepted) = run(&text);
        println!(
            "| {name} | {} KB | {} | {} KB | {:.0} ms |",
            text.len() / 1024,
            if accepted { "accepted" } else { "refused" },
            output / 1024,
            time.as_secs_f64() * 1000.0
        );
    }
}
