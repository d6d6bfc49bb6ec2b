/**
 * Writing weekly milestones and their checklists: add a week at the end, edit or delete it; add
 * an item at the end of a week, tick or untick it, delete it. Every function runs one
 * transaction through `inProject` and answers null when the week or item is not in the
 * tenant's project.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";
import {
  deleteFromList,
  inProject,
  nextPosition,
  optionalText,
  type OrderedList,
  type ProjectScope,
  requiredText,
} from "./project_writes.ts";

/**
 * A week as a form sends it.
 *
 * @example
 * ```ts
 * import type { MilestoneInput } from "./milestones.ts";
 * const week: MilestoneInput = { title: "Week 1", note: "Starting 2025-07-31" };
 * ```
 */
export interface MilestoneInput {
  /** E.g. "Week 1". */
  title: string;
  /** E.g. "Starting 2025-07-31"; empty or null for none. */
  note: string | null;
}

function weeks(scope: ProjectScope): OrderedList {
  return { table: "milestones", by: { project_id: scope.projectId, tenant_id: scope.tenantId } };
}

function itemsOf(scope: ProjectScope, milestoneId: string): OrderedList {
  return { table: "milestone_items", by: { milestone_id: milestoneId, tenant_id: scope.tenantId } };
}

/**
 * Adds a week at the end of the milestones.
 *
 * @returns The new week's id, or null when the project is not the tenant's.
 * @example
 * ```ts ignore
 * await addMilestone(db, scope, { title: "Week 7", note: "Starting 2025-09-11" });
 * ```
 */
export async function addMilestone(
  db: Db,
  scope: ProjectScope,
  input: MilestoneInput,
): Promise<{ id: string } | null> {
  const title = requiredText(input.title, "a milestone's title");
  return await inProject(db, scope, async (tx) => {
    const position = await nextPosition(tx, weeks(scope));
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO milestones (tenant_id, project_id, title, note, position)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [scope.tenantId, scope.projectId, title, optionalText(input.note), position],
    );
    return row;
  });
}

/**
 * Edits a week's title and note.
 *
 * @returns The week's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await updateMilestone(db, scope, milestoneId, { title: "Week 1", note: null });
 * ```
 */
export async function updateMilestone(
  db: Db,
  scope: ProjectScope,
  milestoneId: string,
  input: MilestoneInput,
): Promise<{ id: string } | null> {
  const title = requiredText(input.title, "a milestone's title");
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE milestones SET title = $1, note = $2
       WHERE id = $3 AND project_id = $4 AND tenant_id = $5 RETURNING id`,
      [title, optionalText(input.note), milestoneId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/**
 * Deletes a week with its items; the weeks after it move up.
 *
 * @returns The deleted week's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteMilestone(db, scope, milestoneId);
 * ```
 */
export async function deleteMilestone(
  db: Db,
  scope: ProjectScope,
  milestoneId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, (tx) => deleteFromList(tx, weeks(scope), milestoneId));
}

/**
 * Adds an unticked item at the end of a week.
 *
 * @returns The new item's id, or null when the week is not in the tenant's project.
 * @example
 * ```ts ignore
 * await addMilestoneItem(db, scope, milestoneId, "Redis infrastructure ready");
 * ```
 */
export async function addMilestoneItem(
  db: Db,
  scope: ProjectScope,
  milestoneId: string,
  text: string,
): Promise<{ id: string } | null> {
  const clean = requiredText(text, "a milestone item");
  return await inProject(db, scope, async (tx) => {
    const week = await tx.query(
      "SELECT 1 FROM milestones WHERE id = $1 AND project_id = $2 AND tenant_id = $3",
      [milestoneId, scope.projectId, scope.tenantId],
    );
    if (week.length === 0) return null;
    const position = await nextPosition(tx, itemsOf(scope, milestoneId));
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO milestone_items (tenant_id, project_id, milestone_id, text, position)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [scope.tenantId, scope.projectId, milestoneId, clean, position],
    );
    return row;
  });
}

/**
 * Ticks or unticks a milestone item.
 *
 * @returns The item's id and state, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await setMilestoneItemDone(db, scope, itemId, true);
 * ```
 */
export async function setMilestoneItemDone(
  db: Db,
  scope: ProjectScope,
  itemId: string,
  done: boolean,
): Promise<{ id: string; done: boolean } | null> {
  return await inProject(db, scope, async (tx) => {
    const rows = await tx.query<{ id: string; done: boolean }>(
      `UPDATE milestone_items SET done = $1
       WHERE id = $2 AND project_id = $3 AND tenant_id = $4 RETURNING id, done`,
      [done, itemId, scope.projectId, scope.tenantId],
    );
    return rows[0] ?? null;
  });
}

/**
 * Deletes a milestone item; the items after it in its week move up.
 *
 * @returns The deleted item's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteMilestoneItem(db, scope, itemId);
 * ```
 */
export async function deleteMilestoneItem(
  db: Db,
  scope: ProjectScope,
  itemId: string,
): Promise<{ id: string } | null> {
  return await inProject(db, scope, async (tx) => {
    const milestoneId = await weekOfItem(tx, scope, itemId);
    if (milestoneId === null) return null;
    return await deleteFromList(tx, itemsOf(scope, milestoneId), itemId);
  });
}

async function weekOfItem(
  tx: Queryable,
  scope: ProjectScope,
  itemId: string,
): Promise<string | null> {
  const [row] = await tx.query<{ milestone_id: string }>(
    "SELECT milestone_id FROM milestone_items WHERE id = $1 AND project_id = $2 AND tenant_id = $3",
    [itemId, scope.projectId, scope.tenantId],
  );
  return row?.milestone_id ?? null;
}
