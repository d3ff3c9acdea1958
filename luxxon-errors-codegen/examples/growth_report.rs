//! How the work grows with the catalog: the time to check a synthetic catalog and emit
//! the Rust `catalog!` expands to, and the size of that expansion, for 26, 1,000 and
//! 10,000 codes. The figures behind `docs/performance.md`'s "Growth".
//!
//! ```text
//! cargo run --release -p luxxon-errors-codegen --example growth_report
//! ```

use std::time::Instant;

use luxxon_errors_codegen::{Catalog, RustOptions, rust_items};

/// A catalog of `codes` codes in ten families, each code with a meaning and a remedy, as
/// short as keeps 10,000 codes within the 1 MiB limit.
fn catalog(codes: usize) -> String {
    let mut text = String::from("families:\n");
    for family in 0..10 {
        text.push_str(&format!(
            "- id: family_{family}\n  title: Family {family}\n"
        ));
    }
    // Lists at the indentation of their key, to keep the file small.
    text.push_str("codes:\n");
    for code in 0..codes {
        text.push_str(&format!(
            "- code: CODE_{code}\n  status: {}\n  family: family_{}\n  meaning: Code {code}.\n  remedy: Retry.\n",
            400 + code % 200,
            code % 10
        ));
    }
    text
}

fn main() {
    println!("| codes | catalog | check | emit Rust | expansion | per code |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for codes in [26, 1_000, 10_000] {
        let text = catalog(codes);
        let started = Instant::now();
        let parsed = Catalog::parse(&text, "errors.yaml").expect("a valid catalog");
        let checked = started.elapsed();
        let started = Instant::now();
        let expansion = rust_items(&parsed, &RustOptions::default()).to_string();
        let emitted = started.elapsed();
        println!(
            "| {codes} | {} KB | {:.1} ms | {:.1} ms | {} KB | {} B |",
            text.len() / 1024,
            checked.as_secs_f64() * 1000.0,
            emitted.as_secs_f64() * 1000.0,
            expansion.len() / 1024,
            expansion.len() / codes
        );
    }
}
