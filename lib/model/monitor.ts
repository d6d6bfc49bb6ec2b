/**
 * What the cache monitor (`/admin/cache`, `/admin/cache/series`) shows, as the server sends it
 * and the charts island reads it.
 *
 * @module
 */

/** One interval of the monitor's charts. */
export interface MonitorSample {
  /** End of the interval, epoch ms. */
  at: number;
  /** Requests per second, every cohort. */
  rps: number;
  /** Cache hits / lookups in the interval, 0–1; null without lookups. */
  hitRatio: number | null;
  /** 99th percentile latency in ms; null without requests. */
  p99Ms: number | null;
  /** Breaker state: 0 closed, 1 half-open, 2 open. */
  breaker: number;
  /** WebSocket clients at the end of the interval; null without a hub. */
  wsClients: number | null;
  /** Requests per second and p99 of the canary cohort (`cache` flag on) … */
  rpsOn: number;
  p99OnMs: number | null;
  /** … and of the control cohort (flag off). */
  rpsOff: number;
  p99OffMs: number | null;
  /** The busiest tenants' cache lookups per second and hit ratio in the interval, by tenant id. */
  tenants?: Record<string, TenantSample>;
}

/** One tenant's cache activity in an interval. */
export interface TenantSample {
  /** Lookups per second. */
  lookupsPerSecond: number;
  /** Hits / lookups, 0–1; null without lookups. */
  hitRatio: number | null;
}

/** One canary cohort's totals since start. */
export interface CohortRow {
  /** `on`: the `cache` flag is on for the user (the canary); `off`: the control. */
  cohort: "on" | "off";
  requests: number;
  notModified: number;
  serverErrors: number;
  /** p99 latency since start, ms; null without requests. */
  p99Ms: number | null;
}

/** The viewer's tenant's cache counts. */
export interface TenantRow {
  name: string;
  hits: number;
  misses: number;
  /** Hits / lookups, 0–1; null without lookups. */
  ratio: number | null;
}

/** Everything `/admin/cache` and `/admin/cache/series` show. */
export interface MonitorPayload {
  /**
   * `instance`: this instance's totals over every tenant, for operators (loopback or the
   * metrics token); `tenant`: the viewer's tenant alone — samples, hits and misses are its own,
   * and no cohort totals are given.
   */
  scope: "instance" | "tenant";
  intervalMs: number;
  capacity: number;
  samples: MonitorSample[];
  cacheEnabled: boolean;
  /**
   * `redis` with REDIS_URL, `redis-cluster` when it lists several nodes, `memory` for the
   * in-process L2, `off` with CACHE=off.
   */
  l2: "redis" | "redis-cluster" | "memory" | "off";
  breaker: "closed" | "open" | "half-open";
  wsClients: number | null;
  hits: { l1: number; l2: number };
  misses: number;
  staleServed: number;
  tenant: TenantRow;
  cohorts: CohortRow[];
}
