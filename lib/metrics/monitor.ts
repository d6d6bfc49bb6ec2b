/**
 * What the cache monitor (`/admin/cache`) shows: the recorder's samples, the canary cohorts
 * side by side, and the viewer's own tenant's hits and misses — never another tenant's.
 *
 * @module
 */
import type { AppDeps } from "../app/deps.ts";
import type { RequestContext } from "../resources/context.ts";
import { HTTP_LATENCY_BUCKETS, quantile } from "./histogram.ts";
import type { MonitorSample } from "./recorder.ts";
import { readWebSocketStats } from "./ws.ts";

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
  intervalMs: number;
  capacity: number;
  samples: MonitorSample[];
  cacheEnabled: boolean;
  /** `redis` with REDIS_URL, `memory` for the in-process L2, `off` with CACHE=off. */
  l2: "redis" | "memory" | "off";
  breaker: "closed" | "open" | "half-open";
  wsClients: number | null;
  hits: { l1: number; l2: number };
  misses: number;
  staleServed: number;
  tenant: TenantRow;
  cohorts: CohortRow[];
}

/**
 * Builds the monitor's data for one viewer.
 *
 * @param deps The app's dependencies.
 * @param ctx The viewer (an owner or admin); only their tenant's row is included.
 * @returns The payload, JSON-safe.
 * @example
 * ```ts ignore
 * return c.json(monitorPayload(c.var.deps, withRole(c, ADMIN_ROLES)));
 * ```
 */
export function monitorPayload(deps: AppDeps, ctx: RequestContext): MonitorPayload {
  const { recorder, http } = deps.metrics;
  const snapshot = deps.cache?.counters.snapshot();
  const own = snapshot?.tenants[ctx.tenant.id] ?? { hits: 0, misses: 0 };
  const lookups = own.hits + own.misses;
  const totals = http.cohortTotals();
  const cohorts = (["on", "off"] as const).map((cohort): CohortRow => {
    const t = totals[cohort];
    const p99 = quantile(HTTP_LATENCY_BUCKETS, t.latency, 0.99);
    return {
      cohort,
      requests: t.requests,
      notModified: t.notModified,
      serverErrors: t.serverErrors,
      p99Ms: p99 === null ? null : Math.round(p99 * 1e6) / 1000,
    };
  });
  return {
    intervalMs: recorder.intervalMs,
    capacity: recorder.capacity,
    samples: recorder.samples(),
    cacheEnabled: deps.cache !== null,
    l2: deps.cache ? (deps.config.redisUrl ? "redis" : "memory") : "off",
    breaker: deps.cache?.breakerState ?? "closed",
    wsClients: readWebSocketStats(deps)?.clients ?? null,
    hits: snapshot?.hits ?? { l1: 0, l2: 0 },
    misses: snapshot?.misses ?? 0,
    staleServed: snapshot?.staleServed ?? 0,
    tenant: {
      name: ctx.tenant.name,
      hits: own.hits,
      misses: own.misses,
      ratio: lookups > 0 ? own.hits / lookups : null,
    },
    cohorts,
  };
}
