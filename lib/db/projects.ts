/**
 * Reading projects: the tenant's list and a project's whole dashboard.
 *
 * @module
 */
import type { Queryable } from "./connection.ts";
import type {
  DashboardData,
  DashboardPart,
  ExtraSection,
  Health,
  ProjectDashboard,
  ProjectSummary,
} from "../model/types.ts";
import { percentOf } from "../model/progress.ts";
import { resolveDashboard } from "../model/resolve.ts";
import { iso } from "./time.ts";
import { readSections, SECTION_COLUMNS } from "./_sections.ts";

/**
 * The tenant's projects that are not archived, by name, with their task progress.
 *
 * @example
 * ```ts ignore
 * const projects = await listProjects(db, tenantId);
 * console.log(projects.map((p) => `${p.name}: ${p.percent}%`));
 * ```
 */
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
     WHERE p.tenant_id = $1 AND p.archived_at IS NULL
     GROUP BY p.id ORDER BY p.name, p.id`,
    [tenantId],
  );
  return rows.map((r) => {
    const taskCount = Number(r.task_count);
    const doneCount = Number(r.done_count);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      status: r.status,
      health: r.health,
      updatedAt: iso(r.updated_at),
      taskCount,
      doneCount,
      percent: percentOf(doneCount, taskCount),
    };
  });
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

/**
 * Everything a project's dashboard holds, as stored (archived projects too); null when the
 * tenant has no such project.
 *
 * @example
 * ```ts ignore
 * const data = await loadDashboardData(db, tenantId, projectId);
 * ```
 */
export async function loadDashboardData(
  db: Queryable,
  tenantId: string,
  projectId: string,
): Promise<DashboardData | null> {
  const [project] = await db.query<Record<string, unknown>>(
    `SELECT id, name, description, status, health, owner, updated_at, update_frequency,
       review_cycle, last_updated, archived_at, extra_sections,
       ${SECTION_COLUMNS}
     FROM projects WHERE id = $1 AND tenant_id = $2`,
    [projectId, tenantId],
  );
  if (!project) return null;
  return {
    project: {
      id: String(project.id),
      name: String(project.name),
      description: String(project.description),
      status: String(project.status),
      health: project.health as Health,
      owner: String(project.owner),
      updatedAt: iso(project.updated_at),
      updateFrequency: nullable(project.update_frequency),
      reviewCycle: nullable(project.review_cycle),
      lastUpdated: nullable(project.last_updated),
      archivedAt: project.archived_at === null ? null : iso(project.archived_at),
      extraSections: extraSections(project.extra_sections),
    },
    ...readSections(project),
  };
}

/**
 * Loads everything a project's dashboard shows, with what follows from it applied
 * (`resolveDashboard`: progress, phase statuses, team counts, computed metric statuses, the
 * Blockers row, log days and times); null when the tenant has no such project. Archived
 * projects load too.
 *
 * @example
 * ```ts ignore
 * const dashboard = await loadProjectDashboard(db, tenantId, projectId);
 * if (dashboard === null) throw new HttpError(404, "Project not found");
 * ```
 */
export async function loadProjectDashboard(
  db: Queryable,
  tenantId: string,
  projectId: string,
): Promise<ProjectDashboard | null> {
  const data = await loadDashboardData(db, tenantId, projectId);
  return data === null ? null : resolveDashboard(data);
}

function nullable(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function extraSections(value: unknown): ExtraSection[] {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.map((section: Record<string, unknown>) => ({
    heading: String(section.heading),
    body: String(section.body),
    after: String(section.after) as DashboardPart,
  }));
}
