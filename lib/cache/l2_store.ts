/**
 * The contract every second-tier store meets: string values with a TTL, and leases.
 *
 * @module
 */

/**
 * A shared second-tier store (Redis, or an in-process stand-in). Calls may reject; the cache
 * puts its own deadline and circuit breaker around every one of them.
 *
 * @example
 * ```ts
 * import { MemoryStore } from "./memory_store.ts";
 * import type { L2Store } from "./l2_store.ts";
 * const store: L2Store = new MemoryStore();
 * await store.set("k", "v", 1000);
 * await store.get("k"); // "v"
 * await store.close();
 * ```
 */
export interface L2Store {
  /** Whether the store can take calls now; false makes the cache fail fast without a call. */
  readonly ready: boolean;
  /** The value under `key`, or `undefined` when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Removes `key`. */
  delete(key: string): Promise<void>;
  /**
   * Takes the lease `key` for `ttlMs` if nobody holds it (`SET NX PX`).
   *
   * @returns True if this caller now holds it.
   */
  acquireLease(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Drops the lease `key` only if `token` still holds it. */
  releaseLease(key: string, token: string): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
  /**
   * Sharded stores (Redis Cluster) only: the node that serves `key` now, e.g. `"10.0.0.5:6379"`,
   * or `""` while that is unknown. The cache then keeps a breaker per node, so a lost shard
   * stops the calls to that shard alone.
   */
  nodeOf?(key: string): string;
  /** Sharded stores only: the nodes serving keys now, each with a key it serves (for probes). */
  nodes?(): readonly L2Node[];
}

/** A node of a sharded store, as {@link L2Store.nodes} lists it. */
export interface L2Node {
  /** Its name, as {@link L2Store.nodeOf} gives it. */
  readonly node: string;
  /** A key this node serves, for health probes. */
  readonly probeKey: string;
}
