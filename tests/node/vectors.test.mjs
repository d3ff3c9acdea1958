// The cases both clients are held to (tests/fixtures/client-vectors.json); the Rust crate
// reads the same file in tests/tests/client_vectors.rs.
import assert from "node:assert/strict";
import test from "node:test";

import { body, pkg, vectors } from "./support.mjs";

const { LuxxonHttpError, decodeLuxxonError, isRetryable, retryAfterMs } = pkg;
const { now, cases } = vectors();
const at = Date.parse(now);

function outcome(testCase, bytes) {
  const error = new LuxxonHttpError(testCase.status, testCase.headers, bytes);
  const failure = error.decodeError;
  return {
    kind: failure ? failure.kind : null,
    member: failure?.member ?? null,
    code: error.code ?? null,
    retryable: error.retryable,
    retryAfterMs: retryAfterMs(testCase.headers, at) ?? null,
    requestId: error.requestId ?? null,
  };
}

test("there are cases", () => assert.ok(cases.length >= 150, `${cases.length} cases`));

for (const testCase of cases) {
  test(testCase.name, () => {
    const bytes = body(testCase);
    assert.deepEqual(outcome(testCase, bytes), testCase.expect);
    // The same, from the body as an ArrayBuffer, and as text when it is UTF-8.
    assert.deepEqual(outcome(testCase, bytes.slice().buffer), testCase.expect);
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return;
    }
    assert.deepEqual(outcome(testCase, text), testCase.expect);
    const decoded = decodeLuxxonError(text);
    assert.equal(decoded.ok, testCase.expect.kind === null);
    assert.equal(isRetryable(testCase.status, decoded.ok ? decoded.error : undefined), testCase.expect.retryable);
  });
}
