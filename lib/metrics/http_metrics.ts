/**
 * HTTP request metrics by method, route pattern, status and canary cohort, and the middleware
 * that records them. The hot path does one map walk, one counter increment and one histogram
 * observe; series are created once per (method, route, status).
 *
 * @module
 */
import type { Context, Env, MiddlewareHandler } from "hono";
import { Histogram, HTTP_LATENCY_BUCKETS } from "./histogram.ts";

/**
 * The canary cohort of a request: `on`/`off` is the signed-in user's `cache` flag, `none` a
 * visitor or a tenant without that flag.
 */
export type Cohort = "on" | "off" | "none";

/** Cohorts in index order. */
export const COHORTS: readonly Cohort[] = ["on", "off", "none"];

const ON = 0;
const OFF = 1;
const NONE = 2;

/** Methods kept as labels; any other is counted as `OTHER`, so clients cannot add series. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The series of one method and route pattern. */
export class RouteSeries {
  /** Responses by status, each a count per cohort (indexed like {@linkcode COHORTS}). */
  readonly statuses = new Map<number, Float64Array>();
  /** Latency in seconds, one histogram per cohort. */
  readonly latency: Histogram[] = COHORTS.map(() => new Histogram(HTTP_LATENCY_BUCKETS));
}

/** Per-cohort totals over every route. */
export interface CohortTotals {
  requests: number;
  notModified: number;
  serverErrors: number;
  /** Latency observations per bucket (not cumulative), summed over routes. */
  latency: Float64Array;
}

/**
 * HTTP counters and latency histograms.
 *
 * @example
 * ```ts
 * import { HttpMetrics } from "./http_metrics.ts";
 * const http = new HttpMetrics();
 * http.record("GET", "/projects/:id", 304, "on", 0.0004);
 * http.requests; // 1
 * http.notModified; // 1
 * ```
 */
export class HttpMetrics {
  /** Every response counted. */
  requests = 0;
  /** `304 Not Modified` responses. */
  notModified = 0;
  #byMethod = new Map<string, Map<string, RouteSeries>>();

  /**
   * Counts one response.
   *
   * @param method The request method.
   * @param route The matched route pattern (never the raw path).
   * @param status The response status.
   * @param cohort The canary cohort.
   * @param seconds How long the app took.
   */
  record(method: string, route: string, status: number, cohort: Cohort, seconds: number): void {
    const index = cohort === "on" ? ON : cohort === "off" ? OFF : NONE;
    const series = this.#series(KNOWN_METHODS.has(method) ? method : "OTHER", route);
    let counts = series.statuses.get(status);
    if (counts === undefined) {
      counts = new Float64Array(COHORTS.length);
      series.statuses.set(status, counts);
    }
    counts[index]++;
    series.latency[index].observe(seconds);
    this.requests++;
    if (status === 304) this.notModified++;
  }

  /** Every series, by method then route pattern. */
  series(): ReadonlyMap<string, ReadonlyMap<string, RouteSeries>> {
    return this.#byMethod;
  }

  /** Totals per cohort over every route, for the recorder and the cohort comparison. */
  cohortTotals(): Record<Cohort, CohortTotals> {
    const totals = {} as Record<Cohort, CohortTotals>;
    for (const cohort of COHORTS) {
      totals[cohort] = {
        requests: 0,
        notModified: 0,
        serverErrors: 0,
        latency: new Float64Array(HTTP_LATENCY_BUCKETS.length + 1),
      };
    }
    for (const routes of this.#byMethod.values()) {
      for (const series of routes.values()) {
        for (const [status, counts] of series.statuses) {
          COHORTS.forEach((cohort, i) => {
            totals[cohort].requests += counts[i];
            if (status === 304) totals[cohort].notModified += counts[i];
            if (status >= 500) totals[cohort].serverErrors += counts[i];
          });
        }
        COHORTS.forEach((cohort, i) => {
          const into = totals[cohort].latency;
          const from = series.latency[i].counts;
          for (let b = 0; b < into.length; b++) into[b] += from[b];
        });
      }
    }
    return totals;
  }

  #series(method: string, route: string): RouteSeries {
    let routes = this.#byMethod.get(method);
    if (routes === undefined) {
      routes = new Map();
      this.#byMethod.set(method, routes);
    }
    let series = routes.get(route);
    if (series === undefined) {
      series = new RouteSeries();
      routes.set(route, series);
    }
    return series;
  }
}

/**
 * Middleware that counts every response by route pattern (`c.req.routePath`), status and
 * cohort, and observes its latency. Mount it first so it sees every response, errors included.
 *
 * @param http Where to record.
 * @example
 * ```ts ignore
 * app.use(httpMetrics(deps.metrics.http));
 * ```
 */
export function httpMetrics<E extends Env>(
  http: HttpMetrics,
  options: HttpMetricsOptions<E> = {},
): MiddlewareHandler<E> {
  const cohortOf = options.cohort ?? (() => "none");
  return async function httpMetrics(c, next): Promise<void> {
    const started = performance.now();
    await next();
    http.record(
      c.req.method,
      // After the chain ran, the pattern of the handler that answered; `/*` when no route did.
      c.req.routePath,
      c.res.status,
      cohortOf(c),
      (performance.now() - started) / 1000,
    );
  };
}

/** Options of {@linkcode httpMetrics}. */
export interface HttpMetricsOptions<E extends Env> {
  /** The request's canary cohort, read after the handler ran. Default `none`. */
  cohort?(c: Context<E>): Cohort;
}

/**
 * The canary cohort of a signed-in user's flags: `on` or `off` by their `cache` flag, `none`
 * for a visitor or a tenant without that flag.
 *
 * @example
 * ```ts
 * import { cohortOf } from "./http_metrics.ts";
 * cohortOf({ cache: false }); // "off"
 * cohortOf(undefined); // "none"
 * ```
 */
export function cohortOf(flags: Readonly<Record<string, boolean>> | undefined): Cohort {
  const flag = flags?.cache;
  return flag === true ? "on" : flag === false ? "off" : "none";
}
