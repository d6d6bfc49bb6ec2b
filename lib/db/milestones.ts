/**
 * Writing weekly milestones and their checklists: add a week at the end, edit or delete it; add
 * an item at the end of a week, tick or untick it, delete it. Every function runs one
 * transaction through `inProject` and answers null when the week or item is not in the
 * tenant's project.
 *
 * @module
 */
import type { Db } from "./connection.ts";
import { inProject, optionalText, type ProjectScope, requiredText } from "./project_writes.ts";
import {
  appendRow,
  type ColumnSetter,
  columnSetter,
  type Section,
  type SectionWrites,
  sectionWrites,
} from "./section_writes.ts";

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

const weeks: SectionWrites = sectionWrites({ table: "milestones" });
const ITEMS: Section = { table: "milestone_items", listedBy: "milestone_id", parent: "milestones" };
const items: SectionWrites = sectionWrites(ITEMS);

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
  const added = await weeks.append(db, scope, { title, note: optionalText(input.note) });
  return added && { id: added.id };
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
  return await weeks.update(db, scope, milestoneId, { title, note: optionalText(input.note) });
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
export const deleteMilestone: SectionWrites["remove"] = weeks.remove;

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
    const added = await appendRow(tx, ITEMS, scope, { milestone_id: milestoneId, text: clean });
    return added && { id: added.id };
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
export const setMilestoneItemDone: ColumnSetter<"done", boolean> = columnSetter(ITEMS, "done");

/**
 * Deletes a milestone item; the items after it in its week move up.
 *
 * @returns The deleted item's id, or null when it is not in the tenant's project.
 * @example
 * ```ts ignore
 * await deleteMilestoneItem(db, scope, itemId);
 * ```
 */
export const deleteMilestoneItem: SectionWrites["remove"] = items.remove;
