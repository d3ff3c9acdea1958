//! The Rust emitter: the `ErrorCode` and `Family` enums of a catalog, with their lookups,
//! trait impls and doc comments.
//!
//! The catalog becomes one row per code and one per family; each generated item is
//! built from the rows by a small function, and [`generate`] joins the items. The output
//! reaches the support items it needs (the unknown-code holder, serde) only through
//! `<runtime crate>::generated`, so users may rename or re-export the runtime crate by
//! setting [`RustOptions::runtime_crate`].

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::diagnostic::Diagnostics;
use crate::emit::{lookup, markdown, rustdoc};
use crate::model::{Catalog, Code, Family, Lifecycle};
use crate::naming;

/// The version of the runtime's `generated` support items this emitter writes against.
const SUPPORT_VERSION: u32 = 3;

/// How the Rust code is emitted.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RustOptions {
    /// The path of the runtime crate, whose `generated` module the output uses.
    pub runtime_crate: String,
    /// The name of the code enum (default `ErrorCode`).
    pub code_type: String,
    /// The name of the family enum (default `Family`).
    pub family_type: String,
    /// The name of the envelope alias, `ErrorEnvelope<code type>` (default `LuxxonError`).
    pub envelope_type: String,
    /// Whether the catalog-bound names of the runtime's integrations (`HttpError`,
    /// `ApiError`, `ErrorHandling`, `ClientError`, as its features allow) are emitted
    /// beside the types (default `true`).
    pub integration_names: bool,
}

impl Default for RustOptions {
    fn default() -> Self {
        RustOptions {
            runtime_crate: "::luxxon_errors".to_owned(),
            code_type: "ErrorCode".to_owned(),
            family_type: "Family".to_owned(),
            envelope_type: "LuxxonError".to_owned(),
            integration_names: true,
        }
    }
}

impl RustOptions {
    /// Sets the path of the runtime crate (default `::luxxon_errors`), for a crate that
    /// renames or re-exports it.
    #[must_use]
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Self {
        self.runtime_crate = path.into();
        self
    }

    /// Sets the names of the generated types: the code enum, the family enum and the
    /// envelope alias (default `ErrorCode`, `Family`, `LuxxonError`), for a crate with
    /// more than one catalog or names of its own.
    #[must_use]
    pub fn type_names(
        mut self,
        code: impl Into<String>,
        family: impl Into<String>,
        envelope: impl Into<String>,
    ) -> Self {
        self.code_type = code.into();
        self.family_type = family.into();
        self.envelope_type = envelope.into();
        self
    }

    /// Whether to emit the catalog-bound names of the runtime's integrations beside the
    /// types (default `true`): `HttpError`, and with the runtime's features `ApiError`
    /// and `ErrorHandling` (`axum`) and `ClientError` (`reqwest`), each the
    /// integration's type for this catalog's code. Their names are fixed, so a module
    /// holding two catalogs turns them off for one of them.
    #[must_use]
    pub fn integration_names(mut self, emit: bool) -> Self {
        self.integration_names = emit;
        self
    }
}

/// The names the generated types go by.
struct Names {
    code: Ident,
    family: Ident,
    envelope: Ident,
}

impl Names {
    /// The names of `options`, or why one cannot name a type.
    fn of(options: &RustOptions) -> Result<Names, String> {
        let name = |name: &str| match naming::variant_problem(name, false) {
            Some(problem) => Err(format!("the type name {problem}")),
            None => Ok(ident(name)),
        };
        let names = Names {
            code: name(&options.code_type)?,
            family: name(&options.family_type)?,
            envelope: name(&options.envelope_type)?,
        };
        if names.code == names.family
            || names.code == names.envelope
            || names.family == names.envelope
        {
            return Err(
                "the code, family and envelope types need three different names".to_owned(),
            );
        }
        Ok(names)
    }
}

/// The Rust items for `catalog`: the `ErrorCode` and `Family` enums and their impls.
///
/// The items allow `dead_code`: a crate uses the part of the API it needs, and the rest
/// is not code it wrote.
///
/// A [`RustOptions::runtime_crate`] that is not a path gives a `compile_error!` saying
/// so rather than a panic.
pub fn generate(catalog: &Catalog, options: &RustOptions) -> TokenStream {
    let rows = Rows::of(catalog, &options.family_type);
    let (code_summary, family_summary) = summaries(catalog);
    emit(&rows, &code_summary, &family_summary, options)
}

/// The first paragraphs of the two enums' docs, in the catalog's words: what the types
/// are, naming the file, and the catalog's own summary of its codes and the title of
/// its docs page, where it has a `page` section. The generator serves any API, so it
/// names none.
fn summaries(catalog: &Catalog) -> (String, String) {
    let file = catalog.file_name();
    let codes = match catalog.codes().len() {
        1 => "its one code".to_owned(),
        count => format!("one of its {count} codes"),
    };
    let families = match catalog.families().len() {
        1 => "its one family, a table".to_owned(),
        count => format!("one of its {count} families, each a table"),
    };
    let mut code_summary =
        format!("An error code of `{file}`: {codes}, or one this build doesn't know.");
    let family_summary = match catalog.page() {
        Some(page) => {
            code_summary.push_str("\n\n");
            code_summary.push_str(&rustdoc::markdown(page.summary()));
            format!(
                "A family of error codes of `{file}`: {families} on its docs page, “{}”.",
                page.title()
            )
        }
        None => format!("A family of error codes of `{file}`: {families} on the docs page."),
    };
    (code_summary, family_summary)
}

/// The items of `catalog` as a pretty-printed Rust file (for the Rust module artifact).
#[cfg(feature = "artifacts")]
pub(crate) fn pretty(catalog: &Catalog, options: &RustOptions) -> String {
    let tokens = generate(catalog, options);
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        // Every emitted item parses (a test holds it to that); should one not, the
        // tokens as they are still compile to the same items.
        Err(_) => tokens.to_string(),
    }
}

/// Stand-ins for the items of a catalog that has `problems`: the same `ErrorCode` and
/// `Family` types and API, with a variant for every code and family whose name could
/// still be read, and the catalog-bound names of the integrations.
///
/// Emitted next to the catalog's errors (as thiserror's fallback does), they keep the
/// code that uses `ErrorCode` from adding "cannot find type" or "no variant" errors of
/// its own, so the user sees only the catalog's problems. Their facts (statuses,
/// families, texts) are placeholders: the crate does not compile while they stand in.
pub fn stand_ins(problems: &Diagnostics, options: &RustOptions) -> TokenStream {
    let summary = "Stand-in while the catalog has problems: fix the errors reported with it.";
    emit(&Rows::readable(problems), summary, summary, options)
}

fn emit(
    rows: &Rows<'_>,
    code_summary: &str,
    family_summary: &str,
    options: &RustOptions,
) -> TokenStream {
    let Ok(runtime) = options.runtime_crate.parse::<TokenStream>() else {
        let problem = format!("`{}` is not a Rust path", options.runtime_crate);
        return quote!(::core::compile_error!(#problem););
    };
    let names = match Names::of(options) {
        Ok(names) => names,
        Err(problem) => return quote!(::core::compile_error!(#problem);),
    };
    let support = quote!(#runtime::generated);
    let version_check = {
        let message = format!(
            "this code was generated for version {SUPPORT_VERSION} of luxxon-errors' support items: regenerate it with this version of the generator"
        );
        quote! {
            const _: () = ::core::assert!(#support::SUPPORT_VERSION == #SUPPORT_VERSION, #message);
        }
    };
    let error_code_enum = error_code_enum(rows, code_summary, &support, &names);
    let error_code_lookups = error_code_lookups(rows, &support, &names);
    let error_code_facts = error_code_facts(rows, &support, &names);
    let error_code_traits = error_code_traits(&support, &names);
    let catalog_code = catalog_code(&runtime, &support, &names);
    let family_enum = family_enum(rows, family_summary, &names);
    let family_facts = family_facts(rows, &support, &names);
    let code_type = &names.code;
    let integration_names = if options.integration_names {
        quote!(#support::catalog_bound_names!(#code_type);)
    } else {
        TokenStream::new()
    };
    quote! {
        #version_check
        #error_code_enum
        #error_code_lookups
        #error_code_facts
        #error_code_traits
        #catalog_code
        #family_enum
        #family_facts
        #integration_names
    }
}

/// Everything the generated items say about one code.
struct CodeRow<'a> {
    variant: Ident,
    name: &'a str,
    docs: Vec<String>,
    status: u16,
    /// `None` only in stand-ins, whose families may not have been read.
    family: Option<Ident>,
    retryable: bool,
    meaning: &'a str,
    message: String,
    remedy: Option<&'a str>,
    lifecycle: Ident,
    retry_after: Option<u32>,
}

/// Everything the generated items say about one family.
struct FamilyRow<'a> {
    variant: Ident,
    id: &'a str,
    docs: Vec<String>,
    title: &'a str,
    description: Option<&'a str>,
    retryable: bool,
    codes: Vec<Ident>,
}

#[derive(Default)]
struct Rows<'a> {
    codes: Vec<CodeRow<'a>>,
    families: Vec<FamilyRow<'a>>,
}

impl<'a> Rows<'a> {
    fn of(catalog: &'a Catalog, family_type: &str) -> Self {
        let codes = catalog
            .codes()
            .iter()
            .map(|code| CodeRow {
                variant: ident(code.variant()),
                name: code.name(),
                docs: doc_lines(&code_docs(catalog, code, family_type)),
                status: code.status(),
                family: Some(ident(catalog.family_of(code).variant())),
                retryable: code.is_retryable(),
                meaning: code.meaning(),
                message: code.message(),
                remedy: code.remedy(),
                lifecycle: ident(code.lifecycle().rust_variant()),
                retry_after: code.retry_after(),
            })
            .collect();
        let families = catalog
            .families()
            .iter()
            .map(|family| FamilyRow {
                variant: ident(family.variant()),
                id: family.id(),
                docs: doc_lines(&family_docs(catalog, family)),
                title: family.title(),
                description: family.description(),
                retryable: family.is_retryable(),
                codes: catalog
                    .codes_of(family)
                    .map(|code| ident(code.variant()))
                    .collect(),
            })
            .collect();
        Rows { codes, families }
    }

    /// Rows for the names a catalog with problems still defines, with placeholder facts.
    fn readable(problems: &'a Diagnostics) -> Self {
        let codes = problems
            .readable
            .codes
            .iter()
            .map(|(name, variant)| CodeRow {
                variant: ident(variant),
                name,
                docs: Vec::new(),
                status: 500,
                family: None,
                retryable: false,
                meaning: "",
                message: String::new(),
                remedy: None,
                lifecycle: ident(Lifecycle::Active.rust_variant()),
                retry_after: None,
            })
            .collect();
        let families = problems
            .readable
            .families
            .iter()
            .map(|(id, variant)| FamilyRow {
                variant: ident(variant),
                id,
                docs: Vec::new(),
                title: id,
                description: None,
                retryable: false,
                codes: Vec::new(),
            })
            .collect();
        Rows { codes, families }
    }
}

/// The identifier of a variant: the catalog's checks made every variant name one.
fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn some(value: impl quote::ToTokens) -> TokenStream {
    quote!(::core::option::Option::Some(#value))
}

fn optional(value: Option<impl quote::ToTokens>) -> TokenStream {
    value.map_or_else(|| quote!(::core::option::Option::None), some)
}

/// A `const fn` accessor that reads a table with one entry per position (see
/// `position`); `receiver` is `&self` or `self`.
fn table_accessor(
    doc: &str,
    name: &str,
    receiver: &TokenStream,
    value_type: &TokenStream,
    entries: impl IntoIterator<Item = TokenStream>,
) -> TokenStream {
    let name = ident(name);
    let doc = format!(" {doc}");
    let entries: Vec<TokenStream> = entries.into_iter().collect();
    let len = entries.len();
    quote! {
        #[doc = #doc]
        #[inline]
        pub const fn #name(#receiver) -> #value_type {
            const TABLE: [#value_type; #len] = [#(#entries,)*];
            TABLE[self.position()]
        }
    }
}

/// Doc attributes' texts, one per line, each led by a space as `///` comments are: the
/// generated code then reads as hand-written code does, tables included.
fn doc_lines(paragraphs: &[String]) -> Vec<String> {
    paragraphs
        .iter()
        .flat_map(|paragraph| paragraph.split('\n'))
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

fn code_docs(catalog: &Catalog, code: &Code, family_type: &str) -> Vec<String> {
    let mut docs = vec![rustdoc::line(code.meaning())];
    if let Some(remedy) = code.remedy() {
        docs.push(String::new());
        docs.push(format!("**What to do:** {remedy}"));
    }
    docs.push(String::new());
    docs.push(format!(
        "Code `{}` · HTTP status `{}` · family [`{family_type}::{}`] · {}.",
        code.name(),
        code.status(),
        catalog.family_of(code).variant(),
        if code.is_retryable() {
            "retryable"
        } else {
            "not retryable"
        }
    ));
    if let Some(note) = markdown::lifecycle_note(code.lifecycle()) {
        docs.push(String::new());
        docs.push(note.to_owned());
    }
    docs
}

fn family_docs(catalog: &Catalog, family: &Family) -> Vec<String> {
    let mut docs = vec![rustdoc::line(family.title())];
    if let Some(description) = family.description() {
        docs.push(String::new());
        docs.push(rustdoc::markdown(description));
    }
    if let Some(note) = markdown::retry_after_note(catalog, family) {
        docs.push(String::new());
        docs.push(note);
    }
    docs.push(String::new());
    docs.push(markdown::family_table(catalog, family));
    docs
}

fn error_code_enum(
    rows: &Rows<'_>,
    summary: &str,
    support: &TokenStream,
    names: &Names,
) -> TokenStream {
    let code_type = &names.code;
    let summary = doc_lines(&[summary.to_owned()]);
    let display_doc = doc_lines(&[format!(
        "`Display` writes the wire name, as [`Self::as_str`] does, and `{family}`'s writes\n\
         its id: each enum prints its machine-readable name, which parses back. For people,\n\
         show [`Self::message`] (or a family's [`{family}::title`]).",
        family = names.family
    )]);
    let variants = rows.codes.iter().map(|row| &row.variant);
    let docs = rows.codes.iter().map(|row| &row.docs);
    quote! {
        #(#[doc = #summary])*
        ///
        /// Branch on the code: it is the stable, machine-readable handle of an error.
        /// Parsing never fails and never loses the input: a code this build doesn't
        /// know becomes [`Self::Unknown`] and keeps its text, so it serializes
        /// back unchanged. To test for a code that a later catalog may add, compare
        /// strings (`code == "NEW_CODE"`): that keeps working once the code gets a
        /// variant of its own.
        ///
        #(#[doc = #display_doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        #[allow(dead_code, clippy::all, clippy::pedantic, clippy::nursery)]
        pub enum #code_type {
            #(
                #(#[doc = #docs])*
                #variants,
            )*
            /// A code this build doesn't know (the API may add codes at any time).
            ///
            /// Handle it like any other error: log [`Self::as_str`] and surface a
            /// generic message.
            Unknown(#support::UnknownCode),
        }
    }
}

/// `ALL`, parsing a wire name, and the wire name of a code.
fn error_code_lookups(rows: &Rows<'_>, support: &TokenStream, names: &Names) -> TokenStream {
    let code_type = &names.code;
    let variants: Vec<&Ident> = rows.codes.iter().map(|row| &row.variant).collect();
    let names: Vec<&str> = rows.codes.iter().map(|row| row.name).collect();
    let count = rows.codes.len();
    let positions = 0..count;
    let lookup::Emitted {
        body: known,
        helpers: lookup_helpers,
    } = lookup::ByName {
        type_name: code_type,
        variants: variants.clone(),
        names: names.clone(),
        input: ident("code"),
        support,
    }
    .emit();
    quote! {
        #[allow(dead_code, clippy::all, clippy::pedantic, clippy::nursery)]
        impl #code_type {
            /// Every code of the catalog, in catalog order. Never holds
            /// [`Self::Unknown`].
            pub const ALL: &'static [#code_type] = &[#(#code_type::#variants),*];

            /// The known code with this wire name, or `None`.
            #[inline]
            pub fn known(code: &str) -> ::core::option::Option<#code_type> {
                #known
            }

            #lookup_helpers

            /// The code with this wire name: the known variant for a code of the
            /// catalog, [`Self::Unknown`] holding `code` otherwise.
            #[inline]
            pub fn parse(code: &str) -> #code_type {
                match #code_type::known(code) {
                    ::core::option::Option::Some(known) => known,
                    ::core::option::Option::None => #code_type::Unknown(#support::unknown_code(code)),
                }
            }

            /// The wire name, e.g. `"NOT_FOUND"`; for an unknown code, the text received.
            #[inline]
            pub fn as_str(&self) -> &str {
                const NAMES: [&str; #count + 1] = [#(#names,)* ""];
                match self {
                    #code_type::Unknown(unknown) => unknown.as_str(),
                    known => NAMES[known.position()],
                }
            }

            // The facts about a code are read from tables indexed by `position`, which the
            // compiler reduces to the enum's tag: a load, where a `match` with an arm per
            // code compiles to an indirect jump that mispredicts on mixed input. Each
            // table ends with the entry for `Unknown`, so no index is out of bounds.
            #[inline]
            const fn position(&self) -> usize {
                match self {
                    #(#code_type::#variants => #positions,)*
                    #code_type::Unknown(_) => #count,
                }
            }

            /// Whether the code is in this build's catalog.
            #[inline]
            pub const fn is_known(&self) -> bool {
                !::core::matches!(self, #code_type::Unknown(_))
            }
        }
    }
}

/// The per-code facts, each a table accessor ending with the entry for `Unknown`.
fn error_code_facts(rows: &Rows<'_>, support: &TokenStream, names: &Names) -> TokenStream {
    let code_type = &names.code;
    let family_type = &names.family;
    let receiver = quote!(&self);
    let none = quote!(::core::option::Option::None);
    let codes = &rows.codes;
    let accessor = |doc: &str,
                    name: &str,
                    value_type: TokenStream,
                    known: &dyn Fn(&CodeRow<'_>) -> TokenStream,
                    unknown: TokenStream| {
        let entries = codes.iter().map(known).chain([unknown]);
        table_accessor(doc, name, &receiver, &value_type, entries)
    };
    let status = accessor(
        "The HTTP status the API answers with; `None` for an unknown code.",
        "status",
        quote!(::core::option::Option<u16>),
        &|row| some(row.status),
        none.clone(),
    );
    let family = accessor(
        "The code's family; `None` for an unknown code.",
        "family",
        quote!(::core::option::Option<#family_type>),
        &|row| {
            optional(
                row.family
                    .as_ref()
                    .map(|family| quote!(#family_type::#family)),
            )
        },
        none.clone(),
    );
    let is_retryable = accessor(
        "Whether the request may be retried as is (with backoff). `false` for an unknown code: nothing says it is safe.",
        "is_retryable",
        quote!(bool),
        &|row| {
            let retryable = row.retryable;
            quote!(#retryable)
        },
        quote!(false),
    );
    let meaning = accessor(
        "What the code means (Markdown, as on the docs page); `None` for an unknown code.",
        "meaning",
        quote!(::core::option::Option<&'static str>),
        &|row| some(row.meaning),
        none.clone(),
    );
    let message = accessor(
        "The meaning as plain text, the `message` of an envelope made from the code alone; `None` for an unknown code.",
        "message",
        quote!(::core::option::Option<&'static str>),
        &|row| some(&row.message),
        none.clone(),
    );
    let retry_after = accessor(
        "How long to wait before retrying, where the catalog says (`retry_after`); `None` otherwise and for an unknown code.",
        "retry_after",
        quote!(::core::option::Option<::core::time::Duration>),
        &|row| {
            optional(row.retry_after.map(|seconds| {
                let seconds = u64::from(seconds);
                quote!(::core::time::Duration::from_secs(#seconds))
            }))
        },
        none.clone(),
    );
    let remedy = accessor(
        "What the caller should do (Markdown, as on the docs page), where the catalog says; `None` otherwise.",
        "remedy",
        quote!(::core::option::Option<&'static str>),
        &|row| optional(row.remedy),
        none.clone(),
    );
    let lifecycle = accessor(
        "Whether the code is active, legacy or reserved; `None` for an unknown code.",
        "lifecycle",
        quote!(::core::option::Option<#support::Lifecycle>),
        &|row| {
            let lifecycle = &row.lifecycle;
            some(quote!(#support::Lifecycle::#lifecycle))
        },
        none,
    );
    quote! {
        #[allow(dead_code, clippy::all, clippy::pedantic, clippy::nursery)]
        impl #code_type {
            #status
            #family
            #is_retryable
            #retry_after
            #meaning
            #message
            #remedy
            #lifecycle

            /// Whether the code is legacy: kept for old clients, not emitted by new endpoints.
            #[inline]
            pub const fn is_legacy(&self) -> bool {
                ::core::matches!(self.lifecycle(), ::core::option::Option::Some(#support::Lifecycle::Legacy))
            }

            /// Whether the code is reserved: defined for clients to handle, not emitted yet.
            #[inline]
            pub const fn is_reserved(&self) -> bool {
                ::core::matches!(self.lifecycle(), ::core::option::Option::Some(#support::Lifecycle::Reserved))
            }
        }
    }
}

/// The std and serde traits of `ErrorCode`; they do not depend on the catalog.
fn error_code_traits(support: &TokenStream, names: &Names) -> TokenStream {
    let code_type = &names.code;
    quote! {
        impl ::core::fmt::Display for #code_type {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for #code_type {
            type Err = ::core::convert::Infallible;

            fn from_str(code: &str) -> ::core::result::Result<Self, ::core::convert::Infallible> {
                ::core::result::Result::Ok(#code_type::parse(code))
            }
        }

        impl ::core::convert::From<&str> for #code_type {
            fn from(code: &str) -> Self {
                #code_type::parse(code)
            }
        }

        impl ::core::convert::From<#support::String> for #code_type {
            fn from(code: #support::String) -> Self {
                match #code_type::known(&code) {
                    ::core::option::Option::Some(known) => known,
                    ::core::option::Option::None => #code_type::Unknown(#support::unknown_code_from_string(code)),
                }
            }
        }

        impl ::core::convert::AsRef<str> for #code_type {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::cmp::PartialEq<str> for #code_type {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for #code_type {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl #support::serde::Serialize for #code_type {
            fn serialize<S: #support::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #support::serde::Deserialize<'de> for #code_type {
            fn deserialize<D: #support::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_str(#support::CodeVisitor::<#code_type>::new())
            }
        }
    }
}

/// The runtime's view of the code type, through which the envelope, the decoder and the
/// HTTP integrations work with any catalog; and the envelope of this catalog's errors.
fn catalog_code(runtime: &TokenStream, support: &TokenStream, names: &Names) -> TokenStream {
    let alias_doc = format!(
        " The envelope this catalog's errors come back in: [`{}`] as its code.",
        names.code
    );
    let code_type = &names.code;
    let envelope_alias = &names.envelope;
    let option = quote!(::core::option::Option);
    quote! {
        impl #runtime::CatalogCode for #code_type {
            const ALL: &'static [#code_type] = #code_type::ALL;

            #[inline]
            fn parse(code: &str) -> #code_type {
                #code_type::parse(code)
            }

            #[inline]
            fn from_string(code: #support::String) -> #code_type {
                <#code_type as ::core::convert::From<#support::String>>::from(code)
            }

            #[inline]
            fn as_str(&self) -> &str {
                #code_type::as_str(self)
            }

            #[inline]
            fn is_known(&self) -> bool {
                #code_type::is_known(self)
            }

            #[inline]
            fn status(&self) -> #option<u16> {
                #code_type::status(self)
            }

            #[inline]
            fn is_retryable(&self) -> bool {
                #code_type::is_retryable(self)
            }

            #[inline]
            fn retry_after(&self) -> #option<::core::time::Duration> {
                #code_type::retry_after(self)
            }

            #[inline]
            fn meaning(&self) -> #option<&'static str> {
                #code_type::meaning(self)
            }

            #[inline]
            fn message(&self) -> #option<&'static str> {
                #code_type::message(self)
            }

            #[inline]
            fn lifecycle(&self) -> #option<#support::Lifecycle> {
                #code_type::lifecycle(self)
            }

            #[inline]
            fn family_id(&self) -> #option<&'static str> {
                #code_type::family(self).map(|family| family.id())
            }
        }

        #[doc = #alias_doc]
        #[allow(dead_code, clippy::all, clippy::pedantic, clippy::nursery)]
        pub type #envelope_alias = #runtime::ErrorEnvelope<#code_type>;
    }
}

fn family_enum(rows: &Rows<'_>, summary: &str, names: &Names) -> TokenStream {
    let branch_doc = doc_lines(&[format!(
        "The HTTP status correlates with the family but isn't the contract: branch on\n\
         [`{}`], and use the family for coarse handling such as retries.",
        names.code
    )]);
    let display_doc = doc_lines(&[format!(
        "`Display` writes the id, as [`Self::id`] does, which [`Self::from_id`] parses\n\
         back, and `{code}`'s writes the wire name: each enum prints its machine-readable\n\
         name. For people, show [`Self::title`].",
        code = names.code
    )]);
    let family_type = &names.family;
    let summary = doc_lines(&[summary.to_owned()]);
    let variants = rows.families.iter().map(|row| &row.variant);
    let docs = rows.families.iter().map(|row| &row.docs);
    quote! {
        #(#[doc = #summary])*
        ///
        #(#[doc = #branch_doc])*
        ///
        #(#[doc = #display_doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        #[allow(dead_code, clippy::all, clippy::pedantic, clippy::nursery)]
        pub enum #family_type {
            #(
                #(#[doc = #docs])*
                #variants,
            )*
        }
    }
}

/// `Family`'s lookups and facts. Like `ErrorCode`'s, the facts are tables indexed by
/// the variant's position, so both enums read the same way.
fn family_facts(rows: &Rows<'_>, support: &TokenStream, names: &Names) -> TokenStream {
    let code_type = &names.code;
    let family_type = &names.family;
    let families = &rows.families;
    let variants: Vec<&Ident> = families.iter().map(|row| &row.variant).collect();
    let ids: Vec<&str> = families.iter().map(|row| row.id).collect();
    let positions = 0..families.len();
    let lookup::Emitted {
        body: from_id,
        helpers: lookup_helpers,
    } = lookup::ByName {
        type_name: family_type,
        variants: variants.clone(),
        names: ids,
        input: ident("id"),
        support,
    }
    .emit();
    let receiver = quote!(self);
    let accessor = |doc: &str,
                    name: &str,
                    value_type: TokenStream,
                    entry: &dyn Fn(&FamilyRow<'_>) -> TokenStream| {
        table_accessor(
            doc,
            name,
            &receiver,
            &value_type,
            families.iter().map(entry),
        )
    };
    let id = accessor(
        "The family's id in the catalog, e.g. `\"not_found\"`.",
        "id",
        quote!(&'static str),
        &|row| {
            let id = row.id;
            quote!(#id)
        },
    );
    let title = accessor(
        "The family's title, e.g. `\"Not-found\"`: its name for people (`Display` writes the id).",
        "title",
        quote!(&'static str),
        &|row| {
            let title = row.title;
            quote!(#title)
        },
    );
    let description = accessor(
        "The prose under the family's heading on the docs page (Markdown), if any.",
        "description",
        quote!(::core::option::Option<&'static str>),
        &|row| optional(row.description),
    );
    let is_retryable = accessor(
        &format!(
            "Whether the family's codes are safe to retry, unless a code says otherwise (see [`{code_type}::is_retryable`])."
        ),
        "is_retryable",
        quote!(bool),
        &|row| {
            let retryable = row.retryable;
            quote!(#retryable)
        },
    );
    let codes = accessor(
        "The family's codes, in catalog order.",
        "codes",
        quote!(&'static [#code_type]),
        &|row| {
            let codes = &row.codes;
            quote!(&[#(#code_type::#codes),*])
        },
    );
    quote! {
        #[allow(dead_code, clippy::all, clippy::pedantic, clippy::nursery)]
        impl #family_type {
            /// Every family, in catalog order.
            pub const ALL: &'static [#family_type] = &[#(#family_type::#variants),*];

            #[inline]
            const fn position(self) -> usize {
                match self {
                    #(#family_type::#variants => #positions,)*
                }
            }

            #id
            #title
            #description
            #is_retryable
            #codes

            /// The family with this id, or `None`.
            #[inline]
            pub fn from_id(id: &str) -> ::core::option::Option<#family_type> {
                #from_id
            }

            #lookup_helpers
        }

        impl ::core::fmt::Display for #family_type {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.id())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = "\
families:
  - id: auth
    title: Auth
    description: |
      Prose, then a block:

      ```
      let x = 1;
      ```

      ```ts
      const y = 2;
      ```
codes:
  - code: NOT_AUTHENTICATED
    status: 401
    family: auth
    meaning: Missing credential.
";

    fn catalog() -> Catalog {
        Catalog::parse(CATALOG, "errors.yaml").unwrap()
    }

    #[test]
    fn a_runtime_crate_that_is_not_a_path_gives_a_compile_error_not_a_panic() {
        let output = generate(&catalog(), &RustOptions::default().runtime_crate("(")).to_string();
        assert!(output.contains("compile_error"), "{output}");
        assert!(output.contains("is not a Rust path"), "{output}");
        let problems = Catalog::parse("codes: []", "errors.yaml").unwrap_err();
        let output = stand_ins(&problems, &RustOptions::default().runtime_crate("(")).to_string();
        assert!(output.contains("is not a Rust path"), "{output}");
    }

    /// A `page` section for `CATALOG`, with its own title and summary.
    const PAGE: &str = "\
page:
  title: Acme errors
  summary: Everything the `acme` service answers when it fails.
  envelope:
    lead: Errors come back as
    example:
      code: NOT_AUTHENTICATED
      message: Log in
      detail: none
      timestamp: \"2026-05-13T08:30:00Z\"
    notes: Branch on the code.
  handling:
    heading: Handling
    body: Retry what is retryable.
  versioning:
    heading: Versioning
    body: Codes are append-only.
";

    /// The doc attributes' text of the generated items, joined.
    fn docs_of(catalog: &Catalog) -> String {
        let file = syn::parse2::<syn::File>(generate(catalog, &RustOptions::default())).unwrap();
        let mut docs = Vec::new();
        for item in &file.items {
            let attributes = match item {
                syn::Item::Enum(item) => &item.attrs,
                _ => continue,
            };
            for attribute in attributes {
                if let syn::Meta::NameValue(doc) = &attribute.meta
                    && doc.path.is_ident("doc")
                    && let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) = &doc.value
                {
                    docs.push(text.value());
                }
            }
        }
        docs.join("\n")
    }

    #[test]
    fn the_enums_docs_take_their_wording_from_the_catalog() {
        let plain = docs_of(&catalog());
        assert!(
            plain.contains(
                " An error code of `errors.yaml`: its one code, or one this build doesn't know.\n\n"
            ),
            "{plain}"
        );
        assert!(
            plain.contains(
                " A family of error codes of `errors.yaml`: its one family, a table on the docs page.\n"
            ),
            "{plain}"
        );
        assert!(!plain.contains("Luxxon"), "{plain}");
        let with_page = Catalog::parse(&format!("{PAGE}{CATALOG}"), "acme.yaml").unwrap();
        let docs = docs_of(&with_page);
        assert!(
            docs.contains(
                " An error code of `acme.yaml`: its one code, or one this build doesn't know.\n\n Everything the `acme` service answers when it fails.\n\n"
            ),
            "{docs}"
        );
        assert!(
            docs.contains("its one family, a table on its docs page, “Acme errors”."),
            "{docs}"
        );
        assert!(!docs.contains("Luxxon"), "{docs}");
    }

    #[test]
    fn display_is_documented_as_the_machine_readable_name_on_both_enums() {
        let docs = docs_of(&catalog());
        assert!(docs.contains("`Display` writes the wire name"), "{docs}");
        assert!(docs.contains("`Display` writes the id"), "{docs}");
        let output = generate(&catalog(), &RustOptions::default()).to_string();
        assert!(
            output.contains("impl :: core :: fmt :: Display for Family { fn fmt (& self , f : & mut :: core :: fmt :: Formatter < '_ >) -> :: core :: fmt :: Result { f . write_str (self . id ()) } }"),
            "{output}"
        );
    }

    #[test]
    fn bare_fences_in_doc_comments_are_marked_as_text() {
        let docs = family_docs(&catalog(), &catalog().families()[0]).join("\n");
        assert!(docs.contains("```text\nlet x = 1;\n```\n"), "{docs}");
        assert!(docs.contains("```ts\nconst y = 2;\n```"), "{docs}");
        assert!(!docs.contains("```\nlet"), "{docs}");
    }
}
