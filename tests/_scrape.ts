/**
 * Reading an instance's `/metrics` as an operator's Prometheus would, for tests and benches
 * that run their servers on loopback (where `/metrics` needs no token).
 *
 * @module
 */

/** The cache engine's counters of one instance, from `/metrics`. */
export interface CacheCounts {
  l1: number;
  l2: number;
  misses: number;
  warms: number;
  loads: number;
  /** Database statements sent (`beacon_db_queries_total`). */
  queries: number;
  /** Seconds spent in loaders (`beacon_cache_load_duration_seconds_sum`). */
  loadSeconds: number;
  /** Events applied, and their summed lag from the writer's stamp (`beacon_bus_lag_seconds`). */
  busEvents: number;
  busLagSeconds: number;
}

/**
 * Scrapes `/metrics`: each series (`name{labels}` as written) and its value.
 *
 * @example
 * ```ts ignore
 * const series = await scrapeMetrics("http://127.0.0.1:8000");
 * series.get('beacon_cache_hits_total{tier="l1"}'); // 1234
 * ```
 */
export async function scrapeMetrics(baseUrl: string): Promise<Map<string, number>> {
  const res = await fetch(`${baseUrl}/metrics`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${res.status}`);
  const series = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    series.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return series;
}

/**
 * The cache counters of one instance.
 *
 * @example
 * ```ts ignore
 * const before = await cacheCounts(url);
 * // ... load ...
 * const after = await cacheCounts(url);
 * console.log(after.misses - before.misses);
 * ```
 */
export async function cacheCounts(baseUrl: string): Promise<CacheCounts> {
  const series = await scrapeMetrics(baseUrl);
  const value = (name: string) => series.get(name) ?? 0;
  return {
    l1: value('beacon_cache_hits_total{tier="l1"}'),
    l2: value('beacon_cache_hits_total{tier="l2"}'),
    misses: value("beacon_cache_misses_total"),
    warms: value("beacon_cache_warms_total"),
    loads: value("beacon_cache_loads_total"),
    queries: value("beacon_db_queries_total"),
    loadSeconds: value("beacon_cache_load_duration_seconds_sum"),
    busEvents: value("beacon_bus_lag_seconds_count"),
    busLagSeconds: value("beacon_bus_lag_seconds_sum"),
  };
}

/** The difference of two counter readings, and their sum over instances. */
export function countsBetween(
  before: readonly CacheCounts[],
  after: readonly CacheCounts[],
): CacheCounts {
  const out: CacheCounts = {
    l1: 0,
    l2: 0,
    misses: 0,
    warms: 0,
    loads: 0,
    queries: 0,
    loadSeconds: 0,
    busEvents: 0,
    busLagSeconds: 0,
  };
  before.forEach((b, i) => {
    for (const key of Object.keys(out) as (keyof CacheCounts)[]) out[key] += after[i][key] - b[key];
  });
  return out;
}

/** Hits / (hits + misses); null without lookups. */
export function hitRatio(c: CacheCounts): number | null {
  const lookups = c.l1 + c.l2 + c.misses;
  return lookups === 0 ? null : (c.l1 + c.l2) / lookups;
}
