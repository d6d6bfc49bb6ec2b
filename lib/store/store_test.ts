import assert from "node:assert/strict";
import { effect } from "@preact/signals";
import type { ProjectDashboard } from "../model/types.ts";
import { resolveDashboard } from "../model/resolve.ts";
import { LiveStore, pathsForTopic } from "./store.ts";
import { createDashboardHandle, DashboardResource } from "./dashboard.ts";
import { reconcile } from "./resource.ts";
import { createContextHandle } from "./context.ts";
import type { ContextJson } from "../model/context.ts";

function dashboard(): ProjectDashboard {
  return resolveDashboard({
    project: {
      id: "p1",
      name: "P",
      description: "",
      status: "Active",
      health: "green",
      updatedAt: "2025-07-31T00:00:00Z",
      owner: "",
      updateFrequency: null,
      reviewCycle: null,
      lastUpdated: null,
      archivedAt: null,
      extraSections: [],
    },
    phases: [{
      id: "ph1",
      name: "One",
      timeframe: "",
      position: 0,
      tasks: [
        {
          id: "t1",
          phaseId: "ph1",
          title: "A",
          note: "",
          status: "todo",
          assignee: null,
          position: 0,
        },
      ],
    }],
    team: [],
    metrics: [],
    risks: [{
      id: "r1",
      title: "R",
      impact: "low",
      probability: "low",
      mitigation: "",
      owner: "",
      position: 0,
    }],
    milestones: [],
    log: [],
    accomplishments: [],
    actionGroups: [],
    blockers: [],
  });
}

/** A fake `fetch` for `/api/batch` that records each body and answers from `answer`. */
function fakeBatch(answer: (path: string, etag?: string) => Record<string, unknown>) {
  const calls: { path: string; etag?: string }[][] = [];
  const seqs: (number | undefined)[] = [];
  let gate: Promise<void> = Promise.resolve();
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    const { resources, seq } = JSON.parse(String(init?.body));
    calls.push(resources);
    seqs.push(seq);
    await gate;
    const body = {
      resources: resources.map((r: { path: string; etag?: string }) => ({
        path: r.path,
        ...answer(r.path, r.etag),
      })),
    };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  };
  return {
    calls,
    seqs,
    fetch: fetch as typeof globalThis.fetch,
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => release = resolve);
      return release;
    },
  };
}

function setup(answer: (path: string, etag?: string) => Record<string, unknown>) {
  const fake = fakeBatch(answer);
  const store = new LiveStore({ fetch: fake.fetch, socketUrl: null, storage: null });
  const handle = createDashboardHandle(dashboard(), { etag: 'W/"1"', seq: 5 });
  const resource = store.hold(new DashboardResource(handle));
  return { fake, store, resource };
}

Deno.test("pathsForTopic() maps project and context topics to the paths held", () => {
  const held = new Set(["/api/projects/p1", "/api/context"]);
  assert.deepEqual(pathsForTopic("project:p1", held), ["/api/projects/p1"]);
  assert.deepEqual(pathsForTopic("project:p2", held), []);
  assert.deepEqual(pathsForTopic("flags:*", held), ["/api/context"]);
  assert.deepEqual(pathsForTopic("projects:t1", held), []);
});

Deno.test("reconcile() keeps the identity of unchanged elements", () => {
  const before = [{ id: "a", n: 1 }, { id: "b", n: 2 }];
  const after = reconcile(before, [{ id: "a", n: 1 }, { id: "b", n: 3 }]);
  assert.equal(after[0], before[0]);
  assert.notEqual(after[1], before[1]);
  assert.equal(reconcile(before, structuredClone(before)), before);
});

Deno.test("reconcile() keeps every unchanged part: fields, positions, reordered ids", () => {
  const before = {
    project: { id: "p", name: "P", tags: ["a", "b"] },
    phases: [{ id: "1", tasks: [{ id: "t1", status: "todo" }, { id: "t2", status: "done" }] }],
  };
  const next = structuredClone(before);
  next.phases[0].tasks[0].status = "doing";
  const after = reconcile(before, next);
  assert.notEqual(after, before);
  assert.equal(after.project, before.project, "an unchanged field keeps its object");
  assert.notEqual(after.phases[0].tasks[0], before.phases[0].tasks[0]);
  assert.equal(after.phases[0].tasks[1], before.phases[0].tasks[1], "an unchanged task too");
  assert.deepEqual(after, next);
  const swapped = reconcile(before.phases[0].tasks, [...before.phases[0].tasks].reverse());
  assert.equal(swapped[0], before.phases[0].tasks[1], "matched by id, not position");
  assert.equal(reconcile({ a: 1, b: 2 }, { b: 2, a: 1 }).a, 1);
  const shorter = reconcile({ a: 1, b: 2 }, { a: 1 } as { a: number; b?: number });
  assert.deepEqual(shorter, { a: 1 }, "a field removed is a change");
});

Deno.test("LiveStore coalesces a burst of events into one batch with the ETag held and the last seq", async () => {
  const { fake, store } = setup(() => ({ status: 304, etag: 'W/"1"' }));
  for (let seq = 6; seq <= 10; seq++) {
    store.handleFrame({ type: "event", seq, topic: "project:p1", version: seq });
  }
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.deepEqual(fake.calls, [[{ path: "/api/projects/p1", etag: 'W/"1"' }]]);
  assert.equal(store.lastSeq, 10);
  assert.deepEqual(fake.seqs, [10], "the server answers once it has applied seq 10");
});

Deno.test("LiveStore gathers events that come a few milliseconds apart into one batch", async () => {
  const { fake, store } = setup(() => ({ status: 304, etag: 'W/"1"' }));
  for (let seq = 6; seq <= 10; seq++) {
    store.handleFrame({ type: "event", seq, topic: "project:p1", version: seq });
    await new Promise((resolve) => setTimeout(resolve, 8));
  }
  await new Promise((resolve) => setTimeout(resolve, 40));
  await store.whenIdle();
  assert.equal(fake.calls.length, 1);
});

Deno.test("LiveStore sends a steady stream of events within the longest wait", async () => {
  const { fake, store } = setup(() => ({ status: 304, etag: 'W/"1"' }));
  const start = Date.now();
  for (let seq = 6; Date.now() - start < 250; seq++) {
    store.handleFrame({ type: "event", seq, topic: "project:p1", version: seq });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await store.whenIdle();
  // A quiet frame never comes: the 100 ms cap sends the burst anyway, two or three times.
  assert.ok(fake.calls.length >= 2, `${fake.calls.length} batches`);
});

Deno.test("LiveStore sends one follow-up for events that arrive during a flight", async () => {
  const { fake, store } = setup(() => ({ status: 304, etag: 'W/"1"' }));
  const release = fake.hold();
  store.handleFrame({ type: "event", seq: 6, topic: "project:p1", version: 2 });
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(fake.calls.length, 1);
  for (let seq = 7; seq <= 9; seq++) {
    store.handleFrame({ type: "event", seq, topic: "project:p1", version: seq });
  }
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(fake.calls.length, 1, "no second request while one is in flight");
  release();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.equal(fake.calls.length, 2);
});

Deno.test("DashboardResource notifies only the sections whose data changed", async () => {
  const next = dashboard();
  next.phases[0].tasks[0].status = "done";
  const { store, resource } = setup(() => ({ status: 200, etag: 'W/"2"', body: next }));
  const runs = { phases: 0, risks: 0 };
  effect(() => void (resource.sections.phases.value, runs.phases++));
  effect(() => void (resource.sections.risks.value, runs.risks++));
  const risks = resource.sections.risks.peek();
  store.revalidateAll();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.deepEqual(runs, { phases: 2, risks: 1 });
  assert.equal(resource.sections.risks.peek(), risks);
  assert.equal(resource.etag, 'W/"2"');
});

Deno.test("LiveStore merges a patch over the dashboard it was made against, and asks again otherwise", async () => {
  const next = dashboard();
  next.phases[0].tasks[0].status = "done";
  let base = 'W/"1"';
  const { fake, store, resource } = setup((_path, etag) =>
    etag === undefined
      ? { status: 200, etag: 'W/"2"', body: next }
      : { status: 200, etag: 'W/"2"', base, patch: { phases: next.phases } }
  );
  const risks = resource.sections.risks.peek();
  store.revalidateAll();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.equal(resource.sections.phases.peek()[0].tasks[0].status, "done");
  assert.equal(resource.sections.risks.peek(), risks, "fields the patch left out are kept");
  assert.equal(resource.etag, 'W/"2"');
  assert.equal(fake.calls.length, 1);

  base = 'W/"something else"';
  store.revalidateAll();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.deepEqual(fake.calls.at(-1), [{ path: "/api/projects/p1" }], "asked again, whole");
  assert.equal(store.batches, 3);
});

Deno.test("LiveStore asks again, shortly, for a resource answered with stale data", async () => {
  const next = dashboard();
  next.phases[0].tasks[0].status = "done";
  let answers = 0;
  const { fake, store, resource } = setup(() =>
    ++answers === 1
      ? { status: 200, body: dashboard(), stale: true }
      : { status: 200, etag: 'W/"2"', body: next }
  );
  store.handleFrame({ type: "event", seq: 6, topic: "project:p1", version: 2 });
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.equal(fake.calls.length, 1);
  assert.equal(resource.sections.phases.peek()[0].tasks[0].status, "todo", "the stale data shown");
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await store.whenIdle();
  assert.equal(fake.calls.length, 2, "asked again within a second");
  assert.equal(resource.sections.phases.peek()[0].tasks[0].status, "done");
  assert.equal(resource.etag, 'W/"2"');
});

Deno.test("DashboardResource shows a task change at once and takes it back on refusal", () => {
  const resource = new DashboardResource(createDashboardHandle(dashboard()));
  const status = () => resource.sections.phases.peek()[0].tasks[0].status;
  const change = resource.setTaskStatus("t1", "done");
  assert.equal(status(), "done");
  // A revalidation meanwhile keeps the optimistic status on top of the server's data.
  resource.receive(dashboard(), 'W/"2"');
  assert.equal(status(), "done");
  change.revert();
  assert.equal(status(), "todo");
  resource.setTaskStatus("t1", "doing").commit("doing");
  assert.equal(status(), "doing");
  assert.equal(resource.snapshot().phases[0].tasks[0].status, "doing");
});

/** What `GET /api/context` answers in these tests: only the flags matter. */
function contextBody(flags: Record<string, boolean>): ContextJson {
  return { flags } as unknown as ContextJson;
}

/** A fake `fetch` answering single GETs from `answer`, recording method, path and ETag sent. */
function fakeGets(answer: (path: string, etag: string | null) => Response) {
  const calls: { method: string; path: string; etag: string | null }[] = [];
  const fetch = (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url);
    const etag = new Headers(init?.headers).get("if-none-match");
    calls.push({ method: init?.method ?? "GET", path, etag });
    return Promise.resolve(answer(path, etag));
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

Deno.test("LiveStore revalidates with one conditional GET each when request_batching is off", async () => {
  const fake = fakeGets((path, etag) =>
    path === "/api/projects/p1" && etag === 'W/"1"'
      ? new Response(null, { status: 304, headers: { etag: 'W/"1"' } })
      : new Response("{}", { status: 500 })
  );
  const store = new LiveStore({ fetch: fake.fetch, socketUrl: null, storage: null });
  const context = createContextHandle(contextBody({ request_batching: false }), 'W/"c1"');
  store.adoptDashboard(createDashboardHandle(dashboard(), { etag: 'W/"1"', seq: 5, context }));
  assert.deepEqual([...store.paths], ["/api/projects/p1", "/api/context"]);
  store.handleFrame({ type: "event", seq: 6, topic: "project:p1", version: 2 });
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.deepEqual(fake.calls, [{ method: "GET", path: "/api/projects/p1", etag: 'W/"1"' }]);
  assert.deepEqual([store.batches, store.gets], [0, 1]);
});

/** A stand-in WebSocket: records what was made; a test opens it. */
class FakeWebSocket {
  static made: FakeWebSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.made.push(this);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
  /** Opens it and says ready, as the server does after hello. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.();
    this.onmessage?.({ data: JSON.stringify({ type: "ready", lastSeq: 0 }) });
  }
}

Deno.test("LiveStore closes the socket while live_updates is off, polls the context, and reconnects", async () => {
  FakeWebSocket.made = [];
  let live = false;
  const fake = fakeGets((path, etag) => {
    if (path !== "/api/context") return new Response("{}", { status: 500 });
    if (!live && etag === 'W/"c2"') return new Response(null, { status: 304 });
    const body = JSON.stringify(contextBody({ live_updates: true }));
    return new Response(body, { headers: { etag: 'W/"c3"' } });
  });
  const batch = fakeBatch(() => ({
    status: 200,
    etag: 'W/"c2"',
    body: contextBody({ live_updates: false }),
  }));
  const store = new LiveStore({
    fetch: (url, init) => init?.method === "POST" ? batch.fetch(url, init) : fake.fetch(url, init),
    socketUrl: "ws://beacon.test/ws",
    WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    storage: null,
    disabledPollMs: 20,
  });
  const context = createContextHandle(contextBody({ live_updates: true }), 'W/"c1"');
  store.adoptDashboard(createDashboardHandle(dashboard(), { etag: 'W/"1"', seq: 5, context }));
  assert.equal(FakeWebSocket.made.length, 1);
  FakeWebSocket.made[0].accept();
  assert.equal(store.connection.value, "live");

  store.handleFrame({ type: "event", seq: 6, topic: "flags:t1", version: 2 });
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(batch.calls, [[{ path: "/api/context", etag: 'W/"c1"' }]]);
  assert.equal(store.connection.value, "disabled");
  assert.equal(FakeWebSocket.made[0].readyState, 3);

  await new Promise((resolve) => setTimeout(resolve, 70));
  assert.ok(fake.calls.length >= 2, `${fake.calls.length} checks`);
  for (const call of fake.calls) {
    assert.deepEqual(call, { method: "GET", path: "/api/context", etag: 'W/"c2"' });
  }
  assert.equal(FakeWebSocket.made.length, 1, "reconnected while off");

  live = true;
  await new Promise((resolve) => setTimeout(resolve, 60));
  await store.whenIdle();
  assert.equal(FakeWebSocket.made.length, 2);
  assert.equal(store.connection.value, "reconnecting");
  const checks = fake.calls.length;
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(fake.calls.length, checks, "still polling once live");
});

Deno.test("LiveStore asks the context when the socket is refused, and stops reconnecting if it is off", async () => {
  FakeWebSocket.made = [];
  const batch = fakeBatch(() => ({
    status: 200,
    etag: 'W/"c2"',
    body: contextBody({ live_updates: false }),
  }));
  const store = new LiveStore({
    fetch: batch.fetch,
    socketUrl: "ws://beacon.test/ws",
    WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    storage: null,
    disabledPollMs: 60_000,
  });
  const context = createContextHandle(contextBody({}), 'W/"c1"');
  store.adoptDashboard(createDashboardHandle(dashboard(), { etag: 'W/"1"', seq: 5, context }));
  // A refused upgrade: closed without opening.
  FakeWebSocket.made[0].onclose?.({ code: 1006 });
  assert.equal(store.connection.value, "reconnecting");
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.deepEqual(batch.calls, [[{ path: "/api/context", etag: 'W/"c1"' }]]);
  assert.equal(store.connection.value, "disabled");
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal(FakeWebSocket.made.length, 1, "reconnected while off");
});
