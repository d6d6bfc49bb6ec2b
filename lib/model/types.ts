/** Row and view types shared by repositories, loaders and pages. */

/** A member's role in a tenant, strongest first. */
export type Role = "owner" | "admin" | "member" | "viewer";

/** Traffic-light status shown as green, yellow or red. */
export type Health = "green" | "yellow" | "red";

/** A task's progress state. */
export type TaskStatus = "todo" | "doing" | "done";

/** Impact or probability of a risk. */
export type Level = "low" | "medium" | "high";

/** A tenant (an organisation). */
export interface Tenant {
  id: string;
  name: string;
  slug: string;
}

/** A signed-in user as the pages see it. `email` and `phone` are sensitive. */
export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
}

/** One row of the tenant's project list (archived projects are not listed). */
export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  status: string;
  health: Health;
  updatedAt: string;
  taskCount: number;
  doneCount: number;
  /** Tasks done in percent of all tasks, rounded; 0 for a project without tasks. */
  percent: number;
}

/** Which way a metric improves: `higher` is on target at or above it, `lower` at or below. */
export type MetricDirection = "higher" | "lower";

/**
 * The parts of a dashboard in the order the page and the Markdown export show them; a section
 * the app does not know is kept after one of them.
 */
export type DashboardPart =
  | "header"
  | "summary"
  | "phases"
  | "team"
  | "metrics"
  | "blockers"
  | "milestones"
  | "log"
  | "accomplishments"
  | "nextActions";

/** A section of an imported document the app does not know, kept as written. */
export interface ExtraSection {
  /** The heading without `## `. */
  heading: string;
  /** Its lines, joined with `\n`. */
  body: string;
  /** The part it follows. */
  after: DashboardPart;
}

/** A status as the page shows it: colour, label, and whether the label is written bold. */
export interface ShownStatus {
  health: Health;
  label: string;
  strong: boolean;
}

/** How far a set of tasks is: done of total, and the rounded percent (0 without tasks). */
export interface Progress {
  done: number;
  total: number;
  percent: number;
}

/** The project itself: what the header and footer of its dashboard say. */
export interface ProjectInfo {
  id: string;
  name: string;
  description: string;
  /** The overall status's label, e.g. "Active Development". */
  status: string;
  /** The overall status's colour. */
  health: Health;
  updatedAt: string;
  /** The footer's "Dashboard Owner"; may be empty. */
  owner: string;
  /** The footer's "Update Frequency", or null when not set. */
  updateFrequency: string | null;
  /** The footer's "Review Cycle", or null when not set. */
  reviewCycle: string | null;
  /** "Last Updated" as written, e.g. "2025-07-31 (5:30 PM)"; every write sets it from now. */
  lastUpdated: string | null;
  /** When the project was archived (it then leaves the project list), or null. */
  archivedAt: string | null;
  /** Sections of an imported document the app does not know, kept as written. */
  extraSections: ExtraSection[];
}

/** A task inside a phase. */
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

/** A phase with its tasks in order, as stored. */
export interface PhaseData {
  id: string;
  name: string;
  timeframe: string;
  position: number;
  tasks: Task[];
}

/** A phase as shown: with the status its tasks give it (see `phaseStatusOf`). */
export interface Phase extends PhaseData {
  status: ShownStatus;
}

/** A row of the team assignment table, as stored. */
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

/** A team row as shown: with the tasks assigned to its member (by name) and those done. */
export interface TeamAssignment extends TeamAssignmentData {
  taskCount: number;
  doneCount: number;
}

/** Which table of the dashboard a metric belongs to. */
export type MetricGroup = "summary" | "performance" | "quality";

/** A tracked metric as stored; values are short texts such as "85%", "TBD" or "Week 1-2". */
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
 */
export interface Metric extends MetricData {
  computed: "target" | "blockers" | null;
}

/** A row of the risk register. */
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

/** A weekly milestone with its checklist. */
export interface Milestone {
  id: string;
  /** E.g. "Week 1". */
  title: string;
  /** The heading's parenthetical, e.g. "Starting 2025-07-31", or null. */
  note: string | null;
  position: number;
  items: MilestoneItem[];
}

/** An entry of the communication log, as stored. */
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

/** A log entry as shown: its day (`YYYY-MM-DD`) and time (`h:mm AM`), written or from `at`. */
export interface LogEntry extends LogEntryData {
  day: string;
  time: string;
}

/** A key accomplishment: a title, who delivered it, and detail bullets. */
export interface Accomplishment {
  id: string;
  title: string;
  owner: string | null;
  details: string[];
  position: number;
}

/** A next action: a checklist item of a group. */
export interface ActionItem {
  id: string;
  text: string;
  done: boolean;
  position: number;
}

/** A group of next actions such as "Immediate" (Today), "This Week" or "Next Week". */
export interface ActionGroup {
  id: string;
  title: string;
  /** E.g. "Today", or null. */
  when: string | null;
  position: number;
  items: ActionItem[];
}

/** A blocker: open while `resolvedAt` is null. */
export interface Blocker {
  id: string;
  text: string;
  resolvedAt: string | null;
  position: number;
}

/** Everything a project's dashboard holds, as stored. */
export interface DashboardData {
  project: ProjectInfo;
  phases: PhaseData[];
  team: TeamAssignmentData[];
  /** Ordered by group (summary, performance, quality), then position. */
  metrics: MetricData[];
  risks: Risk[];
  milestones: Milestone[];
  /** In document order (oldest first for entries made in the app). */
  log: LogEntryData[];
  accomplishments: Accomplishment[];
  actionGroups: ActionGroup[];
  /** Open blockers first, then resolved ones, each in order. */
  blockers: Blocker[];
}

/**
 * Everything the project dashboard shows, loaded and cached as one value: the stored data
 * with what follows from it (see `resolveDashboard`), which both the page and the Markdown
 * export read.
 */
export interface ProjectDashboard
  extends Omit<DashboardData, "phases" | "team" | "metrics" | "log"> {
  phases: Phase[];
  team: TeamAssignment[];
  metrics: Metric[];
  log: LogEntry[];
  /** All tasks: done of total. */
  progress: Progress;
}
