/**
 * Headers every per-user response carries.
 *
 * @module
 */
import type { Context } from "hono";

/** `Cache-Control` of every per-user response: the browser may keep it, but must revalidate. */
export const PRIVATE_CACHE_CONTROL = "private, no-cache";

/** `Vary` of every per-user response: the session cookie selects the representation. */
export const PRIVATE_VARY = "Cookie";

/**
 * Sets `Cache-Control: private, no-cache` and `Vary: Cookie`: every per-user response has them.
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
