// How a TypeScript client uses the generated module; `tests/tests/typescript.rs`
// type-checks it with `tsc --strict` against generated/ts/luxxon-errors.ts.

import {
  LUXXON_ERROR_CODES,
  LUXXON_ERROR_FAMILY,
  LUXXON_ERROR_RETRYABLE,
  LUXXON_ERROR_STATUS,
  isKnownLuxxonErrorCode,
  type KnownLuxxonErrorCode,
  type LuxxonError,
  type LuxxonErrorCode,
  type LuxxonErrorFamily,
} from "../../generated/ts/luxxon-errors";

// The envelope of the Errors page is a `LuxxonError`.
const example: LuxxonError = {
  statusCode: 403,
  code: "NOT_AUTHORIZED",
  message: "Not authorized for this operation",
  detail: "session:viewDenied",
  timestamp: "2026-05-13T08:30:00Z",
};

// Members added later, a null detail and codes added later are all accepted.
const fromTheFuture: LuxxonError = {
  statusCode: 418,
  code: "A_CODE_FROM_THE_FUTURE",
  message: "New",
  detail: null,
  timestamp: "2030-01-01T00:00:00Z",
  requestId: "req_123",
};

// @ts-expect-error a status is a number
const wrongStatus: LuxxonError = { ...example, statusCode: "403" };

// @ts-expect-error `message` is required
const missingMessage: LuxxonError = {
  statusCode: 403,
  code: "NOT_AUTHORIZED",
  timestamp: "2026-05-13T08:30:00Z",
};

// Known codes keep their literal types through the maps.
const notFound: 404 = LUXXON_ERROR_STATUS.NOT_FOUND;
const notFoundFamily: "not_found" = LUXXON_ERROR_FAMILY.NOT_FOUND;
const unavailableRetryable: true = LUXXON_ERROR_RETRYABLE.UNAVAILABLE;

// @ts-expect-error the maps have exactly the known codes
LUXXON_ERROR_STATUS.A_CODE_FROM_THE_FUTURE;

// @ts-expect-error a known code is one of the catalog's
const notACode: KnownLuxxonErrorCode = "A_CODE_FROM_THE_FUTURE";

function describe(e: LuxxonError): string {
  switch (e.code) {
    case "NO_COVERAGE":
      return "No operator in range. Try a wider zone or wait + retry.";
    case "INSUFFICIENT_CREDIT":
      return "Pool balance too low. Top up via the console.";
    default:
      break;
  }
  if (isKnownLuxxonErrorCode(e.code)) {
    // Narrowed: indexing the maps needs no cast.
    const status: number = LUXXON_ERROR_STATUS[e.code];
    const family: LuxxonErrorFamily = LUXXON_ERROR_FAMILY[e.code];
    const retry: boolean = LUXXON_ERROR_RETRYABLE[e.code];
    return `${e.code} (${status}, ${family}${retry ? ", retryable" : ""})`;
  }
  const unknown: LuxxonErrorCode = e.code;
  return `luxxon: unknown error ${unknown}: ${e.message}`;
}

const everyCode: readonly KnownLuxxonErrorCode[] = LUXXON_ERROR_CODES;

export const used = [
  example,
  fromTheFuture,
  wrongStatus,
  missingMessage,
  notFound,
  notFoundFamily,
  unavailableRetryable,
  notACode,
  describe(example),
  everyCode,
];
