//! `utoipa::ToSchema` for the envelope and the code.

use std::borrow::Cow;

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::schema::{
    AnyOfBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::{Deprecated, Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

use super::{
    CODE_DESCRIPTION, CODE_NAME, ENVELOPE_DESCRIPTION, ENVELOPE_NAME, OTHER_CODE_DESCRIPTION,
    STATUS_RANGE, known_codes, member_description, required_members,
};
use crate::envelope::members::OwnMember;
use crate::{CatalogCode, ErrorCode, ErrorEnvelope};

/// The envelope's schema, as in the OpenAPI fragment generated from the catalog
/// (`generated/openapi/luxxon-errors.components.yaml`): an object with `statusCode`,
/// `code`, `message` and `timestamp` required, `detail` a string or `null`, other
/// members allowed, and `code` a reference to the component `LuxxonErrorCode`, an open
/// enum of the catalog `C`'s codes, which [`ToSchema::schemas`] registers.
///
/// It differs from the generated schema where [`CatalogCode`] says less than the
/// catalog (a code's description is its meaning without "What to do: …", `x-family` is
/// absent, there is no example) and where utoipa has no keyword: each known code is a
/// one-value `enum` rather than a `const`.
///
/// ```
/// use luxxon_errors::LuxxonError;
/// use utoipa::OpenApi;
///
/// #[derive(OpenApi)]
/// #[openapi(components(schemas(LuxxonError)))]
/// struct Api;
///
/// let components = Api::openapi().components.unwrap_or_default();
/// let names: Vec<&String> = components.schemas.keys().collect();
/// assert_eq!(names, ["LuxxonError", "LuxxonErrorCode"]);
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
impl<C: CatalogCode> PartialSchema for ErrorEnvelope<C> {
    fn schema() -> RefOr<Schema> {
        let mut object = ObjectBuilder::new()
            .description(Some(ENVELOPE_DESCRIPTION))
            .schema_type(Type::Object);
        for member in required_members() {
            object = object.required(member);
        }
        for member in OwnMember::ALL {
            object = object.property(member.name(), member_schema(member));
        }
        RefOr::T(Schema::Object(object.build()))
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
impl<C: CatalogCode> ToSchema for ErrorEnvelope<C> {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(ENVELOPE_NAME)
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((CODE_NAME.to_owned(), code_schema::<C>()));
    }
}

/// The code's schema, as in the generated OpenAPI fragment: an open enum, one value per
/// known code (its meaning as description, `deprecated` for a legacy code, and
/// `x-status`, `x-retryable`, `x-retry-after` and `x-lifecycle` where the catalog gives
/// them), then any string. See the envelope's impl for how it differs from the generated
/// one.
///
/// ```
/// use luxxon_errors::ErrorCode;
/// use utoipa::ToSchema;
///
/// assert_eq!(ErrorCode::name(), "LuxxonErrorCode");
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
impl PartialSchema for ErrorCode {
    fn schema() -> RefOr<Schema> {
        code_schema::<ErrorCode>()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
impl ToSchema for ErrorCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(CODE_NAME)
    }
}

/// The schema of an own member; `code` refers to the code's component.
fn member_schema(member: OwnMember) -> RefOr<Schema> {
    let description = Some(member_description(member));
    let object = match member {
        OwnMember::StatusCode => ObjectBuilder::new()
            .description(description)
            .schema_type(Type::Integer)
            .minimum(Some(STATUS_RANGE.0))
            .maximum(Some(STATUS_RANGE.1)),
        OwnMember::Code => return RefOr::Ref(Ref::from_schema_name(CODE_NAME)),
        OwnMember::Message => ObjectBuilder::new()
            .description(description)
            .schema_type(Type::String),
        OwnMember::Detail => ObjectBuilder::new()
            .description(description)
            .schema_type(SchemaType::from_iter([Type::String, Type::Null])),
        OwnMember::Timestamp => ObjectBuilder::new()
            .description(description)
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
    };
    RefOr::T(Schema::Object(object.build()))
}

/// The open enum of the catalog `C`'s codes.
fn code_schema<C: CatalogCode>() -> RefOr<Schema> {
    let mut any_of = AnyOfBuilder::new()
        .description(Some(CODE_DESCRIPTION))
        .schema_type(Type::String);
    for code in known_codes::<C>() {
        let choice = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([code.name]))
            .description(code.description)
            .deprecated(code.deprecated.then_some(Deprecated::True))
            .extensions(Some(code.annotations.into_iter().collect::<Extensions>()));
        any_of = any_of.item(Schema::Object(choice.build()));
    }
    let other = ObjectBuilder::new()
        .description(Some(OTHER_CODE_DESCRIPTION))
        .schema_type(Type::String);
    RefOr::T(Schema::AnyOf(
        any_of.item(Schema::Object(other.build())).build(),
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use utoipa::ToSchema;
    use utoipa::openapi::ComponentsBuilder;

    use super::super::generated;
    use crate::{ErrorCode, LuxxonError};

    /// The value a one-value `enum` stands for.
    fn enum_value(choice: &Value) -> Option<&str> {
        match choice["enum"].as_array().map(Vec::as_slice) {
            Some([value]) => value.as_str(),
            _ => None,
        }
    }

    /// The components a document using `T` gets: `T` and the schemas it refers to.
    fn components_of<T: ToSchema>() -> Value {
        let mut schemas = vec![(T::name().into_owned(), T::schema())];
        T::schemas(&mut schemas);
        let components = ComponentsBuilder::new().schemas_from_iter(schemas).build();
        serde_json::to_value(&components.schemas).unwrap_or_default()
    }

    #[test]
    fn the_envelope_is_shaped_like_the_generated_schema() {
        let schemas = components_of::<LuxxonError>();
        generated::assert_envelope_like_generated(
            &schemas["LuxxonError"],
            "#/components/schemas/LuxxonErrorCode",
        );
        generated::assert_code_like_generated(&schemas["LuxxonErrorCode"], enum_value);
    }

    #[test]
    fn the_code_alone_is_the_same_schema() {
        let alone = components_of::<ErrorCode>();
        assert_eq!(alone.as_object().map(|schemas| schemas.len()), Some(1));
        assert_eq!(
            alone["LuxxonErrorCode"],
            components_of::<LuxxonError>()["LuxxonErrorCode"]
        );
    }
}
