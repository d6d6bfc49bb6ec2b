/**
 * How a value was served — from the cache, loaded, collapsed onto another request's load, or
 * around the cache — and how a response says so in `Cache-Status` (RFC 9211).
 *
 * @module
 */
import type { CacheResult } from "../cache/mod.ts";
import { formatCacheStatus } from "../http/cache_status.ts";

/**
 * How a value was served, for `Cache-Status`: `collapsed` is a miss that waited for another
 * request's load instead of starting its own; `bypass` skipped the cache (off for the user).
 */
export type Served = CacheResult<unknown>["status"] | "collapsed" | "bypass";

/**
 * How long a reader that holds a stale value waits for a fresher one, in milliseconds: well
 * under the second a request may take, so a database that answers slowly, or not at all, costs
 * readers of cached data at most this. The caches' soft timeout.
 */
export const STALE_AFTER_MS = 500;

/** A loaded value and how it was served. */
export interface Loaded<T> {
  value: T;
  served: Served;
  /** When a value served stale stopped being fresh, in epoch milliseconds. */
  freshUntil?: number;
  /**
   * The value is of earlier versions than the current ones (served stale because the current
   * ones could not be loaded): an ETag computed from the current versions does not describe it.
   */
  superseded?: boolean;
}

/**
 * How a cache result was served.
 *
 * @example
 * ```ts ignore
 * servedBy(await cache.getOrLoad(key, load)); // "hit"
 * ```
 */
export function servedBy(result: CacheResult<unknown>): Served {
  return result.status === "miss" && result.collapsed ? "collapsed" : result.status;
}

const CACHE_STATUS: Record<Served, string> = {
  hit: formatCacheStatus({ hit: true }),
  stale: formatCacheStatus({ hit: true, detail: "stale" }),
  miss: formatCacheStatus({ fwd: "miss", stored: true }),
  collapsed: formatCacheStatus({ fwd: "miss", collapsed: true }),
  bypass: formatCacheStatus({ fwd: "bypass" }),
};

/**
 * The `Cache-Status` value for how a response's data was served. A stale value with a known
 * `freshUntil` says how long ago it stopped being fresh as a negative `ttl` (RFC 9211 §2.4),
 * at least a second: a value past its version is stale however recently it was loaded.
 *
 * @param served How the data was served.
 * @param freshUntil For a stale value, when it stopped being fresh (epoch milliseconds).
 * @example
 * ```ts
 * import { cacheStatusFor } from "./served.ts";
 * cacheStatusFor("hit"); // "Beacon; hit"
 * cacheStatusFor("stale", Date.now() - 4_000); // "Beacon; hit; ttl=-4; detail=stale"
 * ```
 */
export function cacheStatusFor(served: Served, freshUntil?: number): string {
  if (served !== "stale" || freshUntil === undefined) return CACHE_STATUS[served];
  const ttl = Math.min(-1, Math.trunc((freshUntil - Date.now()) / 1000));
  return formatCacheStatus({ hit: true, ttl, detail: "stale" });
}
