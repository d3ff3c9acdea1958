// The package's declarations need neither the DOM library nor Node's types: checked with
// `lib: ["es2022"]` alone.
import { LuxxonHttpError, decodeLuxxonError, retryAfterMs, withRetry, type LuxxonError } from "@luxxon/errors";

const decoded = decodeLuxxonError(new Uint8Array([123, 125]));
const error: LuxxonError | undefined = decoded.ok ? decoded.error : undefined;
const http = new LuxxonHttpError(503, [["retry-after", "5"]], "");
export const used = [error, http.retryAfterMs, retryAfterMs({ "retry-after": "1" }), withRetry(async () => 1)];
