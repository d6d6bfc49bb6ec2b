/**
 * `/healthz`: whether this instance can serve, from the states its parts really are in: the
 * connection layer's view of the database (the outcome of real statements, the pool, the LISTEN
 * connection), a live probe under a deadline, Redis through the cache's guard (its per-call
 * deadline, and no call while the breaker is open), and the bus.
 *
 * @module
 */
import type { BreakerState } from "../cache/mod.ts";
import type { DatabaseHealth } from "../db/connection.ts";
import { type L2Kind, l2KindOf, type MetricsSources } from "./sources.ts";

/** The health report; it carries no configuration and no secrets. */
export interface Health {
  /** `ok`; `degraded` serving with a part down (Redis, the LISTEN connection); `down` unable to serve. */
  status: "ok" | "degraded" | "down";
  database: {
    ok: boolean;
    /** The probe's round trip, ms. */
    latencyMs: number;
    /** The connection layer's state: `down` while calls are refused without trying. */
    state: "up" | "down";
    /** Failures blaming the server since its last success. */
    consecutiveFailures: number;
    pool: DatabaseHealth["pool"];
  };
  redis: {
    ok: boolean | "not configured";
    /** The breaker; with Redis Cluster the masters' summed up (`half-open` while one is not closed). */
    breaker: BreakerState;
    /** Where L2 lives: `redis`, `redis-cluster`, `memory` (in process), `off` (`CACHE=off`). */
    kind: L2Kind;
    /** With Redis Cluster: each master, whether it answered the probe, and its breaker. */
    nodes?: { node: string; ok: boolean; breaker: BreakerState }[];
  };
  bus: {
    /** The LISTEN connection's state; `connected` when invalidations arrive live. */
    listener: "connected" | "connecting" | "reconnecting" | "idle" | "closed";
    /** Failed reconnect attempts since the connection was lost. */
    failedAttempts: number;
    running: boolean;
    lastSeq: number;
    lagMs: number;
  };
}

/** What anyone may see: the status alone. */
export type PublicHealth = Pick<Health, "status">;

/** Options of {@linkcode checkHealth}. */
export interface HealthOptions {
  /** How long the database probe may take before it counts as down. Default 1000 ms. */
  timeoutMs?: number;
}

/** What the health check reads. */
export type HealthSources = Pick<MetricsSources, "cache" | "bus" | "config"> & {
  db: MetricsSources["db"] & { health(): DatabaseHealth };
};

/**
 * Probes the database and Redis, and reads the connection layer, the breaker and the bus.
 *
 * @param deps What is checked: the app's dependencies fit.
 * @param options The probe's deadline.
 * @returns The report; serve it with 503 when `status` is `down`.
 * @example
 * ```ts ignore
 * const health = await checkHealth(c.var.deps);
 * return c.json(health, health.status === "down" ? 503 : 200);
 * ```
 */
export async function checkHealth(
  deps: HealthSources,
  options: HealthOptions = {},
): Promise<Health> {
  const layer = deps.db.health();
  const probe = await probeDatabase(deps, options.timeoutMs ?? 1000);
  const database = {
    ok: probe.ok && layer.status === "up",
    latencyMs: probe.latencyMs,
    state: layer.status,
    consecutiveFailures: layer.consecutiveFailures,
    pool: layer.pool,
  };
  const redis = await checkRedis(deps);
  const stats = deps.bus.stats();
  const listener = layer.listener?.status ?? "idle";
  const busOk = stats.running && listener === "connected";
  const status = !database.ok ? "down" : redis.ok === false || !busOk ? "degraded" : "ok";
  return {
    status,
    database,
    redis,
    bus: {
      listener,
      failedAttempts: layer.listener?.failedAttempts ?? 0,
      running: stats.running,
      lastSeq: stats.lastSeq,
      lagMs: stats.lagMs,
    },
  };
}

/**
 * A real round trip to Redis within the cache's per-call deadline, skipped while the breaker is
 * open; with Redis Cluster one per master, each through its own breaker.
 */
async function checkRedis(deps: HealthSources): Promise<Health["redis"]> {
  const cache = deps.cache;
  const kind = l2KindOf(deps.config, cache !== null);
  const breaker = cache?.breakerState ?? "closed";
  if (!cache || kind === "memory") return { ok: "not configured", breaker, kind };
  if (kind === "redis-cluster" && cache.probeL2Nodes) {
    const probes = await cache.probeL2Nodes();
    const states = new Map((cache.breakerNodes ?? []).map((n) => [n.node, n.state]));
    const nodes = probes.map(({ node, ok }) => ({
      node,
      ok,
      breaker: states.get(node) ?? "closed",
    }));
    const ok = nodes.length > 0 && nodes.every((n) => n.ok) && breaker === "closed";
    return { ok, breaker, kind, nodes };
  }
  const probe = await cache.probeL2();
  return { ok: probe === true && breaker === "closed", breaker, kind };
}

async function probeDatabase(
  deps: HealthSources,
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
