/**
 * Builds the app's cache from configuration: Redis when a URL is given, Redis Cluster when
 * several are, else memory.
 *
 * @module
 */
import { Cache, type CacheOptions } from "./cache.ts";
import { MemoryStore } from "./memory_store.ts";
import { RedisClusterStore } from "./redis_cluster_store.ts";
import { RedisStore } from "./redis_store.ts";
import { parseRedisUrls } from "./redis_urls.ts";

/** Options of {@link createCache}. */
export interface CreateCacheOptions extends Omit<CacheOptions, "l2" | "closeL2"> {
  /**
   * `REDIS_URL`; unset means an in-process {@link MemoryStore}. Several comma-separated URLs are
   * the root nodes of a Redis Cluster (see {@link parseRedisUrls}).
   */
  redisUrl?: string;
  /** Prefix of every L2 key; with Redis Cluster it must hold no `{` or `}`. Default `""`. */
  redisPrefix?: string;
  /** Told of Redis client errors (they never reach callers). */
  onRedisError?: (error: Error) => void;
}

/**
 * A cache with L2 on Redis (`redisUrl` set), Redis Cluster (several URLs) or in memory;
 * closing the cache closes L2.
 *
 * @param options Cache options plus where L2 lives.
 * @returns The cache; `l2Kind` says which store was chosen.
 * @throws {TypeError} When `redisUrl` is not a list of `redis://` URLs.
 * @example
 * ```ts
 * import { createCache } from "./create_cache.ts";
 * const { cache, l2Kind } = createCache({ redisUrl: Deno.env.get("REDIS_URL") });
 * console.log(`cache L2: ${l2Kind}`);
 * await cache.close();
 * ```
 */
export function createCache(
  options: CreateCacheOptions = {},
): { cache: Cache; l2Kind: "redis" | "redis-cluster" | "memory" } {
  const { redisUrl, redisPrefix, onRedisError, ...rest } = options;
  const urls = redisUrl ? parseRedisUrls(redisUrl) : [];
  const l2 = urls.length > 1
    ? new RedisClusterStore({ urls, prefix: redisPrefix, onError: onRedisError })
    : urls.length === 1
    ? new RedisStore({ url: urls[0], prefix: redisPrefix, onError: onRedisError })
    : new MemoryStore();
  return {
    cache: new Cache({ ...rest, l2, closeL2: true }),
    l2Kind: urls.length > 1 ? "redis-cluster" : urls.length === 1 ? "redis" : "memory",
  };
}
