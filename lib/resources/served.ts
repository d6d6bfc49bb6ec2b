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

/** A loaded value and how it was served. */
export interface Loaded<T> {
  value: T;
  served: Served;
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
 * The `Cache-Status` value for how a response's data was served.
 *
 * @example
 * ```ts
 * import { cacheStatusFor } from "./served.ts";
 * cacheStatusFor("hit"); // "Beacon; hit"
 * ```
 */
export function cacheStatusFor(served: Served): string {
  return CACHE_STATUS[served];
}
