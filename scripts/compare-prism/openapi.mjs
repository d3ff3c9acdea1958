// Writes an OpenAPI document for Prism: one path per code of the generated components
// fragment, `/errors/{CODE}` answering the code's status and envelope, as
// `luxxon-errors serve` does. Usage: node openapi.mjs FRAGMENT OUT
import { readFileSync, writeFileSync } from "node:fs";

const [fragmentPath, out] = process.argv.slice(2);
const fragment = readFileSync(fragmentPath, "utf8");
const codes = [...fragment.matchAll(/- const: "([A-Z0-9_]+)"\n\s+description: .*\n\s+x-status: (\d+)/g)]
  .map(([, code, status]) => ({ code, status }));
if (codes.length === 0) throw new Error(`no codes found in ${fragmentPath}`);
let doc = `openapi: 3.1.0\ninfo:\n  title: Luxxon errors (mock comparison)\n  version: 0.0.0\npaths:\n`;
for (const { code, status } of codes) {
  doc += `  /errors/${code}:\n    get:\n      responses:\n        "${status}":\n          description: ${code}\n`;
  doc += `          content:\n            application/json:\n              schema:\n                $ref: "#/components/schemas/LuxxonError"\n`;
  doc += `              example:\n                statusCode: ${status}\n                code: ${code}\n                message: ${code}\n                timestamp: "2026-01-01T00:00:00Z"\n`;
}
// The fragment begins with comments and `components:`, which completes the document.
writeFileSync(out, doc + fragment);
writeFileSync(out + ".codes", codes.map(({ code, status }) => `${code} ${status}`).join("\n") + "\n");
