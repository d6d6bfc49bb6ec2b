/**
 * Writing key accomplishments: a title, who delivered it, and detail bullets. Every function
 * runs one transaction through `inProject` and answers null when the accomplishment is not in
 * the tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import { optionalText, type ProjectScope, requiredText } from "./project_writes.ts";
import { type Columns, type SectionWrites, sectionWrites } from "./section_writes.ts";

/**
 * An accomplishment as a form sends it.
 *
 * @example
 * ```ts
 * import type { AccomplishmentInput } from "./accomplishments.ts";
 * const input: AccomplishmentInput = { title: "Docs", owner: null, details: ["User guide"] };
 * ```
 */
export interface AccomplishmentInput {
  title: string;
  /** Who delivered it; empty or null for nobody in particular. */
  owner: string | null;
  /** Detail bullets; empty ones are dropped. */
  details: string[];
}

const accomplishments: SectionWrites = sectionWrites({ table: "accomplishments" });

function columns(input: AccomplishmentInput): Columns {
  return {
    title: requiredText(input.title, "an accomplishment's title"),
    owner: optionalText(input.owner),
    details: input.details.map((d) => optionalText(d)).filter((d) => d !== null),
  };
}

/**
 * Adds an accomplishment at the end of the list.
 *
 * @returns The new accomplishment's id, or null when the project is not the tenant's.
 * @example
 * ```ts ignore
 * await addAccomplishment(db, scope, {
 *   title: "Cache Infrastructure", owner: "pgvector-data-architect", details: ["Key strategy"],
 * });
 * ```
 */
export async function addAccomplishment(
  db: Db,
  scope: ProjectScope,
  input: AccomplishmentInput,
): Promise<{ id: string } | null> {
  const added = await accomplishments.append(db, scope, columns(input));
  return added && { id: added.id };
}

/**
 * Edits an accomplishment's title, owner and details.
 *
 * @returns The accomplishment's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updateAccomplishment(db, scope, id, { title: "Cache", owner: null, details: [] });
 * ```
 */
export async function updateAccomplishment(
  db: Db,
  scope: ProjectScope,
  accomplishmentId: string,
  input: AccomplishmentInput,
): Promise<{ id: string } | null> {
  return await accomplishments.update(db, scope, accomplishmentId, columns(input));
}

/**
 * Deletes an accomplishment; the ones after it move up.
 *
 * @returns The deleted accomplishment's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteAccomplishment(db, scope, id);
 * ```
 */
export const deleteAccomplishment: SectionWrites["remove"] = accomplishments.remove;

/**
 * Moves a deliverable one place up or down; at either end nothing moves.
 *
 * @returns Where it is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await moveAccomplishment(db, scope, id, "up");
 * ```
 */
export const moveAccomplishment: SectionWrites["move"] = accomplishments.move;
