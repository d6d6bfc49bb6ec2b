/**
 * The app's metrics: HTTP counters, the bus-lag histogram and the monitor's recorder, started
 * with the app's dependencies and stopped on close.
 *
 * @module
 */
import type { MetricsSources } from "./sources.ts";
import { BUS_LAG_BUCKETS, Histogram } from "./histogram.ts";
import { HttpMetrics } from "./http_metrics.ts";
import { MetricsRecorder, type Reading, type RecorderOptions } from "./recorder.ts";
import { readWebSocketStats } from "./ws.ts";

/**
 * Everything the app measures beyond what the cache and the bus count themselves.
 *
 * @example
 * ```ts ignore
 * const metrics = new Metrics({ intervalMs: 1000 });
 * const deps = { ...rest, metrics };
 * metrics.start(deps);
 * // …
 * metrics.close();
 * ```
 */
export class Metrics {
  /** HTTP requests by route, status and cohort. */
  readonly http: HttpMetrics = new HttpMetrics();
  /** Seconds from a writer's version bump to this instance applying it. */
  readonly busLag: Histogram = new Histogram(BUS_LAG_BUCKETS);
  /** Samples for the cache monitor's charts. */
  readonly recorder: MetricsRecorder;
  /** When this instance started measuring, epoch ms. */
  readonly startedAt: number = Date.now();
  #stopBus?: () => void;

  /** @param options The recorder's interval and capacity. */
  constructor(options: RecorderOptions = {}) {
    this.recorder = new MetricsRecorder(() => this.#reading(), options);
  }

  #deps?: MetricsSources;

  /** Subscribes to the bus (for the lag histogram) and starts the recorder. */
  start(deps: MetricsSources): void {
    this.#deps = deps;
    this.#stopBus = deps.bus.subscribe((event) => {
      const lagMs = Math.max(0, Date.now() - event.at);
      this.busLag.observe(lagMs / 1000);
      deps.cache?.counters.recordBusLag(lagMs);
    });
    this.recorder.start();
  }

  /** Stops the recorder and the bus subscription. */
  close(): void {
    this.recorder.stop();
    this.#stopBus?.();
    this.#stopBus = undefined;
  }

  #reading(): Reading {
    const deps = this.#deps;
    const counters = deps?.cache?.counters;
    return {
      at: Date.now(),
      http: this.http.cohortTotals(),
      hits: counters ? counters.l1Hits + counters.l2Hits : 0,
      misses: counters?.misses ?? 0,
      breaker: deps?.cache?.breakerState ?? "closed",
      wsClients: deps ? readWebSocketStats(deps)?.clients ?? null : null,
      tenants: counters?.snapshot().tenants ?? {},
    };
  }
}
