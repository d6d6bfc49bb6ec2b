import assert from "node:assert/strict";
import { emptyDashboard } from "./document.ts";
import { formatDashboard } from "./format.ts";
import { normalizeDashboard } from "./normalize.ts";
import { parseDashboard } from "./parse.ts";
import { MarkdownError } from "./errors.ts";
import { arbitraryDashboard, perturb, Random } from "./_test_support.ts";

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);
const REFERENCE = Deno.readTextFileSync(new URL("./testdata/reference.md", import.meta.url));

function check(seed: number, law: () => void): void {
  try {
    law();
  } catch (error) {
    throw new Error(`Law fails for arbitraryDashboard(${seed})`, { cause: error });
  }
}

Deno.test("the generated documents are in normal form", () => {
  for (const seed of SEEDS) {
    const doc = arbitraryDashboard(seed);
    check(seed, () => assert.deepEqual(normalizeDashboard(doc), doc));
  }
});

Deno.test("parseDashboard(formatDashboard(d)) deep-equals d for generated documents", () => {
  for (const seed of SEEDS) {
    const doc = arbitraryDashboard(seed);
    check(seed, () => assert.deepEqual(parseDashboard(formatDashboard(doc)), doc));
  }
});

Deno.test("formatDashboard is idempotent through parseDashboard", () => {
  for (const seed of SEEDS) {
    const text = formatDashboard(arbitraryDashboard(seed));
    check(seed, () => assert.equal(formatDashboard(parseDashboard(text)), text));
  }
});

Deno.test("parseDashboard reads a formatted document the same with CRLF line breaks", () => {
  for (const seed of SEEDS.slice(0, 50)) {
    const doc = arbitraryDashboard(seed);
    const crlf = formatDashboard(doc).replaceAll("\n", "\r\n");
    check(seed, () => assert.deepEqual(parseDashboard(crlf), doc));
  }
});

Deno.test("an empty dashboard round-trips", () => {
  const doc = emptyDashboard("Überprüfung 計画 (v2)");
  assert.deepEqual(parseDashboard(formatDashboard(doc)), doc);
});

Deno.test("the generated documents use every construct of the format", () => {
  const docs = SEEDS.map(arbitraryDashboard);
  const tasks = docs.flatMap((doc) => doc.phases.flatMap((phase) => phase.tasks));
  const teamOf = (i: number) => new Set(docs[i].team.map((m) => m.name));
  const inTeam = docs.flatMap((doc, i) =>
    doc.phases.flatMap((p) => p.tasks).map((t) => ({ t, team: teamOf(i) }))
  );
  const seen = {
    bothNoteAndAssignee: tasks.some((t) => t.note !== null && t.assignee !== null),
    assigneeInTeam: inTeam.some(({ t, team }) => t.assignee !== null && team.has(t.assignee)),
    assigneeOutsideTeam: inTeam.some(({ t, team }) => t.assignee !== null && !team.has(t.assignee)),
    noteNamingMember: inTeam.some(({ t, team }) => t.note !== null && team.has(t.note)),
    titleEndingInParens: tasks.some((t) => t.title.endsWith(")")),
    pipeInCell: docs.some((d) => d.summary.some((row) => row.metric.includes("|"))),
    strongStatus: docs.some((d) => d.phases.some((p) => p.status?.strong)),
    boldLookingLabel: docs.some((d) => d.summary.some((row) => row.status.label === "**x**")),
    extraSection: docs.some((d) => d.extraSections.length > 0),
    emptyBlockers: docs.some((d) => d.blockers.length === 0),
    logItems: docs.some((d) => d.log.some((day) => day.entries.some((e) => e.items.length > 0))),
    deliverableWithoutOwner: docs.some((d) => d.deliverables.some((x) => x.owner === null)),
    actionGroupWithWhen: docs.some((d) => d.nextActions.some((g) => g.when !== null)),
    footer: docs.some((d) => d.footer.owner !== null),
    nonLatin: docs.some((d) => d.name.includes("計画")),
    taskInProgress: tasks.some((t) => t.status === "doing"),
    higherTarget: docs.some((d) => d.summary.some((row) => row.direction === "higher")),
    lowerTarget: docs.some((d) => d.qualityMetrics.some((row) => row.direction === "lower")),
    performanceDirection: docs.some((d) => d.performanceMetrics.some((row) => row.direction)),
    resolvedBlockerWithDate: docs.some((d) => d.resolvedBlockers.some((b) => b.resolved)),
    resolvedBlockerWithoutDate: docs.some((d) => d.resolvedBlockers.some((b) => !b.resolved)),
    logAuthor: docs.some((d) => d.log.some((day) => day.entries.some((e) => e.author))),
    description: docs.some((d) => d.description !== null),
  };
  for (const [construct, present] of Object.entries(seen)) {
    assert.ok(present, `no generated document has ${construct}`);
  }
});

Deno.test("an edited dashboard either fails with a MarkdownError or reads back the same", () => {
  let read = 0;
  for (const seed of SEEDS) {
    const base = seed % 3 === 0 ? REFERENCE : formatDashboard(arbitraryDashboard(seed));
    const text = perturb(base, new Random(seed * 7919));
    let doc;
    try {
      doc = parseDashboard(text);
    } catch (error) {
      check(seed, () => assert.ok(error instanceof MarkdownError, String(error)));
      continue;
    }
    read++;
    const formatted = formatDashboard(doc);
    check(seed, () => assert.deepEqual(parseDashboard(formatted), doc));
    check(seed, () => assert.equal(formatDashboard(parseDashboard(formatted)), formatted));
  }
  assert.ok(read > SEEDS.length / 4, `only ${read} edited dashboards could be read`);
});
