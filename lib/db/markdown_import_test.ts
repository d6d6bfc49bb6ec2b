import assert from "node:assert/strict";
import { type DashboardDocument, formatDashboard, parseDashboard } from "../markdown/mod.ts";
import { dbTest, shownDashboard } from "./_test_support.ts";
import { exportDashboard } from "./markdown_export.ts";
import { DashboardImportError, importDashboard } from "./markdown_import.ts";

const REFERENCE = await Deno.readTextFile(
  new URL("../markdown/testdata/reference.md", import.meta.url),
);
const EVERY_CONSTRUCT = await Deno.readTextFile(
  new URL("./testdata/every-construct.md", import.meta.url),
);

dbTest("importDashboard() reads every section of the reference", async (t, demo) => {
  const tenantId = demo.acme.tenantId;
  const projectId = await importDashboard(demo.db, tenantId, parseDashboard(REFERENCE));
  const d = await demo.load({ tenantId, projectId });

  await t.step("header and footer", () => {
    const { id: _, updatedAt, ...project } = d.project;
    assert.deepEqual(project, {
      name: "Redis Caching Implementation",
      description: "",
      status: "Active Development",
      health: "green",
      owner: "Claude Code (Orchestrator)",
      updateFrequency: "Daily at 9 AM and 3 PM",
      reviewCycle: "Weekly on Fridays",
      lastUpdated: "2025-07-31 (5:30 PM)",
      archivedAt: null,
      extraSections: [],
    });
    assert.equal(updatedAt, "2025-07-31T17:30:00.000Z");
    assert.deepEqual(d.progress, { done: 16, total: 26, percent: 62 });
  });
  await t.step("phases with their tasks' notes, assignees and statuses", () => {
    assert.deepEqual(d.phases.map((p) => [p.name, p.timeframe, p.tasks.length, p.status.label]), [
      ["Foundation", "Week 1", 5, "COMPLETE"],
      ["Backend Quick Wins", "Weeks 2-3", 6, "COMPLETE"],
      ["Frontend API Optimization", "Week 4", 5, "COMPLETE"],
      ["Frontend Architecture", "Week 5", 5, "Not Started"],
      ["Validation & Optimization", "Week 6", 5, "Not Started"],
    ]);
    const task = (p: number, i: number) => {
      const { title, note, assignee, status } = d.phases[p].tasks[i];
      return { title, note, assignee, status };
    };
    assert.deepEqual(task(0, 0), {
      title: "Redis Docker configuration",
      note: "Created, awaiting DevSecOps deployment",
      assignee: null,
      status: "done",
    });
    assert.deepEqual(task(0, 2), {
      title: "Cache schema design",
      note: "",
      assignee: "pgvector-data-architect",
      status: "done",
    });
    assert.deepEqual(task(1, 5).assignee, null);
    assert.deepEqual(task(4, 4), {
      title: "Full rollout",
      note: "",
      assignee: null,
      status: "todo",
    });
  });
  await t.step("the team, with the tasks each member holds", () => {
    assert.deepEqual(
      d.team.map((r) => [r.member, r.status, r.statusLabel, r.progress, r.taskCount, r.doneCount]),
      [
        ["pgvector-data-architect", "green", "Complete", 100, 1, 1],
        ["python-crewai-fastapi-expert", "green", "Complete", 100, 5, 5],
        ["nextjs-ui-architect", "green", "Complete", 100, 6, 6],
        ["qa-playwright-tester", "green", "Complete", 100, 1, 1],
        ["devsecops-linting-engineer", "red", "Not Started", 0, 0, 0],
        ["enterprise-product-owner", "red", "Not Started", 0, 0, 0],
        ["agile-velocity-optimizer", "red", "Not Started", 0, 0, 0],
      ],
    );
    assert.equal(d.team[0].currentTask, "Cache schema & models");
  });
  await t.step("summary, performance and quality metrics", () => {
    const rows = (group: string) =>
      d.metrics.filter((m) => m.group === group).map((m) => [
        m.name,
        m.baseline,
        m.current,
        m.target,
        m.direction,
        m.health,
        m.statusLabel,
      ]);
    assert.deepEqual(rows("summary"), [
      ["Timeline", "", "Week 1-2", "6 weeks", null, "green", "On Track"],
      ["Team Readiness", "", "85%", "100%", null, "yellow", "In Progress"],
      ["Phases Complete", "", "2.5", "5", null, "green", "Ahead of Schedule"],
      ["Blockers", "", "0", "0", null, "green", "Clear"],
      ["Code Committed", "", "Yes", "N/A", null, "green", "Active"],
    ]);
    assert.deepEqual(rows("performance"), [
      ["API Calls/Page Load", "TBD", "TBD", "-70%", null, "red", ""],
      ["Page Load Time", "TBD", "TBD", "-50%", null, "red", ""],
      ["Cache Hit Ratio", "0%", "0%", "80%", null, "red", ""],
      ["Re-render Count", "TBD", "TBD", "-60%", null, "red", ""],
    ]);
    assert.deepEqual(rows("quality"), [
      ["Test Coverage", "", "0%", "100%", null, "red", ""],
      ["Security Vulnerabilities", "", "Unknown", "0", null, "yellow", ""],
      ["Pre-commit Checks", "", "N/A", "Pass", null, "yellow", ""],
      ["Documentation", "", "20%", "100%", null, "yellow", ""],
    ]);
    assert.deepEqual(d.metrics.find((m) => m.name === "Blockers")?.computed, "blockers");
  });
  await t.step("blockers and risks", () => {
    assert.deepEqual(d.blockers, []);
    assert.deepEqual(d.risks.map((r) => [r.title, r.impact, r.probability, r.owner]), [
      ["Cache invalidation complexity", "high", "medium", "pgvector-data-architect"],
      ["Frontend context migration", "high", "medium", "nextjs-ui-architect"],
      ["Multi-tenant security", "high", "low", "devsecops-linting-engineer"],
      ["Performance degradation", "medium", "low", "qa-playwright-tester"],
    ]);
    assert.equal(d.risks[0].mitigation, "Phased rollout, extensive testing");
  });
  await t.step("milestones", () => {
    assert.deepEqual(d.milestones.map((m) => [m.title, m.note, m.items.length]), [
      ["Week 1", "Starting 2025-07-31", 5],
      ["Week 2", null, 4],
      ["Week 3", null, 4],
      ["Week 4", null, 4],
      ["Week 5", null, 4],
      ["Week 6", null, 4],
    ]);
    assert.deepEqual(d.milestones[2].items[3].text, "50% backend caching complete");
    assert.ok(d.milestones.every((m) => m.items.every((item) => !item.done)));
  });
  await t.step("the log, as written and with nothing added", () => {
    assert.equal(d.log.length, 9);
    const first = d.log[0];
    assert.deepEqual(
      [first.day, first.time, first.dayLabel, first.timeLabel, first.author, first.at],
      ["2025-07-31", "9:00 AM", "2025-07-31", "9:00 AM", "", "2025-07-31T09:00:00.000Z"],
    );
    assert.equal(first.text, "Progress dashboard created, team orchestration plan finalized");
    assert.equal(d.log[7].text, "Implemented pair programmer review improvements:");
    assert.equal(d.log[7].items.length, 5);
    assert.equal(d.log[7].items[3], "Extracted ETag logic into reusable utilities");
    assert.deepEqual(d.log.map((e) => e.time).slice(-2), ["5:00 PM", "5:30 PM"]);
  });
  await t.step("accomplishments and next actions", () => {
    assert.deepEqual(d.accomplishments.map((a) => [a.title, a.owner, a.details.length]), [
      ["Cache Infrastructure", "pgvector-data-architect", 4],
      ["Backend Implementation", "python-crewai-fastapi-expert", 4],
      ["Frontend Optimization", "nextjs-ui-architect", 4],
      ["Quality Assurance", "qa-playwright-tester", 4],
    ]);
    assert.deepEqual(d.actionGroups.map((g) => [g.title, g.when, g.items.length]), [
      ["Immediate", "Today", 4],
      ["This Week", null, 6],
      ["Next Week", null, 4],
    ]);
    assert.deepEqual(d.actionGroups[0].items.map((i) => i.done), [true, true, true, false]);
  });
  await t.step("exports as the reference's text", () => {
    assert.equal(formatDashboard(exportDashboard(d)), REFERENCE + "\n");
  });
});

dbTest("a dashboard using every construct round-trips through the database", async (_, demo) => {
  const tenantId = demo.acme.tenantId;
  const first = await demo.load({
    tenantId,
    projectId: await importDashboard(demo.db, tenantId, parseDashboard(EVERY_CONSTRUCT)),
  });
  const text = formatDashboard(exportDashboard(first));
  assert.equal(text, EVERY_CONSTRUCT);
  const again = await demo.load({
    tenantId,
    projectId: await importDashboard(demo.db, tenantId, parseDashboard(text)),
  });
  assert.deepEqual(shownDashboard(again), shownDashboard(first));
  assert.equal(formatDashboard(exportDashboard(again)), text);
  const doing = first.phases[1].tasks[0];
  assert.deepEqual([doing.status, doing.note, doing.assignee], [
    "doing",
    "waiting for ops",
    "Grace Hopper",
  ]);
  assert.equal(first.phases[1].tasks[2].assignee, "Linus");
  assert.deepEqual(first.blockers.map((b) => [b.text, b.resolvedAt]), [
    ["Waiting on VPN access", null],
    ["Budget (sign-off pending\\)", null],
    ["Old laptop", "2025-07-30T00:00:00.000Z"],
  ]);
  const errors = first.metrics.find((m) => m.name === "Errors")!;
  assert.deepEqual([errors.target, errors.direction, errors.statusLabel], [
    "0",
    "lower",
    "Off Target",
  ]);
  assert.deepEqual(first.project.extraSections.map((s) => [s.heading, s.after]), [
    ["Context", "header"],
    ["Notes after the team", "team"],
    ["Appendix", "nextActions"],
  ]);
});

dbTest("an import that fails leaves nothing behind", async (_, demo) => {
  const count = async () => (await demo.db.query("SELECT id FROM projects")).length;
  const before = await count();
  const tooLong = parseDashboard(REFERENCE);
  tooLong.phases[3].tasks[0].title = "x".repeat(301);
  await assert.rejects(
    () => importDashboard(demo.db, demo.acme.tenantId, tooLong),
    (error) => error instanceof DashboardImportError && /task 1 of phase 4/.test(error.message),
  );
  // A row the database refuses half-way through: everything written before it is undone.
  const refused: DashboardDocument = parseDashboard(REFERENCE);
  (refused.phases[4].tasks[4] as { status: string }).status = "someday";
  await assert.rejects(() => importDashboard(demo.db, demo.acme.tenantId, refused));
  assert.equal(await count(), before);
});
