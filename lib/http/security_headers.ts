/**
 * Security headers on every response with a body, precomputed once. A page that carries an
 * inline script asks for a CSP nonce with {@linkcode cspNonce}; responses without one get a
 * policy without a nonce.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";

/** The variable a page's nonce travels in; an app's environment includes it. */
export interface SecurityHeadersEnv {
  Variables: {
    /** The CSP nonce of this response, once a page asked for one ({@linkcode cspNonce}). */
    cspNonce?: string;
  };
}

const HEADERS: readonly [string, string][] = [
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  // With no-referrer, browsers send `Origin: null` on form posts and the origin check fails.
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
];

const POLICY = "default-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; " +
  "script-src 'self'";

/** A fresh nonce for this response's inline scripts, made on first use. */
export function cspNonce<E extends SecurityHeadersEnv>(c: Context<E>): string {
  let nonce = c.var.cspNonce;
  if (!nonce) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    nonce = btoa(String.fromCharCode(...bytes));
    c.set("cspNonce", nonce);
  }
  return nonce;
}

/**
 * Sets the security headers after the handler ran. A 304 gets none of them: the browser keeps
 * the stored 200 and its headers, which the 304 only updates (RFC 9111 §4.3.4), so they stay
 * in force — and a 304's `Content-Security-Policy` could replace the one whose nonce the
 * cached page's scripts carry. Each header costs the hot path: a 304 with the eight of them
 * answers at two thirds of the rate of one with just what RFC 9110 §15.4.5 asks for.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { securityHeaders, type SecurityHeadersEnv } from "./security_headers.ts";
 * const app = new Hono<SecurityHeadersEnv>();
 * app.use(securityHeaders());
 * ```
 */
export function securityHeaders(): MiddlewareHandler<SecurityHeadersEnv> {
  return async function securityHeaders(c, next) {
    await next();
    if (c.res.status === 304) return;
    const headers = c.res.headers;
    for (const [name, value] of HEADERS) headers.set(name, value);
    const nonce = c.var.cspNonce;
    headers.set("Content-Security-Policy", nonce ? `${POLICY} 'nonce-${nonce}'` : POLICY);
  };
}
