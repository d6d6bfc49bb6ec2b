/**
 * Conditional requests (RFC 9110 §13) for per-user pages: the `304 Not Modified` answer that
 * carries the same caching headers as the `200` would. The route computes the ETag from
 * versions it already holds in memory (`etag.ts`) and calls {@linkcode checkConditional}
 * before it loads or renders anything.
 *
 * @module
 */
import type { Context } from "hono";
import { acceptsCoding, negotiateCoding } from "./accept_encoding.ts";
import { codedEtag } from "./etag.ts";
import { PRIVATE_CACHE_CONTROL, PRIVATE_VARY } from "./headers.ts";
import { type IfNoneMatch, matchingEtag, parseIfNoneMatch } from "./if_none_match.ts";

export type { IfNoneMatch };

/** Options of {@linkcode checkConditional}. */
export interface CheckConditionalOptions {
  /**
   * Headers the `304` carries besides `ETag`, `Cache-Control` and `Vary`, such as
   * `Cache-Status`. Default none.
   */
  headers?: Record<string, string>;
  /**
   * Whether the resource is known to exist; `If-None-Match: *` matches only then. Default true.
   */
  exists?: boolean;
  /**
   * When the representation last changed. Only consulted for `If-Modified-Since`, and only
   * when the request has no `If-None-Match`. Default none: `If-Modified-Since` never matches.
   */
  lastModified?: Date;
}

/**
 * A `304 Not Modified` with no body that carries what the 200 would: the same `ETag`,
 * `Cache-Control: private, no-cache`, `Vary: Cookie, Accept-Encoding`, plus `headers` (such as
 * `Cache-Status`), which may override the defaults. Headers already set on `c` are kept.
 *
 * @param c The request's context.
 * @param etag The ETag of the representation the client holds (its coding's tag).
 * @param headers Extra headers for the 304. Default none.
 * @example
 * ```ts ignore
 * return notModified(c, etag, { "Cache-Status": "Beacon; hit" });
 * ```
 */
export function notModified(
  c: Context,
  etag: string,
  headers: Record<string, string> = {},
): Response {
  return c.body(null, 304, {
    "Cache-Control": PRIVATE_CACHE_CONTROL,
    Vary: PRIVATE_VARY,
    ...headers,
    ETag: etag,
  });
}

/**
 * Answers a conditional `GET` or `HEAD` (RFC 9110 §13.2.2): a `304` when `If-None-Match`
 * matches `etag` in a coding the request accepts (the 304 then carries that coding's tag, see
 * {@linkcode matchingEtag}), otherwise `null` so the route renders the 200. When the request has
 * `If-None-Match`, `If-Modified-Since` is ignored entirely; without it, `If-Modified-Since`
 * is honoured only if `options.lastModified` is given. Before the resource is known to exist,
 * pass `exists: false`; other methods always get `null`.
 *
 * @param c The request's context.
 * @param etag The ETag of the identity representation; coded ones derive from it.
 * @param options The 304's extra headers, the last-modified time, the codings. Default none.
 * @returns The 304, or `null` to carry on.
 * @example
 * ```ts ignore
 * const etag = weakEtag([buildId, ctx.user.id, ctx.role, ...versions]);
 * const cached = checkConditional(c, etag, { headers: { "Cache-Status": "Beacon; hit" } });
 * if (cached) return cached;
 * ```
 */
export function checkConditional(
  c: Context,
  etag: string,
  options: CheckConditionalOptions = {},
): Response | null {
  const method = c.req.method;
  if (method !== "GET" && method !== "HEAD") return null;
  const headers = c.req.raw.headers;
  const held = parseIfNoneMatch(headers.get("if-none-match"));
  const acceptEncoding = headers.get("accept-encoding");
  if (held) {
    const tag = matchingEtag(held, etag, {
      exists: options.exists ?? true,
      preferred: negotiateCoding(acceptEncoding),
      accepts: (coding) => acceptsCoding(acceptEncoding, coding),
    });
    return tag ? notModified(c, tag, options.headers) : null;
  }
  const since = headers.get("if-modified-since");
  if (since && options.lastModified) {
    const sinceMs = Date.parse(since);
    // HTTP dates have whole seconds, so compare at that precision.
    if (
      !Number.isNaN(sinceMs) && Math.floor(options.lastModified.getTime() / 1000) * 1000 <= sinceMs
    ) {
      return notModified(c, codedEtag(etag, negotiateCoding(acceptEncoding)), options.headers);
    }
  }
  return null;
}
