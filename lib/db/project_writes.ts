/**
 * Writing to a project. Each write is one transaction that also touches the project's
 * `updated_at`; every statement is scoped by tenant and project, so an id of another tenant
 * changes nothing and the caller answers 404.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import type { Level, LogEntry, TaskStatus } from "../model/types.ts";
import { iso } from "./time.ts";

/** Where a write lands: the session's tenant and the project in the URL. */
export interface ProjectScope {
  tenantId: string;
  projectId: string;
}

/** A risk as the forms send it. */
export interface RiskInput {
  title: string;
  impact: Level;
  probability: Level;
  mitigation: string;
  owner: string;
}

async function touchProject(tx: Queryable, scope: ProjectScope): Promise<boolean> {
  const rows = await tx.query(
    "UPDATE projects SET updated_at = now() WHERE id = $1 AND tenant_id = $2 RETURNING id",
    [scope.projectId, scope.tenantId],
  );
  return rows.length > 0;
}

/** Runs `write` with the project touched first; null (and nothing written) when not found. */
async function inProject<T>(
  db: Db,
  scope: ProjectScope,
  write: (tx: Queryable) => Promise<T | null>,
): Promise<T | null> {
  return await db.transaction(async (tx) => {
    if (!await touchProject(tx, scope)) return null;
    const result = await write(tx);
    // Nothing matched: undo the touch so a bad id leaves no trace.
    if (result === null) throw new NotFound();
    return result;
  }).catch((error) => {
    if (error instanceof NotFound) return null;
    throw error;
  });
}

class NotFound extends Error {}

/** Sets a task's status; null when the task is not in this tenant's project. */
export async function setTaskStatus(
  db: Db,
  scope: ProjectScope,
  taskId: string,
  status: TaskStatus,
): Promise<{ id: string; status: TaskStatus } | null> {
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string; status: TaskStatus }>(
      `UPDATE tasks SET status = $1, updated_at = now()
       WHERE id = $2 AND project_id = $3 AND tenant_id = $4 RETURNING id, status`,
      [status, taskId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/** Adds an entry to the communication log. */
export async function addLogEntry(
  db: Db,
  scope: ProjectScope,
  entry: { author: string; authorId: string; text: string },
): Promise<LogEntry | null> {
  return await inProject(db, scope, async (tx) => {
    const [row] = await tx.query<{ id: string; at: unknown }>(
      `INSERT INTO log_entries (tenant_id, project_id, author, author_id, text)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, at`,
      [scope.tenantId, scope.projectId, entry.author, entry.authorId, entry.text],
    );
    return { id: row.id, at: iso(row.at), author: entry.author, text: entry.text };
  });
}

/** Updates a metric's current value. */
export async function updateMetricCurrent(
  db: Db,
  scope: ProjectScope,
  metricId: string,
  current: string,
): Promise<{ id: string; current: string } | null> {
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string; current: string }>(
      `UPDATE metrics SET current = $1, updated_at = now()
       WHERE id = $2 AND project_id = $3 AND tenant_id = $4 RETURNING id, current`,
      [current, metricId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/** Adds a risk to the register. */
export async function createRisk(
  db: Db,
  scope: ProjectScope,
  risk: RiskInput,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO risks (tenant_id, project_id, title, impact, probability, mitigation, owner)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        scope.tenantId,
        scope.projectId,
        risk.title,
        risk.impact,
        risk.probability,
        risk.mitigation,
        risk.owner,
      ],
    );
    return row;
  });
}

/** Edits a risk of the register. */
export async function updateRisk(
  db: Db,
  scope: ProjectScope,
  riskId: string,
  risk: RiskInput,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE risks SET title = $1, impact = $2, probability = $3, mitigation = $4, owner = $5,
         updated_at = now()
       WHERE id = $6 AND project_id = $7 AND tenant_id = $8 RETURNING id`,
      [
        risk.title,
        risk.impact,
        risk.probability,
        risk.mitigation,
        risk.owner,
        riskId,
        scope.projectId,
        scope.tenantId,
      ],
    );
    return rows[0] ?? null;
  });
}
