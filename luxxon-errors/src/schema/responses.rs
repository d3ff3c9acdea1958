//! An error set's responses for an OpenAPI operation (`utoipa::IntoResponses`).

use std::collections::BTreeMap;

use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response};

use super::ENVELOPE_NAME;
use crate::{CatalogCode, ErrorEnvelope, ErrorSet, Timestamp};

/// What `utoipa::IntoResponses::responses` returns.
pub type Responses = BTreeMap<String, RefOr<Response>>;

/// The timestamp of the examples: fixed, so that the document is the same on every run.
const EXAMPLE_TIMESTAMP: &str = "2026-05-13T08:30:00Z";

/// The request id of the examples, shaped like one `ErrorHandling` makes.
const EXAMPLE_REQUEST_ID: &str = "4f9c2e7a1b3d4c5e8f60718293a4b5c6";

/// The responses of the set `S`: one per status of its codes, in status order, each with
/// the envelope's schema by reference and one example per code, named by the code.
pub fn responses<S: ErrorSet>() -> Responses {
    let mut by_status: BTreeMap<u16, Vec<&'static S::Code>> = BTreeMap::new();
    for code in S::CODES {
        // Every code of a set is a catalog variant, so it has a status; 500 keeps a
        // hand-written code type without one in the document rather than dropping it.
        let status = code.status().unwrap_or(500);
        let codes = by_status.entry(status).or_default();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    by_status
        .into_iter()
        .map(|(status, codes)| (status.to_string(), RefOr::T(response(status, &codes))))
        .collect()
}

/// The response for the codes `codes` that share `status`.
fn response<C: CatalogCode>(status: u16, codes: &[&C]) -> Response {
    let description = codes
        .iter()
        .map(|code| match code.message() {
            Some(message) => format!("- `{}`: {message}", code.as_str()),
            None => format!("- `{}`", code.as_str()),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let examples = codes.iter().map(|code| {
        let example = ExampleBuilder::new()
            .summary(code.as_str())
            .description(code.meaning().unwrap_or_default())
            .value(example_envelope((*code).clone(), status));
        (code.as_str(), example.build())
    });
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name(ENVELOPE_NAME)))
        .examples_from_iter(examples)
        .build();
    ResponseBuilder::new()
        .description(description)
        .content("application/json", content)
        .build()
}

/// The envelope a client gets for `code`, as JSON: the catalog's status and message, a
/// fixed timestamp and a request id.
fn example_envelope<C: CatalogCode>(code: C, status: u16) -> Option<serde_json::Value> {
    let mut envelope = ErrorEnvelope::from_code(code)
        .with_status(status)
        .with_request_id(EXAMPLE_REQUEST_ID);
    if let Ok(timestamp) = Timestamp::parse(EXAMPLE_TIMESTAMP) {
        envelope = envelope.with_timestamp(timestamp);
    }
    serde_json::to_value(&envelope).ok()
}

#[cfg(test)]
mod tests {
    use utoipa::IntoResponses;

    use crate::{ErrorCode, LuxxonError, error_set};

    error_set!(
        Lookup = SessionNotFound,
        NotFound,
        NotAuthorized,
        Unavailable
    );

    #[test]
    fn one_response_per_status_and_one_example_per_code() {
        let responses = serde_json::to_value(Lookup::responses()).unwrap_or_default();
        let statuses: Vec<&String> = responses
            .as_object()
            .map(|map| map.keys().collect())
            .unwrap_or_default();
        assert_eq!(statuses, ["403", "404", "503"]);
        let content = &responses["404"]["content"]["application/json"];
        assert_eq!(
            content["schema"]["$ref"],
            "#/components/schemas/LuxxonError"
        );
        let names: Vec<&String> = content["examples"]
            .as_object()
            .map(|map| map.keys().collect())
            .unwrap_or_default();
        assert_eq!(names, ["NOT_FOUND", "SESSION_NOT_FOUND"]);
        for (status, code) in [
            ("404", ErrorCode::SessionNotFound),
            ("404", ErrorCode::NotFound),
            ("403", ErrorCode::NotAuthorized),
            ("503", ErrorCode::Unavailable),
        ] {
            let example =
                &responses[status]["content"]["application/json"]["examples"][code.as_str()];
            assert_eq!(example["summary"], code.as_str());
            let text = serde_json::to_vec(&example["value"]).unwrap_or_default();
            let Ok(envelope) = LuxxonError::from_json(&text) else {
                panic!("{status} {code}: not an envelope: {example}");
            };
            assert_eq!(envelope.code, code);
            assert_eq!(envelope.status_matches_catalog(), Some(true));
            assert_eq!(Some(envelope.message.as_str()), code.message());
            assert!(envelope.request_id().is_some());
            let description = responses[status]["description"]
                .as_str()
                .unwrap_or_default();
            assert!(description.contains(&format!("`{code}`")), "{description}");
        }
        let examples = &responses["403"]["content"]["application/json"]["examples"];
        assert_eq!(examples.as_object().map(|map| map.len()), Some(1));
    }
}
