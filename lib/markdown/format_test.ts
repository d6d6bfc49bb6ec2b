import assert from "node:assert/strict";
import {
  type DashboardDocument,
  emptyDashboard,
  formatDashboard,
  parseDashboard,
  type Task,
} from "./mod.ts";

const REFERENCE = Deno.readTextFileSync(new URL("./testdata/reference.md", import.meta.url));

const EMPTY = `# Launch - Progress Dashboard

## Executive Summary

| Metric | Target | Current | Status |
|--------|--------|---------|--------|

## Phase Progress

## Agent Assignment Status

| Agent | Status | Current Task | Progress |
|-------|--------|--------------|----------|

## Key Metrics Tracking

### Performance Metrics
| Metric | Baseline | Current | Target | Progress |
|--------|----------|---------|--------|----------|

### Quality Metrics
| Metric | Current | Target | Status |
|--------|---------|--------|--------|

## Current Blockers & Risks

### Active Blockers
None currently identified.

### Risk Register

| Risk | Impact | Probability | Mitigation | Owner |
|------|--------|-------------|------------|-------|

## Weekly Milestones

## Communication Log

## Key Accomplishments Today

### ✅ Completed Deliverables

## Next Actions
`;

function withTasks(tasks: Task[], team: string[] = []): DashboardDocument {
  const doc = emptyDashboard("Launch");
  doc.team = team.map((name) => ({
    name,
    status: { health: "green", label: "Active", strong: false },
    currentTask: "",
    progress: 0,
  }));
  doc.phases = [{ number: 1, title: "Build", timeframe: null, status: null, tasks }];
  return doc;
}

function taskLines(doc: DashboardDocument): string[] {
  return formatDashboard(doc).split("\n").filter((line) => line.startsWith("- ["));
}

function task(title: string, note: string | null, assignee: string | null): Task {
  return { title, done: false, note, assignee };
}

Deno.test("formatDashboard reproduces the reference byte for byte, less its final newline", () => {
  const doc = parseDashboard(REFERENCE);
  // The reference file has no line break after its last line; by default we end with one.
  assert.equal(formatDashboard(doc, { finalNewline: false }), REFERENCE);
  assert.equal(formatDashboard(doc), REFERENCE + "\n");
});

Deno.test("formatDashboard writes every section of an empty dashboard in a fixed shape", () => {
  assert.equal(formatDashboard(emptyDashboard("Launch")), EMPTY);
});

Deno.test("formatDashboard writes a task's note and assignee in the shortest readable form", () => {
  const doc = withTasks([
    task("Schema", null, "ada"),
    task("Docker", "awaiting deployment", null),
    task("Deploy", "awaiting approval", "ada"),
    task("Review", null, "Grace Hopper"),
    task("Review", "before Friday", "Grace Hopper"),
    task("Pair", "ada", null),
    task("Rename", "note: old name", null),
    task("Plain", null, null),
  ], ["ada"]);
  assert.deepEqual(taskLines(doc), [
    "- [ ] Schema (ada)",
    "- [ ] Docker (awaiting deployment)",
    "- [ ] Deploy (awaiting approval) (ada)",
    "- [ ] Review (assignee: Grace Hopper)",
    "- [ ] Review (before Friday) (assignee: Grace Hopper)",
    "- [ ] Pair (note: ada)",
    "- [ ] Rename (note: note: old name)",
    "- [ ] Plain",
  ]);
});

Deno.test("formatDashboard escapes a title's final parenthesis and unbalanced notes", () => {
  const doc = withTasks([
    task("Fix f(x)", null, null),
    task("Plan (draft)", "v2", null),
    task("Smile", "a) b", null),
    task("Path", "C:\\dir\\", null),
  ]);
  assert.deepEqual(taskLines(doc), [
    "- [ ] Fix f(x\\)",
    "- [ ] Plan (draft\\) (v2)",
    "- [ ] Smile (a\\) b)",
    "- [ ] Path (C:\\dir\\\\)",
  ]);
  assert.deepEqual(parseDashboard(formatDashboard(doc)), doc);
});

Deno.test("formatDashboard escapes pipes in table cells and guards labels that read as markup", () => {
  const doc = emptyDashboard("Launch");
  doc.summary = [
    {
      metric: "p50 | p99",
      target: "a\\",
      current: "**bold** `code` <script>",
      status: { health: null, label: "**x**", strong: false },
    },
    {
      metric: "Überprüfung 計画 проверка",
      target: "🚀",
      current: "",
      status: { health: null, label: "🟢 green-ish", strong: false },
    },
  ];
  const rows = formatDashboard(doc).split("\n").slice(6, 8);
  assert.deepEqual(rows, [
    "| p50 \\| p99 | a\\\\ | **bold** `code` <script> | \\**x** |",
    "| Überprüfung 計画 проверка | 🚀 |  | \\🟢 green-ish |",
  ]);
  assert.deepEqual(parseDashboard(formatDashboard(doc)), doc);
});

Deno.test("formatDashboard writes extra sections after the part they followed", () => {
  const doc = emptyDashboard("Launch");
  doc.extraSections = [
    { heading: "Context", body: "Why we do this.", after: "header" },
    { heading: "Notes", body: "- one\n\n- two", after: "nextActions" },
  ];
  doc.footer.owner = "Ada";
  const text = formatDashboard(doc);
  assert.ok(text.includes("# Launch - Progress Dashboard\n\n## Context\n\nWhy we do this.\n\n"));
  assert.ok(text.endsWith(
    "## Next Actions\n\n## Notes\n\n- one\n\n- two\n\n---\n\n" +
      "**Dashboard Owner**: Ada\n",
  ));
  assert.deepEqual(parseDashboard(text), doc);
});

Deno.test("formatDashboard writes a text holding line breaks on one line", () => {
  const doc = emptyDashboard("Launch");
  doc.log = [{
    date: "2025-08-01",
    entries: [{ time: "9:00 AM", text: "Deployed\r\nthe cache\n", items: ["a\nb"] }],
  }];
  const text = formatDashboard(doc);
  assert.ok(text.includes("- **9:00 AM**: Deployed the cache\n  - a b\n"));
  assert.deepEqual(parseDashboard(text).log[0].entries[0], {
    time: "9:00 AM",
    text: "Deployed the cache",
    items: ["a b"],
  });
});
