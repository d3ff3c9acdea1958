// Reads a JSON array of hex-encoded bodies on stdin and writes, for each, what the npm
// package's decoder makes of it: [kind or null, member or null, code or null]. The Rust
// test client_vectors.rs compares that with the Rust decoder, body by body.
import { pkg } from "./support.mjs";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map((hex) => {
  const decoded = pkg.decodeLuxxonError(new Uint8Array(Buffer.from(hex, "hex")));
  return decoded.ok ? [null, null, decoded.error.code] : [decoded.kind, decoded.member ?? null, null];
});
process.stdout.write(JSON.stringify(out));
