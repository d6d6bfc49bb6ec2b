/**
 * Teams run their own projects, over HTTP as a browser without JavaScript would: create a
 * project, add phases and tasks, assign them, reorder, record and resolve blockers, tick
 * milestones — each a form post answered 303, each seen in the dashboard's JSON. Viewers may
 * change nothing; another tenant's ids are 404 on every route.
 */
import assert from "node:assert/strict";
import { createTestApp, dashboardOf, postAndRead, send } from "./_app.ts";
import { ROUTES } from "../routes/_manifest.ts";
import type { ProjectDashboard } from "../lib/model/types.ts";

Deno.test("a member starts a project and plans it: phases, tasks, assignees, order", async (test) => {
  const t = await createTestApp();
  try {
    const grace = await t.login("grace@acme.test");
    let id = "";
    await test.step("POST /projects answers 303 to the new dashboard, listed at home", async () => {
      const res = await postAndRead(t, grace, "/projects", {
        name: "Launch ✨ 計画",
        description: "Q3",
      });
      assert.equal(res.status, 303);
      const match = /^\/projects\/([0-9a-f-]{36})$/.exec(res.location ?? "");
      assert.ok(match, `location ${res.location}`);
      id = match[1];
      const home = await send(t, "/", grace);
      assert.match(home.body, /Launch ✨ 計画/);
      const d = await dashboardOf(t, grace, id);
      assert.equal(d.project.description, "Q3");
      assert.deepEqual(d.progress, { done: 0, total: 0, percent: 0 });
    });
    await test.step("a missing name is a 422 that keeps the typed description", async () => {
      const res = await postAndRead(t, grace, "/projects", { name: "  ", description: "Kept" });
      assert.equal(res.status, 422);
      assert.match(res.body, /Enter the project(&#39;|')s name/);
      assert.match(res.body, />Kept</);
    });
    let build = "";
    let ship = "";
    await test.step("phases are added in order and renamed", async () => {
      for (const [title, timeframe] of [["Build", "Week 1"], ["Ship", "Week 2"]]) {
        const res = await postAndRead(t, grace, `/projects/${id}/phases`, { title, timeframe });
        assert.equal(res.status, 303);
        assert.match(res.location ?? "", new RegExp(`^/projects/${id}#phase-`));
      }
      const d = await dashboardOf(t, grace, id);
      assert.deepEqual(d.phases.map((p) => [p.name, p.timeframe]), [["Build", "Week 1"], [
        "Ship",
        "Week 2",
      ]]);
      [build, ship] = d.phases.map((p) => p.id);
      const renamed = await postAndRead(t, grace, `/projects/${id}/phases/${ship}`, {
        title: "Ship it",
        timeframe: "Week 3",
      });
      assert.equal(renamed.status, 303);
      assert.equal((await dashboardOf(t, grace, id)).phases[1].name, "Ship it");
    });
    await test.step("tasks keep their note apart from their assignee; team counts follow", async () => {
      await postAndRead(t, grace, `/projects/${id}/team`, {
        member: "Ada",
        status: "green",
        status_label: "Active",
        current_task: "Schema",
        progress: "40",
      });
      for (const title of ["Schema <script>alert(1)</script>", "API", "UI"]) {
        const res = await postAndRead(t, grace, `/projects/${id}/phases/${build}/tasks`, {
          title,
          note: title === "API" ? "waiting on review" : "",
          assignee: title === "UI" ? "" : "ada",
        });
        assert.equal(res.status, 303, title);
      }
      const d = await dashboardOf(t, grace, id);
      const [schema, api, ui] = d.phases[0].tasks;
      assert.deepEqual([api.note, api.assignee], ["waiting on review", "ada"]);
      assert.deepEqual([ui.note, ui.assignee], ["", null]);
      assert.deepEqual([d.team[0].taskCount, d.team[0].doneCount], [2, 0], "assigned by name");
      await postAndRead(t, grace, `/projects/${id}/tasks/${schema.id}`, { status: "done" });
      const after = await dashboardOf(t, grace, id);
      assert.deepEqual([after.team[0].taskCount, after.team[0].doneCount], [2, 1]);
      assert.deepEqual(after.progress, { done: 1, total: 3, percent: 33 });
      assert.equal(after.phases[0].status.label, "In Progress", "a phase follows its tasks");
      const page = await send(t, `/projects/${id}`, grace);
      assert.ok(!page.body.includes("<script>alert(1)</script>"), "a title is escaped");
    });
    await test.step("tasks and phases move up and down, and are deleted", async () => {
      const d = await dashboardOf(t, grace, id);
      const ui = d.phases[0].tasks[2];
      assert.equal(
        (await postAndRead(t, grace, `/projects/${id}/tasks/${ui.id}/move`, { direction: "up" }))
          .status,
        303,
      );
      assert.deepEqual((await dashboardOf(t, grace, id)).phases[0].tasks.map((k) => k.title), [
        "Schema <script>alert(1)</script>",
        "UI",
        "API",
      ]);
      const sideways = await postAndRead(t, grace, `/projects/${id}/tasks/${ui.id}/move`, {
        direction: "sideways",
      });
      assert.equal(sideways.status, 422);
      await postAndRead(t, grace, `/projects/${id}/phases/${ship}/move`, { direction: "up" });
      assert.deepEqual((await dashboardOf(t, grace, id)).phases.map((p) => p.name), [
        "Ship it",
        "Build",
      ]);
      await postAndRead(t, grace, `/projects/${id}/tasks/${ui.id}/delete`, {});
      await postAndRead(t, grace, `/projects/${id}/phases/${ship}/delete`, {});
      const left = await dashboardOf(t, grace, id);
      assert.deepEqual(left.phases.map((p) => p.name), ["Build"]);
      assert.equal(left.phases[0].tasks.length, 2);
    });
    await test.step("a write's address opened again shows its dashboard", async () => {
      const again = await send(t, `/projects/${id}/phases/${build}/tasks`, grace);
      assert.equal(again.status, 303);
      assert.equal(again.headers.get("location"), `/projects/${id}`);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("blockers move the summary's Blockers row; milestones tick and untick", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const blockersRow = (d: ProjectDashboard) =>
      d.metrics.find((m) => m.group === "summary" && m.name === "Blockers")!;
    await test.step("an open blocker counts; resolved, it does not", async () => {
      assert.equal(blockersRow(await dashboardOf(t, ada, id)).current, "0");
      const added = await postAndRead(t, ada, `/projects/${id}/blockers`, {
        text: "Waiting on DevSecOps",
      });
      assert.equal(added.status, 303);
      let d = await dashboardOf(t, ada, id);
      const row = blockersRow(d);
      assert.deepEqual([row.current, row.health], ["1", "red"]);
      const blocker = d.blockers.find((b) => b.text === "Waiting on DevSecOps")!;
      const page = await send(t, `/projects/${id}`, ada);
      assert.match(page.body, /Waiting on DevSecOps/);
      assert.doesNotMatch(page.body, /None currently identified/);
      await postAndRead(t, ada, `/projects/${id}/blockers/${blocker.id}`, { resolved: "true" });
      d = await dashboardOf(t, ada, id);
      assert.deepEqual([blockersRow(d).current, blockersRow(d).statusLabel], ["0", "Clear"]);
      assert.ok(d.blockers[0].resolvedAt, "kept as resolved");
      assert.match((await send(t, `/projects/${id}`, ada)).body, /None currently identified/);
      const bad = await postAndRead(t, ada, `/projects/${id}/blockers/${blocker.id}`, {
        resolved: "yes",
      });
      assert.equal(bad.status, 422);
    });
    await test.step("done=true and done=false tick a milestone item; anything else is 422", async () => {
      const item = (await dashboardOf(t, ada, id)).milestones[0].items[0];
      assert.equal(item.done, false);
      for (const [done, expected] of [["true", true], ["false", false]] as const) {
        const res = await postAndRead(t, ada, `/projects/${id}/milestones/${item.id}`, { done });
        assert.equal(res.status, 303);
        const now = (await dashboardOf(t, ada, id)).milestones[0].items[0];
        assert.equal(now.done, expected);
      }
      for (const done of ["yes", "", "TRUE"]) {
        const res = await postAndRead(t, ada, `/projects/${id}/milestones/${item.id}`, { done });
        assert.equal(res.status, 422, `done=${done}`);
      }
      assert.equal(
        (await postAndRead(t, ada, `/projects/${id}/milestones/${item.id}`, {})).status,
        422,
      );
    });
    await test.step("weeks, accomplishments and next actions are added, ticked, removed", async () => {
      await postAndRead(t, ada, `/projects/${id}/milestones`, { title: "Week 7", note: "Stretch" });
      let d = await dashboardOf(t, ada, id);
      const week = d.milestones.at(-1)!;
      assert.deepEqual([week.title, week.note], ["Week 7", "Stretch"]);
      await postAndRead(t, ada, `/projects/${id}/weeks/${week.id}/items`, {
        text: "Retrospective",
      });
      await postAndRead(t, ada, `/projects/${id}/accomplishments`, {
        title: "Cache live",
        owner: "Ada",
        details: "- Redis up\nDashboards cached\n",
      });
      await postAndRead(t, ada, `/projects/${id}/actions`, {
        group: "Next Week",
        text: "Load test",
      });
      d = await dashboardOf(t, ada, id);
      assert.deepEqual(d.milestones.at(-1)!.items.map((i) => i.text), ["Retrospective"]);
      assert.deepEqual(d.accomplishments.at(-1), {
        ...d.accomplishments.at(-1)!,
        title: "Cache live",
        owner: "Ada",
        details: ["Redis up", "Dashboards cached"],
      });
      const next = d.actionGroups.find((g) => g.title === "Next Week")!;
      const action = next.items.at(-1)!;
      assert.equal(action.text, "Load test");
      await postAndRead(t, ada, `/projects/${id}/actions/${action.id}`, { done: "true" });
      d = await dashboardOf(t, ada, id);
      assert.equal(d.actionGroups.find((g) => g.title === "Next Week")!.items.at(-1)!.done, true);
      await postAndRead(t, ada, `/projects/${id}/weeks/${week.id}/delete`, {});
      assert.equal((await dashboardOf(t, ada, id)).milestones.length, d.milestones.length - 1);
    });
  } finally {
    await t.drop();
  }
});

/** Every project write route, with a path to post to (ids made up or real). */
function projectWrites(projectId: string, id: string): string[] {
  return Object.entries(ROUTES)
    .filter(([pattern, module]) => pattern.startsWith("/projects/:id") && module.handler.POST)
    .map(([pattern]) => pattern.replace(":id", projectId).replace(/:\w+/g, id));
}

Deno.test("viewers change nothing; another tenant's ids are 404 everywhere", async (test) => {
  const t = await createTestApp();
  try {
    const linus = await t.login("linus@acme.test");
    const hank = await t.login("hank@globex.test");
    const acme = await t.projectId("acme");
    const [row] = await t.db.query<{ id: string }>(
      "SELECT id FROM tasks WHERE project_id = $1 LIMIT 1",
      [acme],
    );
    await test.step("a viewer gets 403 on every write and on creating or importing", async () => {
      const paths = [...projectWrites(acme, row.id), "/projects", "/projects/import"];
      assert.ok(paths.length >= 40, `${paths.length} write routes`);
      for (const path of paths) {
        const res = await postAndRead(t, linus, path, {
          name: "x",
          text: "x",
          title: "x",
          done: "true",
        });
        assert.equal(res.status, 403, path);
      }
      const exported = await send(t, `/projects/${acme}/export.md`, linus);
      assert.equal(exported.status, 200, "a viewer may export");
    });
    await test.step("another tenant's owner gets 404 for Acme's project on every route", async () => {
      for (const path of projectWrites(acme, row.id)) {
        const res = await postAndRead(t, hank, path, {
          name: "x",
          text: "x",
          title: "x",
          done: "true",
        });
        assert.equal(res.status, 404, path);
      }
      for (const path of [`/projects/${acme}/export.md`, `/projects/${acme}`]) {
        assert.equal((await send(t, path, hank)).status, 404, path);
      }
    });
    await test.step("nothing was written", async () => {
      const [{ n }] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM projects WHERE name = 'x'",
      );
      assert.equal(n, 0);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("settings, archive and restore: an archived project leaves the list, stays reachable", async () => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const saved = await postAndRead(t, ada, `/projects/${id}/settings`, {
      name: "Redis Caching",
      description: "Renamed",
      status: "At Risk",
      health: "yellow",
      owner: "Ada",
      update_frequency: "Daily",
      review_cycle: "Fridays",
    });
    assert.equal(saved.status, 303);
    const d = await dashboardOf(t, ada, id);
    assert.deepEqual(
      [d.project.name, d.project.status, d.project.health, d.project.reviewCycle],
      ["Redis Caching", "At Risk", "yellow", "Fridays"],
    );
    assert.equal((await postAndRead(t, ada, `/projects/${id}/archive`, {})).status, 303);
    assert.doesNotMatch((await send(t, "/", ada)).body, /Redis Caching</);
    const archived = await send(t, `/projects/${id}`, ada);
    assert.equal(archived.status, 200);
    assert.match(archived.body, /Archived on/);
    assert.equal((await postAndRead(t, ada, `/projects/${id}/restore`, {})).status, 303);
    assert.match((await send(t, "/", ada)).body, /Redis Caching</);
  } finally {
    await t.drop();
  }
});
