//! The Rust emitter: the `ErrorCode` and `Family` enums of a catalog, with their lookups,
//! trait impls and doc comments.
//!
//! The output reaches the support items it needs (the unknown-code holder, serde) only
//! through `<runtime crate>::__private`, so users may rename or re-export the runtime
//! crate by setting [`RustOptions::runtime_crate`].

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::markdown;
use crate::model::{Catalog, Code, Family, Lifecycle};
use crate::naming;

/// How the Rust code is emitted.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RustOptions {
    /// The path of the runtime crate, whose `__private` module the output uses.
    pub runtime_crate: String,
}

impl Default for RustOptions {
    fn default() -> Self {
        RustOptions {
            runtime_crate: "::luxxon_errors".to_owned(),
        }
    }
}

impl RustOptions {
    /// Sets the path of the runtime crate (default `::luxxon_errors`).
    #[must_use]
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Self {
        self.runtime_crate = path.into();
        self
    }
}

/// The Rust items for `catalog`: the `ErrorCode` and `Family` enums and their impls.
///
/// A loaded [`Catalog`] always gives valid Rust. A catalog whose public fields were
/// edited into something that cannot be emitted (a variant that is not an identifier, a
/// code naming a family that is not there), or a [`RustOptions::runtime_crate`] that is
/// not a path, gives a `compile_error!` saying so rather than a panic.
pub fn generate(catalog: &Catalog, options: &RustOptions) -> TokenStream {
    if let Err(problem) = emittable(catalog) {
        return quote!(::core::compile_error!(#problem););
    }
    let Ok(runtime) = options.runtime_crate.parse::<TokenStream>() else {
        let problem = format!("`{}` is not a Rust path", options.runtime_crate);
        return quote!(::core::compile_error!(#problem););
    };
    let support = quote!(#runtime::__private);
    let error_code = error_code(catalog, &support);
    let family = family(catalog);
    quote! {
        #error_code
        #family
    }
}

/// Why the catalog's names cannot be emitted, if they can't: `Ident::new` panics on a
/// name that is not an identifier, and a catalog's fields are public.
fn emittable(catalog: &Catalog) -> Result<(), String> {
    for family in &catalog.families {
        if let Some(problem) = naming::variant_problem(&family.variant, false) {
            return Err(format!("family `{}`: {problem}", family.id));
        }
    }
    for code in &catalog.codes {
        if let Some(problem) = naming::variant_problem(&code.variant, true) {
            return Err(format!("code `{}`: {problem}", code.code));
        }
        if catalog.family(&code.family).is_none() {
            return Err(format!(
                "code `{}` names the family `{}`, which is not defined",
                code.code, code.family
            ));
        }
    }
    Ok(())
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Markdown made safe for rustdoc: a fence without a language is Rust to rustdoc, which
/// would compile the block as a doc test of the crate that invokes `catalog!`.
fn doc_markdown(text: &str) -> String {
    let mut in_fence = false;
    text.lines()
        .map(|line| {
            let fence = line.trim_start().starts_with("```");
            if fence {
                let opens = !in_fence;
                in_fence = !in_fence;
                if opens && line.trim_start().trim_start_matches('`').trim().is_empty() {
                    return format!("{line}text");
                }
            }
            line.to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn code_docs(catalog: &Catalog, code: &Code) -> Vec<String> {
    let mut docs = vec![code.meaning.clone()];
    if let Some(remedy) = &code.remedy {
        docs.push(String::new());
        docs.push(format!("**What to do:** {remedy}"));
    }
    let family = catalog
        .family(&code.family)
        .map_or("", |family| family.variant.as_str());
    docs.push(String::new());
    docs.push(format!(
        "Code `{}` · HTTP status `{}` · family [`Family::{family}`] · {}.",
        code.code,
        code.status,
        if code.retryable {
            "retryable"
        } else {
            "not retryable"
        }
    ));
    if let Some(note) = markdown::lifecycle_note(code.lifecycle) {
        docs.push(String::new());
        docs.push(note.to_owned());
    }
    docs
}

fn family_docs(catalog: &Catalog, family: &Family) -> Vec<String> {
    let mut docs = vec![family.title.clone()];
    if let Some(description) = &family.description {
        docs.push(String::new());
        docs.push(doc_markdown(description));
    }
    docs.push(String::new());
    docs.push(markdown::family_table(catalog, family));
    docs
}

fn error_code(catalog: &Catalog, support: &TokenStream) -> TokenStream {
    let variants: Vec<Ident> = catalog
        .codes
        .iter()
        .map(|code| ident(&code.variant))
        .collect();
    let names: Vec<&str> = catalog
        .codes
        .iter()
        .map(|code| code.code.as_str())
        .collect();
    let docs: Vec<Vec<String>> = catalog
        .codes
        .iter()
        .map(|code| code_docs(catalog, code))
        .collect();
    let statuses: Vec<u16> = catalog.codes.iter().map(|code| code.status).collect();
    let families: Vec<Ident> = catalog
        .codes
        .iter()
        .map(|code| {
            ident(
                catalog
                    .family(&code.family)
                    .map_or("", |family| family.variant.as_str()),
            )
        })
        .collect();
    let retryable: Vec<bool> = catalog.codes.iter().map(|code| code.retryable).collect();
    let meanings: Vec<&str> = catalog
        .codes
        .iter()
        .map(|code| code.meaning.as_str())
        .collect();
    let remedies: Vec<TokenStream> = catalog
        .codes
        .iter()
        .map(|code| match &code.remedy {
            Some(remedy) => quote!(::core::option::Option::Some(#remedy)),
            None => quote!(::core::option::Option::None),
        })
        .collect();
    let lifecycles: Vec<Ident> = catalog
        .codes
        .iter()
        .map(|code| {
            ident(match code.lifecycle {
                Lifecycle::Active => "Active",
                Lifecycle::Legacy => "Legacy",
                Lifecycle::Reserved => "Reserved",
            })
        })
        .collect();
    let count = catalog.codes.len();
    let table_len = count + 1;
    let positions = 0..count;
    let summary = format!(
        "An error code of the Luxxon API: one of the {count} codes of `{}`, or one this build doesn't know.",
        catalog.path
    );

    quote! {
        #[doc = #summary]
        ///
        /// Branch on the code: it is the stable, machine-readable handle of an error.
        /// Parsing never fails and never loses the input: a code this build doesn't
        /// know becomes [`ErrorCode::Unknown`] and keeps its text, so it serializes
        /// back unchanged. To test for a code that a later catalog may add, compare
        /// strings (`code == "NEW_CODE"`): that keeps working once the code gets a
        /// variant of its own.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(
                #(#[doc = #docs])*
                #variants,
            )*
            /// A code this build doesn't know (the API may add codes at any time).
            ///
            /// Handle it like any other error: log [`ErrorCode::as_str`] and surface a
            /// generic message.
            Unknown(#support::UnknownCode),
        }

        impl ErrorCode {
            /// Every code of the catalog, in catalog order. Never holds
            /// [`ErrorCode::Unknown`].
            pub const ALL: &'static [ErrorCode] = &[#(ErrorCode::#variants),*];

            /// The known code with this wire name, or `None`.
            #[inline]
            pub fn known(code: &str) -> ::core::option::Option<ErrorCode> {
                match code {
                    #(#names => ::core::option::Option::Some(ErrorCode::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The code with this wire name: the known variant for a code of the
            /// catalog, [`ErrorCode::Unknown`] holding `code` otherwise.
            #[inline]
            pub fn parse(code: &str) -> ErrorCode {
                match ErrorCode::known(code) {
                    ::core::option::Option::Some(known) => known,
                    ::core::option::Option::None => ErrorCode::Unknown(#support::unknown_code(code)),
                }
            }

            /// The wire name, e.g. `"NOT_FOUND"`; for an unknown code, the text received.
            #[inline]
            pub fn as_str(&self) -> &str {
                const NAMES: [&str; #table_len] = [#(#names,)* ""];
                match self {
                    ErrorCode::Unknown(unknown) => unknown.as_str(),
                    known => NAMES[known.position()],
                }
            }

            // The facts below are read from tables indexed by `position`, which the
            // compiler reduces to the enum's tag: a load, where a `match` with an arm per
            // code compiles to an indirect jump that mispredicts on mixed input. Each
            // table ends with the entry for `Unknown`, so no index is out of bounds.
            #[inline]
            const fn position(&self) -> usize {
                match self {
                    #(ErrorCode::#variants => #positions,)*
                    ErrorCode::Unknown(_) => #count,
                }
            }

            /// Whether the code is in this build's catalog.
            #[inline]
            pub const fn is_known(&self) -> bool {
                !::core::matches!(self, ErrorCode::Unknown(_))
            }

            /// The HTTP status the API answers with; `None` for an unknown code.
            #[inline]
            pub const fn status(&self) -> ::core::option::Option<u16> {
                const STATUSES: [::core::option::Option<u16>; #table_len] =
                    [#(::core::option::Option::Some(#statuses),)* ::core::option::Option::None];
                STATUSES[self.position()]
            }

            /// The code's family; `None` for an unknown code.
            #[inline]
            pub const fn family(&self) -> ::core::option::Option<Family> {
                const FAMILIES: [::core::option::Option<Family>; #table_len] =
                    [#(::core::option::Option::Some(Family::#families),)* ::core::option::Option::None];
                FAMILIES[self.position()]
            }

            /// Whether the request may be retried as is (with backoff). `false` for an
            /// unknown code: nothing says it is safe.
            #[inline]
            pub const fn is_retryable(&self) -> bool {
                const RETRYABLE: [bool; #table_len] = [#(#retryable,)* false];
                RETRYABLE[self.position()]
            }

            /// What the code means (Markdown, as on the docs page); `None` for an
            /// unknown code.
            #[inline]
            pub const fn meaning(&self) -> ::core::option::Option<&'static str> {
                const MEANINGS: [::core::option::Option<&str>; #table_len] =
                    [#(::core::option::Option::Some(#meanings),)* ::core::option::Option::None];
                MEANINGS[self.position()]
            }

            /// What the caller should do (Markdown, as on the docs page), where the
            /// catalog says; `None` otherwise.
            #[inline]
            pub const fn remedy(&self) -> ::core::option::Option<&'static str> {
                const REMEDIES: [::core::option::Option<&str>; #table_len] =
                    [#(#remedies,)* ::core::option::Option::None];
                REMEDIES[self.position()]
            }

            /// Whether the code is active, legacy or reserved; `None` for an unknown code.
            #[inline]
            pub const fn lifecycle(&self) -> ::core::option::Option<#support::Lifecycle> {
                const LIFECYCLES: [::core::option::Option<#support::Lifecycle>; #table_len] = [
                    #(::core::option::Option::Some(#support::Lifecycle::#lifecycles),)*
                    ::core::option::Option::None
                ];
                LIFECYCLES[self.position()]
            }

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

        impl ::core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for ErrorCode {
            type Err = ::core::convert::Infallible;

            fn from_str(code: &str) -> ::core::result::Result<Self, ::core::convert::Infallible> {
                ::core::result::Result::Ok(ErrorCode::parse(code))
            }
        }

        impl ::core::convert::From<&str> for ErrorCode {
            fn from(code: &str) -> Self {
                ErrorCode::parse(code)
            }
        }

        impl ::core::convert::From<#support::String> for ErrorCode {
            fn from(code: #support::String) -> Self {
                match ErrorCode::known(&code) {
                    ::core::option::Option::Some(known) => known,
                    ::core::option::Option::None => ErrorCode::Unknown(#support::unknown_code_from_string(code)),
                }
            }
        }

        impl ::core::convert::AsRef<str> for ErrorCode {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::cmp::PartialEq<str> for ErrorCode {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for ErrorCode {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl #support::serde::Serialize for ErrorCode {
            fn serialize<S: #support::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #support::serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: #support::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_str(#support::CodeVisitor::<ErrorCode>::new())
            }
        }
    }
}

fn family(catalog: &Catalog) -> TokenStream {
    let variants: Vec<Ident> = catalog
        .families
        .iter()
        .map(|family| ident(&family.variant))
        .collect();
    let ids: Vec<&str> = catalog
        .families
        .iter()
        .map(|family| family.id.as_str())
        .collect();
    let titles: Vec<&str> = catalog
        .families
        .iter()
        .map(|family| family.title.as_str())
        .collect();
    let docs: Vec<Vec<String>> = catalog
        .families
        .iter()
        .map(|family| family_docs(catalog, family))
        .collect();
    let descriptions: Vec<TokenStream> = catalog
        .families
        .iter()
        .map(|family| match &family.description {
            Some(description) => quote!(::core::option::Option::Some(#description)),
            None => quote!(::core::option::Option::None),
        })
        .collect();
    let retryable: Vec<bool> = catalog
        .families
        .iter()
        .map(|family| family.retryable)
        .collect();
    let codes: Vec<Vec<Ident>> = catalog
        .families
        .iter()
        .map(|family| {
            catalog
                .codes_of(family)
                .map(|code| ident(&code.variant))
                .collect()
        })
        .collect();
    let summary = format!(
        "A family of error codes: one of the {} families of `{}`, each a table on the docs page.",
        catalog.families.len(),
        catalog.path
    );

    quote! {
        #[doc = #summary]
        ///
        /// The HTTP status correlates with the family but isn't the contract: branch on
        /// [`ErrorCode`], and use the family for coarse handling such as retries.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum Family {
            #(
                #(#[doc = #docs])*
                #variants,
            )*
        }

        impl Family {
            /// Every family, in catalog order.
            pub const ALL: &'static [Family] = &[#(Family::#variants),*];

            /// The family's id in the catalog, e.g. `"not_found"`.
            #[inline]
            pub const fn id(self) -> &'static str {
                match self {
                    #(Family::#variants => #ids,)*
                }
            }

            /// The family's title, e.g. `"Not-found"`.
            #[inline]
            pub const fn title(self) -> &'static str {
                match self {
                    #(Family::#variants => #titles,)*
                }
            }

            /// The prose under the family's heading on the docs page (Markdown), if any.
            #[inline]
            pub const fn description(self) -> ::core::option::Option<&'static str> {
                match self {
                    #(Family::#variants => #descriptions,)*
                }
            }

            /// Whether the family's codes are safe to retry, unless a code says otherwise
            /// (see [`ErrorCode::is_retryable`]).
            #[inline]
            pub const fn is_retryable(self) -> bool {
                match self {
                    #(Family::#variants => #retryable,)*
                }
            }

            /// The family's codes, in catalog order.
            #[inline]
            pub const fn codes(self) -> &'static [ErrorCode] {
                match self {
                    #(Family::#variants => {
                        const CODES: &[ErrorCode] = &[#(ErrorCode::#codes),*];
                        CODES
                    })*
                }
            }

            /// The family with this id, or `None`.
            #[inline]
            pub fn from_id(id: &str) -> ::core::option::Option<Family> {
                match id {
                    #(#ids => ::core::option::Option::Some(Family::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for Family {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.title())
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
    fn an_edited_catalog_gives_a_compile_error_not_a_panic() {
        let mut edited = catalog();
        edited.codes[0].variant = "not an identifier".to_owned();
        let output = generate(&edited, &RustOptions::default()).to_string();
        assert!(output.contains("compile_error"), "{output}");
        assert!(output.contains("NOT_AUTHENTICATED"), "{output}");

        let mut orphan = catalog();
        orphan.codes[0].family = "gone".to_owned();
        let output = generate(&orphan, &RustOptions::default()).to_string();
        assert!(output.contains("which is not defined"), "{output}");

        let output = generate(&catalog(), &RustOptions::default().runtime_crate("(")).to_string();
        assert!(output.contains("is not a Rust path"), "{output}");
    }

    #[test]
    fn bare_fences_in_doc_comments_are_marked_as_text() {
        let docs = family_docs(&catalog(), &catalog().families[0]).join("\n");
        assert!(docs.contains("```text\nlet x = 1;\n```\n"), "{docs}");
        assert!(docs.contains("```ts\nconst y = 2;\n```"), "{docs}");
        assert!(!docs.contains("```\nlet"), "{docs}");
    }
}
