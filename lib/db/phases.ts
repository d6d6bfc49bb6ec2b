/**
 * Writing a project's phases: add one at the end, rename it, move it, delete it with its tasks.
 * Every function runs one transaction through `inProject` and answers null when the phase is
 * not in the tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
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
 * A phase as a form sends it.
 *
 * @example
 * ```ts
 * import type { PhaseInput } from "./phases.ts";
 * const phase: PhaseInput = { name: "Foundation", timeframe: "Week 1" };
 * ```
 */
export interface PhaseInput {
  /** E.g. "Foundation". */
  name: string;
  /** E.g. "Week 1"; may be empty. */
  timeframe: string;
}

function phases(scope: ProjectScope): OrderedList {
  return { table: "phases", by: { project_id: scope.projectId, tenant_id: scope.tenantId } };
}

/**
 * Adds a phase after the last one.
 *
 * @returns The new phase's id and position, or null when the project is not the tenant's.
 * @example
 * ```ts ignore
 * const phase = await addPhase(db, scope, { name: "Rollout", timeframe: "Week 7" });
 * ```
 */
export async function addPhase(
  db: Db,
  scope: ProjectScope,
  input: PhaseInput,
): Promise<{ id: string; position: number } | null> {
  const name = requiredText(input.name, "a phase's name");
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, phases(scope));
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO phases (tenant_id, project_id, name, timeframe, position)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [scope.tenantId, scope.projectId, name, plainText(input.timeframe), position],
    );
    return { id: row.id, position };
  });
}

/**
 * Renames a phase and sets its timeframe.
 *
 * @returns The phase's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updatePhase(db, scope, phaseId, { name: "Foundation", timeframe: "Weeks 1-2" });
 * ```
 */
export async function updatePhase(
  db: Db,
  scope: ProjectScope,
  phaseId: string,
  input: PhaseInput,
): Promise<{ id: string } | null> {
  const name = requiredText(input.name, "a phase's name");
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE phases SET name = $1, timeframe = $2
       WHERE id = $3 AND project_id = $4 AND tenant_id = $5 RETURNING id`,
      [name, plainText(input.timeframe), phaseId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/**
 * Swaps a phase with the one before (`up`) or after (`down`) it; at either end nothing moves.
 *
 * @returns Where the phase is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * const moved = await movePhase(db, scope, phaseId, "up");
 * ```
 */
export async function movePhase(
  db: Db,
  scope: ProjectScope,
  phaseId: string,
  direction: MoveDirection,
): Promise<Moved | null> {
  return await inProject(db, scope, (tx) => moveInList(tx, phases(scope), phaseId, direction));
}

/**
 * Deletes a phase with its tasks; the phases after it move up.
 *
 * @returns The deleted phase's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deletePhase(db, scope, phaseId);
 * ```
 */
export async function deletePhase(
  db: Db,
  scope: ProjectScope,
  phaseId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, (tx) => deleteFromList(tx, phases(scope), phaseId));
}
