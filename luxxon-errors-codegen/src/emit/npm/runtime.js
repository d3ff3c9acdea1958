// The client runtime: the same decoder, retry rule and `Retry-After` reading as the Rust
// crate `luxxon-errors`, held to it by tests/fixtures/client-vectors.json.

// At most this many bytes of an error body are kept (64 KiB), as in the Rust crate.
export const DEFAULT_BODY_LIMIT = 65536;
// The statuses that say "try again later" whatever the body.
export const RETRYABLE_STATUSES = Object.freeze([408, 425, 429, 502, 503, 504]);
// The response header that carries the request id.
export const REQUEST_ID_HEADER = "x-request-id";
// The envelope member that carries the request id.
export const REQUEST_ID_MEMBER = "requestId";
// The defaults of `withRetry`, those of the Rust crate's `RetryPolicy`.
export const RETRY_DEFAULTS = Object.freeze({
  maxAttempts: 4,
  initialDelayMs: 100,
  maxDelayMs: 10000,
  maxElapsedMs: 30000,
  jitter: "full",
});

// serde_json refuses the 128th level of nesting.
const MAX_DEPTH = 127;
const REQUIRED = ["statusCode", "code", "message", "timestamp"];
const strict = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8", { ignoreBOM: true });
const hasOwn = Object.prototype.hasOwnProperty;

export function isKnownLuxxonErrorCode(code) {
  return typeof code === "string" && hasOwn.call(LUXXON_ERROR_STATUS, code);
}

export function isRetryableStatus(status) {
  return RETRYABLE_STATUSES.includes(status);
}

export function isRetryable(status, error) {
  const code = error == null ? undefined : error.code;
  return isKnownLuxxonErrorCode(code) ? LUXXON_ERROR_RETRYABLE[code] : isRetryableStatus(status);
}

export function decodeLuxxonError(body, options) {
  const limit = options?.limit ?? DEFAULT_BODY_LIMIT;
  if (typeof body === "string") {
    if (body.length * 3 > limit && utf8Length(body) > limit) {
      return tooLarge(lossy.decode(new TextEncoder().encode(body).subarray(0, limit)));
    }
    const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
    if (!wellFormed(text)) return slow(wtf8(body), body);
    return decodeText(text, body, undefined);
  }
  let bytes;
  try {
    bytes = asBytes(body);
  } catch {
    return fail("NotJson", "", "the body is not a string, Uint8Array or ArrayBuffer");
  }
  if (bytes.length > limit) return tooLarge(lossy.decode(bytes.subarray(0, limit)));
  let text;
  try {
    text = strict.decode(bytes);
  } catch {
    return slow(bytes);
  }
  return decodeText(text, body, bytes);
}

// `text`, well-formed and without its byte order mark, read from `body`.
function decodeText(text, body, bytes) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return slow(bytes ?? wtf8(body), body);
  }
  if (SERVED.test(text) && value.statusCode <= 65535 && plainTimestamp(value.timestamp)) {
    return { ok: true, error: value };
  }
  const backslash = text.indexOf("\\") !== -1;
  if (value !== null && typeof value === "object" && !backslash && !Array.isArray(value) && plainEnvelope(text, value)) {
    return { ok: true, error: value };
  }
  const escapes = backslash && text.indexOf("\\u") !== -1;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    if (!valid(value, 0, escapes)) return notJson(body, bytes);
    return notEnvelope(body, bytes, undefined, ENVELOPE, value);
  }
  return envelope(text, value, escapes, body, bytes);
}

// RFC 3339 as the Rust crate reads it (the `time` crate): any one ASCII character between
// the date and the time, any number of digits of a fraction, a leap second only where
// one may fall (the last second of a month, in UTC).
const RFC3339_SOURCE =
  "\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])[\\x00-\\x7f](?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d+)?(?:[Zz]|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)";
const RFC3339 = new RegExp(`^${RFC3339_SOURCE}$`);

// An envelope as servers built on the Rust crate write it: compact, its members in their
// order, a request id, no backslash. The expression reads every member, so that none can
// be sent twice, and the timestamp's shape; only the status's range and the length of
// the month are left.
const STRING = '"[^"\\\\]*"';
const SERVED = new RegExp(
  `^\\{"statusCode":(?:0|[1-9]\\d{0,4}),"code":${STRING},"message":${STRING}(?:,"detail":(?:${STRING}|null))?,"timestamp":"${RFC3339_SOURCE}"(?:,"requestId":${STRING})?\\}$`,
);

// A timestamp of the right shape: whether its day is in its month (and a leap second at
// the end of one).
function plainTimestamp(text) {
  return (two(text, 8) < 29 && two(text, 17) !== 60) || isRfc3339(text);
}

// The usual body: strings, `null` and a `statusCode`, without a backslash. Each string
// then reads as it is written, so the text is as long as its members add up to, plus its
// whitespace (outside strings, where a space is the only one that can be), and plus any
// member sent twice (JSON.parse keeps only the last): when the lengths agree, no member
// was. `true` for an envelope; `undefined` to read the body member by member.
function plainEnvelope(text, value) {
  const { statusCode, code, message, detail, timestamp } = value;
  if (typeof statusCode !== "number" || typeof code !== "string" || typeof message !== "string") return undefined;
  if (typeof timestamp !== "string" || !isRfc3339(timestamp) || statusCode > 65535) return undefined;
  // Each member is its name and value, two quotes, a colon and a comma (or the brace).
  let length = 1 + 14 + 8 + code.length + 2 + 11 + message.length + 2 + 13 + timestamp.length + 2;
  let own = 4;
  if (detail !== undefined) {
    if (detail === null) length += 14;
    else if (typeof detail === "string") length += 12 + detail.length;
    else return undefined;
    own = 5;
  }
  // Where servers put it, or anywhere: without a backslash, a quoted name is a name.
  const key = text.slice(1, 13) === '"statusCode"' ? 1 : text.indexOf('"statusCode"');
  if (key < 0) return undefined;
  const start = space(text, space(text, key + 12) + 1);
  const digits = integerLength(text, start);
  const after = text.charCodeAt(space(text, start + digits));
  if (digits === 0 || digits > 5 || (after !== 44 && after !== 125)) return undefined;
  length += digits;
  if (length === text.length) return true;
  if (length > text.length) return undefined;
  // Other members, or whitespace.
  const names = Object.keys(value);
  if (names.length > own) {
    for (const name of names) {
      if (name === "statusCode" || name === "code" || name === "message" || name === "detail" || name === "timestamp") continue;
      const item = value[name];
      if (typeof item === "string") length += item.length + 2;
      else if (item === null || item === true) length += 4;
      else if (item === false) length += 5;
      else return undefined;
      length += name.length + 4;
    }
    if (length === text.length) return true;
  }
  // Whitespace outside strings: with no backslash, each quote opens or closes one.
  let whitespace = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 34) inString = !inString;
    else if (!inString && (c === 32 || c === 10 || c === 13 || c === 9)) whitespace++;
  }
  return text.length - length === whitespace ? true : undefined;
}

// How many digits from `at` spell an integer as JSON writes it (no leading zero).
function integerLength(text, at) {
  let end = at;
  while (end - at < 6 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  return end - at > 1 && text.charCodeAt(at) === 48 ? 0 : end - at;
}

const ENVELOPE =
  "expected a Luxxon error envelope (an object with statusCode, code, message and timestamp)";

// An object that JSON.parse read; its members are read again from the text, in order,
// for what JSON.parse does not keep: members sent twice, and how `statusCode` is written.
function envelope(text, value, escapes, body, bytes) {
  const spans = [];
  members(text, spans);
  const count = spans.length / 4;
  const twice = Object.keys(value).length !== count;
  let fault;
  let member;
  let seen = 0;
  let extras;
  for (let at = 0; at < spans.length; at += 4) {
    const name = memberName(text, spans[at], spans[at + 1]);
    const item = twice ? JSON.parse(text.slice(spans[at + 2], spans[at + 3])) : value[name];
    if (escapes && !wellFormed(name)) return notJson(body, bytes);
    if (!valid(item, 1, escapes)) return notJson(body, bytes);
    if (fault !== undefined) continue;
    const own = OWN.indexOf(name);
    if (own === -1) {
      if (twice) (extras ??= []).push(name);
      continue;
    }
    if (seen & (1 << own)) {
      [fault, member] = [`duplicate member \`${name}\``, name];
      continue;
    }
    seen |= 1 << own;
    const wrong = ownProblem(own, item, text, spans[at + 2], spans[at + 3]);
    if (wrong !== undefined) [fault, member] = [`invalid member \`${name}\`: ${wrong}`, name];
  }
  if (fault === undefined && extras !== undefined) {
    member = firstDuplicate(extras);
    if (member !== undefined) fault = `duplicate member \`${member}\``;
  }
  if (fault === undefined) {
    member = REQUIRED.find((name) => !(seen & (1 << OWN.indexOf(name))));
    if (member !== undefined) fault = `missing member \`${member}\``;
  }
  if (fault !== undefined) return notEnvelope(body, bytes, member, fault, value);
  return { ok: true, error: value };
}

const OWN = ["statusCode", "code", "message", "detail", "timestamp"];

function ownProblem(own, value, text, start, end) {
  switch (own) {
    case 0:
      return statusCodeWritten(text, start, end) && value <= 65535
        ? undefined
        : `expected an integer from 0 to 65535, found ${found(value)}`;
    case 3:
      return value === null || typeof value === "string"
        ? undefined
        : `expected a string or null, found ${found(value)}`;
    case 4:
      if (typeof value !== "string") {
        return `expected an RFC 3339 date-time string, found ${found(value)}`;
      }
      return isRfc3339(value) ? undefined : `expected an RFC 3339 date-time string, found ${found(value)}`;
    default:
      return typeof value === "string" ? undefined : `expected a string, found ${found(value)}`;
  }
}

// As JSON writes an unsigned integer: no sign, fraction, exponent or leading zero.
function statusCodeWritten(text, start, end) {
  if (end - start > 5 || (text.charCodeAt(start) === 48 && end - start > 1)) return false;
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c < 48 || c > 57) return false;
  }
  return end > start;
}

function found(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value)}`;
    case "object": {
      const count = Object.keys(value).length;
      return `an object of ${count} member${count === 1 ? "" : "s"}`;
    }
    case "boolean":
      return `the boolean ${value}`;
    default:
      return `the number ${value}`;
  }
}

// What serde_json reads as a value and JSON.parse does too, but serde_json refuses: a
// lone surrogate escape, a number beyond a double, nesting deeper than 127.
function valid(value, depth, escapes) {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value);
    case "string":
      return !escapes || wellFormed(value);
    case "object": {
      if (value === null) return true;
      if (depth + 1 > MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (const item of value) if (!valid(item, depth + 1, escapes)) return false;
        return true;
      }
      for (const key of Object.keys(value)) {
        if (escapes && !wellFormed(key)) return false;
        if (!valid(value[key], depth + 1, escapes)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

// As the Rust crate picks the member sent twice it names: the first in order among 16
// extra members or fewer, the least by code point among more.
function firstDuplicate(names) {
  if (names.length <= 16) {
    return names.find((name, at) => names.indexOf(name, at + 1) !== -1);
  }
  const sorted = names.slice().sort(byCodePoint);
  return sorted.find((name, at) => sorted[at + 1] === name);
}

function byCodePoint(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let at = 0; at < Math.min(x.length, y.length); at++) if (x[at] !== y[at]) return x[at] - y[at];
  return x.length - y.length;
}

function memberName(text, start, end) {
  const raw = text.slice(start, end);
  return raw.indexOf("\\") === -1 ? raw : JSON.parse(text.slice(start - 1, end + 1));
}

// The members of the top-level object of `text`, which is valid JSON: for each, where its
// name (inside the quotes) and its value are.
function members(text, spans) {
  let at = space(text, text.indexOf("{") + 1);
  if (text.charCodeAt(at) === 125) return;
  for (;;) {
    const nameEnd = stringEnd(text, at + 1);
    const valueStart = space(text, space(text, nameEnd + 1) + 1);
    const end = valueEnd(text, valueStart);
    spans.push(at + 1, nameEnd, valueStart, end);
    at = space(text, end);
    if (text.charCodeAt(at) === 125) return;
    at = space(text, at + 1);
  }
}

function space(text, at) {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return at;
    at++;
  }
}

// Where the string that starts after `at` ends: its closing quote.
function stringEnd(text, at) {
  for (;;) {
    const quote = text.indexOf('"', at);
    let before = quote - 1;
    while (text.charCodeAt(before) === 92) before--;
    if ((quote - before) % 2 === 1) return quote;
    at = quote + 1;
  }
}

function valueEnd(text, at) {
  const c = text.charCodeAt(at);
  if (c === 34) return stringEnd(text, at + 1) + 1;
  if (c === 123 || c === 91) {
    let depth = 0;
    for (;;) {
      const d = text.charCodeAt(at);
      if (d === 34) {
        at = stringEnd(text, at + 1) + 1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return at + 1;
      at++;
    }
  }
  for (;;) {
    const d = text.charCodeAt(at);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) return at;
    at++;
  }
}


function isRfc3339(text) {
  if (!RFC3339.test(text)) return false;
  const day = two(text, 8);
  const second = two(text, 17);
  if (day < 29 && second !== 60) return true;
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  if (day > daysIn(year, month)) return false;
  if (second !== 60) return true;
  // The stand-in 23:59:59.999999999 must be the last instant of a month, in UTC.
  const n = text.length;
  const sign = text.charCodeAt(n - 6);
  const offset = sign === 43 || sign === 45 ? (sign === 45 ? -1 : 1) * (two(text, n - 5) * 60 + two(text, n - 2)) : 0;
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(two(text, 11), two(text, 14) - offset, 59, 0);
  return (
    instant.getUTCHours() === 23 &&
    instant.getUTCMinutes() === 59 &&
    instant.getUTCDate() === daysIn(instant.getUTCFullYear(), instant.getUTCMonth() + 1)
  );
}

// The two digits at `at`, known to be digits.
function two(text, at) {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

function daysIn(year, month) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const WELL_FORMED = typeof "".isWellFormed === "function";

function wellFormed(text) {
  if (WELL_FORMED) return text.isWellFormed();
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

function asBytes(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("not a body");
}

function utf8Length(text) {
  let length = 0;
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      at++;
    } else length += 3;
  }
  return length;
}

// UTF-8, with a lone surrogate written as the three bytes UTF-8 refuses (WTF-8), so that
// the checker below treats it as the invalid text it would be on the wire.
function wtf8(text) {
  const out = new Uint8Array(utf8Length(text));
  let length = 0;
  for (let at = 0; at < text.length; at++) {
    let c = text.charCodeAt(at);
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++at) - 0xdc00);
      out[length++] = 0xf0 | (c >> 18);
      out[length++] = 0x80 | ((c >> 12) & 0x3f);
      out[length++] = 0x80 | ((c >> 6) & 0x3f);
    } else if (c >= 0x800) {
      out[length++] = 0xe0 | (c >> 12);
      out[length++] = 0x80 | ((c >> 6) & 0x3f);
    } else if (c >= 0x80) {
      out[length++] = 0xc0 | (c >> 6);
    } else {
      out[length++] = c;
      continue;
    }
    out[length++] = 0x80 | (c & 0x3f);
  }
  return out;
}

function fail(kind, body, message, member, json) {
  const failure = { ok: false, kind, body, message };
  if (member !== undefined) failure.member = member;
  if (json !== undefined) failure.json = json;
  return failure;
}

function text(body, bytes) {
  return typeof body === "string" ? body : lossy.decode(bytes ?? asBytes(body));
}

function tooLarge(kept) {
  return fail("TooLarge", kept, "the body is over the limit, cut there: it was not decoded");
}

function notJson(body, bytes) {
  return fail("NotJson", text(body, bytes), "the body is not JSON");
}

function notEnvelope(body, bytes, member, message, json) {
  return fail("NotAnEnvelope", text(body, bytes), message, member, json);
}

// A body that JSON.parse refused: what serde_json reports first for it (as the Rust crate
// does), read from its bytes.
function slow(bytes, body) {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const start = at;
  const n = bytes.length;
  const kept = body === undefined ? lossy.decode(bytes) : typeof body === "string" ? body : text(body);
  const EOF = 1;
  const SYNTAX = 2;
  const ws = () => {
    while (at < n) {
      const c = bytes[at];
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return c;
      at++;
    }
    return -1;
  };
  const string = () => {
    // after the opening quote
    const open = at;
    for (;;) {
      if (at >= n) return EOF;
      const c = bytes[at];
      if (c === 34) {
        try {
          strict.decode(bytes.subarray(open, at));
        } catch {
          return SYNTAX;
        }
        at++;
        return 0;
      }
      if (c < 0x20) return SYNTAX;
      at++;
      if (c !== 92) continue;
      if (at >= n) return EOF;
      const e = bytes[at++];
      if (e === 117) {
        const first = hex();
        if (first < 0) return -first;
        if (first >= 0xdc00 && first <= 0xdfff) return SYNTAX;
        if (first >= 0xd800 && first <= 0xdbff) {
          if (at >= n) return EOF;
          if (bytes[at++] !== 92) return SYNTAX;
          if (at >= n) return EOF;
          if (bytes[at++] !== 117) return SYNTAX;
          const second = hex();
          if (second < 0) return -second;
          if (second < 0xdc00 || second > 0xdfff) return SYNTAX;
        }
      } else if (!"\"\\/bfnrt".includes(String.fromCharCode(e))) {
        return SYNTAX;
      }
    }
  };
  const hex = () => {
    if (at + 4 > n) return -EOF;
    const digits = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    at += 4;
    return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : -SYNTAX;
  };
  const isDigit = (c) => c >= 48 && c <= 57;
  const number = () => {
    const from = at;
    if (bytes[at] === 45) at++;
    if (at >= n) return EOF;
    if (bytes[at] === 48) {
      at++;
      if (isDigit(bytes[at])) return SYNTAX;
    } else if (isDigit(bytes[at])) {
      while (isDigit(bytes[at])) at++;
    } else return SYNTAX;
    if (bytes[at] === 46) {
      at++;
      if (!isDigit(bytes[at])) return at >= n ? EOF : SYNTAX;
      while (isDigit(bytes[at])) at++;
    }
    if (bytes[at] === 101 || bytes[at] === 69) {
      at++;
      if (bytes[at] === 43 || bytes[at] === 45) at++;
      if (at >= n) return EOF;
      if (!isDigit(bytes[at])) return SYNTAX;
      while (isDigit(bytes[at])) at++;
    }
    return Number.isFinite(Number(lossy.decode(bytes.subarray(from, at)))) ? 0 : SYNTAX;
  };
  const ident = (word) => {
    for (let i = 0; i < word.length; i++) {
      if (at >= n) return EOF;
      if (bytes[at++] !== word.charCodeAt(i)) return SYNTAX;
    }
    return 0;
  };
  const value = (depth) => {
    const c = ws();
    if (c < 0) return EOF;
    if (c === 110) return (at++, ident("ull"));
    if (c === 116) return (at++, ident("rue"));
    if (c === 102) return (at++, ident("alse"));
    if (c === 45 || isDigit(c)) return number();
    if (c === 34) return (at++, string());
    if (c !== 91 && c !== 123) return SYNTAX;
    if (depth + 1 > MAX_DEPTH) return SYNTAX;
    at++;
    const close = c === 91 ? 93 : 125;
    for (let first = true; ; first = false) {
      let d = ws();
      if (d < 0) return EOF;
      if (d === close) {
        at++;
        return 0;
      }
      if (!first) {
        if (d !== 44) return SYNTAX;
        at++;
        d = ws();
        if (d < 0) return EOF;
        if (d === close) return SYNTAX;
      }
      if (close === 125) {
        if (d !== 34) return SYNTAX;
        at++;
        const key = string();
        if (key) return key;
        const colon = ws();
        if (colon < 0) return EOF;
        if (colon !== 58) return SYNTAX;
        at++;
      }
      const item = value(depth + 1);
      if (item) return item;
    }
  };
  let error = value(0);
  if (!error && ws() >= 0) error = SYNTAX;
  if (error === EOF) {
    let blank = true;
    for (let i = start; i < n && blank; i++) blank = [32, 10, 13, 9].includes(bytes[i]);
    return fail(blank ? "Empty" : "Truncated", kept, blank ? "the body is empty" : "the body is truncated");
  }
  return fail("NotJson", kept, "the body is not JSON");
}

const SHORT_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const LONG_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// u64::MAX seconds, where the Rust crate saturates.
const MAX_DELAY_SECONDS = 18446744073709551615;
const HTTP_DATE =
  /^(?:([a-z]{3}), (\d\d) ([a-z]{3}) (\d{4}) (\d\d):(\d\d):(\d\d) gmt|([a-z]{6,9}), (\d\d)-([a-z]{3})-(\d\d) (\d\d):(\d\d):(\d\d) gmt|([a-z]{3}) ([a-z]{3}) (?: (\d)|(\d\d)) (\d\d):(\d\d):(\d\d) (\d{4}))$/;

export function retryAfterMs(headers, now) {
  const value = header(headers, "retry-after");
  if (value === undefined) return undefined;
  const at = now === undefined ? Date.now() : +now;
  const delay = parseRetryAfter(value, new Date(at).getUTCFullYear());
  if (delay === undefined) return undefined;
  return delay.seconds !== undefined ? delay.seconds * 1000 : Math.max(0, delay.date - at);
}

// `Retry-After` (RFC 9110): delay-seconds, or an HTTP-date in any of its three forms.
function parseRetryAfter(raw, currentYear) {
  const value = raw.replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, "");
  if (/^[0-9]+$/.test(value)) return { seconds: Math.min(Number(value), MAX_DELAY_SECONDS) };
  const m = HTTP_DATE.exec(value.toLowerCase());
  if (m === null) return undefined;
  let day;
  let month;
  let year;
  let time;
  if (m[1] !== undefined) {
    if (!SHORT_DAYS.includes(m[1])) return undefined;
    [day, month, year, time] = [+m[2], m[3], +m[4], m.slice(5, 8)];
  } else if (m[8] !== undefined) {
    if (!LONG_DAYS.includes(m[8])) return undefined;
    // RFC 9110: a two-digit year more than 50 years ahead is in the past century.
    year = currentYear - (((currentYear % 100) + 100) % 100) + +m[11];
    if (year > currentYear + 50) year -= 100;
    [day, month, time] = [+m[9], m[10], m.slice(12, 15)];
  } else {
    if (!SHORT_DAYS.includes(m[15])) return undefined;
    [day, month, year, time] = [+(m[17] ?? m[18]), m[16], +m[22], m.slice(19, 22)];
  }
  const monthIndex = MONTHS.indexOf(month);
  const [hour, minute, second] = time.map(Number);
  if (monthIndex < 0 || day < 1 || day > daysIn(year, monthIndex + 1)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  // A leap second is read as the second before it.
  date.setUTCHours(hour, minute, Math.min(second, 59), 0);
  return { date: date.getTime() };
}

// The first value of the header `name`: from a `Headers`, a list of pairs, or an object.
function header(headers, name) {
  if (headers == null) return undefined;
  if (typeof headers.get === "function") {
    const value = headers.get(name);
    return value === null || value === undefined ? undefined : String(value);
  }
  const pairs = typeof headers[Symbol.iterator] === "function" ? headers : Object.entries(headers);
  for (const [key, value] of pairs) {
    if (String(key).toLowerCase() !== name || value === undefined || value === null) continue;
    return Array.isArray(value) ? (value.length > 0 ? String(value[0]) : undefined) : String(value);
  }
  return undefined;
}

export class LuxxonHttpError extends Error {
  constructor(status, headers, body, options) {
    const decoded = decodeLuxxonError(body ?? "", options);
    const envelope = decoded.ok ? decoded.error : undefined;
    const contentType = header(headers, "content-type");
    const memberId = envelope?.[REQUEST_ID_MEMBER];
    const headerId = header(headers, REQUEST_ID_HEADER);
    const requestId = typeof memberId === "string" ? memberId : headerId || undefined;
    let message = `HTTP ${status}`;
    if (envelope !== undefined) {
      message += ` ${envelope.code}: ${envelope.message}`;
      if (typeof envelope.detail === "string") message += ` [${envelope.detail}]`;
    } else {
      message += `: ${decoded.message}`;
      if (contentType !== undefined) message += ` (${contentType})`;
    }
    if (requestId !== undefined) message += ` (request id ${requestId})`;
    super(message);
    this.name = "LuxxonHttpError";
    this.status = status;
    this.envelope = envelope;
    this.code = envelope?.code;
    this.retryable = isRetryable(status, envelope);
    const asked = retryAfterMs(headers);
    const catalog = this.retryable && this.code !== undefined ? LUXXON_ERROR_RETRY_AFTER[this.code] : undefined;
    this.retryAfterMs = asked ?? (typeof catalog === "number" ? catalog * 1000 : undefined);
    this.requestId = requestId;
    this.contentType = contentType;
    this.body = decoded.ok ? bodyText(body) : decoded.body;
    this.bodyTruncated = !decoded.ok && decoded.kind === "TooLarge";
    this.decodeError = decoded.ok ? undefined : decoded;
  }
}

function bodyText(body) {
  return typeof body === "string" ? body : lossy.decode(asBytes(body));
}

export async function errorForStatus(response, options) {
  if (response.ok) return response;
  const limit = options?.limit ?? DEFAULT_BODY_LIMIT;
  const body = await readAtMost(response, limit + 1);
  throw new LuxxonHttpError(response.status, response.headers, body, { limit });
}

// At most `most` bytes of the body; past that the stream is cancelled, so that a huge or
// endless error body costs no more than the limit.
async function readAtMost(response, most) {
  const stream = response.body;
  if (stream == null || typeof stream.getReader !== "function") {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.length > most ? bytes.slice(0, most) : bytes;
  }
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  try {
    while (size < most) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    if (size >= most) reader.cancel().catch(() => {});
    else reader.releaseLock();
  }
  const bytes = new Uint8Array(Math.min(size, most));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

const CONNECT_FAILURES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function isRetryableError(error) {
  if (error == null || typeof error !== "object") return false;
  if (typeof error.retryable === "boolean") return error.retryable;
  if (error.name === "TimeoutError") return true;
  const code = error.cause?.code ?? error.code;
  return error instanceof TypeError && CONNECT_FAILURES.has(code);
}

export async function withRetry(attempt, options = {}) {
  const maxAttempts = Math.max(1, options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts);
  const initialDelayMs = options.initialDelayMs ?? RETRY_DEFAULTS.initialDelayMs;
  const maxDelayMs = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const maxElapsedMs = options.maxElapsedMs ?? RETRY_DEFAULTS.maxElapsedMs;
  const jitter = options.jitter ?? RETRY_DEFAULTS.jitter;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? sleepFor;
  const now = options.now ?? (() => globalThis.performance?.now() ?? Date.now());
  const retryable = options.isRetryable ?? isRetryableError;
  const signal = options.signal;
  const start = now();
  for (let number = 1; ; number++) {
    stopIfAborted(signal);
    let error;
    try {
      return await attempt(number, signal);
    } catch (caught) {
      error = caught;
    }
    stopIfAborted(signal);
    if (number >= maxAttempts || !retryable(error)) throw error;
    const backoff = Math.min(initialDelayMs * 2 ** (number - 1), maxDelayMs);
    const drawn =
      jitter === "none" ? backoff : jitter === "equal" ? backoff / 2 + random() * (backoff / 2) : random() * backoff;
    const asked = error?.retryAfterMs;
    const wait = typeof asked === "number" && asked > drawn ? asked : drawn;
    if (now() - start + wait > maxElapsedMs) throw error;
    options.onRetry?.({ attempt: number, error, delayMs: wait });
    await sleep(wait, signal);
  }
}

function stopIfAborted(signal) {
  if (signal?.aborted) throw signal.reason ?? new Error("aborted");
}

// setTimeout fires at once past 2^31 - 1 ms: longer waits are slept in parts.
function sleepFor(ms, signal) {
  return new Promise((resolve, reject) => {
    let timer;
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error("aborted"));
    };
    const end = Date.now() + ms;
    const next = () => {
      const left = end - Date.now();
      if (left <= 0) {
        signal?.removeEventListener("abort", abort);
        resolve();
      } else timer = setTimeout(next, Math.min(left, 2147483647));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    timer = setTimeout(next, Math.min(ms, 2147483647));
  });
}
