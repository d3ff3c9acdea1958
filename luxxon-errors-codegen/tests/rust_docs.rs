//! The doc comments of the generated Rust types say what the docs page says: each
//! `Family` variant carries its family's prose and the same table as the page, each
//! `ErrorCode` variant its code's meaning and what to do.

use std::path::Path;

use luxxon_errors_codegen::RustOptions;
use luxxon_errors_codegen::{Catalog, docs_page};

/// The doc text of every variant of the enum `name`, by variant name.
fn variant_docs(file: &syn::File, name: &str) -> Vec<(String, String)> {
    let item = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(item) if item.ident == name => Some(item),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the output has an enum {name}"));
    item.variants
        .iter()
        .map(|variant| {
            let lines: Vec<String> = variant
                .attrs
                .iter()
                .filter(|attr| attr.path().is_ident("doc"))
                .map(|attr| match &attr.meta {
                    syn::Meta::NameValue(syn::MetaNameValue {
                        value:
                            syn::Expr::Lit(syn::ExprLit {
                                lit: syn::Lit::Str(text),
                                ..
                            }),
                        ..
                    // Each line is led by a space, as in a `///` comment.
                    }) => text.value().strip_prefix(' ').map_or_else(String::new, str::to_owned),
                    _ => panic!("a doc attribute is a string"),
                })
                .collect();
            (variant.ident.to_string(), lines.join("\n"))
        })
        .collect()
}

#[test]
fn rust_docs_say_what_the_docs_page_says() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../errors.yaml");
    let catalog = Catalog::load(&path).expect("the repository's catalog is valid");
    let page = docs_page(&catalog);
    let output = luxxon_errors_codegen::rust_items(&catalog, &RustOptions::default());
    let file = syn::parse2::<syn::File>(output).expect("the output is Rust");

    let families = variant_docs(&file, "Family");
    assert_eq!(families.len(), catalog.families().len());
    for ((variant, doc), family) in families.iter().zip(catalog.families()) {
        assert_eq!(*variant, family.variant());
        assert!(doc.starts_with(family.title()), "{variant}: {doc}");
        if let Some(description) = family.description() {
            assert!(doc.contains(description), "{variant}: {doc}");
            assert!(page.contains(description), "the page has {variant}'s prose");
        }
        // The table in the doc comment is the one on the page, line for line.
        let table: Vec<&str> = doc.lines().filter(|line| line.starts_with('|')).collect();
        assert_eq!(
            table.len(),
            catalog.codes_of(family).count() + 2,
            "{variant}: {doc}"
        );
        let page_table = table.join("\n");
        assert!(
            page.contains(&page_table),
            "the page has {variant}'s table:\n{page_table}"
        );
    }

    let codes = variant_docs(&file, "ErrorCode");
    assert_eq!(
        codes.len(),
        catalog.codes().len() + 1,
        "one variant per code, and Unknown"
    );
    for ((variant, doc), code) in codes.iter().zip(catalog.codes()) {
        assert_eq!(*variant, code.variant());
        assert!(
            doc.starts_with(&format!("{}\n", code.meaning())),
            "{variant}: {doc}"
        );
        match code.remedy() {
            Some(remedy) => assert!(
                doc.contains(&format!("**What to do:** {remedy}\n")),
                "{variant}: {doc}"
            ),
            None => assert!(!doc.contains("What to do"), "{variant}: {doc}"),
        }
        assert!(
            doc.contains(&format!("HTTP status `{}`", code.status())),
            "{variant}: {doc}"
        );
    }
}
