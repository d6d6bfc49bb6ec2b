/**
 * Markdown in and out over HTTP: `POST /projects/import` takes the reference dashboard (a file
 * or a text field) and makes a project of it, `GET /projects/:id/export.md` writes any project
 * back in the same shape, and importing an export gives the same project. Bad documents get a
 * 4xx that says what is wrong and where, never a 500, and leave nothing behind.
 */
import assert from "node:assert/strict";
import { createTestApp, dashboardOf, ORIGIN, send, type TestApp } from "./_app.ts";
import type { ProjectDashboard } from "../lib/model/types.ts";

const REFERENCE = await Deno.readTextFile(
  new URL("../lib/markdown/testdata/reference.md", import.meta.url),
);
const EVERY_CONSTRUCT = await Deno.readTextFile(
  new URL("../lib/db/testdata/every-construct.md", import.meta.url),
);

/** Imports a document as a browser does: a multipart form with a file, or the text field. */
async function importDoc(
  t: TestApp,
  cookie: string,
  markdown: string,
  as: "file" | "field" = "file",
  accept = "text/html",
) {
  const form = new FormData();
  if (as === "file") form.set("file", new File([markdown], "dashboard.md"));
  else form.set("markdown", markdown);
  const res = await t.request("/projects/import", {
    method: "POST",
    headers: { cookie, origin: ORIGIN, accept },
    body: form,
  });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

async function exportOf(t: TestApp, cookie: string, id: string) {
  const reply = await send(t, `/projects/${id}/export.md`, cookie);
  assert.equal(reply.status, 200);
  return reply;
}

/** A dashboard without the ids, times and positions a new project gets afresh. */
function comparable(d: ProjectDashboard): unknown {
  return JSON.parse(JSON.stringify(d, (key, value) => {
    if (["id", "phaseId", "updatedAt", "at", "position", "resolvedAt"].includes(key)) {
      return undefined;
    }
    return value;
  }));
}

function projectIdOf(location: string | null): string {
  const match = /^\/projects\/([0-9a-f-]{36})$/.exec(location ?? "");
  assert.ok(match, `location ${location}`);
  return match[1];
}

Deno.test("the reference dashboard imports, exports and imports back the same", async (test) => {
  const t = await createTestApp();
  try {
    const grace = await t.login("grace@acme.test");
    let id = "";
    await test.step("POST /projects/import with the reference as a file answers 303", async () => {
      const res = await importDoc(t, grace, REFERENCE);
      assert.equal(res.status, 303, res.body.slice(0, 300));
      id = projectIdOf(res.location);
      const d = await dashboardOf(t, grace, id);
      assert.equal(d.project.name, "Redis Caching Implementation");
      assert.equal(d.project.lastUpdated, "2025-07-31 (5:30 PM)");
      assert.equal(d.phases.length, 5);
      assert.equal(d.team.length, 7);
      assert.equal(d.log.length, 9);
      assert.equal(d.accomplishments.length, 4);
      assert.equal(d.actionGroups.length, 3);
      assert.equal(
        d.log.filter((e) => e.author === "Grace Hopper").length,
        0,
        "no entry of its own",
      );
    });
    await test.step("the export is the reference, as text/markdown with a download name", async () => {
      const reply = await exportOf(t, grace, id);
      assert.equal(reply.headers.get("content-type"), "text/markdown; charset=utf-8");
      assert.match(
        reply.headers.get("content-disposition") ?? "",
        /^attachment; filename="redis-caching-implementation\.md"$/,
      );
      assert.equal(reply.body, REFERENCE + "\n");
    });
    await test.step("import(export(p)) is p, and exports again the same text", async () => {
      const first = await exportOf(t, grace, id);
      const again = projectIdOf((await importDoc(t, grace, first.body, "field")).location);
      assert.deepEqual(
        comparable(await dashboardOf(t, grace, again)),
        comparable(await dashboardOf(t, grace, id)),
      );
      assert.equal((await exportOf(t, grace, again)).body, first.body);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("every construct of the format round-trips, and so do the demo projects", async () => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const id = projectIdOf((await importDoc(t, ada, EVERY_CONSTRUCT)).location);
    const page = await send(t, `/projects/${id}`, ada);
    assert.ok(!page.body.includes('<script>alert("x")</script>'), "escaped in the page");
    assert.match(page.body, /Überprüfung 計画/);
    assert.match(page.body, /Appendix/, "an unknown section is kept and shown");
    const text = (await exportOf(t, ada, id)).body;
    assert.match(text, /## Appendix/);
    const back = projectIdOf((await importDoc(t, ada, text)).location);
    assert.deepEqual(
      comparable(await dashboardOf(t, ada, back)),
      comparable(await dashboardOf(t, ada, id)),
    );
    assert.equal((await exportOf(t, ada, back)).body, text);
    for (const slug of ["acme", "globex"]) {
      const cookie = slug === "acme" ? ada : await t.login("hank@globex.test");
      const demo = await t.projectId(slug);
      const exported = (await exportOf(t, cookie, demo)).body;
      const copy = projectIdOf((await importDoc(t, cookie, exported)).location);
      assert.equal((await exportOf(t, cookie, copy)).body, exported, slug);
    }
  } finally {
    await t.drop();
  }
});

Deno.test("a bad document is a clear 4xx naming the line, and nothing is half-imported", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const projects = async () =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM projects"))[0].n;
    const before = await projects();
    const broken = REFERENCE.replace("- [x] Cache schema design", "- [y] Cache schema design");
    await test.step("a malformed checklist: 422 with the line, in the page and in JSON", async () => {
      const line = broken.split("\n").findIndex((l) => l.startsWith("- [y]")) + 1;
      const page = await importDoc(t, ada, broken);
      assert.equal(page.status, 422);
      assert.match(page.body, new RegExp(`Line ${line}: expected`));
      const json = await importDoc(t, ada, broken, "field", "application/json");
      assert.equal(json.status, 422);
      const body = JSON.parse(json.body);
      assert.equal(body.line, line);
      assert.match(body.error, new RegExp(`^Line ${line}: expected`));
    });
    await test.step("an empty file and a NUL byte are 422", async () => {
      for (const doc of ["", "   \n", REFERENCE.replace("Redis Docker", "Redis\u0000Docker")]) {
        const res = await importDoc(t, ada, doc);
        assert.equal(res.status, 422, JSON.stringify(doc.slice(0, 20)));
        assert.match(res.body, /Line \d+: expected/);
      }
    });
    await test.step("more than 1 MB is a 413, as a file or as text", async () => {
      const huge = REFERENCE + "\n" + "x".repeat(1024 * 1024);
      for (const as of ["file", "field"] as const) {
        const res = await importDoc(t, ada, huge, as);
        assert.equal(res.status, 413, as);
      }
      const log = await t.request(`/projects/${await t.projectId("acme")}/log`, {
        method: "POST",
        headers: {
          cookie: ada,
          origin: ORIGIN,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ text: "x".repeat(70 * 1024) }),
      });
      assert.equal(log.status, 413, "other routes keep their 64 KiB");
    });
    await test.step("a document the database cannot hold is a 422 that keeps the text", async () => {
      const long = "L".repeat(301);
      const doc = REFERENCE.replace("- [x] Cache schema design", `- [x] ${long}`);
      const page = await importDoc(t, ada, doc, "field");
      assert.equal(page.status, 422);
      assert.match(page.body, /task 3 of phase 1 is longer than 300 characters/);
      assert.match(
        page.body,
        new RegExp(`<textarea id="import-markdown"[^>]*>[^<]*- \\[x\\] ${long}`),
      );
      const json = await importDoc(t, ada, doc, "file", "application/json");
      assert.equal(json.status, 422);
      assert.match(JSON.parse(json.body).error, /^Cannot import the dashboard: task 3 of phase 1/);
    });
    await test.step("what is not a form is a 415; a form that cannot be read, a 400", async () => {
      const sent = (type: string | null, body: string) => {
        const headers: Record<string, string> = { cookie: ada, origin: ORIGIN };
        if (type) headers["content-type"] = type;
        return t.request("/projects/import", { method: "POST", headers, body });
      };
      for (const type of ["application/json", "text/markdown", null]) {
        const res = await sent(type, REFERENCE);
        assert.equal(res.status, 415, String(type));
        assert.match(await res.text(), /Send the dashboard as a form/);
      }
      const broken = await sent("multipart/form-data", "no boundary, no parts");
      assert.equal(broken.status, 400);
      await broken.body?.cancel();
    });
    await test.step("no project came of any of it", async () => {
      assert.equal(await projects(), before);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("an empty file beside the text field imports the field; an island gets 201 and the id", async () => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const form = new FormData();
    form.set("file", new File([], "empty.md"));
    form.set("markdown", REFERENCE);
    const res = await t.request("/projects/import", {
      method: "POST",
      headers: { cookie: ada, origin: ORIGIN, accept: "application/json" },
      body: form,
    });
    assert.equal(res.status, 201);
    const { id } = await res.json();
    const d = await dashboardOf(t, ada, id);
    assert.equal(d.project.name, "Redis Caching Implementation");
  } finally {
    await t.drop();
  }
});
