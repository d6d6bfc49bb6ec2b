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

/** One row of the tenant's project list. */
export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  status: string;
  health: Health;
  updatedAt: string;
  taskCount: number;
  doneCount: number;
}

/** A task inside a phase. */
export interface Task {
  id: string;
  phaseId: string;
  title: string;
  note: string;
  status: TaskStatus;
  assignee: string | null;
  position: number;
}

/** A phase with its tasks in order. */
export interface Phase {
  id: string;
  name: string;
  timeframe: string;
  position: number;
  tasks: Task[];
}

/** A row of the team assignment table. */
export interface TeamAssignment {
  id: string;
  member: string;
  status: Health;
  statusLabel: string;
  currentTask: string;
  progress: number;
}

/** Which table of the dashboard a metric belongs to. */
export type MetricGroup = "summary" | "performance" | "quality";

/** A tracked metric; values are short texts such as "85%", "TBD" or "Week 1-2". */
export interface Metric {
  id: string;
  group: MetricGroup;
  name: string;
  baseline: string;
  current: string;
  target: string;
  unit: string;
  health: Health;
  statusLabel: string;
  position: number;
}

/** A row of the risk register. */
export interface Risk {
  id: string;
  title: string;
  impact: Level;
  probability: Level;
  mitigation: string;
  owner: string;
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
  title: string;
  position: number;
  items: MilestoneItem[];
}

/** An entry of the communication log. */
export interface LogEntry {
  id: string;
  at: string;
  author: string;
  text: string;
}

/** Everything the project dashboard shows, loaded and cached as one value. */
export interface ProjectDashboard {
  project: {
    id: string;
    name: string;
    description: string;
    status: string;
    health: Health;
    updatedAt: string;
    owner: string;
  };
  phases: Phase[];
  team: TeamAssignment[];
  metrics: Metric[];
  risks: Risk[];
  milestones: Milestone[];
  log: LogEntry[];
}
