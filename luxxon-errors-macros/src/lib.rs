//! The `catalog!` proc-macro of [luxxon-errors](https://docs.rs/luxxon-errors).
//!
//! Use it through the runtime crate (`luxxon_errors::catalog!`): the code it emits
//! reaches its support items through `luxxon_errors::generated`. This crate only parses
//! the macro input, resolves the path and turns problems into `compile_error!`; the
//! catalog model, its checks and the emitter live in `luxxon-errors-codegen`.

use std::path::{Path, PathBuf};

use luxxon_errors_codegen::{Catalog, Diagnostic, Diagnostics, Position, RustOptions};
use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// Emits the `ErrorCode` and `Family` enums of a YAML error catalog.
///
/// ```text
/// luxxon_errors::catalog!("errors.yaml");
/// luxxon_errors::catalog!("errors.yaml", crate = ::my_reexport::luxxon_errors);
/// ```
///
/// A relative path is resolved against the invoking crate's `CARGO_MANIFEST_DIR`; when
/// no file is there, against the folder of the file that invokes the macro. Every
/// problem in the catalog becomes a compile error on the path literal, led by
/// `path:line:column`. Editing the catalog rebuilds the invoking crate.
#[proc_macro]
pub fn catalog(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let invocation_file = proc_macro::Span::call_site().local_file();
    match syn::parse::<Input>(input) {
        Ok(input) => expand(&input, invocation_file.as_deref()),
        Err(error) => error.to_compile_error(),
    }
    .into()
}

struct Input {
    path: LitStr,
    runtime_crate: Option<TokenStream>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse().map_err(|error| {
            syn::Error::new(
                error.span(),
                "expected the catalog's path as a string literal, e.g. `catalog!(\"errors.yaml\")`",
            )
        })?;
        let mut runtime_crate = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            input.parse::<Token![crate]>()?;
            input.parse::<Token![=]>()?;
            let path: TokenStream = input.parse()?;
            if path.is_empty() {
                return Err(input.error("expected the runtime crate's path after `crate =`"));
            }
            runtime_crate = Some(path);
        }
        if !input.is_empty() {
            return Err(input.error("unexpected input after the catalog's path"));
        }
        Ok(Input {
            path,
            runtime_crate,
        })
    }
}

fn expand(input: &Input, invocation_file: Option<&Path>) -> TokenStream {
    let mut options = RustOptions::default();
    if let Some(runtime_crate) = &input.runtime_crate {
        options = options.runtime_crate(runtime_crate.to_string());
    }
    let written = input.path.value();
    let Some(path) = resolve(&written, invocation_file) else {
        return failed(&input.path, not_found(&written).into(), &options);
    };
    let catalog = match Catalog::load_named(&path, &written) {
        Ok(catalog) => catalog,
        Err(problems) => return failed(&input.path, problems, &options),
    };
    let items = luxxon_errors_codegen::rust_items(&catalog, &options);
    // `include_bytes!` puts the catalog in rustc's dep-info, so cargo rebuilds the
    // invoking crate when the file changes; the constant is unused and adds no bytes.
    let tracked = std::fs::canonicalize(&path).unwrap_or(path);
    let tracked = tracked.to_string_lossy();
    quote! {
        const _: &[u8] = ::core::include_bytes!(#tracked);
        #items
    }
}

/// The catalog's problems, with stand-in items (every code and family whose name could
/// be read, and the integrations' catalog-bound names) so that code using them adds no
/// errors of its own: the user sees only what to fix in the catalog.
fn failed(literal: &LitStr, problems: Diagnostics, options: &RustOptions) -> TokenStream {
    let stand_ins = luxxon_errors_codegen::rust_stand_ins(&problems, options);
    let errors = compile_errors(literal, problems);
    quote! {
        #errors
        #stand_ins
    }
}

/// One compile error per problem, all on the path literal, in file order.
fn compile_errors(literal: &LitStr, problems: Diagnostics) -> TokenStream {
    let mut combined: Option<syn::Error> = None;
    for problem in problems {
        let error = syn::Error::new(literal.span(), problem.to_string());
        match &mut combined {
            Some(combined) => combined.combine(error),
            None => combined = Some(error),
        }
    }
    combined.map_or_else(TokenStream::new, |error| error.to_compile_error())
}

/// The problem for a catalog path that names no file. It names the places searched
/// rather than their absolute paths, which differ between machines.
fn not_found(written: &str) -> Diagnostic {
    let help = if Path::new(written).is_absolute() {
        "create the file, or fix the path"
    } else {
        "a relative path is looked up in the invoking crate's folder (CARGO_MANIFEST_DIR), then in the folder of the file that calls `catalog!`: create the file there, or fix the path"
    };
    Diagnostic::new(written, Position::START, "catalog file not found").with_help(help)
}

/// The file a path written in `catalog!` names (see the macro's documentation), or
/// `None` when there is none.
fn resolve(written: &str, invocation_file: Option<&Path>) -> Option<PathBuf> {
    let written = Path::new(written);
    if written.is_absolute() {
        return Some(written.to_path_buf()).filter(|path| path.exists());
    }
    let from_manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(|dir| PathBuf::from(dir).join(written))
        .filter(|candidate| candidate.exists());
    from_manifest.or_else(|| {
        invocation_file
            .and_then(Path::parent)
            .map(|dir| dir.join(written))
            .filter(|candidate| candidate.exists())
    })
}
