//! The TypeScript emitter: the code union, the envelope interface and per-code maps,
//! for the `@luxxon/sdk` and any other TypeScript client.
//!
//! The output type-checks with `tsc --strict`. `LuxxonErrorCode` accepts any string (the
//! API may add codes) while editors still complete the known ones, and every map is
//! checked with `satisfies` to have exactly one entry per known code.

use std::fmt::Write as _;

use crate::emit::envelope::{self, Member};
use crate::emit::{json, markdown};
use crate::model::{Catalog, Code};

/// The TypeScript module of `catalog`, ending with a newline.
pub fn module(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(MODULE_DOC);
    out.push('\n');
    types(&mut out, catalog);
    out.push('\n');
    code_list(&mut out, catalog);
    out.push('\n');
    code_map(
        &mut out,
        catalog,
        "The HTTP status the API answers with, per known code.",
        "LUXXON_ERROR_STATUS",
        "number",
        |code| code.status().to_string(),
    );
    out.push('\n');
    code_map(
        &mut out,
        catalog,
        "The family of each known code: the table it is listed in on the Errors page.",
        "LUXXON_ERROR_FAMILY",
        "LuxxonErrorFamily",
        |code| json::quote(code.family_id()),
    );
    out.push('\n');
    code_map(
        &mut out,
        catalog,
        "Whether a request that failed with each known code may be retried as is (with backoff).",
        "LUXXON_ERROR_RETRYABLE",
        "boolean",
        |code| code.is_retryable().to_string(),
    );
    out.push('\n');
    doc_comment(&mut out, "", &[RETRY_AFTER_DOC.to_owned()]);
    out.push_str("export const LUXXON_ERROR_RETRY_AFTER = {\n");
    for code in catalog.codes() {
        if let Some(seconds) = code.retry_after() {
            let _ = writeln!(out, "  {}: {seconds},", code.name());
        }
    }
    out.push_str("} as const satisfies Partial<Record<KnownLuxxonErrorCode, number>>;\n");
    out.push('\n');
    out.push_str(KNOWN_CODE_GUARD);
    out
}

/// The doc comment of `LUXXON_ERROR_RETRY_AFTER`, in every TypeScript output.
pub(crate) const RETRY_AFTER_DOC: &str =
    "The seconds to wait before retrying, for each known code the catalog gives a delay.";

/// The types every TypeScript output declares alike: the code unions, the family union
/// and the envelope's interface.
pub(crate) fn types(out: &mut String, catalog: &Catalog) {
    code_union(out, catalog);
    out.push('\n');
    out.push_str(OPEN_CODE_TYPE);
    out.push('\n');
    family_union(out, catalog);
    out.push('\n');
    envelope_interface(out);
}

const MODULE_DOC: &str = "\
/**
 * The error codes of the catalog this file was generated from, and the envelope they come
 * back in.
 *
 * Branch on `code`: it is the stable, machine-readable handle. Codes are append-only and
 * new ones may appear, so handle the default case (see `isKnownLuxxonErrorCode`).
 *
 * @module
 */
";

const OPEN_CODE_TYPE: &str = "\
/**
 * An error code of the catalog: a known code, or one added after this file was
 * generated. `(string & {})` keeps any string assignable without collapsing the union,
 * so editors still suggest the known codes.
 */
export type LuxxonErrorCode = KnownLuxxonErrorCode | (string & {});
";

const KNOWN_CODE_GUARD: &str = "\
/** Whether `code` is one of the codes this file knows. */
export function isKnownLuxxonErrorCode(code: string): code is KnownLuxxonErrorCode {
  return Object.prototype.hasOwnProperty.call(LUXXON_ERROR_STATUS, code);
}
";

/// The envelope's interface: its own members, then an index signature for the others.
fn envelope_interface(out: &mut String) {
    doc_comment(out, "", &[envelope::SUMMARY.to_owned()]);
    out.push_str("export interface LuxxonError {\n");
    for member in Member::ALL {
        let value_type = match member {
            Member::StatusCode => "number",
            Member::Code => "LuxxonErrorCode",
            Member::Message | Member::Timestamp => "string",
            Member::Detail => "string | null",
        };
        let optional = if member.is_required() { "" } else { "?" };
        doc_comment(out, "  ", &[member.description().to_owned()]);
        let _ = writeln!(out, "  {}{optional}: {value_type};", member.name());
    }
    doc_comment(out, "  ", &[envelope::EXTRA_MEMBERS.to_owned()]);
    out.push_str("  [extra: string]: unknown;\n}\n");
}

fn code_union(out: &mut String, catalog: &Catalog) {
    out.push_str("/** A code of the catalog that this file knows: one row of its docs page. */\n");
    out.push_str("export type KnownLuxxonErrorCode =\n");
    for code in catalog.codes() {
        doc_comment(out, "  ", &code_doc(code));
        let _ = writeln!(out, "  | {}", json::quote(code.name()));
    }
    trim_newline_and_terminate(out);
}

fn family_union(out: &mut String, catalog: &Catalog) {
    out.push_str("/** The id of a family of codes: one table on the Errors page. */\n");
    out.push_str("export type LuxxonErrorFamily =\n");
    for family in catalog.families() {
        doc_comment(out, "  ", &[family.title().to_owned()]);
        let _ = writeln!(out, "  | {}", json::quote(family.id()));
    }
    trim_newline_and_terminate(out);
}

fn code_list(out: &mut String, catalog: &Catalog) {
    out.push_str("/** Every known code, in the order of the Errors page. */\n");
    out.push_str("export const LUXXON_ERROR_CODES = [\n");
    for code in catalog.codes() {
        let _ = writeln!(out, "  {},", json::quote(code.name()));
    }
    out.push_str("] as const satisfies readonly KnownLuxxonErrorCode[];\n");
}

fn code_map(
    out: &mut String,
    catalog: &Catalog,
    doc: &str,
    name: &str,
    value_type: &str,
    value: impl Fn(&Code) -> String,
) {
    doc_comment(out, "", &[doc.to_owned()]);
    let _ = writeln!(out, "export const {name} = {{");
    for code in catalog.codes() {
        // Codes are checked SCREAMING_SNAKE_CASE names: valid property names as they are.
        let _ = writeln!(out, "  {}: {},", code.name(), value(code));
    }
    let _ = writeln!(
        out,
        "}} as const satisfies Record<KnownLuxxonErrorCode, {value_type}>;"
    );
}

/// The doc comment of a code: what it means and what to do, as on the Errors page.
pub(crate) fn code_doc(code: &Code) -> Vec<String> {
    let mut lines = vec![match code.remedy() {
        Some(remedy) => format!("{} — {remedy}", code.meaning()),
        None => code.meaning().to_owned(),
    }];
    if let Some(note) = markdown::lifecycle_note(code.lifecycle()) {
        lines.push(String::new());
        lines.push(note.to_owned());
    }
    lines
}

/// A `/** */` comment: on one line when the text is one line.
pub(crate) fn doc_comment(out: &mut String, indent: &str, lines: &[String]) {
    // `*/` in the text would end the comment early.
    let lines: Vec<String> = lines
        .iter()
        .map(|line| line.replace("*/", "*\\/"))
        .collect();
    if let [line] = lines.as_slice() {
        let _ = writeln!(out, "{indent}/** {line} */");
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in &lines {
        if line.is_empty() {
            let _ = writeln!(out, "{indent} *");
        } else {
            let _ = writeln!(out, "{indent} * {line}");
        }
    }
    let _ = writeln!(out, "{indent} */");
}

/// Ends a union's last member with `;`.
fn trim_newline_and_terminate(out: &mut String) {
    if out.ends_with('\n') {
        out.pop();
    }
    out.push_str(";\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_terminators_in_the_catalog_cannot_end_a_doc_comment() {
        let mut out = String::new();
        doc_comment(&mut out, "  ", &["a */ b".to_owned()]);
        assert_eq!(out, "  /** a *\\/ b */\n");
    }

    #[test]
    fn every_map_has_one_entry_per_code() {
        let catalog = Catalog::parse(
            "families:\n  - id: auth\n    title: Auth\ncodes:\n  - code: NOT_AUTHENTICATED\n    status: 401\n    family: auth\n    meaning: Missing credential.\n    lifecycle: legacy\n",
            "errors.yaml",
        )
        .unwrap();
        let module = module(&catalog);
        assert!(module.contains("  | \"NOT_AUTHENTICATED\";\n"), "{module}");
        assert!(module.contains("  NOT_AUTHENTICATED: 401,\n"), "{module}");
        assert!(
            module.contains("  NOT_AUTHENTICATED: \"auth\",\n"),
            "{module}"
        );
        assert!(module.contains("  NOT_AUTHENTICATED: false,\n"), "{module}");
        assert!(module.contains(" * **Legacy:**"), "{module}");
    }
}
