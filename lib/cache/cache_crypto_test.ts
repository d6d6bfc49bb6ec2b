import assert from "node:assert/strict";
import { cacheKey, type KeyParts } from "./keys.ts";
import { RedisStore } from "./redis_store.ts";
import {
  deletePrefix,
  TEST_REDIS_URL,
  trackedCaches,
  uniquePrefix,
  withRawRedis,
} from "./_test_support.ts";

const { track, test } = trackedCaches();

const OLD_SECRET = "1:old-secret-0123456789abcdef";
const ROTATED = "2:new-secret-0123456789abcdef,1:old-secret-0123456789abcdef";
const person = { user: { name: "Ada", email: "ada@acme.test", phone: "+44 20 7946 0000" } };
const sensitiveFields = ["user.email", "user.phone"];
const acme: KeyParts = { namespace: "t", schema: 1, tenant: "acme", kind: "user", id: "u1" };
const globex: KeyParts = { ...acme, tenant: "globex" };

async function withRedis(
  fn: (ctx: { prefix: string; store: () => Promise<RedisStore> }) => Promise<void>,
): Promise<void> {
  const prefix = uniquePrefix("crypto");
  const stores: RedisStore[] = [];
  try {
    await fn({
      prefix,
      async store() {
        const store = new RedisStore({ url: TEST_REDIS_URL, prefix });
        stores.push(store);
        await store.whenConnected();
        return store;
      },
    });
  } finally {
    for (const store of stores) await store.close();
    await deletePrefix(prefix);
  }
}

function fail(): Promise<never> {
  return Promise.reject(new Error("loader must not run"));
}

test("the raw Redis value of a value with a sensitive email holds no plaintext email", async () => {
  await withRedis(async ({ prefix, store }) => {
    const cache = track({ l2: await store(), secrets: OLD_SECRET, sensitiveFields });
    const key = cacheKey(acme);
    await cache.getOrLoad(key, () => Promise.resolve(person));
    const raw = await withRawRedis((client) => client.get(prefix + key.text));
    assert.ok(raw !== null);
    assert.ok(raw.includes("Ada"));
    assert.ok(!raw.includes("ada@acme.test"));
    assert.ok(!raw.includes("acme.test"));
    assert.ok(!raw.includes("7946"));
    // L1 keeps plaintext; a second instance decrypts from L2.
    assert.deepEqual(cache.getL1(key)?.value, person);
    const other = track({ l2: await store(), secrets: OLD_SECRET, sensitiveFields });
    const result = await other.getOrLoad(key, fail);
    assert.deepEqual([result.tier, result.value], ["l2", person]);
  });
});

test("a ciphertext moved to another tenant's key fails to decrypt and counts a miss", async () => {
  await withRedis(async ({ prefix, store }) => {
    const writer = track({ l2: await store(), secrets: OLD_SECRET, sensitiveFields });
    const from = cacheKey(acme);
    const to = cacheKey(globex);
    await writer.getOrLoad(from, () => Promise.resolve(person));
    await withRawRedis(async (client) => {
      await client.set(prefix + to.text, (await client.get(prefix + from.text))!);
    });
    const reader = track({ l2: await store(), secrets: OLD_SECRET, sensitiveFields });
    const globexPerson = { user: { name: "Hank", email: "hank@globex.test", phone: "1" } };
    const result = await reader.getOrLoad(to, () => Promise.resolve(globexPerson));
    assert.deepEqual([result.status, result.tier, result.value], ["miss", "load", globexPerson]);
    const snap = reader.counters.snapshot();
    assert.equal(snap.decryptFailures, 1);
    assert.equal(snap.misses, 1);
  });
});

test("after a key rotation old values stay readable and new ones use the new key", async () => {
  await withRedis(async ({ prefix, store }) => {
    const before = track({ l2: await store(), secrets: OLD_SECRET, sensitiveFields });
    const key = cacheKey(acme);
    await before.getOrLoad(key, () => Promise.resolve(person));
    const after = track({ l2: await store(), secrets: ROTATED, sensitiveFields });
    const result = await after.getOrLoad(key, fail);
    assert.deepEqual([result.tier, result.value], ["l2", person]);
    const newKey = cacheKey({ ...acme, id: "u2" });
    await after.getOrLoad(newKey, () => Promise.resolve(person));
    const raw = JSON.parse((await withRawRedis((c) => c.get(prefix + newKey.text)))!);
    assert.deepEqual(raw.x.map((f: { k: number }) => f.k), [2, 2]);
    // An instance that never heard of key 2 cannot read it: a counted miss, not an error.
    const stale = track({ l2: await store(), secrets: OLD_SECRET, sensitiveFields });
    const reloaded = await stale.getOrLoad(newKey, () => Promise.resolve(person));
    assert.equal(reloaded.tier, "load");
    assert.equal(stale.counters.decryptFailures, 1);
  });
});
