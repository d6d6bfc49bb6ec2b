import assert from "node:assert/strict";
import { byteLength, MarkdownError, MAX_IMPORT_BYTES, parseDashboard } from "./mod.ts";

const TITLE = "# Launch - Progress Dashboard";

/** A dashboard of `lines` after the title line and a blank line (so they start at line 3). */
function dashboard(...lines: string[]): string {
  return [TITLE, "", ...lines].join("\n") + "\n";
}

function assertRejects(text: string, line: number, message: RegExp | string): MarkdownError {
  let caught: unknown;
  try {
    parseDashboard(text);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof MarkdownError, `expected a MarkdownError, got ${caught}`);
  assert.equal(caught.line, line, caught.message);
  if (typeof message === "string") assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  return caught;
}

Deno.test("parseDashboard rejects an empty file at line 1", () => {
  const message = 'Line 1: expected a title heading "# <name> - Progress Dashboard", ' +
    "found the end of the file";
  assertRejects("", 1, message);
  assertRejects("\n  \n", 1, message);
  assertRejects("# Launch\n", 1, /^Line 1: expected a title heading/);
});

Deno.test("parseDashboard rejects malformed checklist items with their line", () => {
  const phase = ["## Phase Progress", "", "### Phase 1: Build"];
  const task =
    /^Line 6: expected a task "- \[ \] text", "- \[\/\] text" \(in progress\) or "- \[x\] text", found /;
  assertRejects(dashboard(...phase, "- [y] foo"), 6, task);
  assertRejects(dashboard(...phase, "-[x]foo"), 6, task);
  assertRejects(dashboard(...phase, "- [ ]"), 6, task);
  assertRejects(dashboard(...phase, "- [x]foo"), 6, task);
  assertRejects(dashboard(...phase, "- [/]"), 6, task);
  const expected = /^Line 6: expected a checklist item "- \[ \] text" or "- \[x\] text", found /;
  assertRejects(dashboard("## Weekly Milestones", "", "### Week 1", "* [ ] a"), 6, expected);
  // Only tasks can be in progress: a milestone item is done or not.
  assertRejects(dashboard("## Weekly Milestones", "", "### Week 1", "- [/] a"), 6, expected);
  assertRejects(dashboard("## Next Actions", "", "1. **Immediate**:", "   - [/] a"), 6, expected);
});

Deno.test("parseDashboard rejects a table row with the wrong number of cells", () => {
  const text = dashboard(
    "## Executive Summary",
    "",
    "| Metric | Target | Current | Status |",
    "|--------|--------|---------|--------|",
    "| a | b |",
  );
  const error = assertRejects(
    text,
    7,
    'Line 7: expected a table row "| Metric | Target | Current | Status |", found "| a | b |"',
  );
  assert.equal(error.expected, 'a table row "| Metric | Target | Current | Status |"');
  assert.equal(error.found, '"| a | b |"');
});

Deno.test("parseDashboard rejects a percent that is not a number from 0 to 100", () => {
  const team = (progress: string) =>
    dashboard(
      "## Agent Assignment Status",
      "",
      "| Agent | Status | Current Task | Progress |",
      "|-------|--------|--------------|----------|",
      `| **ada** | 🟢 Active | Build | ${progress} |`,
    );
  const expected = /^Line 7: expected a percent from "0%" to "100%", found "/;
  assertRejects(team("lots"), 7, expected);
  assertRejects(team("120%"), 7, expected);
  assertRejects(team("-5%"), 7, expected);
  assertRejects(team("50"), 7, expected);
});

Deno.test("parseDashboard rejects other cells and lines out of shape with their line", () => {
  const risks = dashboard(
    "## Current Blockers & Risks",
    "",
    "### Risk Register",
    "| Risk | Impact | Probability | Mitigation | Owner |",
    "|---|---|---|---|---|",
    "| Outage | Critical | Low | Backups | ada |",
  );
  assertRejects(risks, 8, /^Line 8: expected a level High, Medium or Low, found "Critical"$/);
  const metrics = dashboard(
    "## Key Metrics Tracking",
    "",
    "### Performance Metrics",
    "| Metric | Baseline | Current | Target | Progress |",
    "|---|---|---|---|---|",
    "| Latency | 1s | 1s | 0.2s | good |",
  );
  assertRejects(metrics, 8, /^Line 8: expected a health emoji/);
  assertRejects(dashboard("## Key Metrics Tracking", "", "### Cost"), 5, /"### Performance/);
  assertRejects(dashboard("**Owner**: ada"), 3, /^Line 3: expected a line "\*\*Last Updated/);
  assertRejects(dashboard("## Phase Progress", "", "### Week 1"), 5, /a phase heading/);
  assertRejects(dashboard("## Log", "## Log", "## Next Actions", "## Next Actions"), 6, /once/);
  assertRejects(dashboard("## Communication Log", "", "### Today", "  - early"), 6, /log entry/);
  assertRejects(dashboard("---", "", "**Owner**: ada"), 5, /^Line 5: expected a footer line/);
});

Deno.test("parseDashboard rejects control characters other than tab, naming the line", () => {
  const error = assertRejects(dashboard("## Notes", "a\u0000b"), 4, /found "a\\u0000b"$/);
  assert.equal(error.expected, "text without control characters");
  assertRejects(dashboard("## Notes", "", "\u001b[31mred"), 5, /control characters/);
  assert.equal(parseDashboard(dashboard("## Notes", "a\tb")).extraSections[0].body, "a\tb");
});

Deno.test("parseDashboard accepts MAX_IMPORT_BYTES bytes and rejects one more", () => {
  const head = dashboard("## Notes", "");
  const fill = (bytes: number) => head + "ü".repeat(bytes / 2) + "\n" + "y".repeat(bytes % 2);
  const limit = fill(MAX_IMPORT_BYTES - byteLength(head) - 1);
  assert.equal(byteLength(limit), MAX_IMPORT_BYTES);
  assert.equal(parseDashboard(limit).extraSections.length, 1);
  const over = limit + "z";
  const error = assertRejects(over, 6, /^Line 6: expected a dashboard of at most 1048576 bytes/);
  assert.equal(error.found, "1048577 bytes");
});

Deno.test("byteLength counts UTF-8 bytes as TextEncoder writes them", () => {
  const encoder = new TextEncoder();
  for (const text of ["", "abc", "Überprüfung 計画 проверка", "🟢👩‍💻", "\ud800x", "x\udc00"]) {
    assert.equal(byteLength(text), encoder.encode(text).length, JSON.stringify(text));
  }
});
