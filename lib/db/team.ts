/**
 * Writing the team table: add a row at the end, edit it, move it, delete it. Every function
 * runs one transaction through `inProject` and answers null when the row is not in the
 * tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import type { Health } from "../model/types.ts";
import { plainText, type ProjectScope, requiredText } from "./project_writes.ts";
import { type Columns, type SectionWrites, sectionWrites } from "./section_writes.ts";

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

const team: SectionWrites = sectionWrites({ table: "team_assignments" });

function columns(input: TeamRowInput): Columns {
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100) {
    throw new RangeError(`Cannot save a team row: progress ${input.progress} is not 0 to 100`);
  }
  return {
    member: requiredText(input.member, "a team member's name"),
    status: input.health,
    status_label: plainText(input.statusLabel),
    current_task: plainText(input.currentTask),
    progress: input.progress,
  };
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
  return await team.append(db, scope, columns(input));
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
  return await team.update(db, scope, rowId, columns(input));
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
export const moveTeamRow: SectionWrites["move"] = team.move;

/**
 * Deletes a team row; the rows after it move up. Tasks assigned to the member keep the name.
 *
 * @returns The deleted row's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteTeamRow(db, scope, rowId);
 * ```
 */
export const deleteTeamRow: SectionWrites["remove"] = team.remove;
