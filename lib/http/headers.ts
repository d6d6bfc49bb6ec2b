/**
 * Headers every per-user response carries.
 *
 * @module
 */
import type { Context } from "hono";

/** `Cache-Control` of every per-user response: the browser may keep it, but must revalidate. */
export const PRIVATE_CACHE_CONTROL = "private, no-cache";

/**
 * `Vary` of every per-user response: the session cookie selects the representation, and
 * `Accept-Encoding` its content coding — on 200s and 304s alike, so a cache never hands a
 * brotli body to a client that asked for gzip.
 */
export const PRIVATE_VARY = "Cookie, Accept-Encoding";

/**
 * Sets `Cache-Control: private, no-cache` and `Vary: Cookie, Accept-Encoding`: every per-user
 * response has them.
 *
 * @example
 * ```ts ignore
 * privateHeaders(c);
 * return c.json(body);
 * ```
 */
export function privateHeaders(c: Context): void {
  c.header("Cache-Control", PRIVATE_CACHE_CONTROL);
  c.header("Vary", PRIVATE_VARY);
}
