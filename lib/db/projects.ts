/**
 * Reading projects: the tenant's list and a project's whole dashboard.
 *
 * @module
 */
import type { Queryable } from "./connection.ts";
import type {
  Health,
  Level,
  LogEntry,
  Metric,
  MetricGroup,
  Milestone,
  Phase,
  ProjectDashboard,
  ProjectSummary,
  Risk,
  Task,
  TaskStatus,
  TeamAssignment,
} from "../model/types.ts";
import { iso } from "./time.ts";

/** The tenant's projects by name, with task counts for their progress bars. */
export async function listProjects(db: Queryable, tenantId: string): Promise<ProjectSummary[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    description: string;
    status: string;
    health: Health;
    updated_at: unknown;
    task_count: number;
    done_count: number;
  }>(
    `SELECT p.id, p.name, p.description, p.status, p.health, p.updated_at,
       count(t.id)::int AS task_count,
       (count(t.id) FILTER (WHERE t.status = 'done'))::int AS done_count
     FROM projects p LEFT JOIN tasks t ON t.project_id = p.id
     WHERE p.tenant_id = $1
     GROUP BY p.id ORDER BY p.name, p.id`,
    [tenantId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    status: r.status,
    health: r.health,
    updatedAt: iso(r.updated_at),
    taskCount: Number(r.task_count),
    doneCount: Number(r.done_count),
  }));
}

/**
 * The ids of every project of a tenant, archived ones included.
 *
 * @example
 * ```ts ignore
 * (await listProjectIds(db, tenantId)).includes(projectId); // whether the tenant has it
 * ```
 */
export async function listProjectIds(db: Queryable, tenantId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM projects WHERE tenant_id = $1 ORDER BY id",
    [tenantId],
  );
  return rows.map((row) => row.id);
}

/** Loads everything a project's dashboard shows; null when the tenant has no such project. */
export async function loadProjectDashboard(
  db: Queryable,
  tenantId: string,
  projectId: string,
): Promise<ProjectDashboard | null> {
  const [project] = await db.query<{
    id: string;
    name: string;
    description: string;
    status: string;
    health: Health;
    owner: string;
    updated_at: unknown;
  }>(
    `SELECT id, name, description, status, health, owner, updated_at
     FROM projects WHERE id = $1 AND tenant_id = $2`,
    [projectId, tenantId],
  );
  if (!project) return null;
  const scope = [projectId];
  const [phases, team, metrics, risks, milestones, log] = await Promise.all([
    loadPhases(db, scope),
    db.query<Record<string, unknown>>(
      `SELECT id, member, status, status_label, current_task, progress
       FROM team_assignments WHERE project_id = $1 ORDER BY position`,
      scope,
    ),
    db.query<Record<string, unknown>>(
      `SELECT id, metric_group, name, baseline, current, target, unit, health, status_label,
         position FROM metrics WHERE project_id = $1 ORDER BY metric_group, position`,
      scope,
    ),
    db.query<Record<string, unknown>>(
      `SELECT id, title, impact, probability, mitigation, owner
       FROM risks WHERE project_id = $1 ORDER BY created_at, id`,
      scope,
    ),
    loadMilestones(db, scope),
    db.query<Record<string, unknown>>(
      `SELECT id, at, author, text FROM log_entries
       WHERE project_id = $1 ORDER BY at DESC, id LIMIT 200`,
      scope,
    ),
  ]);
  return {
    project: {
      id: project.id,
      name: project.name,
      description: project.description,
      status: project.status,
      health: project.health,
      owner: project.owner,
      updatedAt: iso(project.updated_at),
    },
    phases,
    team: team.map((r): TeamAssignment => ({
      id: String(r.id),
      member: String(r.member),
      status: r.status as Health,
      statusLabel: String(r.status_label),
      currentTask: String(r.current_task),
      progress: Number(r.progress),
    })),
    metrics: metrics.map((r): Metric => ({
      id: String(r.id),
      group: r.metric_group as MetricGroup,
      name: String(r.name),
      baseline: String(r.baseline),
      current: String(r.current),
      target: String(r.target),
      unit: String(r.unit),
      health: r.health as Health,
      statusLabel: String(r.status_label),
      position: Number(r.position),
    })),
    risks: risks.map((r): Risk => ({
      id: String(r.id),
      title: String(r.title),
      impact: r.impact as Level,
      probability: r.probability as Level,
      mitigation: String(r.mitigation),
      owner: String(r.owner),
    })),
    milestones,
    log: log.map((r): LogEntry => ({
      id: String(r.id),
      at: iso(r.at),
      author: String(r.author),
      text: String(r.text),
    })),
  };
}

async function loadPhases(db: Queryable, scope: string[]): Promise<Phase[]> {
  const [phases, tasks] = await Promise.all([
    db.query<{ id: string; name: string; timeframe: string; position: number }>(
      "SELECT id, name, timeframe, position FROM phases WHERE project_id = $1 ORDER BY position",
      scope,
    ),
    db.query<Record<string, unknown>>(
      `SELECT id, phase_id, title, note, status, assignee, position
       FROM tasks WHERE project_id = $1 ORDER BY position`,
      scope,
    ),
  ]);
  const byPhase = new Map<string, Task[]>(phases.map((p) => [p.id, []]));
  for (const r of tasks) {
    byPhase.get(String(r.phase_id))?.push({
      id: String(r.id),
      phaseId: String(r.phase_id),
      title: String(r.title),
      note: String(r.note),
      status: r.status as TaskStatus,
      assignee: r.assignee === null ? null : String(r.assignee),
      position: Number(r.position),
    });
  }
  return phases.map((p) => ({
    id: p.id,
    name: p.name,
    timeframe: p.timeframe,
    position: Number(p.position),
    tasks: byPhase.get(p.id) ?? [],
  }));
}

async function loadMilestones(db: Queryable, scope: string[]): Promise<Milestone[]> {
  const [milestones, items] = await Promise.all([
    db.query<{ id: string; title: string; position: number }>(
      "SELECT id, title, position FROM milestones WHERE project_id = $1 ORDER BY position",
      scope,
    ),
    db.query<{ id: string; milestone_id: string; text: string; done: boolean }>(
      `SELECT id, milestone_id, text, done FROM milestone_items
       WHERE project_id = $1 ORDER BY position`,
      scope,
    ),
  ]);
  return milestones.map((m) => ({
    id: m.id,
    title: m.title,
    position: Number(m.position),
    items: items.filter((i) => i.milestone_id === m.id).map((i) => ({
      id: i.id,
      text: i.text,
      done: Boolean(i.done),
    })),
  }));
}
