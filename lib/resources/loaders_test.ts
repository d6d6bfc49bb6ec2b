import assert from "node:assert/strict";
import { Cache, MemoryStore } from "../cache/mod.ts";
import type { Db } from "../db/connection.ts";
import { DatabaseUnavailableError } from "../db/unavailable.ts";
import { Loaders } from "./loaders.ts";
import type { Resource } from "./resource.ts";

/** Loaders over versions the test sets, a cache on a memory L2, and a resource it loads. */
function setup(staleAfterMs = 500) {
  const versions = new Map<string, number>([["doc:1", 1]]);
  const cache = new Cache({ l2: new MemoryStore(), closeL2: true });
  // The resources below never reach the database.
  const loaders = new Loaders({
    db: {} as Db,
    versions: { version: (topic) => versions.get(topic) ?? 0 },
    cache,
    staleAfterMs,
  });
  const state = { load: () => Promise.resolve("v1") };
  const resource: Resource<string> = {
    tenantId: "t1",
    kind: "doc",
    id: "1",
    topics: ["doc:1"],
    load: () => state.load(),
  };
  return { versions, cache, loaders, state, resource };
}

const unavailable = () => Promise.reject(new DatabaseUnavailableError("down", "not answering"));

Deno.test("read() serves earlier versions stale when the database cannot load the current ones", async () => {
  const { versions, cache, loaders, state, resource } = setup();
  try {
    assert.deepEqual(await loaders.read(resource), { value: "v1", served: "miss" });
    versions.set("doc:1", 2);
    state.load = unavailable;
    const stale = await loaders.read(resource);
    assert.deepEqual([stale.value, stale.served, stale.superseded], ["v1", "stale", true]);
    assert.equal(typeof stale.freshUntil, "number");
    assert.equal(cache.counters.staleServed, 1);
  } finally {
    await cache.close();
  }
});

Deno.test("read() throws when nothing earlier is held, or when the load fails otherwise", async () => {
  const { versions, cache, loaders, state, resource } = setup();
  try {
    state.load = unavailable;
    await assert.rejects(loaders.read(resource), DatabaseUnavailableError);
    state.load = () => Promise.resolve("v1");
    await loaders.read(resource);
    versions.set("doc:1", 2);
    state.load = () => Promise.reject(new TypeError("Cannot read the row"));
    await assert.rejects(loaders.read(resource), TypeError);
  } finally {
    await cache.close();
  }
});

Deno.test("read() serves earlier versions stale while the current ones are slow to load", async () => {
  const { versions, cache, loaders, state, resource } = setup(20);
  try {
    await loaders.read(resource);
    versions.set("doc:1", 2);
    let finish!: (value: string) => void;
    state.load = () => new Promise((resolve) => finish = resolve);
    const started = performance.now();
    const stale = await loaders.read(resource);
    assert.deepEqual([stale.value, stale.superseded], ["v1", true]);
    assert.ok(performance.now() - started < 500);
    // The load carries on; once it is in, readers get the current value.
    finish("v2");
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(await loaders.read(resource), { value: "v2", served: "hit" });
  } finally {
    await cache.close();
  }
});
