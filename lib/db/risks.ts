/**
 * Writing the risk register: add a risk at the end, edit it, move it, delete it. Every function
 * runs one transaction through `inProject` and answers null when the risk is not in the
 * tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import type { Level } from "../model/types.ts";
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
 * A risk as the forms send it.
 *
 * @example
 * ```ts
 * import type { RiskInput } from "./risks.ts";
 * const risk: RiskInput = {
 *   title: "Vendor delay", impact: "high", probability: "low", mitigation: "Second vendor", owner: "Ops",
 * };
 * ```
 */
export interface RiskInput {
  title: string;
  impact: Level;
  probability: Level;
  mitigation: string;
  owner: string;
}

function risks(scope: ProjectScope): OrderedList {
  return { table: "risks", by: { project_id: scope.projectId, tenant_id: scope.tenantId } };
}

function values(risk: RiskInput): unknown[] {
  return [
    requiredText(risk.title, "a risk's title"),
    risk.impact,
    risk.probability,
    plainText(risk.mitigation),
    plainText(risk.owner),
  ];
}

/**
 * Adds a risk at the end of the register.
 *
 * @returns The new risk's id, or null when the project is not the tenant's.
 * @example
 * ```ts ignore
 * await createRisk(db, scope, {
 *   title: "Vendor delay", impact: "high", probability: "low", mitigation: "", owner: "Ops",
 * });
 * ```
 */
export async function createRisk(
  db: Db,
  scope: ProjectScope,
  risk: RiskInput,
): Promise<{ id: string } | null> {
  const row = values(risk);
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, risks(scope));
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO risks (tenant_id, project_id, title, impact, probability, mitigation, owner,
         position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [scope.tenantId, scope.projectId, ...row, position],
    );
    return inserted;
  });
}

/**
 * Edits a risk of the register.
 *
 * @returns The risk's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updateRisk(db, scope, riskId, { ...risk, probability: "medium" });
 * ```
 */
export async function updateRisk(
  db: Db,
  scope: ProjectScope,
  riskId: string,
  risk: RiskInput,
): Promise<{ id: string } | null> {
  const row = values(risk);
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE risks SET title = $1, impact = $2, probability = $3, mitigation = $4, owner = $5,
         updated_at = now()
       WHERE id = $6 AND project_id = $7 AND tenant_id = $8 RETURNING id`,
      [...row, riskId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/**
 * Swaps a risk with the one before (`up`) or after (`down`) it.
 *
 * @returns Where the risk is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await moveRisk(db, scope, riskId, "up");
 * ```
 */
export async function moveRisk(
  db: Db,
  scope: ProjectScope,
  riskId: string,
  direction: MoveDirection,
): Promise<Moved | null> {
  return await inProject(db, scope, (tx) => moveInList(tx, risks(scope), riskId, direction));
}

/**
 * Deletes a risk; the risks after it move up.
 *
 * @returns The deleted risk's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteRisk(db, scope, riskId);
 * ```
 */
export async function deleteRisk(
  db: Db,
  scope: ProjectScope,
  riskId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, (tx) => deleteFromList(tx, risks(scope), riskId));
}
