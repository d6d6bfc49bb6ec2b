/**
 * Writing a project's phases: add one at the end, rename it, move it, delete it with its tasks.
 * Every function runs one transaction through `inProject` and answers null when the phase is
 * not in the tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import { plainText, type ProjectScope, requiredText } from "./project_writes.ts";
import { type Columns, type SectionWrites, sectionWrites } from "./section_writes.ts";

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

const phases: SectionWrites = sectionWrites({ table: "phases" });

function columns(input: PhaseInput): Columns {
  return {
    name: requiredText(input.name, "a phase's name"),
    timeframe: plainText(input.timeframe),
  };
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
  return await phases.append(db, scope, columns(input));
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
  return await phases.update(db, scope, phaseId, columns(input));
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
export const movePhase: SectionWrites["move"] = phases.move;

/**
 * Deletes a phase with its tasks; the phases after it move up.
 *
 * @returns The deleted phase's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deletePhase(db, scope, phaseId);
 * ```
 */
export const deletePhase: SectionWrites["remove"] = phases.remove;
