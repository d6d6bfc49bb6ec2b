import assert from "node:assert/strict";
import { emptyDashboard, parseDashboard, parseDashboardReport } from "./mod.ts";

const REFERENCE = Deno.readTextFileSync(new URL("./testdata/reference.md", import.meta.url));
const TITLE = "# Launch - Progress Dashboard";

/** A dashboard of `lines` after the title line and a blank line (so they start at line 3). */
function dashboard(...lines: string[]): string {
  return [TITLE, "", ...lines].join("\n") + "\n";
}

Deno.test("parseDashboard reads the reference's header", () => {
  const doc = parseDashboard(REFERENCE);
  assert.equal(doc.name, "Redis Caching Implementation");
  assert.deepEqual(doc.lastUpdated, { date: "2025-07-31", time: "5:30 PM" });
  assert.deepEqual(doc.overallStatus, {
    health: "green",
    label: "Active Development",
    strong: true,
  });
});

Deno.test("parseDashboard reads the reference's executive summary", () => {
  const { summary } = parseDashboard(REFERENCE);
  assert.equal(summary.length, 5);
  assert.deepEqual(summary[1], {
    metric: "Team Readiness",
    target: "100%",
    direction: null,
    current: "85%",
    status: { health: "yellow", label: "In Progress", strong: false },
  });
  assert.deepEqual(summary.map((row) => row.metric), [
    "Timeline",
    "Team Readiness",
    "Phases Complete",
    "Blockers",
    "Code Committed",
  ]);
  assert.equal(summary[4].target, "N/A");
});

Deno.test("parseDashboard reads the reference's phases, notes and assignees", () => {
  const { phases } = parseDashboard(REFERENCE);
  assert.deepEqual(phases.map((p) => [p.number, p.title, p.timeframe, p.tasks.length]), [
    [0, "Foundation", "Week 1", 5],
    [1, "Backend Quick Wins", "Weeks 2-3", 6],
    [2, "Frontend API Optimization", "Week 4", 5],
    [3, "Frontend Architecture", "Week 5", 5],
    [4, "Validation & Optimization", "Week 6", 5],
  ]);
  assert.deepEqual(phases[0].status, { health: "green", label: "COMPLETE", strong: true });
  assert.deepEqual(phases[3].status, { health: "red", label: "Not Started", strong: false });
  assert.deepEqual(phases[0].tasks[0], {
    title: "Redis Docker configuration",
    status: "done",
    note: "Created, awaiting DevSecOps deployment",
    assignee: null,
  });
  assert.deepEqual(phases[0].tasks[2], {
    title: "Cache schema design",
    status: "done",
    note: null,
    assignee: "pgvector-data-architect",
  });
  assert.deepEqual(phases[1].tasks[5], {
    title: "Pair programmer review improvements implemented",
    status: "done",
    note: null,
    assignee: null,
  });
  assert.ok(phases[3].tasks.every((task) => task.status === "todo"));
  assert.equal(phases[4].tasks[4].title, "Full rollout");
});

Deno.test("parseDashboard reads the reference's team table", () => {
  const { team } = parseDashboard(REFERENCE);
  assert.equal(team.length, 7);
  assert.deepEqual(team[0], {
    name: "pgvector-data-architect",
    status: { health: "green", label: "Complete", strong: false },
    currentTask: "Cache schema & models",
    progress: 100,
  });
  assert.deepEqual(team[4].status, { health: "red", label: "Not Started", strong: false });
  assert.equal(team[6].name, "agile-velocity-optimizer");
  assert.equal(team[6].progress, 0);
});

Deno.test("parseDashboard reads the reference's key metrics", () => {
  const doc = parseDashboard(REFERENCE);
  assert.equal(doc.performanceMetrics.length, 4);
  assert.deepEqual(doc.performanceMetrics[0], {
    metric: "API Calls/Page Load",
    baseline: "TBD",
    current: "TBD",
    target: "-70%",
    direction: null,
    progress: "red",
  });
  assert.equal(doc.performanceMetrics[2].baseline, "0%");
  assert.equal(doc.qualityMetrics.length, 4);
  assert.deepEqual(doc.qualityMetrics[1], {
    metric: "Security Vulnerabilities",
    current: "Unknown",
    target: "0",
    direction: null,
    status: { health: "yellow", label: "", strong: false },
  });
  assert.equal(doc.qualityMetrics[2].current, "N/A");
});

Deno.test("parseDashboard reads the reference's blockers and risk register", () => {
  const doc = parseDashboard(REFERENCE);
  assert.deepEqual(doc.blockers, []);
  assert.equal(doc.risks.length, 4);
  assert.deepEqual(doc.risks[0], {
    risk: "Cache invalidation complexity",
    impact: "High",
    probability: "Medium",
    mitigation: "Phased rollout, extensive testing",
    owner: "pgvector-data-architect",
  });
  assert.deepEqual([doc.risks[3].impact, doc.risks[3].probability], ["Medium", "Low"]);
});

Deno.test("parseDashboard reads the reference's weekly milestones", () => {
  const { milestones } = parseDashboard(REFERENCE);
  assert.deepEqual(milestones.map((m) => [m.title, m.note, m.items.length]), [
    ["Week 1", "Starting 2025-07-31", 5],
    ["Week 2", null, 4],
    ["Week 3", null, 4],
    ["Week 4", null, 4],
    ["Week 5", null, 4],
    ["Week 6", null, 4],
  ]);
  assert.deepEqual(milestones[2].items[3], { text: "50% backend caching complete", done: false });
});

Deno.test("parseDashboard reads the reference's communication log", () => {
  const { log } = parseDashboard(REFERENCE);
  assert.equal(log.length, 1);
  assert.equal(log[0].date, "2025-07-31");
  assert.equal(log[0].entries.length, 9);
  assert.deepEqual(log[0].entries[0], {
    time: "9:00 AM",
    author: null,
    text: "Progress dashboard created, team orchestration plan finalized",
    items: [],
  });
  const review = log[0].entries[7];
  assert.equal(review.time, "5:00 PM");
  assert.equal(review.text, "Implemented pair programmer review improvements:");
  assert.equal(review.items.length, 5);
  assert.equal(review.items[3], "Extracted ETag logic into reusable utilities");
  assert.equal(log[0].entries[8].time, "5:30 PM");
});

Deno.test("parseDashboard reads the reference's deliverables, next actions and footer", () => {
  const doc = parseDashboard(REFERENCE);
  assert.deepEqual(doc.deliverables.map((d) => [d.title, d.owner, d.details.length]), [
    ["Cache Infrastructure", "pgvector-data-architect", 4],
    ["Backend Implementation", "python-crewai-fastapi-expert", 4],
    ["Frontend Optimization", "nextjs-ui-architect", 4],
    ["Quality Assurance", "qa-playwright-tester", 4],
  ]);
  assert.equal(doc.deliverables[0].details[3], "Alembic migration scripts");
  assert.deepEqual(doc.nextActions.map((g) => [g.title, g.when, g.items.length]), [
    ["Immediate", "Today", 4],
    ["This Week", null, 6],
    ["Next Week", null, 4],
  ]);
  assert.deepEqual(doc.nextActions[0].items.map((item) => item.done), [true, true, true, false]);
  assert.equal(
    doc.nextActions[0].items[3].text,
    "Launch remaining 3 agents (DevSecOps, Product Owner, Velocity Optimizer)",
  );
  assert.deepEqual(doc.footer, {
    owner: "Claude Code (Orchestrator)",
    updateFrequency: "Daily at 9 AM and 3 PM",
    reviewCycle: "Weekly on Fridays",
  });
  assert.deepEqual(doc.extraSections, []);
});

Deno.test("parseDashboardReport has no warnings for the reference", () => {
  assert.deepEqual(parseDashboardReport(REFERENCE).warnings, []);
});

Deno.test("parseDashboard accepts CRLF, CR and a byte order mark", () => {
  const doc = parseDashboard(REFERENCE);
  assert.deepEqual(parseDashboard(REFERENCE.replaceAll("\n", "\r\n")), doc);
  assert.deepEqual(parseDashboard(REFERENCE.replaceAll("\n", "\r")), doc);
  assert.deepEqual(parseDashboard("\uFEFF" + REFERENCE), doc);
});

Deno.test("parseDashboard reads a title alone as an empty dashboard", () => {
  assert.deepEqual(parseDashboard(TITLE), emptyDashboard("Launch"));
  assert.deepEqual(parseDashboard(dashboard("## Phase Progress")), emptyDashboard("Launch"));
});

Deno.test("parseDashboard reads a task's explicit note and assignee forms", () => {
  const doc = parseDashboard(dashboard(
    "## Phase Progress",
    "",
    "### Phase 1: Build",
    "- [ ] Deploy (waiting for ops) (ada)",
    "- [ ] Review (assignee: Grace Hopper)",
    "- [ ] Pair (note: ada)",
    "- [X] Fix f(x\\)",
    "- [ ] Call f(x)",
    "- [ ] Plan (draft) (v2)",
    "",
    "## Agent Assignment Status",
    "",
    "| Agent | Status | Current Task | Progress |",
    "|---|---|---|---|",
    "| **ada** | 🟢 Active | Deploy | 50 % |",
  ));
  const tasks = doc.phases[0].tasks.map(({ title, note, assignee, status }) => {
    return [title, note, assignee, status];
  });
  assert.deepEqual(tasks, [
    ["Deploy", "waiting for ops", "ada", "todo"],
    ["Review", null, "Grace Hopper", "todo"],
    ["Pair", "ada", null, "todo"],
    ["Fix f(x)", null, null, "done"],
    ["Call f(x)", null, null, "todo"],
    ["Plan (draft)", "v2", null, "todo"],
  ]);
  assert.equal(doc.team[0].progress, 50);
});

Deno.test("parseDashboardReport keeps an unknown section and warns with its line", () => {
  const text = dashboard("## Executive Summary", "", "## Notes", "", "Some *text*", "", "- x");
  const { document, warnings } = parseDashboardReport(text);
  assert.deepEqual(document.extraSections, [
    { heading: "Notes", body: "Some *text*\n\n- x", after: "summary" },
  ]);
  assert.deepEqual(warnings, [
    { line: 5, message: 'Kept the unknown section "## Notes" as written' },
  ]);
});

Deno.test("parseDashboard reads a task in progress from `- [/]`", () => {
  const doc = parseDashboard(dashboard(
    "## Phase Progress",
    "",
    "### Phase 1: Build",
    "- [/] Deploy (waiting for ops)",
    "- [x] Schema",
    "- [ ] Review",
  ));
  assert.deepEqual(doc.phases[0].tasks.map((task) => [task.title, task.status]), [
    ["Deploy", "doing"],
    ["Schema", "done"],
    ["Review", "todo"],
  ]);
  assert.equal(doc.phases[0].tasks[0].note, "waiting for ops");
});

Deno.test("parseDashboard reads a target's direction from its sign", () => {
  const doc = parseDashboard(dashboard(
    "## Executive Summary",
    "",
    "| Metric | Target | Current | Status |",
    "|---|---|---|---|",
    "| Coverage | ≥ 80% | 85% | 🟢 On Target |",
    "| Errors | <=0 | 2 | 🔴 Off Target |",
    "| Timeline | 6 weeks | Week 2 | 🟢 On Track |",
    "",
    "## Key Metrics Tracking",
    "",
    "### Performance Metrics",
    "| Metric | Baseline | Current | Target | Progress |",
    "|---|---|---|---|---|",
    "| Page Load | 4 s | 3 s | ≤ 2 s | 🟡 |",
    "",
    "### Quality Metrics",
    "| Metric | Current | Target | Status |",
    "|---|---|---|---|",
    "| Docs | 20% | >= 100% | 🟡 |",
  ));
  const summary = doc.summary.map((row) => [row.target, row.direction]);
  assert.deepEqual(summary, [["80%", "higher"], ["0", "lower"], ["6 weeks", null]]);
  assert.deepEqual(
    [doc.performanceMetrics[0].target, doc.performanceMetrics[0].direction],
    ["2 s", "lower"],
  );
  assert.deepEqual([doc.qualityMetrics[0].target, doc.qualityMetrics[0].direction], [
    "100%",
    "higher",
  ]);
});

Deno.test("parseDashboard reads resolved blockers with and without a date", () => {
  const doc = parseDashboard(dashboard(
    "## Current Blockers & Risks",
    "",
    "### Active Blockers",
    "- Waiting on ops",
    "",
    "### Resolved Blockers",
    "- VPN access (resolved 2025-08-01)",
    "- Budget sign-off",
    "- Fix f(x\\)",
  ));
  assert.deepEqual(doc.blockers, ["Waiting on ops"]);
  assert.deepEqual(doc.resolvedBlockers, [
    { text: "VPN access", resolved: "2025-08-01" },
    { text: "Budget sign-off", resolved: null },
    { text: "Fix f(x)", resolved: null },
  ]);
});

Deno.test("parseDashboard reads a log entry's author and the header's description", () => {
  const doc = parseDashboard(dashboard(
    "**Last Updated**: 2025-08-01 (9:15 AM)",
    "**Description**: Six weeks to a <b>faster</b> app",
    "",
    "## Communication Log",
    "",
    "### 2025-08-01",
    "- **9:00 AM** (Ada Lovelace): Deployed: all green",
    "- **9:10 AM** (Grace (QA)):",
    "  - checked",
    "- **9:15 AM**: (not an author): text",
  ));
  assert.equal(doc.description, "Six weeks to a <b>faster</b> app");
  assert.deepEqual(doc.log[0].entries, [
    { time: "9:00 AM", author: "Ada Lovelace", text: "Deployed: all green", items: [] },
    { time: "9:10 AM", author: "Grace (QA)", text: "", items: ["checked"] },
    { time: "9:15 AM", author: null, text: "(not an author): text", items: [] },
  ]);
});
