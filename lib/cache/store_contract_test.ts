import assert from "node:assert/strict";
import type { L2Store } from "./l2_store.ts";
import { MemoryStore } from "./memory_store.ts";
import { RedisStore } from "./redis_store.ts";
import { deletePrefix, sleep, TEST_REDIS_URL, uniquePrefix } from "./_test_support.ts";

interface Subject {
  name: string;
  open(): Promise<{ store: L2Store; cleanup(): Promise<void> }>;
}

const subjects: Subject[] = [
  {
    name: "MemoryStore",
    open() {
      const store = new MemoryStore();
      return Promise.resolve({ store, cleanup: () => store.close() });
    },
  },
  {
    name: "RedisStore",
    async open() {
      const prefix = uniquePrefix("contract");
      const store = new RedisStore({ url: TEST_REDIS_URL, prefix });
      await store.whenConnected();
      return {
        store,
        async cleanup() {
          await store.close();
          await deletePrefix(prefix);
        },
      };
    },
  },
];

function contract(
  behaviour: string,
  fn: (store: L2Store) => Promise<void>,
): void {
  for (const subject of subjects) {
    Deno.test(`${subject.name}: ${behaviour}`, async () => {
      const { store, cleanup } = await subject.open();
      try {
        await fn(store);
      } finally {
        await cleanup();
      }
    });
  }
}

contract("is ready once connected", async (store) => {
  assert.equal(store.ready, true);
  await Promise.resolve();
});

contract("get() of an absent key answers undefined", async (store) => {
  assert.equal(await store.get("absent"), undefined);
});

contract("set() then get() returns the same string", async (store) => {
  const text = JSON.stringify({ email: "ada@acme.test", emoji: "✓ 日本" });
  await store.set("k", text, 10_000);
  assert.equal(await store.get("k"), text);
});

contract("set() overwrites the value", async (store) => {
  await store.set("k", "one", 10_000);
  await store.set("k", "two", 10_000);
  assert.equal(await store.get("k"), "two");
});

contract("a value expires after its TTL", async (store) => {
  await store.set("short", "v", 60);
  assert.equal(await store.get("short"), "v");
  await sleep(200);
  assert.equal(await store.get("short"), undefined);
});

contract("delete() removes the value", async (store) => {
  await store.set("k", "v", 10_000);
  await store.delete("k");
  assert.equal(await store.get("k"), undefined);
});

contract("acquireLease() grants one holder at a time", async (store) => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => store.acquireLease("lease", `t${i}`, 5_000)),
  );
  assert.equal(results.filter(Boolean).length, 1);
});

contract("a lease expires by itself, so a crashed holder frees it", async (store) => {
  assert.equal(await store.acquireLease("lease", "crashed", 60), true);
  assert.equal(await store.acquireLease("lease", "next", 5_000), false);
  await sleep(200);
  assert.equal(await store.acquireLease("lease", "next", 5_000), true);
});

contract("releaseLease() frees only the holder's own lease", async (store) => {
  assert.equal(await store.acquireLease("lease", "mine", 5_000), true);
  await store.releaseLease("lease", "someone-else");
  assert.equal(await store.acquireLease("lease", "other", 5_000), false);
  await store.releaseLease("lease", "mine");
  assert.equal(await store.acquireLease("lease", "other", 5_000), true);
});

contract("keys are kept apart exactly as given", async (store) => {
  await store.set("a:b", "1", 10_000);
  await store.set("a", "2", 10_000);
  await store.set("a:b*", "3", 10_000);
  assert.deepEqual(await Promise.all(["a:b", "a", "a:b*"].map((k) => store.get(k))), [
    "1",
    "2",
    "3",
  ]);
});

Deno.test("RedisStore: calls fail fast, and no error escapes, when nothing listens", async () => {
  const store = new RedisStore({ url: "redis://127.0.0.1:1", maxReconnectDelayMs: 50 });
  try {
    assert.equal(store.ready, false);
    const started = performance.now();
    await assert.rejects(store.get("k"));
    assert.ok(performance.now() - started < 1_000);
  } finally {
    await store.close();
  }
});
