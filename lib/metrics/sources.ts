/**
 * What the metrics read, as narrow interfaces: the cache's counters and breaker, the bus's and
 * the hub's stats, the database's query count and the page cache's counts. The app's
 * dependencies fit them; tests may pass less.
 *
 * @module
 */
import type { BreakerState, CountersSnapshot } from "../cache/mod.ts";
import type { BusStats, HubStats } from "../live/mod.ts";
import type { Metrics } from "./metrics.ts";

/** The cache, as metrics see it. */
export interface CacheSource {
  readonly counters: {
    snapshot(): CountersSnapshot;
    recordBusLag(ms: number): void;
    readonly l1Hits: number;
    readonly l2Hits: number;
    readonly misses: number;
  };
  readonly breakerState: BreakerState;
  /**
   * One round trip to L2 within its deadline: false when it failed or the breaker is open,
   * null without L2.
   */
  probeL2(): Promise<boolean | null>;
  /**
   * With Redis Cluster, one round trip to each master within the deadline (through its own
   * breaker): which answered. Absent or empty otherwise.
   */
  probeL2Nodes?(): Promise<{ node: string; ok: boolean }[]>;
  /** With Redis Cluster, each master's breaker state; absent or empty otherwise. */
  readonly breakerNodes?: readonly { node: string; state: BreakerState }[];
}

/** Where L2 lives: `redis`, `redis-cluster` (several `REDIS_URL`s), `memory`, or `off`. */
export type L2Kind = "redis" | "redis-cluster" | "memory" | "off";

/**
 * Where the cache's L2 lives, from the configuration.
 *
 * @example
 * ```ts
 * import { l2KindOf } from "./sources.ts";
 * l2KindOf({ redisUrl: "redis://a:6379,redis://b:6379", redisCluster: true }, true);
 * // "redis-cluster"
 * ```
 */
export function l2KindOf(config: MetricsSources["config"], cacheOn: boolean): L2Kind {
  if (!cacheOn) return "off";
  if (!config.redisUrl) return "memory";
  return config.redisCluster ? "redis-cluster" : "redis";
}

/** The invalidation bus, as metrics see it. */
export interface BusSource {
  stats(): BusStats;
  subscribe(listener: (event: { at: number }) => void): () => void;
}

/** The WebSocket hub, as metrics see it. */
export interface HubSource {
  stats(): HubStats;
}

/** Everything `/metrics`, `/healthz` and the cache monitor read. */
export interface MetricsSources {
  /** This instance's own HTTP counters, bus lag and samples. */
  metrics: Metrics;
  /** The cache; null when it is off. */
  cache: CacheSource | null;
  bus: BusSource;
  /** The hub; absent when the app runs without one. */
  hub?: HubSource | null;
  db: { readonly queryCount: number; query(sql: string): Promise<unknown> };
  /** Rendered pages reused, and rendered because none was kept. */
  htmlCache: { readonly hits: number; readonly misses: number };
  /**
   * Whether L2 is Redis (`REDIS_URL` set), a Redis Cluster (several URLs) or the in-process
   * store.
   */
  config: { readonly redisUrl?: string; readonly redisCluster?: boolean };
}
