//! The `@generated` header names the catalog's file and the regenerate command, which
//! may hold any text a path or a command line can. Whatever they hold, each generated
//! file stays what it is, read by an independent parser for its format: the header never
//! becomes a YAML key, a JSON member, Markdown content or TypeScript code (the TypeScript
//! case is in `typescript.rs`, with `tsc`).

mod support;

use luxxon_errors_codegen::{ArtifactKind, Builder};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use support::{scratch_dir, workspace_root};

const HOSTILE_NAME: &str = "errors\ninjected_by_name: 1\n--> # Injected heading\u{2028}.yaml";
const HOSTILE_COMMAND: &str = "make --!> x\r\ninjected_by_command: 2\u{85}\u{0}";

/// The generated files of the repository's catalog, under a hostile name and command.
fn generate(name: &str) -> std::path::PathBuf {
    let root = scratch_dir(name);
    std::fs::copy(
        workspace_root().join("errors.yaml"),
        root.join("errors.yaml"),
    )
    .unwrap();
    let mut builder = Builder::new();
    builder
        .catalog(root.join("errors.yaml"))
        .catalog_name(HOSTILE_NAME)
        .regenerate_command(HOSTILE_COMMAND)
        .out_dir(&root);
    builder.generate().expect("generated");
    root
}

fn read(root: &std::path::Path, kind: ArtifactKind) -> String {
    std::fs::read_to_string(root.join(kind.path())).unwrap()
}

#[test]
fn the_openapi_fragment_stays_one_document_with_its_one_key() {
    let root = generate("header-yaml");
    let text = read(&root, ArtifactKind::OpenApiComponents);
    let document: serde_json::Value = serde_saphyr::from_str(&text).expect("valid YAML");
    let keys: Vec<&String> = document.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["components"], "{}", &text[..300]);
    assert_eq!(
        text.lines().next().unwrap().matches('#').count(),
        2,
        "one comment line"
    );
}

#[test]
fn the_json_schema_keeps_the_header_as_its_comment() {
    let root = generate("header-json");
    let schema: serde_json::Value =
        serde_json::from_str(&read(&root, ArtifactKind::JsonSchema)).expect("valid JSON");
    let comment = schema["$comment"].as_str().unwrap();
    assert!(comment.contains(HOSTILE_NAME) && comment.contains(HOSTILE_COMMAND));
    assert!(schema.get("injected_by_name").is_none());
}

#[test]
fn the_docs_page_starts_with_one_html_comment_then_its_title() {
    let root = generate("header-markdown");
    let page = read(&root, ArtifactKind::DocsPage);
    let events: Vec<Event<'_>> = Parser::new(&page).collect();
    // The comment is one HTML block; the first heading is the page's title.
    let first_heading = events
        .iter()
        .position(|event| {
            matches!(
                event,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        })
        .expect("a title");
    let before: String = events[..first_heading]
        .iter()
        .map(|event| match event {
            Event::Html(html) => html.to_string(),
            Event::Start(Tag::HtmlBlock) | Event::End(_) => String::new(),
            other => panic!("not part of the comment: {other:?}"),
        })
        .collect();
    assert!(
        before.starts_with("<!-- @generated") && before.trim_end().ends_with("-->"),
        "{before}"
    );
    assert_eq!(before.matches("-->").count(), 1, "{before}");
    assert!(matches!(&events[first_heading + 1], Event::Text(title) if title.as_ref() == "Errors"));
    assert!(!page.contains("\n# Injected heading"));
}
