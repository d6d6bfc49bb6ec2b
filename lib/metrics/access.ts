/**
 * Who may read `/metrics`: a request from the loopback interface, or one that sends
 * `Authorization: Bearer $METRICS_TOKEN`.
 *
 * @module
 */
import type { Context } from "hono";
import { getConnInfo } from "hono/deno";

/**
 * Whether the request may read metrics.
 *
 * A request without a socket address (in-process `app.request()` without an env) is not
 * loopback. Behind a reverse proxy on the same host every request looks local: set
 * `METRICS_TOKEN` and keep `/metrics` off the proxy.
 *
 * @param c The request's context.
 * @param token `METRICS_TOKEN`, if configured.
 * @example
 * ```ts ignore
 * if (!metricsAllowed(c, c.var.deps.config.metricsToken)) return c.text("Unauthorized", 401);
 * ```
 */
export function metricsAllowed(c: Context, token: string | undefined): boolean {
  const auth = c.req.header("authorization");
  if (token && auth?.startsWith("Bearer ") && sameText(auth.slice(7).trim(), token)) return true;
  return isLoopback(remoteAddress(c));
}

/**
 * Whether an address is on the loopback interface (127.0.0.0/8, ::1, or IPv4-mapped 127.x).
 *
 * @example
 * ```ts
 * import { isLoopback } from "./access.ts";
 * isLoopback("127.0.0.1"); // true
 * isLoopback("10.0.0.7"); // false
 * ```
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  return a === "::1" || a.startsWith("127.") || a.startsWith("::ffff:127.");
}

function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // No connection info: an in-process request.
    return undefined;
  }
}

/** Compares in time independent of where the texts differ. */
function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
