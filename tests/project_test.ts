import assert from "node:assert/strict";
import { createTestApp, formPost, todoTask } from "./_app.ts";

Deno.test("the dashboard shows every section of the reference", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const res = await t.request(`/projects/${id}`, { headers: { cookie } });
    assert.equal(res.status, 200);
    const html = await res.text();
    for (
      const text of [
        "Redis Caching Implementation",
        "Executive summary",
        "Foundation",
        "Redis Docker configuration",
        "pgvector-data-architect",
        "agile-velocity-optimizer",
        "Cache Hit Ratio",
        "Security Vulnerabilities",
        "Multi-tenant security",
        "Week 1 (Starting 2025-07-31)",
        "Launched expert agents with specific task briefs",
        "Extracted ETag logic into reusable utilities",
      ]
    ) assert.ok(html.includes(text), `the dashboard shows "${text}"`);
  } finally {
    await t.drop();
  }
});

for (const kind of ["postgres", "pglite"] as const) {
  Deno.test(`a member changes a task's status with a form post + 303 (${kind})`, async () => {
    const t = await createTestApp({ kind });
    try {
      const cookie = await t.login("grace@acme.test");
      const id = await t.projectId("acme");
      const task = await todoTask(t, id);
      const res = await t.request(
        `/projects/${id}/tasks/${task.id}`,
        formPost(cookie, {
          status: "doing",
        }),
      );
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), `/projects/${id}#task-${task.id}`);
      const [row] = await t.db.query<{ status: string }>("SELECT status FROM tasks WHERE id = $1", [
        task.id,
      ]);
      assert.equal(row.status, "doing");
    } finally {
      await t.drop();
    }
  });
}

Deno.test("an island's fetch gets JSON back instead of a redirect", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const task = await todoTask(t, id);
    const accept = { accept: "application/json" };
    const res = await t.request(
      `/projects/${id}/tasks/${task.id}`,
      formPost(cookie, {
        status: "done",
      }, accept),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { task: { id: task.id, status: "done" } });
    const bad = await t.request(
      `/projects/${id}/tasks/${task.id}`,
      formPost(cookie, {
        status: "finished",
      }, accept),
    );
    assert.equal(bad.status, 422);
    assert.match((await bad.json()).error, /Choose To do, In progress or Done/);
  } finally {
    await t.drop();
  }
});

Deno.test("a viewer sees no edit controls and gets 403 on every write", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("linus@acme.test");
    const id = await t.projectId("acme");
    const html = await (await t.request(`/projects/${id}`, { headers: { cookie } })).text();
    assert.ok(html.includes("Redis Caching Implementation"));
    assert.doesNotMatch(html, /<form[^>]*action="\/projects\//);
    const task = await todoTask(t, id);
    const [metric] = await t.db.query<{ id: string }>("SELECT id FROM metrics LIMIT 1");
    const [risk] = await t.db.query<{ id: string }>("SELECT id FROM risks LIMIT 1");
    const writes: [string, Record<string, string>][] = [
      [`/projects/${id}/tasks/${task.id}`, { status: "done" }],
      [`/projects/${id}/log`, { text: "hello" }],
      [`/projects/${id}/metrics/${metric.id}`, { current: "90%" }],
      [`/projects/${id}/risks`, { title: "x", impact: "low", probability: "low" }],
      [`/projects/${id}/risks/${risk.id}`, { title: "x", impact: "low", probability: "low" }],
    ];
    for (const [path, fields] of writes) {
      const res = await t.request(path, formPost(cookie, fields));
      assert.equal(res.status, 403, path);
      assert.match(await res.text(), /viewer/);
    }
    const [{ status }] = await t.db.query<{ status: string }>(
      "SELECT status FROM tasks WHERE id = $1",
      [task.id],
    );
    assert.equal(status, "todo");
  } finally {
    await t.drop();
  }
});

Deno.test("another tenant's project and its writes are 404", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("hank@globex.test");
    const id = await t.projectId("acme");
    const page = await t.request(`/projects/${id}`, { headers: { cookie } });
    assert.equal(page.status, 404);
    assert.doesNotMatch(await page.text(), /Redis Caching/);
    const api = await t.request(`/api/projects/${id}`, { headers: { cookie } });
    assert.equal(api.status, 404);
    assert.deepEqual(await api.json(), { error: "Project not found", status: 404 });
    const task = await todoTask(t, id);
    const write = await t.request(
      `/projects/${id}/tasks/${task.id}`,
      formPost(cookie, {
        status: "done",
      }),
    );
    assert.equal(write.status, 404);
    await write.body?.cancel();
    // Hank's own project id with an Acme task id changes nothing either.
    const own = await t.projectId("globex");
    const cross = await t.request(
      `/projects/${own}/tasks/${task.id}`,
      formPost(cookie, {
        status: "done",
      }),
    );
    assert.equal(cross.status, 404);
    await cross.body?.cancel();
    const [row] = await t.db.query<{ status: string }>("SELECT status FROM tasks WHERE id = $1", [
      task.id,
    ]);
    assert.equal(row.status, "todo");
  } finally {
    await t.drop();
  }
});

Deno.test("invalid form input gives 422 with the messages and keeps what was typed", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("grace@acme.test");
    const id = await t.projectId("acme");
    const log = await t.request(`/projects/${id}/log`, formPost(cookie, { text: "   " }));
    assert.equal(log.status, 422);
    assert.match(await log.text(), /Enter the entry/);
    // A summary row and a performance metric: each one's editor opens with what was typed.
    const rows = await t.db.query<{ id: string; metric_group: string }>(
      `SELECT DISTINCT ON (metric_group) id, metric_group FROM metrics
        WHERE project_id = $1 AND metric_group IN ('summary', 'performance')`,
      [id],
    );
    assert.equal(rows.length, 2);
    const long = "9".repeat(41);
    for (const metric of rows) {
      const m = await t.request(
        `/projects/${id}/metrics/${metric.id}`,
        formPost(cookie, { current: long }),
      );
      assert.equal(m.status, 422);
      const mHtml = await m.text();
      const form = mHtml.match(/<form[^>]*data-submitted[^>]*>[\s\S]*?<\/form>/)?.[0] ?? "";
      assert.match(form, /Keep the current value under 40 characters/, metric.metric_group);
      assert.ok(form.includes(`value="${long}"`), metric.metric_group);
    }
    const [metric] = rows;
    const risk = await t.request(
      `/projects/${id}/risks`,
      formPost(cookie, {
        title: "Vendor lock-in",
        impact: "huge",
        probability: "low",
      }),
    );
    assert.equal(risk.status, 422);
    const rHtml = await risk.text();
    assert.match(rHtml, /Choose low, medium or high/);
    assert.ok(rHtml.includes("Vendor lock-in"));
    // PostgreSQL refuses NUL in text: every text field says so before, with a 422.
    for (
      const [path, fields] of [
        [`/projects/${id}/log`, { text: "a\u0000b" }],
        [`/projects/${id}/metrics/${metric.id}`, { current: "9\u00001" }],
        [`/projects/${id}/risks`, { title: "x\u0000", impact: "low", probability: "low" }],
        [`/projects/${id}/risks`, {
          title: "x",
          impact: "low",
          probability: "low",
          owner: "\u001b",
        }],
      ] as const
    ) {
      const res = await t.request(path, formPost(cookie, fields));
      assert.equal(res.status, 422, `${path} ${JSON.stringify(fields)}`);
      assert.match(await res.text(), /contains a control character/);
    }
  } finally {
    await t.drop();
  }
});

Deno.test("log entries, metrics and risks are written and shown", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const [metric] = await t.db.query<{ id: string }>(
      "SELECT id FROM metrics WHERE name = 'Cache Hit Ratio'",
    );
    const [risk] = await t.db.query<{ id: string }>(
      "SELECT id FROM risks WHERE title = 'Performance degradation'",
    );
    const posts: [string, Record<string, string>][] = [
      [`/projects/${id}/log`, { text: "Shipped <the> cache" }],
      [`/projects/${id}/metrics/${metric.id}`, { current: "42%" }],
      [`/projects/${id}/risks`, {
        title: "Vendor lock-in",
        impact: "medium",
        probability: "high",
        mitigation: "Keep an exit plan",
        owner: "Ada",
      }],
      [`/projects/${id}/risks/${risk.id}`, {
        title: "Performance regression",
        impact: "high",
        probability: "low",
        mitigation: "Benchmarks in CI",
        owner: "qa",
      }],
    ];
    for (const [path, fields] of posts) {
      const res = await t.request(path, formPost(cookie, fields));
      assert.equal(res.status, 303, path);
    }
    const html = await (await t.request(`/projects/${id}`, { headers: { cookie } })).text();
    assert.match(html, /Shipped &lt;the(&gt;|>) cache/);
    assert.ok(html.includes("42%"));
    assert.ok(html.includes("Vendor lock-in"));
    assert.ok(html.includes("Performance regression"));
    assert.ok(!html.includes("Performance degradation"));
  } finally {
    await t.drop();
  }
});

Deno.test("malformed ids, unknown routes and oversized bodies get clear errors", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const cases: [string, RequestInit, number][] = [
      ["/projects/not-a-uuid", { headers: { cookie } }, 404],
      ["/projects/00000000-0000-0000-0000-000000000000", { headers: { cookie } }, 404],
      ["/api/projects/1%27%20OR%201=1", { headers: { cookie } }, 404],
      ["/nowhere", { headers: { cookie } }, 404],
      ["/api/nowhere", { headers: { cookie } }, 404],
      [`/projects/${id}/tasks/xyz`, formPost(cookie, { status: "done" }), 404],
      [`/projects/${id}/log`, formPost(cookie, { text: "x".repeat(70 * 1024) }), 413],
    ];
    for (const [path, init, status] of cases) {
      const res = await t.request(path, init);
      assert.equal(res.status, status, path);
      const body = await res.text();
      assert.doesNotMatch(body, /at .*\.ts:\d+/, "no stack trace");
      if (path.startsWith("/api/")) assert.equal(JSON.parse(body).status, status);
      else assert.match(body, /<html/);
    }
  } finally {
    await t.drop();
  }
});
