/**
 * After a write, every instance whose readers showed the changed dashboard takes the new one
 * (from Redis, where the writer's refill put it) as soon as it hears of the write, before its
 * pages' revalidations arrive; an instance nobody read it on does nothing, and nobody loads
 * ahead a change the app did not make.
 */
import assert from "node:assert/strict";
import { createApp } from "../lib/server/app.tsx";
import { assemble } from "../lib/app/assemble.ts";
import type { ProjectDashboard } from "../lib/model/types.ts";
import { createTestApp, formPost, ORIGIN, todoTask } from "./_app.ts";
import { TEST_SESSION_SECRET } from "./_db.ts";
import { waitFor } from "../lib/live/_test_support.ts";

Deno.test("an instance reads a changed dashboard ahead of its readers, once they read it", async () => {
  const a = await createTestApp({ env: { SESSION_SECRET: TEST_SESSION_SECRET } });
  const b = await assemble(a.assembly.deps.config, a.db, {
    buildId: "test",
    namespace: a.namespace,
  });
  const c = await assemble(a.assembly.deps.config, a.db, {
    buildId: "test",
    namespace: a.namespace,
  });
  const appB = b.deps.revalidations.wrap(createApp(b.deps).fetch);
  try {
    const cookie = await a.login("grace@acme.test");
    const projectId = await a.projectId("acme");
    const tenantId =
      (await a.db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'acme'"))[0].id;
    const read = await appB(
      new Request(`${ORIGIN}/api/projects/${projectId}`, { headers: { cookie } }),
    );
    assert.equal(read.status, 200, "a reader on B");
    await read.body?.cancel();
    const task = await todoTask(a, projectId);
    const dashboard = b.deps.loaders.resources.dashboard(tenantId, projectId);
    const before = { b: b.cache!.counters.snapshot(), c: c.cache!.counters.snapshot() };

    const write = await a.request(
      `/projects/${projectId}/tasks/${task.id}`,
      formPost(cookie, { status: "done" }),
    );
    assert.equal(write.status, 303);
    const statusOnB = () => {
      const held = b.deps.loaders.peek(dashboard) as ProjectDashboard | null | undefined;
      return held?.phases.flatMap((p) => p.tasks).find((t) => t.id === task.id)?.status;
    };
    await waitFor(() => statusOnB() === "done", 5000, "B to hold the new dashboard");
    const after = { b: b.cache!.counters.snapshot(), c: c.cache!.counters.snapshot() };
    assert.equal(after.b.misses, before.b.misses, "no reader of B missed");
    assert.ok(after.b.warms > before.b.warms || after.b.hits.l2 > before.b.hits.l2);
    assert.equal(after.c.warms, before.c.warms, "C, where nobody read it, read nothing ahead");
    assert.equal(after.c.hits.l2, before.c.hits.l2);

    // A change made outside the app is refilled by nobody: read-ahead loads nothing for it.
    const seq = b.bus.lastSeq;
    await a.db.query("UPDATE projects SET description = 'outside' WHERE id = $1", [projectId]);
    await waitFor(() => b.bus.lastSeq > seq, 5000, "B to hear of the outside write");
    // The read-ahead that event started, as the bus started it; awaited to its end, it asked
    // Redis and gave up, loading nothing.
    const topic = `project:${projectId}`;
    const reading = b.deps.loaders.readAhead({
      tenant: tenantId,
      topic,
      version: b.bus.version(topic),
    });
    assert.ok(reading, "B held the dashboard at the version before, so it reads ahead");
    await reading;
    assert.equal(b.cache!.counters.snapshot().loads, after.b.loads, "B loaded nothing ahead");
  } finally {
    await c.close();
    await b.close();
    await a.drop();
  }
});
