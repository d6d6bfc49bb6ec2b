/**
 * `POST /api/batch`: a page revalidates every resource it shows in one request, each answered
 * as its own `GET` with `If-None-Match` would be — 304 without a body when unchanged.
 */
import assert from "node:assert/strict";
import { createTestApp, formPost, ORIGIN, type TestApp, todoTask } from "./_app.ts";
import { MAX_BATCH } from "../lib/model/api.ts";

/** One resource to revalidate, as the client sends it. */
interface Wanted {
  path: string;
  etag?: string;
}

/** One resource's answer in the batch. */
interface Entry {
  path: string;
  status: number;
  etag?: string;
  body?: unknown;
  base?: string;
  patch?: Record<string, unknown>;
  error?: string;
}

interface BatchReply {
  status: number;
  headers: Headers;
  json: { resources?: Entry[]; error?: string; status?: number };
}

/** Posts a batch from the app's own origin; `body` is sent as is when it is a string. */
async function batch(
  t: TestApp,
  cookie: string | null,
  body: { resources: Wanted[]; patch?: boolean } | string,
): Promise<BatchReply> {
  const headers = new Headers({ "content-type": "application/json", origin: ORIGIN });
  if (cookie) headers.set("cookie", cookie);
  const res = await t.request("/api/batch", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

/** The entries of a batch that must have been answered as a whole. */
function entriesOf(reply: BatchReply): Entry[] {
  assert.equal(reply.status, 200, JSON.stringify(reply.json));
  assert.equal(reply.headers.get("cache-control"), "private, no-cache");
  assert.equal(reply.headers.get("vary"), "Cookie, Accept-Encoding");
  assert.ok(reply.json.resources);
  return reply.json.resources;
}

/** Asserts a JSON error answer. */
function assertError(reply: BatchReply, status: number): void {
  assert.equal(reply.status, status);
  assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
  assert.equal(reply.json.status, status);
  assert.equal(typeof reply.json.error, "string");
  assert.equal(reply.json.resources, undefined);
}

Deno.test("POST /api/batch revalidates many resources in one request", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const linus = await t.login("linus@acme.test");
    const acme = await t.projectId("acme");
    const globex = await t.projectId("globex");
    const project = `/api/projects/${acme}`;
    await t.assembly.bus.catchUp();
    const tags = new Map<string, string>();
    const bodies = new Map<string, unknown>();

    await test.step("without tags each resource is a 200 with its ETag and body", async () => {
      const entries = entriesOf(
        await batch(t, ada, { resources: [{ path: "/api/context" }, { path: project }] }),
      );
      assert.deepEqual(entries.map((entry) => [entry.path, entry.status]), [
        ["/api/context", 200],
        [project, 200],
      ]);
      for (const entry of entries) {
        assert.match(entry.etag ?? "", /^W\/"[^"]+"$/);
        tags.set(entry.path, entry.etag!);
        bodies.set(entry.path, entry.body);
      }
      const [context, dashboard] = entries.map((entry) => entry.body) as [
        { user: { email: string }; role: string },
        { project: { id: string; name: string } },
      ];
      assert.equal(context.user.email, "ada@acme.test");
      assert.equal(context.role, "owner");
      assert.equal(dashboard.project.id, acme);
      assert.equal(dashboard.project.name, "Redis Caching Implementation");
    });

    await test.step("the batch's tags are the ones the GET routes send", async () => {
      for (const [path, etag] of tags) {
        const res = await t.request(path, { headers: { cookie: ada } });
        await res.body?.cancel();
        assert.equal(res.headers.get("etag"), etag, path);
        const revalidated = await t.request(path, {
          headers: { cookie: ada, "if-none-match": etag },
        });
        assert.equal(revalidated.status, 304, path);
      }
    });

    await test.step("sent back with their tags each is a 304 without a body", async () => {
      const entries = entriesOf(
        await batch(t, ada, {
          resources: [...tags].map(([path, etag]) => ({ path, etag })),
        }),
      );
      for (const entry of entries) {
        assert.equal(entry.status, 304, entry.path);
        assert.equal(entry.etag, tags.get(entry.path));
        assert.equal(entry.body, undefined, `${entry.path} has no body`);
      }
    });

    await test.step("after a write only the changed resource is a 200", async () => {
      const task = await todoTask(t, acme);
      const res = await t.request(
        `/projects/${acme}/tasks/${task.id}`,
        formPost(grace, { status: "done" }),
      );
      await res.body?.cancel();
      assert.equal(res.status, 303);
      const [context, dashboard] = entriesOf(
        await batch(t, ada, {
          resources: [...tags].map(([path, etag]) => ({ path, etag })),
        }),
      );
      assert.equal(context.status, 304, "the context did not change");
      assert.equal(dashboard.status, 200, "the dashboard did");
      assert.notEqual(dashboard.etag, tags.get(project));
      const tasks = (dashboard.body as { phases: { tasks: { id: string; status: string }[] }[] })
        .phases.flatMap((phase) => phase.tasks);
      assert.equal(tasks.find((t) => t.id === task.id)?.status, "done", "with fresh data");
      bodies.set(`${project} after`, dashboard.body);
    });

    await test.step("with patch: true, a page one write behind gets only the fields that changed", async () => {
      const held = { path: project, etag: tags.get(project) };
      const [entry] = entriesOf(await batch(t, ada, { resources: [held], patch: true }));
      assert.equal(entry.status, 200);
      assert.equal(entry.base, held.etag, "made against the page's ETag");
      assert.equal(entry.body, undefined);
      assert.ok(entry.patch?.phases, "the task list changed");
      assert.equal(entry.patch?.risks, undefined, "the risks did not");
      const merged = { ...(bodies.get(project) as object), ...entry.patch };
      assert.deepEqual(merged, bodies.get(`${project} after`), "merged, it is the new dashboard");

      const task = await todoTask(t, acme);
      const res = await t.request(
        `/projects/${acme}/tasks/${task.id}`,
        formPost(grace, { status: "doing" }),
      );
      await res.body?.cancel();
      const [behind] = entriesOf(await batch(t, ada, { resources: [held], patch: true }));
      assert.equal(behind.status, 200);
      assert.equal(behind.patch, undefined, "two writes behind: the whole dashboard");
      assert.ok(behind.body);
    });

    await test.step(`more than ${MAX_BATCH} resources is a 413`, async () => {
      const resources = Array.from({ length: MAX_BATCH + 1 }, () => ({ path: "/api/context" }));
      assertError(await batch(t, ada, { resources }), 413);
      const most = entriesOf(await batch(t, ada, { resources: resources.slice(1) }));
      assert.equal(most.length, MAX_BATCH, `${MAX_BATCH} are answered`);
    });

    await test.step("a path that cannot be batched is a 400 for its entry only", async () => {
      const bad = ["/etc/passwd", "/api/batch", `${project}/phases`, "/api/context?x=1", "/"];
      const entries = entriesOf(
        await batch(t, ada, {
          resources: [{ path: "/api/context" }, ...bad.map((path) => ({ path })), {
            path: project,
          }],
        }),
      );
      assert.deepEqual(entries.map((entry) => entry.status), [200, 400, 400, 400, 400, 400, 200]);
      for (const entry of entries.slice(1, -1)) {
        assert.equal(typeof entry.error, "string", entry.path);
        assert.equal(entry.body, undefined, entry.path);
      }
    });

    await test.step("another tenant's project, or a made-up one, is a 404 entry", async () => {
      const entries = entriesOf(
        await batch(t, ada, {
          resources: [
            { path: `/api/projects/${globex}` },
            { path: `/api/projects/${crypto.randomUUID()}` },
            { path: "/api/projects/not-a-uuid" },
            { path: "/api/context" },
          ],
        }),
      );
      assert.deepEqual(entries.map((entry) => entry.status), [404, 404, 404, 200]);
      assert.equal(entries[0].body, undefined, "nothing of Globex's project");
      assert.equal(entries[0].etag, undefined);
    });

    await test.step("a body that is not a batch is a 400", async () => {
      assertError(await batch(t, ada, "{not json"), 400);
      assertError(await batch(t, ada, '{"resources": "all"}'), 400);
      assertError(await batch(t, ada, '{"resources": [{"etag": "W/\\"x\\""}]}'), 400);
    });

    await test.step("without a session it is a 401", async () => {
      assertError(await batch(t, null, { resources: [{ path: "/api/context" }] }), 401);
      const forged = "beacon_session=forged";
      assertError(await batch(t, forged, { resources: [{ path: "/api/context" }] }), 401);
    });

    await test.step("from another origin it is refused", async () => {
      const res = await t.request("/api/batch", {
        method: "POST",
        headers: { cookie: ada, origin: "https://evil.test", "content-type": "application/json" },
        body: JSON.stringify({ resources: [{ path: "/api/context" }] }),
      });
      await res.body?.cancel();
      assert.equal(res.status, 403);
    });

    await test.step("a viewer may batch reads, with tags of their own", async () => {
      const entries = entriesOf(
        await batch(t, linus, {
          resources: [...tags].map(([path, etag]) => ({ path, etag })),
        }),
      );
      for (const entry of entries) {
        assert.equal(entry.status, 200, `${entry.path}: Ada's tag is no 304 for Linus`);
        assert.notEqual(entry.etag, tags.get(entry.path));
      }
      assert.equal((entries[0].body as { role: string }).role, "viewer");
      const again = entriesOf(
        await batch(t, linus, {
          resources: entries.map(({ path, etag }) => ({ path, etag })),
        }),
      );
      assert.deepEqual(again.map((entry) => entry.status), [304, 304]);
    });
  } finally {
    await t.drop();
  }
});
