import assert from "node:assert/strict";
import { createTestApp, formPost, todoTask } from "./_app.ts";

Deno.test("concurrent cold requests: one loads and stores, the others say they were collapsed", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => t.request(`/api/projects/${id}`, { headers: { cookie } })),
    );
    const statuses = await Promise.all(responses.map(async (res) => {
      await res.body?.cancel();
      assert.equal(res.status, 200);
      return res.headers.get("cache-status");
    }));
    assert.equal(statuses.filter((s) => s === "Beacon; fwd=miss; stored").length, 1, `${statuses}`);
    assert.ok(statuses.includes("Beacon; fwd=miss; collapsed"), `${statuses}`);
    for (const status of statuses) {
      assert.match(status ?? "", /^Beacon; (fwd=miss; stored|fwd=miss; collapsed|hit)$/);
    }
  } finally {
    await t.drop();
  }
});

Deno.test("after a write, every reader's first request is a hit: the writer refilled the cache", async () => {
  const t = await createTestApp({ kind: "postgres" });
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const id = await t.projectId("acme");
    const task = await todoTask(t, id);
    // Both sessions' contexts and the pages they read are in the cache before the write.
    for (const cookie of [ada, grace]) {
      for (const path of ["/", `/projects/${id}`, `/api/projects/${id}`]) {
        const res = await t.request(path, { headers: { cookie } });
        await res.body?.cancel();
      }
    }
    const counters = () => t.assembly.cache!.counters.snapshot();
    const before = counters();
    const write = await t.request(
      `/projects/${id}/tasks/${task.id}`,
      formPost(ada, { status: "done" }),
    );
    await write.body?.cancel();
    assert.equal(write.status, 303);
    const after = counters();
    assert.equal(after.warms - before.warms, 3, "the dashboard, the project list and its ids");
    assert.equal(after.misses, before.misses, "a refill is not a miss");
    for (const [cookie, path] of [[grace, `/api/projects/${id}`], [ada, `/projects/${id}`]]) {
      const res = await t.request(path, { headers: { cookie } });
      const body = await res.text();
      assert.equal(res.headers.get("cache-status"), "Beacon; hit", path);
      assert.ok(body.includes(task.id));
    }
    const home = await t.request("/", { headers: { cookie: grace } });
    await home.body?.cancel();
    assert.equal(home.headers.get("cache-status"), "Beacon; hit", "the project list");
    assert.equal(counters().misses, before.misses);
  } finally {
    await t.drop();
  }
});
