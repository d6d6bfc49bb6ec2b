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
}
