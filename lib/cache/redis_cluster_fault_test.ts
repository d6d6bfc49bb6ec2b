/**
 * A Redis Cluster master killed under load, on a cluster of the test's own (3 masters,
 * 3 replicas, node timeout 1 s). Margins are generous: this must hold on a loaded 2-core
 * machine.
 */
import assert from "node:assert/strict";
import { Cache, type CacheResult } from "./cache.ts";
import { type CacheKey, cacheKey } from "./keys.ts";
import { keySlot } from "./key_slot.ts";
import { RedisClusterStore } from "./redis_cluster_store.ts";
import { RedisClusterFixture } from "./_redis_cluster.ts";
import { sleep, uniquePrefix } from "./_test_support.ts";

const TENANTS = 24;

function tenantKey(i: number): CacheKey {
  return cacheKey({ namespace: "beacon", schema: 1, tenant: `tenant-${i}`, kind: "k", id: "1" });
}

async function load(key: CacheKey): Promise<{ tenant: string }> {
  await sleep(5);
  return { tenant: key.tenant };
}

/** One getOrLoad per key, all at once; rejections are returned, not thrown. */
function round(
  cache: Cache,
  keys: CacheKey[],
): Promise<PromiseSettledResult<CacheResult<unknown>>[]> {
  return Promise.allSettled(keys.map((key) => cache.getOrLoad(key, () => load(key))));
}

function l2Ratio(results: PromiseSettledResult<CacheResult<unknown>>[]): number {
  const hits = results.filter((r) => r.status === "fulfilled" && r.value.tier === "l2").length;
  return results.length === 0 ? 1 : hits / results.length;
}

Deno.test("Redis Cluster master killed under load: no caller sees an error, the other shards serve from L2, and L2 hits return after failover", async () => {
  const cluster = new RedisClusterFixture({ nodeTimeoutMs: 1000 });
  await cluster.start();
  const store = new RedisClusterStore({
    urls: cluster.urls,
    prefix: uniquePrefix("failover"),
    maxReconnectDelayMs: 200,
    topologyRefreshMs: 250,
  });
  const cache = new Cache({
    l2: store,
    closeL2: true,
    l1MaxBytes: 0, // every call goes to L2, so every call meets the fault
    l2DeadlineMs: 250,
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
    const lost = keys.filter((key) => store.nodeOf(key.text) === victim.address);
    const kept = keys.filter((key) => !lost.includes(key));
    assert.equal(new Set(kept.map((key) => store.nodeOf(key.text))).size, 2, "keys on 3 shards");

    await victim.stop(); // SIGKILL
    const started = performance.now();
    const states = new Set<string>();
    let errors = 0;
    let outageRounds = 0;
    let keptResults: PromiseSettledResult<CacheResult<unknown>>[] = [];
    let recovered = false;
    while (!recovered && performance.now() - started < 30_000) {
      const results = await round(cache, keys);
      errors += results.filter((r) => r.status === "rejected").length;
      keptResults = keptResults.concat(results.filter((_, i) => kept.includes(keys[i])));
      recovered = l2Ratio(results.filter((_, i) => lost.includes(keys[i]))) === 1;
      if (!recovered) {
        outageRounds++;
        states.add(cache.breakerState);
      }
      await sleep(20);
    }
    const took = Math.round(performance.now() - started);
    assert.equal(errors, 0, "getOrLoad never rejected");
    assert.ok(recovered, `L2 hits on the lost shard did not return within 30 s`);
    assert.ok(outageRounds > 0, "some rounds ran while the shard was down");
    assert.ok(cache.counters.loads > TENANTS, "loads on the lost shard fell back to the loader");
    const keptRatio = l2Ratio(keptResults);
    assert.ok(keptRatio >= 0.95, `other shards' L2 hit ratio during the outage: ${keptRatio}`);
    assert.ok(!states.has("open"), `one lost shard opened no global breaker: ${[...states]}`);

    const after = await round(cache, keys);
    assert.equal(l2Ratio(after), 1, "every key is an L2 hit again");
    assert.equal(cache.breakerState, "closed");
    const promoted = store.nodeOf(lost[0].text);
    assert.notEqual(promoted, victim.address);
    assert.deepEqual(
      cache.breakerNodes.map((n) => n.node).sort(),
      (await cluster.masters()).map((m) => m.address).sort(),
    );
    assert.equal(await cache.probeL2(), true);
    console.log(`failover: ${outageRounds} rounds during the outage, L2 back after ${took} ms`);
  } finally {
    await cache.close();
    await cluster.stop();
  }
});
