/**
 * Beacon's monitoring: HTTP metrics middleware, the Prometheus exposition of every counter,
 * the cache monitor's sample recorder, the health check and OpenTelemetry spans for the cache.
 *
 * @example
 * ```ts ignore
 * import { httpMetrics, renderMetrics } from "./mod.ts";
 * app.use(httpMetrics(deps.metrics.http));
 * app.get("/metrics", (c) => c.text(renderMetrics(c.var.deps)));
 * ```
 *
 * @module
 */
export { Metrics } from "./metrics.ts";
export {
  type Cohort,
  cohortOf,
  COHORTS,
  HttpMetrics,
  httpMetrics,
  type HttpMetricsOptions,
} from "./http_metrics.ts";
export {
  type BusSource,
  type CacheSource,
  type HubSource,
  type MetricsSources,
} from "./sources.ts";
export { ratio, renderMetrics, TOP_TENANTS, topTenants } from "./collect.ts";
export { Exposition, EXPOSITION_CONTENT_TYPE } from "./exposition.ts";
export { Histogram, quantile } from "./histogram.ts";
export { MetricsRecorder, type MonitorSample, type Reading } from "./recorder.ts";
export { checkHealth, type Health, type HealthSources, type PublicHealth } from "./health.ts";
export { isLoopback, metricsAllowed } from "./access.ts";
export { cacheTracer, otelEnabled, traceCache } from "./tracing.ts";
export { readWebSocketStats } from "./ws.ts";
export { type CohortRow, type MonitorPayload, monitorPayload, type TenantRow } from "./monitor.ts";
