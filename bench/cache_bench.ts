/**
 * `deno bench -A bench/cache_bench.ts`: getOrLoad on an L1 hit, an L2 hit (sequential and 64
 * concurrent callers) and a miss that loads, against the Redis in `REDIS_URL` (default
 * 127.0.0.1:6379). Keys live under a per-run prefix and expire within seconds.
 */
import { Cache, cacheKey, RedisStore } from "../lib/cache/mod.ts";

const url = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379";
const prefix = `beacon-bench:${crypto.randomUUID()}:`;
const TTL = { ttlMs: 60_000, graceMs: 5_000 };

/** A dashboard-sized value: about 1.5 KB of JSON. */
const value = {
  project: { id: "3f1c0a9e-1b2d-4c5e-8f70-123456789abc", name: "Redis Caching Implementation" },
  phases: Array.from({ length: 6 }, (_, i) => ({ id: i, name: `Phase ${i}`, progress: i * 15 })),
  tasks: Array.from({ length: 12 }, (_, i) => ({ id: i, title: `Task ${i}`, status: "todo" })),
  metrics: { hitRate: 0.94, p95Ms: 12, errors: 0 },
};

function key(kind: string, id: string | number) {
  return cacheKey({ namespace: "bench", schema: 1, tenant: "acme", kind, id: String(id) });
}

const store = new RedisStore({ url, prefix });
await store.whenConnected();
// Bench deadlines are loose: a slow tick must not turn a hit into a miss.
const withL1 = new Cache({ l2: store, l2DeadlineMs: 1_000, ...TTL });
const l2Only = new Cache({ l2: store, l2DeadlineMs: 1_000, l1MaxBytes: 0, ...TTL });
const load = () => Promise.resolve(value);

const hot = key("hot", 1);
await withL1.getOrLoad(hot, load);
const warm = key("warm", 1);
await l2Only.getOrLoad(warm, load);
const many = Array.from({ length: 64 }, (_, i) => key("many", i));
await Promise.all(many.map((k) => l2Only.getOrLoad(k, load)));
let fresh = 0;

Deno.bench("getOrLoad: L1 hit", { group: "hit", baseline: true }, async () => {
  await withL1.getOrLoad(hot, load);
});

Deno.bench("getL1: sync L1 hit", { group: "hit" }, () => {
  withL1.getL1(hot);
});

Deno.bench("getOrLoad: L2 hit, sequential", { group: "l2", baseline: true }, async () => {
  await l2Only.getOrLoad(warm, load);
});

Deno.bench("getOrLoad: L2 hit, 64 concurrent callers (one iteration = 64 hits)", {
  group: "l2",
}, async () => {
  await Promise.all(many.map((k) => l2Only.getOrLoad(k, load)));
});

Deno.bench("getOrLoad: miss + load + store (lease, SET, release)", async () => {
  await withL1.getOrLoad(key("miss", fresh++), load, { ttlMs: 2_000, graceMs: 0 });
});

globalThis.addEventListener("unload", () => {
  store.close();
});
