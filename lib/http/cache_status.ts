/**
 * The `Cache-Status` response field (RFC 9211): a Structured Fields list (RFC 9651) with one
 * member per cache, the cache's name followed by parameters such as `hit`, `fwd=miss`,
 * `ttl=12`, `stored`, `collapsed`, `key="..."` and `detail=l2`.
 *
 * `lib/cache/cache_status.ts` describes one cache lookup; this module serialises any member
 * correctly (tokens versus quoted strings, integers, boolean flags) and validates it.
 *
 * @module
 */

/** The reasons RFC 9211 §2.2 gives for forwarding a request towards the origin. */
export type CacheStatusForward =
  | "bypass"
  | "method"
  | "uri-miss"
  | "vary-miss"
  | "miss"
  | "request"
  | "stale"
  | "partial";

/** One cache's member of `Cache-Status`. */
export interface CacheStatusEntry {
  /** The cache's name. Default `"Beacon"`. */
  cache?: string;
  /** The response came from the cache without going forward. */
  hit?: boolean;
  /** Why the request went forward towards the origin. */
  fwd?: CacheStatusForward;
  /** The status the next hop answered the forwarded request with. */
  fwdStatus?: number;
  /** Seconds of freshness left; negative when a stale response was served. */
  ttl?: number;
  /** The cache stored the response. */
  stored?: boolean;
  /** The request was collapsed with others into one forward request (single flight). */
  collapsed?: boolean;
  /** The cache key, for debugging; never put anything secret here. */
  key?: string;
  /** Implementation-specific detail: a token such as `l2` or any printable ASCII text. */
  detail?: string;
}

/** The cache name Beacon reports. */
export const CACHE_NAME = "Beacon";

const FORWARDS: ReadonlySet<string> = new Set([
  "bypass",
  "method",
  "uri-miss",
  "vary-miss",
  "miss",
  "request",
  "stale",
  "partial",
]);
const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
const MAX_INTEGER = 999_999_999_999_999;

/**
 * Serialises `Cache-Status` members, the cache nearest the origin first (RFC 9211 §2).
 *
 * A value served stale (for example within the grace period while the database is down) is
 * `Beacon; hit; ttl=-3; detail=stale`: it is a `hit` because nothing went forward, the
 * negative `ttl` is how RFC 9211 §2.4 says the response was stale, and `detail` names the
 * reason plainly for people reading it. `fwd=stale` would be wrong there: it means the cache
 * went to the origin to revalidate a stale response.
 *
 * @param entries One member or several.
 * @returns The field value.
 * @throws {RangeError} For a cache name or detail that is not printable ASCII, an unknown
 * `fwd`, `hit` together with `fwd`, or a `ttl`/`fwdStatus` that is not a safe integer.
 * @example
 * ```ts
 * import { formatCacheStatus } from "./cache_status.ts";
 * formatCacheStatus({ hit: true, ttl: 30, detail: "l1" }); // "Beacon; hit; ttl=30; detail=l1"
 * formatCacheStatus({ fwd: "miss", stored: true, collapsed: true });
 * // "Beacon; fwd=miss; stored; collapsed"
 * formatCacheStatus({ hit: true, ttl: -3, detail: "stale" }); // "Beacon; hit; ttl=-3; detail=stale"
 * ```
 */
export function formatCacheStatus(
  entries: CacheStatusEntry | readonly CacheStatusEntry[],
): string {
  const list = Array.isArray(entries) ? entries : [entries as CacheStatusEntry];
  return list.map(formatEntry).join(", ");
}

function formatEntry(entry: CacheStatusEntry): string {
  const cache = entry.cache ?? CACHE_NAME;
  let out = bareItem(cache, "cache name");
  if (entry.hit && entry.fwd !== undefined) {
    throw new RangeError(
      `Cannot describe cache "${cache}" as both a hit and forwarded (fwd=${entry.fwd})`,
    );
  }
  if (entry.hit) out += "; hit";
  if (entry.fwd !== undefined) {
    if (!FORWARDS.has(entry.fwd)) {
      throw new RangeError(`Cannot use fwd=${JSON.stringify(entry.fwd)}: not an RFC 9211 reason`);
    }
    out += `; fwd=${entry.fwd}`;
  }
  if (entry.fwdStatus !== undefined) {
    out += `; fwd-status=${integer(entry.fwdStatus, "fwd-status")}`;
  }
  if (entry.ttl !== undefined) out += `; ttl=${integer(entry.ttl, "ttl")}`;
  if (entry.stored) out += "; stored";
  if (entry.collapsed) out += "; collapsed";
  if (entry.key !== undefined) out += `; key=${quoted(entry.key, "key")}`;
  if (entry.detail !== undefined) out += `; detail=${bareItem(entry.detail, "detail")}`;
  return out;
}

/** A token when the text is one, otherwise a quoted string (RFC 9651 §4.1.6, §4.1.7). */
function bareItem(text: string, what: string): string {
  return TOKEN.test(text) ? text : quoted(text, what);
}

function quoted(text: string, what: string): string {
  if (!PRINTABLE.test(text)) {
    throw new RangeError(
      `Cannot put ${what} ${JSON.stringify(text)} in Cache-Status: not printable ASCII`,
    );
  }
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

function integer(value: number, what: string): string {
  if (!Number.isInteger(value) || Math.abs(value) > MAX_INTEGER) {
    throw new RangeError(`Cannot use ${what}=${value} in Cache-Status: not an integer`);
  }
  return String(value);
}
