/**
 * What every write to a project shares. Each write is one transaction that first advances the
 * project's `updated_at` and "Last Updated" (locking its row, so writes to one project take
 * turns), and every statement is scoped by tenant and project: an id of another tenant's
 * project changes nothing and the write answers null, which routes turn into a 404.
 *
 * Lists keep their order in a `position` column, unique per list and checked at the end of
 * each statement (004 made those constraints deferrable), so one `UPDATE` can swap two rows or
 * close the gap a deleted row leaves.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import { normalizeText } from "../markdown/mod.ts";

/**
 * Where a write lands: the session's tenant and the project in the URL.
 *
 * @example
 * ```ts
 * import type { ProjectScope } from "./project_writes.ts";
 * const scope: ProjectScope = { tenantId: "t1", projectId: "p1" };
 * ```
 */
export interface ProjectScope {
  tenantId: string;
  projectId: string;
}

/**
 * Which way a row moves in its list: `up` towards the start, `down` towards the end.
 *
 * @example
 * ```ts
 * import type { MoveDirection } from "./project_writes.ts";
 * const towardsTheStart: MoveDirection = "up";
 * ```
 */
export type MoveDirection = "up" | "down";

/**
 * A row's place after a move; `moved` is false at the start or end of its list.
 *
 * @example
 * ```ts
 * import type { Moved } from "./project_writes.ts";
 * declare const moved: Moved;
 * if (!moved.moved) console.log("Already at the edge of its list");
 * ```
 */
export interface Moved {
  id: string;
  position: number;
  moved: boolean;
}

/**
 * "Last Updated" as SQL writes it from `now()`: `YYYY-MM-DD (h:mm AM)` in UTC, the same text
 * `lastUpdatedLabel()` in `lib/model/labels.ts` writes.
 *
 * @example
 * ```ts
 * import { LAST_UPDATED_NOW } from "./project_writes.ts";
 * const sql = `UPDATE projects SET last_updated = ${LAST_UPDATED_NOW} WHERE id = $1`;
 * ```
 */
export const LAST_UPDATED_NOW = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' (' ||
  to_char(now() AT TIME ZONE 'UTC', 'FMHH12:MI AM') || ')'`;

class NotFound extends Error {}

/**
 * Runs `write` in one transaction after advancing the project's `updated_at` and
 * `last_updated`. When the project is not the tenant's, or `write` returns null, nothing is
 * written and the result is null.
 *
 * @param db The database.
 * @param scope The tenant and project.
 * @param write The statements; return null for "not found" to roll everything back.
 * @example
 * ```ts ignore
 * const renamed = await inProject(db, scope, async (tx) => {
 *   const rows = await tx.query("UPDATE phases SET name = $1 WHERE id = $2 AND project_id = $3
 *     RETURNING id", ["Build", phaseId, scope.projectId]);
 *   return rows[0] ?? null;
 * });
 * ```
 */
export async function inProject<T>(
  db: Db,
  scope: ProjectScope,
  write: (tx: Queryable) => Promise<T | null>,
): Promise<T | null> {
  return await db.transaction(async (tx) => {
    const touched = await tx.query(
      `UPDATE projects SET updated_at = now(), last_updated = ${LAST_UPDATED_NOW}
       WHERE id = $1 AND tenant_id = $2 RETURNING id`,
      [scope.projectId, scope.tenantId],
    );
    if (touched.length === 0) return null;
    const result = await write(tx);
    // Nothing matched: undo the touch so a bad id leaves no trace.
    if (result === null) throw new NotFound();
    return result;
  }).catch((error) => {
    if (error instanceof NotFound) return null;
    throw error;
  });
}

/**
 * One ordered list: a table and the columns that pick the list's rows out of it, e.g. the
 * tasks of one phase are `{ table: "tasks", by: { phase_id: id } }`.
 *
 * @example
 * ```ts
 * import type { OrderedList } from "./project_writes.ts";
 * const tasksOfPhase: OrderedList = { table: "tasks", by: { phase_id: "ph1", tenant_id: "t1" } };
 * ```
 */
export interface OrderedList {
  table: string;
  by: Record<string, unknown>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function where(list: OrderedList, first: number): { sql: string; params: unknown[] } {
  const columns = Object.keys(list.by);
  for (const name of [list.table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new TypeError(`"${name}" is not a plain identifier`);
  }
  const sql = columns.map((column, i) => `${column} = $${first + i}`).join(" AND ");
  return { sql, params: Object.values(list.by) };
}

/**
 * The position after the last row of a list (0 for an empty list).
 *
 * @example
 * ```ts ignore
 * const position = await nextPosition(tx, { table: "risks", by: { project_id: projectId } });
 * ```
 */
export async function nextPosition(tx: Queryable, list: OrderedList): Promise<number> {
  const filter = where(list, 1);
  const [row] = await tx.query<{ next: number }>(
    `SELECT coalesce(max(position) + 1, 0)::int AS next FROM ${list.table} WHERE ${filter.sql}`,
    filter.params,
  );
  return Number(row.next);
}

/**
 * Swaps a row with its neighbour in its list.
 *
 * @returns Where the row is now, or null when it is not in the list.
 * @example
 * ```ts ignore
 * await moveInList(tx, { table: "phases", by: { project_id: projectId } }, phaseId, "up");
 * ```
 */
export async function moveInList(
  tx: Queryable,
  list: OrderedList,
  id: string,
  direction: MoveDirection,
): Promise<Moved | null> {
  const filter = where(list, 2);
  const [row] = await tx.query<{ position: number }>(
    `SELECT position FROM ${list.table} WHERE id = $1 AND ${filter.sql} FOR UPDATE`,
    [id, ...filter.params],
  );
  if (row === undefined) return null;
  const position = Number(row.position);
  const [compare, order] = direction === "up" ? ["<", "DESC"] : [">", "ASC"];
  const neighbourFilter = where(list, 3);
  const [neighbour] = await tx.query<{ id: string; position: number }>(
    `SELECT id, position FROM ${list.table}
     WHERE position ${compare} $1 AND id <> $2 AND ${neighbourFilter.sql}
     ORDER BY position ${order} LIMIT 1 FOR UPDATE`,
    [position, id, ...neighbourFilter.params],
  );
  if (neighbour === undefined) return { id, position, moved: false };
  await tx.query(
    `UPDATE ${list.table} SET position = CASE id WHEN $1::uuid THEN $2::int ELSE $3::int END
     WHERE id IN ($1::uuid, $4::uuid)`,
    [id, Number(neighbour.position), position, neighbour.id],
  );
  return { id, position: Number(neighbour.position), moved: true };
}

/**
 * Deletes a row of a list and moves the rows after it up by one, so positions stay 0, 1, 2…
 *
 * @returns The deleted row's id, or null when it is not in the list.
 * @example
 * ```ts ignore
 * await deleteFromList(tx, { table: "risks", by: { project_id: projectId } }, riskId);
 * ```
 */
export async function deleteFromList(
  tx: Queryable,
  list: OrderedList,
  id: string,
): Promise<{ id: string } | null> {
  const filter = where(list, 2);
  const [row] = await tx.query<{ position: number }>(
    `DELETE FROM ${list.table} WHERE id = $1 AND ${filter.sql} RETURNING position`,
    [id, ...filter.params],
  );
  if (row === undefined) return null;
  const after = where(list, 2);
  await tx.query(
    `UPDATE ${list.table} SET position = position - 1 WHERE position > $1 AND ${after.sql}`,
    [Number(row.position), ...after.params],
  );
  return { id };
}

/**
 * A text a person typed, as the dashboard keeps it: one trimmed line (line breaks become
 * spaces). Throws when a required text is empty.
 *
 * @param text The input.
 * @param what What it is, for the error: e.g. `"a task's title"`.
 * @throws {RangeError} When the text is empty.
 * @example
 * ```ts
 * import { requiredText } from "./project_writes.ts";
 * console.log(requiredText("  Deploy\nthe cache ", "a task's title")); // "Deploy the cache"
 * ```
 */
export function requiredText(text: string, what: string): string {
  const clean = normalizeText(text);
  if (clean === "") throw new RangeError(`Cannot save ${what}: it is empty`);
  return clean;
}

/**
 * An optional text a person typed: one trimmed line, or null when empty.
 *
 * @example
 * ```ts
 * import { optionalText } from "./project_writes.ts";
 * console.log(optionalText("  "), optionalText(" ada ")); // null "ada"
 * ```
 */
export function optionalText(text: string | null | undefined): string | null {
  const clean = normalizeText(text ?? "");
  return clean === "" ? null : clean;
}

/**
 * A text a person typed that may be empty: one trimmed line.
 *
 * @example
 * ```ts
 * import { plainText } from "./project_writes.ts";
 * console.log(plainText(" a\nb ")); // "a b"
 * ```
 */
export function plainText(text: string | null | undefined): string {
  return normalizeText(text ?? "");
}
