//! The npm package for TypeScript and JavaScript clients (`generated/npm/`): ESM
//! JavaScript and its declarations, written straight from the catalog (no TypeScript
//! compiler runs at `render` time), its `package.json` and its README.
//!
//! The catalog gives the tables (codes, statuses, families, retryability, delays); the
//! rest, what a client needs to decide in one line (the decoder, the retry rule,
//! `Retry-After`, `errorForStatus`, `withRetry`), is the same for every catalog and lives
//! in `runtime.js` and `runtime.d.ts` beside this file, which the package's tests and
//! the shared vectors (`tests/fixtures/client-vectors.json`) hold to the Rust crate.

use std::fmt::Write as _;

use crate::emit::json::{self, Json};
use crate::emit::typescript::{self, RETRY_AFTER_DOC};
use crate::model::{Catalog, Code};

/// The catalog-independent JavaScript: it reads the tables the module defines above it.
const RUNTIME_JS: &str = include_str!("runtime.js");
/// The declarations of [`RUNTIME_JS`].
const RUNTIME_DTS: &str = include_str!("runtime.d.ts");

/// The package's files, relative to its folder; `package.json` lists them for `npm pack`.
pub(crate) const FILES: [&str; 3] = ["index.js", "index.d.ts", "README.md"];

/// The tables' doc comments, shared by the JavaScript and the declarations.
const CODES_DOC: &str = "Every known code, in the order of the Errors page.";
const STATUS_DOC: &str = "The HTTP status the API answers with, per known code.";
const FAMILY_DOC: &str =
    "The family of each known code: the table it is listed in on the Errors page.";
const RETRYABLE_DOC: &str =
    "Whether a request that failed with each known code may be retried as is (with backoff).";
const KNOWN_DOC: &str = "Whether `code` is one of the codes this package knows.";

/// `index.js`: the tables, frozen, then the runtime.
pub(crate) fn module(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "/** {CODES_DOC} */\nexport const LUXXON_ERROR_CODES = Object.freeze([\n"
    ));
    for code in catalog.codes() {
        let _ = writeln!(out, "  {},", json::quote(code.name()));
    }
    out.push_str("]);\n");
    js_table(
        &mut out,
        catalog,
        STATUS_DOC,
        "LUXXON_ERROR_STATUS",
        |code| Some(code.status().to_string()),
    );
    js_table(
        &mut out,
        catalog,
        FAMILY_DOC,
        "LUXXON_ERROR_FAMILY",
        |code| Some(json::quote(code.family_id())),
    );
    js_table(
        &mut out,
        catalog,
        RETRYABLE_DOC,
        "LUXXON_ERROR_RETRYABLE",
        |code| Some(code.is_retryable().to_string()),
    );
    js_table(
        &mut out,
        catalog,
        RETRY_AFTER_DOC,
        "LUXXON_ERROR_RETRY_AFTER",
        |code| code.retry_after().map(|seconds| seconds.to_string()),
    );
    out.push('\n');
    out.push_str(&compact(RUNTIME_JS));
    out
}

/// `js` without its comment lines, blank lines and indentation: what a client downloads
/// is a third smaller, and `runtime.js` stays the commented source. Safe for that file:
/// none of its strings, regular expressions or template literals spans two lines (a test
/// holds it to that), so no line break moves and no text that matters changes.
fn compact(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    for line in js.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn js_table(
    out: &mut String,
    catalog: &Catalog,
    doc: &str,
    name: &str,
    value: impl Fn(&Code) -> Option<String>,
) {
    let _ = writeln!(out, "/** {doc} */\nexport const {name} = Object.freeze({{");
    for code in catalog.codes() {
        if let Some(value) = value(code) {
            // Codes are checked SCREAMING_SNAKE_CASE names: valid property names as they are.
            let _ = writeln!(out, "  {}: {value},", code.name());
        }
    }
    out.push_str("});\n");
}

/// `index.d.ts`: the types, the tables' literal types, then the runtime's declarations.
pub(crate) fn declarations(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(&module_doc(catalog));
    out.push('\n');
    typescript::types(&mut out, catalog);
    out.push('\n');
    let _ = writeln!(
        out,
        "/** {CODES_DOC} */\nexport declare const LUXXON_ERROR_CODES: readonly ["
    );
    for code in catalog.codes() {
        let _ = writeln!(out, "  {},", json::quote(code.name()));
    }
    out.push_str("];\n");
    dts_table(
        &mut out,
        catalog,
        STATUS_DOC,
        "LUXXON_ERROR_STATUS",
        |code| Some(code.status().to_string()),
    );
    dts_table(
        &mut out,
        catalog,
        FAMILY_DOC,
        "LUXXON_ERROR_FAMILY",
        |code| Some(json::quote(code.family_id())),
    );
    dts_table(
        &mut out,
        catalog,
        RETRYABLE_DOC,
        "LUXXON_ERROR_RETRYABLE",
        |code| Some(code.is_retryable().to_string()),
    );
    dts_table(
        &mut out,
        catalog,
        RETRY_AFTER_DOC,
        "LUXXON_ERROR_RETRY_AFTER",
        |code| code.retry_after().map(|seconds| seconds.to_string()),
    );
    let _ = writeln!(
        out,
        "\n/** {KNOWN_DOC} */\nexport declare function isKnownLuxxonErrorCode(code: unknown): code is KnownLuxxonErrorCode;\n"
    );
    out.push_str(RUNTIME_DTS);
    out
}

fn dts_table(
    out: &mut String,
    catalog: &Catalog,
    doc: &str,
    name: &str,
    value: impl Fn(&Code) -> Option<String>,
) {
    let _ = writeln!(out, "\n/** {doc} */\nexport declare const {name}: {{");
    for code in catalog.codes() {
        if let Some(value) = value(code) {
            let _ = writeln!(out, "  readonly {}: {value};", code.name());
        }
    }
    out.push_str("};\n");
}

fn module_doc(catalog: &Catalog) -> String {
    let name = catalog.npm().name();
    format!(
        "\
/**
 * The error codes of the catalog this package was generated from, the envelope they come
 * back in, and what a client needs to handle them: a decoder that never throws, the retry
 * rule, `Retry-After`, `errorForStatus` and `withRetry`.
 *
 * Branch on `code`: it is the stable, machine-readable handle. Codes are append-only and
 * new ones may appear, so handle the default case (see `isKnownLuxxonErrorCode`).
 *
 * @module {name}
 */
"
    )
}

/// `package.json`. JSON has no comments, so the `@generated` line is the value of the
/// `"//"` member, npm's convention for a comment; `check` compares the whole file with
/// what the catalog generates, as for every generated file.
pub(crate) fn manifest(catalog: &Catalog, header: &str) -> String {
    let npm = catalog.npm();
    let strings =
        |items: &[&str]| Json::Array(items.iter().map(|&item| Json::string(item)).collect());
    Json::object([
        ("//", Json::string(header)),
        ("name", Json::string(npm.name())),
        ("version", Json::string(npm.version())),
        (
            "description",
            Json::string(
                "Error codes generated from their catalog: types, tables, a decoder that never throws, the retry rule and a retry helper.",
            ),
        ),
        ("type", Json::string("module")),
        ("main", Json::string("./index.js")),
        ("types", Json::string("./index.d.ts")),
        (
            "exports",
            Json::object([
                (
                    ".",
                    Json::object([
                        ("types", Json::string("./index.d.ts")),
                        ("default", Json::string("./index.js")),
                    ]),
                ),
                ("./package.json", Json::string("./package.json")),
            ]),
        ),
        ("sideEffects", Json::Bool(false)),
        ("files", strings(&FILES)),
        ("engines", Json::object([("node", Json::string(">=18"))])),
        ("keywords", strings(&["luxxon", "errors", "error-codes", "retry", "fetch"])),
    ])
    .to_json_text()
}

/// The package's README.md, without its header.
pub(crate) fn readme(catalog: &Catalog) -> String {
    let name = catalog.npm().name();
    let mut codes = String::new();
    for code in catalog.codes() {
        let retry = if code.is_retryable() { "yes" } else { "no" };
        let _ = writeln!(
            codes,
            "| `{}` | {} | `{}` | {retry} |",
            code.name(),
            code.status(),
            code.family_id()
        );
    }
    format!(
        "# {name}

The error codes of one catalog, generated from it (do not edit: regenerate
with `luxxon-errors render`), with what a client needs to handle them in one line: the same
decoder, retry rule and `Retry-After` reading as the Rust crate `luxxon-errors`.
ESM JavaScript with its declarations, no dependencies; Node 18 or later, and browsers
(anything with `fetch`).

```bash
npm install {name}
```

```ts
import {{ errorForStatus, withRetry, LuxxonHttpError }} from \"{name}\";

try {{
  const response = await withRetry(async () =>
    errorForStatus(await fetch(\"https://api.example.com/sessions/s_42\")),
  );
  console.log(await response.json());
}} catch (err) {{
  if (!(err instanceof LuxxonHttpError)) throw err;
  switch (err.code) {{
    case \"NO_COVERAGE\":
      // No operator in range. Try a wider zone or wait + retry.
      break;
    case \"INSUFFICIENT_CREDIT\":
      // Pool balance too low. Top up via the console.
      break;
    default:
      // An unknown code, or not an envelope (a proxy's HTML 502): log it, quote the id.
      console.error(\"luxxon:\", err.message, err.requestId);
  }}
}}
```

## What it holds

- Types: `LuxxonErrorCode` (every known code, with autocompletion, and any other string:
  the API may add codes), `KnownLuxxonErrorCode`, `LuxxonErrorFamily`, and `LuxxonError`,
  the envelope (`statusCode`, `code`, `message`, `detail`, `timestamp`, and any other
  member).
- Tables: `LUXXON_ERROR_CODES`, `LUXXON_ERROR_STATUS`, `LUXXON_ERROR_FAMILY`,
  `LUXXON_ERROR_RETRYABLE`, `LUXXON_ERROR_RETRY_AFTER` (seconds, where the catalog gives a
  delay), and `isKnownLuxxonErrorCode(code)`.
- `decodeLuxxonError(body)`, for a string, `Uint8Array` or `ArrayBuffer`: never throws.
  It gives `{{ ok: true, error }}` with every member received, or `{{ ok: false, kind, body,
  message, member?, json? }}`, where `kind` is `\"Empty\"`, `\"NotJson\"` (a proxy's HTML
  page), `\"Truncated\"`, `\"NotAnEnvelope\"` (JSON of another shape; `member` names the
  member at fault) or `\"TooLarge\"` (over the limit, `DEFAULT_BODY_LIMIT` = 64 KiB unless
  `{{ limit }}` says otherwise: cut there and not decoded), and `body` is the body as
  received, at most the limit.
- `isRetryable(status, error?)`: the one rule. For a code of the catalog the catalog
  decides; for an unknown code, or a body that is not an envelope, the status of the
  response does: 408, 425, 429, 502, 503 and 504 are retryable (`RETRYABLE_STATUSES`).
- `retryAfterMs(headers, now?)`: `Retry-After` in milliseconds, from seconds or an
  HTTP-date (all three forms); `undefined` when absent or unreadable.
- `errorForStatus(response, {{ limit }}?)`: a successful response untouched; otherwise it
  reads at most the limit of the body (a longer body is cancelled there) and throws a
  `LuxxonHttpError`: an `Error` with `status`, `code` (`undefined` when the body is not an
  envelope), `envelope`, `retryable`, `retryAfterMs` (`Retry-After`, else the catalog's
  delay), `requestId` (the envelope's `requestId`, else the `x-request-id` header),
  `contentType`, `body`, `bodyTruncated` and `decodeError`. `new LuxxonHttpError(status,
  headers, body)` classifies a response from any other HTTP library.
- `withRetry(attempt, options?)`: runs `attempt(number, options.signal)` until it succeeds,
  retrying only what may be retried (`isRetryableError`: a `LuxxonHttpError` that is
  `retryable`, a `fetch` that could not connect or timed out), with jittered exponential
  backoff, waiting at least `retryAfterMs`. Defaults (`RETRY_DEFAULTS`): 4 attempts, 100
  ms doubling to 10 s, full jitter, and no wait that would end more than 30 s after the
  first attempt began (an attempt is never cut short: give each a timeout, e.g.
  `AbortSignal.timeout(5000)`). Options: `maxAttempts`, `initialDelayMs`, `maxDelayMs`,
  `maxElapsedMs`, `jitter` (`\"full\"`, `\"equal\"`, `\"none\"`), `random`, `sleep`, `now`,
  `isRetryable`, `signal` (an `AbortSignal`: stops waiting and retrying) and `onRetry`.
  Retry only requests that are safe to repeat.

Bounds: a body is kept and decoded up to 64 KiB; JSON nested deeper than 127 levels is
`\"NotJson\"`, as in the Rust crate; `Retry-After` in seconds is capped at 2^64 - 1
seconds.

To vendor it instead of installing it, copy `index.js` and `index.d.ts`.

## The codes

| code | status | family | retryable |
| --- | --- | --- | --- |
{codes}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: &str = "families:\n  - id: auth\n    title: Auth\n    retryable: true\n    retry_after: 5\ncodes:\n  - code: NOT_AUTHENTICATED\n    status: 401\n    family: auth\n    meaning: Missing credential.\n";

    fn problems(yaml: &str) -> Vec<String> {
        Catalog::parse(yaml, "e.yaml")
            .unwrap_err()
            .iter()
            .map(|problem| format!("{}: {}", problem.position, problem.message))
            .collect()
    }

    #[test]
    fn the_catalog_names_the_package_or_the_defaults_do() {
        let named = Catalog::parse(
            &format!("npm:\n  name: \"@acme/api-errors\"\n  version: \"2.1.0-rc.1\"\n{CODES}"),
            "e.yaml",
        )
        .unwrap();
        assert_eq!(named.npm().name(), "@acme/api-errors");
        assert_eq!(named.npm().version(), "2.1.0-rc.1");
        let manifest = manifest(&named, "@generated");
        assert!(manifest.starts_with("{\n  \"//\": \"@generated\",\n  \"name\": \"@acme/api-errors\",\n  \"version\": \"2.1.0-rc.1\",\n"), "{manifest}");
        assert!(readme(&named).starts_with("# @acme/api-errors\n"));

        let default = Catalog::parse(CODES, "e.yaml").unwrap();
        assert_eq!(default.npm().name(), "@luxxon/errors");
        assert_eq!(default.npm().version(), "0.1.0");
    }

    #[test]
    fn a_name_or_version_npm_refuses_is_a_problem() {
        assert_eq!(
            problems(&format!(
                "npm:\n  name: \"@Acme/Errors\"\n  version: \"1.0\"\n  main: x\n{CODES}"
            )),
            [
                "2:9: `npm.name` `@Acme/Errors` may hold only lowercase letters, digits, `-`, `.`, `_` and `~`",
                "3:12: `npm.version` `1.0` is not a semantic version",
                "4:3: unknown key `main` in `npm`",
            ]
        );
        for (name, problem) in [
            ("", "has an empty part"),
            ("@acme", "names a scope without a package (`@scope/name`)"),
            ("@acme/", "has an empty part"),
            ("_private", "has a part that starts with `.` or `_`"),
            (
                "a b",
                "may hold only lowercase letters, digits, `-`, `.`, `_` and `~`",
            ),
        ] {
            assert_eq!(
                crate::naming::npm_name_problem(name),
                Some(problem),
                "{name:?}"
            );
        }
        assert_eq!(
            crate::naming::npm_name_problem(&"a".repeat(215)),
            Some("is longer than 214 characters")
        );
        for good in ["errors", "@luxxon/errors", "a.b-c_d~e", "@s/x1"] {
            assert_eq!(crate::naming::npm_name_problem(good), None, "{good}");
        }
        for version in ["0.1.0", "1.2.3-alpha.1", "1.2.3+build.5", "10.20.30-rc-1+x"] {
            assert!(crate::naming::is_semver(version), "{version}");
        }
        for version in [
            "1",
            "1.2",
            "01.2.3",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-a..b",
            "v1.2.3",
            "1.2.x",
        ] {
            assert!(!crate::naming::is_semver(version), "{version}");
        }
    }

    #[test]
    fn the_runtime_compacts_safely() {
        for (number, line) in RUNTIME_JS.lines().enumerate() {
            // A line break inside a template literal or a string would be significant.
            assert_eq!(
                line.matches('`').count() % 2,
                0,
                "line {}: {line}",
                number + 1
            );
            let code = line.split("//").next().unwrap_or_default();
            assert!(
                !line.trim_start().starts_with("/*") && !code.contains("/*"),
                "block comments are not stripped: line {}",
                number + 1
            );
        }
        let compacted = compact(RUNTIME_JS);
        assert!(compacted.len() < RUNTIME_JS.len());
        assert!(
            !compacted
                .lines()
                .any(|line| line.starts_with(' ') || line.starts_with("//"))
        );
    }

    #[test]
    fn the_tables_hold_every_code_and_only_the_delays_the_catalog_gives() {
        let catalog = Catalog::parse(
            &format!("{CODES}  - code: OTHER\n    status: 400\n    family: auth\n    meaning: Other.\n    retryable: false\n"),
            "e.yaml",
        )
        .unwrap();
        let module = module(&catalog);
        assert!(module.contains("export const LUXXON_ERROR_RETRY_AFTER = Object.freeze({\n  NOT_AUTHENTICATED: 5,\n});\n"), "{module}");
        assert!(
            module.contains("  NOT_AUTHENTICATED: true,\n  OTHER: false,\n"),
            "{module}"
        );
        let declarations = declarations(&catalog);
        assert!(declarations.contains("export declare const LUXXON_ERROR_RETRY_AFTER: {\n  readonly NOT_AUTHENTICATED: 5;\n};\n"), "{declarations}");
        assert!(declarations.contains("export declare const LUXXON_ERROR_CODES: readonly [\n  \"NOT_AUTHENTICATED\",\n  \"OTHER\",\n];\n"));
    }
}
