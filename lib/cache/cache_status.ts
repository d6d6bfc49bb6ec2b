/**
 * RFC 9211 `Cache-Status` for a {@link CacheResult}.
 *
 * @module
 */
import type { CacheResult } from "./cache.ts";

/**
 * Formats one `Cache-Status` list member describing how a value was served.
 *
 * - L1/L2 hit: `Beacon; hit; ttl=12; detail=l2`
 * - loaded: `Beacon; fwd=miss; stored`
 * - stale within grace: `Beacon; hit; ttl=-3; detail=stale-l1` (a negative ttl says stale)
 *
 * @param result What `getOrLoad` answered.
 * @param options `name` of the cache in the header. Default `"Beacon"`.
 * @returns The header value.
 * @example
 * ```ts
 * import { cacheStatus } from "./cache_status.ts";
 * cacheStatus({ status: "miss", tier: "load", freshUntil: 0, collapsed: false });
 * // "Beacon; fwd=miss; stored"
 * ```
 */
export function cacheStatus(
  result: Pick<CacheResult<unknown>, "status" | "tier" | "freshUntil" | "collapsed">,
  options: { name?: string; now?: number } = {},
): string {
  const name = options.name ?? "Beacon";
  if (result.status === "miss") {
    return `${name}; fwd=miss; stored${result.collapsed ? "; collapsed" : ""}`;
  }
  const ttl = Math.trunc((result.freshUntil - (options.now ?? Date.now())) / 1000);
  const detail = result.status === "stale" ? `stale-${result.tier}` : result.tier;
  return `${name}; hit; ttl=${ttl}; detail=${detail}`;
}
