// Measures the npm package's decoder against JSON.parse alone on the Errors page's example
// envelope, side by side in one run, and the package's size. Not a test: timings depend on
// the machine. Run from the repository root:
//
//   node scripts/bench-ts-decode.mjs [path/to/index.js]
//
// Each round times every contender over the same number of calls, in turn; the medians
// of the rounds are reported, with each ratio computed round by round.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const target = process.argv[2] ?? "generated/npm/index.js";
const { decodeLuxxonError } = await import(pathToFileURL(target).href);

// The page's example as the API sends it (compact), and as the page shows it (pretty).
const example = {
  statusCode: 403,
  code: "NOT_AUTHORIZED",
  message: "Not authorized for this operation",
  detail: "session:viewDenied",
  timestamp: "2026-05-13T08:30:00Z",
};
const compact = JSON.stringify(example);
const pretty = JSON.stringify(example, null, 2);
const compactBytes = new TextEncoder().encode(compact);
// As `luxxon-errors serve` and servers built on the Rust crate answer: with a request id.
const withId = JSON.stringify({ ...example, requestId: "4f1c9e2a-77d0-4c1b-9a5e-0f6f2d1c3b8a" });
const utf8 = new TextDecoder();

const ROUNDS = 15;
const CALLS = 200_000;
let sink = 0;

function time(run) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) sink += run() === undefined ? 0 : 1;
  return Number(process.hrtime.bigint() - start) / CALLS;
}

const contenders = {
  "JSON.parse, compact": () => JSON.parse(compact),
  "decodeLuxxonError, compact": () => decodeLuxxonError(compact),
  "JSON.parse, pretty": () => JSON.parse(pretty),
  "decodeLuxxonError, pretty": () => decodeLuxxonError(pretty),
  "JSON.parse, with requestId": () => JSON.parse(withId),
  "decodeLuxxonError, with requestId": () => decodeLuxxonError(withId),
  "TextDecoder + JSON.parse, bytes": () => JSON.parse(utf8.decode(compactBytes)),
  "decodeLuxxonError, bytes": () => decodeLuxxonError(compactBytes),
};
const ratios = {
  "compact text": ["decodeLuxxonError, compact", "JSON.parse, compact"],
  "pretty text": ["decodeLuxxonError, pretty", "JSON.parse, pretty"],
  "text with requestId": ["decodeLuxxonError, with requestId", "JSON.parse, with requestId"],
  "compact bytes": ["decodeLuxxonError, bytes", "TextDecoder + JSON.parse, bytes"],
};

// Warm up, so that every contender runs optimized code.
for (const run of Object.values(contenders)) for (let i = 0; i < 3; i++) time(run);
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
const ratioSamples = Object.fromEntries(Object.keys(ratios).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const times = {};
  for (const [name, run] of Object.entries(contenders)) {
    times[name] = time(run);
    samples[name].push(times[name]);
  }
  for (const [name, [ours, theirs]] of Object.entries(ratios)) ratioSamples[name].push(times[ours] / times[theirs]);
}
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`node ${process.version}, ${ROUNDS} rounds of ${CALLS} calls; medians`);
for (const [name, values] of Object.entries(samples)) console.log(`${name.padEnd(34)} ${median(values).toFixed(0).padStart(6)} ns`);
for (const [name, values] of Object.entries(ratioSamples)) {
  console.log(`ratio, ${name.padEnd(27)} ${median(values).toFixed(2).padStart(6)}x`);
}
const js = readFileSync(target);
const tables = js.toString().split("\nexport const DEFAULT_BODY_LIMIT")[0];
console.log(`index.js: ${js.length} bytes (${gzipSync(js, { level: 9 }).length} gzipped); the catalog's tables ${Buffer.byteLength(tables)} bytes`);
if (sink === 0) console.log("");
