/**
 * The tenant's lists as JSON, which keep the home page and the People page live:
 * `GET /api/projects` (the home page's cards) for everyone in the tenant, `GET /api/members`
 * (the People page's table) for owners only, each answered alone or in `POST /api/batch`, each
 * only ever of the session's tenant, and each changing its ETag when a write changes it.
 */
import assert from "node:assert/strict";
import { createTestApp, formPost, ORIGIN, type Reply, send, type TestApp } from "./_app.ts";
import type { Member, ProjectSummary } from "../lib/model/types.ts";

const REFERENCE = await Deno.readTextFile(
  new URL("../lib/markdown/testdata/reference.md", import.meta.url),
);

/** A batch entry, as the page's store gets it. */
interface Entry {
  path: string;
  status: number;
  etag?: string;
  body?: unknown;
  error?: string;
}

async function batch(
  t: TestApp,
  cookie: string,
  resources: { path: string; etag?: string }[],
): Promise<Entry[]> {
  const res = await t.request("/api/batch", {
    method: "POST",
    headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
    body: JSON.stringify({ resources }),
  });
  assert.equal(res.status, 200);
  return (await res.json() as { resources: Entry[] }).resources;
}

async function post(t: TestApp, cookie: string, path: string, fields: Record<string, string>) {
  const res = await t.request(path, formPost(cookie, fields));
  await res.body?.cancel();
  return res;
}

/** A 200 JSON answer with the headers of every per-user answer, and its body. */
function json<T>(reply: Reply, what: string): T {
  assert.equal(reply.status, 200, `${what}: ${reply.body}`);
  assert.match(reply.headers.get("content-type") ?? "", /^application\/json/, what);
  assert.equal(reply.headers.get("cache-control"), "private, no-cache", what);
  assert.equal(reply.headers.get("vary"), "Cookie, Accept-Encoding", what);
  assert.match(reply.headers.get("etag") ?? "", /^W\/"[^"]+"$/, `${what}: a weak ETag`);
  return JSON.parse(reply.body) as T;
}

/** Asserts that `tag` no longer matches: the answer is a 200 with a new tag; returns it. */
async function changed(t: TestApp, path: string, cookie: string, tag: string): Promise<Reply> {
  const reply = await send(t, path, cookie, { "if-none-match": tag });
  assert.equal(reply.status, 200, `${path} with the tag of before the write`);
  assert.notEqual(reply.headers.get("etag"), tag);
  return reply;
}

Deno.test("GET /api/projects is the tenant's project list, and only the tenant's", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const linus = await t.login("linus@acme.test");
    const hank = await t.login("hank@globex.test");
    const acme = await t.projectId("acme");
    await t.assembly.bus.catchUp();
    let adaTag = "";

    await test.step("the same summaries the home page shows, with a 304 for the tag", async () => {
      const reply = await send(t, "/api/projects", ada);
      const projects = json<ProjectSummary[]>(reply, "Ada's list");
      assert.deepEqual(projects.map((p) => p.name), ["Redis Caching Implementation"]);
      assert.equal(projects[0].id, acme);
      const home = await send(t, "/", ada);
      for (const p of projects) {
        assert.ok(home.body.includes(`<a href="/projects/${p.id}">${p.name}</a>`), p.name);
        assert.ok(home.body.includes(`${p.doneCount} of ${p.taskCount} tasks done`), p.name);
      }
      adaTag = reply.headers.get("etag")!;
      const again = await send(t, "/api/projects", ada, { "if-none-match": adaTag });
      assert.equal(again.status, 304);
      assert.equal(again.body, "");
      assert.equal(again.headers.get("etag"), adaTag);
      assert.equal(again.headers.get("vary"), "Cookie, Accept-Encoding");
      assert.equal(again.headers.get("cache-control"), "private, no-cache");
    });

    await test.step("a viewer reads it too, under a tag of their own", async () => {
      const reply = await send(t, "/api/projects", linus, { "if-none-match": adaTag });
      const projects = json<ProjectSummary[]>(reply, "Linus's list");
      assert.deepEqual(projects.map((p) => p.id), [acme]);
      assert.notEqual(reply.headers.get("etag"), adaTag, "Ada's tag is no 304 for Linus");
    });

    await test.step("another tenant gets its own list, never a 304 for Acme's", async () => {
      for (const inm of [adaTag, "*"]) {
        const reply = await send(t, "/api/projects", hank, { "if-none-match": inm });
        if (inm === "*") {
          assert.equal(reply.status, 304, "Globex's list exists for Hank");
          continue;
        }
        const projects = json<ProjectSummary[]>(reply, "Hank's list");
        assert.ok(projects.length > 0);
        assert.ok(!projects.some((p) => p.id === acme), "nothing of Acme's");
        assert.ok(!reply.body.includes("Redis Caching Implementation"));
      }
      const [entry] = await batch(t, hank, [{ path: "/api/projects", etag: adaTag }]);
      assert.equal(entry.status, 200);
      assert.ok(!JSON.stringify(entry.body).includes(acme), "nor in a batch");
      assert.equal((await send(t, "/api/projects", null)).status, 401);
    });

    await test.step("batched, it is answered as its own GET", async () => {
      const [fresh] = await batch(t, ada, [{ path: "/api/projects" }]);
      assert.equal(fresh.status, 200);
      assert.equal(fresh.etag, adaTag);
      assert.deepEqual((fresh.body as ProjectSummary[]).map((p) => p.id), [acme]);
      const [same] = await batch(t, ada, [{ path: "/api/projects", etag: adaTag }]);
      assert.deepEqual([same.status, same.etag, same.body], [304, adaTag, undefined]);
    });

    await test.step("creating, importing, archiving and restoring change it", async () => {
      const created = await post(t, grace, "/projects", { name: "Website relaunch" });
      assert.equal(created.status, 303);
      const withNew = await changed(t, "/api/projects", ada, adaTag);
      const newId = created.headers.get("location")!.split("/").at(-1)!;
      const names = JSON.parse(withNew.body).map((p: ProjectSummary) => p.name);
      assert.ok(names.includes("Website relaunch"), "the project created");

      let tag = withNew.headers.get("etag")!;
      const imported = await post(t, grace, "/projects/import", { markdown: REFERENCE });
      assert.equal(imported.status, 303);
      const withImport = await changed(t, "/api/projects", ada, tag);
      const projects = JSON.parse(withImport.body) as ProjectSummary[];
      assert.equal(projects.filter((p) => p.name === "Redis Caching Implementation").length, 2);

      tag = withImport.headers.get("etag")!;
      assert.equal((await post(t, grace, `/projects/${newId}/archive`, {})).status, 303);
      const archived = await changed(t, "/api/projects", ada, tag);
      assert.ok(!archived.body.includes(newId), "an archived project leaves the list");

      tag = archived.headers.get("etag")!;
      assert.equal((await post(t, grace, `/projects/${newId}/restore`, {})).status, 303);
      const restored = await changed(t, "/api/projects", ada, tag);
      assert.ok(restored.body.includes(newId), "a restored one comes back");

      const [entry] = await batch(t, ada, [{ path: "/api/projects", etag: adaTag }]);
      assert.equal(entry.status, 200, "the batch says so too");
      assert.equal(entry.etag, restored.headers.get("etag"));
    });

    await test.step("a task done changes the card's progress", async () => {
      const before = await send(t, "/api/projects", ada);
      const card = (JSON.parse(before.body) as ProjectSummary[]).find((p) => p.id === acme)!;
      const [task] = await t.db.query<{ id: string }>(
        "SELECT id FROM tasks WHERE project_id = $1 AND status = 'todo' LIMIT 1",
        [acme],
      );
      const done = await post(t, grace, `/projects/${acme}/tasks/${task.id}`, { status: "done" });
      assert.equal(done.status, 303);
      const after = await changed(t, "/api/projects", ada, before.headers.get("etag")!);
      const now = (JSON.parse(after.body) as ProjectSummary[]).find((p) => p.id === acme)!;
      assert.equal(now.doneCount, card.doneCount + 1);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("GET /api/members is the People page's list: owners only, of their tenant", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const linus = await t.login("linus@acme.test");
    const hank = await t.login("hank@globex.test");
    await t.assembly.bus.catchUp();
    let adaTag = "";

    await test.step("an owner gets the people the page shows, with a 304 for the tag", async () => {
      const reply = await send(t, "/api/members", ada);
      const members = json<Member[]>(reply, "Ada's people");
      assert.deepEqual(
        members.map((m) => [m.email, m.role]),
        [
          ["ada@acme.test", "owner"],
          ["grace@acme.test", "member"],
          ["linus@acme.test", "viewer"],
        ],
      );
      const page = await send(t, "/members", ada);
      for (const m of members) assert.ok(page.body.includes(`data-member="${m.email}"`), m.email);
      adaTag = reply.headers.get("etag")!;
      const again = await send(t, "/api/members", ada, { "if-none-match": adaTag });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get("etag"), adaTag);
      assert.equal(again.headers.get("vary"), "Cookie, Accept-Encoding");
      const [entry] = await batch(t, ada, [{ path: "/api/members", etag: adaTag }]);
      assert.deepEqual([entry.status, entry.etag], [304, adaTag]);
    });

    await test.step("whoever may not see the People page gets a 403, alone or batched", async () => {
      for (const [who, cookie] of [["grace", grace], ["linus", linus]]) {
        assert.equal((await send(t, "/members", cookie)).status, 403, `${who}'s People page`);
        for (const inm of [adaTag, "*"]) {
          const reply = await send(t, "/api/members", cookie, { "if-none-match": inm });
          assert.equal(reply.status, 403, `${who} with ${inm}`);
          assert.equal(JSON.parse(reply.body).status, 403);
          assert.ok(!reply.body.includes("@acme.test"), "no one's email");
        }
        const [entry] = await batch(t, cookie, [{ path: "/api/members", etag: adaTag }]);
        assert.equal(entry.status, 403, `${who}'s batch entry`);
        assert.equal(entry.body, undefined);
      }
      assert.equal((await send(t, "/api/members", null)).status, 401);
    });

    await test.step("another tenant's owner gets their own people only", async () => {
      const reply = await send(t, "/api/members", hank, { "if-none-match": adaTag });
      const members = json<Member[]>(reply, "Hank's people");
      assert.deepEqual(members.map((m) => m.email), ["hank@globex.test"]);
      assert.ok(!reply.body.includes("@acme.test"));
    });

    await test.step("a person added, a role changed, someone renamed in SQL: new tags", async () => {
      const added = await post(t, ada, "/members", {
        email: "katherine@acme.test",
        name: "Katherine Johnson",
        role: "member",
      });
      assert.equal(added.status, 201);
      const withNew = await changed(t, "/api/members", ada, adaTag);
      const katherine = (JSON.parse(withNew.body) as Member[]).find((m) =>
        m.email === "katherine@acme.test"
      );
      assert.ok(katherine?.invitedUntil, "invited, and shown so");

      let tag = withNew.headers.get("etag")!;
      const [entry] = await batch(t, ada, [{ path: "/api/members", etag: adaTag }]);
      assert.deepEqual([entry.status, entry.etag], [200, tag], "batched alike");
      const role = await post(t, ada, `/members/${katherine.userId}`, { role: "viewer" });
      assert.equal(role.status, 303);
      const demoted = await changed(t, "/api/members", ada, tag);
      assert.match(demoted.body, /"email":"katherine@acme.test","role":"viewer"/);

      tag = demoted.headers.get("etag")!;
      await t.db.query("UPDATE users SET name = 'K. Johnson' WHERE email = $1", [
        "katherine@acme.test",
      ]);
      const renamed = await changed(t, "/api/members", ada, tag);
      assert.match(renamed.body, /K\. Johnson/);
    });
  } finally {
    await t.drop();
  }
});
