/**
 * What the cache monitor (`/admin/cache`) shows: the recorder's samples, the canary cohorts
 * side by side, and the viewer's own tenant's hits and misses — never another tenant's.
 *
 * @module
 */
import type { CohortRow, MonitorPayload, TenantRow } from "../model/monitor.ts";
import { HTTP_LATENCY_BUCKETS, quantile } from "./histogram.ts";
import type { MetricsSources } from "./sources.ts";
import { readWebSocketStats } from "./ws.ts";

export type { CohortRow, MonitorPayload, TenantRow };

/**
 * Builds the monitor's data for one viewer.
 *
 * @param deps What is measured: the app's dependencies fit.
 * @param viewer The viewer's tenant (an owner or admin's); only its row is included.
 * @returns The payload, JSON-safe.
 * @example
 * ```ts ignore
 * return c.json(monitorPayload(c.var.deps, withRole(c, ADMIN_ROLES)));
 * ```
 */
export function monitorPayload(
  deps: MetricsSources,
  viewer: { tenant: { id: string; name: string } },
): MonitorPayload {
  const { recorder, http } = deps.metrics;
  const snapshot = deps.cache?.counters.snapshot();
  const own = snapshot?.tenants[viewer.tenant.id] ?? { hits: 0, misses: 0 };
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
      name: viewer.tenant.name,
      hits: own.hits,
      misses: own.misses,
      ratio: lookups > 0 ? own.hits / lookups : null,
    },
    cohorts,
  };
}
