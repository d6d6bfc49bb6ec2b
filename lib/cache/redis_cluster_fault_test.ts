/**
 * A Redis Cluster master killed, or hung (SIGSTOP), under load, on a cluster of the test's own
 * (3 masters, 3 replicas, node timeout 1 s). Margins are generous: this must hold on a loaded
 * 2-core machine.
 */
import assert from "node:assert/strict";
import { Cache, type CacheResult } from "./cache.ts";
import { type CacheKey, cacheKey } from "./keys.ts";
import { keySlot } from "./key_slot.ts";
import { RedisClusterStore } from "./redis_cluster_store.ts";
import { type ClusterNode, RedisClusterFixture } from "./_redis_cluster.ts";
import { sleep, uniquePrefix } from "./_test_support.ts";

const TENANTS = 24;
const DEADLINE_MS = 100;
type Settled = PromiseSettledResult<CacheResult<unknown>>;

function tenantKey(i: number): CacheKey {
  return cacheKey({ namespace: "beacon", schema: 1, tenant: `tenant-${i}`, kind: "k", id: "1" });
}

async function load(key: CacheKey): Promise<{ tenant: string }> {
  await sleep(5);
  return { tenant: key.tenant };
}

function l2Ratio(results: Settled[]): number {
  const hits = results.filter((r) => r.status === "fulfilled" && r.value.tier === "l2").length;
  return results.length === 0 ? 1 : hits / results.length;
}

interface Outage {
  errors: number;
  rounds: number;
  /** Results of the keys on the other shards while the lost one was down. */
  kept: Settled[];
  /** The slowest getOrLoad of a key on the lost shard (ms). */
  slowestLostMs: number;
  states: Set<string>;
  recoveredAfterMs?: number;
}

/**
 * Rounds of one concurrent getOrLoad per key until the lost shard's keys are L2 hits again
 * (its replica promoted), or `withinMs` passed.
 */
async function driveThroughOutage(
  cache: Cache,
  keys: CacheKey[],
  lost: Set<CacheKey>,
  withinMs: number,
): Promise<Outage> {
  const outage: Outage = { errors: 0, rounds: 0, kept: [], slowestLostMs: 0, states: new Set() };
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    const results = await Promise.allSettled(keys.map(async (key) => {
      const begun = performance.now();
      const result = await cache.getOrLoad(key, () => load(key));
      if (lost.has(key)) {
        outage.slowestLostMs = Math.max(outage.slowestLostMs, performance.now() - begun);
      }
      return result;
    }));
    outage.errors += results.filter((r) => r.status === "rejected").length;
    if (l2Ratio(results.filter((_, i) => lost.has(keys[i]))) === 1) {
      outage.recoveredAfterMs = Math.round(performance.now() - started);
      return outage;
    }
    outage.rounds++;
    outage.states.add(cache.breakerState);
    outage.kept.push(...results.filter((_, i) => !lost.has(keys[i])));
    await sleep(20);
  }
  return outage;
}

/** Starts a cluster and a cache over it with every key in L2, and runs `fn`. */
async function withLoadedCluster(
  fn: (ctx: {
    cluster: RedisClusterFixture;
    store: RedisClusterStore;
    cache: Cache;
    keys: CacheKey[];
    victim: ClusterNode;
    lost: Set<CacheKey>;
  }) => Promise<void>,
): Promise<void> {
  const cluster = new RedisClusterFixture({ nodeTimeoutMs: 1000 });
  await cluster.start();
  const store = new RedisClusterStore({
    urls: cluster.urls,
    prefix: uniquePrefix("failover"),
    maxReconnectDelayMs: 200,
    topologyRefreshMs: 250,
    connectTimeoutMs: 500,
  });
  const cache = new Cache({
    l2: store,
    closeL2: true,
    l1MaxBytes: 0, // every call goes to L2, so every call meets the fault
    l2DeadlineMs: DEADLINE_MS,
    breaker: { failureThreshold: 3, cooldownMs: 300 },
    lease: { ttlMs: 1_000 },
    ttlMs: 120_000,
  });
  try {
    await store.whenConnected();
    const keys = Array.from({ length: TENANTS }, (_, i) => tenantKey(i));
    for (const key of keys) await cache.getOrLoad(key, () => load(key));
    await cluster.waitForReplication();
    const victim = await cluster.masterOf(keySlot(keys[0].text));
    const lost = new Set(keys.filter((key) => store.nodeOf(key.text) === victim.address));
    const kept = keys.filter((key) => !lost.has(key)).map((key) => store.nodeOf(key.text));
    assert.equal(new Set(kept).size, 2, "keys on all 3 shards");
    await fn({ cluster, store, cache, keys, victim, lost });
  } finally {
    await cache.close();
    await cluster.stop();
  }
}

/** What must hold once the lost shard's replica serves it. */
async function assertRecovered(ctx: Parameters<Parameters<typeof withLoadedCluster>[0]>[0]) {
  const { cluster, store, cache, keys, victim, lost } = ctx;
  const after = await Promise.all(keys.map((key) => cache.getOrLoad(key, () => load(key))));
  assert.ok(after.every((r) => r.tier === "l2"), "every key is an L2 hit again");
  assert.equal(cache.breakerState, "closed");
  assert.notEqual(store.nodeOf([...lost][0].text), victim.address);
  const masters = (await cluster.masters()).map((m) => m.address).sort();
  assert.deepEqual(cache.breakerNodes.map((n) => n.node).sort(), masters);
  assert.equal(await cache.probeL2(), true);
}

function assertOutage(outage: Outage, cache: Cache): void {
  assert.equal(outage.errors, 0, "getOrLoad never rejected");
  assert.ok(outage.recoveredAfterMs !== undefined, "L2 hits on the lost shard did not return");
  assert.ok(outage.rounds > 0, "some rounds ran while the shard was down");
  assert.ok(cache.counters.loads > TENANTS, "loads on the lost shard fell back to the loader");
  const keptRatio = l2Ratio(outage.kept);
  assert.ok(keptRatio >= 0.95, `other shards' L2 hit ratio during the outage: ${keptRatio}`);
  assert.ok(!outage.states.has("open"), `no global breaker opened: ${[...outage.states]}`);
}

Deno.test("Redis Cluster master killed under load: no caller sees an error, the other shards serve from L2, and L2 hits return after failover", async () => {
  await withLoadedCluster(async (ctx) => {
    await ctx.victim.stop(); // SIGKILL
    const outage = await driveThroughOutage(ctx.cache, ctx.keys, ctx.lost, 30_000);
    assertOutage(outage, ctx.cache);
    await assertRecovered(ctx);
    console.log(
      `killed: ${outage.rounds} rounds in the outage, L2 back after ${outage.recoveredAfterMs} ms`,
    );
  });
});

Deno.test("Redis Cluster master hung under load (SIGSTOP): its calls end at the deadline, the others serve from L2, and L2 hits return after failover", async () => {
  await withLoadedCluster(async (ctx) => {
    ctx.victim.signal("SIGSTOP");
    const outage = await driveThroughOutage(ctx.cache, ctx.keys, ctx.lost, 30_000);
    assertOutage(outage, ctx.cache);
    // A deadline, one load, and scheduling slack on a busy machine.
    assert.ok(outage.slowestLostMs < DEADLINE_MS + 400, `slowest: ${outage.slowestLostMs} ms`);
    assert.ok(ctx.cache.counters.l2Timeouts > 0);
    await assertRecovered(ctx);
    ctx.victim.signal("SIGCONT"); // comes back as a replica of its successor
    await ctx.cluster.waitUntilHealthy();
    await assertRecovered(ctx);
    console.log(
      `hung: ${outage.rounds} rounds in the outage, L2 back after ${outage.recoveredAfterMs} ms`,
    );
  });
});
