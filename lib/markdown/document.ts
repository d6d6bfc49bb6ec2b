/**
 * The document model of a progress dashboard: everything the Markdown shape of
 * `reference/progress-dashboard.md` can say, in the order it says it.
 *
 * Texts are single-line and trimmed; a text read from a table cell or a parenthetical is stored
 * unescaped. Inline Markdown (`**bold**`, `` `code` ``) inside free text is kept as literal
 * text. An absent section and an empty one are the same: an empty list.
 *
 * @module
 */

/** A health colour: 🟢 green, 🟡 yellow, 🔴 red. */
export type Health = "green" | "yellow" | "red";

/**
 * A status as written: an optional health emoji and a label, e.g. `🟢 **COMPLETE**` is
 * `{ health: "green", label: "COMPLETE", strong: true }` and a bare `🔴` is
 * `{ health: "red", label: "", strong: false }`.
 *
 * @example
 * ```ts
 * import type { Status } from "./document.ts";
 * const onTrack: Status = { health: "green", label: "On Track", strong: false };
 * console.log(onTrack.label); // "On Track"
 * ```
 */
export interface Status {
  /** The health emoji's colour, or `null` when the text has none. */
  health: Health | null;
  /** The label without its bold markers; may be empty. */
  label: string;
  /** Whether the label is written in bold (`**label**`); only meaningful for a non-empty label. */
  strong: boolean;
}

/** The "Last Updated" line, kept as written: `2025-07-31 (5:30 PM)`. */
export interface LastUpdated {
  /** The date text, e.g. `"2025-07-31"`. */
  date: string;
  /** The time text from the parenthetical, e.g. `"5:30 PM"`, or `null`. */
  time: string | null;
}

/**
 * Which way a metric improves, written as a sign before its target: `≥ 100%` is higher,
 * `≤ 2 s` is lower. A target without a sign has no direction.
 *
 * @example
 * ```ts
 * import type { Direction } from "./document.ts";
 * const coverage: Direction = "higher"; // written "≥ 80%"
 * ```
 */
export type Direction = "higher" | "lower";

/**
 * The progress of a task: `- [ ]` todo, `- [/]` doing (in progress), `- [x]` done.
 *
 * @example
 * ```ts
 * import type { TaskState } from "./document.ts";
 * const started: TaskState = "doing"; // written "- [/] …"
 * ```
 */
export type TaskState = "todo" | "doing" | "done";

/** A row of the Executive Summary table. */
export interface SummaryRow {
  metric: string;
  /** The target without its sign; it cannot start with `≥`, `≤`, `>=` or `<=`. */
  target: string;
  /** Which way the metric improves: the target's sign, or `null` when it has none. */
  direction: Direction | null;
  current: string;
  status: Status;
}

/**
 * A task of a phase: `- [x] Title (note) (assignee)`; see `FORMAT.md` for when a
 * parenthetical is a note and when an assignee. A task in progress is written `- [/]`.
 *
 * @example
 * ```ts
 * import type { Task } from "./document.ts";
 * // - [/] Deploy (awaiting approval) (assignee: grace)
 * const task: Task = {
 *   title: "Deploy",
 *   status: "doing",
 *   note: "awaiting approval",
 *   assignee: "grace",
 * };
 * console.log(task.assignee); // "grace"
 * ```
 */
export interface Task {
  title: string;
  status: TaskState;
  /** Free text from a parenthetical that is not an assignee, or `null`. */
  note: string | null;
  /** The member the task is assigned to (usually a name in the team table), or `null`. */
  assignee: string | null;
}

/**
 * A phase: `### Phase 0: Foundation (Week 1) - Status: 🟢 **COMPLETE**` and its tasks.
 *
 * The status is kept as the document says it, even though the app derives a phase's status
 * from its tasks (see `phaseStatusOf`): reading and writing a dashboard never changes it.
 */
export interface Phase {
  /** The phase number, a non-negative integer. */
  number: number;
  /** The title; it, and the timeframe, cannot contain ` - Status:`. */
  title: string;
  /** The parenthetical after the title, e.g. `"Week 1"`, or `null`. */
  timeframe: string | null;
  /** The status after ` - Status:`, or `null` when the heading has none. */
  status: Status | null;
  tasks: Task[];
}

/** A row of the "Agent Assignment Status" table. */
export interface TeamMember {
  /** The member's name, written in bold in the table. */
  name: string;
  status: Status;
  currentTask: string;
  /** Progress in percent, an integer from 0 to 100. */
  progress: number;
}

/** A row of the "Performance Metrics" table. */
export interface PerformanceMetric {
  metric: string;
  baseline: string;
  current: string;
  /** The target without its sign, as in {@link SummaryRow}. */
  target: string;
  /** Which way the metric improves, or `null`. */
  direction: Direction | null;
  /** The progress column holds a health emoji only; `null` for an empty cell. */
  progress: Health | null;
}

/** A row of the "Quality Metrics" table. */
export interface QualityMetric {
  metric: string;
  current: string;
  /** The target without its sign, as in {@link SummaryRow}. */
  target: string;
  /** Which way the metric improves, or `null`. */
  direction: Direction | null;
  status: Status;
}

/** The impact or probability of a risk. */
export type RiskLevel = "High" | "Medium" | "Low";

/** A row of the "Risk Register" table. */
export interface Risk {
  risk: string;
  impact: RiskLevel;
  probability: RiskLevel;
  mitigation: string;
  owner: string;
}

/** A checklist item of a milestone or an action group: `- [ ] text`. */
export interface ChecklistItem {
  text: string;
  done: boolean;
}

/** A week of "Weekly Milestones": `### Week 1 (Starting 2025-07-31)` and its items. */
export interface Milestone {
  /** The heading without its parenthetical, e.g. `"Week 1"`. */
  title: string;
  /** The parenthetical, e.g. `"Starting 2025-07-31"`, or `null`. */
  note: string | null;
  items: ChecklistItem[];
}

/**
 * A communication-log entry: `- **9:00 AM**: text` and its sub-bullets, or with its author
 * `- **9:00 AM** (Ada Lovelace): text`.
 */
export interface LogEntry {
  /** The time as written; it cannot contain `**:` or `** (`. */
  time: string;
  /** Who wrote it, or `null` when the line names nobody. */
  author: string | null;
  /** The text after the colon; may be empty. */
  text: string;
  /** The nested `  - item` bullets. */
  items: string[];
}

/** A day of the communication log: `### 2025-07-31` and its entries. */
export interface LogDay {
  /** The heading text as written. */
  date: string;
  entries: LogEntry[];
}

/** A completed deliverable: `1. **Title** (owner)` with `   - detail` bullets. */
export interface Deliverable {
  title: string;
  owner: string | null;
  details: string[];
}

/** A group of next actions: `1. **Immediate** (Today):` with checklist items. */
export interface ActionGroup {
  title: string;
  /** The parenthetical, e.g. `"Today"`, or `null`. */
  when: string | null;
  items: ChecklistItem[];
}

/**
 * A blocker that no longer blocks: `- text (resolved 2025-08-01)` under
 * `### Resolved Blockers`.
 *
 * @example
 * ```ts
 * import type { ResolvedBlocker } from "./document.ts";
 * const fixed: ResolvedBlocker = { text: "Waiting on ops", resolved: "2025-08-01" };
 * console.log(fixed.resolved); // "2025-08-01"
 * ```
 */
export interface ResolvedBlocker {
  text: string;
  /** When it was resolved, as written (export writes `YYYY-MM-DD`), or `null`. */
  resolved: string | null;
}

/** The footer after `---`; a `null` field is not written. */
export interface Footer {
  owner: string | null;
  updateFrequency: string | null;
  reviewCycle: string | null;
}

/**
 * The known parts of a dashboard, in the order they are written.
 *
 * @example
 * ```ts
 * import { SECTION_KEYS } from "./document.ts";
 * console.log(SECTION_KEYS.indexOf("phases") < SECTION_KEYS.indexOf("team")); // true
 * ```
 */
export const SECTION_KEYS = [
  "header",
  "summary",
  "phases",
  "team",
  "metrics",
  "blockers",
  "milestones",
  "log",
  "accomplishments",
  "nextActions",
] as const;

/** One of {@link SECTION_KEYS}. */
export type SectionKey = typeof SECTION_KEYS[number];

/**
 * A `## ` section the model does not know, kept verbatim so that it is written back.
 * Its heading must not be one of the known section headings. Its line number is reported in
 * the parse warnings rather than stored here, so that a document equals its own round trip.
 *
 * @example
 * ```ts
 * import type { ExtraSection } from "./document.ts";
 * const notes: ExtraSection = { heading: "Notes", body: "- call ops", after: "log" };
 * console.log(notes.after); // "log"
 * ```
 */
export interface ExtraSection {
  /** The heading text without `## `. */
  heading: string;
  /** The lines under the heading joined with `\n`, without leading or trailing blank lines. */
  body: string;
  /** The known part it follows; extras are listed in document order. */
  after: SectionKey;
}

/**
 * A whole progress dashboard.
 *
 * @example
 * ```ts
 * import { type DashboardDocument, emptyDashboard } from "./document.ts";
 * const doc: DashboardDocument = { ...emptyDashboard("Launch"), blockers: ["Waiting on ops"] };
 * console.log(doc.name, doc.blockers.length); // "Launch" 1
 * ```
 */
export interface DashboardDocument {
  /** The project name from `# <name> - Progress Dashboard`. */
  name: string;
  /** The `**Description**:` line of the header, or `null` when there is none. */
  description: string | null;
  lastUpdated: LastUpdated | null;
  overallStatus: Status | null;
  summary: SummaryRow[];
  phases: Phase[];
  team: TeamMember[];
  performanceMetrics: PerformanceMetric[];
  qualityMetrics: QualityMetric[];
  /** Active blockers; empty is written as "None currently identified." */
  blockers: string[];
  /** Blockers resolved, under "### Resolved Blockers" (written only when there are some). */
  resolvedBlockers: ResolvedBlocker[];
  risks: Risk[];
  milestones: Milestone[];
  log: LogDay[];
  deliverables: Deliverable[];
  nextActions: ActionGroup[];
  footer: Footer;
  extraSections: ExtraSection[];
}

/**
 * A dashboard with a name and nothing else, the shape of a new project.
 *
 * @param name The project name.
 * @returns A document whose sections are all empty.
 * @example
 * ```ts
 * import { emptyDashboard } from "./document.ts";
 * const doc = emptyDashboard("Launch");
 * console.log(doc.phases.length); // 0
 * ```
 */
export function emptyDashboard(name: string): DashboardDocument {
  return {
    name,
    description: null,
    lastUpdated: null,
    overallStatus: null,
    summary: [],
    phases: [],
    team: [],
    performanceMetrics: [],
    qualityMetrics: [],
    blockers: [],
    resolvedBlockers: [],
    risks: [],
    milestones: [],
    log: [],
    deliverables: [],
    nextActions: [],
    footer: { owner: null, updateFrequency: null, reviewCycle: null },
    extraSections: [],
  };
}
