import assert from "node:assert/strict";
import { effect } from "@preact/signals";
import { LiveStore } from "./store.ts";
import { createListHandle, ListResource } from "./list.ts";
import { createContextHandle } from "./context.ts";
import type { ContextJson } from "../model/context.ts";

const TENANT = "0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11";

/** A fake `/api/batch` answering each path from `bodies`, recording what was asked. */
function fakeBatch(bodies: Record<string, { etag: string; body: unknown }>) {
  const calls: { path: string; etag?: string }[][] = [];
  const fetch = (_url: string | URL | Request, init?: RequestInit) => {
    const { resources } = JSON.parse(String(init?.body)) as { resources: { path: string }[] };
    calls.push(resources);
    const answers = resources.map(({ path }) => ({ path, status: 200, ...bodies[path] }));
    return Promise.resolve(new Response(JSON.stringify({ resources: answers })));
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

async function settle(store: LiveStore): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
}

Deno.test("a projects: event revalidates the project list held, and only changed cards change", async () => {
  const before = [{ id: "p1", name: "One", doneCount: 1 }, { id: "p2", name: "Two", doneCount: 0 }];
  const after = [
    { id: "p1", name: "One", doneCount: 1 },
    { id: "p2", name: "Two", doneCount: 1 },
    { id: "p3", name: "Three", doneCount: 0 },
  ];
  const fake = fakeBatch({ "/api/projects": { etag: 'W/"2"', body: after } });
  const store = new LiveStore({ fetch: fake.fetch, socketUrl: null, storage: null });
  const handle = createListHandle("/api/projects", before, { etag: 'W/"1"', seq: 5 });
  const list = store.adopt(new ListResource(handle), handle);
  let renders = 0;
  effect(() => void (list.data.value, renders++));

  store.handleFrame({ type: "event", seq: 6, topic: `members:${TENANT}`, version: 2 });
  await settle(store);
  assert.deepEqual(fake.calls, [], "a members: event is no business of the project list");

  store.handleFrame({ type: "event", seq: 7, topic: `projects:${TENANT}`, version: 3 });
  await settle(store);
  assert.deepEqual(fake.calls, [[{ path: "/api/projects", etag: 'W/"1"' }]]);
  assert.equal(renders, 2, "the list changed once");
  assert.equal(handle.items.value.length, 3, "the handle's signal is the one the store sets");
  assert.equal(list.etag, 'W/"2"');
  assert.equal(list.data.value[0], before[0], "an unchanged card keeps its identity");
  assert.notEqual(list.data.value[1], before[1]);
  assert.equal(store.lastSeq, 7);
});

Deno.test("adopt() holds the first resource per path and the context the page rendered", async () => {
  const members = [{ userId: "u1", email: "ada@acme.test", role: "owner" }];
  const fake = fakeBatch({
    "/api/members": { etag: 'W/"m2"', body: [...members, { userId: "u2", role: "member" }] },
  });
  const store = new LiveStore({ fetch: fake.fetch, socketUrl: null, storage: null });
  const context = createContextHandle({ flags: {} } as unknown as ContextJson, 'W/"c1"');
  const handle = createListHandle("/api/members", members, { etag: 'W/"m1"', seq: 3, context });
  const held = store.adopt(new ListResource(handle), handle);
  const again = store.adopt(new ListResource(createListHandle("/api/members", [])), { seq: 0 });
  assert.equal(again, held, "a second island of the page gets the same resource");
  assert.deepEqual([...store.paths].sort(), ["/api/context", "/api/members"]);
  assert.equal(store.lastSeq, 3);

  store.handleFrame({ type: "event", seq: 4, topic: `members:${TENANT}`, version: 2 });
  await settle(store);
  assert.deepEqual(fake.calls, [[{ path: "/api/members", etag: 'W/"m1"' }]]);
  assert.equal(held.data.value.length, 2);
});
