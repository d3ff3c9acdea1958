// A bounded load loop: N GETs of /errors/{CODE} (the codes in turn) over C keep-alive
// connections; prints requests per second and whether each answer had the code's status.
// Usage: node load.mjs BASE_URL CODES_FILE N C
import http from "node:http";
import { readFileSync } from "node:fs";

const [base, codesFile, n, c] = process.argv.slice(2);
const total = Number(n);
const concurrency = Number(c);
const codes = readFileSync(codesFile, "utf8").trim().split("\n").map((line) => line.split(" "));
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const url = new URL(base);

function get(path) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: url.hostname, port: url.port, path, agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

let next = 0;
let wrong = 0;
async function worker() {
  while (next < total) {
    const [code, status] = codes[next++ % codes.length];
    if ((await get(`/errors/${code}`)) !== Number(status)) wrong++;
  }
}
// Warm-up, not measured.
for (const [code] of codes) await get(`/errors/${code}`);
const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ requests: total, seconds: +seconds.toFixed(3), rps: Math.round(total / seconds), wrong_status: wrong }));
agent.destroy();
