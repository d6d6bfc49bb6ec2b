/**
 * The origin the browser sees, which is what it sends in `Origin`. Behind a reverse proxy the
 * request Beacon receives may differ from the browser's: the proxy terminated TLS (`http:`
 * here, `https:` there) or rewrote `Host`. A trusted proxy says what it received in
 * `X-Forwarded-Proto` and `X-Forwarded-Host`; from anyone else those headers are ignored, so a
 * client cannot make its own foreign origin look like ours.
 *
 * @module
 */
import type { Context } from "hono";
import { getConnInfo } from "hono/deno";
import type { TrustedProxies } from "./client_address.ts";

/** `host` or `host:port`, a bracketed IPv6 address allowed; nothing else. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The request's public origin: its own URL's, with the scheme and host a trusted proxy
 * forwarded (`X-Forwarded-Proto`, `X-Forwarded-Host`, the first value of each) when the peer
 * is one of `proxies`.
 *
 * @param c The request's context.
 * @param proxies The trusted proxies (`TRUSTED_PROXIES`).
 * @returns An origin like `https://beacon.example`.
 * @example
 * ```ts ignore
 * // nginx at 10.0.0.2 (trusted) terminated TLS for https://beacon.example
 * publicOrigin(c, parseTrustedProxies("10.0.0.2")); // "https://beacon.example"
 * ```
 */
export function publicOrigin(c: Context, proxies: TrustedProxies): string {
  const url = c.req.url;
  // The scheme and authority of the URL as received, without parsing it: `http://host:port`.
  const own = url.slice(0, url.indexOf("/", url.indexOf("//") + 2) >>> 0);
  if (!fromTrustedProxy(c, proxies)) return normalized(own);
  const proto = firstValue(c.req.header("x-forwarded-proto"))?.toLowerCase();
  const host = firstValue(c.req.header("x-forwarded-host"));
  const scheme = proto === "https" || proto === "http"
    ? `${proto}:`
    : own.slice(0, own.indexOf(":") + 1);
  const authority = host !== undefined && HOST.test(host) ? host : own.slice(own.indexOf("//") + 2);
  return normalized(`${scheme}//${authority}`);
}

const origins = new Map<string, string>();

/** The origin of `scheme://authority` as a browser writes it (default port dropped, lower case). */
function normalized(schemeAndAuthority: string): string {
  let origin = origins.get(schemeAndAuthority);
  if (origin === undefined) {
    origin = new URL(schemeAndAuthority).origin;
    // Hosts come from requests: bound what is remembered.
    if (origins.size >= 1024) origins.clear();
    origins.set(schemeAndAuthority, origin);
  }
  return origin;
}

/** Whether the peer (not a header) is a trusted proxy; false without a socket. */
function fromTrustedProxy(c: Context, proxies: TrustedProxies): boolean {
  try {
    const peer = getConnInfo(c).remote.address;
    return peer !== undefined && proxies.has(peer);
  } catch {
    return false;
  }
}

function firstValue(header: string | undefined): string | undefined {
  const value = header?.split(",")[0].trim();
  return value ? value : undefined;
}
