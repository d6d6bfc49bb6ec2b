/**
 * Remembered 304s (`lib/http/revalidation_memo.ts`): a session's repeated revalidation is
 * answered in front of the router, and never once anything it rests on has changed — a
 * write, a sign-out, another session, an expired session.
 */
import assert from "node:assert/strict";
import {
  createTestApp,
  etagOf,
  formPost,
  type Reply,
  send,
  type TestApp,
  todoTask,
} from "./_app.ts";

function revalidate(t: TestApp, path: string, cookie: string, etag: string): Promise<Reply> {
  return send(t, path, cookie, { "if-none-match": etag });
}

Deno.test("a session's repeated revalidation is answered in front of the router", async (test) => {
  const t = await createTestApp({ kind: "postgres" });
  const memo = t.assembly.deps.revalidations;
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const projectId = await t.projectId("acme");
    const page = `/projects/${projectId}`;

    await test.step("the second 304 comes from the memo, with the first one's headers", async () => {
      const etag = await etagOf(t, page, ada);
      const first = await revalidate(t, page, ada, etag);
      assert.equal(first.status, 304);
      const answered = memo.answered;
      const lookups = t.assembly.cache!.counters.snapshot().hits.l1;
      const queries = t.db.queryCount;
      const second = await revalidate(t, page, ada, etag);
      assert.equal(second.status, 304);
      assert.equal(memo.answered - answered, 1, "answered by the memo");
      assert.equal(t.assembly.cache!.counters.snapshot().hits.l1, lookups, "no cache lookup");
      assert.equal(t.db.queryCount, queries, "no query");
      assert.deepEqual([...second.headers], [...first.headers]);
      const http = t.assembly.deps.metrics.http;
      const counted = http.series().get("GET")?.get("/projects/:id")?.statuses.get(304);
      assert.ok(counted && counted[0] >= 2, "both 304s are counted under the route");
    });

    await test.step("a tag that does not match still gets the 200", async () => {
      const res = await revalidate(t, page, ada, 'W/"stale"');
      assert.equal(res.status, 200);
    });

    await test.step("another session with the tag is not answered", async () => {
      const etag = await etagOf(t, page, ada);
      assert.equal((await revalidate(t, page, ada, etag)).status, 304);
      const res = await revalidate(t, page, grace, etag);
      assert.equal(res.status, 200, "Grace's page has its own tag");
    });

    await test.step("a write by someone else makes the remembered 304 stale", async () => {
      const etag = await etagOf(t, page, ada);
      assert.equal((await revalidate(t, page, ada, etag)).status, 304);
      assert.equal((await revalidate(t, page, ada, etag)).status, 304);
      const task = await todoTask(t, projectId);
      const write = await t.request(
        `/projects/${projectId}/tasks/${task.id}`,
        formPost(grace, { status: "doing" }),
      );
      await write.body?.cancel();
      assert.equal(write.status, 303);
      const res = await revalidate(t, page, ada, etag);
      assert.equal(res.status, 200);
      assert.notEqual(res.headers.get("etag"), etag);
    });

    await test.step("a write made in SQL does too", async () => {
      const etag = await etagOf(t, page, ada);
      assert.equal((await revalidate(t, page, ada, etag)).status, 304);
      await t.db.query("UPDATE risks SET mitigation = mitigation || '.' WHERE project_id = $1", [
        projectId,
      ]);
      await t.assembly.bus.catchUp();
      assert.equal((await revalidate(t, page, ada, etag)).status, 200);
    });

    await test.step("after sign-out the old cookie gets no 304", async () => {
      const etag = await etagOf(t, page, ada);
      assert.equal((await revalidate(t, page, ada, etag)).status, 304);
      const out = await t.request("/logout", formPost(ada, {}));
      await out.body?.cancel();
      await t.assembly.bus.catchUp();
      const res = await revalidate(t, page, ada, etag);
      assert.equal(res.status, 303, "sent to sign in");
      assert.ok(res.headers.get("location")?.startsWith("/login"));
    });
  } finally {
    await t.drop();
  }
});
