/**
 * A project's dashboard as a whole: what is stored (`DashboardData`) and what is shown
 * (`ProjectDashboard`, see `resolveDashboard`). `types.ts` re-exports these types.
 *
 * @module
 */
import type { Health } from "./types.ts";
import type {
  Accomplishment,
  ActionGroup,
  Blocker,
  LogEntry,
  LogEntryData,
  Metric,
  MetricData,
  Milestone,
  Phase,
  PhaseData,
  Risk,
  TeamAssignment,
  TeamAssignmentData,
} from "./sections.ts";

/**
 * The parts of a dashboard in the order the page and the Markdown export show them; a section
 * the app does not know is kept after one of them.
 *
 * @example
 * ```ts
 * import type { DashboardPart } from "./types.ts";
 * const after: DashboardPart = "team";
 * ```
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

/**
 * A section of an imported document the app does not know, kept as written.
 *
 * @example
 * ```ts
 * import type { ExtraSection } from "./types.ts";
 * const notes: ExtraSection = { heading: "Notes", body: "- call ops", after: "log" };
 * ```
 */
export interface ExtraSection {
  /** The heading without `## `. */
  heading: string;
  /** Its lines, joined with `\n`. */
  body: string;
  /** The part it follows. */
  after: DashboardPart;
}

/**
 * How far a set of tasks is: done of total, and the rounded percent (0 without tasks).
 *
 * @example
 * ```ts
 * import type { Progress } from "./types.ts";
 * const progress: Progress = { done: 16, total: 26, percent: 62 };
 * ```
 */
export interface Progress {
  done: number;
  total: number;
  percent: number;
}

/**
 * The project itself: what the header and footer of its dashboard say.
 *
 * @example
 * ```ts
 * import type { ProjectInfo } from "./types.ts";
 * declare const project: ProjectInfo;
 * console.log(`${project.name}, last updated ${project.lastUpdated ?? "never"}`);
 * ```
 */
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

/**
 * Everything a project's dashboard holds, as stored.
 *
 * @example
 * ```ts
 * import type { DashboardData } from "./types.ts";
 * import { resolveDashboard } from "./resolve.ts";
 * declare const data: DashboardData;
 * console.log(resolveDashboard(data).progress.percent);
 * ```
 */
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
 *
 * @example
 * ```ts
 * import type { ProjectDashboard } from "./types.ts";
 * declare const dashboard: ProjectDashboard;
 * console.log(`${dashboard.project.name}: ${dashboard.progress.percent}% done`);
 * ```
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
