/**
 * Writing key accomplishments: a title, who delivered it, and detail bullets. Every function
 * runs one transaction through `inProject` and answers null when the accomplishment is not in
 * the tenant's project.
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
  optionalText,
  type OrderedList,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";

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

function accomplishments(scope: ProjectScope): OrderedList {
  return {
    table: "accomplishments",
    by: { project_id: scope.projectId, tenant_id: scope.tenantId },
  };
}

function values(input: AccomplishmentInput): unknown[] {
  const details = input.details.map((d) => optionalText(d)).filter((d) => d !== null);
  return [
    requiredText(input.title, "an accomplishment's title"),
    optionalText(input.owner),
    details,
  ];
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
  const row = values(input);
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, accomplishments(scope));
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO accomplishments (tenant_id, project_id, title, owner, details, position)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [scope.tenantId, scope.projectId, ...row, position],
    );
    return inserted;
  });
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
  const row = values(input);
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE accomplishments SET title = $1, owner = $2, details = $3
       WHERE id = $4 AND project_id = $5 AND tenant_id = $6 RETURNING id`,
      [...row, accomplishmentId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
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
export async function deleteAccomplishment(
  db: Db,
  scope: ProjectScope,
  accomplishmentId: string,
): Promise<{ id: string } | null> {
  return await inProject(
    db,
    scope,
    (tx) => deleteFromList(tx, accomplishments(scope), accomplishmentId),
  );
}

/**
 * Moves a deliverable one place up or down; at either end nothing moves.
 *
 * @returns Where it is now, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await moveAccomplishment(db, scope, id, "up");
 * ```
 */
export async function moveAccomplishment(
  db: Db,
  scope: ProjectScope,
  id: string,
  direction: MoveDirection,
): Promise<Moved | null> {
  return await inProject(db, scope, (tx) => moveInList(tx, accomplishments(scope), id, direction));
}
