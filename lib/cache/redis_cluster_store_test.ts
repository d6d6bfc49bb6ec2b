/**
 * RedisClusterStore against a real cluster of its own (3 masters, 3 replicas): the store
 * contract, slots and per-slot MGET batching. A master killed under load is in
 * redis_cluster_fault_test.ts.
 */
import assert from "node:assert/strict";
import { type CacheKey, cacheKey } from "./keys.ts";
import { keySlot } from "./key_slot.ts";
import { LEASE_SUFFIX } from "./_lease.ts";
import { RedisClusterStore } from "./redis_cluster_store.ts";
import { RedisClusterFixture } from "./_redis_cluster.ts";
import { STORE_CONTRACT } from "./_store_contract.ts";
import { uniquePrefix } from "./_test_support.ts";

async function openStore(cluster: RedisClusterFixture, prefix = uniquePrefix("cluster")) {
  const store = new RedisClusterStore({ urls: cluster.urls, prefix, maxReconnectDelayMs: 200 });
  await store.whenConnected();
  return store;
}

function tenantKey(tenant: string, id = "p1"): CacheKey {
  return cacheKey({ namespace: "beacon", schema: 1, tenant, kind: "dashboard", id });
}

Deno.test("RedisClusterStore meets the store contract on a 3-master cluster", async (t) => {
  const cluster = new RedisClusterFixture();
  await cluster.start();
  try {
    for (const { behaviour, fn } of STORE_CONTRACT) {
      await t.step(behaviour, async () => {
        const store = await openStore(cluster);
        try {
          await fn(store);
        } finally {
          await store.close();
        }
      });
    }

    await t.step("a tenant's keys and leases share the slot Redis computes", async () => {
      const store = await openStore(cluster, "beacon:");
      try {
        const keys = [
          tenantKey("acme").text,
          tenantKey("acme", "p2").text + LEASE_SUFFIX,
          cacheKey({ namespace: "beacon", schema: 2, tenant: "acme", kind: "ctx", id: "u" }).text,
        ];
        const slots = await cluster.withNode(
          cluster.nodes[0],
          (client) =>
            Promise.all(keys.map((k) => client.sendCommand(["CLUSTER", "KEYSLOT", "beacon:" + k]))),
        );
        assert.deepEqual(slots, keys.map(() => keySlot("{t:acme}")));
        const nodes = new Set(keys.map((k) => store.nodeOf(k)));
        assert.equal(nodes.size, 1);
        const [node] = nodes;
        assert.equal(node, (await cluster.masterOf(keySlot("{t:acme}"))).address);
      } finally {
        await store.close();
      }
    });

    await t.step("GETs of one tick go out as one MGET per slot, never across slots", async () => {
      const store = await openStore(cluster);
      try {
        const tenants = Array.from({ length: 12 }, (_, i) => `tenant-${i}`);
        const keys = tenants.flatMap((t) => [tenantKey(t, "a").text, tenantKey(t, "b").text]);
        await Promise.all(keys.map((k) => store.set(k, k, 10_000)));
        const masters = await cluster.masters();
        for (const m of masters) await cluster.withNode(m, (c) => c.configResetStat());
        const values = await Promise.all(keys.map((k) => store.get(k)));
        assert.deepEqual(values, keys);
        let mgets = 0;
        let gets = 0;
        for (const m of masters) {
          const stats = await cluster.withNode(m, (c) => c.info("commandstats"));
          mgets += Number(/cmdstat_mget:calls=(\d+)/.exec(stats)?.[1] ?? 0);
          gets += Number(/cmdstat_get:calls=(\d+)/.exec(stats)?.[1] ?? 0);
        }
        assert.equal(mgets, new Set(tenants.map((t) => keySlot(`{t:${t}}`))).size);
        assert.equal(gets, 0);
      } finally {
        await store.close();
      }
    });

    await t.step("nodes() lists each master with a probe key it serves", async () => {
      const store = await openStore(cluster);
      try {
        const nodes = store.nodes();
        const masters = (await cluster.masters()).map((m) => m.address).sort();
        assert.deepEqual(nodes.map((n) => n.node).sort(), masters);
        for (const { node, probeKey } of nodes) assert.equal(store.nodeOf(probeKey), node);
      } finally {
        await store.close();
      }
    });
  } finally {
    await cluster.stop();
  }
});

Deno.test("RedisClusterStore: calls fail fast, and no error escapes, when no node listens", async () => {
  const store = new RedisClusterStore({
    urls: ["redis://127.0.0.1:1", "redis://127.0.0.1:2"],
    maxReconnectDelayMs: 50,
  });
  try {
    assert.equal(store.ready, false);
    assert.equal(store.nodeOf("k"), "");
    const started = performance.now();
    await assert.rejects(store.get("k"));
    assert.ok(performance.now() - started < 1_000);
  } finally {
    await store.close();
  }
});

Deno.test("RedisClusterStore refuses a key prefix with braces", () => {
  assert.throws(
    () => new RedisClusterStore({ urls: ["redis://127.0.0.1:1"], prefix: "a{b}:" }),
    RangeError,
  );
});
