/**
 * `deno run -A bench/peers.ts`: ops/s of our cache against bentocache (`getOrSet`, memory L1 +
 * Redis L2 through ioredis) and cache-manager (`wrap`, Keyv memory + @keyv/redis), all on the
 * same Redis (`REDIS_URL`, default 127.0.0.1:6379), then the ratios. Each figure is the best
 * of `PEERS_ROUNDS` (7) rounds of `PEERS_ROUND_MS` (300 ms), contenders interleaved. Loops are bounded in time
 * and count; every key written lives under a per-run prefix and is deleted at the end.
 */
import { BentoCache, bentostore } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisDriver } from "bentocache/drivers/redis";
import { createCache as createCacheManager, type CreateCacheOptions } from "cache-manager";
import { Keyv } from "keyv";
import KeyvRedis from "@keyv/redis";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { Cache, cacheKey, RedisStore } from "../lib/cache/mod.ts";

const url = Deno.env.get("REDIS_URL") ?? "redis://127.0.0.1:6379";
const run = `beacon-peers:${crypto.randomUUID()}`;
const ROUND_MS = Number(Deno.env.get("PEERS_ROUND_MS") ?? 300);
const ROUNDS = Number(Deno.env.get("PEERS_ROUNDS") ?? 7);
const MAX_OPS = 5_000_000;

const value = {
  project: { id: "3f1c0a9e-1b2d-4c5e-8f70-123456789abc", name: "Redis Caching Implementation" },
  phases: Array.from({ length: 6 }, (_, i) => ({ id: i, name: `Phase ${i}`, progress: i * 15 })),
  tasks: Array.from({ length: 12 }, (_, i) => ({ id: i, title: `Task ${i}`, status: "todo" })),
  metrics: { hitRate: 0.94, p95Ms: 12, errors: 0 },
};
const factory = () => Promise.resolve(value);
const names = Array.from({ length: 64 }, (_, i) => `k${i}`);

/** Ops/s of `op` (which performs `perCall` operations) over one timed round. */
async function round(op: () => Promise<unknown>, perCall: number): Promise<number> {
  let ops = 0;
  const started = performance.now();
  while (performance.now() - started < ROUND_MS && ops < MAX_OPS) {
    await op();
    ops += perCall;
  }
  return ops / ((performance.now() - started) / 1000);
}

// The best round, not the mean: on a shared machine other processes only ever slow a round
// down, so the best one is the closest to what the code itself can do.
function best(values: number[]): number {
  return Math.max(...values);
}

// Ours.
const store = new RedisStore({ url, prefix: `${run}:ours:` });
await store.whenConnected();
const ours = new Cache({ l2: store, l2DeadlineMs: 1_000, ttlMs: 600_000 });
const oursL2 = new Cache({ l2: store, l2DeadlineMs: 1_000, ttlMs: 600_000, l1MaxBytes: 0 });
const key = (id: string) =>
  cacheKey({ namespace: "peers", schema: 1, tenant: "acme", kind: "v", id });
const oursKeys = names.map(key);

// bentocache: tiered (memory L1 + Redis L2) and Redis-only, through one ioredis connection.
const ioredis = new Redis(url, { lazyConnect: false });
const bento = new BentoCache({
  default: "tiered",
  stores: {
    tiered: bentostore()
      .useL1Layer(memoryDriver({ maxSize: "64mb" }))
      .useL2Layer(redisDriver({ connection: ioredis, prefix: `${run}:bento` })),
    l2: bentostore().useL2Layer(redisDriver({ connection: ioredis, prefix: `${run}:bento2` })),
  },
});
const bentoTiered = bento.use("tiered");
const bentoL2 = bento.use("l2");

// cache-manager: Keyv memory + @keyv/redis, and Redis alone.
const keyvRedis = new KeyvRedis(url);
// The import map pins keyv 5.5.5 while cache-manager brings its own 5.6: same API, two
// declarations, hence the cast.
const stores = (list: Keyv[]) => list as unknown as CreateCacheOptions["stores"];
const cmTiered = createCacheManager({
  stores: stores([new Keyv(), new Keyv({ store: keyvRedis, namespace: `${run}:cm` })]),
});
const cmL2 = createCacheManager({
  stores: stores([new Keyv({ store: keyvRedis, namespace: `${run}:cm2` })]),
});

const results: { scenario: string; ours: number; bento: number; cm: number }[] = [];
/** Rounds alternate between contenders, so a busy machine slows all of them alike. */
async function scenario(
  name: string,
  perCall: number,
  ops: { ours: () => Promise<unknown>; bento: () => Promise<unknown>; cm: () => Promise<unknown> },
) {
  const contenders = ["ours", "bento", "cm"] as const;
  for (const c of contenders) for (let i = 0; i < 200; i++) await ops[c](); // warm-up
  const rates = { ours: [] as number[], bento: [] as number[], cm: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of contenders) rates[c].push(await round(ops[c], perCall));
  }
  results.push({
    scenario: name,
    ours: best(rates.ours),
    bento: best(rates.bento),
    cm: best(rates.cm),
  });
}

const opts = { ttl: "10m" } as const;
try {
  await scenario("L1 hit (tiered)", 1, {
    ours: () => ours.getOrLoad(oursKeys[0], factory),
    bento: () => bentoTiered.getOrSet({ key: "k0", factory, ...opts }),
    cm: () => cmTiered.wrap("k0", factory, 600_000),
  });
  await scenario("L2 hit, sequential", 1, {
    ours: () => oursL2.getOrLoad(oursKeys[0], factory),
    bento: () => bentoL2.getOrSet({ key: "k0", factory, ...opts }),
    cm: () => cmL2.wrap("k0", factory, 600_000),
  });
  await scenario("L2 hit, 64 concurrent", 64, {
    ours: () => Promise.all(oursKeys.map((k) => oursL2.getOrLoad(k, factory))),
    bento: () => Promise.all(names.map((k) => bentoL2.getOrSet({ key: k, factory, ...opts }))),
    cm: () => Promise.all(names.map((k) => cmL2.wrap(k, factory, 600_000))),
  });

  const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(12);
  const ratio = (a: number, b: number) => (a / b).toFixed(2).padStart(6) + "×";
  console.log(
    "scenario".padEnd(24) + "ours ops/s".padStart(12) + "bento ops/s".padStart(13) +
      "c-m ops/s".padStart(13) + "  ours/bento" + "  ours/c-m",
  );
  for (const r of results) {
    console.log(
      r.scenario.padEnd(24) + fmt(r.ours) + " " + fmt(r.bento) + " " + fmt(r.cm) +
        "     " + ratio(r.ours, r.bento) + "   " + ratio(r.ours, r.cm),
    );
  }
  const [l1, l2seq, l2par] = results;
  console.log("\ntargets:");
  console.log(
    `  our L1 hit ≥ 3× bentocache tiered hit: ${ratio(l1.ours, l1.bento)} ${
      l1.ours >= 3 * l1.bento ? "met" : "NOT met"
    }`,
  );
  console.log(
    `  our L2 hit ≥ bentocache L2 hit:        ${ratio(l2seq.ours, l2seq.bento)} ${
      l2seq.ours >= l2seq.bento ? "met" : "NOT met"
    }`,
  );
  console.log(
    `  64 concurrent L2 ≥ 5× sequential:      ${ratio(l2par.ours, l2seq.ours)} ${
      l2par.ours >= 5 * l2seq.ours ? "met" : "NOT met"
    }`,
  );
} finally {
  await bento.disconnectAll();
  await cmTiered.disconnect();
  await ours.close();
  await oursL2.close();
  const cleaner = createClient({ url });
  cleaner.on("error", () => {});
  await cleaner.connect();
  for await (const keys of cleaner.scanIterator({ MATCH: `${run}*`, COUNT: 500 })) {
    if (keys.length > 0) await cleaner.del(keys);
  }
  cleaner.destroy();
  await store.close();
  ioredis.disconnect();
}
