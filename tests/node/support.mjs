// What the Node tests share: the package under test, and the fixtures the Rust tests read.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const fixtures = `${root}tests/fixtures/`;

// The package: generated/npm/, or the one LUXXON_ERRORS_PACKAGE names (an installed copy).
const target = process.env.LUXXON_ERRORS_PACKAGE
  ? pathToFileURL(process.env.LUXXON_ERRORS_PACKAGE).href
  : new URL("../../generated/npm/index.js", import.meta.url).href;
export const pkg = await import(target);

export function vectors() {
  return JSON.parse(readFileSync(`${fixtures}client-vectors.json`, "utf8"));
}

// A case's body as bytes, from whichever form the file gives it in.
export function body(testCase) {
  if (typeof testCase.body === "string") return new TextEncoder().encode(testCase.body);
  if (typeof testCase.bodyBase64 === "string") return new Uint8Array(Buffer.from(testCase.bodyBase64, "base64"));
  if (typeof testCase.bodyFile === "string") return new Uint8Array(readFileSync(`${fixtures}bodies/${testCase.bodyFile}`));
  return new TextEncoder().encode(testCase.bodyParts.map(([text, times]) => text.repeat(times)).join(""));
}
