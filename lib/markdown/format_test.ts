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

const GREEN = { health: "green", label: "On Target", strong: false } as const;

function taskLines(doc: DashboardDocument): string[] {
  return formatDashboard(doc).split("\n").filter((line) => line.startsWith("- ["));
}

function task(title: string, note: string | null, assignee: string | null): Task {
  return { title, status: "todo", note, assignee };
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
      direction: null,
      current: "**bold** `code` <script>",
      status: { health: null, label: "**x**", strong: false },
    },
    {
      metric: "Überprüfung 計画 проверка",
      target: "🚀",
      direction: null,
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
    entries: [{ time: "9:00 AM", author: null, text: "Deployed\r\nthe cache\n", items: ["a\nb"] }],
  }];
  const text = formatDashboard(doc);
  assert.ok(text.includes("- **9:00 AM**: Deployed the cache\n  - a b\n"));
  assert.deepEqual(parseDashboard(text).log[0].entries[0], {
    time: "9:00 AM",
    author: null,
    text: "Deployed the cache",
    items: ["a b"],
  });
});

Deno.test("formatDashboard writes tasks in progress, directions, resolved blockers and authors", () => {
  const doc = withTasks([
    { title: "Deploy", status: "doing", note: null, assignee: "ada" },
    { title: "Schema", status: "done", note: null, assignee: null },
  ], ["ada"]);
  doc.description = "Six weeks";
  doc.summary = [
    { metric: "Coverage", target: "80%", direction: "higher", current: "85%", status: GREEN },
    { metric: "Errors", target: "", direction: "lower", current: "2", status: GREEN },
  ];
  doc.resolvedBlockers = [
    { text: "VPN access", resolved: "2025-08-01" },
    { text: "Fix f(x)", resolved: null },
  ];
  doc.log = [{
    date: "2025-08-01",
    entries: [{ time: "9:00 AM", author: "Ada (QA", text: "Deployed", items: [] }],
  }];
  const text = formatDashboard(doc);
  assert.deepEqual(taskLines(doc), ["- [/] Deploy (ada)", "- [x] Schema"]);
  assert.ok(text.includes("\n**Description**: Six weeks\n"));
  assert.ok(text.includes("| Coverage | ≥ 80% | 85% | 🟢 On Target |\n| Errors | ≤ | 2 |"));
  assert.ok(text.includes(
    "### Resolved Blockers\n- VPN access (resolved 2025-08-01)\n- Fix f(x\\)\n\n### Risk",
  ));
  assert.ok(text.includes("- **9:00 AM** (Ada \\(QA): Deployed\n"));
  assert.deepEqual(parseDashboard(text), doc);
});

Deno.test("formatDashboard leaves out Resolved Blockers when there are none", () => {
  assert.ok(!formatDashboard(emptyDashboard("Launch")).includes("Resolved"));
});
