//! Routers driven with `oneshot`: every answer is checked for its status, its headers and
//! the envelope it decodes to.

use std::collections::HashMap;
use std::time::Duration;

use ::axum::Router;
use ::axum::body::{Body, Bytes};
use ::axum::extract::{DefaultBodyLimit, Extension, Json, Path, Query};
use ::axum::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode, header};
use ::axum::response::IntoResponse;
use ::axum::routing::{get, post};
use tower::ServiceExt;

use super::RequestId;
use crate::{ApiError, CatalogCode, ErrorCode, ErrorEnvelope, ErrorHandling, LuxxonError};

mod teapot {
    crate::catalog!("src/axum/test_catalog.yaml");
}

async fn item(Path(id): Path<u32>) -> String {
    format!("item {id}")
}

async fn create(Json(ids): Json<Vec<u32>>) -> String {
    format!("{} ids", ids.len())
}

async fn search(Query(query): Query<HashMap<String, u32>>) -> String {
    format!("{} terms", query.len())
}

async fn denied() -> Result<String, LuxxonError> {
    Err(LuxxonError::from_code(ErrorCode::NotAuthorized))
}

async fn busy() -> Result<String, LuxxonError> {
    Err(LuxxonError::from_code(ErrorCode::Unavailable).with_retry_after(Duration::from_secs(5)))
}

async fn disk() -> Result<String, ApiError> {
    Err(std::io::Error::other("disk on fire at /srv/secret"))?;
    Ok("unreachable".to_owned())
}

async fn missing() -> Result<String, ApiError> {
    Err(LuxxonError::from(ErrorCode::SessionNotFound).with_detail("session:7"))?
}

async fn boom() -> String {
    panic!("secret panic text");
}

async fn echo_id(Extension(request_id): Extension<RequestId>) -> String {
    request_id.to_string()
}

async fn upload(body: Bytes) -> String {
    format!("{} bytes", body.len())
}

async fn limited() -> impl IntoResponse {
    (StatusCode::TOO_MANY_REQUESTS, "slow down")
}

async fn serialized() -> impl IntoResponse {
    let envelope = LuxxonError::from_code(ErrorCode::Conflict).with_detail("seq:3");
    (StatusCode::CONFLICT, Json(envelope))
}

async fn upstream() -> impl IntoResponse {
    (StatusCode::BAD_GATEWAY, "upstream at 10.0.0.7 refused")
}

/// The routes of the tests, without [`ErrorHandling`]: what axum answers on its own.
fn routes() -> Router {
    Router::new()
        .route("/items/{id}", get(item))
        .route("/items", post(create))
        .route("/search", get(search))
        .route("/denied", get(denied))
        .route("/busy", get(busy))
        .route("/disk", get(disk))
        .route("/missing", get(missing))
        .route("/boom", get(boom))
        .route("/id", get(echo_id))
        .route("/upload", post(upload).layer(DefaultBodyLimit::max(8)))
        .route("/limited", get(limited))
        .route("/serialized", get(serialized))
        .route("/upstream", get(upstream))
}

fn app() -> Router {
    ErrorHandling::new().apply(routes())
}

fn request(method: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default()
}

fn json_request(uri: &str, body: &'static str) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap_or_default()
}

/// The status, headers and body of `app`'s response to `request`.
async fn send(app: Router, request: Request<Body>) -> (StatusCode, HeaderMap, Bytes) {
    let response = match app.oneshot(request).await {
        Ok(response) => response,
        Err(infallible) => match infallible {},
    };
    let status = response.status();
    let headers = response.headers().clone();
    let body = ::axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    (status, headers, body)
}

/// As [`send`], decoding the envelope, which must carry the request id of the header.
async fn send_error<C: CatalogCode>(
    app: Router,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, ErrorEnvelope<C>) {
    let (status, headers, body) = send(app, request).await;
    let envelope = ErrorEnvelope::<C>::from_json(&body)
        .unwrap_or_else(|error| panic!("not an envelope ({error}): {}", error.body_text()));
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(envelope.status_code, status.as_u16());
    let header_id = headers.get("x-request-id").map(|id| id.to_str().ok());
    assert_eq!(
        header_id,
        Some(envelope.request_id()),
        "header and member agree"
    );
    (status, headers, envelope)
}

#[tokio::test]
async fn an_unmatched_route_answers_not_found() {
    let (status, _, error) = send_error::<ErrorCode>(app(), request("GET", "/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error.code, ErrorCode::NotFound);
    assert_eq!(Some(error.message.as_str()), ErrorCode::NotFound.message());
    assert_eq!(error.detail, None);
}

#[tokio::test]
async fn a_body_that_is_not_json_answers_invalid_input() {
    let (status, _, error) = send_error::<ErrorCode>(app(), json_request("/items", "[1,")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error.code, ErrorCode::InvalidInput);
    let detail = error.detail.unwrap_or_default();
    assert!(
        detail.starts_with("Failed to parse the request body as JSON"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_json_body_of_the_wrong_shape_answers_invalid_input_with_422() {
    let (status, _, error) =
        send_error::<ErrorCode>(app(), json_request("/items", r#"{"a":1}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(error.status_matches_catalog(), Some(false));
    let detail = error.detail.unwrap_or_default();
    assert!(
        detail.starts_with("Failed to deserialize the JSON body"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_json_body_without_its_content_type_answers_invalid_input_with_415() {
    let request = Request::builder()
        .method("POST")
        .uri("/items")
        .body(Body::from("[1]"))
        .unwrap_or_default();
    let (status, _, error) = send_error::<ErrorCode>(app(), request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(
        error.detail.as_deref(),
        Some("Expected request with `Content-Type: application/json`")
    );
}

#[tokio::test]
async fn a_bad_query_answers_invalid_input() {
    let (status, _, error) =
        send_error::<ErrorCode>(app(), request("GET", "/search?limit=ten")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error.code, ErrorCode::InvalidInput);
    let detail = error.detail.unwrap_or_default();
    assert!(
        detail.starts_with("Failed to deserialize query string"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_bad_path_answers_invalid_input() {
    let (status, _, error) = send_error::<ErrorCode>(app(), request("GET", "/items/abc")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(
        error.detail.as_deref(),
        Some("Invalid URL: Cannot parse `abc` to a `u32`")
    );
}

#[tokio::test]
async fn a_method_not_allowed_answers_invalid_input_with_405_and_allow() {
    let (status, headers, error) =
        send_error::<ErrorCode>(app(), request("DELETE", "/items/1")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers["allow"], "GET,HEAD");
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(
        error.detail.as_deref(),
        Some("method DELETE is not allowed here; the allow header lists those that are")
    );
}

#[tokio::test]
async fn a_body_too_large_answers_invalid_input_with_413() {
    let request = Request::builder()
        .method("POST")
        .uri("/upload")
        .body(Body::from("far more than eight bytes"))
        .unwrap_or_default();
    let (status, _, error) = send_error::<ErrorCode>(app(), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error
            .detail
            .is_some_and(|detail| detail.contains("length limit exceeded"))
    );
}

/// What axum itself answers to a request the table on the module page covers: the
/// status the code is chosen by, and the body, which becomes `detail` when it is plain
/// text.
struct Rejection {
    what: &'static str,
    request: fn() -> Request<Body>,
    status: StatusCode,
    /// axum's `content-type`; none and `text/plain` are read as text.
    content_type: Option<&'static str>,
    /// How axum's body starts; empty for none.
    text: &'static str,
    /// The code the table gives the response.
    code: ErrorCode,
}

const TEXT: Option<&str> = Some("text/plain; charset=utf-8");

/// axum's own rejections, as the table on the module page (and `rewrite::code_name`,
/// which reads only the status and the content type) expects them.
fn rejections() -> [Rejection; 8] {
    fn post_items(content_type: Option<&str>, body: &'static str) -> Request<Body> {
        let mut request = Request::builder().method("POST").uri("/items");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        request.body(Body::from(body)).unwrap_or_default()
    }
    [
        Rejection {
            what: "no route matches",
            request: || request("GET", "/nowhere"),
            status: StatusCode::NOT_FOUND,
            content_type: None,
            text: "",
            code: ErrorCode::NotFound,
        },
        Rejection {
            what: "a path parameter that does not parse (Path)",
            request: || request("GET", "/items/abc"),
            status: StatusCode::BAD_REQUEST,
            content_type: TEXT,
            text: "Invalid URL: Cannot parse `abc` to a `u32`",
            code: ErrorCode::InvalidInput,
        },
        Rejection {
            what: "a query string that does not parse (Query)",
            request: || request("GET", "/search?limit=ten"),
            status: StatusCode::BAD_REQUEST,
            content_type: TEXT,
            text: "Failed to deserialize query string",
            code: ErrorCode::InvalidInput,
        },
        Rejection {
            what: "a JSON body that is not JSON (Json)",
            request: || post_items(Some("application/json"), "[1,"),
            status: StatusCode::BAD_REQUEST,
            content_type: TEXT,
            text: "Failed to parse the request body as JSON",
            code: ErrorCode::InvalidInput,
        },
        Rejection {
            what: "a JSON body of the wrong shape (Json)",
            request: || post_items(Some("application/json"), r#"{"a":1}"#),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            content_type: TEXT,
            text: "Failed to deserialize the JSON body into the target type",
            code: ErrorCode::InvalidInput,
        },
        Rejection {
            what: "a JSON body without its content type (Json)",
            request: || post_items(None, "[1]"),
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            content_type: TEXT,
            text: "Expected request with `Content-Type: application/json`",
            code: ErrorCode::InvalidInput,
        },
        Rejection {
            what: "a method the route does not serve",
            request: || request("DELETE", "/items/1"),
            status: StatusCode::METHOD_NOT_ALLOWED,
            content_type: None,
            text: "",
            code: ErrorCode::InvalidInput,
        },
        Rejection {
            what: "a body over the limit (DefaultBodyLimit)",
            request: || {
                Request::builder()
                    .method("POST")
                    .uri("/upload")
                    .body(Body::from("far more than eight bytes"))
                    .unwrap_or_default()
            },
            status: StatusCode::PAYLOAD_TOO_LARGE,
            content_type: TEXT,
            text: "Failed to buffer the request body: length limit exceeded",
            code: ErrorCode::InvalidInput,
        },
    ]
}

/// The integration chooses a code by status and reads the body by content type, without
/// knowing which rejection it has; so an axum upgrade that changes either for one of
/// them fails here first, on axum's own answer, before the envelope is wrong.
#[tokio::test]
async fn axum_rejections_are_what_the_table_expects_and_become_its_codes() {
    for rejection in rejections() {
        let what = rejection.what;
        let (status, headers, body) = send(routes(), (rejection.request)()).await;
        assert_eq!(status, rejection.status, "axum's status for {what}");
        assert_eq!(
            headers
                .get(header::CONTENT_TYPE)
                .map(|value| value.to_str().unwrap_or_default()),
            rejection.content_type,
            "axum's content type for {what}"
        );
        let text = String::from_utf8_lossy(&body);
        if rejection.text.is_empty() {
            assert!(text.is_empty(), "axum's body for {what}: {text:?}");
        } else {
            assert!(
                text.starts_with(rejection.text),
                "axum's body for {what}: {text:?}"
            );
        }

        let (status, handled_headers, error) =
            send_error::<ErrorCode>(app(), (rejection.request)()).await;
        assert_eq!(status, rejection.status, "the status is kept for {what}");
        assert_eq!(error.code, rejection.code, "the code for {what}");
        let expected_detail = match status {
            _ if !text.is_empty() => Some(text.trim().to_owned()),
            StatusCode::METHOD_NOT_ALLOWED => Some(
                "method DELETE is not allowed here; the allow header lists those that are"
                    .to_owned(),
            ),
            _ => None,
        };
        assert_eq!(error.detail, expected_detail, "the detail for {what}");
        assert_eq!(
            handled_headers.get(header::ALLOW),
            headers.get(header::ALLOW),
            "the allow header is kept for {what}"
        );
    }
}

#[tokio::test]
async fn a_panic_answers_internal_server_error_without_its_message() {
    let (status, headers, error) = send_error::<ErrorCode>(app(), request("GET", "/boom")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(error.code, ErrorCode::InternalServerError);
    assert_eq!(
        Some(error.message.as_str()),
        ErrorCode::InternalServerError.message()
    );
    assert_eq!(error.detail, None);
    let body = serde_json::to_string(&error).unwrap_or_default();
    assert!(!body.contains("secret"), "{body}");
    assert!(headers.get("retry-after").is_none());
}

#[tokio::test]
async fn a_returned_envelope_keeps_its_code() {
    let (status, _, error) = send_error::<ErrorCode>(app(), request("GET", "/denied")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error.code, ErrorCode::NotAuthorized);
    assert_eq!(
        Some(error.message.as_str()),
        ErrorCode::NotAuthorized.message()
    );
}

#[tokio::test]
async fn retry_after_reaches_the_header_not_the_body() {
    let (status, headers, body) = send(app(), request("GET", "/busy")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["retry-after"], "5");
    let error = LuxxonError::from_json(&body).map_err(|error| error.to_string());
    assert_eq!(error.map(|error| error.code), Ok(ErrorCode::Unavailable));
    assert!(!String::from_utf8_lossy(&body).contains("retry"));
}

#[tokio::test]
async fn question_mark_on_an_io_error_answers_internal_server_error() {
    let (status, _, error) = send_error::<ErrorCode>(app(), request("GET", "/disk")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(error.code, ErrorCode::InternalServerError);
    let body = serde_json::to_string(&error).unwrap_or_default();
    assert!(!body.contains("fire") && !body.contains("/srv"), "{body}");
}

#[tokio::test]
async fn question_mark_on_an_envelope_keeps_it() {
    let (status, _, error) = send_error::<ErrorCode>(app(), request("GET", "/missing")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error.code, ErrorCode::SessionNotFound);
    assert_eq!(error.detail.as_deref(), Some("session:7"));
}

#[tokio::test]
async fn an_envelope_serialized_by_the_app_keeps_its_code() {
    let (status, _, error) = send_error::<ErrorCode>(app(), request("GET", "/serialized")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(error.detail.as_deref(), Some("seq:3"));
}

#[tokio::test]
async fn a_server_error_text_is_not_shown() {
    let (status, _, error) = send_error::<ErrorCode>(app(), request("GET", "/upstream")).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(error.code, ErrorCode::InternalServerError);
    assert_eq!(error.detail, None);
}

#[tokio::test]
async fn other_client_errors_are_left_as_they_are() {
    let (status, headers, body) = send(app(), request("GET", "/limited")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(&body[..], b"slow down");
    assert!(
        headers["content-type"]
            .to_str()
            .is_ok_and(|t| t.starts_with("text/plain"))
    );
    assert!(headers.contains_key("x-request-id"));
}

#[tokio::test]
async fn the_client_request_id_is_echoed_everywhere() {
    let with_id = |uri: &str| {
        Request::builder()
            .uri(uri)
            .header("x-request-id", "req-42")
            .body(Body::empty())
            .unwrap_or_default()
    };
    let (_, _, error) = send_error::<ErrorCode>(app(), with_id("/denied")).await;
    assert_eq!(error.request_id(), Some("req-42"));
    let (_, _, error) = send_error::<ErrorCode>(app(), with_id("/nowhere")).await;
    assert_eq!(error.request_id(), Some("req-42"));
    let (status, headers, body) = send(app(), with_id("/id")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["x-request-id"], "req-42");
    assert_eq!(&body[..], b"req-42", "the handler sees the same id");
}

#[tokio::test]
async fn a_request_id_is_generated_when_none_or_an_unusable_one_is_sent() {
    let (status, headers, body) = send(app(), request("GET", "/id")).await;
    assert_eq!(status, StatusCode::OK);
    let id = headers["x-request-id"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(id.len(), 32);
    assert_eq!(body, id.as_bytes(), "the handler sees the same id");

    let too_long = Request::builder()
        .uri("/denied")
        .header("x-request-id", "x".repeat(129))
        .body(Body::empty())
        .unwrap_or_default();
    let (_, _, error) = send_error::<ErrorCode>(app(), too_long).await;
    assert_eq!(error.request_id().map(str::len), Some(32));

    // Spaces and tabs are valid in a header value but not in an id: logs split on them.
    for unusable in ["req 42", "req\t42", " ", "req-42 "] {
        let request = Request::builder()
            .uri("/denied")
            .header("x-request-id", HeaderValue::from_str(unusable).unwrap())
            .body(Body::empty())
            .unwrap_or_default();
        let (_, _, error) = send_error::<ErrorCode>(app(), request).await;
        let id = error.request_id().unwrap_or_default();
        assert_eq!(id.len(), 32, "{unusable:?} gave {id:?}");
        assert!(id.bytes().all(|byte| byte.is_ascii_hexdigit()), "{id:?}");
    }

    let (_, other_headers, _) = send(app(), request("GET", "/id")).await;
    assert_ne!(other_headers["x-request-id"], id);
}

#[tokio::test]
async fn a_configured_header_replaces_x_request_id() {
    let correlation = HeaderName::from_static("x-correlation-id");
    let app = ErrorHandling::new()
        .request_id_header(correlation.clone())
        .apply(Router::new().route("/denied", get(denied)));
    let request = Request::builder()
        .uri("/denied")
        .header(&correlation, "corr-1")
        .body(Body::empty())
        .unwrap_or_default();
    let (status, headers, body) = send(app, request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(headers[&correlation], "corr-1");
    assert!(headers.get("x-request-id").is_none());
    let error = LuxxonError::from_json(&body).map_err(|error| error.to_string());
    assert_eq!(
        error.as_ref().map(|error| error.request_id()),
        Ok(Some("corr-1"))
    );
}

#[tokio::test]
async fn a_catalog_without_the_standard_codes_answers_with_their_names() {
    type Code = teapot::ErrorCode;
    let app = teapot::ErrorHandling::new().apply(
        Router::new()
            .route("/items/{id}", get(item))
            .route("/boom", get(boom))
            .route(
                "/tea",
                get(|| async { Err::<String, _>(teapot::LuxxonError::from(Code::Teapot)) }),
            ),
    );
    let cases = [
        ("/nowhere", StatusCode::NOT_FOUND, "NOT_FOUND"),
        ("/items/abc", StatusCode::BAD_REQUEST, "INVALID_INPUT"),
        (
            "/boom",
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
        ),
        ("/tea", StatusCode::IM_A_TEAPOT, "TEAPOT"),
    ];
    for (uri, expected_status, expected_code) in cases {
        let (status, _, error) = send_error::<Code>(app.clone(), request("GET", uri)).await;
        assert_eq!(status, expected_status, "{uri}");
        assert_eq!(error.code, expected_code, "{uri}");
        assert_eq!(error.code.is_known(), expected_code == "TEAPOT", "{uri}");
    }
}

#[test]
fn api_error_from_a_code_goes_through_the_envelope() {
    let error: ApiError = LuxxonError::from(ErrorCode::NotFound).into();
    assert_eq!(error.envelope().code, ErrorCode::NotFound);
    assert!(error.source().is_none());
    let error: ApiError = std::io::Error::other("secret").into();
    assert_eq!(error.envelope().code, ErrorCode::InternalServerError);
    assert_eq!(error.envelope().status_code, 500);
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("secret")
    );
}
