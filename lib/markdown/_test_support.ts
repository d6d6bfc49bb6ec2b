/**
 * A seeded generator of valid dashboards for the round-trip laws: every construct of the
 * format, awkward text included (`|`, `*`, backticks, `<script>`, leading `- `, `[x]`,
 * trailing parentheses, backslashes, non-Latin text, emoji).
 *
 * @module
 */
import type {
  ChecklistItem,
  DashboardDocument,
  Direction,
  ExtraSection,
  Health,
  RiskLevel,
  Status,
  Task,
  TaskState,
} from "./document.ts";
import { SECTION_KEYS } from "./document.ts";

const FRAGMENTS = [
  "|",
  "\\|",
  "a | b",
  "*",
  "**bold**",
  "**",
  "`code`",
  "<script>alert(1)</script>",
  "- ",
  "[x]",
  "[ ]",
  "(note)",
  "(",
  ")",
  "f(x)",
  "(a (b) c)",
  "Überprüfung 計画 проверка",
  "🚀",
  "🟢",
  "🔴 red",
  "\\",
  "C:\\dir\\",
  "\\(",
  "note: ",
  "assignee: ",
  "1.",
  "#",
  "&amp;",
  "_x_",
  "> quote",
  "—",
  "100%",
  " - ",
  "Week 3",
  "Redis",
  "cache",
  "deploy",
  "QA",
  "👩‍💻",
  "✅",
];
// Handwritten traps: a status that reads as bold or as health, a note named like a member.
const TRICKY_LABELS = ["**x**", "\\**x**", "🟢 x", "\\🔴", "On Track", ""];
const LEVELS: RiskLevel[] = ["High", "Medium", "Low"];
const HEALTHS: Health[] = ["green", "yellow", "red"];
const STATES: TaskState[] = ["todo", "doing", "done"];
const DIRECTIONS: Direction[] = ["higher", "lower"];

/** A small seeded pseudo-random source (mulberry32). */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  list<T>(max: number, make: (i: number) => T): T[] {
    return Array.from({ length: this.int(0, max) }, (_, i) => make(i));
  }

  /** A trimmed, non-empty, single-line text of awkward fragments. */
  text(): string {
    const parts = Array.from({ length: this.int(1, 4) }, () => this.pick(FRAGMENTS));
    const text = parts.reduce((all, part) => all + (this.chance(0.5) ? " " : "") + part).trim();
    return text === "" ? "x" : text;
  }

  /** Like {@link text}, or empty. */
  cell(): string {
    return this.chance(0.15) ? "" : this.text();
  }

  maybe<T>(make: () => T): T | null {
    return this.chance(0.4) ? null : make();
  }
}

/**
 * A valid dashboard drawn from `seed`.
 *
 * @example
 * ```ts
 * import { arbitraryDashboard } from "./_test_support.ts";
 * const doc = arbitraryDashboard(7);
 * console.log(typeof doc.name); // "string"
 * ```
 */
export function arbitraryDashboard(seed: number): DashboardDocument {
  const r = new Random(seed);
  const team = r.list(4, () => ({
    name: r.text(),
    status: status(r),
    currentTask: r.cell(),
    progress: r.int(0, 100),
  }));
  const names = team.map((member) => member.name);
  return {
    name: r.text(),
    description: r.maybe(() => r.cell()),
    lastUpdated: r.maybe(() => ({ date: r.text(), time: r.maybe(() => r.text()) })),
    overallStatus: r.maybe(() => status(r)),
    ...tables(r, names),
    team,
    phases: r.list(3, () => ({
      number: r.int(0, 99),
      title: r.text(),
      timeframe: r.maybe(() => r.text()),
      status: r.maybe(() => status(r)),
      tasks: r.list(4, () => task(r, names)),
    })),
    blockers: r.list(3, () => r.text()),
    resolvedBlockers: r.list(3, () => ({ text: r.text(), resolved: r.maybe(() => r.text()) })),
    ...records(r),
    footer: {
      owner: r.maybe(() => r.cell()),
      updateFrequency: r.maybe(() => r.cell()),
      reviewCycle: r.maybe(() => r.cell()),
    },
    extraSections: extras(r),
  };
}

function tables(r: Random, team: string[]) {
  return {
    summary: r.list(3, () => ({
      metric: r.cell(),
      ...target(r),
      current: r.cell(),
      status: status(r),
    })),
    performanceMetrics: r.list(3, () => ({
      metric: r.cell(),
      baseline: r.cell(),
      current: r.cell(),
      ...target(r),
      progress: r.maybe(() => r.pick(HEALTHS)),
    })),
    qualityMetrics: r.list(3, () => ({
      metric: r.cell(),
      current: r.cell(),
      ...target(r),
      status: status(r),
    })),
    risks: r.list(3, () => ({
      risk: r.cell(),
      impact: r.pick(LEVELS),
      probability: r.pick(LEVELS),
      mitigation: r.cell(),
      owner: r.chance(0.5) && team.length > 0 ? r.pick(team) : r.cell(),
    })),
  };
}

function records(r: Random) {
  return {
    milestones: r.list(3, () => ({
      title: r.text(),
      note: r.maybe(() => r.text()),
      items: r.list(3, () => item(r)),
    })),
    log: r.list(2, () => ({
      date: r.text(),
      entries: r.list(3, () => ({
        // A log time may not hold `**:`; dropping every `*` is enough.
        time: r.text().replaceAll("*", "").trim() || "9:00 AM",
        author: r.maybe(() => r.text()),
        text: r.cell(),
        items: r.list(3, () => r.text()),
      })),
    })),
    deliverables: r.list(3, () => ({
      title: r.text(),
      owner: r.maybe(() => r.text()),
      details: r.list(3, () => r.text()),
    })),
    nextActions: r.list(3, () => ({
      title: r.text(),
      when: r.maybe(() => r.text()),
      items: r.list(3, () => item(r)),
    })),
  };
}

/** A target and its direction; a target without one never starts with a sign. */
function target(r: Random): { target: string; direction: Direction | null } {
  const direction = r.maybe(() => r.pick(DIRECTIONS));
  const text = r.cell();
  return {
    target: direction === null && /^(≥|≤|>=|<=)/.test(text) ? `x ${text}` : text,
    direction,
  };
}

function status(r: Random): Status {
  const label = r.chance(0.3) ? r.pick(TRICKY_LABELS) : r.cell();
  return { health: r.maybe(() => r.pick(HEALTHS)), label, strong: label !== "" && r.chance(0.3) };
}

function task(r: Random, team: string[]): Task {
  const member = () => team.length > 0 && r.chance(0.6) ? r.pick(team) : r.text();
  const note = () => {
    const kinds = [() => r.text(), () => `note: ${r.text()}`, () => `assignee: ${r.text()}`];
    return team.length > 0 && r.chance(0.2) ? r.pick(team) : r.pick(kinds)();
  };
  const parenthesised = () => `${r.text()} (${r.text()})`;
  return {
    title: r.chance(0.3) ? parenthesised() : r.text(),
    status: r.pick(STATES),
    note: r.maybe(note),
    assignee: r.maybe(member),
  };
}

function item(r: Random): ChecklistItem {
  return { text: r.text(), done: r.chance(0.5) };
}

function extras(r: Random): ExtraSection[] {
  const sections = r.list(3, () => ({
    heading: `${r.text()} notes`,
    body: r.list(4, () => bodyLine(r)).join("\n").trim(),
    after: r.pick(SECTION_KEYS),
  }));
  // Extras are listed in document order: by the known part they follow.
  const order = (key: string) => SECTION_KEYS.indexOf(key as typeof SECTION_KEYS[number]);
  return sections.sort((a, b) => order(a.after) - order(b.after));
}

function bodyLine(r: Random): string {
  const prefix = r.pick(["", "### ", "- ", "| ", "1. ", "    ", "**Label**: "]);
  const line = r.chance(0.15) ? "" : prefix + r.text();
  // A body line may not open a section ("## ") or be a footer rule ("---").
  return line.startsWith("##") || line.trim() === "---" ? `x ${line}` : line;
}

const EDIT_BITS = [
  " ",
  "  ",
  "*",
  "**",
  "(",
  ")",
  "\\",
  "|",
  "- ",
  "[x]",
  "#",
  "## ",
  "### ",
  ":",
  "---",
  "1. ",
  "🟢",
  "\t",
  "X",
  "**a**: ",
  "%",
];

/**
 * `text` after one to four careless edits: a fragment typed in, characters deleted, a blank
 * line added, a line removed, indented or repeated.
 *
 * @example
 * ```ts
 * import { perturb, Random } from "./_test_support.ts";
 * console.log(typeof perturb("# A - Progress Dashboard\n", new Random(1))); // "string"
 * ```
 */
export function perturb(text: string, r: Random): string {
  const lines = text.split("\n");
  for (let edits = r.int(1, 4); edits > 0; edits--) {
    const i = r.int(0, lines.length - 1);
    const line = lines[i];
    const at = r.int(0, line.length);
    const edit = r.int(0, 5);
    if (edit === 0) lines[i] = line.slice(0, at) + r.pick(EDIT_BITS) + line.slice(at);
    else if (edit === 1) lines[i] = line.slice(0, at) + line.slice(at + r.int(1, 3));
    else if (edit === 2) lines.splice(i, 0, "");
    else if (edit === 3) lines.splice(i, 1);
    else if (edit === 4) lines[i] = "  " + line;
    else lines.splice(i, 0, lines[r.int(0, lines.length - 1)]);
  }
  return lines.join("\n");
}
