// A client of the package against `luxxon-errors serve`, the catalog's mock server,
// started here on 127.0.0.1 port 0: every code, a code the package doesn't know, the
// bodies proxies send, request ids, and retrying with what the server says.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";

import { pkg, root } from "./support.mjs";

const {
  LUXXON_ERROR_CODES,
  LUXXON_ERROR_RETRYABLE,
  LUXXON_ERROR_RETRY_AFTER,
  LUXXON_ERROR_STATUS,
  LuxxonHttpError,
  errorForStatus,
  isKnownLuxxonErrorCode,
  withRetry,
} = pkg;

// The CLI: LUXXON_ERRORS_BIN (CI builds it first), else built here by cargo.
function cli() {
  if (process.env.LUXXON_ERRORS_BIN) return process.env.LUXXON_ERRORS_BIN;
  const messages = execFileSync(
    "cargo",
    ["build", "--quiet", "-p", "luxxon-errors-cli", "--message-format=json"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  for (const line of messages.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line);
    if (message.reason === "compiler-artifact" && message.executable && message.target?.name === "luxxon-errors") {
      return message.executable;
    }
  }
  throw new Error("cargo built no luxxon-errors binary");
}

let server;
let base;

before(async () => {
  server = spawn(cli(), ["serve", "--catalog", `${root}errors.yaml`, "--addr", "127.0.0.1:0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: server.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    server.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const address = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
  assert.ok(address, `the first line says where: ${first}`);
  base = address[1];
});

after(() => {
  server?.kill("SIGTERM");
});

// What `errorForStatus` throws for `path`.
async function failure(path, init) {
  const response = await fetch(base + path, init);
  await assert.rejects(errorForStatus(response), LuxxonHttpError);
  try {
    await errorForStatus(await fetch(base + path, init));
  } catch (error) {
    return error;
  }
  throw new Error("no error");
}

test("every code of the catalog is decoded, with its status, retryability and a request id", async () => {
  assert.equal(LUXXON_ERROR_CODES.length, 26);
  for (const code of LUXXON_ERROR_CODES) {
    const error = await failure(`/errors/${code}`);
    assert.equal(error.code, code);
    assert.equal(error.status, LUXXON_ERROR_STATUS[code]);
    assert.equal(error.envelope.statusCode, LUXXON_ERROR_STATUS[code]);
    assert.equal(error.retryable, LUXXON_ERROR_RETRYABLE[code], code);
    assert.equal(typeof error.envelope.message, "string");
    assert.match(error.requestId, /^\S+$/);
    assert.equal(error.requestId, error.envelope.requestId);
    const delay = LUXXON_ERROR_RETRY_AFTER[code];
    assert.equal(error.retryAfterMs, delay === undefined ? undefined : delay * 1000);
    assert.equal(error.decodeError, undefined);
    assert.ok(error instanceof Error);
    assert.match(error.message, new RegExp(`^HTTP ${error.status} ${code}: `));
  }
});

test("a code the package doesn't know: the status decides", async () => {
  const error = await failure("/errors/BRAND_NEW_CODE?status=429");
  assert.equal(error.code, "BRAND_NEW_CODE");
  assert.equal(isKnownLuxxonErrorCode(error.code), false);
  assert.equal(error.status, 429);
  assert.equal(error.retryable, true);
  const teapot = await failure("/errors/BREWING?status=418");
  assert.equal(teapot.retryable, false);
});

test("a proxy's HTML 502: not an envelope, retryable, kept for the logs", async () => {
  const error = await failure("/scenarios/html-502");
  assert.equal(error.status, 502);
  assert.equal(error.code, undefined);
  assert.equal(error.envelope, undefined);
  assert.equal(error.decodeError.kind, "NotJson");
  assert.equal(error.retryable, true);
  assert.match(error.contentType, /^text\/html/);
  assert.match(error.body, /502 Bad Gateway/);
  assert.equal(error.message, "HTTP 502: the body is not JSON (text/html; charset=utf-8)");
});

test("an empty 503: not an envelope, retryable", async () => {
  const error = await failure("/scenarios/empty-503");
  assert.equal(error.status, 503);
  assert.equal(error.code, undefined);
  assert.equal(error.decodeError.kind, "Empty");
  assert.equal(error.body, "");
  assert.equal(error.retryable, true);
});

test("the caller's request id comes back in the envelope and the header", async () => {
  const error = await failure("/errors/NOT_FOUND", { headers: { "x-request-id": "req_node_7f3a" } });
  assert.equal(error.requestId, "req_node_7f3a");
  assert.match(error.message, /\(request id req_node_7f3a\)$/);
});

test("a successful response is returned untouched", async () => {
  const response = await fetch(`${base}/scenarios/slow?ms=0`);
  assert.equal(await errorForStatus(response), response);
  assert.deepEqual(await response.json(), { ok: true });
});

test("fail then succeed: reached on the third attempt", async () => {
  const waits = [];
  const attempts = [];
  const response = await withRetry(
    async (attempt, signal) => {
      attempts.push(attempt);
      return errorForStatus(
        await fetch(`${base}/scenarios/fail-then-succeed?times=2&code=QUEUE_ERROR&key=third-try`, { signal }),
      );
    },
    { initialDelayMs: 10, onRetry: ({ delayMs }) => waits.push(delayMs) },
  );
  assert.deepEqual(await response.json(), { ok: true });
  assert.deepEqual(attempts, [1, 2, 3]);
  assert.equal(waits.length, 2);
  assert.ok(waits.every((ms) => ms >= 0 && ms <= 20), `${waits}`);
});

test("Retry-After is honoured: the wait is at least what the server asks", async () => {
  const started = performance.now();
  const waits = [];
  const response = await withRetry(
    async () =>
      errorForStatus(
        await fetch(`${base}/scenarios/fail-then-succeed?times=1&code=UNAVAILABLE&retry_after=1&key=retry-after`),
      ),
    { initialDelayMs: 1, onRetry: ({ delayMs }) => waits.push(delayMs) },
  );
  assert.equal(response.status, 200);
  assert.ok(waits[0] >= 1000, `waited ${waits[0]} ms`);
  assert.ok(performance.now() - started >= 1000);
});

test("NOT_AUTHORIZED is not retried", async () => {
  let attempts = 0;
  await assert.rejects(
    withRetry(async () => {
      attempts++;
      return errorForStatus(
        await fetch(`${base}/scenarios/fail-then-succeed?times=1&code=NOT_AUTHORIZED&key=not-retried`),
      );
    }),
    (error) => error instanceof LuxxonHttpError && error.code === "NOT_AUTHORIZED" && !error.retryable,
  );
  assert.equal(attempts, 1);
  // The server's count: the next request succeeds.
  const next = await fetch(`${base}/scenarios/fail-then-succeed?times=1&code=NOT_AUTHORIZED&key=not-retried`);
  assert.equal(next.status, 200);
});

test("the attempts run out: the last error is thrown", async () => {
  let attempts = 0;
  await assert.rejects(
    withRetry(
      async () => {
        attempts++;
        return errorForStatus(await fetch(`${base}/scenarios/empty-503`));
      },
      { maxAttempts: 3, initialDelayMs: 1 },
    ),
    (error) => error.status === 503 && error.decodeError.kind === "Empty",
  );
  assert.equal(attempts, 3);
});

test("a timed-out attempt is retried; an aborted run stops", async () => {
  let attempts = 0;
  await assert.rejects(
    withRetry(
      async () => {
        attempts++;
        return errorForStatus(await fetch(`${base}/scenarios/slow?ms=2000`, { signal: AbortSignal.timeout(50) }));
      },
      { maxAttempts: 2, initialDelayMs: 1 },
    ),
    (error) => error.name === "TimeoutError",
  );
  assert.equal(attempts, 2);

  const controller = new AbortController();
  const run = withRetry(
    async () => errorForStatus(await fetch(`${base}/scenarios/empty-503`)),
    { signal: controller.signal, initialDelayMs: 5000, jitter: "none" },
  );
  setTimeout(() => controller.abort(new Error("stopped")), 100);
  await assert.rejects(run, /stopped/);
});
