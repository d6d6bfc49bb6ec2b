/**
 * Reading each section of a dashboard, in its order. Private to `projects.ts`.
 *
 * @module
 */
import type { Queryable } from "./connection.ts";
import type {
  Accomplishment,
  ActionGroup,
  Blocker,
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

const GROUP_ORDER = "array_position(ARRAY['summary', 'performance', 'quality'], metric_group)";

function text(value: unknown): string {
  return String(value);
}

function maybe(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The phases with their tasks, in order.
 *
 * @example
 * ```ts
 * import { loadPhases } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const phases = await loadPhases(db, "p1");
 * ```
 */
export async function loadPhases(db: Queryable, projectId: string): Promise<PhaseData[]> {
  const [phases, tasks] = await Promise.all([
    db.query<Row>(
      "SELECT id, name, timeframe, position FROM phases WHERE project_id = $1 ORDER BY position",
      [projectId],
    ),
    db.query<Row>(
      `SELECT id, phase_id, title, note, status, assignee, position
       FROM tasks WHERE project_id = $1 ORDER BY position`,
      [projectId],
    ),
  ]);
  const byPhase = new Map<string, Task[]>(phases.map((p) => [text(p.id), []]));
  for (const r of tasks) {
    byPhase.get(text(r.phase_id))?.push({
      id: text(r.id),
      phaseId: text(r.phase_id),
      title: text(r.title),
      note: text(r.note),
      status: r.status as TaskStatus,
      assignee: maybe(r.assignee),
      position: Number(r.position),
    });
  }
  return phases.map((p) => ({
    id: text(p.id),
    name: text(p.name),
    timeframe: text(p.timeframe),
    position: Number(p.position),
    tasks: byPhase.get(text(p.id)) ?? [],
  }));
}

/**
 * The team table, in order.
 *
 * @example
 * ```ts
 * import { loadTeam } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const team = await loadTeam(db, "p1");
 * ```
 */
export async function loadTeam(db: Queryable, projectId: string): Promise<TeamAssignmentData[]> {
  const rows = await db.query<Row>(
    `SELECT id, member, status, status_label, current_task, progress, position
     FROM team_assignments WHERE project_id = $1 ORDER BY position`,
    [projectId],
  );
  return rows.map((r) => ({
    id: text(r.id),
    member: text(r.member),
    status: r.status as Health,
    statusLabel: text(r.status_label),
    currentTask: text(r.current_task),
    progress: Number(r.progress),
    position: Number(r.position),
  }));
}

/**
 * Every metric: summary, performance, quality, each group in order.
 *
 * @example
 * ```ts
 * import { loadMetrics } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const metrics = await loadMetrics(db, "p1");
 * ```
 */
export async function loadMetrics(db: Queryable, projectId: string): Promise<MetricData[]> {
  const rows = await db.query<Row>(
    `SELECT id, metric_group, name, baseline, current, target, direction, unit, health,
       status_label, position FROM metrics WHERE project_id = $1
     ORDER BY ${GROUP_ORDER}, position`,
    [projectId],
  );
  return rows.map((r) => ({
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
  }));
}

/**
 * The risk register, in order.
 *
 * @example
 * ```ts
 * import { loadRisks } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const risks = await loadRisks(db, "p1");
 * ```
 */
export async function loadRisks(db: Queryable, projectId: string): Promise<Risk[]> {
  const rows = await db.query<Row>(
    `SELECT id, title, impact, probability, mitigation, owner, position
     FROM risks WHERE project_id = $1 ORDER BY position`,
    [projectId],
  );
  return rows.map((r) => ({
    id: text(r.id),
    title: text(r.title),
    impact: r.impact as Level,
    probability: r.probability as Level,
    mitigation: text(r.mitigation),
    owner: text(r.owner),
    position: Number(r.position),
  }));
}

/**
 * The weekly milestones with their items, in order.
 *
 * @example
 * ```ts
 * import { loadMilestones } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const weeks = await loadMilestones(db, "p1");
 * ```
 */
export async function loadMilestones(db: Queryable, projectId: string): Promise<Milestone[]> {
  const [milestones, items] = await Promise.all([
    db.query<Row>(
      "SELECT id, title, note, position FROM milestones WHERE project_id = $1 ORDER BY position",
      [projectId],
    ),
    db.query<Row>(
      `SELECT id, milestone_id, text, done FROM milestone_items
       WHERE project_id = $1 ORDER BY position`,
      [projectId],
    ),
  ]);
  return milestones.map((m) => ({
    id: text(m.id),
    title: text(m.title),
    note: maybe(m.note),
    position: Number(m.position),
    items: items.filter((i) => i.milestone_id === m.id).map((i) => ({
      id: text(i.id),
      text: text(i.text),
      done: Boolean(i.done),
    })),
  }));
}

/**
 * The whole communication log, in order.
 *
 * @example
 * ```ts
 * import { loadLog } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const log = await loadLog(db, "p1");
 * ```
 */
export async function loadLog(db: Queryable, projectId: string): Promise<LogEntryData[]> {
  const rows = await db.query<Row>(
    `SELECT id, at, author, text, position, day_label, time_label, items
     FROM log_entries WHERE project_id = $1 ORDER BY position`,
    [projectId],
  );
  return rows.map((r) => ({
    id: text(r.id),
    at: iso(r.at),
    author: text(r.author),
    text: text(r.text),
    position: Number(r.position),
    dayLabel: maybe(r.day_label),
    timeLabel: maybe(r.time_label),
    items: texts(r.items),
  }));
}

/**
 * The key accomplishments, in order.
 *
 * @example
 * ```ts
 * import { loadAccomplishments } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const done = await loadAccomplishments(db, "p1");
 * ```
 */
export async function loadAccomplishments(
  db: Queryable,
  projectId: string,
): Promise<Accomplishment[]> {
  const rows = await db.query<Row>(
    `SELECT id, title, owner, details, position FROM accomplishments
     WHERE project_id = $1 ORDER BY position`,
    [projectId],
  );
  return rows.map((r) => ({
    id: text(r.id),
    title: text(r.title),
    owner: maybe(r.owner),
    details: texts(r.details),
    position: Number(r.position),
  }));
}

/**
 * The next-action groups with their items, in order.
 *
 * @example
 * ```ts
 * import { loadActionGroups } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const groups = await loadActionGroups(db, "p1");
 * ```
 */
export async function loadActionGroups(db: Queryable, projectId: string): Promise<ActionGroup[]> {
  const [groups, items] = await Promise.all([
    db.query<Row>(
      `SELECT id, title, when_label, position FROM action_groups
       WHERE project_id = $1 ORDER BY position`,
      [projectId],
    ),
    db.query<Row>(
      `SELECT id, group_id, text, done, position FROM action_items
       WHERE project_id = $1 ORDER BY position`,
      [projectId],
    ),
  ]);
  return groups.map((g) => ({
    id: text(g.id),
    title: text(g.title),
    when: maybe(g.when_label),
    position: Number(g.position),
    items: items.filter((i) => i.group_id === g.id).map((i) => ({
      id: text(i.id),
      text: text(i.text),
      done: Boolean(i.done),
      position: Number(i.position),
    })),
  }));
}

/**
 * The blockers: open ones first, then resolved ones, each in order.
 *
 * @example
 * ```ts
 * import { loadBlockers } from "./_sections.ts";
 * import type { Queryable } from "./connection.ts";
 * declare const db: Queryable;
 * const open = (await loadBlockers(db, "p1")).filter((b) => b.resolvedAt === null);
 * ```
 */
export async function loadBlockers(db: Queryable, projectId: string): Promise<Blocker[]> {
  const rows = await db.query<Row>(
    `SELECT id, text, resolved_at, position FROM blockers WHERE project_id = $1
     ORDER BY resolved_at IS NOT NULL, position`,
    [projectId],
  );
  return rows.map((r) => ({
    id: text(r.id),
    text: text(r.text),
    resolvedAt: r.resolved_at === null ? null : iso(r.resolved_at),
    position: Number(r.position),
  }));
}
