import assert from "node:assert/strict";
import { memberTaskCounts, phaseStatusOf, progressOf } from "./progress.ts";
import type { TaskStatus } from "./types.ts";

const tasks = (...states: TaskStatus[]) => states.map((status) => ({ status }));

Deno.test("progressOf() gives done of total and a rounded percent", () => {
  assert.deepEqual(progressOf(tasks("done", "done", "todo")), { done: 2, total: 3, percent: 67 });
  assert.deepEqual(progressOf(tasks("doing")), { done: 0, total: 1, percent: 0 });
  assert.deepEqual(progressOf([]), { done: 0, total: 0, percent: 0 });
});

Deno.test("phaseStatusOf() is COMPLETE, In Progress or Not Started by the phase's tasks", () => {
  assert.deepEqual(phaseStatusOf(tasks("done", "done")), {
    health: "green",
    label: "COMPLETE",
    strong: true,
  });
  for (const started of [tasks("done", "todo"), tasks("doing", "todo"), tasks("doing")]) {
    assert.deepEqual(phaseStatusOf(started), {
      health: "yellow",
      label: "In Progress",
      strong: false,
    });
  }
  for (const none of [tasks("todo", "todo"), []]) {
    assert.deepEqual(phaseStatusOf(none), { health: "red", label: "Not Started", strong: false });
  }
});

Deno.test("memberTaskCounts() matches assignees by name, ignoring case and spaces", () => {
  const all = [
    { assignee: "nextjs-ui-architect", status: "done" as const },
    { assignee: " NextJS-UI-Architect ", status: "doing" as const },
    { assignee: "nextjs-ui", status: "done" as const },
    { assignee: null, status: "done" as const },
  ];
  assert.deepEqual(memberTaskCounts("nextjs-ui-architect", all), { taskCount: 2, doneCount: 1 });
  assert.deepEqual(memberTaskCounts("Grace", all), { taskCount: 0, doneCount: 0 });
});
