/**
 * What the cache monitor (`/admin/cache`) shows: the recorder's samples, the canary cohorts
 * side by side, and the viewer's own tenant's hits and misses — never another tenant's.
 *
 * @module
 */
import type { CohortRow, MonitorPayload, MonitorSample, TenantRow } from "../model/monitor.ts";
import { HTTP_LATENCY_BUCKETS, quantile } from "./histogram.ts";
import { l2KindOf, type MetricsSources } from "./sources.ts";
import { readWebSocketStats } from "./ws.ts";

export type { CohortRow, MonitorPayload, TenantRow };

/**
 * Builds the monitor's data for one viewer: this instance's totals over every tenant for an
 * operator, else the viewer's tenant alone (its own samples, hits and misses, no cohorts).
 *
 * @param deps What is measured: the app's dependencies fit.
 * @param viewer The viewer's tenant (an owner or admin's).
 * @param options `operator`: the request came from loopback or with the metrics token.
 * @returns The payload, JSON-safe.
 * @example
 * ```ts ignore
 * const operator = metricsAllowed(c, config);
 * return c.json(monitorPayload(c.var.deps, withRole(c, ADMIN_ROLES), { operator }));
 * ```
 */
export function monitorPayload(
  deps: MetricsSources,
  viewer: { tenant: { id: string; name: string } },
  options: { operator: boolean },
): MonitorPayload {
  const { recorder } = deps.metrics;
  const snapshot = deps.cache?.counters.snapshot();
  const own = snapshot?.tenants[viewer.tenant.id] ?? { hits: 0, misses: 0 };
  const lookups = own.hits + own.misses;
  const common = {
    intervalMs: recorder.intervalMs,
    capacity: recorder.capacity,
    cacheEnabled: deps.cache !== null,
    l2: l2KindOf(deps.config, deps.cache !== null),
    breaker: deps.cache?.breakerState ?? "closed",
    tenant: {
      name: viewer.tenant.name,
      hits: own.hits,
      misses: own.misses,
      ratio: lookups > 0 ? own.hits / lookups : null,
    },
  } as const;
  if (!options.operator) {
    return {
      ...common,
      scope: "tenant",
      samples: recorder.samples().map((sample) => tenantSample(sample, viewer.tenant.id)),
      wsClients: null,
      hits: { l1: own.hits, l2: 0 },
      misses: own.misses,
      staleServed: 0,
      cohorts: [],
    };
  }
  return {
    ...common,
    scope: "instance",
    samples: recorder.samples(),
    wsClients: readWebSocketStats(deps)?.clients ?? null,
    hits: snapshot?.hits ?? { l1: 0, l2: 0 },
    misses: snapshot?.misses ?? 0,
    staleServed: snapshot?.staleServed ?? 0,
    cohorts: cohortRows(deps),
  };
}

/** A sample as one tenant may see it: its own lookups and hit ratio, the breaker. */
function tenantSample(sample: MonitorSample, tenantId: string): MonitorSample {
  const own = sample.tenants?.[tenantId];
  return {
    at: sample.at,
    rps: own?.lookupsPerSecond ?? 0,
    hitRatio: own?.hitRatio ?? null,
    p99Ms: null,
    breaker: sample.breaker,
    wsClients: null,
    rpsOn: 0,
    p99OnMs: null,
    rpsOff: 0,
    p99OffMs: null,
  };
}

function cohortRows(deps: MetricsSources): CohortRow[] {
  const totals = deps.metrics.http.cohortTotals();
  return (["on", "off"] as const).map((cohort): CohortRow => {
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
}
