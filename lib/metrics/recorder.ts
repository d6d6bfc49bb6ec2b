/**
 * The cache monitor's memory: a ring buffer of per-interval samples (hit ratio, requests per
 * second, p99 latency, breaker state, WebSocket clients, and the two canary cohorts), taken by
 * a timer from cumulative readings.
 *
 * @module
 */
import type { MonitorSample } from "../model/monitor.ts";

export type { MonitorSample };
import { HTTP_LATENCY_BUCKETS, quantile } from "./histogram.ts";
import type { Cohort, CohortTotals } from "./http_metrics.ts";

/** Cumulative numbers the recorder takes differences of. */
export interface Reading {
  /** Milliseconds since the epoch. */
  at: number;
  http: Record<Cohort, CohortTotals>;
  /** Cache hits (every tier) and misses; zero with the cache off. */
  hits: number;
  misses: number;
  breaker: "closed" | "open" | "half-open";
  /** WebSocket clients connected, null without a hub. */
  wsClients: number | null;
  /** Each tenant's cache hits and misses so far. */
  tenants: Readonly<Record<string, { hits: number; misses: number }>>;
}

/** Tenants kept per sample, the busiest first. */
export const TENANTS_PER_SAMPLE = 50;

/** Options of {@linkcode MetricsRecorder}. */
export interface RecorderOptions {
  /** Sampling interval. Default 1000 ms. */
  intervalMs?: number;
  /** Samples kept. Default 300 (five minutes at one per second). */
  capacity?: number;
}

const BREAKER_LEVEL = { closed: 0, "half-open": 1, open: 2 } as const;

/**
 * Samples `read()` every interval into a fixed-size ring.
 *
 * @example
 * ```ts ignore
 * const recorder = new MetricsRecorder(() => readNow(), { intervalMs: 1000 });
 * recorder.start();
 * recorder.samples(); // oldest first
 * recorder.stop();
 * ```
 */
export class MetricsRecorder {
  readonly intervalMs: number;
  readonly capacity: number;
  #read: () => Reading;
  #ring: MonitorSample[] = [];
  #next = 0;
  #previous?: Reading;
  #timer?: ReturnType<typeof setInterval>;

  /** @param read Takes the cumulative reading. @param options Interval and capacity. */
  constructor(read: () => Reading, options: RecorderOptions = {}) {
    this.#read = read;
    this.intervalMs = options.intervalMs ?? 1000;
    this.capacity = options.capacity ?? 300;
  }

  /** Takes a baseline now and a sample every interval. The timer does not hold the process. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#previous = this.#read();
    const timer = setInterval(() => this.sample(), this.intervalMs);
    Deno.unrefTimer(timer);
    this.#timer = timer;
  }

  /** Stops sampling; the samples stay. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Takes one sample now (the timer calls this); the first call only sets the baseline. */
  sample(): MonitorSample | undefined {
    const now = this.#read();
    const before = this.#previous;
    this.#previous = now;
    if (!before) return undefined;
    const sample = difference(before, now);
    if (this.#ring.length < this.capacity) this.#ring.push(sample);
    else this.#ring[this.#next] = sample;
    this.#next = (this.#next + 1) % this.capacity;
    return sample;
  }

  /** Every sample held, oldest first. */
  samples(): MonitorSample[] {
    if (this.#ring.length < this.capacity) return [...this.#ring];
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }
}

function difference(before: Reading, now: Reading): MonitorSample {
  const seconds = Math.max(0.001, (now.at - before.at) / 1000);
  const hits = now.hits - before.hits;
  const lookups = hits + now.misses - before.misses;
  const all = new Float64Array(HTTP_LATENCY_BUCKETS.length + 1);
  let requests = 0;
  const cohort = (name: Cohort) => {
    const delta = now.http[name].latency.map((n, i) => n - before.http[name].latency[i]);
    for (let i = 0; i < all.length; i++) all[i] += delta[i];
    const count = now.http[name].requests - before.http[name].requests;
    requests += count;
    return { rps: count / seconds, p99Ms: toMs(quantile(HTTP_LATENCY_BUCKETS, delta, 0.99)) };
  };
  const on = cohort("on");
  const off = cohort("off");
  cohort("none");
  return {
    at: now.at,
    rps: requests / seconds,
    hitRatio: lookups > 0 ? hits / lookups : null,
    p99Ms: toMs(quantile(HTTP_LATENCY_BUCKETS, all, 0.99)),
    breaker: BREAKER_LEVEL[now.breaker],
    wsClients: now.wsClients,
    rpsOn: on.rps,
    p99OnMs: on.p99Ms,
    rpsOff: off.rps,
    p99OffMs: off.p99Ms,
    tenants: tenantSamples(before, now, seconds),
  };
}

/** The busiest tenants' activity between two readings. */
function tenantSamples(before: Reading, now: Reading, seconds: number) {
  const active: [string, number, number][] = [];
  for (const [tenant, counts] of Object.entries(now.tenants)) {
    const earlier = before.tenants[tenant] ?? { hits: 0, misses: 0 };
    const hits = counts.hits - earlier.hits;
    const lookups = hits + counts.misses - earlier.misses;
    if (lookups > 0) active.push([tenant, hits, lookups]);
  }
  active.sort((a, b) => b[2] - a[2]);
  return Object.fromEntries(
    active.slice(0, TENANTS_PER_SAMPLE).map(([tenant, hits, lookups]) => [
      tenant,
      { lookupsPerSecond: lookups / seconds, hitRatio: hits / lookups },
    ]),
  );
}

function toMs(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1e6) / 1000;
}
