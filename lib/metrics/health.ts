/**
 * `/healthz`: whether this instance can serve. The database is probed with one `SELECT 1`
 * under a deadline; Redis with one `GET` through the cache's guard (its per-call deadline, and
 * no call while the breaker is open, so a check never adds load to a Redis already failing).
 *
 * @module
 */
import type { MetricsSources } from "./sources.ts";

/** The health report; it carries no configuration and no secrets. */
export interface Health {
  /** `ok`; `degraded` serving with a part down (Redis, the bus); `down` unable to serve. */
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; latencyMs: number };
  redis: { ok: boolean | "not configured"; breaker: "closed" | "open" | "half-open" };
  bus: { lastSeq: number; lagMs: number };
}

/** Options of {@linkcode checkHealth}. */
export interface HealthOptions {
  /** How long the database probe may take before it counts as down. Default 1000 ms. */
  timeoutMs?: number;
}

/**
 * Probes the database and Redis, and reads the breaker and the bus.
 *
 * @param deps The app's dependencies.
 * @param options The probe's deadline.
 * @returns The report; serve it with 503 when `status` is `down`.
 * @example
 * ```ts ignore
 * const health = await checkHealth(c.var.deps);
 * return c.json(health, health.status === "down" ? 503 : 200);
 * ```
 */
export async function checkHealth(
  deps: Pick<MetricsSources, "db" | "cache" | "bus" | "config">,
  options: HealthOptions = {},
): Promise<Health> {
  const database = await probeDatabase(deps, options.timeoutMs ?? 1000);
  // A real round trip, within the cache's per-call deadline; skipped while the breaker is open.
  const probe = deps.cache && deps.config.redisUrl ? await deps.cache.probeL2() : null;
  const breaker = deps.cache?.breakerState ?? "closed";
  const redisOk = probe === null ? "not configured" : probe && breaker === "closed";
  const bus = deps.bus.stats();
  const status = !database.ok ? "down" : redisOk === false || !bus.running ? "degraded" : "ok";
  return {
    status,
    database,
    redis: { ok: redisOk, breaker },
    bus: { lastSeq: bus.lastSeq, lagMs: bus.lagMs },
  };
}

async function probeDatabase(
  deps: Pick<MetricsSources, "db" | "cache" | "bus" | "config">,
  timeoutMs: number,
): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = deps.db.query("SELECT 1 AS ok").then(() => true, () => false);
  try {
    const ok = await Promise.race([probe, deadline]);
    return { ok, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } finally {
    clearTimeout(timer);
  }
}
