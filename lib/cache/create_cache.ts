/**
 * Builds the app's cache from configuration: Redis when a URL is given, else memory.
 *
 * @module
 */
import { Cache, type CacheOptions } from "./cache.ts";
import { MemoryStore } from "./memory_store.ts";
import { RedisStore } from "./redis_store.ts";

/** Options of {@link createCache}. */
export interface CreateCacheOptions extends Omit<CacheOptions, "l2" | "closeL2"> {
  /** `REDIS_URL`; unset means an in-process {@link MemoryStore}. */
  redisUrl?: string;
  /** Prefix of every L2 key. Default `""`. */
  redisPrefix?: string;
  /** Told of Redis client errors (they never reach callers). */
  onRedisError?: (error: Error) => void;
}

/**
 * A cache with L2 on Redis (`redisUrl` set) or in memory; closing the cache closes L2.
 *
 * @param options Cache options plus where L2 lives.
 * @returns The cache; `l2Kind` says which store was chosen.
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
): { cache: Cache; l2Kind: "redis" | "memory" } {
  const { redisUrl, redisPrefix, onRedisError, ...rest } = options;
  const l2 = redisUrl
    ? new RedisStore({ url: redisUrl, prefix: redisPrefix, onError: onRedisError })
    : new MemoryStore();
  return {
    cache: new Cache({ ...rest, l2, closeL2: true }),
    l2Kind: redisUrl ? "redis" : "memory",
  };
}
