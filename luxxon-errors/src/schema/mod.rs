//! The envelope and the code describe themselves as schemas, for `utoipa` (OpenAPI) and
//! `schemars` (JSON Schema), in the shape of the JSON Schema generated from the catalog
//! (`generated/schema/luxxon-error.schema.json`): the envelope is an object with
//! `statusCode`, `code`, `message` and `timestamp` required, `detail` a string or `null`,
//! and other members allowed; `code` refers to the code's schema, an open enum of one
//! constant per known code (described by its meaning) followed by any string.
//!
//! Built from [`CatalogCode`] alone, they work for any catalog, and lack what the trait
//! does not say: a code's remedy ("What to do: …" in the generated descriptions), its
//! family (`x-family`), and the example envelope.

#[cfg(feature = "utoipa")]
pub(crate) mod responses;
#[cfg(feature = "schemars")]
mod schemars;
#[cfg(feature = "utoipa")]
mod utoipa;

use serde_json::Value;

use crate::envelope::members::OwnMember;
use crate::{CatalogCode, Lifecycle};

/// The envelope's schema name, as in the generated schema's `title`.
const ENVELOPE_NAME: &str = "LuxxonError";

/// The code's schema name, as in the generated schema's `$defs`.
const CODE_NAME: &str = "LuxxonErrorCode";

const ENVELOPE_DESCRIPTION: &str = "The envelope every error of the Luxxon API comes back in. \
                                    Branch on `code`; members added later are allowed.";

const CODE_DESCRIPTION: &str = "The stable, machine-readable handle of an error. The known \
                                codes are listed; codes are append-only and new ones may \
                                appear, so any string is accepted.";

const OTHER_CODE_DESCRIPTION: &str =
    "A code added after this schema was generated: handle it like any other error.";

/// The range the schema gives `statusCode`: the HTTP statuses.
const STATUS_RANGE: (u16, u16) = (100, 599);

/// What the schema says of an own member.
fn member_description(member: OwnMember) -> &'static str {
    match member {
        OwnMember::StatusCode => {
            "The HTTP status: it correlates with the family but isn't the contract."
        }
        OwnMember::Code => "The stable, machine-readable handle to branch on.",
        OwnMember::Message => "Human-readable, English-only text.",
        OwnMember::Detail => {
            "Operation-specific context for diagnostics, not a user-facing string."
        }
        OwnMember::Timestamp => "When the error happened (RFC 3339).",
    }
}

/// The required own members, in wire order.
fn required_members() -> impl Iterator<Item = &'static str> {
    OwnMember::ALL
        .into_iter()
        .filter(|member| member.is_required())
        .map(OwnMember::name)
}

/// What the code's schema says of one known code.
struct KnownCode {
    name: &'static str,
    /// The catalog's meaning (Markdown).
    description: Option<&'static str>,
    /// Whether the catalog marks it legacy.
    deprecated: bool,
    /// `x-` annotations, in the generated schema's order: validators ignore them,
    /// OpenAPI tools show them.
    annotations: Vec<(&'static str, Value)>,
}

/// The known codes of the catalog `C`, in catalog order.
fn known_codes<C: CatalogCode>() -> impl Iterator<Item = KnownCode> {
    C::ALL.iter().map(|code| {
        let mut annotations = Vec::new();
        if let Some(status) = code.status() {
            annotations.push(("x-status", Value::from(status)));
        }
        annotations.push(("x-retryable", Value::from(code.is_retryable())));
        if let Some(delay) = code.retry_after() {
            annotations.push(("x-retry-after", Value::from(delay.as_secs())));
        }
        if let Some(lifecycle) = code.lifecycle() {
            annotations.push(("x-lifecycle", Value::from(lifecycle.as_str())));
        }
        KnownCode {
            name: code.as_str(),
            description: code.meaning(),
            deprecated: code.lifecycle() == Some(Lifecycle::Legacy),
            annotations,
        }
    })
}

/// Checks shared by the `utoipa` and `schemars` tests: the produced schemas against the
/// generated JSON Schema, read at test time.
#[cfg(test)]
mod generated {
    use serde_json::Value;

    /// The generated JSON Schema of this crate's catalog.
    pub(super) fn schema() -> Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../generated/schema/luxxon-error.schema.json"
        );
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("{path}: {error} (run from the workspace)"));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    /// Asserts that `envelope` has the generated envelope's structure, its `code`
    /// referring to `code_ref`.
    pub(super) fn assert_envelope_like_generated(envelope: &Value, code_ref: &str) {
        let generated = schema();
        assert_eq!(envelope["type"], "object");
        assert_eq!(
            envelope["required"], generated["required"],
            "required, in order"
        );
        assert!(
            envelope
                .get("additionalProperties")
                .is_none_or(|a| a == true),
            "other members are allowed"
        );
        let (Some(ours), Some(theirs)) = (
            envelope["properties"].as_object(),
            generated["properties"].as_object(),
        ) else {
            panic!("no properties: {envelope}");
        };
        let mut names: Vec<&String> = ours.keys().collect();
        let mut expected: Vec<&String> = theirs.keys().collect();
        names.sort();
        expected.sort();
        assert_eq!(names, expected);
        for (name, generated_member) in theirs {
            let member = &ours[name];
            if name == "code" {
                assert_eq!(member["$ref"], code_ref);
                continue;
            }
            for keyword in ["type", "format", "minimum", "maximum", "description"] {
                assert_eq!(
                    member.get(keyword),
                    generated_member.get(keyword),
                    "{name}.{keyword}"
                );
            }
        }
        assert_eq!(envelope["description"], generated["description"]);
    }

    /// Asserts that `code` has the generated code schema's structure; `constant` reads
    /// the code a choice stands for.
    pub(super) fn assert_code_like_generated(code: &Value, constant: fn(&Value) -> Option<&str>) {
        let generated = &schema()["$defs"]["LuxxonErrorCode"];
        assert_eq!(code["type"], "string");
        assert_eq!(code["description"], generated["description"]);
        let (Some(ours), Some(theirs)) = (code["anyOf"].as_array(), generated["anyOf"].as_array())
        else {
            panic!("no anyOf: {code}");
        };
        assert_eq!(ours.len(), theirs.len());
        let (Some((any, ours)), Some((any_generated, theirs))) =
            (ours.split_last(), theirs.split_last())
        else {
            panic!("empty anyOf");
        };
        let names: Vec<Option<&str>> = ours.iter().map(constant).collect();
        let expected: Vec<Option<&str>> = theirs.iter().map(|c| c["const"].as_str()).collect();
        assert_eq!(names, expected, "the known codes, in catalog order");
        for (choice, generated_choice) in ours.iter().zip(theirs) {
            let name = generated_choice["const"].as_str().unwrap_or_default();
            let description = choice["description"].as_str().unwrap_or_default();
            let generated_description =
                generated_choice["description"].as_str().unwrap_or_default();
            // The generated description adds the remedy, which `CatalogCode` does not have.
            assert!(
                !description.is_empty() && generated_description.starts_with(description),
                "{name}: {description:?} does not begin {generated_description:?}"
            );
            for keyword in [
                "deprecated",
                "x-status",
                "x-retryable",
                "x-retry-after",
                "x-lifecycle",
            ] {
                assert_eq!(
                    choice.get(keyword),
                    generated_choice.get(keyword),
                    "{name}.{keyword}"
                );
            }
        }
        assert_eq!(any["type"], "string", "any other string is accepted");
        assert_eq!(constant(any), None);
        assert_eq!(any["description"], any_generated["description"]);
    }
}
