// The decoder never throws, keeps what it is given up to its bound, and costs no more
// than the bound, whatever it is given.
import assert from "node:assert/strict";
import test from "node:test";

import { pkg } from "./support.mjs";

const { DEFAULT_BODY_LIMIT, LuxxonHttpError, decodeLuxxonError, errorForStatus } = pkg;

const page =
  '{"statusCode":403,"code":"NOT_AUTHORIZED","message":"Not authorized for this operation","detail":"session:viewDenied","timestamp":"2026-05-13T08:30:00Z"}';

// A small deterministic generator, so that a failure names the seed that found it.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['{', '}', '[', ']', '"', ':', ',', '\\', '\\u', 'd800', 'dc00', '1e400', '-0', '0', '403', ' ', '\n',
  'null', 'true', 'statusCode', 'code', 'message', 'timestamp', 'detail', '"2026-05-13T08:30:00Z"', '\ufeff', 'é', '\ud800', '\u0000'];

test("never throws, on mutations of the page's example and on random text and bytes", () => {
  for (let seed = 1; seed <= 3000; seed++) {
    const random = generator(seed);
    let text = page;
    const edits = 1 + Math.floor(random() * 4);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(random() * (text.length + 1));
      const cut = Math.floor(random() * 3);
      const piece = PIECES[Math.floor(random() * PIECES.length)];
      text = text.slice(0, at) + piece + text.slice(at + cut);
    }
    const bytes = new Uint8Array(Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
    for (const input of [text, new TextEncoder().encode(text), bytes, bytes.buffer, text.slice(0, Math.floor(random() * text.length))]) {
      let decoded;
      assert.doesNotThrow(() => {
        decoded = decodeLuxxonError(input);
      }, `seed ${seed}`);
      assert.equal(typeof decoded.ok, "boolean");
      if (!decoded.ok) {
        assert.ok(["Empty", "NotJson", "Truncated", "NotAnEnvelope", "TooLarge"].includes(decoded.kind));
        assert.equal(typeof decoded.body, "string");
        assert.equal(typeof decoded.message, "string");
      }
      assert.doesNotThrow(() => new LuxxonHttpError(503, [["retry-after", text]], input));
    }
  }
});

test("input of another type is a failure, not an exception", () => {
  for (const input of [null, undefined, 42, {}, [], Symbol("x"), { toString() { throw new Error("no"); } }]) {
    const decoded = decodeLuxxonError(input);
    assert.equal(decoded.ok, false);
    assert.equal(decoded.kind, "NotJson");
  }
});

test("a body over the limit is cut to it and not decoded; one at the limit is whole", () => {
  const padded = page + " ".repeat(DEFAULT_BODY_LIMIT - page.length);
  assert.equal(decodeLuxxonError(padded).ok, true);
  const over = decodeLuxxonError(`${padded} `);
  assert.equal(over.kind, "TooLarge");
  assert.equal(over.body, padded);
  const bytes = new TextEncoder().encode(`${padded} `);
  assert.equal(decodeLuxxonError(bytes).kind, "TooLarge");
  assert.equal(decodeLuxxonError(bytes).body.length, DEFAULT_BODY_LIMIT);
  // The limit counts bytes, as the Rust crate does, also for text.
  const wide = "é".repeat(DEFAULT_BODY_LIMIT / 2);
  assert.notEqual(decodeLuxxonError(wide).kind, "TooLarge");
  assert.equal(decodeLuxxonError(`${wide}x`).kind, "TooLarge");
  // Another limit.
  assert.equal(decodeLuxxonError(page, { limit: page.length }).ok, true);
  const cut = decodeLuxxonError(page, { limit: 10 });
  assert.equal(cut.kind, "TooLarge");
  assert.equal(cut.body, page.slice(0, 10));
  assert.equal(decodeLuxxonError("", { limit: 0 }).kind, "Empty");
  assert.equal(decodeLuxxonError("x", { limit: 0 }).kind, "TooLarge");
});

test("a decoded envelope keeps every member, extra ones included", () => {
  const body = page.replace("}", ',"requestId":"req_1","retry":{"after":[1,2.5,null]},"n":1.0e3}');
  const decoded = decodeLuxxonError(body);
  assert.equal(decoded.ok, true);
  assert.deepEqual(decoded.error, JSON.parse(body));
  assert.deepEqual(Object.keys(decoded.error), ["statusCode", "code", "message", "detail", "timestamp", "requestId", "retry", "n"]);
});

test("a failure says which member, and gives the JSON to salvage from", () => {
  const decoded = decodeLuxxonError('{"statusCode":403,"code":403,"message":"Forbidden","timestamp":"2026-05-13T08:30:00Z"}');
  assert.equal(decoded.kind, "NotAnEnvelope");
  assert.equal(decoded.member, "code");
  assert.equal(decoded.json.message, "Forbidden");
  assert.match(decoded.message, /code/);
});

// A response whose body never ends, counting what was read of it.
function endless(status) {
  let pulled = 0;
  const chunk = new Uint8Array(16 * 1024).fill(60);
  const body = new ReadableStream({
    pull(controller) {
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const response = new Response(body, { status, headers: { "retry-after": "3", "x-request-id": "edge-1" } });
  return { response, pulled: () => pulled };
}

test("errorForStatus reads no further than the limit of an endless body", async () => {
  const { response, pulled } = endless(503);
  const error = await errorForStatus(response).then(
    () => assert.fail("an error"),
    (error) => error,
  );
  assert.ok(error instanceof LuxxonHttpError);
  assert.equal(error.bodyTruncated, true);
  assert.equal(error.decodeError.kind, "TooLarge");
  assert.equal(error.body.length, DEFAULT_BODY_LIMIT);
  assert.equal(error.retryable, true);
  assert.equal(error.retryAfterMs, 3000);
  assert.equal(error.requestId, "edge-1");
  assert.ok(pulled() <= DEFAULT_BODY_LIMIT + 3 * 16 * 1024, `${pulled()} bytes read`);

  const small = endless(502);
  const limited = await errorForStatus(small.response, { limit: 100 }).catch((error) => error);
  assert.equal(limited.body.length, 100);
  assert.equal(limited.bodyTruncated, true);
});

test("errorForStatus keeps a body of exactly the limit whole", async () => {
  const response = new Response(page, { status: 403 });
  const error = await errorForStatus(response, { limit: page.length }).catch((error) => error);
  assert.equal(error.code, "NOT_AUTHORIZED");
  assert.equal(error.bodyTruncated, false);
  assert.equal(error.body, page);
});

test("headers are read from a Headers object, pairs or a plain object", () => {
  const body = "";
  for (const headers of [new Headers({ "Retry-After": "2", "X-Request-Id": "r" }), [["retry-after", "2"], ["x-request-id", "r"]], { "Retry-After": "2", "x-request-id": ["r", "s"] }]) {
    const error = new LuxxonHttpError(503, headers, body);
    assert.equal(error.retryAfterMs, 2000);
    assert.equal(error.requestId, "r");
  }
});

test("a message quotes at most 64 characters of what it echoes, however long", () => {
  const long = "x".repeat(1_000_000);
  const decoded = decodeLuxxonError(`{"statusCode":"${long}","code":"X","message":"m","timestamp":"2026-05-13T08:30:00Z"}`, { limit: 2_000_000 });
  assert.equal(decoded.kind, "NotAnEnvelope");
  assert.equal(decoded.member, "statusCode");
  assert.ok(decoded.message.length < 200, `${decoded.message.length} characters`);
  const error = new LuxxonHttpError(400, [], `{"statusCode":400,"code":"X","message":"${long}","timestamp":"2026-05-13T08:30:00Z"}`, { limit: 2_000_000 });
  assert.equal(error.envelope.message.length, long.length, "the envelope is kept whole");
});
