// The catalog's JSON Schema as an editor uses it: yaml-language-server (the server behind
// VS Code's YAML support and most other editors') over stdio, finding the schema through
// the catalog's modeline, as it would for a person typing errors.yaml.
//
//   node --test tests/editor/
//
// The server is `target/npm/node_modules/.bin/yaml-language-server` (`.ci/run` installs
// it: `npm install --prefix target/npm yaml-language-server@1`), or the one
// `LUXXON_YAML_LANGUAGE_SERVER` names.

import { spawn } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const server =
  process.env.LUXXON_YAML_LANGUAGE_SERVER ??
  join(root, "target/npm/node_modules/.bin/yaml-language-server");
const schemaPath = join(root, "generated/schema/errors-yaml.schema.json");
const catalog = readFileSync(join(root, "errors.yaml"), "utf8");

// Long enough for a slow CI machine, short enough that a server that never answers fails
// the run instead of hanging it.
const TIMEOUT_MS = 30_000;

const settings = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    // The schema comes from the modeline alone; the server must not go looking online.
    schemaStore: { enable: false },
    schemas: {},
  },
  http: { proxy: "", proxyStrictSSL: false },
  "[yaml]": {},
  editor: { tabSize: 2 },
};

/** A minimal LSP client: Content-Length framed JSON-RPC over the server's stdio. */
class Client {
  constructor(command) {
    this.process = spawn(command, ["--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.stderr = "";
    this.process.stderr.on("data", (chunk) => (this.stderr += chunk));
    this.process.stdout.on("data", (chunk) => this.receive(chunk));
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin.write(body);
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString("utf8"));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const { resolve, reject } = this.pending.get(message.id);
      this.pending.delete(message.id);
      message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      this.send({ id: message.id, result: this.answer(message) });
    }
    for (const listener of [...this.listeners]) listener(message);
  }

  /** The answer to a request from the server. */
  answer(request) {
    if (request.method === "workspace/configuration") {
      return request.params.items.map((item) => settings[item.section] ?? null);
    }
    return null;
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ id, method, params });
    return within(
      new Promise((resolve, reject) => this.pending.set(id, { resolve, reject })),
      `an answer to ${method}`,
      this,
    );
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** The first message from the server that `matches`, from now on. */
  next(matches, what) {
    return within(
      new Promise((resolve) => {
        const listener = (message) => {
          if (matches(message)) {
            this.listeners.splice(this.listeners.indexOf(listener), 1);
            resolve(message);
          }
        };
        this.listeners.push(listener);
      }),
      what,
      this,
    );
  }
}

function within(promise, what, client) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms; server stderr:\n${client.stderr}`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

let client;
let version = 0;

before(async () => {
  assert.ok(
    existsSync(server),
    `${server} is missing: npm install --prefix target/npm yaml-language-server@1`,
  );
  client = new Client(server);
  await client.request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        publishDiagnostics: {},
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
    },
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "luxxon-errors" }],
  });
  client.notify("initialized", {});
  // Open documents only once the server has these settings, not its defaults.
  const configured = client.next((m) => m.method === "workspace/configuration", "a configuration request");
  client.notify("workspace/didChangeConfiguration", { settings });
  await configured;
});

after(async () => {
  if (!client) return;
  await client.request("shutdown", null).catch(() => {});
  client.notify("exit", null);
  client.process.kill();
});

/**
 * Opens `text` as a catalog in the repository's root folder, so that the modeline's
 * relative path finds the schema as it does for errors.yaml; the diagnostics it gets.
 */
async function open(name, text) {
  const uri = pathToFileURL(join(root, name)).href;
  const published = client.next(
    (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri,
    `diagnostics for ${name}`,
  );
  client.notify("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: ++version, text },
  });
  return { uri, diagnostics: (await published).params.diagnostics };
}

/** The 0-based line of the first line of `text` that `line` starts with. */
function lineOf(text, line) {
  const index = text.split("\n").findIndex((candidate) => candidate.startsWith(line));
  assert.ok(index >= 0, `no line starts with ${JSON.stringify(line)}`);
  return index;
}

test("the repository's catalog points at the schema and has no diagnostics", async () => {
  assert.match(
    catalog.split("\n")[0],
    /^# yaml-language-server: \$schema=generated\/schema\/errors-yaml\.schema\.json$/,
  );
  const { diagnostics } = await open("errors.yaml", catalog);
  assert.deepEqual(diagnostics, []);
});

test("a misspelt key and a quoted status are each reported where they are", async () => {
  // The first code's `meaning` misspelt, and its status quoted.
  const codes = catalog.indexOf("\ncodes:\n");
  const meaning = catalog.indexOf("    meaning:", codes);
  const status = catalog.indexOf("    status: ", codes);
  assert.ok(codes > 0 && status > codes && meaning > status);
  const statusLine = catalog.slice(status, catalog.indexOf("\n", status));
  const edited =
    catalog.slice(0, status) +
    statusLine.replace(/status: (\d+)/, 'status: "$1"') +
    catalog.slice(status + statusLine.length, meaning) +
    "    meening:" +
    catalog.slice(meaning + "    meaning:".length);

  const quotedLine = statusLine.replace(/status: (\d+)/, 'status: "$1"');
  const { diagnostics } = await open("errors-misspelt.yaml", edited);
  const on = (line) => diagnostics.filter((d) => d.range.start.line === line);
  const misspelt = on(lineOf(edited, "    meening:"));
  const quoted = on(lineOf(edited, quotedLine));
  assert.equal(misspelt.length, 1, JSON.stringify(diagnostics, null, 2));
  assert.match(misspelt[0].message, /meening/);
  assert.equal(quoted.length, 1, JSON.stringify(diagnostics, null, 2));
  assert.match(quoted[0].message, /whole number from 400 to 599/);
  // The key the misspelling leaves out is reported too, on the entry; nothing else is.
  const others = diagnostics.filter((d) => !misspelt.includes(d) && !quoted.includes(d));
  assert.equal(others.length, 1, JSON.stringify(diagnostics, null, 2));
  assert.match(others[0].message, /meaning/);
});

test("completion inside a code entry offers the code's keys", async () => {
  const lines = catalog.split("\n");
  const codes = lines.indexOf("codes:");
  // A new entry with its `code` written, and the cursor on the next line.
  lines.splice(codes + 1, 0, "  - code: NEW_CODE", "    ");
  const { uri } = await open("errors-completion.yaml", lines.join("\n"));
  const completion = await client.request("textDocument/completion", {
    textDocument: { uri },
    position: { line: codes + 2, character: 4 },
  });
  const labels = (Array.isArray(completion) ? completion : completion.items).map((item) => item.label);
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const keys = Object.keys(schema.properties.codes.items.properties).filter((key) => key !== "code");
  assert.ok(keys.includes("status") && keys.includes("meaning"));
  for (const key of keys) {
    assert.ok(labels.includes(key), `${key} is not offered: ${JSON.stringify(labels)}`);
  }
  assert.ok(!labels.includes("code"), "the key already written is not offered again");
});

test("hovering a key shows its description from the schema", async () => {
  const { uri } = await open("errors-hover.yaml", catalog);
  const line = lineOf(catalog, "    status: ");
  const hover = await client.request("textDocument/hover", {
    textDocument: { uri },
    position: { line, character: 6 },
  });
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const description = schema.properties.codes.items.properties.status.description;
  const shown = typeof hover.contents === "string" ? hover.contents : hover.contents.value;
  // The server renders the description as Markdown, escaping some characters.
  const words = (text) => text.replace(/[^A-Za-z0-9 ]/g, "").split(/\s+/).join(" ");
  assert.ok(words(shown).includes(words(description).slice(0, 60)), shown);
});
