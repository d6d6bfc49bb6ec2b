/**
 * The public types of {@link import("./cache.ts").Cache}: its options, per-call options and
 * results.
 *
 * @module
 */
import type { BreakerOptions } from "./breaker.ts";
import type { CacheCounters } from "./counters.ts";
import type { CacheSecret } from "./crypto.ts";
import type { L2Store } from "./l2_store.ts";
import type { LeaseOptions } from "./_lease.ts";

/** How a value was served, for RFC 9211 `Cache-Status`. */
export interface CacheResult<T> {
  readonly value: T;
  /** `hit`: fresh from a tier; `miss`: loaded now; `stale`: past fresh, served within grace. */
  readonly status: "hit" | "miss" | "stale";
  /** Where the value came from. */
  readonly tier: "l1" | "l2" | "load";
  /** When the value stops being fresh (epoch ms); in the past for `stale`. */
  readonly freshUntil: number;
  /** True if this caller shared another caller's fill (in process, or via a lease). */
  readonly collapsed: boolean;
}

/** Per-call options of {@link Cache.getOrLoad}; each defaults to the cache's option. */
export interface GetOrLoadOptions {
  /** How long a loaded value is fresh (ms), before jitter. */
  ttlMs?: number;
  /** How long past fresh a value may still be served when loading fails or is slow (ms). */
  graceMs?: number;
  /** With a stale value at hand, serve it if the loader has not finished by then (ms). */
  softTimeoutMs?: number;
  /** Dotted paths of fields encrypted in L2, e.g. `["user.email"]`. */
  sensitiveFields?: readonly string[];
  /**
   * A load ahead of the readers (a writer refilling what it just changed): counted as a warm,
   * not as a miss, since no reader asked. Default false.
   */
  warm?: boolean;
  /**
   * A loaded `null` is kept in L1 only, for this long (ms), and never written to L2: ids that
   * do not exist cannot fill the shared tier. Default 0: `null` is cached like any value.
   */
  absentTtlMs?: number;
}

/** Options of {@link Cache}. */
export interface CacheOptions extends GetOrLoadOptions {
  /** The shared tier; none means L1 only. */
  l2?: L2Store;
  /** Close `l2` when the cache closes. Default false. */
  closeL2?: boolean;
  /** Bytes L1 may hold (estimated from serialized length). Default 64 MiB; 0 disables L1. */
  l1MaxBytes?: number;
  /** Fraction of the TTL removed at random so keys expire apart. Default 0.1. */
  jitter?: number;
  /** Deadline of each L2 call (ms). Default 50. */
  l2DeadlineMs?: number;
  /** Breaker around L2. Default 5 consecutive failures, 1000 ms cooldown. */
  breaker?: Omit<BreakerOptions, "onStateChange">;
  /** Cross-instance leases on L2 misses. */
  lease?: LeaseOptions;
  /** `CACHE_KEY`: one secret, an `id:secret,...` list, or explicit secrets. */
  secrets?: string | readonly CacheSecret[];
  /** Counters to record into. Default a new set. */
  counters?: CacheCounters;
}
