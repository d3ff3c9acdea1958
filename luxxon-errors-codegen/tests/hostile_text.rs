//! Text that could break a doc comment or a string literal (`*/`, backslashes, quotes,
//! non-ASCII, control characters, a 10,000-character line) comes out of the Rust
//! emitter verbatim: the output parses, and its string literals hold exactly the
//! catalog's text.

use luxxon_errors_codegen::Catalog;
use luxxon_errors_codegen::RustOptions;
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

#[path = "../../tests/tests/support/yaml.rs"]
mod yaml;
use yaml::yaml_quoted;

/// The values of every string literal in `tokens`, including doc attributes.
fn string_literals(tokens: TokenStream, values: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Group(group) => string_literals(group.stream(), values),
            TokenTree::Literal(literal) => {
                if let Ok(string) = syn::parse2::<syn::LitStr>(TokenTree::Literal(literal).into()) {
                    values.push(string.value());
                }
            }
            _ => {}
        }
    }
}

const TITLE: &str = "Auth */ /* \\ \\\\ \" ' ` # {} ${x} | r#\"raw\"#";
const DESCRIPTION: &str = "Ends a block comment: */\n/* opens one; \\n is not a newline\n\n    indented like code\n```\na fence (one left open is refused: it would swallow the page)\n```\n«guillemets», 中文, 🦀, e\u{301}, \u{200f}rtl";
const REMEDY: &str = "| a | table \\| row | `code` **bold** <b>html</b> &amp; \"\"\"";

fn meaning() -> String {
    format!(
        "*/ \" \\ \\\" é \t tab \0 nul \u{7f} del \u{1b}[31m escape \u{2028} separator {} end",
        "x".repeat(10_000)
    )
}

#[test]
fn hostile_text_comes_out_verbatim_in_strings_and_docs() {
    let meaning = meaning();
    let yaml = format!(
        "families:\n  - id: auth\n    title: {}\n    description: {}\ncodes:\n  - code: HOSTILE\n    status: 400\n    family: auth\n    meaning: {}\n    remedy: {}\n",
        yaml_quoted(TITLE),
        yaml_quoted(DESCRIPTION),
        yaml_quoted(&meaning),
        yaml_quoted(REMEDY),
    );
    let catalog = Catalog::parse(&yaml, "hostile.yaml").unwrap_or_else(|problems| {
        panic!("{problems}");
    });
    let code = &catalog.codes()[0];
    assert_eq!(code.meaning(), meaning);
    assert_eq!(code.remedy(), Some(REMEDY));
    assert_eq!(catalog.families()[0].title(), TITLE);
    assert_eq!(catalog.families()[0].description(), Some(DESCRIPTION));

    let source = luxxon_errors_codegen::rust_items(&catalog, &RustOptions::default()).to_string();
    let file = syn::parse_file(&source)
        .unwrap_or_else(|error| panic!("the output is not Rust: {error}\n{source}"));
    let mut literals = Vec::new();
    string_literals(file.into_token_stream(), &mut literals);

    // The accessors return the text as written.
    for expected in [meaning.as_str(), REMEDY, TITLE, DESCRIPTION] {
        assert!(
            literals.iter().any(|literal| literal == expected),
            "no string literal holds {expected:?}"
        );
    }
    // The variant's doc comment opens with the meaning, verbatim (after the space that
    // leads every doc line, as in a `///` comment).
    assert!(
        literals
            .iter()
            .any(|literal| literal.strip_prefix(' ') == Some(meaning.as_str()))
    );
    // The family's doc comment holds its description and its table, whose cells escape
    // `|` so that a bar in the text does not end the cell. Doc lines are led by a space,
    // as in a `///` comment.
    assert!(literals.iter().any(|literal| literal == DESCRIPTION));
    assert!(
        literals.iter().any(|literal| literal
            .strip_prefix(' ')
            .is_some_and(|row| row.starts_with('|') && row.contains(&REMEDY.replace('|', "\\|")))),
        "no table row holds the escaped remedy"
    );
}

#[test]
fn keyword_codes_become_valid_identifiers() {
    let mut yaml = String::from("families:\n  - id: type\n    title: Types\ncodes:\n");
    for code in [
        "SUPER", "TYPE", "CRATE", "ASYNC", "FN", "NONE", "SOME", "STR",
    ] {
        yaml.push_str(&format!(
            "  - code: {code}\n    status: 400\n    family: type\n    meaning: x\n"
        ));
    }
    let catalog = Catalog::parse(&yaml, "keywords.yaml").unwrap_or_else(|problems| {
        panic!("{problems}");
    });
    let variants: Vec<&str> = catalog.codes().iter().map(|code| code.variant()).collect();
    assert_eq!(
        variants,
        [
            "Super", "Type", "Crate", "Async", "Fn", "None", "Some", "Str"
        ]
    );
    assert_eq!(catalog.families()[0].variant(), "Type");
    let source = luxxon_errors_codegen::rust_items(&catalog, &RustOptions::default()).to_string();
    syn::parse_file(&source).unwrap_or_else(|error| panic!("{error}\n{source}"));
}

#[test]
fn self_is_refused_with_advice() {
    let yaml = "families:\n  - id: auth\n    title: Auth\ncodes:\n  - code: SELF\n    status: 400\n    family: auth\n    meaning: x\n";
    let problems = Catalog::parse(yaml, "self.yaml").unwrap_err();
    let problem = problems.iter().next().unwrap();
    assert_eq!(problem.position.line, 5);
    assert!(
        problem.message.contains("`Self` is a Rust keyword"),
        "{problem}"
    );
    assert!(
        problem.help.as_deref().unwrap().contains("rust_name"),
        "{problem}"
    );
    let fixed = yaml.replace("meaning: x\n", "meaning: x\n    rust_name: SelfReference\n");
    assert_eq!(
        Catalog::parse(&fixed, "self.yaml").unwrap().codes()[0].variant(),
        "SelfReference"
    );
}
