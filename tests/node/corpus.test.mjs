// Every body of the Rust wire corpus (tests/fixtures/bodies/) decodes to the outcome its
// expected.txt declares, as the Rust crate's wire_corpus test checks.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import test from "node:test";

import { fixtures, pkg } from "./support.mjs";

const { decodeLuxxonError } = pkg;
const dir = `${fixtures}bodies/`;
const KINDS = { ok: null, "not-json": "NotJson", empty: "Empty", truncated: "Truncated", "not-an-envelope": "NotAnEnvelope" };

const expected = new Map();
for (const line of readFileSync(`${dir}expected.txt`, "utf8").split("\n")) {
  if (line.trim() === "" || line.startsWith("#")) continue;
  const [file, outcome, member] = line.trim().split(/\s+/);
  expected.set(file, { kind: KINDS[outcome], member: member ?? null });
}

test("every body has an expected outcome", () => {
  const files = readdirSync(dir).filter((name) => name !== "expected.txt" && !name.startsWith("."));
  assert.deepEqual(files.sort(), [...expected.keys()].sort());
  assert.ok(files.length >= 50);
});

for (const [file, want] of expected) {
  test(file, () => {
    const bytes = new Uint8Array(readFileSync(dir + file));
    const decoded = decodeLuxxonError(bytes);
    assert.deepEqual(
      { kind: decoded.ok ? null : decoded.kind, member: decoded.ok ? null : (decoded.member ?? null) },
      want,
    );
    if (decoded.ok) {
      // Every member received is kept, with its value.
      const text = new TextDecoder().decode(bytes);
      assert.deepEqual(decoded.error, JSON.parse(text));
    } else {
      // The body as received.
      assert.equal(decoded.body, new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
      assert.equal("json" in decoded, decoded.kind === "NotAnEnvelope");
    }
  });
}
