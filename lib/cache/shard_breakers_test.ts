import assert from "node:assert/strict";
import { Cache } from "./cache.ts";
import { CacheCounters } from "./counters.ts";
import { cacheKey } from "./keys.ts";
import { keySlot } from "./key_slot.ts";
import type { L2Node, L2Store } from "./l2_store.ts";
import { MemoryStore } from "./memory_store.ts";
import { ShardBreakers, summarize } from "./shard_breakers.ts";

/** A MemoryStore split into named nodes by slot; calls to a node in `down` reject. */
class ShardedMemoryStore extends MemoryStore implements L2Store {
  names = ["n0", "n1", "n2"];
  down = new Set<string>();

  nodeOf(key: string): string {
    return this.names[keySlot(key) % this.names.length];
  }

  nodes(): L2Node[] {
    return this.names.map((node) => ({ node, probeKey: this.#keyOn(node) }));
  }

  #keyOn(node: string): string {
    for (let i = 0;; i++) if (this.nodeOf(`probe{${i}}`) === node) return `probe{${i}}`;
  }

  #check(key: string): Promise<void> {
    const node = this.nodeOf(key);
    return this.down.has(node) ? Promise.reject(new Error(`${node} is down`)) : Promise.resolve();
  }

  override async get(key: string): Promise<string | undefined> {
    await this.#check(key);
    return super.get(key);
  }

  override async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#check(key);
    return super.set(key, value, ttlMs);
  }

  override async acquireLease(key: string, token: string, ttlMs: number): Promise<boolean> {
    await this.#check(key);
    return super.acquireLease(key, token, ttlMs);
  }
}

function tenantOn(store: ShardedMemoryStore, node: string, skip = 0): string {
  for (let i = 0;; i++) {
    const tenant = `tenant-${i}`;
    if (store.nodeOf(cacheKey({ ...parts, tenant }).text) === node && skip-- === 0) return tenant;
  }
}

const parts = { namespace: "beacon", schema: 1, tenant: "t", kind: "k", id: "1" };

Deno.test("summarize() says open only when every node's breaker is open", () => {
  assert.equal(summarize([]), "closed");
  assert.equal(summarize(["closed", "closed"]), "closed");
  assert.equal(summarize(["open", "closed"]), "half-open");
  assert.equal(summarize(["half-open", "closed"]), "half-open");
  assert.equal(summarize(["open", "open"]), "open");
});

Deno.test("ShardBreakers opens the failing node's breaker only", () => {
  const store = new ShardedMemoryStore();
  const counters = new CacheCounters();
  const breakers = new ShardBreakers(store, { breaker: { failureThreshold: 2 }, counters });
  const key = cacheKey({ ...parts, tenant: tenantOn(store, "n1") }).text;
  breakers.forKey(key).failure();
  breakers.forKey(key).failure();
  assert.equal(breakers.forKey(key).state, "open");
  assert.equal(
    breakers.forKey(cacheKey({ ...parts, tenant: tenantOn(store, "n0") }).text).state,
    "closed",
  );
  assert.deepEqual(breakers.nodes, [
    { node: "n0", state: "closed" },
    { node: "n1", state: "open" },
    { node: "n2", state: "closed" },
  ]);
  assert.equal(breakers.state, "half-open");
  assert.equal(counters.snapshot().breaker.state, "half-open");
  assert.deepEqual(counters.snapshot().breaker.nodes?.map((n) => n.state), [
    "closed",
    "open",
    "closed",
  ]);
});

Deno.test("ShardBreakers drops a node that left the topology, and its successor starts closed", () => {
  const store = new ShardedMemoryStore();
  const counters = new CacheCounters();
  const breakers = new ShardBreakers(store, { breaker: { failureThreshold: 1 }, counters });
  const key = cacheKey({ ...parts, tenant: tenantOn(store, "n2") }).text;
  breakers.forKey(key).failure();
  assert.equal(counters.breakerState, "half-open");
  store.names = ["n0", "n1", "n2-replica"]; // failed over
  assert.equal(store.nodeOf(key), "n2-replica");
  assert.equal(breakers.forKey(key).state, "closed");
  assert.equal(breakers.state, "closed");
  assert.equal(counters.snapshot().breaker.state, "closed");
  assert.deepEqual(breakers.nodes.map((n) => n.node), ["n0", "n1", "n2-replica"]);
});

Deno.test("Cache over a sharded store: a lost node opens only its breaker, the others keep serving from L2", async () => {
  const store = new ShardedMemoryStore();
  const cache = new Cache({
    l2: store,
    closeL2: true,
    l1MaxBytes: 0,
    breaker: { failureThreshold: 2, cooldownMs: 60_000 },
  });
  try {
    const tenants = ["n0", "n1", "n2"].flatMap((
      node,
    ) => [tenantOn(store, node), tenantOn(store, node, 1)]);
    const keys = tenants.map((tenant) => cacheKey({ ...parts, tenant }));
    for (const key of keys) await cache.getOrLoad(key, () => Promise.resolve(key.tenant));
    store.down.add("n1");
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(
        keys.map((key) => cache.getOrLoad(key, () => Promise.resolve(key.tenant))),
      );
      results.forEach((result, i) => {
        assert.equal(result.value, keys[i].tenant);
        const onLost = store.nodeOf(keys[i].text) === "n1";
        assert.equal(result.tier, onLost ? "load" : "l2", `round ${round}, ${keys[i].tenant}`);
      });
    }
    assert.equal(cache.breakerState, "half-open");
    assert.deepEqual(cache.breakerNodes.map((n) => n.state), ["closed", "open", "closed"]);
    assert.equal(await cache.probeL2(), false);
    assert.deepEqual((await cache.probeL2Nodes()).map((n) => n.ok), [true, false, true]);
    assert.ok(cache.counters.l2Skipped > 0);
  } finally {
    await cache.close();
  }
});

Deno.test("Cache over one store keeps one breaker and no node list", async () => {
  const cache = new Cache({ l2: new MemoryStore(), closeL2: true });
  try {
    assert.deepEqual(cache.breakerNodes, []);
    assert.deepEqual(await cache.probeL2Nodes(), []);
    assert.equal(await cache.probeL2(), true);
    assert.equal(cache.counters.snapshot().breaker.nodes, undefined);
  } finally {
    await cache.close();
  }
});
