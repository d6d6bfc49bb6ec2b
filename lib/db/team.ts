/**
 * Writing the team table: add a row at the end, edit it, move it, delete it. Every function
 * runs one transaction through `inProject` and answers null when the row is not in the
 * tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import type { Health } from "../model/types.ts";
import {
  deleteFromList,
  inProject,
  type Moved,
  type MoveDirection,
  moveInList,
  nextPosition,
  type OrderedList,
  plainText,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";

/**
 * A team row as a form sends it.
 *
 * @example
 * ```ts
 * import type { TeamRowInput } from "./team.ts";
 * const row: TeamRowInput = {
 *   member: "Grace Hopper", health: "yellow", statusLabel: "In Progress", currentTask: "QA",
 *   progress: 40,
 * };
 * ```
 */
export interface TeamRowInput {
  /** The member's name; tasks are assigned to it by name. */
  member: string;
  health: Health;
  /** E.g. "Complete"; may be empty. */
  statusLabel: string;
  currentTask: string;
  /** An integer from 0 to 100. */
  progress: number;
}

function team(scope: ProjectScope): OrderedList {
  return {
    table: "team_assignments",
    by: { project_id: scope.projectId, tenant_id: scope.tenantId },
  };
}

function values(input: TeamRowInput): unknown[] {
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100) {
    throw new RangeError(`Cannot save a team row: progress ${input.progress} is not 0 to 100`);
  }
  return [
    requiredText(input.member, "a team member's name"),
    input.health,
    plainText(input.statusLabel),
    plainText(input.currentTask),
    input.progress,
  ];
}

/**
 * Adds a row at the end of the team table.
 *
 * @returns The new row's id and position, or null when the project is not the tenant's.
 * @throws {RangeError} When progress is not an integer from 0 to 100 or the name is empty.
 * @example
 * ```ts ignore
 * await addTeamRow(db, scope, {
 *   member: "Grace", health: "yellow", statusLabel: "In Progress", currentTask: "QA", progress: 40,
 * });
 * ```
 */
export async function addTeamRow(
  db: Db,
  scope: ProjectScope,
  input: TeamRowInput,
): Promise<{ id: string; position: number } | null> {
  const row = values(input);
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, team(scope));
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO team_assignments (tenant_id, project_id, member, status, status_label,
         current_task, progress, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [scope.tenantId, scope.projectId, ...row, position],
    );
    return { id: inserted.id, position };
  });
}

/**
 * Edits every field of a team row.
 *
 * @returns The row's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updateTeamRow(db, scope, rowId, { ...input, progress: 100, statusLabel: "Complete" });
 * ```
 */
export async function updateTeamRow(
  db: Db,
  scope: ProjectScope,
  rowId: string,
  input: TeamRowInput,
): Promise<{ id: string } | null> {
  const row = values(input);
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE team_assignments SET member = $1, status = $2, status_label = $3,
         current_task = $4, progress = $5
       WHERE id = $6 AND project_id = $7 AND tenant_id = $8 RETURNING id`,
      [...row, rowId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/**
 * Swaps a team row with the one before (`up`) or after (`down`) it.
 *
 * @returns Where the row is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await moveTeamRow(db, scope, rowId, "up");
 * ```
 */
export async function moveTeamRow(
  db: Db,
  scope: ProjectScope,
  rowId: string,
  direction: MoveDirection,
): Promise<Moved | null> {
  return await inProject(db, scope, (tx) => moveInList(tx, team(scope), rowId, direction));
}

/**
 * Deletes a team row; the rows after it move up. Tasks assigned to the member keep the name.
 *
 * @returns The deleted row's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteTeamRow(db, scope, rowId);
 * ```
 */
export async function deleteTeamRow(
  db: Db,
  scope: ProjectScope,
  rowId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, (tx) => deleteFromList(tx, team(scope), rowId));
}
