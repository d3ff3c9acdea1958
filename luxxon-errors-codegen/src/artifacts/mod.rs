//! The generated files: which exist, where each lives in the repository and what it
//! holds (this module's table), writing only what changed and checking that committed
//! files are fresh (`write`), and the build-script [`Builder`] that does both.
//!
//! The files are committed so that readers, reviewers and other languages' tooling see
//! them without running anything; the freshness check is what keeps them from drifting.

mod builder;
mod shipped;
mod text_diff;
mod write;

use std::fmt;

use crate::emit::rust::{self, RustOptions};
use crate::emit::{catalog_schema, comment, docs, json::Json, json_schema, npm, typescript};
use crate::model::Catalog;

pub use builder::{BuildError, Builder, StaleArtifact, Written};
pub use shipped::{Shipped, ShippedCheck};
pub use write::{ArtifactError, Freshness, WriteOutcome};

/// The command the `@generated` headers tell readers to run, from the repository root:
/// the installed CLI (`cargo install luxxon-errors-cli`; in this repository,
/// `cargo run -p luxxon-errors-cli -- render` is the same).
pub const DEFAULT_REGENERATE_COMMAND: &str = "luxxon-errors render";

/// One kind of generated file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ArtifactKind {
    /// The Errors docs page, in Markdown.
    DocsPage,
    /// The TypeScript types and per-code maps.
    TypeScript,
    /// The envelope's JSON Schema (draft 2020-12).
    JsonSchema,
    /// The OpenAPI 3.1 `components` fragment, in YAML.
    OpenApiComponents,
    /// The Rust module: the items `catalog!` emits, pretty-printed, for `include!` from a
    /// build script's output or for reading.
    RustModule,
    /// The JSON Schema (draft-07) of the catalog format itself, for editors.
    CatalogSchema,
    /// The npm package's `package.json` (its name and version from the catalog's `npm`
    /// section); the `@generated` line is its `"//"` member.
    NpmManifest,
    /// The npm package's ESM JavaScript: the tables, the decoder, the retry rule and the
    /// retry helper.
    NpmModule,
    /// The npm package's TypeScript declarations.
    NpmTypes,
    /// The npm package's README.
    NpmReadme,
}

/// What rendering an artifact takes besides the catalog.
pub(crate) struct RenderContext<'a> {
    /// The `@generated` line (see [`header`]), unescaped.
    pub(crate) header: &'a str,
    /// How the Rust module is emitted.
    pub(crate) rust: &'a RustOptions,
}

/// Everything about one kind of generated file: one row of [`TABLE`].
struct Row {
    kind: ArtifactKind,
    /// The file's path relative to the output root, `/`-separated.
    path: &'static str,
    /// How messages name the file.
    name: &'static str,
    /// A stable snake_case id for machine-readable output.
    id: &'static str,
    /// The file's contents for a catalog, headed by the `@generated` line in the file
    /// format's own way of carrying a comment.
    render: fn(&Catalog, &RenderContext<'_>) -> String,
}

/// Which generated files exist, in the order they are written and reported. A new
/// output format is one variant of [`ArtifactKind`] and one row here.
const TABLE: &[Row] = &[
    Row {
        kind: ArtifactKind::DocsPage,
        path: "docs/errors.md",
        name: "docs page",
        id: "docs_page",
        render: |catalog, context| {
            let header = comment::inside_html(context.header);
            format!("<!-- {header} -->\n\n{}", docs::page(catalog))
        },
    },
    Row {
        kind: ArtifactKind::TypeScript,
        path: "generated/ts/luxxon-errors.ts",
        name: "TypeScript types",
        id: "typescript_types",
        render: |catalog, context| {
            let header = comment::to_end_of_line(context.header);
            format!("// {header}\n\n{}", typescript::module(catalog))
        },
    },
    Row {
        kind: ArtifactKind::JsonSchema,
        path: "generated/schema/luxxon-error.schema.json",
        name: "JSON Schema",
        id: "json_schema",
        render: |catalog, context| {
            // JSON has no comments; `$comment` is JSON Schema's member for them.
            let mut document = json_schema::schema_document(catalog);
            document.prepend_member("$comment", Json::string(context.header));
            document.to_json_text()
        },
    },
    Row {
        kind: ArtifactKind::OpenApiComponents,
        path: "generated/openapi/luxxon-errors.components.yaml",
        name: "OpenAPI components",
        id: "openapi_components",
        render: |catalog, context| {
            format!(
                "# {}\n{}",
                comment::to_end_of_line(context.header),
                json_schema::openapi_document(catalog).to_yaml_text()
            )
        },
    },
    Row {
        kind: ArtifactKind::RustModule,
        path: "generated/rust/luxxon_errors.rs",
        name: "Rust module",
        id: "rust_module",
        render: |catalog, context| {
            // `//`, not `//!`: the file is `include!`d, where inner docs are not allowed.
            format!(
                "// {}\n\n{}",
                comment::to_end_of_line(context.header),
                rust::pretty(catalog, context.rust)
            )
        },
    },
    Row {
        kind: ArtifactKind::CatalogSchema,
        path: "generated/schema/errors-yaml.schema.json",
        name: "catalog JSON Schema",
        id: "catalog_schema",
        render: |_, context| {
            let mut document = catalog_schema::document();
            document.prepend_member("$comment", Json::string(context.header));
            document.to_json_text()
        },
    },
    Row {
        kind: ArtifactKind::NpmManifest,
        path: "generated/npm/package.json",
        name: "npm package manifest",
        id: "npm_manifest",
        render: |catalog, context| npm::manifest(catalog, context.header),
    },
    Row {
        kind: ArtifactKind::NpmModule,
        path: "generated/npm/index.js",
        name: "npm package JavaScript",
        id: "npm_module",
        render: |catalog, context| {
            let header = comment::to_end_of_line(context.header);
            format!("// {header}\n\n{}", npm::module(catalog))
        },
    },
    Row {
        kind: ArtifactKind::NpmTypes,
        path: "generated/npm/index.d.ts",
        name: "npm package declarations",
        id: "npm_types",
        render: |catalog, context| {
            let header = comment::to_end_of_line(context.header);
            format!("// {header}\n\n{}", npm::declarations(catalog))
        },
    },
    Row {
        kind: ArtifactKind::NpmReadme,
        path: "generated/npm/README.md",
        name: "npm package README",
        id: "npm_readme",
        render: |catalog, context| {
            let header = comment::inside_html(context.header);
            format!("<!-- {header} -->\n\n{}", npm::readme(catalog))
        },
    },
];

// Every kind has exactly its own row, in declaration order, so `row` can index.
const _: () = {
    let mut index = 0;
    while index < TABLE.len() {
        assert!(TABLE[index].kind as usize == index);
        index += 1;
    }
};

impl ArtifactKind {
    /// Every kind, in the order they are written and reported.
    pub const ALL: [ArtifactKind; TABLE.len()] = {
        let mut all = [ArtifactKind::DocsPage; TABLE.len()];
        let mut index = 0;
        while index < TABLE.len() {
            all[index] = TABLE[index].kind;
            index += 1;
        }
        all
    };

    const fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// A stable snake_case id for machine-readable output (e.g. `docs_page`).
    pub const fn id(self) -> &'static str {
        self.row().id
    }

    /// The file's path relative to the output root, `/`-separated.
    pub const fn path(self) -> &'static str {
        self.row().path
    }

    /// The file's contents for `catalog`.
    pub(crate) fn render(self, catalog: &Catalog, context: &RenderContext<'_>) -> String {
        (self.row().render)(catalog, context)
    }
}

impl fmt::Display for ArtifactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.row().name)
    }
}

/// The `@generated` line every artifact starts with: it names the catalog's file (not its
/// full path, so the output doesn't depend on where it was generated) and the command
/// that regenerates it.
pub(crate) fn header(catalog: &Catalog, regenerate_command: &str) -> String {
    let catalog_name = catalog.file_name();
    format!(
        "@generated by luxxon-errors from {catalog_name}; do not edit. Regenerate: {regenerate_command}"
    )
}

/// A generated file: where it goes and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Artifact {
    /// What the file is.
    pub(crate) kind: ArtifactKind,
    /// Its path relative to the output root, `/`-separated (or absolute).
    pub(crate) path: String,
    /// Its full contents, header included.
    pub(crate) contents: String,
}

/// The artifacts of `kinds` for `catalog`, each headed with [`header`], at its default
/// path unless `path_of` gives another.
pub(crate) fn render(
    catalog: &Catalog,
    kinds: &[ArtifactKind],
    regenerate_command: &str,
    rust: &RustOptions,
    path_of: impl Fn(ArtifactKind) -> Option<String>,
) -> Vec<Artifact> {
    let header = header(catalog, regenerate_command);
    let context = RenderContext {
        header: &header,
        rust,
    };
    kinds
        .iter()
        .map(|&kind| Artifact {
            kind,
            path: path_of(kind).unwrap_or_else(|| kind.path().to_owned()),
            contents: kind.render(catalog, &context),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::parse(
            "families:\n  - id: auth\n    title: Auth\ncodes:\n  - code: NOT_AUTHENTICATED\n    status: 401\n    family: auth\n    meaning: Missing credential.\n",
            "some/dir/errors.yaml",
        )
        .unwrap()
    }

    #[test]
    fn every_kind_has_its_row() {
        // An exhaustive `match`: a new kind does not compile until it is listed here,
        // and then this test fails until it has its row in `TABLE`.
        let declared = |kind: ArtifactKind| match kind {
            ArtifactKind::DocsPage
            | ArtifactKind::TypeScript
            | ArtifactKind::JsonSchema
            | ArtifactKind::OpenApiComponents
            | ArtifactKind::RustModule
            | ArtifactKind::CatalogSchema
            | ArtifactKind::NpmManifest
            | ArtifactKind::NpmModule
            | ArtifactKind::NpmTypes
            | ArtifactKind::NpmReadme => kind,
        };
        let every = [
            ArtifactKind::DocsPage,
            ArtifactKind::TypeScript,
            ArtifactKind::JsonSchema,
            ArtifactKind::OpenApiComponents,
            ArtifactKind::RustModule,
            ArtifactKind::CatalogSchema,
            ArtifactKind::NpmManifest,
            ArtifactKind::NpmModule,
            ArtifactKind::NpmTypes,
            ArtifactKind::NpmReadme,
        ]
        .map(declared);
        assert_eq!(ArtifactKind::ALL, every);
        for kind in every {
            assert_eq!(kind.row().kind, kind);
        }
    }

    #[test]
    fn the_header_names_the_catalog_file_not_its_folder() {
        assert_eq!(
            header(&catalog(), "make docs"),
            "@generated by luxxon-errors from errors.yaml; do not edit. Regenerate: make docs"
        );
    }

    #[test]
    fn every_artifact_starts_with_the_header() {
        for artifact in render(
            &catalog(),
            &ArtifactKind::ALL,
            "make docs",
            &RustOptions::default(),
            |_| None,
        ) {
            let head: String = artifact.contents.lines().take(2).collect();
            assert!(
                head.contains("@generated by luxxon-errors"),
                "{}",
                artifact.contents
            );
        }
    }
}
