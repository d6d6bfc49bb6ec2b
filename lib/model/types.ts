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

/**
 * One row of the tenant's project list (archived projects are not listed).
 *
 * @example
 * ```ts
 * import type { ProjectSummary } from "./types.ts";
 * declare const project: ProjectSummary;
 * console.log(`${project.doneCount} of ${project.taskCount} tasks done (${project.percent}%)`);
 * ```
 */
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

export type {
  DashboardData,
  DashboardPart,
  ExtraSection,
  Progress,
  ProjectDashboard,
  ProjectInfo,
} from "./dashboard.ts";
export type {
  Accomplishment,
  ActionGroup,
  ActionItem,
  Blocker,
  LogEntry,
  LogEntryData,
  Metric,
  MetricData,
  MetricDirection,
  MetricGroup,
  Milestone,
  MilestoneItem,
  Phase,
  PhaseData,
  Risk,
  ShownStatus,
  Task,
  TeamAssignment,
  TeamAssignmentData,
} from "./sections.ts";
