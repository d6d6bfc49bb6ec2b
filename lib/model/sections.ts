/**
 * The sections of a project's dashboard, as stored and as shown: phases and tasks, team rows,
 * metrics, risks, milestones, the log, accomplishments, next actions and blockers. `types.ts`
 * re-exports them.
 *
 * @module
 */
import type { Health, Level, TaskStatus } from "./types.ts";

/**
 * A status as the page shows it: colour, label, and whether the label is written bold.
 *
 * @example
 * ```ts
 * import type { ShownStatus } from "./types.ts";
 * const complete: ShownStatus = { health: "green", label: "COMPLETE", strong: true };
 * ```
 */
export interface ShownStatus {
  health: Health;
  label: string;
  strong: boolean;
}

/**
 * A task inside a phase.
 *
 * @example
 * ```ts
 * import type { Task } from "./types.ts";
 * const task: Task = {
 *   id: "t1", phaseId: "p1", title: "Cache schema design", note: "", status: "done",
 *   assignee: "pgvector-data-architect", position: 2,
 * };
 * ```
 */
export interface Task {
  id: string;
  phaseId: string;
  title: string;
  /** Free text shown after the title; empty when there is none. */
  note: string;
  status: TaskStatus;
  /** The name of the member it is assigned to (usually a team row's member), or null. */
  assignee: string | null;
  position: number;
}

/**
 * A phase with its tasks in order, as stored.
 *
 * @example
 * ```ts
 * import type { PhaseData } from "./types.ts";
 * const phase: PhaseData = { id: "p1", name: "Foundation", timeframe: "Week 1", position: 0, tasks: [] };
 * ```
 */
export interface PhaseData {
  id: string;
  name: string;
  timeframe: string;
  position: number;
  tasks: Task[];
}

/**
 * A phase as shown: with the status its tasks give it (see `phaseStatusOf`).
 *
 * @example
 * ```ts
 * import type { Phase } from "./types.ts";
 * declare const phase: Phase;
 * console.log(phase.status.label); // "COMPLETE", "In Progress" or "Not Started"
 * ```
 */
export interface Phase extends PhaseData {
  status: ShownStatus;
}

/**
 * A row of the team assignment table, as stored.
 *
 * @example
 * ```ts
 * import type { TeamAssignmentData } from "./types.ts";
 * const row: TeamAssignmentData = {
 *   id: "r1", member: "qa-playwright-tester", status: "green", statusLabel: "Complete",
 *   currentTask: "Test suite creation", progress: 100, position: 3,
 * };
 * ```
 */
export interface TeamAssignmentData {
  id: string;
  member: string;
  status: Health;
  statusLabel: string;
  currentTask: string;
  /** 0 to 100. */
  progress: number;
  position: number;
}

/**
 * A team row as shown: with the tasks assigned to its member (by name) and those done.
 *
 * @example
 * ```ts
 * import type { TeamAssignment } from "./types.ts";
 * declare const row: TeamAssignment;
 * console.log(`${row.member}: ${row.doneCount} of ${row.taskCount} tasks done`);
 * ```
 */
export interface TeamAssignment extends TeamAssignmentData {
  taskCount: number;
  doneCount: number;
}

/** Which table of the dashboard a metric belongs to. */
export type MetricGroup = "summary" | "performance" | "quality";

/**
 * Which way a metric improves: `higher` is on target at or above it, `lower` at or below.
 *
 * @example
 * ```ts
 * import type { MetricDirection } from "./types.ts";
 * const coverage: MetricDirection = "higher"; // on target at or above 80%
 * ```
 */
export type MetricDirection = "higher" | "lower";

/**
 * A tracked metric as stored; values are short texts such as "85%", "TBD" or "Week 1-2".
 *
 * @example
 * ```ts
 * import type { MetricData } from "./types.ts";
 * const coverage: MetricData = {
 *   id: "m1", group: "quality", name: "Test Coverage", baseline: "", current: "40%",
 *   target: "80%", direction: "higher", unit: "", health: "red", statusLabel: "", position: 0,
 * };
 * ```
 */
export interface MetricData {
  id: string;
  group: MetricGroup;
  name: string;
  /** Only performance metrics have a baseline; empty for the others. */
  baseline: string;
  current: string;
  /** The target without a sign; `direction` says which way it is met. */
  target: string;
  direction: MetricDirection | null;
  unit: string;
  /** The chosen colour; shown unless the status is computed. */
  health: Health;
  /** The chosen label; shown unless the status is computed. Empty for performance metrics. */
  statusLabel: string;
  position: number;
}

/**
 * A metric as shown. When `computed` is `target`, `health` and `statusLabel` follow from the
 * current value, the target and the direction; when `blockers` (the summary row "Blockers"),
 * `current`, `health` and `statusLabel` follow from the open blockers.
 *
 * @example
 * ```ts
 * import type { Metric } from "./types.ts";
 * declare const metric: Metric;
 * if (metric.computed === "target") console.log(metric.statusLabel); // e.g. "In Progress"
 * ```
 */
export interface Metric extends MetricData {
  computed: "target" | "blockers" | null;
}

/**
 * A row of the risk register.
 *
 * @example
 * ```ts
 * import type { Risk } from "./types.ts";
 * const risk: Risk = {
 *   id: "r1", title: "Vendor delay", impact: "high", probability: "low", mitigation: "",
 *   owner: "Ops", position: 0,
 * };
 * ```
 */
export interface Risk {
  id: string;
  title: string;
  impact: Level;
  probability: Level;
  mitigation: string;
  owner: string;
  position: number;
}

/** A checklist item of a milestone. */
export interface MilestoneItem {
  id: string;
  text: string;
  done: boolean;
}

/**
 * A weekly milestone with its checklist.
 *
 * @example
 * ```ts
 * import type { Milestone } from "./types.ts";
 * const week: Milestone = { id: "w1", title: "Week 1", note: "Starting 2025-07-31", position: 0, items: [] };
 * ```
 */
export interface Milestone {
  id: string;
  /** E.g. "Week 1". */
  title: string;
  /** The heading's parenthetical, e.g. "Starting 2025-07-31", or null. */
  note: string | null;
  position: number;
  items: MilestoneItem[];
}

/**
 * An entry of the communication log, as stored.
 *
 * @example
 * ```ts
 * import type { LogEntryData } from "./types.ts";
 * const entry: LogEntryData = {
 *   id: "l1", at: "2025-07-31T09:00:00Z", author: "", text: "Dashboard created", position: 0,
 *   dayLabel: "2025-07-31", timeLabel: "9:00 AM", items: [],
 * };
 * ```
 */
export interface LogEntryData {
  id: string;
  /** When it was written (for an imported entry: its day and time read as UTC, if they are). */
  at: string;
  /** Who wrote it; empty for an imported entry that names nobody. */
  author: string;
  /** One line; its bullets are in `items`. May be empty when there are items. */
  text: string;
  position: number;
  /** The day as an imported document wrote it, or null for an entry made in the app. */
  dayLabel: string | null;
  /** The time as an imported document wrote it, or null for an entry made in the app. */
  timeLabel: string | null;
  /** Nested bullets. */
  items: string[];
}

/**
 * A log entry as shown: its day (`YYYY-MM-DD`) and time (`h:mm AM`), written or from `at`.
 *
 * @example
 * ```ts
 * import type { LogEntry } from "./types.ts";
 * declare const entry: LogEntry;
 * console.log(`${entry.day} ${entry.time}: ${entry.text}`);
 * ```
 */
export interface LogEntry extends LogEntryData {
  day: string;
  time: string;
}

/**
 * A key accomplishment: a title, who delivered it, and detail bullets.
 *
 * @example
 * ```ts
 * import type { Accomplishment } from "./types.ts";
 * const done: Accomplishment = {
 *   id: "a1", title: "Cache Infrastructure", owner: "pgvector-data-architect",
 *   details: ["Key strategy"], position: 0,
 * };
 * ```
 */
export interface Accomplishment {
  id: string;
  title: string;
  owner: string | null;
  details: string[];
  position: number;
}

/**
 * A next action: a checklist item of a group.
 *
 * @example
 * ```ts
 * import type { ActionItem } from "./types.ts";
 * const item: ActionItem = { id: "i1", text: "Launch agents", done: false, position: 0 };
 * ```
 */
export interface ActionItem {
  id: string;
  text: string;
  done: boolean;
  position: number;
}

/**
 * A group of next actions such as "Immediate" (Today), "This Week" or "Next Week".
 *
 * @example
 * ```ts
 * import type { ActionGroup } from "./types.ts";
 * const today: ActionGroup = { id: "g1", title: "Immediate", when: "Today", position: 0, items: [] };
 * ```
 */
export interface ActionGroup {
  id: string;
  title: string;
  /** E.g. "Today", or null. */
  when: string | null;
  position: number;
  items: ActionItem[];
}

/**
 * A blocker: open while `resolvedAt` is null.
 *
 * @example
 * ```ts
 * import type { Blocker } from "./types.ts";
 * const open: Blocker = { id: "b1", text: "Waiting on VPN", resolvedAt: null, position: 0 };
 * ```
 */
export interface Blocker {
  id: string;
  text: string;
  resolvedAt: string | null;
  position: number;
}
