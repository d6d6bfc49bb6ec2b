/**
 * `/metrics`: every counter of the app in Prometheus text format.
 *
 * @module
 */
import type { CountersSnapshot, TenantCounts } from "../cache/mod.ts";
import { Exposition, type HistogramSample, type Sample } from "./exposition.ts";
import { COHORTS } from "./http_metrics.ts";
import { readWebSocketStats } from "./ws.ts";
import type { MetricsSources } from "./sources.ts";

/** Tenants exposed one by one; the rest are summed as `tenant="other"`. */
export const TOP_TENANTS = 20;

const BREAKER_STATES = ["closed", "half-open", "open"] as const;

/**
 * Renders every metric of the app.
 *
 * @param deps What is measured: the app's dependencies fit.
 * @returns The exposition text.
 * @example
 * ```ts ignore
 * return c.body(renderMetrics(c.var.deps), 200, { "Content-Type": EXPOSITION_CONTENT_TYPE });
 * ```
 */
export function renderMetrics(deps: MetricsSources): string {
  const out = new Exposition();
  writeHttp(out, deps);
  writeCache(out, deps.cache?.counters.snapshot() ?? null);
  writeBus(out, deps);
  writeOther(out, deps);
  return out.text();
}

function writeHttp(out: Exposition, deps: MetricsSources): void {
  const { http } = deps.metrics;
  const requests: Sample[] = [];
  const latency: HistogramSample[] = [];
  for (const [method, routes] of http.series()) {
    for (const [route, series] of routes) {
      for (const [status, counts] of series.statuses) {
        COHORTS.forEach((cohort, i) => {
          if (counts[i] > 0) {
            requests.push({
              labels: { method, route, status: String(status), cohort },
              value: counts[i],
            });
          }
        });
      }
      COHORTS.forEach((cohort, i) => {
        const h = series.latency[i];
        if (h.count === 0) return;
        latency.push({
          labels: { method, route, cohort },
          bounds: h.bounds,
          cumulative: h.cumulative(),
          sum: h.sum,
          count: h.count,
        });
      });
    }
  }
  out.counter(
    "beacon_http_requests_total",
    "HTTP responses by method, route pattern, status and canary cohort (cache flag on/off, none for visitors).",
    requests,
  );
  out.histogram(
    "beacon_http_request_duration_seconds",
    "Time from request to response, by method, route pattern and canary cohort.",
    latency,
  );
  out.counter("beacon_http_not_modified_total", "304 Not Modified responses.", [
    { value: http.notModified },
  ]);
}

function writeCache(out: Exposition, s: CountersSnapshot | null): void {
  out.gauge("beacon_cache_enabled", "1 when the cache is on, 0 with CACHE=off.", [
    { value: s ? 1 : 0 },
  ]);
  if (!s) return;
  out.counter("beacon_cache_hits_total", "Cache hits by tier.", [
    { labels: { tier: "l1" }, value: s.hits.l1 },
    { labels: { tier: "l2" }, value: s.hits.l2 },
  ]);
  out.counter("beacon_cache_misses_total", "Cache misses (values that had to be loaded).", [
    { value: s.misses },
  ]);
  out.counter("beacon_cache_warms_total", "Values loaded ahead of their readers after a write.", [
    { value: s.warms },
  ]);
  out.counter("beacon_cache_loads_total", "Loader runs that completed.", [{ value: s.loads }]);
  out.counter("beacon_cache_load_errors_total", "Loader runs that failed.", [
    { value: s.loadErrors },
  ]);
  const d = s.loadDuration;
  out.histogram("beacon_cache_load_duration_seconds", "Loader run time.", [{
    bounds: d.le.slice(0, -1).map((ms) => ms / 1000),
    cumulative: d.buckets,
    sum: d.sumMs / 1000,
    count: d.count,
  }]);
  out.counter("beacon_cache_stale_served_total", "Values served stale within the grace period.", [
    { value: s.staleServed },
  ]);
  out.counter("beacon_cache_lease_waits_total", "Waits on another instance's load lease.", [
    { value: s.leaseWaits },
  ]);
  out.counter("beacon_cache_l2_calls_total", "Calls to the L2 store (Redis).", [
    { value: s.l2.calls },
  ]);
  out.counter("beacon_cache_l2_errors_total", "L2 calls that failed.", [{ value: s.l2.errors }]);
  out.counter("beacon_cache_l2_timeouts_total", "L2 calls past their deadline.", [
    { value: s.l2.timeouts },
  ]);
  out.counter("beacon_cache_l2_skipped_total", "L2 calls not made: the breaker was open.", [
    { value: s.l2.skipped },
  ]);
  out.gauge(
    "beacon_cache_breaker_state",
    "The L2 circuit breaker: 1 for the state it is in, 0 for the others.",
    BREAKER_STATES.map((state) => ({
      labels: { state },
      value: s.breaker.state === state ? 1 : 0,
    })),
  );
  if (s.breaker.nodes?.length) {
    out.gauge(
      "beacon_cache_breaker_node_state",
      "Each Redis Cluster master's breaker: 1 for the state it is in, 0 for the others.",
      s.breaker.nodes.flatMap(({ node, state: current }) =>
        BREAKER_STATES.map((state) => ({
          labels: { node, state },
          value: current === state ? 1 : 0,
        }))
      ),
    );
  }
  out.counter("beacon_cache_breaker_transitions_total", "Breaker state changes.", [
    { value: s.breaker.changes },
  ]);
  out.counter("beacon_cache_decrypt_failures_total", "Sensitive fields that failed to decrypt.", [
    { value: s.decryptFailures },
  ]);
  out.gauge("beacon_cache_l1_entries", "Entries in the in-process L1.", [{ value: s.l1.entries }]);
  out.gauge("beacon_cache_l1_bytes", "Bytes held by the in-process L1.", [{ value: s.l1.bytes }]);
  out.counter("beacon_cache_l1_evictions_total", "L1 entries evicted for space.", [
    { value: s.l1.evictions },
  ]);
  writeTenants(out, s.tenants);
}

/** The busiest tenants one by one, the rest as `other`: a bounded number of series. */
export function topTenants(
  tenants: Record<string, TenantCounts>,
  limit: number = TOP_TENANTS,
): [string, TenantCounts][] {
  const ranked = Object.entries(tenants).filter(([name]) => name !== "other")
    .sort(([, a], [, b]) => (b.hits + b.misses) - (a.hits + a.misses));
  const top = ranked.slice(0, limit);
  const other = { hits: tenants.other?.hits ?? 0, misses: tenants.other?.misses ?? 0 };
  for (const [, c] of ranked.slice(limit)) {
    other.hits += c.hits;
    other.misses += c.misses;
  }
  if (other.hits + other.misses > 0) top.push(["other", other]);
  return top;
}

function writeTenants(out: Exposition, tenants: Record<string, TenantCounts>): void {
  const top = topTenants(tenants);
  const help =
    `by tenant id (top ${TOP_TENANTS}, the rest as "other"; "sessions" is session lookups)`;
  out.counter(
    "beacon_cache_tenant_hits_total",
    `Cache hits ${help}.`,
    top.map(([tenant, c]) => ({ labels: { tenant }, value: c.hits })),
  );
  out.counter(
    "beacon_cache_tenant_misses_total",
    `Cache misses ${help}.`,
    top.map(([tenant, c]) => ({ labels: { tenant }, value: c.misses })),
  );
  out.gauge(
    "beacon_cache_tenant_hit_ratio",
    `Hits / (hits + misses) since start, ${help}.`,
    top.map(([tenant, c]) => ({ labels: { tenant }, value: ratio(c) })),
  );
}

function writeBus(out: Exposition, deps: MetricsSources): void {
  const bus = deps.bus.stats();
  const lag = deps.metrics.busLag;
  out.histogram(
    "beacon_bus_lag_seconds",
    "Time from a writer's version bump to this instance applying it.",
    [{ bounds: lag.bounds, cumulative: lag.cumulative(), sum: lag.sum, count: lag.count }],
  );
  out.counter("beacon_bus_events_applied_total", "Invalidation events applied.", [
    { value: bus.eventsApplied },
  ]);
  out.counter("beacon_bus_replays_total", "Replays after the listener (re)connected.", [
    { value: bus.replays },
  ]);
  out.counter("beacon_bus_replay_errors_total", "Replays that failed and were retried.", [
    { value: bus.replayErrors },
  ]);
  out.counter("beacon_bus_resyncs_total", "Full version reloads after events were pruned.", [
    { value: bus.resyncs },
  ]);
  out.gauge("beacon_bus_last_seq", "Highest invalidation sequence number applied.", [
    { value: bus.lastSeq },
  ]);
  out.gauge("beacon_bus_running", "1 while the invalidation bus listens.", [
    { value: bus.running ? 1 : 0 },
  ]);
}

function writeOther(out: Exposition, deps: MetricsSources): void {
  const ws = readWebSocketStats(deps);
  if (ws) {
    out.gauge("beacon_ws_clients", "WebSocket clients connected.", [{ value: ws.clients }]);
    out.counter("beacon_ws_connections_total", "WebSocket connections accepted.", [
      { value: ws.accepted },
    ]);
    out.counter("beacon_ws_events_pushed_total", "Invalidation events pushed live to browsers.", [
      { value: ws.eventsPushed },
    ]);
    out.counter("beacon_ws_events_replayed_total", "Events replayed to reconnecting browsers.", [
      { value: ws.eventsReplayed },
    ]);
    out.counter("beacon_ws_resyncs_sent_total", "Resync frames sent to browsers.", [
      { value: ws.resyncsSent },
    ]);
    out.counter(
      "beacon_ws_closes_total",
      "WebSocket connections closed, by reason.",
      Object.entries(ws.closes).map(([reason, value]) => ({ labels: { reason }, value })),
    );
  }
  out.counter("beacon_db_queries_total", "Database queries sent by this instance.", [
    { value: deps.db.queryCount },
  ]);
  out.counter("beacon_html_cache_hits_total", "Rendered pages reused by ETag.", [
    { value: deps.htmlCache.hits },
  ]);
  out.counter("beacon_html_cache_misses_total", "Pages rendered because none was kept.", [
    { value: deps.htmlCache.misses },
  ]);
  out.gauge("beacon_process_start_time_seconds", "When this instance started, epoch seconds.", [
    { value: Math.floor(deps.metrics.startedAt / 1000) },
  ]);
  out.gauge("beacon_process_resident_memory_bytes", "Resident memory of the process.", [
    { value: Deno.memoryUsage().rss },
  ]);
}

/** Hits / lookups, 0 without lookups. */
export function ratio(c: TenantCounts): number {
  const lookups = c.hits + c.misses;
  return lookups === 0 ? 0 : c.hits / lookups;
}
