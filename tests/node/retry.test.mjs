// withRetry with a fake clock: the backoff, the caps, Retry-After, the rule, aborting.
import assert from "node:assert/strict";
import test from "node:test";

import { pkg } from "./support.mjs";

const { LuxxonHttpError, RETRY_DEFAULTS, isRetryableError, retryAfterMs, withRetry } = pkg;

// A clock that sleeping moves on, recording each wait.
function fakeClock() {
  const clock = { time: 0, waits: [] };
  clock.now = () => clock.time;
  clock.sleep = async (ms) => {
    clock.waits.push(ms);
    clock.time += ms;
  };
  return clock;
}

const unavailable = (headers = []) =>
  new LuxxonHttpError(503, headers, '{"statusCode":503,"code":"UNAVAILABLE","message":"m","timestamp":"2026-05-13T08:30:00Z"}');

test("the defaults are the Rust crate's", () => {
  assert.deepEqual({ ...RETRY_DEFAULTS }, { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 10000, maxElapsedMs: 30000, jitter: "full" });
});

test("exponential backoff, capped, in the three jitters", async () => {
  for (const [jitter, random, expected] of [
    ["none", () => 0.5, [100, 200, 400, 800, 1000]],
    ["full", () => 0.5, [50, 100, 200, 400, 500]],
    ["equal", () => 0, [50, 100, 200, 400, 500]],
  ]) {
    const clock = fakeClock();
    await assert.rejects(
      withRetry(async () => { throw unavailable(); }, { ...clock, jitter, random, maxAttempts: 6, maxDelayMs: 1000 }),
      LuxxonHttpError,
    );
    assert.deepEqual(clock.waits, expected, jitter);
  }
});

test("a success after failures returns its value", async () => {
  const clock = fakeClock();
  const seen = [];
  const value = await withRetry(async (attempt) => {
    seen.push(attempt);
    if (attempt < 3) throw unavailable();
    return "done";
  }, clock);
  assert.equal(value, "done");
  assert.deepEqual(seen, [1, 2, 3]);
});

test("Retry-After is honoured when longer than the backoff, even past the largest backoff", async () => {
  const clock = fakeClock();
  await assert.rejects(
    withRetry(async () => { throw unavailable([["retry-after", "20"]]); }, { ...clock, maxAttempts: 2, jitter: "none" }),
  );
  assert.deepEqual(clock.waits, [20000]);
});

test("the time cap is checked before each wait", async () => {
  const clock = fakeClock();
  let attempts = 0;
  await assert.rejects(
    withRetry(async () => {
      attempts++;
      clock.time += 9000;
      throw unavailable([["retry-after", "10"]]);
    }, { ...clock, maxAttempts: 10 }),
  );
  // 9 s, wait 10, 28 s, and 28 + 10 > 30: no third attempt.
  assert.equal(attempts, 2);
  assert.deepEqual(clock.waits, [10000]);
});

test("only what the rule allows is retried", async () => {
  for (const error of [
    new LuxxonHttpError(403, [], '{"statusCode":403,"code":"NOT_AUTHORIZED","message":"m","timestamp":"2026-05-13T08:30:00Z"}'),
    new LuxxonHttpError(503, [], '{"statusCode":503,"code":"NO_COVERAGE","message":"m","timestamp":"2026-05-13T08:30:00Z"}'),
    new LuxxonHttpError(500, [], "<html/>"),
    new Error("a bug"),
    new TypeError("fetch failed"),
  ]) {
    let attempts = 0;
    await assert.rejects(withRetry(async () => { attempts++; throw error; }, fakeClock()), (thrown) => thrown === error);
    assert.equal(attempts, 1, error.message);
  }
  const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) });
  assert.equal(isRetryableError(refused), true);
  assert.equal(isRetryableError(new DOMException("t", "TimeoutError")), true);
  assert.equal(isRetryableError(new DOMException("a", "AbortError")), false);
  let attempts = 0;
  await assert.rejects(withRetry(async () => { attempts++; throw unavailable(); }, { ...fakeClock(), isRetryable: () => false }));
  assert.equal(attempts, 1);
});

test("at least one attempt, whatever maxAttempts says", async () => {
  let attempts = 0;
  await assert.rejects(withRetry(async () => { attempts++; throw unavailable(); }, { ...fakeClock(), maxAttempts: 0 }));
  assert.equal(attempts, 1);
});

test("an aborted signal stops before the next attempt, and during a wait", async () => {
  const controller = new AbortController();
  controller.abort(new Error("stopped early"));
  let attempts = 0;
  await assert.rejects(withRetry(async () => { attempts++; }, { signal: controller.signal }), /stopped early/);
  assert.equal(attempts, 0);

  const later = new AbortController();
  const started = performance.now();
  const run = withRetry(async () => { throw unavailable([["retry-after", "20"]]); }, { signal: later.signal });
  setTimeout(() => later.abort(new Error("stopped waiting")), 20);
  await assert.rejects(run, /stopped waiting/);
  assert.ok(performance.now() - started < 5000);
});

test("retryAfterMs reads both forms and nothing else", () => {
  const now = Date.parse("2026-05-13T08:30:00Z");
  assert.equal(retryAfterMs({ "retry-after": "120" }, now), 120000);
  assert.equal(retryAfterMs({ "Retry-After": "Wed, 13 May 2026 08:31:00 GMT" }, new Date(now)), 60000);
  assert.equal(retryAfterMs({ "retry-after": "Sun, 06 Nov 1994 08:49:37 GMT" }, now), 0);
  assert.equal(retryAfterMs({ "retry-after": "soon" }, now), undefined);
  assert.equal(retryAfterMs({}, now), undefined);
  assert.equal(retryAfterMs(new Headers(), now), undefined);
  assert.equal(retryAfterMs({ "retry-after": "9".repeat(10000) }, now), 18446744073709551615000);
});
