/**
 * Writing blockers: add an open blocker at the end, resolve or reopen it, delete it. The
 * executive summary's "Blockers" row counts the open ones (see `metricStatus`). Every function
 * runs one transaction through `inProject` and answers null when the blocker is not in the
 * tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import { iso } from "./time.ts";
import {
  deleteFromList,
  inProject,
  nextPosition,
  type OrderedList,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";

function blockers(scope: ProjectScope): OrderedList {
  return { table: "blockers", by: { project_id: scope.projectId, tenant_id: scope.tenantId } };
}

/**
 * Adds an open blocker at the end of the list.
 *
 * @returns The new blocker's id, or null when the project is not the tenant's.
 * @example
 * ```ts ignore
 * await addBlocker(db, scope, "Waiting on VPN access");
 * ```
 */
export async function addBlocker(
  db: Db,
  scope: ProjectScope,
  text: string,
): Promise<{ id: string } | null> {
  const clean = requiredText(text, "a blocker");
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, blockers(scope));
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO blockers (tenant_id, project_id, text, position)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [scope.tenantId, scope.projectId, clean, position],
    );
    return row;
  });
}

/**
 * Resolves a blocker (now) or reopens it. Resolving one that is already resolved keeps its
 * date.
 *
 * @returns The blocker's id and when it was resolved (null when open), or null when it is not
 * in the tenant's project.
 * @example
 * ```ts ignore
 * await setBlockerResolved(db, scope, blockerId, true);
 * ```
 */
export async function setBlockerResolved(
  db: Db,
  scope: ProjectScope,
  blockerId: string,
  resolved: boolean,
): Promise<{ id: string; resolvedAt: string | null } | null> {
  return await inProject(db, scope, async (tx) => {
    const [row] = await tx.query<{ id: string; resolved_at: unknown }>(
      `UPDATE blockers SET resolved_at = CASE WHEN $1 THEN coalesce(resolved_at, now()) END
       WHERE id = $2 AND project_id = $3 AND tenant_id = $4 RETURNING id, resolved_at`,
      [resolved, blockerId, scope.projectId, scope.tenantId],
    );
    if (row === undefined) return null;
    return { id: row.id, resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at) };
  });
}

/**
 * Deletes a blocker; the blockers after it move up.
 *
 * @returns The deleted blocker's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteBlocker(db, scope, blockerId);
 * ```
 */
export async function deleteBlocker(
  db: Db,
  scope: ProjectScope,
  blockerId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, (tx) => deleteFromList(tx, blockers(scope), blockerId));
}
