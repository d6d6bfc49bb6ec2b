/**
 * Behind a balancer, a page hears of a write on one instance's socket and its batch may reach
 * another instance that has not applied the write yet (its notification is on the way, or it
 * is the writer, still refilling). The batch says the last sequence number the page saw, and
 * that instance answers only once it has applied it: the page never keeps old data with a 304.
 */
import assert from "node:assert/strict";
import { createApp } from "../lib/server/app.tsx";
import { assemble } from "../lib/app/assemble.ts";
import { createTestApp, formPost, ORIGIN, todoTask } from "./_app.ts";
import { currentSeq } from "./_ws.ts";
import { TEST_SESSION_SECRET } from "./_db.ts";

Deno.test("a batch that names the page's last sequence number waits for this instance to apply it", async () => {
  // Two instances on one database share the session key.
  const a = await createTestApp({ env: { SESSION_SECRET: TEST_SESSION_SECRET } });
  const b = await assemble(a.assembly.deps.config, a.db, {
    buildId: "test",
    namespace: a.namespace,
  });
  const appB = b.deps.revalidations.wrap(createApp(b.deps).fetch);
  try {
    const cookie = await a.login("grace@acme.test");
    const projectId = await a.projectId("acme");
    const path = `/api/projects/${projectId}`;
    const held = await a.request(path, { headers: { cookie } });
    const etag = held.headers.get("etag")!;
    await held.body?.cancel();
    const task = await todoTask(a, projectId);

    // A is busy as a writer is: its bus holds notifications back (at most 200 ms).
    const release = a.assembly.bus.hold();
    const write = await appB(
      new Request(
        `${ORIGIN}/projects/${projectId}/tasks/${task.id}`,
        formPost(cookie, {
          status: "done",
        }),
      ),
    );
    assert.equal(write.status, 303, "written through B");
    const seq = await currentSeq(a.db);
    assert.ok(a.assembly.bus.lastSeq < seq, "A has not applied the write yet");

    const ask = (body: object) =>
      a.request("/api/batch", {
        method: "POST",
        headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((res) => res.json()) as Promise<{ resources: { status: number; body?: unknown }[] }>;
    const resources = [{ path, etag }];
    const unaware = await ask({ resources });
    assert.equal(unaware.resources[0].status, 304, "without seq, A answers from what it has");

    const started = Date.now();
    const waited = ask({ resources, seq });
    setTimeout(release, 50);
    const [entry] = (await waited).resources;
    assert.ok(Date.now() - started >= 40, "it waited for A to apply the write");
    assert.equal(entry.status, 200, "the page gets the new data, not a 304");
    const body = entry.body as { phases: { tasks: { id: string; status: string }[] }[] };
    const status = body.phases.flatMap((p) => p.tasks).find((t) => t.id === task.id)?.status;
    assert.equal(status, "done");
    assert.equal(a.assembly.deps.seqGate.counts.catchUps, 0, "A's own notification sufficed");
  } finally {
    await b.close();
    await a.drop();
  }
});
