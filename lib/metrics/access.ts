/**
 * Who may read `/metrics`: a request from the loopback interface, or one that sends
 * `Authorization: Bearer $METRICS_TOKEN`.
 *
 * @module
 */
import type { Context } from "hono";
import { clientAddress, NO_PROXIES, type TrustedProxies } from "../http/client_address.ts";

/** Who may read metrics besides loopback. */
export interface MetricsAccess {
  /** `METRICS_TOKEN`, if configured. */
  metricsToken?: string;
  /**
   * Proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`): behind one, the client's
   * own address decides, so a request through a proxy on the same host is not loopback.
   */
  trustedProxies?: TrustedProxies;
}

/**
 * Whether the request may read metrics: it carries the token, or its client is on loopback.
 * A request without a socket address (in-process `app.request()` without an env) is not
 * loopback.
 *
 * @param c The request's context.
 * @param access The token and the trusted proxies (the configuration fits).
 * @example
 * ```ts ignore
 * if (!metricsAllowed(c, c.var.deps.config)) return c.text("Unauthorized", 401);
 * ```
 */
export function metricsAllowed(c: Context, access: MetricsAccess): boolean {
  const token = access.metricsToken;
  const auth = c.req.header("authorization");
  if (token && auth?.startsWith("Bearer ") && sameText(auth.slice(7).trim(), token)) return true;
  return isLoopback(clientAddress(c, access.trustedProxies ?? NO_PROXIES) ?? undefined);
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

/** Compares in time independent of where the texts differ. */
function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
