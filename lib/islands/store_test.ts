import assert from "node:assert/strict";
import { effect } from "@preact/signals";
import type { ProjectDashboard } from "../db/types.ts";
import { LiveStore, pathsForTopic } from "./store.ts";
import { createDashboardHandle, DashboardResource } from "./store_dashboard.ts";
import { reconcile } from "./store_resource.ts";

function dashboard(): ProjectDashboard {
  return {
    project: {
      id: "p1",
      name: "P",
      description: "",
      status: "Active",
      health: "green",
      updatedAt: "2025-07-31T00:00:00Z",
      owner: "",
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
    risks: [{ id: "r1", title: "R", impact: "low", probability: "low", mitigation: "", owner: "" }],
    milestones: [],
    log: [],
  };
}

/** A fake `fetch` for `/api/batch` that records each body and answers from `answer`. */
function fakeBatch(answer: (path: string, etag?: string) => Record<string, unknown>) {
  const calls: { path: string; etag?: string }[][] = [];
  let gate: Promise<void> = Promise.resolve();
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    const { resources } = JSON.parse(String(init?.body));
    calls.push(resources);
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

Deno.test("LiveStore coalesces a burst of events into one batch with the ETag held", async () => {
  const { fake, store } = setup(() => ({ status: 304, etag: 'W/"1"' }));
  for (let seq = 6; seq <= 10; seq++) {
    store.handleFrame({ type: "event", seq, topic: "project:p1", version: seq });
  }
  await new Promise((resolve) => setTimeout(resolve, 30));
  await store.whenIdle();
  assert.deepEqual(fake.calls, [[{ path: "/api/projects/p1", etag: 'W/"1"' }]]);
  assert.equal(store.lastSeq, 10);
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
