/**
 * Beacon's cache engine: versioned keys, an in-process L1 and a shared L2 (Redis, Redis Cluster
 * or memory), single flight and leases, stale grace, a circuit breaker around L2 (one per node
 * with Redis Cluster), field encryption and counters. It knows nothing of the domain: only keys, topics, versions, tenants and loaders.
 *
 * @example
 * ```ts
 * import { cacheKey, createCache } from "./mod.ts";
 * const { cache } = createCache({ redisUrl: Deno.env.get("REDIS_URL"), ttlMs: 30_000 });
 * const key = cacheKey({
 *   namespace: "beacon", schema: 1, tenant: "acme", kind: "dashboard", id: "p1",
 *   versions: { project: 4, tasks: 9 },
 * });
 * const result = await cache.getOrLoad(key, () => Promise.resolve({ title: "P1" }));
 * console.log(result.status, result.tier); // "miss" "load"
 * await cache.close();
 * ```
 *
 * @module
 */
export { Cache, type CacheOptions, type CacheResult, type GetOrLoadOptions } from "./cache.ts";
export { createCache, type CreateCacheOptions } from "./create_cache.ts";
export {
  type CacheKey,
  cacheKey,
  encodeSegment,
  encodeVersions,
  type KeyParts,
  MAX_RAW_LENGTH,
  MAX_SEGMENT_LENGTH,
  tenantPrefix,
} from "./keys.ts";
export type { L2Node, L2Store } from "./l2_store.ts";
export { MemoryStore, type MemoryStoreOptions } from "./memory_store.ts";
export { RedisStore, type RedisStoreOptions } from "./redis_store.ts";
export { RedisClusterStore, type RedisClusterStoreOptions } from "./redis_cluster_store.ts";
export { parseRedisUrls } from "./redis_urls.ts";
export { keySlot, SLOT_COUNT } from "./key_slot.ts";
export { type NodeBreakerState, summarize } from "./shard_breakers.ts";
export { type BreakerOptions, type BreakerState, CircuitBreaker } from "./breaker.ts";
export {
  type CacheSecret,
  DecryptError,
  FieldCipher,
  parseCacheSecrets,
  type SealedField,
} from "./crypto.ts";
export {
  CacheCounters,
  type CacheCountersOptions,
  type CountersSnapshot,
  LOAD_BUCKETS_MS,
  type TenantCounts,
} from "./counters.ts";
export type { LeaseOptions } from "./_lease.ts";
export { ByteLru, type ByteLruOptions } from "./byte_lru.ts";
