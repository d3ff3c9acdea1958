//! `schemars::JsonSchema` for the envelope and the code.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use super::{
    CODE_DESCRIPTION, CODE_NAME, ENVELOPE_DESCRIPTION, ENVELOPE_NAME, OTHER_CODE_DESCRIPTION,
    STATUS_RANGE, known_codes, member_description, required_members,
};
use crate::envelope::members::OwnMember;
use crate::{CatalogCode, ErrorCode, ErrorEnvelope};

/// The envelope's JSON Schema, as generated from the catalog
/// (`generated/schema/luxxon-error.schema.json`): an object with `statusCode`, `code`,
/// `message` and `timestamp` required, `detail` a string or `null`, other members
/// allowed, and `code` a reference to `LuxxonErrorCode` in `$defs`, an open enum of
/// the catalog `C`'s codes.
///
/// It differs from the generated schema only where [`CatalogCode`] says less than the
/// catalog: a code's description is its meaning without "What to do: …", `x-family` is
/// absent, and there is no `examples` member.
///
/// ```
/// use luxxon_errors::LuxxonError;
///
/// let schema = schemars::SchemaGenerator::default().into_root_schema_for::<LuxxonError>();
/// assert_eq!(schema.get("title").and_then(|title| title.as_str()), Some("LuxxonError"));
/// let codes = &schema.as_value()["$defs"]["LuxxonErrorCode"]["anyOf"];
/// assert_eq!(codes[0]["const"], "NOT_AUTHENTICATED");
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
impl<C: CatalogCode> JsonSchema for ErrorEnvelope<C> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed(ENVELOPE_NAME)
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(format!(
            "luxxon_errors::ErrorEnvelope<{}>",
            std::any::type_name::<C>()
        ))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let code = generator.subschema_for::<CodeSchema<C>>();
        let properties: Map<String, Value> = OwnMember::ALL
            .into_iter()
            .map(|member| (member.name().to_owned(), member_schema(member, &code)))
            .collect();
        let required: Vec<&str> = required_members().collect();
        Schema::from(json_object(json!({
            "description": ENVELOPE_DESCRIPTION,
            "type": "object",
            "required": required,
            "properties": properties,
        })))
    }
}

/// The code's JSON Schema, as generated from the catalog: an open enum, one `const` per
/// known code (its meaning as description, `deprecated` for a legacy code, and
/// `x-status`, `x-retryable`, `x-retry-after` and `x-lifecycle` where the catalog gives
/// them), then any string. See the envelope's impl for how it differs from the generated
/// one.
///
/// ```
/// use luxxon_errors::ErrorCode;
///
/// let schema = schemars::schema_for!(ErrorCode);
/// assert_eq!(schema.as_value()["anyOf"][0]["const"], "NOT_AUTHENTICATED");
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
impl JsonSchema for ErrorCode {
    fn schema_name() -> Cow<'static, str> {
        CodeSchema::<ErrorCode>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        CodeSchema::<ErrorCode>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        CodeSchema::<ErrorCode>::json_schema(generator)
    }
}

/// The schema of any catalog's codes: the envelope is generic over the catalog, and the
/// trait cannot be implemented for every code type.
struct CodeSchema<C>(PhantomData<C>);

impl<C: CatalogCode> JsonSchema for CodeSchema<C> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed(CODE_NAME)
    }

    // The same id as `ErrorCode`'s, so that a document using both defines it once.
    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(format!(
            "luxxon_errors::CatalogCode<{}>",
            std::any::type_name::<C>()
        ))
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut choices: Vec<Value> = known_codes::<C>()
            .map(|code| {
                let mut choice = Map::new();
                choice.insert("const".to_owned(), code.name.into());
                if let Some(description) = code.description {
                    choice.insert("description".to_owned(), description.into());
                }
                if code.deprecated {
                    choice.insert("deprecated".to_owned(), true.into());
                }
                for (name, value) in code.annotations {
                    choice.insert(name.to_owned(), value);
                }
                Value::Object(choice)
            })
            .collect();
        choices.push(json!({ "description": OTHER_CODE_DESCRIPTION, "type": "string" }));
        Schema::from(json_object(json!({
            "description": CODE_DESCRIPTION,
            "type": "string",
            "anyOf": choices,
        })))
    }
}

/// The schema of an own member; `code` is the reference to the code's schema.
fn member_schema(member: OwnMember, code: &Schema) -> Value {
    let description = member_description(member);
    match member {
        OwnMember::StatusCode => json!({
            "description": description,
            "type": "integer",
            "minimum": STATUS_RANGE.0,
            "maximum": STATUS_RANGE.1,
        }),
        OwnMember::Code => code.as_value().clone(),
        OwnMember::Message => json!({ "description": description, "type": "string" }),
        OwnMember::Detail => json!({ "description": description, "type": ["string", "null"] }),
        OwnMember::Timestamp => json!({
            "description": description,
            "type": "string",
            "format": "date-time",
        }),
    }
}

/// The members of `value`, which `json!` built as an object.
fn json_object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(members) => members,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use schemars::SchemaGenerator;
    use serde_json::Value;

    use super::super::generated;
    use crate::{ErrorCode, LuxxonError};

    #[test]
    fn the_envelope_is_shaped_like_the_generated_schema() {
        let schema = SchemaGenerator::default().into_root_schema_for::<LuxxonError>();
        let schema = schema.as_value();
        assert_eq!(schema["$schema"], generated::schema()["$schema"]);
        assert_eq!(schema["title"], "LuxxonError");
        generated::assert_envelope_like_generated(schema, "#/$defs/LuxxonErrorCode");
        generated::assert_code_like_generated(&schema["$defs"]["LuxxonErrorCode"], |choice| {
            choice["const"].as_str()
        });
    }

    #[test]
    fn the_code_alone_is_the_same_schema() {
        let mut generator = SchemaGenerator::default();
        let through_envelope = generator.subschema_for::<LuxxonError>();
        let code = generator.subschema_for::<ErrorCode>();
        assert_eq!(code.as_value()["$ref"], "#/$defs/LuxxonErrorCode");
        assert_eq!(through_envelope.as_value()["$ref"], "#/$defs/LuxxonError");
        let definitions = generator.definitions();
        let names: Vec<&String> = definitions.keys().collect();
        assert_eq!(names.len(), 2, "the code is defined once: {names:?}");
        let code = definitions.get("LuxxonErrorCode").unwrap_or(&Value::Null);
        generated::assert_code_like_generated(code, |choice| choice["const"].as_str());
    }
}
