/**
 * Conditional requests (RFC 9110 §13) for per-user pages: the `304 Not Modified` answer that
 * carries the same caching headers as the `200` would. The route computes the ETag from
 * versions it already holds in memory (`etag.ts`) and calls {@linkcode checkConditional}
 * before it loads or renders anything.
 *
 * @module
 */
import type { Context } from "hono";
import { type IfNoneMatch, matches, parseIfNoneMatch } from "./if_none_match.ts";

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
 * `Cache-Control: private, no-cache`, `Vary: Cookie`, plus `headers` (such as
 * `Cache-Status`), which may override the defaults. Headers already set on `c` are kept.
 *
 * @param c The request's context.
 * @param etag The current ETag.
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
    "Cache-Control": "private, no-cache",
    Vary: "Cookie",
    ...headers,
    ETag: etag,
  });
}

/**
 * Answers a conditional `GET` or `HEAD` (RFC 9110 §13.2.2): a `304` when `If-None-Match`
 * matches `etag`, otherwise `null` so the route renders the 200. When the request has
 * `If-None-Match`, `If-Modified-Since` is ignored entirely; without it, `If-Modified-Since`
 * is honoured only if `options.lastModified` is given. Before the resource is known to exist,
 * pass `exists: false`; other methods always get `null`.
 *
 * @param c The request's context.
 * @param etag The ETag the 200 would carry.
 * @param options The 304's extra headers and the last-modified time. Default none.
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
  const held = parseIfNoneMatch(c.req.raw.headers.get("if-none-match"));
  if (held) {
    return matches(held, etag, options.exists ?? true)
      ? notModified(c, etag, options.headers)
      : null;
  }
  const since = c.req.raw.headers.get("if-modified-since");
  if (since && options.lastModified) {
    const sinceMs = Date.parse(since);
    // HTTP dates have whole seconds, so compare at that precision.
    if (
      !Number.isNaN(sinceMs) && Math.floor(options.lastModified.getTime() / 1000) * 1000 <= sinceMs
    ) {
      return notModified(c, etag, options.headers);
    }
  }
  return null;
}
