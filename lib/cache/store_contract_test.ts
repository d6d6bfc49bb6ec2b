import assert from "node:assert/strict";
import type { L2Store } from "./l2_store.ts";
import { MemoryStore } from "./memory_store.ts";
import { RedisStore } from "./redis_store.ts";
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from "./_test_support.ts";
import { STORE_CONTRACT } from "./_store_contract.ts";

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

for (const { behaviour, fn } of STORE_CONTRACT) {
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
