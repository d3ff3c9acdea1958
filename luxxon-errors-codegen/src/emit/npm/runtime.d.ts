/** The most bytes of an error body that are kept and decoded: 64 KiB, as in the Rust crate. */
export declare const DEFAULT_BODY_LIMIT: 65536;

/**
 * The statuses that say "try again later" whatever the body: 408, 425, 429, 502, 503 and
 * 504. They decide for a code this package doesn't know and for a body that is not an
 * envelope.
 */
export declare const RETRYABLE_STATUSES: readonly [408, 425, 429, 502, 503, 504];

/** The response header that carries the request id: `x-request-id`. */
export declare const REQUEST_ID_HEADER: "x-request-id";

/** The envelope member that carries the request id: `requestId`, a string. */
export declare const REQUEST_ID_MEMBER: "requestId";

/** What `withRetry` does unless told otherwise; the Rust crate's `RetryPolicy` defaults. */
export declare const RETRY_DEFAULTS: {
  /** Attempts in all, the first included. */
  readonly maxAttempts: 4;
  /** The backoff before the first retry, doubled for each retry after it. */
  readonly initialDelayMs: 100;
  /** The largest backoff; a longer `Retry-After` is still honoured. */
  readonly maxDelayMs: 10000;
  /** No retry is waited for that would end later than this after the first attempt began. */
  readonly maxElapsedMs: 30000;
  /** Each wait is drawn from zero to the backoff. */
  readonly jitter: "full";
};

/**
 * Why a body is not an envelope, as the Rust crate's `DecodeErrorKind` says it:
 *
 * - `"Empty"`: empty, or only whitespace;
 * - `"NotJson"`: not JSON (a proxy's HTML page, invalid UTF-8, text after the value), or
 *   JSON the Rust decoder refuses too: a lone surrogate escape, a number beyond a double,
 *   nesting deeper than 127 levels;
 * - `"Truncated"`: ends in the middle of a JSON value;
 * - `"NotAnEnvelope"`: JSON, but not an object with `statusCode` (an integer from 0 to
 *   65535), `code`, `message` and `timestamp` (strings, the timestamp RFC 3339), an
 *   optional `detail` (a string or null), each once;
 * - `"TooLarge"`: longer than the limit: cut there and not decoded, since what came after
 *   could have made it anything.
 */
export type DecodeErrorKind = "Empty" | "NotJson" | "Truncated" | "NotAnEnvelope" | "TooLarge";

/** A body that is an envelope. */
export interface Decoded {
  readonly ok: true;
  /** Every member received, those this package doesn't know included. */
  readonly error: LuxxonError;
}

/** A body that is not an envelope, kept for your logs. */
export interface DecodeFailure {
  readonly ok: false;
  /** What kind of body it was. */
  readonly kind: DecodeErrorKind;
  /**
   * The body as received (bytes read as UTF-8, an invalid sequence as U+FFFD), at most the
   * limit: for `"TooLarge"`, its first `limit` bytes.
   */
  readonly body: string;
  /** What is wrong, for a person; not a stable text. */
  readonly message: string;
  /**
   * For `"NotAnEnvelope"` of an object: the member at fault (missing, sent twice, or of
   * the wrong type or value).
   */
  readonly member?: string;
  /** For `"NotAnEnvelope"`: the body parsed, to salvage from. */
  readonly json?: unknown;
}

/** What `decodeLuxxonError` gives: an envelope, or why the body is not one. */
export type DecodeResult = Decoded | DecodeFailure;

/** Options of the functions that read a body. */
export interface BodyOptions {
  /** The most bytes of the body that are kept and decoded (default `DEFAULT_BODY_LIMIT`). */
  readonly limit?: number;
}

/**
 * Decodes an error body, whatever it is. Never throws: gives the envelope with every
 * member received, or why the body is not one with the body itself. A leading byte order
 * mark is skipped. It accepts and refuses the same bodies as the Rust crate.
 *
 * @example
 * const decoded = decodeLuxxonError(await response.text());
 * if (decoded.ok) console.log(decoded.error.code);
 * else console.warn(`not an envelope (${decoded.kind}): ${decoded.body}`);
 */
export declare function decodeLuxxonError(
  body: string | Uint8Array | ArrayBuffer,
  options?: BodyOptions,
): DecodeResult;

/** Whether a response with this status and no code this package knows may be retried. */
export declare function isRetryableStatus(status: number): boolean;

/**
 * The one retry rule, the Rust crate's: for a code of the catalog, the catalog decides;
 * for a code this package doesn't know, or no envelope (`undefined`, `null`), the status of
 * the response does (see `RETRYABLE_STATUSES`). Pass the status of the response, not the
 * envelope's `statusCode`.
 */
export declare function isRetryable(
  status: number,
  error?: { readonly code?: unknown } | null,
): boolean;

/** Headers as any HTTP library has them; names are matched ignoring case. */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Iterable<readonly [string, string]>
  | { readonly [name: string]: string | readonly string[] | number | undefined };

/**
 * How long `Retry-After` asks to wait, in milliseconds from `now` (default: the current
 * time): delay-seconds, or an HTTP-date in any of its three forms (a date passed gives 0).
 * `undefined` when the header is absent or unreadable. Of a repeated header, the first
 * value is read (a `Headers` object joins them, and the result is then unreadable).
 */
export declare function retryAfterMs(headers: HeadersLike, now?: number | Date): number | undefined;

/** A response as `fetch` gives it; any object with these members will do. */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: HeadersLike;
  /** A `ReadableStream` of bytes, read only as far as the limit when present. */
  readonly body?: object | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * An HTTP error response, whatever its body: an `Error` that says what the status, the
 * headers and the body say. Branch on `code`, with a default case: the API may add codes,
 * and not every error response comes from the API (`code` is `undefined` then).
 */
export declare class LuxxonHttpError extends Error {
  /**
   * Classifies an error response from any HTTP library: its status, its headers and its
   * body (at most `limit` bytes are kept; pass `limit + 1` to see a longer body flagged).
   */
  constructor(
    status: number,
    headers: HeadersLike,
    body: string | Uint8Array | ArrayBuffer,
    options?: BodyOptions,
  );
  readonly name: "LuxxonHttpError";
  /** The HTTP status of the response. */
  readonly status: number;
  /** The envelope's code, known or not; `undefined` when the body is not an envelope. */
  readonly code: LuxxonErrorCode | undefined;
  /** The envelope, when the body is one. */
  readonly envelope: LuxxonError | undefined;
  /** Whether the request may be retried as is, with backoff: `isRetryable`, with the response's status. */
  readonly retryable: boolean;
  /**
   * How long to wait at least before retrying, in milliseconds: what `Retry-After` asked
   * for when the response came, else the catalog's delay for a retryable code.
   */
  readonly retryAfterMs: number | undefined;
  /** The request id to quote to support: the envelope's `requestId`, else the `x-request-id` header. */
  readonly requestId: string | undefined;
  /** The `Content-Type` header. */
  readonly contentType: string | undefined;
  /** The body as received, at most the limit. */
  readonly body: string;
  /** Whether the body was longer than the limit and cut there (then it is not decoded). */
  readonly bodyTruncated: boolean;
  /** Why the body is not an envelope, when it is not one. */
  readonly decodeError: DecodeFailure | undefined;
}

/**
 * Returns a successful response untouched; for any other, reads at most `limit` bytes of
 * its body (a longer one is cancelled there) and throws a `LuxxonHttpError`.
 *
 * @example
 * const response = await errorForStatus(await fetch(url));
 */
export declare function errorForStatus<R extends ResponseLike>(response: R, options?: BodyOptions): Promise<R>;

/**
 * Whether `withRetry` retries an error by default: a `LuxxonHttpError` (or any error with a
 * boolean `retryable`) when it says so; a `fetch` that could not connect or timed out
 * (`TimeoutError`); nothing else, since the server may have acted on the request.
 */
export declare function isRetryableError(error: unknown): boolean;

/** An `AbortSignal`, or any object with its members. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * How `withRetry` retries; every member is optional. `S` is the type of `signal` (e.g.
 * `AbortSignal`), which `withRetry` hands to each attempt.
 */
export interface RetryOptions<S extends AbortSignalLike = AbortSignalLike> {
  /** Attempts in all, the first included (default 4; less than 1 counts as 1). */
  readonly maxAttempts?: number;
  /** The backoff before the first retry, doubled for each retry after it (default 100). */
  readonly initialDelayMs?: number;
  /** The largest backoff (default 10000); a longer `retryAfterMs` is still honoured. */
  readonly maxDelayMs?: number;
  /**
   * When the next wait would end more than this long after the first attempt began, the
   * last error is thrown instead (default 30000). Checked before each wait: an attempt
   * is never cut short (give each one a timeout of its own, e.g. `AbortSignal.timeout`).
   */
  readonly maxElapsedMs?: number;
  /**
   * How a wait is drawn from the backoff: `"full"` from zero to it (default), `"equal"`
   * from half of it to it, `"none"` exactly it.
   */
  readonly jitter?: "full" | "equal" | "none";
  /** A number from 0 (included) to 1 (excluded), as `Math.random` (the default) gives. */
  readonly random?: () => number;
  /** Waits `ms` milliseconds; rejects when `signal` aborts (default: a timer). */
  readonly sleep?: (ms: number, signal?: S) => Promise<void>;
  /** The current time in milliseconds, for the time cap (default: `performance.now()`). */
  readonly now?: () => number;
  /** Whether an error may be retried (default `isRetryableError`). */
  readonly isRetryable?: (error: unknown) => boolean;
  /** Stops retrying: no attempt starts and no wait goes on once it aborts. */
  readonly signal?: S;
  /** Called before each wait, e.g. to log. */
  readonly onRetry?: (retry: { readonly attempt: number; readonly error: unknown; readonly delayMs: number }) => void;
}

/**
 * Runs `attempt` until it succeeds, retrying only what may be retried (see
 * `isRetryableError`), with jittered exponential backoff, waiting at least as long as the
 * error's `retryAfterMs` (`Retry-After`), within the caps on attempts and time. `attempt`
 * is given the attempt's number (1, then 2, ...) and `options.signal`. Throws the last error:
 * the first that may not be retried, or the one after which the attempts or the time ran
 * out; or the signal's reason once it aborts.
 *
 * Retry only requests that are safe to repeat (idempotent, or made so with a key).
 *
 * @example
 * const response = await withRetry(async () => errorForStatus(await fetch(url)));
 * // With a signal, which each attempt is given too:
 * const again = await withRetry(
 *   async (_attempt, signal) => errorForStatus(await fetch(url, { signal })),
 *   { signal: AbortSignal.timeout(60_000) },
 * );
 */
export declare function withRetry<T, S extends AbortSignalLike = AbortSignalLike>(
  attempt: (attempt: number, signal: S | undefined) => Promise<T>,
  options?: RetryOptions<S>,
): Promise<T>;
