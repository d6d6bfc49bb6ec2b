/**
 * Creating a project and changing what its header and footer say; archiving and restoring it.
 * An archived project leaves the project list but still loads by id.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import type { Health } from "../model/types.ts";
import {
  inProject,
  LAST_UPDATED_NOW,
  optionalText,
  plainText,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";
import { iso } from "./time.ts";

/**
 * A new project as the form sends it.
 *
 * @example
 * ```ts
 * import type { NewProject } from "./project_settings.ts";
 * const project: NewProject = { name: "Launch", description: "Q3 launch" };
 * ```
 */
export interface NewProject {
  name: string;
  description: string;
}

/**
 * A project's settings: its header (name, description, overall status) and footer.
 *
 * @example
 * ```ts
 * import type { ProjectSettings } from "./project_settings.ts";
 * const settings: ProjectSettings = {
 *   name: "Launch", description: "", status: "Active Development", health: "green",
 *   owner: "Ada Lovelace", updateFrequency: "Daily at 9 AM", reviewCycle: null,
 * };
 * ```
 */
export interface ProjectSettings {
  name: string;
  description: string;
  /** The overall status's label, e.g. "Active Development". */
  status: string;
  /** The overall status's colour. */
  health: Health;
  /** "Dashboard Owner"; may be empty. */
  owner: string;
  /** "Update Frequency"; empty or null for none. */
  updateFrequency: string | null;
  /** "Review Cycle"; empty or null for none. */
  reviewCycle: string | null;
}

/**
 * Creates an empty project: status "Active Development" (green), Last Updated now.
 *
 * @returns The new project's id.
 * @throws {RangeError} When the name is empty.
 * @example
 * ```ts ignore
 * const id = await createProject(db, tenantId, { name: "Launch", description: "Q3 launch" });
 * ```
 */
export async function createProject(db: Db, tenantId: string, input: NewProject): Promise<string> {
  const name = requiredText(input.name, "a project's name");
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO projects (tenant_id, name, description, last_updated)
     VALUES ($1, $2, $3, ${LAST_UPDATED_NOW}) RETURNING id`,
    [tenantId, name, plainText(input.description)],
  );
  return row.id;
}

/**
 * Changes a project's name, description, overall status and footer.
 *
 * @returns The project's id, or null when it is not the tenant's.
 * @example
 * ```ts ignore
 * await updateProjectSettings(db, scope, {
 *   name: "Launch", description: "", status: "At Risk", health: "yellow", owner: "Ada",
 *   updateFrequency: "Daily", reviewCycle: null,
 * });
 * ```
 */
export async function updateProjectSettings(
  db: Db,
  scope: ProjectScope,
  input: ProjectSettings,
): Promise<{ id: string } | null> {
  const name = requiredText(input.name, "a project's name");
  return await inProject(db, scope, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `UPDATE projects SET name = $1, description = $2, status = $3, health = $4, owner = $5,
         update_frequency = $6, review_cycle = $7
       WHERE id = $8 AND tenant_id = $9 RETURNING id`,
      [
        name,
        plainText(input.description),
        plainText(input.status),
        input.health,
        plainText(input.owner),
        optionalText(input.updateFrequency),
        optionalText(input.reviewCycle),
        scope.projectId,
        scope.tenantId,
      ],
    );
    return row ?? null;
  });
}

/**
 * Archives a project: it leaves the tenant's project list and still loads by id. Archiving an
 * archived project keeps its date.
 *
 * @returns The project's id and when it was archived, or null when it is not the tenant's.
 * @example
 * ```ts ignore
 * await archiveProject(db, scope);
 * ```
 */
export async function archiveProject(
  db: Db,
  scope: ProjectScope,
): Promise<{ id: string; archivedAt: string } | null> {
  return await setArchived(db, scope, true) as { id: string; archivedAt: string } | null;
}

/**
 * Restores an archived project to the tenant's project list.
 *
 * @returns The project's id, or null when it is not the tenant's.
 * @example
 * ```ts ignore
 * await restoreProject(db, scope);
 * ```
 */
export async function restoreProject(
  db: Db,
  scope: ProjectScope,
): Promise<{ id: string; archivedAt: null } | null> {
  return await setArchived(db, scope, false) as { id: string; archivedAt: null } | null;
}

async function setArchived(
  db: Db,
  scope: ProjectScope,
  archived: boolean,
): Promise<{ id: string; archivedAt: string | null } | null> {
  return await inProject(db, scope, async (tx) => {
    const [row] = await tx.query<{ id: string; archived_at: unknown }>(
      `UPDATE projects SET archived_at = CASE WHEN $1 THEN coalesce(archived_at, now()) END
       WHERE id = $2 AND tenant_id = $3 RETURNING id, archived_at`,
      [archived, scope.projectId, scope.tenantId],
    );
    if (row === undefined) return null;
    return { id: row.id, archivedAt: row.archived_at === null ? null : iso(row.archived_at) };
  });
}
