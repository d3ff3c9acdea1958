//! Every feature-gated item of the published libraries says so in their docs: docs.rs
//! builds them with all features and `--cfg docsrs`, and an item without
//! `#[cfg_attr(docsrs, doc(cfg(…)))]` would look available in every build.
//!
//! The rule, read off the source with syn:
//!
//! - An item **shown in the docs** is a `pub` item (not `pub(crate)`), an `impl` block
//!   (rustdoc lists it on its type's page wherever it is written), an item of a trait or
//!   of a trait impl, or an exported macro; unless it is `#[doc(hidden)]`, test code
//!   (`cfg(test)`, `cfg(doctest)`), or an impl of a type or trait that is not `pub`.
//! - A shown item with a `#[cfg]` of its own that names a feature carries the attribute,
//!   with the same predicate. So does a re-export, which is how the `pub` items of a
//!   private module are shown (it must be gated with its module to compile).
//! - An `impl` block inside a gated module carries it too (the module's predicate),
//!   unless an enclosing module already says it with `doc(cfg)`, or the type it is for
//!   is gated itself (the type's page then says it).
//!
//! Every source file is reached from `lib.rs` through its `mod` declarations (those of
//! test and hidden modules are skipped with them); the test checks that none was missed.

mod support;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::punctuated::Punctuated;
use syn::{Attribute, ImplItem, Item, Meta, TraitItem, Type, UseTree, Visibility};

/// The crates checked: the published libraries with cargo features.
const CRATES: [&str; 2] = ["luxxon-errors", "luxxon-errors-codegen"];

/// What a `#[cfg]` says, for this test.
enum Cfg {
    None,
    /// Test code: skipped.
    Test,
    /// A predicate naming a feature, as tokens.
    Feature(String),
}

fn cfg_of(attrs: &[Attribute]) -> Cfg {
    for attr in attrs {
        if !attr.path().is_ident("cfg") {
            continue;
        }
        let Ok(list) = attr.meta.require_list() else {
            continue;
        };
        let predicate = list.tokens.to_string();
        let words: Vec<&str> = predicate
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .collect();
        if words.contains(&"test") || words.contains(&"doctest") {
            return Cfg::Test;
        }
        if words.contains(&"feature") {
            return Cfg::Feature(predicate);
        }
    }
    Cfg::None
}

/// The predicate of the item's `#[cfg_attr(docsrs, doc(cfg(…)))]`, if it has one.
fn doc_cfg_of(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        if !attr.path().is_ident("cfg_attr") {
            return None;
        }
        let metas = attr
            .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
            .ok()?;
        let mut metas = metas.iter();
        if !metas.next()?.path().is_ident("docsrs") {
            return None;
        }
        let doc = metas.next()?.require_list().ok()?;
        if !doc.path.is_ident("doc") {
            return None;
        }
        let cfg: Meta = doc.parse_args().ok()?;
        let cfg = cfg.require_list().ok()?;
        cfg.path.is_ident("cfg").then(|| cfg.tokens.to_string())
    })
}

fn is_hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("doc")
            && attr
                .meta
                .require_list()
                .is_ok_and(|list| list.tokens.to_string() == "hidden")
    })
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// The last name of a path (`ErrorEnvelope` for `crate::ErrorEnvelope<C>`), and whether
/// it names something of another crate: a path from `::` or another crate's name, or a
/// name imported from one by the module's `use`s (as `http::Response`, beside a private
/// `Response` of this crate).
fn path_name(path: &syn::Path, imports: &HashMap<String, bool>) -> (String, bool) {
    let name = path
        .segments
        .last()
        .map(|segment| segment.ident.to_string())
        .unwrap_or_default();
    let first = path
        .segments
        .first()
        .map(|segment| segment.ident.to_string());
    let foreign = if path.leading_colon.is_some() {
        true
    } else if path.segments.len() > 1 {
        !matches!(first.as_deref(), Some("crate" | "super" | "self"))
    } else {
        imports.get(&name).is_some_and(|foreign| *foreign)
    };
    (name, foreign)
}

/// The names the `use`s among `items` bring in, each with whether it comes from
/// another crate.
fn imports_of(items: &[Item]) -> HashMap<String, bool> {
    fn walk(tree: &UseTree, foreign: Option<bool>, out: &mut HashMap<String, bool>) {
        let root = |ident: &syn::Ident| {
            foreign.unwrap_or_else(|| {
                !matches!(ident.to_string().as_str(), "crate" | "super" | "self")
            })
        };
        match tree {
            UseTree::Path(path) => walk(&path.tree, Some(root(&path.ident)), out),
            UseTree::Name(name) => {
                out.insert(name.ident.to_string(), root(&name.ident));
            }
            UseTree::Rename(rename) => {
                out.insert(rename.rename.to_string(), root(&rename.ident));
            }
            UseTree::Group(group) => {
                for tree in &group.items {
                    walk(tree, foreign, out);
                }
            }
            UseTree::Glob(_) => {}
        }
    }
    let mut imports = HashMap::new();
    for item in items {
        if let Item::Use(import) = item {
            let foreign = import.leading_colon.is_some().then_some(true);
            walk(&import.tree, foreign, &mut imports);
        }
    }
    imports
}

/// The file of `mod name;` declared in `file`.
fn module_file(file: &Path, name: &str) -> PathBuf {
    let stem = file.file_stem().and_then(|stem| stem.to_str()).unwrap();
    let dir = if matches!(stem, "lib" | "mod" | "main") {
        file.parent().unwrap().to_path_buf()
    } else {
        file.with_extension("")
    };
    let flat = dir.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        dir.join(name).join("mod.rs")
    }
}

/// What the first pass learns of the crate's types.
#[derive(Default)]
struct Types {
    /// Types and traits that are not `pub`: their impls are not shown.
    private: HashSet<String>,
    /// Types declared under a feature gate (their own, or a module's).
    gated: HashSet<String>,
}

/// Where an item is.
#[derive(Clone)]
struct Scope {
    file: PathBuf,
    /// The predicate of the innermost gated module that no enclosing `doc(cfg)` shows.
    gate: Option<String>,
    /// Under a gate at all, shown or not.
    gated: bool,
}

struct Checker<'a> {
    types: &'a Types,
    files: BTreeSet<PathBuf>,
    /// The files of test and hidden modules.
    skipped: BTreeSet<PathBuf>,
    problems: Vec<String>,
}

impl Checker<'_> {
    fn problem(&mut self, scope: &Scope, what: &str, predicate: &str) {
        self.problems.push(format!(
            "{}: {what} needs #[cfg_attr(docsrs, doc(cfg({predicate})))]",
            scope.file.display()
        ));
    }

    /// Requires the attribute of an item shown in the docs with a gate of its own.
    fn own_gate(&mut self, scope: &Scope, attrs: &[Attribute], what: &str) {
        if let Cfg::Feature(predicate) = cfg_of(attrs)
            && doc_cfg_of(attrs).as_deref() != Some(predicate.as_str())
        {
            self.problem(scope, what, &predicate);
        }
    }

    /// Records the files of a module the walk skips: its file and its submodules'.
    fn skip(&mut self, file: PathBuf) {
        let dir = if file.ends_with("mod.rs") {
            file.parent().unwrap().to_path_buf()
        } else {
            file.with_extension("")
        };
        if dir.is_dir() {
            self.skipped.extend(rust_files(&dir));
        }
        self.skipped.insert(file);
    }

    fn file(&mut self, file: PathBuf, scope: Scope, collect: &mut dyn FnMut(&Item, &Scope)) {
        let text = fs::read_to_string(&file).unwrap();
        let parsed =
            syn::parse_file(&text).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        self.files.insert(file.clone());
        let scope = Scope { file, ..scope };
        self.items(&parsed.items, &scope, collect);
    }

    fn items(&mut self, items: &[Item], scope: &Scope, collect: &mut dyn FnMut(&Item, &Scope)) {
        let imports = imports_of(items);
        for item in items {
            let attrs: &[Attribute] = match item {
                Item::Const(item) => &item.attrs,
                Item::Enum(item) => &item.attrs,
                Item::Fn(item) => &item.attrs,
                Item::Impl(item) => &item.attrs,
                Item::Macro(item) => &item.attrs,
                Item::Mod(item) => &item.attrs,
                Item::Static(item) => &item.attrs,
                Item::Struct(item) => &item.attrs,
                Item::Trait(item) => &item.attrs,
                Item::Type(item) => &item.attrs,
                Item::Union(item) => &item.attrs,
                Item::Use(item) => &item.attrs,
                _ => &[],
            };
            if matches!(cfg_of(attrs), Cfg::Test) || is_hidden(attrs) {
                if let Item::Mod(module) = item
                    && module.content.is_none()
                {
                    self.skip(module_file(&scope.file, &module.ident.to_string()));
                }
                continue;
            }
            collect(item, scope);
            match item {
                Item::Mod(module) => {
                    let name = module.ident.to_string();
                    if is_pub(&module.vis) {
                        self.own_gate(scope, attrs, &format!("pub mod {name}"));
                    }
                    let own = match cfg_of(attrs) {
                        Cfg::Feature(predicate) => Some(predicate),
                        _ => None,
                    };
                    let inner = Scope {
                        file: scope.file.clone(),
                        gate: if doc_cfg_of(attrs).is_some() {
                            None
                        } else {
                            own.clone().or_else(|| scope.gate.clone())
                        },
                        gated: scope.gated || own.is_some(),
                    };
                    match &module.content {
                        Some((_, items)) => self.items(items, &inner, collect),
                        None => self.file(module_file(&scope.file, &name), inner, collect),
                    }
                }
                Item::Impl(block) => self.impl_block(block, scope, &imports),
                Item::Trait(definition) if is_pub(&definition.vis) => {
                    let name = definition.ident.to_string();
                    self.own_gate(scope, attrs, &format!("trait {name}"));
                    for member in &definition.items {
                        if let TraitItem::Fn(function) = member {
                            let what = format!("{name}::{}", function.sig.ident);
                            self.own_gate(scope, &function.attrs, &what);
                        }
                    }
                }
                Item::Macro(mac) => {
                    let exported = mac.attrs.iter().any(|a| a.path().is_ident("macro_export"));
                    if exported {
                        let name = mac.ident.as_ref().map(ToString::to_string);
                        let what = format!("macro {}", name.unwrap_or_default());
                        self.own_gate(scope, attrs, &what);
                    }
                }
                Item::Use(import) if is_pub(&import.vis) => {
                    let names: Vec<String> =
                        imports_of(std::slice::from_ref(item)).into_keys().collect();
                    self.own_gate(scope, attrs, &format!("pub use of {}", names.join(", ")));
                }
                Item::Const(item) if is_pub(&item.vis) => {
                    self.own_gate(scope, attrs, &format!("const {}", item.ident));
                }
                Item::Enum(item) if is_pub(&item.vis) => {
                    self.own_gate(scope, attrs, &format!("enum {}", item.ident));
                }
                Item::Fn(item) if is_pub(&item.vis) => {
                    self.own_gate(scope, attrs, &format!("fn {}", item.sig.ident));
                }
                Item::Static(item) if is_pub(&item.vis) => {
                    self.own_gate(scope, attrs, &format!("static {}", item.ident));
                }
                Item::Struct(item) if is_pub(&item.vis) => {
                    self.own_gate(scope, attrs, &format!("struct {}", item.ident));
                }
                Item::Type(item) if is_pub(&item.vis) => {
                    self.own_gate(scope, attrs, &format!("type {}", item.ident));
                }
                _ => {}
            }
        }
    }

    fn impl_block(
        &mut self,
        block: &syn::ItemImpl,
        scope: &Scope,
        imports: &HashMap<String, bool>,
    ) {
        let (self_type, foreign_type) = match &*block.self_ty {
            Type::Path(path) => path_name(&path.path, imports),
            _ => (String::new(), true),
        };
        let trait_path = block
            .trait_
            .as_ref()
            .map(|(path, _)| path_name(path, imports));
        let private =
            |(name, foreign): &(String, bool)| !foreign && self.types.private.contains(name);
        if private(&(self_type.clone(), foreign_type)) || trait_path.as_ref().is_some_and(private) {
            return;
        }
        let trait_name = trait_path.map(|(name, _)| name);
        let gated_type = !foreign_type && self.types.gated.contains(&self_type);
        let what = match &trait_name {
            Some(name) => format!("impl {name} for {self_type}"),
            None => format!("impl {self_type}"),
        };
        match (cfg_of(&block.attrs), &scope.gate) {
            (Cfg::Feature(_), _) => self.own_gate(scope, &block.attrs, &what),
            (_, Some(gate))
                if !gated_type && doc_cfg_of(&block.attrs).as_deref() != Some(gate.as_str()) =>
            {
                self.problem(scope, &what, gate);
            }
            _ => {}
        }
        for member in &block.items {
            if let ImplItem::Fn(function) = member
                && (trait_name.is_some() || is_pub(&function.vis))
                && !is_hidden(&function.attrs)
                && !matches!(cfg_of(&function.attrs), Cfg::Test)
            {
                let what = format!("{self_type}::{}", function.sig.ident);
                self.own_gate(scope, &function.attrs, &what);
            }
        }
    }
}

/// Walks a crate from `lib.rs`, calling `collect` on every item; returns the problems.
fn walk(root: &Path, types: &Types, collect: &mut dyn FnMut(&Item, &Scope)) -> Vec<String> {
    let mut checker = Checker {
        types,
        files: BTreeSet::new(),
        skipped: BTreeSet::new(),
        problems: Vec::new(),
    };
    let scope = Scope {
        file: root.join("src/lib.rs"),
        gate: None,
        gated: false,
    };
    checker.file(scope.file.clone(), scope, collect);
    let every_file = rust_files(&root.join("src"));
    let missed: Vec<&PathBuf> = every_file
        .iter()
        .filter(|file| !checker.files.contains(*file) && !checker.skipped.contains(*file))
        .collect();
    assert!(missed.is_empty(), "not reached from lib.rs: {missed:?}");
    checker.problems
}

fn rust_files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.insert(path);
        }
    }
    files
}

/// The first pass: which types are private, which gated.
fn types_of(root: &Path) -> Types {
    let mut types = Types::default();
    let mut collect = |item: &Item, scope: &Scope| {
        let (name, vis, attrs) = match item {
            Item::Struct(item) => (item.ident.to_string(), &item.vis, &item.attrs),
            Item::Enum(item) => (item.ident.to_string(), &item.vis, &item.attrs),
            Item::Union(item) => (item.ident.to_string(), &item.vis, &item.attrs),
            Item::Trait(item) => (item.ident.to_string(), &item.vis, &item.attrs),
            Item::Type(item) => (item.ident.to_string(), &item.vis, &item.attrs),
            _ => return,
        };
        if !is_pub(vis) {
            types.private.insert(name.clone());
        }
        if scope.gated || matches!(cfg_of(attrs), Cfg::Feature(_)) {
            types.gated.insert(name);
        }
    };
    walk(root, &Types::default(), &mut collect);
    types
}

#[test]
fn every_feature_gated_item_says_which_feature_in_the_docs() {
    let mut problems = Vec::new();
    for name in CRATES {
        let root = support::workspace_root().join(name);
        let types = types_of(&root);
        problems.extend(walk(&root, &types, &mut |_, _| {}));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_rule_sees_what_it_should() {
    let dir = std::env::temp_dir().join(format!("doc-cfg-rule-{}", std::process::id()));
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("src/lib.rs"),
        r#"
#[cfg(feature = "a")]
pub fn undocumented() {}
#[cfg(feature = "a")]
#[cfg_attr(docsrs, doc(cfg(feature = "a")))]
pub fn documented() {}
#[cfg(feature = "a")]
#[cfg_attr(docsrs, doc(cfg(feature = "b")))]
pub fn wrong_feature() {}
#[cfg(feature = "a")]
fn private() {}
#[cfg(feature = "a")]
mod gated;
#[cfg(feature = "a")]
pub use gated::Gated;
pub struct Open;
pub trait Trait {
    #[cfg(feature = "a")]
    fn provided(&self) {}
}
#[cfg(test)]
mod tests {
    #[cfg(feature = "a")]
    pub fn in_a_test() {}
}
"#,
    )
    .unwrap();
    fs::write(
        dir.join("src/gated.rs"),
        r#"
pub struct Gated;
struct Hidden;
impl Gated { pub fn fine(&self) {} }
impl Hidden { pub fn fine(&self) {} }
impl crate::Open { pub fn undocumented(&self) {} }
#[cfg_attr(docsrs, doc(cfg(feature = "a")))]
impl Clone for crate::Open { fn clone(&self) -> Self { crate::Open } }
"#,
    )
    .unwrap();
    let types = types_of(&dir);
    let problems = walk(&dir, &types, &mut |_, _| {}).join("\n");
    fs::remove_dir_all(&dir).unwrap();
    for expected in [
        "fn undocumented needs",
        "fn wrong_feature needs",
        "pub use of Gated needs",
        "Trait::provided needs",
        "impl Open needs",
    ] {
        assert!(problems.contains(expected), "{expected}:\n{problems}");
    }
    assert_eq!(problems.lines().count(), 5, "{problems}");
}
