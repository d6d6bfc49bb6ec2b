/**
 * What the writes of a dashboard's sections share. A section is a table of rows that belong to
 * a tenant's project and keep their order in lists: one list per project (the risks, the
 * phases) or one per value of a column (a phase's tasks, a metric group's rows). Rows of every
 * section are appended, edited, moved and deleted alike; a section's module says only what its
 * rows hold, and each write is one transaction through `inProject`.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import {
  deleteFromList,
  inProject,
  type Moved,
  type MoveDirection,
  moveInList,
  nextPosition,
  type OrderedList,
  plainIdentifier,
  type ProjectScope,
} from "./project_writes.ts";

/**
 * A section's table and how its rows fall into ordered lists.
 *
 * @example
 * ```ts
 * import type { Section } from "./section_writes.ts";
 * const tasks: Section = { table: "tasks", listedBy: "phase_id", stamped: true };
 * ```
 */
export interface Section {
  /** The table, e.g. `risks`. */
  table: string;
  /** The column that splits a project's rows into lists, e.g. `phase_id`; absent, one list. */
  listedBy?: string;
  /**
   * The table `listedBy` points to, e.g. `phases`: a row is added to a list only when that
   * row is in the project. Absent, the caller knows the list is the project's.
   */
  parent?: string;
  /** Whether an edit advances the row's `updated_at`. Default false. */
  stamped?: boolean;
}

/** A row's columns as they are written: column name → value. */
export type Columns = Record<string, unknown>;

/**
 * The ordered list of a section's rows in a project: for a section listed by a column, the
 * list of rows whose column holds `key`.
 *
 * @example
 * ```ts
 * import { sectionList } from "./section_writes.ts";
 * const scope = { tenantId: "t1", projectId: "p1" };
 * const tasksOfPhase = sectionList({ table: "tasks", listedBy: "phase_id" }, scope, "ph1");
 * ```
 */
export function sectionList(section: Section, scope: ProjectScope, key?: unknown): OrderedList {
  const by: Columns = { project_id: scope.projectId, tenant_id: scope.tenantId };
  if (section.listedBy !== undefined) by[section.listedBy] = key;
  return { table: section.table, by };
}

/** The list a row is in, or null when the row is not in the project. */
async function listHolding(
  tx: Queryable,
  section: Section,
  scope: ProjectScope,
  id: string,
): Promise<OrderedList | null> {
  if (section.listedBy === undefined) return sectionList(section, scope);
  const [row] = await tx.query<{ key: unknown }>(
    `SELECT ${plainIdentifier(section.listedBy)} AS key FROM ${plainIdentifier(section.table)}
     WHERE id = $1 AND project_id = $2 AND tenant_id = $3`,
    [id, scope.projectId, scope.tenantId],
  );
  return row === undefined ? null : sectionList(section, scope, row.key);
}

/**
 * Inserts a row at the end of its list, inside a write's transaction. For a section listed by
 * a column, `columns` names the list (e.g. `phase_id`).
 *
 * @returns The new row's id and position.
 * @example
 * ```ts ignore
 * await appendRow(tx, { table: "blockers" }, scope, { text: "Waiting on VPN access" });
 * ```
 */
export async function appendRow(
  tx: Queryable,
  section: Section,
  scope: ProjectScope,
  columns: Columns,
): Promise<{ id: string; position: number } | null> {
  const key = section.listedBy === undefined ? undefined : columns[section.listedBy];
  if (section.parent !== undefined) {
    const parent = await tx.query(
      `SELECT 1 FROM ${plainIdentifier(section.parent)}
       WHERE id = $1 AND project_id = $2 AND tenant_id = $3`,
      [key, scope.projectId, scope.tenantId],
    );
    if (parent.length === 0) return null;
  }
  const position = await nextPosition(tx, sectionList(section, scope, key));
  const names = ["tenant_id", "project_id", ...Object.keys(columns), "position"];
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO ${plainIdentifier(section.table)} (${names.map(plainIdentifier).join(", ")})
     VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING id`,
    [scope.tenantId, scope.projectId, ...Object.values(columns), position],
  );
  return { id: row.id, position };
}

/**
 * Sets columns of a row of the project, inside a write's transaction.
 *
 * @returns The row's id, or null when it is not in the project.
 * @example
 * ```ts ignore
 * await updateRow(tx, { table: "tasks", stamped: true }, scope, taskId, { status: "done" });
 * ```
 */
export async function updateRow(
  tx: Queryable,
  section: Section,
  scope: ProjectScope,
  id: string,
  columns: Columns,
): Promise<{ id: string } | null> {
  const names = Object.keys(columns);
  const set = names.map((name, i) => `${plainIdentifier(name)} = $${i + 1}`);
  if (section.stamped) set.push("updated_at = now()");
  const n = names.length;
  const rows = await tx.query<{ id: string }>(
    `UPDATE ${plainIdentifier(section.table)} SET ${set.join(", ")}
     WHERE id = $${n + 1} AND project_id = $${n + 2} AND tenant_id = $${n + 3} RETURNING id`,
    [...Object.values(columns), id, scope.projectId, scope.tenantId],
  );
  return rows[0] ?? null;
}

/**
 * A section's writes, each one transaction through `inProject` that answers null when the
 * project is not the tenant's or the row is not in it.
 *
 * @example
 * ```ts ignore
 * const risks: SectionWrites = sectionWrites({ table: "risks" });
 * await risks.move(db, scope, riskId, "up");
 * ```
 */
export interface SectionWrites {
  /** Adds a row at the end of its list (see {@linkcode appendRow}). */
  append(
    db: Db,
    scope: ProjectScope,
    columns: Columns,
  ): Promise<{ id: string; position: number } | null>;
  /** Sets columns of a row. */
  update(db: Db, scope: ProjectScope, id: string, columns: Columns): Promise<{ id: string } | null>;
  /** Swaps a row with the one before (`up`) or after (`down`) it in its list. */
  move(db: Db, scope: ProjectScope, id: string, direction: MoveDirection): Promise<Moved | null>;
  /** Deletes a row; the rows after it in its list move up. */
  remove(db: Db, scope: ProjectScope, id: string): Promise<{ id: string } | null>;
}

/**
 * Makes a section's append, update, move and delete from its table and how its rows are
 * listed.
 *
 * @example
 * ```ts ignore
 * const tasks = sectionWrites({ table: "tasks", listedBy: "phase_id", stamped: true });
 * await tasks.remove(db, scope, taskId); // the tasks after it in its phase move up
 * ```
 */
export function sectionWrites(section: Section): SectionWrites {
  return {
    async append(db, scope, columns) {
      return await inProject(db, scope, (tx) => appendRow(tx, section, scope, columns));
    },
    async update(db, scope, id, columns) {
      return await inProject(db, scope, (tx) => updateRow(tx, section, scope, id, columns));
    },
    async move(db, scope, id, direction) {
      return await inProject(db, scope, async (tx) => {
        const list = await listHolding(tx, section, scope, id);
        return list === null ? null : await moveInList(tx, list, id, direction);
      });
    },
    async remove(db, scope, id) {
      return await inProject(db, scope, async (tx) => {
        const list = await listHolding(tx, section, scope, id);
        return list === null ? null : await deleteFromList(tx, list, id);
      });
    },
  };
}

/**
 * A write that sets one column of a row, e.g. a task's `status`.
 *
 * @returns The row's id and the value set, or null when the row is not in the tenant's project.
 * @example
 * ```ts ignore
 * declare const setStatus: ColumnSetter<"status", string>;
 * const task = await setStatus(db, scope, taskId, "done"); // { id, status: "done" }
 * ```
 */
export type ColumnSetter<K extends string, V> = (
  db: Db,
  scope: ProjectScope,
  id: string,
  value: V,
) => Promise<({ id: string } & Record<K, V>) | null>;

/**
 * Makes the write that sets one column of a section's rows.
 *
 * @example
 * ```ts ignore
 * const setDone: ColumnSetter<"done", boolean> = columnSetter({ table: "action_items" }, "done");
 * await setDone(db, scope, itemId, true);
 * ```
 */
export function columnSetter<K extends string, V>(
  section: Section,
  column: K,
): ColumnSetter<K, V> {
  return async function setColumn(db, scope, id, value) {
    const row = await inProject(
      db,
      scope,
      (tx) => updateRow(tx, section, scope, id, { [column]: value }),
    );
    return row && { id: row.id, [column]: value } as { id: string } & Record<K, V>;
  };
}
