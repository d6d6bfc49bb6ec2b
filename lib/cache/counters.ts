/**
 * Cache counters: plain numeric fields the hot path bumps directly, and a snapshot for
 * `/metrics` and `/admin/cache`.
 *
 * @module
 */

/** Upper bounds (ms) of the load-duration histogram buckets; a final `+Inf` bucket follows. */
export const LOAD_BUCKETS_MS: readonly number[] = [
  1,
  2,
  5,
  10,
  25,
  50,
  100,
  250,
  500,
  1000,
  2500,
  5000,
  10000,
];

/** Hits and misses of one tenant. */
export interface TenantCounts {
  hits: number;
  misses: number;
}

/** Circuit breaker states. */
export type BreakerState = "closed" | "open" | "half-open";

/** A point-in-time copy of every counter. */
export interface CountersSnapshot {
  hits: { l1: number; l2: number };
  misses: number;
  /** Loads ahead of the readers, after a write (not misses: no reader asked). */
  warms: number;
  loads: number;
  loadErrors: number;
  /** Cumulative histogram: `buckets[i]` counts loads that took at most `le[i]` ms. */
  loadDuration: { le: number[]; buckets: number[]; count: number; sumMs: number };
  staleServed: number;
  leaseWaits: number;
  /** Every call the cache made to its L2 store (with Redis: every command it sent). */
  l2: { calls: number; errors: number; timeouts: number; skipped: number };
  /**
   * The L2 breaker; with a sharded store (Redis Cluster) `state` sums up the per-node breakers
   * in `nodes` (`open` only when all are open, `half-open` when some are).
   */
  breaker: {
    state: BreakerState;
    changes: number;
    opened: number;
    nodes?: { node: string; state: BreakerState }[];
  };
  decryptFailures: number;
  l1: { entries: number; bytes: number; evictions: number };
  /** Per-tenant counts; tenants past the first `maxTenants` are summed under `"other"`. */
  tenants: Record<string, TenantCounts>;
  busLag: { lastMs: number; maxMs: number; events: number };
  replays: number;
}

/** Options of {@link CacheCounters}. */
export interface CacheCountersOptions {
  /** Tenants tracked one by one before the rest are summed as `"other"`. Default 100. */
  maxTenants?: number;
}

/**
 * Every counter of one cache. Fields are public numbers so the hot path pays one increment.
 *
 * @example
 * ```ts
 * import { CacheCounters } from "./counters.ts";
 * const counters = new CacheCounters();
 * counters.recordLoad(12);
 * counters.snapshot().loads; // 1
 * ```
 */
export class CacheCounters {
  l1Hits = 0;
  l2Hits = 0;
  misses = 0;
  warms = 0;
  loads = 0;
  loadErrors = 0;
  staleServed = 0;
  leaseWaits = 0;
  l2Calls = 0;
  l2Errors = 0;
  l2Timeouts = 0;
  /** L2 calls not made because the breaker was open. */
  l2Skipped = 0;
  breakerState: BreakerState = "closed";
  breakerChanges = 0;
  breakerOpened = 0;
  decryptFailures = 0;
  l1Evictions = 0;
  busLagLastMs = 0;
  busLagMaxMs = 0;
  busEvents = 0;
  replays = 0;
  #loadBuckets = new Array<number>(LOAD_BUCKETS_MS.length + 1).fill(0);
  #loadSumMs = 0;
  #tenants = new Map<string, TenantCounts>();
  #other: TenantCounts = { hits: 0, misses: 0 };
  #maxTenants: number;
  #l1Size: () => { entries: number; bytes: number } = () => ({ entries: 0, bytes: 0 });
  #breakerNodes?: () => { node: string; state: BreakerState }[];

  /** @param options `maxTenants` bounds per-tenant cardinality (default 100). */
  constructor(options: CacheCountersOptions = {}) {
    this.#maxTenants = options.maxTenants ?? 100;
  }

  /**
   * The counts slot of a tenant; callers may keep it and bump `hits`/`misses` directly.
   *
   * @param tenant Tenant id.
   * @returns Its own slot, or the shared `"other"` slot once `maxTenants` are tracked.
   */
  tenant(tenant: string): TenantCounts {
    let slot = this.#tenants.get(tenant);
    if (slot === undefined) {
      if (this.#tenants.size >= this.#maxTenants) return this.#other;
      slot = { hits: 0, misses: 0 };
      this.#tenants.set(tenant, slot);
    }
    return slot;
  }

  /** Records one completed load and its duration. @param durationMs How long it took. */
  recordLoad(durationMs: number): void {
    this.loads++;
    this.#loadSumMs += durationMs;
    let i = 0;
    while (i < LOAD_BUCKETS_MS.length && durationMs > LOAD_BUCKETS_MS[i]) i++;
    this.#loadBuckets[i]++;
  }

  /** Records a breaker transition. @param state The state entered. */
  recordBreaker(state: BreakerState): void {
    if (state === this.breakerState) return;
    this.breakerState = state;
    this.breakerChanges++;
    if (state === "open") this.breakerOpened++;
  }

  /** Records how late an invalidation event arrived (fed by the bus). @param lagMs The lag. */
  recordBusLag(lagMs: number): void {
    this.busEvents++;
    this.busLagLastMs = lagMs;
    if (lagMs > this.busLagMaxMs) this.busLagMaxMs = lagMs;
  }

  /** Records replayed invalidation events (fed by the bus). @param count How many. */
  recordReplays(count = 1): void {
    this.replays += count;
  }

  /** Lets the L1 report its size into snapshots. @param size Returns entries and bytes. */
  observeL1(size: () => { entries: number; bytes: number }): void {
    this.#l1Size = size;
  }

  /**
   * Lets per-node breakers (Redis Cluster) report their states into snapshots.
   *
   * @param nodes Returns each node and its breaker's state.
   */
  observeBreakerNodes(nodes: () => { node: string; state: BreakerState }[]): void {
    this.#breakerNodes = nodes;
  }

  /**
   * A copy of every counter.
   *
   * @returns The snapshot; later increments do not change it.
   */
  snapshot(): CountersSnapshot {
    const tenants: Record<string, TenantCounts> = {};
    for (const [name, c] of this.#tenants) tenants[name] = { ...c };
    if (this.#other.hits + this.#other.misses > 0) tenants.other = { ...this.#other };
    // Read first: it may record a summary change (a node that left the topology).
    const nodes = this.#breakerNodes?.();
    let running = 0;
    const buckets = this.#loadBuckets.map((n) => (running += n));
    return {
      hits: { l1: this.l1Hits, l2: this.l2Hits },
      misses: this.misses,
      warms: this.warms,
      loads: this.loads,
      loadErrors: this.loadErrors,
      loadDuration: {
        le: [...LOAD_BUCKETS_MS, Infinity],
        buckets,
        count: running,
        sumMs: this.#loadSumMs,
      },
      staleServed: this.staleServed,
      leaseWaits: this.leaseWaits,
      l2: {
        calls: this.l2Calls,
        errors: this.l2Errors,
        timeouts: this.l2Timeouts,
        skipped: this.l2Skipped,
      },
      breaker: {
        state: this.breakerState,
        changes: this.breakerChanges,
        opened: this.breakerOpened,
        ...(nodes === undefined ? {} : { nodes }),
      },
      decryptFailures: this.decryptFailures,
      l1: { ...this.#l1Size(), evictions: this.l1Evictions },
      tenants,
      busLag: { lastMs: this.busLagLastMs, maxMs: this.busLagMaxMs, events: this.busEvents },
      replays: this.replays,
    };
  }
}
