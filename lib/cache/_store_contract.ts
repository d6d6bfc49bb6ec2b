/**
 * The behaviours every {@link L2Store} must show, as data, so each store's tests (memory, one
 * Redis, Redis Cluster, Redis under the shipped ACL) run the same list.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { L2Store } from "./l2_store.ts";
import { sleep } from "./_test_support.ts";

/** One behaviour of the contract. */
export interface ContractCheck {
  behaviour: string;
  fn: (store: L2Store) => Promise<void>;
}

/** The contract, in order. */
export const STORE_CONTRACT: ContractCheck[] = [];

function check(behaviour: string, fn: (store: L2Store) => Promise<void>): void {
  STORE_CONTRACT.push({ behaviour, fn });
}

check("is ready once connected", async (store) => {
  assert.equal(store.ready, true);
  await Promise.resolve();
});

check("get() of an absent key answers undefined", async (store) => {
  assert.equal(await store.get("absent"), undefined);
});

check("set() then get() returns the same string", async (store) => {
  const text = JSON.stringify({ email: "ada@acme.test", emoji: "✓ 日本" });
  await store.set("k", text, 10_000);
  assert.equal(await store.get("k"), text);
});

check("set() overwrites the value", async (store) => {
  await store.set("k", "one", 10_000);
  await store.set("k", "two", 10_000);
  assert.equal(await store.get("k"), "two");
});

check("a value expires after its TTL", async (store) => {
  await store.set("short", "v", 60);
  assert.equal(await store.get("short"), "v");
  await sleep(200);
  assert.equal(await store.get("short"), undefined);
});

check("delete() removes the value", async (store) => {
  await store.set("k", "v", 10_000);
  await store.delete("k");
  assert.equal(await store.get("k"), undefined);
});

check("acquireLease() grants one holder at a time", async (store) => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => store.acquireLease("lease", `t${i}`, 5_000)),
  );
  assert.equal(results.filter(Boolean).length, 1);
});

check("a lease expires by itself, so a crashed holder frees it", async (store) => {
  assert.equal(await store.acquireLease("lease", "crashed", 60), true);
  assert.equal(await store.acquireLease("lease", "next", 5_000), false);
  await sleep(200);
  assert.equal(await store.acquireLease("lease", "next", 5_000), true);
});

check("releaseLease() frees only the holder's own lease", async (store) => {
  assert.equal(await store.acquireLease("lease", "mine", 5_000), true);
  await store.releaseLease("lease", "someone-else");
  assert.equal(await store.acquireLease("lease", "other", 5_000), false);
  await store.releaseLease("lease", "mine");
  assert.equal(await store.acquireLease("lease", "other", 5_000), true);
});

check("keys are kept apart exactly as given", async (store) => {
  await store.set("a:b", "1", 10_000);
  await store.set("a", "2", 10_000);
  await store.set("a:b*", "3", 10_000);
  assert.deepEqual(await Promise.all(["a:b", "a", "a:b*"].map((k) => store.get(k))), [
    "1",
    "2",
    "3",
  ]);
});
