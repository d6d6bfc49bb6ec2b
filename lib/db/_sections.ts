/**
 * Reading every section of a dashboard in one statement: PostgreSQL builds each list as a JSON
 * array in the list's order (`json_agg`), so a load is one round trip however many sections a
 * dashboard has. Private to `projects.ts`.
 *
 * @module
 */
import type {
  Accomplishment,
  ActionGroup,
  Blocker,
  DashboardData,
  Health,
  Level,
  LogEntryData,
  MetricData,
  MetricDirection,
  MetricGroup,
  Milestone,
  PhaseData,
  Risk,
  Task,
  TaskStatus,
  TeamAssignmentData,
} from "../model/types.ts";
import { iso } from "./time.ts";

type Row = Record<string, unknown>;

/**
 * Each list a dashboard reads: the rows of the project `$1` and their order (over `x`, the row).
 * Children (tasks, milestone and action items) are read for the whole project and grouped here.
 */
const LISTS = {
  phases: ["SELECT id, name, timeframe, position FROM phases WHERE project_id = $1", "x.position"],
  tasks: [
    "SELECT id, phase_id, title, note, status, assignee, position FROM tasks WHERE project_id = $1",
    "x.position",
  ],
  team: [
    `SELECT id, member, status, status_label, current_task, progress, position
     FROM team_assignments WHERE project_id = $1`,
    "x.position",
  ],
  metrics: [
    `SELECT id, metric_group, name, baseline, current, target, direction, unit, health,
       status_label, position FROM metrics WHERE project_id = $1`,
    "array_position(ARRAY['summary', 'performance', 'quality'], x.metric_group), x.position",
  ],
  risks: [
    `SELECT id, title, impact, probability, mitigation, owner, position
     FROM risks WHERE project_id = $1`,
    "x.position",
  ],
  milestones: [
    "SELECT id, title, note, position FROM milestones WHERE project_id = $1",
    "x.position",
  ],
  milestone_items: [
    "SELECT id, milestone_id, text, done, position FROM milestone_items WHERE project_id = $1",
    "x.position",
  ],
  log: [
    `SELECT id, at, author, text, position, day_label, time_label, items
     FROM log_entries WHERE project_id = $1`,
    "x.position",
  ],
  accomplishments: [
    "SELECT id, title, owner, details, position FROM accomplishments WHERE project_id = $1",
    "x.position",
  ],
  action_groups: [
    "SELECT id, title, when_label, position FROM action_groups WHERE project_id = $1",
    "x.position",
  ],
  action_items: [
    "SELECT id, group_id, text, done, position FROM action_items WHERE project_id = $1",
    "x.position",
  ],
  blockers: [
    "SELECT id, text, resolved_at, position FROM blockers WHERE project_id = $1",
    "x.resolved_at IS NOT NULL, x.position",
  ],
} as const;

/**
 * The select-list columns that read every list of the project `$1`, one JSON array each, named
 * as in {@linkcode LISTS}; {@linkcode readSections} turns a row of them into the sections.
 */
export const SECTION_COLUMNS: string = Object.entries(LISTS).map(([name, [select, order]]) =>
  `(SELECT coalesce(json_agg(x ORDER BY ${order}), '[]') FROM (${select}) x) AS ${name}`
).join(",\n");

/** A dashboard's sections, each in its order: all it holds but the project's own fields. */
export type Sections = Omit<DashboardData, "project">;

/**
 * The sections of a row read with {@linkcode SECTION_COLUMNS}.
 *
 * @example
 * ```ts
 * import { readSections } from "./_sections.ts";
 * const empty = Object.fromEntries(
 *   ["phases", "tasks", "team", "metrics", "risks", "milestones", "milestone_items", "log",
 *     "accomplishments", "action_groups", "action_items", "blockers"].map((name) => [name, []]),
 * );
 * readSections(empty).phases; // []
 * ```
 */
export function readSections(row: Row): Sections {
  return {
    phases: phases(rows(row.phases), rows(row.tasks)),
    team: rows(row.team).map(teamRow),
    metrics: rows(row.metrics).map(metric),
    risks: rows(row.risks).map(risk),
    milestones: milestones(rows(row.milestones), rows(row.milestone_items)),
    log: rows(row.log).map(logEntry),
    accomplishments: rows(row.accomplishments).map(accomplishment),
    actionGroups: actionGroups(rows(row.action_groups), rows(row.action_items)),
    blockers: rows(row.blockers).map(blocker),
  };
}

/** A JSON array from either driver (parsed, or text). */
function rows(value: unknown): Row[] {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed : [];
}

function text(value: unknown): string {
  return String(value);
}

function maybe(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Groups `children` by their `key` column, in order. */
function byParent(children: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const child of children) {
    const parent = text(child[key]);
    const group = groups.get(parent);
    if (group) group.push(child);
    else groups.set(parent, [child]);
  }
  return groups;
}

function phases(phaseRows: Row[], taskRows: Row[]): PhaseData[] {
  const tasks = byParent(taskRows, "phase_id");
  return phaseRows.map((p) => ({
    id: text(p.id),
    name: text(p.name),
    timeframe: text(p.timeframe),
    position: Number(p.position),
    tasks: (tasks.get(text(p.id)) ?? []).map((r): Task => ({
      id: text(r.id),
      phaseId: text(r.phase_id),
      title: text(r.title),
      note: text(r.note),
      status: r.status as TaskStatus,
      assignee: maybe(r.assignee),
      position: Number(r.position),
    })),
  }));
}

function teamRow(r: Row): TeamAssignmentData {
  return {
    id: text(r.id),
    member: text(r.member),
    status: r.status as Health,
    statusLabel: text(r.status_label),
    currentTask: text(r.current_task),
    progress: Number(r.progress),
    position: Number(r.position),
  };
}

function metric(r: Row): MetricData {
  return {
    id: text(r.id),
    group: r.metric_group as MetricGroup,
    name: text(r.name),
    baseline: text(r.baseline),
    current: text(r.current),
    target: text(r.target),
    direction: r.direction as MetricDirection | null,
    unit: text(r.unit),
    health: r.health as Health,
    statusLabel: text(r.status_label),
    position: Number(r.position),
  };
}

function risk(r: Row): Risk {
  return {
    id: text(r.id),
    title: text(r.title),
    impact: r.impact as Level,
    probability: r.probability as Level,
    mitigation: text(r.mitigation),
    owner: text(r.owner),
    position: Number(r.position),
  };
}

function milestones(milestoneRows: Row[], itemRows: Row[]): Milestone[] {
  const items = byParent(itemRows, "milestone_id");
  return milestoneRows.map((m) => ({
    id: text(m.id),
    title: text(m.title),
    note: maybe(m.note),
    position: Number(m.position),
    items: (items.get(text(m.id)) ?? []).map((i) => ({
      id: text(i.id),
      text: text(i.text),
      done: Boolean(i.done),
    })),
  }));
}

function logEntry(r: Row): LogEntryData {
  return {
    id: text(r.id),
    at: iso(r.at),
    author: text(r.author),
    text: text(r.text),
    position: Number(r.position),
    dayLabel: maybe(r.day_label),
    timeLabel: maybe(r.time_label),
    items: texts(r.items),
  };
}

function accomplishment(r: Row): Accomplishment {
  return {
    id: text(r.id),
    title: text(r.title),
    owner: maybe(r.owner),
    details: texts(r.details),
    position: Number(r.position),
  };
}

function actionGroups(groupRows: Row[], itemRows: Row[]): ActionGroup[] {
  const items = byParent(itemRows, "group_id");
  return groupRows.map((g) => ({
    id: text(g.id),
    title: text(g.title),
    when: maybe(g.when_label),
    position: Number(g.position),
    items: (items.get(text(g.id)) ?? []).map((i) => ({
      id: text(i.id),
      text: text(i.text),
      done: Boolean(i.done),
      position: Number(i.position),
    })),
  }));
}

function blocker(r: Row): Blocker {
  return {
    id: text(r.id),
    text: text(r.text),
    resolvedAt: r.resolved_at === null ? null : iso(r.resolved_at),
    position: Number(r.position),
  };
}
