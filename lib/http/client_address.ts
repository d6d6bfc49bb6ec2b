/**
 * Who is at the other end: the client's address and whether it came over HTTPS. Behind a
 * reverse proxy every request comes from the proxy, so `X-Forwarded-For` and
 * `X-Forwarded-Proto` are read — but only when the peer is one of the configured trusted
 * proxies; from anyone else they are ignored, so a client cannot claim another address.
 *
 * @module
 */
import type { Context } from "hono";
import { getConnInfo } from "hono/deno";

/** Address ranges whose `X-Forwarded-*` headers are believed. */
export interface TrustedProxies {
  /** Whether an address is one of them. */
  has(address: string): boolean;
}

interface Range {
  bytes: Uint8Array;
  prefix: number;
}

/** Nobody's forwarded headers are believed. */
export const NO_PROXIES: TrustedProxies = { has: () => false };

/**
 * Parses `TRUSTED_PROXIES`: comma-separated IPv4 or IPv6 addresses or CIDR ranges.
 *
 * @throws {RangeError} Naming the first entry that is not an address or range.
 * @example
 * ```ts
 * import { parseTrustedProxies } from "./client_address.ts";
 * const proxies = parseTrustedProxies("10.0.0.0/8, ::1");
 * proxies.has("10.1.2.3"); // true
 * proxies.has("203.0.113.9"); // false
 * ```
 */
export function parseTrustedProxies(list: string): TrustedProxies {
  const ranges: Range[] = [];
  for (const entry of list.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const bytes = addressBytes(address);
    const max = bytes ? bytes.length * 8 : 0;
    const prefix = bits === undefined ? max : Number(bits);
    if (
      !bytes || extra !== undefined || !/^\d*$/.test(bits ?? "") || !(prefix >= 0 && prefix <= max)
    ) {
      throw new RangeError(`"${entry}" is not an IP address or CIDR range like 10.0.0.0/8`);
    }
    ranges.push({ bytes, prefix });
  }
  // Every request asks about its peer, and the peers are few (the proxies): remember answers.
  const known = new Map<string, boolean>();
  return {
    has(address: string): boolean {
      let trusted = known.get(address);
      if (trusted === undefined) {
        const bytes = addressBytes(address);
        trusted = bytes !== null && ranges.some((range) => inRange(bytes, range));
        if (known.size >= KNOWN_ADDRESSES) known.clear();
        known.set(address, trusted);
      }
      return trusted;
    },
  };
}

/** Answers of `TrustedProxies.has` remembered, at most. */
const KNOWN_ADDRESSES = 4096;

/**
 * The client's address: the peer's, or — when the peer is a trusted proxy — the right-most
 * address in `X-Forwarded-For` that is not itself a trusted proxy. `null` without a socket
 * (an in-process request).
 *
 * @example
 * ```ts ignore
 * const address = clientAddress(c, proxies); // "203.0.113.9"
 * ```
 */
export function clientAddress(c: Context, proxies: TrustedProxies): string | null {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    return null;
  }
  if (!peer) return null;
  if (!proxies.has(peer)) return peer;
  const forwarded = (c.req.header("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i];
    if (addressBytes(hop) === null) break;
    if (!proxies.has(hop)) return hop;
  }
  return peer;
}

/**
 * Whether the client reached us over HTTPS: the URL's scheme, or `X-Forwarded-Proto: https`
 * from a trusted proxy.
 *
 * @example
 * ```ts ignore
 * writeSessionCookie(c, token, { secure: isHttps(c, proxies) });
 * ```
 */
export function isHttps(c: Context, proxies: TrustedProxies): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    return false;
  }
  if (!peer || !proxies.has(peer)) return false;
  return c.req.header("x-forwarded-proto")?.split(",")[0].trim().toLowerCase() === "https";
}

/** The bytes of an IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4), or null. */
function addressBytes(text: string): Uint8Array | null {
  const address = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((n) => n <= 255) ? Uint8Array.from(parts) : null;
  }
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return addressBytes(mapped[1]);
  return ipv6Bytes(address);
}

function ipv6Bytes(address: string): Uint8Array | null {
  if (!/^[0-9a-f:]+$/i.test(address) || address.split("::").length > 2) return null;
  const [head, tail] = address.includes("::") ? address.split("::") : [address, null];
  const groups = (part: string) => part === "" ? [] : part.split(":");
  const left = groups(head);
  const right = tail === null ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  if (tail === null ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array(tail === null ? 0 : missing).fill("0"), ...right];
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    if (!/^[0-9a-f]{1,4}$/i.test(all[i])) return null;
    const value = parseInt(all[i], 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  }
  return bytes;
}

function inRange(bytes: Uint8Array, range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (range.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}
