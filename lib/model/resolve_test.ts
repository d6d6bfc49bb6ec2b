import assert from "node:assert/strict";
import { resolveDashboard } from "./resolve.ts";
import type { DashboardData, MetricData, Task, TaskStatus } from "./types.ts";

function task(id: string, status: TaskStatus, assignee: string | null = null): Task {
  return { id, phaseId: "ph", title: id, note: "", status, assignee, position: 0 };
}

function metric(name: string, current: string, target: string, more: Partial<MetricData> = {}) {
  return {
    id: name,
    group: "summary" as const,
    name,
    baseline: "",
    current,
    target,
    direction: null,
    unit: "",
    health: "yellow" as const,
    statusLabel: "Chosen",
    position: 0,
    ...more,
  };
}

function data(): DashboardData {
  return {
    project: {
      id: "p",
      name: "Launch",
      description: "",
      status: "Active",
      health: "green",
      updatedAt: "2025-08-01T08:00:00.000Z",
      owner: "",
      updateFrequency: null,
      reviewCycle: null,
      lastUpdated: null,
      archivedAt: null,
      extraSections: [],
    },
    phases: [
      { id: "a", name: "Build", timeframe: "", position: 0, tasks: [task("1", "done", "Ada")] },
      {
        id: "b",
        name: "Ship",
        timeframe: "",
        position: 1,
        tasks: [task("2", "doing", "ada "), task("3", "todo")],
      },
    ],
    team: [{
      id: "t",
      member: "ADA",
      status: "green",
      statusLabel: "On it",
      currentTask: "",
      progress: 50,
      position: 0,
    }],
    metrics: [
      metric("Blockers", "0", "0"),
      metric("Coverage", "85%", "80%", { direction: "higher" }),
      metric("Timeline", "Week 2", "6 weeks"),
    ],
    risks: [],
    milestones: [],
    log: [{
      id: "l",
      at: "2025-08-01T08:00:00.000Z",
      author: "Ada",
      text: "Started",
      position: 0,
      dayLabel: null,
      timeLabel: null,
      items: [],
    }],
    accomplishments: [],
    actionGroups: [],
    blockers: [
      { id: "x", text: "Waiting on ops", resolvedAt: null, position: 0 },
      { id: "y", text: "VPN", resolvedAt: "2025-08-01T00:00:00.000Z", position: 1 },
    ],
  };
}

Deno.test("resolveDashboard() derives progress, phase statuses and team counts from tasks", () => {
  const shown = resolveDashboard(data());
  assert.deepEqual(shown.progress, { done: 1, total: 3, percent: 33 });
  assert.deepEqual(shown.phases.map((p) => p.status.label), ["COMPLETE", "In Progress"]);
  assert.deepEqual([shown.team[0].taskCount, shown.team[0].doneCount], [2, 1]);
});

Deno.test("resolveDashboard() computes metric statuses and counts open blockers", () => {
  const shown = resolveDashboard(data());
  const status = shown.metrics.map((m) => [m.current, m.health, m.statusLabel, m.computed]);
  assert.deepEqual(status, [
    ["1", "red", "1 open", "blockers"],
    ["85%", "green", "On Target", "target"],
    ["Week 2", "yellow", "Chosen", null],
  ]);
  assert.deepEqual([shown.log[0].day, shown.log[0].time], ["2025-08-01", "8:00 AM"]);
});

Deno.test("resolveDashboard() gives the same dashboard when applied twice", () => {
  const once = resolveDashboard(data());
  assert.deepEqual(resolveDashboard(once), once);
});
