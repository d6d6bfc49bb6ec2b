/**
 * Writing the risk register: add a risk at the end, edit it, move it, delete it. Every function
 * runs one transaction through `inProject` and answers null when the risk is not in the
 * tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import type { Level } from "../model/types.ts";
import { plainText, type ProjectScope, requiredText } from "./project_writes.ts";
import { type Columns, type SectionWrites, sectionWrites } from "./section_writes.ts";

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

const risks: SectionWrites = sectionWrites({ table: "risks", stamped: true });

function columns(risk: RiskInput): Columns {
  return {
    title: requiredText(risk.title, "a risk's title"),
    impact: risk.impact,
    probability: risk.probability,
    mitigation: plainText(risk.mitigation),
    owner: plainText(risk.owner),
  };
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
  const added = await risks.append(db, scope, columns(risk));
  return added && { id: added.id };
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
  return await risks.update(db, scope, riskId, columns(risk));
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
export const moveRisk: SectionWrites["move"] = risks.move;

/**
 * Deletes a risk; the risks after it move up.
 *
 * @returns The deleted risk's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteRisk(db, scope, riskId);
 * ```
 */
export const deleteRisk: SectionWrites["remove"] = risks.remove;
