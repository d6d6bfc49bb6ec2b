/**
 * Editing what a dashboard already holds, over HTTP as a browser without JavaScript would:
 * metrics (the summary's rows among them), team rows, tasks and deliverables are added or
 * changed in full, each a form post answered 303 to the row's place and seen in the dashboard's
 * JSON. A refused form is a 422 page with that row's editor open, keeping what was typed.
 */
import assert from "node:assert/strict";
import { createTestApp, dashboardOf, formPost, ORIGIN, postAndRead } from "./_app.ts";

/** Whether a 422 page shows the field `<prefix>-<name>` with the typed value. */
function keeps(body: string, prefix: string, name: string, value: string): boolean {
  const input = new RegExp(`<input id="${prefix}-${name}"[^>]*value="${value}"`);
  const textarea = new RegExp(`<textarea id="${prefix}-${name}"[^>]*>${value}</textarea>`);
  return input.test(body) || textarea.test(body);
}

/** The error a 422 page shows under the field `<prefix>-<name>`. */
function errorOf(body: string, prefix: string, name: string): string | undefined {
  return new RegExp(`id="${prefix}-${name}-error">([^<]*)<`).exec(body)?.[1];
}

/** The HTML of a dashboard section, e.g. `summary`. */
function section(body: string, id: string): string {
  const start = body.indexOf(`<section id="${id}"`);
  assert.ok(start >= 0, `the page has a section #${id}`);
  return body.slice(start, body.indexOf("</section>", start));
}

Deno.test("metrics are added and edited in full; the summary's rows open the summary", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const metricNamed = async (name: string) =>
      (await dashboardOf(t, ada, id)).metrics.find((m) => m.name === name)!;
    let coverage = "";
    await test.step("POST /metrics adds a metric to its table; a typed sign is the direction", async () => {
      const res = await postAndRead(t, ada, `/projects/${id}/metrics`, {
        group: "quality",
        name: "Branch Coverage",
        baseline: "10%",
        current: "40%",
        target: "≥ 80%",
        direction: "",
        health: "yellow",
        status_label: "Chosen",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/projects/${id}#metrics`);
      const m = await metricNamed("Branch Coverage");
      coverage = m.id;
      assert.deepEqual([m.group, m.baseline, m.current, m.target, m.direction, m.statusLabel], [
        "quality",
        "",
        "40%",
        "80%",
        "higher",
        "In Progress",
      ]);
    });
    await test.step("a summary row added is in the summary", async () => {
      const res = await postAndRead(t, ada, `/projects/${id}/metrics`, {
        group: "summary",
        name: "Go-live readiness",
        current: "Week 3",
        target: "Week 6",
        health: "green",
        status_label: "On Track",
      });
      assert.equal(res.status, 303);
      const row = await metricNamed("Go-live readiness");
      assert.deepEqual([row.group, row.health, row.statusLabel], ["summary", "green", "On Track"]);
    });
    await test.step("/edit changes every field; moved to performance, it keeps a baseline", async () => {
      const res = await postAndRead(t, ada, `/projects/${id}/metrics/${coverage}/edit`, {
        group: "performance",
        name: "p95 latency",
        baseline: "900 ms",
        current: "300 ms",
        target: "250 ms",
        direction: "lower",
        health: "red",
        status_label: "Dropped",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/projects/${id}#metric-${coverage}`);
      const m = await metricNamed("p95 latency");
      assert.deepEqual([m.id, m.group, m.baseline, m.target, m.direction, m.statusLabel], [
        coverage,
        "performance",
        "900 ms",
        "250 ms",
        "lower",
        "",
      ]);
    });
    await test.step("POST /metrics/:id sets the current value alone", async () => {
      const res = await postAndRead(t, ada, `/projects/${id}/metrics/${coverage}`, {
        current: "240 ms",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/projects/${id}#metrics`);
      assert.equal((await metricNamed("p95 latency")).current, "240 ms");
      const empty = await postAndRead(t, ada, `/projects/${id}/metrics/${coverage}`, {
        current: " ",
      });
      assert.equal(empty.status, 422);
      assert.ok(errorOf(empty.body, `metric-${coverage}`, "current"));
    });
    await test.step("a refused new metric is a 422 keeping what was typed", async () => {
      const res = await postAndRead(t, ada, `/projects/${id}/metrics`, {
        group: "quality",
        name: "",
        target: "≥ 95%",
      });
      assert.equal(res.status, 422);
      assert.ok(keeps(res.body, "metric-new-quality", "target", "≥ 95%"), "the target is kept");
      assert.match(errorOf(res.body, "metric-new-quality", "name") ?? "", /name/);
      const table = await postAndRead(t, ada, `/projects/${id}/metrics`, {
        group: "other",
        name: "x",
      });
      assert.equal(table.status, 422, "an unknown table");
    });
    await test.step("a refused summary row opens the summary's editor with what was typed", async () => {
      const row = await metricNamed("Go-live readiness");
      const res = await postAndRead(t, ada, `/projects/${id}/metrics/${row.id}/edit`, {
        group: "summary",
        name: "Readiness typed",
        current: "Week 4",
        target: "Week 6",
        health: "purple",
      });
      assert.equal(res.status, 422);
      const summary = section(res.body, "summary");
      assert.ok(keeps(summary, `metric-${row.id}`, "name", "Readiness typed"));
      assert.equal(errorOf(summary, `metric-${row.id}`, "health"), "Choose green, yellow or red");
      assert.equal((await metricNamed("Go-live readiness")).current, "Week 3", "nothing saved");
    });
  } finally {
    await t.drop();
  }
});

Deno.test("team rows, tasks, deliverables and weeks are edited in full", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const before = await dashboardOf(t, ada, id);
    await test.step("a team row's every field changes; progress 0 and 100 are the bounds", async () => {
      const row = before.team[1];
      for (const progress of ["0", "100"]) {
        const res = await postAndRead(t, ada, `/projects/${id}/team/${row.id}`, {
          member: "Grace Hopper",
          status: "yellow",
          status_label: "Reviewing",
          current_task: "Load tests",
          progress,
        });
        assert.equal(res.status, 303);
        assert.equal(res.location, `/projects/${id}#team`);
        const now = (await dashboardOf(t, ada, id)).team[1];
        assert.deepEqual(
          [now.id, now.member, now.status, now.statusLabel, now.currentTask, now.progress],
          [row.id, "Grace Hopper", "yellow", "Reviewing", "Load tests", Number(progress)],
        );
      }
    });
    await test.step("progress outside 0..100 or not whole is a 422 keeping the typed name", async () => {
      const row = before.team[0];
      for (const progress of ["101", "-1", "4.5", "lots"]) {
        const res = await postAndRead(t, ada, `/projects/${id}/team/${row.id}`, {
          member: "Typed Member",
          progress,
        });
        assert.equal(res.status, 422, `progress ${progress}`);
        assert.ok(keeps(res.body, `team-${row.id}`, "member", "Typed Member"));
        assert.equal(
          errorOf(res.body, `team-${row.id}`, "progress"),
          "Enter a whole number from 0 to 100",
        );
      }
      assert.equal((await dashboardOf(t, ada, id)).team[0].member, row.member, "nothing saved");
    });
    await test.step("a task's title, note and assignee change; an empty assignee is nobody", async () => {
      const task = before.phases[1].tasks[0];
      const res = await postAndRead(t, ada, `/projects/${id}/tasks/${task.id}/edit`, {
        title: "Warm the cache",
        note: "after the deploy",
        assignee: "Grace Hopper",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/projects/${id}#task-${task.id}`);
      let now = (await dashboardOf(t, ada, id)).phases[1].tasks[0];
      assert.deepEqual([now.title, now.note, now.assignee, now.status], [
        "Warm the cache",
        "after the deploy",
        "Grace Hopper",
        task.status,
      ]);
      await postAndRead(t, ada, `/projects/${id}/tasks/${task.id}/edit`, {
        title: "Warm the cache",
        note: "",
        assignee: " ",
      });
      now = (await dashboardOf(t, ada, id)).phases[1].tasks[0];
      assert.deepEqual([now.note, now.assignee], ["", null]);
      const refused = await postAndRead(t, ada, `/projects/${id}/tasks/${task.id}/edit`, {
        title: " ",
        note: "typed note",
      });
      assert.equal(refused.status, 422);
      assert.ok(keeps(refused.body, `task-${task.id}-edit`, "note", "typed note"));
      assert.equal(errorOf(refused.body, `task-${task.id}-edit`, "title"), "Enter the task");
    });
    await test.step("a deliverable's title, owner and details change", async () => {
      const item = before.accomplishments[0];
      const res = await postAndRead(t, ada, `/projects/${id}/accomplishments/${item.id}`, {
        title: "Cache live",
        owner: "",
        details: "- Redis up\n\n  Dashboards cached  \n",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/projects/${id}#accomplishment-${item.id}`);
      const now = (await dashboardOf(t, ada, id)).accomplishments[0];
      assert.deepEqual([now.id, now.title, now.owner, now.details], [
        item.id,
        "Cache live",
        null,
        ["Redis up", "Dashboards cached"],
      ]);
      const refused = await postAndRead(t, ada, `/projects/${id}/accomplishments/${item.id}`, {
        title: "",
        details: "- Kept detail\nSecond",
      });
      assert.equal(refused.status, 422);
      const prefix = `accomplishment-${item.id}`;
      assert.ok(keeps(refused.body, prefix, "details", "- Kept detail\nSecond"));
    });
    await test.step("a week's title and note change", async () => {
      const week = before.milestones[0];
      const res = await postAndRead(t, ada, `/projects/${id}/weeks/${week.id}`, {
        title: "Week 1 (kick-off)",
        note: "",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/projects/${id}#milestones`);
      const now = (await dashboardOf(t, ada, id)).milestones[0];
      assert.deepEqual([now.id, now.title, now.note, now.items], [
        week.id,
        "Week 1 (kick-off)",
        null,
        week.items,
      ]);
    });
    await test.step("an island gets the refusal as JSON; a row of nobody's is 404", async () => {
      const res = await t.request(
        `/projects/${id}/team/${before.team[0].id}`,
        formPost(ada, { member: "x", progress: "200" }, { accept: "application/json" }),
      );
      assert.equal(res.status, 422);
      assert.deepEqual(await res.json(), {
        error: "Enter a whole number from 0 to 100",
        errors: { progress: "Enter a whole number from 0 to 100" },
      });
      const missing = crypto.randomUUID();
      for (const path of [`team/${missing}`, `tasks/${missing}/edit`]) {
        const gone = await postAndRead(t, ada, `/projects/${id}/${path}`, {
          member: "x",
          title: "x",
          progress: "1",
        });
        assert.equal(gone.status, 404, path);
      }
    });
  } finally {
    await t.drop();
  }
});

Deno.test("a refused form of any section is a 422 showing its message where it was typed", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const before = await dashboardOf(t, ada, id);
    const phase = before.phases[0].id;
    const risk = before.risks[0].id;
    const week = before.milestones[0].id;
    const typed = "Typed here";
    const forms: [string, Record<string, string>, string, string, string?][] = [
      ["team", { member: "", current_task: typed }, "team-new", "member", "current_task"],
      ["accomplishments", { title: "", owner: typed }, "accomplishment-new", "title", "owner"],
      ["actions", { group: "", text: typed }, "action-new", "group", "text"],
      ["blockers", { text: " " }, "blocker-new", "text"],
      ["milestones", { title: "", note: typed }, "week-new", "title", "note"],
      [
        `phases/${phase}`,
        { title: "", timeframe: typed },
        `phase-${phase}-edit`,
        "title",
        "timeframe",
      ],
      [
        `risks/${risk}`,
        { title: "", impact: "high", probability: "low", owner: typed },
        `risk-${risk}`,
        "title",
        "owner",
      ],
      ["settings", { name: "" }, "settings", "name"],
      [`weeks/${week}`, { title: "", note: typed }, `week-${week}`, "title", "note"],
      [`weeks/${week}/items`, { text: "" }, `week-${week}-item`, "text"],
    ];
    await test.step("each form's message stands under its field, beside what was typed", async () => {
      for (const [path, fields, prefix, field, kept] of forms) {
        const res = await postAndRead(t, ada, `/projects/${id}/${path}`, fields);
        assert.equal(res.status, 422, path);
        assert.match(errorOf(res.body, prefix, field) ?? "", /^(Enter|Choose) /, path);
        if (kept) assert.ok(keeps(res.body, prefix, kept, typed), `${path} keeps ${kept}`);
      }
    });
    await test.step("a task without a title and a tick that is not true or false are 422", async () => {
      const task = await postAndRead(t, ada, `/projects/${id}/phases/${phase}/tasks`, {
        title: " ",
        note: "typed note",
      });
      assert.equal(task.status, 422);
      // The phase's editor is open on the page: the message and the note are there to see.
      const prefix = `phase-${phase}-task-new`;
      assert.equal(errorOf(task.body, prefix, "title"), "Enter the task");
      assert.ok(keeps(task.body, prefix, "note", "typed note"));
      const action = before.actionGroups[0].items[0].id;
      const tick = await postAndRead(t, ada, `/projects/${id}/actions/${action}`, {
        done: "maybe",
      });
      assert.equal(tick.status, 422);
    });
    await test.step("a write that is not a form is a 415; a form that cannot be read, a 400", async () => {
      const sent = (type: string, body: string) =>
        t.request(`/projects/${id}/blockers`, {
          method: "POST",
          headers: { cookie: ada, origin: ORIGIN, "content-type": type },
          body,
        });
      const json = await sent("application/json", JSON.stringify({ text: "Blocked" }));
      assert.equal(json.status, 415);
      await json.body?.cancel();
      const broken = await sent("multipart/form-data", "no boundary, no parts");
      assert.equal(broken.status, 400);
      await broken.body?.cancel();
    });
    await test.step("nothing was written", async () => {
      assert.deepEqual(await dashboardOf(t, ada, id), before);
    });
  } finally {
    await t.drop();
  }
});
