/**
 * Refuses unsafe requests that a page of another origin sent (cross-site request forgery).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { HttpError } from "./errors.ts";
import { NO_PROXIES, type TrustedProxies } from "./client_address.ts";
import { publicOrigin } from "./public_origin.ts";

/** Options of {@linkcode sameOrigin}. */
export interface SameOriginOptions {
  /** Origins allowed besides the request's own, like `https://beacon.example`. */
  allowedOrigins?: readonly string[];
  /**
   * The cookie that authenticates requests (the session's). An unsafe request that carries it
   * must say where it comes from (`Origin` or `Sec-Fetch-Site`), or it is refused: every
   * browser sends one of them, so a request with neither could not have been checked.
   */
  credentialCookie?: string;
  /**
   * Proxies whose `X-Forwarded-Proto` and `X-Forwarded-Host` say what the request's own origin
   * is (`TRUSTED_PROXIES`): behind a proxy that terminates TLS or rewrites `Host`. Default none.
   */
  trustedProxies?: TrustedProxies;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether the request's `Origin` is the app's own (its public origin, as a trusted proxy
 * forwards it) or one of the allowed origins; true without `Origin`.
 *
 * @example
 * ```ts ignore
 * if (!originAllowed(c, config.allowedOrigins, config.trustedProxies)) refuse(c, 403);
 * ```
 */
export function originAllowed(
  c: Context,
  allowed: readonly string[] = [],
  proxies: TrustedProxies = NO_PROXIES,
): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined) return true;
  return allowed.includes(origin) || origin === publicOrigin(c, proxies);
}

/**
 * Browsers send `Origin` with every unsafe request, so a foreign or `null` origin, or
 * `Sec-Fetch-Site: cross-site`, is refused with 403. A request with neither header is let in
 * only without the credential cookie: it did not come from a page in a browser, and it
 * carries nobody's session.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * const app = new Hono();
 * app.use(sameOrigin({ allowedOrigins: ["https://beacon.example"] }));
 * ```
 */
export function sameOrigin(options: SameOriginOptions = {}): MiddlewareHandler {
  const allowed = options.allowedOrigins ?? [];
  const credential = options.credentialCookie;
  const proxies = options.trustedProxies ?? NO_PROXIES;
  return async function sameOrigin(c, next) {
    if (!SAFE.has(c.req.method)) {
      const site = c.req.header("sec-fetch-site");
      const origin = c.req.header("origin");
      if (site === "cross-site" && !origin) {
        throw new HttpError(403, "Cross-site requests are not allowed");
      }
      if (credential && site === undefined && origin === undefined && carries(c, credential)) {
        throw new HttpError(403, "Signed-in requests must say their origin (send Origin)");
      }
      if (!originAllowed(c, allowed, proxies)) {
        throw new HttpError(403, "Requests from another origin are not allowed");
      }
    }
    await next();
  };
}

function carries(c: Context, cookie: string): boolean {
  const header = c.req.header("cookie");
  if (!header) return false;
  return header.split(";").some((pair) => pair.trim().startsWith(`${cookie}=`));
}
