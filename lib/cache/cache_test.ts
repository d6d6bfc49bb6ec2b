import assert from "node:assert/strict";
import { cacheKey, type KeyParts, tenantPrefix } from "./keys.ts";
import type { L2Store } from "./l2_store.ts";
import { MemoryStore } from "./memory_store.ts";
import { RedisStore } from "./redis_store.ts";
import { Cache, type CacheOptions } from "./cache.ts";
import {
  deletePrefix,
  sleep,
  TEST_REDIS_URL,
  trackedCaches,
  uniquePrefix,
} from "./_test_support.ts";

const { track, test } = trackedCaches();

const parts: KeyParts = { namespace: "t", schema: 1, tenant: "acme", kind: "doc", id: "d1" };

/** A shared Redis store under a fresh prefix, and its cleanup. */
async function redisStore(): Promise<{ store: RedisStore; prefix: string; done(): Promise<void> }> {
  const prefix = uniquePrefix("cache");
  const store = new RedisStore({ url: TEST_REDIS_URL, prefix });
  await store.whenConnected();
  return {
    store,
    prefix,
    async done() {
      await store.close();
      await deletePrefix(prefix);
    },
  };
}

function counting<T>(value: T, delayMs = 0) {
  const loader = async () => {
    loader.calls++;
    if (delayMs > 0) await sleep(delayMs);
    return value;
  };
  loader.calls = 0;
  return loader;
}

test("getOrLoad() loads on a miss, then serves L1 hits", async () => {
  const cache = track({ l2: new MemoryStore(), closeL2: true });
  const key = cacheKey(parts);
  const loader = counting({ title: "Doc" });
  const first = await cache.getOrLoad(key, loader);
  assert.deepEqual([first.status, first.tier, first.value], ["miss", "load", { title: "Doc" }]);
  const second = await cache.getOrLoad(key, loader);
  assert.deepEqual([second.status, second.tier], ["hit", "l1"]);
  assert.equal(cache.getL1(key)?.value, first.value);
  assert.equal(loader.calls, 1);
  const snap = cache.counters.snapshot();
  assert.equal(snap.hits.l1, 2);
  assert.equal(snap.misses, 1);
  assert.deepEqual(snap.tenants.acme, { hits: 2, misses: 1 });
  await cache.close();
});

test("getOrLoad() serves an L2 hit to a second cache sharing the store", async () => {
  const store = new MemoryStore();
  const a = track({ l2: store });
  const b = track({ l2: store });
  const key = cacheKey(parts);
  await a.getOrLoad(key, counting(1));
  const result = await b.getOrLoad(key, counting(2));
  assert.deepEqual([result.status, result.tier, result.value], ["hit", "l2", 1]);
  await store.close();
});

test("getOrLoad() runs the loader once for 1,000 concurrent misses on one key", async () => {
  const { store, done } = await redisStore();
  const cache = track({ l2: store });
  try {
    const loader = counting({ n: 1 }, 30);
    const key = cacheKey(parts);
    const results = await Promise.all(
      Array.from({ length: 1_000 }, () => cache.getOrLoad(key, loader)),
    );
    assert.equal(loader.calls, 1);
    assert.ok(results.every((r) => r.value === results[0].value));
    assert.equal(results.filter((r) => !r.collapsed).length, 1);
  } finally {
    await done();
  }
});

test("getOrLoad() runs the loader once in total for two caches sharing Redis", async () => {
  const { store, prefix, done } = await redisStore();
  const other = new RedisStore({ url: TEST_REDIS_URL, prefix });
  await other.whenConnected();
  // A generous deadline: this test is about leases, not about a loaded machine's latency.
  const options: CacheOptions = { l2DeadlineMs: 1_000 };
  const a = track({ ...options, l2: store });
  const b = track({ ...options, l2: other });
  try {
    for (let round = 0; round < 5; round++) {
      const loader = counting({ round }, 50);
      const key = cacheKey({ ...parts, id: `d${round}` });
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).getOrLoad(key, loader)),
      );
      assert.equal(loader.calls, 1, `round ${round}`);
      assert.ok(results.every((r) => (r.value as { round: number }).round === round));
    }
    assert.ok(a.counters.leaseWaits + b.counters.leaseWaits >= 1);
  } finally {
    await other.close();
    await done();
  }
});

test("getOrLoad() takes over a crashed leader's lease once it expires", async () => {
  const { store, done } = await redisStore();
  const cache = track({ l2: store, lease: { ttlMs: 300 }, l2DeadlineMs: 1_000 });
  try {
    const key = cacheKey(parts);
    // A leader that took the lease and died without storing or releasing.
    assert.equal(await store.acquireLease(key.text + "!lease", "dead", 300), true);
    const started = performance.now();
    const result = await cache.getOrLoad(key, counting("fresh"));
    assert.equal(result.value, "fresh");
    assert.ok(performance.now() - started >= 200);
    assert.equal(cache.counters.leaseWaits, 1);
  } finally {
    await done();
  }
});

test("a late writer of old data never makes a new version's key serve it", async () => {
  const { store, done } = await redisStore();
  const cache = track({ l2: store, l2DeadlineMs: 1_000 });
  try {
    const v1 = cacheKey({ ...parts, versions: { doc: 1 } });
    const v2 = cacheKey({ ...parts, versions: { doc: 2 } });
    // The slow reader read version 1 from the database before the bump...
    let finishSlowRead!: () => void;
    const slow = cache.getOrLoad(v1, () =>
      new Promise<string>((resolve) => {
        finishSlowRead = () => resolve("old");
      }));
    // ...the bump commits, and a fresh reader builds the version 2 value...
    const fresh = await cache.getOrLoad(v2, counting("new"));
    assert.equal(fresh.value, "new");
    // ...then the slow reader stores its value, late.
    finishSlowRead();
    assert.equal((await slow).value, "old");
    const other = track({ l2: store });
    assert.equal((await other.getOrLoad(v2, counting("again"))).value, "new");
    assert.equal((await cache.getOrLoad(v2, counting("again"))).value, "new");
  } finally {
    await done();
  }
});

test("getOrLoad() serves a stale value within grace when the loader fails", async () => {
  const cache = track({ l2: new MemoryStore(), closeL2: true, ttlMs: 20, jitter: 0 });
  const key = cacheKey(parts);
  await cache.getOrLoad(key, counting("v1"));
  await sleep(40);
  const result = await cache.getOrLoad(key, () => Promise.reject(new Error("database down")));
  assert.deepEqual([result.status, result.value], ["stale", "v1"]);
  assert.equal(cache.counters.staleServed, 1);
  assert.equal(cache.counters.loadErrors, 1);
  await cache.close();
});

test("getOrLoad() rejects with the loader's error when nothing stale is left", async () => {
  const cache = track({ ttlMs: 20, graceMs: 20, jitter: 0 });
  const key = cacheKey(parts);
  await cache.getOrLoad(key, counting("v1"));
  await sleep(60);
  await assert.rejects(
    cache.getOrLoad(key, () => Promise.reject(new Error("database down"))),
    /database down/,
  );
});

test("getStale() serves a value within grace from L1, else L2, and never loads", async () => {
  const store = new MemoryStore();
  const writer = track({ l2: store, ttlMs: 20, graceMs: 60_000, jitter: 0 });
  const reader = track({ l2: store });
  const key = cacheKey({ ...parts, versions: { doc: 1 } });
  await writer.getOrLoad(key, counting("v1"));
  await sleep(40);
  const fromL1 = await writer.getStale(key);
  assert.deepEqual([fromL1?.status, fromL1?.tier, fromL1?.value], ["stale", "l1", "v1"]);
  assert.ok(fromL1!.freshUntil < Date.now());
  const fromL2 = await reader.getStale(key);
  assert.deepEqual([fromL2?.status, fromL2?.tier, fromL2?.value], ["stale", "l2", "v1"]);
  assert.equal(await reader.getStale(cacheKey({ ...parts, versions: { doc: 2 } })), undefined);
  assert.equal(writer.counters.staleServed + reader.counters.staleServed, 2);
  await store.close();
});

test("getOrLoad() serves stale past the soft timeout, and stores the late value", async () => {
  const cache = track({ ttlMs: 20, jitter: 0, softTimeoutMs: 30 });
  const key = cacheKey(parts);
  await cache.getOrLoad(key, counting("v1"));
  await sleep(40);
  const slow = counting("v2", 200);
  const started = performance.now();
  const result = await cache.getOrLoad(key, slow, { ttlMs: 60_000 });
  assert.deepEqual([result.status, result.value], ["stale", "v1"]);
  assert.ok(performance.now() - started < 190);
  // Callers arriving while the slow load runs share it: no second load.
  assert.equal((await cache.getOrLoad(key, slow)).value, "v1");
  await sleep(250);
  assert.equal(cache.getL1(key)?.value, "v2");
  assert.equal(slow.calls, 1);
});

test("getOrLoad() skips L2 entirely while the breaker is open", async () => {
  const failing: L2Store = {
    ready: true,
    get: () => Promise.reject(new Error("boom")),
    set: () => Promise.reject(new Error("boom")),
    delete: () => Promise.reject(new Error("boom")),
    acquireLease: () => Promise.reject(new Error("boom")),
    releaseLease: () => Promise.reject(new Error("boom")),
    close: () => Promise.resolve(),
  };
  const cache = track({ l2: failing, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
  for (let i = 0; i < 3; i++) {
    await cache.getOrLoad(cacheKey({ ...parts, id: `d${i}` }), counting(i));
  }
  assert.equal(cache.breakerState, "open");
  const calls = cache.counters.l2Calls;
  for (let i = 3; i < 10; i++) {
    const result = await cache.getOrLoad(cacheKey({ ...parts, id: `d${i}` }), counting(i));
    assert.equal(result.value, i);
  }
  assert.equal(cache.counters.l2Calls, calls);
  assert.ok(cache.counters.l2Skipped > 0);
  assert.equal(cache.counters.snapshot().breaker.state, "open");
});

test("getOrLoad() never stores a sensitive field in L2 without a secret", async () => {
  const store = new MemoryStore();
  const cache = track({ l2: store });
  const key = cacheKey(parts);
  await cache.getOrLoad(key, counting({ email: "ada@acme.test" }), {
    sensitiveFields: ["email"],
  });
  assert.equal(await store.get(key.text), undefined);
  assert.throws(() => new Cache({ sensitiveFields: ["email"] }), TypeError); // never opened
  await store.close();
});

test("forgetL1() drops a tenant's L1 entries only", async () => {
  const cache = track();
  await cache.getOrLoad(cacheKey(parts), counting(1));
  await cache.getOrLoad(cacheKey({ ...parts, tenant: "globex" }), counting(2));
  assert.equal(cache.forgetL1(tenantPrefix(parts)), 1);
  assert.equal(cache.getL1(cacheKey(parts)), undefined);
  assert.equal(cache.getL1(cacheKey({ ...parts, tenant: "globex" }))?.value, 2);
});

test("getOrLoad() keeps an absent value in L1 only, for absentTtlMs", async () => {
  const store = new MemoryStore();
  const cache = track({ l2: store });
  const other = track({ l2: store });
  const key = cacheKey({ ...parts, id: "missing" });
  const absent = counting(null);
  const first = await cache.getOrLoad(key, absent, { absentTtlMs: 40 });
  assert.equal(first.value, null);
  assert.equal(await store.get(key.text), undefined, "nothing reached L2");
  assert.equal((await cache.getOrLoad(key, absent, { absentTtlMs: 40 })).status, "hit");
  assert.equal(absent.calls, 1, "remembered in L1 meanwhile");
  await other.getOrLoad(key, absent, { absentTtlMs: 40 });
  assert.equal(absent.calls, 2, "another instance loads it again: it was never shared");
  await sleep(60);
  await cache.getOrLoad(key, absent, { absentTtlMs: 40 });
  assert.equal(absent.calls, 3, "forgotten after absentTtlMs, with no grace");
  const present = await cache.getOrLoad(cacheKey(parts), counting("here"), { absentTtlMs: 40 });
  assert.equal(present.value, "here");
  assert.ok(await store.get(cacheKey(parts).text), "a present value is shared as before");
  await store.close();
});

Deno.test("peekL1() shows what L1 holds under a key, without counting a hit", async () => {
  const cache = new Cache({ l2: new MemoryStore(), closeL2: true });
  try {
    const key = cacheKey({
      namespace: "t",
      schema: 1,
      tenant: "acme",
      kind: "dashboard",
      id: "p1",
      versions: { "project:p1": 1 },
    });
    assert.equal(cache.peekL1(key), undefined);
    await cache.getOrLoad(key, () => Promise.resolve({ title: "P1" }));
    const hits = cache.counters.snapshot().hits.l1;
    assert.deepEqual(cache.peekL1(key)?.value, { title: "P1" });
    assert.equal(cache.counters.snapshot().hits.l1, hits, "no hit counted");
  } finally {
    await cache.close();
  }
});

Deno.test("warmFromL2() takes what another instance stored into L1, and never loads", async () => {
  const l2 = new MemoryStore();
  const writer = new Cache({ l2 });
  const reader = new Cache({ l2 });
  try {
    const key = cacheKey({
      namespace: "t",
      schema: 1,
      tenant: "acme",
      kind: "dashboard",
      id: "p1",
      versions: { "project:p1": 2 },
    });
    assert.equal(await reader.warmFromL2(key), false, "nothing stored yet");
    assert.equal(reader.counters.snapshot().loads, 0);
    await writer.getOrLoad(key, () => Promise.resolve({ title: "P1 v2" }), { warm: true });
    assert.equal(await reader.warmFromL2(key), true);
    assert.deepEqual(reader.peekL1(key)?.value, { title: "P1 v2" });
    const counts = reader.counters.snapshot();
    assert.equal(counts.warms, 1);
    assert.equal(counts.misses, 0);
    assert.equal(counts.loads, 0);
  } finally {
    await writer.close();
    await reader.close();
    await l2.close();
  }
});
