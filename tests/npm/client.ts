// How a TypeScript client uses the installed package; scripts/check-npm-package.sh
// type-checks it under `tsc --strict` (moduleResolution bundler and node16).
import {
  DEFAULT_BODY_LIMIT,
  LUXXON_ERROR_CODES,
  LUXXON_ERROR_FAMILY,
  LUXXON_ERROR_RETRYABLE,
  LUXXON_ERROR_STATUS,
  LuxxonHttpError,
  decodeLuxxonError,
  errorForStatus,
  isKnownLuxxonErrorCode,
  isRetryable,
  retryAfterMs,
  withRetry,
  type DecodeErrorKind,
  type KnownLuxxonErrorCode,
  type LuxxonError,
  type LuxxonErrorCode,
  type LuxxonErrorFamily,
} from "@luxxon/errors";

// Known codes keep their literal types through the tables.
const notFound: 404 = LUXXON_ERROR_STATUS.NOT_FOUND;
const family: "not_found" = LUXXON_ERROR_FAMILY.NOT_FOUND;
const retryable: true = LUXXON_ERROR_RETRYABLE.UNAVAILABLE;
const limit: 65536 = DEFAULT_BODY_LIMIT;
const every: readonly KnownLuxxonErrorCode[] = LUXXON_ERROR_CODES;

// @ts-expect-error the tables have exactly the known codes
LUXXON_ERROR_STATUS.A_CODE_FROM_THE_FUTURE;

// A code added later is still a `LuxxonErrorCode`.
const later: LuxxonErrorCode = "A_CODE_FROM_THE_FUTURE";

export function describe(body: string | Uint8Array | ArrayBuffer, status: number): string {
  const decoded = decodeLuxxonError(body);
  if (!decoded.ok) {
    const kind: DecodeErrorKind = decoded.kind;
    return `not an envelope (${kind}${decoded.member === undefined ? "" : `, ${decoded.member}`}): ${decoded.body}`;
  }
  const error: LuxxonError = decoded.error;
  if (isKnownLuxxonErrorCode(error.code)) {
    const known: KnownLuxxonErrorCode = error.code;
    const fam: LuxxonErrorFamily = LUXXON_ERROR_FAMILY[known];
    return `${known} (${fam})${isRetryable(status, error) ? ", retryable" : ""}`;
  }
  return `unknown code ${error.code}`;
}

export async function liveView(url: string): Promise<unknown> {
  try {
    const response = await withRetry(
      async (_attempt, signal) => errorForStatus(await fetch(url, signal ? { signal } : {})),
      {
        maxAttempts: 3,
        jitter: "equal",
        signal: AbortSignal.timeout(60_000),
        onRetry: ({ attempt, delayMs }) => console.warn(attempt, delayMs),
      },
    );
    return await response.json();
  } catch (err) {
    if (!(err instanceof LuxxonHttpError)) throw err;
    const wait: number | undefined = err.retryAfterMs ?? retryAfterMs(new Headers(), Date.now());
    switch (err.code) {
      case "NO_COVERAGE":
        return `widen the zone, or wait ${wait ?? 0} ms`;
      case "INSUFFICIENT_CREDIT":
        return "top up";
      case undefined:
        return `not an envelope: ${err.decodeError?.kind} ${err.body}`;
      default:
        return `luxxon: ${err.message} (request ${err.requestId ?? "?"}, status ${err.status})`;
    }
  }
}

// Without a signal, as the README shows.
export const plain = (url: string) => withRetry(async () => errorForStatus(await fetch(url)));

export const used = [notFound, family, retryable, limit, every, later];
