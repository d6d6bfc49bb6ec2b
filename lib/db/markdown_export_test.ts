import assert from "node:assert/strict";
import { formatDashboard, parseDashboard } from "../markdown/mod.ts";
import { resolveDashboard } from "../model/resolve.ts";
import type { DashboardData } from "../model/types.ts";
import { dbTest, shownDashboard } from "./_test_support.ts";
import { addAccomplishment } from "./accomplishments.ts";
import { addBlocker, setBlockerResolved } from "./blockers.ts";
import { addLogEntry } from "./log.ts";
import { exportDashboard } from "./markdown_export.ts";
import { importDashboard } from "./markdown_import.ts";
import { addMetric } from "./metrics.ts";
import { addMilestone, addMilestoneItem, setMilestoneItemDone } from "./milestones.ts";
import { addNextAction, setNextActionDone } from "./next_actions.ts";
import { addPhase } from "./phases.ts";
import { createProject, updateProjectSettings } from "./project_settings.ts";
import { createRisk, moveRisk } from "./risks.ts";
import { addTask, moveTask, setTaskStatus } from "./tasks.ts";
import { addTeamRow } from "./team.ts";

function data(): DashboardData {
  return {
    project: {
      id: "p",
      name: "Launch",
      description: "",
      status: "",
      health: "yellow",
      updatedAt: "2025-08-01T08:05:00.000Z",
      owner: "",
      updateFrequency: null,
      reviewCycle: null,
      lastUpdated: "2025-08-01 (8:05 AM)",
      archivedAt: null,
      extraSections: [],
    },
    phases: [{
      id: "a",
      name: "Build",
      timeframe: "",
      position: 7,
      tasks: [{
        id: "t",
        phaseId: "a",
        title: "Deploy",
        note: "",
        status: "doing",
        assignee: null,
        position: 0,
      }],
    }],
    team: [],
    metrics: [{
      id: "m",
      group: "summary",
      name: "Blockers",
      baseline: "",
      current: "0",
      target: "0",
      direction: "lower",
      unit: "",
      health: "green",
      statusLabel: "Clear",
      position: 0,
    }],
    risks: [],
    milestones: [],
    log: [{
      id: "l",
      at: "2025-08-01T20:05:00.000Z",
      author: "Ada Lovelace",
      text: "Deployed",
      position: 0,
      dayLabel: null,
      timeLabel: null,
      items: ["cache"],
    }],
    accomplishments: [],
    actionGroups: [],
    blockers: [
      { id: "b", text: "VPN", resolvedAt: null, position: 1 },
      { id: "c", text: "Laptop", resolvedAt: "2025-07-30T16:00:00.000Z", position: 0 },
    ],
  };
}

Deno.test("exportDashboard() writes what the page shows", () => {
  const text = formatDashboard(exportDashboard(resolveDashboard(data())));
  for (
    const line of [
      "**Last Updated**: 2025-08-01 (8:05 AM)",
      "**Overall Status**: 🟡",
      "| Blockers | ≤ 0 | 1 | 🔴 1 open |",
      "### Phase 0: Build - Status: 🟡 In Progress",
      "- [/] Deploy",
      "### Active Blockers\n- VPN\n",
      "### Resolved Blockers\n- Laptop (resolved 2025-07-30)\n",
      "### 2025-08-01\n- **8:05 PM** (Ada Lovelace): Deployed\n  - cache\n",
    ]
  ) assert.ok(text.includes(line), `the export holds ${JSON.stringify(line)}:\n${text}`);
  assert.ok(!text.includes("Dashboard Owner"), "an empty owner is not written");
});

dbTest("a project made in the app round-trips through Markdown", async (_, demo) => {
  const { db } = demo;
  const tenantId = demo.acme.tenantId;
  const scope = {
    tenantId,
    projectId: await createProject(db, tenantId, { name: "Launch 計画", description: "Q3" }),
  };
  await updateProjectSettings(db, scope, {
    name: "Launch 計画 <script>",
    description: "Q3 | launch",
    status: "At Risk",
    health: "yellow",
    owner: "Ada Lovelace",
    updateFrequency: "Daily",
    reviewCycle: "",
  });
  const build = (await addPhase(db, scope, { name: "Build (v2)", timeframe: "Week 1" }))!;
  await addPhase(db, scope, { name: "Ship", timeframe: "" });
  const deploy = await addTask(db, scope, build.id, {
    title: "Deploy <script>alert(1)</script>",
    note: "after review",
    assignee: "Linus",
  });
  await setTaskStatus(db, scope, deploy!.id, "doing");
  const schema = await addTask(db, scope, build.id, {
    title: "Schema f(x)",
    note: "",
    assignee: "ada",
  });
  await setTaskStatus(db, scope, schema!.id, "done");
  await moveTask(db, scope, schema!.id, "up");
  await addTeamRow(db, scope, {
    member: "ada",
    health: "green",
    statusLabel: "On it",
    currentTask: "Schema",
    progress: 60,
  });
  const metric = { baseline: "", health: "red" as const, statusLabel: "", direction: null };
  await addMetric(db, scope, {
    ...metric,
    group: "summary",
    name: "Blockers",
    current: "0",
    target: "0",
  });
  await addMetric(db, scope, {
    ...metric,
    group: "quality",
    name: "Coverage",
    current: "85%",
    target: "≥ 80%",
  });
  await addMetric(db, scope, {
    ...metric,
    group: "performance",
    name: "Load",
    baseline: "4",
    current: "3",
    target: "2",
    direction: "lower",
  });
  await createRisk(db, scope, {
    title: "Vendor",
    impact: "low",
    probability: "high",
    mitigation: "",
    owner: "",
  });
  const fire = await createRisk(db, scope, {
    title: "Fire",
    impact: "high",
    probability: "low",
    mitigation: "Water",
    owner: "ada",
  });
  await moveRisk(db, scope, fire!.id, "up");
  const laptop = await addBlocker(db, scope, "Laptop (old)");
  await addBlocker(db, scope, "VPN");
  await setBlockerResolved(db, scope, laptop!.id, true);
  const week = await addMilestone(db, scope, { title: "Week 1", note: "Starting 2025-08-04" });
  const item = await addMilestoneItem(db, scope, week!.id, "Kick-off");
  await setMilestoneItemDone(db, scope, item!.id, true);
  await addAccomplishment(db, scope, { title: "Schema", owner: null, details: ["Tables", ""] });
  await addNextAction(db, scope, { group: "This Week", text: "Deploy" });
  const brief = await addNextAction(db, scope, { group: "Immediate", text: "Brief (team)" });
  await setNextActionDone(db, scope, brief!.id, true);
  await addLogEntry(db, scope, {
    author: "Ada Lovelace",
    authorId: (await db.query<{ id: string }>("SELECT id FROM users LIMIT 1"))[0].id,
    text: "Shipped:\n- schema\n- ETags",
  });

  const made = await demo.load(scope);
  const text = formatDashboard(exportDashboard(made));
  const again = await demo.load({
    tenantId,
    projectId: await importDashboard(db, tenantId, parseDashboard(text)),
  });
  assert.deepEqual(shownDashboard(again), shownDashboard(made));
  assert.equal(formatDashboard(exportDashboard(again)), text);
  assert.deepEqual(made.actionGroups.map((g) => g.title), ["Immediate", "This Week"]);
  assert.deepEqual(made.blockers.map((b) => b.text), ["VPN", "Laptop (old)"]);
  assert.equal(made.metrics.find((m) => m.name === "Blockers")?.statusLabel, "1 open");
});
